// "Did you mean" suggestions for mistyped names: areas, rollers, profile keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roller {

/// Edit distance (insertions, deletions, substitutions, adjacent swaps) between two names.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, if one is close enough to be a plausible typo.
[[nodiscard]] std::optional<std::string> closest_name(std::string_view name,
                                                      const std::vector<std::string>& candidates);

}  // namespace roller
