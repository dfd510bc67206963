// `roller history`: the sessions a person logged, oldest first, as a table or JSON.
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <ostream>
#include <unordered_map>

#include "calendar.hpp"
#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/error.hpp"
#include "roller/stats.hpp"
#include "roller/log_file.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller history`'s options, as typed.
struct HistoryOptions {
  std::string area;
  std::string since;
  std::string until;
  std::string last;
  std::string months;
  bool json = false;
  bool csv = false;
  bool long_form = false;
  bool calendar = false;
};

/// The validated filters of a history request.
struct HistoryFilter {
  std::optional<std::uint32_t> area;  ///< interned name; nullopt: every area
  std::optional<std::int64_t> since;  ///< inclusive
  std::optional<std::int64_t> until;  ///< exclusive
  std::optional<std::size_t> last;
  bool area_unused = false;  ///< the area is in the profile but never logged
};

std::size_t parse_count(const std::string& text, std::string_view option, std::size_t most) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n == 0) {
    throw UsageError(
        fmt::format("{}: '{}' is not a positive whole number", option, printable(text)));
  }
  if (n > most) throw UsageError(fmt::format("{}: {} is more than {}", option, n, most));
  return n;
}

// The options that choose sessions by time make no sense with the calendar's whole months.
void check_combinations(const HistoryOptions& o) {
  if (o.json && o.csv) throw UsageError("--json and --csv go apart: pick one");
  if (o.long_form && (o.json || o.csv)) {
    throw UsageError("--long is for people: --json and --csv always hold every detail");
  }
  if (o.long_form && o.calendar) throw UsageError("--long and --calendar go apart: pick one");
  if (!o.calendar) {
    if (!o.months.empty()) throw UsageError("--months goes with --calendar");
    return;
  }
  if (o.json || o.csv) throw UsageError("--calendar is for people: drop --json and --csv");
  if (!o.since.empty() || !o.until.empty() || !o.last.empty()) {
    throw UsageError(
        "--calendar shows whole months ending now: use --months N, not --since, "
        "--until or --last");
  }
}

HistoryFilter make_filter(const HistoryOptions& o, const Profile& profile, const LogData& log,
                          Timestamp now) {
  HistoryFilter filter;
  if (!o.area.empty()) {
    filter.area = log.find_name(o.area);
    // An area the profile no longer lists can still be reviewed if the log has it.
    if (!filter.area && !profile.find_area(o.area)) (void)require_area(profile, o.area);
    filter.area_unused = !filter.area;
  }
  if (!o.since.empty()) filter.since = parse_time_value(o.since, now.utc, "--since").utc;
  if (!o.until.empty()) {
    const Timestamp until = parse_time_value(o.until, now.utc, "--until");
    // "--until 2026-11-25" includes the whole of that day.
    filter.until =
        names_whole_day(o.until) ? local_day_start(local_day(until.utc) + 1) : until.utc + 1;
  }
  if (filter.since && filter.until && *filter.since >= *filter.until) {
    // Empty output would read as "no sessions then"; the range itself is the mistake.
    throw UsageError(
        fmt::format("--since '{}' comes after --until '{}', so no session could match; "
                    "did you swap them?",
                    printable(o.since), printable(o.until)));
  }
  if (!o.last.empty()) {
    filter.last = parse_count(o.last, "--last", std::numeric_limits<std::size_t>::max());
  }
  return filter;
}

// Sessions the filter would show but that are voided: the reason an empty history is empty
// when the log is not.
std::size_t voided_matches(const LogData& log, const HistoryFilter& f) {
  if (f.area_unused) return 0;
  std::size_t n = 0;
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::session || log.counts(e)) continue;
    if ((f.area && e.area != *f.area) || (f.since && e.utc < *f.since) ||
        (f.until && e.utc >= *f.until)) {
      continue;
    }
    ++n;
  }
  return n;
}

std::vector<HistoryEntry> select(std::vector<HistoryEntry> entries, const HistoryFilter& f) {
  if (f.area_unused) return {};
  std::erase_if(entries, [&](const HistoryEntry& e) {
    return (f.area && e.session.area != *f.area) || (f.since && e.session.utc < *f.since) ||
           (f.until && e.session.utc >= *f.until);
  });
  if (f.last && entries.size() > *f.last) {
    entries.erase(entries.begin(), entries.end() - static_cast<std::ptrdiff_t>(*f.last));
  }
  return entries;
}

double gap_days(std::int64_t seconds) { return days_rounded(static_cast<double>(seconds)); }

std::string history_date(std::int64_t utc) {
  const Timestamp local = to_local(utc);
  const CivilTime c = civil(local);
  return fmt::format("{} {:04}-{:02}-{:02} {:02}:{:02}", weekday_name(c.weekday), c.year, c.month,
                     c.day, c.hour, c.minute);
}

