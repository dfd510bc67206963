// `roller __complete WHAT`: the names shell completions offer, one a line. Hidden from
// --help; the scripts under completions/ call it, so they follow the person's profile.
#include <ostream>

#include "commands.hpp"

namespace roller::cli {
namespace {

/// `roller __complete`'s options, as typed.
struct CompleteOptions {
  std::string what;
};

void setup_complete(CLI::App& cmd, CompleteOptions& options) {
  cmd.group("");  // hidden
  cmd.add_option("what", options.what, "areas, rollers, products or presets")
      ->required()
      ->check(CLI::IsMember({"areas", "rollers", "products", "presets"}));
}

int run_complete(const CompleteOptions& options, Context& c) {
  const Profile& profile = c.profile(/*print_warnings=*/false);
  if (options.what == "areas") {
    for (const Area& area : profile.areas) c.out << area.name << '\n';
  } else if (options.what == "products") {
    for (const Product& product : profile.products) c.out << product.name << '\n';
  } else if (options.what == "presets") {
    for (const HoldPreset& preset : profile.hold_presets) c.out << preset.name << '\n';
  } else if (profile.rollers.empty()) {
    c.out << implicit_roller << '\n';
  } else {
    for (const Roller& roller : profile.rollers) c.out << roller.name << '\n';
  }
  return 0;
}

}  // namespace

const Command complete_command{"__complete",
                               "Print area, roller, product or preset names, for completions",
                               with_options<CompleteOptions, setup_complete, run_complete>};

}  // namespace roller::cli
