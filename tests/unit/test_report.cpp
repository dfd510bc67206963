// Unit tests for the report: its model from the judge, escaping for HTML and Markdown,
// base64 and image signatures, and the chart's marks. The page as a whole is checked by
// tests/cli/report.py with a real HTML parser and a real browser.
#include <doctest/doctest.h>

#include "report_html.hpp"
#include "report_md.hpp"
#include "report_model.hpp"
#include "roller/judge.hpp"
#include "support.hpp"

using namespace roller;
using namespace roller::cli;

namespace {

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("report: html_text escapes markup and quotes and drops control characters") {
  CHECK(html_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(html_text("a & b \"c\" 'd'") == "a &amp; b &quot;c&quot; &#39;d&#39;");
  CHECK(html_text("two\nlines\tand\x01 a bell\x07") == "two\nlines\tand a bell");
  CHECK(html_text("crème brûlée") == "crème brûlée");
}

TEST_CASE("report: md_text keeps notes in their cell and out of Markdown and HTML") {
  CHECK(md_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y");
  CHECK(md_text("a|b *c* _d_ [e](f) `g` #h") == "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` \\#h");
  CHECK(md_text("one\ntwo") == "one two");
}

TEST_CASE("report: base64 by libcrypto matches RFC 4648's test vectors") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("fooba") == "Zm9vYmE=");
  CHECK(base64("foobar") == "Zm9vYmFy");
  // Across the slices it encodes in: no padding in the middle, every byte kept.
  const std::string big(3 * (1 << 20) + 2, '\xff');
  const std::string encoded = base64(big);
  CHECK(encoded.size() == (big.size() + 2) / 3 * 4);
  CHECK(encoded.find('=') == encoded.size() - 1);
}

TEST_CASE("report: images are embedded by their signature, not their name") {
  const auto jpeg = image_data_uri("\xFF\xD8\xFF\xE0 JFIF");
  REQUIRE(jpeg);
  CHECK(jpeg->starts_with("data:image/jpeg;base64,"));
  CHECK(image_data_uri("GIF89a") == std::nullopt);
  CHECK(image_data_uri("%PDF-1.7") == std::nullopt);
  CHECK(image_data_uri("\x89PNG\r\n\x1A\n") == "data:image/png;base64,iVBORw0KGgo=");
  CHECK(image_data_uri("not an image") == std::nullopt);
}

TEST_CASE("report: kept_text rounds, but never to 100% or 0% unless all or none") {
  CHECK(kept_text(0, 0) == "-");
  CHECK(kept_text(18, 19) == "18 of 19 (95%)");
  CHECK(kept_text(199, 200) == "199 of 200 (99%)");
  CHECK(kept_text(1, 200) == "1 of 200 (1%)");
  CHECK(kept_text(5, 5) == "5 of 5 (100%)");
}

TEST_CASE("report: the model takes the judge's verdicts, and the range only chooses") {
  const test::ScopedTz tz("UTC");
  // The second session comes 3 days after the first at 0.5 mm (7 days' rest): too soon,
  // and still too soon when the range leaves the first out.
  const LogData log = parse_log(
      "2026-11-01T20:00:00Z session id=0000000000000001 area=forehead depth=0.5 roller=default\n"
      "2026-11-04T20:00:00Z session id=0000000000000002 area=forehead depth=0.5 roller=default "
      "forced=true note=\"<i>early</i>\"\n"
      "2026-11-20T20:00:00Z session id=0000000000000003 area=cheeks depth=1.0 roller=default\n",
      "roller.log", LoadOptions{.keep_notes = true});
  REQUIRE(log.problems.empty());
  const Profile& profile = default_profile();
  const Judge judge(profile, log);
  const std::int64_t now = test::at("2026-11-25T00:00:00Z");

  const Report all = build_report(profile, judge, log, now, {});
  CHECK(all.sessions == 3);
  REQUIRE(all.areas.size() == 2);
  CHECK(all.areas[0].name == "forehead");
  CHECK(all.areas[0].kept() == 1);
  CHECK(all.areas[0].judged() == 2);
  CHECK(all.areas[0].sessions[1].broke == "too soon");
  CHECK(all.areas[0].sessions[1].note == "<i>early</i>");
  CHECK(all.areas[0].sessions[0].rest_end == test::at("2026-11-08T20:00:00Z"));
  CHECK(all.from == test::at("2026-11-01T20:00:00Z"));
  CHECK(all.to == now);

  ReportRange range;
  range.since = test::at("2026-11-02T00:00:00Z");
  range.until = test::at("2026-11-10T00:00:00Z");
  const Report part = build_report(profile, judge, log, now, range);
  CHECK(part.sessions == 1);
  REQUIRE(part.areas.size() == 1);
  CHECK(part.areas[0].sessions[0].kept == false);
  CHECK(part.from == *range.since);
  CHECK(part.to == *range.until);

  const std::string html = render_report_html(all, {});
  CHECK(html.find("<i>early") == std::string::npos);
  CHECK(html.find("&lt;i&gt;early&lt;/i&gt;") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(count_of(html, "<svg") == 2);
  const std::string md = render_report_md(all);
  CHECK(md.find("&lt;i&gt;early&lt;/i&gt;") != std::string::npos);
  CHECK(md.find("**too soon (forced)**") != std::string::npos);
}

TEST_CASE("report: the chart marks every session, shades its rest and draws holds as bands") {
  const test::ScopedTz tz("UTC");
  Report report;
  report.from = test::at("2026-06-01T00:00:00Z");
  report.to = test::at("2026-12-01T00:00:00Z");
  ReportArea area;
  area.name = "cheeks <1>";
  area.max_depth = 1000;
  for (int i = 0; i < 3; ++i) {
    ReportSession s;
    s.at = report.from + (10 + 30 * i) * seconds_per_day;
    s.depth = 1000;
    s.kept = i != 1;
    s.broke = i == 1 ? "too soon" : "";
    s.rest_end = s.at + 28 * seconds_per_day;
    area.sessions.push_back(s);
  }
  ReportBand hold;
  hold.from = report.from + 100 * seconds_per_day;
  hold.label = "cold sore & <b>";  // open: until released
  area.bands.push_back(hold);
  const std::string svg = render_area_chart(report, area, 7);
  CHECK(svg.starts_with("<svg class=\"chart\" id=\"chart-7\""));
  CHECK(count_of(svg, "<circle") == 3);
  CHECK(count_of(svg, "rx=\"4\"") == 3);  // three rest bars
  CHECK(count_of(svg, "#b4471c") == 1);   // one broken rule
  CHECK(svg.find("cold sore &amp; &lt;b&gt;") != std::string::npos);
  CHECK(svg.find("until released") != std::string::npos);
  CHECK(svg.find("cheeks &lt;1&gt;") != std::string::npos);
  CHECK(svg.find(">Jul 2026<") != std::string::npos);  // the first tick names its year
  CHECK(svg.find(">Aug<") != std::string::npos);
  CHECK(svg.find(">Jun") == std::string::npos);  // 1 June is the chart's edge, not a tick
  CHECK(svg.find(">1.0 mm<") != std::string::npos);
}
