// `roller hold`: pause all rolling until a time, for a reason (sunburn, an infection, a
// course of isotretinoin), or for one of the profile's standard pauses (`--preset`, counted
// from when its cause ended), and `roller hold --clear` to end it early. Both append records.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller hold`'s options, as typed.
struct HoldOptions {
  std::string until;
  std::string reason;
  std::string preset;
  std::string from;
  bool clear = false;
  bool force = false;
};

constexpr std::size_t max_reason_chars = 200;

void setup_hold(CLI::App& cmd, HoldOptions& options) {
  cmd.add_option("--until", options.until, "When the pause ends")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--reason", options.reason, "Why (shown by next and log)")
      ->type_name("TEXT")
      ->check(non_empty());
  cmd.add_option("--preset", options.preset,
                 "A standard pause of the profile ([holds.NAME]): its days and reason")
      ->type_name("NAME")
      ->check(non_empty());
  cmd.add_option("--from", options.from,
                 "With --preset: when the pause counts from (the last dose, the day it healed)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_flag("--clear", options.clear, "End every pause in force now");
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "While a hold is in force, `roller log` refuses sessions (exit 3, unless --force) and\n"
      "`roller next` shows no area as ready. Holds combine: rolling stays paused until the\n"
      "latest end of every hold in force, and --clear ends them all. Common reasons: active\n"
      "acne or an infection, a cold sore, sunburn, isotretinoin in the last six months, an\n"
      "eczema or rosacea flare, pregnancy (docs/rules.md says why).\n\n"
      "--preset NAME holds for the days of the profile's [holds.NAME], with its reason,\n"
      "counted from --from (default: now; it may be in the past). A pause that has already\n"
      "run out by now is refused (exit 2) and nothing is written.\n\n"
      "Examples:\n"
      "  roller hold --until 2026-12-10 --reason sunburn\n"
      "  roller hold --preset isotretinoin --from 2026-11-02\n"
      "  roller hold --clear");
}

const HoldPreset& require_preset(const Profile& profile, std::string_view name) {
  if (const HoldPreset* preset = profile.find_hold_preset(name)) return *preset;
  std::vector<std::string> names;
  for (const HoldPreset& p : profile.hold_presets) names.push_back(p.name);
  if (names.empty()) {
    throw UsageError(
        fmt::format("--preset: unknown hold preset '{}': the profile defines none "
                    "(add a [holds.NAME] table)",
                    printable(name)));
  }
  const auto guess = closest_name(name, names);
  throw UsageError(
      fmt::format("--preset: unknown hold preset '{}'{}", printable(name),
                  guess ? did_you_mean(guess)
                        : fmt::format("; the profile's presets are {}", fmt::join(names, ", "))));
}

int run_hold(const HoldOptions& options, Context& c) {
  const std::int64_t now = c.now.utc;
  Record record{c.now, options.clear ? "release" : "hold", {}};
  const HoldPreset* preset = nullptr;
  std::string reason = options.reason;
  if (options.clear && (!options.preset.empty() || !options.from.empty())) {
    throw UsageError("--clear ends a hold now: it takes no --preset or --from");
  }
  if (!options.from.empty() && options.preset.empty()) {
    throw UsageError(
        "--from counts a preset's pause: give --preset NAME with it (or --until "
        "for a hold of your own)");
  }
  if (!options.preset.empty()) {
    if (!options.until.empty() || !options.reason.empty()) {
      throw UsageError(fmt::format("--preset sets both the end and the reason: it takes no {}",
                                   options.until.empty() ? "--reason" : "--until"));
    }
    preset = &require_preset(c.profile(), options.preset);
    const Timestamp from =
        options.from.empty() ? c.now : parse_past_time(options.from, c.now, "--from");
    const Timestamp until = to_local(from.utc + preset->seconds);
    if (until.utc <= now) {
      throw UsageError(
          fmt::format("that pause ended on {}: nothing to hold", format_when(until.utc, now)));
    }
    reason = preset->reason;
    record.fields = {
        {"until", format_rfc3339(until)}, {"reason", reason}, {"preset", preset->name}};
  } else if (!options.clear) {
    if (options.until.empty()) {
      throw UsageError("--until is required (or --preset NAME, or --clear to end a hold)");
    }
    if (options.reason.empty()) throw UsageError("--reason is required, like --reason sunburn");
    check_text(options.reason, "--reason", max_reason_chars, /*multiline=*/false);
    const Timestamp until = parse_time_value(options.until, now, "--until");
    if (until.utc <= now) {
      throw UsageError(fmt::format("--until: {} has passed; a hold must end in the future",
                                   format_when(until.utc, now)));
    }
    record.fields = {{"until", format_rfc3339(until)}, {"reason", options.reason}};
  } else if (!options.reason.empty() || !options.until.empty()) {
    throw UsageError("--clear ends a hold now: it takes no --until or --reason");
  }
  if (options.clear && !c.log_exists()) {
    throw UsageError("hold --clear: no hold is in force");  // and no log to create for it
  }
  auto [file, log] = c.open_log_for_writing(options.force);
  const Judge judge(c.profile(), log);
  const HoldSpan* in_force = judge.hold_at(now);
  if (options.clear && in_force == nullptr) throw UsageError("hold --clear: no hold is in force");
  std::size_t holds_in_force = 0;
  for (const HoldSpan& h : judge.holds()) holds_in_force += h.holds(now) ? 1 : 0;
  const std::uint64_t id = new_id(log);
  record.fields.insert(record.fields.begin(), {"id", format_id(id)});
  file.append(record);
  if (options.clear) {
    c.out << fmt::format(
        "{} (id {}): rolling is allowed again; rest rules still apply\n",
        holds_in_force == 1 ? "Hold cleared" : fmt::format("{} holds cleared", holds_in_force),
        format_id(id).substr(0, 8));
  } else {
    const std::int64_t until = parse_rfc3339(*record.get("until"))->utc;
    c.out << fmt::format(
        "On hold until {} ({}): {} (id {}{}). roller log refuses sessions until "
        "then.\n",
        format_when(until, now), format_relative(until, now), reason, format_id(id).substr(0, 8),
        preset == nullptr ? "" : fmt::format(", preset {}", preset->name));
    // Holds combine: a shorter one never shortens a longer one already in force.
    if (in_force != nullptr && in_force->end > until) {
      c.out << fmt::format("The hold until {} ({}) stays in force: rolling is paused until then.\n",
                           in_force->open() ? "cleared" : format_when(in_force->end, now),
                           printable(in_force->reason));
    }
  }
  return 0;
}

}  // namespace

const Command hold_command{"hold",
                           "Pause all rolling until a time, for a reason; --clear ends every pause",
                           with_options<HoldOptions, setup_hold, run_hold>};

}  // namespace roller::cli
