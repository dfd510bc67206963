// POSIX I/O for the log: flock for mutual exclusion, pread to stream it, one write and an
// fsync per record. The standard streams offer neither locks nor fsync, hence plain fds.
#include "roller/log_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <thread>

#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

// Small enough to stay in L1/L2 cache and to come from the heap (a larger buffer is mapped
// and unmapped at every command, and each of its pages faulted in: 128 KiB cost 30 more
// page faults than this at 10,000 events), large enough to amortise the calls.
constexpr std::size_t read_chunk = 32 << 10;

FileError io_error(const std::filesystem::path& path, std::string_view what, int err) {
  return FileError(fmt::format("{}: {}: {}", path.string(), what, std::strerror(err)));
}

void lock(int fd, int operation, const std::filesystem::path& path) {
  while (flock(fd, operation) != 0) {
    if (errno != EINTR) throw io_error(path, "cannot lock the log", errno);
  }
}

// Creates each missing folder of `dir` with mode 0700: the log is health data, and
// std::filesystem::create_directories would use 0777 less the umask.
void make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return;
  make_private_dirs(dir.parent_path());
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw io_error(dir, "cannot create the log's folder", errno);
  }
}

void fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the record itself is already synced
  ::fsync(fd);
  ::close(fd);
}

void check_regular(int fd, const std::filesystem::path& path) {
  struct stat st {};
  if (fstat(fd, &st) != 0) throw io_error(path, "cannot stat the log", errno);
  if (S_ISDIR(st.st_mode))
    throw FileError(fmt::format("{}: is a directory, not a log", path.string()));
  if (!S_ISREG(st.st_mode)) {
    throw FileError(fmt::format("{}: is not a regular file", path.string()));
  }
}

}  // namespace

std::optional<LogFile> LogFile::open_shared(const std::filesystem::path& path) {
  // O_NONBLOCK: a FIFO must not hang roller; check_regular refuses it.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    if (errno == EISDIR)
      throw FileError(fmt::format("{}: is a directory, not a log", path.string()));
    throw io_error(path, "cannot open the log", errno);
  }
  check_regular(fd.get(), path);
  lock(fd.get(), LOCK_SH, path);
  return LogFile(std::move(fd), path);
}

LogFile LogFile::open_exclusive(const std::filesystem::path& path) {
  make_private_dirs(path.parent_path());
  // O_EXCL tells this process whether it made the file: of several that race to create a
  // new log, exactly one did, and only that one says so.
  constexpr int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NONBLOCK;
  bool created = false;
  UniqueFd fd;
  for (int tries = 0; tries < 8 && fd.get() < 0; ++tries) {
    fd = UniqueFd(::open(path.c_str(), flags | O_CREAT | O_EXCL, 0600));
    if (fd.get() >= 0) {
      created = true;
    } else if (errno == EEXIST) {
      fd = UniqueFd(::open(path.c_str(), flags));
      if (fd.get() < 0 && errno == ENOENT) continue;  // removed in between: try again
    }
    break;
  }
  if (fd.get() < 0) {
    if (errno == EISDIR)
      throw FileError(fmt::format("{}: is a directory, not a log", path.string()));
    throw io_error(path, "cannot open the log for writing", errno);
  }
  check_regular(fd.get(), path);
  lock(fd.get(), LOCK_EX, path);
  LogFile file(std::move(fd), path);
  file.created_ = created;
  return file;
}

