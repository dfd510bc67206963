// Unit tests for log format v1: records, escapes, malformed lines, torn lines, the fold.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "roller/error.hpp"
#include "roller/log.hpp"
#include "support.hpp"

using namespace roller;

namespace {

Record session_record(std::string note) {
  Record r{*parse_rfc3339("2026-11-25T21:30:00+01:00"), "session", {}};
  r.fields = {{"id", "9f2c4e1a7b3d5f60"},
              {"area", "forehead"},
              {"depth", "0.5"},
              {"roller", "r050"},
              {"note", std::move(note)}};
  return r;
}

// The problem reported for the only bad line of a log made of `line` after a header.
LogProblem only_problem(const std::string& line) {
  const LogData log = parse_log("# roller log v1\n" + line + "\n", "roller.log");
  REQUIRE(log.problems.size() == 1);
  CHECK(log.problems[0].line == 2);
  CHECK(log.events.empty());
  return log.problems[0];
}

constexpr const char* ok_session =
    "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 roller=r050";

}  // namespace

TEST_CASE("serialize_record writes the spec's line exactly") {
  CHECK(serialize_record(session_record("slight tingling")) ==
        "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 "
        "roller=r050 note=\"slight tingling\"");
  CHECK(serialize_record(session_record("tingling")).ends_with(" note=tingling"));
}

TEST_CASE("records round-trip every escape, unicode and the empty note") {
  for (const std::string& note :
       {std::string("slight tingling"), std::string("say \"ouch\""), std::string("back\\slash"),
        std::string("two\nlines"), std::string("tab\there"), std::string(""),
        std::string("ünïcødé 🙂 日本語"), std::string("a=b #c"),
        std::string("\\n literal"), std::string("\"\\\n\t\"")}) {
    CAPTURE(note);
    const Record record = session_record(note);
    const std::string line = serialize_record(record);
    CHECK(line.find('\n') == std::string::npos);
    const auto parsed = parse_record(line);
    REQUIRE(std::holds_alternative<Record>(parsed));
    CHECK(std::get<Record>(parsed) == record);
  }
  CHECK(serialize_record(session_record("")).ends_with(" note=\"\""));
}

TEST_CASE("the spec's example log folds into events") {
  const LogData log = parse_log(
      "# roller log v1\n"
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 roller=r050 "
      "note=\"slight tingling\"\n"
      "2026-11-25T21:42:10+01:00 clean id=41d0c9e2aa17b388 roller=r050\n"
      "2026-11-26T08:05:00+01:00 void id=77ab03f19c2e4d51 target=9f2c4e1a7b3d5f60\n",
      "roller.log", LoadOptions{.keep_notes = true});
  CHECK(log.problems.empty());
  CHECK(log.notices.empty());
  REQUIRE(log.events.size() == 3);
  const Event& s = log.events[0];
  CHECK(s.kind == RecordKind::session);
  CHECK(s.id == 0x9f2c4e1a7b3d5f60);
  CHECK(log.name(s.area) == "forehead");
  CHECK(log.name(s.roller) == "r050");
  CHECK(s.depth == 500);
  CHECK(s.line == 2);
  CHECK(s.at() == *parse_rfc3339("2026-11-25T21:30:00+01:00"));
  REQUIRE(s.note != Event::no_note);
  CHECK(log.notes[s.note] == "slight tingling");
  CHECK(log.events[1].kind == RecordKind::clean);
  CHECK(log.events[2].kind == RecordKind::void_record);
  CHECK(log.events[2].target == s.id);
  CHECK(log.voided() == std::unordered_set<std::uint64_t>{s.id});
}

