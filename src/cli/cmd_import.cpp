// `roller import FILE`: merges another device's roller log into this one. Records whose ids
// this log lacks are appended with their own times; nothing else changes, so importing
// twice adds nothing. A record whose id this log holds with other content is a conflict:
// reported and left out. The judge then reads the merged history, and every session it
// would now refuse, and did not before, is reported: an imported one, or one of this log
// that an imported session or hold now crowds.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "commands.hpp"
#include "roller/audit.hpp"
#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "roller/photo_store.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller import`'s options, as typed.
struct ImportOptions {
  std::string file;
  bool force = false;
};

// The lines of a log's text, numbered from 1, the last one whether or not it has its
// newline; a BOM and CR line ends are dropped as the reader drops them.
// "2 sessions", "1 cleaning": how the summary counts each kind of record.
std::string count_of(std::string_view kind, std::size_t n) {
  static const std::map<std::string_view, std::pair<std::string_view, std::string_view>> nouns = {
      {"session", {"session", "sessions"}},   {"clean", {"cleaning", "cleanings"}},
      {"replace", {"new head", "new heads"}}, {"void", {"void", "voids"}},
      {"hold", {"hold", "holds"}},            {"release", {"release of holds", "releases of holds"}},
      {"photo", {"photo", "photos"}},
  };
  const auto found = nouns.find(kind);
  if (found == nouns.end()) return fmt::format("{} '{}' record{}", n, kind, n == 1 ? "" : "s");
  return fmt::format("{} {}", n, n == 1 ? found->second.first : found->second.second);
}

// Photos travel beside a log, not in it: says which photos the other log names that are not
// in this log's photo folder, each once, and where they may be found (the other log's own
// photo folder when it holds them).
void report_lacking_photos(const LogData& theirs, const std::filesystem::path& source,
                           const std::filesystem::path& ours, Context& c) {
  const std::filesystem::path folder = photos_folder(ours);
  std::vector<const Event*> lacking;
  std::set<std::string_view> seen;
  for (const Event* e : missing_photos(theirs, folder)) {
    if (seen.insert(theirs.photos[e->detail].hash).second) lacking.push_back(e);
  }
  if (lacking.empty()) return;
  const std::filesystem::path other = photos_folder(source);
  const bool there = std::any_of(lacking.begin(), lacking.end(), [&](const Event* e) {
    return photo_present(other, theirs.photos[e->detail].hash);
  });
  const std::size_t n = lacking.size();
  c.out << fmt::format("{} photo{} named by the imported log {} not in {}: copy {} from {}\n", n,
                       n == 1 ? "" : "s", n == 1 ? "is" : "are",
                       printable(folder.string(), uncut), n == 1 ? "it" : "them",
                       there ? printable(other.string(), uncut) : "the other device");
  // The first few: each is a file to copy, named by its hash; `photo list` shows the rest.
  constexpr std::size_t listed = 10;
  for (std::size_t i = 0; i < n && i < listed; ++i) {
    const PhotoDetail& photo = theirs.photos[lacking[i]->detail];
    c.out << fmt::format("  {}  {}\n", photo.hash, printable(photo.file));
  }
  if (n > listed) c.out << fmt::format("  and {} more: roller photo list shows them\n", n - listed);
}

void setup_import(CLI::App& cmd, ImportOptions& options) {
  cmd.add_option("FILE", options.file, "The other log")->required()->check(non_empty());
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "Appends the records whose ids this log does not have yet, keeping their times; running\n"
      "it again adds nothing. Lines of FILE that cannot be read are reported and skipped. A\n"
      "record whose id this log holds with other content is a conflict: reported, not\n"
      "imported, exit status 1. Imported sessions that break a rule over the merged history\n"
      "are reported, and so are the photos FILE names that this device does not have.\n\n"
      "Example:\n"
      "  roller import ~/phone/roller.log");
}

