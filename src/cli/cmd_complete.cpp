// `roller __complete WHAT`: the names shell completions offer, one a line. Hidden from
// --help; the scripts under completions/ call it, so they follow the person's profile.
#include <ostream>

#include "commands.hpp"

namespace roller::cli {

CLI::App* setup_complete(CLI::App& app, CompleteOptions& options) {
  CLI::App* cmd = app.add_subcommand("__complete", "Print area or roller names, for completions");
  cmd->group("");  // hidden
  cmd->add_option("what", options.what, "areas or rollers")
      ->required()
      ->check(CLI::IsMember({"areas", "rollers"}));
  return cmd;
}

int run_complete(const CompleteOptions& options, Context& c) {
  const Profile& profile = c.profile(/*print_warnings=*/false);
  if (options.what == "areas") {
    for (const Area& area : profile.areas) c.out << area.name << '\n';
  } else if (profile.rollers.empty()) {
    c.out << implicit_roller << '\n';
  } else {
    for (const Roller& roller : profile.rollers) c.out << roller.name << '\n';
  }
  return 0;
}

}  // namespace roller::cli
