// Helpers shared by the unit tests: instants from text, logs from text, a scoped time zone
// and a scratch folder.
#pragma once

#include <doctest/doctest.h>

#include <stdlib.h>
#include <time.h>

#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include "roller/log.hpp"
#include "roller/time.hpp"

namespace roller::test {

/// The instant an RFC 3339 timestamp names.
inline std::int64_t at(const char* text) { return parse_rfc3339(text)->utc; }

/// A log folded from text that must read without problems.
inline LogData log_of(const std::string& text) {
  LogData log = parse_log(text, "roller.log");
  REQUIRE(log.problems.empty());
  return log;
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
