// Unit tests for routines in the core: an area's own rest tiers, products and their windows,
// hold presets and pens in the profile; the judge's rules over them; the new log records.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "roller/audit.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/profile.hpp"
#include "roller/time.hpp"
#include "judge_views.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;

namespace {

constexpr std::int64_t day = seconds_per_day;
constexpr std::int64_t hour = 3600;


bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// face covers forehead; scalp has its own tiers (weekly at 1.5 mm) and covers crown, which
// rests by the profile's tiers; beard has its own tiers up to its cap of 1.0 mm; neck stands
// alone. The profile's tiers are the shipped ones (0.5 mm: 7 days, 1.0: 28, 1.5: 42).
const Profile& routine() {
  static const Profile p = parse_profile(
      "[areas.face]\nmax_depth_mm = 0.5\ncovers = [\"forehead\"]\n"
      "[areas.forehead]\nmax_depth_mm = 0.5\n"
      "[areas.scalp]\nmax_depth_mm = 1.5\ncovers = [\"crown\"]\n"
      "[[areas.scalp.rest]]\nup_to_mm = 0.5\ndays = 3\n"
      "[[areas.scalp.rest]]\nup_to_mm = 1.5\ndays = 7\n"
      "[areas.crown]\nmax_depth_mm = 1.5\n"
      "[areas.beard]\nmax_depth_mm = 1.0\n"
      "[[areas.beard.rest]]\nup_to_mm = 0.5\ndays = 2\n"
      "[[areas.beard.rest]]\nup_to_mm = 1.0\ndays = 5\n"
      "[areas.neck]\nmax_depth_mm = 0.5\n"
      "[products.retinoid]\nstop_before_days = 5\navoid_after_hours = 72\n"
      "[products.minoxidil]\navoid_after_hours = 24\nareas = [\"scalp\"]\n"
      "[products.peel]\nstop_before_days = 2\nareas = [\"face\"]\nreason = \"acids\"\n",
      "p.toml");
  return p;
}
constexpr std::size_t face = 0, forehead = 1, scalp = 2, crown = 3, beard = 4, neck = 5;

std::string session(const char* when, const char* area, const char* depth, const char* id,
                    const char* extra = "") {
  return std::string(when) + " session id=" + id + " area=" + area + " depth=" + depth + extra +
         "\n";
}

std::string use(const char* when, const char* product, const char* areas, const char* id) {
  return std::string(when) + " use id=" + id + " product=" + product + " areas=" + areas + "\n";
}

// The only problem of a log made of `line` after a header, which must be on line 2.
LogProblem only_problem(const std::string& line) {
  const LogData log = parse_log("# roller log v1\n" + line + "\n", "roller.log");
  REQUIRE(log.problems.size() == 1);
  CHECK(log.problems[0].line == 2);
  CHECK(log.events.empty());
  return log.problems[0];
}

}  // namespace

// --- profile: an area's own rest ---------------------------------------------------------

TEST_CASE("an area's own rest tiers are read and used for sessions on it alone") {
  const Profile& p = routine();
  REQUIRE(p.areas[scalp].rest.size() == 2);
  CHECK(p.areas[scalp].rest[0] == RestTier{500, 3 * day});
  CHECK(p.areas[scalp].rest[1] == RestTier{1500, 7 * day});
  CHECK(p.areas[crown].rest.empty());
  CHECK(p.warnings.empty());
  CHECK(p.rest_seconds(scalp, 1500) == 7 * day);
  CHECK(p.rest_seconds(scalp, 500) == 3 * day);
  CHECK(p.rest_seconds(scalp, 501) == 7 * day);
  // crown and the rest of the profile keep the profile's tiers.
  CHECK(p.rest_seconds(crown, 1500) == 42 * day);
  CHECK(p.rest_seconds(forehead, 500) == 7 * day);
  CHECK(p.rest_seconds(1500) == 42 * day);
}

TEST_CASE("a session deeper than an area's own tiers rests by the profile's tiers") {
  const Profile& p = routine();
  CHECK(p.rest_seconds(beard, 1000) == 5 * day);
  CHECK(&p.tiers_for(beard, 1000) == &p.areas[beard].rest);
  // A forced 1.5 mm session on beard (cap 1.0 mm) is past its own tiers: 42 days.
  CHECK(p.rest_seconds(beard, 1001) == 28 * day + 14 * day);
  CHECK(p.rest_seconds(beard, 1500) == 42 * day);
  CHECK(&p.tiers_for(beard, 1500) == &p.rest);
}

TEST_CASE("an area's own tiers must ascend, rest a positive time and reach its cap") {
  const std::string head = "[areas.scalp]\nmax_depth_mm = 1.0\n";
  SUBCASE("descending") {
    const std::string e = error_of(head +
                                   "[[areas.scalp.rest]]\nup_to_mm = 0.5\ndays = 3\n"
                                   "[[areas.scalp.rest]]\nup_to_mm = 0.5\ndays = 7\n");
    CHECK(e == "p.toml:7:12: rest tiers must ascend: up_to_mm 0.5 mm follows 0.5 mm");
  }
  SUBCASE("short of the cap") {
    const std::string e = error_of(head + "[[areas.scalp.rest]]\nup_to_mm = 0.5\ndays = 3\n");
    CHECK(contains(e, "p.toml:3:"));
    CHECK(contains(e, "the rest tiers of area 'scalp' stop at 0.5 mm but it allows 1.0 mm"));
  }
  SUBCASE("no days") {
    const std::string e = error_of(head + "[[areas.scalp.rest]]\nup_to_mm = 1.0\n");
    CHECK(contains(e, "p.toml:3:"));
    CHECK(contains(e, "a [[areas.scalp.rest]] tier needs 'days'"));
  }
  SUBCASE("zero days") {
    const std::string e = error_of(head + "[[areas.scalp.rest]]\nup_to_mm = 1.0\ndays = 0\n");
    CHECK(contains(e, "p.toml:5:8: 'days' must be a positive number of days"));
  }
  SUBCASE("not a table array") {
    const std::string e = error_of(head + "rest = 7\n");
    CHECK(contains(e, "p.toml:3:8: 'areas.scalp.rest' must be one or more"));
  }
  SUBCASE("an unknown key in a tier is a warning") {
    const Profile p = parse_profile(
        head + "[[areas.scalp.rest]]\nup_to_mm = 1.0\ndays = 7\ndayz = 7\n", "p.toml");
    REQUIRE(p.warnings.size() == 1);
    CHECK(contains(p.warnings[0], "p.toml:6:1: unknown key 'areas.scalp.rest.dayz'"));
  }
}

