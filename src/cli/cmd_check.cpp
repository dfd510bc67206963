// `roller check`: reads the profile and the whole log and reports every problem, one per
// line with FILE:LINE, so a person can repair a hand-edited or damaged log. The rules are
// the judge's: every counted, unforced session it would refuse is a problem here.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/audit.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/photo_store.hpp"
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

// `file` is none for a finding whose message names its own place (the profile's).
void write_json(JsonWriter& json, const Finding& f, std::optional<std::string_view> file) {
  json.begin_object();
  json.member("file", file);
  json.member("line", f.line == 0 ? std::nullopt : std::optional(f.line));
  json.member("kind", f.kind);
  json.member("id", f.id ? std::optional(format_id(*f.id)) : std::nullopt);
  json.member("rule", f.kind == "rule" ? std::optional(rule_name(f.rule)) : std::nullopt);
  json.member("message", f.message);
  json.end_object();
}

void print_json(bool ok, const std::vector<Finding>& general, const std::vector<Finding>& findings,
                const std::vector<Finding>& notices, const std::string& path,
                const std::string& counted, Context& c) {
  JsonWriter json;
  json.begin_object();
  json.member("ok", ok);
  json.key("problems");
  json.begin_array();
  for (const auto& f : general) {
    write_json(json, f, f.kind == "profile" ? std::nullopt : std::optional<std::string_view>(path));
  }
  for (const auto& f : findings) write_json(json, f, path);
  json.end_array();
  json.key("notices");
  json.begin_array();
  for (const auto& f : notices) write_json(json, f, path);
  json.end_array();
  json.member("summary", counted);
  json.end_object();
  json.flush(c.out);
}

void setup_check(CLI::App& cmd, CheckOptions& options) {
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.footer(
      "Reports unreadable and torn lines, duplicate ids, voids of unknown ids, sessions on\n"
      "areas the profile does not define, every session that `roller log` would refuse\n"
      "today (rest with overlapping areas, area cap, home limit, hold) unless it is marked\n"
      "forced=true, forced sessions deeper than the home limit, unknown profile keys,\n"
      "photos whose file is missing, and files that others can read. A byte order mark and\n"
      "CRLF line ends are notices. Exit status 1 when there is any problem, else 0.\n\n"
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
  const std::filesystem::path photos = photos_folder(c.log_path());
  for (Finding& f : photo_problems(log, photos, printable(photos.string(), uncut))) {
    findings.push_back(std::move(f));
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
    print_json(problem_count == 0, general, findings, notices, path, counted, c);
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
