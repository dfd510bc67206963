// libFuzzer target: the time and depth values people type. Any text must be accepted or
// refused with a UsageError, and what is accepted must format and parse back unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "roller/depth.hpp"
#include "roller/error.hpp"
#include "roller/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr std::int64_t now = 1795564800;  // 2026-11-25T00:00:00Z
  try {
    (void)roller::parse_time_value(text, now, "--at");
  } catch (const roller::UsageError&) {
  }
  if (const auto ts = roller::parse_rfc3339(text)) {
    if (roller::parse_rfc3339(roller::format_rfc3339(*ts)) != ts) __builtin_trap();
  }
  if (const auto depth = roller::parse_depth(text)) {
    if (roller::parse_depth(roller::format_depth(*depth)) != depth) __builtin_trap();
  }
  (void)roller::names_whole_day(text);
  return 0;
}
