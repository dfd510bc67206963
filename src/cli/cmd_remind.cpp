// `roller remind`: what needs attention now (the core's reminders), said once: what was said
// is kept in $XDG_STATE_HOME/roller/remind.state, and only what is new is printed, sent as a
// desktop notification (`--notify`, through notify-send) and counted by `--exit-code`.
// `--install` and `--uninstall` write and remove the systemd user timer that runs it.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/error.hpp"
#include "roller/remind.hpp"
#include "roller/text.hpp"
#include "roller/unique_fd.hpp"
#include "support.hpp"

extern char** environ;

namespace roller::cli {
namespace {

/// `roller remind`'s options, as typed.
struct RemindOptions {
  bool json = false;
  bool notify = false;
  bool exit_code = false;
  bool install = false;
  bool uninstall = false;
  bool force = false;
  std::string at;
};

constexpr std::string_view state_name = "remind.state";
// A state file is a few lines a thing; one this large was not written by roller.
constexpr std::uintmax_t max_state_bytes = 1 << 20;

// The first line of every unit roller writes: how --install and --uninstall know their own.
constexpr std::string_view unit_marker =
    "# Written by roller remind --install; roller remind --uninstall removes it.";
constexpr std::string_view service_name = "roller-remind.service";
constexpr std::string_view timer_name = "roller-remind.timer";

// ---- what is said --------------------------------------------------------------------------

std::string reminder_line(const Reminder& r, const Profile& profile, std::int64_t now) {
  const std::string when =
      fmt::format("{} ({})", format_when(r.since, now), format_relative(r.since, now));
  const std::string subject = printable(r.subject);
  switch (r.kind) {
    case ReminderKind::hold_ended:
      return fmt::format("The hold ended {}: rolling may start again", when);
    case ReminderKind::area_ready:
      return fmt::format("{} is ready to roll again, since {}", subject, when);
    case ReminderKind::course_session:
      return fmt::format("Course {}: session {} of {} is {} {}", subject, r.number, r.total,
                         r.late ? "late, due" : "due today,", when);
    case ReminderKind::course_review:
      return fmt::format("Course {}: its week {} review has come, {}", subject, r.number, when);
    case ReminderKind::photo:
      return fmt::format("Photograph {} again: a week since its last photo, due {}", subject,
                         when);
    case ReminderKind::clean:
      return fmt::format("Clean {}: used {} and not cleaned since", subject, when);
    case ReminderKind::replace:
      return fmt::format("Replace the {} of {}: {} of {} uses, {} of {} days",
                         head_word(profile, r.subject), subject, r.number, r.total, r.days,
                         r.days_total);
  }
  return subject;
}

// ---- the state file ------------------------------------------------------------------------

// What was said before: a missing, unreadable or damaged file is a warning and a fresh
// start, never an error: reminding must go on.
RemindState load_state(const std::filesystem::path& path, const Context& c) {
  const std::string shown = printable(path.string(), uncut);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    c.warn(fmt::format("{}: no record of what was said yet: starting afresh", shown));
    return {};
  }
  const auto fresh_start = [&](std::string_view why) {
    c.warn(
        fmt::format("{}: {}: starting afresh, so what needs attention is said again", shown, why));
    return RemindState{};
  };
  if (!std::filesystem::is_regular_file(status)) return fresh_start("not a file");
  if (std::filesystem::file_size(path, ec) > max_state_bytes || ec) return fresh_start("too large");
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return fresh_start(fmt::format("cannot read it: {}", std::strerror(errno)));
  std::size_t bad_line = 0;
  std::optional<RemindState> state = parse_remind_state(text.str(), &bad_line);
  if (!state) return fresh_start(fmt::format("line {} is damaged", bad_line));
  return std::move(*state);
}

// Creates `folder` and every missing parent, private to the person (0700), as the XDG base
// directory specification asks of the folders it names.
void make_private_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  if (std::filesystem::is_directory(folder, ec)) return;
  if (folder.has_parent_path() && folder.parent_path() != folder) {
    make_private_folder(folder.parent_path());
  }
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    throw io_error(folder, "cannot create the folder");
  }
  if (::chmod(folder.c_str(), 0700) != 0) throw io_error(folder, "cannot set the mode");
}

void save_state(const std::filesystem::path& path, const RemindState& state, const Context& c) {
  try {
    make_private_folder(path.parent_path());
    write_whole(path, format_remind_state(state), 0600);
  } catch (const Error& e) {
    // Said already: a state that cannot be kept means it may be said again, not that it
    // was not said.
    c.warn(fmt::format("{}; what was said may be said again", printable(e.what(), uncut)));
  }
}

