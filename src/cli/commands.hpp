// The commands, as rows of the registry: each command's file exports one Command value (its
// name, its summary, and a setup that binds options of its own and returns what runs it), and
// app.cpp lists them, one row each, in the order `roller --help` shows them. Adding a command
// touches its own file and one row.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string_view>

#include "context.hpp"

namespace roller::cli {

/// What runs a parsed command: the work, with the options its setup bound.
using Runner = std::function<int(Context&)>;

/// One command of the registry (ninja's `Tool`).
struct Command {
  std::string_view name;
  /// One whole phrase: `roller --help` lists it beside the name, and `roller NAME --help`
  /// opens with it.
  std::string_view summary;
  /// Adds the command's options to `command` (the registry has made it, with the name and
  /// the summary), bound to options the returned Runner owns.
  Runner (*setup)(CLI::App& command);
};

/// The setup of a command whose options are a plain struct: `setup` binds a fresh one to the
/// subcommand, and `run` does the work with it once the line is parsed (CLI11's
/// `examples/subcom_in_files`).
template <typename Options, void (*setup)(CLI::App&, Options&),
          int (*run)(const Options&, Context&)>
Runner with_options(CLI::App& command) {
  auto options = std::make_shared<Options>();
  setup(command, *options);
  return [options](Context& context) { return run(*options, context); };
}

extern const Command log_command;             ///< cmd_log.cpp
extern const Command next_command;            ///< cmd_next.cpp
extern const Command remind_command;          ///< cmd_remind.cpp
extern const Command prompt_command;          ///< cmd_prompt.cpp
extern const Command history_command;         ///< cmd_history.cpp
extern const Command stats_command;           ///< cmd_stats.cpp
extern const Command clean_reminder_command;  ///< cmd_care.cpp
extern const Command clean_command;           ///< cmd_care.cpp
extern const Command replace_command;         ///< cmd_care.cpp
extern const Command hold_command;            ///< cmd_hold.cpp
extern const Command use_command;             ///< cmd_use.cpp
extern const Command react_command;           ///< cmd_react.cpp
extern const Command course_command;          ///< cmd_course.cpp
extern const Command photo_command;           ///< cmd_photo.cpp
extern const Command report_command;          ///< cmd_report.cpp
extern const Command undo_command;            ///< cmd_void.cpp
extern const Command void_command;            ///< cmd_void.cpp
extern const Command import_command;          ///< cmd_import.cpp
extern const Command check_command;           ///< cmd_check.cpp
extern const Command init_command;            ///< cmd_init.cpp
extern const Command complete_command;        ///< cmd_complete.cpp

}  // namespace roller::cli
