// Roller care: `roller clean-reminder` says which rollers need cleaning or replacing, and
// `roller clean` and `roller replace` record that it was done.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/hygiene.hpp"
#include "roller/log_file.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller clean-reminder`'s options, as typed.
struct CleanReminderOptions {
  bool json = false;
  bool exit_code = false;
};

/// `roller clean`'s and `roller replace`'s options, as typed.
struct CareOptions {
  std::string roller;
  std::string at;
  bool force = false;
};

constexpr std::string_view cleaning_steps =
    "rinse it under warm running water, soak it for 10 minutes in 70% isopropyl alcohol, let "
    "it air-dry head down on a clean tissue, and store it in its case";

std::string usage_text(const RollerStatus& s, std::int64_t now) {
  const std::string uses = fmt::format("{} of {} uses", s.uses_since_replace, s.replace_after_uses);
  if (!s.head_since) return fmt::format("{}, not used yet", uses);
  return fmt::format("{}, {} of {} days", uses, s.age_days(now), s.replace_after_days);
}

std::string describe(const RollerStatus& s, Context& c) {
  const std::int64_t now = c.now.utc;
  std::string cleaning;
  if (s.needs_cleaning) {
    cleaning = fmt::format(
        "{} (used {}, {})", c.style.warn("needs cleaning"), format_when(s.last_used->utc, now),
        s.last_cleaned ? fmt::format("last cleaned {}", format_when(s.last_cleaned->utc, now))
                       : std::string("never cleaned"));
  } else {
    cleaning = c.style.good("clean");
  }
  if (s.replace_due) {
    return fmt::format("{}; {}: {}", cleaning,
                       c.style.bad(fmt::format("replace the {} now", head_word(c.profile(), s.name))),
                       usage_text(s, now));
  }
  return fmt::format("{}; {}", cleaning, usage_text(s, now));
}

void write_json(JsonWriter& json, const RollerStatus& s, std::int64_t now) {
  const auto time_of = [](const std::optional<Event>& e) {
    return e ? std::optional(json_time(e->utc)) : std::nullopt;
  };
  json.begin_object();
  json.member("roller", s.name);
  json.member("needs_cleaning", s.needs_cleaning);
  json.member("uses_since_replace", s.uses_since_replace);
  json.member("replace_due", s.replace_due);
  json.member("last_used", time_of(s.last_used));
  json.member("last_cleaned", time_of(s.last_cleaned));
  json.member("last_replaced", time_of(s.last_replaced));
  json.member("age_days", s.head_since ? std::optional(s.age_days(now)) : std::nullopt);
  json.member("replace_after_uses", s.replace_after_uses);
  json.member("replace_after_days", s.replace_after_days);
  json.end_object();
}

/// A `clean` or `replace` record as appended.
struct CareRecord {
  std::string roller;
  std::uint64_t id = 0;
  Timestamp at;
};

// Appends a `clean` or `replace` record for the chosen roller.
CareRecord append_care(std::string_view kind, const CareOptions& o, Context& c) {
  CareRecord care;
  care.roller = choose_roller_name(c.profile(), o.roller);
  care.at = o.at.empty() ? c.now : parse_past_time(o.at, c.now, "--at");
  auto [file, log] = c.open_log_for_writing(o.force);
  care.id = new_id(log);
  file.append(
      Record{care.at, std::string(kind), {{"id", format_id(care.id)}, {"roller", care.roller}}});
  return care;
}

void setup_care(CLI::App& cmd, CareOptions& options, const std::string& footer) {
  cmd.add_option("--roller", options.roller,
                 "The roller (default: the profile's default_roller, or its only roller)")
      ->type_name("NAME")
      ->check(non_empty());
  cmd.add_option("--at", options.at, "When it was done, if not now (a past time)")
      ->type_name("TIME")
      ->check(non_empty());
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(footer);
}

