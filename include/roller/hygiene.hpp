// Roller hygiene, as pure functions: from the profile, the log and an instant, whether each
// roller needs cleaning (used since it was last cleaned) and replacing (too many uses or too
// old a head).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// Where one roller stands at an instant.
struct RollerStatus {
  std::string name;
  int replace_after_uses = 0;
  int replace_after_days = 0;
  std::optional<Event> last_used;          ///< its latest session
  std::optional<Event> last_cleaned;       ///< its latest clean
  std::optional<Event> last_replaced;      ///< its latest replace
  int uses_since_replace = 0;              ///< sittings since the head was new
  std::optional<std::int64_t> head_since;  ///< when the head was new: last replace, else
                                           ///< the profile's `since`, else first use
  bool needs_cleaning = false;             ///< used since it was last cleaned (or replaced)
  bool replace_due = false;                ///< uses or age reached their limit
  bool since_in_future = false;            ///< the profile's `since` is after `now`: ignored

  /// Whole days the head has been in use at `now` (0 when it has no start yet).
  [[nodiscard]] std::int64_t age_days(std::int64_t now) const;
};

/// The rollers to report on: the profile's, in order, or the implicit roller when it lists
/// none. Every counted record counts, whatever its time; sessions closer together than the
/// profile's sitting are one use. Records of rollers the profile does not list are ignored.
[[nodiscard]] std::vector<RollerStatus> roller_statuses(const Profile& profile, const LogData& log,
                                                        std::int64_t now);
/// The same, given the log's counted sessions in time order (a judge's `sessions()`): a log
/// whose records are out of order is then not sorted once more.
[[nodiscard]] std::vector<RollerStatus> roller_statuses(
    const Profile& profile, const LogData& log, std::int64_t now,
    std::span<const Event* const> sessions_in_time_order);

}  // namespace roller
