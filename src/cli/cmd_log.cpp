// `roller log`: validate the request, then, under the log's exclusive lock, judge it against
// every session of the area and append it. The lock covers both, so two processes can never
// both pass the rest check.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/hygiene.hpp"
#include "roller/log_file.hpp"
#include "roller/judge.hpp"
#include "roller/schedule.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller log`'s options, as typed.
struct LogOptions {
  std::string area;
  std::string depth;
  std::string roller;
  std::string at;
  std::string note;
  bool note_given = false;
  bool force = false;
};

// Long enough for any real observation, short enough to keep the log a log.
constexpr std::size_t max_note_chars = 4000;

/// A validated request to log a session.
struct SessionRequest {
  std::size_t area = 0;
  Micrometres depth = 0;
  std::string roller;
  Timestamp at;
  std::optional<std::string> note;
  bool force = false;
};

Micrometres parse_depth_option(std::string_view text) {
  const auto depth = parse_depth(text);
  if (!depth || *depth == 0) {
    throw UsageError(fmt::format(
        "--depth: '{}' is not a positive depth in millimetres (like 0.5, at most 3 decimals)",
        printable(text)));
  }
  return *depth;
}

// Picks the roller and depth from --roller and --depth (the spec's "Rollers" section).
std::pair<std::string, Micrometres> choose_roller(const Profile& profile, const LogOptions& o) {
  if (profile.rollers.empty()) {
    std::string name = choose_roller_name(profile, o.roller);
    if (o.depth.empty())
      throw UsageError("--depth is required (the needle length in mm, like 0.5)");
    return {std::move(name), parse_depth_option(o.depth)};
  }
  if (!o.roller.empty() || (o.depth.empty() && profile.default_roller)) {
    const Roller& roller = *profile.find_roller(choose_roller_name(profile, o.roller));
    if (!o.depth.empty() && parse_depth_option(o.depth) != roller.needle) {
      throw UsageError(fmt::format("--depth {} contradicts --roller {}, whose needles are {} mm",
                                   o.depth, roller.name, format_depth(roller.needle)));
    }
    return {roller.name, roller.needle};
  }
  if (o.depth.empty()) {
    throw UsageError(
        fmt::format("--depth or --roller is required; the profile lists {}", roller_list(profile)));
  }
  const Micrometres depth = parse_depth_option(o.depth);
  std::vector<const Roller*> matches;
  for (const auto& roller : profile.rollers) {
    if (roller.needle == depth) matches.push_back(&roller);
  }
  if (matches.empty()) {
    throw UsageError(
        fmt::format("--depth {}: no roller of yours has {} mm needles; the profile "
                    "lists {}",
                    o.depth, format_depth(depth), roller_list(profile)));
  }
  if (matches.size() > 1) {
    for (const Roller* roller : matches) {
      if (profile.default_roller == roller->name) return {roller->name, depth};
    }
    throw UsageError(
        fmt::format("--depth {}: several rollers have {} mm needles; pick one with "
                    "--roller ({})",
                    o.depth, format_depth(depth), roller_list(profile)));
  }
  return {matches.front()->name, depth};
}

SessionRequest make_request(const LogOptions& o, const Profile& profile, Timestamp now) {
  SessionRequest request;
  request.area = require_area(profile, o.area);
  std::tie(request.roller, request.depth) = choose_roller(profile, o);
  request.at = o.at.empty() ? now : parse_past_time(o.at, now, "--at");
  if (o.note_given) {
    check_text(o.note, "--note", max_note_chars, /*multiline=*/true);
    request.note = o.note;
  }
  request.force = o.force;
  return request;
}