TEST_CASE("every malformed shape is reported with its line and why") {
  const std::string ts = "2026-11-25T21:30:00+01:00 ";
  const std::string id = " id=9f2c4e1a7b3d5f60";
  const std::pair<std::string, std::string> cases[] = {
      {"2026-11-25T21:30:00+01:00", "expected a timestamp, a kind and fields"},
      {"garbage", "'garbage' is not an RFC 3339 timestamp with an offset"},
      {"not a record", "'not' is not an RFC 3339 timestamp with an offset"},
      {"2026-11-25 session" + id + " area=forehead depth=0.5", "is not an RFC 3339 timestamp"},
      {"2026-11-25T21:30:00 session" + id + " area=forehead depth=0.5",
       "is not an RFC 3339 timestamp"},
      {ts + "Session" + id, "'Session' is not a record kind"},
      {ts + "session" + id + " area", "expected key=value, found 'area'"},
      {ts + "session" + id + " =forehead", "expected key=value, found '=forehead'"},
      {ts + "session" + id + " area=fore\"head\"", "unexpected '\"' after the value of 'area'"},
      {ts + "session" + id + " note=\"open", "unterminated quoted value of 'note'"},
      {ts + "session" + id + " note=\"ends in backslash\\", "unterminated quoted value of 'note'"},
      {ts + "session" + id + " note=\"bad \\x escape\"", "unknown escape '\\x'"},
      {ts + "session" + id + " note=\"a\"b", "unexpected 'b' after the value of 'note'"},
      {ts + "session" + id + " note=\"bell\a\"", "control character in the value of 'note'"},
      {ts + "session" + id + " note=\"del\x7f\"", "control character in the value of 'note'"},
      {ts + "session" + id + " note=\"csi\u009b31m\"", "control character in the value of 'note'"},
      {ts + "session" + id + " area=fore\u0085head depth=0.5",
       "control character in the value of 'area'"},
      {ts + "session" + id + " area=forehead depth=0.5 x=\u009f",
       "control character in the value of 'x'"},
      {ts + "session" + id + " area=forehead area=nose depth=0.5", "duplicate key 'area'"},
      {ts + "session area=forehead depth=0.5", "record has no id"},
      {ts + "session id=9f2c4e1a7b3d5f6 area=forehead depth=0.5", "is not 16 hex digits"},
      {ts + "session id=9f2c4e1a7b3d5f6g area=forehead depth=0.5", "is not 16 hex digits"},
      {ts + "session id=-f2c4e1a7b3d5f60 area=forehead depth=0.5", "is not 16 hex digits"},
      {ts + "session" + id + " depth=0.5", "session has no area"},
      {ts + "session" + id + " area=forehead", "session has no depth"},
      {ts + "session" + id + " area=forehead depth=deep", "'deep' is not a positive number"},
      {ts + "session" + id + " area=forehead depth=0", "'0' is not a positive number"},
      {ts + "session" + id + " area=forehead depth=-0.5", "'-0.5' is not a positive number"},
      {ts + "session" + id + " area=forehead depth=0.5 forced=yes", "forced 'yes' is not true"},
      {ts + "void" + id, "void has no target"},
      {ts + "void" + id + " target=77ab", "target '77ab' is not 16 hex digits"},
      {ts + "session" + id + " area=for\xff\xfe" + "head depth=0.5", "invalid UTF-8 at column"},
      {ts + "session" + id + " note=\"\xc0\xaf\"", "invalid UTF-8"},
      {ts + "session" + id + " note=\"\xed\xa0\x80\"", "invalid UTF-8"},
      {"0001-01-01T00:30:00+01:00 session" + id + " area=forehead depth=0.5",
       "'0001-01-01T00:30:00+01:00' falls outside the years 1 to 9999 (in UTC or in the local "
       "time zone)"},
      {"9999-12-31T23:30:00-01:00 clean" + id, "falls outside the years 1 to 9999"},
      {ts + "hold" + id + " until=9999-12-31T23:59:59-01:00 reason=x",
       "until '9999-12-31T23:59:59-01:00' falls outside the years 1 to 9999"},
  };
  for (const auto& [line, reason] : cases) {
    CAPTURE(line);
    CHECK(only_problem(line).message.find(reason) != std::string::npos);
  }
}

TEST_CASE("problems carry the line number counted over blanks and comments") {
  const LogData log = parse_log(std::string("# roller log v1\n\n# a comment\n") + ok_session +
                                    "\nnot a record\n   \n" + ok_session + "\nalso bad\n",
                                "roller.log");
  REQUIRE(log.problems.size() == 2);
  CHECK(log.problems[0].line == 5);
  CHECK(log.problems[1].line == 8);
  REQUIRE(log.events.size() == 2);
  CHECK(log.events[0].line == 4);
  CHECK(log.events[1].line == 7);
  CHECK(log.lines == 8);
}

TEST_CASE("a torn last line is reported and ignored, never read as a record") {
  const std::string torn =
      "2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead dep";
  const LogData log =
      parse_log(std::string("# roller log v1\n") + ok_session + "\n" + torn, "roller.log");
  CHECK(log.torn_tail);
  CHECK(log.problems.empty());
  REQUIRE(log.notices.size() == 1);
  CHECK(log.notices[0].line == 3);
  CHECK(log.events.size() == 1);
}

