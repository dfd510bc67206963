// roller's entry point: the command line on the real streams.
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "app.hpp"

int main(int argc, char** argv) {
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
