// libFuzzer target: the log parser. Any bytes must fold without crashing, and any line that
// parses as a record must serialise and parse back to the same record; the parser's fast
// path must agree with the general one on every line it takes, and every event of the fold
// (many of which come from its memo of repeated fields) must agree with its line read alone.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "roller/depth.hpp"
#include "roller/error.hpp"
#include "roller/log.hpp"
#include "roller/text.hpp"

namespace {

// The event must be what its own line says.
void check_event(const roller::LogData& log, const roller::Event& event, std::string_view line) {
  const auto parsed = roller::parse_record(line);
  const auto* record = std::get_if<roller::Record>(&parsed);
  if (record == nullptr || record->at.utc != event.utc || record->at.offset != event.offset) {
    __builtin_trap();
  }
  const auto field = [&](const char* key) {
    const std::string* value = record->get(key);
    return value == nullptr ? std::string_view() : std::string_view(*value);
  };
  if (roller::parse_id(field("id")) != event.id) __builtin_trap();
  if (event.kind == roller::RecordKind::session) {
    if (log.name(event.area) != field("area")) __builtin_trap();
    if (roller::parse_depth(field("depth")) != event.depth) __builtin_trap();
    if (event.forced != (field("forced") == "true")) __builtin_trap();
    // A session's details, written as roller writes them, read back the same.
    if (const roller::SessionDetail* detail = log.detail_of(event)) {
      roller::Record again{record->at, "session",
                           {{"id", "0000000000000001"}, {"area", "a"}, {"depth", "1"}}};
      for (const auto& f : roller::detail_fields(*detail)) again.fields.push_back(f);
      const roller::LogData reread = roller::parse_log(roller::serialize_record(again) + "\n",
                                                       "again.log", {.keep_details = true});
      if (reread.events.size() != 1) __builtin_trap();
      const roller::SessionDetail* same = reread.detail_of(reread.events[0]);
      if (same == nullptr || !(*same == *detail)) __builtin_trap();
    }
  }
  if (event.kind == roller::RecordKind::reaction) {
    if (event.detail >= log.reactions.size()) __builtin_trap();
    if (roller::parse_whole_number(field("redness"), 0, roller::max_redness) !=
        log.reactions[event.detail].redness) {
      __builtin_trap();
    }
  }
  if (event.kind == roller::RecordKind::photo) {
    if (event.detail >= log.photos.size() || log.photos[event.detail].hash != field("hash")) {
      __builtin_trap();
    }
  }
  if (event.kind == roller::RecordKind::session || event.kind == roller::RecordKind::clean ||
      event.kind == roller::RecordKind::replace) {
    const std::string_view roller = field("roller");
    if (log.name(event.roller) != (roller.empty() ? roller::implicit_roller : roller)) {
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const roller::LogData log = roller::parse_log(text, "fuzz.log", {.keep_notes = true, .keep_details = true});
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    for (const auto& event : log.events) {
      if (event.note != roller::Event::no_note && event.note >= log.notes.size()) __builtin_trap();
      if (event.line == 0 || event.line > lines.size()) __builtin_trap();
      std::string_view line = lines[event.line - 1];
      if (event.line == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
      if (line.ends_with('\r')) line.remove_suffix(1);
      check_event(log, event, line);
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
