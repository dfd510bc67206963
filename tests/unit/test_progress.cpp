// Unit tests for progress in the core: a session's details, reactions and photos in the log,
// the judge's reaction rule (redness keeps an area and its overlaps resting), and a severe
// reaction's hold until cleared.
#include <doctest/doctest.h>

#include <string>

#include "roller/audit.hpp"
#include "roller/judge.hpp"
#include "roller/profile.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;

namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = seconds_per_day;

// face covers forehead; neck stands alone; redness rests an area for a day.
const Profile& healing() {
  static const Profile p = parse_profile(
      "[healing]\nredness_hours = 24\n"
      "[areas.face]\nmax_depth_mm = 0.5\ncovers = [\"forehead\"]\n"
      "[areas.forehead]\nmax_depth_mm = 0.5\n"
      "[areas.neck]\nmax_depth_mm = 0.5\n",
      "p.toml");
  return p;
}
constexpr std::size_t face = 0, forehead = 1, neck = 2;

std::string reaction(const char* when, const char* area, int redness, const char* id,
                     const char* extra = "") {
  return std::string(when) + " reaction id=" + id + " area=" + area +
         " redness=" + std::to_string(redness) + extra + "\n";
}

std::string problem_of(const std::string& line) {
  const LogData log = parse_log(line + "\n", "roller.log");
  REQUIRE(log.problems.size() == 1);
  CHECK(log.events.empty());
  return log.problems[0].message;
}

}  // namespace

TEST_CASE("a session's details fold when asked for, and write back as the same fields") {
  const std::string line =
      "2026-12-01T21:00:00+01:00 session id=1111111111111111 area=forehead depth=0.5 "
      "roller=r050 passes=3 pressure=medium pain=4 numbing=20 "
      "serum=\"hyaluronic acid;copper peptides\" endpoint=pinpoint-bleeding";
  const LogData kept = parse_log(line + "\n", "roller.log", {.keep_details = true});
  REQUIRE(kept.problems.empty());
  REQUIRE(kept.events.size() == 1);
  const SessionDetail* d = kept.detail_of(kept.events[0]);
  REQUIRE(d != nullptr);
  CHECK(d->passes == 3);
  CHECK(d->pressure == Pressure::medium);
  CHECK(d->pain == 4);
  CHECK(d->numbing_minutes == 20);
  CHECK(d->serums == std::vector<std::string>{"hyaluronic acid", "copper peptides"});
  CHECK(d->endpoint == Endpoint::pinpoint_bleeding);
  CHECK(kept.events[0].depth == 500);
  // The writer's fields are the reader's: a record made from them reads back the same.
  Record record{*parse_rfc3339("2026-12-01T21:00:00+01:00"), "session",
                {{"id", "1111111111111111"}, {"area", "forehead"}, {"depth", "0.5"},
                 {"roller", "r050"}}};
  for (auto& field : detail_fields(*d)) record.fields.push_back(field);
  CHECK(serialize_record(record) == line);

  // Without the option they are checked but not kept; so is a session with none.
  const LogData plain = parse_log(line + "\n", "roller.log");
  REQUIRE(plain.problems.empty());
  CHECK(plain.detail_of(plain.events[0]) == nullptr);
  const LogData none = parse_log(
      "2026-12-01T21:00:00+01:00 session id=1111111111111111 area=forehead depth=0.5\n",
      "roller.log", {.keep_details = true});
  CHECK(none.detail_of(none.events[0]) == nullptr);
}

TEST_CASE("the fast path and the reference parser read a session's details alike") {
  const std::string line =
      "2026-12-01T21:00:00+01:00 session id=1111111111111111 area=forehead depth=0.5 "
      "passes=2 pressure=light pain=0 numbing=0 serum=peptides endpoint=none";
  const auto fast = testing::parse_record_fast(line);
  REQUIRE(fast.has_value());
  const auto reference = parse_record(line);
  REQUIRE(std::holds_alternative<Record>(reference));
  CHECK(*fast == std::get<Record>(reference));
}

