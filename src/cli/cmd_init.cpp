// `roller init`: write the built-in profile, or one of the example profiles compiled in
// from config/examples/ (`--example NAME`), to the profile path, for editing; list the
// examples (`--list-examples`). It never overwrites a file silently: --force keeps the old
// one as a backup.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "examples.hpp"
#include "roller/error.hpp"
#include "roller/file_error.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "roller/unique_fd.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller init`'s options, as typed.
struct InitOptions {
  bool force = false;
  std::string example;  ///< empty: the default profile
  bool list_examples = false;
};

std::vector<std::string> example_names() {
  std::vector<std::string> names;
  for (const Example& example : examples()) names.emplace_back(example.name);
  return names;
}

// The example called `name`, or a usage error that names the closest one and lists them all.
const Example& require_example(std::string_view name) {
  for (const Example& example : examples()) {
    if (example.name == name) return example;
  }
  const std::vector<std::string> names = example_names();
  throw UsageError(fmt::format("--example: unknown example '{}'{}; the examples are {}",
                               printable(name), did_you_mean(name, names), fmt::join(names, ", ")));
}

int list_examples(Context& c) {
  std::size_t width = 0;
  for (const Example& example : examples()) width = std::max(width, example.name.size());
  for (const Example& example : examples()) {
    c.out << fmt::format("{:<{}}  {}\n", example.name, width, example.summary);
  }
  return 0;
}

// The first of FILE.bak, FILE.bak.2, FILE.bak.3, ... that does not exist yet.
std::filesystem::path free_backup_name(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path backup = path.string() + ".bak";
  for (int n = 2; std::filesystem::exists(std::filesystem::symlink_status(backup, ec)); ++n) {
    backup = fmt::format("{}.bak.{}", path.string(), n);
  }
  return backup;
}

void setup_init(CLI::App& cmd, InitOptions& options) {
  cmd.add_flag("--force", options.force,
               "Replace an existing profile (the old one is kept as PROFILE.bak)");
  cmd.add_option("--example", options.example,
                 "Write the example profile NAME instead (see --list-examples)")
      ->type_name("NAME")
      ->check(non_empty());
  cmd.add_flag("--list-examples", options.list_examples,
               "List the example profiles, one a line with what each is for");
  cmd.footer(
      "The profile path is --profile, else ROLLER_PROFILE, else\n"
      "$XDG_CONFIG_HOME/roller/profile.toml, else ~/.config/roller/profile.toml.\n"
      "Every number of the default profile and of the examples is sourced in\n"
      "docs/rules.md.\n\n"
      "Examples:\n"
      "  roller init\n"
      "  roller init --profile ~/roller-travel.toml\n"
      "  roller init --list-examples\n"
      "  roller init --example scalp-hair-loss");
}

int run_init(const InitOptions& options, Context& c) {
  if (options.list_examples) {
    if (!options.example.empty()) {
      throw UsageError("--example and --list-examples go apart: pick one");
    }
    if (options.force) throw UsageError("--list-examples only lists: it takes no --force");
    return list_examples(c);
  }
  // Checked before the profile path, so that a mistyped name never meets an existing file.
  const Example* example = options.example.empty() ? nullptr : &require_example(options.example);
  const std::filesystem::path path = c.profile_location().path;
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  const bool exists = std::filesystem::exists(status);
  if (exists && std::filesystem::is_directory(std::filesystem::status(path, ec))) {
    throw directory_not_file(path.string(), "profile");
  }
  if (exists && !options.force) {
    throw FileError(fmt::format(
        "{}: a profile exists already; edit it, or run 'roller init{} "
        "--force' to replace it (the old one is kept as a backup)",
        path.string(), example ? fmt::format(" --example {}", example->name) : std::string()));
  }
  if (!path.parent_path().empty()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      throw FileError(fmt::format("{}: cannot create the folder: {}", path.parent_path().string(),
                                  ec.message()));
    }
  }
  std::string kept;
  if (exists) {
    const std::filesystem::path backup = free_backup_name(path);
    if (::rename(path.c_str(), backup.c_str()) != 0) throw io_error(path, "cannot keep a backup");
    kept = fmt::format("; the old one is kept as {}", printable(backup.string(), uncut));
  }
  // 0600, like the log: the profile describes a person's health routine.
  write_whole(path, example ? example->text : default_profile_text(), 0600);
  c.out << fmt::format("Wrote {} to {}{}\n",
                       example ? fmt::format("the example profile {}", example->name)
                               : std::string("the default profile"),
                       printable(path.string(), uncut), kept);
  return 0;
}

}  // namespace

const Command init_command{"init", "Write the default profile to the profile path, for editing",
                           with_options<InitOptions, setup_init, run_init>};

}  // namespace roller::cli
