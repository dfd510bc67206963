// The statistics of a log: one pass over the judge's sessions in time order for the areas
// and the months, the judge's verdicts for the rest kept, one pass over every record for
// the rollers.
#include "roller/stats.hpp"

#include <algorithm>
#include <limits>

#include "roller/time.hpp"

namespace roller {
namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

/// Maps interned log names to slots of `items` (matched by name), adding an item, marked as
/// not in the profile, for each of `names_in_order` that no item has yet.
template <typename Item>
std::vector<std::size_t> slots_by_name(const LogData& log, std::vector<Item>& items,
                                       const std::vector<std::uint32_t>& names_in_order) {
  std::vector<std::size_t> slot(log.names.size(), none);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (const auto index = log.find_name(items[i].name)) slot[*index] = i;
  }
  for (const std::uint32_t name : names_in_order) {
    if (slot[name] != none) continue;
    slot[name] = items.size();
    Item extra;
    extra.name = log.name(name);
    extra.in_profile = false;
    items.push_back(std::move(extra));
  }
  return slot;
}

std::int64_t month_start(int year, int month) {
  return local_day_start(days_from_civil(year, month, 1));
}

void next_month(int& year, int& month) {
  if (++month == 13) {
    month = 1;
    ++year;
  }
}

std::optional<double> mean_of(std::int64_t total, std::size_t count) {
  if (count == 0) return std::nullopt;
  return static_cast<double>(total) / static_cast<double>(count);
}

}  // namespace

std::optional<double> AreaStats::mean_pain() const { return mean_of(pain_total, pain_reported); }
std::optional<double> DetailGroup::mean_pain() const { return mean_of(pain_total, pain_reported); }

bool shows_something(const ReactionDetail& reaction) {
  return reaction.redness > 0 || reaction.peeling || reaction.swelling || reaction.severe;
}

std::vector<const Event*> reactions_following(const Judge& judge, const LogData& log) {
  const std::vector<JudgedSession>& judged = judge.replay();
  std::vector<const Event*> found(judged.size(), nullptr);
  const std::vector<const Event*>& reactions = judge.reactions();
  if (reactions.empty()) return found;
  const Profile& profile = judge.profile();
  // The next session on the same profile area, by index into `judged` (time order).
  std::vector<std::size_t> next_on_area(judged.size(), judged.size());
  std::vector<std::size_t> latest(profile.areas.size(), judged.size());
  for (std::size_t i = judged.size(); i-- > 0;) {
    next_on_area[i] = latest[judged[i].area];
    latest[judged[i].area] = i;
  }
  for (std::size_t i = 0; i < judged.size(); ++i) {
    const JudgedSession& j = judged[i];
    std::int64_t end = j.rest_end;
    if (next_on_area[i] < judged.size()) end = std::min(end, judged[next_on_area[i]].session->utc);
    const std::vector<std::size_t>& overlaps = profile.areas[j.area].overlaps;
    // Reactions are in time order: start at the first at or after the session.
    auto it = std::lower_bound(reactions.begin(), reactions.end(), j.session->utc,
                               [](const Event* r, std::int64_t t) { return r->utc < t; });
    for (; it != reactions.end() && (*it)->utc < end; ++it) {
      const Event& r = **it;
      if (!shows_something(log.reactions[r.detail])) continue;
      const auto area = profile.find_area(log.name(r.area));
      if (!area || std::find(overlaps.begin(), overlaps.end(), *area) == overlaps.end()) continue;
      found[i] = &r;
      break;
    }
  }
  return found;
}

std::vector<DetailGroup> compare_by(const Judge& judge, const LogData& log, DetailKey key) {
  std::vector<DetailGroup> groups;
  switch (key) {
    case DetailKey::pressure:
      for (const Pressure p : {Pressure::light, Pressure::medium, Pressure::firm}) {
        groups.push_back({std::string(pressure_name(p))});
      }
      break;
    case DetailKey::passes:
      for (int n = 1; n <= max_passes; ++n) groups.push_back({std::to_string(n)});
      break;
    case DetailKey::endpoint:
      for (const Endpoint e : {Endpoint::none, Endpoint::erythema, Endpoint::pinpoint_bleeding}) {
        groups.push_back({std::string(endpoint_name(e))});
      }
      break;
  }
  const std::size_t not_given = groups.size();
  groups.push_back({"not given"});
  const std::vector<JudgedSession>& judged = judge.replay();
  const std::vector<const Event*> reacted = reactions_following(judge, log);
  for (std::size_t i = 0; i < judged.size(); ++i) {
    const SessionDetail* detail = log.detail_of(*judged[i].session);
    std::size_t slot = not_given;
    if (detail != nullptr) {
      if (key == DetailKey::pressure && detail->pressure) {
        slot = static_cast<std::size_t>(*detail->pressure);
      } else if (key == DetailKey::passes && detail->passes) {
        slot = static_cast<std::size_t>(*detail->passes - 1);
      } else if (key == DetailKey::endpoint && detail->endpoint) {
        slot = static_cast<std::size_t>(*detail->endpoint);
      }
    }
    DetailGroup& g = groups[slot];
    ++g.sessions;
    if (detail != nullptr && detail->pain) {
      ++g.pain_reported;
      g.pain_total += *detail->pain;
    }
    if (reacted[i] != nullptr) ++g.reacted;
  }
  std::erase_if(groups, [](const DetailGroup& g) { return g.sessions == 0; });
  return groups;
}

std::optional<double> AreaStats::mean_gap() const {
  if (!gap_total || sessions < 2) return std::nullopt;
  return static_cast<double>(*gap_total) / static_cast<double>(sessions - 1);
}