TEST_CASE("a session's details out of range, reactions and photos without what they need are "
          "problems") {
  const std::string ts = "2026-12-01T21:00:00+01:00 ";
  const std::string s = ts + "session id=1111111111111111 area=forehead depth=0.5 ";
  const std::string r = ts + "reaction id=1111111111111111 area=forehead ";
  const std::string p = ts + "photo id=1111111111111111 area=forehead ";
  const std::string hash(64, 'a');
  const std::pair<std::string, std::string> cases[] = {
      {s + "passes=0", "passes '0' is not a whole number from 1 to 20"},
      {s + "passes=21", "passes '21' is not a whole number from 1 to 20"},
      {s + "pain=11", "pain '11' is not a whole number from 0 to 10"},
      {s + "pain=-1", "pain '-1' is not a whole number from 0 to 10"},
      {s + "pain=3.5", "pain '3.5' is not a whole number"},
      {s + "numbing=241", "numbing '241' is not a whole number from 0 to 240"},
      {s + "pressure=hard", "pressure 'hard' is not light, medium or firm"},
      {s + "endpoint=blood", "endpoint 'blood' is not none, erythema or pinpoint-bleeding"},
      {s + "serum=\"a;;b\"", "serum 'a;;b' is not a list of serums"},
      {s + "serum=\";a\"", "is not a list of serums"},
      {s + "serum=\"a;\"", "is not a list of serums"},
      {r.substr(0, r.size() - 14), "reaction has no area"},
      {r, "reaction has no redness"},
      {r + "redness=4", "redness '4' is not a whole number from 0 to 3"},
      {r + "redness=2 severe=yes", "severe 'yes' is not true or false"},
      {r + "redness=2 peeling=1", "peeling '1' is not true or false"},
      {p, "photo has no hash"},
      {p + "hash=" + hash.substr(1), "is not 64 lowercase hex digits"},
      {p + "hash=" + std::string(64, 'A'), "is not 64 lowercase hex digits"},
      {ts + "photo id=1111111111111111 hash=" + hash, "photo has no area"},
  };
  for (const auto& [line, message] : cases) {
    CAPTURE(line);
    CHECK(problem_of(line).find(message) != std::string::npos);
  }
}

TEST_CASE("reactions and photos fold into events with their details") {
  const std::string hash =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const LogData log = parse_log(
      reaction("2026-12-02T09:00:00Z", "forehead", 2, "2222222222222222",
               " peeling=true swelling=false severe=true note=\"hot\"") +
          "2026-12-02T09:05:00Z photo id=3333333333333333 area=forehead angle=front hash=" +
          hash + " file=\"IMG 1.jpg\"\n",
      "roller.log", {.keep_notes = true});
  REQUIRE(log.problems.empty());
  REQUIRE(log.events.size() == 2);
  const Event& r = log.events[0];
  CHECK(r.kind == RecordKind::reaction);
  CHECK(log.name(r.area) == "forehead");
  const ReactionDetail& rd = log.reactions.at(r.detail);
  CHECK(rd.redness == 2);
  CHECK(rd.peeling);
  CHECK_FALSE(rd.swelling);
  CHECK(rd.severe);
  CHECK(log.notes.at(r.note) == "hot");
  const Event& p = log.events[1];
  CHECK(p.kind == RecordKind::photo);
  CHECK(log.name(p.area) == "forehead");
  const PhotoDetail& pd = log.photos.at(p.detail);
  CHECK(pd.hash == hash);
  CHECK(pd.angle == "front");
  CHECK(pd.file == "IMG 1.jpg");
}

