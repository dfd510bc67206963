// Unit tests for the whole-log audit behind `roller check`.
#include <doctest/doctest.h>

#include "roller/audit.hpp"

using namespace roller;

namespace {

std::vector<Finding> audit(const std::string& text) {
  const LogData log = parse_log(text, "roller.log");
  REQUIRE(log.problems.empty());
  static const Profile profile = default_profile();
  return audit_log(log, Judge(profile, log));
}

}  // namespace

TEST_CASE("a log that kept every rule has no findings") {
  CHECK(audit("2026-11-01T21:00:00Z session id=1111111111111111 area=forehead depth=0.5\n"
              "2026-11-08T21:00:00Z session id=2222222222222222 area=forehead depth=0.5\n"
              "2026-11-02T21:00:00Z session id=3333333333333333 area=nose depth=0.25\n")
            .empty());
}

TEST_CASE("rest is re-checked in time order, whatever the file order") {
  const auto findings = audit(
      "2026-11-08T20:59:59Z session id=2222222222222222 area=forehead depth=0.5\n"
      "2026-11-01T21:00:00Z session id=1111111111111111 area=forehead depth=0.5\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].message.find("came 7.0 days after the 0.5 mm session of forehead on line 2") !=
        std::string::npos);
}

TEST_CASE("forced sessions and voided sessions break no rule") {
  CHECK(audit("2026-11-01T21:00:00Z session id=1111111111111111 area=forehead depth=0.5\n"
              "2026-11-02T21:00:00Z session id=2222222222222222 area=forehead depth=0.75 "
              "forced=true\n"
              "2026-11-03T21:00:00Z session id=3333333333333333 area=nose depth=0.5\n"
              "2026-11-04T21:00:00Z session id=4444444444444444 area=nose depth=0.5\n"
              "2026-11-05T21:00:00Z void id=5555555555555555 target=4444444444444444\n")
            .empty());
}

TEST_CASE("duplicate ids, dangling voids and void cycles are found, a void of a void is fine") {
  const auto findings = audit(
      "2026-11-01T21:00:00Z clean id=1111111111111111 roller=default\n"
      "2026-11-02T21:00:00Z clean id=1111111111111111 roller=default\n"
      "2026-11-03T21:00:00Z void id=2222222222222222 target=0123456789abcdef\n"
      "2026-11-04T21:00:00Z void id=3333333333333333 target=2222222222222222\n"
      "2026-11-05T21:00:00Z void id=4444444444444444 target=5555555555555555\n"
      "2026-11-05T21:00:00Z void id=5555555555555555 target=4444444444444444\n"
      "2026-11-06T21:00:00Z void id=6666666666666666 target=0123456789abcdef\n");
  // Line 3 names no record, but line 4 undid it: it hides nothing, and says so.
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].line == 2);
  CHECK(findings[0].message == "id 1111111111111111 is used by line 1 already");
  CHECK(findings[1].line == 5);
  CHECK(findings[1].kind == "void_cycle");
  CHECK(findings[2].line == 6);
  CHECK(findings[2].kind == "void_cycle");
  CHECK(findings[3].line == 7);
  CHECK(findings[3].message == "void of 0123456789abcdef, which no record has");
}

TEST_CASE("check reports every refusal the judge would give: overlaps, holds, unknown areas") {
  const auto findings = audit(
      "2026-11-01T21:00:00Z session id=1111111111111111 area=face depth=0.5\n"
      "2026-11-02T21:00:00Z session id=2222222222222222 area=forehead depth=0.25\n"
      "2026-11-10T10:00:00Z hold id=3333333333333333 until=2026-11-20T10:00:00Z reason=sunburn\n"
      "2026-11-11T21:00:00Z session id=4444444444444444 area=neck depth=0.25\n"
      "2026-11-12T21:00:00Z session id=5555555555555555 area=Forehead depth=0.25\n");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].line == 2);
  CHECK(findings[0].rule == Rule::too_soon);
  CHECK(findings[0].message.find("session of face on line 1") != std::string::npos);
  CHECK(findings[1].line == 4);
  CHECK(findings[1].rule == Rule::hold);
  CHECK(findings[2].line == 5);
  CHECK(findings[2].kind == "unknown_area");
  CHECK(findings[2].message.find("did you mean 'forehead'?") != std::string::npos);
}

TEST_CASE("the home limit is broken even by a forced session") {
  const auto findings =
      audit("2026-11-01T21:00:00Z session id=1111111111111111 area=body depth=2.0 forced=true\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("deeper than the home limit of 1.5 mm") != std::string::npos);
}

TEST_CASE("a void of an unknown id that was undone is no longer a problem") {
  CHECK(audit("2026-11-03T21:00:00Z void id=2222222222222222 target=0123456789abcdef\n"
              "2026-11-04T21:00:00Z void id=3333333333333333 target=2222222222222222\n")
            .empty());
}
