// `roller check`: reads the profile and the whole log and reports every problem, one per
// line with FILE:LINE, so a person can repair a hand-edited or damaged log. The rules are
// the judge's: every counted, unforced session it would refuse is a problem here.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/audit.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/text.hpp"

namespace roller::cli {
namespace {

/// `roller check`'s options, as typed.
struct CheckOptions {
  bool json = false;
};

std::string summary(const LogData& log, const Judge& judge) {
  if (log.events.empty()) return "0 events";
  const std::size_t sessions = judge.sessions().size();
  std::int64_t first = log.events.front().utc;
  std::int64_t last = first;
  for (const Event& e : log.events) {
    first = std::min(first, e.utc);
    last = std::max(last, e.utc);
  }
  return fmt::format("{} event{}, {} session{}, {} to {}", log.events.size(),
                     log.events.size() == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s",
                     local_date(first), local_date(last));
}

nlohmann::ordered_json to_json(const Finding& f, const std::string& file) {
  nlohmann::ordered_json item;
  item["file"] = file;
  item["line"] = f.line == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.line);
  item["kind"] = f.kind;
  item["id"] = f.id ? nlohmann::ordered_json(format_id(*f.id)) : nlohmann::ordered_json(nullptr);
  item["rule"] = f.kind == "rule" ? nlohmann::ordered_json(rule_name(f.rule))
                                  : nlohmann::ordered_json(nullptr);
  item["message"] = f.message;
  return item;
}

void setup_check(CLI::App& cmd, CheckOptions& options) {
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.footer(
      "Reports unreadable and torn lines, duplicate ids, voids of unknown ids, sessions on\n"
      "areas the profile does not define, every session that `roller log` would refuse\n"
      "today (rest with overlapping areas, area cap, home limit, hold) unless it is marked\n"
      "forced=true, forced sessions deeper than the home limit, unknown profile keys, and\n"
      "files that others can read. A byte order mark and CRLF line ends are notices.\n"
      "Exit status 1 when there is any problem, else 0.\n\n"
      "Examples:\n"
      "  roller check\n"
      "  roller check --json");
}

int run_check(const CheckOptions& options, Context& c) {
  const Profile& profile = c.profile(/*print_warnings=*/false);
  const std::string path = c.log_path().string();    // as it is: the data of --json
  const std::string shown = printable(path, uncut);  // escaped: the lines a terminal shows
  const auto file = c.open_log_for_reading();
  const LogData log = file ? file->load() : LogData{};
  const Judge judge(profile, log);

  std::vector<Finding> findings = audit_log(log, judge);
  std::vector<Finding> notices;
  for (const auto& p : log.problems) findings.push_back({p.line, "unreadable", {}, Rule::ok, p.message});
  for (const auto& n : log.notices) {
    if (n.harmless) {
      notices.push_back({n.line, "notice", {}, Rule::ok, n.message});
    } else if (!n.settled) {
      findings.push_back({n.line, "torn", {}, Rule::ok, n.message});
    }
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });
  // Problems that belong to no line of the log: the profile's, and the file's mode.
  std::vector<Finding> general;
  for (const auto& warning : profile.warnings) general.push_back({0, "profile", {}, Rule::ok, warning});
  if (file && (log.mode & 077) != 0) {
    general.push_back({0, "mode", {}, Rule::ok, not_private(shown, log.mode)});
  }
  const std::size_t problem_count = findings.size() + general.size();
  const std::string counted = file ? summary(log, judge) : fmt::format("no log yet at {}", shown);

  if (options.json) {
    nlohmann::ordered_json doc;
    doc["ok"] = problem_count == 0;
    doc["problems"] = nlohmann::ordered_json::array();
    for (const auto& f : general) {
      auto item = to_json(f, path);
      if (f.kind == "profile") item["file"] = nullptr;  // its message names the profile's place
      doc["problems"].push_back(std::move(item));
    }
    for (const auto& f : findings) doc["problems"].push_back(to_json(f, path));
    doc["notices"] = nlohmann::ordered_json::array();
    for (const auto& f : notices) doc["notices"].push_back(to_json(f, path));
    doc["summary"] = counted;
    c.out << dump_json(doc) << '\n';
    return problem_count == 0 ? 0 : 1;
  }
  for (const auto& f : general) {
    if (f.kind == "profile") c.out << f.message << '\n';
  }
  for (const auto& f : findings) {
    c.out << fmt::format("{}:{}: {}", shown, f.line, f.message) << '\n';
  }
  for (const auto& f : general) {
    if (f.kind != "profile") c.out << fmt::format("{}: {}", shown, f.message) << '\n';
  }
  for (const auto& f : notices) {
    c.out << fmt::format("{}:{}: {}: {}", shown, f.line, c.style.warn("notice"), f.message) << '\n';
  }
  if (problem_count == 0) {
    c.out << fmt::format("{}: {}\n", c.style.good("ok"), counted);
    return 0;
  }
  c.out << fmt::format(
      "{}: {}\n",
      c.style.bad(fmt::format("{} problem{}", problem_count, problem_count == 1 ? "" : "s")),
      counted);
  return 1;
}

}  // namespace

const Command check_command{
    "check", "Check the profile and the whole log, and report every problem with FILE:LINE",
    with_options<CheckOptions, setup_check, run_check>};

}  // namespace roller::cli
