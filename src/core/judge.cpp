// The judge. Everything a command asks about the rules is answered from three things worked
// out once per log: the counted sessions in time order, the hold spans after releases, and
// the profile area of each name in the log. The candidate verdict and the area state are
// the same rule read two ways: an area is ready at T exactly when a session at its cap at T
// would pass, so `next` and `log` cannot disagree.
#include "roller/judge.hpp"

#include <algorithm>
#include <limits>
#include <queue>

#include "roller/suggest.hpp"

namespace roller {
namespace {

bool earlier(const Event* a, const Event* b) {
  return a->utc != b->utc ? a->utc < b->utc : a->line < b->line;
}

// The longest rest of any depth from the shallowest up to `cap` on `area`: a rest table may
// shrink as depth grows (a profile warns of it), and "ready" must hold for every depth
// allowed. An area's own tiers reach its cap, so they alone answer when it has them.
std::int64_t longest_rest_up_to(const Profile& profile, std::size_t area, Micrometres cap) {
  const std::vector<RestTier>& tiers = profile.tiers_for(area, cap);
  std::int64_t longest = 0;
  for (const RestTier& tier : tiers) {
    longest = std::max(longest, tier.rest_seconds);
    if (tier.up_to >= cap) return longest;
  }
  return std::max(longest, tier_rest_seconds(tiers, cap));
}

// The latest-ending of `spans` in force at `at` (each has holds(at) and end), or null.
template <typename Span>
const Span* latest_in_force(const std::vector<Span>& spans, std::int64_t at) {
  const Span* found = nullptr;
  for (const Span& span : spans) {
    if (span.holds(at) && (found == nullptr || span.end > found->end)) found = &span;
  }
  return found;
}

// Sweeps spans in the order of their start as instants rise: what is in force at each
// instant asked, the one that ends last on top. Instants must not fall. Each span is pushed
// once, so a replay of every session costs no scan of every span per session.
template <typename Span>
class InForce {
 public:
  explicit InForce(const std::vector<Span>& spans) {
    for (const Span& span : spans) by_start_.push_back(&span);
    std::stable_sort(by_start_.begin(), by_start_.end(),
                     [](const Span* a, const Span* b) { return a->from < b->from; });
  }
  const Span* at(std::int64_t instant) {
    while (next_ < by_start_.size() && by_start_[next_]->from <= instant) {
      started_.push(by_start_[next_++]);
    }
    while (!started_.empty() && started_.top()->end <= instant) started_.pop();
    return started_.empty() ? nullptr : started_.top();
  }

