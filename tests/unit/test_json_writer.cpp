// Unit tests for the JSON writer behind every --json: byte for byte what nlohmann::json's
// dump(2) prints (the layout roller's JSON has always had), plus escapes for DEL, C1 and
// bidirectional controls; and every command's --json read back by nlohmann::json.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "json_writer.hpp"
#include "roller/error.hpp"
#include "support.hpp"

using roller::cli::JsonWriter;
using ordered = nlohmann::ordered_json;

namespace {

// nlohmann::json's dump(2), with the characters JsonWriter escapes beyond what JSON asks
// (DEL, C1 and bidirectional controls) escaped: the reference the writer is held to.
std::string dump_json(const ordered& doc) {
  static const std::pair<std::string_view, std::string_view> escapes[] = {
      {"\x7f", "\\u007f"},   {"\u0085", "\\u0085"}, {"\u009b", "\\u009b"},
      {"\u202e", "\\u202e"}, {"\u2066", "\\u2066"}, {"\u2069", "\\u2069"}};
  std::string text = doc.dump(2);
  for (const auto& [raw, escaped] : escapes) {
    for (auto at = text.find(raw); at != std::string::npos; at = text.find(raw, at)) {
      text.replace(at, raw.size(), escaped);
    }
  }
  return text;
}

// One root value written alone, as text.
template <typename T>
std::string written(const T& value) {
  JsonWriter json;
  json.value(value);
  return std::string(json.text());
}

}  // namespace

TEST_CASE("the writer lays out nested objects and arrays as dump(2) does") {
  JsonWriter json;
  json.begin_object();
  json.key("empty_array");
  json.begin_array();
  json.end_array();
  json.key("empty_object");
  json.begin_object();
  json.end_object();
  json.key("items");
  json.begin_array();
  json.begin_object();
  json.key("n");
  json.value(std::uint64_t{42});
  json.key("x");
  json.value(0.5);
  json.key("whole");
  json.value(7.0);
  json.key("small");
  json.value(0.001);
  json.key("third");
  json.value(1.0 / 3.0);
  json.key("big");
  json.value(1e21);
  json.key("nan");
  json.value(std::numeric_limits<double>::quiet_NaN());
  json.key("t");
  json.value(true);
  json.key("f");
  json.value(false);
  json.key("none");
  json.null();
  json.end_object();
  json.value("text");
  json.plain_value("2026-11-25T21:30:00+01:00");
  json.begin_array();
  json.value(std::uint64_t{0});
  json.end_array();
  json.end_array();
  json.end_object();

  ordered expected;
  expected["empty_array"] = ordered::array();
  expected["empty_object"] = ordered::object();
  ordered item;
  item["n"] = 42;
  item["x"] = 0.5;
  item["whole"] = 7.0;
  item["small"] = 0.001;
  item["third"] = 1.0 / 3.0;
  item["big"] = 1e21;
  item["nan"] = std::numeric_limits<double>::quiet_NaN();
  item["t"] = true;
  item["f"] = false;
  item["none"] = nullptr;
  expected["items"] =
      ordered::array({item, "text", "2026-11-25T21:30:00+01:00", ordered::array({0})});
  CHECK(json.text() == expected.dump(2) + "\n");
}

TEST_CASE("strings are escaped as dump_json escapes them and UTF-8 is kept") {
  const std::string text =
      "quote \" backslash \\ newline \n tab \t cr \r bell \x07 esc \x1b "
      "del \x7f é ✓ \xF0\x9F\x98\x80 \b \f";
  JsonWriter json;
  json.begin_array();
  json.value(text);
  json.end_array();
  CHECK(json.text() == dump_json(ordered::array({text})) + "\n");
  std::ostringstream out;
  json.flush(out);
  CHECK(json.text().empty());
  CHECK(out.str() == dump_json(ordered::array({text})) + "\n");
}

TEST_CASE("DEL and C1 and bidirectional controls are escaped so a terminal shows them inert") {
  // JSON may carry them raw; a document printed on a terminal must not act on it (U+009B is
  // CSI) or reorder its text (U+202E), and must read back exactly.
  const std::string text = "a\x7f b\u0085 c\u009b31m d\u202eevil\u2066e\u2069 \u200e é ✓";
  JsonWriter json;
  json.begin_array();
  json.value(text);
  json.end_array();
  const ordered doc = ordered::array({text});
  CHECK(dump_json(doc) ==
        "[\n  \"a\\u007f b\\u0085 c\\u009b31m d\\u202eevil\\u2066e\\u2069 \u200e é ✓\"\n]");
  CHECK(json.text() == dump_json(doc) + "\n");
  CHECK(ordered::parse(json.text()) == doc);
  for (const char* raw : {"\x7f", "\u0085", "\u009b", "\u202e", "\u2066", "\u2069"}) {
    CAPTURE(raw);
    CHECK(json.text().find(raw) == std::string_view::npos);
  }
}