TEST_CASE("healing: redness_hours is read, defaults to 48, and must be a whole number") {
  CHECK(default_profile().redness_seconds == 48 * hour);
  CHECK(healing().redness_seconds == 24 * hour);
  CHECK(error_of("[healing]\nredness_hours = 0\n").find("'redness_hours' must be a whole number") !=
        std::string::npos);
  const Profile unknown = parse_profile("[healing]\nredness = 5\n", "p.toml");
  REQUIRE(unknown.warnings.size() == 1);
  CHECK(unknown.warnings[0].find("healing.redness") != std::string::npos);
}

TEST_CASE("judge: redness 2 or more keeps its area and the areas overlapping it resting") {
  const std::int64_t r = at("2026-12-02T09:00:00Z");
  const LogData log = log_of(reaction("2026-12-02T09:00:00Z", "forehead", 2, "2222222222222222"));
  const Judge judge(healing(), log);
  REQUIRE(judge.reactions().size() == 1);
  for (const std::size_t a : {forehead, face}) {
    CAPTURE(a);
    CHECK(judge.judge_candidate(a, 250, r - 1).allowed());
    const Verdict v = judge.judge_candidate(a, 250, r);
    CHECK(v.rule == Rule::reaction);
    CHECK(v.until == r + day);
    REQUIRE(v.reaction != nullptr);
    CHECK(v.reaction->reaction->id == 0x2222222222222222);
    CHECK(judge.judge_candidate(a, 250, r + day - 1).rule == Rule::reaction);
    CHECK(judge.judge_candidate(a, 250, r + day).allowed());
    const AreaState state = judge.area_at(a, r + hour);
    CHECK_FALSE(state.ready);
    CHECK(state.due == r + day);
    CHECK(state.due_by == DueCause::reaction);
    CHECK(state.due_reaction == v.reaction);
    CHECK(state.reaction == v.reaction);
    CHECK(judge.area_at(a, r + day).ready);
  }
  CHECK(judge.judge_candidate(neck, 250, r).allowed());
  CHECK(judge.area_at(neck, r).ready);
}

TEST_CASE("judge: redness below 2, a voided reaction or one on an unknown area rests nothing") {
  const std::int64_t t = at("2026-12-02T10:00:00Z");
  for (const std::string& text :
       {reaction("2026-12-02T09:00:00Z", "forehead", 1, "2222222222222222"),
        reaction("2026-12-02T09:00:00Z", "forehead", 0, "2222222222222222",
                 " peeling=true swelling=true"),
        reaction("2026-12-02T09:00:00Z", "forehead", 3, "2222222222222222") +
            "2026-12-02T09:30:00Z void id=3333333333333333 target=2222222222222222\n",
        reaction("2026-12-02T09:00:00Z", "scalp", 3, "2222222222222222")}) {
    CAPTURE(text);
    const LogData log = log_of(text);
    const Judge judge(healing(), log);
    CHECK(judge.judge_candidate(forehead, 250, t).allowed());
    CHECK(judge.area_at(face, t).ready);
  }
}

TEST_CASE("judge: rest and redness chain into one due instant, whichever ends last") {
  // A 0.25 mm session rests the forehead 2 days; redness reported a day later adds a day
  // past the rest's end.
  const LogData log = log_of(
      "2026-12-01T09:00:00Z session id=1111111111111111 area=forehead depth=0.25\n" +
      reaction("2026-12-02T18:00:00Z", "forehead", 3, "2222222222222222"));
  const Judge judge(healing(), log);
  const AreaState state = judge.area_at(forehead, at("2026-12-02T10:00:00Z"));
  CHECK_FALSE(state.ready);
  CHECK(state.due == at("2026-12-03T18:00:00Z"));
  CHECK(state.due_by == DueCause::reaction);
  // The rest comes first in the verdict before the redness, which only lengthens it.
  CHECK(judge.judge_candidate(forehead, 250, at("2026-12-02T10:00:00Z")).rule == Rule::too_soon);
  CHECK(judge.judge_candidate(forehead, 250, at("2026-12-03T10:00:00Z")).rule == Rule::reaction);
}

