// Rendering helpers for human output: local dates, relative phrases, colour by meaning.
// Everything returns strings, so it is tested without a terminal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roller/text.hpp"  // display_width and pad_right, which tables and lists use

namespace roller::cli {

/// Colours text by meaning when enabled; plain text otherwise.
struct Style {
  bool color = false;
  [[nodiscard]] std::string good(std::string_view text) const;  ///< ready: green
  [[nodiscard]] std::string warn(std::string_view text) const;  ///< resting: yellow
  [[nodiscard]] std::string bad(std::string_view text) const;   ///< refused, forced: red
  [[nodiscard]] std::string bold(std::string_view text) const;
  /// Heat of a calendar mark, 1 (shallow: green) to 4 (deepest: magenta).
  [[nodiscard]] std::string heat(int level, std::string_view text) const;
  /// Today in a calendar: reverse video.
  [[nodiscard]] std::string highlight(std::string_view text) const;
};

/// "Wed 2 Dec 21:30" in local time (TZ), with the year when it differs from `now`'s.
[[nodiscard]] std::string format_when(std::int64_t utc, std::int64_t now);

/// "7 days", "5 hours", "40 minutes", "under a minute": a span rounded to its largest
/// sensible unit.
[[nodiscard]] std::string format_duration(std::int64_t seconds);

/// "in 7 days", "in 5 hours", "in under a minute", "now" (the very instant), "under a minute
/// ago", "3 days ago", relative to `now`.
[[nodiscard]] std::string format_relative(std::int64_t target, std::int64_t now);

/// A span in days, rounded to three decimals (gaps in JSON and CSV).
[[nodiscard]] double days_rounded(double seconds);
/// The same days as a whole number of thousandths: days_rounded(s) == this / 1000.0.
[[nodiscard]] std::int64_t days_in_thousandths(double seconds);

/// "Mon": a weekday's short English name; 0 is Sunday, as in CivilTime.
[[nodiscard]] std::string_view weekday_name(int weekday);

/// "Jan": a month's short English name; 1 is January.
[[nodiscard]] std::string_view month_name(int month);

/// "2026-11-25": the local (TZ) calendar date of an instant.
[[nodiscard]] std::string local_date(std::int64_t utc);

/// RFC 3339 in the local zone's offset at that instant, for JSON.
[[nodiscard]] std::string json_time(std::int64_t utc);
/// The same for an instant that may be missing: nothing (JSON's null) for none.
[[nodiscard]] std::optional<std::string> json_time(const std::optional<std::int64_t>& utc);

/// A table: the first row is the header (bold), columns padded to their widest cell (in
/// terminal columns: see display_width in roller/text.hpp) and two spaces apart,
/// right-aligned where `right` says so, trailing spaces cut. Cells are shown printable()
/// (controls and bidirectional controls escaped), whole.
[[nodiscard]] std::string format_table(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<bool>& right, const Style& style);

}  // namespace roller::cli
