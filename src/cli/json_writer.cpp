// Hand-written rather than a JSON library because the output must stream; see the header.
#include "json_writer.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <ostream>

#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller::cli {

namespace {

// The escaped form of a byte that needs one, or an empty view for a byte copied as it is.
std::string_view escape_of(unsigned char c, char (&scratch)[6]) {
  static constexpr char hex[] = "0123456789abcdef";
  if (c >= 0x20 && c != '"' && c != '\\') return {};
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      std::memcpy(scratch, "\\u00", 4);
      scratch[4] = hex[c >> 4];
      scratch[5] = hex[c & 0xf];
      return {scratch, 6};
  }
}

// The length in bytes of the character at byte `i` of `text`, a byte from 0x7f up, and when
// it is one that JSON may carry raw but that acts on a terminal or reorders the text around
// it (DEL, C1 controls, bidirectional controls), its \uXXXX escape in `scratch` and true in
// `escape`. Throws on bytes that are not UTF-8: a JSON reader would refuse the document.
std::size_t character_at(std::string_view text, std::size_t i, char (&scratch)[6], bool& escape) {
  const Utf8Char ch = decode_utf8(text, i);
  if (ch.length == 0) {
    throw Error(ExitCode::runtime,
                fmt::format("cannot write \"{}\" as JSON: it is not valid UTF-8", text));
  }
  escape = is_control(ch.code_point) || is_bidi_control(ch.code_point);
  if (escape) {
    static constexpr char hex[] = "0123456789abcdef";
    std::memcpy(scratch, "\\u", 2);
    for (std::size_t k = 0; k < 4; ++k) {
      scratch[2 + k] = hex[(ch.code_point >> (12 - 4 * k)) & 0xf];
    }
  }
  return ch.length;
}

}  // namespace

void JsonWriter::reserve(std::size_t capacity) {
  if (capacity <= capacity_) return;
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (size_ != 0) std::memcpy(bigger.get(), buffer_.get(), size_);
  buffer_ = std::move(bigger);
  capacity_ = capacity;
}

void JsonWriter::flush(std::ostream& out) {
  out.write(buffer_.get(), static_cast<std::streamsize>(size_));
  size_ = 0;
}

void JsonWriter::newline() {
  const auto indent = static_cast<std::size_t>(depth_) * 2;
  char* at = room(1 + indent);
  at[0] = '\n';
  std::memset(at + 1, ' ', indent);
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  if (!first_) put(',');
  first_ = false;
  newline();
}

void JsonWriter::open(char bracket) {
  before_value();
  put(bracket);
  ++depth_;
  first_ = true;
}

void JsonWriter::close(char bracket) {
  --depth_;
  if (!first_) newline();
  put(bracket);
  first_ = false;
  if (depth_ == 0) put('\n');
}

void JsonWriter::key(std::string_view name) {
  // Keys are roller's own names: nothing to escape.
  if (!first_) put(',');
  newline();
  put('"');
  put(name);
  put("\": ");
  first_ = false;
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  put('"');
  std::size_t run = 0;  // start of the bytes not yet copied: copied in one piece each
  char scratch[6];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view escaped;
    std::size_t length = 1;
    if (c >= 0x7f) {
      bool escape = false;
      length = character_at(text, i, scratch, escape);
      if (!escape) {
        i += length - 1;
        continue;
      }
      escaped = std::string_view(scratch, sizeof scratch);
    } else {
      escaped = escape_of(c, scratch);
      if (escaped.empty()) continue;
    }
    put(text.substr(run, i - run));
    put(escaped);
    run = i + length;
    i += length - 1;
  }
  put(text.substr(run));
  put('"');
}

void JsonWriter::plain_value(std::string_view text) {
  before_value();
  char* at = room(text.size() + 2);
  at[0] = '"';
  std::memcpy(at + 1, text.data(), text.size());
  at[text.size() + 1] = '"';
}

void JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    put("null");  // as nlohmann::json writes NaN and infinities
    return;
  }
  // The shortest digits that read back, laid out as nlohmann::json's to_chars lays them
  // out: "-d.ddde+XX" from std::to_chars is split into its digits and the position n of
  // the decimal point, then written fixed when -4 < n <= 15, else as it came.
  char scientific[32];
  const auto end = std::to_chars(scientific, scientific + sizeof scientific, number,
                                 std::chars_format::scientific)
                       .ptr;
  const std::string_view text(scientific, static_cast<std::size_t>(end - scientific));
  const std::size_t e = text.find('e');
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  char digits[24];
  std::size_t k = 0;
  for (std::size_t i = sign; i < e; ++i) {
    if (text[i] != '.') digits[k++] = text[i];
  }
  const int n = exponent + 1;
  const auto count = static_cast<int>(k);
  if (n <= -4 || n > 15) {
    put(text);
    return;
  }
  if (sign != 0) put('-');
  if (n <= 0) {
    put("0.");
    std::memset(room(static_cast<std::size_t>(-n)), '0', static_cast<std::size_t>(-n));
    put(std::string_view(digits, k));
  } else if (count <= n) {
    put(std::string_view(digits, k));
    std::memset(room(static_cast<std::size_t>(n - count)), '0',
                static_cast<std::size_t>(n - count));
    put(".0");
  } else {
    put(std::string_view(digits, static_cast<std::size_t>(n)));
    put('.');
    put(std::string_view(digits + n, k - static_cast<std::size_t>(n)));
  }
}

void JsonWriter::thousandths(std::int64_t n) {
  before_value();
  // The shortest digits that read back as n / 1000.0 are those of n / 1000 itself, with
  // trailing zeros dropped and ".0" kept on whole numbers; a unit test holds this to
  // value(double) over millions of values.
  if (n < 0) put('-');
  const std::uint64_t magnitude =
      n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, magnitude / 1000).ptr;
  put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  const auto fraction = static_cast<unsigned>(magnitude % 1000);
  const char decimals[4] = {'.', static_cast<char>('0' + fraction / 100),
                            static_cast<char>('0' + fraction / 10 % 10),
                            static_cast<char>('0' + fraction % 10)};
  std::size_t kept = 4;
  while (kept > 2 && decimals[kept - 1] == '0') --kept;
  put(std::string_view(decimals, kept));
}

void JsonWriter::value(std::uint64_t number) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void JsonWriter::value(std::int64_t number) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void JsonWriter::value(bool flag) {
  before_value();
  put(flag ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::null() {
  before_value();
  put("null");
}

}  // namespace roller::cli
