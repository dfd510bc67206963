// `roller use`: record that a product of the profile (a retinoid, minoxidil) went on some
// areas. The use opens the product's window before sessions, which the judge enforces on
// `log`; a use that comes inside the window after a session is recorded all the same (it has
// happened) with a warning per area, since warning is all that is left to do.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/judge.hpp"
#include "roller/log_file.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller use`'s options, as typed.
struct UseOptions {
  std::string product;
  std::vector<std::string> areas;
  std::string at;
  std::string note;
  bool note_given = false;
  bool force = false;
};

// As long as a session's note: a use is described no more briefly.
constexpr std::size_t max_note_chars = 4000;

/// A validated request to record a use.
struct UseRequest {
  const Product* product = nullptr;
  std::vector<std::size_t> areas;  ///< as given, else the product's, in its order
  Timestamp at;
  std::optional<std::string> note;
};

// "forehead, cheeks": areas of the profile by index, for messages.
std::string area_names(const Profile& profile, const std::vector<std::size_t>& areas) {
  std::vector<std::string> names;
  for (const std::size_t a : areas) names.push_back(profile.areas[a].name);
  return fmt::format("{}", fmt::join(names, ", "));
}

const Product& require_product(const Profile& profile, std::string_view name) {
  if (const Product* product = profile.find_product(name)) return *product;
  std::vector<std::string> names;
  for (const Product& p : profile.products) names.push_back(p.name);
  if (names.empty()) {
    throw UsageError(
        fmt::format("unknown product '{}': the profile defines no products "
                    "(add a [products.NAME] table)",
                    printable(name)));
  }
  const auto guess = closest_name(name, names);
  throw UsageError(
      fmt::format("unknown product '{}'{}", printable(name),
                  guess ? did_you_mean(guess)
                        : fmt::format("; the profile's products are {}", fmt::join(names, ", "))));
}

UseRequest make_request(const UseOptions& o, const Profile& profile, Timestamp now) {
  UseRequest request;
  request.product = &require_product(profile, o.product);
  const Product& product = *request.product;
  for (const std::string& name : o.areas) {
    const std::size_t area = require_area(profile, name);
    if (!product.applies_to(area)) {
      throw UsageError(fmt::format("--area: {} is not used on {}; its areas are {}", product.name,
                                   name, area_names(profile, product.areas)));
    }
    if (std::find(request.areas.begin(), request.areas.end(), area) != request.areas.end()) {
      throw UsageError(fmt::format("--area: {} is named twice", name));
    }
    request.areas.push_back(area);
  }
  if (request.areas.empty()) request.areas = product.areas;
  request.at = o.at.empty() ? now : parse_past_time(o.at, now, "--at");
  if (o.note_given) {
    check_text(o.note, "--note", max_note_chars, /*multiline=*/true);
    request.note = o.note;
  }
  return request;
}

// "5 days", "1 day", "0.5 days".
std::string days_phrase(std::int64_t seconds) {
  const std::string days = format_days(seconds);
  return fmt::format("{} day{}", days, days == "1" ? "" : "s");
}

// Adds the use just appended to the log as read, so that the judge, and nothing here, says
// where its window reaches and which sessions already logged fall inside it. In place: a
// copy of a large log would double what `use` holds in memory.
void add_use(LogData& log, const UseRequest& request, std::uint64_t id, const Profile& profile) {
  const auto intern = [&log](const std::string& name) { return intern_name(log, name); };
  UseDetail detail;
  for (const std::size_t a : request.areas) detail.areas.push_back(intern(profile.areas[a].name));
  Event use;
  use.utc = request.at.utc;
  use.offset = request.at.offset;
  use.id = id;
  use.kind = RecordKind::use;
  use.product = intern(request.product->name);
  use.detail = log.uses.size();
  use.line = log.lines + 1;
  log.uses.push_back(std::move(detail));
  log.events.push_back(use);
}

