// The fast path of the log reader, behind one class: lines in the form roller writes them,
// read eight bytes at a time. Private to the log reader.
#pragma once

#include <cstdint>
#include <string_view>

#include "log_line.hpp"

namespace roller::detail {

// The fast path for lines in the form roller writes them: a 25-character timestamp with a
// numeric offset, single spaces, a lowercase kind, ASCII keys and values, and quoted values
// without escapes. It accepts only lines the general parser accepts, and gives the same
// views; anything else returns false and goes to parse_line_view, which also explains what
// is wrong. Every byte it accepts is ASCII, so it needs no UTF-8 check. Hand-written
// because reading the log is the cost of every command (docs/performance.md).
class FastParser {
 public:
  /// The start of a line as roller writes it, "TIMESTAMP KIND id=HEX16", with a known
  /// kind and a lowercase id. It checks only what it reads; the tail is the caller's.
  [[nodiscard]] bool head(std::string_view line, LineHead& out);
  /// The whole line, into the same views parse_line_view gives; false leaves the line to
  /// parse_line_view.
  [[nodiscard]] bool parse(std::string_view line, LineView& out);

 private:
  // "YYYY-MM-DDTHH:MM:SS+HH:MM" exactly; the date, which lines share day after day, is
  // remembered.
  bool timestamp(const char* t, Timestamp& at);

  std::uint64_t date_ = 0;
  std::uint64_t day_digits_ = 0;
  std::int64_t date_days_ = 0;
  bool date_known_ = false;
};

}  // namespace roller::detail
