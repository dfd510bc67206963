// libFuzzer target: the log parser. Any bytes must fold without crashing, and any line that
// parses as a record must serialise and parse back to the same record; the parser's fast
// path must agree with the general one on every line it takes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "roller/error.hpp"
#include "roller/log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const roller::LogData log = roller::parse_log(text, "fuzz.log", {.keep_notes = true});
    for (const auto& event : log.events) {
      if (event.note != roller::Event::no_note && event.note >= log.notes.size()) __builtin_trap();
    }
  } catch (const roller::FileError&) {
    // A newer format version: refused by design.
  }
  const std::string_view first_line = text.substr(0, text.find('\n'));
  const auto parsed = roller::parse_record(first_line);
  // The fast path takes only lines the general parser takes, with the same result.
  if (const auto fast = roller::testing::parse_record_fast(first_line)) {
    const auto* general = std::get_if<roller::Record>(&parsed);
    if (general == nullptr || !(*general == *fast)) __builtin_trap();
  }
  if (const auto* record = std::get_if<roller::Record>(&parsed)) {
    const auto again = roller::parse_record(roller::serialize_record(*record));
    const auto* back = std::get_if<roller::Record>(&again);
    if (back == nullptr || !(*back == *record)) __builtin_trap();
  }
  return 0;
}
