// Unit tests for "did you mean" suggestions.
#include <doctest/doctest.h>

#include "roller/suggest.hpp"

using namespace roller;

TEST_CASE("edit_distance counts edits and adjacent swaps") {
  CHECK(edit_distance("forehead", "forehead") == 0);
  CHECK(edit_distance("forhead", "forehead") == 1);
  CHECK(edit_distance("cheecks", "cheeks") == 1);
  CHECK(edit_distance("chekes", "cheeks") == 1);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("edit_distance folds case for swaps as it does for substitutions") {
  CHECK(edit_distance("Forehead", "forehead") == 0);
  CHECK(edit_distance("cHekes", "cheeks") == 1);  // a swap of 'e' and 'k', whatever the case
  CHECK(edit_distance("CHEKES", "cheeks") == 1);
}

TEST_CASE("closest_name suggests plausible typos and prefixes, nothing for other words") {
  const std::vector<std::string> areas{"forehead", "under-eye", "cheeks", "chin", "neck"};
  CHECK(closest_name("forhead", areas) == "forehead");
  CHECK(closest_name("Forehead", areas) == "forehead");
  CHECK(closest_name("cheek", areas) == "cheeks");
  CHECK(closest_name("undereye", areas) == "under-eye");
  CHECK(closest_name("fore", areas) == "forehead");
  CHECK_FALSE(closest_name("elbow", areas).has_value());
  CHECK(closest_name("r05", {"r025", "r050"}) == "r050");  // a tie goes to the prefix
  CHECK_FALSE(closest_name("x", areas).has_value());
}

TEST_CASE("did_you_mean words a hint as an aside or a clause, and says nothing without a guess") {
  const std::vector<std::string> areas{"forehead", "cheeks"};
  CHECK(did_you_mean("forhead", areas) == " (did you mean 'forehead'?)");
  CHECK(did_you_mean("forhead", areas, HintForm::clause) == "; did you mean 'forehead'?");
  CHECK(did_you_mean("elbow", areas).empty());
  CHECK(did_you_mean(std::optional<std::string>()).empty());
}
