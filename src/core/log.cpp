// Log format v1: the line syntax, its serialisation and the fold of lines into events.
// The parser works on string_views and one reused scratch buffer, so that reading a log of
// a million lines allocates almost nothing per line.
#include "roller/log.hpp"

#include <fmt/format.h>

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

struct FieldView {
  std::string_view key;
  std::string_view value;
};

constexpr std::array<std::int8_t, 256> hex_values = [] {
  std::array<std::int8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    std::int8_t v = -1;
    if (c >= '0' && c <= '9') v = static_cast<std::int8_t>(c - '0');
    if (c >= 'a' && c <= 'f') v = static_cast<std::int8_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') v = static_cast<std::int8_t>(c - 'A' + 10);
    table[static_cast<std::size_t>(c)] = v;
  }
  return table;
}();

// The fields roller reads, by what they mean; each line's values are found once.
struct KnownFields {
  enum : std::uint16_t {
    id = 1,
    area = 2,
    depth = 4,
    roller = 8,
    forced = 16,
    note = 32,
    target = 64,
    until = 128,
    reason = 256
  };
  static constexpr std::array<std::string_view, 9> names{
      "id", "area", "depth", "roller", "forced", "note", "target", "until", "reason"};

  std::array<std::string_view, 9> values;
  std::uint16_t present = 0;
  // The fast path reads ids as it scans them; the general path leaves them to parse_id.
  std::uint64_t id_value = 0;
  std::uint64_t target_value = 0;
  bool id_read = false;
  bool target_read = false;

  [[nodiscard]] bool has(std::uint16_t field) const { return (present & field) != 0; }
  /// The field's value; empty when the line lacks it.
  [[nodiscard]] std::string_view get(std::uint16_t field) const {
    return has(field) ? values[static_cast<std::size_t>(std::countr_zero(field))]
                      : std::string_view();
  }
  void set(std::uint16_t field, std::string_view value) {
    present |= field;
    values[static_cast<std::size_t>(std::countr_zero(field))] = value;
  }
  void clear() {
    present = 0;
    id_read = target_read = false;
  }

