// RFC 5545 writing. Hand-written: Debian has no C++ iCalendar library, and roller needs a
// few properties, folding and escaping, all of which the tests check with a real parser.
#include "ics.hpp"

#include <fmt/format.h>

#include "roller/time.hpp"

namespace roller::cli {
namespace {

std::string utc_stamp(std::int64_t utc) {
  const CivilTime c = civil(clamp_to_years(Timestamp{utc, 0}));  // a rest ending past 9999
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", c.year, c.month, c.day, c.hour, c.minute,
                     c.second);
}

// Folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1).
void add_line(std::string& out, std::string_view line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool starts_char = (c & 0xC0) != 0x80;
    if (starts_char) {
      std::size_t len = 1;
      while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80) {
        ++len;
      }
      if (width + len > 75) {
        out += "\r\n ";
        width = 1;
      }
      width += len;
    }
    out += line[i];
  }
  out += "\r\n";
}

}  // namespace

std::string ics_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_ics(const std::vector<CalendarEvent>& events, std::int64_t stamp) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//roller//roller " ROLLER_VERSION "//EN");
  add_line(out, "CALSCALE:GREGORIAN");
  for (const auto& e : events) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + e.uid);
    add_line(out, "DTSTAMP:" + utc_stamp(stamp));
    add_line(out, "DTSTART:" + utc_stamp(e.start));
    add_line(out, "DURATION:PT15M");
    add_line(out, "SUMMARY:" + ics_text(e.summary));
    add_line(out, "DESCRIPTION:" + ics_text(e.description));
    add_line(out, "TRANSP:TRANSPARENT");
    add_line(out, "BEGIN:VALARM");
    add_line(out, "ACTION:DISPLAY");
    add_line(out, "TRIGGER:PT0M");
    add_line(out, "DESCRIPTION:" + ics_text(e.summary));
    add_line(out, "END:VALARM");
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace roller::cli
