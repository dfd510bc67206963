// The append-only log, format v1: one record a line, "TIMESTAMP KIND key=value ...".
// This module turns lines into records and records into lines, and folds a whole log into
// compact events that the schedule reads. It does no I/O; log_file.hpp reads and appends.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "roller/depth.hpp"
#include "roller/time.hpp"

namespace roller {

/// Longest line roller reads; a longer one is reported and skipped (notes are far shorter).
inline constexpr std::size_t max_line_bytes = 1 << 20;

/// The first line of every log roller creates.
inline constexpr std::string_view log_signature = "# roller log v1";
/// What an append writes at the end of a torn last line, before that line's newline, so
/// that readers keep ignoring the line. It starts with a space and holds no '=', '"' or
/// '\\', so a line that does not read never reads once any prefix of it is added; a line
/// that ends with it is never a record.
inline constexpr std::string_view torn_mark = " # torn line, ignored";
/// The line older rollers wrote after a torn last line; still read as marking the line
/// above.
inline constexpr std::string_view torn_marker = "# torn line above, ignored";
/// The roller a session uses when the profile lists none.
inline constexpr std::string_view implicit_roller = "default";

/// One record, decoded and owning its text: what the writer serialises and the tests compare.
struct Record {
  Timestamp at;
  std::string kind;
  std::vector<std::pair<std::string, std::string>> fields;  ///< in line order

  /// The value of `key`, if the record has it.
  [[nodiscard]] const std::string* get(std::string_view key) const;
  friend bool operator==(const Record&, const Record&) = default;
};

/// Serialises a record as one log line without the newline. Values are written bare when
/// they can be, else double-quoted with \" \\ \n \t escapes.
[[nodiscard]] std::string serialize_record(const Record& record);

/// Parses one line (without its newline) into a record, or returns why it is malformed.
/// Only the syntax is checked here; load_log also checks the fields each kind needs.
[[nodiscard]] std::variant<Record, std::string> parse_record(std::string_view line);

/// Parses "9f2c4e1a7b3d5f60": exactly 16 hex digits.
[[nodiscard]] std::optional<std::uint64_t> parse_id(std::string_view text);
/// Formats an id as 16 lowercase hex digits.
[[nodiscard]] std::string format_id(std::uint64_t id);
/// The same 16 characters, without allocating.
[[nodiscard]] std::array<char, 16> id_chars(std::uint64_t id);

/// The kinds of record this version understands; others are kept in the file and ignored.
enum class RecordKind : std::uint8_t {
  session,
  clean,
  replace,
  void_record,
  hold,
  release,
  use,          ///< a product put on areas (a window before and after sessions)
  course,       ///< a treatment course started
  course_stop,  ///< a course stopped early
  reaction,     ///< how the skin of an area healed (redness, a severe reaction)
  photo,        ///< a photo of an area, kept beside the log by its hash
  other,
};

/// One record of the log, compact: names and notes are indices into LogData's tables.
struct Event {
  static constexpr std::uint32_t no_note = UINT32_MAX;
  std::int64_t utc = 0;
  std::uint64_t id = 0;
  union {
    std::uint64_t target = 0;  ///< void: the id it hides; course-stop: the course's id;
                               ///< session of a sitting: the id of the sitting's first one
    std::int64_t until;        ///< hold: when it ends (seconds since the epoch)
    std::uint64_t detail;      ///< use: index into LogData::uses; course: LogData::courses;
                               ///< reaction: LogData::reactions; photo: LogData::photos
  };
  std::int32_t offset = 0;
  std::uint32_t line = 0;  ///< 1-based line in the file
  std::uint32_t area = 0;  ///< session, course, reaction, photo: index into LogData::names
  // What a record names besides an area, by kind; all of them index LogData::names.
  union {
    std::uint32_t roller = 0;  ///< session, clean, replace: the roller
    std::uint32_t product;     ///< use: the product
    std::uint32_t course;      ///< course, course-stop: the course's name
  };
  std::uint32_t note = no_note;  ///< session, use, reaction, photo: its note; hold: its reason
                                 ///< (LogData::notes)
  // Packed into one word: a large log holds a million events (depths stay below 2^24 µm).
  Micrometres depth : 24 = 0;  ///< session, course
  RecordKind kind : 4 = RecordKind::other;
  bool forced : 1 = false;
  bool in_sitting : 1 = false;  ///< session: one of a sitting's areas (`target` names it)

