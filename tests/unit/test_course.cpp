// Unit tests for course progress: which sessions belong to a course, and what is done, late,
// expected and next at an instant.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "roller/course.hpp"
#include "roller/profile.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;

namespace {

constexpr std::int64_t day = seconds_per_day;

// A weekly scalp course of 4 sessions from 1 Nov, reviewed at weeks 2 and 8.
const std::string weekly =
    "2026-11-01T20:00:00Z course id=c000000000000001 name=hair area=scalp depth=0.5 every=7 "
    "sessions=4 reviews=2,8\n";

std::string session(const char* at, const char* id, const char* area = "scalp") {
  return fmt::format("{} session id={} area={} depth=0.5 roller=default\n", at, id, area);
}

// The progress of the only course of `text` at `now`, owning what it shows.
struct View {
  CourseProgress progress;
  std::vector<std::string> session_ids;
};

View only_course(const std::string& text, const char* now) {
  const LogData log = log_of(text);
  const Profile profile = default_profile();
  const Judge judge(profile, log);
  const std::vector<CourseProgress> courses = course_progress(log, judge, at(now));
  REQUIRE(courses.size() == 1);
  View view{courses.front(), {}};
  for (const Event* s : view.progress.sessions) view.session_ids.push_back(format_id(s->id));
  // The pointers go with the log: keep only values.
  view.progress.record = nullptr;
  view.progress.detail = nullptr;
  view.progress.stop_record = nullptr;
  view.progress.sessions.clear();
  return view;
}

}  // namespace

TEST_CASE("a course's sessions: on exactly its area, from its start, voided ones left out") {
  const View v = only_course(
      weekly + session("2026-10-30T20:00:00Z", "0000000000000001") +  // before the start
          session("2026-11-01T20:00:00Z", "0000000000000002") +       // at the start
          session("2026-11-02T20:00:00Z", "0000000000000003", "forehead") +
          session("2026-11-08T20:00:00Z", "0000000000000004") +
          session("2026-11-15T20:00:00Z", "0000000000000005") +
          "2026-11-15T21:00:00Z void id=0000000000000006 target=0000000000000005\n",
      "2026-11-16T20:00:00Z");
  CHECK(v.session_ids == std::vector<std::string>{"0000000000000002", "0000000000000004"});
  CHECK(v.progress.state == CourseState::running);
  CHECK(v.progress.next_target == at("2026-11-15T20:00:00Z"));
  CHECK(v.progress.late == 0);      // the 15th's target has a day's grace
  CHECK(v.progress.expected == 3);  // 1, 8 and 15 Nov
  REQUIRE(v.progress.mean_interval_seconds);
  CHECK(*v.progress.mean_interval_seconds == doctest::Approx(7.0 * day));
}

TEST_CASE("the next target: the start before the first session, then the last one + every") {
  CHECK(only_course(weekly, "2026-11-01T10:00:00Z").progress.next_target ==
        at("2026-11-01T20:00:00Z"));
  CHECK(only_course(weekly + session("2026-11-03T09:00:00Z", "0000000000000001"),
                    "2026-11-04T10:00:00Z")
            .progress.next_target == at("2026-11-10T09:00:00Z"));
}

TEST_CASE("late: a session more than every + 1 day after the one before, or after the start") {
  const View v = only_course(
      weekly + session("2026-11-03T20:00:00Z", "0000000000000001") +  // 2 days: not late
          session("2026-11-11T20:00:00Z", "0000000000000002") +       // 8 days: the grace
          session("2026-11-19T20:00:01Z", "0000000000000003"),        // 8 days and 1 s: late
      "2026-11-20T20:00:00Z");
  CHECK(v.progress.late == 1);
  CHECK(v.progress.mean_interval_seconds == doctest::Approx((16.0 * day + 1) / 2));

  const View first_late = only_course(weekly + session("2026-11-09T20:00:01Z", "0000000000000001"),
                                      "2026-11-10T00:00:00Z");
  CHECK(first_late.progress.late == 1);
  CHECK_FALSE(first_late.progress.mean_interval_seconds);  // under two sessions
}

TEST_CASE("late: the session now due counts once its target and a day have passed") {
  const std::string text = weekly + session("2026-11-01T20:00:00Z", "0000000000000001");
  CHECK(only_course(text, "2026-11-09T20:00:00Z").progress.late == 0);  // target + 1 day
  CHECK(only_course(text, "2026-11-09T20:00:01Z").progress.late == 1);
  CHECK(only_course(text, "2026-12-30T00:00:00Z").progress.late == 1);    // once, however late
  CHECK(only_course(weekly, "2026-11-02T20:00:01Z").progress.late == 1);  // never begun
}

TEST_CASE("expected: one at the start, one more each interval, at most the planned number") {
  CHECK(only_course(weekly, "2026-11-01T19:59:59Z").progress.expected == 0);  // not begun
  CHECK(only_course(weekly, "2026-11-01T20:00:00Z").progress.expected == 1);
  CHECK(only_course(weekly, "2026-11-08T19:59:59Z").progress.expected == 1);
  CHECK(only_course(weekly, "2026-11-08T20:00:00Z").progress.expected == 2);
  CHECK(only_course(weekly, "2027-06-01T00:00:00Z").progress.expected == 4);
}

TEST_CASE("a course that has not begun: nothing done, due at its start") {
  const View v = only_course(weekly + session("2026-10-30T20:00:00Z", "0000000000000001"),
                             "2026-10-31T00:00:00Z");
  CHECK(v.session_ids.empty());
  CHECK(v.progress.state == CourseState::running);
  CHECK(v.progress.expected == 0);
  CHECK(v.progress.late == 0);
  CHECK(v.progress.next_target == at("2026-11-01T20:00:00Z"));
}

