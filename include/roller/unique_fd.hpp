// A file descriptor that closes itself, and a write that finishes or says why not.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <string_view>
#include <utility>

namespace roller {

/// Owns a POSIX file descriptor; closes it on destruction.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) noexcept : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  [[nodiscard]] int get() const noexcept { return fd_; }
  /// Closes the current descriptor, if any, and takes `fd`.
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

/// The signature of write(2), so that tests can stand in for it.
using WriteFunction = ssize_t (*)(int, const void*, std::size_t);

/// Writes all of `data`, retrying after signals and short writes. Returns 0, or the errno
/// of the write that failed (a short write followed by a failure leaves part written).
[[nodiscard]] inline int write_all(int fd, std::string_view data,
                                   WriteFunction write_fn = ::write) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write_fn(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;  // no progress and no error: do not spin
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace roller
