// What the log format's parser, its fast path and the fold share about one line: the views
// of its fields and the byte classes of the syntax. Private to the log reader.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "roller/log.hpp"

namespace roller::detail {

struct FieldView {
  std::string_view key;
  std::string_view value;
};

// The fields roller reads, by what they mean; each line's values are found once.
struct KnownFields {
  static constexpr std::uint32_t id = 1;
  static constexpr std::uint32_t area = 2;
  static constexpr std::uint32_t depth = 4;
  static constexpr std::uint32_t roller = 8;
  static constexpr std::uint32_t forced = 16;
  static constexpr std::uint32_t note = 32;
  static constexpr std::uint32_t target = 64;
  static constexpr std::uint32_t until = 128;
  static constexpr std::uint32_t reason = 256;
  static constexpr std::uint32_t sitting = 512;
  static constexpr std::uint32_t product = 1024;
  static constexpr std::uint32_t areas = 2048;
  static constexpr std::uint32_t name = 4096;
  static constexpr std::uint32_t every = 8192;
  static constexpr std::uint32_t sessions = 16384;
  static constexpr std::uint32_t reviews = 32768;
  static constexpr std::uint32_t course = 1u << 16;
  static constexpr std::uint32_t passes = 1u << 17;
  static constexpr std::uint32_t pressure = 1u << 18;
  static constexpr std::uint32_t pain = 1u << 19;
  static constexpr std::uint32_t numbing = 1u << 20;
  static constexpr std::uint32_t serum = 1u << 21;
  static constexpr std::uint32_t endpoint = 1u << 22;
  static constexpr std::uint32_t redness = 1u << 23;
  static constexpr std::uint32_t peeling = 1u << 24;
  static constexpr std::uint32_t swelling = 1u << 25;
  static constexpr std::uint32_t severe = 1u << 26;
  static constexpr std::uint32_t hash = 1u << 27;
  static constexpr std::uint32_t angle = 1u << 28;
  static constexpr std::uint32_t file = 1u << 29;
  static constexpr std::size_t count = 30;
  static constexpr std::array<std::string_view, count> names{
      "id",      "area",    "depth",    "roller",   "forced",  "note",     "target",  "until",
      "reason",  "sitting", "product",  "areas",    "name",    "every",    "sessions", "reviews",
      "course",  "passes",  "pressure", "pain",     "numbing", "serum",    "endpoint", "redness",
      "peeling", "swelling", "severe",  "hash",     "angle",   "file"};

  std::array<std::string_view, count> values;
  std::uint32_t present = 0;
  // The fast path reads ids as it scans them; the general path leaves them to parse_id.
  std::uint64_t id_value = 0;
  std::uint64_t target_value = 0;
  bool id_read = false;
  bool target_read = false;

  [[nodiscard]] bool has(std::uint32_t field) const { return (present & field) != 0; }
  /// The field's value; empty when the line lacks it.
  [[nodiscard]] std::string_view get(std::uint32_t field) const {
    return has(field) ? values[static_cast<std::size_t>(std::countr_zero(field))]
                      : std::string_view();
  }
  void set(std::uint32_t field, std::string_view value) {
    present |= field;
    values[static_cast<std::size_t>(std::countr_zero(field))] = value;
  }
  void clear() {
    present = 0;
    id_read = target_read = false;
  }

  /// The field a key names, or 0 for a key roller does not read.
  static std::uint32_t field_of(std::string_view key) {
    switch (key.size()) {
      case 2:
        return is(key, "id") ? id : 0;
      case 4:
        return is(key, "area")   ? area
               : is(key, "note") ? note
               : is(key, "name") ? name
               : is(key, "pain") ? pain
               : is(key, "hash") ? hash
               : is(key, "file") ? file
                                 : 0;
      case 5:
        return is(key, "depth")   ? depth
               : is(key, "until") ? until
               : is(key, "areas") ? areas
               : is(key, "every") ? every
               : is(key, "serum") ? serum
               : is(key, "angle") ? angle
                                  : 0;
      case 6:
        return is(key, "roller")   ? roller
               : is(key, "forced") ? forced
               : is(key, "target") ? target
               : is(key, "reason") ? reason
               : is(key, "course") ? course
               : is(key, "passes") ? passes
               : is(key, "severe") ? severe
                                   : 0;
      case 7:
        return is(key, "sitting")   ? sitting
               : is(key, "product") ? product
               : is(key, "reviews") ? reviews
               : is(key, "numbing") ? numbing
               : is(key, "redness") ? redness
               : is(key, "peeling") ? peeling
                                    : 0;
      case 8:
        return is(key, "sessions")   ? sessions
               : is(key, "pressure") ? pressure
               : is(key, "endpoint") ? endpoint
               : is(key, "swelling") ? swelling
                                     : 0;
      default:
        return 0;
    }
  }

 private:
  static bool is(std::string_view key, std::string_view name) {
    return key.size() == name.size() && std::memcmp(key.data(), name.data(), name.size()) == 0;
  }
};

struct LineView {
  Timestamp at;
  std::string_view timestamp;
  std::string_view kind;
  std::vector<FieldView> fields;         ///< every field, in line order (general path only)
  KnownFields known;                     ///< the fields roller reads
  std::array<std::uint32_t, KnownFields::count> order{};  ///< fast path: the known fields in
                                                         ///< line order
  std::size_t count = 0;                 ///< fast path: how many
  std::string scratch;  // unescaped quoted values live here; reserved so views stay valid
};


// Byte classes, looked up once per byte: the parser's inner loops are the cost of reading
// a large log.
enum : std::uint8_t { space_class = 1, bare_class = 2, key_class = 4 };

inline constexpr std::array<std::uint8_t, 256> byte_classes = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t bits = 0;
    if (c == ' ' || c == '\t') bits |= space_class;
    if (c >= 0x20 && c != ' ' && c != '"' && c != '=' && c != '#' && c != 0x7f) bits |= bare_class;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-' || c == '.') {
      bits |= key_class;
    }
    table[static_cast<std::size_t>(c)] = bits;
  }
  return table;
}();

inline bool has_class(char c, std::uint8_t bits) {
  return (byte_classes[static_cast<unsigned char>(c)] & bits) != 0;
}
inline bool is_space(char c) { return has_class(c, space_class); }
inline bool is_bare_char(char c) { return has_class(c, bare_class); }
inline bool is_key_char(char c) { return has_class(c, key_class); }

/// The kind a record's second word names; RecordKind::other for a kind this version does
/// not know.
[[nodiscard]] RecordKind kind_of(std::string_view kind);

/// Splits a record line into views: the format's reference parser. Returns false with
/// `error` set when the line is malformed.
[[nodiscard]] bool parse_line_view(std::string_view line, LineView& out, std::string& error);

/// What FastParser::head reads of a line: everything up to and including its id.
struct LineHead {
  Timestamp at;
  RecordKind kind = RecordKind::other;
  std::uint64_t id = 0;
  std::string_view tail;  ///< the rest of the line: empty, or fields after a space
};

}  // namespace roller::detail
