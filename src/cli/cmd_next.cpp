// `roller next`: when each area may be rolled again.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "course_text.hpp"
#include "ics.hpp"
#include "json_writer.hpp"
#include "roller/course.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/schedule.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller next`'s options, as typed.
struct NextOptions {
  std::string area;
  bool json = false;
  bool ics = false;
};

// Why an area rests: the session that keeps it so. One logged ahead of `now` (another
// device's clock, a backfill seen from an earlier --now) counts like any other.
std::string rest_cause(const Event& session, const LogData& log, std::string_view area,
                       std::int64_t now) {
  if (session.utc <= now) return after_session(session, log, area, now);
  const std::string& rolled = log.name(session.area);
  return fmt::format("for {}{} mm on {} ({}), logged ahead of now",
                     rolled == area ? "" : fmt::format("{} at ", printable(rolled)),
                     format_depth(session.depth), format_when(session.utc, now),
                     format_relative(session.utc, now));
}

std::string describe(const AreaState& state, const Profile& profile, const LogData& log,
                     const Context& c) {
  const std::int64_t now = c.now.utc;
  const std::string& name = profile.areas[state.area].name;
  switch (state.due_by) {
    case DueCause::none:
      break;
    case DueCause::session:
      return fmt::format(
          "{} ({}), {}",
          c.style.warn(fmt::format("resting until {}", format_when(*state.due, now))),
          format_relative(*state.due, now), rest_cause(*state.rested_by, log, name, now));
    case DueCause::hold:
      if (state.due_hold->open()) return c.style.warn("on hold until cleared");
      return fmt::format(
          "{} ({})", c.style.warn(fmt::format("on hold until {}", format_when(*state.due, now))),
          format_relative(*state.due, now));
    case DueCause::reaction:
      return fmt::format(
          "{} ({}), {}",
          c.style.warn(fmt::format("still red until {}", format_when(*state.due, now))),
          format_relative(*state.due, now), after_reaction(*state.due_reaction, log, now));
    case DueCause::window: {
      const ProductWindow& w = *state.due_window;
      return fmt::format(
          "{} ({}), after {} on {} on {}",
          c.style.warn(fmt::format("no session until {}", format_when(*state.due, now))),
          format_relative(*state.due, now), printable(w.product->name), use_areas(*w.use, log),
          format_when(w.from, now));
    }
  }
  if (state.last == nullptr) return fmt::format("{}, never rolled", c.style.good("ready now"));
  return fmt::format("{}, last rolled {} mm on {} ({})", c.style.good("ready now"),
                     format_depth(state.last->depth), format_when(state.last->utc, now),
                     format_relative(state.last->utc, now));
}

// The running course on an area, if any.
const CourseProgress* course_on(const std::vector<CourseProgress>& courses, const AreaState& state,
                                const Profile& profile, const LogData& log) {
  return running_course_on(courses, log, profile.areas[state.area].name);
}