TEST_CASE("completed: the planned sessions are done, and later sessions are not the course's") {
  const View v = only_course(weekly + session("2026-11-01T20:00:00Z", "0000000000000001") +
                                 session("2026-11-08T20:00:00Z", "0000000000000002") +
                                 session("2026-11-15T20:00:00Z", "0000000000000003") +
                                 session("2026-11-22T20:00:00Z", "0000000000000004") +
                                 session("2026-11-29T20:00:00Z", "0000000000000005"),
                             "2027-03-01T00:00:00Z");
  CHECK(v.session_ids.size() == 4);
  CHECK(v.session_ids.back() == "0000000000000004");
  CHECK(v.progress.state == CourseState::completed);
  CHECK_FALSE(v.progress.next_target);
  CHECK(v.progress.late == 0);  // nothing is due any more
  CHECK(v.progress.expected == 4);
}

TEST_CASE("stopped: sessions after the stop do not count, and expected stops growing") {
  const std::string text =
      weekly + session("2026-11-01T20:00:00Z", "0000000000000001") +
      "2026-11-10T20:00:00Z course-stop id=0000000000000002 course=c000000000000001 name=hair\n" +
      session("2026-11-12T20:00:00Z", "0000000000000003");
  const View v = only_course(text, "2026-12-30T00:00:00Z");
  CHECK(v.session_ids == std::vector<std::string>{"0000000000000001"});
  CHECK(v.progress.state == CourseState::stopped);
  CHECK(v.progress.stop == at("2026-11-10T20:00:00Z"));
  CHECK_FALSE(v.progress.next_target);
  CHECK(v.progress.late == 0);
  CHECK(v.progress.expected == 2);  // 1 and 8 Nov came before the stop

  // Voiding the stop resumes the course.
  const View resumed =
      only_course(text + "2026-11-13T20:00:00Z void id=0000000000000004 target=0000000000000002\n",
                  "2026-11-14T00:00:00Z");
  CHECK(resumed.progress.state == CourseState::running);
  CHECK(resumed.session_ids.size() == 2);
  CHECK(resumed.progress.next_target == at("2026-11-19T20:00:00Z"));
}

TEST_CASE("a stop of another course, and a stop seen from before it, as the log says") {
  const View other = only_course(
      weekly +
          "2026-11-10T20:00:00Z course-stop id=0000000000000002 course=c000000000000009 name=x\n",
      "2026-11-11T00:00:00Z");
  CHECK(other.progress.state == CourseState::running);
  // Every counted record counts whatever its time, as for sessions.
  const View early = only_course(weekly +
                                     "2026-11-10T20:00:00Z course-stop id=0000000000000002 "
                                     "course=c000000000000001 name=hair\n",
                                 "2026-11-05T00:00:00Z");
  CHECK(early.progress.state == CourseState::stopped);
  CHECK(early.progress.expected == 1);  // by now, which comes before the stop
}

TEST_CASE("reviews fall 7 days a week after the start, due once they have come") {
  const View v = only_course(weekly, "2026-11-15T20:00:00Z");
  REQUIRE(v.progress.reviews.size() == 2);
  CHECK(v.progress.reviews[0].week == 2);
  CHECK(v.progress.reviews[0].at == at("2026-11-15T20:00:00Z"));
  CHECK(v.progress.reviews[0].due);
  CHECK(v.progress.reviews[1].week == 8);
  CHECK(v.progress.reviews[1].at == at("2026-12-27T20:00:00Z"));
  CHECK_FALSE(v.progress.reviews[1].due);
}

TEST_CASE("courses: voided ones left out, the rest in order of their starts") {
  const LogData log = log_of(
      "2026-11-05T20:00:00Z course id=c000000000000002 name=b area=cheeks depth=0.5 every=14 "
      "sessions=3\n"
      "2026-11-01T20:00:00Z course id=c000000000000001 name=a area=scalp depth=0.5 every=7 "
      "sessions=4\n"
      "2026-11-03T20:00:00Z course id=c000000000000003 name=c area=nose depth=0.5 every=7 "
      "sessions=4\n"
      "2026-11-03T21:00:00Z void id=0000000000000001 target=c000000000000003\n");
  const Profile profile = default_profile();
  const Judge judge(profile, log);
  const std::vector<CourseProgress> courses =
      course_progress(log, judge, at("2026-11-06T00:00:00Z"));
  REQUIRE(courses.size() == 2);
  CHECK(log.name(courses[0].record->course) == "a");
  CHECK(log.name(courses[1].record->course) == "b");
  CHECK(running_course_on(courses, log, "cheeks") == &courses[1]);
  CHECK(running_course_on(courses, log, "nose") == nullptr);
  CHECK(running_course_named(courses, log, "a") == &courses[0]);
  CHECK(running_course_named(courses, log, "c") == nullptr);
  CHECK(course_state_name(courses[0].state) == "running");
}

TEST_CASE("a finished course frees its name and its area") {
  const LogData log = log_of(
      weekly +
      "2026-11-02T20:00:00Z course-stop id=0000000000000002 course=c000000000000001 name=hair\n"
      "2026-11-03T20:00:00Z course id=c000000000000003 name=hair area=scalp depth=0.5 every=7 "
      "sessions=4\n");
  const Profile profile = default_profile();
  const Judge judge(profile, log);
  const std::vector<CourseProgress> courses =
      course_progress(log, judge, at("2026-11-04T00:00:00Z"));
  REQUIRE(courses.size() == 2);
  CHECK(running_course_named(courses, log, "hair") == &courses[1]);
  CHECK(running_course_on(courses, log, "scalp") == &courses[1]);
}
