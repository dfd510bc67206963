// The one JSON writer behind every --json: it streams into one buffer, with the layout of
// nlohmann::json's dump(2) (two-space indent, "key": value, 0.5 and 1.0), which roller has
// always printed and which scripts may compare. It streams because history --json grows
// with the log: building a DOM of a million sessions first would cost seconds and hundreds
// of megabytes. The tests parse its output with nlohmann::json; roller does not link it.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace roller::cli {

class JsonWriter {
 public:
  JsonWriter() { reserve(320 << 10); }

  /// Opens an object or array: as a member value after key(), an element, or the root.
  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  void end_object() { close('}'); }
  void end_array() { close(']'); }

  /// The next member's key, inside an object.
  void key(std::string_view name);

  /// A string, with controls escaped (\n, \u001b) and, beyond what JSON asks, DEL, C1
  /// controls and bidirectional controls as \uXXXX: the text reads back exactly, and the
  /// document shown on a terminal can neither drive it nor reorder its text. Throws
  /// roller::Error on text that is not valid UTF-8, which JSON cannot carry.
  void value(std::string_view text);
  /// A string known to need no escaping (ids, timestamps): copied as it is.
  void plain_value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  /// A number laid out as nlohmann::json lays it out: fixed from 1e-4 to below 1e15 with
  /// ".0" on whole numbers, else 1.5e+15; null unless finite. The digits are the shortest
  /// that read back; nlohmann's are the same for every number roller writes (thousandths
  /// below 1e10: a unit test checks), though for some others, 1e23 among them, it prints
  /// a longer form of the same double.
  void value(double number);
  /// A number of thousandths (a depth in micrometres, days rounded to 0.001), written as
  /// value(n / 1000.0) writes it, but exactly and without floating point.
  void thousandths(std::int64_t n);
  void value(std::uint64_t number);
  void value(std::int64_t number);
  /// Any other integer (int, std::uint32_t): written as the 64-bit one of its sign.
  template <std::integral Integer>
  requires(!std::same_as<Integer, bool>) void value(Integer number) {
    if constexpr (std::signed_integral<Integer>) {
      value(static_cast<std::int64_t>(number));
    } else {
      value(static_cast<std::uint64_t>(number));
    }
  }
  void value(bool flag);
  void value(std::nullptr_t) { null(); }
  /// The value, or null when there is none.
  template <typename T>
  void value(const std::optional<T>& maybe) {
    if (maybe) {
      value(*maybe);
    } else {
      null();
    }
  }
  void null();

  /// A member of an object: key(name) then value(v).
  template <typename T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  /// The document so far, with a final newline once the root is closed.
  [[nodiscard]] std::string_view text() const { return {buffer_.get(), size_}; }
  /// Writes the text so far to `out` and empties the buffer, keeping its memory.
  void flush(std::ostream& out);

 private:
  // Room for `n` more bytes at the end of the text, to be written by the caller. The
  // buffer is written directly rather than through std::string: appending the many short
  // pieces of a large document was most of history --json's cost.
  char* room(std::size_t n) {
    if (size_ + n > capacity_) reserve(2 * (size_ + n));
    char* at = buffer_.get() + size_;
    size_ += n;
    return at;
  }
  void put(char c) { *room(1) = c; }
  void put(std::string_view text) { std::memcpy(room(text.size()), text.data(), text.size()); }
  void reserve(std::size_t capacity);
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void newline();

  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  int depth_ = 0;
  bool first_ = true;       ///< no member or element yet at this depth
  bool after_key_ = false;  ///< the next value follows a key on the same line
};

}  // namespace roller::cli
