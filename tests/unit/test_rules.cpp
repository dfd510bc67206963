// Unit tests for the skin-safety rules beyond one area: overlapping areas, backfill, holds
// and aftercare, each at its edges.
#include <doctest/doctest.h>

#include "roller/error.hpp"
#include "roller/schedule.hpp"
#include "judge_views.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;  // the judge seen as the tests ask it (judge_views.hpp)

namespace {

constexpr std::int64_t day = seconds_per_day;
constexpr std::int64_t hour = 3600;

// face covers lower (which covers chin) and forehead; neck stands alone.
const Profile& nested() {
  static const Profile p = parse_profile(
      "[areas.face]\nmax_depth_mm = 0.5\ncovers = [\"lower\", \"forehead\"]\n"
      "[areas.lower]\nmax_depth_mm = 0.5\ncovers = [\"chin\"]\n"
      "[areas.chin]\nmax_depth_mm = 1.0\n"
      "[areas.forehead]\nmax_depth_mm = 0.5\n"
      "[areas.neck]\nmax_depth_mm = 0.5\n",
      "p.toml");
  return p;
}
constexpr std::size_t face = 0, lower = 1, chin = 2, forehead = 3, neck = 4;

std::string session(const char* when, const char* area, const char* depth, const char* id) {
  return std::string(when) + " session id=" + id + " area=" + area + " depth=" + depth + "\n";
}

}  // namespace

TEST_CASE("overlaps are closed transitively in both directions, siblings apart") {
  const auto overlaps = [](std::size_t a) {
    auto o = nested().areas[a].overlaps;
    std::sort(o.begin(), o.end());
    return o;
  };
  CHECK(overlaps(face) == std::vector<std::size_t>{face, lower, chin, forehead});
  CHECK(overlaps(chin) == std::vector<std::size_t>{face, lower, chin});
  CHECK(overlaps(forehead) == std::vector<std::size_t>{face, forehead});
  CHECK(overlaps(neck) == std::vector<std::size_t>{neck});
}

TEST_CASE("a session on a covering area rests every area inside it, and the other way round") {
  const std::int64_t now = at("2026-11-26T12:00:00Z");
  SUBCASE("face rolled: chin, lower and forehead rest too; neck does not") {
    const auto s = area_statuses(
        nested(), log_of(session("2026-11-25T21:00:00Z", "face", "0.5", "1111111111111111")), now);
    for (const std::size_t a : {face, lower, chin, forehead}) {
      CAPTURE(a);
      CHECK_FALSE(s[a].ready);
      CHECK(s[a].due == at("2026-12-02T21:00:00Z"));
      CHECK(s[a].limiting->id == 0x1111111111111111);
    }
    CHECK(s[neck].ready);
    CHECK_FALSE(s[chin].last.has_value());  // last_session stays the area's own
  }
  SUBCASE("chin rolled: lower and face rest; forehead, a sibling, does not") {
    const auto s = area_statuses(
        nested(), log_of(session("2026-11-25T21:00:00Z", "chin", "1.0", "1111111111111111")), now);
    CHECK_FALSE(s[chin].ready);
    CHECK_FALSE(s[lower].ready);
    CHECK_FALSE(s[face].ready);
    CHECK(s[face].due == at("2026-12-23T21:00:00Z"));  // 28 days for 1.0 mm
    CHECK(s[forehead].ready);
  }
  SUBCASE("log judges against overlapping sessions in both directions") {
    const LogData log = log_of(session("2026-11-25T21:00:00Z", "chin", "0.5", "1111111111111111"));
    const auto j = judge_rest(nested(), log, face, 500, now);
    CHECK(j.verdict == Rule::too_soon);
    CHECK(j.blocking->id == 0x1111111111111111);
    CHECK(j.until == at("2026-12-02T21:00:00Z"));
    CHECK(judge_rest(nested(), log, forehead, 500, now).verdict == Rule::ok);
    // A backfilled face session 3 days before the chin one overlaps its own rest.
    CHECK(judge_rest(nested(), log, face, 500, at("2026-11-22T21:00:00Z")).verdict ==
          Rule::too_close_before_later);
  }
}

