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
};
CLI::App* setup_next(CLI::App& app, NextOptions& options);
[[nodiscard]] int run_next(const NextOptions& options, Context& context);

/// A CLI11 check that refuses an empty value ("--area ''").
[[nodiscard]] CLI::Validator non_empty();

/// Throws UsageError for a name that is not an area of the profile, suggesting the closest.
[[nodiscard]] std::size_t require_area(const Profile& profile, std::string_view name);

}  // namespace roller::cli
