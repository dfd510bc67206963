// Hand-written rather than nlohmann::json because the output must stream; see the header.
#include "json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <ostream>

namespace roller::cli {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied: copied in one append each
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xf];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void JsonWriter::flush(std::ostream& out) {
  out.write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

void JsonWriter::newline() {
  static constexpr std::string_view spaces = "\n                                ";
  const auto width = static_cast<std::size_t>(depth_) * 2 + 1;
  if (width <= spaces.size()) {
    out_.append(spaces.data(), width);
  } else {
    out_ += '\n';
    out_.append(width - 1, ' ');
  }
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  if (!first_) out_ += ',';
  first_ = false;
  newline();
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  ++depth_;
  first_ = true;
}

void JsonWriter::close(char bracket) {
  --depth_;
  if (!first_) newline();
  out_ += bracket;
  first_ = false;
  if (depth_ == 0) out_ += '\n';
}

void JsonWriter::key(std::string_view name) {
  // Keys are roller's own names: nothing to escape. The comma, line break, indent, key and
  // colon go in with one append.
  char text[160];
  const auto indent = static_cast<std::size_t>(depth_) * 2;
  if (indent + name.size() + 6 > sizeof text) {
    if (!first_) out_ += ',';
    newline();
    out_ += '"';
    out_ += name;
    out_ += "\": ";
  } else {
    std::size_t n = 0;
    if (!first_) text[n++] = ',';
    text[n++] = '\n';
    std::memset(text + n, ' ', indent);
    n += indent;
    text[n++] = '"';
    std::memcpy(text + n, name.data(), name.size());
    n += name.size();
    std::memcpy(text + n, "\": ", 3);
    out_.append(text, n + 3);
  }
  first_ = false;
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::plain_value(std::string_view text) {
  before_value();
  out_ += '"';
  out_ += text;
  out_ += '"';
}

void JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ += "null";  // as nlohmann::json writes NaN and infinities
    return;
  }
  // Shortest round-trip digits, and ".0" on whole numbers, as nlohmann::json writes them.
  char digits[32];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const std::string_view text(digits, static_cast<std::size_t>(end - digits));
  out_ += text;
  if (text.find_first_of(".e") == std::string_view::npos) out_ += ".0";
}

void JsonWriter::thousandths(std::int64_t n) {
  before_value();
  // The shortest digits that read back as n / 1000.0 are those of n / 1000 itself, with
  // trailing zeros dropped and ".0" kept on whole numbers; a unit test holds this to
  // value(double) over millions of values.
  if (n < 0) out_ += '-';
  const std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, magnitude / 1000).ptr;
  out_.append(digits, static_cast<std::size_t>(end - digits));
  auto fraction = static_cast<unsigned>(magnitude % 1000);
  char decimals[4] = {'.', static_cast<char>('0' + fraction / 100),
                      static_cast<char>('0' + fraction / 10 % 10), static_cast<char>('0' + fraction % 10)};
  std::size_t kept = 4;
  while (kept > 2 && decimals[kept - 1] == '0') --kept;
  out_.append(decimals, kept);
}

void JsonWriter::value(std::uint64_t number) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out_.append(digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

}  // namespace roller::cli
