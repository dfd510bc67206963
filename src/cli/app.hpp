// The roller command line: builds the CLI11 app from the command registry, runs the chosen
// command and maps every failure to one stderr line and the spec's exit status.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace roller::cli {

/// Runs roller with `argv`, writing to `out` and `err`; returns the exit status.
[[nodiscard]] int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                      bool out_tty, bool err_tty);

/// What roller says (after "roller: ") when CLI11 could not parse a command line: CLI11's
/// error in roller's words ("--area given twice", "next has no option '--jsn'; did you mean
/// '--json'?"), one line, ending with where to read more. `app` is the app that failed to
/// parse `argv`.
[[nodiscard]] std::string usage_message(const CLI::ParseError& error, const CLI::App& app,
                                        std::span<const char* const> argv);

}  // namespace roller::cli
