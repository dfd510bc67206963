// Log format v1, the reference: a record's syntax (parse_line_view), its serialisation and
// ids. docs/log-format.md describes what this code reads and writes; the fast path
// (log_fast.cpp) and the fold (log.cpp) build on it. The parser works on string_views and
// one reused scratch buffer, so that reading a log of a million lines allocates almost
// nothing per line.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "log_line.hpp"
#include "roller/log.hpp"
#include "roller/text.hpp"

namespace roller {
namespace detail {
namespace {

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

bool needs_quotes(std::string_view value) {
  return value.empty() || !std::all_of(value.begin(), value.end(), is_bare_char);
}

}  // namespace

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
  if (is("use")) return RecordKind::use;
  if (is("course")) return RecordKind::course;
  if (is("course-stop")) return RecordKind::course_stop;
  if (is("reaction")) return RecordKind::reaction;
  if (is("photo")) return RecordKind::photo;
  return RecordKind::other;
}

}  // namespace detail

using detail::is_space;
using detail::LineView;

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
    if (!detail::needs_quotes(value)) {
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

std::variant<Record, std::string> parse_record(std::string_view line) {
  // Indentation (a hand edit, a paste) is not part of the record.
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  LineView view;
  std::string error;
  if (!detail::parse_line_view(line, view, error)) return error;
  Record record{view.at, std::string(view.kind), {}};
  for (const auto& field : view.fields) record.fields.emplace_back(field.key, field.value);
  return record;
}


std::optional<std::uint64_t> parse_id(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  std::uint64_t id = 0;
  int invalid = 0;  // the sign bit of any -1 in the table
  for (const char c : text) {
    const std::int8_t digit = detail::hex_values[static_cast<unsigned char>(c)];
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


}  // namespace roller
