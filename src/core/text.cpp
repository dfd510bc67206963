// Escaping for echoed text.
#include "roller/text.hpp"

#include <fmt/format.h>

namespace roller {

Utf8Char decode_utf8(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return {};
  }
  if (i + len > text.size()) return {};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong =
      (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, len};
}

std::string printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (chars == max_chars) {
      out += "...";
      break;
    }
    const Utf8Char ch = decode_utf8(text, i);
    const std::size_t len = ch.length > 0 && !is_control(ch.code_point) ? ch.length : 0;
    if (len > 0) {
      out.append(text.substr(i, len));
      i += len;
    } else if (text[i] == '\n') {
      out += "\\n";
      ++i;
    } else if (text[i] == '\t') {
      out += "\\t";
      ++i;
    } else {
      // An invalid or control sequence: escape its first byte and resynchronise after it.
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
    }
    ++chars;
  }
  return out;
}

}  // namespace roller