// A note on one table row: its line breaks and tabs become visible separators.
std::string one_line_note(std::string_view note) {
  std::string out;
  for (const char c : note) {
    if (c == '\n') {
      out += " / ";
    } else if (c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;  // format_table escapes what else the note holds
}

void print_table(const std::vector<HistoryEntry>& entries, const LogData& log, Context& c) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"DATE", "AREA", "DEPTH", "ROLLER", "GAP", "NOTE"});
  for (const auto& entry : entries) {
    const Event& s = entry.session;
    std::string note = s.note == Event::no_note ? "" : one_line_note(log.notes[s.note]);
    if (s.forced) note = note.empty() ? "(forced)" : "(forced) " + note;
    rows.push_back(
        {history_date(s.utc), log.name(s.area), format_depth(s.depth) + " mm", log.name(s.roller),
         entry.gap_seconds ? fmt::format("{:.1f} days", gap_days(*entry.gap_seconds)) : "-",
         std::move(note)});
  }
  c.out << format_table(rows, {}, c.style);
}

// --long: each session as a block, with how it went and the reaction that followed it.
void print_long(const std::vector<HistoryEntry>& entries, const LogData& log,
                const std::unordered_map<std::uint32_t, const Event*>& followed, Context& c) {
  bool first = true;
  for (const auto& entry : entries) {
    const Event& s = entry.session;
    if (!first) c.out << '\n';
    first = false;
    c.out << fmt::format(
        "{}  {} at {} mm, roller {}{}{}\n", history_date(s.utc),
        c.style.bold(printable(log.name(s.area))), format_depth(s.depth),
        printable(log.name(s.roller)),
        entry.gap_seconds ? fmt::format(", {:.1f} days after the last", gap_days(*entry.gap_seconds))
                          : std::string(", the first"),
        s.forced ? c.style.bad(" (forced)") : std::string());
    c.out << fmt::format("  id {}\n", format_id(s.id));
    if (const SessionDetail* detail = log.detail_of(s)) {
      c.out << fmt::format("  {}\n", detail_text(*detail));
    }
    if (s.note != Event::no_note) {
      c.out << fmt::format("  note: {}\n", printable(log.notes[s.note], uncut));
    }
    if (const auto found = followed.find(s.line); found != followed.end()) {
      const Event* reaction = found->second;
      const ReactionDetail& r = log.reactions[reaction->detail];
      c.out << fmt::format("  then: redness {}{}{}{} on {}\n", r.redness,
                           r.peeling ? ", peeling" : "", r.swelling ? ", swelling" : "",
                           r.severe ? c.style.bad(", severe") : std::string(),
                           history_date(reaction->utc));
    }
  }
}

// RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, and its
// quotes doubled. Hand-written: no Debian C++ library writes CSV, and this is the whole rule.
// CSV has no escapes of its own: a control or bidirectional character (from a hand-edited
// log) is written as roller shows it everywhere, \u202e, so that a CSV shown on a terminal
// cannot drive it or reorder its text; a note's newlines and tabs stay as they are.
std::string csv_field(std::string_view raw) {
  const std::string text = printable(raw, uncut, LineBreaks::keep);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

void print_csv(const std::vector<HistoryEntry>& entries, const LogData& log, Context& c) {
  c.out << "id,at,area,depth_mm,roller,note,gap_days,forced,passes,pressure,pain,numbing,serum,"
           "endpoint\r\n";
  const auto number = [](const std::optional<int>& n) {
    return n ? std::to_string(*n) : std::string();
  };
  for (const auto& entry : entries) {
    const Event& s = entry.session;
    const SessionDetail none;
    const SessionDetail* found = log.detail_of(s);
    const SessionDetail& d = found != nullptr ? *found : none;
    std::string serums;  // as the log keeps them: joined by ';'
    for (const auto& [key, value] : detail_fields(d)) {
      if (key == "serum") serums = value;
    }
    c.out << fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", format_id(s.id), json_time(s.utc),
        csv_field(log.name(s.area)), format_depth(s.depth), csv_field(log.name(s.roller)),
        s.note == Event::no_note ? "" : csv_field(log.notes[s.note]),
        entry.gap_seconds ? fmt::format("{:.3f}", gap_days(*entry.gap_seconds)) : "",
        s.forced ? "true" : "false", number(d.passes),
        d.pressure ? pressure_name(*d.pressure) : "", number(d.pain), number(d.numbing_minutes),
        csv_field(serums), d.endpoint ? endpoint_name(*d.endpoint) : "");
  }
}

// A session's details as members of the same names as the log's keys; null where not given.
void write_detail_json(JsonWriter& json, const SessionDetail* found) {
  const SessionDetail none;
  const SessionDetail& d = found != nullptr ? *found : none;
  json.member("passes", d.passes);
  json.key("pressure");
  if (d.pressure) {
    json.value(pressure_name(*d.pressure));
  } else {
    json.null();
  }
  json.member("pain", d.pain);
  json.member("numbing", d.numbing_minutes);
  json.key("serum");
  json.begin_array();
  for (const std::string& serum : d.serums) json.value(serum);
  json.end_array();
  json.key("endpoint");
  if (d.endpoint) {
    json.value(endpoint_name(*d.endpoint));
  } else {
    json.null();
  }
}

