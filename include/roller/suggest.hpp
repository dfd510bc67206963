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

/// How a suggestion follows the message it completes.
enum class HintForm {
  aside,   ///< " (did you mean 'forehead'?)"
  clause,  ///< "; did you mean 'forehead'?"
};

/// The "did you mean" hint for `guess`, in every message's same words; empty when there is
/// no guess.
[[nodiscard]] std::string did_you_mean(const std::optional<std::string>& guess,
                                       HintForm form = HintForm::aside);

/// The hint for the candidate closest to `name` (see closest_name); empty when none is.
[[nodiscard]] std::string did_you_mean(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       HintForm form = HintForm::aside);

}  // namespace roller