TEST_CASE("an area's own tiers reaching past its cap are fine, and a shorter deeper tier warns") {
  const Profile p = parse_profile(
      "[areas.scalp]\nmax_depth_mm = 0.5\n"
      "[[areas.scalp.rest]]\nup_to_mm = 0.5\ndays = 7\n"
      "[[areas.scalp.rest]]\nup_to_mm = 1.5\ndays = 3\n",
      "p.toml");
  REQUIRE(p.warnings.size() == 1);
  CHECK(contains(p.warnings[0], "p.toml:8:8: the rest tier up to 1.5 mm rests 3 days"));
}

// --- profile: products -------------------------------------------------------------------

TEST_CASE("products: windows, areas by default all, reason") {
  const Profile& p = routine();
  REQUIRE(p.products.size() == 3);
  const Product* retinoid = p.find_product("retinoid");
  REQUIRE(retinoid != nullptr);
  CHECK(retinoid->stop_before_seconds == 5 * day);
  CHECK(retinoid->avoid_after_seconds == 72 * hour);
  CHECK(retinoid->areas == std::vector<std::size_t>{face, forehead, scalp, crown, beard, neck});
  CHECK(retinoid->reason.empty());
  const Product* minoxidil = p.find_product("minoxidil");
  REQUIRE(minoxidil != nullptr);
  CHECK(minoxidil->stop_before_seconds == 0);
  CHECK(minoxidil->avoid_after_seconds == 24 * hour);
  CHECK(minoxidil->areas == std::vector<std::size_t>{scalp});
  CHECK(minoxidil->applies_to(scalp));
  CHECK_FALSE(minoxidil->applies_to(crown));
  CHECK(p.find_product("peel")->reason == "acids");
  CHECK(p.find_product("Retinoid") == nullptr);
}

TEST_CASE("products: the bounds of each window") {
  const auto product = [](const std::string& body) {
    return parse_profile("[products.x]\n" + body, "p.toml");
  };
  CHECK(product("stop_before_days = 0.5\n").products[0].stop_before_seconds == day / 2);
  CHECK(product("stop_before_days = 3650\n").products[0].stop_before_seconds == 3650 * day);
  CHECK(product("stop_before_days = 7\navoid_after_hours = 0\n").warnings.empty());
  CHECK(product("avoid_after_hours = 876000\n").products[0].avoid_after_seconds ==
        876000 * hour);
  CHECK(error_of("[products.x]\nstop_before_days = -1\n") ==
        "p.toml:2:20: 'stop_before_days' must be a number of days from 0 to 3650");
  CHECK(contains(error_of("[products.x]\nstop_before_days = 3650.5\n"),
                 "p.toml:2:20: 'stop_before_days' must be a number of days from 0 to 3650"));
  CHECK(contains(error_of("[products.x]\nstop_before_days = \"5\"\n"),
                 "p.toml:2:20: 'stop_before_days' must be"));
  CHECK(contains(error_of("[products.x]\nstop_before_days = nan\n"), "'stop_before_days' must"));
  CHECK(error_of("[products.x]\navoid_after_hours = 1.5\n") ==
        "p.toml:2:21: 'avoid_after_hours' must be a whole number of hours from 0 to 876000");
  CHECK(contains(error_of("[products.x]\navoid_after_hours = -1\n"),
                 "p.toml:2:21: 'avoid_after_hours' must be a whole number"));
  CHECK(contains(error_of("[products.x]\navoid_after_hours = 876001\n"),
                 "p.toml:2:21: 'avoid_after_hours' must be a whole number"));
}

TEST_CASE("products: areas must be known area names, each once, and neither window warns") {
  CHECK(error_of("[products.x]\nstop_before_days = 1\nareas = [\"forhead\"]\n") ==
        "p.toml:3:10: product 'x' names 'forhead', which is not an area (did you mean "
        "'forehead'?)");
  CHECK(contains(error_of("[products.x]\nstop_before_days = 1\nareas = [\"nose\", \"nose\"]\n"),
                 "p.toml:3:18: product 'x' names area 'nose' twice"));
  CHECK(contains(error_of("[products.x]\nstop_before_days = 1\nareas = []\n"),
                 "p.toml:3:9: 'areas' of product 'x' must be a list of one or more area names"));
  CHECK(contains(error_of("[products.x]\nstop_before_days = 1\nareas = \"nose\"\n"),
                 "p.toml:3:9: 'areas' of product 'x' must be a list"));
  CHECK(contains(error_of("[products.x]\nstop_before_days = 1\nareas = [1]\n"),
                 "p.toml:3:10: 'areas' must list area names as strings"));
  CHECK(contains(error_of("[products.\"re tinoid\"]\nstop_before_days = 1\n"),
                 "p.toml:1:11: product name 're tinoid' must be"));
  CHECK(contains(error_of("[products.x]\nstop_before_days = 1\nreason = \"\"\n"),
                 "p.toml:3:10: 'reason' must be a line of text"));
  const Profile p = parse_profile("[products.x]\nareas = [\"nose\"]\n", "p.toml");
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] ==
        "p.toml:1:1: product 'x' has neither 'stop_before_days' nor 'avoid_after_hours': its "
        "uses are recorded but guard nothing");
  const Profile typo = parse_profile("[products.x]\nstop_before_day = 1\n", "p.toml");
  REQUIRE(typo.warnings.size() == 2);
  CHECK(contains(typo.warnings[0], "p.toml:1:1: product 'x' has neither"));
  CHECK(contains(typo.warnings[1],
                 "p.toml:2:1: unknown key 'products.x.stop_before_day' (did you mean "
                 "'stop_before_days'?)"));
}

TEST_CASE("products: the areas of a product are read against the profile's own areas") {
  // [areas] comes after [products] in the file: the areas are still the profile's own.
  const Profile p = parse_profile(
      "[products.x]\nstop_before_days = 1\nareas = [\"crown\"]\n"
      "[areas.crown]\nmax_depth_mm = 0.5\n",
      "p.toml");
  REQUIRE(p.products.size() == 1);
  CHECK(p.products[0].areas == std::vector<std::size_t>{0});
  CHECK(contains(error_of("[products.x]\nstop_before_days = 1\nareas = [\"nose\"]\n"
                          "[areas.crown]\nmax_depth_mm = 0.5\n"),
                 "p.toml:3:10: product 'x' names 'nose', which is not an area"));
}

