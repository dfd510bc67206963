// `roller next`: when each area may be rolled again.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "roller/log_file.hpp"
#include "roller/schedule.hpp"

namespace roller::cli {
namespace {

std::string describe(const AreaStatus& status, const Context& c) {
  const std::int64_t now = c.now.utc;
  if (!status.ready) {
    const Event& cause = *status.limiting;
    return fmt::format("{} ({}), after {} mm on {}",
                       c.style.warn(fmt::format("resting until {}", format_when(*status.due, now))),
                       format_relative(*status.due, now), format_depth(cause.depth),
                       format_when(cause.utc, now));
  }
  if (!status.last) return fmt::format("{}, never rolled", c.style.good("ready now"));
  return fmt::format("{}, last rolled {} mm on {} ({})", c.style.good("ready now"),
                     format_depth(status.last->depth), format_when(status.last->utc, now),
                     format_relative(status.last->utc, now));
}

nlohmann::ordered_json to_json(const AreaStatus& status, const Profile& profile) {
  nlohmann::ordered_json area;
  area["area"] = profile.areas[status.area].name;
  area["ready"] = status.ready;
  area["due"] = status.due ? nlohmann::ordered_json(json_time(*status.due)) : nullptr;
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
  CLI::App* cmd = app.add_subcommand("next", "Show, for every area, whether it may be rolled now "
                                             "or when it may be");
  cmd->add_option("--area", options.area, "Only this area")->type_name("AREA")->check(non_empty());
  cmd->add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd->footer(
      "An area is due when the rest of every earlier session on it has run out; the rest\n"
      "depends on the session's depth (the profile's [[rest]] tiers).\n\n"
      "Examples:\n"
      "  roller next\n"
      "  roller next --area forehead --json");
  return cmd;
}

int run_next(const NextOptions& options, Context& c) {
  const Profile& profile = c.profile();
  std::optional<std::size_t> only;
  if (!options.area.empty()) only = require_area(profile, options.area);
  const LogData log = load_log_file(c.log_path());
  c.report_log_issues(log);
  const std::vector<AreaStatus> statuses = area_statuses(profile, log, c.now.utc);

  if (options.json) {
    nlohmann::ordered_json doc;
    doc["now"] = json_time(c.now.utc);
    doc["areas"] = nlohmann::ordered_json::array();
    for (const auto& status : statuses) {
      if (!only || status.area == *only) doc["areas"].push_back(to_json(status, profile));
    }
    c.out << doc.dump(2) << '\n';
    return 0;
  }
  std::size_t width = 0;
  for (const auto& area : profile.areas) width = std::max(width, display_width(area.name));
  for (const auto& status : statuses) {
    if (only && status.area != *only) continue;
    c.out << pad_right(profile.areas[status.area].name, width + 2) << describe(status, c) << '\n';
  }
  return 0;
}

}  // namespace roller::cli