// Streams, so that a million sessions never sit in memory twice.
void print_json(const std::vector<HistoryEntry>& entries, const LogData& log, Context& c) {
  JsonWriter json;
  json.begin_object();
  json.key("sessions");
  json.begin_array();
  for (const auto& entry : entries) {
    const Event& s = entry.session;
    json.begin_object();
    const auto id = id_chars(s.id);
    const auto at = rfc3339_chars(to_local(s.utc));
    json.key("id");
    json.plain_value(std::string_view(id.data(), id.size()));
    json.key("at");
    json.plain_value(std::string_view(at.data(), at.size()));
    json.key("area");
    json.value(log.name(s.area));
    json.key("depth_mm");
    json.thousandths(s.depth);
    json.key("roller");
    json.value(log.name(s.roller));
    json.key("note");
    if (s.note == Event::no_note) {
      json.null();
    } else {
      json.value(log.notes[s.note]);
    }
    json.key("gap_days");
    if (entry.gap_seconds) {
      json.thousandths(days_in_thousandths(static_cast<double>(*entry.gap_seconds)));
    } else {
      json.null();
    }
    json.key("forced");
    json.value(static_cast<bool>(s.forced));
    write_detail_json(json, log.detail_of(s));
    json.end_object();
    if (json.text().size() >= (256 << 10)) json.flush(c.out);
  }
  json.end_array();
  json.end_object();
  json.flush(c.out);
}

void setup_history(CLI::App& cmd, HistoryOptions& options) {
  cmd.add_option("--area", options.area, "Only this area")->type_name("AREA")->check(non_empty());
  cmd.add_option("--since", options.since, "Only sessions at or after TIME")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--until", options.until,
                 "Only sessions at or before TIME (a date includes that whole day)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--last", options.last, "Only the last N sessions (after the other filters)")
      ->type_name("N")
      ->check(non_empty());
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.add_flag("--long", options.long_form,
               "Show each session in full: its details, whole note and the reaction after it");
  cmd.add_flag("--csv", options.csv, "Print CSV (RFC 4180, with a header row), for spreadsheets");
  cmd.add_flag("--calendar", options.calendar,
               "Show month grids, each day marked by its deepest session, today in brackets");
  cmd.add_option("--months", options.months,
                 "With --calendar: how many months, ending with this one (default 3)")
      ->type_name("N")
      ->check(non_empty());
  cmd.footer(
      "Voided sessions are left out. Times: RFC 3339, YYYY-MM-DD, \"YYYY-MM-DD HH:MM\",\n"
      "today, yesterday.\n\n"
      "Examples:\n"
      "  roller history\n"
      "  roller history --area cheeks --since 2026-09-01 --until 2026-11-30\n"
      "  roller history --last 5 --json\n"
      "  roller history --csv > sessions.csv\n"
      "  roller history --calendar --area forehead --months 6");
}

int run_history(const HistoryOptions& options, Context& c) {
  check_combinations(options);
  const std::size_t months =
      options.months.empty()
          ? 3
          : parse_count(options.months, "--months", static_cast<std::size_t>(max_calendar_months));
  const Profile& profile = c.profile();
  const LogData log =
      c.read_log(LoadOptions{.keep_notes = !options.calendar, .keep_details = !options.calendar});
  const Judge judge(profile, log);
  const HistoryFilter filter = make_filter(options, profile, log, c.now);
  if (options.calendar) {
    c.out << render_calendar(log, filter.area, filter.area_unused, static_cast<int>(months),
                             c.now.utc, c.style);
    return 0;
  }
  const std::vector<HistoryEntry> entries = select(session_history(judge, log), filter);

  if (options.json) {
    print_json(entries, log, c);
    return 0;
  }
  if (options.csv) {
    print_csv(entries, log, c);
    return 0;
  }
  if (entries.empty()) {
    const bool filtered = !options.area.empty() || !options.since.empty() || !options.until.empty();
    const std::size_t voided = voided_matches(log, filter);
    if (voided == 0) {
      c.out << (filtered ? "No sessions match.\n" : "No sessions logged yet.\n");
    } else if (filtered) {
      c.out << fmt::format("No sessions match: the {} that would {} voided.\n",
                           voided == 1 ? std::string("one") : std::to_string(voided),
                           voided == 1 ? "is" : "are");
    } else {
      c.out << (voided == 1 ? std::string("No sessions: the one logged is voided.\n")
                            : fmt::format("No sessions: all {} logged are voided.\n", voided));
    }
    return 0;
  }
  if (options.long_form) {
    // The reaction that followed each session, as the stats count them, by the session's
    // line (one record a line).
    std::unordered_map<std::uint32_t, const Event*> followed;
    const std::vector<const Event*> reactions = reactions_following(judge, log);
    for (std::size_t i = 0; i < reactions.size(); ++i) {
      if (reactions[i] != nullptr) followed.emplace(judge.replay()[i].session->line, reactions[i]);
    }
    print_long(entries, log, followed, c);
    return 0;
  }
  print_table(entries, log, c);
  return 0;
}

}  // namespace

const Command history_command{
    "history",
    "Show past sessions, oldest first, with the gap since the previous session of the same area",
    with_options<HistoryOptions, setup_history, run_history>};

}  // namespace roller::cli