TEST_CASE("a profile with its own areas and no products keeps built-in products on its areas") {
  // A built-in profile with products, as the shipped one has: the overlay of a person's
  // profile on it keeps each product on the areas, by name, that the person's profile has.
  const Profile base = parse_profile(
      "[products.retinoid]\nstop_before_days = 5\navoid_after_hours = 72\n"
      "[products.minoxidil]\navoid_after_hours = 24\nareas = [\"scalp\"]\n"
      "[products.lip]\nstop_before_days = 1\nareas = [\"upper-lip\", \"cheeks\"]\n",
      "base.toml");
  REQUIRE(base.products.size() == 3);
  SUBCASE("areas renamed and reordered: the products follow the names") {
    const Profile p = parse_profile_over(
        base, "[areas.cheeks]\nmax_depth_mm = 1.0\n[areas.scalp]\nmax_depth_mm = 0.5\n",
        "p.toml");
    REQUIRE(p.products.size() == 3);
    CHECK(p.find_product("retinoid")->areas == std::vector<std::size_t>{0, 1});
    CHECK(p.find_product("minoxidil")->areas == std::vector<std::size_t>{1});
    CHECK(p.find_product("lip")->areas == std::vector<std::size_t>{0});
    CHECK(p.find_product("retinoid")->stop_before_seconds == 5 * day);
  }
  SUBCASE("a product left on none of the areas is dropped") {
    const Profile p = parse_profile_over(base, "[areas.forehead]\nmax_depth_mm = 0.5\n", "p.toml");
    REQUIRE(p.products.size() == 1);
    CHECK(p.products[0].name == "retinoid");
    CHECK(p.products[0].areas == std::vector<std::size_t>{0});
  }
  SUBCASE("a profile with its own products defines all of them") {
    const Profile p = parse_profile_over(
        base, "[areas.scalp]\nmax_depth_mm = 0.5\n[products.oil]\navoid_after_hours = 1\n",
        "p.toml");
    REQUIRE(p.products.size() == 1);
    CHECK(p.products[0].name == "oil");
  }
  SUBCASE("a profile without areas keeps the built-in products as they are") {
    const Profile p = parse_profile_over(base, "home_max_depth_mm = 1.5\n", "p.toml");
    CHECK(p.products == base.products);
  }
}

// --- profile: hold presets ---------------------------------------------------------------

TEST_CASE("hold presets: days and reason, both required, within bounds") {
  const Profile p = parse_profile(
      "[holds.sunburn]\ndays = 7\nreason = \"sunburn: let it heal\"\n"
      "[holds.short]\ndays = 0.5\nreason = \"half a day\"\n",
      "p.toml");
  REQUIRE(p.hold_presets.size() == 2);
  CHECK(p.hold_presets[0].name == "sunburn");
  CHECK(p.hold_presets[0].seconds == 7 * day);
  CHECK(p.hold_presets[0].reason == "sunburn: let it heal");
  CHECK(p.find_hold_preset("short")->seconds == day / 2);
  CHECK(p.find_hold_preset("sunbrun") == nullptr);
  CHECK(error_of("[holds.x]\ndays = 7\n") == "p.toml:1:1: hold preset 'x' needs 'days' and 'reason'");
  CHECK(error_of("[holds.x]\nreason = \"r\"\n") ==
        "p.toml:1:1: hold preset 'x' needs 'days' and 'reason'");
  CHECK(contains(error_of("[holds.x]\ndays = 0\nreason = \"r\"\n"),
                 "p.toml:2:8: 'days' must be a positive number of days, at most 3650"));
  CHECK(contains(error_of("[holds.x]\ndays = 3651\nreason = \"r\"\n"),
                 "p.toml:2:8: 'days' must be a positive number of days"));
  CHECK(contains(error_of("[holds.x]\ndays = 7\nreason = \"\"\n"),
                 "p.toml:3:10: 'reason' must be a line of text"));
  CHECK(contains(error_of("[holds.x]\ndays = 7\nreason = \"two\\nlines\"\n"),
                 "p.toml:3:10: 'reason' must be a line of text"));
  CHECK(contains(error_of("[holds.x]\ndays = 7\nreason = 7\n"),
                 "p.toml:3:10: 'reason' must be a line of text"));
  CHECK(contains(error_of("[holds]\nx = 7\n"), "p.toml:2:5: 'holds.x' must be a table"));
  const Profile typo = parse_profile("[holds.x]\ndays = 7\nreason = \"r\"\nreasn = \"r\"\n", "p.toml");
  REQUIRE(typo.warnings.size() == 1);
  CHECK(contains(typo.warnings[0], "p.toml:4:1: unknown key 'holds.x.reasn' (did you mean"));
}

// --- profile: devices --------------------------------------------------------------------

TEST_CASE("devices: a pen has a range and single-use cartridges, a roller one needle") {
  const Profile p = parse_profile(
      "[rollers.r050]\nneedle_mm = 0.5\n"
      "[rollers.st]\nkind = \"stamp\"\nneedle_mm = 1.0\n"
      "[rollers.pen]\nkind = \"pen\"\nmin_mm = 0.25\nmax_mm = 2.5\n"
      "[rollers.pen2]\nkind = \"pen\"\nmin_mm = 0.5\nmax_mm = 0.5\nreplace_after_uses = 3\n",
      "p.toml");
  REQUIRE(p.rollers.size() == 4);
  CHECK(p.rollers[0].kind == DeviceKind::roller);
  CHECK(p.rollers[0].replace_after_uses == 12);
  CHECK(p.rollers[1].kind == DeviceKind::stamp);
  CHECK(p.rollers[1].needle == 1000);
  const Roller& pen = *p.find_roller("pen");
  CHECK(pen.is_pen());
  CHECK(pen.needle == 0);
  CHECK(pen.min_depth == 250);
  // Deeper than the home limit is allowed in a pen's range: the home limit refuses sessions.
  CHECK(pen.max_depth == 2500);
  CHECK(pen.replace_after_uses == 1);
  CHECK(pen.replace_after_days == 42);
  CHECK(pen.reaches(250));
  CHECK(pen.reaches(1300));
  CHECK_FALSE(pen.reaches(249));
  CHECK_FALSE(pen.reaches(2501));
  CHECK(p.find_roller("pen2")->replace_after_uses == 3);
  CHECK(p.find_roller("pen2")->reaches(500));
  CHECK(p.rollers[0].reaches(500));
  CHECK_FALSE(p.rollers[0].reaches(499));
  CHECK(device_kind_name(DeviceKind::pen) == "pen");
}

