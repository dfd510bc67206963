// The report's HTML. Every string from the log or the profile goes through html_text, and
// nothing else reaches the page unescaped but the fixed markup written here. Base64 is
// OpenSSL's (libcrypto's EVP_EncodeBlock): a library Debian keeps patched, rather than one
// more hand-written encoder (see docs/design.md, "Report").
#include "report_html.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "render.hpp"
#include "roller/photo_store.hpp"
#include "roller/time.hpp"

namespace roller::cli {
namespace {

// The page's look: calm colours, one column that reads on a phone, and for print a first
// page that holds the summary alone.
constexpr std::string_view stylesheet = R"css(
:root{color-scheme:light;--ink:#1f2933;--muted:#5f6b76;--line:#e4e1d9;--bg:#f7f5f0;
--card:#fff;--accent:#2f6f73;--bad:#b4471c;--hold:#b42318;--window:#6d4fc2}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:62rem;margin:0 auto;padding:1.25rem}
header{margin:.5rem 0 1rem}
h1{font-size:1.65rem;line-height:1.2;margin:0 0 .25rem;font-weight:650}
h2{font-size:1.2rem;margin:0 0 .6rem;font-weight:650}
h3{font-size:1rem;margin:1rem 0 .4rem;font-weight:600}
.sub,.muted{color:var(--muted)}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;
padding:1rem 1.25rem;margin:1rem 0}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.4rem .55rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.75rem;text-transform:uppercase;letter-spacing:.04em}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.bad{color:var(--bad);font-weight:600}
.facts{margin:.75rem 0 0;padding:0;list-style:none}
.facts li{padding:.1rem 0}
table.compact{width:auto}
.facts b{font-weight:600}
svg.chart{display:block;width:100%;height:auto;margin:.25rem 0}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;font-size:.82rem;color:var(--muted);margin:.2rem 0 .4rem}
.sw{display:inline-block;width:.85rem;height:.85rem;border-radius:3px;vertical-align:-.12rem;margin-right:.35rem}
.sw.dot{border-radius:50%}
.photos{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.75rem;margin:.5rem 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}
figure{margin:0}
figure img{display:block;width:100%;height:auto;max-height:24rem;object-fit:contain;
border-radius:8px}
.summary figure img{max-height:18rem}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.25rem;overflow-wrap:anywhere}
.missing{display:flex;align-items:center;justify-content:center;min-height:8rem;padding:.75rem;
border:1px dashed var(--line);border-radius:8px;background:#faf9f6;color:var(--muted);
font-size:.85rem;text-align:center;overflow-wrap:anywhere}
details summary{cursor:pointer;color:var(--accent);margin:.4rem 0}
details table{font-size:.88rem}
.note{overflow-wrap:anywhere;white-space:pre-wrap}
footer{font-size:.82rem;color:var(--muted);margin:1rem 0 2rem}
@media (max-width:40rem){
main{padding:.6rem}
section{padding:.8rem;border-radius:10px}
h1{font-size:1.35rem}
th,td{padding:.3rem .35rem}
table{font-size:.88rem}
.pair{grid-template-columns:1fr}
svg.chart{min-width:34rem}
}
@media print{
@page{size:A4;margin:14mm}
body{background:#fff;font-size:10pt}
main{max-width:none;padding:0}
header{margin:0 0 4mm}
section{border:0;border-radius:0;padding:0;margin:0 0 6mm;break-inside:avoid}
section.area,section.list{break-inside:auto}
svg.chart,figure,tr{break-inside:avoid}
.summary{break-after:page}
.summary figure img{max-height:62mm}
.summary .pair{grid-template-columns:1fr 1fr}
details summary{display:none}
footer{display:none}
}
)css";

// Chart geometry, in SVG user units (the chart scales to its column).
constexpr double chart_width = 760;
constexpr double chart_height = 190;
constexpr double pad_left = 56;
constexpr double pad_right = 14;
constexpr double pad_top = 22;
constexpr double pad_bottom = 28;

constexpr std::string_view kept_colour = "#2f6f73";
constexpr std::string_view broken_colour = "#b4471c";
constexpr std::string_view unjudged_colour = "#6b7280";
constexpr std::string_view hold_colour = "#b42318";
constexpr std::string_view window_colour = "#6d4fc2";
constexpr std::string_view red_colour = "#d9622b";

std::string_view redness_colour(int redness) {
  switch (redness) {
    case 0:
      return "#9aa3ad";
    case 1:
      return "#e0a100";
    case 2:
      return "#d9622b";
    default:
      return "#b42318";
  }
}

