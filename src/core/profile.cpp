// Loads and validates the TOML profile. toml++ stays inside this file: no header of ours
// exposes its types. Every rejected value names the file, line and column of its key, and
// every unknown key is a warning with a suggestion, so that a typo never silently changes a
// safety rule.
#include "roller/profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <toml++/toml.h>

#include "roller/error.hpp"
#include "roller/log.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "roller/time.hpp"

namespace roller {
namespace {

constexpr std::size_t max_name_length = 64;  // characters
// Generous bounds that still catch a unit mistake (days for hours, or years).
constexpr double max_rest_days = 3650;
constexpr std::int64_t max_uses = 100'000;
constexpr std::int64_t max_days = 36'500;
// A sitting longer than a day would make a week of daily sessions one use of the roller.
constexpr std::int64_t max_sitting_minutes = 1440;
// The home limit of the guidance roller's defaults follow (docs/rules.md): deeper is allowed
// in the profile, with a warning, and never the default.
constexpr Micrometres guided_home_max_depth = 1500;

class Loader {
 public:
  Loader(Profile& profile, std::string source) : p_(profile), source_(std::move(source)) {}

  void load(const toml::table& root) {
    check_keys(
        root,
        {"home_max_depth_mm", "default_roller", "hygiene", "rest", "areas", "rollers", "aftercare",
         "products", "holds", "healing"},
        "");
    const toml::node* home = root.get("home_max_depth_mm");
    if (home != nullptr) {
      p_.home_max_depth = positive_depth(*home, "home_max_depth_mm");
      if (p_.home_max_depth > guided_home_max_depth) {
        warn(*home,
             fmt::format("home_max_depth_mm {} mm is deeper than the {} mm that guidance "
                         "for home use allows (\"a needle length no greater than 1.5 "
                         "mm\", the article roller grew from; see docs/rules.md); "
                         "deeper needles are for clinics",
                         format_depth(p_.home_max_depth), format_depth(guided_home_max_depth)));
      }
    }
    if (const toml::node* hygiene = root.get("hygiene")) load_hygiene(*hygiene);
    if (const toml::node* healing = root.get("healing")) load_healing(*healing);
    const toml::node* rest = root.get("rest");
    if (rest != nullptr) load_rest(*rest);
    if (const toml::node* areas = root.get("areas")) {
      const std::vector<std::string> before = p_.area_names();
      load_areas(*areas);
      if (root.get("products") == nullptr) keep_products_on(before);
    }
    if (const toml::node* rollers = root.get("rollers")) load_rollers(*rollers);
    if (const toml::node* name = root.get("default_roller")) load_default_roller(*name);
    if (const toml::node* aftercare = root.get("aftercare")) load_aftercare(*aftercare);
    if (const toml::node* products = root.get("products")) load_products(*products);
    if (const toml::node* holds = root.get("holds")) load_hold_presets(*holds);

    if (p_.rest.back().up_to < p_.home_max_depth) {
      const toml::node& where = rest != nullptr ? *rest : (home != nullptr ? *home : root);
      throw error(where,
                  fmt::format("the rest tiers stop at {} mm but home_max_depth_mm is {} mm: "
                              "every depth up to the home limit needs a rest tier",
                              format_depth(p_.rest.back().up_to), format_depth(p_.home_max_depth)));
    }
    // Tables are visited by meaning, not position: report in the order of the file.
    std::stable_sort(warnings_.begin(), warnings_.end(), [](const auto& a, const auto& b) {
      return a.first.line != b.first.line ? a.first.line < b.first.line
                                          : a.first.column < b.first.column;
    });
    for (auto& [position, message] : warnings_) p_.warnings.push_back(std::move(message));
  }

 private:
  [[nodiscard]] std::string where(const toml::source_region& region) const {
    return fmt::format("{}:{}:{}", source_, region.begin.line, region.begin.column);
  }

  [[nodiscard]] FileError error(const toml::node& node, std::string_view message) const {
    return FileError(fmt::format("{}: {}", where(node.source()), message));
  }

  // A value roller accepts but that departs from the guidance its defaults come from.
  void warn(const toml::node& node, std::string_view message) {
    warnings_.emplace_back(node.source().begin,
                           fmt::format("{}: {}", where(node.source()), message));
  }