TEST_CASE("devices: each key where it belongs") {
  CHECK(error_of("[rollers.pen]\nkind = \"pen\"\nneedle_mm = 0.5\n") ==
        "p.toml:3:13: pen 'pen' has 'min_mm' and 'max_mm', not 'needle_mm': its depth is set "
        "for each session");
  CHECK(error_of("[rollers.pen]\nkind = \"pen\"\nmin_mm = 0.5\n") ==
        "p.toml:1:1: pen 'pen' needs 'min_mm' and 'max_mm'");
  CHECK(error_of("[rollers.pen]\nkind = \"pen\"\nmax_mm = 0.5\n") ==
        "p.toml:1:1: pen 'pen' needs 'min_mm' and 'max_mm'");
  CHECK(error_of("[rollers.pen]\nkind = \"pen\"\nmin_mm = 1.0\nmax_mm = 0.5\n") ==
        "p.toml:4:10: pen 'pen' has max_mm 0.5 mm below its min_mm 1.0 mm");
  CHECK(contains(error_of("[rollers.pen]\nkind = \"pen\"\nmin_mm = 0\nmax_mm = 0.5\n"),
                 "p.toml:3:10: 'min_mm' must be a positive number of millimetres"));
  CHECK(error_of("[rollers.r]\nneedle_mm = 0.5\nmin_mm = 0.25\n") ==
        "p.toml:3:10: 'min_mm' and 'max_mm' are for a pen (kind = \"pen\"); roller 'r' has one "
        "needle length: 'needle_mm'");
  CHECK(contains(error_of("[rollers.s]\nkind = \"stamp\"\nneedle_mm = 0.5\nmax_mm = 1\n"),
                 "p.toml:4:10: 'min_mm' and 'max_mm' are for a pen (kind = \"pen\"); stamp 's'"));
  CHECK(error_of("[rollers.s]\nkind = \"stamp\"\n") == "p.toml:1:1: stamp 's' needs 'needle_mm'");
  CHECK(error_of("[rollers.p]\nkind = \"pne\"\nmin_mm = 0.5\nmax_mm = 1\n") ==
        "p.toml:2:8: 'kind' must be \"roller\", \"stamp\" or \"pen\" (did you mean 'pen'?)");
  CHECK(contains(error_of("[rollers.p]\nkind = 1\nneedle_mm = 0.5\n"),
                 "p.toml:2:8: 'kind' must be \"roller\", \"stamp\" or \"pen\""));
  const Profile typo =
      parse_profile("[rollers.p]\nkind = \"pen\"\nmin_mm = 0.5\nmax_mm = 1\nmax_m = 1\n", "p.toml");
  REQUIRE(typo.warnings.size() == 1);
  CHECK(contains(typo.warnings[0], "p.toml:5:1: unknown key 'rollers.p.max_m'"));
}

// --- the judge: an area's own rest -------------------------------------------------------

TEST_CASE("judge: a session rests its area by the area's own tiers") {
  const LogData log = log_of(session("2026-11-01T20:00:00Z", "scalp", "1.5", "1111111111111111"));
  const Judge judge(routine(), log);
  CHECK(judge.rest_seconds(scalp, 1500) == 7 * day);
  CHECK(judge.judge_candidate(scalp, 1500, at("2026-11-08T19:59:59Z")).rule == Rule::too_soon);
  CHECK(judge.judge_candidate(scalp, 1500, at("2026-11-08T19:59:59Z")).until ==
        at("2026-11-08T20:00:00Z"));
  CHECK(judge.judge_candidate(scalp, 1500, at("2026-11-08T20:00:00Z")).allowed());
  const AreaState before = judge.area_at(scalp, at("2026-11-05T00:00:00Z"));
  CHECK_FALSE(before.ready);
  CHECK(before.due == at("2026-11-08T20:00:00Z"));
  CHECK(judge.area_at(scalp, at("2026-11-08T20:00:00Z")).ready);
  // replay and stats agree: a weekly 1.5 mm session keeps its rest.
  const LogData weekly = log_of(session("2026-11-01T20:00:00Z", "scalp", "1.5", "1111111111111111") +
                                session("2026-11-08T20:00:00Z", "scalp", "1.5", "2222222222222222") +
                                session("2026-11-15T19:00:00Z", "scalp", "1.5", "3333333333333333"));
  const Judge weekly_judge(routine(), weekly);
  const auto& judged = weekly_judge.replay();
  REQUIRE(judged.size() == 3);
  CHECK(judged[1].verdict.allowed());
  CHECK(judged[1].rest_end == at("2026-11-15T20:00:00Z"));
  CHECK(judged[2].verdict.rule == Rule::too_soon);
  const Stats stats = compute_stats(routine(), weekly, at("2026-12-01T00:00:00Z"));
  CHECK(stats.areas[scalp].sessions == 3);
  CHECK(stats.areas[scalp].rested == 2);
  const auto findings = audit_log(weekly, weekly_judge);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == Rule::too_soon);
  CHECK(findings[0].line == 3);
}

TEST_CASE("judge: a forced session deeper than an area's own tiers rests by the profile's") {
  const LogData log = log_of(
      session("2026-11-01T20:00:00Z", "beard", "1.5", "1111111111111111", " forced=true"));
  const Judge judge(routine(), log);
  const Verdict v = judge.judge_candidate(beard, 500, at("2026-12-01T20:00:00Z"));
  CHECK(v.rule == Rule::too_soon);
  CHECK(v.until == at("2026-12-13T20:00:00Z"));  // 42 days, not beard's 5
  CHECK(judge.judge_candidate(beard, 500, at("2026-12-13T20:00:00Z")).allowed());
  CHECK(judge.area_at(beard, at("2026-12-01T20:00:00Z")).due == at("2026-12-13T20:00:00Z"));
  // At its cap the area's own tiers still answer: 5 days.
  const LogData capped = log_of(session("2026-11-01T20:00:00Z", "beard", "1.0", "1111111111111111"));
  CHECK(Judge(routine(), capped).area_at(beard, at("2026-11-02T00:00:00Z")).due ==
        at("2026-11-06T20:00:00Z"));
}

