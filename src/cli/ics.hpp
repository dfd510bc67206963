// iCalendar (RFC 5545) output for `roller next --ics`: one event per resting area at the
// instant it may be rolled again, with a reminder, so a phone's calendar can say so.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roller::cli {

/// One calendar event.
struct CalendarEvent {
  std::string uid;
  std::int64_t start = 0;  ///< seconds since the epoch
  std::string summary;
  std::string description;
};

/// A whole VCALENDAR with CRLF line ends and lines folded at 75 octets.
[[nodiscard]] std::string render_ics(const std::vector<CalendarEvent>& events, std::int64_t stamp);

/// Escapes TEXT values: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).
[[nodiscard]] std::string ics_text(std::string_view text);

}  // namespace roller::cli
