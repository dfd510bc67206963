// Unit tests for human output: dates, relative phrases, widths, tables, and CLI11's errors
// in roller's words.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "render.hpp"
#include "roller/time.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::at;
using namespace roller::cli;

namespace {}  // namespace

TEST_CASE("format_when speaks local time and adds the year only when it differs") {
  const test::ScopedTz tz("Europe/Berlin");
  const std::int64_t now = at("2026-11-25T21:30:00+01:00");
  CHECK(format_when(at("2026-12-02T21:30:00+01:00"), now) == "Wed 2 Dec 21:30");
  CHECK(format_when(at("2026-11-09T21:00:00+01:00"), now) == "Mon 9 Nov 21:00");
  CHECK(format_when(at("2027-01-06T08:05:00+01:00"), now) == "Wed 6 Jan 2027 08:05");
  CHECK(format_when(at("2026-11-25T21:30:00-05:00"), now) == "Thu 26 Nov 03:30");
}

TEST_CASE("format_relative rounds to the nearest sensible unit") {
  const std::int64_t now = 1'800'000'000;
  CHECK(format_relative(now, now) == "now");
  CHECK(format_relative(now + 60, now) == "in 1 minute");
  CHECK(format_relative(now + 40 * 60, now) == "in 40 minutes");
  CHECK(format_relative(now + 3600, now) == "in 1 hour");
  CHECK(format_relative(now + 47 * 3600, now) == "in 47 hours");
  CHECK(format_relative(now + 47 * 3600 + 1800, now) == "in 2 days");
  CHECK(format_relative(now + 59 * 60 + 30, now) == "in 1 hour");
  CHECK(format_relative(now + 2 * seconds_per_day, now) == "in 2 days");
  CHECK(format_relative(now + 7 * seconds_per_day - 3600, now) == "in 7 days");
  CHECK(format_relative(now - 23 * seconds_per_day, now) == "23 days ago");
  CHECK(format_relative(now - 3600, now) == "1 hour ago");
  CHECK(format_duration(7 * seconds_per_day) == "7 days");
}

TEST_CASE("a relative phrase never says now for an instant still ahead or already past") {
  const std::int64_t now = 1'800'000'000;
  CHECK(format_relative(now + 1, now) == "in under a minute");
  CHECK(format_relative(now + 59, now) == "in under a minute");
  CHECK(format_relative(now - 1, now) == "under a minute ago");
  CHECK(format_relative(now - 59, now) == "under a minute ago");
  CHECK(format_relative(now - 60, now) == "1 minute ago");
  CHECK(format_duration(29) == "under a minute");
  CHECK(format_duration(-29) == "under a minute");
  CHECK(format_duration(0) == "0 minutes");
}

TEST_CASE("pad_right counts terminal columns, not bytes") {
  CHECK(pad_right("neck", 6) == "neck  ");
  CHECK(pad_right("décolleté", 11) == "décolleté  ");
  CHECK(pad_right("forehead", 4) == "forehead");
}

TEST_CASE("display_width counts wide characters 2, combining marks 0, not code points") {
  CHECK(display_width("forehead") == 8);
  CHECK(display_width("décolleté") == 9);
  CHECK(display_width("ひたい") == 6);         // hiragana: wide
  CHECK(display_width("额头") == 4);           // CJK ideographs: wide
  CHECK(display_width("이마") == 4);           // Hangul syllables: wide
  CHECK(display_width("ｒｏｌｌｅｒ") == 12);  // fullwidth Latin
  CHECK(display_width("мейкап") == 6);         // Cyrillic: narrow
  CHECK(display_width("zone\u0301") == 4);     // e + combining acute: one column
  CHECK(display_width("\U0001F600") == 2);     // an emoji
  CHECK(display_width("\u2764") == 1);         // text by default: narrow
  CHECK(display_width("a\u200db") == 2);       // zero-width joiner
  CHECK(display_width("\u1100\u1161") == 2);   // conjoining jamo: a syllable of two
  CHECK(display_width("\x1b") == 0);           // a control takes no column
  CHECK(display_width("\xff") == 1);           // invalid UTF-8: one column per byte
  CHECK(pad_right("ひたい", 8) == "ひたい  ");
  CHECK(pad_right("zone\u0301", 6) == "zone\u0301  ");
}

TEST_CASE("tables escape what their cells hold, whole") {
  const std::string note(100, 'n');
  CHECK(format_table({{"A", "B"}, {"x\x1b[2J", "\u202e" + note}}, {}, Style{false}) ==
        "A         B\n"
        "x\\x1b[2J  \\u202e" +
            note + "\n");
}

TEST_CASE("tables line up wide and combining text by the columns it takes") {
  const std::string table =
      format_table({{"AREA", "N"}, {"ひたい", "1"}, {"zone\u0301", "2"}, {"forehead", "3"}},
                   {false, true}, Style{false});
  CHECK(table ==
        "AREA      N\n"
        "ひたい    1\n"
        "zone\u0301      2\n"
        "forehead  3\n");
}

