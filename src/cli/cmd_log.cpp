// `roller log`: validate the request, then, under the log's exclusive lock, judge it against
// every session of the area and append it. The lock covers both, so two processes can never
// both pass the rest check. A sitting (several areas at once) is judged whole first and
// written in one append, or not at all.
#include <fmt/format.h>

#include <algorithm>
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
  std::vector<std::string> areas;       ///< AREA or AREA=MM, as positional arguments
  std::vector<std::string> area_flags;  ///< --area, repeatable
  std::string depth;
  std::string roller;
  std::string at;
  std::string note;
  bool note_given = false;
  bool force = false;
  // How it went: kept as the session's details, on every area of a sitting.
  std::string passes;
  std::string pressure;
  std::string pain;
  std::string numbing;
  std::vector<std::string> serums;
  std::string endpoint;
};

// Long enough for any real observation, short enough to keep the log a log.
constexpr std::size_t max_note_chars = 4000;

/// One area of a validated request, with its depth and the roller (or pen) used on it.
struct AreaRequest {
  std::size_t area = 0;
  Micrometres depth = 0;
  std::string roller;
};

/// A validated request to log a session on one area, or a sitting of several.
struct SessionRequest {
  std::vector<AreaRequest> areas;  ///< the words first, then each --area
  Timestamp at;
  std::optional<std::string> note;
  SessionDetail detail;
  bool force = false;
};

// `what` names where the depth came from in messages: "--depth", "cheeks=1.0".
Micrometres parse_depth_text(std::string_view text, std::string_view what) {
  const auto depth = parse_depth(text);
  if (!depth || *depth == 0) {
    throw UsageError(fmt::format(
        "{}: '{}' is not a positive depth in millimetres (like 0.5, at most 3 decimals)", what,
        printable(text)));
  }
  return *depth;
}

std::string pen_range(const Roller& pen) {
  return fmt::format("{} to {} mm", format_depth(pen.min_depth), format_depth(pen.max_depth));
}

// A pen's depth must lie in its range: outside it, the person mistyped or chose the wrong
// device, which is a usage error, not a rule of the skin.
void check_pen_depth(const Roller& pen, Micrometres depth, std::string_view what) {
  if (!pen.reaches(depth)) {
    throw UsageError(fmt::format("{}: pen {} is set from {}; {} mm is outside its range", what,
                                 pen.name, pen_range(pen), format_depth(depth)));
  }
}

// Picks the roller and depth of one area from --roller and its depth, if given (`what`
// names it: "--depth", "cheeks=1.0"), as the spec's "Rollers" and "Devices" say. A depth
// picks the roller with that needle, else a pen that reaches it.
std::pair<std::string, Micrometres> choose_roller(const Profile& profile, std::string_view option,
                                                  std::string_view depth_text,
                                                  std::string_view what) {
  const std::optional<Micrometres> depth =
      depth_text.empty() ? std::nullopt : std::optional(parse_depth_text(depth_text, what));
  if (profile.rollers.empty()) {
    std::string name = choose_roller_name(profile, option);
    if (!depth) throw UsageError("--depth is required (the needle length in mm, like 0.5)");
    return {std::move(name), *depth};
  }
  if (!option.empty() || (!depth && profile.default_roller)) {
    const Roller& roller = *profile.find_roller(choose_roller_name(profile, option));
    if (roller.is_pen()) {
      if (!depth) {
        throw UsageError(fmt::format("--depth is required: pen {} is set for each session ({})",
                                     roller.name, pen_range(roller)));
      }
      check_pen_depth(roller, *depth, what);
      return {roller.name, *depth};
    }
    if (depth && *depth != roller.needle) {
      throw UsageError(fmt::format("{} contradicts --roller {}, whose needles are {} mm",
                                   printable(what == "--depth" ? fmt::format("--depth {}", depth_text)
                                                               : std::string(what)),
                                   roller.name, format_depth(roller.needle)));
    }
    return {roller.name, roller.needle};
  }
  if (!depth) {
    throw UsageError(
        fmt::format("--depth or --roller is required; the profile lists {}", roller_list(profile)));
  }
  std::vector<const Roller*> matches;
  for (const auto& roller : profile.rollers) {
    if (!roller.is_pen() && roller.needle == *depth) matches.push_back(&roller);
  }
  if (matches.empty()) {
    for (const auto& roller : profile.rollers) {
      if (roller.is_pen() && roller.reaches(*depth)) matches.push_back(&roller);
    }
  }
  if (matches.empty()) {
    // A person who rolls with a pen set the dial out of its range, most likely.
    if (profile.default_roller) {
      const Roller& usual = *profile.find_roller(*profile.default_roller);
      if (usual.is_pen()) check_pen_depth(usual, *depth, what);
    }
    throw UsageError(fmt::format("{}: no roller of yours has {} mm needles; the profile lists {}",
                                 what == "--depth" ? fmt::format("--depth {}", depth_text)
                                                   : std::string(what),
                                 format_depth(*depth), roller_list(profile)));
  }
  if (matches.size() > 1) {
    for (const Roller* roller : matches) {
      if (profile.default_roller == roller->name) return {roller->name, *depth};
    }
    throw UsageError(fmt::format("{}: several rollers have {} mm needles; pick one with --roller "
                                 "({})",
                                 what == "--depth" ? fmt::format("--depth {}", depth_text)
                                                   : std::string(what),
                                 format_depth(*depth), roller_list(profile)));
  }
  return {matches.front()->name, *depth};
}

