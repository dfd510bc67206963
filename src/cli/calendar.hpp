// `roller history --calendar`: month grids like cal(1), each day marked by the deepest
// session of that day on a heat scale, today in brackets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "context.hpp"
#include "roller/log.hpp"

namespace roller::cli {

/// Longest span `--months` accepts: ten years of grids.
inline constexpr int max_calendar_months = 120;

/// Renders `months` local calendar months ending with the month of `now`, two side by side,
/// then the legend and the number of sessions shown. `area` keeps one interned area only;
/// `no_sessions` shows empty grids (an area the log never names).
[[nodiscard]] std::string render_calendar(const LogData& log, std::optional<std::uint32_t> area,
                                          bool no_sessions, int months, std::int64_t now,
                                          const Style& style);

}  // namespace roller::cli
