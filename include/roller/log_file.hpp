// The log on disk: opening it under a lock, streaming it into a LogData, and appending one
// record durably. The exclusive lock is held from reading to appending, so two processes
// can never both pass the rest check. Nothing here ever rewrites or truncates the file.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
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
/// Test seam, never set by roller itself: the fsync(2) that confirms an append.
inline int (*log_fsync)(int) = ::fsync;
}  // namespace testing

/// How long to wait for a lock another process holds, and whom to tell that roller waits.
struct LockWait {
  std::chrono::milliseconds timeout{10'000};
  /// Called once when the lock is busy, with the pid of the process holding it (0 when the
  /// system does not tell).
  std::function<void(long holder)> waiting;
};

/// An open, locked log file. Closing it (destruction) releases the lock.
///
/// Both ways of opening take the file that is at the path once the lock is held: a log
/// replaced by a rename while roller waited (git, Syncthing, an editor) is opened again.
/// A link at the path is followed only when it and the file it names belong to this user
/// and that file is a roller log (empty, signed, or starting with a record); writers also
/// refuse a log of another user.
class LogFile {
 public:
  /// Opens an existing log for reading under a shared lock; nullopt when there is none yet.
  [[nodiscard]] static std::optional<LogFile> open_shared(const std::filesystem::path& path,
                                                          const LockWait& wait = {});
  /// Opens the log for appending under an exclusive lock, creating its folders (0700) and
  /// the file (0600) when missing.
  [[nodiscard]] static LogFile open_exclusive(const std::filesystem::path& path,
                                              const LockWait& wait = {});

  /// Streams the whole file into events. Throws FileError on I/O errors.
  [[nodiscard]] LogData load(LoadOptions options = {}) const;

  /// Appends one record: serialised, parsed back and compared first; the signature line
  /// when the file is empty; a torn last line closed with the torn mark and its newline;
  /// room for all of it reserved; then one write and an fsync. Throws FileError when any
  /// step fails: before the write, nothing is written; when only the fsync fails, the
  /// record is written but not confirmed on disk, and the message says so.
  void append(const Record& record);

  /// Appends several records in one write and one fsync, each checked as append() does;
  /// the room for all of them is reserved first, so a full disk fails before any is written.
  void append_all(const std::vector<Record>& records);

  /// The records on the lines numbered `wanted` (ascending, lines that load() read as
  /// events), read as load() reads them, streamed: memory follows what is asked for, not
  /// the file's size. For import, which copies records from another log.
  [[nodiscard]] std::vector<Record> records(const std::vector<std::uint32_t>& wanted) const;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Whether open_exclusive created the file.
  [[nodiscard]] bool created() const { return created_; }
  /// Whether others than the owner may write in the log's folder, and so replace the log
  /// or plant a link in its place (ssh's StrictModes refuses such a folder).
  [[nodiscard]] bool folder_open_to_others() const;

 private:
  LogFile(UniqueFd fd, std::filesystem::path path) : fd_(std::move(fd)), path_(std::move(path)) {}
  /// Makes sure `bytes` more fit in the file now `size` long, or throws before writing.
  void reserve_room(off_t size, std::size_t bytes) const;
  UniqueFd fd_;
  std::filesystem::path path_;
  bool created_ = false;
};

/// Loads the log at `path` under a shared lock; an empty LogData when it does not exist.
[[nodiscard]] LogData load_log_file(const std::filesystem::path& path, LoadOptions options = {});

}  // namespace roller