  void check_keys(const toml::table& table, std::initializer_list<std::string_view> known,
                  std::string_view context) {
    std::vector<std::string> names(known.begin(), known.end());
    for (auto&& [key, value] : table) {
      if (std::find(names.begin(), names.end(), key.str()) != names.end()) continue;
      warnings_.emplace_back(key.source().begin,
                             fmt::format("{}: unknown key '{}{}'{}; it is ignored",
                                         where(key.source()), context, printable(key.str()),
                                         did_you_mean(key.str(), names)));
    }
  }

  [[nodiscard]] const toml::table& table_of(const toml::node& node, std::string_view what) const {
    const toml::table* table = node.as_table();
    if (table == nullptr) throw error(node, fmt::format("'{}' must be a table", what));
    return *table;
  }

  [[nodiscard]] Micrometres positive_depth(const toml::node& node, std::string_view key) const {
    const std::optional<double> mm = node.is_number() ? node.value<double>() : std::nullopt;
    if (!mm) throw error(node, fmt::format("'{}' must be a number of millimetres", key));
    if (!std::isfinite(*mm) || *mm <= 0) {
      throw error(node, fmt::format("'{}' must be a positive number of millimetres", key));
    }
    const std::optional<Micrometres> depth = depth_from_mm(*mm);
    if (!depth) {
      throw error(node, fmt::format("'{}' must be at most {} mm, in steps of 0.001 mm", key,
                                    max_representable_depth / 1000));
    }
    return *depth;
  }

  [[nodiscard]] std::int64_t whole_number(const toml::node& node, std::string_view key,
                                          std::int64_t max) const {
    const std::optional<std::int64_t> value = node.value_exact<std::int64_t>();
    if (!value || *value <= 0 || *value > max) {
      throw error(node, fmt::format("'{}' must be a whole number from 1 to {}", key, max));
    }
    return *value;
  }

  // The rules of names are name_problem's.
  void check_name(const toml::key& key, std::string_view what) const {
    if (const auto why = name_problem(key.str(), what)) {
      throw FileError(fmt::format("{}: {}", where(key.source()), *why));
    }
  }

  void load_hygiene(const toml::node& node) {
    const toml::table& table = table_of(node, "hygiene");
    check_keys(table, {"replace_after_uses", "replace_after_days", "sitting_minutes"}, "hygiene.");
    if (const toml::node* minutes = table.get("sitting_minutes")) {
      // 0 is allowed: every session is then a use of its own that needs its own cleaning.
      const std::optional<std::int64_t> value = minutes->value_exact<std::int64_t>();
      if (!value || *value < 0 || *value > max_sitting_minutes) {
        throw error(*minutes, fmt::format("'sitting_minutes' must be a whole number of minutes "
                                          "from 0 to {}",
                                          max_sitting_minutes));
      }
      p_.sitting_seconds = *value * 60;
    }
    if (const toml::node* uses = table.get("replace_after_uses")) {
      p_.replace_after_uses = static_cast<int>(whole_number(*uses, "replace_after_uses", max_uses));
    }
    if (const toml::node* days = table.get("replace_after_days")) {
      p_.replace_after_days = static_cast<int>(whole_number(*days, "replace_after_days", max_days));
    }
  }

  void load_healing(const toml::node& node) {
    const toml::table& table = table_of(node, "healing");
    check_keys(table, {"redness_hours"}, "healing.");
    if (const toml::node* hours = table.get("redness_hours")) {
      p_.redness_seconds = whole_number(*hours, "redness_hours", max_days * 24) * 3600;
    }
  }

  void load_rest(const toml::node& node) { p_.rest = read_tiers(node, "rest"); }