TEST_CASE("backfill between two sessions must fit both rests") {
  const LogData log = log_of(session("2026-11-01T21:00:00Z", "neck", "0.5", "1111111111111111") +
                             session("2026-11-20T21:00:00Z", "neck", "0.5", "2222222222222222"));
  CHECK(judge_rest(nested(), log, neck, 500, at("2026-11-08T21:00:00Z")).verdict == Rule::ok);
  CHECK(judge_rest(nested(), log, neck, 500, at("2026-11-13T21:00:00Z")).verdict == Rule::ok);
  CHECK(judge_rest(nested(), log, neck, 500, at("2026-11-08T20:59:59Z")).verdict ==
        Rule::too_soon);
  CHECK(judge_rest(nested(), log, neck, 500, at("2026-11-13T21:00:01Z")).verdict ==
        Rule::too_close_before_later);
}

TEST_CASE("covers errors: unknown names, self, cycles, deeper than a covered area") {
  const std::pair<const char*, const char*> cases[] = {
      {"[areas.a]\nmax_depth_mm = 0.5\ncovers = [\"b\"]\n",
       "area 'a' covers 'b', which is not an area"},
      {"[areas.a]\nmax_depth_mm = 0.5\ncovers = [\"a\"]\n", "area 'a' covers itself"},
      {"[areas.a]\nmax_depth_mm = 0.5\ncovers = [\"b\"]\n[areas.b]\nmax_depth_mm = 0.5\n"
       "covers = [\"a\"]\n",
       "covers itself through other areas"},
      {"[areas.a]\nmax_depth_mm = 1.0\ncovers = [\"b\"]\n[areas.b]\nmax_depth_mm = 0.5\n",
       "p.toml:3:11: area 'a' allows 1.0 mm but covers 'b', which allows 0.5 mm"},
      {"[areas.a]\nmax_depth_mm = 0.5\ncovers = \"b\"\n", "'covers' of area 'a' must be a list"},
      {"[areas.a]\nmax_depth_mm = 0.5\ncovers = [1]\n", "'covers' must list area names"},
      {"[areas.forhead]\nmax_depth_mm = 0.5\n[areas.a]\nmax_depth_mm = 0.5\ncovers = "
       "[\"forehead\"]\n",
       "(did you mean 'forhead'?)"},
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS((void)parse_profile(text, "p.toml"), doctest::Contains(expected),
                         FileError);
  }
}

TEST_CASE("a hold is in force from its record until its end, a release ends it early") {
  const LogData log = log_of(
      "2026-11-25T10:00:00Z hold id=1111111111111111 until=2026-12-01T00:00:00Z reason=sunburn\n");
  CHECK_FALSE(active_hold(log, at("2026-11-25T09:59:59Z")).has_value());
  const auto hold = active_hold(log, at("2026-11-25T10:00:00Z"));
  REQUIRE(hold.has_value());
  CHECK(hold->reason == "sunburn");
  CHECK(hold->until == at("2026-12-01T00:00:00Z"));
  CHECK(active_hold(log, at("2026-11-30T23:59:59Z")).has_value());
  CHECK_FALSE(active_hold(log, at("2026-12-01T00:00:00Z")).has_value());

  const LogData released = log_of(
      "2026-11-25T10:00:00Z hold id=1111111111111111 until=2026-12-01T00:00:00Z reason=sunburn\n"
      "2026-11-27T10:00:00Z release id=2222222222222222\n");
  CHECK(active_hold(released, at("2026-11-27T09:00:00Z")).has_value());
  CHECK_FALSE(active_hold(released, at("2026-11-27T10:00:00Z")).has_value());

  const LogData voided = log_of(
      "2026-11-25T10:00:00Z hold id=1111111111111111 until=2026-12-01T00:00:00Z reason=sunburn\n"
      "2026-11-25T11:00:00Z void id=3333333333333333 target=1111111111111111\n");
  CHECK_FALSE(active_hold(voided, at("2026-11-26T00:00:00Z")).has_value());
}

TEST_CASE("during a hold no area is ready and none is due before it ends") {
  const LogData log = log_of(
      session("2026-11-20T21:00:00Z", "chin", "1.0", "1111111111111111") +
      "2026-11-25T10:00:00Z hold id=2222222222222222 until=2026-12-01T00:00:00Z reason=acne\n");
  const auto s = area_statuses(nested(), log, at("2026-11-26T00:00:00Z"));
  CHECK_FALSE(s[neck].ready);
  CHECK(s[neck].held);
  CHECK(s[neck].due == at("2026-12-01T00:00:00Z"));
  CHECK(s[chin].due == at("2026-12-18T21:00:00Z"));  // the rest ends after the hold
  CHECK(area_statuses(nested(), log, at("2026-12-01T00:00:00Z"))[neck].ready);
}

