// Unit tests for the profile: the default, overlays, and every error with its line.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "roller/error.hpp"
#include "roller/profile.hpp"
#include "roller/time.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::error_of;

namespace {

constexpr std::int64_t day = seconds_per_day;

}  // namespace

TEST_CASE("the embedded default profile has the spec's areas, tiers and limits") {
  const Profile p = default_profile();
  CHECK(p.source == "(default profile)");
  CHECK(p.home_max_depth == 1500);
  CHECK(p.replace_after_uses == 12);
  CHECK(p.replace_after_days == 42);
  CHECK(p.warnings.empty());
  CHECK(p.rollers.empty());
  CHECK(p.area_names() == std::vector<std::string>{"face", "forehead", "under-eye", "nose",
                                                   "upper-lip", "cheeks", "chin", "jawline", "neck",
                                                   "decolletage", "scalp", "body"});
  const std::vector<std::pair<Micrometres, Micrometres>> caps{
      {0, 500},  {1, 500},  {2, 250}, {3, 500}, {4, 500},  {5, 1000},
      {6, 1000}, {7, 1000}, {8, 500}, {9, 500}, {10, 500}, {11, 1500}};
  for (const auto& [index, cap] : caps)
    CHECK(p.areas[static_cast<std::size_t>(index)].max_depth == cap);
  REQUIRE(p.rest.size() == 6);
}

TEST_CASE("the built-in profile is config/profile.toml, text and data") {
  // The data is generated when roller is built; it must be what parsing the text gives.
  const Profile parsed =
      parse_profile_over(Profile{}, default_profile_text(), std::string(default_profile_source));
  CHECK(parsed.warnings.empty());
  CHECK(default_profile() == parsed);
  std::ifstream file(ROLLER_SOURCE_DIR "/config/profile.toml", std::ios::binary);
  REQUIRE(file);
  const std::string text{std::istreambuf_iterator<char>(file), {}};
  CHECK(default_profile_text() == text);
}

TEST_CASE("rest_seconds takes the first tier that reaches the depth") {
  const Profile p = default_profile();
  CHECK(p.rest_seconds(1) == 2 * day);
  CHECK(p.rest_seconds(250) == 2 * day);
  CHECK(p.rest_seconds(251) == 3 * day);
  CHECK(p.rest_seconds(300) == 3 * day);
  CHECK(p.rest_seconds(301) == 7 * day);
  CHECK(p.rest_seconds(500) == 7 * day);
  CHECK(p.rest_seconds(750) == 14 * day);
  CHECK(p.rest_seconds(1000) == 28 * day);
  CHECK(p.rest_seconds(1001) == 42 * day);
  CHECK(p.rest_seconds(1500) == 42 * day);
  CHECK(p.rest_seconds(3000) == 42 * day);  // past every tier: the longest rest
}

TEST_CASE("a profile overlays the default key by key, areas and tiers replace whole") {
  const Profile p = parse_profile(
      "home_max_depth_mm = 1.0\n"
      "[[rest]]\nup_to_mm = 0.5\ndays = 3.5\n"
      "[[rest]]\nup_to_mm = 1.0\ndays = 30\n"
      "[areas.zeta]\nmax_depth_mm = 0.5\n"
      "[areas.alpha]\nmax_depth_mm = 1\n"
      "[areas.mid]\nmax_depth_mm = 0.25\n",
      "p.toml");
  CHECK(p.home_max_depth == 1000);
  CHECK(p.replace_after_uses == 12);  // from the default
  CHECK(p.area_names() == std::vector<std::string>{"zeta", "alpha", "mid"});
  CHECK(p.rest_seconds(500) == 3 * day + day / 2);
  CHECK(p.rest_seconds(501) == 30 * day);
  const Profile only_home = parse_profile("home_max_depth_mm = 0.5\n", "p.toml");
  CHECK(only_home.areas.size() == 12);  // default areas stay; the home limit still caps them
  CHECK(only_home.rest.size() == 6);
}

TEST_CASE("rollers are read with their hygiene defaults and dates") {
  const Profile p = parse_profile(
      "default_roller = \"r050\"\n"
      "[hygiene]\nreplace_after_uses = 10\n"
      "[rollers.r050]\nneedle_mm = 0.5\nsince = 2026-11-01\n"
      "[rollers.r025]\nneedle_mm = 0.25\nreplace_after_days = 30\n",
      "p.toml");
  REQUIRE(p.rollers.size() == 2);
  CHECK(p.default_roller == "r050");
  CHECK(p.rollers[0].name == "r050");
  CHECK(p.rollers[0].needle == 500);
  CHECK(p.rollers[0].since_day == days_from_date(2026, 11, 1));
  CHECK(p.rollers[0].replace_after_uses == 10);
  CHECK(p.rollers[0].replace_after_days == 42);
  CHECK(p.rollers[1].replace_after_days == 30);
  CHECK_FALSE(p.rollers[1].since_day.has_value());
}

