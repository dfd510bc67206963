// Unit tests for the log on disk: creation modes, the signature, torn tails, the read-back.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::mode_of;
using roller::test::read_all;
using roller::test::TempDir;

namespace {

Record clean_record(std::string id) {
  return Record{*parse_rfc3339("2026-11-25T21:42:10+01:00"),
                "clean",
                {{"id", std::move(id)}, {"roller", "r050"}}};
}

}  // namespace

TEST_CASE("the first append creates private folders and file and writes the signature once") {
  const TempDir dir;
  const auto path = dir.path() / "a/b/roller.log";
  {
    LogFile file = LogFile::open_exclusive(path);
    file.append(clean_record("1111111111111111"));
    file.append(clean_record("2222222222222222"));
  }
  CHECK(mode_of(path) == 0600);
  CHECK(mode_of(dir.path() / "a") == 0700);
  CHECK(mode_of(dir.path() / "a/b") == 0700);
  CHECK(read_all(path) ==
        "# roller log v1\n"
        "2026-11-25T21:42:10+01:00 clean id=1111111111111111 roller=r050\n"
        "2026-11-25T21:42:10+01:00 clean id=2222222222222222 roller=r050\n");
  const LogData log = load_log_file(path);
  CHECK(log.events.size() == 2);
  CHECK(log.problems.empty());
}

TEST_CASE("an append after a torn line marks it at its end and keeps every byte") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  const std::string before = "# roller log v1\n2026-11-25T21:30:00+01:00 session id=1111";
  std::ofstream(path, std::ios::binary) << before;
  LogFile file = LogFile::open_exclusive(path);
  CHECK(file.load().torn_tail);
  file.append(clean_record("2222222222222222"));
  CHECK(read_all(path) == before +
                              " # torn line, ignored\n"
                              "2026-11-25T21:42:10+01:00 clean id=2222222222222222 roller=r050\n");
  const LogData log = file.load();
  CHECK(log.problems.empty());
  CHECK(log.notices.size() == 1);
  CHECK(log.events.size() == 1);
}

TEST_CASE("a record that would not read back is refused and nothing is written") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  LogFile file = LogFile::open_exclusive(path);
  file.append(clean_record("1111111111111111"));
  const std::string before = read_all(path);
  Record bad_kind = clean_record("2222222222222222");
  bad_kind.kind = "two words";
  CHECK_THROWS_WITH_AS(file.append(bad_kind), doctest::Contains("does not read back"), FileError);
  Record bad_key = clean_record("3333333333333333");
  bad_key.fields.emplace_back("a=b", "c");
  CHECK_THROWS_AS(file.append(bad_key), FileError);
  Record bad_utf8 = clean_record("4444444444444444");
  bad_utf8.fields.emplace_back("note", "\xff");
  CHECK_THROWS_AS(file.append(bad_utf8), FileError);
  CHECK(read_all(path) == before);
}

TEST_CASE("lines longer than the read buffer are read whole") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  LogFile file = LogFile::open_exclusive(path);
  Record r{*parse_rfc3339("2026-11-25T21:30:00+01:00"),
           "session",
           {{"id", "1111111111111111"},
            {"area", "forehead"},
            {"depth", "0.5"},
            {"note", std::string(600 << 10, 'x')}}};
  file.append(r);
  const LogData log = file.load(LoadOptions{.keep_notes = true});
  REQUIRE(log.events.size() == 1);
  CHECK(log.notes.at(0).size() == (600u << 10));
}

TEST_CASE("a line longer than 1 MiB is reported and skipped without holding it in memory") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  {
    std::ofstream out(path, std::ios::binary);
    out << "# roller log v1\n"
        << std::string(5 << 20, 'x') << "\n"
        << "2026-11-25T21:42:10+01:00 clean id=1111111111111111 roller=r050\n"
        << std::string(3 << 20, 'y');
  }
  const LogData log = load_log_file(path);
  REQUIRE(log.problems.size() == 1);
  CHECK(log.problems[0].line == 2);
  CHECK(log.problems[0].message == "line is longer than 1 MiB");
  CHECK(log.events.size() == 1);
  CHECK(log.events[0].line == 3);
  CHECK(log.torn_tail);
  CHECK(log.lines == 4);
}

