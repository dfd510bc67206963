// The judge: the one place where roller's rules of the skin are written. Given the profile and
// a log, it decides which records count, replays them in time order once, and answers every
// question a command asks: may this session be logged, is this area ready at an instant and
// until when does it rest, did each recorded session keep the rules. Commands ask it and
// render its answers; none of them computes a rest, an overlap, a hold or a voided set.
// docs/design.md ("The judge") states the rules this module implements, and tests/model/
// checks the binary against an independent model of them. Pure: nothing here reads the clock
// or the disk.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// The rule a session breaks, in the order the judge tries them.
enum class Rule : std::uint8_t {
  ok,
  home_limit,              ///< deeper than the home limit: never allowed, not even forced
  area_cap,                ///< deeper than the area's max_depth_mm
  hold,                    ///< a hold is in force at the session's instant
  product_window,          ///< inside a product's window before sessions (stop_before_days)
  reaction,                ///< the skin is still red after a reaction (redness_hours)
  too_soon,                ///< an earlier session's rest has not run out
  too_close_before_later,  ///< its own rest would reach a later session (a backfill)
};

/// A pause in rolling, as it stands after every release: a hold the person set, or a
/// severe reaction, which holds until it is cleared.
struct HoldSpan {
  /// The end of a hold that lasts until it is cleared: the last second roller can write.
  static constexpr std::int64_t open_end = 253402300799;  // 9999-12-31T23:59:59Z
  const Event* record = nullptr;  ///< the hold, or the severe reaction
  std::int64_t from = 0;  ///< when it was set
  std::int64_t end = 0;   ///< its `until`, or the release that ended it early
  std::string_view reason;  ///< the hold's reason, or what a severe reaction asks
  /// Whether it ends only when cleared (`hold --clear`) and has not been.
  [[nodiscard]] bool open() const { return end == open_end; }
  /// Whether the hold is in force at `at`.
  [[nodiscard]] bool holds(std::int64_t at) const { return from <= at && at < end; }
};

/// A product's window before sessions: after a use on an area, no session on that area or
/// any area overlapping it until `end` (`stop_before_days`).
struct ProductWindow {
  const Event* use = nullptr;
  const Product* product = nullptr;
  std::int64_t from = 0;  ///< the use's instant
  std::int64_t end = 0;
  /// Whether the window is in force at `at`.
  [[nodiscard]] bool holds(std::int64_t at) const { return from <= at && at < end; }
};

/// Skin still red after a reaction: no session on its area or any area overlapping it
/// until `end` (`[healing] redness_hours` after a reaction of redness 2 or more).
struct ReactionWindow {
  const Event* reaction = nullptr;
  std::int64_t from = 0;  ///< the reaction's instant
  std::int64_t end = 0;
  /// Whether the window is in force at `at`.
  [[nodiscard]] bool holds(std::int64_t at) const { return from <= at && at < end; }
};

/// The redness from which a reaction keeps its area from being rolled.
inline constexpr int resting_redness = 2;

/// What a severe reaction's hold says.
inline constexpr std::string_view severe_reaction_reason =
    "severe reaction: see a doctor before rolling again";

/// A product's window after a session: no use of it on the session's area (or one that
/// overlaps it) until `end` (`avoid_after_hours`).
struct AfterWindow {
  const Product* product = nullptr;
  const Event* session = nullptr;  ///< the session whose window ends last
  std::int64_t end = 0;
};

/// What the rules say of one session, and what limited it.
struct Verdict {
  Rule rule = Rule::ok;
  Micrometres limit = 0;          ///< home_limit, area_cap: the depth allowed
  const Event* other = nullptr;   ///< too_soon, too_close_before_later: the other session
  const HoldSpan* hold = nullptr; ///< hold: the hold in force that ends last
  const ProductWindow* window = nullptr;  ///< product_window: the window that ends last
  const ReactionWindow* reaction = nullptr;  ///< reaction: the window that ends last
  std::int64_t until = 0;  ///< too_soon: when the rest runs out; hold, product_window,
                           ///< reaction: its end
  [[nodiscard]] bool allowed() const { return rule == Rule::ok; }
};

