// Unit tests for the log on disk: creation modes, the signature, torn tails, the read-back.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "support.hpp"

using namespace roller;
using roller::test::TempDir;

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

Record clean_record(std::string id) {
  return Record{*parse_rfc3339("2026-11-25T21:42:10+01:00"), "clean",
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

TEST_CASE("an append after a torn line closes it with the marker and keeps every byte") {
  const TempDir dir;
  const auto path = dir.path() / "roller.log";
  const std::string before = "# roller log v1\n2026-11-25T21:30:00+01:00 session id=1111";
  std::ofstream(path, std::ios::binary) << before;
  LogFile file = LogFile::open_exclusive(path);
  CHECK(file.load().torn_tail);
  file.append(clean_record("2222222222222222"));
  CHECK(read_all(path) == before +
                              "\n# torn line above, ignored\n"
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
  Record r{*parse_rfc3339("2026-11-25T21:30:00+01:00"), "session",
           {{"id", "1111111111111111"}, {"area", "forehead"}, {"depth", "0.5"},
            {"note", std::string(3 << 20, 'x')}}};
  file.append(r);
  const LogData log = file.load(LoadOptions{.keep_notes = true});
  REQUIRE(log.events.size() == 1);
  CHECK(log.notes.at(0).size() == (3u << 20));
}

TEST_CASE("a missing log reads as empty; a folder is a clear error") {
  const TempDir dir;
  CHECK_FALSE(LogFile::open_shared(dir.path() / "none.log").has_value());
  CHECK(load_log_file(dir.path() / "none.log").events.empty());
  CHECK_THROWS_WITH_AS((void)load_log_file(dir.path()), doctest::Contains("is a directory"),
                       FileError);
  CHECK_THROWS_WITH_AS((void)LogFile::open_exclusive(dir.path()),
                       doctest::Contains("is a directory"), FileError);
}