TEST_CASE("judge: a severe reaction holds every area until a release clears it") {
  const std::string severe =
      reaction("2026-12-02T09:00:00Z", "neck", 1, "2222222222222222", " severe=true");
  const std::int64_t later = at("2027-06-01T00:00:00Z");
  {
    const LogData log = log_of(severe);
    const Judge judge(healing(), log);
    REQUIRE(judge.holds().size() == 1);
    const HoldSpan& hold = judge.holds()[0];
    CHECK(hold.open());
    CHECK(hold.reason == severe_reaction_reason);
    CHECK(hold.record->kind == RecordKind::reaction);
    for (const std::size_t a : {face, forehead, neck}) {
      const Verdict v = judge.judge_candidate(a, 250, later);
      CHECK(v.rule == Rule::hold);
      CHECK(v.hold == &hold);
      const AreaState state = judge.area_at(a, later);
      CHECK_FALSE(state.ready);
      CHECK(state.held);
      CHECK(state.due_by == DueCause::hold);
    }
  }
  {
    const LogData log =
        log_of(severe + "2026-12-09T09:00:00Z release id=3333333333333333\n");
    const Judge judge(healing(), log);
    REQUIRE(judge.holds().size() == 1);
    CHECK_FALSE(judge.holds()[0].open());
    CHECK(judge.holds()[0].end == at("2026-12-09T09:00:00Z"));
    CHECK(judge.judge_candidate(neck, 250, later).allowed());
    CHECK(judge.judge_candidate(neck, 250, at("2026-12-05T00:00:00Z")).rule == Rule::hold);
  }
}

TEST_CASE("check: sessions inside a reaction's window or a severe reaction's hold are findings") {
  const LogData log = log_of(
      reaction("2026-12-02T09:00:00Z", "forehead", 2, "2222222222222222") +
      "2026-12-02T12:00:00Z session id=1111111111111111 area=face depth=0.25\n" +
      reaction("2026-12-10T09:00:00Z", "neck", 0, "4444444444444444", " severe=true") +
      "2026-12-11T09:00:00Z session id=5555555555555555 area=neck depth=0.25\n");
  const Judge judge(healing(), log);
  const auto findings = audit_log(log, judge);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].rule == Rule::reaction);
  CHECK(findings[0].line == 2);
  CHECK(findings[0].message.find("still red after the reaction on line 1") != std::string::npos);
  CHECK(findings[1].rule == Rule::hold);
  CHECK(findings[1].message.find("severe reaction on line 3") != std::string::npos);
  CHECK(rule_name(Rule::reaction) == "reaction");
}

TEST_CASE("judge: a severe reaction backdated past a release is ended only by a release written "
          "after it") {
  // The release (line 2) came before the reaction was written (line 3), though the
  // reaction says it began before the release: the release never saw it.
  const std::string text =
      "2026-12-01T08:00:00Z hold id=1111111111111111 until=2026-12-09T00:00:00Z reason=sun\n"
      "2026-12-02T08:00:00Z release id=2222222222222222\n" +
      reaction("2026-12-01T20:00:00Z", "neck", 3, "3333333333333333", " severe=true");
  const std::int64_t later = at("2026-12-05T00:00:00Z");
  {
    const LogData log = log_of(text);
    const Judge judge(healing(), log);
    REQUIRE(judge.holds().size() == 2);
    CHECK(judge.holds()[0].end == at("2026-12-02T08:00:00Z"));  // the hold: released
    CHECK(judge.holds()[1].open());                             // the reaction: still on
    CHECK(judge.judge_candidate(neck, 250, later).rule == Rule::hold);
  }
  {
    const LogData log = log_of(text + "2026-12-03T08:00:00Z release id=4444444444444444\n");
    const Judge judge(healing(), log);
    CHECK(judge.holds()[1].end == at("2026-12-03T08:00:00Z"));
    CHECK(judge.judge_candidate(neck, 250, later).allowed());
  }
}
