// `roller react`: record how the skin of an area healed. A reaction is an observation, so it
// is never refused; what it means for rolling is the judge's: redness 2 or more keeps the
// area and every area overlapping it resting for [healing] redness_hours, and a severe one
// pauses rolling, like a hold, until `roller hold --clear`.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller react`'s options, as typed.
struct ReactOptions {
  std::string area;
  std::string redness;
  bool peeling = false;
  bool swelling = false;
  bool severe = false;
  std::string at;
  std::string note;
  bool note_given = false;
  bool force = false;
};

// As long as a session's note.
constexpr std::size_t max_note_chars = 4000;

/// A validated request to record a reaction.
struct ReactRequest {
  std::size_t area = 0;
  ReactionDetail detail;
  Timestamp at;
  std::optional<std::string> note;
};

ReactRequest make_request(const ReactOptions& o, const Profile& profile, Timestamp now) {
  ReactRequest request;
  if (o.area.empty()) throw UsageError("--area is required: the area that reacted");
  request.area = require_area(profile, o.area);
  if (o.redness.empty()) {
    // A severe reaction is marked redness by definition: asking for a number then only
    // delays someone who should be calling a doctor.
    if (!o.severe) {
      throw UsageError("--redness is required: 0 (none), 1 (faint), 2 (clear) or 3 (marked)");
    }
    request.detail.redness = max_redness;
  } else {
    const auto redness = parse_whole_number(o.redness, 0, max_redness);
    if (!redness) {
      throw UsageError(fmt::format(
          "--redness: '{}' is not 0 (none), 1 (faint), 2 (clear) or 3 (marked)", printable(o.redness)));
    }
    request.detail.redness = *redness;
  }
  request.detail.peeling = o.peeling;
  request.detail.swelling = o.swelling;
  request.detail.severe = o.severe;
  request.at = o.at.empty() ? now : parse_past_time(o.at, now, "--at");
  if (o.note_given) {
    check_text(o.note, "--note", max_note_chars, /*multiline=*/true);
    request.note = o.note;
  }
  return request;
}

// Adds the reaction just appended to the log as read, so that the judge, and nothing here,
// says which areas it keeps resting and until when. In place, as `use` does.
void add_reaction(LogData& log, const ReactRequest& request, std::uint64_t id,
                  const Profile& profile) {
  Event reaction;
  reaction.utc = request.at.utc;
  reaction.offset = request.at.offset;
  reaction.id = id;
  reaction.kind = RecordKind::reaction;
  reaction.area = intern_name(log, profile.areas[request.area].name);
  reaction.detail = log.reactions.size();
  reaction.line = log.lines + 1;
  log.reactions.push_back(request.detail);
  log.events.push_back(reaction);
}

void setup_react(CLI::App& cmd, ReactOptions& options) {
  cmd.add_option("--area", options.area, "The area that reacted")
      ->type_name("AREA")
      ->check(non_empty());
  cmd.add_option("--redness", options.redness,
                 "0 none, 1 faint, 2 clear, 3 marked (2 or more keeps the area resting)")
      ->type_name("0-3")
      ->check(non_empty());
  cmd.add_flag("--peeling", options.peeling, "The skin peels");
  cmd.add_flag("--swelling", options.swelling, "The skin is swollen");
  cmd.add_flag("--severe", options.severe,
               "Pus, fever or spreading redness: pauses rolling until 'roller hold --clear'; see a "
               "doctor");
  cmd.add_option("--at", options.at, "When you saw it, if not now (a past time)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--note", options.note, "A note to keep with the reaction")
      ->type_name("TEXT")
      ->each([&options](const std::string&) { options.note_given = true; });
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "A reaction can only lengthen rest: redness 2 or more keeps the area, and every area\n"
      "overlapping it, from being rolled for [healing] redness_hours (default 48) after it is\n"
      "reported. --severe pauses all rolling until 'roller hold --clear'.\n\n"
      "Examples:\n"
      "  roller react --area cheeks --redness 2\n"
      "  roller react --area forehead --redness 1 --peeling --at yesterday\n"
      "  roller react --area cheeks --severe --note \"pus at two spots, warm\"");
}

int run_react(const ReactOptions& options, Context& c) {
  const Profile& profile = c.profile();
  const ReactRequest request = make_request(options, profile, c.now);
  const std::int64_t now = c.now.utc;
  const std::string& area = profile.areas[request.area].name;

  auto [file, log] = c.open_log_for_writing(options.force);
  {
    const Judge judge(profile, log);
    c.report_unknown_areas(judge, log);
  }
  const std::uint64_t id = new_id(log);
  Record record{request.at, "reaction", {}};
  record.fields = {{"id", format_id(id)},
                   {"area", area},
                   {"redness", std::to_string(request.detail.redness)}};
  if (request.detail.peeling) record.fields.emplace_back("peeling", "true");
  if (request.detail.swelling) record.fields.emplace_back("swelling", "true");
  if (request.detail.severe) record.fields.emplace_back("severe", "true");
  if (request.note) record.fields.emplace_back("note", *request.note);
  file.append(record);

  c.out << fmt::format("Recorded redness {}{}{} on {} on {} (id {})\n", request.detail.redness,
                       request.detail.peeling ? ", peeling" : "",
                       request.detail.swelling ? ", swelling" : "", area,
                       format_when(request.at.utc, now), format_id(id).substr(0, 8));

  add_reaction(log, request, id, profile);
  const Judge judge(profile, log);
  // What the judge now makes of it: the areas its redness keeps resting, and its hold.
  std::vector<std::string> kept;
  std::int64_t end = request.at.utc;
  for (std::size_t a = 0; a < profile.areas.size(); ++a) {
    for (const ReactionWindow& w : judge.reaction_windows(a)) {
      if (w.reaction->id != id) continue;
      kept.push_back(profile.areas[a].name);
      end = std::max(end, w.end);
    }
  }
  if (!kept.empty() && end > now) {
    c.out << fmt::format("No session on {} until {} ({}): give red skin time to settle\n",
                         fmt::join(kept, ", "), format_when(end, now), format_relative(end, now));
  }
  if (request.detail.severe) {
    c.out << c.style.bad(
                 "Severe reaction: rolling is on hold until you clear it (roller hold --clear).")
          << '\n'
          << "Pus, fever or spreading redness can be an infection: see a doctor before you roll "
             "again.\n";
  }
  // A backfilled reaction can fall after sessions already logged: say which ones now came
  // while the skin was red, as `roller check` will.
  for (const JudgedSession& j : judge.replay()) {
    if (j.session->forced || j.verdict.rule != Rule::reaction ||
        j.verdict.reaction->reaction->id != id) {
      continue;
    }
    c.warn(fmt::format("the session of {} on {} came while the skin was still red; roller check "
                       "reports it",
                       profile.areas[j.area].name, format_when(j.session->utc, now)));
  }
  return 0;
}

}  // namespace

const Command react_command{"react",
                            "Record how the skin healed; redness keeps the area resting, a severe "
                            "reaction pauses rolling",
                            with_options<ReactOptions, setup_react, run_react>};

}  // namespace roller::cli
