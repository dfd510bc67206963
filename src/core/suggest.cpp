// Closest-name suggestions. None of our libraries offers an edit distance (CLI11 has one
// only inside its own error messages), and a dozen lines of Damerau-Levenshtein beat a new
// dependency.
#include "roller/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace roller {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  // Case is folded for every comparison, swaps as substitutions: "Forheead" is one swap
  // from "forehead".
  const auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  // Beyond a third of the name's length a "suggestion" is a different word, unless the
  // name is the start of the candidate: people type names short. On a tie, a candidate
  // that the name begins wins.
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, name.size() / 3));
  std::optional<std::string> best;
  std::size_t best_rank = SIZE_MAX;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(name, candidate);
    const bool prefix = name.size() >= 3 && candidate.starts_with(name);
    if (!prefix && distance > limit) continue;
    const std::size_t rank = (prefix ? std::min(distance, limit) : distance) * 2 + (prefix ? 0 : 1);
    if (rank < best_rank) {
      best = candidate;
      best_rank = rank;
    }
  }
  return best;
}

std::string did_you_mean(const std::optional<std::string>& guess, HintForm form) {
  if (!guess) return {};
  return form == HintForm::aside ? fmt::format(" (did you mean '{}'?)", *guess)
                                 : fmt::format("; did you mean '{}'?", *guess);
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates,
                         HintForm form) {
  return did_you_mean(closest_name(name, candidates), form);
}

}  // namespace roller
