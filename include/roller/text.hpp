// Text that came from a person or a file, made safe to echo and to line up: control
// characters, bidirectional controls and invalid UTF-8 are escaped, overlong text is cut
// (so an error message can never reset a terminal, flood it, or show its words in another
// order than they are stored), and the columns a text takes on a terminal are counted.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace roller {

/// A decoded UTF-8 character: its code point and its length in bytes (0 when the bytes at
/// that position are not valid UTF-8: overlong, a surrogate, past U+10FFFF, cut short).
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;
};

/// Decodes the UTF-8 character that starts at byte `i` of `text`.
[[nodiscard]] Utf8Char decode_utf8(std::string_view text, std::size_t i);

/// The byte offset of the first invalid UTF-8 sequence in `text`, or npos.
[[nodiscard]] std::size_t invalid_utf8_at(std::string_view text);
/// Whether `text` is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view text);

/// Whether a code point is a control character: C0 (below U+0020), DEL or C1
/// (U+0080..U+009F). All of them act on terminals.
[[nodiscard]] constexpr bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/// Whether a code point is a Unicode bidirectional embedding, override or isolate control
/// (U+202A..U+202E, U+2066..U+2069). They are invisible and reorder the text around them,
/// so a note or a name holding one can read differently from what it is ("Trojan Source").
[[nodiscard]] constexpr bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/// Whether a code point is a letter (general category L) or a combining mark (M) of any
/// script: what names are made of besides ASCII digits and '-', '_', '.'.
[[nodiscard]] bool is_letter_or_mark(char32_t cp);

/// A max_chars for printable(): the whole text, never cut (paths, table cells, CSV fields).
inline constexpr std::size_t uncut = static_cast<std::size_t>(-1);

/// Whether printable() escapes newlines and tabs (in messages, which are one line each) or
/// keeps them (in CSV fields, whose quotes hold line breaks).
enum class LineBreaks { escape, keep };

/// `text` with control characters and invalid UTF-8 bytes escaped (\n, \t, \xNN),
/// bidirectional controls shown as \uNNNN, and cut to about `max_chars` characters with
/// "..." appended. The one escaping of text from outside (names, notes, paths) on its way
/// to a terminal: what it returns holds none of what it escapes, so escaping twice changes
/// nothing.
[[nodiscard]] std::string printable(std::string_view text, std::size_t max_chars = 60,
                                    LineBreaks line_breaks = LineBreaks::escape);

/// "others can read it (mode 0644); run: chmod 600 PATH": the warning for a file of health
/// data that someone besides its owner may read, write or run (`mode & 077` not zero),
/// naming what they may do. `path` is shown as given: escape it first.
[[nodiscard]] std::string not_private(std::string_view path, unsigned mode);

/// Columns a code point takes on a terminal: 2 for East Asian wide and fullwidth
/// characters (CJK, Hangul, kana, most emoji), 0 for combining marks, format characters
/// and controls, 1 otherwise.
[[nodiscard]] int char_width(char32_t cp);

/// Columns `text` takes on a terminal: the sum of char_width over its UTF-8 characters
/// (a byte that is not valid UTF-8 counts 1).
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` padded with spaces to `width` columns (as display_width counts them).
[[nodiscard]] std::string pad_right(std::string_view text, std::size_t width);

/// "12": a whole number of decimal digits from `min` to `max`, as roller writes counts and
/// scores (in the log and in options); nullopt for anything else ("+3", "3.0", "", " 3").
[[nodiscard]] std::optional<int> parse_whole_number(std::string_view text, int min, int max);

}  // namespace roller