TEST_CASE("judge: a session rests overlapping areas by its own area's table") {
  SUBCASE("scalp at 1.5 mm rests crown for scalp's 7 days, not crown's 42") {
    const LogData log =
        log_of(session("2026-11-01T20:00:00Z", "scalp", "1.5", "1111111111111111"));
    const Judge judge(routine(), log);
    const Verdict v = judge.judge_candidate(crown, 500, at("2026-11-05T20:00:00Z"));
    CHECK(v.rule == Rule::too_soon);
    CHECK(v.until == at("2026-11-08T20:00:00Z"));
    CHECK(judge.judge_candidate(crown, 500, at("2026-11-08T20:00:00Z")).allowed());
    const AreaState s = judge.area_at(crown, at("2026-11-05T20:00:00Z"));
    CHECK_FALSE(s.ready);
    CHECK(s.due == at("2026-11-08T20:00:00Z"));
    REQUIRE(s.rested_by != nullptr);
    CHECK(s.rested_by->id == 0x1111111111111111);
    CHECK(s.last == nullptr);
  }
  SUBCASE("crown at 1.0 mm rests scalp for crown's 28 days, not scalp's 7") {
    const LogData log =
        log_of(session("2026-11-01T20:00:00Z", "crown", "1.0", "1111111111111111"));
    const Judge judge(routine(), log);
    const Verdict v = judge.judge_candidate(scalp, 1500, at("2026-11-10T20:00:00Z"));
    CHECK(v.rule == Rule::too_soon);
    CHECK(v.until == at("2026-11-29T20:00:00Z"));
    CHECK(judge.area_at(scalp, at("2026-11-10T20:00:00Z")).due == at("2026-11-29T20:00:00Z"));
  }
  SUBCASE("replay rests overlapping areas the same way") {
    const LogData log =
        log_of(session("2026-11-01T20:00:00Z", "scalp", "1.5", "1111111111111111") +
               session("2026-11-08T20:00:00Z", "crown", "0.5", "2222222222222222") +
               session("2026-11-09T20:00:00Z", "scalp", "0.5", "3333333333333333"));
    const Judge judge(routine(), log);
    const auto& judged = judge.replay();
    REQUIRE(judged.size() == 3);
    CHECK(judged[1].verdict.allowed());
    CHECK(judged[1].rest_end == at("2026-11-15T20:00:00Z"));  // crown's 0.5 mm: 7 days
    CHECK(judged[2].verdict.rule == Rule::too_soon);
    CHECK(judged[2].verdict.other->id == 0x2222222222222222);
    CHECK(judged[2].verdict.until == at("2026-11-15T20:00:00Z"));
  }
}

TEST_CASE("judge: a candidate's rest before a later session is its own area's") {
  const LogData log = log_of(session("2026-11-10T20:00:00Z", "scalp", "1.5", "1111111111111111"));
  const Judge judge(routine(), log);
  // scalp at 1.5 mm rests 7 days: a backfill 8 days before the later one is fine ...
  CHECK(judge.judge_candidate(scalp, 1500, at("2026-11-02T20:00:00Z")).allowed());
  CHECK(judge.judge_candidate(scalp, 1500, at("2026-11-03T20:00:00Z")).allowed());
  // ... one second closer is not.
  const Verdict close = judge.judge_candidate(scalp, 1500, at("2026-11-03T20:00:01Z"));
  CHECK(close.rule == Rule::too_close_before_later);
  REQUIRE(close.other != nullptr);
  CHECK(close.other->id == 0x1111111111111111);
  // crown at 1.0 mm rests by the profile's 28 days, which reach the later scalp session.
  CHECK(judge.judge_candidate(crown, 1000, at("2026-11-02T20:00:00Z")).rule ==
        Rule::too_close_before_later);
  // crown at 0.25 mm rests 2 days.
  CHECK(judge.judge_candidate(crown, 250, at("2026-11-02T20:00:00Z")).allowed());
  // next agrees: on the 3rd at 20:00:01 scalp is not ready (a session at its cap would reach
  // the later one); on the 3rd at 20:00 it is.
  CHECK(judge.area_at(scalp, at("2026-11-03T20:00:00Z")).ready);
  CHECK_FALSE(judge.area_at(scalp, at("2026-11-03T20:00:01Z")).ready);
}

TEST_CASE("judge: ready uses the longest rest up to the area's cap by its own table") {
  // scalp's own tiers: 3 days to 0.5 mm, 7 to 1.5 mm. After a 0.25 mm session (3 days),
  // scalp is ready on day 3 for a session at its cap only if that cap's rest (7 days) does
  // not reach a later session; with no later session, the earlier rest alone decides.
  const LogData log = log_of(session("2026-11-01T20:00:00Z", "scalp", "0.25", "1111111111111111"));
  const Judge judge(routine(), log);
  CHECK(judge.area_at(scalp, at("2026-11-04T19:59:59Z")).due == at("2026-11-04T20:00:00Z"));
  CHECK(judge.area_at(scalp, at("2026-11-04T20:00:00Z")).ready);
  CHECK(judge.judge_candidate(scalp, 1500, at("2026-11-04T20:00:00Z")).allowed());
}

// --- the judge: product windows ----------------------------------------------------------

TEST_CASE("judge: a use opens a window before sessions on its areas and every overlapping one") {
  const LogData log = log_of(use("2026-11-01T20:00:00Z", "peel", "face", "aaaaaaaaaaaaaaaa"));
  const Judge judge(routine(), log);
  const std::int64_t u = at("2026-11-01T20:00:00Z");
  const std::int64_t end = u + 2 * day;
  for (const std::size_t a : {face, forehead}) {
    CAPTURE(a);
    CHECK(judge.judge_candidate(a, 250, u - 1).allowed());
    const Verdict v = judge.judge_candidate(a, 250, u);
    CHECK(v.rule == Rule::product_window);
    CHECK(v.until == end);
    REQUIRE(v.window != nullptr);
    CHECK(v.window->use->id == 0xaaaaaaaaaaaaaaaa);
    CHECK(v.window->product->name == "peel");
    CHECK(v.window->from == u);
    CHECK(judge.judge_candidate(a, 250, end - 1).rule == Rule::product_window);
    CHECK(judge.judge_candidate(a, 250, end).allowed());
    REQUIRE(judge.windows(a).size() == 1);
  }
  for (const std::size_t a : {scalp, crown, beard, neck}) {
    CAPTURE(a);
    CHECK(judge.judge_candidate(a, 250, u + hour).allowed());
    CHECK(judge.windows(a).empty());
  }
}

TEST_CASE("judge: a use on an inner area blocks the area that covers it") {
  const LogData log = log_of(use("2026-11-01T20:00:00Z", "retinoid", "forehead", "aaaaaaaaaaaaaaaa"));
  const Judge judge(routine(), log);
  const std::int64_t t = at("2026-11-03T20:00:00Z");
  CHECK(judge.judge_candidate(forehead, 250, t).rule == Rule::product_window);
  CHECK(judge.judge_candidate(face, 250, t).rule == Rule::product_window);
  CHECK(judge.judge_candidate(face, 250, t).until == at("2026-11-06T20:00:00Z"));
  CHECK(judge.judge_candidate(neck, 250, t).allowed());
}