 private:
  struct EndsSooner {
    bool operator()(const Span* a, const Span* b) const { return a->end < b->end; }
  };
  std::vector<const Span*> by_start_;
  std::size_t next_ = 0;
  std::priority_queue<const Span*, std::vector<const Span*>, EndsSooner> started_;
};

}  // namespace

Judge::Judge(const Profile& profile, const LogData& log) : profile_(profile) {
  area_by_name_.resize(log.names.size());
  for (std::size_t i = 0; i < log.names.size(); ++i) {
    area_by_name_[i] = profile.find_area(log.names[i]);
  }
  cap_rest_.reserve(profile.areas.size());
  for (std::size_t a = 0; a < profile.areas.size(); ++a) {
    cap_rest_.push_back(longest_rest_up_to(
        profile, a, std::min(profile.areas[a].max_depth, profile.home_max_depth)));
  }

  // Which records count is decided once, when the log is read (LogData::counts); here the
  // counted sessions and the holds and releases are put in time order.
  std::vector<const Event*> pauses;
  std::vector<std::size_t> unknown_slot(log.names.size(), std::numeric_limits<std::size_t>::max());
  sessions_.reserve(log.events.size());
  for (const Event& e : log.events) {
    if (!log.counts(e)) continue;
    if (e.kind == RecordKind::session) {
      sessions_.push_back(&e);
      if (!area_by_name_[e.area]) {
        std::size_t& slot = unknown_slot[e.area];
        if (slot == std::numeric_limits<std::size_t>::max()) {
          slot = unknown_.size();
          unknown_.push_back({e.area, 0, closest_name(log.name(e.area), profile.area_names())});
        }
        ++unknown_[slot].sessions;
      }
    } else if (e.kind == RecordKind::hold || e.kind == RecordKind::release) {
      pauses.push_back(&e);
    } else if (e.kind == RecordKind::use) {
      uses_.push_back(&e);
    } else if (e.kind == RecordKind::reaction) {
      reactions_.push_back(&e);
      if (log.reactions[e.detail].severe) pauses.push_back(&e);
    }
  }
  std::stable_sort(uses_.begin(), uses_.end(), earlier);
  std::stable_sort(reactions_.begin(), reactions_.end(), earlier);
  // Redness keeps its area, and every area overlapping it, from being rolled a while.
  reaction_windows_.resize(profile.areas.size());
  for (const Event* reaction : reactions_) {
    const auto area = area_by_name_[reaction->area];
    if (!area || log.reactions[reaction->detail].redness < resting_redness) continue;
    for (const std::size_t a : profile.areas[*area].overlaps) {
      reaction_windows_[a].push_back(
          {reaction, reaction->utc, reaction->utc + profile.redness_seconds});
    }
  }
  // A use opens its product's window before sessions on each of its areas and on every
  // area that overlaps one of them. A product the profile no longer defines has none.
  windows_.resize(profile.areas.size());
  for (const Event* use : uses_) {
    const Product* product = profile.find_product(log.name(use->product));
    if (product == nullptr || product->stop_before_seconds == 0) continue;
    std::vector<bool> reached(profile.areas.size(), false);
    for (const std::uint32_t name : log.uses[use->detail].areas) {
      const auto area = area_by_name_[name];
      if (!area) continue;
      for (const std::size_t a : profile.areas[*area].overlaps) reached[a] = true;
    }
    for (std::size_t a = 0; a < reached.size(); ++a) {
      if (reached[a]) {
        windows_[a].push_back({use, product, use->utc, use->utc + product->stop_before_seconds});
      }
    }
  }
  // Logs are nearly always written in time order: then one pass finds nothing to sort.
  if (!std::is_sorted(sessions_.begin(), sessions_.end(), earlier)) {
    std::stable_sort(sessions_.begin(), sessions_.end(), earlier);
  }
  std::stable_sort(pauses.begin(), pauses.end(), earlier);
  // A release ends every hold set before it (in time, then file order) that is still on;
  // but a severe reaction only by a release written after it: one backdated past a release
  // was not seen by it, and must still be cleared on purpose.
  std::vector<std::size_t> open;  // holds no release has ended yet
  for (const Event* e : pauses) {
    if (e->kind == RecordKind::hold) {
      open.push_back(holds_.size());
      holds_.push_back({e, e->utc, std::max(e->utc, e->until), log.notes[e->note]});
      continue;
    }
    if (e->kind == RecordKind::reaction) {  // a severe one: held until cleared
      open.push_back(holds_.size());
      holds_.push_back({e, e->utc, HoldSpan::open_end, severe_reaction_reason});
      continue;
    }
    std::erase_if(open, [&](std::size_t i) {
      HoldSpan& hold = holds_[i];
      if (hold.record->kind == RecordKind::reaction && hold.record->line > e->line) return false;
      hold.end = std::min(hold.end, std::max(hold.from, e->utc));
      return true;
    });
  }
}

std::optional<std::size_t> Judge::area_of(const Event& session) const {
  return area_by_name_[session.area];
}

std::int64_t Judge::rest_of(const Profile& profile, std::size_t area, Micrometres depth) {
  return profile.rest_seconds(area, depth);
}

const ProductWindow* Judge::window_at(std::size_t area, std::int64_t at) const {
  return latest_in_force(windows_[area], at);
}

const ReactionWindow* Judge::reaction_at(std::size_t area, std::int64_t at) const {
  return latest_in_force(reaction_windows_[area], at);
}

std::vector<AfterWindow> Judge::after_windows(std::size_t area, std::int64_t at,
                                              std::span<const ExtraSession> extra) const {
  std::vector<AfterWindow> found;
  const Area& here = profile_.areas[area];
  std::int64_t longest = 0;
  for (const Product& product : profile_.products) {
    longest = std::max(longest, product.avoid_after_seconds);
  }
  if (longest == 0) return found;
  const auto overlapping = [&](std::optional<std::size_t> rolled) {
    return rolled && std::find(here.overlaps.begin(), here.overlaps.end(), *rolled) !=
                         here.overlaps.end();
  };
  // Only sessions in the last `longest` seconds up to `at` can have a window open at `at`:
  // sessions are in time order, so they are found from the end without a scan of the log.
  std::vector<ExtraSession> recent(extra.begin(), extra.end());
  auto it = std::upper_bound(sessions_.begin(), sessions_.end(), at,
                             [](std::int64_t t, const Event* s) { return t < s->utc; });
  while (it != sessions_.begin() && (*(it - 1))->utc + longest > at) {
    --it;
    if (const auto rolled = area_by_name_[(*it)->area]; overlapping(rolled)) {
      recent.push_back({*it, *rolled});
    }
  }
  for (const Product& product : profile_.products) {
    if (product.avoid_after_seconds == 0 || !product.applies_to(area)) continue;
    AfterWindow window{&product, nullptr, at};
    for (const ExtraSession& e : recent) {
      if (e.session->utc > at || !overlapping(e.area)) continue;
      const std::int64_t end = e.session->utc + product.avoid_after_seconds;
      if (end > window.end) {
        window.end = end;
        window.session = e.session;
      }
    }
    if (window.session != nullptr) found.push_back(window);
  }
  return found;
}

Verdict Judge::judge_depth(const Profile& profile, std::size_t area, Micrometres depth) {
  Verdict verdict;
  if (depth > profile.home_max_depth) {
    verdict.rule = Rule::home_limit;
    verdict.limit = profile.home_max_depth;
  } else if (depth > profile.areas[area].max_depth) {
    verdict.rule = Rule::area_cap;
    verdict.limit = profile.areas[area].max_depth;
  }
  return verdict;
}

Verdict Judge::judge_candidate(std::size_t area, Micrometres depth, std::int64_t at,
                               std::span<const ExtraSession> extra) const {
  const Verdict depth_verdict = judge_depth(profile_, area, depth);
  if (!depth_verdict.allowed()) return depth_verdict;
  return judge_timing(area, depth, at, extra);
}

const HoldSpan* Judge::hold_at(std::int64_t at) const { return latest_in_force(holds_, at); }

Verdict Judge::judge_timing(std::size_t area, Micrometres depth, std::int64_t at,
                            std::span<const ExtraSession> extra) const {
  Verdict verdict;
  if (const HoldSpan* hold = hold_at(at)) {
    verdict.rule = Rule::hold;
    verdict.hold = hold;
    verdict.until = hold->end;
    return verdict;
  }
  if (const ProductWindow* window = window_at(area, at)) {
    verdict.rule = Rule::product_window;
    verdict.window = window;
    verdict.until = window->end;
    return verdict;
  }
  if (const ReactionWindow* reaction = reaction_at(area, at)) {
    verdict.rule = Rule::reaction;
    verdict.reaction = reaction;
    verdict.until = reaction->end;
    return verdict;
  }
  std::vector<bool> overlapping(profile_.areas.size(), false);
  for (const std::size_t a : profile_.areas[area].overlaps) overlapping[a] = true;
  const std::int64_t own_end = at + rest_seconds(area, depth);
  const Event* before = nullptr;  // the earlier session whose rest ends last, past `at`
  std::int64_t before_end = at;
  const Event* after = nullptr;  // the first later session inside this one's own rest
  const auto consider = [&](const Event* s, std::optional<std::size_t> rolled) {
    if (!rolled || !overlapping[*rolled]) return;
    if (s->utc <= at) {
      const std::int64_t end = s->utc + rest_seconds(*rolled, s->depth);
      if (end > before_end) {
        before_end = end;
        before = s;
      }
    } else if (s->utc < own_end && (after == nullptr || earlier(s, after))) {
      after = s;
    }
  };
  for (const ExtraSession& e : extra) consider(e.session, e.area);
  for (const Event* s : sessions_) consider(s, area_by_name_[s->area]);
  if (before != nullptr) {
    verdict.rule = Rule::too_soon;
    verdict.other = before;
    verdict.until = before_end;
  } else if (after != nullptr) {
    verdict.rule = Rule::too_close_before_later;
    verdict.other = after;
  }
  return verdict;
}

std::vector<AreaState> Judge::areas_at(std::int64_t at, std::span<const ExtraSession> extra) const {
  return states_at(at, extra, std::nullopt);
}

AreaState Judge::area_at(std::size_t area, std::int64_t at,
                         std::span<const ExtraSession> extra) const {
  return states_at(at, extra, area).front();
}

namespace {

// What blocks a session at an area's cap: each session's open interval (s - reach, s + rest),
// each hold's, product window's and reaction window's [from, end). Only those that end after
// the instant asked about matter.
struct Block {
  std::int64_t start;
  std::int64_t end;
  const Event* session;  ///< null for a hold or a window
  const HoldSpan* hold = nullptr;
  const ProductWindow* window = nullptr;
  const ReactionWindow* reaction = nullptr;
};

// Chains the blocks from `at` on into the state's readiness, due instant and rested_by.
void chain(std::vector<Block>& blocks, std::int64_t at, AreaState& state) {
  // At an equal start a hold or window (closed) goes before a session (open), so that one starting
  // exactly at the chain's end is taken in.
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
    if (a.start != b.start) return a.start < b.start;
    return (a.session == nullptr) > (b.session == nullptr);
  });
  // Every block met before the chain breaks overlaps [at, due): of the sessions among them,
  // the one whose rest ends last keeps the area resting (the first in time order on a tie).
  std::int64_t t = at;
  std::int64_t rested_end = 0;
  const Block* last = nullptr;  // the block that ends the chain; a session's on a tie
  for (const Block& block : blocks) {
    const bool reached = block.session == nullptr ? block.start <= t : block.start < t;
    if (!reached) break;
    if (block.end > t || (block.end == t && last != nullptr && block.session != nullptr &&
                          last->session == nullptr)) {
      last = &block;
    }
    t = std::max(t, block.end);
    if (block.session != nullptr &&
        (state.rested_by == nullptr || block.end > rested_end ||
         (block.end == rested_end && earlier(block.session, state.rested_by)))) {
      state.rested_by = block.session;
      rested_end = block.end;
    }
  }
  if (t > at) {
    state.ready = false;
    state.due = t;
    state.due_by = last->session != nullptr  ? DueCause::session
                   : last->hold != nullptr   ? DueCause::hold
                   : last->window != nullptr ? DueCause::window
                                             : DueCause::reaction;
    state.due_hold = last->hold;
    state.due_window = last->window;
    state.due_reaction = last->reaction;
  }
}

}  // namespace

