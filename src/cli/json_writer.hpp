// A streaming JSON writer for the outputs that grow with the log (history --json): it
// appends to one buffer, with the layout of nlohmann::json's dump(2), which the smaller
// outputs use, so every command prints JSON the same way. Building a DOM of a million
// sessions first would cost seconds and hundreds of megabytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace roller::cli {

/// `doc` as nlohmann::json's dump(2) writes it, with DEL, C1 controls and bidirectional
/// controls escaped as \uXXXX as JsonWriter::value escapes them: JSON may carry them raw,
/// but a document printed on a terminal must not act on it or reorder its text.
[[nodiscard]] std::string dump_json(const nlohmann::ordered_json& doc);

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
  /// document shown on a terminal can neither drive it nor reorder its text.
  void value(std::string_view text);
  /// A string known to need no escaping (ids, timestamps): copied as it is.
  void plain_value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(double number);
  /// A number of thousandths (a depth in micrometres, days rounded to 0.001), written as
  /// value(n / 1000.0) writes it, but exactly and without floating point.
  void thousandths(std::int64_t n);
  void value(std::uint64_t number);
  void value(bool flag);
  void null();

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
