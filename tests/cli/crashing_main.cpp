// A roller that dies part-way through appending a record: the test-only fault-injection
// point of the crash tests. ROLLER_TEST_CRASH_AFTER=N lets the append write N bytes of its
// text, then the process kills itself with SIGKILL, as a crash or power loss would. This
// binary is built only for the tests; the real roller has no such switch.
// ROLLER_TEST_FSYNC_EIO=1 instead makes every fsync of the log fail with EIO.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app.hpp"
#include "roller/log_file.hpp"

namespace {

std::size_t crash_after = 0;

ssize_t write_then_die(int fd, const void* data, std::size_t size) {
  const std::size_t n = size < crash_after ? size : crash_after;
  if (n > 0 && ::write(fd, data, n) < 0) return -1;
  ::kill(::getpid(), SIGKILL);
  return static_cast<ssize_t>(n);  // not reached
}

int fsync_fails(int) {
  errno = EIO;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  const char* after = std::getenv("ROLLER_TEST_CRASH_AFTER");
  if (std::getenv("ROLLER_TEST_FSYNC_EIO") != nullptr) {
    // The disk took the bytes but reports an error when asked to confirm them.
    roller::testing::log_fsync = fsync_fails;
  } else if (after == nullptr) {
    std::cerr << "set ROLLER_TEST_CRASH_AFTER or ROLLER_TEST_FSYNC_EIO\n";
    return 99;
  } else {
    crash_after = std::stoul(after);
    roller::testing::log_write = write_then_die;
  }
  return roller::cli::run(argc, argv, std::cout, std::cerr, false, false);
}
