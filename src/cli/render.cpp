// Dates as people say them and colour through fmt's terminal colours.
#include "render.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "roller/time.hpp"

namespace roller::cli {
namespace {

std::string paint(bool enabled, fmt::text_style style, std::string_view text) {
  if (!enabled) return std::string(text);
  return fmt::format(style, "{}", text);
}

constexpr std::array<std::string_view, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string count(std::int64_t n, std::string_view unit) {
  return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
}

}  // namespace

std::string Style::good(std::string_view text) const {
  return paint(color, fmt::fg(fmt::terminal_color::green), text);
}
std::string Style::warn(std::string_view text) const {
  return paint(color, fmt::fg(fmt::terminal_color::yellow), text);
}
std::string Style::bad(std::string_view text) const {
  return paint(color, fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold, text);
}
std::string Style::bold(std::string_view text) const {
  return paint(color, fmt::emphasis::bold, text);
}

std::string Style::heat(int level, std::string_view text) const {
  static constexpr std::array<fmt::terminal_color, 4> scale{
      fmt::terminal_color::green, fmt::terminal_color::yellow, fmt::terminal_color::red,
      fmt::terminal_color::magenta};
  return paint(color, fmt::fg(scale[static_cast<std::size_t>(std::clamp(level, 1, 4) - 1)]), text);
}
std::string Style::highlight(std::string_view text) const {
  return paint(color, fmt::emphasis::reverse, text);
}

std::string format_when(std::int64_t utc, std::int64_t now) {
  const CivilTime c = civil(clamp_to_years(to_local(utc)));  // a rest ending past 9999
  const CivilTime n = civil(to_local(now));
  const std::string year = c.year == n.year ? "" : fmt::format(" {}", c.year);
  return fmt::format("{} {} {}{} {:02}:{:02}", weekday_name(c.weekday), c.day, month_name(c.month),
                     year, c.hour, c.minute);
}

std::string format_duration(std::int64_t seconds) {
  const std::int64_t span = seconds < 0 ? -seconds : seconds;
  // Rounding a few seconds to "0 minutes" would read as no time at all.
  if (span > 0 && span < 60) return "under a minute";
  // Rounded to the nearest unit, each unit used until the next one reads better:
  // 59.5 minutes is "1 hour", 47.5 hours "2 days", 6 days 23 hours "7 days".
  const auto rounded = [&](std::int64_t unit) { return (span + unit / 2) / unit; };
  if (rounded(60) < 60) return count(rounded(60), "minute");
  if (rounded(3600) < 48) return count(rounded(3600), "hour");
  return count(rounded(seconds_per_day), "day");
}

std::string format_relative(std::int64_t target, std::int64_t now) {
  const std::int64_t delta = target - now;
  // Only the instant itself is "now": a rest that ends in 59 seconds has not ended, and
  // "resting until 21:30 (now)" would invite a session that is then refused.
  if (delta == 0) return "now";
  const std::string amount = format_duration(delta);
  return delta > 0 ? "in " + amount : amount + " ago";
}

std::int64_t days_in_thousandths(double seconds) {
  return static_cast<std::int64_t>(std::round(seconds / seconds_per_day * 1000.0));
}

double days_rounded(double seconds) {
  return static_cast<double>(days_in_thousandths(seconds)) / 1000.0;
}

std::string_view weekday_name(int weekday) {
  return weekdays.at(static_cast<std::size_t>(weekday));
}

std::string_view month_name(int month) { return months.at(static_cast<std::size_t>(month - 1)); }

std::string local_date(std::int64_t utc) {
  const CivilTime c = civil(to_local(utc));
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string json_time(std::int64_t utc) { return format_rfc3339(to_local(utc)); }

std::optional<std::string> json_time(const std::optional<std::int64_t>& utc) {
  if (!utc) return std::nullopt;
  return json_time(*utc);
}

std::string format_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right, const Style& style) {
  // Cells carry names and notes read from a log that may have been edited by hand: a
  // control or bidirectional character in one must not act on the terminal. Whole, not cut:
  // a table shows what the log holds.
  std::vector<std::vector<std::string>> shown(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (const auto& cell : rows[r]) {
      shown[r].push_back(printable(cell, uncut));
    }
  }
  std::vector<std::size_t> widths;
  for (const auto& row : shown) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  std::string out;
  for (std::size_t r = 0; r < shown.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < shown[r].size(); ++i) {
      const std::string& cell = shown[r][i];
      if (i > 0) line += "  ";
      if (i < right.size() && right[i]) {
        line += std::string(widths[i] - display_width(cell), ' ') + cell;
      } else {
        line += pad_right(cell, widths[i]);
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += (r == 0 ? style.bold(line) : line) + '\n';
  }
  return out;
}

}  // namespace roller::cli
