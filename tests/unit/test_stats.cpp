// Unit tests for the statistics of a log and the deepest session of each day.
#include <doctest/doctest.h>

#include "roller/stats.hpp"
#include "judge_views.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;  // the judge seen as the tests ask it (judge_views.hpp)

namespace {

constexpr std::int64_t day = seconds_per_day;

const AreaStats& area(const Stats& stats, const std::string& name) {
  for (const AreaStats& a : stats.areas) {
    if (a.name == name) return a;
  }
  FAIL("no area " << name);
  throw;
}

}  // namespace

TEST_CASE("per area: sessions, first, last and gaps, in time order whatever the file order") {
  const test::ScopedTz tz("UTC");
  const LogData log = log_of(
      "2026-11-15T20:00:00Z session id=0000000000000003 area=forehead depth=0.5 roller=default\n"
      "2026-11-01T20:00:00Z session id=0000000000000001 area=forehead depth=0.5 roller=default\n"
      "2026-11-08T20:00:00Z session id=0000000000000002 area=forehead depth=0.5 roller=default\n"
      "2026-11-20T20:00:00Z session id=0000000000000004 area=forehead depth=0.5 roller=default\n");
  const Stats stats = compute_stats(default_profile(), log, at("2026-11-25T00:00:00Z"));
  const AreaStats& forehead = area(stats, "forehead");
  CHECK(stats.sessions == 4);
  CHECK(forehead.sessions == 4);
  CHECK(forehead.first == at("2026-11-01T20:00:00Z"));
  CHECK(forehead.last == at("2026-11-20T20:00:00Z"));
  CHECK(forehead.shortest_gap == 5 * day);
  REQUIRE(forehead.mean_gap());
  CHECK(*forehead.mean_gap() == doctest::Approx(19.0 * day / 3));
  CHECK(forehead.rested == 3);  // the 20th came 5 days after a 0.5 mm session (7 days)
  const AreaStats& cheeks = area(stats, "cheeks");
  CHECK(cheeks.sessions == 0);
  CHECK_FALSE(cheeks.first);
  CHECK_FALSE(cheeks.mean_gap());
}

TEST_CASE("the rest rule counts sessions on covering and covered areas") {
  const test::ScopedTz tz("UTC");
  const LogData log = log_of(
      "2026-11-01T20:00:00Z session id=0000000000000001 area=face depth=0.5 roller=default\n"
      "2026-11-04T20:00:00Z session id=0000000000000002 area=cheeks depth=0.25 roller=default\n"
      "2026-11-04T20:00:00Z session id=0000000000000003 area=neck depth=0.25 roller=default\n"
      "2026-11-05T20:00:00Z session id=0000000000000004 area=face depth=0.25 roller=default\n");
  const Stats stats = compute_stats(default_profile(), log, at("2026-11-25T00:00:00Z"));
  CHECK(area(stats, "face").sessions == 2);
  CHECK(area(stats, "face").rested == 1);  // the cheeks session of the 4th rests the face
  CHECK(area(stats, "cheeks").rested == 0);
  CHECK(area(stats, "neck").rested == 1);  // the neck is no part of the face
}

TEST_CASE("voided records are left out, records after now and unknown names count") {
  const test::ScopedTz tz("UTC");
  const LogData log = log_of(
      "2026-11-01T20:00:00Z session id=0000000000000001 area=gone depth=0.5 roller=old\n"
      "2026-11-02T20:00:00Z session id=0000000000000002 area=neck depth=0.5 roller=default\n"
      "2026-11-02T21:00:00Z void id=0000000000000003 target=0000000000000002\n"
      "2026-11-02T22:00:00Z clean id=0000000000000004 roller=default\n"
      "2026-11-03T22:00:00Z replace id=0000000000000005 roller=old\n"
      "2026-12-02T20:00:00Z session id=0000000000000006 area=neck depth=0.5 roller=default\n");
  const Stats stats = compute_stats(default_profile(), log, at("2026-11-25T00:00:00Z"));
  CHECK(stats.sessions == 2);
  CHECK(area(stats, "neck").sessions == 1);
  const AreaStats& gone = stats.areas.back();
  CHECK(gone.name == "gone");
  CHECK_FALSE(gone.in_profile);
  CHECK(gone.sessions == 1);
  CHECK(gone.rested == 0);
  REQUIRE(stats.rollers.size() == 2);
  CHECK(stats.rollers[0].name == "default");
  CHECK(stats.rollers[0].in_profile);
  CHECK(stats.rollers[0].uses == 1);
  CHECK(stats.rollers[0].cleanings == 1);
  CHECK(stats.rollers[1].name == "old");
  CHECK_FALSE(stats.rollers[1].in_profile);
  CHECK(stats.rollers[1].uses == 1);
  CHECK(stats.rollers[1].replacements == 1);
}

