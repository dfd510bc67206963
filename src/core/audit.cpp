// Audit of a whole log: every rule re-checked over the recorded history.
#include "roller/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "roller/schedule.hpp"
#include "roller/time.hpp"

namespace roller {
namespace {

void duplicate_ids(const LogData& log, std::vector<Finding>& out) {
  std::unordered_map<std::uint64_t, std::uint32_t> first_line;
  first_line.reserve(log.events.size());
  for (const Event& e : log.events) {
    const auto [it, inserted] = first_line.emplace(e.id, e.line);
    if (!inserted) {
      out.push_back(
          {e.line, fmt::format("id {} is used by line {} already", format_id(e.id), it->second)});
    }
  }
}

void dangling_voids(const LogData& log, std::vector<Finding>& out) {
  std::unordered_map<std::uint64_t, const Event*> by_id;
  by_id.reserve(log.events.size());
  for (const Event& e : log.events) by_id.emplace(e.id, &e);
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::void_record) continue;
    const auto it = by_id.find(e.target);
    if (it == by_id.end()) {
      out.push_back({e.line, fmt::format("void of {}, which no record has", format_id(e.target))});
    } else if (it->second->kind == RecordKind::void_record) {
      out.push_back(
          {e.line, fmt::format("void of the void on line {}, which is ignored", it->second->line)});
    }
  }
}

void broken_rules(const Profile& profile, const LogData& log, std::vector<Finding>& out) {
  const auto& voided = log.voided_ids();
  std::vector<const Event*> sessions;
  for (const Event& e : log.events) {
    if (e.kind == RecordKind::session && voided.count(e.id) == 0) sessions.push_back(&e);
  }
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const Event* a, const Event* b) { return a->utc < b->utc; });
  std::vector<std::optional<std::size_t>> area_of(log.names.size());
  for (std::size_t i = 0; i < log.names.size(); ++i) area_of[i] = profile.find_area(log.names[i]);

  // Per area, the earlier session whose rest ends last, as in the schedule's rule.
  std::vector<const Event*> limiting(profile.areas.size(), nullptr);
  for (const Event* s : sessions) {
    const auto area = area_of[s->area];
    if (!area) continue;
    const std::string what = fmt::format("session of {} at {} mm on {}", log.name(s->area),
                                         format_depth(s->depth), format_rfc3339(s->at()));
    const Judgement depth = judge_depth(profile, *area, s->depth);
    if (depth.verdict == Verdict::deeper_than_home) {
      out.push_back({s->line, fmt::format("{} is deeper than the home limit of {} mm", what,
                                          format_depth(depth.limit))});
    } else if (depth.verdict == Verdict::too_deep_for_area && !s->forced) {
      out.push_back({s->line, fmt::format("{} is deeper than the {} mm the area allows, and not "
                                          "marked forced=true",
                                          what, format_depth(depth.limit))});
    }
    const Event* before = limiting[*area];
    if (before != nullptr) {
      const std::int64_t ends = before->utc + profile.rest_seconds(before->depth);
      if (s->utc < ends && !s->forced) {
        out.push_back(
            {s->line, fmt::format("{} came {:.1f} days after the {} mm session on line "
                                  "{}, which rests the area {:.1f} days, and is not "
                                  "marked forced=true",
                                  what, static_cast<double>(s->utc - before->utc) / seconds_per_day,
                                  format_depth(before->depth), before->line,
                                  static_cast<double>(profile.rest_seconds(before->depth)) /
                                      seconds_per_day)});
      }
      if (s->utc + profile.rest_seconds(s->depth) > ends) limiting[*area] = s;
    } else {
      limiting[*area] = s;
    }
  }
}

}  // namespace

std::vector<Finding> audit_log(const Profile& profile, const LogData& log) {
  std::vector<Finding> findings;
  duplicate_ids(log, findings);
  dangling_voids(log, findings);
  broken_rules(profile, log, findings);
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });
  return findings;
}

}  // namespace roller
