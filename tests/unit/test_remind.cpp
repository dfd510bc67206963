// Unit tests for reminders: what needs attention at an instant, the keys that make a thing
// new, and the state `roller remind` keeps of what it said.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "roller/remind.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::test;

namespace {

constexpr std::int64_t day = seconds_per_day;

std::string session(const char* when, const char* id, const char* area = "forehead",
                    const char* depth = "0.25") {
  return fmt::format("{} session id={} area={} depth={} roller=default\n", when, id, area, depth);
}

// The keys of the reminders of `text` at `now`, under the default profile.
std::vector<std::string> keys_at(const std::string& text, const char* now) {
  const LogData log = log_of(text);
  const Profile profile = default_profile();
  const Judge judge(profile, log);
  std::vector<std::string> keys;
  for (const Reminder& r : reminders(judge, log, at(now))) keys.push_back(r.key);
  return keys;
}

bool has_prefix(const std::vector<std::string>& keys, std::string_view prefix) {
  return std::any_of(keys.begin(), keys.end(),
                     [&](const std::string& k) { return k.starts_with(prefix); });
}

}  // namespace

TEST_CASE("an empty log needs nothing") { CHECK(keys_at("", "2026-11-25T20:00:00Z").empty()); }

TEST_CASE("an area rolled is said ready when its rest runs out, keyed by that instant") {
  const std::string log = session("2026-11-20T20:00:00Z", "0000000000000001") +
                          "2026-11-20T20:30:00Z clean id=0000000000000002 roller=default\n";
  // 0.25 mm rests two days; face (which covers forehead) was never rolled itself.
  CHECK(keys_at(log, "2026-11-21T20:00:00Z").empty());
  const auto ready = keys_at(log, "2026-11-22T20:00:00Z");
  CHECK(ready == std::vector<std::string>{
                     fmt::format("area-ready forehead {}", at("2026-11-22T20:00:00Z"))});
  // Rolled again and ready again: a new instant, a new key.
  const std::string again = log + session("2026-11-23T20:00:00Z", "0000000000000003") +
                            "2026-11-23T20:30:00Z clean id=0000000000000004 roller=default\n";
  CHECK(keys_at(again, "2026-11-24T20:00:00Z").empty());
  CHECK(
      keys_at(again, "2026-11-25T20:00:00Z") ==
      std::vector<std::string>{fmt::format("area-ready forehead {}", at("2026-11-25T20:00:00Z"))});
}

TEST_CASE("a roller to clean is keyed by its latest use, a head to replace by its start") {
  const std::string log = session("2026-11-20T20:00:00Z", "0000000000000001");
  CHECK(keys_at(log, "2026-11-20T21:00:00Z") ==
        std::vector<std::string>{"clean default 0000000000000001"});
  // 42 days after the first use the head is due (the default profile's replace_after_days).
  const auto later =
      keys_at(log + "2026-11-20T21:00:00Z clean id=0000000000000002 roller=default\n",
              "2027-01-02T20:00:00Z");
  CHECK(std::find(later.begin(), later.end(),
                  fmt::format("replace default {}", at("2026-11-20T20:00:00Z"))) != later.end());
  CHECK_FALSE(has_prefix(later, "clean "));
}

TEST_CASE("a hold that ended is said until a session follows it") {
  const std::string hold =
      "2026-11-10T08:00:00Z hold id=0000000000000009 until=2026-11-15T08:00:00Z "
      "reason=\"sunburn\"\n";
  CHECK_FALSE(has_prefix(keys_at(hold, "2026-11-12T08:00:00Z"), "hold-ended"));
  CHECK(keys_at(hold, "2026-11-16T08:00:00Z") ==
        std::vector<std::string>{
            fmt::format("hold-ended 0000000000000009 {}", at("2026-11-15T08:00:00Z"))});
  const std::string rolled = hold + session("2026-11-16T08:00:00Z", "0000000000000001");
  CHECK_FALSE(has_prefix(keys_at(rolled, "2026-11-16T09:00:00Z"), "hold-ended"));
}

