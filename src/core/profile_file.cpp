// A person's profile file, read over the built-in profile (whose data is generated from
// config/profile.toml at build time: see src/tools/profile_codegen.cpp).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "roller/error.hpp"
#include "roller/file_error.hpp"
#include "roller/profile.hpp"
#include "roller/text.hpp"
#include "roller/unique_fd.hpp"

namespace roller {
namespace {

// Far beyond any real profile; a larger file is a mistake (a log named as the profile).
constexpr off_t max_profile_bytes = 1 << 20;

}  // namespace

Profile parse_profile(std::string_view text, const std::string& source) {
  return parse_profile_over(default_profile(), text, source);
}

Profile load_profile_file(const std::filesystem::path& path) {
  // Every message names the file: escaped, so that a folder's name cannot drive a terminal.
  const std::string name = printable(path.string(), uncut);
  // O_NONBLOCK: a FIFO must not hang roller; it is refused below as not a regular file.
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == EISDIR) throw directory_not_file(name, "profile");
    throw FileError(fmt::format("{}: cannot read profile: {}", name, std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    throw FileError(fmt::format("{}: cannot read profile: {}", name, std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) throw directory_not_file(name, "profile");
  if (!S_ISREG(st.st_mode)) throw FileError(fmt::format("{}: is not a regular file", name));
  if (st.st_size > max_profile_bytes) {
    throw FileError(fmt::format("{}: is {} bytes; a profile is at most {} bytes", name, st.st_size,
                                max_profile_bytes));
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw FileError(fmt::format("{}: cannot read profile: {}", name, std::strerror(errno)));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);
  Profile profile = parse_profile(text, name);
  if ((st.st_mode & 077) != 0) {
    // Like ssh: the rules of a health routine are the person's own business.
    profile.warnings.insert(profile.warnings.begin(),
                            fmt::format("{}: {}", name, not_private(name, st.st_mode)));
  }
  return profile;
}

}  // namespace roller
