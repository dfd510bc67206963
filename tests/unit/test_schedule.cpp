// Unit tests for the rules: due instants, readiness at the edge, depth caps, rest checks,
// and elapsed-time arithmetic across DST and offset changes.
#include <doctest/doctest.h>

#include "roller/profile.hpp"
#include "roller/schedule.hpp"
#include "judge_views.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;  // the judge seen as the tests ask it (judge_views.hpp)

namespace {

constexpr std::int64_t day = seconds_per_day;

const Profile& profile() {
  static const Profile p = default_profile();
  return p;
}

// An area of the default profile, by name: where it stands in the list is the profile's
// business, and a new area must not move what these tests look at.
std::size_t area(std::string_view name) {
  const auto index = profile().find_area(name);
  REQUIRE_MESSAGE(index.has_value(), "the default profile has no area ", name);
  return *index;
}

}  // namespace

TEST_CASE("an area never rolled is ready with no due instant") {
  const auto statuses = area_statuses(profile(), LogData{}, at("2026-11-25T21:30:00+01:00"));
  REQUIRE(statuses.size() == profile().areas.size());
  for (const auto& s : statuses) {
    CHECK(s.ready);
    CHECK_FALSE(s.due.has_value());
    CHECK_FALSE(s.last.has_value());
  }
}

TEST_CASE("an area is ready exactly at its due instant, not a second before") {
  const LogData log =
      log_of("2026-11-25T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5\n");
  const std::int64_t due = at("2026-12-02T21:30:00+01:00");
  const auto before = area_statuses(profile(), log, due - 1)[area("forehead")];
  CHECK_FALSE(before.ready);
  CHECK(before.due == due);
  CHECK(before.last->id == 0x1111111111111111);
  CHECK(area_statuses(profile(), log, due)[area("forehead")].ready);
  CHECK(judge_rest(profile(), log, area("forehead"), 500, due - 1).verdict == Rule::too_soon);
  CHECK(judge_rest(profile(), log, area("forehead"), 500, due - 1).until == due);
  CHECK(judge_rest(profile(), log, area("forehead"), 500, due).verdict == Rule::ok);
}

TEST_CASE("voided sessions and other areas do not rest an area, a session after now does") {
  const LogData log = log_of(
      "2026-11-25T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5\n"
      "2026-11-25T21:40:00+01:00 void id=2222222222222222 target=1111111111111111\n"
      "2026-11-25T21:30:00+01:00 session id=3333333333333333 area=nose depth=0.5\n"
      "2026-11-25T21:30:00+01:00 session id=4444444444444444 area=elbow depth=0.5\n"
      "2026-11-28T21:30:00+01:00 session id=5555555555555555 area=cheeks depth=1.0\n");
  const auto statuses = area_statuses(profile(), log, at("2026-11-26T12:00:00+01:00"));
  CHECK(statuses[area("forehead")].ready);
  CHECK_FALSE(statuses[area("forehead")].last.has_value());
  CHECK_FALSE(statuses[area("nose")].ready);
  // A later session counts: a session at the cheeks' cap now would rest them past it.
  CHECK_FALSE(statuses[area("cheeks")].ready);
  CHECK(statuses[area("cheeks")].due == at("2026-12-26T21:30:00+01:00"));
  CHECK(statuses[area("cheeks")].limiting->id == 0x5555555555555555);
}

TEST_CASE("next says ready exactly when log at the area's cap would pass, at every instant") {
  // Sessions before and after, overlapping areas and a hold: walk the instants around them
  // and hold the two answers of the judge to each other.
  const LogData log = log_of(
      "2026-11-10T21:30:00+01:00 session id=1111111111111111 area=cheeks depth=1.0\n"
      "2026-12-20T21:30:00+01:00 session id=2222222222222222 area=face depth=0.25\n"
      "2026-11-15T10:00:00+01:00 hold id=3333333333333333 until=2026-11-18T10:00:00+01:00 "
      "reason=cold\n"
      "2026-11-16T10:00:00+01:00 hold id=4444444444444444 until=2026-11-17T10:00:00+01:00 "
      "reason=short\n");
  const Profile p = profile();
  const Judge judge(p, log);
  for (std::int64_t t = at("2026-11-01T00:00:00Z"); t < at("2027-01-31T00:00:00Z"); t += 3 * 3600) {
    for (std::size_t a = 0; a < p.areas.size(); ++a) {
      const Micrometres cap = std::min(p.areas[a].max_depth, p.home_max_depth);
      const AreaState state = judge.areas_at(t)[a];
      CAPTURE(t);
      CAPTURE(a);
      CHECK(state.ready == judge.judge_candidate(a, cap, t).allowed());
      if (!state.ready) CHECK(judge.judge_candidate(a, cap, *state.due).allowed());
    }
  }
  // Holds combine: the shorter hold set later does not end the longer one.
  CHECK(judge.hold_at(at("2026-11-17T12:00:00+01:00")) != nullptr);
  CHECK(judge.hold_at(at("2026-11-17T12:00:00+01:00"))->end == at("2026-11-18T10:00:00+01:00"));
}

