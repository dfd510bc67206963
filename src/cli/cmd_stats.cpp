// `roller stats`: the record in numbers: per area, per roller, and sessions a month.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/log_file.hpp"
#include "roller/stats.hpp"

namespace roller::cli {
namespace {

/// `roller stats`'s options, as typed.
struct StatsOptions {
  bool json = false;
};

/// The bar chart shows the last year; the JSON has every month.
constexpr std::size_t chart_months = 12;
constexpr std::size_t chart_width = 40;

nlohmann::ordered_json optional_time(const std::optional<std::int64_t>& utc) {
  return utc ? nlohmann::ordered_json(json_time(*utc)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_days(const std::optional<double>& seconds) {
  return seconds ? nlohmann::ordered_json(days_rounded(*seconds)) : nlohmann::ordered_json(nullptr);
}

std::optional<double> as_double(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}

nlohmann::ordered_json to_json(const Stats& stats) {
  nlohmann::ordered_json doc;
  doc["sessions"] = stats.sessions;
  doc["areas"] = nlohmann::ordered_json::array();
  for (const AreaStats& a : stats.areas) {
    nlohmann::ordered_json item;
    item["area"] = a.name;
    item["in_profile"] = a.in_profile;
    item["sessions"] = a.sessions;
    item["first"] = optional_time(a.first);
    item["last"] = optional_time(a.last);
    item["mean_gap_days"] = optional_days(a.mean_gap());
    item["shortest_gap_days"] = optional_days(as_double(a.shortest_gap));
    // Only areas of the profile have a rest rule to keep.
    item["rested"] = a.in_profile ? nlohmann::ordered_json(a.rested) : nullptr;
    item["rested_share"] =
        a.in_profile && a.sessions > 0
            ? nlohmann::ordered_json(std::round(static_cast<double>(a.rested) /
                                                static_cast<double>(a.sessions) * 1000.0) /
                                     1000.0)
            : nlohmann::ordered_json(nullptr);
    doc["areas"].push_back(std::move(item));
  }
  doc["rollers"] = nlohmann::ordered_json::array();
  for (const RollerStats& r : stats.rollers) {
    doc["rollers"].push_back({{"roller", r.name},
                              {"in_profile", r.in_profile},
                              {"uses", r.uses},
                              {"cleanings", r.cleanings},
                              {"replacements", r.replacements}});
  }
  doc["months"] = nlohmann::ordered_json::array();
  for (const MonthCount& m : stats.months) {
    doc["months"].push_back(
        {{"month", fmt::format("{:04}-{:02}", m.year, m.month)}, {"sessions", m.sessions}});
  }
  return doc;
}

std::string gap_text(const std::optional<double>& seconds) {
  return seconds ? fmt::format("{:.1f} days", *seconds / seconds_per_day) : "-";
}

std::string rested_text(const AreaStats& a) {
  if (!a.in_profile || a.sessions == 0) return "-";
  // Rounded, but 100% only when every session kept the rule, and 0% only when none did.
  const auto percent = static_cast<int>(
      std::lround(static_cast<double>(a.rested) * 100.0 / static_cast<double>(a.sessions)));
  if (a.rested < a.sessions && percent == 100) return "99%";
  if (a.rested > 0 && percent == 0) return "1%";
  return fmt::format("{}%", percent);
}

void print_human(const Stats& stats, Context& c) {
  const AreaStats* first = nullptr;
  const AreaStats* last = nullptr;
  for (const AreaStats& a : stats.areas) {
    if (a.first && (!first || *a.first < *first->first)) first = &a;
    if (a.last && (!last || *a.last > *last->last)) last = &a;
  }
  c.out << fmt::format("{} {} from {} to {}.\n\n", stats.sessions,
                       stats.sessions == 1 ? "session" : "sessions", local_date(*first->first),
                       local_date(*last->last));

  std::vector<std::vector<std::string>> areas{
      {"AREA", "SESSIONS", "FIRST", "LAST", "MEAN GAP", "SHORTEST", "RESTED"}};
  for (const AreaStats& a : stats.areas) {
    areas.push_back({a.in_profile ? a.name : a.name + "*", std::to_string(a.sessions),
                     a.first ? local_date(*a.first) : "-", a.last ? local_date(*a.last) : "-",
                     gap_text(a.mean_gap()), gap_text(as_double(a.shortest_gap)), rested_text(a)});
  }
  c.out << format_table(areas, {false, true, false, false, true, true, true}, c.style);
  c.out << "RESTED: sessions roller would have accepted without --force (rest, holds, depth).\n";
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

void setup_stats(CLI::App& cmd, StatsOptions& options) {
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.footer(
      "Voided records and records after --now are left out. A session kept the rest rule\n"
      "when the rest of every earlier session on its area, or on an area that covers or is\n"
      "covered by it, had run out. The chart shows the last 12 months; --json has every\n"
      "month from the first session on.\n\n"
      "Examples:\n"
      "  roller stats\n"
      "  roller stats --json | jq '.areas[] | {area, rested_share}'");
}

int run_stats(const StatsOptions& options, Context& c) {
  const Profile& profile = c.profile();
  const LogData log = c.read_log();
  const Judge judge(profile, log);
  const Stats stats = compute_stats(profile, judge, log, c.now.utc);
  if (options.json) {
    c.out << dump_json(to_json(stats)) << '\n';
  } else if (stats.sessions == 0) {
    c.out << "No sessions logged yet.\n";
  } else {
    print_human(stats, c);
  }
  return 0;
}

}  // namespace

const Command stats_command{
    "stats", "Show sessions, gaps and kept rest per area, uses per roller, and sessions a month",
    with_options<StatsOptions, setup_stats, run_stats>};

}  // namespace roller::cli