// ---- notify-send ---------------------------------------------------------------------------

// The program `name` as the shell would find it on PATH; nullopt when it is not there.
std::optional<std::string> on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view rest = path == nullptr ? "" : path;
  while (true) {
    const std::size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    const std::string candidate = fmt::format("{}/{}", dir.empty() ? "." : dir, name);
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
}

// Sends one notification; throws FileError with notify-send's first line of complaint.
void notify(const std::string& program, const std::vector<std::string>& lines) {
  // Notification servers read the body as markup (the Desktop Notifications spec): a name
  // with '&' or '<' would break it, or be taken for a tag.
  std::string body;
  for (const char ch : fmt::format("{}", fmt::join(lines, "\n"))) {
    body += ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : std::string(1, ch);
  }
  std::vector<std::string> args = {"notify-send", "--app-name=roller", "--", "roller", body};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw io_error(program, "cannot run it");
  const UniqueFd read_end(pipe_fds[0]);
  UniqueFd write_end(pipe_fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  write_end = UniqueFd();
  if (spawned != 0) {
    errno = spawned;
    throw io_error(program, "cannot run it");
  }
  std::string complaint;
  char buffer[4096];
  for (ssize_t n; (n = ::read(read_end.get(), buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (complaint.size() < 4096) complaint.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  complaint = complaint.substr(0, complaint.find('\n'));
  throw FileError(
      fmt::format("notify-send could not show the notification{}: is a desktop session with a "
                  "notification service running?",
                  complaint.empty() ? "" : fmt::format(" ({})", printable(complaint))));
}

// ---- the systemd units ---------------------------------------------------------------------

// One word of an ExecStart= line: quoted when it holds anything but plain characters, with
// systemd's specifier (%) and variable ($) characters doubled.
std::string unit_word(std::string_view word) {
  std::string escaped;
  bool plain = !word.empty();
  for (const char ch : word) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f) {
      throw FileError(
          fmt::format("'{}': roller cannot write a unit for a path with a control "
                      "character",
                      printable(word)));
    }
    if (!(std::isalnum(u) || std::string_view("/._+-:=,@").find(ch) != std::string_view::npos)) {
      plain = false;
    }
    if (ch == '%')
      escaped += "%%";
    else if (ch == '$')
      escaped += "$$";
    else if (ch == '"' || ch == '\\')
      escaped += fmt::format("\\{}", ch);
    else
      escaped += ch;
  }
  return plain ? escaped : fmt::format("\"{}\"", escaped);
}

// What the timer runs: this very binary, on the log and profile this command was given.
std::string exec_start(Context& c) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw FileError(fmt::format("cannot find roller's own path: {}", ec.message()));
  std::string line = fmt::format("{} remind --notify", unit_word(self.string()));
  if (c.log_named()) {
    line += fmt::format(" --log {}", unit_word(std::filesystem::absolute(c.log_path()).string()));
  }
  if (const ProfileLocation profile = c.profile_location(); profile.named) {
    line +=
        fmt::format(" --profile {}", unit_word(std::filesystem::absolute(profile.path).string()));
  }
  return line;
}

// "21:30" as the timer's calendar event; the usage error names the option.
std::string on_calendar(std::string_view at) {
  if (at.empty()) return "hourly";
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 2 &&
           std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  const std::size_t colon = at.find(':');
  const std::string_view hh = at.substr(0, colon);
  const std::string_view mm = colon == std::string_view::npos ? "" : at.substr(colon + 1);
  if (digits(hh) && digits(mm) && mm.size() == 2 && std::stoi(std::string(hh)) < 24 &&
      std::stoi(std::string(mm)) < 60) {
    return fmt::format("*-*-* {:02}:{}:00", std::stoi(std::string(hh)), mm);
  }
  throw UsageError(
      fmt::format("--at: '{}' is not a time of day: give HH:MM from 00:00 to 23:59, like 21:00",
                  printable(at)));
}

std::string service_text(const std::string& exec) {
  return fmt::format(
      "{}\n"
      "[Unit]\n"
      "Description=roller: say what needs attention (areas ready, courses, roller care)\n"
      "Documentation=man:roller(1)\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "ExecStart={}\n",
      unit_marker, exec);
}

std::string timer_text(const std::string& calendar, std::string_view when) {
  return fmt::format(
      "{}\n"
      "[Unit]\n"
      "Description=roller: remind {}\n"
      "Documentation=man:roller(1)\n"
      "\n"
      "[Timer]\n"
      "OnCalendar={}\n"
      "# A time missed while the computer was off or logged out fires at the next login.\n"
      "Persistent=true\n"
      "\n"
      "[Install]\n"
      "WantedBy=timers.target\n",
      unit_marker, when, calendar);
}

// Whether roller wrote the file at `path`: its first line is the marker.
bool written_by_roller(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string first;
  return std::getline(in, first) && first == unit_marker;
}

bool exists_at(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::symlink_status(path, ec));
}

