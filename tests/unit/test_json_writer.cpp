// Unit tests for the streaming JSON writer: byte for byte what nlohmann::json's dump(2)
// prints, which the other commands use.
#include <doctest/doctest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "json_writer.hpp"

using roller::cli::dump_json;
using roller::cli::JsonWriter;
using ordered = nlohmann::ordered_json;

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
