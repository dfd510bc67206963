// The error types of roller's core and the exit status each one maps to. Commands throw
// them; main() catches them once, prints one line and exits with the status.
#pragma once

#include <stdexcept>
#include <string>

namespace roller {

/// Process exit status, as the spec defines it.
enum class ExitCode : int {
  ok = 0,       ///< done
  runtime = 1,  ///< unreadable or invalid profile or log, I/O failure
  usage = 2,    ///< unknown command or option, malformed value, unknown area
  refused = 3,  ///< refused by a safety rule
};

/// Base of every error roller reports: a one-line message and its exit status.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

/// A malformed value or an unknown name on the command line (exit 2).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ExitCode::usage, message) {}
};

/// A profile or log that cannot be read or is invalid, or an I/O failure (exit 1).
class FileError : public Error {
 public:
  explicit FileError(const std::string& message) : Error(ExitCode::runtime, message) {}
};

/// A session refused by a safety rule (exit 3).
class RefusedError : public Error {
 public:
  explicit RefusedError(const std::string& message) : Error(ExitCode::refused, message) {}
};

}  // namespace roller
