// `roller undo` and `roller void ID`: correct a mistake by appending a void record that
// hides another record. Nothing is ever deleted.
#include <fmt/format.h>

#include <optional>
#include <ostream>
#include <unordered_map>

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

// Says what a void of `target` hid, and, when `target` is itself a void, what comes back.
void report_voided(const Event& target, const LogData& log, const Context& c) {
  c.out << fmt::format("Voided the {} (id {})\n", describe_record(target, log, c.now.utc),
                       format_id(target.id).substr(0, 8));
  if (target.kind != RecordKind::void_record) return;
  // Voiding a void restores what it hid, unless another counted void hides it too.
  const Event* restored = nullptr;
  for (const Event& e : log.events) {
    if (e.id == target.target) restored = &e;
    if (e.kind == RecordKind::void_record && e.target == target.target && e.id != target.id &&
        log.counts(e)) {
      return;
    }
  }
  if (restored == nullptr) return;
  if (restored->kind == RecordKind::void_record) {
    // The void comes back into force, and hides its own target again.
    for (const Event& e : log.events) {
      if (e.id != restored->target) continue;
      c.out << fmt::format("Voided the {} (id {}) again\n", describe_record(e, log, c.now.utc),
                           format_id(e.id).substr(0, 8));
    }
  } else {
    c.out << fmt::format("Restored the {} (id {})\n", describe_record(*restored, log, c.now.utc),
                         format_id(restored->id).substr(0, 8));
  }
}

// Under the log's exclusive lock: picks the record to void, appends the void, reports it.
// With `whole_sitting`, a session of a sitting takes the sitting's other counted sessions
// with it: `undo` reverts one change, and a sitting was written as one.
template <typename Pick>
int append_void(const VoidOptions& options, Context& c, Pick&& pick, bool whole_sitting = false) {
  // With no log there is nothing to void, and a refusal must not create the file: over an
  // empty log, `pick` throws the usage error it would have thrown after opening.
  if (!c.log_exists()) (void)pick(LogData{});
  auto [file, log] = c.open_log_for_writing(options.force);
  const Event target = pick(log);
  // The sitting a record belongs to: a session's own, or the one of the session a void hides.
  std::unordered_map<std::uint64_t, const Event*> by_id;
  if (whole_sitting) {
    for (const Event& e : log.events) by_id.emplace(e.id, &e);
  }
  const auto sitting_of = [&](const Event& e) -> std::optional<std::uint64_t> {
    const Event* session = &e;
    // Through voids of voids (a chain no longer than the log: a cycle ends the walk).
    for (std::size_t hops = 0; session != nullptr && session->kind == RecordKind::void_record &&
                               hops < log.events.size();
         ++hops) {
      const auto hidden = by_id.find(session->target);
      session = hidden == by_id.end() ? nullptr : hidden->second;
    }
    if (session == nullptr || session->kind != RecordKind::session || !session->in_sitting) {
      return std::nullopt;
    }
    return session->target;
  };
  const std::optional<std::uint64_t> sitting =
      whole_sitting ? sitting_of(target) : std::nullopt;
  std::vector<const Event*> targets;
  for (const Event& e : log.events) {
    const bool same_change = sitting && e.kind == target.kind && log.counts(e) &&
                             sitting_of(e) == sitting;
    if (e.id == target.id || same_change) targets.push_back(&e);
  }
  std::vector<Record> voids;
  std::vector<std::uint64_t> ids;
  for (const Event* e : targets) {
    std::uint64_t id = new_id(log);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id = new_id(log);
    ids.push_back(id);
    voids.push_back(Record{c.now, "void", {{"id", format_id(id)}, {"target", format_id(e->id)}}});
  }
  file.append_all(voids);
  for (const Event* e : targets) report_voided(*e, log, c);
  return 0;
}

void setup_undo(CLI::App& cmd, VoidOptions& options) {
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "Newest means last written to the log. The record stays in the log; a void record\n"
      "that hides it is appended. Undoing a void restores the record it hid, so a second\n"
      "undo redoes what the first undid. A sitting (several areas logged at once) is one\n"
      "change: undo voids all its areas, and undoing that restores them all.\n\n"
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
  }, /*whole_sitting=*/true);
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
