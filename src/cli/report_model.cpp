// The report's model, from the judge's answers: one pass over its replay for the sessions,
// its holds and windows for the bands, and the course and hygiene modules for the rest.
#include "report_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "roller/course.hpp"
#include "roller/hygiene.hpp"
#include "render.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

// Whether [from, end) meets the range.
bool overlaps(const ReportRange& range, std::int64_t from, std::int64_t end) {
  return (!range.until || from < *range.until) && (!range.since || end > *range.since);
}

std::string note_of(const Event& e, const LogData& log) {
  return e.note == Event::no_note ? std::string() : log.notes[e.note];
}

ReportBand hold_band(const HoldSpan& h) {
  ReportBand band;
  band.kind = ReportBand::Kind::hold;
  band.from = h.from;
  if (!h.open()) band.end = h.end;
  band.label = h.reason.empty() ? "hold" : std::string(h.reason);
  return band;
}

}  // namespace

std::string rule_words(Rule rule) {
  switch (rule) {
    case Rule::ok:
      return "kept";
    case Rule::home_limit:
      return "deeper than the home limit";
    case Rule::area_cap:
      return "deeper than the area allows";
    case Rule::hold:
      return "during a hold";
    case Rule::product_window:
      return "inside a product's window";
    case Rule::reaction:
      return "while red after a reaction";
    case Rule::too_soon:
      return "too soon";
    case Rule::too_close_before_later:
      return "too close before a later session";
  }
  return "broke a rule";
}

std::size_t ReportArea::kept() const {
  return static_cast<std::size_t>(std::count_if(
      sessions.begin(), sessions.end(), [](const ReportSession& s) { return s.kept == true; }));
}

std::size_t ReportArea::judged() const {
  return static_cast<std::size_t>(std::count_if(
      sessions.begin(), sessions.end(), [](const ReportSession& s) { return s.kept.has_value(); }));
}

std::optional<Micrometres> ReportArea::shallowest() const {
  std::optional<Micrometres> least;
  for (const ReportSession& s : sessions) least = std::min(least.value_or(s.depth), s.depth);
  return least;
}

std::optional<Micrometres> ReportArea::deepest() const {
  std::optional<Micrometres> most;
  for (const ReportSession& s : sessions) most = std::max(most.value_or(s.depth), s.depth);
  return most;
}