void setup_clean_reminder(CLI::App& cmd, CleanReminderOptions& options) {
  cmd.add_flag("--json", options.json, "Print one JSON document, for scripts");
  cmd.add_flag("--exit-code", options.exit_code,
               "Exit with status 1 when any roller needs cleaning or replacing");
  cmd.footer(
      "A roller needs cleaning after every session. Its head needs replacing after\n"
      "replace_after_uses sessions or replace_after_days days, counted from the last\n"
      "`roller replace`, else the profile's `since`, else its first use.\n\n"
      "Examples:\n"
      "  roller clean-reminder\n"
      "  roller clean-reminder --exit-code || notify-send \"Clean your roller\"");
}

int run_clean_reminder(const CleanReminderOptions& options, Context& c) {
  const Profile& profile = c.profile();
  const LogData log = c.read_log();
  const std::vector<RollerStatus> statuses = roller_statuses(profile, log, c.now.utc);
  for (const auto& s : statuses) {
    if (s.since_in_future) {
      c.warn(fmt::format("roller {}: its 'since' is after today, so it is ignored; its head "
                         "counts from its first use until then",
                         s.name));
    }
  }
  bool anything_due = false;
  for (const auto& s : statuses) anything_due = anything_due || s.needs_cleaning || s.replace_due;

  if (options.json) {
    JsonWriter json;
    json.begin_object();
    json.key("rollers");
    json.begin_array();
    for (const auto& s : statuses) write_json(json, s, c.now.utc);
    json.end_array();
    json.end_object();
    json.flush(c.out);
  } else {
    std::size_t width = 0;
    for (const auto& s : statuses) width = std::max(width, display_width(s.name));
    for (const auto& s : statuses) c.out << pad_right(s.name, width + 2) << describe(s, c) << '\n';
    for (const auto& s : statuses) {
      if (s.needs_cleaning) {
        c.out << fmt::format("\nTo clean {}: {}. Then: roller clean --roller {}\n", s.name,
                             cleaning_steps, s.name);
      }
      if (s.replace_due) {
        const std::string_view head = head_word(c.profile(), s.name);
        c.out << fmt::format(
            "\nReplace the {} of {} (a dull or worn {} tears skin). Then: "
            "roller replace --roller {}\n",
            head, s.name, head, s.name);
      }
    }
  }
  return options.exit_code && anything_due ? 1 : 0;
}

void setup_clean(CLI::App& cmd, CareOptions& options) {
  setup_care(cmd, options,
             "Clean after every session: rinse, soak in 70% isopropyl alcohol, air-dry,\n"
             "store in its case.\n\n"
             "Examples:\n"
             "  roller clean\n"
             "  roller clean --roller r050 --at \"2026-11-25 21:45\"");
}

int run_clean(const CareOptions& options, Context& c) {
  const CareRecord care = append_care("clean", options, c);
  c.out << fmt::format("Cleaned {} on {} (id {})\n", care.roller,
                       format_when(care.at.utc, c.now.utc), format_id(care.id).substr(0, 8));
  return 0;
}

void setup_replace(CLI::App& cmd, CareOptions& options) {
  setup_care(cmd, options,
             "Examples:\n"
             "  roller replace\n"
             "  roller replace --roller r050");
}

int run_replace(const CareOptions& options, Context& c) {
  const CareRecord care = append_care("replace", options, c);
  c.out << fmt::format("Replaced the {} of {} on {} (id {}): its use count starts again\n",
                       head_word(c.profile(), care.roller), care.roller,
                       format_when(care.at.utc, c.now.utc),
                       format_id(care.id).substr(0, 8));
  return 0;
}

}  // namespace

const Command clean_reminder_command{
    "clean-reminder",
    "Show which rollers need cleaning (used since last cleaned) or replacing (too many uses or "
    "too old)",
    with_options<CleanReminderOptions, setup_clean_reminder, run_clean_reminder>};

const Command clean_command{"clean", "Record that a roller was cleaned",
                            with_options<CareOptions, setup_clean, run_clean>};

const Command replace_command{"replace",
                              "Record a fresh roller head: its use count and age start again",
                              with_options<CareOptions, setup_replace, run_replace>};

}  // namespace roller::cli
