// The profile: the rules roller enforces (rest tiers, areas and their depth caps, the home
// limit) and the rollers a person owns. Loaded from TOML over the embedded default profile
// and validated completely, so that the rest of roller can trust every number in it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roller/depth.hpp"

namespace roller {

/// Sessions up to `up_to` deep rest their area for `rest_seconds` of elapsed time.
struct RestTier {
  Micrometres up_to = 0;
  std::int64_t rest_seconds = 0;
  friend bool operator==(const RestTier&, const RestTier&) = default;
};

/// A part of the body that is rolled, with the deepest needle allowed on it.
struct Area {
  std::string name;
  Micrometres max_depth = 0;
  /// Its own rest tiers (`[[areas.NAME.rest]]`), ascending to at least max_depth; empty:
  /// the profile's tiers.
  std::vector<RestTier> rest;
  std::vector<std::size_t> covers;    ///< areas it contains (indices), as written
  std::vector<std::size_t> overlaps;  ///< itself, every area it contains and every area
                                      ///< that contains it, transitively (indices)
  friend bool operator==(const Area&, const Area&) = default;
};

/// After a session at least `from` deep, avoid something for a while.
struct AftercareRule {
  Micrometres from = 0;
  std::string avoid;
  std::int64_t seconds = 0;
  friend bool operator==(const AftercareRule&, const AftercareRule&) = default;
};

/// What kind of device a roller entry is.
enum class DeviceKind : std::uint8_t {
  roller,  ///< a needle roller: one needle length
  stamp,   ///< a stamp: one needle length, pressed rather than rolled
  pen,     ///< a derma pen: its depth is set per session, within a range
};

/// "roller", "stamp", "pen": as the profile writes a kind.
[[nodiscard]] constexpr std::string_view device_kind_name(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::roller:
      return "roller";
    case DeviceKind::stamp:
      return "stamp";
    case DeviceKind::pen:
      return "pen";
  }
  return "roller";
}

/// A roller, stamp or pen the person owns (`[rollers.NAME]`).
struct Roller {
  std::string name;
  DeviceKind kind = DeviceKind::roller;
  Micrometres needle = 0;     ///< roller, stamp: the needle length; pen: 0
  Micrometres min_depth = 0;  ///< pen: the shallowest setting
  Micrometres max_depth = 0;  ///< pen: the deepest setting
  std::optional<std::int64_t> since_day;  ///< days since 1970-01-01 of `since`, a local date
  int replace_after_uses = 0;
  int replace_after_days = 0;
  [[nodiscard]] bool is_pen() const { return kind == DeviceKind::pen; }
  /// Whether a session of `depth` can be done with it: a pen's range, else its needle.
  [[nodiscard]] bool reaches(Micrometres depth) const {
    return is_pen() ? min_depth <= depth && depth <= max_depth : depth == needle;
  }
  friend bool operator==(const Roller&, const Roller&) = default;
};

/// Something put on the skin that needs a window around sessions (`[products.NAME]`).
struct Product {
  std::string name;
  std::int64_t stop_before_seconds = 0;  ///< no session this long after a use on the area
  std::int64_t avoid_after_seconds = 0;  ///< no use this long after a session on the area
  std::vector<std::size_t> areas;        ///< the areas it is used on (indices), in order
  std::string reason;                    ///< why, shown with its windows; may be empty
  [[nodiscard]] bool applies_to(std::size_t area) const {
    for (const std::size_t a : areas) {
      if (a == area) return true;
    }
    return false;
  }
  friend bool operator==(const Product&, const Product&) = default;
};

/// A standard pause in rolling (`[holds.NAME]`): `hold --preset NAME`.
struct HoldPreset {
  std::string name;
  std::int64_t seconds = 0;
  std::string reason;
  friend bool operator==(const HoldPreset&, const HoldPreset&) = default;
};

/// Elapsed seconds a session of `depth` rests by `tiers`: the first tier that reaches the
/// depth; past every tier (a hand-edited log), the longest rest of any tier.
[[nodiscard]] std::int64_t tier_rest_seconds(const std::vector<RestTier>& tiers, Micrometres depth);