// Says why the rules refuse the session; empty when they allow it. A backfill's rest is
// told relative to the instant it names, which is what the person is asking about.
std::string refusal(const Verdict& v, const SessionRequest& r, const Judge& judge,
                    const Profile& profile, const LogData& log, std::int64_t now) {
  const std::string& area = profile.areas[r.area].name;
  const bool backfill = r.at.utc != now;
  switch (v.rule) {
    case Rule::ok:
      return {};
    case Rule::home_limit:
      return fmt::format(
          "{} mm is deeper than the home limit of {} mm; deeper needles are for "
          "clinics",
          format_depth(r.depth), format_depth(v.limit));
    case Rule::area_cap:
      return fmt::format("{} allows at most {} mm, and this session is {} mm", area,
                         format_depth(v.limit), format_depth(r.depth));
    case Rule::hold:
      return fmt::format("on hold until {} ({}): {}", format_when(v.until, now),
                         backfill ? fmt::format("{} after {}", format_duration(v.until - r.at.utc),
                                                format_when(r.at.utc, now))
                                  : format_relative(v.until, now),
                         printable(log.notes[v.hold->record->note]));
    case Rule::product_window:
      return fmt::format("no session on {} until {} ({}): {} was used {} on {}{}", area,
                         format_when(v.until, now), format_relative(v.until, now),
                         printable(v.window->product->name),
                         format_when(v.window->from, now),
                         use_areas(*v.window->use, log),
                         v.window->product->reason.empty()
                             ? ""
                             : fmt::format(" ({})", v.window->product->reason));
    case Rule::too_soon:
      return fmt::format(
          "{} {} resting until {} ({}) {}", area, backfill ? "was" : "is",
          format_when(v.until, now),
          backfill ? fmt::format("{} after {}", format_duration(v.until - r.at.utc),
                                 format_when(r.at.utc, now))
                   : format_relative(v.until, now),
          after_session(*v.other, log, area, now));
    case Rule::too_close_before_later:
      return fmt::format("{} was rolled {} mm on {}, inside the {} this {} mm session needs",
                         printable(log.name(v.other->area)), format_depth(v.other->depth),
                         format_when(v.other->utc, now),
                         format_duration(judge.rest_seconds(r.area, r.depth)),
                         format_depth(r.depth));
  }
  return {};
}

// How a refusal of each rule begins.
std::string_view headline(Rule rule) {
  switch (rule) {
    case Rule::home_limit:
    case Rule::area_cap:
      return "too deep: ";
    case Rule::too_soon:
      return "too soon: ";
    case Rule::too_close_before_later:
      return "too close to a later session: ";
    case Rule::product_window:
      return "too soon after a product: ";
    case Rule::ok:
    case Rule::hold:
      break;
  }
  return "";
}

// The moment of a session is the moment to mention a dirty or worn-out roller.
void warn_hygiene(Context& c, const Profile& profile, const LogData& log,
                  const SessionRequest& request) {
  for (const RollerStatus& s : roller_statuses(profile, log, request.at.utc)) {
    if (s.name != request.roller) continue;
    if (s.since_in_future) {
      c.warn(fmt::format("roller {}: its 'since' is after this session, so it is ignored; its "
                         "head counts from its first use",
                         s.name));
    }
    // The areas of one sitting share one cleaning, after the last of them; and a backfill
    // that comes before the roller's latest use is no moment to ask about that use.
    const bool same_sitting = s.last_used && s.last_used->utc <= request.at.utc &&
                              request.at.utc - s.last_used->utc < profile.sitting_seconds;
    const bool used_later = s.last_used && s.last_used->utc > request.at.utc;
    if (s.needs_cleaning && !same_sitting && !used_later) {
      c.warn(
          fmt::format("roller {} was not cleaned after its last use on {}; clean it now: "
                      "roller clean --roller {}",
                      s.name, format_when(s.last_used->utc, c.now.utc), s.name));
    }
    if (s.replace_due) {
      c.warn(
          fmt::format("the head of roller {} is due for replacement ({} of {} uses, {} of {} "
                      "days); fit a new one: roller replace --roller {}",
                      s.name, s.uses_since_replace, s.replace_after_uses,
                      s.age_days(request.at.utc), s.replace_after_days, s.name));
    }
  }
}