TEST_CASE("judge: the window comes after a hold and before rest, and too deep before all") {
  const LogData log = log_of(
      session("2026-10-31T20:00:00Z", "neck", "0.5", "1111111111111111") +
      use("2026-11-01T20:00:00Z", "retinoid", "neck", "aaaaaaaaaaaaaaaa"));
  const Judge judge(routine(), log);
  const std::int64_t t = at("2026-11-02T20:00:00Z");
  CHECK(judge.judge_candidate(neck, 500, t).rule == Rule::product_window);
  CHECK(judge.judge_candidate(neck, 1000, t).rule == Rule::area_cap);
  const LogData held = log_of(
      use("2026-11-01T20:00:00Z", "retinoid", "neck", "aaaaaaaaaaaaaaaa") +
      "2026-11-01T21:00:00Z hold id=bbbbbbbbbbbbbbbb until=2026-11-04T00:00:00Z reason=x\n");
  CHECK(Judge(routine(), held).judge_candidate(neck, 500, t).rule == Rule::hold);
}

TEST_CASE("judge: a voided use, an unknown product or one with no window blocks nothing") {
  const std::int64_t t = at("2026-11-02T20:00:00Z");
  SUBCASE("voided") {
    const LogData log = log_of(
        use("2026-11-01T20:00:00Z", "retinoid", "neck", "aaaaaaaaaaaaaaaa") +
        "2026-11-01T21:00:00Z void id=bbbbbbbbbbbbbbbb target=aaaaaaaaaaaaaaaa\n");
    const Judge judge(routine(), log);
    CHECK(judge.judge_candidate(neck, 500, t).allowed());
    CHECK(judge.windows(neck).empty());
    CHECK(judge.area_at(neck, t).ready);
  }
  SUBCASE("a void of the void brings the window back") {
    const LogData log = log_of(
        use("2026-11-01T20:00:00Z", "retinoid", "neck", "aaaaaaaaaaaaaaaa") +
        "2026-11-01T21:00:00Z void id=bbbbbbbbbbbbbbbb target=aaaaaaaaaaaaaaaa\n"
        "2026-11-01T22:00:00Z void id=cccccccccccccccc target=bbbbbbbbbbbbbbbb\n");
    CHECK(Judge(routine(), log).judge_candidate(neck, 500, t).rule == Rule::product_window);
  }
  SUBCASE("a product the profile does not define") {
    const LogData log = log_of(use("2026-11-01T20:00:00Z", "tretinoin", "neck", "aaaaaaaaaaaaaaaa"));
    const Judge judge(routine(), log);
    CHECK(judge.judge_candidate(neck, 500, t).allowed());
    CHECK(judge.area_at(neck, t).ready);
  }
  SUBCASE("a product with no window before sessions") {
    const LogData log = log_of(use("2026-11-01T20:00:00Z", "minoxidil", "scalp", "aaaaaaaaaaaaaaaa"));
    CHECK(Judge(routine(), log).judge_candidate(scalp, 500, t).allowed());
  }
  SUBCASE("a use on an area the profile does not define") {
    const LogData log = log_of(use("2026-11-01T20:00:00Z", "retinoid", "elbow", "aaaaaaaaaaaaaaaa"));
    CHECK(Judge(routine(), log).judge_candidate(neck, 500, t).allowed());
  }
}

TEST_CASE("next: an area inside a window is not ready, due at its end, with the window") {
  const LogData log = log_of(use("2026-11-01T20:00:00Z", "retinoid", "neck", "aaaaaaaaaaaaaaaa") +
                             use("2026-11-02T20:00:00Z", "retinoid", "neck", "dddddddddddddddd"));
  const Judge judge(routine(), log);
  const AreaState s = judge.area_at(neck, at("2026-11-03T00:00:00Z"));
  CHECK_FALSE(s.ready);
  CHECK_FALSE(s.held);
  CHECK(s.due == at("2026-11-07T20:00:00Z"));  // the window that ends last
  REQUIRE(s.window != nullptr);
  CHECK(s.window->use->id == 0xdddddddddddddddd);
  CHECK(s.window->product->name == "retinoid");
  CHECK(s.rested_by == nullptr);
  const AreaState after = judge.area_at(neck, at("2026-11-07T20:00:00Z"));
  CHECK(after.ready);
  CHECK(after.window == nullptr);
  // Before the first use, a session at the cap is not refused: the window starts at the use.
  const AreaState before = judge.area_at(neck, at("2026-11-01T19:59:59Z"));
  CHECK(before.ready);
  CHECK(before.window == nullptr);
  // Every area agrees with log: areas_at holds the same.
  const auto all = judge.areas_at(at("2026-11-03T00:00:00Z"));
  CHECK_FALSE(all[neck].ready);
  CHECK(all[scalp].ready);
}

TEST_CASE("next: a window chains with a rest into one due instant") {
  // neck rests 7 days after 0.5 mm (to the 8th); a retinoid on the 6th keeps it off to the 11th.
  const LogData log = log_of(session("2026-11-01T20:00:00Z", "neck", "0.5", "1111111111111111") +
                             use("2026-11-06T20:00:00Z", "retinoid", "neck", "aaaaaaaaaaaaaaaa"));
  const Judge judge(routine(), log);
  const AreaState s = judge.area_at(neck, at("2026-11-03T00:00:00Z"));
  CHECK_FALSE(s.ready);
  CHECK(s.due == at("2026-11-11T20:00:00Z"));
  CHECK(s.window == nullptr);  // not in force yet at the instant asked
  REQUIRE(s.rested_by != nullptr);
  CHECK(s.rested_by->id == 0x1111111111111111);
  CHECK(judge.judge_candidate(neck, 500, at("2026-11-08T20:00:00Z")).rule == Rule::product_window);
  CHECK(judge.judge_candidate(neck, 500, at("2026-11-11T20:00:00Z")).allowed());
}

TEST_CASE("replay and check report an unforced session inside a window as product_window") {
  const LogData log = log_of(use("2026-11-01T20:00:00Z", "retinoid", "forehead", "aaaaaaaaaaaaaaaa") +
                             session("2026-11-03T20:00:00Z", "face", "0.25", "1111111111111111") +
                             session("2026-11-04T20:00:00Z", "neck", "0.25", "2222222222222222") +
                             session("2026-11-05T20:00:00Z", "forehead", "0.25", "3333333333333333",
                                     " forced=true"));
  const Judge judge(routine(), log);
  const auto& judged = judge.replay();
  REQUIRE(judged.size() == 3);
  CHECK(judged[0].verdict.rule == Rule::product_window);
  REQUIRE(judged[0].verdict.window != nullptr);
  CHECK(judged[0].verdict.window->use->id == 0xaaaaaaaaaaaaaaaa);
  CHECK(judged[0].verdict.until == at("2026-11-06T20:00:00Z"));
  CHECK(judged[1].verdict.allowed());
  const auto findings = audit_log(log, judge);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == "rule");
  CHECK(findings[0].rule == Rule::product_window);
  CHECK(findings[0].line == 2);
  CHECK(rule_name(Rule::product_window) == "product_window");
  const Stats stats = compute_stats(routine(), log, at("2026-12-01T00:00:00Z"));
  CHECK(stats.areas[face].sessions == 1);
  CHECK(stats.areas[face].rested == 0);
  CHECK(stats.areas[neck].rested == 1);
}

