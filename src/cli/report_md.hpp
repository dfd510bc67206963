// The report as Markdown (CommonMark with GitHub's tables): the same content as the HTML
// page without the charts, and photos named rather than embedded, so that it stays small
// enough to paste into a message. Pure.
#pragma once

#include <string>
#include <string_view>

#include "report_model.hpp"

namespace roller::cli {

/// Escapes text for Markdown: HTML's & < > as character references (a Markdown viewer
/// would otherwise render a note's tags), Markdown's punctuation with a backslash, and line
/// breaks as spaces so that a note stays in its table cell.
[[nodiscard]] std::string md_text(std::string_view text);

/// The whole document.
[[nodiscard]] std::string render_report_md(const Report& report);

}  // namespace roller::cli