  // `[[rest]]` tiers, or an area's own (`what` is "areas.NAME.rest").
  std::vector<RestTier> read_tiers(const toml::node& node, const std::string& what) {
    const toml::array* tiers = node.as_array();
    if (tiers == nullptr || tiers->empty()) {
      throw error(node, fmt::format("'{}' must be one or more [[{}]] tables", what, what));
    }
    std::vector<RestTier> out;
    for (const toml::node& element : *tiers) {
      const toml::table& tier = table_of(element, what);
      check_keys(tier, {"up_to_mm", "days"}, what + ".");
      const toml::node* up_to = tier.get("up_to_mm");
      const toml::node* days = tier.get("days");
      if (up_to == nullptr) throw error(element, fmt::format("a [[{}]] tier needs 'up_to_mm'", what));
      if (days == nullptr) throw error(element, fmt::format("a [[{}]] tier needs 'days'", what));
      RestTier t;
      t.up_to = positive_depth(*up_to, "up_to_mm");
      t.rest_seconds = positive_days(*days, "days");
      if (!out.empty() && t.up_to <= out.back().up_to) {
        throw error(*up_to, fmt::format("rest tiers must ascend: up_to_mm {} mm follows {} mm",
                                        format_depth(t.up_to), format_depth(out.back().up_to)));
      }
      // Deeper needles wound deeper and heal longer: a deeper tier that rests less is most
      // likely a typo, though roller cannot know, so it warns instead of refusing.
      const auto longest = std::max_element(
          out.begin(), out.end(),
          [](const RestTier& a, const RestTier& b) { return a.rest_seconds < b.rest_seconds; });
      if (longest != out.end() && t.rest_seconds < longest->rest_seconds) {
        warn(*days, fmt::format("the rest tier up to {} mm rests {} days, fewer than the {} days "
                                "of the shallower tier up to {} mm: deeper sessions need more "
                                "rest, not less",
                                format_depth(t.up_to), format_days(t.rest_seconds),
                                format_days(longest->rest_seconds), format_depth(longest->up_to)));
      }
      out.push_back(t);
    }
    return out;
  }

  // A positive number of days (fractions allowed), as whole seconds.
  [[nodiscard]] std::int64_t positive_days(const toml::node& node, std::string_view key) const {
    const std::optional<double> d = node.is_number() ? node.value<double>() : std::nullopt;
    if (!d || !std::isfinite(*d) || *d <= 0 || *d > max_rest_days) {
      throw error(node, fmt::format("'{}' must be a positive number of days, at most {}", key,
                                    max_rest_days));
    }
    return std::llround(*d * static_cast<double>(seconds_per_day));
  }