TEST_CASE("a byte order mark and Windows line ends are read, with a notice each") {
  const LogData log = parse_log(
      "\xEF\xBB\xBF# roller log v1\r\n"
      "2026-11-25T21:42:10+01:00 clean id=1111111111111111 roller=r050\r\n"
      "2026-11-25T21:43:10+01:00 clean id=2222222222222222 roller=r050\r\n",
      "roller.log");
  CHECK(log.problems.empty());
  CHECK(log.events.size() == 2);
  REQUIRE(log.notices.size() == 2);
  CHECK(log.notices[0].message == "byte order mark at the start of the file ignored");
  CHECK(log.notices[1].line == 1);
}

TEST_CASE("the file's mode is reported for the permission warning") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  std::ofstream(path) << "# roller log v1\n";
  std::filesystem::permissions(path, std::filesystem::perms(0644));
  CHECK(load_log_file(path).mode == 0644);
  std::filesystem::permissions(path, std::filesystem::perms(0600));
  CHECK(load_log_file(path).mode == 0600);
}

TEST_CASE("a failed append reports the error and leaves at most a torn line") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  LogFile file = LogFile::open_exclusive(path);
  file.append(clean_record("1111111111111111"));
  const std::string before = read_all(path);
  // A disk that fills up after ten bytes of the record.
  testing::log_write = [](int fd, const void* data, std::size_t size) -> ssize_t {
    static std::size_t written = 0;
    if (written >= 10) {
      errno = ENOSPC;
      return -1;
    }
    const std::size_t n = std::min<std::size_t>(size, 10 - written);
    written += n;
    return ::write(fd, data, n);
  };
  CHECK_THROWS_WITH_AS(file.append(clean_record("2222222222222222")),
                       doctest::Contains("cannot append to the log: No space left on device"),
                       FileError);
  testing::log_write = ::write;
  const std::string after = read_all(path);
  CHECK(after.starts_with(before));
  CHECK(after.size() == before.size() + 10);
  const LogData log = file.load();
  CHECK(log.events.size() == 1);
  CHECK(log.torn_tail);
  file.append(clean_record("3333333333333333"));
  const LogData healed = file.load();
  CHECK(healed.events.size() == 2);
  CHECK(healed.problems.empty());
}

TEST_CASE("a missing log reads as empty, a folder is a clear error") {
  const TempDir dir;
  CHECK_FALSE(LogFile::open_shared(dir.path() / "none.log").has_value());
  CHECK(load_log_file(dir.path() / "none.log").events.empty());
  CHECK_THROWS_WITH_AS((void)load_log_file(dir.path()), doctest::Contains("is a directory"),
                       FileError);
  CHECK_THROWS_WITH_AS((void)LogFile::open_exclusive(dir.path()),
                       doctest::Contains("is a directory"), FileError);
}

TEST_CASE("a large log read by two threads folds exactly as one pass over its text does") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  // Over the size at which reading splits in two, with names, notes, voids, problems, a
  // torn line closed by its marker, Windows line ends and a torn tail on both sides of the
  // middle.
  std::string text = "# roller log v1\n";
  std::uint64_t id = 1;
  const auto next_id = [&] { return fmt::format("{:016x}", id++); };
  for (int i = 0; text.size() < (6u << 20); ++i) {
    const std::string at = fmt::format("20{:02}-{:02}-{:02}T21:{:02}:00+01:00", 10 + i / 100000,
                                       1 + i % 12, 1 + i % 28, i % 60);
    text += fmt::format("{} session id={} area=area{} depth=0.5 roller=r{}{}\n", at, next_id(),
                        i % 7 + (text.size() > (3u << 20) ? 20 : 0), i % 3,
                        i % 10 == 0 ? " note=\"n" + std::to_string(i) + "\"" : "");
    if (i % 100 == 5) text += fmt::format("{} void id={} target={:016x}\n", at, next_id(), id - 50);
    if (i % 1000 == 7) text += "not a record\n";
    if (i % 1000 == 8) text += at + " session id=\n# torn line above, ignored\n";
    if (i % 1000 == 9) text += at + " session id=12 # torn line, ignored\n";
    if (i % 5000 == 9) text += "# a comment\r\n\n";
    if (i == 40000) text += at + " clean id=" + next_id() + " roller=r1\r\n";
  }
  text += "2030-01-01T00:00";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const LoadOptions notes{.keep_notes = true};
  const LogData read = load_log_file(path, notes);
  const LogData parsed = parse_log(text, path.string(), notes);
  CHECK(read.events.size() > 50000);
  CHECK_FALSE(read.problems.empty());
  test::check_same_log(read, parsed);
}
