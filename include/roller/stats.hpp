// A person's record in numbers, as pure functions: per area how often and how regularly it
// was rolled and how often the rest rule was kept; per roller its uses and care; sessions per
// local month; the deepest session of each local day, for the calendar; and the history of
// sessions with the gap before each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "roller/depth.hpp"
#include "roller/judge.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// One area's sessions.
struct AreaStats {
  std::string name;
  bool in_profile = true;  ///< false: only the log names it
  std::size_t sessions = 0;
  std::optional<std::int64_t> first;         ///< its earliest session
  std::optional<std::int64_t> last;          ///< its latest session
  std::optional<std::int64_t> gap_total;     ///< sum of the gaps between its sessions
  std::optional<std::int64_t> shortest_gap;  ///< shortest gap between two of its sessions
  std::size_t rested = 0;  ///< sessions the judge would have accepted without --force
                           ///< (profile areas only)
  std::size_t pain_reported = 0;  ///< sessions with a pain score (details kept)
  std::int64_t pain_total = 0;
  std::size_t reacted = 0;  ///< sessions followed by a reaction (profile areas only)

  /// Mean pain of the sessions that gave one; nullopt when none did.
  [[nodiscard]] std::optional<double> mean_pain() const;

  /// Mean gap in seconds between consecutive sessions; nullopt with fewer than two.
  [[nodiscard]] std::optional<double> mean_gap() const;
};

/// One roller's uses and care.
struct RollerStats {
  std::string name;
  bool in_profile = true;
  std::size_t uses = 0;
  std::size_t cleanings = 0;
  std::size_t replacements = 0;
};

/// The sessions of one local calendar month.
struct MonthCount {
  int year = 1970;
  int month = 1;  ///< 1..12
  std::size_t sessions = 0;
};

/// Everything `roller stats` reports.
struct Stats {
  std::size_t sessions = 0;
  std::vector<AreaStats> areas;      ///< the profile's, in order, then others the log names
  std::vector<RollerStats> rollers;  ///< the profile's (or the implicit one), then others
  std::vector<MonthCount> months;    ///< every month from the first session's to `now`'s
};

/// The statistics of every counted record, whatever its time. Months are local (TZ) calendar
/// months, from the first session's to the later of `now`'s and the last session's.
[[nodiscard]] Stats compute_stats(const Profile& profile, const Judge& judge, const LogData& log,
                                  std::int64_t now);

/// The deepest session of each local day from `first_day` to `last_day` (days since
/// 1970-01-01, inclusive): element i is day first_day + i, 0 where there was none. Voided
/// sessions are left out; `area`, when given, keeps only sessions of that interned name.
[[nodiscard]] std::vector<Micrometres> deepest_by_day(const LogData& log,
                                                      std::optional<std::uint32_t> area,
                                                      std::int64_t first_day,
                                                      std::int64_t last_day);

/// Whether a reaction shows anything: redness, peeling, swelling, or a severe one.
[[nodiscard]] bool shows_something(const ReactionDetail& reaction);

/// For each session of judge.replay(), at the same index, the first counted reaction that
/// followed it, or null: a reaction that shows something, on its area or one overlapping it,
/// from the session's instant until its rest ends or its area's next session, whichever
/// comes first. Reactions reported later are about other causes, or too late to tell.
[[nodiscard]] std::vector<const Event*> reactions_following(const Judge& judge,
                                                            const LogData& log);

/// A detail `stats --by` compares sessions by.
enum class DetailKey : std::uint8_t { pressure, passes, endpoint };

/// The sessions that share one value of a detail ("firm", "3", "none given").
struct DetailGroup {
  std::string value;
  std::size_t sessions = 0;
  std::size_t pain_reported = 0;
  std::int64_t pain_total = 0;
  std::size_t reacted = 0;
  [[nodiscard]] std::optional<double> mean_pain() const;
};

/// The judged sessions (profile areas) grouped by one detail, in the detail's order (light,
/// medium, firm; passes ascending; none, erythema, pinpoint-bleeding), then the sessions that
/// did not give it. The log must be read with LoadOptions::keep_details.
[[nodiscard]] std::vector<DetailGroup> compare_by(const Judge& judge, const LogData& log,
                                                  DetailKey key);

/// One session in a person's history.
struct HistoryEntry {
  Event session;
  std::optional<std::int64_t> gap_seconds;  ///< since the previous session of the same area
};

/// Every counted session, oldest first (equal times in file order), each with the time since
/// the previous session of its area.
[[nodiscard]] std::vector<HistoryEntry> session_history(const Judge& judge, const LogData& log);

}  // namespace roller