std::vector<AreaState> Judge::states_at(std::int64_t at, std::span<const ExtraSession> extra,
                                        std::optional<std::size_t> only) const {
  const std::size_t count = profile_.areas.size();
  const bool held = hold_at(at) != nullptr;
  std::vector<AreaState> states(count);
  std::vector<std::vector<Block>> blocks(count);
  for (std::size_t a = 0; a < count; ++a) {
    states[a].area = a;
    states[a].held = held;
  }
  // One pass over the sessions: each one reaches the areas its own area overlaps.
  const auto consider = [&](const Event* s, std::optional<std::size_t> rolled) {
    if (!rolled) return;
    const std::int64_t end = s->utc + rest_seconds(*rolled, s->depth);
    for (const std::size_t a : profile_.areas[*rolled].overlaps) {
      if (only && a != *only) continue;
      AreaState& state = states[a];
      if (a == *rolled && (state.last == nullptr || !earlier(s, state.last))) state.last = s;
      if (s->utc <= at && (!state.due || end > *state.due)) state.due = end;
      if (end > at) blocks[a].push_back({s->utc - cap_rest_[a], end, s});
    }
  };
  for (const Event* s : sessions_) consider(s, area_by_name_[s->area]);
  for (const ExtraSession& e : extra) consider(e.session, e.area);
  for (std::size_t a = 0; a < count; ++a) {
    if (only && a != *only) continue;
    for (const HoldSpan& hold : holds_) {
      if (hold.end > at) blocks[a].push_back({hold.from, hold.end, nullptr, &hold});
    }
    for (const ProductWindow& window : windows_[a]) {
      if (window.end > at) blocks[a].push_back({window.from, window.end, nullptr, nullptr, &window});
    }
    for (const ReactionWindow& window : reaction_windows_[a]) {
      if (window.end > at) {
        blocks[a].push_back({window.from, window.end, nullptr, nullptr, nullptr, &window});
      }
    }
    states[a].window = window_at(a, at);
    states[a].reaction = reaction_at(a, at);
    chain(blocks[a], at, states[a]);
  }
  if (only) return {states[*only]};
  return states;
}

