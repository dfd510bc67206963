// libFuzzer target: the profile loader. Any bytes must load or be refused with a FileError;
// a profile that loads must satisfy every invariant the rules rely on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "roller/error.hpp"
#include "roller/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const roller::Profile p = roller::parse_profile(text, "fuzz.toml");
    if (p.rest.empty() || p.areas.empty() || p.home_max_depth <= 0) __builtin_trap();
    if (p.rest.back().up_to < p.home_max_depth) __builtin_trap();
    for (std::size_t i = 1; i < p.rest.size(); ++i) {
      if (p.rest[i].up_to <= p.rest[i - 1].up_to) __builtin_trap();
    }
    for (const auto& tier : p.rest) {
      if (tier.rest_seconds <= 0) __builtin_trap();
    }
    for (const auto& area : p.areas) {
      if (area.max_depth <= 0) __builtin_trap();
    }
  } catch (const roller::FileError&) {
  }
  return 0;
}
