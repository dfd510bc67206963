// The fast path of the log reader: lines in the form roller writes them, read eight bytes
// at a time. Everything here is there for speed; the format itself is defined by the
// general parser in log_format.cpp, which this path must agree with (tests hold the two to
// the same answers, and the fuzzer too).
#include "log_fast.hpp"

#include <bit>
#include <cstring>
#include <optional>

namespace roller::detail {
namespace {

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


// The known key and its '=' at `p`, stepping past both; 0 for anything else.
std::uint32_t known_key(const char*& p, const char* end) {
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
      return is("note=") ? KnownFields::note : is("numbing=") ? KnownFields::numbing : 0;
    case 's':
      return is("sitting=") ? KnownFields::sitting : is("serum=") ? KnownFields::serum : 0;
    case 'p':  // a session's details: common enough in a long log to read here
      return is("passes=")     ? KnownFields::passes
             : is("pressure=") ? KnownFields::pressure
             : is("pain=")     ? KnownFields::pain
                               : 0;
    case 'e':
      return is("endpoint=") ? KnownFields::endpoint : 0;
    case 't':
      return is("target=") ? KnownFields::target : 0;
    case 'u':
      return is("until=") ? KnownFields::until : 0;
    default:
      return 0;
  }
}

// Sixteen lowercase hex digits, as roller writes ids, eight at a time.
bool lowercase_hex(const char* p, std::uint64_t& id) {
  const auto high = hex_word(load8(p));
  const auto low = hex_word(load8(p + 8));
  if (!high || !low) return false;
  id = (*high << 32) | *low;
  return true;
}

// Sixteen lowercase hex digits ending the value, read as they are checked; other ids
// (uppercase ones) are scanned as bare values and read by parse_id.
bool read_id(const char* p, const char* end, KnownFields& known, std::uint32_t field) {
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

bool is_bare_ascii(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && is_bare_char(c);
}

}  // namespace

bool FastParser::head(std::string_view line, LineHead& out) {
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

bool FastParser::parse(std::string_view line, LineView& out) {
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
    const std::uint32_t field = known_key(p, end);
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

// "YYYY-MM-DDTHH:MM:SS+HH:MM" exactly, checked as parse_rfc3339 checks it: three words
// matched against patterns, and the date, which lines share day after day, remembered.
bool FastParser::timestamp(const char* t, Timestamp& at) {
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

}  // namespace roller::detail

namespace roller::testing {

std::optional<Record> parse_record_fast(std::string_view line) {
  using detail::FastParser;
  using detail::KnownFields;
  using detail::LineView;
  LineView view;
  FastParser fast;
  if (!fast.parse(line, view)) return std::nullopt;
  Record record{view.at, std::string(view.kind), {}};
  for (std::size_t i = 0; i < view.count; ++i) {
    const std::uint32_t field = view.order[i];
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

}  // namespace roller::testing