int install(const RemindOptions& o, Context& c) {
  const std::string calendar = on_calendar(o.at);
  const std::filesystem::path folder = c.config_home() / "systemd/user";
  const std::filesystem::path service = folder / service_name;
  const std::filesystem::path timer = folder / timer_name;
  // Both checked before either is written: never half an installation over a refusal.
  for (const auto& path : {service, timer}) {
    if (!exists_at(path)) continue;
    const std::string shown = printable(path.string(), uncut);
    if (!written_by_roller(path)) {
      throw RefusedError(fmt::format(
          "{}: roller did not write this file, so it leaves it alone (even with --force); move "
          "it away to install roller's timer",
          shown));
    }
    if (!o.force) {
      throw RefusedError(fmt::format(
          "{}: the timer is installed already; roller remind --install --force rewrites it",
          shown));
    }
  }
  const std::string when = o.at.empty() ? std::string("every hour")
                                        : fmt::format("every day at {}", calendar.substr(6, 5));
  const std::string exec = exec_start(c);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec)
    throw FileError(fmt::format("{}: cannot create the folder: {}", folder.string(), ec.message()));
  write_whole(service, service_text(exec), 0644);
  write_whole(timer, timer_text(calendar, when), 0644);
  c.out << fmt::format(
      "Wrote {}\n"
      "Wrote {}: {}, and at the next login after a time it missed\n"
      "Start it:\n"
      "  systemctl --user daemon-reload\n"
      "  systemctl --user enable --now {}\n",
      printable(service.string(), uncut), printable(timer.string(), uncut), when, timer_name);
  return 0;
}

int uninstall(Context& c) {
  const std::filesystem::path folder = c.config_home() / "systemd/user";
  std::vector<std::string> foreign;
  bool removed = false;
  for (const std::string_view name : {timer_name, service_name}) {
    const std::filesystem::path path = folder / name;
    if (!exists_at(path)) continue;
    if (!written_by_roller(path)) {
      foreign.push_back(printable(path.string(), uncut));
      continue;
    }
    if (::unlink(path.c_str()) != 0) throw io_error(path, "cannot remove it");
    c.out << fmt::format("Removed {}\n", printable(path.string(), uncut));
    removed = true;
  }
  // What `systemctl --user enable` made: a link to the timer roller wrote, and only that.
  const std::filesystem::path wants = folder / "timers.target.wants" / timer_name;
  std::error_code ec;
  if (foreign.empty() && std::filesystem::is_symlink(wants, ec) &&
      std::filesystem::read_symlink(wants, ec) == folder / timer_name) {
    if (::unlink(wants.c_str()) != 0) throw io_error(wants, "cannot remove it");
    c.out << fmt::format("Removed {}\n", printable(wants.string(), uncut));
  }
  if (!foreign.empty()) {
    throw RefusedError(fmt::format("{}: roller did not write {}, so it leaves {} alone",
                                   fmt::join(foreign, ", "), foreign.size() == 1 ? "it" : "them",
                                   foreign.size() == 1 ? "it" : "them"));
  }
  if (!removed) {
    c.out << fmt::format("Nothing to remove: roller's timer is not in {}\n",
                         printable(folder.string(), uncut));
    return 0;
  }
  c.out << fmt::format(
      "Stop the timer that may still run:\n"
      "  systemctl --user stop {}\n"
      "  systemctl --user daemon-reload\n",
      timer_name);
  return 0;
}

// ---- the command ---------------------------------------------------------------------------

void check_options(const RemindOptions& o) {
  if (o.install && o.uninstall) throw UsageError("--install and --uninstall go apart: pick one");
  if (o.install || o.uninstall) {
    const std::string_view action = o.install ? "--install" : "--uninstall";
    for (const auto& [given, name] : {std::pair{o.json, "--json"}, std::pair{o.notify, "--notify"},
                                      std::pair{o.exit_code, "--exit-code"}}) {
      if (given) {
        throw UsageError(fmt::format("{} and {} go apart: {} only writes the timer's files", action,
                                     name, action));
      }
    }
  }
  if (o.uninstall && (!o.at.empty() || o.force)) {
    throw UsageError(fmt::format("--uninstall takes no {}: it removes roller's own files only",
                                 o.force ? "--force" : "--at"));
  }
  if (!o.install && !o.uninstall && (!o.at.empty() || o.force)) {
    throw UsageError(fmt::format("{} goes with --install", o.force ? "--force" : "--at"));
  }
}