void setup_log(CLI::App& cmd, LogOptions& options) {
  cmd.add_option("--area", options.area, "The area rolled (one of the profile's areas)")
      ->type_name("AREA")
      ->required()
      ->check(non_empty());
  cmd.add_option("--depth", options.depth, "Needle length in mm, like 0.5")
      ->type_name("MM")
      ->check(non_empty());
  cmd.add_option("--roller", options.roller, "The roller used (one of the profile's rollers)")
      ->type_name("NAME")
      ->check(non_empty());
  cmd.add_option("--at", options.at, "When it happened, if not now (a past time)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--note", options.note, "A note to keep with the session")
      ->each([&options](const std::string&) { options.note_given = true; });
  cmd.add_flag("--force", options.force,
               "Log even if too soon or deeper than the area allows (never past the home limit)");
  cmd.footer(
      "A session of depth d rests the area for the days of the first [[rest]] tier whose\n"
      "up_to_mm >= d. Refused sessions exit with status 3 and nothing is written.\n\n"
      "Examples:\n"
      "  roller log --area forehead --depth 0.5\n"
      "  roller log --area cheeks --depth 1.0 --note \"slight redness\"\n"
      "  roller log --area forehead --depth 0.5 --at yesterday");
}

int run_log(const LogOptions& options, Context& c) {
  const Profile& profile = c.profile();
  const SessionRequest request = make_request(options, profile, c.now);
  const std::string& area = profile.areas[request.area].name;
  const std::int64_t now = c.now.utc;
  bool forced = false;
  // Says what --force overrides, loudly, and marks the record.
  const auto override_loudly = [&](const std::string& why) {
    c.warn(c.err_style.bad(fmt::format("FORCED: {}; recorded as forced", why)));
    forced = true;
  };

  // Depth rules need no log: judge them before touching (or creating) the file.
  const Verdict depth = Judge::judge_depth(profile, request.area, request.depth);
  if (!depth.allowed()) {
    const LogData none;
    const std::string why = refusal(depth, request, Judge(profile, none), profile, none, now);
    if (depth.rule == Rule::home_limit || !request.force) {
      throw RefusedError(std::string(headline(depth.rule)) + why);
    }
    override_loudly(why);
  }

  auto [file, log] =
      c.open_log_for_writing(request.force, {}, "judge rest intervals over it");
  const Judge judge(profile, log);
  c.report_unknown_areas(judge, log);
  const Verdict timing = judge.judge_timing(request.area, request.depth, request.at.utc);
  if (!timing.allowed()) {
    std::string why = refusal(timing, request, judge, profile, log, now);
    if (!request.force) {
      if (timing.rule == Rule::hold) why += "; 'roller hold --clear' ends it early";
      throw RefusedError(std::string(headline(timing.rule)) + why);
    }
    override_loudly(why);
  }

  const std::uint64_t id = new_id(log);
  Record record{request.at, "session", {}};
  record.fields = {{"id", format_id(id)},
                   {"area", area},
                   {"depth", format_depth(request.depth)},
                   {"roller", request.roller}};
  if (request.note) record.fields.emplace_back("note", *request.note);
  if (forced) record.fields.emplace_back("forced", "true");
  file.append(record);

  c.out << fmt::format("Logged {} at {} mm on {} (roller {}, id {})\n", area,
                       format_depth(request.depth), format_when(request.at.utc, now),
                       request.roller, format_id(id).substr(0, 8));
  // The area as the judge sees it now, with this session counted.
  Event logged;
  logged.utc = request.at.utc;
  logged.offset = request.at.offset;
  logged.id = id;
  logged.kind = RecordKind::session;
  logged.depth = request.depth;
  logged.forced = forced;
  logged.line = log.lines + 1;
  const ExtraSession counted{&logged, request.area};
  const AreaState full = judge.area_at(request.area, now, {&counted, 1});
  if (full.ready) {
    c.out << fmt::format("{}: {}\n", area, c.style.good("ready now"));
  } else {
    c.out << fmt::format("{}: next session from {}, {}\n", area, format_when(*full.due, now),
                         format_relative(*full.due, now));
  }
  for (const AftercareWindow& w : aftercare_for(profile, request.depth, request.at.utc)) {
    if (w.until > now) {
      c.out << fmt::format("Aftercare: avoid {} until {}\n", w.avoid, format_when(w.until, now));
    }
  }
  warn_hygiene(c, profile, log, request);
  return 0;
}

}  // namespace

const Command log_command{"log", "Check the rules and record a session",
                          with_options<LogOptions, setup_log, run_log>};

}  // namespace roller::cli
