// The whole-log audit behind `roller check`: what is wrong in a log that roller can still
// read, beyond its unreadable lines. Pure: the profile and the log in, findings out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// One problem, at a line of the log.
struct Finding {
  std::uint32_t line = 0;
  std::string message;
};

/// Duplicate ids, voids of unknown ids or of voids, and sessions that broke a depth or rest
/// rule without forced=true, ordered by line.
[[nodiscard]] std::vector<Finding> audit_log(const Profile& profile, const LogData& log);

}  // namespace roller
