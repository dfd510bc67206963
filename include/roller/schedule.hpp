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

/// A pause in rolling that the person set (sunburn, an infection, a medicine).
struct Hold {
  Event record;
  std::int64_t until = 0;
  std::string reason;
};

/// The hold in force at `at`: the latest hold or release at or before `at` (voided ones
/// left out), if it is a hold that has not ended.
[[nodiscard]] std::optional<Hold> active_hold(const LogData& log, std::int64_t at);

/// Where one area of the profile stands at an instant.
struct AreaStatus {
  std::size_t area = 0;             ///< index into Profile::areas
  std::optional<Event> last;        ///< latest session on this area at or before the instant
  std::optional<Event> limiting;    ///< the session, on this area or one it overlaps, whose
                                    ///< rest ends last
  std::optional<std::int64_t> due;  ///< when the area may be rolled again; nullopt: never
                                    ///< rolled and not held
  bool ready = true;                ///< true from the due instant on
  bool held = false;                ///< not ready because of a hold
};

/// The status of every area, in profile order. Voided sessions and sessions after `now`
/// are left out; a session rests its own area and every area it overlaps (Area::overlaps)
/// for Profile::rest_seconds(depth), and an area is due when the rest of every earlier such
/// session has run out. During a hold no area is ready, and none is due before it ends.
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

/// Judges the rest of a session of `depth` on `area` at instant `at` against every session
/// on that area or one it overlaps: earlier ones must have rested, and its own rest must
/// end before any later one.
[[nodiscard]] Judgement judge_rest(const Profile& profile, const LogData& log, std::size_t area,
                                   Micrometres depth, std::int64_t at);

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

/// The aftercare windows still running at `now`, from every session at or before it.
[[nodiscard]] std::vector<AftercareWindow> aftercare_running(const Profile& profile,
                                                             const LogData& log, std::int64_t now);

}  // namespace roller
