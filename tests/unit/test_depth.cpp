// Unit tests for exact depths.
#include <doctest/doctest.h>

#include <limits>

#include "roller/depth.hpp"

using namespace roller;

TEST_CASE("parse_depth reads decimal millimetres exactly") {
  CHECK(parse_depth("0.5") == 500);
  CHECK(parse_depth("1") == 1000);
  CHECK(parse_depth("1.") == 1000);
  CHECK(parse_depth(".25") == 250);
  CHECK(parse_depth("0.250") == 250);
  CHECK(parse_depth("0.5000") == 500);
  CHECK(parse_depth("0.001") == 1);
  CHECK(parse_depth("0") == 0);
  CHECK(parse_depth("100") == 100000);
}

TEST_CASE("parse_depth rejects signs, units, exponents and excess precision") {
  for (const char* bad :
       {"", ".", "-0.5", "+0.5", "nan", "inf", "1e-1", "0.5mm", " 0.5", "0.5 ", "0,5", "0.0001",
        "0.2501", "100.001", "1000", "99999999999999999999", "0x1", "½"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_depth(bad).has_value());
  }
}

TEST_CASE("depth_from_mm accepts only whole micrometres") {
  CHECK(depth_from_mm(0.3) == 300);
  CHECK(depth_from_mm(0.1 + 0.2) == 300);
  CHECK(depth_from_mm(1.5) == 1500);
  CHECK_FALSE(depth_from_mm(0.0001).has_value());
  CHECK_FALSE(depth_from_mm(-1).has_value());
  CHECK_FALSE(depth_from_mm(std::numeric_limits<double>::quiet_NaN()).has_value());
  CHECK_FALSE(depth_from_mm(std::numeric_limits<double>::infinity()).has_value());
  CHECK_FALSE(depth_from_mm(1e9).has_value());
}

TEST_CASE("format_depth keeps one decimal at least and drops trailing zeros") {
  CHECK(format_depth(500) == "0.5");
  CHECK(format_depth(1000) == "1.0");
  CHECK(format_depth(250) == "0.25");
  CHECK(format_depth(1) == "0.001");
  CHECK(format_depth(12345) == "12.345");
  for (Micrometres d : {1, 250, 300, 500, 750, 1000, 1500, 99999}) {
    CAPTURE(d);
    CHECK(parse_depth(format_depth(d)) == d);
  }
}