TEST_CASE("a last line without its newline that reads whole is a record") {
  const std::string last =
      "2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5 roller=r0";
  const LogData log =
      parse_log(std::string("# roller log v1\n") + ok_session + "\n" + last, "roller.log");
  CHECK_FALSE(log.torn_tail);
  CHECK(log.problems.empty());
  CHECK(log.notices.empty());
  REQUIRE(log.events.size() == 2);
  CHECK(log.events[1].line == 3);
}

TEST_CASE("a torn line closed by the marker stays ignored, whether or not it parses") {
  for (const std::string& torn :
       {std::string("2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead dep"),
        std::string("2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead "
                    "depth=0.5 roller=r0")}) {
    CAPTURE(torn);
    const LogData log = parse_log(std::string("# roller log v1\n") + torn + "\n" +
                                      std::string(torn_marker) + "\n" + ok_session + "\n",
                                  "roller.log");
    CHECK(log.problems.empty());
    CHECK_FALSE(log.torn_tail);
    REQUIRE(log.notices.size() == 1);
    CHECK(log.notices[0].line == 2);
    REQUIRE(log.events.size() == 1);
    CHECK(log.events[0].line == 4);
  }
}

TEST_CASE("a line that ends with the torn mark is ignored with a notice, whatever it holds") {
  for (const std::string& torn :
       {std::string("2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead dep"),
        std::string("2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead "
                    "depth=0.5 roller=r0"),
        std::string("2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead "
                    "depth=0.5 note=\"cut # here\\"),
        std::string("2026-11-2")}) {
    CAPTURE(torn);
    for (const std::string end : {"\n", "\r\n"}) {
      const LogData log = parse_log(std::string("# roller log v1\n") + torn +
                                        std::string(torn_mark) + end + ok_session + "\n",
                                    "roller.log");
      CHECK(log.problems.empty());
      CHECK_FALSE(log.torn_tail);
      const auto torn_notice = std::find_if(log.notices.begin(), log.notices.end(),
                                            [](const LogProblem& n) { return n.settled; });
      REQUIRE(torn_notice != log.notices.end());
      CHECK(torn_notice->line == 2);
      CHECK(torn_notice->message == "torn line (cut short by a crash), ignored");
      REQUIRE(log.events.size() == 1);
      CHECK(log.events[0].line == 3);
    }
  }
}

// The promise of the mark: an append after a torn line writes the mark, then the newline,
// then its records, and a crash can cut it anywhere. Every prefix of the mark leaves the
// line torn (the last line, which does not read), never a record and never unreadable.
TEST_CASE("no prefix of the torn mark brings a torn line back") {
  const std::vector<std::string> whole = {
      ok_session,
      "2026-11-26T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5 "
      "roller=r050 note=\"a \\\"quoted\\\" note\" forced=true",
      "2026-11-26T21:30:00+01:00 hold id=2222222222222222 until=2026-12-01T00:00:00+01:00 "
      "reason=\"cold sore\"",
      "2026-11-26T21:30:00+01:00 void id=3333333333333333 target=1111111111111111",
      "2026-11-26T21:30:00+01:00 mood id=4444444444444444 feeling=\"ok\""};
  std::size_t torn_prefixes = 0;
  for (const std::string& record : whole) {
    for (std::size_t cut = 1; cut < record.size(); ++cut) {
      const std::string torn = record.substr(0, cut);
      const LogData alone = parse_log("# roller log v1\n" + torn, "roller.log");
      if (!alone.torn_tail) continue;  // reads whole (cut between fields): a record, kept
      ++torn_prefixes;
      for (std::size_t part = 0; part <= torn_mark.size(); ++part) {
        const std::string cut_mark = torn + std::string(torn_mark.substr(0, part));
        CAPTURE(cut_mark);
        const LogData log = parse_log("# roller log v1\n" + cut_mark, "roller.log");
        if (part < torn_mark.size()) {
          CHECK(log.torn_tail);
        } else {
          CHECK_FALSE(log.torn_tail);  // marked already: the next append adds the newline
        }
        CHECK(log.events.empty());
        CHECK(log.problems.empty());
      }
      const LogData closed =
          parse_log("# roller log v1\n" + torn + std::string(torn_mark) + "\n", "roller.log");
      CHECK(closed.events.empty());
      CHECK(closed.problems.empty());
    }
  }
  CHECK(torn_prefixes > 200);
}