  // A line of text: a reason, a thing to avoid.
  [[nodiscard]] std::string line_of_text(const toml::node& node, std::string_view key) const {
    const std::optional<std::string> text = node.value_exact<std::string>();
    if (!text || text->empty() || !is_valid_utf8(*text) ||
        std::any_of(text->begin(), text->end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      throw error(node, fmt::format("'{}' must be a line of text", key));
    }
    return *text;
  }

  // toml++ keeps a table's keys sorted; the file's order is recovered from their lines,
  // because `roller next` lists areas in the order the person wrote them.
  static std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
      const toml::table& table) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, value] : table) entries.emplace_back(&key, &value);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto& sa = a.first->source().begin;
      const auto& sb = b.first->source().begin;
      return sa.line != sb.line ? sa.line < sb.line : sa.column < sb.column;
    });
    return entries;
  }

  void load_areas(const toml::node& node) {
    const toml::table& areas = table_of(node, "areas");
    if (areas.empty()) throw error(node, "'areas' must define at least one area");
    p_.areas.clear();
    for (const auto& [key, value] : in_file_order(areas)) {
      check_name(*key, "area");
      const toml::table& table = table_of(*value, fmt::format("areas.{}", key->str()));
      check_keys(table, {"max_depth_mm", "covers", "rest"}, fmt::format("areas.{}.", key->str()));
      const toml::node* max = table.get("max_depth_mm");
      if (max == nullptr) {
        throw error(*value, fmt::format("area '{}' needs 'max_depth_mm'", key->str()));
      }
      Area area;
      area.name = std::string(key->str());
      area.max_depth = positive_depth(*max, "max_depth_mm");
      if (area.max_depth > p_.home_max_depth) {
        throw error(*max, fmt::format("area '{}' allows {} mm, deeper than the home limit of {} mm",
                                      area.name, format_depth(area.max_depth),
                                      format_depth(p_.home_max_depth)));
      }
      if (const toml::node* rest = table.get("rest")) {
        area.rest = read_tiers(*rest, fmt::format("areas.{}.rest", area.name));
        if (area.rest.back().up_to < area.max_depth) {
          throw error(*rest, fmt::format("the rest tiers of area '{}' stop at {} mm but it allows "
                                         "{} mm: its own tiers must reach its max_depth_mm",
                                         area.name, format_depth(area.rest.back().up_to),
                                         format_depth(area.max_depth)));
        }
      }
      p_.areas.push_back(std::move(area));
    }
    // `covers` names other areas, so it is read once every area is known.
    for (std::size_t i = 0; i < p_.areas.size(); ++i) {
      const toml::table& table = *areas.get(p_.areas[i].name)->as_table();
      if (const toml::node* covers = table.get("covers")) load_covers(i, *covers);
    }
    link_overlaps(areas);
  }

  void load_covers(std::size_t index, const toml::node& node) {
    Area& area = p_.areas[index];
    const toml::array* names = node.as_array();
    if (names == nullptr) {
      throw error(node,
                  fmt::format("'covers' of area '{}' must be a list of area names", area.name));
    }
    for (const toml::node& element : *names) {
      const std::optional<std::string> name = element.value_exact<std::string>();
      if (!name) throw error(element, "'covers' must list area names as strings");
      const auto covered = p_.find_area(*name);
      if (!covered) {
        throw error(element, fmt::format("area '{}' covers '{}', which is not an area{}",
                                         area.name, printable(*name),
                                         did_you_mean(*name, p_.area_names())));
      }
      if (*covered == index)
        throw error(element, fmt::format("area '{}' covers itself", area.name));
      const Area& inner = p_.areas[*covered];
      // A session on the outer area rolls the inner one too, at the same depth.
      if (area.max_depth > inner.max_depth) {
        throw error(element, fmt::format("area '{}' allows {} mm but covers '{}', which allows {} "
                                         "mm",
                                         area.name, format_depth(area.max_depth), inner.name,
                                         format_depth(inner.max_depth)));
      }
      if (std::find(area.covers.begin(), area.covers.end(), *covered) == area.covers.end()) {
        area.covers.push_back(*covered);
      }
    }
  }

  // Closes `covers` transitively in both directions and refuses cycles.
  void link_overlaps(const toml::table& areas) {
    const std::size_t n = p_.areas.size();
    // contains[a][b]: a covers b, directly or through other areas.
    std::vector<std::vector<bool>> contains(n, std::vector<bool>(n, false));
    for (std::size_t a = 0; a < n; ++a) {
      std::vector<std::size_t> stack(p_.areas[a].covers.begin(), p_.areas[a].covers.end());
      while (!stack.empty()) {
        const std::size_t b = stack.back();
        stack.pop_back();
        if (b == a) {
          throw error(*areas.get(p_.areas[a].name),
                      fmt::format("area '{}' covers itself through other areas", p_.areas[a].name));
        }
        if (contains[a][b]) continue;
        contains[a][b] = true;
        for (const std::size_t c : p_.areas[b].covers) stack.push_back(c);
      }
    }
    for (std::size_t a = 0; a < n; ++a) {
      p_.areas[a].overlaps = {a};
      for (std::size_t b = 0; b < n; ++b) {
        if (contains[a][b] || contains[b][a]) p_.areas[a].overlaps.push_back(b);
      }
    }
  }

  void load_aftercare(const toml::node& node) {
    const toml::array* rules = node.as_array();
    if (rules == nullptr) throw error(node, "'aftercare' must be [[aftercare]] tables");
    p_.aftercare.clear();
    for (const toml::node& element : *rules) {
      const toml::table& rule = table_of(element, "aftercare");
      check_keys(rule, {"from_mm", "avoid", "hours"}, "aftercare.");
      const toml::node* from = rule.get("from_mm");
      const toml::node* avoid = rule.get("avoid");
      const toml::node* hours = rule.get("hours");
      if (from == nullptr || avoid == nullptr || hours == nullptr) {
        throw error(element, "an [[aftercare]] rule needs 'from_mm', 'avoid' and 'hours'");
      }
      AftercareRule r;
      const std::optional<double> mm = from->is_number() ? from->value<double>() : std::nullopt;
      const std::optional<Micrometres> depth = mm ? depth_from_mm(*mm) : std::nullopt;
      if (!depth) {
        throw error(*from,
                    "'from_mm' must be a number of millimetres from 0, in steps of 0.001 mm");
      }
      r.from = *depth;
      r.avoid = line_of_text(*avoid, "avoid");
      r.seconds = whole_number(*hours, "hours", max_days * 24) * 3600;
      p_.aftercare.push_back(std::move(r));
    }
  }

  // A profile with its own areas and no [products] keeps the built-in products on the
  // areas it still has (by name); a product left on none is dropped.
  void keep_products_on(const std::vector<std::string>& old_names) {
    std::vector<Product> kept;
    for (Product& product : p_.products) {
      std::vector<std::size_t> areas;
      for (const std::size_t old : product.areas) {
        if (const auto now = p_.find_area(old_names[old])) areas.push_back(*now);
      }
      if (areas.empty()) continue;
      product.areas = std::move(areas);
      kept.push_back(std::move(product));
    }
    p_.products = std::move(kept);
  }

  void load_products(const toml::node& node) {
    const toml::table& products = table_of(node, "products");
    p_.products.clear();
    for (const auto& [key, value] : in_file_order(products)) {
      check_name(*key, "product");
      const std::string context = fmt::format("products.{}", key->str());
      const toml::table& table = table_of(*value, context);
      check_keys(table, {"stop_before_days", "avoid_after_hours", "areas", "reason"}, context + ".");
      Product product;
      product.name = std::string(key->str());
      if (const toml::node* days = table.get("stop_before_days")) {
        const std::optional<double> d = days->is_number() ? days->value<double>() : std::nullopt;
        if (!d || !std::isfinite(*d) || *d < 0 || *d > max_rest_days) {
          throw error(*days, fmt::format("'stop_before_days' must be a number of days from 0 to {}",
                                         max_rest_days));
        }
        product.stop_before_seconds = std::llround(*d * static_cast<double>(seconds_per_day));
      }
      if (const toml::node* hours = table.get("avoid_after_hours")) {
        const std::optional<std::int64_t> h = hours->value_exact<std::int64_t>();
        if (!h || *h < 0 || *h > max_days * 24) {
          throw error(*hours, fmt::format("'avoid_after_hours' must be a whole number of hours "
                                          "from 0 to {}",
                                          max_days * 24));
        }
        product.avoid_after_seconds = *h * 3600;
      }
      if (const toml::node* areas = table.get("areas")) {
        product.areas = area_list(*areas, fmt::format("product '{}'", product.name));
      } else {
        for (std::size_t i = 0; i < p_.areas.size(); ++i) product.areas.push_back(i);
      }
      if (const toml::node* reason = table.get("reason")) {
        product.reason = line_of_text(*reason, "reason");
      }
      if (product.stop_before_seconds == 0 && product.avoid_after_seconds == 0) {
        warn(*value, fmt::format("product '{}' has neither 'stop_before_days' nor "
                                 "'avoid_after_hours': its uses are recorded but guard nothing",
                                 product.name));
      }
      p_.products.push_back(std::move(product));
    }
  }

  // A list of the profile's area names, as indices, each once.
  std::vector<std::size_t> area_list(const toml::node& node, const std::string& owner) const {
    const toml::array* names = node.as_array();
    if (names == nullptr || names->empty()) {
      throw error(node, fmt::format("'areas' of {} must be a list of one or more area names", owner));
    }
    std::vector<std::size_t> areas;
    for (const toml::node& element : *names) {
      const std::optional<std::string> name = element.value_exact<std::string>();
      if (!name) throw error(element, "'areas' must list area names as strings");
      const auto area = p_.find_area(*name);
      if (!area) {
        throw error(element, fmt::format("{} names '{}', which is not an area{}", owner,
                                         printable(*name), did_you_mean(*name, p_.area_names())));
      }
      if (std::find(areas.begin(), areas.end(), *area) != areas.end()) {
        throw error(element, fmt::format("{} names area '{}' twice", owner, *name));
      }
      areas.push_back(*area);
    }
    return areas;
  }

  void load_hold_presets(const toml::node& node) {
    const toml::table& holds = table_of(node, "holds");
    p_.hold_presets.clear();
    for (const auto& [key, value] : in_file_order(holds)) {
      check_name(*key, "hold preset");
      const std::string context = fmt::format("holds.{}", key->str());
      const toml::table& table = table_of(*value, context);
      check_keys(table, {"days", "reason"}, context + ".");
      const toml::node* days = table.get("days");
      const toml::node* reason = table.get("reason");
      if (days == nullptr || reason == nullptr) {
        throw error(*value, fmt::format("hold preset '{}' needs 'days' and 'reason'", key->str()));
      }
      p_.hold_presets.push_back(
          {std::string(key->str()), positive_days(*days, "days"), line_of_text(*reason, "reason")});
    }
  }

  void load_rollers(const toml::node& node) {
    const toml::table& rollers = table_of(node, "rollers");
    p_.rollers.clear();
    for (const auto& [key, value] : in_file_order(rollers)) {
      check_name(*key, "roller");
      const toml::table& table = table_of(*value, fmt::format("rollers.{}", key->str()));
      check_keys(table,
                 {"kind", "needle_mm", "min_mm", "max_mm", "since", "replace_after_uses",
                  "replace_after_days"},
                 fmt::format("rollers.{}.", key->str()));
      Roller roller;
      roller.name = std::string(key->str());
      if (const toml::node* kind = table.get("kind")) roller.kind = device_kind(*kind);
      const toml::node* needle = table.get("needle_mm");
      const toml::node* min = table.get("min_mm");
      const toml::node* max = table.get("max_mm");
      if (roller.is_pen()) {
        if (needle != nullptr) {
          throw error(*needle, fmt::format("pen '{}' has 'min_mm' and 'max_mm', not 'needle_mm': "
                                           "its depth is set for each session",
                                           roller.name));
        }
        if (min == nullptr || max == nullptr) {
          throw error(*value, fmt::format("pen '{}' needs 'min_mm' and 'max_mm'", roller.name));
        }
        roller.min_depth = positive_depth(*min, "min_mm");
        roller.max_depth = positive_depth(*max, "max_mm");
        if (roller.max_depth < roller.min_depth) {
          throw error(*max, fmt::format("pen '{}' has max_mm {} mm below its min_mm {} mm",
                                        roller.name, format_depth(roller.max_depth),
                                        format_depth(roller.min_depth)));
        }
      } else {
        const toml::node* stray = min != nullptr ? min : max;
        if (stray != nullptr) {
          throw error(*stray, fmt::format("'min_mm' and 'max_mm' are for a pen (kind = \"pen\"); "
                                          "{} '{}' has one needle length: 'needle_mm'",
                                          device_kind_name(roller.kind), roller.name));
        }
        if (needle == nullptr) {
          throw error(*value, fmt::format("{} '{}' needs 'needle_mm'", device_kind_name(roller.kind),
                                          key->str()));
        }
        roller.needle = positive_depth(*needle, "needle_mm");
        if (roller.needle > p_.home_max_depth) {
          throw error(*needle, fmt::format("{} '{}' has {} mm needles, deeper than the home limit "
                                           "of {} mm",
                                           device_kind_name(roller.kind), roller.name,
                                           format_depth(roller.needle),
                                           format_depth(p_.home_max_depth)));
        }
      }
      if (const toml::node* since = table.get("since")) {
        std::optional<toml::date> date;
        if (const auto* d = since->as_date()) date = d->get();
        if (const auto* dt = since->as_date_time()) date = dt->get().date;
        if (!date) throw error(*since, "'since' must be a date like 2026-11-01");
        roller.since_day = days_from_date(date->year, date->month, date->day);
        if (!roller.since_day) throw error(*since, "'since' must be a date from year 1 to 9999");
      }
      // A pen's cartridge is single-use: a new one for every sitting, unless the profile says.
      roller.replace_after_uses = roller.is_pen() ? 1 : p_.replace_after_uses;
      roller.replace_after_days = p_.replace_after_days;
      if (const toml::node* uses = table.get("replace_after_uses")) {
        roller.replace_after_uses =
            static_cast<int>(whole_number(*uses, "replace_after_uses", max_uses));
      }
      if (const toml::node* days = table.get("replace_after_days")) {
        roller.replace_after_days =
            static_cast<int>(whole_number(*days, "replace_after_days", max_days));
      }
      p_.rollers.push_back(std::move(roller));
    }
  }

  [[nodiscard]] DeviceKind device_kind(const toml::node& node) const {
    const std::optional<std::string> kind = node.value_exact<std::string>();
    if (kind == "roller") return DeviceKind::roller;
    if (kind == "stamp") return DeviceKind::stamp;
    if (kind == "pen") return DeviceKind::pen;
    throw error(node, fmt::format("'kind' must be \"roller\", \"stamp\" or \"pen\"{}",
                                  kind ? did_you_mean(*kind, {"roller", "stamp", "pen"}) : ""));
  }

  void load_default_roller(const toml::node& node) {
    const std::optional<std::string> name = node.value_exact<std::string>();
    if (!name) throw error(node, "'default_roller' must be a string naming a [rollers.*] table");
    if (p_.find_roller(*name) == nullptr) {
      std::vector<std::string> names;
      for (const auto& roller : p_.rollers) names.push_back(roller.name);
      throw error(node, fmt::format("default_roller '{}' is not one of the [rollers.*]{}",
                                    printable(*name), did_you_mean(*name, names)));
    }
    p_.default_roller = *name;
  }

  Profile& p_;
  std::string source_;
  std::vector<std::pair<toml::source_position, std::string>> warnings_;
};

}  // namespace

