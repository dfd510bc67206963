// Audit of a whole log: every counted session re-judged by the judge's replay, and the
// record-level damage a hand edit or a merge can leave (ids, voids, area names).
#include "roller/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "roller/time.hpp"

namespace roller {
namespace {

void duplicate_ids(const LogData& log, std::vector<Finding>& out) {
  std::unordered_map<std::uint64_t, std::uint32_t> first_line;
  first_line.reserve(log.events.size());
  for (const Event& e : log.events) {
    const auto [it, inserted] = first_line.emplace(e.id, e.line);
    if (!inserted) {
      out.push_back({e.line, "duplicate_id", e.id, Rule::ok,
                     fmt::format("id {} is used by line {} already", format_id(e.id), it->second)});
    }
  }
}

void void_problems(const LogData& log, std::vector<Finding>& out) {
  std::unordered_map<std::uint64_t, const Event*> by_id;
  by_id.reserve(log.events.size());
  for (const Event& e : log.events) by_id.emplace(e.id, &e);
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::void_record) continue;
    const auto it = by_id.find(e.target);
    if (it == by_id.end()) {
      if (!log.counts(e)) continue;  // undone already: it hides nothing, and says so
      out.push_back({e.line, "unknown_void", e.id, Rule::ok,
                     fmt::format("void of {}, which no record has", format_id(e.target))});
    } else if (log.in_void_cycle(e.id)) {
      out.push_back({e.line, "void_cycle", e.id, Rule::ok,
                     fmt::format("void in a cycle of voids (it targets line {}): no void of "
                                 "the cycle counts",
                                 it->second->line)});
    }
  }
}

std::string describe(const LogData& log, const Event& s) {
  return fmt::format("session of {} at {} mm on {}", printable(log.name(s.area)),
                     format_depth(s.depth), format_rfc3339(s.at()));
}

void unknown_areas(const LogData& log, const Judge& judge,
                   std::vector<Finding>& out) {
  if (judge.unknown_areas().empty()) return;
  std::unordered_map<std::uint32_t, const UnknownArea*> by_name;
  for (const UnknownArea& u : judge.unknown_areas()) by_name.emplace(u.name, &u);
  for (const Event* s : judge.sessions()) {
    if (judge.area_of(*s)) continue;
    const auto& closest = by_name.at(s->area)->closest;
    out.push_back({s->line, "unknown_area", s->id, Rule::ok,
                   fmt::format("{} is on an area the profile does not define{}, so no rule "
                               "judges it",
                               describe(log, *s),
                               did_you_mean(closest))});
  }
}

// A use that names a product or an area the profile does not define opens no window there.
void unknown_in_uses(const LogData& log, const Judge& judge, std::vector<Finding>& out) {
  const Profile& profile = judge.profile();
  std::vector<std::string> products;
  for (const Product& p : profile.products) products.push_back(p.name);
  for (const Event* use : judge.uses()) {
    const std::string& product = log.name(use->product);
    if (profile.find_product(product) == nullptr) {
      out.push_back({use->line, "unknown_product", use->id, Rule::ok,
                     fmt::format("the use of {} names a product the profile does not define{}, so "
                                 "it opens no window",
                                 printable(product), did_you_mean(product, products))});
    }
    for (const std::uint32_t name : log.uses[use->detail].areas) {
      const std::string& area = log.name(name);
      if (profile.find_area(area)) continue;
      out.push_back({use->line, "unknown_area", use->id, Rule::ok,
                     fmt::format("the use of {} names the area {}, which the profile does not "
                                 "define{}, so it opens no window there",
                                 printable(product), printable(area),
                                 did_you_mean(area, profile.area_names()))});
    }
  }
}