TEST_CASE("an unknown key is a warning with its line and the closest known key") {
  const Profile p = parse_profile(
      "home_max_dept_mm = 1.0\n[areas.forehead]\nmax_depht_mm = 0.5\nmax_depth_mm = 0.5\n"
      "[hygiene]\nwhatever = 1\n",
      "p.toml");
  REQUIRE(p.warnings.size() == 3);
  CHECK(p.warnings[0] ==
        "p.toml:1:1: unknown key 'home_max_dept_mm' (did you mean 'home_max_depth_mm'?); it is "
        "ignored");
  CHECK(p.warnings[1] ==
        "p.toml:3:1: unknown key 'areas.forehead.max_depht_mm' (did you mean 'max_depth_mm'?); it "
        "is ignored");
  CHECK(p.warnings[2] == "p.toml:6:1: unknown key 'hygiene.whatever'; it is ignored");
  CHECK(p.home_max_depth == 1500);
}

TEST_CASE("every invalid profile names its file, line and column") {
  const std::pair<std::string, std::string> cases[] = {
      {"home_max_depth_mm = \n", "p.toml:1:"},
      {"[areas.forehead\n", "p.toml:1:"},
      {"\n\nhome_max_depth_mm = \"deep\"\n", "p.toml:3:21: 'home_max_depth_mm' must be a number"},
      {"home_max_depth_mm = 0\n", "p.toml:1:21: 'home_max_depth_mm' must be a positive number"},
      {"home_max_depth_mm = -1.5\n", "p.toml:1:21: 'home_max_depth_mm' must be a positive"},
      {"home_max_depth_mm = nan\n", "p.toml:1:21: 'home_max_depth_mm' must be a positive"},
      {"home_max_depth_mm = inf\n", "p.toml:1:21: 'home_max_depth_mm' must be a positive"},
      {"home_max_depth_mm = 0.0005\n", "p.toml:1:21: 'home_max_depth_mm' must be at most 100 mm"},
      {"home_max_depth_mm = 2.0\n", "p.toml:1:21: the rest tiers stop at 1.5 mm"},
      {"[[rest]]\nup_to_mm = 0.5\ndays = 7\n[[rest]]\nup_to_mm = 0.3\ndays = 3\n",
       "p.toml:5:12: rest tiers must ascend: up_to_mm 0.3 mm follows 0.5 mm"},
      {"[[rest]]\nup_to_mm = 0.5\ndays = 7\n", "the rest tiers stop at 0.5 mm"},
      {"[[rest]]\nup_to_mm = 1.5\ndays = 0\n", "p.toml:3:8: 'days' must be a positive number"},
      {"[[rest]]\nup_to_mm = 1.5\ndays = \"7\"\n", "p.toml:3:8: 'days' must be a positive"},
      {"[[rest]]\nup_to_mm = 1.5\n", "p.toml:1:1: a [[rest]] tier needs 'days'"},
      {"rest = 7\n", "p.toml:1:8: 'rest' must be one or more [[rest]] tables"},
      {"rest = []\n", "p.toml:1:8: 'rest' must be one or more [[rest]] tables"},
      {"\n[areas.forehead]\nmax_depth_mm = 2.0\n",
       "p.toml:3:16: area 'forehead' allows 2.0 mm, deeper than the home limit of 1.5 mm"},
      {"[areas.forehead]\n", "p.toml:1:1: area 'forehead' needs 'max_depth_mm'"},
      {"[areas.forehead]\nmax_depth_mm = true\n", "p.toml:2:16: 'max_depth_mm' must be a number"},
      {"areas = 3\n", "p.toml:1:9: 'areas' must be a table"},
      {"[areas]\n", "'areas' must define at least one area"},
      {"[areas.\"two words\"]\nmax_depth_mm = 0.5\n", "p.toml:1:8: area name 'two words' must be"},
      {"[areas.forehead]\nmax_depth_mm = 0.5\n[areas.nose]\nmax_depth_mm = -0.5\n",
       "p.toml:4:16: 'max_depth_mm' must be a positive"},
      {"[rollers.r050]\nneedle_mm = 2.0\n", "p.toml:2:13: roller 'r050' has 2.0 mm needles"},
      {"[rollers.r050]\n", "p.toml:1:1: roller 'r050' needs 'needle_mm'"},
      {"[rollers.r050]\nneedle_mm = 0.5\nsince = \"Monday\"\n",
       "p.toml:3:9: 'since' must be a date"},
      {"[rollers.r050]\nneedle_mm = 0.5\nreplace_after_uses = 0\n",
       "p.toml:3:22: 'replace_after_uses' must be a whole number from 1"},
      {"[hygiene]\nreplace_after_days = 4.5\n",
       "p.toml:2:22: 'replace_after_days' must be a whole"},
      {"default_roller = \"r050\"\n", "p.toml:1:18: default_roller 'r050' is not one of the"},
      {"default_roller = 5\n[rollers.r050]\nneedle_mm = 0.5\n",
       "p.toml:1:18: 'default_roller' must be a string"},
      {"hygiene = 1\n", "p.toml:1:11: 'hygiene' must be a table"},
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    const std::string message = error_of(text);
    CHECK_MESSAGE(message.find(expected) != std::string::npos, message);
  }
}

