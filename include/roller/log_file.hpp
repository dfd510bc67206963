// The log on disk: opening it under a lock, streaming it into a LogData, and appending one
// record durably. The exclusive lock is held from reading to appending, so two processes
// can never both pass the rest check. Nothing here ever rewrites or truncates the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "roller/log.hpp"
#include "roller/unique_fd.hpp"

namespace roller {

namespace testing {
/// Test seam, never set by roller itself: the write(2) that appends records. The crash
/// tests replace it to stop part-way through a record.
inline WriteFunction log_write = ::write;
}  // namespace testing

/// An open, locked log file. Closing it (destruction) releases the lock.
class LogFile {
 public:
  /// Opens an existing log for reading under a shared lock; nullopt when there is none yet.
  [[nodiscard]] static std::optional<LogFile> open_shared(const std::filesystem::path& path);
  /// Opens the log for appending under an exclusive lock, creating its folders (0700) and
  /// the file (0600) when missing.
  [[nodiscard]] static LogFile open_exclusive(const std::filesystem::path& path);

  /// Streams the whole file into events. Throws FileError on I/O errors.
  [[nodiscard]] LogData load(LoadOptions options = {}) const;

  /// Appends one record: serialised, parsed back and compared first; the signature line
  /// when the file is empty; a torn last line closed with a newline and the marker; then
  /// one write and an fsync. Throws FileError when any step fails.
  void append(const Record& record);

  /// Appends several records in one write and one fsync, each checked as append() does.
  void append_all(const std::vector<Record>& records);

  /// The whole file as text (for import, which copies records from another log).
  [[nodiscard]] std::string read_text() const;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Whether open_exclusive created the file.
  [[nodiscard]] bool created() const { return created_; }

 private:
  LogFile(UniqueFd fd, std::filesystem::path path) : fd_(std::move(fd)), path_(std::move(path)) {}
  UniqueFd fd_;
  std::filesystem::path path_;
  bool created_ = false;
};

/// Loads the log at `path` under a shared lock; an empty LogData when it does not exist.
[[nodiscard]] LogData load_log_file(const std::filesystem::path& path, LoadOptions options = {});

}  // namespace roller
