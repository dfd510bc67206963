// The commands: for each, a plain options struct, a setup function that binds it to a CLI11
// subcommand, and a run function that does the work and returns the exit status.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "context.hpp"

namespace roller::cli {

/// `roller log`: check the rules, append a session, say when the area is next due.
struct LogOptions {
  std::string area;
  std::string depth;
  std::string roller;
  std::string at;
  std::string note;
  bool note_given = false;
  bool force = false;
};
CLI::App* setup_log(CLI::App& app, LogOptions& options);
[[nodiscard]] int run_log(const LogOptions& options, Context& context);

/// `roller next`: for every area, ready now or resting until when.
struct NextOptions {
  std::string area;
  bool json = false;
  bool ics = false;
};
CLI::App* setup_next(CLI::App& app, NextOptions& options);
[[nodiscard]] int run_next(const NextOptions& options, Context& context);

/// `roller history`: past sessions, oldest first, with the gap since the previous one.
struct HistoryOptions {
  std::string area;
  std::string since;
  std::string until;
  std::string last;
  std::string months;
  bool json = false;
  bool csv = false;
  bool calendar = false;
};
CLI::App* setup_history(CLI::App& app, HistoryOptions& options);
[[nodiscard]] int run_history(const HistoryOptions& options, Context& context);

/// `roller clean-reminder`: which rollers need cleaning or replacing.
struct CleanReminderOptions {
  bool json = false;
  bool exit_code = false;
};
CLI::App* setup_clean_reminder(CLI::App& app, CleanReminderOptions& options);
[[nodiscard]] int run_clean_reminder(const CleanReminderOptions& options, Context& context);

/// `roller clean` and `roller replace`: record care of a roller.
struct CareOptions {
  std::string roller;
  std::string at;
  bool force = false;
};
CLI::App* setup_clean(CLI::App& app, CareOptions& options);
[[nodiscard]] int run_clean(const CareOptions& options, Context& context);
CLI::App* setup_replace(CLI::App& app, CareOptions& options);
[[nodiscard]] int run_replace(const CareOptions& options, Context& context);

/// `roller undo` and `roller void ID`: hide a record by appending a void.
struct VoidOptions {
  std::string id;
  bool force = false;
};
CLI::App* setup_undo(CLI::App& app, VoidOptions& options);
[[nodiscard]] int run_undo(const VoidOptions& options, Context& context);
CLI::App* setup_void(CLI::App& app, VoidOptions& options);
[[nodiscard]] int run_void(const VoidOptions& options, Context& context);

/// `roller init`: write the default profile for editing.
struct InitOptions {
  bool force = false;
};
CLI::App* setup_init(CLI::App& app, InitOptions& options);
[[nodiscard]] int run_init(const InitOptions& options, Context& context);

/// `roller hold`: pause all rolling until a time, for a reason; `--clear` ends it.
struct HoldOptions {
  std::string until;
  std::string reason;
  bool clear = false;
  bool force = false;
};
CLI::App* setup_hold(CLI::App& app, HoldOptions& options);
[[nodiscard]] int run_hold(const HoldOptions& options, Context& context);

/// `roller import FILE`: merge another device's log into this one.
struct ImportOptions {
  std::string file;
  bool force = false;
};
CLI::App* setup_import(CLI::App& app, ImportOptions& options);
[[nodiscard]] int run_import(const ImportOptions& options, Context& context);

/// `roller stats`: sessions, gaps and kept rest per area, uses per roller, sessions a month.
struct StatsOptions {
  bool json = false;
};
CLI::App* setup_stats(CLI::App& app, StatsOptions& options);
[[nodiscard]] int run_stats(const StatsOptions& options, Context& context);

/// `roller check`: every problem in the profile and the log, one per line.
struct CheckOptions {
  bool json = false;
};
CLI::App* setup_check(CLI::App& app, CheckOptions& options);
[[nodiscard]] int run_check(const CheckOptions& options, Context& context);

/// `roller __complete areas|rollers`: names for the shell completions (hidden).
struct CompleteOptions {
  std::string what;
};
CLI::App* setup_complete(CLI::App& app, CompleteOptions& options);
[[nodiscard]] int run_complete(const CompleteOptions& options, Context& context);

}  // namespace roller::cli
