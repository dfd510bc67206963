// Helpers shared by the unit tests: instants from text, logs from text, a scoped time zone
// and a scratch folder.
#pragma once

#include <doctest/doctest.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include "roller/error.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"
#include "roller/time.hpp"

namespace roller::test {

/// The instant an RFC 3339 timestamp names.
/// The message of the FileError that parsing the profile `text` throws.
inline std::string error_of(const std::string& text) {
  try {
    (void)parse_profile(text, "p.toml");
  } catch (const FileError& e) {
    return e.what();
  }
  FAIL("no error for: " << text);
  return {};
}

inline std::int64_t at(const char* text) { return parse_rfc3339(text)->utc; }

/// A log folded from text that must read without problems.
inline LogData log_of(const std::string& text) {
  LogData log = parse_log(text, "roller.log");
  REQUIRE(log.problems.empty());
  return log;
}

/// Checks that two folds of the same lines agree on every event, name, note, problem and
/// notice (for logs read in parts or by different paths).
/// Checks that event `x` of log `a` and event `y` of log `b` are the same record: the same
/// id, time, line, kind and fields, names and notes compared by their text.
inline void check_same_event(const LogData& a, const Event& x, const LogData& b, const Event& y) {
  CAPTURE(y.line);
  CHECK(x.id == y.id);
  CHECK(x.utc == y.utc);
  CHECK(x.offset == y.offset);
  CHECK(x.line == y.line);
  CHECK(x.kind == y.kind);
  CHECK(x.depth == y.depth);
  CHECK(x.forced == y.forced);
  CHECK(x.target == y.target);
  if (x.kind == RecordKind::session) CHECK(a.name(x.area) == b.name(y.area));
  if (x.kind == RecordKind::session || x.kind == RecordKind::clean ||
      x.kind == RecordKind::replace) {
    CHECK(a.name(x.roller) == b.name(y.roller));
  }
  CHECK((x.note == Event::no_note) == (y.note == Event::no_note));
  if (x.note != Event::no_note && y.note != Event::no_note) {
    CHECK(a.notes[x.note] == b.notes[y.note]);
  }
}

inline void check_same_log(const LogData& a, const LogData& b) {
  REQUIRE(a.events.size() == b.events.size());
  for (std::size_t i = 0; i < b.events.size(); ++i) check_same_event(a, a.events[i], b, b.events[i]);
  const auto same_problems = [](const std::vector<LogProblem>& p,
                                const std::vector<LogProblem>& q) {
    REQUIRE(p.size() == q.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
      CHECK(p[i].line == q[i].line);
      CHECK(p[i].message == q[i].message);
      CHECK(p[i].settled == q[i].settled);
    }
  };
  same_problems(a.problems, b.problems);
  same_problems(a.notices, b.notices);
  CHECK(a.lines == b.lines);
  CHECK(a.torn_tail == b.torn_tail);
  CHECK(a.voided() == b.voided());
  CHECK(a.cyclic_voids() == b.cyclic_voids());
}

/// Sets TZ for the life of the object, restoring the previous value after.
class ScopedTz {
 public:
  explicit ScopedTz(const char* zone) {
    if (const char* old = std::getenv("TZ")) previous_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTz() {
    if (previous_) {
      ::setenv("TZ", previous_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> previous_;
};

/// The whole content of the file at `path`.
inline std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The permission bits of the file at `path`.
inline unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

/// A fresh folder under the system's temporary folder, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("roller-unit-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace roller::test
