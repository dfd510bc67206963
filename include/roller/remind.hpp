// Reminders: what needs the person's attention at an instant (an area that became ready, a
// course session or review due, a roller to clean or a head to replace, a hold that ended),
// each with a key that names what it is and the record or instant that makes it new, and
// the small state `roller remind` keeps of what it has said. Every fact comes from the
// modules that own it (the judge, hygiene, courses); this module only gathers them and
// decides what is new. Pure: the instant is a parameter, and the state is read and written
// as text by the command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roller/judge.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// What a reminder is about, in the order reminders are listed.
enum class ReminderKind : std::uint8_t {
  hold_ended,      ///< the latest hold ended, and no session has been logged since
  area_ready,      ///< an area a session rested is ready again
  course_session,  ///< a running course's next session is due today (or late)
  course_review,   ///< a course's latest review week has come
  photo,           ///< an area photographed before is due for its next photo
  clean,           ///< a roller was used and not cleaned since
  replace,         ///< a roller's head is due for replacing
};

/// How often an area photographed once is photographed again: weekly, from the same
/// angles, as guides to judging progress advise (changes show over 4 to 8 weeks).
inline constexpr std::int64_t photo_every_seconds = 7 * 86'400;

/// "hold-ended", "area-ready", "course-session", "course-review", "photo", "clean", "replace": as
/// `remind --json` writes it and as keys begin.
[[nodiscard]] std::string_view reminder_kind_name(ReminderKind kind);

/// One thing that needs attention.
struct Reminder {
  ReminderKind kind = ReminderKind::area_ready;
  std::string subject;  ///< the area, the course or the roller ("" for a hold)
  /// What it is plus what makes it new ("area-ready forehead 1764709200"): the same thing
  /// keeps its key until it changes (an area rolled and ready again has a new instant).
  std::string key;
  std::int64_t since = 0;         ///< when it came to need attention (course-session: its target)
  const Event* record = nullptr;  ///< the hold, the course, the roller's latest use, or the
                                  ///< area's latest photo
  int number = 0;         ///< course-session: its number; course-review: the week; replace: uses
  int total = 0;          ///< course-session: sessions planned; replace: the uses allowed
  std::int64_t days = 0;  ///< replace: days the head has been in use
  std::int64_t days_total = 0;  ///< replace: the days allowed
  bool late = false;            ///< course-session: past its target and the grace day
};

/// Everything that needs attention at `now`, in ReminderKind order, then in the order of
/// the profile (areas, rollers) or of the courses' starts. `judge` must be over `log`.
[[nodiscard]] std::vector<Reminder> reminders(const Judge& judge, const LogData& log,
                                              std::int64_t now);

/// What `roller remind` remembers between runs.
struct RemindState {
  std::optional<std::int64_t> at;  ///< the instant of the run that wrote it
  std::vector<std::string> said;   ///< the keys it said (and that still needed attention)
};

/// The state as its file holds it: a signature line, "at SECONDS", one "said KEY" a line.
[[nodiscard]] std::string format_remind_state(const RemindState& state);

/// The state read back; nullopt when the text is not one format_remind_state writes
/// (`bad_line`, if given, is set to the first line that is not: 1-based).
[[nodiscard]] std::optional<RemindState> parse_remind_state(std::string_view text,
                                                            std::size_t* bad_line = nullptr);

/// Whether each reminder is new: its key is not among what `state` says was said.
[[nodiscard]] std::vector<bool> new_reminders(const std::vector<Reminder>& items,
                                              const RemindState& state);

/// The state after a run at `now` that said `items`: only what still needs attention is
/// kept, so a thing that stops needing it and comes back is said again.
[[nodiscard]] RemindState remembered(const std::vector<Reminder>& items, std::int64_t now);

}  // namespace roller