// A course on an area the profile does not define counts no session; a stop of a course no
// record starts stops nothing.
void course_problems(const LogData& log, const Judge& judge, std::vector<Finding>& out) {
  const Profile& profile = judge.profile();
  std::unordered_map<std::uint64_t, const Event*> courses;
  for (const Event& e : log.events) {
    if (e.kind == RecordKind::course) courses.emplace(e.id, &e);
  }
  for (const Event& e : log.events) {
    if (!log.counts(e)) continue;
    if (e.kind == RecordKind::course && !profile.find_area(log.name(e.area))) {
      out.push_back({e.line, "unknown_area", e.id, Rule::ok,
                     fmt::format("course {} is on the area {}, which the profile does not "
                                 "define{}, so no session counts for it",
                                 printable(log.name(e.course)), printable(log.name(e.area)),
                                 did_you_mean(log.name(e.area), profile.area_names()))});
    }
    if (e.kind == RecordKind::course_stop && courses.count(e.target) == 0) {
      out.push_back({e.line, "unknown_course", e.id, Rule::ok,
                     fmt::format("the stop of course {} names the course {}, which no record "
                                 "starts, so it stops nothing",
                                 printable(log.name(e.course)), format_id(e.target))});
    }
  }
}

std::string why(const Judge& judge, const LogData& log, const JudgedSession& j) {
  const Verdict& v = j.verdict;
  switch (v.rule) {
    case Rule::ok:
      return {};
    case Rule::home_limit:
      return fmt::format("is deeper than the home limit of {} mm", format_depth(v.limit));
    case Rule::area_cap:
      return fmt::format("is deeper than the {} mm the area allows", format_depth(v.limit));
    case Rule::hold:
      if (v.hold->record->kind == RecordKind::reaction) {
        return fmt::format("came during the hold that the severe reaction on line {} started{}",
                           v.hold->record->line,
                           v.hold->open() ? ", which lasts until cleared"
                                          : fmt::format(", which lasted until {}",
                                                        format_rfc3339(to_local(v.until))));
      }
      return fmt::format("came during the hold on line {}, which lasts until {}",
                         v.hold->record->line, format_rfc3339(to_local(v.until)));
    case Rule::reaction:
      return fmt::format("came while the skin was still red after the reaction on line {} "
                         "(redness {}), which rests it until {}",
                         v.reaction->reaction->line,
                         log.reactions[v.reaction->reaction->detail].redness,
                         format_rfc3339(to_local(v.until)));
    case Rule::product_window:
      return fmt::format("came inside the window before sessions that the use of {} on line {} "
                         "opened, which lasts until {}",
                         printable(v.window->product->name), v.window->use->line,
                         format_rfc3339(to_local(v.until)));
    case Rule::too_soon:
    case Rule::too_close_before_later: {
      const Event& other = *v.other;
      const std::int64_t rest = judge.rest_seconds(*judge.area_of(other), other.depth);
      return fmt::format(
          "came {:.1f} days after the {} mm session of {} on line {}, which rests it {:.1f} days",
          static_cast<double>(j.session->utc - other.utc) / seconds_per_day,
          format_depth(other.depth), printable(log.name(other.area)), other.line,
          static_cast<double>(rest) / seconds_per_day);
    }
  }
  return {};
}

void broken_rules(const LogData& log, const Judge& judge, std::vector<Finding>& out) {
  for (const JudgedSession& j : judge.replay()) {
    const Event& s = *j.session;
    if (j.verdict.allowed()) continue;
    // A forced session broke its rule on purpose; only the home limit binds it too.
    if (s.forced && j.verdict.rule != Rule::home_limit) continue;
    out.push_back({s.line, "rule", s.id, j.verdict.rule,
                   fmt::format("{} {}{}", describe(log, s), why(judge, log, j),
                               s.forced ? ", even though forced" : ", and is not marked forced=true")});
  }
}

}  // namespace

std::string_view rule_name(Rule rule) {
  switch (rule) {
    case Rule::ok:
      return "ok";
    case Rule::home_limit:
      return "home_limit";
    case Rule::area_cap:
      return "area_cap";
    case Rule::hold:
      return "hold";
    case Rule::product_window:
      return "product_window";
    case Rule::reaction:
      return "reaction";
    case Rule::too_soon:
      return "too_soon";
    case Rule::too_close_before_later:
      return "too_close_before_later";
  }
  return "ok";
}

std::vector<Finding> audit_log(const LogData& log, const Judge& judge) {
  std::vector<Finding> findings;
  duplicate_ids(log, findings);
  void_problems(log, findings);
  unknown_areas(log, judge, findings);
  unknown_in_uses(log, judge, findings);
  course_problems(log, judge, findings);
  broken_rules(log, judge, findings);
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });
  return findings;
}

}  // namespace roller
