// Treatment courses: a target cadence on top of the minimum rest ("12 weekly sessions at
// 1.5 mm on the scalp, reviewed at weeks 8 and 12"). This module is the one place where a
// course's progress is worked out from the log: which sessions belong to it, how many are
// done, late and expected by an instant, when the next one is due, which reviews have come.
// `course`, `next` and `stats` all read it here. Pure: the instant is a parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roller/depth.hpp"
#include "roller/judge.hpp"
#include "roller/log.hpp"

namespace roller {

/// A session more than this after the course's target for it is late (a day's grace, so
/// that rolling on the evening after the target is not late).
inline constexpr std::int64_t course_grace_seconds = seconds_per_day;

/// Where a course stands.
enum class CourseState : std::uint8_t {
  running,    ///< neither stopped nor completed
  completed,  ///< every planned session is done
  stopped,    ///< a counted course-stop ended it first
};

/// "running", "completed", "stopped": as `course --json` writes it.
[[nodiscard]] std::string_view course_state_name(CourseState state);

/// A progress review: week `week` after the start.
struct CourseReview {
  int week = 0;
  std::int64_t at = 0;  ///< start + 7 * week days
  bool due = false;     ///< `at` has come by the instant asked about
};

/// One course at an instant.
struct CourseProgress {
  const Event* record = nullptr;  ///< the `course` record
  const CourseDetail* detail = nullptr;
  std::int64_t start = 0;              ///< the record's instant
  const Event* stop_record = nullptr;  ///< the counted course-stop that ended it, if any
  std::optional<std::int64_t> stop;    ///< its instant
  std::vector<const Event*> sessions;  ///< the course's sessions, in time order
  CourseState state = CourseState::running;
  std::size_t late = 0;      ///< sessions that came late, plus 1 while the next one is late
  std::size_t expected = 0;  ///< sessions the cadence asks for by the instant (or the stop)
  std::optional<std::int64_t> next_target;      ///< running only: when the next session is due
  std::optional<double> mean_interval_seconds;  ///< between its sessions; none under two
  std::vector<CourseReview> reviews;            ///< in the order the record lists them

  [[nodiscard]] std::size_t done() const { return sessions.size(); }
  [[nodiscard]] bool running() const { return state == CourseState::running; }
};

/// Every counted course of `log` at instant `now`, in time order of their starts (equal
/// starts in file order). A course's sessions are the counted sessions on exactly its area
/// (by name, so a course on an area the profile no longer has keeps its sessions) from its
/// start to the earlier of its stop and `now`, the first `sessions` of them. A course stops
/// at its earliest counted course-stop; voiding the stop resumes it.
[[nodiscard]] std::vector<CourseProgress> course_progress(const LogData& log, const Judge& judge,
                                                          std::int64_t now);

/// The running course of `courses` on the area called `area`: the latest started when a
/// hand-edited log has several; nullptr when none.
[[nodiscard]] const CourseProgress* running_course_on(const std::vector<CourseProgress>& courses,
                                                      const LogData& log, std::string_view area);

/// The running course called `name`, or nullptr.
[[nodiscard]] const CourseProgress* running_course_named(const std::vector<CourseProgress>& courses,
                                                         const LogData& log, std::string_view name);

}  // namespace roller
