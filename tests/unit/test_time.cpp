// Unit tests for time parsing, formatting and local-time conversion across zones and DST.
#include <doctest/doctest.h>

#include "roller/error.hpp"
#include "roller/time.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::at;
using roller::test::ScopedTz;

namespace {
// 2026-11-25T00:00:00Z, computed independently (Python's calendar.timegm).
constexpr std::int64_t nov25 = 1795564800;
constexpr std::int64_t hour = 3600;
}  // namespace

TEST_CASE("days_from_date matches an independent epoch and rejects impossible dates") {
  CHECK(days_from_date(1970, 1, 1) == 0);
  CHECK(*days_from_date(2026, 11, 25) * seconds_per_day == nov25);
  CHECK(days_from_date(2028, 2, 29).has_value());
  CHECK_FALSE(days_from_date(2027, 2, 29).has_value());
  CHECK_FALSE(days_from_date(2026, 11, 31).has_value());
  CHECK_FALSE(days_from_date(2026, 13, 1).has_value());
  CHECK_FALSE(days_from_date(2026, 0, 1).has_value());
  CHECK_FALSE(days_from_date(0, 1, 1).has_value());
}

TEST_CASE("parse_rfc3339 reads offsets, Z, fractions and both separators") {
  CHECK(parse_rfc3339("2026-11-25T21:30:00+01:00") == Timestamp{nov25 + 20 * hour + 1800, 3600});
  CHECK(parse_rfc3339("2026-11-25T21:30:00Z") == Timestamp{nov25 + 21 * hour + 1800, 0});
  CHECK(parse_rfc3339("2026-11-25t21:30:00z") == Timestamp{nov25 + 21 * hour + 1800, 0});
  CHECK(parse_rfc3339("2026-11-25 21:30:00-05:00") == Timestamp{nov25 + 26 * hour + 1800, -18000});
  CHECK(parse_rfc3339("2026-11-25T21:30:00.999+05:30") ==
        Timestamp{nov25 + 16 * hour, 5 * 3600 + 1800});
}