std::optional<double> ReportArea::mean_pain() const {
  int total = 0;
  int count = 0;
  for (const ReportSession& s : sessions) {
    if (!s.pain) continue;
    total += *s.pain;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return static_cast<double>(total) / count;
}

Report build_report(const Profile& profile, const Judge& judge, const LogData& log,
                    std::int64_t now, const ReportRange& range) {
  Report report;
  report.now = now;
  report.range = range;

  // Areas: the profile's, in order, then those only the log names, as sessions first do.
  std::vector<ReportArea> areas;
  std::unordered_map<std::uint32_t, std::size_t> slot_of_name;
  for (const Area& a : profile.areas) {
    ReportArea area;
    area.name = a.name;
    area.max_depth = a.max_depth;
    if (const auto name = log.find_name(a.name)) slot_of_name[*name] = areas.size();
    areas.push_back(std::move(area));
  }
  const auto slot = [&](std::uint32_t name) {
    const auto [it, added] = slot_of_name.try_emplace(name, areas.size());
    if (added) {
      ReportArea area;
      area.name = log.name(name);
      area.in_profile = false;
      areas.push_back(std::move(area));
    }
    return it->second;
  };

  // The judge's verdict on each session of a profile area.
  std::unordered_map<const Event*, const JudgedSession*> judged;
  for (const JudgedSession& j : judge.replay()) judged.emplace(j.session, &j);

  std::optional<std::int64_t> first_shown;
  std::optional<std::int64_t> last_shown;
  for (const Event* e : judge.sessions()) {
    if (!range.contains(e->utc)) continue;
    ReportSession s;
    s.at = e->utc;
    s.depth = e->depth;
    s.roller = log.name(e->roller);
    s.note = note_of(*e, log);
    s.forced = e->forced;
    if (const auto it = judged.find(e); it != judged.end()) {
      s.kept = it->second->verdict.allowed();
      if (!*s.kept) s.broke = rule_words(it->second->verdict.rule);
      s.rest_end = it->second->rest_end;
    }
    if (const SessionDetail* d = log.detail_of(*e)) {
      s.details = detail_text(*d);
      s.pain = d->pain;
    }
    areas[slot(e->area)].sessions.push_back(std::move(s));
    ++report.sessions;
    first_shown = std::min(first_shown.value_or(e->utc), e->utc);
    last_shown = std::max(last_shown.value_or(e->utc), e->utc);
  }

  for (const Event* e : judge.reactions()) {
    if (!range.contains(e->utc)) continue;
    const ReactionDetail& d = log.reactions[e->detail];
    ReportReaction r;
    r.at = e->utc;
    r.redness = d.redness;
    r.peeling = d.peeling;
    r.swelling = d.swelling;
    r.severe = d.severe;
    r.note = note_of(*e, log);
    areas[slot(e->area)].reactions.push_back(std::move(r));
    first_shown = std::min(first_shown.value_or(e->utc), e->utc);
    last_shown = std::max(last_shown.value_or(e->utc), e->utc);
  }

  // Photos: the first and the latest in the range of each area and angle.
  std::vector<const Event*> photos;
  for (const Event& e : log.events) {
    if (e.kind == RecordKind::photo && log.counts(e) && range.contains(e.utc)) photos.push_back(&e);
  }
  std::stable_sort(photos.begin(), photos.end(),
                   [](const Event* a, const Event* b) { return a->utc < b->utc; });
  for (const Event* e : photos) {
    const PhotoDetail& d = log.photos[e->detail];
    const ReportPhoto photo{e->utc, d.hash, d.file};
    first_shown = std::min(first_shown.value_or(e->utc), e->utc);
    last_shown = std::max(last_shown.value_or(e->utc), e->utc);
    std::vector<ReportPhotoPair>& pairs = areas[slot(e->area)].photos;
    const auto pair = std::find_if(pairs.begin(), pairs.end(),
                                   [&](const ReportPhotoPair& p) { return p.angle == d.angle; });
    if (pair == pairs.end()) {
      pairs.push_back({d.angle, photo, std::nullopt});
    } else {
      pair->latest = photo;
    }
  }

  // Bands: every hold applies to every area; a product's windows to the areas it went on
  // (and those overlapping them), as the judge lists them.
  for (const HoldSpan& h : judge.holds()) {
    if (overlaps(range, h.from, h.end)) report.holds.push_back(hold_band(h));
  }
  for (std::size_t a = 0; a < profile.areas.size(); ++a) {
    const auto add = [&](ReportBand::Kind kind, std::int64_t from, std::int64_t end,
                         std::string label) {
      if (overlaps(range, from, end)) areas[a].bands.push_back({kind, from, end, std::move(label)});
    };
    for (const ReportBand& h : report.holds) areas[a].bands.push_back(h);
    for (const ProductWindow& w : judge.windows(a)) {
      add(ReportBand::Kind::window, w.from, w.end, w.product->name);
    }
    for (const ReactionWindow& w : judge.reaction_windows(a)) {
      add(ReportBand::Kind::reaction, w.from, w.end, "skin still red after a reaction");
    }
  }

  // Charts run from the range's start (else the first session, reaction or photo shown) to
  // its end (else now, or the last one when it lies ahead); a range that starts after both
  // keeps its start, and an empty one is a day long.
  report.from = range.since.value_or(first_shown.value_or(now));
  report.to = range.until.value_or(std::max(now, last_shown.value_or(now)));
  if (report.to <= report.from) {
    if (range.since && !range.until) {
      report.to = report.from + seconds_per_day;
    } else {
      report.from = report.to - seconds_per_day;  // nothing yet
    }
  }

  for (ReportArea& a : areas) {
    if (a.sessions.empty() && a.reactions.empty() && a.photos.empty()) continue;
    report.areas.push_back(std::move(a));
  }

  for (const CourseProgress& p : course_progress(log, judge, now)) {
    if (!overlaps(range, p.start, p.stop.value_or(std::max(now, p.start + 1)))) continue;
    ReportCourse c;
    c.name = log.name(p.record->course);
    c.area = log.name(p.record->area);
    c.state = std::string(course_state_name(p.state));
    c.start = p.start;
    c.depth = p.record->depth;
    c.planned = p.detail->sessions;
    c.done = p.done();
    c.expected = p.expected;
    c.late = p.late;
    c.every_seconds = p.detail->every_seconds;
    c.mean_interval_seconds = p.mean_interval_seconds;
    report.courses.push_back(std::move(c));
  }

  for (const RollerStatus& r : roller_statuses(profile, log, now)) {
    // A roller never used and never cared for has nothing to report.
    if (!r.last_used && !r.last_cleaned && !r.last_replaced) continue;
    ReportRoller out;
    out.name = r.name;
    out.uses_since_replace = r.uses_since_replace;
    out.replace_after_uses = r.replace_after_uses;
    out.age_days = r.age_days(now);
    out.replace_after_days = r.replace_after_days;
    out.needs_cleaning = r.needs_cleaning;
    out.replace_due = r.replace_due;
    if (r.last_cleaned) out.last_cleaned = r.last_cleaned->utc;
    if (r.last_replaced) out.last_replaced = r.last_replaced->utc;
    report.rollers.push_back(std::move(out));
  }
  return report;
}

std::string report_day(std::int64_t utc) {
  const CivilTime c = civil(clamp_to_years(to_local(utc)));
  return fmt::format("{} {} {}", c.day, month_name(c.month), c.year);
}

std::string report_when(std::int64_t utc) {
  const CivilTime c = civil(clamp_to_years(to_local(utc)));
  return fmt::format("{} {} {} {}, {:02}:{:02}", weekday_name(c.weekday), c.day,
                     month_name(c.month), c.year, c.hour, c.minute);
}

std::string kept_text(std::size_t kept, std::size_t judged) {
  if (judged == 0) return "-";
  auto percent = static_cast<int>(
      std::lround(static_cast<double>(kept) * 100.0 / static_cast<double>(judged)));
  if (kept < judged && percent == 100) percent = 99;
  if (kept > 0 && percent == 0) percent = 1;
  return fmt::format("{} of {} ({}%)", kept, judged, percent);
}

std::string depth_range_text(const ReportArea& area) {
  const auto least = area.shallowest();
  const auto most = area.deepest();
  if (!least) return "-";
  if (*least == *most) return format_depth(*least) + " mm";
  return fmt::format("{}-{} mm", format_depth(*least), format_depth(*most));
}

std::string reactions_text(const ReportArea& area) {
  const auto severe = std::count_if(area.reactions.begin(), area.reactions.end(),
                                    [](const ReportReaction& r) { return r.severe; });
  if (severe == 0) return std::to_string(area.reactions.size());
  return fmt::format("{} ({} severe)", area.reactions.size(), severe);
}

std::string pain_text(const ReportArea& area) {
  const auto pain = area.mean_pain();
  return pain ? fmt::format("{:.1f}", *pain) : "-";
}

std::string period_text(const Report& report) {
  // An --until is the first instant left out.
  const std::int64_t last = report.range.until ? report.to - 1 : report.to;
  return fmt::format("{} - {}", report_day(report.from), report_day(last));
}

std::string band_span(const ReportBand& band) {
  if (!band.end) return fmt::format("from {}, until released", report_day(band.from));
  return fmt::format("{} - {}", report_day(band.from), report_day(*band.end));
}

std::string reaction_words(const ReportReaction& r) {
  std::string words = fmt::format("redness {}", r.redness);
  if (r.peeling) words += ", peeling";
  if (r.swelling) words += ", swelling";
  if (r.severe) words += ", severe";
  return words;
}

std::string course_line(const ReportCourse& c) {
  return fmt::format("{} on {}: {} of {} done, {} expected by now, {} late ({})", c.name, c.area,
                     c.done, c.planned, c.expected, c.late, c.state);
}

std::string roller_state_text(const ReportRoller& r) {
  std::string text = r.needs_cleaning ? "needs cleaning" : "clean";
  if (r.replace_due) text += ", replace the head";
  return text;
}

ReportTable areas_table(const Report& report) {
  ReportTable t{{"Area", "Sessions", "Depth", "Rest kept", "Reactions", "Mean pain"}, "lrlrrr", {}};
  for (const ReportArea& a : report.areas) {
    t.rows.push_back({a.name, std::to_string(a.sessions.size()), depth_range_text(a),
                      a.in_profile ? kept_text(a.kept(), a.judged()) : "no rule",
                      reactions_text(a), pain_text(a)});
  }
  return t;
}

ReportTable sessions_table(const ReportArea& area) {
  ReportTable t{{"When", "Depth", "Roller", "Rest", "Details", "Note"}, "drllln", {}};
  for (const ReportSession& s : area.sessions) {
    std::string rest = !s.kept ? "-" : (*s.kept ? "kept" : s.broke);
    if (s.forced) rest += " (forced)";
    t.rows.push_back({report_when(s.at), format_depth(s.depth) + " mm", s.roller,
                      ReportCell(rest, s.kept == false), s.details, s.note});
  }
  return t;
}

ReportTable reactions_table(const ReportArea& area) {
  ReportTable t{{"When", "Reaction", "Note"}, "dln", {}};
  for (const ReportReaction& r : area.reactions) {
    t.rows.push_back({report_when(r.at), ReportCell(reaction_words(r), r.severe), r.note});
  }
  return t;
}

ReportTable courses_table(const Report& report) {
  ReportTable t{{"Course", "Area", "Started", "State", "Done", "Expected", "Late", "Every",
                 "Mean interval"},
                "lldlrrrrr",
                {}};
  for (const ReportCourse& c : report.courses) {
    t.rows.push_back({c.name, c.area, report_day(c.start), c.state,
                      fmt::format("{} of {}", c.done, c.planned), std::to_string(c.expected),
                      ReportCell(std::to_string(c.late), c.late > 0),
                      format_days(c.every_seconds) + " days",
                      c.mean_interval_seconds
                          ? fmt::format("{:.1f} days", *c.mean_interval_seconds / seconds_per_day)
                          : "-"});
  }
  return t;
}

ReportTable hygiene_table(const Report& report) {
  ReportTable t{{"Roller", "State", "Uses since new", "Head age", "Last cleaned", "Last replaced"},
                "llrrdd",
                {}};
  for (const ReportRoller& r : report.rollers) {
    t.rows.push_back({r.name, ReportCell(roller_state_text(r), r.needs_cleaning || r.replace_due),
                      fmt::format("{} of {}", r.uses_since_replace, r.replace_after_uses),
                      fmt::format("{} of {} days", r.age_days, r.replace_after_days),
                      r.last_cleaned ? report_day(*r.last_cleaned) : "never",
                      r.last_replaced ? report_day(*r.last_replaced) : "-"});
  }
  return t;
}

ReportTable holds_table(const Report& report) {
  ReportTable t{{"When", "Reason"}, "dn", {}};
  for (const ReportBand& h : report.holds) t.rows.push_back({band_span(h), h.label});
  return t;
}

}  // namespace roller::cli