// A serum's name: one line, as long as a product's name may reasonably be.
constexpr std::size_t max_serum_chars = 200;

SessionDetail make_detail(const LogOptions& o) {
  SessionDetail detail;
  const auto whole = [](const std::string& text, std::string_view option, int min, int max,
                        std::string_view unit) -> std::optional<int> {
    if (text.empty()) return std::nullopt;
    const auto value = parse_whole_number(text, min, max);
    if (!value) {
      throw UsageError(fmt::format("{}: '{}' is not a whole number from {} to {}{}", option,
                                   printable(text), min, max, unit));
    }
    return value;
  };
  detail.passes = whole(o.passes, "--passes", 1, max_passes, "");
  detail.pain = whole(o.pain, "--pain", 0, max_pain, " (0: none, 10: the worst)");
  detail.numbing_minutes = whole(o.numbing, "--numbing", 0, max_numbing_minutes, " minutes");
  if (!o.pressure.empty()) {
    detail.pressure = parse_pressure(o.pressure);
    if (!detail.pressure) {
      throw UsageError(fmt::format("--pressure: '{}' is not light, medium or firm",
                                   printable(o.pressure)));
    }
  }
  if (!o.endpoint.empty()) {
    detail.endpoint = parse_endpoint(o.endpoint);
    if (!detail.endpoint) {
      throw UsageError(fmt::format("--endpoint: '{}' is not none, erythema or pinpoint-bleeding",
                                   printable(o.endpoint)));
    }
  }
  // "--serum 'hyaluronic acid;peptides'" is two serums, as the log keeps them.
  for (const std::string& given : o.serums) {
    for (std::size_t from = 0; from <= given.size();) {
      const std::size_t end = std::min(given.find(serum_separator, from), given.size());
      std::string_view serum = std::string_view(given).substr(from, end - from);
      while (!serum.empty() && serum.front() == ' ') serum.remove_prefix(1);
      while (!serum.empty() && serum.back() == ' ') serum.remove_suffix(1);
      if (serum.empty()) {
        throw UsageError(fmt::format("--serum: '{}' names an empty serum; separate several "
                                     "with ';' or repeat --serum",
                                     printable(given)));
      }
      check_text(serum, "--serum", max_serum_chars, /*multiline=*/false);
      detail.serums.emplace_back(serum);
      from = end + 1;
    }
  }
  return detail;
}

