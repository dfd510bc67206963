// Exact decimal depths in micrometres.
#include "roller/depth.hpp"

#include <fmt/format.h>

#include <cmath>

namespace roller {

std::optional<Micrometres> parse_depth(std::string_view text) {
  std::int64_t whole = 0;
  std::size_t pos = 0;
  std::size_t int_digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    whole = whole * 10 + (text[pos] - '0');
    if (whole > max_representable_depth) return std::nullopt;
    ++pos;
    ++int_digits;
  }
  std::int64_t micro = whole * 1000;
  std::size_t frac_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (frac_digits == 3) {
        // Trailing zeros past the third decimal add no precision ("0.5000").
        if (text[pos] != '0') return std::nullopt;
      } else {
        micro += (text[pos] - '0') * scale;
        scale /= 10;
        ++frac_digits;
      }
      ++pos;
    }
    if (frac_digits == 0 && int_digits == 0) return std::nullopt;
  }
  if (pos != text.size() || (int_digits == 0 && frac_digits == 0)) return std::nullopt;
  if (micro > max_representable_depth) return std::nullopt;
  return static_cast<Micrometres>(micro);
}

std::optional<Micrometres> depth_from_mm(double mm) {
  if (!std::isfinite(mm) || mm < 0 || mm > max_representable_depth / 1000.0) return std::nullopt;
  const double micro = mm * 1000.0;
  const double rounded = std::round(micro);
  if (std::fabs(micro - rounded) > 1e-6) return std::nullopt;
  return static_cast<Micrometres>(rounded);
}

std::string format_depth(Micrometres depth) {
  std::string text = fmt::format("{}.{:03}", depth / 1000, depth % 1000);
  while (text.size() > 1 && text.back() == '0' && text[text.size() - 2] != '.') text.pop_back();
  return text;
}

}  // namespace roller
