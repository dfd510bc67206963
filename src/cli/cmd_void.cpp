// `roller undo` and `roller void ID`: correct a mistake by appending a void record that
// hides another record. Nothing is ever deleted.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller undo`'s and `roller void ID`'s options, as typed (undo has no ID).
struct VoidOptions {
  std::string id;
  bool force = false;
};

// Fewer digits than this match too much by accident.
constexpr std::size_t min_prefix = 4;

// Under the log's exclusive lock: picks the record to void, appends the void, reports it.
template <typename Pick>
int append_void(const VoidOptions& options, Context& c, Pick&& pick) {
  // With no log there is nothing to void, and a refusal must not create the file: over an
  // empty log, `pick` throws the usage error it would have thrown after opening.
  if (!c.log_exists()) (void)pick(LogData{});
  auto [file, log] = c.open_log_for_writing(options.force);
  const Event target = pick(log);
  // Voiding a void restores what it hid: say what comes back.
  const Event* restored = nullptr;
  if (target.kind == RecordKind::void_record) {
    bool hidden_otherwise = false;  // another counted void hides it too
    for (const Event& e : log.events) {
      if (e.id == target.target) restored = &e;
      if (e.kind == RecordKind::void_record && e.target == target.target && e.id != target.id &&
          log.counts(e)) {
        hidden_otherwise = true;
      }
    }
    if (hidden_otherwise) restored = nullptr;
  }
  const std::uint64_t id = new_id(log);
  file.append(Record{c.now, "void", {{"id", format_id(id)}, {"target", format_id(target.id)}}});
  c.out << fmt::format("Voided the {} (id {})\n", describe_record(target, log, c.now.utc),
                       format_id(target.id).substr(0, 8));
  if (restored != nullptr && restored->kind == RecordKind::void_record) {
    // The void comes back into force, and hides its own target again.
    for (const Event& e : log.events) {
      if (e.id != restored->target) continue;
      c.out << fmt::format("Voided the {} (id {}) again\n", describe_record(e, log, c.now.utc),
                           format_id(e.id).substr(0, 8));
    }
  } else if (restored != nullptr) {
    c.out << fmt::format("Restored the {} (id {})\n", describe_record(*restored, log, c.now.utc),
                         format_id(restored->id).substr(0, 8));
  }
  return 0;
}

void setup_undo(CLI::App& cmd, VoidOptions& options) {
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "Newest means last written to the log. The record stays in the log; a void record\n"
      "that hides it is appended. Undoing a void restores the record it hid, so a second\n"
      "undo redoes what the first undid.\n\n"
      "Example:\n"
      "  roller undo");
}

int run_undo(const VoidOptions& options, Context& c) {
  return append_void(options, c, [&](const LogData& log) {
    for (auto it = log.events.rbegin(); it != log.events.rend(); ++it) {
      if (log.counts(*it)) return *it;
    }
    throw UsageError(log.events.empty() ? "nothing to undo: the log has no records"
                                        : "nothing to undo: every record of the log is voided");
  });
}

void setup_void(CLI::App& cmd, VoidOptions& options) {
  cmd.add_option("ID", options.id, "The record's id, or its first 4 or more hex digits")
      ->required()
      ->check(non_empty());
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "Ids are shown by `roller log`, `roller history --json` and in the log itself.\n\n"
      "Example:\n"
      "  roller void 9f2c4e1a");
}

int run_void(const VoidOptions& options, Context& c) {
  const std::string& prefix = options.id;
  const bool hex = std::all_of(prefix.begin(), prefix.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  });
  if (!hex || prefix.size() < min_prefix || prefix.size() > 16) {
    throw UsageError(
        fmt::format("void: '{}' is not an id (4 to 16 hex digits)", printable(prefix)));
  }
  return append_void(options, c, [&](const LogData& log) {
    const std::vector<const Event*> found = find_by_id_prefix(log, prefix);
    if (found.empty()) {
      throw UsageError(fmt::format("void: no record has an id starting '{}'", prefix));
    }
    if (found.size() > 1) {
      std::vector<std::string> ids;
      for (const Event* event : found) ids.push_back(format_id(event->id));
      throw UsageError(fmt::format("void: '{}' matches {} records ({}); give more digits", prefix,
                                   found.size(), fmt::join(ids, ", ")));
    }
    const Event& target = *found.front();
    if (!log.counts(target)) {
      throw UsageError(
          fmt::format("void: the {} is voided already", describe_record(target, log, c.now.utc)));
    }
    return target;
  });
}

}  // namespace

const Command undo_command{"undo",
                           "Revert the newest change to the log, whatever it was (a void included)",
                           with_options<VoidOptions, setup_undo, run_undo>};

const Command void_command{
    "void", "Void one record by its id (or a unique prefix); voiding a void restores its target",
    with_options<VoidOptions, setup_void, run_void>};

}  // namespace roller::cli
