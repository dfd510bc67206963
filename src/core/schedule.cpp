// Rest intervals and depth caps. An area stays resting until the rest of every earlier
// session has run out (not only the newest one's), which is the conservative reading of
// the rule when a deep session is followed by a forced shallow one.
#include "roller/schedule.hpp"

#include <algorithm>

namespace roller {
namespace {

// Maps each interned log name to the profile area it names, so sessions are matched to
// areas with one lookup per name rather than a string compare per event.
std::vector<std::optional<std::size_t>> areas_by_name(const Profile& profile, const LogData& log) {
  std::vector<std::optional<std::size_t>> map(log.names.size());
  for (std::size_t i = 0; i < log.names.size(); ++i) map[i] = profile.find_area(log.names[i]);
  return map;
}

template <typename Visit>
void for_each_session(const LogData& log, Visit&& visit) {
  const auto& voided = log.voided_ids();
  for (const Event& event : log.events) {
    if (event.kind != RecordKind::session) continue;
    if (!voided.empty() && voided.count(event.id) != 0) continue;
    visit(event);
  }
}

// Adds a window, or lengthens the one already there for the same thing to avoid.
void keep_longest(std::vector<AftercareWindow>& windows, const AftercareWindow& window) {
  const auto same = std::find_if(windows.begin(), windows.end(),
                                 [&](const AftercareWindow& w) { return w.avoid == window.avoid; });
  if (same == windows.end()) {
    windows.push_back(window);
  } else {
    same->until = std::max(same->until, window.until);
  }
}

}  // namespace

std::optional<Hold> active_hold(const LogData& log, std::int64_t at) {
  const auto& voided = log.voided_ids();
  const Event* latest = nullptr;
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::hold && e.kind != RecordKind::release) continue;
    if (e.utc > at || (!voided.empty() && voided.count(e.id) != 0)) continue;
    if (latest == nullptr || e.utc >= latest->utc) latest = &e;
  }
  if (latest == nullptr || latest->kind != RecordKind::hold || latest->until <= at) {
    return std::nullopt;
  }
  return Hold{*latest, latest->until, log.notes[latest->note]};
}

std::vector<AreaStatus> area_statuses(const Profile& profile, const LogData& log,
                                      std::int64_t now) {
  std::vector<AreaStatus> statuses(profile.areas.size());
  for (std::size_t i = 0; i < statuses.size(); ++i) statuses[i].area = i;
  const auto area_of = areas_by_name(profile, log);
  for_each_session(log, [&](const Event& session) {
    if (session.utc > now || !area_of[session.area]) return;
    const std::size_t rolled = *area_of[session.area];
    AreaStatus& own = statuses[rolled];
    if (!own.last || session.utc >= own.last->utc) own.last = session;
    const std::int64_t ends = session.utc + profile.rest_seconds(session.depth);
    for (const std::size_t area : profile.areas[rolled].overlaps) {
      AreaStatus& status = statuses[area];
      if (!status.due || ends > *status.due) {
        status.due = ends;
        status.limiting = session;
      }
    }
  });
  const auto hold = active_hold(log, now);
  for (auto& status : statuses) {
    status.ready = !status.due || *status.due <= now;
    if (hold) {
      status.held = true;
      status.ready = false;
      if (!status.due || *status.due < hold->until) status.due = hold->until;
    }
  }
  return statuses;
}

Judgement judge_depth(const Profile& profile, std::size_t area, Micrometres depth) {
  Judgement judgement;
  if (depth > profile.home_max_depth) {
    judgement.verdict = Verdict::deeper_than_home;
    judgement.limit = profile.home_max_depth;
  } else if (depth > profile.areas[area].max_depth) {
    judgement.verdict = Verdict::too_deep_for_area;
    judgement.limit = profile.areas[area].max_depth;
  }
  return judgement;
}

Judgement judge_rest(const Profile& profile, const LogData& log, std::size_t area,
                     Micrometres depth, std::int64_t at) {
  Judgement judgement;
  const auto area_of = areas_by_name(profile, log);
  std::vector<bool> overlapping(profile.areas.size(), false);
  for (const std::size_t a : profile.areas[area].overlaps) overlapping[a] = true;
  const std::int64_t own_rest = profile.rest_seconds(depth);
  std::optional<Event> earlier;  // the earlier session whose rest ends last, past `at`
  std::int64_t earlier_ends = at;
  std::optional<Event> later;  // the first later session inside this session's own rest
  for_each_session(log, [&](const Event& session) {
    if (!area_of[session.area] || !overlapping[*area_of[session.area]]) return;
    if (session.utc <= at) {
      const std::int64_t ends = session.utc + profile.rest_seconds(session.depth);
      if (ends > earlier_ends) {
        earlier_ends = ends;
        earlier = session;
      }
    } else if (session.utc < at + own_rest && (!later || session.utc < later->utc)) {
      later = session;
    }
  });
  if (earlier) {
    judgement.verdict = Verdict::too_soon;
    judgement.blocking = earlier;
    judgement.until = earlier_ends;
  } else if (later) {
    judgement.verdict = Verdict::too_close_before_later;
    judgement.blocking = later;
  }
  return judgement;
}

std::vector<AftercareWindow> aftercare_for(const Profile& profile, Micrometres depth,
                                           std::int64_t at) {
  std::vector<AftercareWindow> windows;
  for (const AftercareRule& rule : profile.aftercare) {
    if (depth < rule.from) continue;
    keep_longest(windows, {rule.avoid, at + rule.seconds});
  }
  return windows;
}

std::vector<AftercareWindow> aftercare_running(const Profile& profile, const LogData& log,
                                               std::int64_t now) {
  std::vector<AftercareWindow> running;
  // Only sessions recent enough to matter: no rule lasts longer than the longest one.
  std::int64_t longest = 0;
  for (const AftercareRule& rule : profile.aftercare) longest = std::max(longest, rule.seconds);
  for_each_session(log, [&](const Event& session) {
    if (session.utc > now || session.utc + longest <= now) return;
    for (const AftercareWindow& w : aftercare_for(profile, session.depth, session.utc)) {
      if (w.until > now) keep_longest(running, w);
    }
  });
  // In the order of the profile's rules, whatever order the sessions came in.
  std::vector<AftercareWindow> ordered;
  for (const AftercareRule& rule : profile.aftercare) {
    for (const AftercareWindow& w : running) {
      if (w.avoid == rule.avoid &&
          std::none_of(ordered.begin(), ordered.end(),
                       [&](const AftercareWindow& o) { return o.avoid == w.avoid; })) {
        ordered.push_back(w);
      }
    }
  }
  return ordered;
}

}  // namespace roller