TEST_CASE("aftercare bands apply from their depth on, the longest window per thing") {
  const Profile& p = default_profile();
  const std::int64_t t = at("2026-11-25T21:00:00Z");
  const auto shallow = aftercare_for(p, 250, t);
  REQUIRE(shallow.size() == 3);
  CHECK(shallow[0] == AftercareWindow{"makeup", t + 12 * hour});
  CHECK(shallow[1] == AftercareWindow{"retinoids, acids (AHA/BHA) and vitamin C", t + 24 * hour});
  CHECK(shallow[2] == AftercareWindow{"sun without SPF 30+", t + 48 * hour});
  // Just under a band keeps the band below; exactly at it takes it.
  CHECK(aftercare_for(p, 499, t)[0].until == t + 12 * hour);
  const auto mid = aftercare_for(p, 500, t);
  REQUIRE(mid.size() == 4);
  CHECK(mid[0] == AftercareWindow{"makeup", t + 24 * hour});
  CHECK(mid[1].until == t + 72 * hour);
  CHECK(mid[3] == AftercareWindow{"sweat, pools and saunas", t + 24 * hour});
  const auto deep = aftercare_for(p, 1000, t);
  CHECK(deep[0].until == t + 48 * hour);
  CHECK(deep[2] == AftercareWindow{"sun without SPF 30+", t + 168 * hour});
}

TEST_CASE("running aftercare merges sessions and ends exactly at its instant") {
  const Profile& p = default_profile();
  const LogData log = log_of(session("2026-11-20T21:00:00Z", "chin", "1.0", "1111111111111111") +
                             session("2026-11-25T21:00:00Z", "neck", "0.25", "2222222222222222"));
  const auto running = aftercare_running(p, log, at("2026-11-26T08:00:00Z"));
  REQUIRE(running.size() == 3);
  CHECK(running[0] == AftercareWindow{"makeup", at("2026-11-26T09:00:00Z")});
  CHECK(running[1] ==
        AftercareWindow{"retinoids, acids (AHA/BHA) and vitamin C", at("2026-11-26T21:00:00Z")});
  CHECK(running[2] == AftercareWindow{"sun without SPF 30+", at("2026-11-27T21:00:00Z")});
  CHECK(aftercare_running(p, log, at("2026-11-27T21:00:00Z")).empty());
}

TEST_CASE("aftercare rules are validated") {
  CHECK_THROWS_WITH_AS(
      (void)parse_profile("[[aftercare]]\nfrom_mm = 0.5\navoid = \"sun\"\n", "p.toml"),
      doctest::Contains("p.toml:1:1: an [[aftercare]] rule needs 'from_mm', 'avoid' and 'hours'"),
      FileError);
  CHECK_THROWS_WITH_AS(
      (void)parse_profile("[[aftercare]]\nfrom_mm = -1\navoid = \"sun\"\nhours = 2\n", "p.toml"),
      doctest::Contains("p.toml:2:11: 'from_mm' must be a number"), FileError);
  CHECK_THROWS_WITH_AS(
      (void)parse_profile("[[aftercare]]\nfrom_mm = 0\navoid = \"\"\nhours = 2\n", "p.toml"),
      doctest::Contains("p.toml:3:9: 'avoid' must be a line of text"), FileError);
  CHECK_THROWS_WITH_AS(
      (void)parse_profile("[[aftercare]]\nfrom_mm = 0\navoid = \"sun\"\nhours = 0\n", "p.toml"),
      doctest::Contains("p.toml:4:9: 'hours' must be a whole number"), FileError);
  const Profile own =
      parse_profile("[[aftercare]]\nfrom_mm = 0.3\navoid = \"sun\"\nhours = 2\n", "p.toml");
  REQUIRE(own.aftercare.size() == 1);
  CHECK(aftercare_for(own, 250, 0).empty());
  CHECK(aftercare_for(own, 300, 0) == std::vector<AftercareWindow>{{"sun", 2 * hour}});
}
