// `roller stats`: the record in numbers: per area, per roller, and sessions a month.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <ostream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/course.hpp"
#include "roller/log_file.hpp"
#include "roller/error.hpp"
#include "roller/stats.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller stats`'s options, as typed.
struct StatsOptions {
  bool json = false;
  std::string by;  ///< compare sessions by a detail: pressure, passes or endpoint
};

/// The bar chart shows the last year; the JSON has every month.
constexpr std::size_t chart_months = 12;
constexpr std::size_t chart_width = 40;

std::optional<double> optional_days(const std::optional<double>& seconds) {
  if (!seconds) return std::nullopt;
  return days_rounded(*seconds);
}

std::optional<double> as_double(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}

// part / whole to three decimals, for JSON; nullopt for no sessions.
std::optional<double> share(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::nullopt;
  return std::round(static_cast<double>(part) / static_cast<double>(whole) * 1000.0) / 1000.0;
}

// A mean score to one decimal, for JSON.
std::optional<double> one_decimal(const std::optional<double>& value) {
  if (!value) return std::nullopt;
  return std::round(*value * 10.0) / 10.0;
}

void print_json(const Stats& stats, const std::vector<CourseProgress>& courses, const LogData& log,
                Context& c) {
  JsonWriter json;
  json.begin_object();
  json.member("sessions", stats.sessions);
  json.key("areas");
  json.begin_array();
  for (const AreaStats& a : stats.areas) {
    json.begin_object();
    json.member("area", a.name);
    json.member("in_profile", a.in_profile);
    json.member("sessions", a.sessions);
    json.member("first", json_time(a.first));
    json.member("last", json_time(a.last));
    json.member("mean_gap_days", optional_days(a.mean_gap()));
    json.member("shortest_gap_days", optional_days(as_double(a.shortest_gap)));
    // Only areas of the profile have a rest rule to keep.
    json.member("rested", a.in_profile ? std::optional(a.rested) : std::nullopt);
    json.member("rested_share", a.in_profile ? share(a.rested, a.sessions) : std::nullopt);
    json.member("mean_pain", one_decimal(a.mean_pain()));
    // Sessions followed by a reaction, while their rest ran (profile areas only).
    json.member("reacted", a.in_profile ? std::optional(a.reacted) : std::nullopt);
    json.member("reacted_share", a.in_profile ? share(a.reacted, a.sessions) : std::nullopt);
    json.end_object();
  }
  json.end_array();
  json.key("rollers");
  json.begin_array();
  for (const RollerStats& r : stats.rollers) {
    json.begin_object();
    json.member("roller", r.name);
    json.member("in_profile", r.in_profile);
    json.member("uses", r.uses);
    json.member("cleanings", r.cleanings);
    json.member("replacements", r.replacements);
    json.end_object();
  }
  json.end_array();
  json.key("months");
  json.begin_array();
  for (const MonthCount& m : stats.months) {
    json.begin_object();
    json.member("month", fmt::format("{:04}-{:02}", m.year, m.month));
    json.member("sessions", m.sessions);
    json.end_object();
  }
  json.end_array();
  // Adherence to each course: done against what its cadence expects by now (or its stop),
  // and the mean interval against its target.
  json.key("courses");
  json.begin_array();
  for (const CourseProgress& p : courses) {
    json.begin_object();
    json.member("name", log.name(p.record->course));
    json.member("area", log.name(p.record->area));
    json.member("state", course_state_name(p.state));
    json.member("sessions", p.detail->sessions);
    json.member("done", p.done());
    json.member("expected", p.expected);
    json.member("late", p.late);
    json.member("every_days", days_rounded(static_cast<double>(p.detail->every_seconds)));
    json.member("mean_interval_days", optional_days(p.mean_interval_seconds));
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.flush(c.out);
}

std::string gap_text(const std::optional<double>& seconds) {
  return seconds ? fmt::format("{:.1f} days", *seconds / seconds_per_day) : "-";
}

// Rounded, but 100% only when every session counts, and 0% only when none does.
std::string percent_text(std::size_t part, std::size_t whole) {
  if (whole == 0) return "-";
  const auto percent = static_cast<int>(
      std::lround(static_cast<double>(part) * 100.0 / static_cast<double>(whole)));
  if (part < whole && percent == 100) return "99%";
  if (part > 0 && percent == 0) return "1%";
  return fmt::format("{}%", percent);
}

std::string rested_text(const AreaStats& a) {
  return a.in_profile ? percent_text(a.rested, a.sessions) : "-";
}

std::string pain_text(const std::optional<double>& mean) {
  return mean ? fmt::format("{:.1f}", *mean) : "-";
}

void print_human(const Stats& stats, bool progress, Context& c) {
  const AreaStats* first = nullptr;
  const AreaStats* last = nullptr;
  for (const AreaStats& a : stats.areas) {
    if (a.first && (!first || *a.first < *first->first)) first = &a;
    if (a.last && (!last || *a.last > *last->last)) last = &a;
  }
  c.out << fmt::format("{} {} from {} to {}.\n\n", stats.sessions,
                       stats.sessions == 1 ? "session" : "sessions", local_date(*first->first),
                       local_date(*last->last));

  // Pain and reactions only for a person who records them: no columns of dashes otherwise.
  std::vector<std::vector<std::string>> areas{
      {"AREA", "SESSIONS", "FIRST", "LAST", "MEAN GAP", "SHORTEST", "RESTED"}};
  if (progress) {
    areas.front().push_back("PAIN");
    areas.front().push_back("REACTED");
  }
  for (const AreaStats& a : stats.areas) {
    areas.push_back({a.in_profile ? a.name : a.name + "*", std::to_string(a.sessions),
                     a.first ? local_date(*a.first) : "-", a.last ? local_date(*a.last) : "-",
                     gap_text(a.mean_gap()), gap_text(as_double(a.shortest_gap)), rested_text(a)});
    if (progress) {
      areas.back().push_back(pain_text(a.mean_pain()));
      areas.back().push_back(a.in_profile ? percent_text(a.reacted, a.sessions) : "-");
    }
  }
  std::vector<bool> right{false, true, false, false, true, true, true};
  if (progress) right.insert(right.end(), {true, true});
  c.out << format_table(areas, right, c.style);
  c.out << "RESTED: sessions roller would have accepted without --force (rest, holds, depth).\n";
  if (progress) {
    c.out << "PAIN: mean of the pain scores given. REACTED: sessions followed by a reaction "
             "while they rested the area.\n";
  }
  if (std::any_of(stats.areas.begin(), stats.areas.end(),
                  [](const AreaStats& a) { return !a.in_profile; })) {
    c.out << "*: not an area of the profile; no rest rule to keep.\n";
  }

  std::vector<std::vector<std::string>> rollers{{"ROLLER", "USES", "CLEANINGS", "REPLACEMENTS"}};
  for (const RollerStats& r : stats.rollers) {
    rollers.push_back({r.in_profile ? r.name : r.name + "*", std::to_string(r.uses),
                       std::to_string(r.cleanings), std::to_string(r.replacements)});
  }
  c.out << '\n' << format_table(rollers, {false, true, true, true}, c.style);

  const std::size_t shown = std::min(chart_months, stats.months.size());
  const auto from = stats.months.end() - static_cast<std::ptrdiff_t>(shown);
  std::size_t most = 1;
  for (auto m = from; m != stats.months.end(); ++m) most = std::max(most, m->sessions);
  c.out << '\n' << c.style.bold("SESSIONS A MONTH") << '\n';
  for (auto m = from; m != stats.months.end(); ++m) {
    // Rounded up, so that a month with any session shows at least one block.
    const std::size_t blocks = (m->sessions * chart_width + most - 1) / most;
    std::string bar;
    for (std::size_t i = 0; i < blocks; ++i) bar += "█";
    c.out << fmt::format("{} {}  {}{}{}\n", month_name(m->month), m->year, c.style.good(bar),
                         blocks > 0 ? " " : "", m->sessions);
  }
}

void print_courses(const std::vector<CourseProgress>& courses, const LogData& log, Context& c) {
  std::vector<std::vector<std::string>> rows{
      {"COURSE", "AREA", "STATE", "DONE", "EXPECTED", "LATE", "MEAN INTERVAL", "EVERY"}};
  for (const CourseProgress& p : courses) {
    rows.push_back({log.name(p.record->course), log.name(p.record->area),
                    std::string(course_state_name(p.state)),
                    fmt::format("{} of {}", p.done(), p.detail->sessions),
                    std::to_string(p.expected), std::to_string(p.late),
                    gap_text(p.mean_interval_seconds),
                    fmt::format("{} days", format_days(p.detail->every_seconds))});
  }
  c.out << '\n' << format_table(rows, {false, false, false, true, true, true, true, true}, c.style);
  c.out << "EXPECTED: sessions the course's cadence asks for by now (or by its stop).\n";
}

// The sessions grouped by one detail, side by side: what changing one thing did.
void print_by(std::string_view by, const std::vector<DetailGroup>& groups, bool json_wanted,
              Context& c) {
  if (json_wanted) {
    JsonWriter json;
    json.begin_object();
    json.member("by", by);
    json.key("groups");
    json.begin_array();
    for (const DetailGroup& g : groups) {
      json.begin_object();
      json.member("value", g.value);
      json.member("sessions", g.sessions);
      json.member("mean_pain", one_decimal(g.mean_pain()));
      json.member("reacted", g.reacted);
      json.member("reacted_share", share(g.reacted, g.sessions));
      json.end_object();
    }
    json.end_array();
    json.end_object();
    json.flush(c.out);
    return;
  }
  if (groups.empty()) {
    c.out << "No sessions logged yet.\n";
    return;
  }
  std::string title(by);
  std::transform(title.begin(), title.end(), title.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  std::vector<std::vector<std::string>> rows{{title, "SESSIONS", "PAIN", "REACTED"}};
  for (const DetailGroup& g : groups) {
    rows.push_back({g.value, std::to_string(g.sessions), pain_text(g.mean_pain()),
                    percent_text(g.reacted, g.sessions)});
  }
  c.out << format_table(rows, {false, true, true, true}, c.style);
  c.out << "PAIN: mean of the pain scores given. REACTED: sessions followed by a reaction while "
           "they rested the area.\n";
}

void setup_stats(CLI::App& cmd, StatsOptions& options) {
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.add_option("--by", options.by,
                 "Compare sessions by one detail: pressure, passes or endpoint")
      ->type_name("DETAIL")
      ->check(non_empty());
  cmd.footer(
      "Voided records are left out; every other record counts, whatever its time. A session\n"
      "kept the rest rule when roller would have accepted it without --force. REACTED counts\n"
      "sessions followed by a reaction while they rested the area. The chart shows the last\n"
      "12 months; --json has every month from the first session on.\n\n"
      "Examples:\n"
      "  roller stats\n"
      "  roller stats --by pressure\n"
      "  roller stats --json | jq '.areas[] | {area, rested_share}'");
}

int run_stats(const StatsOptions& options, Context& c) {
  const Profile& profile = c.profile();
  std::optional<DetailKey> by;
  if (!options.by.empty()) {
    if (options.by == "pressure") {
      by = DetailKey::pressure;
    } else if (options.by == "passes") {
      by = DetailKey::passes;
    } else if (options.by == "endpoint") {
      by = DetailKey::endpoint;
    } else {
      throw UsageError(fmt::format("--by: '{}' is not pressure, passes or endpoint",
                                   printable(options.by)));
    }
  }
  const LogData log = c.read_log(LoadOptions{.keep_details = true});
  const Judge judge(profile, log);
  if (by) {
    print_by(options.by, compare_by(judge, log, *by), options.json, c);
    return 0;
  }
  const Stats stats = compute_stats(profile, judge, log, c.now.utc);
  const std::vector<CourseProgress> courses = course_progress(log, judge, c.now.utc);
  if (options.json) {
    print_json(stats, courses, log, c);
    return 0;
  }
  if (stats.sessions == 0) {
    c.out << "No sessions logged yet.\n";
  } else {
    const bool has_progress =
        !judge.reactions().empty() ||
        std::any_of(stats.areas.begin(), stats.areas.end(),
                    [](const AreaStats& a) { return a.pain_reported > 0; });
    print_human(stats, has_progress, c);
  }
  if (!courses.empty()) print_courses(courses, log, c);
  return 0;
}

}  // namespace

const Command stats_command{
    "stats", "Show sessions, gaps and kept rest per area, uses per roller, and sessions a month",
    with_options<StatsOptions, setup_stats, run_stats>};

}  // namespace roller::cli