TEST_CASE("unknown kinds and unknown keys are kept and ignored") {
  const LogData log =
      parse_log(std::string("# roller log v1\n") +
                    "2026-11-25T22:00:00+01:00 mood id=2222222222222222 feeling=good\n" +
                    ok_session + " mood=\"calm\" x.y-z_1=2\n",
                "roller.log");
  CHECK(log.problems.empty());
  REQUIRE(log.events.size() == 2);
  CHECK(log.events[0].kind == RecordKind::other);
  CHECK(log.events[1].kind == RecordKind::session);
}

TEST_CASE("sessions without a roller use the implicit roller, CRLF lines read") {
  const LogData log = parse_log(
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=nose depth=0.25\r\n", "r.log");
  CHECK(log.problems.empty());
  REQUIRE(log.events.size() == 1);
  CHECK(log.name(log.events[0].roller) == implicit_roller);
  CHECK(log.events[0].depth == 250);
}

TEST_CASE("a log in a newer format is refused, naming its line") {
  CHECK_THROWS_WITH_AS((void)parse_log("# roller log v2\n", "roller.log"),
                       doctest::Contains("roller.log:1: the log is in format v2"), FileError);
  CHECK_NOTHROW((void)parse_log("# roller log v1\n", "roller.log"));
  CHECK_NOTHROW((void)parse_log("# just a comment\n# roller log v2\n", "roller.log"));
}

TEST_CASE("a signature cut short before its number is a torn comment, not a newer format") {
  const LogData log = parse_log(std::string("# roller log v\n") + ok_session + "\n", "roller.log");
  CHECK(log.problems.empty());
  CHECK(log.events.size() == 1);
  REQUIRE(log.notices.size() == 1);
  CHECK(log.notices[0].line == 1);
  CHECK(log.notices[0].message == "signature cut short by a crash, read as a comment");
}

TEST_CASE(
    "voids hide their target wherever it is, a void of a void restores, unknown ids harmless") {
  const LogData log = parse_log(
      "2026-11-26T08:00:00+01:00 void id=aaaaaaaaaaaaaaaa target=9f2c4e1a7b3d5f60\n"
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5\n"
      "2026-11-27T08:00:00+01:00 void id=bbbbbbbbbbbbbbbb target=aaaaaaaaaaaaaaaa\n"
      "2026-11-27T09:00:00+01:00 void id=cccccccccccccccc target=0123456789abcdef\n",
      "roller.log");
  CHECK(log.problems.empty());
  // bbbb voids the void aaaa, which brings its target back.
  const auto voided = log.voided();
  CHECK(voided.count(0x9f2c4e1a7b3d5f60) == 0);
  CHECK(voided.count(0xaaaaaaaaaaaaaaaa) == 1);
  CHECK(log.counts(log.events[1]));
  CHECK_FALSE(log.counts(log.events[0]));
  CHECK(log.has_id(0xcccccccccccccccc));
  CHECK_FALSE(log.has_id(0x0123456789abcdef));
}

TEST_CASE("ids are exactly 16 hex digits") {
  CHECK(parse_id("9f2c4e1a7b3d5f60") == 0x9f2c4e1a7b3d5f60);
  CHECK(parse_id("9F2C4E1A7B3D5F60") == 0x9f2c4e1a7b3d5f60);
  CHECK_FALSE(parse_id("9f2c4e1a").has_value());
  CHECK_FALSE(parse_id("9f2c4e1a7b3d5f600").has_value());
  CHECK_FALSE(parse_id("+f2c4e1a7b3d5f60").has_value());
  CHECK(format_id(0x1) == "0000000000000001");
}

TEST_CASE("the fast path takes the lines roller writes and agrees with the general parser") {
  const test::ScopedTz tz("UTC");  // the years 1 to 9999 hold locally too
  const char* const lines[] = {
      // Taken by the fast path.
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 roller=r050",
      "2026-11-25T21:30:00-09:30 clean id=9f2c4e1a7b3d5f60 roller=r050",
      "2024-02-29T23:59:59+23:59 session id=9f2c4e1a7b3d5f60 area=a depth=1 note=\"two words\"",
      "9999-12-31T23:59:59+23:59 void id=9f2c4e1a7b3d5f60 target=0000000000000000",
      "0001-01-01T00:00:00+00:00 futurekind id=9f2c4e1a7b3d5f60 reason=",
      "2026-11-25T21:30:00+01:00 void id=9F2C4E1A7B3D5F60 target=\"0000000000000001\"",
      // (ids of the wrong length are syntax the fast path takes; the fold reports them)
      "2026-11-25T21:30:00+01:00 void id=9f2c4e1a7b3d5f6 target=00000000000000012",
      // Left to the general parser, which takes them.
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 x=1",
      "2026-11-25T21:30:00Z session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00.25+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+01:00  session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 ",
      "2026-11-25T21:30:00+01:00\tsession id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=front depth=0.5 note=\"a "
      "\\\"b\\\"\"",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=joues depth=0.5 note=\"légère\"",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=stirn\xC3\xA9 depth=0.5",
      "2026-11-25T21:30:00+01:00 new_kind2 id=9f2c4e1a7b3d5f60",
      // Refused by both.
      "2026-02-29T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-04-31T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-13-01T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-00-10T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "0000-01-01T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "9999-12-31T23:59:59-00:01 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "0001-01-01T00:00:00+00:01 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T24:00:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:60:00+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:60+01:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+24:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+01:60 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+0100 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 id=9f2c4e1a7b3d5f61",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=fore=head",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=\"open",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area=\"a\"b",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 area",
      "2026-11-25T21:30:00+01:00 session id=9f2c4e1a7b3d5f60 #comment",
      "2026-11-25T21:30:00+01:00 session",
      "2026-11-25T21:30:00+01:00 Session id=9f2c4e1a7b3d5f60",
      "2026-11-25T21:30:00+01:00",
      "2026-11-25 21:30:00+01:00 session id=9f2c4e1a7b3d5f60",
  };
  int fast_taken = 0;
  for (const char* line : lines) {
    CAPTURE(line);
    const auto general = parse_record(line);
    if (const auto fast = testing::parse_record_fast(line)) {
      ++fast_taken;
      REQUIRE(std::holds_alternative<Record>(general));
      CHECK(*fast == std::get<Record>(general));
    }
  }
  CHECK(fast_taken == 7);  // exactly the first seven
  for (int i = 0; i < 7; ++i) CHECK(testing::parse_record_fast(lines[i]).has_value());
}

TEST_CASE("lines that repeat an earlier line's fields fold exactly as if read alone") {
  // The fold remembers the fields after a line's id; this log repeats them in every way
  // that must still be told apart. The reference folds each line on its own, with
  // nothing to remember, and joins the folds.
  const std::vector<std::string> lines = {
      "# roller log v1",
      "2026-11-01T21:00:00+01:00 session id=0000000000000001 area=forehead depth=0.5 roller=r050",
      "2026-11-02T21:00:00+01:00 session id=00000000000000a2 area=forehead depth=0.5 roller=r050",
      "2026-11-02T21:05:00-03:30 session id=ffffffffffffffff area=forehead depth=0.5 roller=r050",
      // The same fields under another kind, forced, with a note, or with an unknown key.
      "2026-11-03T21:00:00+01:00 clean id=0000000000000004 roller=r050",
      "2026-11-03T21:01:00+01:00 replace id=0000000000000005 roller=r050",
      "2026-11-03T21:02:00+01:00 clean id=0000000000000006 roller=r050",
      "2026-11-03T21:03:00+01:00 futurekind id=0000000000000007 roller=r050",
      "2026-11-04T21:00:00+01:00 session id=0000000000000008 area=forehead depth=0.5 roller=r050 "
      "forced=true",
      "2026-11-05T21:00:00+01:00 session id=0000000000000009 area=forehead depth=0.5 roller=r050 "
      "forced=true",
      "2026-11-06T21:00:00+01:00 session id=000000000000000a area=forehead depth=0.5 roller=r050 "
      "note=x",
      "2026-11-07T21:00:00+01:00 session id=000000000000000b area=forehead depth=0.5 roller=r050 "
      "note=x",
      "2026-11-07T21:00:00+01:00 session id=000000000000000c area=forehead depth=0.5 roller=r050 "
      "x=1",
      // Ids that are not sixteen lowercase hex digits, before a remembered tail.
      "2026-11-08T21:00:00+01:00 session id=000000000000000D area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=000000000000000g area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=00000000000000:0 area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=000000000000000` area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=0000000000000/00 area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=@000000000000000 area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=00000000000000001 area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:00 session id=000000000000001 area=forehead depth=0.5 roller=r050",
      // Bad times and a bad tail, each reported every time it occurs.
      "2026-02-30T21:00:00+01:00 session id=0000000000000010 area=forehead depth=0.5 roller=r050",
      "2026-11-08T2:00:00+01:00 session id=0000000000000011 area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00*01:00 session id=0000000000000012 area=forehead depth=0.5 roller=r050",
      "2026-11-08T21:00:00+01:0a session id=0000000000000013 area=forehead depth=0.5 roller=r050",
      "2026-11-09T21:00:00+01:00 session id=0000000000000014 area=forehead depth=zero roller=r050",
      "2026-11-10T21:00:00+01:00 session id=0000000000000015 area=forehead depth=zero roller=r050",
      // Tails that differ only at their end, and tails too short for a word of hash.
      "2026-11-11T21:00:00+01:00 session id=0000000000000016 area=forehead depth=0.5 roller=r051",
      "2026-11-11T21:00:00+01:00 session id=0000000000000017 area=forehead depth=0.5 roller=r050",
      "2026-11-12T21:00:00+01:00 clean id=0000000000000018 roller=a",
      "2026-11-12T21:00:00+01:00 clean id=0000000000000019 roller=b",
      "2026-11-12T21:00:00+01:00 clean id=000000000000001a roller=a",
      "2026-11-12T21:00:00+01:00 clean id=000000000000001b",
      "2026-11-12T21:00:00+01:00 clean id=000000000000001c",
      "2026-11-13T21:00:00+01:00 void id=000000000000001d target=0000000000000002",
      "2026-11-13T21:00:00+01:00 void id=000000000000001e target=0000000000000002",
      // Tails too long to remember.
      "2026-11-14T21:00:00+01:00 session id=000000000000001f area=" + std::string(300, 'a') +
          " depth=0.5",
      "2026-11-14T21:00:00+01:00 session id=0000000000000020 area=" + std::string(300, 'a') +
          " depth=0.5",
  };
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  const LoadOptions notes{.keep_notes = true};
  const LogData whole = parse_log(text, "roller.log", notes);

  // Each line folded alone: the same event (or the same problem) as in the whole log.
  std::size_t event = 0;
  std::size_t problem = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    const LogData alone = parse_log(lines[i] + "\n", "roller.log", notes);
    REQUIRE(alone.events.size() + alone.problems.size() == 1);
    if (!alone.problems.empty()) {
      REQUIRE(problem < whole.problems.size());
      CHECK(whole.problems[problem].line == i + 1);
      CHECK(whole.problems[problem++].message == alone.problems[0].message);
      continue;
    }
    REQUIRE(event < whole.events.size());
    Event y = alone.events[0];
    y.line = static_cast<std::uint32_t>(i + 1);  // alone, it was line 1
    test::check_same_event(whole, whole.events[event++], alone, y);
  }
  CHECK(event == whole.events.size());
  CHECK(problem == whole.problems.size());
  // And the lines that were remembered carry their own ids, times and line numbers.
  REQUIRE(whole.events.size() >= 3);
  CHECK(whole.events[1].id == 0xa2);
  CHECK(whole.events[2].id == 0xffffffffffffffff);
  CHECK(whole.events[2].offset == -(3 * 3600 + 30 * 60));
  CHECK(whole.events[2].line == 4);
}

