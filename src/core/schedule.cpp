// Rest intervals and depth caps. An area stays resting until the rest of every earlier
// session has run out (not only the newest one's), which is the conservative reading of
// the rule when a deep session is followed by a forced shallow one.
#include "roller/schedule.hpp"

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
  const auto voided = log.voided_ids();
  for (const Event& event : log.events) {
    if (event.kind != RecordKind::session) continue;
    if (!voided.empty() && voided.count(event.id) != 0) continue;
    visit(event);
  }
}

}  // namespace

std::vector<AreaStatus> area_statuses(const Profile& profile, const LogData& log,
                                      std::int64_t now) {
  std::vector<AreaStatus> statuses(profile.areas.size());
  for (std::size_t i = 0; i < statuses.size(); ++i) statuses[i].area = i;
  const auto area_of = areas_by_name(profile, log);
  for_each_session(log, [&](const Event& session) {
    if (session.utc > now || !area_of[session.area]) return;
    AreaStatus& status = statuses[*area_of[session.area]];
    if (!status.last || session.utc >= status.last->utc) status.last = session;
    const std::int64_t ends = session.utc + profile.rest_seconds(session.depth);
    if (!status.due || ends > *status.due) {
      status.due = ends;
      status.limiting = session;
    }
  });
  for (auto& status : statuses) status.ready = !status.due || *status.due <= now;
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
  const std::int64_t own_rest = profile.rest_seconds(depth);
  std::optional<Event> earlier;  // the earlier session whose rest ends last, past `at`
  std::int64_t earlier_ends = at;
  std::optional<Event> later;  // the first later session inside this session's own rest
  for_each_session(log, [&](const Event& session) {
    if (area_of[session.area] != area) return;
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

}  // namespace roller
