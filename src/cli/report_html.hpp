// The report as one self-contained HTML page: inline CSS (responsive, with a print
// stylesheet whose first page is a summary for a clinician), charts as inline SVG, photos
// as data: URIs. No script, nothing fetched. Pure: the photos' bytes are read by the
// command and handed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "report_model.hpp"

namespace roller::cli {

/// The photos a report embeds, by hash: the image as a data: URI, or nullopt when its file
/// is missing or unreadable (the report then says so in its place).
using EmbeddedPhotos = std::unordered_map<std::string, std::optional<std::string>>;

/// Appends `ch` as HTML text: & < > (and " ' when `quotes`, for attribute values) as
/// character references; control characters other than newline and tab dropped.
void append_html_char(std::string& out, char ch, bool quotes);

/// Escapes text for HTML content and attribute values: & < > " ' as character references;
/// control characters other than newline and tab are dropped (no HTML may hold them).
[[nodiscard]] std::string html_text(std::string_view text);

/// Standard base64 (RFC 4648, padded), by OpenSSL's EVP_EncodeBlock.
[[nodiscard]] std::string base64(std::string_view bytes);

/// "data:image/png;base64,...", or nullopt when the bytes are not an image roller keeps
/// (JPEG, PNG, WebP, HEIC, by their signature: sniff_image in roller/photo_store.hpp).
[[nodiscard]] std::optional<std::string> image_data_uri(std::string_view bytes);

/// The whole page.
[[nodiscard]] std::string render_report_html(const Report& report, const EmbeddedPhotos& photos);

/// One area's timeline as an inline <svg>: sessions as marks by depth, rest shaded, holds
/// and product windows as bands, reactions as marks along the top. `id` keeps its
/// references apart from other charts of the page.
[[nodiscard]] std::string render_area_chart(const Report& report, const ReportArea& area,
                                            std::size_t id);

}  // namespace roller::cli