TEST_CASE("area and roller names may be letters of any script, never start with '-'") {
  const Profile p = parse_profile(
      "[areas.front]\nmax_depth_mm = 0.5\n"
      "[areas.stirn]\nmax_depth_mm = 0.5\n"
      "[areas.\"\u3072\u305f\u3044\"]\nmax_depth_mm = 0.5\n"                    // ひたい
      "[areas.\"\u043c\u0435\u0439\u043a\u0430\u043f\"]\nmax_depth_mm = 0.5\n"  // мейкап
      "[areas.\"zon\u00e9\"]\nmax_depth_mm = 0.5\n"                             // zoné, composed
      "[areas.\"zone\u0301\"]\nmax_depth_mm = 0.5\n"                            // and decomposed
      "[areas.\"under-eye_2.left\"]\nmax_depth_mm = 0.25\n"
      "[rollers.\"\u30ed\u30fc\u30e9\u30fc\"]\nneedle_mm = 0.5\n",  // ローラー
      "p.toml");
  CHECK(p.area_names() == std::vector<std::string>{"front", "stirn", "\u3072\u305f\u3044",
                                                   "\u043c\u0435\u0439\u043a\u0430\u043f",
                                                   "zon\u00e9", "zone\u0301", "under-eye_2.left"});
  REQUIRE(p.rollers.size() == 1);
  CHECK(p.rollers[0].name == "\u30ed\u30fc\u30e9\u30fc");
  // 64 characters of three bytes each are within the limit, which counts characters.
  std::string long_name;
  for (int i = 0; i < 64; ++i) long_name += "\u984d";
  CHECK(
      parse_profile("[areas.\"" + long_name + "\"]\nmax_depth_mm = 0.5\n", "p.toml").areas.size() ==
      1);
}

TEST_CASE("names the log, the command line or the completions cannot carry are refused") {
  const std::pair<std::string, std::string> cases[] = {
      {"-x",
       "p.toml:1:8: area name '-x' must not start with '-': on the command line it would "
       "read as an option"},
      {"--force", "p.toml:1:8: area name '--force' must not start with '-'"},
      {"two words",
       "p.toml:1:8: area name 'two words' must be 1 to 64 letters (of any "
       "script), digits, '-', '_' or '.'"},
      {"a=b", "area name 'a=b' must be"},
      {"a#b", "area name 'a#b' must be"},
      {"a\\\"b", "area name 'a\"b' must be"},
      {"a:b", "area name 'a:b' must be"},
      {"a'b", "area name 'a'b' must be"},
      {"a$b", "area name 'a$b' must be"},
      {"a\\u0009b", "area name 'a\\tb' must be"},
      {"a\\u0085b", "area name 'a\\xc2\\x85b' must be"},
      {"a\\u202eb", "area name 'a\\u202eb' must be"},
      {"a\\u00a0b", "area name 'a\u00a0b' must be"},      // no-break space
      {"a\\u3000b", "area name 'a\u3000b' must be"},      // ideographic space
      {"\\U0001F600", "area name '\U0001F600' must be"},  // an emoji is not a letter
      {"", "p.toml:1:8: area name '' must be"},
      {std::string(65, 'a'), "must be 1 to 64 letters"},
  };
  for (const auto& [name, expected] : cases) {
    CAPTURE(name);
    const std::string message = error_of("[areas.\"" + name + "\"]\nmax_depth_mm = 0.5\n");
    CHECK_MESSAGE(message.find(expected) != std::string::npos, message);
  }
  CHECK(error_of("[rollers.\"-r050\"]\nneedle_mm = 0.5\n") ==
        "p.toml:1:10: roller name '-r050' must not start with '-': on the command line it would "
        "read as an option");
}