std::string_view band_colour(ReportBand::Kind kind) {
  switch (kind) {
    case ReportBand::Kind::hold:
      return hold_colour;
    case ReportBand::Kind::window:
      return window_colour;
    case ReportBand::Kind::reaction:
      return red_colour;
  }
  return hold_colour;
}

std::string_view band_name(ReportBand::Kind kind) {
  switch (kind) {
    case ReportBand::Kind::hold:
      return "Hold";
    case ReportBand::Kind::window:
      return "Product window";
    case ReportBand::Kind::reaction:
      return "Still red";
  }
  return "Hold";
}

std::string num(double value) { return fmt::format("{:.1f}", value); }

// Maps instants and depths to the plot area.
struct Scale {
  std::int64_t from = 0;
  std::int64_t to = 1;
  Micrometres top = 1000;
  [[nodiscard]] double x(std::int64_t at) const {
    const double clamped = static_cast<double>(std::clamp(at, from, to));
    return pad_left + (clamped - static_cast<double>(from)) / static_cast<double>(to - from) *
                          (chart_width - pad_left - pad_right);
  }
  [[nodiscard]] double y(Micrometres depth) const {
    const double plot = chart_height - pad_top - pad_bottom;
    return pad_top + plot - static_cast<double>(depth) / static_cast<double>(top) * plot;
  }
};

// The axis ticks: the first of each local month, or of each week when the chart spans
// under two months; every third month past 15.
struct Tick {
  std::int64_t at = 0;
  std::string label;
};

std::vector<Tick> time_ticks(std::int64_t from, std::int64_t to) {
  std::vector<Tick> ticks;
  const std::int64_t span_days = (to - from) / seconds_per_day;
  if (span_days < 60) {
    std::int64_t day = local_day(from);
    // Mondays: 1970-01-01 was a Thursday, so day 4 was a Monday.
    day += ((4 - day) % 7 + 7) % 7;
    const std::int64_t step = span_days < 14 ? 1 : 7;
    if (step == 1) day = local_day(from);
    for (;; day += step) {
      const std::int64_t at = local_day_start(day);
      if (at > to) break;
      if (at < from) continue;
      const CivilTime c = civil(to_local(at));
      ticks.push_back({at, fmt::format("{} {}", c.day, month_name(c.month))});
    }
    return ticks;
  }
  const int every = span_days > 460 ? 3 : 1;
  CivilTime c = civil(to_local(from));
  int year = c.year;
  int month = c.month;
  for (int n = 0;; ++n) {
    if (++month == 13) {
      month = 1;
      ++year;
    }
    const std::int64_t at = local_day_start(days_from_civil(year, month, 1));
    if (at > to) break;
    if ((month - 1) % every != 0) continue;
    ticks.push_back({at, month == 1 || ticks.empty() ? fmt::format("{} {}", month_name(month), year)
                                                      : std::string(month_name(month))});
  }
  return ticks;
}

// The depth gridlines: every 0.25 mm up to 1 mm, every 0.5 mm above.
Micrometres depth_step(Micrometres top) { return top <= 1000 ? 250 : 500; }

std::string figure(const ReportPhoto& photo, std::string_view caption, std::string_view alt,
                   const EmbeddedPhotos& photos) {
  const auto it = photos.find(photo.hash);
  std::string out = "<figure>";
  if (it != photos.end() && it->second) {
    out += fmt::format("<img src=\"{}\" alt=\"{}\">", *it->second, html_text(alt));
  } else {
    out += fmt::format("<div class=\"missing\">Photo not found: {}</div>",
                       html_text(photo.file.empty() ? photo.hash.substr(0, 12) : photo.file));
  }
  out += fmt::format("<figcaption><b>{}</b> &middot; {}", caption, html_text(report_day(photo.at)));
  if (!photo.file.empty()) out += fmt::format("<br>{}", html_text(photo.file));
  out += "</figcaption></figure>";
  return out;
}

std::string photo_pair(const ReportArea& area, const ReportPhotoPair& pair,
                       const EmbeddedPhotos& photos) {
  const std::string what = pair.angle.empty() ? area.name : area.name + ", " + pair.angle;
  std::string out = "<div>";
  out += fmt::format("<h3>{}</h3><div class=\"pair\">", html_text(what));
  out += figure(pair.first, "First", what + ", first", photos);
  if (pair.latest) out += figure(*pair.latest, "Latest", what + ", latest", photos);
  out += "</div></div>";
  return out;
}

