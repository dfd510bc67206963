// POSIX I/O for the log: flock for mutual exclusion, pread to stream it, one write and an
// fsync per record. The standard streams offer neither locks nor fsync, hence plain fds.
#include "roller/log_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <thread>

#include "roller/error.hpp"
#include "roller/file_error.hpp"
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

void fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the record itself is already synced
  ::fsync(fd);
  ::close(fd);
}

// The pid of a process that holds a lock on the file `st` describes, from /proc/locks
// ("1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF"); 0 when it does not tell.
long lock_holder(const struct stat& st) {
  std::FILE* locks = std::fopen("/proc/locks", "re");
  if (locks == nullptr) return 0;
  const std::string file = fmt::format("{:02x}:{:02x}:{}", major(st.st_dev), minor(st.st_dev),
                                       static_cast<unsigned long long>(st.st_ino));
  long holder = 0;
  char line[256];
  while (holder == 0 && std::fgets(line, sizeof line, locks) != nullptr) {
    char kind[16]{};
    char mode[16]{};
    char access[16]{};
    char where[64]{};
    long pid = 0;
    // Waiters are listed with "->" after the number and fail this pattern: only holders.
    if (std::sscanf(line, "%*d: %15s %15s %15s %ld %63s", kind, mode, access, &pid, where) == 5 &&
        file == where && pid != static_cast<long>(::getpid())) {
      holder = pid;
    }
  }
  std::fclose(locks);
  return holder;
}

// Takes the lock; when another process holds it, says so once through `wait` and tries
// again until the deadline, so that a stopped roller (or any process that keeps the lock)
// ends in a clear error instead of a silent hang.
void lock(int fd, int operation, const std::filesystem::path& path, const LockWait& wait,
          std::chrono::steady_clock::time_point deadline) {
  using std::chrono::milliseconds;
  bool told = false;
  long holder = 0;
  milliseconds pause(1);
  for (;;) {
    if (flock(fd, operation | LOCK_NB) == 0) return;
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) throw io_error(path, "cannot lock the log", errno);
    if (!told) {
      struct stat st {};
      if (fstat(fd, &st) == 0) holder = lock_holder(st);
      if (wait.waiting) wait.waiting(holder);
      told = true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      throw FileError(fmt::format(
          "{}: gave up after {:g} s waiting for another roller{} to finish with the log; "
          "nothing was done (ROLLER_LOCK_TIMEOUT sets the wait)",
          path.string(), std::chrono::duration<double>(wait.timeout).count(),
          holder != 0 ? fmt::format(" (pid {})", holder) : ""));
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, milliseconds(50));
  }
}

// Creates each missing folder of `dir` with mode 0700 (the log is health data, and
// std::filesystem::create_directories would use 0777 less the umask), and syncs the folder
// that holds each new one, so that the new path survives a power loss with the log.
void make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return;
  make_private_dirs(dir.parent_path());
  if (mkdir(dir.c_str(), 0700) != 0) {
    if (errno == EEXIST) return;
    throw io_error(dir, "cannot create the log's folder", errno);
  }
  fsync_dir(dir.parent_path());
}

void check_regular(int fd, const std::filesystem::path& path) {
  struct stat st {};
  if (fstat(fd, &st) != 0) throw io_error(path, "cannot stat the log", errno);
  if (S_ISDIR(st.st_mode))
    throw directory_not_file(path.string(), "log");
  if (!S_ISREG(st.st_mode)) {
    throw FileError(fmt::format("{}: is not a regular file", path.string()));
  }
}

// Whether the open file is a roller log as far as its first line tells: empty, signed, or
// starting with a record. Only a link's target is asked this: a log of one's own may hold
// any text, but a link must not lead roller to append to an arbitrary file.
bool looks_like_log(int fd) {
  char head[1024];
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  if (n <= 0) return n == 0;
  std::string_view text(head, static_cast<std::size_t>(n));
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::string_view first = text.substr(0, text.find('\n'));
  if (first.starts_with("# roller log v")) return true;
  return std::holds_alternative<Record>(parse_record(first));
}

// Whether the file open as `fd` may be used as the log at `path` (its target when `link`):
// a link's file only when it is this user's and a log; for a writer, only a file of this
// user.
void vet(int fd, const std::filesystem::path& path, bool link, bool writing) {
  struct stat st {};
  if (fstat(fd, &st) != 0) throw io_error(path, "cannot stat the log", errno);
  const uid_t me = ::geteuid();
  if (link) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(path, ec);
    const std::string names = ec ? std::string("a file") : target.string();
    if (st.st_uid != me) {
      throw FileError(fmt::format("{}: is a link to {}, which belongs to another user (uid {})",
                                  path.string(), names, st.st_uid));
    }
    if (!looks_like_log(fd)) {
      throw FileError(
          fmt::format("{}: is a link to {}, which is not a roller log", path.string(), names));
    }
  } else if (writing && st.st_uid != me) {
    throw FileError(fmt::format(
        "{}: belongs to another user (uid {}); roller writes only your own log", path.string(),
        st.st_uid));
  }
}

