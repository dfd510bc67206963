// Aftercare, as pure functions: what to avoid after a session, and for how long. It advises
// and never refuses, so it is not one of the judge's rules (judge.hpp); it reads the
// sessions the judge counts.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "roller/judge.hpp"
#include "roller/profile.hpp"

namespace roller {

/// Something to avoid until an instant, after a session.
struct AftercareWindow {
  std::string avoid;
  std::int64_t until = 0;
  friend bool operator==(const AftercareWindow&, const AftercareWindow&) = default;
};

/// The aftercare for a session of `depth` at `at`: every rule it reaches, the longest
/// window for each thing to avoid, in the profile's order.
[[nodiscard]] std::vector<AftercareWindow> aftercare_for(const Profile& profile, Micrometres depth,
                                                         std::int64_t at);

/// The aftercare windows still running at `now`, from every counted session at or before it.
[[nodiscard]] std::vector<AftercareWindow> aftercare_running(const Profile& profile,
                                                             const Judge& judge, std::int64_t now);

}  // namespace roller
