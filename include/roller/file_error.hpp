// What roller says about a file that is not what it should be, in the same words wherever
// the log or the profile is opened.
#pragma once

#include <fmt/format.h>

#include <string_view>

#include "roller/error.hpp"

namespace roller {

/// "PATH: is a directory, not a log": a folder stands where the `what` ("log", "profile")
/// should be. `path` is shown as given: escape it first if it came from outside.
[[nodiscard]] inline FileError directory_not_file(std::string_view path, std::string_view what) {
  return FileError(fmt::format("{}: is a directory, not a {}", path, what));
}

}  // namespace roller
