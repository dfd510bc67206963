// What every command runs with: its output streams, the resolved files and profile, the
// instant it evaluates at, and how to print. The clock and the environment are read here,
// once, and nowhere else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "render.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"
#include "roller/time.hpp"

namespace roller::cli {

/// The options every command takes, as typed.
struct GlobalOptions {
  std::string profile;
  std::string log;
  std::string now;
  bool no_color = false;
};

/// The state a command runs with.
struct Context {
  std::ostream& out;
  std::ostream& err;
  Style style;          ///< for stdout
  Style err_style;      ///< for stderr
  Timestamp now;        ///< the instant everything is evaluated at
  Profile profile;
  std::filesystem::path log_path;

  /// Prints "roller: warning: MESSAGE" on stderr.
  void warn(std::string_view message) const;
  /// Reports a log's unreadable and torn lines on stderr, as FILE:LINE warnings.
  void report_log_issues(const LogData& log) const;
};

/// Resolves files, profile, clock and colour from the options and the environment.
/// `out_tty`/`err_tty` say whether the streams are terminals.
[[nodiscard]] Context make_context(const GlobalOptions& options, std::ostream& out,
                                   std::ostream& err, bool out_tty, bool err_tty);

}  // namespace roller::cli
