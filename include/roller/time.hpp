// Instants, their offsets and the time values people type. roller keeps every instant as
// seconds since the Unix epoch plus the UTC offset it was written with, measures rest in
// elapsed seconds, and turns instants into local time only to show or read them.
//
// libstdc++ 12 has no std::chrono time-zone database, so local time goes through the C
// library (localtime_r / mktime), which follows TZ exactly like every other tool.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roller {

/// Seconds in a day of elapsed time.
inline constexpr std::int64_t seconds_per_day = 86400;

/// An instant and the UTC offset it is shown in.
struct Timestamp {
  std::int64_t utc = 0;     ///< seconds since 1970-01-01T00:00:00Z
  std::int32_t offset = 0;  ///< seconds east of UTC
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

/// Calendar fields of an instant in its own offset.
struct CivilTime {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int weekday = 4;  ///< 0 = Sunday
};

/// Parses an RFC 3339 timestamp with an offset ("2026-11-25T21:30:00+01:00", "...Z").
/// Fractions of a second are accepted and dropped. Returns nullopt when malformed.
/// Longest span roller accepts as a number of days (a course's cadence, a window).
inline constexpr std::int64_t max_span_days = 3650;

/// "7", "3.5", "0.25": a positive number of days, at most three decimals and at most
/// max_span_days, as whole seconds; nullopt for anything else.
[[nodiscard]] std::optional<std::int64_t> parse_days(std::string_view text);
/// Seconds as days the way parse_days reads them back: "7", "3.5".
[[nodiscard]] std::string format_days(std::int64_t seconds);

[[nodiscard]] std::optional<Timestamp> parse_rfc3339(std::string_view text);

/// Formats as RFC 3339 with seconds and the timestamp's own offset ("Z" is never used).
[[nodiscard]] std::string format_rfc3339(Timestamp ts);
/// The same 25 characters, without allocating (history --json writes one per session).
[[nodiscard]] std::array<char, 25> rfc3339_chars(Timestamp ts);

/// The instant with the offset that the local zone (TZ) has at that moment.
[[nodiscard]] Timestamp to_local(std::int64_t utc);

/// Calendar fields of `ts` in its offset.
[[nodiscard]] CivilTime civil(Timestamp ts);

/// Days since 1970-01-01 of a proleptic Gregorian date; nullopt for an invalid date.
[[nodiscard]] std::optional<std::int64_t> days_from_date(int year, int month, int day);

/// Days since 1970-01-01 of any proleptic Gregorian date, unchecked: for calendar
/// arithmetic past the ends of the years roller accepts (the month after December 9999).
[[nodiscard]] constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

/// The first and last seconds of the years roller reads and shows, 1 to 9999, as seconds
/// since the epoch of their wall time (in UTC, or in any offset).
inline constexpr std::int64_t first_second = days_from_civil(1, 1, 1) * seconds_per_day;
inline constexpr std::int64_t last_second = days_from_civil(10000, 1, 1) * seconds_per_day - 1;

/// Why an instant outside the years 1 to 9999 is refused, after the text it was read from.
inline constexpr std::string_view outside_years =
    "falls outside the years 1 to 9999 (in UTC or in the local time zone)";

/// Whether instant `utc` falls within the years 1 to 9999 both in UTC and in the local zone
/// (TZ): every instant roller reads must, so that every one it shows has four digits.
[[nodiscard]] bool within_years(std::int64_t utc);

/// `ts` itself, or the nearer end of the years 1 to 9999 in its own offset when its wall
/// time falls outside them: what is shown of an instant roller computed (a rest ending past
/// 9999), since no instant roller reads lies beyond the ends.
[[nodiscard]] Timestamp clamp_to_years(Timestamp ts);

/// The instant at which the local zone shows the given wall time. A wall time skipped by
/// a DST change is an error (nullopt); one that occurs twice resolves to the earlier.
[[nodiscard]] std::optional<Timestamp> from_local(int year, int month, int day, int hour,
                                                  int minute, int second);

/// Reads a time as people type it: RFC 3339, "YYYY-MM-DD" (local midnight),
/// "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]" (local time), "now", "today" and
/// "yesterday" (local midnight). `now` anchors the relative words. Throws UsageError
/// naming `what` (an option such as "--now") when the text is not a time, or is one outside
/// the years 1 to 9999 (within_years).
[[nodiscard]] Timestamp parse_time_value(std::string_view text, std::int64_t now,
                                         std::string_view what);

/// Whether `text` names a whole local day ("2026-11-25", "today", "yesterday") rather than
/// an instant, so that a range ending there includes the whole day.
[[nodiscard]] bool names_whole_day(std::string_view text);

/// The local calendar day (days since 1970-01-01) that instant `utc` falls on.
[[nodiscard]] std::int64_t local_day(std::int64_t utc);

/// The first instant of a local calendar day: midnight, or the first whole hour after it
/// when a clock change skips midnight.
[[nodiscard]] std::int64_t local_day_start(std::int64_t day);

}  // namespace roller