void write_json(JsonWriter& json, const AreaState& state, const Judge& judge,
                const Profile& profile, const LogData& log, std::int64_t now,
                const std::vector<CourseProgress>& courses) {
  json.begin_object();
  json.member("area", profile.areas[state.area].name);
  json.member("ready", state.ready);
  // A hold that lasts until cleared has no due instant to give.
  const bool until_cleared = state.due_by == DueCause::hold && state.due_hold->open();
  json.member("due", until_cleared ? std::nullopt : json_time(state.due));
  json.member("held", state.held);
  // The product window before sessions in force now, and the products to keep off the area.
  json.key("window");
  if (const ProductWindow* w = state.window) {
    json.begin_object();
    json.member("product", w->product->name);
    json.member("use", format_id(w->use->id));
    json.member("until", json_time(w->end));
    json.end_object();
  } else {
    json.null();
  }
  // The reaction whose redness keeps the area resting now.
  json.key("reaction");
  if (const ReactionWindow* r = state.reaction) {
    json.begin_object();
    json.member("id", format_id(r->reaction->id));
    json.member("area", log.name(r->reaction->area));
    json.member("redness", log.reactions[r->reaction->detail].redness);
    json.member("until", json_time(r->end));
    json.end_object();
  } else {
    json.null();
  }
  json.key("after");
  json.begin_array();
  for (const AfterWindow& w : judge.after_windows(state.area, now)) {
    if (w.end <= now) continue;
    json.begin_object();
    json.member("product", w.product->name);
    json.member("until", json_time(w.end));
    json.end_object();
  }
  json.end_array();
  // The session that keeps the area resting, on it or on an area it overlaps.
  json.key("rested_by");
  if (const Event* by = state.rested_by) {
    json.begin_object();
    json.member("id", format_id(by->id));
    json.member("area", log.name(by->area));
    json.member("at", json_time(by->utc));
    json.member("depth_mm", depth_mm(by->depth));
    json.end_object();
  } else {
    json.null();
  }
  json.key("last_session");
  if (const Event* last = state.last) {
    json.begin_object();
    json.member("id", format_id(last->id));
    json.member("at", json_time(last->utc));
    json.member("depth_mm", depth_mm(last->depth));
    json.end_object();
  } else {
    json.null();
  }
  json.key("course");
  if (const CourseProgress* course = course_on(courses, state, profile, log)) {
    json.begin_object();
    json.member("name", log.name(course->record->course));
    json.member("done", course->done());
    json.member("sessions", course->detail->sessions);
    json.member("late", course->late);
    json.member("next_target", json_time(course->next_target));
    json.end_object();
  } else {
    json.null();
  }
  json.end_object();
}

void print_json(const std::vector<AreaState>& states, std::optional<std::size_t> only,
                const HoldSpan* hold, const std::vector<AftercareWindow>& aftercare,
                const Judge& judge, const Profile& profile, const LogData& log,
                const std::vector<CourseProgress>& courses, Context& c) {
  JsonWriter json;
  json.begin_object();
  json.member("now", json_time(c.now.utc));
  json.key("hold");
  if (hold) {
    json.begin_object();
    json.key("until");  // null: until cleared
    if (hold->open()) {
      json.null();
    } else {
      json.value(json_time(hold->end));
    }
    json.member("reason", hold->reason);
    json.end_object();
  } else {
    json.null();
  }
  json.key("areas");
  json.begin_array();
  for (const auto& state : states) {
    if (!only || state.area == *only) {
      write_json(json, state, judge, profile, log, c.now.utc, courses);
    }
  }
  json.end_array();
  json.key("aftercare");
  json.begin_array();
  for (const auto& w : aftercare) {
    json.begin_object();
    json.member("avoid", w.avoid);
    json.member("until", json_time(w.until));
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.flush(c.out);
}

// The products to keep off areas rolled lately: one line per product and end, with its areas.
void print_after_windows(const Judge& judge, const Profile& profile,
                         const std::vector<AreaState>& states, std::optional<std::size_t> only,
                         Context& c) {
  const std::int64_t now = c.now.utc;
  struct Line {
    const Product* product;
    std::int64_t end;
    std::vector<std::string_view> areas;
  };
  std::vector<Line> lines;
  for (const AreaState& state : states) {
    if (only && state.area != *only) continue;
    for (const AfterWindow& w : judge.after_windows(state.area, now)) {
      if (w.end <= now) continue;
      auto line = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
        return l.product == w.product && l.end == w.end;
      });
      if (line == lines.end()) line = lines.insert(lines.end(), {w.product, w.end, {}});
      line->areas.push_back(profile.areas[state.area].name);
    }
  }
  for (const Line& l : lines) {
    c.out << fmt::format("No {} on {} until {} ({})\n", l.product->name, fmt::join(l.areas, ", "),
                         format_when(l.end, now), format_relative(l.end, now));
  }
}

void setup_next(CLI::App& cmd, NextOptions& options) {
  cmd.add_option("--area", options.area, "Only this area")->type_name("AREA")->check(non_empty());
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.add_flag("--ics", options.ics,
               "Print an iCalendar (RFC 5545): an event with a reminder when each resting area "
               "is due");
  cmd.footer(
      "An area is ready when a session at its deepest allowed depth would be accepted: the\n"
      "rest of every earlier session on it (or an area it overlaps) has run out, its own\n"
      "rest would end before any later session, no hold is in force and no product's\n"
      "window before sessions (a retinoid's days off) is open on it.\n\n"
      "Examples:\n"
      "  roller next\n"
      "  roller next --area forehead --json\n"
      "  roller next --ics > roller.ics");
}

