// The roller command line: builds the CLI11 app from the command registry, runs the chosen
// command and maps every failure to one stderr line and the spec's exit status.
#pragma once

#include <iosfwd>

namespace roller::cli {

/// Runs roller with `argv`, writing to `out` and `err`; returns the exit status.
[[nodiscard]] int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                      bool out_tty, bool err_tty);

}  // namespace roller::cli
