// Reminders gathered from the judge, hygiene and courses, and the state of what was said.
#include "roller/remind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include "roller/course.hpp"
#include "roller/hygiene.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

constexpr std::string_view state_signature = "# roller remind state v1";

Reminder item(ReminderKind kind, std::string subject, std::string_view token, std::int64_t since) {
  Reminder r;
  r.kind = kind;
  // A name from a hand-edited log may hold a line break: escaped, it stays one key of one
  // line of the state file.
  r.key = subject.empty() ? fmt::format("{} {}", reminder_kind_name(kind), token)
                          : fmt::format("{} {} {}", reminder_kind_name(kind),
                                        printable(subject, uncut), token);
  r.subject = std::move(subject);
  r.since = since;
  return r;
}

// The latest hold that has ended, when none is in force and nothing was rolled since: the
// person may start again. A session after its end says they know.
void add_hold_ended(const Judge& judge, std::int64_t now, std::vector<Reminder>& out) {
  if (judge.hold_at(now) != nullptr) return;
  const HoldSpan* last = nullptr;
  for (const HoldSpan& h : judge.holds()) {
    if (h.end <= now && (last == nullptr || h.end >= last->end)) last = &h;
  }
  if (last == nullptr) return;
  const auto& sessions = judge.sessions();
  if (std::any_of(sessions.begin(), sessions.end(),
                  [&](const Event* s) { return s->utc >= last->end && s->utc <= now; })) {
    return;
  }
  Reminder r = item(ReminderKind::hold_ended, "",
                    fmt::format("{} {}", format_id(last->record->id), last->end), last->end);
  r.record = last->record;
  out.push_back(std::move(r));
}

// Areas rolled before that are ready now. An area never rolled itself is no news, even
// when a session on an area it overlaps rested it.
void add_ready_areas(const Judge& judge, std::int64_t now, std::vector<Reminder>& out) {
  for (const AreaState& state : judge.areas_at(now)) {
    if (!state.ready || !state.due || state.last == nullptr) continue;
    const std::string& name = judge.profile().areas[state.area].name;
    out.push_back(item(ReminderKind::area_ready, name, std::to_string(*state.due), *state.due));
  }
}

void add_courses(const LogData& log, const std::vector<CourseProgress>& courses, std::int64_t now,
                 std::vector<Reminder>& out) {
  const std::int64_t today = local_day(now);
  for (const CourseProgress& c : courses) {
    if (!c.running() || !c.next_target || local_day(*c.next_target) > today) continue;
    const int number = static_cast<int>(c.done()) + 1;
    Reminder r = item(ReminderKind::course_session, log.name(c.record->course),
                      fmt::format("{} {}", format_id(c.record->id), number), *c.next_target);
    r.record = c.record;
    r.number = number;
    r.total = c.detail->sessions;
    r.late = now > *c.next_target + course_grace_seconds;
    out.push_back(std::move(r));
  }
  for (const CourseProgress& c : courses) {
    if (c.state == CourseState::stopped) continue;
    // Only the latest review that has come: an older one is past attending to.
    const CourseReview* latest = nullptr;
    for (const CourseReview& review : c.reviews) {
      if (review.due && (latest == nullptr || review.at > latest->at)) latest = &review;
    }
    if (latest == nullptr) continue;
    Reminder r = item(ReminderKind::course_review, log.name(c.record->course),
                      fmt::format("{} week {}", format_id(c.record->id), latest->week), latest->at);
    r.record = c.record;
    r.number = latest->week;
    out.push_back(std::move(r));
  }
}

// Areas of the profile that have photos, whose latest is a week old or more: the person
// who takes progress photos takes them weekly. Keyed by that photo, so a new photo moves
// the next one a week on.
void add_photos(const Judge& judge, const LogData& log, std::int64_t now,
                std::vector<Reminder>& out) {
  const Profile& profile = judge.profile();
  std::vector<const Event*> latest(profile.areas.size(), nullptr);
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::photo || e.utc > now || !log.counts(e)) continue;
    const auto area = profile.find_area(log.name(e.area));
    if (area && (latest[*area] == nullptr || e.utc >= latest[*area]->utc)) latest[*area] = &e;
  }
  for (std::size_t a = 0; a < latest.size(); ++a) {
    const Event* last = latest[a];
    if (last == nullptr || now < last->utc + photo_every_seconds) continue;
    Reminder r = item(ReminderKind::photo, profile.areas[a].name, format_id(last->id),
                      last->utc + photo_every_seconds);
    r.record = last;
    out.push_back(std::move(r));
  }
}

