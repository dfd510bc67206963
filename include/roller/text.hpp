// Text that came from a person or a file, made safe to echo in a one-line message: control
// characters and invalid UTF-8 are escaped, and overlong text is cut, so an error message
// can never reset a terminal or flood it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace roller {

/// `text` with control characters and invalid UTF-8 bytes escaped (\n, \t, \xNN) and cut
/// to about `max_chars` characters with "..." appended.
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_chars = 60);

}  // namespace roller