// The two photos the first printed page shows: the first and latest of the area and angle
// whose photos span the longest time.
std::string summary_photos(const Report& report, const EmbeddedPhotos& photos) {
  const ReportArea* best_area = nullptr;
  const ReportPhotoPair* best = nullptr;
  std::int64_t best_span = -1;
  for (const ReportArea& area : report.areas) {
    for (const ReportPhotoPair& pair : area.photos) {
      const std::int64_t span = pair.latest ? pair.latest->at - pair.first.at : 0;
      if (span > best_span) {
        best_span = span;
        best = &pair;
        best_area = &area;
      }
    }
  }
  if (!best) return {};
  return photo_pair(*best_area, *best, photos);
}

// A table of the report, its cells escaped; columns 'r' right-aligned, 'd' unwrapped, 'n'
// notes that keep their line breaks.
std::string html_table(const ReportTable& t, std::string_view table_class = {}) {
  const auto cls = [&](std::size_t column) -> std::string_view {
    switch (column < t.columns.size() ? t.columns[column] : 'l') {
      case 'r':
        return " class=\"num\"";
      case 'd':
        return " class=\"nowrap\"";
      case 'n':
        return " class=\"note\"";
      default:
        return "";
    }
  };
  std::string out = table_class.empty()
                        ? std::string("<div class=\"scroll\"><table><thead><tr>")
                        : fmt::format("<div class=\"scroll\"><table class=\"{}\"><thead><tr>",
                                      table_class);
  for (std::size_t i = 0; i < t.header.size(); ++i) {
    // Headers align with their numbers; dates and notes need no class of their own.
    const bool number = i < t.columns.size() && t.columns[i] == 'r';
    out += fmt::format("<th{}>{}</th>", number ? cls(i) : "", html_text(t.header[i]));
  }
  out += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string text = html_text(row[i].text);
      out += fmt::format("<td{}>{}</td>", cls(i),
                         row[i].alert ? "<span class=\"bad\">" + text + "</span>" : text);
    }
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

std::string summary_section(const Report& report, const EmbeddedPhotos& photos) {
  std::string out = "<section class=\"summary\" id=\"summary\"><h2>Summary</h2>";
  if (report.areas.empty()) {
    out += "<p>No sessions in this period.</p>";
  } else {
    out += html_table(areas_table(report));
  }
  out += "<ul class=\"facts\">";
  out += fmt::format("<li><b>Sessions:</b> {}</li>", report.sessions);
  if (report.holds.empty()) out += "<li><b>Holds:</b> none</li>";
  for (const ReportBand& h : report.holds) {
    out += fmt::format("<li><b>Hold:</b> {} ({})</li>", html_text(h.label), html_text(band_span(h)));
  }
  for (const ReportCourse& c : report.courses) {
    out += fmt::format("<li><b>Course:</b> {}</li>", html_text(course_line(c)));
  }
  out += "</ul>";
  out += summary_photos(report, photos);
  return out + "</section>";
}

std::string legend(const ReportArea& area) {
  const auto has = [&](ReportBand::Kind kind) {
    return std::any_of(area.bands.begin(), area.bands.end(),
                       [&](const ReportBand& b) { return b.kind == kind; });
  };
  std::string out = "<div class=\"legend\">";
  out += fmt::format("<span><i class=\"sw dot\" style=\"background:{}\"></i>session, rest kept</span>",
                     kept_colour);
  if (area.kept() < area.judged()) {
    out += fmt::format("<span><i class=\"sw dot\" style=\"background:{}\"></i>rule broken</span>",
                       broken_colour);
  }
  out += fmt::format(
      "<span><i class=\"sw\" style=\"background:{};opacity:.3;height:.5rem\"></i>rest until "
      "ready</span>",
      kept_colour);
  if (has(ReportBand::Kind::hold)) {
    out += fmt::format("<span><i class=\"sw\" style=\"background:{};opacity:.3\"></i>hold</span>",
                       hold_colour);
  }
  if (has(ReportBand::Kind::window)) {
    out += fmt::format(
        "<span><i class=\"sw\" style=\"background:{};opacity:.3\"></i>product window</span>",
        window_colour);
  }
  if (has(ReportBand::Kind::reaction)) {
    out += fmt::format(
        "<span><i class=\"sw\" style=\"background:{};opacity:.3\"></i>still red</span>",
        red_colour);
  }
  if (!area.reactions.empty()) {
    out += fmt::format(
        "<span><svg width=\"12\" height=\"11\" viewBox=\"0 0 10 9\" aria-hidden=\"true\" "
        "style=\"vertical-align:-.05rem;margin-right:.35rem\"><path d=\"M0 9 L5 0 L10 9 z\" "
        "fill=\"{}\"/></svg>reaction (darker: redder)</span>",
        redness_colour(2));
  }
  return out + "</div>";
}

