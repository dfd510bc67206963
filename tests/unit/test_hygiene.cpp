// Unit tests for the fold of events into roller state and the session history.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "roller/hygiene.hpp"
#include "roller/judge.hpp"
#include "roller/stats.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::at;
using roller::test::log_of;

namespace {

constexpr std::int64_t day = seconds_per_day;

Profile two_rollers() {
  return parse_profile(
      "[rollers.r050]\nneedle_mm = 0.5\nreplace_after_uses = 3\n"
      "[rollers.r025]\nneedle_mm = 0.25\nsince = 2026-11-01\n",
      "p.toml");
}

std::string session(const char* when, const char* id, const char* roller) {
  return fmt::format("{} session id={} area=forehead depth=0.25 roller={}\n", when, id, roller);
}

}  // namespace

TEST_CASE("a profile without rollers reports the implicit roller with the hygiene defaults") {
  const auto statuses = roller_statuses(default_profile(), LogData{}, at("2026-11-25T00:00:00Z"));
  REQUIRE(statuses.size() == 1);
  CHECK(statuses[0].name == "default");
  CHECK(statuses[0].replace_after_uses == 12);
  CHECK(statuses[0].replace_after_days == 42);
  CHECK_FALSE(statuses[0].needs_cleaning);
  CHECK_FALSE(statuses[0].replace_due);
  CHECK_FALSE(statuses[0].head_since.has_value());
}

TEST_CASE("uses, cleanings and replacements fold per roller, in time order") {
  const test::ScopedTz tz("Europe/Berlin");
  const LogData log = log_of(session("2026-11-10T21:00:00+01:00", "1111111111111111", "r050") +
                             "2026-11-10T21:10:00+01:00 clean id=2222222222222222 roller=r050\n" +
                             session("2026-11-20T21:00:00+01:00", "3333333333333333", "r050") +
                             session("2026-11-15T21:00:00+01:00", "4444444444444444", "r025") +
                             "2026-11-16T08:00:00+01:00 clean id=5555555555555555 roller=r025\n");
  const auto s = roller_statuses(two_rollers(), log, at("2026-11-25T12:00:00+01:00"));
  REQUIRE(s.size() == 2);
  CHECK(s[0].name == "r050");
  CHECK(s[0].uses_since_replace == 2);
  CHECK(s[0].needs_cleaning);  // used on the 20th, cleaned on the 10th
  CHECK(s[0].last_used->id == 0x3333333333333333);
  CHECK(s[0].last_cleaned->id == 0x2222222222222222);
  CHECK(s[0].head_since == at("2026-11-10T21:00:00+01:00"));  // first use
  CHECK_FALSE(s[0].replace_due);
  CHECK(s[1].name == "r025");
  CHECK_FALSE(s[1].needs_cleaning);
  CHECK(s[1].uses_since_replace == 1);
  CHECK(s[1].head_since == at("2026-11-01T00:00:00+01:00"));  // `since`: local midnight
}

TEST_CASE("replace_due at the use limit and at the age limit, and a replace starts again") {
  const std::string three = session("2026-11-01T21:00:00Z", "1111111111111111", "r050") +
                            session("2026-11-08T21:00:00Z", "2222222222222222", "r050") +
                            session("2026-11-15T21:00:00Z", "3333333333333333", "r050");
  auto s = roller_statuses(two_rollers(), log_of(three), at("2026-11-16T00:00:00Z"));
  CHECK(s[0].uses_since_replace == 3);
  CHECK(s[0].replace_due);

  s = roller_statuses(
      two_rollers(),
      log_of(three + "2026-11-16T08:00:00Z replace id=4444444444444444 roller=r050\n"),
      at("2026-11-17T00:00:00Z"));
  CHECK(s[0].uses_since_replace == 0);
  CHECK_FALSE(s[0].replace_due);
  CHECK_FALSE(s[0].needs_cleaning);  // a fresh head is clean
  CHECK(s[0].head_since == at("2026-11-16T08:00:00Z"));

  // r025 is 42 days old exactly 42 x 24 h after its `since`.
  const std::int64_t since = s[1].head_since.value();
  CHECK_FALSE(roller_statuses(two_rollers(), LogData{}, since + 42 * day - 1)[1].replace_due);
  CHECK(roller_statuses(two_rollers(), LogData{}, since + 42 * day)[1].replace_due);
  CHECK(roller_statuses(two_rollers(), LogData{}, since + 42 * day)[1].age_days(since + 42 * day) ==
        42);
}

