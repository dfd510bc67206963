// The report's Markdown. Every string from the log or the profile goes through md_text.
#include "report_md.hpp"

#include <fmt/format.h>

#include <string_view>

#include "render.hpp"
#include "report_html.hpp"
#include "roller/time.hpp"

namespace roller::cli {
namespace {

// A table of the report, its cells escaped; an alert in bold.
std::string md_table(const ReportTable& t) {
  std::string out = "|";
  for (const std::string& h : t.header) out += fmt::format(" {} |", md_text(h));
  out += "\n|";
  for (const char c : t.columns) out += c == 'r' ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& row : t.rows) {
    out += '|';
    for (const ReportCell& cell : row) {
      const std::string text = md_text(cell.text);
      out += fmt::format(" {} |", text.empty() ? " " : cell.alert ? "**" + text + "**" : text);
    }
    out += '\n';
  }
  return out + '\n';
}

std::string photo_line(const ReportPhoto& photo) {
  std::string out = md_text(report_day(photo.at));
  if (!photo.file.empty()) out += fmt::format(" ({})", md_text(photo.file));
  return out;
}

void area_section(std::string& out, const ReportArea& area) {
  out += fmt::format("## {}\n\n", md_text(area.name));
  out += fmt::format("{} sessions · {} · rest kept {} · reactions {} · mean pain {}\n\n",
                     area.sessions.size(), md_text(depth_range_text(area)),
                     area.in_profile ? md_text(kept_text(area.kept(), area.judged())) : "(no rule)",
                     md_text(reactions_text(area)), md_text(pain_text(area)));
  if (!area.sessions.empty()) out += md_table(sessions_table(area));
  if (!area.reactions.empty()) out += "### Reactions\n\n" + md_table(reactions_table(area));
  if (!area.photos.empty()) {
    out += "### Photos\n\n";
    for (const ReportPhotoPair& pair : area.photos) {
      out += fmt::format("- {}: first {}", pair.angle.empty() ? "photos" : md_text(pair.angle),
                         photo_line(pair.first));
      if (pair.latest) out += fmt::format(", latest {}", photo_line(*pair.latest));
      out += '\n';
    }
    out += '\n';
  }
}

}  // namespace

std::string md_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '~':
      case '!':
        out += '\\';
        out += ch;
        break;
      default:
        append_html_char(out, ch, false);  // a Markdown viewer renders inline HTML
    }
  }
  return out;
}

std::string render_report_md(const Report& report) {
  std::string out = "# Microneedling report\n\n";
  out += fmt::format("{} · made by roller on {}\n\n", md_text(period_text(report)),
                     md_text(report_day(report.now)));
  out += "## Summary\n\n";
  if (report.areas.empty()) {
    out += "No sessions in this period.\n\n";
  } else {
    out += md_table(areas_table(report));
  }
  out += fmt::format("- Sessions: {}\n", report.sessions);
  if (report.holds.empty()) {
    out += "- Holds: none\n";
  } else {
    for (const ReportBand& h : report.holds) {
      out += fmt::format("- Hold: {} ({})\n", md_text(h.label), md_text(band_span(h)));
    }
  }
  for (const ReportCourse& c : report.courses) {
    out += fmt::format("- Course: {}\n", md_text(course_line(c)));
  }
  out += '\n';
  for (const ReportArea& area : report.areas) area_section(out, area);
  for (const auto& [title, table] : {std::pair{"Courses", courses_table(report)},
                                      std::pair{"Hygiene", hygiene_table(report)},
                                      std::pair{"Holds", holds_table(report)}}) {
    if (!table.rows.empty()) out += fmt::format("## {}\n\n{}", title, md_table(table));
  }
  out +=
      "Rest kept: sessions roller would have accepted without --force, judged against the "
      "sessions, holds and product windows before them, whatever the period shown.\n";
  return out;
}

}  // namespace roller::cli
