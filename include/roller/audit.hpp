// The whole-log audit behind `roller check`: what is wrong in a log that roller can still
// read, beyond its unreadable lines. Pure: the profile, the log and its judge in, findings
// out. The rules themselves are the judge's; this module only words what it finds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roller/judge.hpp"
#include "roller/log.hpp"
#include "roller/profile.hpp"

namespace roller {

/// One problem, at a line of the log.
struct Finding {
  std::uint32_t line = 0;
  std::string_view kind;  ///< "rule", "unknown_area", "unknown_product", "duplicate_id", "unknown_void",
                          ///< "void_cycle" (and, from check itself, "unreadable", "torn")
  std::optional<std::uint64_t> id;  ///< the record's id, where it has one
  Rule rule = Rule::ok;             ///< kind "rule": the rule broken
  std::string message;
};

/// The name `check --json` gives a rule ("home_limit", "too_soon", ...).
[[nodiscard]] std::string_view rule_name(Rule rule);

/// Duplicate ids, voids of unknown ids, voids in a cycle, sessions on areas the profile does
/// not define, counted unforced sessions the judge would refuse, and forced sessions deeper
/// than the home limit; ordered by line.
[[nodiscard]] std::vector<Finding> audit_log(const LogData& log, const Judge& judge);

}  // namespace roller
