// Resolution of the profile and log paths (option, environment, XDG), the clock and colour.
#include "context.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdlib>
#include <ostream>

#include "roller/error.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"

namespace roller::cli {
namespace {

// Unset and empty mean the same, as for NO_COLOR and the XDG variables.
std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// XDG base directory: $VAR if set to an absolute path, else $HOME/fallback.
std::filesystem::path xdg_home(const char* var, std::string_view fallback) {
  const std::string value = env(var);
  if (!value.empty() && value.front() == '/') return value;
  const std::string home = env("HOME");
  if (home.empty()) {
    throw FileError(
        fmt::format("neither {} nor HOME is set, so roller cannot find its files; "
                    "set one, or use --profile and --log",
                    var));
  }
  return std::filesystem::path(home) / fallback;
}

// An option wins over its environment variable; an empty one counts as not given.
std::string chosen(const std::string& option, const char* variable) {
  return option.empty() ? env(variable) : option;
}

Timestamp resolve_now(const GlobalOptions& options) {
  const auto clock = std::chrono::system_clock::now();
  const std::int64_t system_now =
      std::chrono::duration_cast<std::chrono::seconds>(clock.time_since_epoch()).count();
  if (!options.now.empty()) return parse_time_value(options.now, system_now, "--now");
  const std::string from_env = env("ROLLER_NOW");
  if (!from_env.empty()) return parse_time_value(from_env, system_now, "ROLLER_NOW");
  return to_local(system_now);
}

}  // namespace

bool Context::now_is_the_clock() const {
  return options_.now.empty() && env("ROLLER_NOW").empty();
}

namespace {

// Warns of the first ten of `count` things (`nth(i)` words the i-th), then of how many more
// there are (`more(n)`): a badly damaged file would bury the output, and the first few
// locate the damage.
template <typename Nth, typename More>
void warn_first_ten(const Context& c, std::size_t count, Nth nth, More more) {
  constexpr std::size_t shown = 10;
  for (std::size_t i = 0; i < count && i < shown; ++i) c.warn(nth(i));
  if (count > shown) c.warn(more(count - shown));
}

// "3 more NOUNs not shown", "1 more NOUN not shown".
std::string not_shown(std::string_view path, std::size_t more, std::string_view noun) {
  return fmt::format("{}: {} more {}{} not shown", path, more, noun, more == 1 ? "" : "s");
}

}  // namespace

Context::Context(const GlobalOptions& options, std::ostream& out_stream, std::ostream& err_stream,
                 bool out_tty, bool err_tty)
    : out(out_stream),
      err(err_stream),
      now(resolve_now(options)),
      out_is_terminal(out_tty),
      options_(options) {
  // https://no-color.org: a NO_COLOR that is set and not empty turns colour off.
  // An explicit --color=always outranks NO_COLOR, as no-color.org asks of command options.
  const bool always = options.color == "always";
  const bool allowed = !options.no_color && options.color != "never" && env("NO_COLOR").empty();
  style = Style{always || (allowed && out_tty)};
  err_style = Style{always || (allowed && err_tty)};
}

Context::Context(const Context& other, std::ostream& out_stream, std::ostream& err_stream)
    : out(out_stream),
      err(err_stream),
      style(other.style),
      err_style(other.err_style),
      now(other.now),
      options_(other.options_),
      profile_(other.profile_),
      log_path_(other.log_path_) {}

ProfileLocation Context::profile_location() const {
  const std::string named = chosen(options_.profile, "ROLLER_PROFILE");
  if (!named.empty()) return {named, true};
  return {config_home() / "roller/profile.toml", false};
}

std::filesystem::path Context::config_home() const {
  return xdg_home("XDG_CONFIG_HOME", ".config");
}

std::filesystem::path Context::state_folder() const {
  return xdg_home("XDG_STATE_HOME", ".local/state") / "roller";
}

const Profile& Context::profile(bool print_warnings) {
  if (!profile_) {
    const ProfileLocation location = profile_location();
    std::error_code ec;
    // No profile of one's own is normal: the built-in one applies.
    profile_ = !location.named && !std::filesystem::exists(location.path, ec)
                   ? default_profile()
                   : load_profile_file(location.path);
    if (print_warnings) {
      const auto& warnings = profile_->warnings;
      warn_first_ten(
          *this, warnings.size(), [&](std::size_t i) { return warnings[i]; },
          [&](std::size_t more) { return not_shown(profile_->source, more, "warning"); });
    }
  }
  return *profile_;
}

const std::filesystem::path& Context::log_path() {
  if (!log_path_) {
    const std::string named = chosen(options_.log, "ROLLER_LOG");
    log_path_ = named.empty() ? xdg_home("XDG_DATA_HOME", ".local/share") / "roller/roller.log"
                              : std::filesystem::path(named);
  }
  return *log_path_;
}

bool Context::log_named() { return !chosen(options_.log, "ROLLER_LOG").empty(); }

bool Context::log_exists() {
  std::error_code ec;
  return std::filesystem::exists(log_path(), ec);
}

LockWait Context::lock_wait() {
  LockWait wait;
  const std::string timeout = env("ROLLER_LOCK_TIMEOUT");
  if (!timeout.empty()) {
    // Seconds, whole or with a fraction; 0 gives up at once.
    double seconds = -1;
    std::size_t used = 0;
    try {
      seconds = std::stod(timeout, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != timeout.size() || !(seconds >= 0 && seconds <= 86400)) {
      throw UsageError(fmt::format("ROLLER_LOCK_TIMEOUT '{}' must be a number of seconds from 0 "
                                   "to 86400, like 10",
                                   printable(timeout)));
    }
    wait.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
  }
  if (lock_timeout_) wait.timeout = *lock_timeout_;
  wait.waiting = [this](long holder) {
    err << fmt::format("roller: waiting for another roller{} to finish with {}\n",
                       holder != 0 ? fmt::format(" (pid {})", holder) : "",
                       printable(log_path().string(), uncut));
  };
  return wait;
}

std::optional<LogFile> Context::open_log_for_reading() {
  auto file = LogFile::open_shared(log_path(), lock_wait());
  // A typo or an unmounted sync folder must never read as "never rolled".
  if (!file && log_named()) throw FileError(fmt::format("no log at {}", log_path().string()));
  if (file) warn_open_folder(*file);
  return file;
}

LogData Context::read_log(LoadOptions options) {
  const auto file = open_log_for_reading();
  if (!file) return LogData{};
  LogData log = file->load(options);
  report_log_issues(log);
  return log;
}

std::pair<LogFile, LogData> Context::open_log_for_writing(bool force, LoadOptions options,
                                                          std::string_view unreadable_why) {
  LogFile file = LogFile::open_exclusive(log_path(), lock_wait());
  if (file.created() && log_named()) {
    err << fmt::format("roller: created a new log at {}\n", printable(log_path().string(), uncut));
  }
  warn_open_folder(file);
  LogData log = file.load(options);
  report_log_issues(log);
  // Lines roller cannot read may be records that matter (a hold, a session): what is
  // written over them would be judged without them.
  if (!log.problems.empty() && !force) {
    throw FileError(fmt::format("{}:{}: the log has {} unreadable line{}, so roller will not {}; "
                                "fix {} or use --force",
                                log_path().string(), log.problems.front().line,
                                log.problems.size(), log.problems.size() == 1 ? "" : "s",
                                unreadable_why, log.problems.size() == 1 ? "it" : "them"));
  }
  return {std::move(file), std::move(log)};
}

void Context::warn_open_folder(const LogFile& file) const {
  if (!file.folder_open_to_others()) return;
  const std::filesystem::path folder = file.path().parent_path();
  const std::string shown = printable(folder.empty() ? "." : folder.string(), uncut);
  warn(fmt::format("{}: others can write in the log's folder, and so replace the log or plant "
                   "a link there; run: chmod go-w {}",
                   shown, shown));
}

void Context::report_unknown_areas(const Judge& judge, const LogData& log) {
  const auto& unknown = judge.unknown_areas();
  if (unknown.empty()) return;
  std::size_t sessions = 0;
  std::vector<std::string> names;
  // A few names locate the mistake; a log of thousands must not flood the terminal.
  constexpr std::size_t named = 5;
  for (const UnknownArea& u : unknown) {
    sessions += u.sessions;
    if (names.size() == named) continue;
    names.push_back(fmt::format("'{}'{}", printable(log.name(u.name)), did_you_mean(u.closest)));
  }
  warn(fmt::format("{} session{} in the log {} on {} the profile does not define, so no rule "
                   "judges {}: {}; 'roller check' lists them",
                   sessions, sessions == 1 ? "" : "s", sessions == 1 ? "is" : "are",
                   unknown.size() == 1 ? "an area" : "areas", sessions == 1 ? "it" : "them",
                   fmt::format("{}{}", fmt::join(names, ", "),
                               unknown.size() > named
                                   ? fmt::format(" and {} more", unknown.size() - named)
                                   : "")));
}

void Context::warn(std::string_view message) const {
  err << "roller: " << err_style.warn("warning") << ": " << message << '\n';
}

void Context::report_log_issues(const LogData& log) {
  const std::string path = printable(log_path().string(), uncut);  // a folder's name may hold \x1b
  const auto at_line = [&](const std::vector<LogProblem>& issues) {
    return [&](std::size_t i) {
      return fmt::format("{}:{}: {}", path, issues[i].line, issues[i].message);
    };
  };
  warn_first_ten(*this, log.problems.size(), at_line(log.problems),
                 [&](std::size_t more) { return not_shown(path, more, "unreadable line"); });
  // Torn lines too: a log that a crashing device appended to for months has many.
  warn_first_ten(*this, log.notices.size(), at_line(log.notices),
                 [&](std::size_t more) { return not_shown(path, more, "notice"); });
  if ((log.mode & 077) != 0) {
    // Like ssh with a private key: a health record is for its owner's eyes only.
    warn(fmt::format("{}: {}", path, not_private(path, log.mode)));
  }
}

}  // namespace roller::cli
