// `roller report`: one self-contained HTML page (or Markdown) of a person's progress, for
// themselves and their clinician. The judge answers every question of the rules
// (report_model.hpp); this file reads the log and the photos, and writes the page.
#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "report_html.hpp"
#include "report_md.hpp"
#include "report_model.hpp"
#include "roller/error.hpp"
#include "roller/photo_store.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller report`'s options, as typed.
struct ReportOptions {
  std::string since;
  std::string until;
  std::string output;
  std::string format = "html";
};

/// The largest photo embedded; a larger file is named, not embedded, so that one stray
/// RAW file does not make a page no phone opens.
constexpr std::uintmax_t max_photo_bytes = 25 << 20;

ReportRange parse_range(const ReportOptions& o, Timestamp now) {
  ReportRange range;
  if (!o.since.empty()) range.since = parse_time_value(o.since, now.utc, "--since").utc;
  if (!o.until.empty()) {
    const Timestamp until = parse_time_value(o.until, now.utc, "--until");
    // "--until 2026-11-25" includes the whole of that day.
    range.until =
        names_whole_day(o.until) ? local_day_start(local_day(until.utc) + 1) : until.utc + 1;
  }
  if (range.since && range.until && *range.since >= *range.until) {
    throw UsageError(fmt::format(
        "--since '{}' comes after --until '{}', so the report would be empty; did you swap them?",
        printable(o.since), printable(o.until)));
  }
  return range;
}

// Reads each photo the report shows; a missing, unreadable, oversized or unknown file is
// nullopt, which the page shows as a placeholder.
EmbeddedPhotos load_photos(const Report& report, const std::filesystem::path& folder) {
  EmbeddedPhotos photos;
  const auto load = [&](const ReportPhoto& photo) {
    if (photos.count(photo.hash) != 0) return;
    std::optional<std::string> uri;
    std::error_code ec;
    const std::filesystem::path path = photo_path(folder, photo.hash);
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size <= max_photo_bytes) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      if (in) uri = image_data_uri(bytes.view());
    }
    photos.emplace(photo.hash, std::move(uri));
  };
  for (const ReportArea& area : report.areas) {
    for (const ReportPhotoPair& pair : area.photos) {
      load(pair.first);
      if (pair.latest) load(*pair.latest);
    }
  }
  return photos;
}

void setup_report(CLI::App& cmd, ReportOptions& options) {
  cmd.add_option("--since", options.since, "Show from this time on (the rules still count all)")
      ->type_name("TIME");
  cmd.add_option("--until", options.until, "Show up to this time (a date: its whole day)")
      ->type_name("TIME");
  cmd.add_option("-o,--output", options.output, "Write to FILE (mode 0600); '-' is stdout")
      ->type_name("FILE")
      ->check(non_empty());
  cmd.add_option("--format", options.format, "html (default) or md (Markdown, without charts)")
      ->type_name("FORMAT");
  cmd.footer(
      "The HTML page holds everything itself (styles, charts, photos): no network, no\n"
      "script. Its first printed page is a one-page summary for a clinician. Without -o the\n"
      "report goes to stdout; an HTML report is not written to a terminal.\n"
      "Photos are read from the photos folder beside the log; a missing one shows as a\n"
      "placeholder.\n\n"
      "Examples:\n"
      "  roller report -o report.html\n"
      "  roller report --since 2026-06-01 --until 2026-11-30 -o summer.html\n"
      "  roller report --format md > report.md");
}

int run_report(const ReportOptions& options, Context& c) {
  if (options.format != "html" && options.format != "md") {
    throw UsageError(fmt::format("--format: '{}' is not a format; use html or md",
                                 printable(options.format)));
  }
  const bool to_stdout = options.output.empty() || options.output == "-";
  if (to_stdout && options.format == "html" && c.out_is_terminal) {
    throw UsageError(
        "an HTML report is a file, not terminal text: give -o FILE, like roller report -o "
        "report.html (or use --format md)");
  }
  const ReportRange range = parse_range(options, c.now);
  const Profile& profile = c.profile();
  LoadOptions load;
  load.keep_notes = true;
  load.keep_details = true;
  const LogData log = c.read_log(load);
  const Judge judge(profile, log);
  c.report_unknown_areas(judge, log);
  const Report report = build_report(profile, judge, log, c.now.utc, range);

  const std::string text =
      options.format == "md"
          ? render_report_md(report)
          : render_report_html(report, load_photos(report, photos_folder(c.log_path())));
  if (to_stdout) {
    c.out << text;
  } else {
    write_whole(options.output, text, 0600);  // it describes a person's health
  }
  return 0;
}

}  // namespace

const Command report_command{
    "report",
    "Write one HTML page (or Markdown) of sessions, rest kept, courses and photos, for a clinician",
    with_options<ReportOptions, setup_report, run_report>};

}  // namespace roller::cli
