// `roller course`: treatment courses, a target cadence on top of the minimum rest.
// `course start` and `course stop` append records; `course` (or `course list`) shows each
// course's progress as the core works it out (roller/course.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "course_text.hpp"
#include "json_writer.hpp"
#include "roller/course.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller course`'s options, as typed.
struct CourseOptions {
  std::string action = "list";
  std::string name;
  std::string area;
  std::string depth;
  std::string every;
  std::string sessions;
  std::string review;
  std::string at;
  bool json = false;
  bool force = false;
};

/// A `course start`, checked.
struct StartRequest {
  std::string name;
  std::size_t area = 0;
  Micrometres depth = 0;
  std::int64_t every = 0;
  int sessions = 0;
  std::vector<int> reviews;  ///< ascending
  Timestamp at;
};

void check_course_name(std::string_view name) {
  if (const auto why = name_problem(name, "course")) throw UsageError(*why);
}

// A whole number from 1 to `most`; nullopt otherwise.
std::optional<int> parse_whole(std::string_view text, int most) {
  return parse_whole_number(text, 1, most);
}

std::vector<int> parse_reviews(std::string_view text) {
  std::vector<int> weeks;
  for (std::size_t from = 0; from <= text.size();) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const std::string_view item = text.substr(from, comma - from);
    const auto week = parse_whole(item, max_review_week);
    if (!week) {
      throw UsageError(fmt::format(
          "--review: '{}' is not a week from 1 to {}; give weeks after the start like 8,12",
          printable(item), max_review_week));
    }
    if (std::find(weeks.begin(), weeks.end(), *week) != weeks.end()) {
      throw UsageError(fmt::format("--review: week {} given twice", *week));
    }
    weeks.push_back(*week);
    from = comma + 1;
  }
  std::sort(weeks.begin(), weeks.end());
  return weeks;
}

// The options that belong to `course start` only.
void refuse_start_options(const CourseOptions& o) {
  const std::pair<const std::string*, std::string_view> start_only[] = {{&o.area, "--area"},
                                                                        {&o.depth, "--depth"},
                                                                        {&o.every, "--every"},
                                                                        {&o.sessions, "--sessions"},
                                                                        {&o.review, "--review"}};
  for (const auto& [value, option] : start_only) {
    if (!value->empty()) {
      throw UsageError(
          fmt::format("{} is an option of course start, not course {}", option, o.action));
    }
  }
}

StartRequest check_start(const CourseOptions& o, const Profile& profile, Timestamp now) {
  if (o.json) throw UsageError("--json is for course list: course start prints no JSON");
  if (o.name.empty()) {
    throw UsageError(
        "course start needs a NAME, like roller course start hair --area scalp --depth 0.5 "
        "--every 7 --sessions 12");
  }
  StartRequest r;
  check_course_name(o.name);
  r.name = o.name;
  if (o.area.empty()) throw UsageError("--area is required: the area the course treats");
  r.area = require_area(profile, o.area);
  if (o.depth.empty()) throw UsageError("--depth is required: the course's depth in mm, like 0.5");
  const auto depth = parse_depth(o.depth);
  if (!depth || *depth == 0) {
    throw UsageError(fmt::format(
        "--depth: '{}' is not a positive depth in millimetres (like 0.5, at most 3 decimals)",
        printable(o.depth)));
  }
  r.depth = *depth;
  if (o.every.empty()) throw UsageError("--every is required: the days between sessions, like 7");
  const auto every = parse_days(o.every);
  if (!every) {
    throw UsageError(
        fmt::format("--every: '{}' is not a positive number of days (like 7 or 3.5, at most {})",
                    printable(o.every), max_span_days));
  }
  r.every = *every;
  if (o.sessions.empty()) throw UsageError("--sessions is required: how many sessions, like 12");
  const auto sessions = parse_whole(o.sessions, max_course_sessions);
  if (!sessions) {
    throw UsageError(fmt::format("--sessions: '{}' is not a whole number from 1 to {}",
                                 printable(o.sessions), max_course_sessions));
  }
  r.sessions = *sessions;
  if (!o.review.empty()) r.reviews = parse_reviews(o.review);
  // A course may be planned ahead: its start may lie in the future.
  r.at = o.at.empty() ? now : parse_time_value(o.at, now.utc, "--at");
  return r;
}

