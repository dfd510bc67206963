// `roller check`: reads the profile and the whole log and reports every problem, one per
// line with FILE:LINE, so a person can repair a hand-edited or damaged log.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "roller/audit.hpp"
#include "roller/log_file.hpp"

namespace roller::cli {
namespace {

std::string local_date(std::int64_t utc) {
  const CivilTime c = civil(to_local(utc));
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string summary(const LogData& log) {
  if (log.events.empty()) return "0 events";
  const auto& voided = log.voided_ids();
  std::size_t sessions = 0;
  std::int64_t first = log.events.front().utc;
  std::int64_t last = first;
  for (const Event& e : log.events) {
    if (e.kind == RecordKind::session && voided.count(e.id) == 0) ++sessions;
    first = std::min(first, e.utc);
    last = std::max(last, e.utc);
  }
  return fmt::format("{} event{}, {} session{}, {} to {}", log.events.size(),
                     log.events.size() == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s",
                     local_date(first), local_date(last));
}

}  // namespace

CLI::App* setup_check(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Check the profile and the whole log, and report every problem with FILE:LINE");
  cmd->footer(
      "Reports unreadable and torn lines, duplicate ids, voids of unknown ids, sessions that\n"
      "broke a depth or rest rule without forced=true, unknown profile keys, and files that\n"
      "others can read. Exit status 1 when there is any problem, else 0.\n\n"
      "Example:\n"
      "  roller check");
  return cmd;
}

int run_check(Context& c) {
  const Profile& profile = c.profile(/*print_warnings=*/false);
  std::vector<std::string> problems = profile.warnings;

  const std::string path = c.log_path().string();
  const auto file = LogFile::open_shared(c.log_path());
  const LogData log = file ? file->load() : LogData{};
  std::vector<Finding> findings = audit_log(profile, log);
  for (const auto& p : log.problems) findings.push_back({p.line, p.message});
  for (const auto& n : log.notices) {
    if (!n.settled) findings.push_back({n.line, n.message});
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });
  for (const auto& f : findings)
    problems.push_back(fmt::format("{}:{}: {}", path, f.line, f.message));
  if (file && (log.mode & 077) != 0) {
    problems.push_back(fmt::format("{}: others can read it (mode {:04o}); run: chmod 600 {}", path,
                                   log.mode, path));
  }

  for (const auto& problem : problems) c.out << problem << '\n';
  const std::string counted = file ? summary(log) : fmt::format("no log yet at {}", path);
  if (problems.empty()) {
    c.out << fmt::format("{}: {}\n", c.style.good("ok"), counted);
    return 0;
  }
  c.out << fmt::format(
      "{}: {}\n",
      c.style.bad(fmt::format("{} problem{}", problems.size(), problems.size() == 1 ? "" : "s")),
      counted);
  return 1;
}

}  // namespace roller::cli
