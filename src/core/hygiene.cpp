// The fold of sessions, cleans and replaces into each roller's state.
#include "roller/hygiene.hpp"

#include <algorithm>
#include <limits>

#include "roller/time.hpp"

namespace roller {
namespace {

void keep_latest(const Event*& slot, const Event& event) {
  if (slot == nullptr || event.utc >= slot->utc) slot = &event;
}

/// One roller's sittings on its current head, counted from its sessions in time order.
struct Tally {
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  bool in_order = true;                  ///< its records so far came in time order
  std::optional<std::int64_t> replaced;  ///< the latest replace so far
  std::optional<std::int64_t> first;     ///< the current head's first session
  std::optional<std::int64_t> prev;      ///< its latest session
  int sittings = 0;

  // A session at the very instant of a replace used the old head; before any replace, the
  // head counts from `since` when the profile gives one.
  void add_session(std::int64_t utc, std::optional<std::int64_t> since, std::int64_t sitting) {
    if (replaced ? utc <= *replaced : since && utc < *since) return;
    if (!prev) {
      first = utc;
      sittings = 1;
    } else if (const std::int64_t gap = utc - *prev; gap > 0 && gap >= sitting) {
      ++sittings;
    }
    prev = utc;
  }
};

std::vector<RollerStatus> statuses_of(const Profile& profile, const LogData& log, std::int64_t now,
                                      std::optional<std::span<const Event* const>> in_order);

}  // namespace

std::int64_t RollerStatus::age_days(std::int64_t now) const {
  if (!head_since || now <= *head_since) return 0;
  return (now - *head_since) / seconds_per_day;
}

std::vector<RollerStatus> roller_statuses(const Profile& profile, const LogData& log,
                                          std::int64_t now) {
  return statuses_of(profile, log, now, std::nullopt);
}

std::vector<RollerStatus> roller_statuses(const Profile& profile, const LogData& log,
                                          std::int64_t now,
                                          std::span<const Event* const> sessions_in_time_order) {
  return statuses_of(profile, log, now, sessions_in_time_order);
}

namespace {

std::vector<RollerStatus> statuses_of(const Profile& profile, const LogData& log, std::int64_t now,
                                      std::optional<std::span<const Event* const>> in_order) {
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
  // The profile's `since`, where it applies: a local date, so the head was new from the start
  // of that day. One still to come is a mistake in the profile: the head counts from its
  // first use until then.
  std::vector<std::optional<std::int64_t>> since(rollers.size());
  for (std::size_t r = 0; r < rollers.size(); ++r) {
    if (!rollers[r].since_day) continue;
    const std::int64_t start = local_day_start(*rollers[r].since_day);
    if (start > now) {
      statuses[r].since_in_future = true;
    } else {
      since[r] = start;
    }
  }
  // Uses of the current head, as sittings: sessions with one roller closer together than
  // the profile's sitting_seconds are one use of it, and so, whatever sitting_minutes says,
  // are the areas of one sitting logged at one instant. Given the sessions in time order,
  // they are counted from them after the latest replace is known; otherwise as the log is
  // read, while a roller's records come in time order (as roller writes them), so that a log
  // of a million events is not held twice, and a roller whose records do not is counted
  // again from its sessions, sorted.
  struct Latest {
    const Event* used = nullptr;
    const Event* cleaned = nullptr;
    const Event* replaced = nullptr;
  };
  std::vector<Latest> latest(rollers.size());
  std::vector<Tally> tally(rollers.size());
  for (const Event& e : log.events) {
    if (in_order && e.kind == RecordKind::session) continue;
    if (!roller_record(e)) continue;
    const std::size_t r = roller_of[e.roller];
    Tally& t = tally[r];
    t.in_order = t.in_order && e.utc >= t.latest;
    t.latest = std::max(t.latest, e.utc);
    if (e.kind == RecordKind::session) {
      keep_latest(latest[r].used, e);
      t.add_session(e.utc, since[r], profile.sitting_seconds);
    } else if (e.kind == RecordKind::clean) {
      keep_latest(latest[r].cleaned, e);
    } else {
      keep_latest(latest[r].replaced, e);
      t.replaced = e.utc;
      t.first.reset();
      t.prev.reset();
      t.sittings = 0;
    }
  }
  if (in_order) {
    for (std::size_t r = 0; r < rollers.size(); ++r) {
      tally[r] = Tally{};
      if (latest[r].replaced) tally[r].replaced = latest[r].replaced->utc;
    }
    for (const Event* e : *in_order) {
      const std::size_t r = roller_of[e->roller];
      if (r == none) continue;
      keep_latest(latest[r].used, *e);
      tally[r].add_session(e->utc, since[r], profile.sitting_seconds);
    }
  }
  for (std::size_t r = 0; r < rollers.size(); ++r) {
    RollerStatus& s = statuses[r];
    if (latest[r].used) s.last_used = *latest[r].used;
    if (latest[r].cleaned) s.last_cleaned = *latest[r].cleaned;
    if (latest[r].replaced) s.last_replaced = *latest[r].replaced;
    s.head_since = s.last_replaced ? std::optional(s.last_replaced->utc) : since[r];
    if (!tally[r].in_order) {
      Tally sorted;
      if (s.last_replaced) sorted.replaced = s.last_replaced->utc;
      std::vector<std::int64_t> times;
      for (const Event& e : log.events) {
        if (e.kind == RecordKind::session && roller_record(e) && roller_of[e.roller] == r) {
          times.push_back(e.utc);
        }
      }
      std::sort(times.begin(), times.end());
      for (const std::int64_t utc : times)
        sorted.add_session(utc, since[r], profile.sitting_seconds);
      tally[r] = sorted;
    }
    s.uses_since_replace = tally[r].sittings;
    if (!s.head_since) s.head_since = tally[r].first;
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

}  // namespace

}  // namespace roller