Profile parse_profile_over(Profile base, std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw FileError(fmt::format("{}:{}:{}: {}", source, e.source().begin.line,
                                e.source().begin.column, e.description()));
  }
  base.source = source;
  base.warnings.clear();
  Loader(base, source).load(root);
  return base;
}

std::optional<std::size_t> Profile::find_area(std::string_view name) const {
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if (areas[i].name == name) return i;
  }
  return std::nullopt;
}

const Roller* Profile::find_roller(std::string_view name) const {
  for (const auto& roller : rollers) {
    if (roller.name == name) return &roller;
  }
  return nullptr;
}

std::optional<std::string> name_problem(std::string_view name, std::string_view what) {
  std::size_t chars = 0;
  bool ok = !name.empty();
  for (std::size_t i = 0; ok && i < name.size(); ++chars) {
    const Utf8Char ch = decode_utf8(name, i);
    const char32_t c = ch.code_point;
    ok = ch.length > 0 &&
         (is_letter_or_mark(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
    i += ch.length;
  }
  if (!ok || chars > max_name_length) {
    return fmt::format(
        "{} name '{}' must be 1 to {} letters (of any script), digits, '-', '_' or '.'", what,
        printable(name), max_name_length);
  }
  if (name.front() == '-') {
    return fmt::format("{} name '{}' must not start with '-': on the command line it would read "
                       "as an option",
                       what, printable(name));
  }
  return std::nullopt;
}

const Product* Profile::find_product(std::string_view name) const {
  for (const auto& product : products) {
    if (product.name == name) return &product;
  }
  return nullptr;
}

const HoldPreset* Profile::find_hold_preset(std::string_view name) const {
  for (const auto& preset : hold_presets) {
    if (preset.name == name) return &preset;
  }
  return nullptr;
}

const std::vector<RestTier>& Profile::tiers_for(std::size_t area, Micrometres depth) const {
  const std::vector<RestTier>& own = areas[area].rest;
  return !own.empty() && depth <= own.back().up_to ? own : rest;
}

std::int64_t Profile::rest_seconds(std::size_t area, Micrometres depth) const {
  return tier_rest_seconds(tiers_for(area, depth), depth);
}

std::int64_t tier_rest_seconds(const std::vector<RestTier>& tiers, Micrometres depth) {
  std::int64_t longest = 0;
  for (const auto& tier : tiers) {
    if (depth <= tier.up_to) return tier.rest_seconds;
    longest = std::max(longest, tier.rest_seconds);
  }
  return longest;
}

std::vector<std::string> Profile::area_names() const {
  std::vector<std::string> names;
  names.reserve(areas.size());
  for (const auto& area : areas) names.push_back(area.name);
  return names;
}

}  // namespace roller