// The safety rules a course must keep before it is written: its depth is one `log` would
// accept, and its cadence leaves the rest that depth needs.
void judge_start(const StartRequest& r, const Profile& profile) {
  const Verdict depth = Judge::judge_depth(profile, r.area, r.depth);
  const std::string& area = profile.areas[r.area].name;
  if (depth.rule == Rule::home_limit) {
    throw RefusedError(fmt::format(
        "too deep: {} mm is deeper than the home limit of {} mm; deeper needles are for clinics",
        format_depth(r.depth), format_depth(depth.limit)));
  }
  if (depth.rule == Rule::area_cap) {
    throw RefusedError(fmt::format("too deep: {} allows at most {} mm, and this course is {} mm",
                                   area, format_depth(depth.limit), format_depth(r.depth)));
  }
  const std::int64_t rest = Judge::rest_of(profile, r.area, r.depth);
  if (r.every < rest) {
    throw RefusedError(fmt::format(
        "too often: a {} mm session rests {} for {}, longer than --every {} days; roller log "
        "would refuse the course's sessions",
        format_depth(r.depth), area, format_duration(rest), format_days(r.every)));
  }
}

// "hair", "hair-2": the names of the running courses, for suggestions.
std::vector<std::string> running_names(const std::vector<CourseProgress>& courses,
                                       const LogData& log) {
  std::vector<std::string> names;
  for (const CourseProgress& c : courses) {
    if (c.running()) names.push_back(log.name(c.record->course));
  }
  return names;
}

int run_start(const CourseOptions& o, Context& c) {
  const Profile& profile = c.profile();
  const StartRequest r = check_start(o, profile, c.now);
  judge_start(r, profile);
  auto [file, log] = c.open_log_for_writing(o.force);
  const Judge judge(profile, log);
  const std::vector<CourseProgress> courses = course_progress(log, judge, c.now.utc);
  if (running_course_named(courses, log, r.name) != nullptr) {
    throw UsageError(fmt::format(
        "course start: a course named '{}' is running already; stop it first (roller course "
        "stop {}) or pick another name",
        printable(r.name), printable(r.name)));
  }
  const std::string& area = profile.areas[r.area].name;
  if (const CourseProgress* other = running_course_on(courses, log, area)) {
    throw UsageError(fmt::format(
        "course start: course '{}' is running on {} already; stop it first (roller course stop "
        "{})",
        printable(log.name(other->record->course)), area,
        printable(log.name(other->record->course))));
  }
  const std::uint64_t id = new_id(log);
  Record record{r.at,
                "course",
                {{"id", format_id(id)},
                 {"name", r.name},
                 {"area", area},
                 {"depth", format_depth(r.depth)},
                 {"every", format_days(r.every)},
                 {"sessions", std::to_string(r.sessions)}}};
  if (!r.reviews.empty())
    record.fields.emplace_back("reviews", fmt::format("{}", fmt::join(r.reviews, ",")));
  file.append(record);

  const std::int64_t now = c.now.utc;
  c.out << fmt::format(
      "Course {} started (id {}): {} sessions of {} mm on {}, one every {} days, from {} ({})\n",
      printable(r.name), format_id(id).substr(0, 8), r.sessions, format_depth(r.depth), area,
      format_days(r.every), format_when(r.at.utc, now), format_relative(r.at.utc, now));
  if (!r.reviews.empty()) {
    std::vector<std::string> reviews;
    for (const int week : r.reviews) {
      reviews.push_back(fmt::format("week {} ({})", week,
                                    format_when(r.at.utc + week * 7 * seconds_per_day, now)));
    }
    c.out << fmt::format("Reviews: {}\n", fmt::join(reviews, ", "));
  }
  return 0;
}