// Opens `path` with `flags`, following a final link only as vet() allows. Returns an
// invalid fd with errno set when there is nothing to open.
UniqueFd open_vetted(const std::filesystem::path& path, int flags, bool writing) {
  UniqueFd fd(::open(path.c_str(), flags | O_NOFOLLOW));
  bool link = false;
  if (fd.get() < 0 && errno == ELOOP) {
    // A link: another user's is not followed at all (one planted in a shared folder);
    // one's own is opened through, and judged by what it leads to.
    link = true;
    struct stat at {};
    if (::lstat(path.c_str(), &at) == 0 && at.st_uid != ::geteuid()) {
      throw FileError(fmt::format(
          "{}: is a link that belongs to another user (uid {}); roller follows only your own "
          "links",
          path.string(), at.st_uid));
    }
    fd = UniqueFd(::open(path.c_str(), flags));
    if (fd.get() < 0 && errno == ENOENT) {
      std::error_code ec;
      const auto target = std::filesystem::read_symlink(path, ec);
      throw FileError(fmt::format("{}: is a link to {}, which does not exist", path.string(),
                                  ec ? std::string("a file") : target.string()));
    }
  }
  if (fd.get() < 0) return fd;
  check_regular(fd.get(), path);
  vet(fd.get(), path, link, writing);
  return fd;
}

// Whether `fd` is still the file at `path` (a rename may have put another one there).
bool still_at_path(int fd, const std::filesystem::path& path) {
  struct stat open_file {};
  struct stat at_path {};
  if (fstat(fd, &open_file) != 0) throw io_error(path, "cannot stat the log", errno);
  if (::stat(path.c_str(), &at_path) != 0) return false;
  return open_file.st_dev == at_path.st_dev && open_file.st_ino == at_path.st_ino;
}

// A log replaced at every look is not one to use; a few replacements in a row are normal
// (a sync tool, a checkout).
constexpr int max_reopens = 100;

FileError replaced_error(const std::filesystem::path& path) {
  return FileError(fmt::format("{}: the log was replaced {} times while roller waited for it; "
                               "try again",
                               path.string(), max_reopens));
}

FileError open_error(const std::filesystem::path& path, std::string_view what, int err) {
  if (err == EISDIR) return directory_not_file(path.string(), "log");
  return io_error(path, what, err);
}

}  // namespace

std::optional<LogFile> LogFile::open_shared(const std::filesystem::path& path,
                                            const LockWait& wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  for (int tries = 0; tries < max_reopens; ++tries) {
    // O_NONBLOCK: a FIFO must not hang roller; check_regular refuses it.
    UniqueFd fd = open_vetted(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, false);
    if (fd.get() < 0) {
      if (errno == ENOENT) return std::nullopt;
      throw open_error(path, "cannot open the log", errno);
    }
    lock(fd.get(), LOCK_SH, path, wait, deadline);
    if (still_at_path(fd.get(), path)) return LogFile(std::move(fd), path);
  }
  throw replaced_error(path);
}

LogFile LogFile::open_exclusive(const std::filesystem::path& path, const LockWait& wait) {
  make_private_dirs(path.parent_path());
  const auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  constexpr int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NONBLOCK;
  for (int tries = 0; tries < max_reopens; ++tries) {
    // O_EXCL tells this process whether it made the file: of several that race to create a
    // new log, exactly one did, and only that one says so. It never follows a link.
    bool created = false;
    UniqueFd fd(::open(path.c_str(), flags | O_CREAT | O_EXCL, 0600));
    if (fd.get() >= 0) {
      created = true;
    } else if (errno == EEXIST) {
      fd = open_vetted(path, flags, true);
      if (fd.get() < 0 && errno == ENOENT) continue;  // removed in between: try again
    }
    if (fd.get() < 0) throw open_error(path, "cannot open the log for writing", errno);
    lock(fd.get(), LOCK_EX, path, wait, deadline);
    // Replaced (or removed) while this process waited for the lock: what it would append
    // to is no longer the log, and what it read would not be what others read.
    if (!still_at_path(fd.get(), path)) continue;
    LogFile file(std::move(fd), path);
    file.created_ = created;
    return file;
  }
  throw replaced_error(path);
}