Stats compute_stats(const Profile& profile, const Judge& judge, const LogData& log,
                    std::int64_t now) {
  Stats stats;
  // The sessions that count, in time order, and the area and roller names in the order the
  // log first uses them.
  const std::vector<const Event*>& sessions = judge.sessions();
  std::vector<std::uint32_t> area_names;
  std::vector<std::uint32_t> roller_names;
  std::vector<bool> seen_area(log.names.size());
  std::vector<bool> seen_roller(log.names.size());
  for (const Event& e : log.events) {
    const bool uses_roller = e.kind == RecordKind::session || e.kind == RecordKind::clean ||
                             e.kind == RecordKind::replace;
    if (!uses_roller || !log.counts(e)) continue;
    if (!seen_roller[e.roller]) roller_names.push_back(e.roller);
    seen_roller[e.roller] = true;
    if (e.kind != RecordKind::session) continue;
    if (!seen_area[e.area]) area_names.push_back(e.area);
    seen_area[e.area] = true;
  }
  stats.sessions = sessions.size();

  for (const Area& area : profile.areas) {
    AreaStats a;
    a.name = area.name;
    stats.areas.push_back(std::move(a));
  }
  const std::vector<std::size_t> area_slot = slots_by_name(log, stats.areas, area_names);
  const auto add_roller = [&](std::string name) {
    RollerStats r;
    r.name = std::move(name);
    stats.rollers.push_back(std::move(r));
  };
  if (profile.rollers.empty()) add_roller(std::string(implicit_roller));
  for (const Roller& roller : profile.rollers) add_roller(roller.name);
  const std::vector<std::size_t> roller_slot = slots_by_name(log, stats.rollers, roller_names);

  for (const Event* e : sessions) {
    AreaStats& a = stats.areas[area_slot[e->area]];
    if (a.last) {
      const std::int64_t gap = e->utc - *a.last;
      a.gap_total = a.gap_total.value_or(0) + gap;
      a.shortest_gap = std::min(a.shortest_gap.value_or(gap), gap);
    } else {
      a.first = e->utc;
    }
    a.last = e->utc;
    ++a.sessions;
  }
  // Rested: what the judge would have accepted without --force, forced sessions included.
  const std::vector<JudgedSession>& judged = judge.replay();
  const std::vector<const Event*> reacted = reactions_following(judge, log);
  for (std::size_t i = 0; i < judged.size(); ++i) {
    AreaStats& a = stats.areas[judged[i].area];
    if (judged[i].verdict.allowed()) ++a.rested;
    if (reacted[i] != nullptr) ++a.reacted;
  }
  // Pain, from the details a load kept (none when it did not ask for them).
  for (const Event* e : sessions) {
    const SessionDetail* detail = log.detail_of(*e);
    if (detail == nullptr || !detail->pain) continue;
    AreaStats& a = stats.areas[area_slot[e->area]];
    ++a.pain_reported;
    a.pain_total += *detail->pain;
  }

  for (const Event& e : log.events) {
    if (!log.counts(e)) continue;
    if (e.kind == RecordKind::session) ++stats.rollers[roller_slot[e.roller]].uses;
    if (e.kind == RecordKind::clean) ++stats.rollers[roller_slot[e.roller]].cleanings;
    if (e.kind == RecordKind::replace) ++stats.rollers[roller_slot[e.roller]].replacements;
  }

  // Months from the first session's to now's, each counted by walking the sorted sessions
  // against local month boundaries: one time-zone lookup a month, not one a session.
  if (!sessions.empty()) {
    const CivilTime from = civil(to_local(sessions.front()->utc));
    const CivilTime to = civil(to_local(std::max(now, sessions.back()->utc)));
    std::size_t i = 0;
    for (int y = from.year, m = from.month; y < to.year || (y == to.year && m <= to.month);) {
      MonthCount month{y, m, 0};
      next_month(y, m);
      const std::int64_t end = month_start(y, m);
      for (; i < sessions.size() && sessions[i]->utc < end; ++i) ++month.sessions;
      stats.months.push_back(month);
    }
  }
  return stats;
}

std::vector<Micrometres> deepest_by_day(const LogData& log, std::optional<std::uint32_t> area,
                                        std::int64_t first_day, std::int64_t last_day) {
  if (last_day < first_day) return {};
  std::vector<Micrometres> deepest(static_cast<std::size_t>(last_day - first_day + 1), 0);
  // Local day boundaries, computed once per day; each session is then placed by search.
  std::vector<std::int64_t> starts;
  starts.reserve(deepest.size() + 1);
  for (std::int64_t day = first_day; day <= last_day + 1; ++day) {
    starts.push_back(local_day_start(day));
  }
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::session || (area && e.area != *area)) continue;
    if (e.utc < starts.front() || e.utc >= starts.back()) continue;
    if (!log.counts(e)) continue;
    const auto after = std::upper_bound(starts.begin(), starts.end(), e.utc);
    Micrometres& slot = deepest[static_cast<std::size_t>(after - starts.begin() - 1)];
    slot = std::max(slot, e.depth);
  }
  return deepest;
}

std::vector<HistoryEntry> session_history(const Judge& judge, const LogData& log) {
  std::vector<HistoryEntry> entries;
  entries.reserve(judge.sessions().size());
  for (const Event* e : judge.sessions()) entries.push_back({*e, std::nullopt});
  std::vector<std::optional<std::int64_t>> previous(log.names.size());
  for (auto& entry : entries) {
    auto& last = previous[entry.session.area];
    if (last) entry.gap_seconds = entry.session.utc - *last;
    last = entry.session.utc;
  }
  return entries;
}

}  // namespace roller
