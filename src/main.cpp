// roller's entry point: the command line on the real streams.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <iostream>

#include "app.hpp"

namespace {

// Opens /dev/null on every standard descriptor that is closed (`roller log >&-`). Otherwise
// the log would be opened as that descriptor, and roller's own output or warnings would be
// written into the health record. False when one cannot be opened.
bool open_standard_descriptors() {
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // The lowest free descriptor is this one: those below it are open by now.
    const int opened = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
    if (opened != fd) {
      if (opened != -1) close(opened);
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything opens a file. Without /dev/null, there is no safe place for the output.
  if (!open_standard_descriptors()) return 1;
  std::ios::sync_with_stdio(false);
  // Past a file size limit (ulimit -f) a write must fail with EFBIG and be reported, not
  // kill roller mid-record.
  std::signal(SIGXFSZ, SIG_IGN);
  const int status = roller::cli::run(argc, argv, std::cout, std::cerr, isatty(STDOUT_FILENO) == 1,
                                      isatty(STDERR_FILENO) == 1);
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "roller: cannot write to standard output\n";
    return 1;
  }
  return status;
}