  [[nodiscard]] Timestamp at() const { return Timestamp{utc, offset}; }
};

static_assert(sizeof(Event) == 48, "events are kept by the million: keep them small");
static_assert(max_representable_depth < (1 << 23), "depths must fit Event::depth");

/// What a `use` record says beyond its product: the areas it went on.
struct UseDetail {
  std::vector<std::uint32_t> areas;  ///< indices into LogData::names, as written
};

/// The most sessions a course may plan, and the latest week of a review (ten years).
inline constexpr int max_course_sessions = 1000;
inline constexpr int max_review_week = 520;

/// What a `course` record says beyond its name, area and depth.
struct CourseDetail {
  std::int64_t every_seconds = 0;  ///< the target interval between sessions
  int sessions = 0;                ///< how many sessions the course plans
  std::vector<int> review_weeks;   ///< weeks after the start when progress is reviewed
};

/// How hard the roller was pressed in a session.
enum class Pressure : std::uint8_t { light, medium, firm };
/// What the skin showed when the person stopped rolling.
enum class Endpoint : std::uint8_t { none, erythema, pinpoint_bleeding };

/// The words the log and the options use: "light", "pinpoint-bleeding".
[[nodiscard]] std::string_view pressure_name(Pressure pressure);
[[nodiscard]] std::string_view endpoint_name(Endpoint endpoint);
[[nodiscard]] std::optional<Pressure> parse_pressure(std::string_view text);
[[nodiscard]] std::optional<Endpoint> parse_endpoint(std::string_view text);

/// The bounds of a session's details and a reaction's redness.
inline constexpr int max_passes = 20;
inline constexpr int max_pain = 10;
inline constexpr int max_numbing_minutes = 240;
inline constexpr int max_redness = 3;
/// What separates the serums of one session in the log ("hyaluronic acid;copper peptides").
inline constexpr char serum_separator = ';';

/// What a session record says of how it went, beyond area and depth: every field optional.
struct SessionDetail {
  std::optional<int> passes;           ///< 1 to max_passes
  std::optional<Pressure> pressure;
  std::optional<int> pain;             ///< 0 to max_pain
  std::optional<int> numbing_minutes;  ///< 0 to max_numbing_minutes
  std::vector<std::string> serums;     ///< in the order given
  std::optional<Endpoint> endpoint;
  [[nodiscard]] bool empty() const {
    return !passes && !pressure && !pain && !numbing_minutes && serums.empty() && !endpoint;
  }
  friend bool operator==(const SessionDetail&, const SessionDetail&) = default;
};

/// The fields of a session record that hold its details, in the order roller writes them.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> detail_fields(
    const SessionDetail& detail);

/// What a `reaction` record says of how an area healed.
struct ReactionDetail {
  int redness = 0;  ///< 0 (none) to max_redness (marked)
  bool peeling = false;
  bool swelling = false;
  bool severe = false;  ///< pus, fever, spreading redness: a hold until cleared
};

/// What a `photo` record says: the file by its SHA-256, and how it was taken.
struct PhotoDetail {
  std::string hash;   ///< 64 lowercase hex digits
  std::string angle;  ///< empty when none was given
  std::string file;   ///< the original file's name, as given
};

/// A line that could not be used, with why.
struct LogProblem {
  std::uint32_t line = 0;
  std::string message;
  bool settled = false;  ///< a torn line already closed by its marker: nothing left to do
  bool harmless = false;  ///< a byte order mark or CRLF line ends: read as intended
};

/// A whole log, folded. Events keep file order; readers order by timestamp themselves.
struct LogData {
  std::vector<Event> events;
  std::vector<std::string> names;    ///< area and roller names, interned
  std::vector<std::string> notes;    ///< hold reasons, and session and use notes when asked for
  std::vector<UseDetail> uses;       ///< indexed by a use's Event::detail
  std::vector<CourseDetail> courses; ///< indexed by a course's Event::detail
  std::vector<ReactionDetail> reactions;  ///< indexed by a reaction's Event::detail
  std::vector<PhotoDetail> photos;        ///< indexed by a photo's Event::detail
  std::vector<LogProblem> problems;  ///< malformed lines: the log is not fully readable
  std::vector<LogProblem> notices;   ///< torn lines, ignored by design
  bool torn_tail = false;            ///< the last line has no newline and does not read
  std::uint32_t lines = 0;
  unsigned mode = 0600;  ///< permission bits of the file (0600 when not a file)

  /// A session's details, when it has some and the load kept them (LoadOptions::keep_details).
  [[nodiscard]] const SessionDetail* detail_of(const Event& session) const;
  /// Keeps `detail` as the details of the session read from `line` (the fold, in line order).
  void add_detail(std::uint32_t line, SessionDetail detail);