/// What sets the instant an area becomes ready.
enum class DueCause : std::uint8_t {
  none,     ///< ready
  session,  ///< a session's rest (or its window before a later session): `rested_by`
  hold,     ///< a hold: `due_hold`
  window,   ///< a product's window before sessions: `due_window`
  reaction, ///< skin still red after a reaction: `due_reaction`
};

/// Where one area of the profile stands at an instant.
struct AreaState {
  std::size_t area = 0;              ///< index into Profile::areas
  bool ready = true;                 ///< a session at the area's cap would be accepted now
  bool held = false;                 ///< a hold is in force at the instant
  const ProductWindow* window = nullptr;  ///< the product window in force that ends last
  const ReactionWindow* reaction = nullptr;  ///< the reaction window in force that ends last
  std::optional<std::int64_t> due;   ///< not ready: when it will be; ready: when it became
                                     ///< ready (nullopt: no session ever rested it)
  const Event* rested_by = nullptr;  ///< not ready: the session whose rest ends last
  DueCause due_by = DueCause::none;  ///< not ready: what ends last, at `due`
  const HoldSpan* due_hold = nullptr;         ///< due_by hold: the hold
  const ProductWindow* due_window = nullptr;  ///< due_by window: the window
  const ReactionWindow* due_reaction = nullptr;  ///< due_by reaction: the window
  const Event* last = nullptr;       ///< the latest session on this very area
};

/// A recorded session and the verdict the replay gives it.
struct JudgedSession {
  const Event* session = nullptr;
  std::size_t area = 0;       ///< index into Profile::areas
  std::int64_t rest_end = 0;  ///< when the rest it imposes runs out
  Verdict verdict;            ///< judged against the sessions before it, without --force
};

/// A session taken as counted on top of the log's (one `log` just appended, or an earlier
/// area of the sitting being judged), on profile area `area`.
struct ExtraSession {
  const Event* session = nullptr;
  std::size_t area = 0;
};

/// Sessions on one area name the profile does not define: they cannot be judged.
struct UnknownArea {
  std::uint32_t name = 0;  ///< index into LogData::names
  std::size_t sessions = 0;
  std::optional<std::string> closest;  ///< the profile's area it is most likely meant as
};

/// The rules over one log. Keeps pointers into `log`, which must outlive it.
class Judge {
 public:
  Judge(const Profile& profile, const LogData& log);
  /// The judge keeps pointers into its log: a temporary one would leave them dangling.
  Judge(const Profile& profile, LogData&& log) = delete;

