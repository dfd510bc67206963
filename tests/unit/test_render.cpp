// Unit tests for human dates and relative phrases.
#include <doctest/doctest.h>

#include "render.hpp"
#include "roller/time.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::at;
using namespace roller::cli;

namespace {}  // namespace

TEST_CASE("format_when speaks local time and adds the year only when it differs") {
  const test::ScopedTz tz("Europe/Berlin");
  const std::int64_t now = at("2026-11-25T21:30:00+01:00");
  CHECK(format_when(at("2026-12-02T21:30:00+01:00"), now) == "Wed 2 Dec 21:30");
  CHECK(format_when(at("2026-11-09T21:00:00+01:00"), now) == "Mon 9 Nov 21:00");
  CHECK(format_when(at("2027-01-06T08:05:00+01:00"), now) == "Wed 6 Jan 2027 08:05");
  CHECK(format_when(at("2026-11-25T21:30:00-05:00"), now) == "Thu 26 Nov 03:30");
}

TEST_CASE("format_relative rounds to the nearest sensible unit") {
  const std::int64_t now = 1'800'000'000;
  CHECK(format_relative(now, now) == "now");
  CHECK(format_relative(now + 60, now) == "in 1 minute");
  CHECK(format_relative(now + 40 * 60, now) == "in 40 minutes");
  CHECK(format_relative(now + 3600, now) == "in 1 hour");
  CHECK(format_relative(now + 47 * 3600, now) == "in 47 hours");
  CHECK(format_relative(now + 47 * 3600 + 1800, now) == "in 2 days");
  CHECK(format_relative(now + 59 * 60 + 30, now) == "in 1 hour");
  CHECK(format_relative(now + 2 * seconds_per_day, now) == "in 2 days");
  CHECK(format_relative(now + 7 * seconds_per_day - 3600, now) == "in 7 days");
  CHECK(format_relative(now - 23 * seconds_per_day, now) == "23 days ago");
  CHECK(format_relative(now - 3600, now) == "1 hour ago");
  CHECK(format_duration(7 * seconds_per_day) == "7 days");
}

TEST_CASE("a relative phrase never says now for an instant still ahead or already past") {
  const std::int64_t now = 1'800'000'000;
  CHECK(format_relative(now + 1, now) == "in under a minute");
  CHECK(format_relative(now + 59, now) == "in under a minute");
  CHECK(format_relative(now - 1, now) == "under a minute ago");
  CHECK(format_relative(now - 59, now) == "under a minute ago");
  CHECK(format_relative(now - 60, now) == "1 minute ago");
  CHECK(format_duration(29) == "under a minute");
  CHECK(format_duration(-29) == "under a minute");
  CHECK(format_duration(0) == "0 minutes");
}

TEST_CASE("pad_right counts code points, not bytes") {
  CHECK(pad_right("neck", 6) == "neck  ");
  CHECK(pad_right("décolleté", 11) == "décolleté  ");
  CHECK(pad_right("forehead", 4) == "forehead");
}

TEST_CASE("Style colours only when enabled") {
  CHECK(Style{false}.good("ready") == "ready");
  CHECK(Style{true}.good("ready") != "ready");
  CHECK(Style{true}.good("ready").find("ready") != std::string::npos);
  CHECK(Style{true}.good("ready").find("\x1b[") == 0);
}