  /// The interned name at `index`.
  [[nodiscard]] const std::string& name(std::uint32_t index) const { return names[index]; }
  /// The index of `name`, if any record uses it.
  [[nodiscard]] std::optional<std::uint32_t> find_name(std::string_view name) const;
  /// Whether a record counts: it is not hidden by a counted void. A void of a void restores
  /// the first void's target; voids in a cycle (only a hand edit makes one) do not count.
  /// This is the one place that decides it, worked out once when the log is read.
  [[nodiscard]] bool counts(const Event& event) const {
    if (voided_.empty() && cyclic_voids_.empty()) return true;
    if (voided_.count(event.id) != 0) return false;
    return event.kind != RecordKind::void_record || cyclic_voids_.count(event.id) == 0;
  }
  /// Resolves the voids, from the events: what counts() answers.
  void settle_voids();
  /// The ids hidden by a counted void.
  [[nodiscard]] const std::unordered_set<std::uint64_t>& voided() const { return voided_; }
  /// Whether `id` is a void in a cycle of voids (none of which counts).
  [[nodiscard]] bool in_void_cycle(std::uint64_t id) const { return cyclic_voids_.count(id) != 0; }
  /// The ids of the voids in cycles of voids.
  [[nodiscard]] const std::unordered_set<std::uint64_t>& cyclic_voids() const {
    return cyclic_voids_;
  }
  /// Whether some record already has this id.
  [[nodiscard]] bool has_id(std::uint64_t id) const;

 private:
  /// Session details by line, in line order (sessions carry no index: events stay small).
  std::vector<std::pair<std::uint32_t, SessionDetail>> details_;
  std::unordered_set<std::uint64_t> voided_;
  std::unordered_set<std::uint64_t> cyclic_voids_;
};

/// The records (of any kind) whose id begins with `prefix`, 1 to 16 hex digits in any case;
/// empty when `prefix` is not hex.
[[nodiscard]] std::vector<const Event*> find_by_id_prefix(const LogData& log,
                                                          std::string_view prefix);

/// What a load keeps beyond what every command needs.
struct LoadOptions {
  bool keep_notes = false;
  bool keep_details = false;  ///< sessions' details (passes, pain...); always checked
};

namespace detail {
struct LineHead;
}  // namespace detail

/// Folds log lines into a LogData, one line at a time, so the file can be streamed.
class LogBuilder {
 public:
  LogBuilder(std::string source, LoadOptions options);
  ~LogBuilder();
  LogBuilder(const LogBuilder&) = delete;
  LogBuilder& operator=(const LogBuilder&) = delete;

  /// Makes room for `capacity` events, so a large log is not copied as it grows, and maps
  /// the memory of the `expected` first ones at once.
  void reserve(std::size_t capacity, std::size_t expected);
  /// Adds one complete line (its newline removed).
  void add_line(std::string_view line);
  /// Counts a line longer than max_line_bytes, which is reported and not read, unless it
  /// `ends_with_torn_mark`: then it is a torn line, ignored with a notice.
  void add_overlong_line(bool ends_with_torn_mark = false);
  /// Ends the log; `torn` is the text after the last newline, if any.
  [[nodiscard]] LogData finish(std::string_view torn);

 private:
  /// A line's fields after its id, and the event they fold to (see add_remembered).
  struct Remembered {
    std::string tail;
    Event event;  ///< kind, area, roller, depth and forced; the rest comes from each line
  };
  std::uint32_t intern(std::string_view name);
  void problem(std::string message);
  void add_record(const Record& record);
  /// Keeps a session's or use's note when the load asks for notes.
  void keep_note(Event& event, std::string_view note, bool present);
  /// Adds the line from the memo when its tail is remembered; false when it is not.
  bool add_remembered(const detail::LineHead& head, std::uint32_t line);
  void remember(const detail::LineHead& head, const Event& event);

  std::string source_;
  LoadOptions options_;
  LogData data_;
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept {
      return std::hash<std::string_view>{}(name);
    }
  };
  std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>> name_index_;
  std::array<std::uint32_t, 64> recent_names_{};  ///< index + 1 of a name, by a cheap hash
  std::vector<Remembered> memo_;                  ///< recent tails of lines (see log.cpp)
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;  ///< the fast path's state and the views it fills
  bool seen_content_ = false;
  bool in_tail_ = false;  ///< reading the last line, which has no newline
  bool last_was_problem_ = false;
  bool seen_crlf_ = false;
};

/// Folds a whole log held in memory (tests and small inputs). `source` names it in errors.
/// Throws FileError when the log is written in a newer format version.
[[nodiscard]] LogData parse_log(std::string_view text, const std::string& source,
                                LoadOptions options = {});

namespace testing {
/// The line parser's fast path alone: the record when it takes the line, nullopt when it
/// leaves the line to the general parser. Lets tests hold the two to the same answers.
[[nodiscard]] std::optional<Record> parse_record_fast(std::string_view line);
}  // namespace testing

}  // namespace roller
