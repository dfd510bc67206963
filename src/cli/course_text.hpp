// A course's progress in words, as `course`, `next` and `stats` show it (cmd_course.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "roller/course.hpp"

namespace roller::cli {

/// "session 6 of 24, 1 late, next due Tue 1 Dec 21:00 (in 6 days)": what is done of the
/// plan, the late sessions when there are any, and the next target while it runs.
[[nodiscard]] std::string course_summary(const CourseProgress& progress, std::int64_t now);

}  // namespace roller::cli
