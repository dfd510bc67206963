// Parsing and formatting of instants; local time through the C library's TZ handling.
#include "roller/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

// Reads exactly `width` decimal digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool read_char(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

struct WallTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

// "YYYY-MM-DD", validated as a calendar date.
std::optional<WallTime> read_date(std::string_view text, std::size_t& pos) {
  WallTime w;
  const auto y = read_digits(text, pos, 4);
  if (!y || !read_char(text, pos, '-')) return std::nullopt;
  const auto m = read_digits(text, pos, 2);
  if (!m || !read_char(text, pos, '-')) return std::nullopt;
  const auto d = read_digits(text, pos, 2);
  if (!d || !days_from_date(*y, *m, *d)) return std::nullopt;
  w.year = *y;
  w.month = *m;
  w.day = *d;
  return w;
}

// "HH:MM", or "HH:MM:SS" with an optional fraction (seconds required when
// `seconds_required`).
bool read_clock(std::string_view text, std::size_t& pos, WallTime& w, bool seconds_required) {
  const auto h = read_digits(text, pos, 2);
  if (!h || *h > 23 || !read_char(text, pos, ':')) return false;
  const auto mi = read_digits(text, pos, 2);
  if (!mi || *mi > 59) return false;
  w.hour = *h;
  w.minute = *mi;
  w.second = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    const auto s = read_digits(text, pos, 2);
    if (!s || *s > 59) return false;
    w.second = *s;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const std::size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return false;
    }
  } else if (seconds_required) {
    return false;
  }
  return true;
}

std::int64_t utc_of_wall(const WallTime& w) {
  return *days_from_date(w.year, w.month, w.day) * seconds_per_day + w.hour * 3600 + w.minute * 60 +
         w.second;
}

}  // namespace

std::optional<std::int64_t> parse_days(std::string_view text) {
  // Thousandths of a day, read digit by digit: no locale, no float rounding of the text.
  std::int64_t thousandths = 0;
  int decimals = -1;  // -1 before the point
  bool digits = false;
  for (const char c : text) {
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9' || decimals == 3) return std::nullopt;
    thousandths = thousandths * 10 + (c - '0');
    if (decimals >= 0) ++decimals;
    digits = true;
    if (thousandths > max_span_days * 1000 * 1000) return std::nullopt;  // far past the bound
  }
  if (!digits) return std::nullopt;
  for (int i = std::max(decimals, 0); i < 3; ++i) thousandths *= 10;
  if (thousandths <= 0 || thousandths > max_span_days * 1000) return std::nullopt;
  return (thousandths * seconds_per_day + 500) / 1000;
}

std::string format_days(std::int64_t seconds) {
  return fmt::format("{:g}", static_cast<double>(seconds) / static_cast<double>(seconds_per_day));
}

std::optional<std::int64_t> days_from_date(int year, int month, int day) {
  using namespace std::chrono;
  if (year < 1 || year > 9999) return std::nullopt;
  const year_month_day ymd{std::chrono::year{year},
                           std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd}.time_since_epoch().count();
}

bool within_years(std::int64_t utc) {
  if (utc < first_second || utc > last_second) return false;
  // Offsets lie within a day of UTC: only an instant in the first or last day of the range
  // can fall in another year locally.
  if (utc >= first_second + seconds_per_day && utc <= last_second - seconds_per_day) return true;
  const int year = civil(to_local(utc)).year;
  return year >= 1 && year <= 9999;
}

Timestamp clamp_to_years(Timestamp ts) {
  const std::int64_t wall = ts.utc + ts.offset;
  if (wall > last_second) return Timestamp{last_second - ts.offset, ts.offset};
  if (wall < first_second) return Timestamp{first_second - ts.offset, ts.offset};
  return ts;
}

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  auto w = read_date(text, pos);
  if (!w) return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  if (!read_clock(text, pos, *w, true)) return std::nullopt;
  if (pos >= text.size()) return std::nullopt;
  std::int32_t offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const auto oh = read_digits(text, pos, 2);
    if (!oh || *oh > 23 || !read_char(text, pos, ':')) return std::nullopt;
    const auto om = read_digits(text, pos, 2);
    if (!om || *om > 59) return std::nullopt;
    offset = sign * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return Timestamp{utc_of_wall(*w) - offset, offset};
}

CivilTime civil(Timestamp ts) {
  using namespace std::chrono;
  const std::int64_t local = ts.utc + ts.offset;
  std::int64_t days = local / seconds_per_day;
  std::int64_t secs = local % seconds_per_day;
  if (secs < 0) {
    secs += seconds_per_day;
    --days;
  }
  const sys_days sd{std::chrono::days{days}};
  const year_month_day ymd{sd};
  CivilTime c;
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(weekday{sd}.c_encoding());
  return c;
}