int run_import(const ImportOptions& options, Context& c) {
  const std::filesystem::path source = options.file;
  // Read the other log and let go of its lock before locking ours: they may be one file.
  // Both are streamed: what is kept is their events and the records to copy.
  LogData theirs;
  std::vector<Record> their_records;  // one for each of theirs.events
  {
    const auto other = LogFile::open_shared(source, c.lock_wait());
    if (!other) {
      throw FileError(
          fmt::format("{}: cannot open the log: No such file or directory", source.string()));
    }
    theirs = other->load();
    std::vector<std::uint32_t> wanted;
    wanted.reserve(theirs.events.size());
    for (const Event& e : theirs.events) wanted.push_back(e.line);
    their_records = other->records(wanted);
  }
  // The files as messages name them: a folder's name may hold an escape sequence.
  const std::string from = printable(source.string(), uncut);
  const std::string into = printable(c.log_path().string(), uncut);
  for (const auto& p : theirs.problems) {
    c.warn(fmt::format("{}:{}: {}; skipped", from, p.line, p.message));
  }
  for (const auto& n : theirs.notices) {
    if (!n.harmless && !n.settled) {
      c.warn(
          fmt::format("{}:{}: the last line has no newline and does not read (cut short by "
                      "a crash?); skipped",
                      from, n.line));
    }
  }

  auto [file, ours] = c.open_log_for_writing(options.force);
  // What this log breaks already, so that only what the import adds is reported.
  std::set<std::pair<std::uint64_t, Rule>> broken_before;
  {
    const Judge before(c.profile(), ours);
    for (const Finding& f : audit_log(ours, before)) {
      if (f.kind == "rule" && f.id) broken_before.emplace(*f.id, f.rule);
    }
  }
  std::unordered_map<std::uint64_t, std::uint32_t> our_line;
  for (const Event& e : ours.events) our_line.emplace(e.id, e.line);
  // Our lines whose ids the other log has too, read to compare their content.
  std::vector<std::uint32_t> shared;
  for (const Event& e : theirs.events) {
    if (const auto here = our_line.find(e.id); here != our_line.end()) shared.push_back(here->second);
  }
  std::sort(shared.begin(), shared.end());
  shared.erase(std::unique(shared.begin(), shared.end()), shared.end());
  const std::vector<Record> shared_records =
      shared.empty() ? std::vector<Record>{} : file.records(shared);
  const auto our_record_at = [&](std::uint32_t line) -> const Record& {
    return shared_records[static_cast<std::size_t>(
        std::lower_bound(shared.begin(), shared.end(), line) - shared.begin())];
  };

  std::vector<Record> added;
  std::unordered_set<std::uint64_t> added_ids;
  std::map<std::string, std::size_t> kinds;
  std::size_t present = 0;
  std::size_t conflicts = 0;
  for (std::size_t i = 0; i < theirs.events.size(); ++i) {
    const Event& e = theirs.events[i];
    Record& record = their_records[i];
    const auto here = our_line.find(e.id);
    if (here != our_line.end()) {
      if (our_record_at(here->second) == record) {
        ++present;
      } else {
        ++conflicts;
        c.warn(fmt::format("{}:{}: id {} is on line {} of {} with other content; not imported",
                           from, e.line, format_id(e.id), here->second, into));
      }
      continue;
    }
    if (!added_ids.insert(e.id).second) {
      ++conflicts;
      c.warn(fmt::format("{}:{}: id {} is used by an earlier line of this file; not imported", from,
                         e.line, format_id(e.id)));
      continue;
    }
    ++kinds[record.kind];
    added.push_back(std::move(record));
  }
  file.append_all(added);

  std::vector<std::string> parts;
  for (const auto& [kind, count] : kinds) parts.push_back(count_of(kind, count));
  c.out << fmt::format("Imported {} record{} from {}{}; {} {} here already\n", added.size(),
                       added.size() == 1 ? "" : "s", from,
                       parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, ", ")), present,
                       present == 1 ? "was" : "were");

  // The rules over both histories: what the imported sessions break is said now, not found
  // later by chance.
  if (!added.empty()) {
    const LogData merged = file.load();
    const Judge judge(c.profile(), merged);
    for (const Finding& f : audit_log(merged, judge)) {
      if (f.kind != "rule" || !f.id || broken_before.count({*f.id, f.rule}) != 0) continue;
      c.warn(fmt::format("{}:{}: {}{}", into, f.line,
                         added_ids.count(*f.id) != 0 ? "imported " : "", f.message));
    }
  }
  report_lacking_photos(theirs, source, c.log_path(), c);
  if (conflicts > 0) {
    throw FileError(fmt::format("{}: {} record{} conflict{} with this log and {} not imported",
                                from, conflicts, conflicts == 1 ? "" : "s",
                                conflicts == 1 ? "s" : "", conflicts == 1 ? "was" : "were"));
  }
  return 0;
}

}  // namespace

const Command import_command{"import", "Merge another device's roller log into this one",
                             with_options<ImportOptions, setup_import, run_import>};

}  // namespace roller::cli