void setup_use(CLI::App& cmd, UseOptions& options) {
  cmd.add_option("PRODUCT", options.product, "The product used (one of the profile's products)")
      ->required()
      ->check(non_empty());
  cmd.add_option("--area", options.areas,
                 "An area it went on; repeat for more (default: every area the product is for)")
      ->type_name("AREA")
      ->check(non_empty());
  cmd.add_option("--at", options.at, "When it was applied, if not now (a past time)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--note", options.note, "A note to keep with the use")
      ->type_name("TEXT")
      ->each([&options](const std::string&) { options.note_given = true; });
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "Products are the profile's [products.NAME] tables. A use opens the product's window\n"
      "before sessions (stop_before_days): `roller log` refuses a session on those areas until\n"
      "it ends (exit 3, unless --force). A use within avoid_after_hours of a session on the\n"
      "area is still recorded, with a warning: it has already happened.\n\n"
      "Examples:\n"
      "  roller use retinoid --area forehead --area cheeks\n"
      "  roller use minoxidil\n"
      "  roller use retinoid --at yesterday --note \"0.025% cream\"");
}

int run_use(const UseOptions& options, Context& c) {
  const Profile& profile = c.profile();
  const UseRequest request = make_request(options, profile, c.now);
  const Product& product = *request.product;
  const std::int64_t now = c.now.utc;

  auto [file, log] = c.open_log_for_writing(options.force);
  // The use has happened: a window after a session can only be pointed out. Worked out
  // before the use joins `log`, which moves the events this judge points into.
  std::vector<std::string> after_warnings;
  {
    const Judge judge(profile, log);
    c.report_unknown_areas(judge, log);
    for (const std::size_t a : request.areas) {
      for (const AfterWindow& w : judge.after_windows(a, request.at.utc)) {
        if (w.product != &product) continue;
        const std::string& area = profile.areas[a].name;
        const std::string& rolled = log.name(w.session->area);
        const std::string which =
            rolled == area ? area : fmt::format("{} (which overlaps {})", printable(rolled), area);
        after_warnings.push_back(fmt::format("{} was rolled on {}; avoid {} there until {}", which,
                                             format_when(w.session->utc, now), product.name,
                                             format_when(w.end, now)));
      }
    }
  }

  std::vector<std::string> names;
  for (const std::size_t a : request.areas) names.push_back(profile.areas[a].name);
  const std::uint64_t id = new_id(log);
  Record record{request.at, "use", {}};
  record.fields = {{"id", format_id(id)},
                   {"product", product.name},
                   {"areas", fmt::format("{}", fmt::join(names, ","))}};
  if (request.note) record.fields.emplace_back("note", *request.note);
  file.append(record);

  c.out << fmt::format("Recorded {} on {} on {} (id {})\n", product.name,
                       area_names(profile, request.areas), format_when(request.at.utc, now),
                       format_id(id).substr(0, 8));
  if (product.stop_before_seconds > 0) {
    add_use(log, request, id, profile);
    const Judge judged(profile, log);
    std::vector<std::size_t> reached;
    std::int64_t end = request.at.utc;  // the end of its window, as the judge gives it
    for (std::size_t a = 0; a < profile.areas.size(); ++a) {
      for (const ProductWindow& w : judged.windows(a)) {
        if (w.use->id != id) continue;
        reached.push_back(a);
        end = std::max(end, w.end);
      }
    }
    // Its own areas first, as the person named them, then those that overlap them.
    std::vector<std::size_t> shown = request.areas;
    for (const std::size_t a : reached) {
      if (std::find(shown.begin(), shown.end(), a) == shown.end()) shown.push_back(a);
    }
    const std::string why = product.reason.empty() ? "" : ": " + product.reason;
    if (end > now) {
      c.out << fmt::format("No session on {} until {} (stop {} before rolling){}\n",
                           area_names(profile, shown), format_when(end, now),
                           days_phrase(product.stop_before_seconds), why);
    } else {
      c.out << fmt::format(
          "Its window before sessions on {} ended on {} (stop {} before "
          "rolling)\n",
          area_names(profile, shown), format_when(end, now),
          days_phrase(product.stop_before_seconds));
    }
    // A backfilled use can fall before sessions already logged: say which ones it now puts
    // inside its window, as `roller check` will.
    for (const JudgedSession& j : judged.replay()) {
      if (j.session->forced || j.verdict.rule != Rule::product_window ||
          j.verdict.window->use->id != id) {
        continue;
      }
      c.warn(
          fmt::format("the session of {} on {} came inside this window; roller check "
                      "reports it",
                      profile.areas[j.area].name, format_when(j.session->utc, now)));
    }
  }
  for (const std::string& warning : after_warnings) c.warn(warning);
  return 0;
}

}  // namespace

const Command use_command{"use",
                          "Record a product put on the skin; its window keeps sessions off those "
                          "areas",
                          with_options<UseOptions, setup_use, run_use>};

}  // namespace roller::cli