TEST_CASE("months are local calendar months, from the first session's to now's") {
  const test::ScopedTz tz("America/New_York");
  // 03:30Z on 1 December is still 30 November in New York.
  const LogData log = log_of(
      "2026-12-01T03:30:00Z session id=0000000000000001 area=neck depth=0.5 roller=default\n"
      "2026-12-01T05:30:00Z session id=0000000000000002 area=scalp depth=0.5 roller=default\n"
      "2027-02-01T05:30:00Z session id=0000000000000003 area=scalp depth=0.5 roller=default\n");
  const Stats stats = compute_stats(default_profile(), log, at("2027-03-10T12:00:00Z"));
  REQUIRE(stats.months.size() == 5);
  CHECK(stats.months[0].year == 2026);
  CHECK(stats.months[0].month == 11);
  CHECK(stats.months[0].sessions == 1);
  CHECK(stats.months[1].sessions == 1);
  CHECK(stats.months[2].sessions == 0);
  CHECK(stats.months[3].sessions == 1);
  CHECK(stats.months[4].year == 2027);
  CHECK(stats.months[4].month == 3);
  CHECK(stats.months[4].sessions == 0);
  CHECK(compute_stats(default_profile(), LogData{}, at("2027-03-10T12:00:00Z")).months.empty());
}

TEST_CASE("deepest_by_day keeps the deepest session of each local day") {
  const test::ScopedTz tz("Europe/Berlin");
  const LogData log = log_of(
      "2026-10-24T22:30:00Z session id=0000000000000001 area=neck depth=0.25 roller=default\n"
      "2026-10-25T10:00:00Z session id=0000000000000002 area=scalp depth=1.0 roller=default\n"
      "2026-10-25T11:00:00Z session id=0000000000000003 area=neck depth=0.5 roller=default\n"
      "2026-10-26T10:00:00Z session id=0000000000000004 area=neck depth=1.5 roller=default\n"
      "2026-10-26T10:05:00Z void id=0000000000000005 target=0000000000000004\n"
      "2026-10-27T23:30:00Z session id=0000000000000006 area=neck depth=0.5 roller=default\n");
  const std::int64_t first = *days_from_date(2026, 10, 24);
  const auto all = deepest_by_day(log, std::nullopt, first, first + 3);
  // 22:30Z on the 24th is 00:30 on the 25th in Berlin; the 25th is 25 hours long.
  REQUIRE(all.size() == 4);
  CHECK(all[0] == 0);
  CHECK(all[1] == 1000);
  CHECK(all[2] == 0);
  CHECK(all[3] == 0);  // 23:30Z on the 27th is the 28th, past the range
  const auto neck = deepest_by_day(log, log.find_name("neck"), first, first + 4);
  CHECK(neck[1] == 500);
  CHECK(neck[4] == 500);
  CHECK(deepest_by_day(log, std::nullopt, first, first - 1).empty());
}

TEST_CASE("days_from_civil agrees with days_from_date and goes past the year 9999") {
  for (const int year : {1, 2, 1969, 1970, 2000, 2024, 2100, 9999}) {
    for (int month = 1; month <= 12; ++month) {
      CAPTURE(year);
      CAPTURE(month);
      CHECK(days_from_civil(year, month, 1) == *days_from_date(year, month, 1));
    }
  }
  CHECK(days_from_civil(10000, 1, 1) - days_from_civil(9999, 12, 1) == 31);
  CHECK(days_from_civil(1970, 1, 1) == 0);
}

TEST_CASE("stats reach December 9999 without going past it") {
  const test::ScopedTz tz("UTC");
  const LogData log = log_of(
      "9999-11-01T20:00:00Z session id=0000000000000001 area=neck depth=0.5 roller=default\n");
  const Stats stats = compute_stats(default_profile(), log, at("9999-12-31T23:00:00Z"));
  REQUIRE(stats.months.size() == 2);
  CHECK(stats.months[1].year == 9999);
  CHECK(stats.months[1].month == 12);
}
