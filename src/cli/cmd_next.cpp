// `roller next`: when each area may be rolled again.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "ics.hpp"
#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "roller/schedule.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

std::string describe(const AreaStatus& status, const Profile& profile, const LogData& log,
                     const std::optional<Hold>& hold, const Context& c) {
  const std::int64_t now = c.now.utc;
  const std::string& name = profile.areas[status.area].name;
  const bool rest_ends_later =
      status.limiting &&
      status.limiting->utc + profile.rest_seconds(status.limiting->depth) > now &&
      (!hold || status.limiting->utc + profile.rest_seconds(status.limiting->depth) > hold->until);
  if (!status.ready && !rest_ends_later) {
    return fmt::format("{} ({})",
                       c.style.warn(fmt::format("on hold until {}", format_when(*status.due, now))),
                       format_relative(*status.due, now));
  }
  if (!status.ready) {
    return fmt::format(
        "{} ({}), {}", c.style.warn(fmt::format("resting until {}", format_when(*status.due, now))),
        format_relative(*status.due, now), after_session(*status.limiting, log, name, now));
  }
  if (!status.last) return fmt::format("{}, never rolled", c.style.good("ready now"));
  return fmt::format("{}, last rolled {} mm on {} ({})", c.style.good("ready now"),
                     format_depth(status.last->depth), format_when(status.last->utc, now),
                     format_relative(status.last->utc, now));
}

nlohmann::ordered_json to_json(const AreaStatus& status, const Profile& profile, const LogData& log,
                               std::int64_t now) {
  nlohmann::ordered_json area;
  area["area"] = profile.areas[status.area].name;
  area["ready"] = status.ready;
  area["due"] = status.due ? nlohmann::ordered_json(json_time(*status.due)) : nullptr;
  area["held"] = status.held;
  // The session that keeps the area resting now, on it or on an area it overlaps.
  const bool resting =
      status.limiting && status.limiting->utc + profile.rest_seconds(status.limiting->depth) > now;
  if (resting) {
    area["rested_by"] = {{"id", format_id(status.limiting->id)},
                         {"area", log.name(status.limiting->area)},
                         {"at", json_time(status.limiting->utc)},
                         {"depth_mm", depth_mm(status.limiting->depth)}};
  } else {
    area["rested_by"] = nullptr;
  }
  if (status.last) {
    area["last_session"] = {{"id", format_id(status.last->id)},
                            {"at", json_time(status.last->utc)},
                            {"depth_mm", depth_mm(status.last->depth)}};
  } else {
    area["last_session"] = nullptr;
  }
  return area;
}

}  // namespace

CLI::App* setup_next(CLI::App& app, NextOptions& options) {
  CLI::App* cmd = app.add_subcommand("next",
                                     "Show, for every area, whether it may be rolled now "
                                     "or when it may be");
  cmd->add_option("--area", options.area, "Only this area")->type_name("AREA")->check(non_empty());
  cmd->add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd->add_flag("--ics", options.ics,
                "Print an iCalendar (RFC 5545): an event with a reminder when each resting area "
                "is due");
  cmd->footer(
      "An area is due when the rest of every earlier session on it has run out; the rest\n"
      "depends on the session's depth (the profile's [[rest]] tiers).\n\n"
      "Examples:\n"
      "  roller next\n"
      "  roller next --area forehead --json\n"
      "  roller next --ics > roller.ics");
  return cmd;
}

int run_next(const NextOptions& options, Context& c) {
  if (options.json && options.ics) throw UsageError("--json and --ics go apart: pick one");
  const Profile& profile = c.profile();
  std::optional<std::size_t> only;
  if (!options.area.empty()) only = require_area(profile, options.area);
  const LogData log = load_log_file(c.log_path());
  c.report_log_issues(log);
  const std::int64_t now = c.now.utc;
  const std::vector<AreaStatus> statuses = area_statuses(profile, log, now);
  const std::optional<Hold> hold = active_hold(log, now);
  const std::vector<AftercareWindow> aftercare = aftercare_running(profile, log, now);

  if (options.ics) {
    std::vector<CalendarEvent> events;
    for (const auto& status : statuses) {
      if ((only && status.area != *only) || status.ready || !status.due) continue;
      const std::string& name = profile.areas[status.area].name;
      CalendarEvent e;
      // The hold or the session that sets the due instant; the UID stays the same while it
      // does, so a calendar updates the event rather than adding another.
      const bool by_hold = hold && *status.due == hold->until;
      const Event& cause = by_hold ? hold->record : *status.limiting;
      e.uid = fmt::format("{}-{}@roller", name, format_id(cause.id));
      e.start = *status.due;
      e.summary = fmt::format("{} may be rolled again", name);
      e.description = by_hold ? fmt::format("On hold until then: {}", hold->reason)
                              : fmt::format("{} rests {}", name,
                                            after_session(*status.limiting, log, name, now));
      events.push_back(std::move(e));
    }
    c.out << render_calendar(events, now);
    return 0;
  }
  if (options.json) {
    nlohmann::ordered_json doc;
    doc["now"] = json_time(now);
    doc["hold"] =
        hold ? nlohmann::ordered_json{{"until", json_time(hold->until)}, {"reason", hold->reason}}
             : nlohmann::ordered_json(nullptr);
    doc["areas"] = nlohmann::ordered_json::array();
    for (const auto& status : statuses) {
      if (!only || status.area == *only) doc["areas"].push_back(to_json(status, profile, log, now));
    }
    doc["aftercare"] = nlohmann::ordered_json::array();
    for (const auto& w : aftercare) {
      doc["aftercare"].push_back({{"avoid", w.avoid}, {"until", json_time(w.until)}});
    }
    c.out << doc.dump(2) << '\n';
    return 0;
  }
  if (hold) {
    c.out << fmt::format(
        "{} ({}): {}\n",
        c.style.bad(fmt::format("On hold until {}", format_when(hold->until, now))),
        format_relative(hold->until, now), printable(hold->reason));
  }
  std::size_t width = 0;
  for (const auto& area : profile.areas) width = std::max(width, display_width(area.name));
  for (const auto& status : statuses) {
    if (only && status.area != *only) continue;
    c.out << pad_right(profile.areas[status.area].name, width + 2)
          << describe(status, profile, log, hold, c) << '\n';
  }
  for (const auto& w : aftercare) {
    c.out << fmt::format("Aftercare: avoid {} until {} ({})\n", w.avoid, format_when(w.until, now),
                         format_relative(w.until, now));
  }
  return 0;
}

}  // namespace roller::cli