int run_stop(const CourseOptions& o, Context& c) {
  if (o.json) throw UsageError("--json is for course list: course stop prints no JSON");
  refuse_start_options(o);
  if (o.name.empty()) throw UsageError("course stop needs a NAME: the course to stop");
  const std::int64_t now = c.now.utc;
  const Timestamp at = o.at.empty() ? c.now : parse_past_time(o.at, c.now, "--at");
  const Profile& profile = c.profile();
  const auto refuse = [&](const std::vector<CourseProgress>& courses, const LogData& log) {
    const std::vector<std::string> running = running_names(courses, log);
    bool ended = false;
    for (const CourseProgress& p : courses) ended = ended || log.name(p.record->course) == o.name;
    const std::string hint =
        !did_you_mean(o.name, running).empty() ? did_you_mean(o.name, running, HintForm::clause)
        : running.empty()                      ? std::string("; no course is running")
                          : fmt::format("; the running courses are {}", fmt::join(running, ", "));
    throw UsageError(
        fmt::format("course stop: {}{}",
                    ended ? fmt::format("course '{}' has ended already", printable(o.name))
                          : fmt::format("no course named '{}' is running", printable(o.name)),
                    hint));
  };
  if (!c.log_exists()) refuse({}, LogData{});  // and no log to create for it
  auto [file, log] = c.open_log_for_writing(o.force);
  const Judge judge(profile, log);
  const std::vector<CourseProgress> courses = course_progress(log, judge, now);
  const CourseProgress* course = running_course_named(courses, log, o.name);
  if (course == nullptr) refuse(courses, log);
  if (at.utc < course->start) {
    throw UsageError(fmt::format("--at: {} comes before course {} started ({})",
                                 format_when(at.utc, now), printable(o.name),
                                 format_when(course->start, now)));
  }
  // Sessions after the stop leave the course: count what remains.
  std::size_t done = 0;
  for (const Event* s : course->sessions) done += s->utc <= at.utc ? 1 : 0;
  const std::uint64_t id = new_id(log);
  file.append(
      Record{at,
             "course-stop",
             {{"id", format_id(id)}, {"course", format_id(course->record->id)}, {"name", o.name}}});
  c.out << fmt::format("Course {} stopped (id {}) after {} of {} sessions\n", printable(o.name),
                       format_id(id).substr(0, 8), done, course->detail->sessions);
  return 0;
}

std::optional<double> days_of(const std::optional<double>& seconds) {
  if (!seconds) return std::nullopt;
  return days_rounded(*seconds);
}