TEST_CASE("letters where TOML expects whitespace are syntax errors naming the letter") {
  // toml++ 3.3.0 asks its Unicode tables whether these are whitespace, and for the code
  // points of three blocks its generated table has no answer (see CMakeLists.txt).
  CHECK(error_of("home_max_depth_mm = 1.5 \u00e9\n") ==
        "p.toml:1:25: Error while parsing key-value pair: expected a comment or whitespace, saw "
        "'\u00e9'");
  CHECK(error_of("\u043b = 1\n").starts_with("p.toml:1:1: Error while parsing root table"));
  CHECK(error_of("[areas.forehead]\nmax_depth_mm = 0.5\n\u2d00\n").starts_with("p.toml:3:1:"));
  CHECK(error_of("home_max_depth_mm = 1.5 \ufeff\u00a1\n").starts_with("p.toml:1:"));
}

TEST_CASE("load_profile_file reports unreadable paths") {
  CHECK_THROWS_WITH_AS((void)load_profile_file("/nonexistent/roller/profile.toml"),
                       doctest::Contains("/nonexistent/roller/profile.toml: cannot read profile"),
                       FileError);
  CHECK_THROWS_WITH_AS((void)load_profile_file("/"), doctest::Contains("is a directory"),
                       FileError);
}

TEST_CASE("[hygiene] sitting_minutes sets the sitting, 0 to 1440 minutes, default 120") {
  CHECK(default_profile().sitting_seconds == 120 * 60);
  CHECK(parse_profile("[hygiene]\nsitting_minutes = 45\n", "p.toml").sitting_seconds == 45 * 60);
  CHECK(parse_profile("[hygiene]\nsitting_minutes = 0\n", "p.toml").sitting_seconds == 0);
  CHECK(parse_profile("[hygiene]\nsitting_minutes = 1440\n", "p.toml").sitting_seconds ==
        1440 * 60);
  CHECK(parse_profile("[hygiene]\nsitting_minutes = 45\n", "p.toml").warnings.empty());
  for (const std::string value : {"-1", "1441", "1.5", "\"90\"", "true"}) {
    CAPTURE(value);
    CHECK(error_of("[hygiene]\nsitting_minutes = " + value + "\n") ==
          "p.toml:2:19: 'sitting_minutes' must be a whole number of minutes from 0 to 1440");
  }
}

TEST_CASE("a home limit above 1.5 mm is a warning naming the guidance it departs from") {
  const Profile p =
      parse_profile("home_max_depth_mm = 2.0\n[[rest]]\nup_to_mm = 2.0\ndays = 42\n", "p.toml");
  CHECK(p.home_max_depth == 2000);
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] ==
        "p.toml:1:21: home_max_depth_mm 2.0 mm is deeper than the 1.5 mm that guidance for home "
        "use allows (\"a needle length no greater than 1.5 mm\", the article roller grew from; "
        "see docs/rules.md); deeper needles are for clinics");
  CHECK(parse_profile("home_max_depth_mm = 1.5\n", "p.toml").warnings.empty());
  CHECK(parse_profile("home_max_depth_mm = 1.0\n", "p.toml").warnings.empty());
}

TEST_CASE("a deeper rest tier that rests fewer days than a shallower one is a warning") {
  const Profile p = parse_profile(
      "[[rest]]\nup_to_mm = 0.5\ndays = 7\n"
      "[[rest]]\nup_to_mm = 1.0\ndays = 3.5\n"
      "[[rest]]\nup_to_mm = 1.5\ndays = 7\n",
      "p.toml");
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] ==
        "p.toml:6:8: the rest tier up to 1.0 mm rests 3.5 days, fewer than the 7 days of the "
        "shallower tier up to 0.5 mm: deeper sessions need more rest, not less");
  // Equal rest for a deeper tier is a choice, not a slip.
  CHECK(parse_profile("[[rest]]\nup_to_mm = 0.5\ndays = 7\n[[rest]]\nup_to_mm = 1.5\ndays = 7\n",
                      "p.toml")
            .warnings.empty());
  // Warnings come in the order of the file, with the unknown keys.
  const Profile q = parse_profile(
      "[[rest]]\nup_to_mm = 0.5\ndays = 7\n[[rest]]\nup_to_mm = 1.5\ndays = 2\nwhatever = 1\n",
      "p.toml");
  REQUIRE(q.warnings.size() == 2);
  CHECK(q.warnings[0].starts_with("p.toml:6:8: the rest tier up to 1.5 mm rests 2 days"));
  CHECK(q.warnings[1].starts_with("p.toml:7:1: unknown key 'rest.whatever'"));
}