SessionRequest make_request(const LogOptions& o, const Profile& profile, Timestamp now) {
  std::vector<std::string> typed = o.areas;
  typed.insert(typed.end(), o.area_flags.begin(), o.area_flags.end());
  if (typed.empty()) {
    throw UsageError("an area is required: roller log AREA[=MM]... or --area AREA (see "
                     "roller log --help)");
  }
  // Every area is named rightly and once before any depth or roller is read.
  SessionRequest request;
  std::vector<std::size_t> equals_at;
  for (const std::string& text : typed) {
    const std::size_t equals = text.find('=');
    const std::string_view name = std::string_view(text).substr(0, equals);
    if (name.empty()) {
      throw UsageError(fmt::format("'{}' names no area: write AREA or AREA=MM", printable(text)));
    }
    AreaRequest area;
    area.area = require_area(profile, name);
    for (const AreaRequest& earlier : request.areas) {
      if (earlier.area == area.area) {
        throw UsageError(fmt::format("{} is named twice: a sitting rolls each area once",
                                     profile.areas[area.area].name));
      }
    }
    request.areas.push_back(std::move(area));
    equals_at.push_back(equals);
  }
  for (std::size_t i = 0; i < typed.size(); ++i) {
    AreaRequest& area = request.areas[i];
    const std::string& text = typed[i];
    if (equals_at[i] == std::string::npos) {
      std::tie(area.roller, area.depth) = choose_roller(profile, o.roller, o.depth, "--depth");
    } else {
      const std::string_view mm = std::string_view(text).substr(equals_at[i] + 1);
      if (mm.empty()) {
        throw UsageError(fmt::format("{}: the depth after '=' is missing (like {}=0.5)",
                                     printable(text), profile.areas[area.area].name));
      }
      std::tie(area.roller, area.depth) = choose_roller(profile, o.roller, mm, printable(text));
    }
  }
  request.at = o.at.empty() ? now : parse_past_time(o.at, now, "--at");
  if (o.note_given) {
    check_text(o.note, "--note", max_note_chars, /*multiline=*/true);
    request.note = o.note;
  }
  request.detail = make_detail(o);
  request.force = o.force;
  return request;
}

// Says why the rules refuse the session; empty when they allow it. A backfill's rest is
// told relative to the instant it names, which is what the person is asking about.
// `sitting`: the areas of the request judged before this one, counted as sessions.
std::string refusal(const Verdict& v, const AreaRequest& r, Timestamp at, const Judge& judge,
                    const Profile& profile, const LogData& log, std::int64_t now,
                    std::span<const ExtraSession> sitting = {}) {
  const std::string& area = profile.areas[r.area].name;
  const bool backfill = at.utc != now;
  const auto how_long = [&](std::int64_t until) {
    return backfill ? fmt::format("{} after {}", format_duration(until - at.utc),
                                  format_when(at.utc, now))
                    : format_relative(until, now);
  };
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
      if (v.hold->open()) return fmt::format("on hold until cleared: {}", printable(v.hold->reason));
      return fmt::format("on hold until {} ({}): {}", format_when(v.until, now), how_long(v.until),
                         printable(v.hold->reason));
    case Rule::reaction:
      return fmt::format("{} is still red until {} ({}) {}", area, format_when(v.until, now),
                         how_long(v.until), after_reaction(*v.reaction, log, now));
    case Rule::product_window:
      return fmt::format("no session on {} until {} ({}): {} was put on {} on {}{}", area,
                         format_when(v.until, now), how_long(v.until),
                         printable(v.window->product->name), use_areas(*v.window->use, log),
                         format_when(v.window->from, now),
                         v.window->product->reason.empty()
                             ? ""
                             : fmt::format(" ({})", v.window->product->reason));
    case Rule::too_soon:
      for (const ExtraSession& earlier : sitting) {
        if (earlier.session == v.other) {
          return fmt::format("{} overlaps {}, which this sitting rolls first", area,
                             profile.areas[earlier.area].name);
        }
      }
      return fmt::format("{} {} resting until {} ({}) {}", area, backfill ? "was" : "is",
                         format_when(v.until, now), how_long(v.until),
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
      return "inside a product's window: ";
    case Rule::reaction:
      return "skin still red: ";
    case Rule::ok:
    case Rule::hold:
      break;
  }
  return "";
}