TEST_CASE("thousandths are written exactly as their double is") {
  // Depths in micrometres and gaps in thousandths of a day, over every value a log can hold
  // and far beyond. Each writer holds one root value at a time.
  JsonWriter exact;
  JsonWriter as_double;
  std::ostringstream sink;
  const auto same = [&](std::int64_t n) {
    exact.thousandths(n);
    as_double.value(static_cast<double>(n) / 1000.0);
    const bool equal = exact.text() == as_double.text();
    if (!equal) CHECK(exact.text() == as_double.text());
    exact.flush(sink);
    as_double.flush(sink);
    sink.str("");
    return equal;
  };
  for (std::int64_t n = -2000; n <= 5'000'000; ++n) {
    if (!same(n)) break;
  }
  for (const std::int64_t n : {std::int64_t{3'650'000'000}, std::int64_t{1'000'000'000'000'001},
                               std::int64_t{-999'999'999'999}}) {
    CHECK(same(n));
  }
  const auto text = [&](std::int64_t n) {
    exact.thousandths(n);
    std::string written(exact.text());
    exact.flush(sink);
    return written;
  };
  CHECK(text(500) == "0.5");
  CHECK(text(7000) == "7.0");
  CHECK(text(0) == "0.0");
  CHECK(text(-1) == "-0.001");
}

TEST_CASE("numbers are written as nlohmann::json writes them") {
  CHECK(written(std::int64_t{-42}) == "-42");
  CHECK(written(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
  CHECK(written(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
  CHECK(written(7) == "7");
  CHECK(written(std::uint32_t{12}) == "12");
  CHECK(written(0.5) == "0.5");
  CHECK(written(1.0) == "1.0");
  CHECK(written(-0.0) == "-0.0");
  CHECK(written(1e14) == "100000000000000.0");
  CHECK(written(1e15) == "1e+15");
  CHECK(written(0.0001) == "0.0001");
  CHECK(written(0.00001) == "1e-05");
  CHECK(written(std::numeric_limits<double>::infinity()) == "null");
  // The numbers roller writes are thousandths (depths, days, shares) well below 1e10 and
  // whole ones: for them nlohmann's Grisu2 finds the shortest digits, as std::to_chars
  // does. Round numbers from 1e-12 to 1e16, every thousandth up to 2000, random
  // thousandths up to 1e10.
  std::vector<double> values{123456.789e3, 0.25, 1e-4, 2.5e-7};
  for (int e = -12; e <= 15; ++e) {
    for (const char* mantissa : {"1", "1.5", "9.999", "2.5", "1.23456789012"}) {
      values.push_back(std::strtod((std::string(mantissa) + "e" + std::to_string(e)).c_str(),
                                   nullptr));
    }
  }
  for (std::int64_t n = -2000; n <= 2'000'000; ++n) values.push_back(static_cast<double>(n) / 1000.0);
  std::mt19937_64 random(13);
  for (int i = 0; i < 200'000; ++i) {
    values.push_back(static_cast<double>(random() % 10'000'000'000'000) / 1000.0);
  }
  std::size_t different = 0;
  for (const double x : values) {
    const std::string expected = ordered(x).dump();
    if (written(x) != expected && ++different <= 5) CHECK(written(x) == expected);
  }
  CHECK(different == 0);
  // Beyond them, Grisu2 now and then prints a longer or less close form than the shortest
  // (9.999999999999999e+22 for 1e23); both read back as the same double.
  for (int i = 0; i < 100'000; ++i) {
    double x = 0;
    const std::uint64_t bits = random();
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    const std::string text = written(x);
    if (ordered::parse(text).get<double>() != x) {
      CHECK(text == ordered(x).dump());
      break;
    }
  }
}

TEST_CASE("optional values, null and members") {
  JsonWriter json;
  json.begin_object();
  json.member("some", std::optional<std::string>("text"));
  json.member("none", std::optional<double>());
  json.member("nothing", nullptr);
  json.member("count", std::size_t{3});
  json.member("negative", -3);
  json.member("flag", false);
  json.end_object();
  ordered expected;
  expected["some"] = "text";
  expected["none"] = nullptr;
  expected["nothing"] = nullptr;
  expected["count"] = 3;
  expected["negative"] = -3;
  expected["flag"] = false;
  CHECK(json.text() == expected.dump(2) + "\n");
}

TEST_CASE("text that is not UTF-8 is refused, not written as JSON no reader accepts") {
  // A log's path is bytes; nlohmann::json refused such text too.
  for (const char* bad : {"bad\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf"}) {
    CAPTURE(bad);
    JsonWriter json;
    CHECK_THROWS_AS(json.value(bad), roller::Error);
  }
}

namespace {

// A profile and a log in a fresh folder, and roller run on them at a fixed instant.
class Roller {
 public:
  Roller() {
    write("profile.toml",
          "default_roller = \"r050\"\n"
          "[areas.forehead]\nmax_depth_mm = 0.5\n"
          "[areas.cheeks]\nmax_depth_mm = 1.0\n"
          "[areas.chin]\nmax_depth_mm = 1.0\n"
          "[rollers.r050]\nneedle_mm = 0.5\nreplace_after_uses = 2\n"
          "[rollers.r100]\nneedle_mm = 1.0\n");
    write("roller.log",
          "# roller log v1\n"
          "2026-11-10T21:00:00+01:00 session id=1111111111111111 area=forehead depth=0.5 "
          "roller=r050\n"
          "2026-11-10T21:10:00+01:00 clean id=2222222222222222 roller=r050\n"
          "2026-11-20T21:00:00+01:00 session id=3333333333333333 area=forehead depth=0.25 "
          "roller=r050 note=\"tingling, \\\"fine\\\"\"\n"
          "2026-11-21T21:00:00+01:00 session id=4444444444444444 area=cheeks depth=1.0 "
          "roller=r100\n"
          "2026-11-22T10:00:00+01:00 hold id=5555555555555555 until=2026-11-30T10:00:00+01:00 "
          "reason=\"sunburn ✓\"\n"
          "2026-11-21T21:00:00+01:00 course id=6666666666666666 name=scars area=cheeks depth=1.0 "
          "every=28 sessions=4 reviews=8\n");
  }

  /// stdout of `roller ARGS... --json`, which must be exactly nlohmann::json's dump(2) of
  /// the document it holds; that document.
  ordered json(std::vector<std::string> args, int status = 0) {
    const std::string profile = (dir_.path() / "profile.toml").string();
    const std::string log = (dir_.path() / "roller.log").string();
    std::vector<const char*> argv{"roller",   "--profile",  profile.c_str(), "--log",
                                  log.c_str(), "--now",     "2026-11-25T21:30:00+01:00"};
    args.push_back("--json");
    for (const auto& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out;
    std::ostringstream err;
    CHECK(roller::cli::run(static_cast<int>(argv.size()), argv.data(), out, err, false, false) ==
          status);
    CHECK(err.str() == "");
    const ordered doc = ordered::parse(out.str());
    CHECK(out.str() == doc.dump(2) + "\n");
    return doc;
  }

 private:
  void write(const char* name, const std::string& text) {
    const auto path = dir_.path() / name;
    std::ofstream(path) << text;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
  }

  roller::test::ScopedTz tz_{"Europe/Berlin"};
  roller::test::TempDir dir_;
};

}  // namespace

TEST_CASE("every command's --json reads back as the document it means") {
  Roller roller;

  const ordered next = roller.json({"next"});
  CHECK(next["now"] == "2026-11-25T21:30:00+01:00");
  CHECK(next["hold"] ==
        ordered({{"until", "2026-11-30T10:00:00+01:00"}, {"reason", "sunburn ✓"}}));
  REQUIRE(next["areas"].size() == 3);
  CHECK(next["areas"][0]["area"] == "forehead");
  CHECK(next["areas"][0]["ready"] == false);
  CHECK(next["areas"][0]["held"] == true);
  CHECK(next["areas"][0]["last_session"] == ordered({{"id", "3333333333333333"},
                                                      {"at", "2026-11-20T21:00:00+01:00"},
                                                      {"depth_mm", 0.25}}));
  CHECK(next["areas"][1]["rested_by"]["depth_mm"].is_number_float());
  CHECK(next["areas"][2] == ordered({{"area", "chin"},
                                     {"ready", false},
                                     {"due", "2026-11-30T10:00:00+01:00"},
                                     {"held", true},
                                     {"window", nullptr},
                                     {"reaction", nullptr},
                                     {"after", ordered::array()},
                                     {"rested_by", nullptr},
                                     {"last_session", nullptr},
                                     {"course", nullptr}}));
  CHECK(next["areas"][1]["course"] == ordered({{"name", "scars"},
                                               {"done", 1},
                                               {"sessions", 4},
                                               {"late", 0},
                                               {"next_target", "2026-12-19T21:00:00+01:00"}}));
  REQUIRE(next["aftercare"].size() == 2);
  CHECK(next["aftercare"][1] ==
        ordered({{"avoid", "sun without SPF 30+"}, {"until", "2026-11-28T21:00:00+01:00"}}));
  CHECK(roller.json({"next", "--area", "chin"})["areas"].size() == 1);

  const ordered history = roller.json({"history"});
  REQUIRE(history["sessions"].size() == 3);
  CHECK(history["sessions"][1]["note"] == "tingling, \"fine\"");
  CHECK(history["sessions"][1]["gap_days"] == 10.0);

  const ordered stats = roller.json({"stats"});
  CHECK(stats["sessions"] == 3);
  CHECK(stats["areas"][0] == ordered({{"area", "forehead"},
                                      {"in_profile", true},
                                      {"sessions", 2},
                                      {"first", "2026-11-10T21:00:00+01:00"},
                                      {"last", "2026-11-20T21:00:00+01:00"},
                                      {"mean_gap_days", 10.0},
                                      {"shortest_gap_days", 10.0},
                                      {"rested", 2},
                                      {"rested_share", 1.0},
                                      {"mean_pain", nullptr},
                                      {"reacted", 0},
                                      {"reacted_share", 0.0}}));
  CHECK(stats["rollers"][0] == ordered({{"roller", "r050"},
                                        {"in_profile", true},
                                        {"uses", 2},
                                        {"cleanings", 1},
                                        {"replacements", 0}}));
  CHECK(stats["months"] == ordered::array({{{"month", "2026-11"}, {"sessions", 3}}}));
  CHECK(stats["courses"][0] == ordered({{"name", "scars"},
                                        {"area", "cheeks"},
                                        {"state", "running"},
                                        {"sessions", 4},
                                        {"done", 1},
                                        {"expected", 1},
                                        {"late", 0},
                                        {"every_days", 28.0},
                                        {"mean_interval_days", nullptr}}));

  const ordered courses = roller.json({"course"});
  REQUIRE(courses["courses"].size() == 1);
  CHECK(courses["courses"][0] ==
        ordered({{"name", "scars"},
                 {"id", "6666666666666666"},
                 {"area", "cheeks"},
                 {"depth_mm", 1.0},
                 {"every_days", 28.0},
                 {"sessions", 4},
                 {"done", 1},
                 {"late", 0},
                 {"expected", 1},
                 {"started", "2026-11-21T21:00:00+01:00"},
                 {"stopped", nullptr},
                 {"state", "running"},
                 {"next_target", "2026-12-19T21:00:00+01:00"},
                 {"mean_interval_days", nullptr},
                 {"reviews", ordered::array({{{"week", 8},
                                              {"at", "2027-01-16T21:00:00+01:00"},
                                              {"due", false}}})}}));

  const ordered care = roller.json({"clean-reminder"});
  REQUIRE(care["rollers"].size() == 2);
  CHECK(care["rollers"][0] == ordered({{"roller", "r050"},
                                       {"needs_cleaning", true},
                                       {"uses_since_replace", 2},
                                       {"replace_due", true},
                                       {"last_used", "2026-11-20T21:00:00+01:00"},
                                       {"last_cleaned", "2026-11-10T21:10:00+01:00"},
                                       {"last_replaced", nullptr},
                                       {"age_days", 15},
                                       {"replace_after_uses", 2},
                                       {"replace_after_days", 42}}));

  const ordered check = roller.json({"check"});
  CHECK(check == ordered({{"ok", true},
                          {"problems", ordered::array()},
                          {"notices", ordered::array()},
                          {"summary", "6 events, 3 sessions, 2026-11-10 to 2026-11-22"}}));
}
