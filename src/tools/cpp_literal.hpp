// What the build-time generators share: bytes as C++ string literals, so that a profile or an
// example file is compiled into roller exactly as it is written.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace roller::tools {

// A C++ string literal for any bytes: printable ASCII as it is, the rest as octal escapes
// (three digits each, so that a following digit never joins the escape).
inline std::string literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte >= 0x20 && byte < 0x7f && c != '?') {  // '?': no trigraphs, ever
      out += c;
    } else {
      out += fmt::format("\\{:03o}", byte);
    }
  }
  return out + '"';
}

// The text as one literal per line, each on a line of its own after `indent`, so the
// generated file reads like the file it comes from.
inline std::string text_literal(std::string_view text, std::string_view indent) {
  std::string out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::size_t length = end == std::string_view::npos ? text.size() : end + 1;
    out += fmt::format("\n{}{}", indent, literal(text.substr(0, length)));
    text.remove_prefix(length);
  }
  return out.empty() ? "\"\"" : out;
}

}  // namespace roller::tools