// The moment of a session is the moment to mention a dirty or worn-out roller; a sitting
// mentions each roller it uses once.
void warn_hygiene(Context& c, const Profile& profile, const LogData& log,
                  const SessionRequest& request) {
  std::vector<std::string_view> used;
  for (const AreaRequest& area : request.areas) {
    if (std::find(used.begin(), used.end(), area.roller) == used.end()) used.push_back(area.roller);
  }
  for (const RollerStatus& s : roller_statuses(profile, log, request.at.utc)) {
    if (std::find(used.begin(), used.end(), s.name) == used.end()) continue;
    if (s.since_in_future) {
      c.warn(fmt::format("roller {}: its 'since' is after this session, so it is ignored; its "
                         "head counts from its first use",
                         s.name));
    }
    // The areas of one sitting share one cleaning, after the last of them; and a backfill
    // that comes before the roller's latest use is no moment to ask about that use.
    const bool same_sitting =
        s.last_used && s.last_used->utc <= request.at.utc &&
        (request.at.utc == s.last_used->utc ||
         request.at.utc - s.last_used->utc < profile.sitting_seconds);
    const bool used_later = s.last_used && s.last_used->utc > request.at.utc;
    if (s.needs_cleaning && !same_sitting && !used_later) {
      c.warn(
          fmt::format("roller {} was not cleaned after its last use on {}; clean it now: "
                      "roller clean --roller {}",
                      s.name, format_when(s.last_used->utc, c.now.utc), s.name));
    }
    if (s.replace_due) {
      const bool pen = head_word(profile, s.name) == "cartridge";
      c.warn(fmt::format("the {} of {} {} is due for replacement ({} of {} uses, {} of {} days); "
                         "fit a new one: roller replace --roller {}",
                         pen ? "cartridge" : "head", pen ? "pen" : "roller", s.name,
                         s.uses_since_replace,
                         s.replace_after_uses, s.age_days(request.at.utc), s.replace_after_days,
                         s.name));
    }
  }
}

void setup_log(CLI::App& cmd, LogOptions& options) {
  cmd.add_option("areas", options.areas,
                 "The areas rolled, each as AREA or AREA=MM (its own depth); several are one "
                 "sitting")
      ->type_name("AREA[=MM]...")
      ->check(non_empty());
  cmd.add_option("--area", options.area_flags, "An area rolled (repeatable)")
      ->type_name("AREA")
      ->allow_extra_args(false)  // one area per --area: the words after it are areas too
      ->check(non_empty());
  cmd.add_option("--depth", options.depth,
                 "Needle length in mm, like 0.5 (a pen's setting); for every area without =MM")
      ->type_name("MM")
      ->check(non_empty());
  cmd.add_option("--roller", options.roller,
                 "The roller, stamp or pen used (one of the profile's rollers)")
      ->type_name("NAME")
      ->check(non_empty());
  cmd.add_option("--at", options.at, "When it happened, if not now (a past time)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--note", options.note, "A note to keep with the session")
      ->each([&options](const std::string&) { options.note_given = true; });
  cmd.add_flag("--force", options.force,
               "Log even if too soon, inside a product's window, while the skin is still red, or "
               "deeper than the area allows (never past the home limit)");
  cmd.add_option("--passes", options.passes, "How many passes over the area (1-20)")
      ->type_name("N")
      ->check(non_empty());
  cmd.add_option("--pressure", options.pressure, "How hard: light, medium or firm")
      ->type_name("P")
      ->check(non_empty());
  cmd.add_option("--pain", options.pain, "How much it hurt, 0 (not at all) to 10")
      ->type_name("0-10")
      ->check(non_empty());
  cmd.add_option("--numbing", options.numbing, "Minutes of numbing cream before (0-240)")
      ->type_name("MINUTES")
      ->check(non_empty());
  cmd.add_option("--serum", options.serums,
                 "What went on after (repeatable; or several separated by ';')")
      ->type_name("TEXT")
      ->allow_extra_args(false)
      ->check(non_empty());
  cmd.add_option("--endpoint", options.endpoint,
                 "What the skin showed when you stopped: none, erythema or pinpoint-bleeding")
      ->type_name("E")
      ->check(non_empty());
  cmd.footer(
      "A session of depth d rests the area for the days of the first rest tier (the area's\n"
      "own, else the profile's) whose up_to_mm >= d. Several areas are one sitting at one\n"
      "instant: every area is judged first, and if any is refused nothing is written.\n"
      "Refused sessions exit with status 3.\n\n"
      "Examples:\n"
      "  roller log --area forehead --depth 0.5\n"
      "  roller log forehead cheeks=1.0 under-eye=0.25 --depth 0.5\n"
      "  roller log --area cheeks --depth 1.0 --note \"slight redness\"\n"
      "  roller log --area forehead --depth 0.5 --at yesterday\n"
      "  roller log cheeks --depth 1.0 --passes 4 --pressure light --pain 3 \\\n"
      "      --numbing 30 --serum \"hyaluronic acid\" --endpoint erythema");
}

