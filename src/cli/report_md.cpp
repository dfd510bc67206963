// The report's Markdown. Every string from the log or the profile goes through md_text.
#include "report_md.hpp"

#include <fmt/format.h>

#include <string_view>

#include "render.hpp"
#include "roller/time.hpp"

namespace roller::cli {
namespace {

// One table: a header row, its alignment row ('r': right), then the rows as given
// (already escaped).
std::string table(const std::vector<std::string_view>& header, std::string_view align,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const std::string_view h : header) out += fmt::format(" {} |", h);
  out += "\n|";
  for (const char a : align) out += a == 'r' ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& row : rows) {
    out += '|';
    for (const std::string& cell : row) out += fmt::format(" {} |", cell.empty() ? " " : cell);
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
  if (!area.sessions.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const ReportSession& s : area.sessions) {
      std::string rest = "-";
      if (s.kept) rest = *s.kept ? "kept" : "**" + md_text(s.broke) + "**";
      if (s.forced) rest += " (forced)";
      rows.push_back({md_text(report_when(s.at)), format_depth(s.depth) + " mm",
                      md_text(s.roller), rest, md_text(detail_words(s)), md_text(s.note)});
    }
    out += table({"When", "Depth", "Roller", "Rest", "Details", "Note"}, "lrllll", rows);
  }
  if (!area.reactions.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const ReportReaction& r : area.reactions) {
      rows.push_back({md_text(report_when(r.at)), md_text(reaction_words(r)), md_text(r.note)});
    }
    out += "### Reactions\n\n" + table({"When", "Reaction", "Note"}, "lll", rows);
  }
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
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
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
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) break;
        out += ch;
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
    std::vector<std::vector<std::string>> rows;
    for (const ReportArea& a : report.areas) {
      rows.push_back({md_text(a.name), std::to_string(a.sessions.size()),
                      md_text(depth_range_text(a)),
                      a.in_profile ? md_text(kept_text(a.kept(), a.judged())) : "no rule",
                      md_text(reactions_text(a)), md_text(pain_text(a))});
    }
    out += table({"Area", "Sessions", "Depth", "Rest kept", "Reactions", "Mean pain"}, "lrlrrr",
                 rows);
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
    out += fmt::format("- Course {} on {}: {} of {} done, {} expected by now, {} late ({})\n",
                       md_text(c.name), md_text(c.area), c.done, c.planned, c.expected, c.late,
                       c.state);
  }
  out += '\n';
  for (const ReportArea& area : report.areas) area_section(out, area);
  if (!report.courses.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const ReportCourse& c : report.courses) {
      rows.push_back({md_text(c.name), md_text(c.area), md_text(report_day(c.start)), c.state,
                      fmt::format("{} of {}", c.done, c.planned), std::to_string(c.expected),
                      std::to_string(c.late), format_days(c.every_seconds) + " days",
                      c.mean_interval_seconds
                          ? fmt::format("{:.1f} days", *c.mean_interval_seconds / seconds_per_day)
                          : "-"});
    }
    out += "## Courses\n\n" + table({"Course", "Area", "Started", "State", "Done", "Expected",
                                     "Late", "Every", "Mean interval"},
                                    "llllrrrrr", rows);
  }
  if (!report.rollers.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const ReportRoller& r : report.rollers) {
      rows.push_back({md_text(r.name), md_text(roller_state_text(r)),
                      fmt::format("{} of {}", r.uses_since_replace, r.replace_after_uses),
                      fmt::format("{} of {} days", r.age_days, r.replace_after_days),
                      md_text(r.last_cleaned ? report_day(*r.last_cleaned) : "never"),
                      md_text(r.last_replaced ? report_day(*r.last_replaced) : "-")});
    }
    out += "## Hygiene\n\n" + table({"Roller", "State", "Uses since new", "Head age",
                                     "Last cleaned", "Last replaced"},
                                    "llrrll", rows);
  }
  if (!report.holds.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const ReportBand& h : report.holds) {
      rows.push_back({md_text(band_span(h)), md_text(h.label)});
    }
    out += "## Holds\n\n" + table({"When", "Reason"}, "ll", rows);
  }
  out +=
      "Rest kept: sessions roller would have accepted without --force, judged against the "
      "sessions, holds and product windows before them, whatever the period shown.\n";
  return out;
}

}  // namespace roller::cli