std::string area_section(const Report& report, const ReportArea& area, std::size_t id,
                         const EmbeddedPhotos& photos) {
  std::string out = fmt::format("<section class=\"area\" id=\"area-{}\"><h2>{}</h2>", id,
                                html_text(area.name));
  out += fmt::format("<p class=\"muted\">{} sessions &middot; {} &middot; rest kept {} &middot; "
                     "reactions {} &middot; mean pain {}</p>",
                     area.sessions.size(), depth_range_text(area),
                     area.in_profile ? kept_text(area.kept(), area.judged()) : "(no rule)",
                     reactions_text(area), pain_text(area));
  // On a phone the chart keeps a legible size and scrolls sideways in its card.
  out += "<div class=\"scroll\">" + render_area_chart(report, area, id) + "</div>";
  out += legend(area);
  if (!area.sessions.empty()) {
    out += fmt::format("<details><summary>Every session ({})</summary>{}</details>",
                       area.sessions.size(), html_table(sessions_table(area)));
  }
  if (!area.reactions.empty()) {
    out += "<h3>Reactions</h3>" + html_table(reactions_table(area), "compact");
  }
  if (!area.photos.empty()) {
    out += "<div class=\"photos\">";
    for (const ReportPhotoPair& pair : area.photos) out += photo_pair(area, pair, photos);
    out += "</div>";
  }
  return out + "</section>";
}

// A section of the page that is one table, left out when the table is empty.
std::string table_section(std::string_view id, std::string_view title, const ReportTable& table,
                          std::string_view after = {}) {
  if (table.rows.empty()) return {};
  return fmt::format("<section class=\"list\" id=\"{}\"><h2>{}</h2>{}{}</section>\n", id, title,
                     html_table(table), after);
}

}  // namespace

void append_html_char(std::string& out, char ch, bool quotes) {
  switch (ch) {
    case '&':
      out += "&amp;";
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '"':
      out += quotes ? "&quot;" : "\"";
      return;
    case '\'':
      out += quotes ? "&#39;" : "'";
      return;
    default:
      if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) return;
      out += ch;
  }
}

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) append_html_char(out, ch, true);
  return out;
}

std::string base64(std::string_view bytes) {
  // EVP_EncodeBlock writes 4 characters for every 3 bytes, and a terminating NUL; it takes
  // an int length, so large inputs go in slices of a multiple of 3 bytes.
  constexpr std::size_t slice = 3 * (1 << 20);
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + 1);
  for (std::size_t from = 0; from < bytes.size(); from += slice) {
    const std::size_t n = std::min(slice, bytes.size() - from);
    const std::size_t at = out.size();
    out.resize(at + (n + 2) / 3 * 4 + 1);
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + at),
                        reinterpret_cast<const unsigned char*>(bytes.data() + from),
                        static_cast<int>(n));
    out.resize(at + static_cast<std::size_t>(written));
  }
  return out;
}

std::optional<std::string> image_data_uri(std::string_view bytes) {
  // Told by its signature as the photo store tells it, not by a name.
  const auto type = sniff_image(bytes.substr(0, sniff_length));
  if (!type) return std::nullopt;
  return fmt::format("data:{};base64,{}", mime_type(*type), base64(bytes));
}

