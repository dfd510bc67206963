// The rules, as pure functions: given the profile, the log's events and an instant, when
// each area may be rolled again and whether a new session is allowed. Nothing here reads
// the clock or the disk; rest is measured in elapsed seconds, so offsets and DST never
// shorten it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// Where one area of the profile stands at an instant.
struct AreaStatus {
  std::size_t area = 0;             ///< index into Profile::areas
  std::optional<Event> last;        ///< latest session at or before the instant
  std::optional<Event> limiting;    ///< the session whose rest ends last
  std::optional<std::int64_t> due;  ///< when the area may be rolled again; nullopt: never rolled
  bool ready = true;                ///< true from the due instant on
};

/// The status of every area, in profile order. Voided sessions and sessions after `now`
/// are left out; a session rests its area for Profile::rest_seconds(depth), and an area is
/// due when the rest of every earlier session has run out.
[[nodiscard]] std::vector<AreaStatus> area_statuses(const Profile& profile, const LogData& log,
                                                    std::int64_t now);

/// What the rules say of a new session.
enum class Verdict {
  ok,
  deeper_than_home,        ///< deeper than the home limit: never allowed
  too_deep_for_area,       ///< deeper than the area's cap
  too_soon,                ///< an earlier session's rest has not run out
  too_close_before_later,  ///< its own rest would overlap a later session (a backfill)
};

/// A verdict and what caused it.
struct Judgement {
  Verdict verdict = Verdict::ok;
  Micrometres limit = 0;          ///< deeper_than_home, too_deep_for_area: the cap
  std::optional<Event> blocking;  ///< too_soon, too_close_before_later: the other session
  std::int64_t until = 0;         ///< too_soon: when the area is ready
};

/// Judges the depth of a session on `area`: the home limit first, then the area's cap.
/// Needs no log, so a command can refuse before it touches the file.
[[nodiscard]] Judgement judge_depth(const Profile& profile, std::size_t area, Micrometres depth);

/// Judges the rest of a session of `depth` on `area` at instant `at` against every other
/// session of that area: earlier ones must have rested, and its own rest must end before
/// any later one.
[[nodiscard]] Judgement judge_rest(const Profile& profile, const LogData& log, std::size_t area,
                                   Micrometres depth, std::int64_t at);

}  // namespace roller
