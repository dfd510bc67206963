// Course progress: one pass over the log for the counted courses and their stops, then, per
// course, the judge's counted sessions (already in time order) from its start.
#include "roller/course.hpp"

#include <algorithm>
#include <unordered_map>

namespace roller {

std::string_view course_state_name(CourseState state) {
  switch (state) {
    case CourseState::running:
      return "running";
    case CourseState::completed:
      return "completed";
    case CourseState::stopped:
      return "stopped";
  }
  return "running";
}

std::vector<CourseProgress> course_progress(const LogData& log, const Judge& judge,
                                            std::int64_t now) {
  std::vector<const Event*> records;
  std::unordered_map<std::uint64_t, const Event*> first_stop;  // course id -> its earliest stop
  for (const Event& e : log.events) {
    if (e.kind == RecordKind::course && log.counts(e)) records.push_back(&e);
    if (e.kind == RecordKind::course_stop && log.counts(e)) {
      const Event*& stop = first_stop[e.target];
      if (stop == nullptr || e.utc < stop->utc) stop = &e;
    }
  }
  std::stable_sort(records.begin(), records.end(),
                   [](const Event* a, const Event* b) { return a->utc < b->utc; });

  const std::vector<const Event*>& sessions = judge.sessions();
  std::vector<CourseProgress> courses;
  courses.reserve(records.size());
  for (const Event* record : records) {
    CourseProgress c;
    c.record = record;
    c.detail = &log.courses[record->detail];
    c.start = record->utc;
    if (const auto found = first_stop.find(record->id); found != first_stop.end()) {
      c.stop_record = found->second;
      c.stop = found->second->utc;
    }
    const std::int64_t every = c.detail->every_seconds;
    const auto planned = static_cast<std::size_t>(c.detail->sessions);
    const std::int64_t end = std::min(now, c.stop.value_or(now));

    auto it = std::lower_bound(sessions.begin(), sessions.end(), c.start,
                               [](const Event* s, std::int64_t t) { return s->utc < t; });
    for (; it != sessions.end() && (*it)->utc <= end && c.sessions.size() < planned; ++it) {
      if ((*it)->area == record->area) c.sessions.push_back(*it);
    }

    if (c.sessions.size() == planned) {
      c.state = CourseState::completed;
    } else if (c.stop) {
      c.state = CourseState::stopped;
    }

    std::int64_t previous = c.start;
    for (const Event* s : c.sessions) {
      if (s->utc - previous > every + course_grace_seconds) ++c.late;
      previous = s->utc;
    }
    if (c.running()) {
      c.next_target = c.sessions.empty() ? c.start : c.sessions.back()->utc + every;
      if (now > *c.next_target + course_grace_seconds) ++c.late;
    }

    if (end >= c.start) {
      c.expected = std::min(planned, static_cast<std::size_t>((end - c.start) / every) + 1);
    }
    if (c.sessions.size() >= 2) {
      c.mean_interval_seconds =
          static_cast<double>(c.sessions.back()->utc - c.sessions.front()->utc) /
          static_cast<double>(c.sessions.size() - 1);
    }
    for (const int week : c.detail->review_weeks) {
      const std::int64_t at = c.start + static_cast<std::int64_t>(week) * 7 * seconds_per_day;
      c.reviews.push_back({week, at, at <= now});
    }
    courses.push_back(std::move(c));
  }
  return courses;
}

const CourseProgress* running_course_on(const std::vector<CourseProgress>& courses,
                                        const LogData& log, std::string_view area) {
  const CourseProgress* found = nullptr;
  for (const CourseProgress& c : courses) {
    if (c.running() && log.name(c.record->area) == area) found = &c;
  }
  return found;
}

const CourseProgress* running_course_named(const std::vector<CourseProgress>& courses,
                                           const LogData& log, std::string_view name) {
  const CourseProgress* found = nullptr;
  for (const CourseProgress& c : courses) {
    if (c.running() && log.name(c.record->course) == name) found = &c;
  }
  return found;
}

}  // namespace roller
