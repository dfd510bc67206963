// Pieces several commands share: checks of option values, new record ids, past times from
// options, choosing an area or a roller, and naming a record in messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"
#include "roller/time.hpp"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace roller::cli {

/// A CLI11 check that refuses an empty value ("--area ''").
[[nodiscard]] CLI::Validator non_empty();

/// Throws UsageError for a name that is not an area of the profile, suggesting the closest.
[[nodiscard]] std::size_t require_area(const Profile& profile, std::string_view name);

/// The index of `name` in the log's names, added when no record uses it yet: for a record a
/// command has just appended, added to the log it read so that the judge sees it.
[[nodiscard]] std::uint32_t intern_name(LogData& log, const std::string& name);

/// A fresh random 64-bit id that no record of `log` has.
[[nodiscard]] std::uint64_t new_id(const LogData& log);

/// Reads an option's time (`--at`) that must not lie in the future (a minute of clock skew
/// is allowed). Throws UsageError naming `option`.
[[nodiscard]] Timestamp parse_past_time(std::string_view text, Timestamp now,
                                        std::string_view option);

/// "r025 (0.25 mm), r050 (0.5 mm)": the profile's rollers, for messages.
[[nodiscard]] std::string roller_list(const Profile& profile);

/// The roller a command acts on: `option` if given (it must be one of the profile's, or the
/// implicit roller when the profile lists none), else the default roller, else the only
/// roller, else the implicit one. Throws UsageError when the choice is unknown or ambiguous.
[[nodiscard]] std::string choose_roller_name(const Profile& profile, std::string_view option);

/// What wears out on a device: "cartridge" for a pen, "head" for a roller or a stamp.
[[nodiscard]] std::string_view head_word(const Profile& profile, std::string_view roller);

/// The areas a `use` record names, as "forehead, cheeks" (escaped for a terminal).
[[nodiscard]] std::string use_areas(const Event& use, const LogData& log);

/// "session of forehead at 0.5 mm on Wed 25 Nov 21:30", "clean of r050 on ...", with the
/// names and reasons read from the log escaped (printable).
[[nodiscard]] std::string describe_record(const Event& event, const LogData& log, std::int64_t now);

/// Refuses text a person typed for a record (a note, a hold's reason): invalid UTF-8,
/// control characters (but newline and tab when `multiline`), bidirectional controls,
/// more than `max_chars` characters. Throws UsageError naming `option`.
void check_text(std::string_view text, std::string_view option, std::size_t max_chars,
                bool multiline);

/// "after 0.5 mm on Tue 24 Nov 21:30", or "after cheeks at 1.0 mm on ..." when the session
/// was on another area than `area`.
[[nodiscard]] std::string after_session(const Event& session, const LogData& log,
                                        std::string_view area, std::int64_t now);

/// "until Fri 4 Dec 21:00 (in 3 days)", or "until cleared (roller hold --clear)" for a hold
/// that lasts until it is cleared (a severe reaction's).
[[nodiscard]] std::string hold_until(const HoldSpan& hold, std::int64_t now);

/// "after a reaction on forehead on Tue 1 Dec 09:00 (redness 2)": what keeps skin resting.
[[nodiscard]] std::string after_reaction(const ReactionWindow& window, const LogData& log,
                                         std::int64_t now);

/// "4 passes, light pressure, pain 3/10, numbing 30 min, serum hyaluronic acid + peptides,
/// endpoint erythema": a session's details for people, in the log's order; empty for none.
[[nodiscard]] std::string detail_text(const SessionDetail& detail);

/// Adds --force to a command that writes the log: write even over lines roller cannot read
/// (`roller log` has its own --force, which also overrides rules).
void add_force_over_unreadable(CLI::App& command, bool& force);

/// "PATH: WHAT: strerror(errno)", as a FileError.
[[nodiscard]] FileError io_error(const std::filesystem::path& path, std::string_view what);

/// Writes `text` to a new file beside `path` with permission bits `mode`, and renames it into
/// place, so that a crash leaves either the old file or a whole new one. Throws FileError.
void write_whole(const std::filesystem::path& path, std::string_view text, unsigned mode);

}  // namespace roller::cli
