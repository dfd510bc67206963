// The fold: log lines into events, in one pass that a file can be streamed through. It
// decides what every line is (a record, a comment, a torn line, an unreadable one) and
// which records count (voids). The syntax of a line is log_format.cpp's; the fast path
// (log_fast.hpp) reads the lines roller writes sooner, and a memo of recent tails folds
// repeated lines without parsing them.
#include "roller/log.hpp"

#include <fmt/format.h>

#include <sys/mman.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <tuple>
#include <variant>

#include "log_fast.hpp"
#include "log_line.hpp"
#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

using detail::is_space;
using detail::KnownFields;
using detail::LineHead;
using detail::LineView;

std::optional<int> parse_count(std::string_view text, int max) {
  return parse_whole_number(text, 1, max);
}

// "true" or "false", as roller writes flags.
std::optional<bool> parse_flag(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

// Calls `take` on each item of "a,b,c"; false when an item is empty or `take` refuses it.
template <typename Take>
bool each_listed(std::string_view list, Take&& take) {
  for (std::size_t from = 0; from <= list.size();) {
    const std::size_t comma = std::min(list.find(',', from), list.size());
    if (comma == from || !take(list.substr(from, comma - from))) return false;
    from = comma + 1;
  }
  return true;
}

// The fields of a session that hold its details.
constexpr std::uint32_t detail_mask = KnownFields::passes | KnownFields::pressure |
                                      KnownFields::pain | KnownFields::numbing |
                                      KnownFields::serum | KnownFields::endpoint;

// A session's details from its fields, or why one of them does not read.
std::variant<SessionDetail, std::string> read_detail(const KnownFields& known) {
  using F = KnownFields;
  SessionDetail detail;
  const auto whole = [&](std::uint32_t field, std::string_view key, int min, int max,
                         std::optional<int>& out) -> std::optional<std::string> {
    if (!known.has(field)) return std::nullopt;
    out = parse_whole_number(known.get(field), min, max);
    if (out) return std::nullopt;
    return fmt::format("{} '{}' is not a whole number from {} to {}", key,
                       printable(known.get(field)), min, max);
  };
  if (auto bad = whole(F::passes, "passes", 1, max_passes, detail.passes)) return *bad;
  if (auto bad = whole(F::pain, "pain", 0, max_pain, detail.pain)) return *bad;
  if (auto bad = whole(F::numbing, "numbing", 0, max_numbing_minutes, detail.numbing_minutes)) {
    return *bad;
  }
  if (known.has(F::pressure)) {
    detail.pressure = parse_pressure(known.get(F::pressure));
    if (!detail.pressure) {
      return fmt::format("pressure '{}' is not light, medium or firm",
                         printable(known.get(F::pressure)));
    }
  }
  if (known.has(F::endpoint)) {
    detail.endpoint = parse_endpoint(known.get(F::endpoint));
    if (!detail.endpoint) {
      return fmt::format("endpoint '{}' is not none, erythema or pinpoint-bleeding",
                         printable(known.get(F::endpoint)));
    }
  }
  if (known.has(F::serum)) {
    const std::string_view serums = known.get(F::serum);
    for (std::size_t from = 0; from <= serums.size();) {
      const std::size_t end = std::min(serums.find(serum_separator, from), serums.size());
      if (end == from) {
        return fmt::format("serum '{}' is not a list of serums like \"hyaluronic acid;peptides\"",
                           printable(serums));
      }
      detail.serums.emplace_back(serums.substr(from, end - from));
      from = end + 1;
    }
  }
  return detail;
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

constexpr std::string_view torn_notice = "torn line (cut short by a crash), ignored";
constexpr std::string_view crlf_notice =
    "Windows line ends (\\r\\n) from here on are read as line ends";

}  // namespace

/// The fast path and the views it fills, reused line after line.
struct LogBuilder::Scratch {
  detail::FastParser fast;
  LineView view;
};

std::optional<std::uint32_t> LogData::find_name(std::string_view name) const {
  for (std::uint32_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view pressure_name(Pressure pressure) {
  switch (pressure) {
    case Pressure::light: return "light";
    case Pressure::medium: return "medium";
    case Pressure::firm: return "firm";
  }
  return "medium";
}

std::string_view endpoint_name(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::none: return "none";
    case Endpoint::erythema: return "erythema";
    case Endpoint::pinpoint_bleeding: return "pinpoint-bleeding";
  }
  return "none";
}

std::optional<Pressure> parse_pressure(std::string_view text) {
  for (const Pressure p : {Pressure::light, Pressure::medium, Pressure::firm}) {
    if (text == pressure_name(p)) return p;
  }
  return std::nullopt;
}

std::optional<Endpoint> parse_endpoint(std::string_view text) {
  for (const Endpoint e : {Endpoint::none, Endpoint::erythema, Endpoint::pinpoint_bleeding}) {
    if (text == endpoint_name(e)) return e;
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> detail_fields(const SessionDetail& detail) {
  std::vector<std::pair<std::string, std::string>> fields;
  if (detail.passes) fields.emplace_back("passes", std::to_string(*detail.passes));
  if (detail.pressure) fields.emplace_back("pressure", pressure_name(*detail.pressure));
  if (detail.pain) fields.emplace_back("pain", std::to_string(*detail.pain));
  if (detail.numbing_minutes) fields.emplace_back("numbing", std::to_string(*detail.numbing_minutes));
  if (!detail.serums.empty()) {
    std::string serums;
    for (const std::string& serum : detail.serums) {
      if (!serums.empty()) serums += serum_separator;
      serums += serum;
    }
    fields.emplace_back("serum", std::move(serums));
  }
  if (detail.endpoint) fields.emplace_back("endpoint", endpoint_name(*detail.endpoint));
  return fields;
}

const SessionDetail* LogData::detail_of(const Event& session) const {
  const auto found = std::lower_bound(
      details_.begin(), details_.end(), session.line,
      [](const std::pair<std::uint32_t, SessionDetail>& d, std::uint32_t line) { return d.first < line; });
  return found != details_.end() && found->first == session.line ? &found->second : nullptr;
}

void LogData::add_detail(std::uint32_t line, SessionDetail detail) {
  details_.emplace_back(line, std::move(detail));
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
    if ((event.id >> shift) == (*padded >> shift)) found.push_back(&event);
  }
  return found;
}


void LogBuilder::reserve(std::size_t capacity, std::size_t expected) {
  data_.events.reserve(capacity);
  // Only advice, which older kernels may refuse; measured to pay (docs/performance.md): at
  // 1,000,000 events `next` takes 108 ms with both, 125 ms with the second alone and 136
  // ms with neither. A large log's events take tens of megabytes: huge pages turn
  // thousands of page faults into a few dozen.
  const auto begin = reinterpret_cast<std::uintptr_t>(data_.events.data());
  const std::size_t bytes = data_.events.capacity() * sizeof(Event);
  constexpr std::size_t huge_page = 2 << 20;
  const std::uintptr_t aligned = (begin + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t end = (begin + bytes) & ~(huge_page - 1);
  if (bytes >= 4 * huge_page && aligned < end) {
    ::madvise(reinterpret_cast<void*>(aligned), end - aligned, MADV_HUGEPAGE);
  }
  // And the pages the events will fill are mapped in one call, not one fault at a time.
  constexpr std::size_t page = 4096;
  const std::uintptr_t first = (begin + page - 1) & ~(page - 1);
  const std::uintptr_t last =
      (begin + std::min(expected, capacity) * sizeof(Event)) & ~(page - 1);
  if (first < last) {
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
  }
}

LogBuilder::LogBuilder(std::string source, LoadOptions options)
    : source_(std::move(source)), options_(options), scratch_(std::make_unique<Scratch>()) {}

LogBuilder::~LogBuilder() = default;

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

void LogBuilder::keep_note(Event& event, std::string_view note, bool present) {
  if (!options_.keep_notes || !present) return;
  event.note = static_cast<std::uint32_t>(data_.notes.size());
  data_.notes.emplace_back(note);
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

  LineView& view = scratch_->view;
  detail::FastParser& fast = scratch_->fast;
  LineHead head;
  const bool has_head = fast.head(line, head);
  if (has_head && add_remembered(head, data_.lines)) return;
  const bool taken_fast = fast.parse(line, view);
  if (!taken_fast) {
    std::string error;
    if (!detail::parse_line_view(line, view, error)) return problem(std::move(error));
    view.known.clear();
    for (const auto& [key, value] : view.fields) {
      if (const std::uint32_t field = KnownFields::field_of(key)) view.known.set(field, value);
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
  event.kind = detail::kind_of(view.kind);
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
      if (known.has(F::sitting)) {
        const auto sitting = parse_id(known.get(F::sitting));
        if (!sitting) {
          return problem(fmt::format("sitting '{}' is not 16 hex digits",
                                     printable(known.get(F::sitting))));
        }
        event.target = *sitting;
        event.in_sitting = true;
      }
      if ((known.present & detail_mask) != 0) {
        auto detail = read_detail(known);
        if (auto* bad = std::get_if<std::string>(&detail)) return problem(std::move(*bad));
        if (options_.keep_details) {
          data_.add_detail(data_.lines, std::get<SessionDetail>(std::move(detail)));
        }
      }
      event.area = intern(area);
      event.roller = roller_of();
      event.depth = *depth;
      event.forced = forced == "true";
      keep_note(event, known.get(F::note), known.has(F::note));
      break;
    }
    case RecordKind::reaction: {
      const std::string_view area = known.get(F::area);
      if (area.empty()) return problem("reaction has no area");
      ReactionDetail detail;
      const auto redness = parse_whole_number(known.get(F::redness), 0, max_redness);
      if (!redness) {
        return problem(known.has(F::redness)
                           ? fmt::format("redness '{}' is not a whole number from 0 to {}",
                                         printable(known.get(F::redness)), max_redness)
                           : std::string("reaction has no redness"));
      }
      detail.redness = *redness;
      for (const auto& [field, key, flag] :
           {std::tuple{F::peeling, "peeling", &detail.peeling},
            std::tuple{F::swelling, "swelling", &detail.swelling},
            std::tuple{F::severe, "severe", &detail.severe}}) {
        if (!known.has(field)) continue;
        const auto value = parse_flag(known.get(field));
        if (!value) {
          return problem(fmt::format("{} '{}' is not true or false", key,
                                     printable(known.get(field))));
        }
        *flag = *value;
      }
      event.area = intern(area);
      event.detail = data_.reactions.size();
      data_.reactions.push_back(detail);
      keep_note(event, known.get(F::note), known.has(F::note));
      break;
    }
    case RecordKind::photo: {
      const std::string_view area = known.get(F::area);
      if (area.empty()) return problem("photo has no area");
      const std::string_view hash = known.get(F::hash);
      if (!is_sha256_hex(hash)) {
        return problem(known.has(F::hash)
                           ? fmt::format("hash '{}' is not 64 lowercase hex digits (a SHA-256)",
                                         printable(hash))
                           : std::string("photo has no hash"));
      }
      event.area = intern(area);
      event.detail = data_.photos.size();
      data_.photos.push_back(
          {std::string(hash), std::string(known.get(F::angle)), std::string(known.get(F::file))});
      keep_note(event, known.get(F::note), known.has(F::note));
      break;
    }
    case RecordKind::use: {
      const std::string_view product = known.get(F::product);
      if (product.empty()) return problem("use has no product");
      const std::string_view areas = known.get(F::areas);
      if (areas.empty()) return problem("use has no areas");
      UseDetail detail;
      if (!each_listed(areas, [&](std::string_view area) {
            detail.areas.push_back(intern(area));
            return true;
          })) {
        return problem(fmt::format("areas '{}' is not a list of area names like forehead,cheeks",
                                   printable(areas)));
      }
      event.product = intern(product);
      event.detail = data_.uses.size();
      data_.uses.push_back(std::move(detail));
      keep_note(event, known.get(F::note), known.has(F::note));
      break;
    }
    case RecordKind::course: {
      const std::string_view name = known.get(F::name);
      if (name.empty()) return problem("course has no name");
      const std::string_view area = known.get(F::area);
      if (area.empty()) return problem("course has no area");
      const auto depth = parse_depth(known.get(F::depth));
      if (!depth || *depth == 0) {
        return problem(fmt::format("course depth '{}' is not a positive number of millimetres",
                                   printable(known.get(F::depth))));
      }
      CourseDetail detail;
      const auto every = parse_days(known.get(F::every));
      if (!every) {
        return problem(fmt::format("every '{}' is not a positive number of days, at most {}",
                                   printable(known.get(F::every)), max_span_days));
      }
      detail.every_seconds = *every;
      const auto sessions = parse_count(known.get(F::sessions), max_course_sessions);
      if (!sessions) {
        return problem(fmt::format("sessions '{}' is not a whole number from 1 to {}",
                                   printable(known.get(F::sessions)), max_course_sessions));
      }
      detail.sessions = *sessions;
      if (known.has(F::reviews)) {
        const std::string_view reviews = known.get(F::reviews);
        if (!each_listed(reviews, [&](std::string_view item) {
              const auto week = parse_count(item, max_review_week);
              if (week) detail.review_weeks.push_back(*week);
              return week.has_value();
            })) {
          return problem(fmt::format("reviews '{}' is not a list of weeks like 8,12",
                                     printable(reviews)));
        }
      }
      event.course = intern(name);
      event.area = intern(area);
      event.depth = *depth;
      event.detail = data_.courses.size();
      data_.courses.push_back(std::move(detail));
      break;
    }
    case RecordKind::course_stop: {
      const auto course = parse_id(known.get(F::course));
      if (!course) {
        return problem(known.has(F::course)
                           ? fmt::format("course '{}' is not 16 hex digits",
                                         printable(known.get(F::course)))
                           : std::string("course-stop has no course"));
      }
      event.target = *course;
      event.course = intern(known.get(F::name));
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
  constexpr std::uint32_t repeatable = F::id | F::area | F::depth | F::roller | F::forced;
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
  voided_.clear();
  cyclic_voids_.clear();
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
    if (s == State::counted) voided_.insert(events[index].target);
    if (s == State::cyclic) cyclic_voids_.insert(events[index].id);
  }
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

