// Needle depths. roller keeps depths as whole micrometres so that comparing a session with
// a rest tier or an area's cap is exact: 0.3 mm is 300, never 0.30000000000000004.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roller {

/// A depth in micrometres (thousandths of a millimetre).
using Micrometres = std::int32_t;

/// Deepest value roller represents (100 mm), far beyond any needle; it keeps arithmetic safe.
inline constexpr Micrometres max_representable_depth = 100'000;

/// Parses a decimal number of millimetres with at most three decimals ("0.5", "1", ".25").
/// Returns nullopt for anything else (signs, exponents, "nan", units, too many decimals).
[[nodiscard]] std::optional<Micrometres> parse_depth(std::string_view text);

/// Converts a millimetre value read from TOML; nullopt unless it is finite, non-negative,
/// representable and a whole number of micrometres.
[[nodiscard]] std::optional<Micrometres> depth_from_mm(double mm);

/// Formats with at least one decimal and no trailing zeros: 500 -> "0.5", 1000 -> "1.0",
/// 250 -> "0.25".
[[nodiscard]] std::string format_depth(Micrometres depth);

/// The depth in millimetres as a number, for JSON.
[[nodiscard]] inline double depth_mm(Micrometres depth) { return depth / 1000.0; }

}  // namespace roller