const std::vector<JudgedSession>& Judge::replay() const {
  if (replay_) return *replay_;
  std::vector<JudgedSession> judged;
  judged.reserve(sessions_.size());
  // Per area, the earlier unforced session whose rest ends last.
  std::vector<const Event*> limiting(profile_.areas.size(), nullptr);
  std::vector<std::int64_t> rest_until(profile_.areas.size(), std::numeric_limits<std::int64_t>::min());
  // Per area, the earlier forced sessions whose rest still runs. A forced session's --force
  // covers the pairs it makes with sessions written before it (a forced backfill crowding a
  // session already in the log): its rest does not count against them, and the pair's broken
  // rule is its own. Forced sessions are few and their rests end, so these lists stay short.
  struct Forced {
    std::int64_t end;
    const Event* session;
    std::size_t judged;  ///< its index in `judged`
  };
  std::vector<std::vector<Forced>> forced(profile_.areas.size());
  // The holds, and each area's product windows, in force at each session's instant;
  // sessions come in time order.
  InForce<HoldSpan> hold_at_session(holds_);
  std::vector<InForce<ProductWindow>> window_at_session;
  window_at_session.reserve(windows_.size());
  for (const auto& windows : windows_) window_at_session.emplace_back(windows);
  std::vector<InForce<ReactionWindow>> reaction_at_session;
  reaction_at_session.reserve(reaction_windows_.size());
  for (const auto& windows : reaction_windows_) reaction_at_session.emplace_back(windows);
  for (const Event* s : sessions_) {
    const auto area = area_by_name_[s->area];
    if (!area) continue;
    JudgedSession j{s, *area, s->utc + rest_seconds(*area, s->depth), {}};
    // The rest of earlier sessions still running here: the unforced ones', and those of
    // forced ones written before this one.
    const Event* other = rest_until[*area] > s->utc ? limiting[*area] : nullptr;
    std::int64_t until = rest_until[*area];
    auto& running = forced[*area];
    std::erase_if(running, [&](const Forced& f) { return f.end <= s->utc; });
    for (const Forced& f : running) {
      if (f.session->line > s->line) {
        // Written after this one, and forced past it: the pair is the forced one's.
        Verdict& theirs = judged[f.judged].verdict;
        if (theirs.allowed()) {
          theirs.rule = Rule::too_close_before_later;
          theirs.other = s;
        }
      } else if (f.end > until) {
        other = f.session;
        until = f.end;
      }
    }
    j.verdict = judge_depth(profile_, *area, s->depth);
    if (j.verdict.allowed()) {
      const HoldSpan* hold = hold_at_session.at(s->utc);
      const ProductWindow* window = window_at_session[*area].at(s->utc);
      const ReactionWindow* reaction = reaction_at_session[*area].at(s->utc);
      if (hold != nullptr) {
        j.verdict.rule = Rule::hold;
        j.verdict.hold = hold;
        j.verdict.until = hold->end;
      } else if (window != nullptr) {
        j.verdict.rule = Rule::product_window;
        j.verdict.window = window;
        j.verdict.until = window->end;
      } else if (reaction != nullptr) {
        j.verdict.rule = Rule::reaction;
        j.verdict.reaction = reaction;
        j.verdict.until = reaction->end;
      } else if (other != nullptr) {
        j.verdict.rule = Rule::too_soon;
        j.verdict.other = other;
        j.verdict.until = until;
      }
    }
    for (const std::size_t area_rested : profile_.areas[*area].overlaps) {
      if (s->forced) {
        forced[area_rested].push_back({j.rest_end, s, judged.size()});
      } else if (j.rest_end > rest_until[area_rested]) {
        rest_until[area_rested] = j.rest_end;
        limiting[area_rested] = s;
      }
    }
    judged.push_back(j);
  }
  replay_ = std::move(judged);
  return *replay_;
}

}  // namespace roller