TEST_CASE("voids of each kind undo their record, wherever the void is in the file") {
  const std::string base = session("2026-11-10T21:00:00Z", "1111111111111111", "r050") +
                           "2026-11-10T21:10:00Z clean id=2222222222222222 roller=r050\n" +
                           "2026-11-11T21:10:00Z replace id=3333333333333333 roller=r050\n";
  const std::int64_t now = at("2026-11-20T00:00:00Z");
  SUBCASE("void of the replace") {
    const auto s = roller_statuses(
        two_rollers(),
        log_of("2026-11-12T00:00:00Z void id=aaaaaaaaaaaaaaaa target=3333333333333333\n" + base),
        now)[0];
    CHECK_FALSE(s.last_replaced.has_value());
    CHECK(s.uses_since_replace == 1);
  }
  SUBCASE("void of the clean") {
    const auto s = roller_statuses(
        two_rollers(),
        log_of(base + "2026-11-12T00:00:00Z void id=aaaaaaaaaaaaaaaa target=2222222222222222\n"),
        now)[0];
    CHECK_FALSE(s.last_cleaned.has_value());
    CHECK_FALSE(s.needs_cleaning);  // the replace after the use still counts as fresh
  }
  SUBCASE("void of the session") {
    const auto s = roller_statuses(
        two_rollers(),
        log_of(base + "2026-11-12T00:00:00Z void id=aaaaaaaaaaaaaaaa target=1111111111111111\n"),
        now)[0];
    CHECK_FALSE(s.last_used.has_value());
    CHECK(s.uses_since_replace == 0);
  }
  SUBCASE("void of an unknown id is harmless") {
    const auto s = roller_statuses(
        two_rollers(),
        log_of(base + "2026-11-12T00:00:00Z void id=aaaaaaaaaaaaaaaa target=0123456789abcdef\n"),
        now)[0];
    CHECK(s.last_used.has_value());
    CHECK(s.last_cleaned.has_value());
    CHECK(s.last_replaced.has_value());
  }
}

TEST_CASE("records after now count, records of rollers the profile does not list are left out") {
  const LogData log = log_of(session("2026-11-30T21:00:00Z", "1111111111111111", "r050") +
                             session("2026-11-10T21:00:00Z", "2222222222222222", "old-roller"));
  const auto s = roller_statuses(two_rollers(), log, at("2026-11-20T00:00:00Z"));
  CHECK(s[0].uses_since_replace == 1);
  CHECK(s[0].needs_cleaning);
  CHECK(s.size() == 2);
}

TEST_CASE("hygiene by sitting: sessions less than sitting_minutes apart are one use") {
  const LogData log = log_of(session("2026-11-10T21:00:00Z", "1111111111111111", "r050") +
                             session("2026-11-10T21:20:00Z", "2222222222222222", "r050") +
                             session("2026-11-10T22:50:00Z", "3333333333333333", "r050") +
                             session("2026-11-11T21:00:00Z", "4444444444444444", "r050"));
  const auto s = roller_statuses(two_rollers(), log, at("2026-11-20T00:00:00Z"));
  CHECK(s[0].uses_since_replace == 2);  // 21:00, 21:20 and 22:50 chain into one sitting
}

TEST_CASE("no record kind crashes the hygiene, stats or judge passes, whatever it names") {
  const LogData log = log_of(
      "2026-11-10T21:00:00Z hold id=1111111111111111 until=2026-11-12T00:00:00Z reason=x\n"
      "2026-11-10T22:00:00Z release id=2222222222222222\n"
      "2026-11-10T23:00:00Z mood id=3333333333333333 feeling=good\n"
      "2026-11-11T21:00:00Z void id=4444444444444444 target=3333333333333333\n"
      "2026-11-11T22:00:00Z session id=5555555555555555 area=nowhere depth=0.5 roller=r050\n");
  const Profile profile = two_rollers();
  const Judge judge(profile, log);
  const auto statuses = roller_statuses(profile, log, at("2026-11-20T00:00:00Z"));
  CHECK(statuses[0].uses_since_replace == 1);
  const Stats stats = compute_stats(profile, judge, log, at("2026-11-20T00:00:00Z"));
  CHECK(stats.sessions == 1);
  CHECK(judge.replay().empty());
  CHECK(judge.unknown_areas().size() == 1);
  CHECK(judge.areas_at(at("2026-11-11T00:00:00Z")).size() == profile.areas.size());
}

TEST_CASE("a roller whose since is still to come counts its head from its first use") {
  Profile profile = two_rollers();
  profile.rollers[0].since_day = days_from_civil(2027, 1, 1);
  const LogData log = log_of(session("2026-11-10T21:00:00Z", "1111111111111111", "r050"));
  const auto s = roller_statuses(profile, log, at("2026-11-20T00:00:00Z"));
  CHECK(s[0].since_in_future);
  CHECK(s[0].uses_since_replace == 1);
  CHECK(s[0].head_since == at("2026-11-10T21:00:00Z"));
}