std::array<char, 25> rfc3339_chars(Timestamp ts) {
  // Written two digits at a time from a table: history --json writes one per session.
  static constexpr char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  const CivilTime c = civil(clamp_to_years(ts));  // four digits of year, never 0000 or 10000
  const int off = ts.offset < 0 ? -ts.offset : ts.offset;
  std::array<char, 25> text{};
  const auto two = [&](std::size_t at, int value) {
    const auto pair = static_cast<std::size_t>(value % 100) * 2;
    text[at] = pairs[pair];
    text[at + 1] = pairs[pair + 1];
  };
  two(0, c.year / 100);
  two(2, c.year);
  text[4] = '-';
  two(5, c.month);
  text[7] = '-';
  two(8, c.day);
  text[10] = 'T';
  two(11, c.hour);
  text[13] = ':';
  two(14, c.minute);
  text[16] = ':';
  two(17, c.second);
  text[19] = ts.offset < 0 ? '-' : '+';
  two(20, off / 3600);
  text[22] = ':';
  two(23, off / 60 % 60);
  return text;
}

std::string format_rfc3339(Timestamp ts) {
  const auto text = rfc3339_chars(ts);
  return std::string(text.data(), text.size());
}

Timestamp to_local(std::int64_t utc) {
  const auto t = static_cast<std::time_t>(utc);
  std::tm tm{};
  if (localtime_r(&t, &tm) == nullptr) return Timestamp{utc, 0};
  return Timestamp{utc, static_cast<std::int32_t>(tm.tm_gmtoff)};
}

std::optional<Timestamp> from_local(int year, int month, int day, int hour, int minute,
                                    int second) {
  if (!days_from_date(year, month, day)) return std::nullopt;
  const WallTime wall{year, month, day, hour, minute, second};
  const std::int64_t as_utc = utc_of_wall(wall);
  // Every real zone's offset lies within a day of UTC, so the instants that show this wall
  // time are as_utc - offset for the offsets in force around it. Try the offsets in force
  // a day either side and keep those that round-trip; the earliest wins.
  std::optional<Timestamp> best;
  for (const std::int64_t probe : {as_utc - seconds_per_day, as_utc, as_utc + seconds_per_day}) {
    const std::int32_t offset = to_local(probe).offset;
    const std::int64_t candidate = as_utc - offset;
    const Timestamp local = to_local(candidate);
    if (local.offset == offset && (!best || candidate < best->utc)) best = local;
  }
  // Offsets can change more than once in two days only in pathological zones; the probe at
  // the candidate itself settles any that the three above missed.
  if (!best) {
    const Timestamp local = to_local(as_utc - to_local(as_utc).offset);
    if (local.utc + local.offset == as_utc) best = local;
  }
  return best;
}

bool names_whole_day(std::string_view text) {
  if (text == "today" || text == "yesterday") return true;
  std::size_t pos = 0;
  return read_date(text, pos).has_value() && pos == text.size();
}

std::int64_t local_day(std::int64_t utc) {
  // Unchecked: the last hours of 9999 east of UTC fall on a day of the year 10000.
  const CivilTime c = civil(to_local(utc));
  return days_from_civil(c.year, c.month, c.day);
}

std::int64_t local_day_start(std::int64_t day) {
  const CivilTime c = civil(Timestamp{day * seconds_per_day, 0});
  for (int hour = 0; hour < 24; ++hour) {
    if (auto ts = from_local(c.year, c.month, c.day, hour, 0, 0)) return ts->utc;
  }
  return day * seconds_per_day;  // no zone skips a whole day's hours; keep a sane answer
}

namespace {

Timestamp read_time_value(std::string_view text, std::int64_t now, std::string_view what) {
  const auto fail = [&](std::string_view why) -> UsageError {
    return UsageError(fmt::format("{}: '{}' {}", what, printable(text), why));
  };
  if (text == "now") return to_local(now);
  if (text == "today" || text == "yesterday") {
    return to_local(local_day_start(local_day(now) - (text == "yesterday" ? 1 : 0)));
  }
  if (auto ts = parse_rfc3339(text)) return *ts;
  std::size_t pos = 0;
  auto w = read_date(text, pos);
  if (w && pos == text.size()) {
    return to_local(local_day_start(*days_from_date(w->year, w->month, w->day)));
  }
  if (w && pos < text.size() && (text[pos] == ' ' || text[pos] == 'T' || text[pos] == 't')) {
    ++pos;
    if (read_clock(text, pos, *w, false) && pos == text.size()) {
      if (auto ts = from_local(w->year, w->month, w->day, w->hour, w->minute, w->second)) {
        return *ts;
      }
      throw fail("does not exist in the local time zone (skipped by a clock change)");
    }
  }
  throw fail(
      "is not a time (use 2026-11-25T21:30:00+01:00, 2026-11-25, \"2026-11-25 21:30\", "
      "today or yesterday)");
}

}  // namespace

Timestamp parse_time_value(std::string_view text, std::int64_t now, std::string_view what) {
  const Timestamp ts = read_time_value(text, now, what);
  if (!within_years(ts.utc)) {
    throw UsageError(fmt::format("{}: '{}' {}", what, printable(text), outside_years));
  }
  return ts;
}

}  // namespace roller