TEST_CASE("Style colours only when enabled") {
  CHECK(Style{false}.good("ready") == "ready");
  CHECK(Style{true}.good("ready") != "ready");
  CHECK(Style{true}.good("ready").find("ready") != std::string::npos);
  CHECK(Style{true}.good("ready").find("\x1b[") == 0);
}

TEST_CASE("printable shows bidirectional controls by number, like control characters") {
  CHECK(printable("fine \u202eti gnillor") == "fine \\u202eti gnillor");
  CHECK(printable("a\u2066b\u2069c") == "a\\u2066b\\u2069c");
  CHECK(printable("\u202a\u202b\u202c\u202d\u2067\u2068") ==
        "\\u202a\\u202b\\u202c\\u202d\\u2067\\u2068");
  CHECK(printable("\u200e\u200f") == "\u200e\u200f");  // marks, not controls: kept
  CHECK(printable("a\x1b[2Jb") == "a\\x1b[2Jb");
  CHECK(is_bidi_control(0x202e));
  CHECK_FALSE(is_bidi_control(0x2029));
  CHECK_FALSE(is_bidi_control(0x206a));
}

TEST_CASE("the warning for a file that is not private says what others can do with it") {
  const auto says = [](unsigned mode) { return not_private("/l", mode); };
  CHECK(says(0644) == "others can read it (mode 0644); run: chmod 600 /l");
  CHECK(says(0640) == "others can read it (mode 0640); run: chmod 600 /l");
  // Written by others, not read: telling them it is readable would be untrue.
  CHECK(says(0602) == "others can write it (mode 0602); run: chmod 600 /l");
  CHECK(says(0620) == "others can write it (mode 0620); run: chmod 600 /l");
  CHECK(says(0666) == "others can read and write it (mode 0666); run: chmod 600 /l");
  CHECK(says(0611) == "others can run it (mode 0611); run: chmod 600 /l");
  CHECK(says(0100777) == "others can read, write and run it (mode 0777); run: chmod 600 /l");
}

TEST_CASE("printable escapes DEL and C1 controls and paths whole and twice is once") {
  // A folder named with an escape sequence, CSI (U+009B) or a bidirectional override.
  const std::string path = "/home/a/\x1b]0;owned\x07/\u009b31m\x7f\u202eevil/roller.log";
  const std::string shown = "/home/a/\\x1b]0;owned\\x07/\\xc2\\x9b31m\\x7f\\u202eevil/roller.log";
  CHECK(printable(path, uncut) == shown);
  CHECK(printable(shown, uncut) == shown);  // what is escaped already stays as it is
  CHECK(printable(std::string(100, 'a') + "\x1b", uncut) == std::string(100, 'a') + "\\x1b");
  // CSV keeps a note's newlines and tabs, which its quotes hold, and escapes the rest.
  CHECK(printable("a\nb\tc\x1b\u202ed\r", uncut, LineBreaks::keep) == "a\nb\tc\\x1b\\u202ed\\x0d");
  CHECK(printable("a\nb\tc") == "a\\nb\\tc");
}

namespace {

// What roller says for the line `words` that `app` fails to parse.
std::string message_for(CLI::App& app, std::vector<const char*> words) {
  words.insert(words.begin(), "roller");
  try {
    app.parse(static_cast<int>(words.size()), words.data());
  } catch (const CLI::ParseError& e) {
    return usage_message(e, app, words);
  }
  FAIL("the line parsed");
  return {};
}

}  // namespace

TEST_CASE("CLI11 errors no roller command can reach yet are still in roller's words") {
  // needs() and excludes(), which no command uses today: a command that starts to gets
  // roller's wording, not CLI11's.
  CLI::App app{"test", "roller"};
  bool a = false;
  bool b = false;
  bool c = false;
  CLI::Option* first = app.add_flag("--json", a);
  CLI::Option* second = app.add_flag("--csv", b);
  CLI::Option* third = app.add_flag("--calendar", c);
  first->excludes(second);
  third->needs(first);
  CHECK(message_for(app, {"--json", "--csv"}) ==
        "--json and --csv go apart: pick one (see roller --help)");
  CLI::App app2{"test", "roller"};
  app2.add_flag("--json", a);
  app2.add_flag("--calendar", c)->needs("--json");
  CHECK(message_for(app2, {"--calendar"}) == "--calendar needs --json (see roller --help)");
  // Anything else: CLI11's words as one line, starting lower case.
  const CLI::App plain{"test", "roller"};
  CHECK(usage_message(CLI::HorribleError("Something\nwent wrong"), plain, {}) ==
        "something went wrong (see roller --help)");
}