void add_rollers(const Judge& judge, const LogData& log, std::int64_t now,
                 std::vector<Reminder>& out) {
  const std::vector<RollerStatus> statuses =
      roller_statuses(judge.profile(), log, now, judge.sessions());
  for (const RollerStatus& s : statuses) {
    if (!s.needs_cleaning || !s.last_used) continue;
    out.push_back(item(ReminderKind::clean, s.name, format_id(s.last_used->id), s.last_used->utc));
  }
  for (const RollerStatus& s : statuses) {
    if (!s.replace_due) continue;
    // Keyed by the head: one that is due stays said until a new head is due in its turn.
    const std::int64_t head = s.head_since.value_or(0);
    Reminder r = item(ReminderKind::replace, s.name, std::to_string(head), head);
    r.number = s.uses_since_replace;
    r.total = s.replace_after_uses;
    r.days = s.age_days(now);
    r.days_total = s.replace_after_days;
    out.push_back(std::move(r));
  }
}

}  // namespace

std::string_view reminder_kind_name(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::hold_ended:
      return "hold-ended";
    case ReminderKind::area_ready:
      return "area-ready";
    case ReminderKind::course_session:
      return "course-session";
    case ReminderKind::course_review:
      return "course-review";
    case ReminderKind::photo:
      return "photo";
    case ReminderKind::clean:
      return "clean";
    case ReminderKind::replace:
      return "replace";
  }
  return "?";
}

std::vector<Reminder> reminders(const Judge& judge, const LogData& log, std::int64_t now) {
  std::vector<Reminder> out;
  add_hold_ended(judge, now, out);
  add_ready_areas(judge, now, out);
  add_courses(log, course_progress(log, judge, now), now, out);
  add_photos(judge, log, now, out);
  add_rollers(judge, log, now, out);
  return out;
}

std::string format_remind_state(const RemindState& state) {
  std::string text = fmt::format("{}\n", state_signature);
  if (state.at) text += fmt::format("at {}\n", *state.at);
  for (const std::string& key : state.said) text += fmt::format("said {}\n", key);
  return text;
}

std::optional<RemindState> parse_remind_state(std::string_view text, std::size_t* bad_line) {
  RemindState state;
  std::size_t number = 0;
  const auto bad = [&]() -> std::optional<RemindState> {
    if (bad_line != nullptr) *bad_line = number;
    return std::nullopt;
  };
  // A file cut short by a crash has no newline at its end: it is not one this wrote.
  if (text.empty() || text.back() != '\n') {
    number = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    return bad();
  }
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    if (number == 1) {
      if (line != state_signature) return bad();
    } else if (line.starts_with("at ") && !state.at && state.said.empty()) {
      const std::string_view digits = line.substr(3);
      std::int64_t at = 0;
      const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), at);
      if (ec != std::errc() || ptr != digits.data() + digits.size()) return bad();
      state.at = at;
    } else if (line.starts_with("said ") && line.size() > 5) {
      state.said.emplace_back(line.substr(5));
    } else {
      return bad();
    }
  }
  return state;
}

std::vector<bool> new_reminders(const std::vector<Reminder>& items, const RemindState& state) {
  const std::unordered_set<std::string_view> said(state.said.begin(), state.said.end());
  std::vector<bool> fresh;
  fresh.reserve(items.size());
  for (const Reminder& r : items) fresh.push_back(said.count(r.key) == 0);
  return fresh;
}

RemindState remembered(const std::vector<Reminder>& items, std::int64_t now) {
  RemindState state;
  state.at = now;
  for (const Reminder& r : items) state.said.push_back(r.key);
  return state;
}

}  // namespace roller
