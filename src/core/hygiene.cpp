// The fold of sessions, cleans and replaces into each roller's state.
#include "roller/hygiene.hpp"

#include <algorithm>
#include <limits>

#include "roller/time.hpp"

namespace roller {
namespace {

void keep_latest(std::optional<Event>& slot, const Event& event) {
  if (!slot || event.utc >= slot->utc) slot = event;
}

}  // namespace

std::int64_t RollerStatus::age_days(std::int64_t now) const {
  if (!head_since || now <= *head_since) return 0;
  return (now - *head_since) / seconds_per_day;
}

std::vector<RollerStatus> roller_statuses(const Profile& profile, const LogData& log,
                                          std::int64_t now) {
  std::vector<Roller> rollers = profile.rollers;
  if (rollers.empty()) {
    Roller implicit;
    implicit.name = std::string(implicit_roller);
    implicit.replace_after_uses = profile.replace_after_uses;
    implicit.replace_after_days = profile.replace_after_days;
    rollers.push_back(implicit);
  }
  std::vector<RollerStatus> statuses(rollers.size());
  // Interned log names -> roller index, so each event costs one lookup.
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> roller_of(log.names.size(), none);
  for (std::size_t r = 0; r < rollers.size(); ++r) {
    statuses[r].name = rollers[r].name;
    statuses[r].replace_after_uses = rollers[r].replace_after_uses;
    statuses[r].replace_after_days = rollers[r].replace_after_days;
    if (auto index = log.find_name(rollers[r].name)) roller_of[*index] = r;
  }

  // Every counted session, clean and replace of a roller this report is about, whatever its
  // time; the kind is checked before the roller, since other kinds name none.
  const auto roller_record = [&](const Event& e) {
    const bool care = e.kind == RecordKind::session || e.kind == RecordKind::clean ||
                      e.kind == RecordKind::replace;
    return care && roller_of[e.roller] != none && log.counts(e);
  };
  for (const Event& e : log.events) {
    if (!roller_record(e)) continue;
    RollerStatus& s = statuses[roller_of[e.roller]];
    if (e.kind == RecordKind::session) keep_latest(s.last_used, e);
    if (e.kind == RecordKind::clean) keep_latest(s.last_cleaned, e);
    if (e.kind == RecordKind::replace) keep_latest(s.last_replaced, e);
  }
  // A second pass counts the uses of the current head, which the first pass dated.
  for (std::size_t r = 0; r < rollers.size(); ++r) {
    if (statuses[r].last_replaced) {
      statuses[r].head_since = statuses[r].last_replaced->utc;
    } else if (rollers[r].since_day) {
      // `since` is a local date: the head was new from the start of that day. One still to
      // come is a mistake in the profile: the head counts from its first use until then.
      const std::int64_t since = local_day_start(*rollers[r].since_day);
      if (since > now) {
        statuses[r].since_in_future = true;
      } else {
        statuses[r].head_since = since;
      }
    }
  }
  // Uses of the current head, as sittings: sessions with one roller closer together than
  // the profile's sitting_seconds are one use of it, and so, whatever sitting_minutes says,
  // are the areas of one sitting logged at one instant.
  std::vector<std::vector<std::int64_t>> head_sessions(rollers.size());
  for (const Event& e : log.events) {
    if (!roller_record(e) || e.kind != RecordKind::session) continue;
    const std::size_t r = roller_of[e.roller];
    const RollerStatus& s = statuses[r];
    // A session at the very instant of a replace used the old head.
    const bool current_head =
        s.last_replaced ? e.utc > s.last_replaced->utc : !s.head_since || e.utc >= *s.head_since;
    if (current_head) head_sessions[r].push_back(e.utc);
  }
  std::vector<std::optional<std::int64_t>> first_use(rollers.size());
  for (std::size_t r = 0; r < rollers.size(); ++r) {
    auto& times = head_sessions[r];
    if (times.empty()) continue;
    std::sort(times.begin(), times.end());
    first_use[r] = times.front();
    int sittings = 1;
    for (std::size_t i = 1; i < times.size(); ++i) {
      const std::int64_t gap = times[i] - times[i - 1];
      if (gap > 0 && gap >= profile.sitting_seconds) ++sittings;
    }
    statuses[r].uses_since_replace = sittings;
  }
  for (std::size_t r = 0; r < rollers.size(); ++r) {
    RollerStatus& s = statuses[r];
    if (!s.head_since) s.head_since = first_use[r];
    std::int64_t cared_for = std::numeric_limits<std::int64_t>::min();
    if (s.last_cleaned) cared_for = s.last_cleaned->utc;
    if (s.last_replaced) cared_for = std::max(cared_for, s.last_replaced->utc);
    s.needs_cleaning = s.last_used && s.last_used->utc > cared_for;
    s.replace_due = s.uses_since_replace >= s.replace_after_uses ||
                    (s.head_since &&
                     now - *s.head_since >= std::int64_t{s.replace_after_days} * seconds_per_day);
  }
  return statuses;
}

}  // namespace roller