// What is said of each area once its session is written: when it is next due, and what to
// avoid after it.
void report_logged(Context& c, const Profile& profile, const Judge& judge,
                   const SessionRequest& request, std::span<const ExtraSession> logged) {
  const std::int64_t now = c.now.utc;
  for (const AreaRequest& r : request.areas) {
    const std::string& area = profile.areas[r.area].name;
    const AreaState full = judge.area_at(r.area, now, logged);
    if (full.ready) {
      c.out << fmt::format("{}: {}\n", area, c.style.good("ready now"));
    } else if (full.due_by == DueCause::hold && full.due_hold->open()) {
      c.out << fmt::format("{}: on hold until cleared (roller hold --clear)\n", area);
    } else {
      c.out << fmt::format("{}: next session from {}, {}\n", area, format_when(*full.due, now),
                           format_relative(*full.due, now));
    }
  }
  // The products to keep off the areas just rolled, each once, with the areas it concerns.
  struct Avoid {
    const Product* product;
    std::int64_t end;
    std::vector<std::string_view> areas;
  };
  std::vector<Avoid> avoid;
  for (const AreaRequest& r : request.areas) {
    for (const AfterWindow& w : judge.after_windows(r.area, now, logged)) {
      const bool ours = std::any_of(logged.begin(), logged.end(),
                                    [&](const ExtraSession& e) { return e.session == w.session; });
      if (!ours || w.end <= now) continue;
      auto same = std::find_if(avoid.begin(), avoid.end(), [&](const Avoid& a) {
        return a.product == w.product && a.end == w.end;
      });
      if (same == avoid.end()) same = avoid.insert(avoid.end(), {w.product, w.end, {}});
      same->areas.push_back(profile.areas[r.area].name);
    }
  }
  for (const Avoid& a : avoid) {
    c.out << fmt::format("No {} on {} until {}\n", a.product->name, fmt::join(a.areas, ", "),
                         format_when(a.end, now));
  }
  Micrometres deepest = 0;
  for (const AreaRequest& r : request.areas) deepest = std::max(deepest, r.depth);
  for (const AftercareWindow& w : aftercare_for(profile, deepest, request.at.utc)) {
    if (w.until > now) {
      c.out << fmt::format("Aftercare: avoid {} until {}\n", w.avoid, format_when(w.until, now));
    }
  }
}