  /// The profile the judge reads.
  [[nodiscard]] const Profile& profile() const { return profile_; }
  /// The counted uses of products, in time order.
  [[nodiscard]] const std::vector<const Event*>& uses() const { return uses_; }
  /// The counted reactions, in time order.
  [[nodiscard]] const std::vector<const Event*>& reactions() const { return reactions_; }
  /// The counted sessions (voids resolved), in time order; equal times keep file order.
  [[nodiscard]] const std::vector<const Event*>& sessions() const { return sessions_; }
  /// The holds that count, in time order.
  [[nodiscard]] const std::vector<HoldSpan>& holds() const { return holds_; }
  /// The profile area a session is on, if the profile defines it.
  [[nodiscard]] std::optional<std::size_t> area_of(const Event& session) const;
  /// The elapsed seconds a session of `depth` on `area` rests it and every area it overlaps:
  /// the area's own tiers when they reach the depth, else the profile's.
  [[nodiscard]] std::int64_t rest_seconds(std::size_t area, Micrometres depth) const {
    return rest_of(profile_, area, depth);
  }
  /// The same rest, asked before any log is read (a course's cadence is judged by it).
  [[nodiscard]] static std::int64_t rest_of(const Profile& profile, std::size_t area,
                                            Micrometres depth);
  /// The product windows before sessions on `area`, from counted uses, in time order.
  [[nodiscard]] const std::vector<ProductWindow>& windows(std::size_t area) const {
    return windows_[area];
  }
  /// The window before sessions in force on `area` at `at` that ends last, if any.
  [[nodiscard]] const ProductWindow* window_at(std::size_t area, std::int64_t at) const;
  /// The windows of reactions that keep `area` from being rolled, in time order.
  [[nodiscard]] const std::vector<ReactionWindow>& reaction_windows(std::size_t area) const {
    return reaction_windows_[area];
  }
  /// The reaction window in force on `area` at `at` that ends last, if any.
  [[nodiscard]] const ReactionWindow* reaction_at(std::size_t area, std::int64_t at) const;
  /// The products whose use on `area` is to be avoided at `at`, after a counted session on
  /// it or an area overlapping it (and `extra`), one per product, in profile order.
  [[nodiscard]] std::vector<AfterWindow> after_windows(std::size_t area, std::int64_t at,
                                                       std::span<const ExtraSession> extra = {}) const;
  /// Sessions on areas the profile does not define, by name, in the order the log uses them.
  [[nodiscard]] const std::vector<UnknownArea>& unknown_areas() const { return unknown_; }

  /// The depth rules alone (home limit, area cap): a command can refuse before it reads.
  [[nodiscard]] static Verdict judge_depth(const Profile& profile, std::size_t area,
                                           Micrometres depth);
  /// The verdict on a new session of `depth` on `area` at `at`, as `log` would judge it
  /// without --force: depth, holds, the rest of earlier sessions, its own rest before later
  /// ones.
  /// `extra`: sessions counted on top of the log's (the earlier areas of a sitting).
  [[nodiscard]] Verdict judge_candidate(std::size_t area, Micrometres depth, std::int64_t at,
                                        std::span<const ExtraSession> extra = {}) const;
  /// Every rule but the depth ones, for a session whose depth was judged already.
  [[nodiscard]] Verdict judge_timing(std::size_t area, Micrometres depth, std::int64_t at,
                                     std::span<const ExtraSession> extra = {}) const;

  /// The hold in force at `at` that ends last, if any.
  [[nodiscard]] const HoldSpan* hold_at(std::int64_t at) const;

  /// Every area of the profile at `at`, in profile order, with `extra` counted too if given.
  [[nodiscard]] std::vector<AreaState> areas_at(std::int64_t at,
                                                std::span<const ExtraSession> extra = {}) const;
  /// One area of the profile at `at`, as areas_at gives it.
  [[nodiscard]] AreaState area_at(std::size_t area, std::int64_t at,
                                  std::span<const ExtraSession> extra = {}) const;

  /// Each counted session on an area of the profile, replayed in time order and judged
  /// against the ones before it. Worked out on first use.
  [[nodiscard]] const std::vector<JudgedSession>& replay() const;

 private:
  [[nodiscard]] std::vector<AreaState> states_at(std::int64_t at,
                                                 std::span<const ExtraSession> extra,
                                                 std::optional<std::size_t> only) const;

  const Profile& profile_;
  std::vector<std::optional<std::size_t>> area_by_name_;  ///< LogData name -> profile area
  std::vector<const Event*> sessions_;
  std::vector<HoldSpan> holds_;
  std::vector<std::vector<ProductWindow>> windows_;  ///< per profile area
  std::vector<const Event*> uses_;                   ///< counted uses, in time order
  std::vector<const Event*> reactions_;              ///< counted reactions, in time order
  std::vector<std::vector<ReactionWindow>> reaction_windows_;  ///< per profile area
  std::vector<UnknownArea> unknown_;
  std::vector<std::int64_t> cap_rest_;  ///< per area: the longest rest of a depth up to its cap
  mutable std::optional<std::vector<JudgedSession>> replay_;
};

}  // namespace roller