/// A validated profile. Areas keep the order of the file.
struct Profile {
  std::string source;  ///< file path as messages show it (escaped), or "(default profile)"
  Micrometres home_max_depth = 1500;
  std::optional<std::string> default_roller;
  int replace_after_uses = 12;
  int replace_after_days = 42;
  /// Sessions with one roller closer together than this are one sitting: one use of it, one
  /// cleaning (`[hygiene] sitting_minutes`).
  std::int64_t sitting_seconds = 120 * 60;
  /// How long a reaction with redness 2 or more keeps its area from being rolled
  /// (`[healing] redness_hours`).
  std::int64_t redness_seconds = 48 * 3600;
  std::vector<RestTier> rest;
  std::vector<Area> areas;
  std::vector<Roller> rollers;
  std::vector<AftercareRule> aftercare;
  std::vector<Product> products;
  std::vector<HoldPreset> hold_presets;
  std::vector<std::string> warnings;  ///< "FILE:LINE:COL: message", e.g. unknown keys

  /// Index of the area called `name` in `areas`, if any.
  [[nodiscard]] std::optional<std::size_t> find_area(std::string_view name) const;
  /// The roller called `name`, if any.
  [[nodiscard]] const Roller* find_roller(std::string_view name) const;
  /// The product called `name`, if any.
  [[nodiscard]] const Product* find_product(std::string_view name) const;
  /// The hold preset called `name`, if any.
  [[nodiscard]] const HoldPreset* find_hold_preset(std::string_view name) const;
  /// Elapsed seconds a session of `depth` rests by the profile's tiers.
  [[nodiscard]] std::int64_t rest_seconds(Micrometres depth) const {
    return tier_rest_seconds(rest, depth);
  }
  /// Elapsed seconds a session of `depth` on `area` rests it: the area's own tiers when
  /// they reach the depth, else the profile's (see tier_rest_seconds).
  [[nodiscard]] std::int64_t rest_seconds(std::size_t area, Micrometres depth) const;
  /// The tiers a session of `depth` on `area` is rested by.
  [[nodiscard]] const std::vector<RestTier>& tiers_for(std::size_t area, Micrometres depth) const;
  /// The names of the areas, in order (for suggestions and messages).
  [[nodiscard]] std::vector<std::string> area_names() const;
  friend bool operator==(const Profile&, const Profile&) = default;
};

/// Why `name` cannot name an area, roller, product, preset or course ("course name 'x' must
/// ..."), or nullopt when it can. Names are typed on the command line, written bare into the
/// log (no space, '"', '=', '#' or control) and offered by the shell completions (which split
/// on spaces and take ':' and quotes as their own): letters of any script, combining marks,
/// ASCII digits, '-', '_' and '.' carry through all three, up to 64 characters. A leading '-'
/// would read as an option.
[[nodiscard]] std::optional<std::string> name_problem(std::string_view name, std::string_view what);

/// Label used as the source of the embedded default profile in messages.
inline constexpr std::string_view default_profile_source = "(default profile)";

/// The text of config/profile.toml, compiled into the binary.
[[nodiscard]] std::string_view default_profile_text();

/// The embedded default profile: config/profile.toml, parsed when roller is built.
[[nodiscard]] Profile default_profile();

/// Parses profile TOML over `base` (the built-in profile, or an empty one for the text of
/// the built-in profile itself). Throws FileError as parse_profile does.
[[nodiscard]] Profile parse_profile_over(Profile base, std::string_view text,
                                         const std::string& source);

/// Parses profile TOML over the default profile. `source` names it in messages. Throws
/// FileError with "SOURCE:LINE:COL: message" for syntax errors and invalid values.
[[nodiscard]] Profile parse_profile(std::string_view text, const std::string& source);

/// Reads and parses a profile file. Throws FileError when it cannot be read or is invalid.
[[nodiscard]] Profile load_profile_file(const std::filesystem::path& path);

}  // namespace roller