int run_log(const LogOptions& options, Context& c) {
  const Profile& profile = c.profile();
  const SessionRequest request = make_request(options, profile, c.now);
  const std::int64_t now = c.now.utc;
  const bool sitting = request.areas.size() > 1;
  // One line per refused area; a single area keeps the line it always had.
  const auto refuse = [&](const std::vector<std::string>& lines) {
    if (!sitting) throw RefusedError(lines.front());
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) c.err << "roller: " << lines[i] << '\n';
    throw RefusedError(fmt::format("{}; nothing logged ({} of {} areas refused)", lines.back(),
                                   lines.size(), request.areas.size()));
  };
  const auto label = [&](const AreaRequest& r) {
    return sitting ? profile.areas[r.area].name + ": " : std::string();
  };
  // Every area is judged, in the order given, before anything is written: first the depth
  // rules, which need no log, then the timing rules against the log and the sitting's areas
  // before it, taken as sessions at the one instant (two areas of a sitting that overlap
  // roll the same skin twice). What --force overrides is said loudly once all pass.
  std::vector<Event> events(request.areas.size());
  std::vector<ExtraSession> counted;
  counted.reserve(request.areas.size());
  std::vector<std::string> refused;
  std::vector<std::string> overridden;
  std::vector<bool> forced(request.areas.size(), false);
  const auto judge_all = [&](const Judge& judge, const LogData& log) {
    counted.clear();
    refused.clear();
    overridden.clear();
    std::fill(forced.begin(), forced.end(), false);
    for (std::size_t i = 0; i < request.areas.size(); ++i) {
      const AreaRequest& r = request.areas[i];
      Verdict verdict = Judge::judge_depth(profile, r.area, r.depth);
      const bool depth_forced = !verdict.allowed() && verdict.rule != Rule::home_limit &&
                                request.force;
      if (verdict.allowed() || depth_forced) {
        if (depth_forced) {
          overridden.push_back(label(r) + refusal(verdict, r, request.at, judge, profile, log,
                                                  now, counted));
          forced[i] = true;
        }
        verdict = judge.judge_timing(r.area, r.depth, request.at.utc, counted);
      }
      if (!verdict.allowed()) {
        std::string why = refusal(verdict, r, request.at, judge, profile, log, now, counted);
        if (verdict.rule == Rule::home_limit || !request.force) {
          if (verdict.rule == Rule::hold) {
            why += verdict.hold->open() ? "; once the skin has healed, 'roller hold --clear' ends it"
                                        : "; 'roller hold --clear' ends it early";
          }
          refused.push_back(label(r) + std::string(headline(verdict.rule)) + why);
        } else {
          overridden.push_back(label(r) + why);
          forced[i] = true;
        }
      }
      Event& e = events[i];
      e.utc = request.at.utc;
      e.offset = request.at.offset;
      e.kind = RecordKind::session;
      e.depth = r.depth;
      e.line = log.lines + 1 + static_cast<std::uint32_t>(i);
      counted.push_back({&e, r.area});
    }
  };
  // A refusal must not create the log: with no log yet, or a depth no --force allows, the
  // request is judged before the log is opened for writing (over the log as it is, so that
  // a sitting lists every refusal), and again under the lock when it passes.
  const bool too_deep = std::any_of(request.areas.begin(), request.areas.end(), [&](const auto& r) {
    const Verdict depth = Judge::judge_depth(profile, r.area, r.depth);
    return !depth.allowed() && (depth.rule == Rule::home_limit || !request.force);
  });
  const bool exists = c.log_exists();
  if (too_deep || !exists) {
    LogData log;
    if (too_deep && sitting && exists) log = c.read_log();
    const Judge judge(profile, log);
    judge_all(judge, log);
    if (!refused.empty()) refuse(refused);
  }

  auto [file, log] =
      c.open_log_for_writing(request.force, {}, "judge rest intervals over it");
  const Judge judge(profile, log);
  c.report_unknown_areas(judge, log);
  judge_all(judge, log);
  if (!refused.empty()) refuse(refused);
  for (const std::string& why : overridden) {
    c.warn(c.err_style.bad(fmt::format("FORCED: {}; recorded as forced", why)));
  }
  const std::uint64_t first_id = new_id(log);

  std::vector<Record> records;
  std::vector<std::uint64_t> ids;
  for (std::size_t i = 0; i < request.areas.size(); ++i) {
    const AreaRequest& r = request.areas[i];
    std::uint64_t id = i == 0 ? first_id : new_id(log);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id = new_id(log);
    ids.push_back(id);
    events[i].id = id;
    events[i].forced = forced[i];
    Record record{request.at, "session", {}};
    record.fields = {{"id", format_id(id)},
                     {"area", profile.areas[r.area].name},
                     {"depth", format_depth(r.depth)},
                     {"roller", r.roller}};
    if (request.note) record.fields.emplace_back("note", *request.note);
    if (forced[i]) record.fields.emplace_back("forced", "true");
    if (sitting) record.fields.emplace_back("sitting", format_id(first_id));
    for (auto& field : detail_fields(request.detail)) record.fields.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  file.append_all(records);

  if (!sitting) {
    const AreaRequest& r = request.areas.front();
    c.out << fmt::format("Logged {} at {} mm on {} (roller {}, id {})\n",
                         profile.areas[r.area].name, format_depth(r.depth),
                         format_when(request.at.utc, now), r.roller,
                         format_id(ids.front()).substr(0, 8));
  } else {
    c.out << fmt::format("Logged a sitting of {} areas on {} (id {}):\n", request.areas.size(),
                         format_when(request.at.utc, now), format_id(first_id).substr(0, 8));
    for (const AreaRequest& r : request.areas) {
      c.out << fmt::format("  {} at {} mm (roller {})\n", profile.areas[r.area].name,
                           format_depth(r.depth), r.roller);
    }
  }
  report_logged(c, profile, judge, request, counted);
  warn_hygiene(c, profile, log, request);
  return 0;
}

}  // namespace

const Command log_command{"log", "Check the rules and record a session, or a sitting of several areas",
                          with_options<LogOptions, setup_log, run_log>};

}  // namespace roller::cli
