// A streaming JSON writer for the outputs that grow with the log (history --json): it
// appends to one string, with the layout of nlohmann::json's dump(2), which the smaller
// outputs use, so every command prints JSON the same way. Building a DOM of a million
// sessions first would cost seconds and hundreds of megabytes.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace roller::cli {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(320 << 10); }

  /// Opens an object or array: as a member value after key(), an element, or the root.
  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  void end_object() { close('}'); }
  void end_array() { close(']'); }

  /// The next member's key, inside an object.
  void key(std::string_view name);

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

  /// The document, with a final newline once the root is closed.
  [[nodiscard]] const std::string& text() const { return out_; }
  /// Writes the text so far to `out` and empties the buffer, keeping its memory.
  void flush(std::ostream& out);

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void newline();

  std::string out_;
  int depth_ = 0;
  bool first_ = true;       ///< no member or element yet at this depth
  bool after_key_ = false;  ///< the next value follows a key on the same line
};

/// Appends `text` as a JSON string, escaped as nlohmann::json escapes it (UTF-8 kept).
void append_json_string(std::string& out, std::string_view text);

}  // namespace roller::cli