std::string render_area_chart(const Report& report, const ReportArea& area, std::size_t id) {
  Scale scale;
  scale.from = report.from;
  scale.to = report.to;
  const Micrometres deepest = std::max(area.max_depth, area.deepest().value_or(0));
  const Micrometres step0 = depth_step(std::max<Micrometres>(deepest, 250));
  scale.top = std::max<Micrometres>(step0, (deepest + step0 - 1) / step0 * step0);
  const Micrometres step = depth_step(scale.top);
  const double left = pad_left;
  const double right = chart_width - pad_right;
  const double top = pad_top;
  const double bottom = chart_height - pad_bottom;

  std::string out = fmt::format(
      "<svg class=\"chart\" id=\"chart-{}\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"{}: {} sessions by depth over time\" xmlns=\"http://www.w3.org/2000/svg\" "
      "font-family=\"system-ui,sans-serif\" font-size=\"11\">",
      id, chart_width, chart_height, html_text(area.name), area.sessions.size());
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fbfaf7\"/>",
                     num(left), num(top), num(right - left), num(bottom - top));

  // Bands first, under everything: holds and product windows.
  for (const ReportBand& b : area.bands) {
    const double x0 = scale.x(b.from);
    const double x1 = std::max(scale.x(b.end.value_or(report.to)), x0 + 1.5);
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\".16\">"
        "<title>{}: {} ({})</title></rect>",
        num(x0), num(top), num(x1 - x0), num(bottom - top), band_colour(b.kind),
        band_name(b.kind), html_text(b.label), html_text(band_span(b)));
  }

  // Gridlines and depth labels.
  for (Micrometres d = 0; d <= scale.top; d += step) {
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#d9d5cc\" stroke-width=\"{3}\"/>"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\" fill=\"#5f6b76\">{6} mm</text>",
        num(left), num(right), num(scale.y(d)), d == 0 ? "1" : ".6", num(left - 6),
        num(scale.y(d) + 3.5), format_depth(d));
  }
  for (const Tick& t : time_ticks(report.from, report.to)) {
    const double x = scale.x(t.at);
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#e8e5de\" stroke-width=\".6\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#5f6b76\">{4}</text>",
        num(x), num(top), num(bottom + 4), num(bottom + 17), html_text(t.label));
  }

  // Each session's rest, as a bar at its depth from the session to the judge's rest end.
  for (const ReportSession& s : area.sessions) {
    if (!s.rest_end) continue;
    const double x0 = scale.x(s.at);
    const double x1 = std::max(scale.x(*s.rest_end), x0 + 1);
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" rx=\"4\" fill=\"{}\" "
        "fill-opacity=\".22\"/>",
        num(x0), num(scale.y(s.depth) - 4), num(x1 - x0), kept_colour);
  }
  // The marks, over their rest.
  for (const ReportSession& s : area.sessions) {
    const std::string_view colour =
        !s.kept ? unjudged_colour : (*s.kept ? kept_colour : broken_colour);
    std::string title = fmt::format("{}: {} mm, {}", report_when(s.at), format_depth(s.depth),
                                    !s.kept ? "no rule" : (*s.kept ? "rest kept" : s.broke));
    if (s.rest_end) title += fmt::format("; rested until {}", report_when(*s.rest_end));
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1.2\">"
        "<title>{}</title></circle>",
        num(scale.x(s.at)), num(scale.y(s.depth)), s.kept == false ? "5" : "4", colour,
        html_text(title));
  }
  // Reactions along the top edge, coloured by redness.
  for (const ReportReaction& r : area.reactions) {
    const double x = scale.x(r.at);
    out += fmt::format(
        "<path d=\"M{} {} l5 -9 l5 9 z\" fill=\"{}\"{}><title>{}: {}</title></path>", num(x - 5),
        num(top - 3), redness_colour(r.redness),
        r.severe ? " stroke=\"#1f2933\" stroke-width=\"1.2\"" : "",
        html_text(report_when(r.at)), html_text(reaction_words(r)));
  }
  return out + "</svg>";
}

std::string render_report_html(const Report& report, const EmbeddedPhotos& photos) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"roller " ROLLER_VERSION "\">\n";
  out += fmt::format("<title>Microneedling report, {}</title>\n<style>{}</style>\n</head>\n",
                     html_text(period_text(report)), stylesheet);
  out += "<body>\n<main>\n<header><h1>Microneedling report</h1>";
  out += fmt::format("<p class=\"sub\">{} &middot; made by roller on {}</p></header>\n",
                     html_text(period_text(report)), html_text(report_day(report.now)));
  out += summary_section(report, photos);
  out += '\n';
  for (std::size_t i = 0; i < report.areas.size(); ++i) {
    out += area_section(report, report.areas[i], i + 1, photos);
    out += '\n';
  }
  out += table_section("courses", "Courses", courses_table(report),
                       "<p class=\"muted\">Expected: the sessions the course's cadence asks for "
                       "by now (or by its stop).</p>");
  out += table_section("hygiene", "Hygiene", hygiene_table(report));
  out += table_section("holds", "Holds", holds_table(report));
  out +=
      "\n<footer>Rest kept: sessions roller would have accepted without --force, judged against "
      "the sessions, holds and product windows before them, whatever the period shown. Shaded "
      "under each mark: the rest that session imposed.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace roller::cli
