// What `roller report` shows, as plain data worked out from the judge: per area the sessions
// with the judge's verdicts and rest ends, the holds and product windows that touched it,
// reactions and photos; courses, hygiene and holds. No rule is worked out here: every
// verdict, rest end, window and course's progress is the judge's (or the course and hygiene
// modules'), and the time range only chooses what is shown. The HTML and Markdown renderers
// (report_html.hpp, report_md.hpp) read this model and nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "roller/depth.hpp"
#include "roller/judge.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller::cli {

/// The instants a report shows: [since, until). Unset ends show everything on that side.
struct ReportRange {
  std::optional<std::int64_t> since;  ///< inclusive
  std::optional<std::int64_t> until;  ///< exclusive
  [[nodiscard]] bool contains(std::int64_t at) const {
    return (!since || at >= *since) && (!until || at < *until);
  }
};

/// One session as the report shows it.
struct ReportSession {
  std::int64_t at = 0;
  Micrometres depth = 0;
  std::string roller;
  std::string note;  ///< empty when none
  bool forced = false;
  /// The judge's verdict: nullopt on an area the profile does not define (no rule to keep).
  std::optional<bool> kept;
  std::string broke;                     ///< the rule it broke, in words ("too soon")
  std::optional<std::int64_t> rest_end;  ///< JudgedSession::rest_end (profile areas only)
  std::string details;     ///< its details in words (detail_text), "" when none
  std::optional<int> pain;  ///< 0-10, when recorded
};

/// A span shown as a band on a chart: a hold, a product's window before sessions, or skin
/// still red after a reaction.
struct ReportBand {
  enum class Kind : std::uint8_t { hold, window, reaction };
  Kind kind = Kind::hold;
  std::int64_t from = 0;
  std::optional<std::int64_t> end;  ///< nullopt: open (a hold until released)
  std::string label;  ///< the hold's reason, the product's name, or what the reaction keeps
};

/// How the skin healed after a session (`roller react`).
struct ReportReaction {
  std::int64_t at = 0;
  int redness = 0;  ///< 0-3
  bool peeling = false;
  bool swelling = false;
  bool severe = false;
  std::string note;
};

/// A photo record: where its file is (by hash), and what the person said of it.
struct ReportPhoto {
  std::int64_t at = 0;
  std::string hash;
  std::string file;  ///< the original file name, as the person had it
};

/// The first and latest photo of one area from one angle.
struct ReportPhotoPair {
  std::string angle;  ///< "" when the photos give none
  ReportPhoto first;
  std::optional<ReportPhoto> latest;  ///< nullopt when there is only one
};

/// One area: its sessions in the range, and what stood around them.
struct ReportArea {
  std::string name;
  bool in_profile = true;
  Micrometres max_depth = 0;  ///< the profile's cap (0 for an area only the log names)
  std::vector<ReportSession> sessions;  ///< in the range, in time order
  std::vector<ReportBand> bands;        ///< holds and windows overlapping the range
  std::vector<ReportReaction> reactions;
  std::vector<ReportPhotoPair> photos;  ///< by angle, in the order angles first appear

  [[nodiscard]] std::size_t kept() const;       ///< sessions the judge accepted
  [[nodiscard]] std::size_t judged() const;     ///< sessions with a verdict
  [[nodiscard]] std::optional<Micrometres> shallowest() const;
  [[nodiscard]] std::optional<Micrometres> deepest() const;
  [[nodiscard]] std::optional<double> mean_pain() const;
};

/// A course and its adherence, as roller/course.hpp works it out.
struct ReportCourse {
  std::string name;
  std::string area;
  std::string state;  ///< running, completed, stopped
  std::int64_t start = 0;
  Micrometres depth = 0;
  int planned = 0;
  std::size_t done = 0;
  std::size_t expected = 0;
  std::size_t late = 0;
  std::int64_t every_seconds = 0;
  std::optional<double> mean_interval_seconds;
};

/// A roller's hygiene, as roller/hygiene.hpp works it out.
struct ReportRoller {
  std::string name;
  int uses_since_replace = 0;
  int replace_after_uses = 0;
  std::int64_t age_days = 0;
  int replace_after_days = 0;
  bool needs_cleaning = false;
  bool replace_due = false;
  std::optional<std::int64_t> last_cleaned;
  std::optional<std::int64_t> last_replaced;
};