TEST_CASE("a course session is said on the day it is due, and the latest review that came") {
  const std::string course =
      "2026-11-01T20:00:00Z course id=c000000000000001 name=hair area=scalp depth=0.5 every=7 "
      "sessions=4 reviews=1,2\n" +
      session("2026-11-01T20:00:00Z", "0000000000000001", "scalp", "0.5") +
      "2026-11-01T20:30:00Z clean id=0000000000000002 roller=default\n";
  // The second session is due 8 Nov 20:00, when week 1 has come: said on that (local) day.
  CHECK_FALSE(has_prefix(keys_at(course, "2026-11-07T12:00:00Z"), "course-session"));
  const auto morning = keys_at(course, "2026-11-08T09:00:00Z");
  CHECK(std::find(morning.begin(), morning.end(), "course-session hair c000000000000001 2") !=
        morning.end());
  const auto due = keys_at(course, "2026-11-08T21:00:00Z");
  CHECK(std::find(due.begin(), due.end(), "course-session hair c000000000000001 2") != due.end());
  // Week 1 has come: its review; at week 2, only week 2's.
  CHECK(std::find(due.begin(), due.end(), "course-review hair c000000000000001 week 1") !=
        due.end());
  const auto later = keys_at(course, "2026-11-15T21:00:00Z");
  CHECK(std::find(later.begin(), later.end(), "course-review hair c000000000000001 week 2") !=
        later.end());
  CHECK_FALSE(std::find(later.begin(), later.end(), "course-review hair c000000000000001 week 1") !=
              later.end());
}

TEST_CASE("the state reads back what it wrote, and anything else is damaged at its line") {
  RemindState state;
  state.at = 1795597200;
  state.said = {"area-ready forehead 1795377600", "clean default 0000000000000001"};
  const std::string text = format_remind_state(state);
  const auto back = parse_remind_state(text);
  REQUIRE(back.has_value());
  CHECK(back->at == state.at);
  CHECK(back->said == state.said);

  std::size_t bad = 0;
  CHECK_FALSE(parse_remind_state("", &bad).has_value());
  CHECK_FALSE(parse_remind_state("garbage\n", &bad).has_value());
  CHECK(bad == 1);
  CHECK_FALSE(parse_remind_state(text + "said\n", &bad).has_value());
  CHECK(bad == 5);
  CHECK_FALSE(parse_remind_state(text.substr(0, text.size() - 1), &bad).has_value());
  CHECK_FALSE(parse_remind_state("# roller remind state v1\nat 12x\n", &bad).has_value());
  CHECK(bad == 2);
}

TEST_CASE("what is new is what the state has not said, and the state keeps only what is current") {
  Reminder a;
  a.key = "area-ready forehead 1";
  Reminder b;
  b.key = "clean default 0000000000000001";
  RemindState state;
  state.said = {"area-ready forehead 1", "area-ready cheeks 5"};
  CHECK(new_reminders({a, b}, state) == std::vector<bool>{false, true});
  const RemindState next = remembered({b}, 7 * day);
  CHECK(next.at == 7 * day);
  CHECK(next.said == std::vector<std::string>{b.key});
  // Gone from the state, so said again when it comes back.
  CHECK(new_reminders({a}, next) == std::vector<bool>{true});
}

TEST_CASE("an area photographed before is due a photo a week after its latest, keyed by it") {
  const std::string hash(64, 'a');
  const auto photo = [&](const char* when, const char* id, const char* area) {
    return fmt::format("{} photo id={} area={} angle=front hash={}\n", when, id, area, hash);
  };
  const std::string log = photo("2026-11-01T20:00:00Z", "00000000000000a1", "forehead") +
                          photo("2026-11-05T20:00:00Z", "00000000000000a2", "forehead") +
                          photo("2026-11-05T20:00:00Z", "00000000000000a3", "nowhere");
  // A week after the latest photo of the forehead, not the first; an area the profile
  // does not define, and areas never photographed, are not due.
  CHECK(keys_at(log, "2026-11-12T19:59:59Z").empty());
  CHECK(keys_at(log, "2026-11-12T20:00:00Z") ==
        std::vector<std::string>{"photo forehead 00000000000000a2"});
  // A new photo moves the next a week on; voiding it brings the older one back.
  const std::string again = log + photo("2026-11-13T08:00:00Z", "00000000000000a4", "forehead");
  CHECK(keys_at(again, "2026-11-14T20:00:00Z").empty());
  CHECK(keys_at(again, "2026-11-20T08:00:00Z") ==
        std::vector<std::string>{"photo forehead 00000000000000a4"});
  const std::string voided =
      again + "2026-11-14T09:00:00Z void id=00000000000000a5 target=00000000000000a4\n";
  CHECK(keys_at(voided, "2026-11-14T20:00:00Z") ==
        std::vector<std::string>{"photo forehead 00000000000000a2"});
  CHECK(reminder_kind_name(ReminderKind::photo) == "photo");
}