TEST_CASE("after a session, uses of a product on its area are to be avoided for a while") {
  const LogData log = log_of(session("2026-11-01T20:00:00Z", "scalp", "1.5", "1111111111111111"));
  const Judge judge(routine(), log);
  const std::int64_t s = at("2026-11-01T20:00:00Z");
  const auto names = [](const std::vector<AfterWindow>& windows) {
    std::vector<std::string> out;
    for (const AfterWindow& w : windows) out.push_back(w.product->name);
    return out;
  };
  const auto during = judge.after_windows(scalp, s + hour);
  CHECK(names(during) == std::vector<std::string>{"retinoid", "minoxidil"});
  REQUIRE(during.size() == 2);
  CHECK(during[0].end == s + 72 * hour);
  CHECK(during[1].end == s + 24 * hour);
  CHECK(during[1].session->id == 0x1111111111111111);
  CHECK(names(judge.after_windows(scalp, s + 24 * hour - 1)) ==
        std::vector<std::string>{"retinoid", "minoxidil"});
  CHECK(names(judge.after_windows(scalp, s + 24 * hour)) == std::vector<std::string>{"retinoid"});
  CHECK(judge.after_windows(scalp, s + 72 * hour).empty());
  // Before the session, nothing to avoid; on an area it does not overlap, nothing either.
  CHECK(judge.after_windows(scalp, s - 1).empty());
  CHECK(judge.after_windows(neck, s + hour).empty());
  // crown lies inside scalp: the retinoid (every area) is avoided there too.
  CHECK(names(judge.after_windows(crown, s + hour)) == std::vector<std::string>{"retinoid"});
}

TEST_CASE("after-windows count extra sessions, the one that ends last") {
  const LogData none;
  const Judge judge(routine(), none);
  Event e;
  e.kind = RecordKind::session;
  e.utc = at("2026-11-01T20:00:00Z");
  e.depth = 500;
  const ExtraSession extra[] = {{&e, neck}};
  const auto w = judge.after_windows(neck, e.utc + hour, extra);
  REQUIRE(w.size() == 1);
  CHECK(w[0].product->name == "retinoid");
  CHECK(w[0].session == &e);
  CHECK(w[0].end == e.utc + 72 * hour);
}

// --- the judge: sittings -----------------------------------------------------------------

TEST_CASE("a sitting's earlier areas count against its later ones at the one instant") {
  const LogData none;
  const Judge judge(routine(), none);
  const std::int64_t t = at("2026-11-01T20:00:00Z");
  Event first;
  first.kind = RecordKind::session;
  first.utc = t;
  first.depth = 500;
  const ExtraSession sitting[] = {{&first, face}};
  const Verdict v = judge.judge_timing(forehead, 500, t, sitting);
  CHECK(v.rule == Rule::too_soon);
  CHECK(v.other == &first);
  CHECK(judge.judge_timing(neck, 500, t, sitting).allowed());
  const AreaState s = judge.area_at(forehead, t, sitting);
  CHECK_FALSE(s.ready);
  CHECK(s.due == t + 7 * day);
}

// --- the log: new records ----------------------------------------------------------------

TEST_CASE("use, course and course-stop records fold into events") {
  const LogData log = parse_log(
      "# roller log v1\n"
      "2026-12-01T20:00:00+01:00 use id=1111111111111111 product=retinoid "
      "areas=forehead,cheeks note=\"night\"\n"
      "2026-12-01T21:00:00+01:00 course id=2222222222222222 name=hair area=scalp depth=1.5 "
      "every=7 sessions=12 reviews=8,12\n"
      "2026-12-02T21:00:00+01:00 course id=3333333333333333 name=scars area=cheeks depth=1.0 "
      "every=31.5 sessions=1\n"
      "2026-12-20T21:00:00+01:00 course-stop id=4444444444444444 course=2222222222222222 "
      "name=hair\n",
      "roller.log", LoadOptions{.keep_notes = true});
  REQUIRE(log.problems.empty());
  REQUIRE(log.events.size() == 4);
  const Event& u = log.events[0];
  CHECK(u.kind == RecordKind::use);
  CHECK(u.line == 2);
  CHECK(log.name(u.product) == "retinoid");
  REQUIRE(u.detail < log.uses.size());
  REQUIRE(log.uses[u.detail].areas.size() == 2);
  CHECK(log.name(log.uses[u.detail].areas[0]) == "forehead");
  CHECK(log.name(log.uses[u.detail].areas[1]) == "cheeks");
  REQUIRE(u.note != Event::no_note);
  CHECK(log.notes[u.note] == "night");
  const Event& c = log.events[1];
  CHECK(c.kind == RecordKind::course);
  CHECK(log.name(c.course) == "hair");
  CHECK(log.name(c.area) == "scalp");
  CHECK(c.depth == 1500);
  REQUIRE(c.detail < log.courses.size());
  CHECK(log.courses[c.detail].every_seconds == 7 * day);
  CHECK(log.courses[c.detail].sessions == 12);
  CHECK(log.courses[c.detail].review_weeks == std::vector<int>{8, 12});
  const Event& c2 = log.events[2];
  CHECK(log.courses[c2.detail].every_seconds == 31 * day + day / 2);
  CHECK(log.courses[c2.detail].sessions == 1);
  CHECK(log.courses[c2.detail].review_weeks.empty());
  const Event& stop = log.events[3];
  CHECK(stop.kind == RecordKind::course_stop);
  CHECK(stop.target == 0x2222222222222222);
  CHECK(log.name(stop.course) == "hair");
}

TEST_CASE("a session of a sitting names its sitting, and only sittings do") {
  const std::string a = "2026-12-01T21:00:00+01:00 session id=";
  const LogData log = log_of(
      "# roller log v1\n" + a + "1111111111111111 area=forehead depth=0.5 roller=r050\n" + a +
      "2222222222222222 area=forehead depth=0.5 roller=r050 sitting=2222222222222222\n" + a +
      "3333333333333333 area=cheeks depth=0.5 roller=r050 sitting=2222222222222222\n" + a +
      "4444444444444444 area=forehead depth=0.5 roller=r050\n");
  REQUIRE(log.events.size() == 4);
  CHECK_FALSE(log.events[0].in_sitting);
  CHECK(log.events[1].in_sitting);
  CHECK(log.events[1].target == 0x2222222222222222);
  CHECK(log.events[2].in_sitting);
  CHECK(log.events[2].target == 0x2222222222222222);
  // The same fields as the first line again, read from memory: still no sitting.
  CHECK_FALSE(log.events[3].in_sitting);
  CHECK(log.events[3].target == 0);
  // The fast path keeps the key.
  const auto fast = testing::parse_record_fast(
      a + "2222222222222222 area=forehead depth=0.5 roller=r050 sitting=2222222222222222");
  if (fast) {
    REQUIRE(fast->get("sitting") != nullptr);
    CHECK(*fast->get("sitting") == "2222222222222222");
  }
}

