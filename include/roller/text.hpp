// Text that came from a person or a file, made safe to echo in a one-line message: control
// characters and invalid UTF-8 are escaped, and overlong text is cut, so an error message
// can never reset a terminal or flood it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace roller {

/// A decoded UTF-8 character: its code point and its length in bytes (0 when the bytes at
/// that position are not valid UTF-8: overlong, a surrogate, past U+10FFFF, cut short).
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;
};

/// Decodes the UTF-8 character that starts at byte `i` of `text`.
[[nodiscard]] Utf8Char decode_utf8(std::string_view text, std::size_t i);

/// Whether a code point is a control character: C0 (below U+0020), DEL or C1
/// (U+0080..U+009F). All of them act on terminals.
[[nodiscard]] constexpr bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/// `text` with control characters and invalid UTF-8 bytes escaped (\n, \t, \xNN) and cut
/// to about `max_chars` characters with "..." appended.
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_chars = 60);

}  // namespace roller