TEST_CASE("history is oldest first with the gap since the same area's previous session") {
  const LogData log = log_of(
      "2026-11-20T21:00:00Z session id=1111111111111111 area=forehead depth=0.5\n"
      "2026-11-10T21:00:00Z session id=2222222222222222 area=forehead depth=0.5\n"
      "2026-11-12T09:00:00Z session id=3333333333333333 area=cheeks depth=1.0\n"
      "2026-11-13T21:00:00Z session id=4444444444444444 area=forehead depth=0.5\n"
      "2026-11-14T21:00:00Z void id=5555555555555555 target=4444444444444444\n"
      "2026-11-12T09:00:00Z session id=6666666666666666 area=nose depth=0.5\n");
  const Profile profile = default_profile();
  const auto h = session_history(Judge(profile, log), log);
  REQUIRE(h.size() == 4);
  CHECK(h[0].session.id == 0x2222222222222222);
  CHECK_FALSE(h[0].gap_seconds.has_value());
  CHECK(h[1].session.id == 0x3333333333333333);  // equal times keep file order
  CHECK(h[2].session.id == 0x6666666666666666);
  CHECK(h[3].session.id == 0x1111111111111111);
  CHECK(h[3].gap_seconds == 10 * day);  // the voided session in between does not count
}

TEST_CASE("find_by_id_prefix matches leading hex digits in any case") {
  const LogData log = log_of(
      "2026-11-10T21:00:00Z clean id=9f2c4e1a7b3d5f60 roller=default\n"
      "2026-11-10T21:00:00Z clean id=9f2c000000000000 roller=default\n");
  CHECK(find_by_id_prefix(log, "9f2c").size() == 2);
  CHECK(find_by_id_prefix(log, "9F2C4").size() == 1);
  CHECK(find_by_id_prefix(log, "9f2c4e1a7b3d5f60").size() == 1);
  CHECK(find_by_id_prefix(log, "0000").empty());
  CHECK(find_by_id_prefix(log, "xyz").empty());
  CHECK(find_by_id_prefix(log, "").empty());
  CHECK(find_by_id_prefix(log, "9f2c4e1a7b3d5f600").empty());
}

TEST_CASE("a roller's uses are the same whether its records come in time order or not") {
  // Counted as the log is read when in order, from sorted sessions when not: both must agree
  // on every shuffle, replaces, sittings and `since` included.
  const Profile profile = parse_profile(
      "[hygiene]\nsitting_minutes = 120\n[rollers.r050]\nneedle_mm = 0.5\nreplace_after_uses = 4\n"
      "[rollers.r025]\nneedle_mm = 0.25\nsince = 2026-11-03\n",
      "p.toml");
  std::vector<std::string> lines;
  int id = 1;
  for (int d = 1; d <= 20; ++d) {
    const char* roller = d % 3 == 0 ? "r025" : "r050";
    lines.push_back(
        fmt::format("2026-11-{:02}T20:00:00Z session id={:016x} area=forehead "
                    "depth=0.25 roller={}\n",
                    d, id++, roller));
    // A second area of the same sitting, and one out of it.
    lines.push_back(
        fmt::format("2026-11-{:02}T20:30:00Z session id={:016x} area=cheeks "
                    "depth=0.25 roller={}\n",
                    d, id++, roller));
    if (d % 4 == 0) {
      lines.push_back(
          fmt::format("2026-11-{:02}T23:00:00Z session id={:016x} area=nose "
                      "depth=0.25 roller={}\n",
                      d, id++, roller));
    }
    if (d % 5 == 0) {
      lines.push_back(
          fmt::format("2026-11-{:02}T20:00:00Z replace id={:016x} roller={}\n", d, id++, roller));
    }
    if (d % 2 == 0) {
      lines.push_back(
          fmt::format("2026-11-{:02}T21:00:00Z clean id={:016x} roller={}\n", d, id++, roller));
    }
  }
  const auto statuses_of = [&](const std::vector<std::string>& order) {
    std::string text;
    for (const auto& line : order) text += line;
    const LogData log = log_of(text);
    return roller_statuses(profile, log, at("2026-12-01T00:00:00Z"));
  };
  const auto expected = statuses_of(lines);
  std::mt19937 random(7);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> shuffled = lines;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    const auto got = statuses_of(shuffled);
    REQUIRE(got.size() == expected.size());
    // And given the judge's sessions in time order, as reminders() gives them.
    std::string text;
    for (const auto& line : shuffled) text += line;
    const LogData log = log_of(text);
    const Judge judge(profile, log);
    const auto with_judge =
        roller_statuses(profile, log, at("2026-12-01T00:00:00Z"), judge.sessions());
    REQUIRE(with_judge.size() == expected.size());
    for (std::size_t r = 0; r < got.size(); ++r) {
      CHECK(with_judge[r].uses_since_replace == expected[r].uses_since_replace);
      CHECK(with_judge[r].head_since == expected[r].head_since);
    }
    for (std::size_t r = 0; r < got.size(); ++r) {
      CAPTURE(round);
      CAPTURE(got[r].name);
      CHECK(got[r].uses_since_replace == expected[r].uses_since_replace);
      CHECK(got[r].head_since == expected[r].head_since);
      CHECK(got[r].needs_cleaning == expected[r].needs_cleaning);
      CHECK(got[r].replace_due == expected[r].replace_due);
    }
  }
  // The r050 head replaced on the 20th at 20:00: the session at that very instant used the
  // old head; 20:30 and 23:00 (two and a half hours later) are two sittings of the new one.
  CHECK(expected[0].uses_since_replace == 2);
}
