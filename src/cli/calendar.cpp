// Month grids, laid out by hand: no Debian C++ library prints calendars, and cal(1) cannot
// mark days. Weeks start on Monday (ISO 8601). Each day is a five-column cell: a bracket or
// space, the day number, a bracket or space, and the heat mark.
#include "calendar.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <vector>

#include "render.hpp"
#include "roller/stats.hpp"
#include "roller/time.hpp"

namespace roller::cli {
namespace {

constexpr std::size_t cell_width = 5;
constexpr std::size_t grid_width = 7 * cell_width;
constexpr std::string_view gutter = "   ";
constexpr std::array<std::string_view, 12> month_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
// The heat scale: the depth classes of the rest table's main steps.
constexpr std::array<Micrometres, 3> heat_limits{250, 500, 1000};
constexpr std::array<std::string_view, 5> heat_marks{" ", "░", "▒", "▓", "█"};

int heat_level(Micrometres deepest) {
  if (deepest == 0) return 0;
  int level = 1;
  for (const Micrometres limit : heat_limits) {
    if (deepest <= limit) return level;
    ++level;
  }
  return level;
}

/// Monday = 0 for a day counted from 1970-01-01, a Thursday.
int weekday_from_monday(std::int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }

struct Month {
  int year = 1970;
  int month = 1;
  std::int64_t first_day = 0;  ///< days since 1970-01-01
  int length = 0;              ///< days in the month
};

Month make_month(int year, int month) {
  const int next_year = month == 12 ? year + 1 : year;
  const int next_month = month == 12 ? 1 : month + 1;
  const std::int64_t first = days_from_civil(year, month, 1);
  return Month{year, month, first,
               static_cast<int>(days_from_civil(next_year, next_month, 1) - first)};
}

/// The lines of one month's grid, each exactly grid_width columns before colouring.
std::vector<std::string> month_lines(const Month& m, const std::vector<Micrometres>& deepest,
                                     std::int64_t first_shown, std::int64_t today,
                                     const Style& style) {
  std::vector<std::string> lines;
  const std::string title =
      fmt::format("{} {}", month_names[static_cast<std::size_t>(m.month - 1)], m.year);
  lines.push_back(style.bold(fmt::format("{:^{}}", title, grid_width)));
  lines.push_back(" Mo   Tu   We   Th   Fr   Sa   Su  ");
  std::string week(static_cast<std::size_t>(weekday_from_monday(m.first_day)) * cell_width, ' ');
  for (int d = 1; d <= m.length; ++d) {
    const std::int64_t day = m.first_day + d - 1;
    const int level = heat_level(deepest[static_cast<std::size_t>(day - first_shown)]);
    const std::string mark =
        level == 0 ? " " : style.heat(level, heat_marks[static_cast<std::size_t>(level)]);
    if (day == today) {
      week += style.highlight(fmt::format("{:>4}", fmt::format("[{}]", d))) + mark;
    } else {
      week += fmt::format(" {:2} ", d) + mark;
    }
    if (weekday_from_monday(day) == 6) {
      lines.push_back(std::move(week));
      week.clear();
    }
  }
  if (!week.empty()) {
    const std::size_t cells = static_cast<std::size_t>(weekday_from_monday(m.first_day + m.length));
    lines.push_back(week + std::string((7 - cells) * cell_width, ' '));
  }
  return lines;
}

std::string trim_right(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace

std::string render_calendar(const LogData& log, std::optional<std::uint32_t> area, bool no_sessions,
                            int months, std::int64_t now, const Style& style) {
  const CivilTime today_civil = civil(to_local(now));
  std::vector<Month> shown;
  int year = today_civil.year;
  int month = today_civil.month;
  // Months before the year 1, which roller cannot name, are left out.
  for (int i = 0; i < months && year >= 1; ++i) {
    shown.insert(shown.begin(), make_month(year, month));
    if (--month == 0) {
      month = 12;
      --year;
    }
  }
  const std::int64_t first_day = shown.front().first_day;
  const std::int64_t last_day = shown.back().first_day + shown.back().length - 1;
  std::vector<Micrometres> deepest =
      no_sessions ? std::vector<Micrometres>(static_cast<std::size_t>(last_day - first_day + 1))
                  : deepest_by_day(log, area, first_day, last_day);
  const std::int64_t today = local_day(now);

  std::string out;
  for (std::size_t i = 0; i < shown.size(); i += 2) {
    if (i > 0) out += '\n';
    const auto left = month_lines(shown[i], deepest, first_day, today, style);
    const auto right = i + 1 < shown.size()
                           ? month_lines(shown[i + 1], deepest, first_day, today, style)
                           : std::vector<std::string>{};
    const std::size_t rows = std::max(left.size(), right.size());
    for (std::size_t r = 0; r < rows; ++r) {
      std::string line = r < left.size() ? left[r] : std::string(grid_width, ' ');
      if (r < right.size()) line += std::string(gutter) + right[r];
      out += trim_right(std::move(line)) + '\n';
    }
  }
  std::size_t days_rolled = 0;
  for (const Micrometres d : deepest) days_rolled += d > 0 ? 1 : 0;
  out += fmt::format(
      "\nDeepest that day: {} ≤0.25 mm  {} ≤0.5 mm  {} ≤1.0 mm  {} >1.0 mm   [ ] today\n",
      style.heat(1, heat_marks[1]), style.heat(2, heat_marks[2]), style.heat(3, heat_marks[3]),
      style.heat(4, heat_marks[4]));
  out += fmt::format("{} {} rolled in {} {}.\n", days_rolled, days_rolled == 1 ? "day" : "days",
                     shown.size(), shown.size() == 1 ? "month" : "months");
  return out;
}

}  // namespace roller::cli