void setup_remind(CLI::App& cmd, RemindOptions& options) {
  cmd.add_flag("--json", options.json,
               "Print one JSON document: everything that needs attention, each marked new or "
               "said before");
  cmd.add_flag("--notify", options.notify,
               "Also send what is new as one desktop notification (notify-send, Debian's "
               "libnotify-bin)");
  cmd.add_flag("--exit-code", options.exit_code, "Exit with status 1 when something is new");
  cmd.add_flag("--install", options.install,
               "Write a systemd user service and timer that run 'roller remind --notify'");
  cmd.add_option("--at", options.at,
                 "With --install: run daily at this time of day instead of every hour")
      ->type_name("HH:MM")
      ->check(non_empty());
  cmd.add_flag("--force", options.force, "With --install: rewrite the units roller wrote before");
  cmd.add_flag("--uninstall", options.uninstall,
               "Remove the service and timer that --install wrote (and no other file)");
  cmd.footer(
      "Says what needs attention now, once: an area that became ready, a course session due\n"
      "today, a course review that has come, a photo due (a week after an area's latest), a\n"
      "roller to clean or a head to replace, a hold that ended. What was said is kept in\n"
      "$XDG_STATE_HOME/roller/remind.state (else ~/.local/state/roller/), so a timer that\n"
      "runs every hour says each thing once, and again only when it changes. 'roller next'\n"
      "and 'roller clean-reminder' show it all.\n\n"
      "Examples:\n"
      "  roller remind\n"
      "  roller remind --notify\n"
      "  roller remind --install --at 20:30");
}

int run_remind(const RemindOptions& options, Context& c) {
  check_options(options);
  if (options.install) return install(options, c);
  if (options.uninstall) return uninstall(c);
  const std::optional<std::string> notify_send =
      options.notify ? on_path("notify-send") : std::nullopt;
  const Profile& profile = c.profile();
  const LogData log = c.read_log();
  const Judge judge(profile, log);
  c.report_unknown_areas(judge, log);
  const std::int64_t now = c.now.utc;
  const std::vector<Reminder> items = reminders(judge, log, now);

  const std::filesystem::path path = c.state_folder() / state_name;
  // With no way to notify, the one line that says so is all stderr gets.
  std::ostringstream unheard;
  const Context quiet(c, c.out, unheard);
  RemindState before = load_state(path, options.notify && !notify_send ? quiet : c);
  // A state written at a later instant than the clock's came from a look ahead (--now): it
  // would keep the timer quiet about what it previewed, and keep it from remembering until
  // the clock caught up. The timer, at the clock, starts afresh from it.
  if (c.now_is_the_clock() && before.at && *before.at > now) {
    c.warn(fmt::format("{}: written for a later time (a look ahead with --now): starting afresh",
                       printable(path.string(), uncut)));
    before = {};
  }
  const std::vector<bool> fresh = new_reminders(items, before);
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (fresh[i]) lines.push_back(reminder_line(items[i], profile, now));
  }

  if (options.json) {
    JsonWriter json;
    json.begin_object();
    json.member("now", json_time(now));
    json.key("items");
    json.begin_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      json.begin_object();
      json.member("kind", reminder_kind_name(items[i].kind));
      json.member("subject", items[i].subject);
      json.member("since", json_time(items[i].since));
      json.member("new", static_cast<bool>(fresh[i]));
      json.member("text", reminder_line(items[i], profile, now));
      json.member("key", items[i].key);
      json.end_object();
    }
    json.end_array();
    json.end_object();
    json.flush(c.out);
  } else {
    for (const std::string& line : lines) c.out << line << '\n';
  }
  c.out.flush();
  // Not said until it has reached the person: a failed notification is sent again next time.
  // With no way to notify, what was due is still printed (a cron mail shows it), and then
  // the failure, which leaves the state as it was.
  if (options.notify && !notify_send) {
    throw FileError(
        "cannot notify: notify-send is not on PATH (Debian: apt install libnotify-bin)");
  }
  if (notify_send && !lines.empty()) notify(*notify_send, lines);
  // A look at an earlier instant (--now) leaves what the timer remembers alone.
  if (!before.at || now >= *before.at) save_state(path, remembered(items, now), c);
  return options.exit_code && !lines.empty() ? 1 : 0;
}

}  // namespace

const Command remind_command{
    "remind",
    "Say once what needs attention now (areas ready, courses, cleaning); --install a timer "
    "that does it",
    with_options<RemindOptions, setup_remind, run_remind>};

}  // namespace roller::cli
