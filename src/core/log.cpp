// Log format v1: the line syntax, its serialisation and the fold of lines into events.
// The parser works on string_views and one reused scratch buffer, so that reading a log of
// a million lines allocates almost nothing per line.
#include "roller/log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

struct FieldView {
  std::string_view key;
  std::string_view value;
};

struct LineView {
  Timestamp at;
  std::string_view timestamp;
  std::string_view kind;
  std::vector<FieldView> fields;
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
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
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
      while (pos < line.size() && is_bare_char(line[pos])) ++pos;
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

std::string_view find_field(const LineView& view, std::string_view key) {
  for (const auto& field : view.fields) {
    if (field.key == key) return field.value;
  }
  return {};
}

bool has_field(const LineView& view, std::string_view key) {
  return std::any_of(view.fields.begin(), view.fields.end(),
                     [&](const FieldView& f) { return f.key == key; });
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

std::variant<Record, std::string> parse_record(std::string_view line) {
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
  for (const char c : text) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    id = (id << 4) | digit;
  }
  return id;
}

std::string format_id(std::uint64_t id) { return fmt::format("{:016x}", id); }

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

LogBuilder::LogBuilder(std::string source, LoadOptions options)
    : source_(std::move(source)), options_(options) {}

std::uint32_t LogBuilder::intern(std::string_view name) {
  // Logs name a handful of areas and rollers: a scan of the first few beats hashing.
  constexpr std::size_t scanned = 16;
  for (std::size_t i = 0; i < data_.names.size() && i < scanned; ++i) {
    if (data_.names[i] == name) return static_cast<std::uint32_t>(i);
  }
  auto it = name_index_.find(name);
  if (it != name_index_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(data_.names.size());
  data_.names.emplace_back(name);
  name_index_.emplace(std::string(name), index);
  return index;
}

void LogBuilder::problem(std::string message) {
  data_.problems.push_back({data_.lines, std::move(message)});
  last_was_problem_ = true;
}

void LogBuilder::add_line(std::string_view line) {
  ++data_.lines;
  // A torn line, once closed by the next append, is followed by the marker: it stays ignored.
  const bool previous_was_problem = last_was_problem_;
  last_was_problem_ = false;
  if (line.size() > max_line_bytes) return problem("line is longer than 1 MiB");
  if (data_.lines == 1 && line.starts_with("\xEF\xBB\xBF")) {
    // An editor's byte order mark: harmless, but say so, since roller never writes one.
    data_.notices.push_back({1, "byte order mark at the start of the file ignored"});
    line.remove_prefix(3);
  }
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
    if (!seen_crlf_) {
      seen_crlf_ = true;
      data_.notices.push_back(
          {data_.lines, "Windows line ends (\\r\\n) from here on are read as line ends"});
    }
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
    data_.notices.push_back({torn_line, "torn line (cut short by a crash), ignored", true});
    return;
  }
  std::size_t first = 0;
  while (first < line.size() && is_space(line[first])) ++first;
  if (first == line.size()) return;
  if (line[first] == '#') {
    if (!seen_content_ && line.rfind("# roller log v", 0) == 0) {
      const std::string_view version = line.substr(14);
      if (version != "1") {
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

  static thread_local LineView view;
  std::string error;
  if (!parse_line_view(line, view, error)) return problem(std::move(error));
  Event event;
  event.utc = view.at.utc;
  event.offset = view.at.offset;
  event.line = data_.lines;
  const std::string_view id_text = find_field(view, "id");
  const auto id = parse_id(id_text);
  if (!id) {
    return problem(has_field(view, "id")
                       ? fmt::format("id '{}' is not 16 hex digits", printable(id_text))
                       : std::string("record has no id"));
  }
  event.id = *id;

  const auto roller_of = [&]() {
    const std::string_view roller = find_field(view, "roller");
    return intern(roller.empty() ? implicit_roller : roller);
  };
  if (view.kind == "session") {
    const std::string_view area = find_field(view, "area");
    if (area.empty()) return problem("session has no area");
    const std::string_view depth_text = find_field(view, "depth");
    const auto depth = parse_depth(depth_text);
    if (!depth || *depth == 0) {
      return problem(has_field(view, "depth")
                         ? fmt::format("depth '{}' is not a positive number of millimetres",
                                       printable(depth_text))
                         : std::string("session has no depth"));
    }
    const std::string_view forced = find_field(view, "forced");
    if (has_field(view, "forced") && forced != "true" && forced != "false") {
      return problem(fmt::format("forced '{}' is not true or false", printable(forced)));
    }
    event.kind = RecordKind::session;
    event.area = intern(area);
    event.roller = roller_of();
    event.depth = *depth;
    event.forced = forced == "true";
    if (options_.keep_notes && has_field(view, "note")) {
      event.note = static_cast<std::uint32_t>(data_.notes.size());
      data_.notes.emplace_back(find_field(view, "note"));
    }
  } else if (view.kind == "clean" || view.kind == "replace") {
    event.kind = view.kind == "clean" ? RecordKind::clean : RecordKind::replace;
    event.roller = roller_of();
  } else if (view.kind == "void") {
    const std::string_view target_text = find_field(view, "target");
    const auto target = parse_id(target_text);
    if (!target) {
      return problem(has_field(view, "target")
                         ? fmt::format("target '{}' is not 16 hex digits", printable(target_text))
                         : std::string("void has no target"));
    }
    event.kind = RecordKind::void_record;
    event.target = *target;
  } else if (view.kind == "hold") {
    const std::string_view until_text = find_field(view, "until");
    const auto until = parse_rfc3339(until_text);
    if (!until) {
      return problem(has_field(view, "until")
                         ? fmt::format("until '{}' is not an RFC 3339 timestamp with an offset",
                                       printable(until_text))
                         : std::string("hold has no until"));
    }
    event.kind = RecordKind::hold;
    event.until = until->utc;
    // Reasons are few and every command that shows a hold needs its reason.
    event.note = static_cast<std::uint32_t>(data_.notes.size());
    data_.notes.emplace_back(find_field(view, "reason"));
  } else if (view.kind == "release") {
    event.kind = RecordKind::release;
  } else {
    event.kind = RecordKind::other;  // a newer kind: kept in the file, ignored here
  }
  data_.events.push_back(event);
}

void LogBuilder::add_overlong_line() {
  ++data_.lines;
  last_was_problem_ = false;
  problem("line is longer than 1 MiB");
}

LogData LogBuilder::finish(std::string_view torn) {
  for (const auto& event : data_.events) {
    if (event.kind == RecordKind::void_record) data_.voided.insert(event.target);
  }
  // A void that targets another void is ignored rather than un-hiding anything.
  for (const auto& event : data_.events) {
    if (event.kind == RecordKind::void_record) data_.voided.erase(event.id);
  }
  if (!torn.empty()) {
    ++data_.lines;
    data_.torn_tail = true;
    data_.notices.push_back(
        {data_.lines, "last line has no newline (cut short by a crash?), ignored"});
  }
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