int run_next(const NextOptions& options, Context& c) {
  if (options.json && options.ics) throw UsageError("--json and --ics go apart: pick one");
  const Profile& profile = c.profile();
  std::optional<std::size_t> only;
  if (!options.area.empty()) only = require_area(profile, options.area);
  const LogData log = c.read_log();
  const Judge judge(profile, log);
  c.report_unknown_areas(judge, log);
  const std::int64_t now = c.now.utc;
  const std::vector<AreaState> states = judge.areas_at(now);
  const HoldSpan* hold = judge.hold_at(now);
  const std::vector<AftercareWindow> aftercare = aftercare_running(profile, judge, now);
  const std::vector<CourseProgress> courses = course_progress(log, judge, now);

  if (options.ics) {
    std::vector<CalendarEvent> events;
    for (const auto& state : states) {
      if ((only && state.area != *only) || state.ready || !state.due) continue;
      const std::string& name = profile.areas[state.area].name;
      CalendarEvent e;
      // The hold, window or session that sets the due instant; the UID stays the same while
      // it does, so a calendar updates the event rather than adding another.
      e.start = *state.due;
      e.summary = fmt::format("{} may be rolled again", name);
      switch (state.due_by) {
        case DueCause::none:
          continue;
        case DueCause::session:
          e.uid = fmt::format("{}-{}@roller", name, format_id(state.rested_by->id));
          e.description =
              fmt::format("{} rests {}", name, rest_cause(*state.rested_by, log, name, now));
          break;
        case DueCause::hold:
          if (state.due_hold->open()) continue;  // no date to put in a calendar
          e.uid = fmt::format("{}-{}@roller", name, format_id(state.due_hold->record->id));
          e.description =
              fmt::format("On hold until then: {}", printable(state.due_hold->reason, uncut));
          break;
        case DueCause::reaction:
          e.uid = fmt::format("{}-{}@roller", name, format_id(state.due_reaction->reaction->id));
          e.description = fmt::format("{} rests {}", name,
                                      after_reaction(*state.due_reaction, log, now));
          break;
        case DueCause::window:
          e.uid = fmt::format("{}-{}@roller", name, format_id(state.due_window->use->id));
          e.description = fmt::format("No session until then after {} on {}",
                                      printable(state.due_window->product->name, uncut),
                                      format_when(state.due_window->from, now));
          break;
      }
      events.push_back(std::move(e));
    }
    c.out << render_ics(events, now);
    return 0;
  }
  if (options.json) {
    print_json(states, only, hold, aftercare, judge, profile, log, courses, c);
    return 0;
  }
  if (hold) {
    c.out << fmt::format("{}: {}\n", c.style.bad("On hold " + hold_until(*hold, now)),
                         printable(hold->reason));
  }
  std::size_t width = 0;
  for (const auto& area : profile.areas) width = std::max(width, display_width(area.name));
  for (const auto& state : states) {
    if (only && state.area != *only) continue;
    c.out << pad_right(profile.areas[state.area].name, width + 2)
          << describe(state, profile, log, c);
    // A running course's progress, beside the state that decides when it may go on.
    if (const CourseProgress* course = course_on(courses, state, profile, log)) {
      c.out << fmt::format("; course {}: {}", printable(log.name(course->record->course)),
                           course_summary(*course, now));
    }
    c.out << '\n';
  }
  for (const auto& w : aftercare) {
    c.out << fmt::format("Aftercare: avoid {} until {} ({})\n", w.avoid, format_when(w.until, now),
                         format_relative(w.until, now));
  }
  print_after_windows(judge, profile, states, only, c);
  return 0;
}

}  // namespace

const Command next_command{
    "next", "Show, for every area, whether it may be rolled now or when it may be rolled next",
    with_options<NextOptions, setup_next, run_next>};

}  // namespace roller::cli