namespace {

// Reads [begin, end) of the log line by line into `builder`, in chunks; to_end reads on to
// the end of the file, whatever its size said (files in /proc report none). Returns the
// text after the last newline (a torn line), cut short when it passes max_line_bytes.
constexpr off_t to_end = std::numeric_limits<off_t>::max();

std::string stream_lines(int fd, const std::filesystem::path& path, off_t begin, off_t end,
                         LogBuilder& builder) {
  std::unique_ptr<char[]> buffer(new char[read_chunk]);
  std::string carry;      // a line split across two chunks
  bool overlong = false;  // the current line passed max_line_bytes: skip to its end
  off_t offset = begin;
  while (offset < end) {
    const auto want = static_cast<std::size_t>(std::min<off_t>(end - offset, read_chunk));
    const ssize_t n = ::pread(fd, buffer.get(), want, offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw io_error(path, "cannot read the log", errno);
    }
    if (n == 0) break;
    offset += n;
    std::string_view chunk(buffer.get(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (;;) {
      const void* found = std::memchr(chunk.data() + start, '\n', chunk.size() - start);
      if (found == nullptr) break;
      const auto stop = static_cast<std::size_t>(static_cast<const char*>(found) - chunk.data());
      if (overlong || carry.size() + (stop - start) > max_line_bytes) {
        // Only its end is kept: enough to see the mark of a torn line.
        carry.append(chunk.substr(start, stop - start));
        builder.add_overlong_line(std::string_view(carry).ends_with(torn_mark));
      } else if (carry.empty()) {
        builder.add_line(chunk.substr(start, stop - start));
      } else {
        carry.append(chunk.substr(start, stop - start));
        builder.add_line(carry);
      }
      carry.clear();
      overlong = false;
      start = stop + 1;
    }
    // Memory stays bounded whatever the file holds: of a giant line only its last bytes
    // are kept (never none, so that a torn giant line is still seen).
    carry.append(chunk.substr(start));
    if (overlong || carry.size() > max_line_bytes) {
      overlong = true;
      if (carry.size() > torn_mark.size()) carry.erase(0, carry.size() - torn_mark.size());
    }
  }
  // A giant torn line reads as "x" and its end: never a record, and marked if it was.
  return overlong ? "x" + carry : carry;
}

// Logs this large are read by two threads, one for each half: most machines have two
// cores, and reading is the whole cost of a command on a large log.
constexpr off_t parallel_bytes = 4 << 20;

// Where the second half starts: the first line after the middle that begins with a digit
// (a record), so that no torn-line marker or header is split from what it refers to.
// Returns 0 when there is none near the middle.
off_t split_point(int fd, off_t size) {
  constexpr std::size_t window = 64 << 10;
  const off_t middle = size / 2;
  std::unique_ptr<char[]> buffer(new char[window]);
  const ssize_t n = ::pread(fd, buffer.get(), window, middle);
  if (n <= 0) return 0;
  for (ssize_t i = 0; i + 1 < n; ++i) {
    if (buffer[static_cast<std::size_t>(i)] == '\n' &&
        buffer[static_cast<std::size_t>(i + 1)] >= '0' &&
        buffer[static_cast<std::size_t>(i + 1)] <= '9') {
      return middle + i + 1;
    }
  }
  return 0;
}

// The text after the file's last newline (nothing when it ends with one), at most
// max_line_bytes + 1 of it: a longer tail is torn whatever it holds.
std::string last_line_if_unterminated(int fd, const std::filesystem::path& path, off_t size) {
  char last = '\n';
  if (::pread(fd, &last, 1, size - 1) != 1) throw io_error(path, "cannot read the log", errno);
  if (last == '\n') return {};
  const off_t window = std::min<off_t>(size, static_cast<off_t>(max_line_bytes) + 1);
  std::string buffer(static_cast<std::size_t>(window), '\0');
  for (off_t done = 0; done < window;) {
    const ssize_t n = ::pread(fd, buffer.data() + done, static_cast<std::size_t>(window - done),
                              size - window + done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw io_error(path, "cannot read the log", n < 0 ? errno : EIO);
    done += n;
  }
  const std::size_t newline = buffer.rfind('\n');
  if (newline == buffer.size() - 1) return {};
  if (newline == std::string::npos && window == size) return buffer;
  if (newline == std::string::npos) {
    // Longer than any record: torn, and only its end tells whether it is marked already.
    return "x" + buffer.substr(buffer.size() - torn_mark.size());
  }
  return buffer.substr(newline + 1);
}

}  // namespace

LogData LogFile::load(LoadOptions options) const {
  struct stat st {};
  if (fstat(fd_.get(), &st) != 0) throw io_error(path_, "cannot stat the log", errno);
  // Records take 64 bytes or more, 80 as roller writes them with ids and clean records;
  // reserved pages cost nothing until used.
  constexpr off_t min_record_bytes = 64;
  constexpr off_t typical_record_bytes = 80;
  const auto room = [&](off_t bytes) {
    return std::pair{static_cast<std::size_t>(bytes / min_record_bytes),
                     static_cast<std::size_t>(bytes / typical_record_bytes)};
  };
  const off_t split = st.st_size >= parallel_bytes ? split_point(fd_.get(), st.st_size) : 0;
  LogData data;
  if (split == 0) {
    LogBuilder builder(path_.string(), options);
    const auto [capacity, expected] = room(st.st_size);
    builder.reserve(capacity, expected);
    const std::string torn = stream_lines(fd_.get(), path_, 0, to_end, builder);
    data = builder.finish(torn);
  } else {
    LogBuilder first(path_.string(), options);
    LogBuilder second(path_.string(), options);
    // The first part gets room for all, as the second part's events join it.
    const auto [capacity, expected] = room(st.st_size);
    first.reserve(capacity, expected);
    const auto [second_capacity, second_expected] = room(st.st_size - split);
    second.reserve(second_capacity, second_expected);
    std::string second_torn;
    std::exception_ptr second_error;
    std::thread worker([&] {
      try {
        second_torn = stream_lines(fd_.get(), path_, split, to_end, second);
      } catch (...) {
        second_error = std::current_exception();
      }
    });
    std::string first_torn;
    try {
      first_torn = stream_lines(fd_.get(), path_, 0, split, first);
    } catch (...) {
      worker.join();
      throw;
    }
    worker.join();
    if (second_error) std::rethrow_exception(second_error);
    data = merge_logs(first.finish(first_torn), second.finish(second_torn));
  }
  data.mode = st.st_mode & 07777;
  return data;
}

void LogFile::append(const Record& record) { append_all({record}); }

std::string LogFile::read_text() const {
  std::string text;
  char buffer[64 << 10];
  off_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(fd_.get(), buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw io_error(path_, "cannot read the log", errno);
    if (n == 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
}

void LogFile::append_all(const std::vector<Record>& records) {
  if (records.empty()) return;
  std::string lines;
  for (const Record& record : records) {
    const std::string line = serialize_record(record);
    // A writer bug must never reach the file: the line has to read back as the same record.
    const auto reread = parse_record(line);
    if (const auto* back = std::get_if<Record>(&reread); back == nullptr || !(*back == record)) {
      throw FileError(fmt::format("{}: refusing to append a record that does not read back: {}",
                                  path_.string(), printable(line, 200)));
    }
    lines.append(line).append("\n");
  }
  struct stat st {};
  if (fstat(fd_.get(), &st) != 0) throw io_error(path_, "cannot stat the log", errno);
  std::string text;
  if (st.st_size == 0) {
    text.append(log_signature).append("\n");
  } else {
    const std::string tail = last_line_if_unterminated(fd_.get(), path_, st.st_size);
    if (!tail.empty()) {
      // The last line lacks its newline. One that reads whole is a record (an editor saved
      // the file so), and one that ends with the torn mark is marked already: they only get
      // their newline. One that does not read was torn by a crash: the mark goes on that
      // line itself, before its newline, so that whatever prefix of this append reaches
      // the disk, the line stays torn or is marked, and never reads as a record.
      LogBuilder alone(path_.string(), {});
      if (alone.finish(tail).torn_tail) text.append(torn_mark);
      text.append("\n");
    }
  }
  text.append(lines);
  // One write per append (a record, or an import's batch), so a crash leaves at most one
  // torn line, the last; a short write is finished, and a failure (a full disk) leaves at
  // most a line without its newline. Readers ignore it as torn unless it reads as a whole
  // record (the spec's rule for a last line an editor saved without its newline), which a
  // cut that falls between two fields can leave: that record then counts.
  if (const int err = write_all(fd_.get(), text, testing::log_write); err != 0) {
    throw io_error(path_, "cannot append to the log", err);
  }
  if (::fsync(fd_.get()) != 0) throw io_error(path_, "cannot sync the log to disk", errno);
  if (created_) fsync_dir(path_.parent_path());
}

LogData load_log_file(const std::filesystem::path& path, LoadOptions options) {
  auto file = LogFile::open_shared(path);
  if (!file) return LogData{};
  return file->load(options);
}

}  // namespace roller
