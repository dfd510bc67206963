// `roller import FILE`: merges another device's roller log into this one. Records whose ids
// this log lacks are appended with their own times; nothing else changes, so importing
// twice adds nothing. The rules then apply over both histories.
#include <fmt/format.h>

#include <map>
#include <ostream>
#include <unordered_set>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "roller/text.hpp"

namespace roller::cli {

CLI::App* setup_import(CLI::App& app, ImportOptions& options) {
  CLI::App* cmd = app.add_subcommand("import", "Merge another device's roller log into this one");
  cmd->add_option("FILE", options.file, "The other log")->required()->check(non_empty());
  cmd->footer(
      "Appends the records whose ids this log does not have yet, keeping their times; running\n"
      "it again adds nothing. Lines of FILE that cannot be read are reported and skipped.\n\n"
      "Example:\n"
      "  roller import ~/phone/roller.log");
  return cmd;
}

int run_import(const ImportOptions& options, Context& c) {
  const std::filesystem::path source = options.file;
  // Read the other log and let go of its lock before locking ours: they may be one file.
  const std::string text = [&] {
    const auto other = LogFile::open_shared(source);
    if (!other) {
      throw FileError(
          fmt::format("{}: cannot open the log: No such file or directory", source.string()));
    }
    return other->read_text();
  }();
  const LogData theirs = parse_log(text, source.string());
  for (const auto& p : theirs.problems) {
    c.warn(fmt::format("{}:{}: {}; skipped", source.string(), p.line, p.message));
  }
  std::unordered_set<std::uint32_t> good_lines;
  for (const Event& e : theirs.events) good_lines.insert(e.line);

  LogFile file = LogFile::open_exclusive(c.log_path());
  const LogData ours = file.load();
  c.report_log_issues(ours);
  std::unordered_set<std::uint64_t> ids;
  for (const Event& e : ours.events) ids.insert(e.id);

  std::vector<Record> added;
  std::map<std::string, std::size_t> kinds;
  std::size_t present = 0;
  std::uint32_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a torn last line is never imported
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++number;
    if (good_lines.count(number) == 0) continue;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    auto record = std::get<Record>(parse_record(line));
    const std::uint64_t id = *parse_id(*record.get("id"));
    if (!ids.insert(id).second) {
      ++present;
      continue;
    }
    ++kinds[record.kind];
    added.push_back(std::move(record));
  }
  file.append_all(added);

  std::vector<std::string> parts;
  for (const auto& [kind, count] : kinds) parts.push_back(fmt::format("{} {}", count, kind));
  c.out << fmt::format("Imported {} record{} from {}{}; {} {} here already\n", added.size(),
                       added.size() == 1 ? "" : "s", source.string(),
                       parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, ", ")), present,
                       present == 1 ? "was" : "were");
  return 0;
}

}  // namespace roller::cli