/// Everything a report shows.
struct Report {
  std::int64_t now = 0;
  ReportRange range;
  std::int64_t from = 0;  ///< the first instant the charts show
  std::int64_t to = 0;    ///< the last
  std::size_t sessions = 0;
  std::vector<ReportArea> areas;  ///< areas with anything in the range, profile order first
  std::vector<ReportBand> holds;  ///< holds overlapping the range
  std::vector<ReportCourse> courses;
  std::vector<ReportRoller> rollers;
};

/// The report of `log` as the judge sees it at `now`, showing what falls in `range`.
/// The log must have been loaded with notes (and details) kept.
[[nodiscard]] Report build_report(const Profile& profile, const Judge& judge, const LogData& log,
                                  std::int64_t now, const ReportRange& range);

/// "too soon", "deeper than the area allows": a rule in words, for the report.
[[nodiscard]] std::string rule_words(Rule rule);

// Words both renderers use, so that the HTML and the Markdown say the same.

/// "25 Nov 2026": an instant's local (TZ) date.
[[nodiscard]] std::string report_day(std::int64_t utc);
/// "Wed 25 Nov 2026, 21:30": an instant's local date and time.
[[nodiscard]] std::string report_when(std::int64_t utc);
/// "22 of 24 (92%)": the sessions that kept the rules; 100% only when all did, 0% only when
/// none did. "-" when no session was judged.
[[nodiscard]] std::string kept_text(std::size_t kept, std::size_t judged);
/// "0.5-1 mm", "0.5 mm", "-": an area's depth range.
[[nodiscard]] std::string depth_range_text(const ReportArea& area);
/// "3 (1 severe)", "0": an area's reactions.
[[nodiscard]] std::string reactions_text(const ReportArea& area);
/// "4.2", "-": an area's mean pain (0-10).
[[nodiscard]] std::string pain_text(const ReportArea& area);
/// "25 May 2026 - 25 Nov 2026": what the report covers.
[[nodiscard]] std::string period_text(const Report& report);
/// "12 Jan 2026 - 26 Jan 2026", "from 12 Jan 2026, until released": a band's span.
[[nodiscard]] std::string band_span(const ReportBand& band);
/// "redness 2, peeling, swelling": a reaction in words.
[[nodiscard]] std::string reaction_words(const ReportReaction& reaction);
/// "hair on scalp: 5 of 12 done, 6 expected by now, 1 late (running)": a course at a glance.
[[nodiscard]] std::string course_line(const ReportCourse& course);
/// "clean", "needs cleaning", "needs cleaning, replace the head": a roller's state.
[[nodiscard]] std::string roller_state_text(const ReportRoller& roller);
/// One cell of a table: plain text (each renderer escapes it), and whether it says a rule
/// was broken or care is due (shown in colour, or bold in Markdown).
struct ReportCell {
  std::string text;
  bool alert = false;
  ReportCell(std::string t, bool a = false) : text(std::move(t)), alert(a) {}  // NOLINT
};

/// A table both renderers show: its header, how each column reads ('l' text, 'r' a number,
/// 'd' a date that does not wrap, 'n' a note that keeps its line breaks), and its rows.
struct ReportTable {
  std::vector<std::string> header;
  std::string columns;
  std::vector<std::vector<ReportCell>> rows;
};

/// The summary: per area sessions, depth range, rest kept, reactions and mean pain.
[[nodiscard]] ReportTable areas_table(const Report& report);
/// Every session of an area, with its verdict, details and note.
[[nodiscard]] ReportTable sessions_table(const ReportArea& area);
/// An area's reactions.
[[nodiscard]] ReportTable reactions_table(const ReportArea& area);
/// Courses and their adherence.
[[nodiscard]] ReportTable courses_table(const Report& report);
/// Rollers: cleaning and replacing.
[[nodiscard]] ReportTable hygiene_table(const Report& report);
/// Holds, with their reasons.
[[nodiscard]] ReportTable holds_table(const Report& report);


}  // namespace roller::cli