TEST_CASE("a deeper earlier session keeps resting the area after a shallower later one") {
  const LogData log = log_of(
      "2026-11-01T21:00:00+01:00 session id=1111111111111111 area=cheeks depth=1.0\n"
      "2026-11-05T21:00:00+01:00 session id=2222222222222222 area=cheeks depth=0.25 forced=true\n");
  const auto s = area_statuses(profile(), log, at("2026-11-10T12:00:00+01:00"))[area("cheeks")];
  CHECK_FALSE(s.ready);
  CHECK(s.due == at("2026-11-01T21:00:00+01:00") + 28 * day);
  CHECK(s.limiting->id == 0x1111111111111111);
  CHECK(s.last->id == 0x2222222222222222);
}

TEST_CASE("depth rules: the home limit first, then the area's cap") {
  const std::int64_t now = at("2026-11-25T21:30:00+01:00");
  const auto home = judge_depth(profile(), area("forehead"), 2000);
  CHECK(home.verdict == Rule::home_limit);
  CHECK(home.limit == 1500);
  const auto cap = judge_depth(profile(), area("forehead"), 750);
  CHECK(cap.verdict == Rule::area_cap);
  CHECK(cap.limit == 500);
  CHECK(judge_depth(profile(), area("forehead"), 500).verdict == Rule::ok);
  CHECK(judge_depth(profile(), area("cheeks"), 1000).verdict == Rule::ok);
  CHECK(judge_depth(profile(), area("body"), 1500).verdict == Rule::ok);
  // Rest says nothing of depth: a log with no sessions allows any depth.
  CHECK(judge_rest(profile(), LogData{}, area("forehead"), 1500, now).verdict == Rule::ok);
}

TEST_CASE("a backfilled session must also leave its own rest before a later session") {
  const LogData log =
      log_of("2026-11-20T21:00:00+01:00 session id=1111111111111111 area=forehead depth=0.25\n");
  // 0.5 mm rests 7 days, so a session 3 days before the later one is refused...
  const auto j = judge_rest(profile(), log, area("forehead"), 500, at("2026-11-17T21:00:00+01:00"));
  CHECK(j.verdict == Rule::too_close_before_later);
  CHECK(j.blocking->id == 0x1111111111111111);
  // ...and one exactly 7 days before it is allowed.
  CHECK(
      judge_rest(profile(), log, area("forehead"), 500, at("2026-11-13T21:00:00+01:00")).verdict ==
      Rule::ok);
}

TEST_CASE("rest is elapsed time across DST changes") {
  SUBCASE("Europe/Berlin, autumn: the wall clock falls back an hour") {
    const ScopedTz tz("Europe/Berlin");
    const LogData log =
        log_of("2026-10-20T21:00:00+02:00 session id=1111111111111111 area=forehead depth=0.5\n");
    const auto s = area_statuses(profile(), log, at("2026-10-21T00:00:00+02:00"))[area("forehead")];
    CHECK(s.due == at("2026-10-27T20:00:00+01:00"));
    CHECK(to_local(*s.due).offset == 3600);
  }
  SUBCASE("Europe/Berlin, spring: the wall clock jumps forward an hour") {
    const ScopedTz tz("Europe/Berlin");
    const LogData log =
        log_of("2026-03-27T21:00:00+01:00 session id=1111111111111111 area=under-eye depth=0.25\n");
    const auto s =
        area_statuses(profile(), log, at("2026-03-28T00:00:00+01:00"))[area("under-eye")];
    CHECK(s.due == at("2026-03-29T22:00:00+02:00"));
    CHECK(*s.due - at("2026-03-27T21:00:00+01:00") == 2 * day);
  }
  SUBCASE("America/New_York, both directions") {
    const ScopedTz tz("America/New_York");
    const LogData log = log_of(
        "2026-10-28T20:00:00-04:00 session id=1111111111111111 area=forehead depth=0.5\n"
        "2026-03-05T20:00:00-05:00 session id=2222222222222222 area=nose depth=0.5\n");
    const auto fall =
        area_statuses(profile(), log, at("2026-10-29T00:00:00-04:00"))[area("forehead")];
    CHECK(fall.due == at("2026-11-04T19:00:00-05:00"));
    const auto spring =
        area_statuses(profile(), log, at("2026-03-06T00:00:00-05:00"))[area("nose")];
    CHECK(spring.due == at("2026-03-12T21:00:00-04:00"));
  }
}

TEST_CASE("a session logged at -05:00 and judged at +09:00 rests the same elapsed time") {
  const ScopedTz tz("Asia/Tokyo");
  const LogData log =
      log_of("2026-11-25T21:30:00-05:00 session id=1111111111111111 area=forehead depth=0.5\n");
  const std::int64_t due = at("2026-12-03T11:30:00+09:00");  // 7 x 24 h later, in Tokyo
  CHECK(
      judge_rest(profile(), log, area("forehead"), 500, at("2026-12-03T11:29:59+09:00")).verdict ==
      Rule::too_soon);
  CHECK(judge_rest(profile(), log, area("forehead"), 500, due).verdict == Rule::ok);
  CHECK(area_statuses(profile(), log, due)[area("forehead")].ready);
  CHECK(format_rfc3339(to_local(due)) == "2026-12-03T11:30:00+09:00");
}
