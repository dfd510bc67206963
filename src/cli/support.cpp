// Helpers shared by the commands that write records.
#include "support.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>

#include "render.hpp"
#include "roller/error.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "roller/unique_fd.hpp"

namespace roller::cli {
namespace {

// Clock skew between devices: a time this far ahead still counts as now.
constexpr std::int64_t allowed_future_seconds = 60;

}  // namespace

CLI::Validator non_empty() {
  return CLI::Validator(
      [](const std::string& value) {
        return value.empty() ? std::string("must not be empty") : "";
      },
      "", "non-empty");
}

std::size_t require_area(const Profile& profile, std::string_view name) {
  if (auto index = profile.find_area(name)) return *index;
  const auto guess = closest_name(name, profile.area_names());
  throw UsageError(fmt::format(
      "unknown area '{}'{}", printable(name),
      guess ? did_you_mean(guess)
            : fmt::format("; the profile's areas are {}", fmt::join(profile.area_names(), ", "))));
}

std::uint64_t new_id(const LogData& log) {
  std::random_device device;
  for (;;) {
    const std::uint64_t id = (static_cast<std::uint64_t>(device()) << 32) | device();
    if (id != 0 && !log.has_id(id)) return id;
  }
}

Timestamp parse_past_time(std::string_view text, Timestamp now, std::string_view option) {
  const Timestamp at = parse_time_value(text, now.utc, option);
  if (at.utc > now.utc + allowed_future_seconds) {
    throw UsageError(fmt::format("{}: {} is in the future; record it after it happened", option,
                                 format_when(at.utc, now.utc)));
  }
  return at;
}

std::string roller_list(const Profile& profile) {
  std::vector<std::string> parts;
  for (const auto& roller : profile.rollers) {
    parts.push_back(roller.is_pen()
                        ? fmt::format("{} (pen, {} to {} mm)", roller.name,
                                      format_depth(roller.min_depth), format_depth(roller.max_depth))
                        : fmt::format("{} ({} mm)", roller.name, format_depth(roller.needle)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string choose_roller_name(const Profile& profile, std::string_view option) {
  if (profile.rollers.empty()) {
    if (!option.empty() && option != implicit_roller) {
      throw UsageError(
          fmt::format("--roller: '{}' is not a roller: the profile lists none, so "
                      "sessions use the roller '{}'",
                      printable(option), implicit_roller));
    }
    return std::string(implicit_roller);
  }
  if (!option.empty()) {
    if (profile.find_roller(option) != nullptr) return std::string(option);
    std::vector<std::string> names;
    for (const auto& roller : profile.rollers) names.push_back(roller.name);
    throw UsageError(fmt::format("--roller: unknown roller '{}'{}; the profile lists {}",
                                 printable(option), did_you_mean(option, names),
                                 roller_list(profile)));
  }
  if (profile.default_roller) return *profile.default_roller;
  if (profile.rollers.size() == 1) return profile.rollers.front().name;
  throw UsageError(
      fmt::format("--roller is required (or set default_roller in the profile); the "
                  "profile lists {}",
                  roller_list(profile)));
}

std::string_view head_word(const Profile& profile, std::string_view roller) {
  const Roller* found = profile.find_roller(roller);
  return found != nullptr && found->is_pen() ? "cartridge" : "head";
}

std::string use_areas(const Event& use, const LogData& log) {
  std::string areas;
  for (const std::uint32_t area : log.uses[use.detail].areas) {
    areas += (areas.empty() ? "" : ", ") + printable(log.name(area));
  }
  return areas;
}

std::string describe_record(const Event& event, const LogData& log, std::int64_t now) {
  const std::string when = format_when(event.utc, now);
  switch (event.kind) {
    case RecordKind::session:
      return fmt::format("session of {} at {} mm on {}", printable(log.name(event.area)),
                         format_depth(event.depth), when);
    case RecordKind::clean:
      return fmt::format("clean of {} on {}", printable(log.name(event.roller)), when);
    case RecordKind::replace:
      return fmt::format("replace of {} on {}", printable(log.name(event.roller)), when);
    case RecordKind::void_record:
      return fmt::format("void on {}", when);
    case RecordKind::hold:
      return fmt::format("hold of {} until {} ({})", when, format_when(event.until, now),
                         printable(log.notes[event.note]));
    case RecordKind::release:
      return fmt::format("release of holds on {}", when);
    case RecordKind::use:
      return fmt::format("use of {} on {} on {}", printable(log.name(event.product)),
                         use_areas(event, log), when);
    case RecordKind::course:
      return fmt::format("course {} on {} started {}", printable(log.name(event.course)),
                         printable(log.name(event.area)), when);
    case RecordKind::course_stop:
      return fmt::format("stop of course {} on {}", printable(log.name(event.course)), when);
    case RecordKind::reaction:
      return fmt::format("reaction on {} (redness {}{}) on {}", printable(log.name(event.area)),
                         log.reactions[event.detail].redness,
                         log.reactions[event.detail].severe ? ", severe" : "", when);
    case RecordKind::photo:
      return fmt::format("photo of {} on {}", printable(log.name(event.area)), when);
    case RecordKind::other:
      break;
  }
  return fmt::format("record on {}", when);
}

void check_text(std::string_view text, std::string_view option, std::size_t max_chars,
                bool multiline) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++chars) {
    const Utf8Char ch = decode_utf8(text, i);
    // The log holds only valid UTF-8; the writer's read-back check would refuse it too, but
    // as an I/O error rather than the usage error it is.
    if (ch.length == 0) throw UsageError(fmt::format("{}: not valid UTF-8 text", option));
    const bool allowed = multiline && (ch.code_point == '\n' || ch.code_point == '\t');
    if (is_control(ch.code_point) && !allowed) {
      throw UsageError(fmt::format("{}: control characters {}are not allowed", option,
                                   multiline ? "other than newline and tab " : ""));
    }
    // Invisible, and they reorder what follows them: the note would not read as it is kept.
    if (is_bidi_control(ch.code_point)) {
      throw UsageError(
          fmt::format("{}: the bidirectional control U+{:04X} is not allowed: it shows the text in "
                      "another order than it is kept",
                      option, static_cast<std::uint32_t>(ch.code_point)));
    }
    i += ch.length;
  }
  if (chars > max_chars) {
    throw UsageError(
        fmt::format("{}: {} characters is longer than the limit of {}", option, chars, max_chars));
  }
}

std::string after_session(const Event& session, const LogData& log, std::string_view area,
                          std::int64_t now) {
  const std::string& rolled = log.name(session.area);
  if (rolled == area) {
    return fmt::format("after {} mm on {}", format_depth(session.depth),
                       format_when(session.utc, now));
  }
  return fmt::format("after {} at {} mm on {}", printable(rolled), format_depth(session.depth),
                     format_when(session.utc, now));
}

std::uint32_t intern_name(LogData& log, const std::string& name) {
  if (const auto index = log.find_name(name)) return *index;
  log.names.push_back(name);
  return static_cast<std::uint32_t>(log.names.size() - 1);
}

std::string detail_text(const SessionDetail& detail) {
  std::vector<std::string> parts;
  if (detail.passes) parts.push_back(fmt::format("{} pass{}", *detail.passes, *detail.passes == 1 ? "" : "es"));
  if (detail.pressure) parts.push_back(fmt::format("{} pressure", pressure_name(*detail.pressure)));
  if (detail.pain) parts.push_back(fmt::format("pain {}/{}", *detail.pain, max_pain));
  if (detail.numbing_minutes) parts.push_back(fmt::format("numbing {} min", *detail.numbing_minutes));
  if (!detail.serums.empty()) {
    std::vector<std::string> serums;
    for (const std::string& serum : detail.serums) serums.push_back(printable(serum));
    parts.push_back(fmt::format("serum {}", fmt::join(serums, " + ")));
  }
  if (detail.endpoint) parts.push_back(fmt::format("endpoint {}", endpoint_name(*detail.endpoint)));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string hold_until(const HoldSpan& hold, std::int64_t now) {
  if (hold.open()) return "until cleared (roller hold --clear)";
  return fmt::format("until {} ({})", format_when(hold.end, now), format_relative(hold.end, now));
}

std::string after_reaction(const ReactionWindow& window, const LogData& log, std::int64_t now) {
  const Event& reaction = *window.reaction;
  return fmt::format("after a reaction on {} on {} (redness {})",
                     printable(log.name(reaction.area)), format_when(reaction.utc, now),
                     log.reactions[reaction.detail].redness);
}

void add_force_over_unreadable(CLI::App& command, bool& force) {
  command.add_flag("--force", force, "Write even when the log has lines roller cannot read");
}

FileError io_error(const std::filesystem::path& path, std::string_view what) {
  return FileError(fmt::format("{}: {}: {}", printable(path.string(), uncut), what,
                               std::strerror(errno)));
}

void write_whole(const std::filesystem::path& path, std::string_view text, unsigned mode) {
  // A bare file name is written in the current folder, and a failure names that folder.
  const std::filesystem::path folder = path.parent_path().empty() ? "." : path.parent_path();
  std::string temp = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  const UniqueFd fd(::mkstemp(temp.data()));
  if (fd.get() < 0) throw io_error(folder, "cannot create a file");
  const auto fail = [&](int err, std::string_view what) {
    ::unlink(temp.c_str());
    errno = err;
    return io_error(path, what);
  };
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) throw fail(errno, "cannot set the mode");
  if (const int err = write_all(fd.get(), text); err != 0) throw fail(err, "cannot write");
  if (::fsync(fd.get()) != 0) throw fail(errno, "cannot write");
  if (::rename(temp.c_str(), path.c_str()) != 0) throw fail(errno, "cannot write");
}

}  // namespace roller::cli