void print_json(const std::vector<CourseProgress>& courses, const LogData& log, Context& c) {
  JsonWriter json;
  json.begin_object();
  json.key("courses");
  json.begin_array();
  for (const CourseProgress& p : courses) {
    json.begin_object();
    json.member("name", log.name(p.record->course));
    json.member("id", format_id(p.record->id));
    json.member("area", log.name(p.record->area));
    json.member("depth_mm", depth_mm(p.record->depth));
    json.member("every_days", days_rounded(static_cast<double>(p.detail->every_seconds)));
    json.member("sessions", p.detail->sessions);
    json.member("done", p.done());
    json.member("late", p.late);
    json.member("expected", p.expected);
    json.member("started", json_time(p.start));
    json.member("stopped", json_time(p.stop));
    json.member("state", course_state_name(p.state));
    json.member("next_target", json_time(p.next_target));
    json.member("mean_interval_days", days_of(p.mean_interval_seconds));
    json.key("reviews");
    json.begin_array();
    for (const CourseReview& r : p.reviews) {
      json.begin_object();
      json.member("week", r.week);
      json.member("at", json_time(r.at));
      json.member("due", r.due);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.flush(c.out);
}

void print_human(const std::vector<CourseProgress>& courses, const LogData& log, Context& c) {
  const std::int64_t now = c.now.utc;
  if (courses.empty()) {
    c.out << "No courses. Start one like: roller course start hair --area scalp --depth 0.5 "
             "--every 7 --sessions 12\n";
    return;
  }
  bool first = true;
  for (const CourseProgress& p : courses) {
    if (!first) c.out << '\n';
    first = false;
    const std::string state =
        p.state == CourseState::running ? c.style.good("running")
        : p.state == CourseState::completed
            ? std::string("completed")
            : c.style.warn(fmt::format("stopped {}", format_when(*p.stop, now)));
    c.out << fmt::format("{} ({} mm on {}, every {} days, {} sessions): {}\n",
                         c.style.bold(printable(log.name(p.record->course))),
                         format_depth(p.record->depth), printable(log.name(p.record->area)),
                         format_days(p.detail->every_seconds), p.detail->sessions, state);
    c.out << fmt::format("  started {} ({}); {}\n", format_when(p.start, now),
                         format_relative(p.start, now), course_summary(p, now));
    if (p.mean_interval_seconds) {
      c.out << fmt::format("  mean interval {:.1f} days (target {})\n",
                           *p.mean_interval_seconds / seconds_per_day,
                           format_days(p.detail->every_seconds));
    }
    if (!p.reviews.empty()) {
      std::vector<std::string> reviews;
      for (const CourseReview& r : p.reviews) {
        reviews.push_back(
            fmt::format("week {} {}{}", r.week, format_when(r.at, now), r.due ? " (due)" : ""));
      }
      c.out << fmt::format("  reviews: {}\n", fmt::join(reviews, ", "));
    }
  }
}

int run_list(const CourseOptions& o, Context& c) {
  refuse_start_options(o);
  if (!o.at.empty()) throw UsageError("--at is for course start and course stop, not course list");
  if (!o.name.empty()) {
    throw UsageError(
        fmt::format("unexpected argument '{}': course list takes no NAME", printable(o.name)));
  }
  const Profile& profile = c.profile();
  const LogData log = c.read_log();
  const Judge judge(profile, log);
  const std::vector<CourseProgress> courses = course_progress(log, judge, c.now.utc);
  if (o.json) {
    print_json(courses, log, c);
  } else {
    print_human(courses, log, c);
  }
  return 0;
}

void setup_course(CLI::App& cmd, CourseOptions& options) {
  cmd.add_option("ACTION", options.action, "start, stop or list (the default)")
      ->check(CLI::IsMember({"start", "stop", "list"}));
  cmd.add_option("NAME", options.name, "The course's name (start, stop)")->check(non_empty());
  cmd.add_option("--area", options.area, "start: the area the course treats")
      ->type_name("AREA")
      ->check(non_empty());
  cmd.add_option("--depth", options.depth, "start: the depth of its sessions in mm, like 0.5")
      ->type_name("MM")
      ->check(non_empty());
  cmd.add_option("--every", options.every, "start: days between sessions, like 7")
      ->type_name("DAYS")
      ->check(non_empty());
  cmd.add_option("--sessions", options.sessions, "start: how many sessions, 1 to 1000")
      ->type_name("N")
      ->check(non_empty());
  cmd.add_option("--review", options.review, "start: weeks after the start to review, like 8,12")
      ->type_name("WEEKS")
      ->check(non_empty());
  cmd.add_option("--at", options.at, "start, stop: when (default now; a start may be ahead)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_flag("--json", options.json, "list: print one JSON document, for scripts");
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "A course is a target cadence on top of the minimum rest: N sessions of one depth on\n"
      "one area, one every DAYS days. Its sessions are the ones you log on that area from\n"
      "its start; a session more than a day past its target is late. `roller next` shows a\n"
      "running course beside its area, `roller stats` its adherence. A cadence shorter than\n"
      "the rest the depth needs is refused (exit 3), as is a depth log would refuse. One\n"
      "course runs on an area at a time.\n\n"
      "Examples:\n"
      "  roller course start hair --area scalp --depth 0.5 --every 7 --sessions 12 --review 8,12\n"
      "  roller course\n"
      "  roller course stop hair");
}

int run_course(const CourseOptions& options, Context& c) {
  if (options.action == "start") return run_start(options, c);
  if (options.action == "stop") return run_stop(options, c);
  return run_list(options, c);
}

}  // namespace

std::string course_summary(const CourseProgress& p, std::int64_t now) {
  std::string text = fmt::format("session {} of {}", p.done(), p.detail->sessions);
  if (p.late > 0) text += fmt::format(", {} late", p.late);
  if (p.next_target) {
    text += fmt::format(", next {} {} ({})", *p.next_target < now ? "was due" : "due",
                        format_when(*p.next_target, now), format_relative(*p.next_target, now));
  }
  return text;
}

const Command course_command{
    "course", "Start, stop and follow treatment courses: N sessions, one every DAYS days",
    with_options<CourseOptions, setup_course, run_course>};

}  // namespace roller::cli
