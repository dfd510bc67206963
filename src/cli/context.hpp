// What every command runs with: its output streams, the instant it evaluates at, how to
// print, and the profile and log, found and loaded on first use (so that `init` works when
// the profile it replaces is broken). The clock and the environment are read here, once,
// and nowhere else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "render.hpp"
#include "roller/judge.hpp"
#include "roller/log.hpp"
#include "roller/log_file.hpp"
#include "roller/profile.hpp"
#include "roller/time.hpp"

namespace roller::cli {

/// The options every command takes, as typed.
struct GlobalOptions {
  std::string profile;
  std::string log;
  std::string now;
  bool no_color = false;
  std::string color = "auto";  ///< auto, always or never
};

/// Where the profile lives and whether the person named it (then it must exist).
struct ProfileLocation {
  std::filesystem::path path;
  bool named = false;  ///< by --profile or ROLLER_PROFILE
};

/// The state a command runs with.
class Context {
 public:
  Context(const GlobalOptions& options, std::ostream& out, std::ostream& err, bool out_tty,
          bool err_tty);
  /// The same context (options, instant, what it has loaded) writing to other streams: a
  /// command that must stay quiet (`prompt`) runs on one whose `err` goes nowhere.
  Context(const Context& other, std::ostream& out, std::ostream& err);

  std::ostream& out;
  std::ostream& err;
  Style style;      ///< for stdout
  Style err_style;  ///< for stderr
  Timestamp now;    ///< the instant everything is evaluated at
  /// Whether `now` is the system clock's (neither --now nor ROLLER_NOW was given).
  [[nodiscard]] bool now_is_the_clock() const;
  bool out_is_terminal = false;  ///< stdout is a terminal (a person reads it)

  /// The profile: the file's, else the built-in one. Loaded once; its warnings are printed
  /// unless `print_warnings` is false (for a command that reports them itself).
  [[nodiscard]] const Profile& profile(bool print_warnings = true);
  /// Where the profile is (or would be).
  [[nodiscard]] ProfileLocation profile_location() const;
  /// The folder roller keeps state in between runs: $XDG_STATE_HOME/roller, else
  /// ~/.local/state/roller. Never the log's folder.
  [[nodiscard]] std::filesystem::path state_folder() const;
  /// $XDG_CONFIG_HOME, else ~/.config: where the profile and systemd user units live.
  [[nodiscard]] std::filesystem::path config_home() const;
  /// The log's path.
  [[nodiscard]] const std::filesystem::path& log_path();

  /// Whether the log path was named by --log or ROLLER_LOG (then it must exist to be read).
  [[nodiscard]] bool log_named();
  /// Whether the log exists, asked without opening it: a command that would refuse over a
  /// missing log refuses before open_log_for_writing creates it.
  [[nodiscard]] bool log_exists();
  /// Reads the log for a command that only reads: the default log may be absent (a new
  /// user: an empty log), a named one must exist. Reports its unreadable and torn lines.
  [[nodiscard]] LogData read_log(LoadOptions options = {});
  /// Opens the log under the shared lock, for a command that reads it itself: nullopt when
  /// the default log does not exist yet; a named one must exist.
  [[nodiscard]] std::optional<LogFile> open_log_for_reading();
  /// Opens the log for appending under the exclusive lock, creating it (and saying so on
  /// stderr when it was named) when missing, and reads it. Reports its damaged lines, and
  /// refuses a log with unreadable lines unless `force`, saying that roller will not do
  /// `unreadable_why` over it.
  [[nodiscard]] std::pair<LogFile, LogData> open_log_for_writing(
      bool force, LoadOptions options = {}, std::string_view unreadable_why = "write to it");
  /// How long to wait for another roller's lock (ROLLER_LOCK_TIMEOUT), saying so once.
  [[nodiscard]] LockWait lock_wait();
  /// Waits at most `timeout` for the log's lock, whatever ROLLER_LOCK_TIMEOUT says.
  void limit_lock_wait(std::chrono::milliseconds timeout) { lock_timeout_ = timeout; }
  /// Warns once when sessions are on areas the profile does not define: no rule judges them.
  void report_unknown_areas(const Judge& judge, const LogData& log);

  /// Prints "roller: warning: MESSAGE" on stderr.
  void warn(std::string_view message) const;
  /// Reports a log's unreadable and torn lines on stderr, as FILE:LINE warnings.
  void report_log_issues(const LogData& log);
  /// Warns when others may write in the log's folder (as ssh's StrictModes refuses).
  void warn_open_folder(const LogFile& file) const;

 private:
  GlobalOptions options_;
  std::optional<std::chrono::milliseconds> lock_timeout_;
  std::optional<Profile> profile_;
  std::optional<std::filesystem::path> log_path_;
};

}  // namespace roller::cli