bool LogFile::folder_open_to_others() const {
  struct stat st {};
  const std::filesystem::path folder = path_.parent_path();
  if (::stat(folder.empty() ? "." : folder.c_str(), &st) != 0) return false;
  return (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
}

namespace {

// Reads [begin, end) of the log line by line into `builder`, in chunks; to_end reads on to
// the end of the file, whatever its size said (files in /proc report none). Returns the
// text after the last newline (a torn line), cut short when it passes max_line_bytes.
constexpr off_t to_end = std::numeric_limits<off_t>::max();

template <typename Sink>  // LogBuilder, or anything with its add_line and add_overlong_line
std::string stream_lines(int fd, const std::filesystem::path& path, off_t begin, off_t end,
                         Sink& builder) {
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
      // A hole (a sparse file: `truncate -s 6G`) holds only zero bytes, so no newline: the
      // line stays overlong across it, and reading it would take minutes for nothing.
      // Only ever forward: a file that reports no size (in /proc) has no holes to skip.
      off_t data = ::lseek(fd, offset, SEEK_DATA);
      if (data < 0 && errno == ENXIO) data = ::lseek(fd, 0, SEEK_END);  // a hole to the end
      if (data > offset) {
        offset = std::min(end, data);
        carry.assign(torn_mark.size(), '\0');  // the line ends with the hole's zero bytes
      }
    }
  }
  // A giant torn line reads as "x" and its end: never a record, and marked if it was.
  return overlong ? "x" + carry : carry;
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
  // Records take 64 bytes or more, 80 as roller writes them with ids and clean records:
  // room for as many events as the file could hold is reserved (virtual memory, which costs
  // nothing until used), and the pages of those it likely holds are mapped at once. Both
  // follow the bytes the file holds on disk, not its apparent size (a sparse file of 6 GB
  // may hold 4 KB), and are bounded; a larger log grows as its content arrives.
  constexpr off_t min_record_bytes = 64;
  constexpr off_t typical_record_bytes = 80;
  constexpr std::size_t max_reserved = std::size_t{1} << 24;  // events, some 16 million
  constexpr std::size_t max_mapped = (std::size_t{64} << 20) / sizeof(Event);
  const off_t on_disk = std::min<off_t>(st.st_size, static_cast<off_t>(st.st_blocks) * 512);
  const std::size_t capacity =
      std::min(static_cast<std::size_t>(on_disk / min_record_bytes), max_reserved);
  LogBuilder builder(path_.string(), options);
  builder.reserve(capacity, std::min({static_cast<std::size_t>(on_disk / typical_record_bytes),
                                      capacity, max_mapped}));
  const std::string torn = stream_lines(fd_.get(), path_, 0, to_end, builder);
  LogData data = builder.finish(torn);
  data.mode = st.st_mode & 07777;
  return data;
}

void LogFile::append(const Record& record) { append_all({record}); }

void LogFile::reserve_room(off_t size, std::size_t bytes) const {
  // Past a file size limit (ulimit -f) the write would stop part-way: refuse it whole.
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      static_cast<rlim_t>(size) + bytes > limit.rlim_cur) {
    throw io_error(path_, "cannot append to the log", EFBIG);
  }
  // A full disk fails here, before a byte is written. FALLOC_FL_KEEP_SIZE only reserves
  // blocks and never writes (glibc's posix_fallocate writes zeros where the filesystem
  // cannot reserve); where it cannot, the write itself finds out.
  while (::fallocate(fd_.get(), FALLOC_FL_KEEP_SIZE, size, static_cast<off_t>(bytes)) != 0) {
    if (errno == EINTR) continue;
    if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG || errno == EIO) {
      throw io_error(path_, "cannot append to the log", errno);
    }
    break;  // EOPNOTSUPP and the like: nothing reserved, nothing lost
  }
}

namespace {

// Reads the records on the wanted lines of a stream_lines pass, as import needs them.
class RecordPicker {
 public:
  explicit RecordPicker(const std::vector<std::uint32_t>& wanted) : wanted_(wanted) {}
  void add_line(std::string_view line) {
    ++line_;
    if (next_ < wanted_.size() && wanted_[next_] == line_) {
      if (line_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      // The fold read this line as an event, so it reads as a record.
      picked_.push_back(std::get<Record>(parse_record(line)));
      ++next_;
    }
  }
  void add_overlong_line(bool /*marked*/) { add_line({}); }
  std::vector<Record> finish(std::string_view tail) {
    if (!tail.empty()) add_line(tail);
    return std::move(picked_);
  }

 private:
  const std::vector<std::uint32_t>& wanted_;
  std::size_t next_ = 0;
  std::uint32_t line_ = 0;
  std::vector<Record> picked_;
};

}  // namespace

std::vector<Record> LogFile::records(const std::vector<std::uint32_t>& wanted) const {
  RecordPicker picker(wanted);
  const std::string tail = stream_lines(fd_.get(), path_, 0, to_end, picker);
  return picker.finish(tail);
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
  reserve_room(st.st_size, text.size());
  // One write per append (a record, or an import's batch), so a crash leaves at most one
  // torn line, the last; a short write is finished, and a failure (a full disk) leaves at
  // most a line without its newline. Readers ignore it as torn unless it reads as a whole
  // record (the spec's rule for a last line an editor saved without its newline), which a
  // cut that falls between two fields can leave: that record then counts.
  if (const int err = write_all(fd_.get(), text, testing::log_write); err != 0) {
    throw io_error(path_, "cannot append to the log", err);
  }
  if (testing::log_fsync(fd_.get()) != 0) {
    // The bytes are in the file, and every reader counts them: saying "nothing was written"
    // would be false, and a retry would log the session twice.
    throw FileError(fmt::format("{}: written, but not confirmed on disk: {}; it counts, and "
                                "'roller history' shows it",
                                path_.string(), std::strerror(errno)));
  }
  if (created_) fsync_dir(path_.parent_path());
}

LogData load_log_file(const std::filesystem::path& path, LoadOptions options) {
  auto file = LogFile::open_shared(path);
  if (!file) return LogData{};
  return file->load(options);
}

}  // namespace roller