TEST_CASE("parse_rfc3339 rejects every malformed shape") {
  for (const char* bad :
       {"", "2026-11-25", "2026-11-25T21:30+01:00", "2026-11-25T21:30:00", "2026-11-25T24:00:00Z",
        "2026-11-25T21:60:00Z", "2026-11-25T21:30:60Z", "2026-11-31T21:30:00Z",
        "2027-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25T21:30:00+24:00",
        "2026-11-25T21:30:00+01:60", "2026-11-25T21:30:00+0100", "2026-11-25T21:30:00Z ",
        "2026-11-25T21:30:00.Z", "26-11-25T21:30:00Z", "2026-1-25T21:30:00Z",
        "2026-11-25X21:30:00Z", "-2026-11-25T21:30:00Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_rfc3339(bad).has_value());
  }
}

TEST_CASE("format_rfc3339 round-trips with the timestamp's own offset") {
  for (const char* text : {"2026-11-25T21:30:00+01:00", "2026-03-01T00:00:00-05:00",
                           "1999-12-31T23:59:59+05:30", "2026-11-25T00:00:00+00:00"}) {
    CAPTURE(text);
    CHECK(format_rfc3339(*parse_rfc3339(text)) == text);
  }
  CHECK(format_rfc3339(Timestamp{nov25, -9 * 3600 - 1800}) == "2026-11-24T14:30:00-09:30");
}

TEST_CASE("to_local takes the zone's offset at that instant") {
  const ScopedTz tz("Europe/Berlin");
  CHECK(to_local(nov25).offset == 3600);
  const auto summer = parse_rfc3339("2026-07-01T12:00:00Z");
  CHECK(to_local(summer->utc).offset == 7200);
}

TEST_CASE("from_local refuses wall times skipped by DST and takes the earlier of repeated ones") {
  SUBCASE("Europe/Berlin") {
    const ScopedTz tz("Europe/Berlin");
    CHECK(from_local(2026, 11, 25, 21, 30, 0) == parse_rfc3339("2026-11-25T21:30:00+01:00"));
    CHECK_FALSE(from_local(2026, 3, 29, 2, 30, 0).has_value());
    CHECK(from_local(2026, 3, 29, 3, 0, 0) == parse_rfc3339("2026-03-29T03:00:00+02:00"));
    CHECK(from_local(2026, 10, 25, 2, 30, 0) == parse_rfc3339("2026-10-25T02:30:00+02:00"));
  }
  SUBCASE("America/New_York") {
    const ScopedTz tz("America/New_York");
    CHECK_FALSE(from_local(2026, 3, 8, 2, 30, 0).has_value());
    CHECK(from_local(2026, 11, 1, 1, 30, 0) == parse_rfc3339("2026-11-01T01:30:00-04:00"));
    CHECK(from_local(2026, 11, 1, 2, 30, 0) == parse_rfc3339("2026-11-01T02:30:00-05:00"));
  }
  SUBCASE("Asia/Kolkata, a half-hour zone") {
    const ScopedTz tz("Asia/Kolkata");
    CHECK(from_local(2026, 11, 25, 9, 0, 0) == parse_rfc3339("2026-11-25T09:00:00+05:30"));
  }
}

TEST_CASE("parse_time_value reads every documented form") {
  const ScopedTz tz("Europe/Berlin");
  // 23:30 UTC is already the next day in Berlin: "today" follows the local date.
  const std::int64_t now = nov25 + 23 * hour + 1800;
  CHECK(parse_time_value("2026-11-25T21:30:00-05:00", now, "--at") ==
        parse_rfc3339("2026-11-25T21:30:00-05:00"));
  CHECK(parse_time_value("2026-11-20", now, "--at") == parse_rfc3339("2026-11-20T00:00:00+01:00"));
  CHECK(parse_time_value("2026-11-20 08:15", now, "--at") ==
        parse_rfc3339("2026-11-20T08:15:00+01:00"));
  CHECK(parse_time_value("2026-07-20T08:15", now, "--at") ==
        parse_rfc3339("2026-07-20T08:15:00+02:00"));
  CHECK(parse_time_value("today", now, "--at") == parse_rfc3339("2026-11-26T00:00:00+01:00"));
  CHECK(parse_time_value("yesterday", now, "--at") == parse_rfc3339("2026-11-25T00:00:00+01:00"));
  CHECK(parse_time_value("now", now, "--at") == Timestamp{now, 3600});
}

TEST_CASE("parse_time_value names the option and the text it could not read") {
  const ScopedTz tz("Europe/Berlin");
  CHECK_THROWS_WITH_AS((void)parse_time_value("tomorow", nov25, "--now"),
                       doctest::Contains("--now: 'tomorow' is not a time"), UsageError);
  CHECK_THROWS_WITH_AS((void)parse_time_value("2026-03-29 02:30", nov25, "--at"),
                       doctest::Contains("skipped by a clock change"), UsageError);
  for (const char* bad : {"", "2026-02-30", "2026-11-25 25:00", "2026-11-25 21", "Friday",
                          "2026-11-25 21:30 +01:00", "1795564800"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS((void)parse_time_value(bad, nov25, "--at"), UsageError);
  }
}

TEST_CASE("civil gives the fields and weekday of an instant in its offset") {
  const CivilTime c = civil(*parse_rfc3339("2026-11-25T21:30:05+01:00"));
  CHECK(c.year == 2026);
  CHECK(c.month == 11);
  CHECK(c.day == 25);
  CHECK(c.hour == 21);
  CHECK(c.minute == 30);
  CHECK(c.second == 5);
  CHECK(c.weekday == 3);  // Wednesday
  CHECK(civil(Timestamp{-1, 0}).year == 1969);
}

TEST_CASE("names_whole_day tells dates from instants") {
  CHECK(names_whole_day("2026-11-25"));
  CHECK(names_whole_day("today"));
  CHECK(names_whole_day("yesterday"));
  CHECK_FALSE(names_whole_day("2026-11-25 21:30"));
  CHECK_FALSE(names_whole_day("2026-11-25T21:30:00Z"));
  CHECK_FALSE(names_whole_day("now"));
  CHECK_FALSE(names_whole_day("2026-11-31"));
}

TEST_CASE("local_day_start is midnight, or the first hour when a clock change skips it") {
  {
    const ScopedTz tz("Europe/Berlin");
    const std::int64_t day = *days_from_date(2026, 11, 25);
    CHECK(local_day_start(day) == parse_rfc3339("2026-11-25T00:00:00+01:00")->utc);
    CHECK(local_day(local_day_start(day)) == day);
    CHECK(local_day(local_day_start(day) - 1) == day - 1);
  }
  {
    // Brazil moved its clocks forward at midnight in 2018: 4 November began at 01:00.
    const ScopedTz tz("America/Sao_Paulo");
    const std::int64_t day = *days_from_date(2018, 11, 4);
    CHECK(local_day_start(day) == parse_rfc3339("2018-11-04T01:00:00-02:00")->utc);
    CHECK(parse_time_value("2018-11-04", 0, "--since") ==
          parse_rfc3339("2018-11-04T01:00:00-02:00"));
  }
}

TEST_CASE("within_years holds an instant to the years 1 to 9999 in UTC and in the local zone") {
  {
    const ScopedTz tz("UTC");
    CHECK(within_years(first_second));
    CHECK(within_years(last_second));
    CHECK_FALSE(within_years(first_second - 1));
    CHECK_FALSE(within_years(last_second + 1));
    CHECK(within_years(nov25));
  }
  {
    // Berlin is an hour ahead: the last hour of 9999 in UTC is already 10000 there.
    const ScopedTz tz("Europe/Berlin");
    CHECK_FALSE(within_years(at("9999-12-31T23:00:00Z")));
    CHECK(within_years(at("9999-12-31T22:59:59Z")));
    CHECK(within_years(at("0001-01-01T00:00:00Z")));
  }
  {
    const ScopedTz tz("America/New_York");
    CHECK(within_years(at("9999-12-31T23:00:00Z")));
    CHECK_FALSE(within_years(at("0001-01-01T00:00:00Z")));  // still the year 0 there
  }
}

TEST_CASE("parse_time_value refuses instants outside the years 1 to 9999 in UTC or locally") {
  const ScopedTz tz("Europe/Berlin");
  for (const char* bad : {"0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00Z",
                          "9999-12-31T23:30:00-05:00", "0001-01-01", "0001-01-01 00:30"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS((void)parse_time_value(bad, nov25, "--now"),
                         doctest::Contains("falls outside the years 1 to 9999 (in UTC or in the "
                                           "local time zone)"),
                         UsageError);
  }
  // "yesterday" of the first day roller can name is the year 0.
  CHECK_THROWS_AS((void)parse_time_value("yesterday", at("0001-01-02T12:00:00Z"), "--at"),
                  UsageError);
  CHECK(parse_time_value("9999-12-31T22:59:59Z", nov25, "--at").utc ==
        at("9999-12-31T22:59:59Z"));
  CHECK(parse_time_value("0001-01-01T01:00:00+01:00", nov25, "--at").utc ==
        at("0001-01-01T00:00:00Z"));
}

TEST_CASE("an instant computed past the years 1 to 9999 is shown at their nearer end") {
  // A rest that ends after 9999: RFC 3339 has four digits of year, never 10000 or 0000.
  const Timestamp past{at("9999-12-31T12:00:00Z") + 7 * 86400, 3600};
  CHECK(format_rfc3339(past) == "9999-12-31T23:59:59+01:00");
  CHECK(format_rfc3339(Timestamp{at("0001-01-01T00:00:00Z") - 86400, -3600}) ==
        "0001-01-01T00:00:00-01:00");
  CHECK(clamp_to_years(Timestamp{nov25, 3600}) == Timestamp{nov25, 3600});
  CHECK(civil(clamp_to_years(past)).year == 9999);
}
