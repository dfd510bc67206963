// Aftercare windows: for each thing to avoid, the longest window any rule gives.
#include "roller/schedule.hpp"

#include <algorithm>

namespace roller {
namespace {

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

std::vector<AftercareWindow> aftercare_for(const Profile& profile, Micrometres depth,
                                           std::int64_t at) {
  std::vector<AftercareWindow> windows;
  for (const AftercareRule& rule : profile.aftercare) {
    if (depth < rule.from) continue;
    keep_longest(windows, {rule.avoid, at + rule.seconds});
  }
  return windows;
}

std::vector<AftercareWindow> aftercare_running(const Profile& profile, const Judge& judge,
                                               std::int64_t now) {
  std::vector<AftercareWindow> running;
  // Only sessions recent enough to matter: no rule lasts longer than the longest one.
  std::int64_t longest = 0;
  for (const AftercareRule& rule : profile.aftercare) longest = std::max(longest, rule.seconds);
  for (const Event* session : judge.sessions()) {
    if (session->utc > now || session->utc + longest <= now) continue;
    for (const AftercareWindow& w : aftercare_for(profile, session->depth, session->utc)) {
      if (w.until > now) keep_longest(running, w);
    }
  }
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