  /// The field a key names, or 0 for a key roller does not read.
  static std::uint16_t field_of(std::string_view key) {
    switch (key.size()) {
      case 2:
        return is(key, "id") ? id : 0;
      case 4:
        return is(key, "area") ? area : is(key, "note") ? note : 0;
      case 5:
        return is(key, "depth") ? depth : is(key, "until") ? until : 0;
      case 6:
        return is(key, "roller")   ? roller
               : is(key, "forced") ? forced
               : is(key, "target") ? target
               : is(key, "reason") ? reason
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
  std::array<std::uint16_t, 9> order{};  ///< fast path: the known fields in line order
  std::size_t count = 0;                 ///< fast path: how many
  std::string scratch;  // unescaped quoted values live here; reserved so views stay valid
};

// Byte classes, looked up once per byte: the parser's inner loops are the cost of reading
// a large log.
enum : std::uint8_t { space_class = 1, bare_class = 2, key_class = 4 };

constexpr std::array<std::uint8_t, 256> byte_classes = [] {
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

bool has_class(char c, std::uint8_t bits) {
  return (byte_classes[static_cast<unsigned char>(c)] & bits) != 0;
}
bool is_space(char c) { return has_class(c, space_class); }
bool is_bare_char(char c) { return has_class(c, bare_class); }
bool is_key_char(char c) { return has_class(c, key_class); }

bool is_kind(std::string_view kind) {
  if (kind.empty() || kind[0] < 'a' || kind[0] > 'z') return false;
  return std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Whether a C1 control character (U+0080..U+009F) starts at byte `i` of valid UTF-8 text:
// they act on terminals (U+009B is CSI, the start of an escape sequence) as C0 ones do.
bool c1_control_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xc2 && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) <= 0x9f;
}

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Logs are mostly ASCII: skip eight such bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t len = decode_utf8(s, i).length;
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

// Splits a record line into views. Returns false with `error` set when it is malformed.
bool parse_line_view(std::string_view line, LineView& out, std::string& error) {
  out.fields.clear();
  out.scratch.clear();
  out.scratch.reserve(line.size());
  if (const std::size_t bad = invalid_utf8_at(line); bad != std::string_view::npos) {
    error = fmt::format("invalid UTF-8 at column {}", bad + 1);
    return false;
  }
  std::size_t pos = 0;
  const auto token = [&]() {
    const std::size_t start = pos;
    while (pos < line.size() && !is_space(line[pos])) ++pos;
    return line.substr(start, pos - start);
  };
  const auto skip_spaces = [&]() {
    while (pos < line.size() && is_space(line[pos])) ++pos;
  };
  out.timestamp = token();
  const auto at = parse_rfc3339(out.timestamp);
  if (!at) {
    error =
        fmt::format("'{}' is not an RFC 3339 timestamp with an offset", printable(out.timestamp));
    return false;
  }
  if (!within_years(at->utc)) {
    error = fmt::format("'{}' {}", printable(out.timestamp), outside_years);
    return false;
  }
  out.at = *at;
  skip_spaces();
  out.kind = token();
  if (out.kind.empty()) {
    error = "expected a timestamp, a kind and fields";
    return false;
  }
  if (!is_kind(out.kind)) {
    error = fmt::format("'{}' is not a record kind", printable(out.kind));
    return false;
  }
  skip_spaces();
  while (pos < line.size()) {
    const std::size_t key_start = pos;
    while (pos < line.size() && is_key_char(line[pos])) ++pos;
    const std::string_view key = line.substr(key_start, pos - key_start);
    if (key.empty() || pos >= line.size() || line[pos] != '=') {
      const std::size_t end = line.find_first_of(" \t", key_start);
      error = fmt::format("expected key=value, found '{}'",
                          printable(line.substr(key_start, end - key_start)));
      return false;
    }
    ++pos;
    std::string_view value;
    if (pos < line.size() && line[pos] == '"') {
      ++pos;
      const std::size_t start = out.scratch.size();
      bool closed = false;
      while (pos < line.size()) {
        const char c = line[pos++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\') {
          if (pos >= line.size()) break;
          const char e = line[pos++];
          switch (e) {
            case '"':
              out.scratch += '"';
              break;
            case '\\':
              out.scratch += '\\';
              break;
            case 'n':
              out.scratch += '\n';
              break;
            case 't':
              out.scratch += '\t';
              break;
            default:
              error = fmt::format("unknown escape '\\{}' in the value of '{}'",
                                  printable(std::string_view(&e, 1)), key);
              return false;
          }
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f' ||
                   c1_control_at(line, pos - 1)) {
          // As --note refuses them: only newline and tab, escaped, are in a value.
          error = fmt::format("control character in the value of '{}'", key);
          return false;
        } else {
          out.scratch += c;
        }
      }
      if (!closed) {
        error = fmt::format("unterminated quoted value of '{}'", key);
        return false;
      }
      value = std::string_view(out.scratch).substr(start);
    } else {
      const std::size_t start = pos;
      while (pos < line.size() && is_bare_char(line[pos])) {
        if (c1_control_at(line, pos)) {
          error = fmt::format("control character in the value of '{}'", key);
          return false;
        }
        ++pos;
      }
      value = line.substr(start, pos - start);
    }
    if (pos < line.size() && !is_space(line[pos])) {
      error = fmt::format("unexpected '{}' after the value of '{}'", printable(line.substr(pos, 1)),
                          key);
      return false;
    }
    for (const auto& field : out.fields) {
      if (field.key == key) {
        error = fmt::format("duplicate key '{}'", key);
        return false;
      }
    }
    out.fields.push_back({key, value});
    skip_spaces();
  }
  return true;
}

// Eight bytes at a time ("SWAR"): the fast path reads timestamps and ids as 64-bit words.
// Byte i of a word is text[i], whatever the machine's byte order.
std::uint64_t load8(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

constexpr std::uint64_t each_byte(std::uint8_t value) { return 0x0101010101010101ULL * value; }

// 0x80 in every byte of `word` that is zero, 0 elsewhere (exact: no carries between bytes).
constexpr std::uint64_t zero_bytes(std::uint64_t word) {
  const std::uint64_t low7 = each_byte(0x7f);
  return ~(((word & low7) + low7) | word | low7);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Eight bytes to match: 'D' is a decimal digit, '?' anything, any other char itself.
struct Pattern {
  std::uint64_t mask = 0;    ///< the bits that must equal `fixed`: whole literals, and
  std::uint64_t fixed = 0;   ///< the high nibble 0x3 of each digit
  std::uint64_t digits = 0;  ///< 0x0f in each digit's byte
  std::uint64_t six = 0;     ///< 0x06 in each digit's byte: a low nibble above 9 carries
  std::uint64_t carry = 0;   ///< 0x10 in each digit's byte: where that carry lands
};

constexpr Pattern pattern(const char (&text)[9]) {
  Pattern p;
  for (int i = 0; i < 8; ++i) {
    const int shift = 8 * i;
    const auto byte = [&](std::uint64_t value) { return value << shift; };
    if (text[i] == 'D') {
      p.mask |= byte(0xf0);
      p.fixed |= byte(0x30);
      p.digits |= byte(0x0f);
      p.six |= byte(0x06);
      p.carry |= byte(0x10);
    } else if (text[i] != '?') {
      p.mask |= byte(0xff);
      p.fixed |= byte(static_cast<unsigned char>(text[i]));
    }
  }
  return p;
}

bool matches(std::uint64_t word, const Pattern& p) {
  return (word & p.mask) == p.fixed && (((word & p.digits) + p.six) & p.carry) == 0;
}

int digit_at(std::uint64_t word, int byte) { return static_cast<int>((word >> (8 * byte)) & 0xf); }
int two_digits(std::uint64_t word, int byte) {
  return digit_at(word, byte) * 10 + digit_at(word, byte + 1);
}

// Eight lowercase hex digits to their value, or nullopt if any byte is not one.
std::optional<std::uint64_t> hex_word(std::uint64_t word) {
  const std::uint64_t high = word & each_byte(0xf0);
  const std::uint64_t low = word & each_byte(0x0f);
  const std::uint64_t digit = zero_bytes(high ^ each_byte(0x30));   // '0'..'9' and ':'..'?'
  const std::uint64_t letter = zero_bytes(high ^ each_byte(0x60));  // '`'..'o'
  const std::uint64_t past_nine = ((low + each_byte(0x06)) << 3) & each_byte(0x80);
  const std::uint64_t past_f = ((low + each_byte(0x09)) << 3) & each_byte(0x80);
  const std::uint64_t valid = (digit & ~past_nine) | (letter & ~past_f & ~zero_bytes(low));
  if (valid != each_byte(0x80)) return std::nullopt;
  // Nibbles, text order from the lowest byte: pair them, then the pairs, then the halves.
  const std::uint64_t nibbles = low + (letter >> 7) * 9;
  const std::uint64_t pairs = ((nibbles << 4) | (nibbles >> 8)) & 0x00ff00ff00ff00ffULL;
  const std::uint64_t quads = ((pairs << 8) | (pairs >> 16)) & 0x0000ffff0000ffffULL;
  return ((quads << 16) | (quads >> 32)) & 0xffffffffULL;
}

// The fast path for lines in the form roller writes them: a 25-character timestamp with a
// numeric offset, single spaces, a lowercase kind, ASCII keys and values, and quoted values
// without escapes. It accepts only lines the general parser accepts, and gives the same
// views; anything else returns false and goes to parse_line_view, which also explains what
// is wrong. Every byte it accepts is ASCII, so it needs no UTF-8 check. Hand-written
// because reading the log is the cost of every command (docs/performance.md).
constexpr std::string_view torn_notice = "torn line (cut short by a crash), ignored";
constexpr std::string_view crlf_notice =
    "Windows line ends (\\r\\n) from here on are read as line ends";

}  // namespace

// What FastParser::head reads of a line: everything up to and including its id.
struct LineHead {
  Timestamp at;
  RecordKind kind = RecordKind::other;
  std::uint64_t id = 0;
  std::string_view tail;  ///< the rest of the line: empty, or fields after a space
};

namespace {

RecordKind kind_of(std::string_view kind);

class FastParser {
 public:
  // The start of a line as roller writes it, "TIMESTAMP KIND id=HEX16", with a known kind
  // and a lowercase id. It checks only what it reads; the tail is the caller's to check.
  bool head(std::string_view line, LineHead& out) {
    constexpr std::size_t id_bytes = 4 + 16;  // " id=" and the digits
    if (line.size() < 27 || !timestamp(line.data(), out.at) || line[25] != ' ') return false;
    const std::string_view rest = line.substr(26);
    const std::size_t kind_end = rest.find(' ');
    if (kind_end == std::string_view::npos || rest.size() - kind_end < id_bytes) return false;
    out.kind = kind_of(rest.substr(0, kind_end));
    if (out.kind == RecordKind::other) return false;
    const char* id = rest.data() + kind_end;
    if (std::memcmp(id, " id=", 4) != 0 || !lowercase_hex(id + 4, out.id)) return false;
    out.tail = rest.substr(kind_end + id_bytes);
    return out.tail.empty() || out.tail.front() == ' ';
  }

  bool parse(std::string_view line, LineView& out) {
    const char* p = line.data();
    const char* const end = p + line.size();
    if (line.size() < 27 || !timestamp(p, out.at) || p[25] != ' ') return false;
    out.timestamp = line.substr(0, 25);
    p += 26;
    const char* const kind = p;
    // The kinds roller writes are checked whole; others are scanned.
    const auto is = [&](std::string_view name) {
      return static_cast<std::size_t>(end - p) > name.size() && p[name.size()] == ' ' &&
             std::memcmp(p, name.data(), name.size()) == 0;
    };
    if (is("session")) {
      p += 7;
    } else if (is("clean")) {
      p += 5;
    } else if (is("void")) {
      p += 4;
    } else {
      while (p < end && *p >= 'a' && *p <= 'z') ++p;
    }
    if (p == kind || p == end) return false;
    out.kind = std::string_view(kind, static_cast<std::size_t>(p - kind));
    out.fields.clear();
    out.known.clear();
    out.count = 0;
    // Only the keys roller reads, each once: anything else goes to the general path.
    while (p < end) {
      if (*p != ' ') return false;
      ++p;
      const std::uint16_t field = known_key(p, end);
      if (field == 0 || out.known.has(field)) return false;
      const char* value = p;
      const char* value_end = nullptr;
      if (p < end && *p == '"') {
        value = ++p;
        while (p < end && *p != '"') {
          const auto c = static_cast<unsigned char>(*p);
          if (c == '\\' || c < 0x20 || c >= 0x7f) return false;
          ++p;
        }
        if (p == end) return false;
        value_end = p++;
      } else if ((field == KnownFields::id || field == KnownFields::target) &&
                 read_id(p, end, out.known, field)) {
        p += 16;
        value_end = p;
      } else {
        while (p < end && is_bare_ascii(*p)) ++p;
        value_end = p;
      }
      out.known.set(field, std::string_view(value, static_cast<std::size_t>(value_end - value)));
      out.order[out.count++] = field;
    }
    return true;
  }

 private:
  // The known key and its '=' at `p`, stepping past both; 0 for anything else.
  static std::uint16_t known_key(const char*& p, const char* end) {
    const auto is = [&](std::string_view key_and_equals) {
      if (static_cast<std::size_t>(end - p) < key_and_equals.size() ||
          std::memcmp(p, key_and_equals.data(), key_and_equals.size()) != 0) {
        return false;
      }
      p += key_and_equals.size();
      return true;
    };
    if (p == end) return 0;
    switch (*p) {
      case 'i':
        return is("id=") ? KnownFields::id : 0;
      case 'a':
        return is("area=") ? KnownFields::area : 0;
      case 'd':
        return is("depth=") ? KnownFields::depth : 0;
      case 'r':
        return is("roller=") ? KnownFields::roller : is("reason=") ? KnownFields::reason : 0;
      case 'f':
        return is("forced=") ? KnownFields::forced : 0;
      case 'n':
        return is("note=") ? KnownFields::note : 0;
      case 't':
        return is("target=") ? KnownFields::target : 0;
      case 'u':
        return is("until=") ? KnownFields::until : 0;
      default:
        return 0;
    }
  }

  // Sixteen lowercase hex digits ending the value, read as they are checked; other ids
  // (uppercase ones) are scanned as bare values and read by parse_id.
  static bool read_id(const char* p, const char* end, KnownFields& known, std::uint16_t field) {
    if (end - p < 16 || (end - p > 16 && p[16] != ' ')) return false;
    std::uint64_t id = 0;
    if (!lowercase_hex(p, id)) return false;
    if (field == KnownFields::id) {
      known.id_value = id;
      known.id_read = true;
    } else {
      known.target_value = id;
      known.target_read = true;
    }
    return true;
  }

  // Sixteen lowercase hex digits, as roller writes ids, eight at a time.
  static bool lowercase_hex(const char* p, std::uint64_t& id) {
    const auto high = hex_word(load8(p));
    const auto low = hex_word(load8(p + 8));
    if (!high || !low) return false;
    id = (*high << 32) | *low;
    return true;
  }

  static bool is_bare_ascii(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && is_bare_char(c);
  }

  // "YYYY-MM-DDTHH:MM:SS+HH:MM" exactly, checked as parse_rfc3339 checks it: three words
  // matched against patterns, and the date, which lines share day after day, remembered.
  bool timestamp(const char* t, Timestamp& at) {
    static constexpr Pattern time_pattern = pattern("DDTDD:DD");    // t[8..15]
    static constexpr Pattern offset_pattern = pattern(":DD?DD:D");  // t[16..23]
    const std::uint64_t date = load8(t);
    const std::uint64_t clock = load8(t + 8);
    const std::uint64_t rest = load8(t + 16);
    if (!matches(clock, time_pattern) || !matches(rest, offset_pattern) ||
        (t[19] != '+' && t[19] != '-') || !is_digit(t[24])) {
      return false;
    }
    const std::uint64_t day_digits = clock & 0xffff;
    if (date != date_ || day_digits != day_digits_ || !date_known_) {
      static constexpr Pattern date_pattern = pattern("DDDD-DD-");  // t[0..7]
      if (!matches(date, date_pattern)) return false;
      const auto days = days_from_date(two_digits(date, 0) * 100 + two_digits(date, 2),
                                       two_digits(date, 5), two_digits(clock, 0));
      if (!days) return false;
      date_ = date;
      day_digits_ = day_digits;
      date_days_ = *days;
      date_known_ = true;
    }
    const int hour = two_digits(clock, 3), minute = two_digits(clock, 6);
    const int second = two_digits(rest, 1), offset_hours = two_digits(rest, 4);
    const int offset_minutes = digit_at(rest, 7) * 10 + (t[24] - '0');
    if (hour > 23 || minute > 59 || second > 59 || offset_hours > 23 || offset_minutes > 59) {
      return false;
    }
    const int sign = t[19] == '-' ? -1 : 1;
    at.offset = sign * (offset_hours * 3600 + offset_minutes * 60);
    at.utc = date_days_ * seconds_per_day + hour * 3600 + minute * 60 + second - at.offset;
    return within_years(at.utc);
  }

  std::uint64_t date_ = 0;
  std::uint64_t day_digits_ = 0;
  std::int64_t date_days_ = 0;
  bool date_known_ = false;
};

RecordKind kind_of(std::string_view kind) {
  const auto is = [&](std::string_view name) {
    return kind.size() == name.size() && std::memcmp(kind.data(), name.data(), name.size()) == 0;
  };
  if (is("session")) return RecordKind::session;
  if (is("clean")) return RecordKind::clean;
  if (is("void")) return RecordKind::void_record;
  if (is("replace")) return RecordKind::replace;
  if (is("hold")) return RecordKind::hold;
  if (is("release")) return RecordKind::release;
  return RecordKind::other;
}

bool needs_quotes(std::string_view value) {
  return value.empty() || !std::all_of(value.begin(), value.end(), is_bare_char);
}

}  // namespace

const std::string* Record::get(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string serialize_record(const Record& record) {
  std::string line = format_rfc3339(record.at);
  line += ' ';
  line += record.kind;
  for (const auto& [key, value] : record.fields) {
    line += ' ';
    line += key;
    line += '=';
    if (!needs_quotes(value)) {
      line += value;
      continue;
    }
    line += '"';
    for (const char c : value) {
      switch (c) {
        case '"':
          line += "\\\"";
          break;
        case '\\':
          line += "\\\\";
          break;
        case '\n':
          line += "\\n";
          break;
        case '\t':
          line += "\\t";
          break;
        default:
          line += c;
      }
    }
    line += '"';
  }
  return line;
}

namespace testing {
std::optional<Record> parse_record_fast(std::string_view line) {
  LineView view;
  FastParser fast;
  if (!fast.parse(line, view)) return std::nullopt;
  Record record{view.at, std::string(view.kind), {}};
  for (std::size_t i = 0; i < view.count; ++i) {
    const std::uint16_t field = view.order[i];
    record.fields.emplace_back(
        KnownFields::names[static_cast<std::size_t>(std::countr_zero(field))],
        view.known.get(field));
  }
  // The ids the fast path read must be the ones the text says.
  if (view.known.id_read && parse_id(view.known.get(KnownFields::id)) != view.known.id_value) {
    return std::nullopt;
  }
  if (view.known.target_read &&
      parse_id(view.known.get(KnownFields::target)) != view.known.target_value) {
    return std::nullopt;
  }
  return record;
}
}  // namespace testing

std::variant<Record, std::string> parse_record(std::string_view line) {
  // Indentation (a hand edit, a paste) is not part of the record.
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  LineView view;
  std::string error;
  if (!parse_line_view(line, view, error)) return error;
  Record record{view.at, std::string(view.kind), {}};
  for (const auto& field : view.fields) record.fields.emplace_back(field.key, field.value);
  return record;
}

bool is_valid_utf8(std::string_view text) {
  return invalid_utf8_at(text) == std::string_view::npos;
}

std::optional<std::uint64_t> parse_id(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  std::uint64_t id = 0;
  int invalid = 0;  // the sign bit of any -1 in the table
  for (const char c : text) {
    const std::int8_t digit = hex_values[static_cast<unsigned char>(c)];
    invalid |= digit;
    id = (id << 4) | static_cast<std::uint64_t>(digit & 0xf);
  }
  if (invalid < 0) return std::nullopt;
  return id;
}

std::array<char, 16> id_chars(std::uint64_t id) {
  static constexpr char hex[] = "0123456789abcdef";
  std::array<char, 16> text{};
  for (int i = 15; i >= 0; --i, id >>= 4) text[static_cast<std::size_t>(i)] = hex[id & 0xf];
  return text;
}

std::string format_id(std::uint64_t id) {
  const auto text = id_chars(id);
  return std::string(text.data(), text.size());
}

std::optional<std::uint32_t> LogData::find_name(std::string_view name) const {
  for (std::uint32_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

bool LogData::has_id(std::uint64_t id) const {
  return std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.id == id; });
}

std::vector<const Event*> find_by_id_prefix(const LogData& log, std::string_view prefix) {
  std::vector<const Event*> found;
  if (prefix.empty() || prefix.size() > 16) return found;
  // Pad the prefix to a whole id and compare the leading bits.
  const auto padded = parse_id(std::string(prefix) + std::string(16 - prefix.size(), '0'));
  if (!padded) return found;
  const unsigned shift = static_cast<unsigned>(64 - 4 * prefix.size());
  for (const Event& event : log.events) {
    if (shift == 64 ? true : (event.id >> shift) == (*padded >> shift)) found.push_back(&event);
  }
  return found;
}

void LogBuilder::reserve(std::size_t capacity, std::size_t expected) {
  data_.events.reserve(capacity);
  const auto begin = reinterpret_cast<std::uintptr_t>(data_.events.data());
  const std::size_t bytes = data_.events.capacity() * sizeof(Event);
  // Only advice, which older kernels may refuse. A large log's events take tens of
  // megabytes: huge pages turn thousands of page faults into a few dozen.
  constexpr std::size_t huge_page = 2 << 20;
  const std::uintptr_t aligned = (begin + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t end = (begin + bytes) & ~(huge_page - 1);
  if (bytes >= 4 * huge_page && aligned < end) {
    ::madvise(reinterpret_cast<void*>(aligned), end - aligned, MADV_HUGEPAGE);
  }
  // The pages the events will fill are mapped in one call, not one fault at a time (a
  // fault costs microseconds, and a small log's whole read takes about a millisecond).
  constexpr std::size_t page = 4096;
  const std::uintptr_t first = (begin + page - 1) & ~(page - 1);
  const std::uintptr_t last = (begin + std::min(expected, capacity) * sizeof(Event)) & ~(page - 1);
  if (first < last) {
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
  }
}

LogBuilder::LogBuilder(std::string source, LoadOptions options)
    : source_(std::move(source)), options_(options) {}

std::uint32_t LogBuilder::intern(std::string_view name) {
  // Logs name a handful of areas and rollers: a cheap hash of the length and two bytes
  // picks one slot to compare, and the hash map behind it holds any number of names.
  const std::size_t slot =
      name.empty() ? 0
                   : (name.size() * 131 + static_cast<unsigned char>(name.front()) * 31 +
                      static_cast<unsigned char>(name.back())) %
                         recent_names_.size();
  if (const std::uint32_t cached = recent_names_[slot]; cached != 0) {
    const std::string& known = data_.names[cached - 1];
    if (known.size() == name.size() && std::memcmp(known.data(), name.data(), name.size()) == 0) {
      return cached - 1;
    }
  }
  std::uint32_t index = 0;
  if (auto it = name_index_.find(name); it != name_index_.end()) {
    index = it->second;
  } else {
    index = static_cast<std::uint32_t>(data_.names.size());
    data_.names.emplace_back(name);
    name_index_.emplace(std::string(name), index);
  }
  recent_names_[slot] = index + 1;
  return index;
}

void LogBuilder::problem(std::string message) {
  data_.problems.push_back({data_.lines, std::move(message)});
  last_was_problem_ = true;
}

void LogBuilder::add_line(std::string_view line) {
  ++data_.lines;
  // A torn line, once closed by the next append, ends with the mark (or, as older rollers
  // wrote it, is followed by the marker line): it stays ignored.
  const bool previous_was_problem = last_was_problem_;
  last_was_problem_ = false;
  if (line.size() > max_line_bytes) {
    --data_.lines;
    return add_overlong_line(line.ends_with(torn_mark));
  }
  if (data_.lines == 1 && line.starts_with("\xEF\xBB\xBF")) {
    // An editor's byte order mark: harmless, but say so, since roller never writes one.
    data_.notices.push_back({1, "byte order mark at the start of the file ignored", false, true});
    line.remove_prefix(3);
  }
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
    if (!seen_crlf_) {
      seen_crlf_ = true;
      data_.notices.push_back({data_.lines, std::string(crlf_notice), false, true});
    }
  }
  std::size_t first = 0;
  while (first < line.size() && is_space(line[first])) ++first;
  if (first < line.size() && line[first] != '#' && line.ends_with(torn_mark)) {
    // Marked at its end by the append that followed it: ignored, whatever it holds.
    data_.notices.push_back({data_.lines, std::string(torn_notice), true});
    return;
  }
  if (line == torn_marker) {
    const std::uint32_t torn_line = data_.lines - 1;
    if (previous_was_problem && !data_.problems.empty() &&
        data_.problems.back().line == torn_line) {
      data_.problems.pop_back();
    } else if (!data_.events.empty() && data_.events.back().line == torn_line) {
      data_.events.pop_back();
    } else {
      return;
    }
    data_.notices.push_back({torn_line, std::string(torn_notice), true});
    return;
  }
  if (first == line.size()) return;
  if (line[first] == '#') {
    // A signature without its newline may be cut short by a crash: only a whole one counts.
    if (!seen_content_ && !in_tail_ && line.rfind("# roller log v", 0) == 0) {
      const std::string_view version = line.substr(14);
      if (version.empty()) {
        // The first write of the log was cut inside its signature: a comment, torn.
        data_.notices.push_back(
            {data_.lines, "signature cut short by a crash, read as a comment", true});
      } else if (version != "1") {
        throw FileError(
            fmt::format("{}:{}: the log is in format v{}, and this roller reads v1; "
                        "upgrade roller to read it",
                        source_, data_.lines, version));
      }
    }
    seen_content_ = true;
    return;
  }
  seen_content_ = true;
  line.remove_prefix(first);  // indentation (a hand edit, a paste) is not part of the record

  static thread_local LineView view;
  static thread_local FastParser fast;
  LineHead head;
  const bool has_head = fast.head(line, head);
  if (has_head && add_remembered(head, data_.lines)) return;
  const bool taken_fast = fast.parse(line, view);
  if (!taken_fast) {
    std::string error;
    if (!parse_line_view(line, view, error)) return problem(std::move(error));
    view.known.clear();
    for (const auto& [key, value] : view.fields) {
      if (const std::uint16_t field = KnownFields::field_of(key)) view.known.set(field, value);
    }
  }
  Event event;
  event.utc = view.at.utc;
  event.offset = view.at.offset;
  event.line = data_.lines;
  const KnownFields& known = view.known;
  using F = KnownFields;
  const std::string_view id_text = known.get(F::id);
  const auto id = known.id_read ? std::optional(known.id_value) : parse_id(id_text);
  if (!id) {
    return problem(known.has(F::id)
                       ? fmt::format("id '{}' is not 16 hex digits", printable(id_text))
                       : std::string("record has no id"));
  }
  event.id = *id;

  const auto roller_of = [&]() {
    const std::string_view roller = known.get(F::roller);
    return intern(roller.empty() ? implicit_roller : roller);
  };
  event.kind = kind_of(view.kind);
  switch (event.kind) {
    case RecordKind::session: {
      const std::string_view area = known.get(F::area);
      if (area.empty()) return problem("session has no area");
      const std::string_view depth_text = known.get(F::depth);
      const auto depth = parse_depth(depth_text);
      if (!depth || *depth == 0) {
        return problem(known.has(F::depth)
                           ? fmt::format("depth '{}' is not a positive number of millimetres",
                                         printable(depth_text))
                           : std::string("session has no depth"));
      }
      const std::string_view forced = known.get(F::forced);
      if (known.has(F::forced) && forced != "true" && forced != "false") {
        return problem(fmt::format("forced '{}' is not true or false", printable(forced)));
      }
      event.area = intern(area);
      event.roller = roller_of();
      event.depth = *depth;
      event.forced = forced == "true";
      if (options_.keep_notes && known.has(F::note)) {
        event.note = static_cast<std::uint32_t>(data_.notes.size());
        data_.notes.emplace_back(known.get(F::note));
      }
      break;
    }
    case RecordKind::clean:
    case RecordKind::replace:
      event.roller = roller_of();
      break;
    case RecordKind::void_record: {
      const std::string_view target_text = known.get(F::target);
      const auto target =
          known.target_read ? std::optional(known.target_value) : parse_id(target_text);
      if (!target) {
        return problem(known.has(F::target)
                           ? fmt::format("target '{}' is not 16 hex digits", printable(target_text))
                           : std::string("void has no target"));
      }
      event.target = *target;
      break;
    }
    case RecordKind::hold: {
      const std::string_view until_text = known.get(F::until);
      const auto until = parse_rfc3339(until_text);
      if (!until) {
        return problem(known.has(F::until)
                           ? fmt::format("until '{}' is not an RFC 3339 timestamp with an offset",
                                         printable(until_text))
                           : std::string("hold has no until"));
      }
      if (!within_years(until->utc)) {
        return problem(fmt::format("until '{}' {}", printable(until_text), outside_years));
      }
      event.until = until->utc;
      // Reasons are few and every command that shows a hold needs its reason.
      event.note = static_cast<std::uint32_t>(data_.notes.size());
      data_.notes.emplace_back(known.get(F::reason));
      break;
    }
    case RecordKind::release:
    case RecordKind::other:  // a newer kind: kept in the file, ignored here
      break;
  }
  data_.events.push_back(event);
  // The fields after the id mean the same wherever they recur: remember them when they
  // are all of the kind roller repeats (no note, no target, nothing unknown).
  constexpr std::uint16_t repeatable = F::id | F::area | F::depth | F::roller | F::forced;
  if (has_head && taken_fast && (known.present & ~repeatable) == 0 &&
      (event.kind == RecordKind::session || event.kind == RecordKind::clean ||
       event.kind == RecordKind::replace)) {
    remember(head, event);
  }
}

// A direct-mapped memo of recent tails: a line whose kind and tail equal a remembered
// line's folds to the same event but for its time, id and line number. Logs repeat a few
// dozen tails ("area=forehead depth=0.5 roller=r050", "roller=r050") thousands of times,
// so most lines are folded by one hash and one comparison instead of being parsed.
namespace {
// The tails roller writes are short; a long one (a hand-made name of a megabyte) is neither
// kept nor looked up, and the memo stays a few kilobytes whatever the log holds.
constexpr std::size_t longest_remembered_tail = 256;

std::size_t memo_slot(RecordKind kind, std::string_view tail, std::size_t slots) {
  std::uint64_t hash = (tail.size() << 3) ^ static_cast<std::uint64_t>(kind);
  const auto mix = [&](std::size_t at) {
    std::uint64_t word = 0;
    std::memcpy(&word, tail.data() + at, 8);
    hash = (hash ^ word) * 0x9E3779B97F4A7C15ULL;
  };
  if (tail.size() >= 8) {
    for (std::size_t at = 0; at + 8 <= tail.size(); at += 8) mix(at);
    mix(tail.size() - 8);  // the last bytes, overlapping the words before them
  } else {
    for (const char c : tail) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  }
  return static_cast<std::size_t>(hash >> 32) % slots;
}
}  // namespace

bool LogBuilder::add_remembered(const LineHead& head, std::uint32_t line) {
  if (memo_.empty() || head.tail.size() > longest_remembered_tail) return false;
  const Remembered& slot = memo_[memo_slot(head.kind, head.tail, memo_.size())];
  if (slot.event.kind != head.kind || slot.tail != head.tail) return false;
  Event event = slot.event;
  event.utc = head.at.utc;
  event.offset = head.at.offset;
  event.id = head.id;
  event.line = line;
  data_.events.push_back(event);
  return true;
}

void LogBuilder::remember(const LineHead& head, const Event& event) {
  constexpr std::size_t slots = 256;
  if (head.tail.size() > longest_remembered_tail) return;
  if (memo_.empty()) memo_.resize(slots);
  Remembered& slot = memo_[memo_slot(head.kind, head.tail, slots)];
  slot.tail.assign(head.tail);
  slot.event = event;
}

void LogBuilder::add_overlong_line(bool ends_with_torn_mark) {
  ++data_.lines;
  last_was_problem_ = false;
  if (ends_with_torn_mark) {
    data_.notices.push_back({data_.lines, std::string(torn_notice), true});
    return;
  }
  problem("line is longer than 1 MiB");
}

void LogData::settle_voids() {
  voided.clear();
  cyclic_voids.clear();
  // The voids that name each id. A void counts unless a counted void names it, so voids are
  // resolved from the far end of each chain (undo, undo, undo... makes long ones) with an
  // explicit stack; a void met again while its own chain is open closes a cycle.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> voids_naming;
  for (std::uint32_t i = 0; i < events.size(); ++i) {
    if (events[i].kind == RecordKind::void_record) voids_naming[events[i].target].push_back(i);
  }
  if (voids_naming.empty()) return;
  enum class State : std::uint8_t { unknown, open, counted, hidden, cyclic };
  std::unordered_map<std::uint32_t, State> state;
  std::vector<std::uint32_t> stack;
  for (const auto& [target, naming] : voids_naming) {
    for (const std::uint32_t root : naming) {
      stack.assign(1, root);
      while (!stack.empty()) {
        const std::uint32_t v = stack.back();
        State& s = state[v];
        if (s == State::counted || s == State::hidden || s == State::cyclic) {
          stack.pop_back();
          continue;
        }
        const auto found = voids_naming.find(events[v].id);
        if (s == State::unknown) {
          s = State::open;
          if (found == voids_naming.end()) continue;
          for (const std::uint32_t u : found->second) {
            const State su = state[u];
            if (su == State::unknown) {
              stack.push_back(u);
            } else if (su == State::open) {
              // Every open void on the stack from u up to here is in the cycle.
              for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
                if (state[*it] != State::open) continue;
                state[*it] = State::cyclic;
                if (*it == u) break;
              }
            }
          }
          continue;
        }
        bool hidden = false;
        if (found != voids_naming.end()) {
          for (const std::uint32_t u : found->second) hidden = hidden || state[u] == State::counted;
        }
        s = hidden ? State::hidden : State::counted;
        stack.pop_back();
      }
    }
  }
  for (const auto& [index, s] : state) {
    if (s == State::counted) voided.insert(events[index].target);
    if (s == State::cyclic) cyclic_voids.insert(events[index].id);
  }
}

LogData merge_logs(LogData first, LogData second) {
  // Names: the second part's indices become the first's, adding the names it lacks.
  // The map holds views of first.names, so that vector must not move its strings (short
  // ones live inside the string objects): room for every name is made first.
  first.names.reserve(first.names.size() + second.names.size());
  std::unordered_map<std::string_view, std::uint32_t> index_of;
  for (std::uint32_t i = 0; i < first.names.size(); ++i) index_of.emplace(first.names[i], i);
  std::vector<std::uint32_t> name_map(second.names.size());
  for (std::uint32_t i = 0; i < second.names.size(); ++i) {
    const auto found = index_of.find(second.names[i]);
    if (found != index_of.end()) {
      name_map[i] = found->second;
    } else {
      name_map[i] = static_cast<std::uint32_t>(first.names.size());
      first.names.push_back(second.names[i]);
      index_of.emplace(first.names.back(), name_map[i]);
    }
  }
  const auto note_base = static_cast<std::uint32_t>(first.notes.size());
  const std::uint32_t line_base = first.lines;
  first.events.reserve(first.events.size() + second.events.size());
  for (Event event : second.events) {
    event.line += line_base;
    if (event.kind == RecordKind::session) event.area = name_map[event.area];
    if (event.kind == RecordKind::session || event.kind == RecordKind::clean ||
        event.kind == RecordKind::replace) {
      event.roller = name_map[event.roller];
    }
    if (event.note != Event::no_note) event.note += note_base;
    first.events.push_back(event);
  }
  for (auto& note : second.notes) first.notes.push_back(std::move(note));
  for (auto problem : second.problems) {
    problem.line += line_base;
    first.problems.push_back(std::move(problem));
  }
  const bool had_crlf = std::any_of(first.notices.begin(), first.notices.end(),
                                    [](const LogProblem& n) { return n.message == crlf_notice; });
  for (auto notice : second.notices) {
    if (had_crlf && notice.message == crlf_notice) continue;  // said once, for the first
    notice.line += line_base;
    first.notices.push_back(std::move(notice));
  }
  first.lines += second.lines;
  first.torn_tail = second.torn_tail;
  first.settle_voids();
  return first;
}

LogData LogBuilder::finish(std::string_view tail) {
  if (!tail.empty()) {
    // A last line without its newline is a record when it reads whole (an editor saved the
    // file so); only one that does not read was torn by a crash, and is ignored.
    const std::size_t problems = data_.problems.size();
    in_tail_ = true;
    add_line(tail);
    if (data_.problems.size() > problems) {
      data_.problems.resize(problems);
      data_.torn_tail = true;
      data_.notices.push_back(
          {data_.lines, "last line has no newline and does not read (cut short by a crash?), ignored"});
    }
  }
  data_.settle_voids();
  return std::move(data_);
}

LogData parse_log(std::string_view text, const std::string& source, LoadOptions options) {
  LogBuilder builder(source, options);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) break;
    builder.add_line(text.substr(start, end - start));
    start = end + 1;
  }
  return builder.finish(text.substr(start));
}

}  // namespace roller
