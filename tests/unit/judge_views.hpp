// Test-only views of the judge's answers that own what they show, so that a test can ask
// about a temporary log in one expression (the judge itself keeps pointers into its log).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "roller/judge.hpp"
#include "roller/schedule.hpp"
#include "roller/stats.hpp"

namespace roller::test {

struct AreaView {
  std::size_t area = 0;
  bool ready = true;
  bool held = false;
  std::optional<std::int64_t> due;
  std::optional<Event> limiting;  ///< the judge's rested_by
  std::optional<Event> last;
};

inline std::vector<AreaView> area_statuses(const Profile& profile, const LogData& log,
                                           std::int64_t now) {
  std::vector<AreaView> views;
  for (const AreaState& s : Judge(profile, log).areas_at(now)) {
    AreaView v{s.area, s.ready, s.held, s.due, {}, {}};
    if (s.rested_by != nullptr) v.limiting = *s.rested_by;
    if (s.last != nullptr) v.last = *s.last;
    views.push_back(v);
  }
  return views;
}

struct VerdictView {
  Rule verdict = Rule::ok;
  Micrometres limit = 0;
  std::optional<Event> blocking;
  std::int64_t until = 0;
};

inline VerdictView view(const Verdict& v) {
  VerdictView out{v.rule, v.limit, {}, v.until};
  if (v.other != nullptr) out.blocking = *v.other;
  return out;
}

inline VerdictView judge_rest(const Profile& profile, const LogData& log, std::size_t area,
                              Micrometres depth, std::int64_t at) {
  return view(Judge(profile, log).judge_timing(area, depth, at));
}

inline VerdictView judge_depth(const Profile& profile, std::size_t area, Micrometres depth) {
  return view(Judge::judge_depth(profile, area, depth));
}

struct HoldView {
  Event record;
  std::int64_t until = 0;
  std::string reason;
};

inline std::optional<HoldView> active_hold(const LogData& log, std::int64_t at) {
  const Profile profile = default_profile();
  const Judge judge(profile, log);
  const HoldSpan* h = judge.hold_at(at);
  if (h == nullptr) return std::nullopt;
  return HoldView{*h->record, h->end, log.notes[h->record->note]};
}

inline std::vector<AftercareWindow> aftercare_running(const Profile& profile, const LogData& log,
                                                      std::int64_t now) {
  return roller::aftercare_running(profile, Judge(profile, log), now);
}

inline Stats compute_stats(const Profile& profile, const LogData& log, std::int64_t now) {
  return roller::compute_stats(profile, Judge(profile, log), log, now);
}

}  // namespace roller::test