TEST_CASE("malformed use, course, course-stop and sitting fields are problems with their line") {
  const std::string ts = "2026-11-25T21:30:00+01:00 ";
  const std::string id = " id=9f2c4e1a7b3d5f60";
  const std::string course = ts + "course" + id + " name=hair area=scalp depth=1.5";
  const std::pair<std::string, std::string> cases[] = {
      {ts + "session" + id + " area=forehead depth=0.5 sitting=xyz",
       "sitting 'xyz' is not 16 hex digits"},
      {ts + "session" + id + " area=forehead depth=0.5 sitting=9f2c4e1a7b3d5f6",
       "sitting '9f2c4e1a7b3d5f6' is not 16 hex digits"},
      {ts + "session" + id + " area=forehead depth=0.5 sitting=", "is not 16 hex digits"},
      {ts + "use" + id + " areas=forehead", "use has no product"},
      {ts + "use" + id + " product=retinoid", "use has no areas"},
      {ts + "use" + id + " product=retinoid areas=forehead,,cheeks",
       "areas 'forehead,,cheeks' is not a list of area names like forehead,cheeks"},
      {ts + "use" + id + " product=retinoid areas=,forehead", "is not a list of area names"},
      {ts + "use" + id + " product=retinoid areas=forehead,", "is not a list of area names"},
      {ts + "course" + id + " area=scalp depth=1.5 every=7 sessions=12", "course has no name"},
      {ts + "course" + id + " name=hair depth=1.5 every=7 sessions=12", "course has no area"},
      {ts + "course" + id + " name=hair area=scalp every=7 sessions=12",
       "course depth '' is not a positive number of millimetres"},
      {course + "x every=7 sessions=12", "course depth '1.5x' is not a positive number"},
      {ts + "course" + id + " name=hair area=scalp depth=0 every=7 sessions=12",
       "course depth '0' is not a positive number"},
      {course + " sessions=12", "every '' is not a positive number of days, at most 3650"},
      {course + " every=0 sessions=12", "every '0' is not a positive number of days"},
      {course + " every=-7 sessions=12", "every '-7' is not a positive number of days"},
      {course + " every=3651 sessions=12", "every '3651' is not a positive number of days"},
      {course + " every=1.2345 sessions=12", "every '1.2345' is not"},
      {course + " every=7", "sessions '' is not a whole number from 1 to 1000"},
      {course + " every=7 sessions=0", "sessions '0' is not a whole number from 1 to 1000"},
      {course + " every=7 sessions=1001", "sessions '1001' is not a whole number"},
      {course + " every=7 sessions=1.5", "sessions '1.5' is not a whole number"},
      {course + " every=7 sessions=+3", "sessions '+3' is not a whole number"},
      {course + " every=7 sessions=12 reviews=8,,12", "reviews '8,,12' is not a list of weeks"},
      {course + " every=7 sessions=12 reviews=", "reviews '' is not a list of weeks"},
      {course + " every=7 sessions=12 reviews=0", "reviews '0' is not a list of weeks"},
      {course + " every=7 sessions=12 reviews=521", "reviews '521' is not a list of weeks"},
      {course + " every=7 sessions=12 reviews=8,", "reviews '8,' is not a list of weeks"},
      {ts + "course-stop" + id + " name=hair", "course-stop has no course"},
      {ts + "course-stop" + id + " course=hair name=hair", "course 'hair' is not 16 hex digits"},
  };
  for (const auto& [line, reason] : cases) {
    CAPTURE(line);
    const LogProblem problem = only_problem(line);
    CAPTURE(problem.message);
    CHECK(contains(problem.message, reason));
  }
}

TEST_CASE("a malformed new record is reported at its own line, the others still read") {
  const LogData log = parse_log(
      "# roller log v1\n"
      "2026-11-25T21:30:00+01:00 use id=1111111111111111 product=retinoid areas=forehead\n"
      "\n"
      "2026-11-25T21:31:00+01:00 use id=2222222222222222 product=retinoid\n"
      "2026-11-25T21:32:00+01:00 course-stop id=3333333333333333 course=zz\n",
      "roller.log");
  REQUIRE(log.problems.size() == 2);
  CHECK(log.problems[0].line == 4);
  CHECK(log.problems[1].line == 5);
  REQUIRE(log.events.size() == 1);
  CHECK(log.events[0].kind == RecordKind::use);
}

TEST_CASE("kinds this version does not know are still kept and ignored") {
  const LogData log = log_of(
      "# roller log v1\n"
      "2026-11-25T21:30:00+01:00 react id=1111111111111111 area=forehead redness=2\n"
      "2026-11-25T21:30:00+01:00 cartridge id=2222222222222222 product=x areas=,,\n"
      "2026-11-25T21:30:00+01:00 use id=3333333333333333 product=x areas=nose mood=fine\n");
  REQUIRE(log.events.size() == 3);
  CHECK(log.events[0].kind == RecordKind::other);
  CHECK(log.events[1].kind == RecordKind::other);
  CHECK(log.events[2].kind == RecordKind::use);
}

// --- parse_days ----------------------------------------------------------------------------

TEST_CASE("parse_days reads positive days with up to three decimals, at most 3650") {
  CHECK(parse_days("7") == 7 * day);
  CHECK(parse_days("3.5") == 3 * day + day / 2);
  CHECK(parse_days("0.25") == day / 4);
  CHECK(parse_days("0.001") == 86);  // 86.4 s, to the nearest second
  CHECK(parse_days("0.010") == 864);
  CHECK(parse_days("3650") == 3650 * day);
  CHECK(parse_days("3650.000") == 3650 * day);
  CHECK(parse_days("007") == 7 * day);
  for (const char* bad : {"", "0", "0.0", "0.000", "0.0001", "1.2345", "3650.001", "3651",
                          "-1", "+1", "1e3", " 7", "7 ", "1,5", "1.2.3", "seven", ".", "7d",
                          "99999999999999999999999999", "0x10", "inf", "nan"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_days(bad).has_value());
  }
  for (const char* text : {"7", "3.5", "0.25", "31.5", "3650"}) {
    CAPTURE(text);
    CHECK(format_days(*parse_days(text)) == text);
  }
}