TEST_CASE("a record line indented by a hand edit is read as the record it is") {
  const LogData log = parse_log(
      "# roller log v1\n"
      "   2026-11-25T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5\n"
      "\t2026-11-25T21:40:00+01:00 clean id=2222222222222222 roller=default\n",
      "roller.log");
  CHECK(log.problems.empty());
  REQUIRE(log.events.size() == 2);
  CHECK(log.events[0].line == 2);
  CHECK(log.events[1].kind == RecordKind::clean);
  const auto record = parse_record("  2026-11-25T21:40:00+01:00 clean id=2222222222222222");
  CHECK(std::holds_alternative<Record>(record));
}

TEST_CASE("a record in the year 10000 of the local zone is a malformed line on either path") {
  // 23:30 UTC on the last day of 9999 is already 10000 in Berlin: shown, it would need five
  // digits of year.
  const test::ScopedTz tz("Europe/Berlin");
  const std::string line =
      "9999-12-31T23:30:00+00:00 session id=9f2c4e1a7b3d5f60 area=forehead depth=0.5 roller=r050";
  CHECK_FALSE(testing::parse_record_fast(line).has_value());
  CHECK(only_problem(line).message == "'9999-12-31T23:30:00+00:00' falls outside the years 1 to "
                                      "9999 (in UTC or in the local time zone)");
  // An earlier line with the same fields must not let the memo take it either.
  const LogData log = parse_log(std::string(ok_session) + "\n" + line + "\n", "roller.log");
  CHECK(log.events.size() == 1);
  REQUIRE(log.problems.size() == 1);
  CHECK(log.problems[0].line == 2);
}
