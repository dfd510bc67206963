// The command registry, and the mapping of errors to exit statuses and to roller's own
// words: CLI11's messages ("At Most 1 required but received 2") are rewritten for people
// ("--area given twice").
#include "app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <span>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

// The registry (ninja's `kTools`): every command, one row each, in the order `roller --help`
// lists them. Each row is the value its command's file exports (commands.hpp).
// clang-format off
constexpr const Command* registry[] = {
    &log_command,
    &next_command,
    &remind_command,
    &prompt_command,
    &history_command,
    &stats_command,
    &clean_reminder_command,
    &clean_command,
    &replace_command,
    &hold_command,
    &use_command,
    &react_command,
    &course_command,
    &photo_command,
    &report_command,
    &undo_command,
    &void_command,
    &import_command,
    &check_command,
    &init_command,
    &complete_command,
};
// clang-format on

/// A command built for this run: its CLI11 subcommand and what runs it.
struct BuiltCommand {
  CLI::App* app;
  Runner run;
};

// A flag followed by "=VALUE" is a mistake (`--json=no` does not mean "no JSON"), but
// CLI11 reads such values as booleans: have it refuse them. It still takes "=true", which
// means what the flag alone means.
void refuse_flag_values(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_items_expected_max() == 0) option->disable_flag_override();
  }
}

// The names of `app`'s own options that take a value (as the next argument, or after '='):
// "--profile", "--log", ...
std::vector<std::string> valued_options(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional() || option->get_items_expected_max() == 0) continue;
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// The command a command line names: its first word that is neither an option nor a global
// option's value, as CLI11 will read it; empty when there is none. Anything odd (an
// unknown word, "--" or help) makes run() build every command, and CLI11 judge the line.
// `app` holds the global options only.
std::string_view command_word(const CLI::App& app, int argc, const char* const* argv) {
  const std::vector<std::string> valued = valued_options(app);
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--" || word == "--help" || word == "-h") return {};  // main help lists all
    if (word.starts_with("-")) {
      const bool takes_value = std::find(valued.begin(), valued.end(), word) != valued.end();
      if (takes_value) ++i;
      continue;
    }
    return word;
  }
  return {};
}

// Whether the line asks for help or the version, or ends the options with "--": every
// command is built then, and CLI11 judges the line.
bool asks_for_help(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--" || word == "--help" || word == "-h" || word == "--version") return true;
  }
  return false;
}

// CLI11's messages are good but start with a capital, as a sentence, and sometimes span
// lines; ours are one line, continuing "roller: ".
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      std::islower(static_cast<unsigned char>(text[1]))) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return printable(text, 300);  // CLI11 quotes the arguments it could not use
}

// An argument echoed in a message: quoted, escaped and cut.
std::string in_quotes(std::string_view text) { return fmt::format("'{}'", printable(text)); }

// The commands `roller --help` lists (the hidden ones have no group).
std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) names.push_back(sub->get_name());
  }
  return names;
}

// The command whose line CLI11 was reading, if it got that far.
const CLI::App* parsed_command(const CLI::App& app) {
  const auto parsed = app.get_subcommands();
  return parsed.empty() ? nullptr : parsed.front();
}

// " (see roller log --help)": where the option or argument a message is about is explained.
std::string see_help(const CLI::App* command) {
  return command == nullptr || command->get_parent() == nullptr
             ? std::string(" (see roller --help)")
             : fmt::format(" (see roller {} --help)", command->get_name());
}

// The option called `name` ("--area", "-h", "ID"), looked for in the command being read,
// then among the global options; with the app it belongs to.
std::pair<const CLI::Option*, const CLI::App*> find_option(const CLI::App& app,
                                                           const std::string& name) {
  if (const CLI::App* command = parsed_command(app)) {
    if (const CLI::Option* option = command->get_option_no_throw(name)) return {option, command};
  }
  return {app.get_option_no_throw(name), &app};
}

// "--json" for CLI11's bare flag name "json", "-h" for "h".
std::string dashed(std::string_view name) {
  if (name.starts_with("-")) return std::string(name);
  return fmt::format("{}{}", name.size() == 1 ? "-" : "--", name);
}

// Every option name a command takes, global options included: for "did you mean".
std::vector<std::string> option_names(const CLI::App& app, const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* owner : {command, &app}) {
    if (owner == nullptr) continue;
    for (const CLI::Option* option : owner->get_options()) {
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
      for (const auto& name : option->get_snames()) names.push_back("-" + name);
    }
  }
  return names;
}

// The option `name` was probably meant to be. Not for one letter: "-v" is as close to "-h"
// as to anything, and roller has no one-letter options but -h.
std::optional<std::string> suggest_option(const std::string& name,
                                          const std::vector<std::string>& names) {
  if (name.size() <= 2) return std::nullopt;
  return closest_name(name, names);
}

// "auto, always or never" from CLI11's "{auto,always,never}".
std::string choices(std::string_view set) {
  if (set.size() < 2 || set.front() != '{' || set.back() != '}') return std::string(set);
  std::vector<std::string> items;
  std::string_view rest = set.substr(1, set.size() - 2);
  for (std::size_t comma; (comma = rest.find(',')) != std::string_view::npos;) {
    items.emplace_back(rest.substr(0, comma));
    rest.remove_prefix(comma + 1);
  }
  items.emplace_back(rest);
  if (items.size() == 1) return items.front();
  const std::string last = items.back();
  items.pop_back();
  return fmt::format("{} or {}", fmt::join(items, ", "), last);
}

// "a FILE", "an ID".
std::string with_article(std::string_view word) {
  const bool vowel =
      !word.empty() && std::string_view("AEIOUaeiou").find(word[0]) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", word);
}

// Whether `word` comes before the command on the line (and not after a "--", which makes
// every word after it an argument).
bool before_command(std::span<const char* const> argv, std::string_view word,
                    std::string_view command) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string_view here = argv[i];
    if (here == word) return true;
    if (here == command || here == "--") return false;
  }
  return false;
}

// Whether `word` follows a "--" on the line: an argument then, even if it looks like an
// option.
bool after_double_dash(std::span<const char* const> argv, std::string_view word) {
  bool seen = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string_view here = argv[i];
    if (seen && here == word) return true;
    seen = seen || here == "--";
  }
  return false;
}

// A line CLI11 could not use, beyond what the options took: an unknown option, a stray
// argument, an option of a command given before the command.
std::string extras_message(const CLI::App& app, std::span<const char* const> argv) {
  const CLI::App* command = parsed_command(app);
  std::vector<std::string> extra = app.remaining(true);
  if (!extra.empty() && extra.front() == "--" && extra.size() > 1) extra.erase(extra.begin());
  if (extra.empty()) return fmt::format("unexpected arguments{}", see_help(command));
  const std::string& first = extra.front();
  if (first.size() > 1 && first.starts_with("-") && first != "--" &&
      !after_double_dash(argv, first)) {
    const std::string name = first.substr(0, first.find('='));
    if (command != nullptr && command->get_option_no_throw(name) != nullptr &&
        before_command(argv, first, command->get_name())) {
      // Global options may follow the command, but a command's own options never come
      // before it.
      return fmt::format("{} is an option of {}: put it after the command, like roller {} {}",
                         in_quotes(name), command->get_name(), command->get_name(),
                         printable(name));
    }
    const std::string hint =
        did_you_mean(suggest_option(name, option_names(app, command)), HintForm::clause);
    if (command == nullptr)
      return fmt::format("unknown option {}{}{}", in_quotes(first), hint, see_help(command));
    return fmt::format("{} has no option {}{}{}", command->get_name(), in_quotes(name), hint,
                       see_help(command));
  }
  std::vector<std::string> shown;
  for (const auto& word : extra) shown.push_back(in_quotes(word));
  const std::string what =
      fmt::format("unexpected argument{} {}", extra.size() > 1 ? "s" : "", fmt::join(shown, " "));
  if (command == nullptr) return what + see_help(command);
  std::vector<std::string> positionals;
  for (const CLI::Option* option : command->get_options()) {
    if (option->get_positional()) positionals.push_back(option->get_name(true));
  }
  if (positionals.empty()) {
    return fmt::format("{}: {} takes none{}", what, command->get_name(), see_help(command));
  }
  return fmt::format("{}: {} takes one {}{}", what, command->get_name(),
                     fmt::join(positionals, " and one "), see_help(command));
}

constexpr std::string_view command_after_double_dash =
    "'--' ends the options, and a command cannot follow it: name the command first (see roller "
    "--help)";

// A command line with no command, or a first word that is not one.
std::string no_command_message(const CLI::App& app) {
  const auto names = command_names(app);
  std::vector<std::string> extra = app.remaining();
  if (!extra.empty() && extra.front() == "--") {
    return std::string(command_after_double_dash);
  }
  if (extra.empty()) {
    return fmt::format("a command is required: {} (see roller --help)", fmt::join(names, ", "));
  }
  const std::string& word = extra.front();
  if (word.starts_with("-") && word.size() > 1) {
    const std::string name = word.substr(0, word.find('='));
    return fmt::format(
        "unknown option {}{} (see roller --help)", in_quotes(word),
        did_you_mean(suggest_option(name, option_names(app, nullptr)), HintForm::clause));
  }
  if (word == "help") {
    return "unknown command 'help': run roller --help for the commands, roller COMMAND --help "
           "for one";
  }
  return fmt::format("unknown command {}{}; the commands are {} (see roller --help)",
                     in_quotes(word), did_you_mean(word, names), fmt::join(names, ", "));
}

// Whether `e` is a T. By class, not by get_name(): CLI11 names an ExtrasError after the
// command it was reading.
template <typename T>
bool is_a(const CLI::ParseError& e) {
  return dynamic_cast<const T*>(&e) != nullptr;
}

}  // namespace

std::string usage_message(const CLI::ParseError& e, const CLI::App& app,
                          std::span<const char* const> argv) {
  const std::string what = e.what();
  const CLI::App* command = parsed_command(app);
  // Splits CLI11's "NAME: rest" at the first ": ".
  const auto head = [&](std::string_view text) -> std::pair<std::string, std::string> {
    const std::size_t colon = text.find(": ");
    if (colon == std::string_view::npos) return {"", std::string(text)};
    return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 2))};
  };

  if (is_a<CLI::ExtrasError>(e)) {
    return command == nullptr ? no_command_message(app) : extras_message(app, argv);
  }
  if (is_a<CLI::RequiredError>(e)) {
    if (command == nullptr) return no_command_message(app);
    constexpr std::string_view suffix = " is required";
    if (what.ends_with(suffix)) {
      const std::string name = what.substr(0, what.size() - suffix.size());
      const auto [option, owner] = find_option(app, name);
      if (option != nullptr && option->get_positional()) {
        return fmt::format("{} needs {}{}", owner->get_name(), with_article(name), see_help(owner));
      }
      if (option != nullptr) return fmt::format("{} is required{}", name, see_help(owner));
    }
  }
  if (is_a<CLI::ArgumentMismatch>(e)) {
    const auto [name, rest] = head(what);
    const auto [option, owner] = find_option(app, name);
    constexpr std::string_view at_most = "At Most 1 required but received ";
    if (option != nullptr && rest.starts_with(at_most)) {
      const std::string times = rest.substr(at_most.size());
      return fmt::format("{} given {}{}", name, times == "2" ? "twice" : times + " times",
                         see_help(owner));
    }
    if (option != nullptr && rest.ends_with(" missing")) {
      // "1 required AREA missing", "1 required WHEN:{auto,always,never} missing"
      const std::string type = option->get_type_name();
      const std::size_t set = type.find(":{");
      if (set != std::string::npos) {
        return fmt::format("{} needs a value: {}{}", name, choices(type.substr(set + 1)),
                           see_help(owner));
      }
      return fmt::format("{} needs a value ({}){}", name, type, see_help(owner));
    }
    constexpr std::string_view override = " was given a disallowed flag override";
    if (what.ends_with(override)) {
      const std::string flag = dashed(what.substr(0, what.size() - override.size()));
      return fmt::format("{} takes no value{}", flag, see_help(find_option(app, flag).second));
    }
  }
  if (is_a<CLI::ConversionError>(e)) {
    // "Could not convert: NAME = VALUE": only a flag's value can fail to convert here,
    // since every other option is read as text.
    constexpr std::string_view prefix = "Could not convert: ";
    if (what.starts_with(prefix)) {
      const std::string rest = what.substr(prefix.size());
      const std::string name = rest.substr(0, rest.find(" = "));
      const auto [option, owner] = find_option(app, name);
      if (option != nullptr) return fmt::format("{} takes no value{}", name, see_help(owner));
    }
    const auto [name, rest] = head(what);
    if (rest == "too many inputs for a flag" || rest == "Should be true/false or a number") {
      return fmt::format("{} takes no value{}", dashed(name),
                         see_help(find_option(app, dashed(name)).second));
    }
  }
  if (is_a<CLI::ValidationError>(e)) {
    const auto [name, rest] = head(what);
    const auto [option, owner] = find_option(app, name);
    // IsMember: "blue not in {auto,always,never}"
    const std::size_t not_in = rest.rfind(" not in {");
    if (option != nullptr && not_in != std::string::npos && rest.ends_with("}")) {
      return fmt::format("{}: {} is not one of {}{}", name, in_quotes(rest.substr(0, not_in)),
                         choices(rest.substr(not_in + 8)), see_help(owner));
    }
    if (option != nullptr) {
      return fmt::format("{}: {}{}", name, printable(rest, 300), see_help(owner));
    }
  }
  if (is_a<CLI::RequiresError>(e)) {
    const std::size_t at = what.find(" requires ");
    if (at != std::string::npos) {
      return fmt::format("{} needs {}{}", what.substr(0, at), what.substr(at + 10),
                         see_help(command));
    }
  }
  if (is_a<CLI::ExcludesError>(e)) {
    const std::size_t at = what.find(" excludes ");
    if (at != std::string::npos) {
      return fmt::format("{} and {} go apart: pick one{}", what.substr(0, at), what.substr(at + 10),
                         see_help(command));
    }
  }
  // Anything else CLI11 may say (it cannot be reached from roller's options today): its
  // words, as one line.
  return one_line(what) + see_help(command);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool out_tty,
        bool err_tty) {
  CLI::App app{"roller: track home dermaroller sessions and the rest your skin needs between them",
               "roller"};
  app.set_version_flag("--version", "roller " ROLLER_VERSION);
  // No command runs `next`, as `task` runs its `next` report.
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options may follow the command: `roller next --now today`

  GlobalOptions global;
  app.add_option("--profile", global.profile,
                 "Profile (TOML) to use [env ROLLER_PROFILE; default "
                 "$XDG_CONFIG_HOME/roller/profile.toml, else the built-in profile]")
      ->type_name("FILE")
      ->check(non_empty());
  app.add_option("--log", global.log,
                 "Log file [env ROLLER_LOG; default $XDG_DATA_HOME/roller/roller.log]")
      ->type_name("FILE")
      ->check(non_empty());
  app.add_option("--now", global.now,
                 "Evaluate as if it were this time [env ROLLER_NOW]: RFC 3339, YYYY-MM-DD, "
                 "\"YYYY-MM-DD HH:MM\", today, yesterday")
      ->type_name("TIME")
      ->check(non_empty());
  app.add_flag("--no-color", global.no_color, "No colour (also when NO_COLOR is set)");
  app.add_option("--color", global.color,
                 "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.footer(
      "Exit status: 0 done, 1 file or I/O error, 2 usage error, 3 refused by a safety rule.\n"
      "Run 'roller COMMAND --help' for a command's options and examples.");

  // Building a command's options is most of roller's start-up, so when the command line
  // names one, only that one is built; help, and a line naming none, build them all.
  std::string_view named = command_word(app, argc, argv);
  // A line with no command at all (global options at most) runs `next`: only it is built.
  if (named.empty() && !asks_for_help(argc, argv)) named = next_command.name;
  const bool known = std::any_of(std::begin(registry), std::end(registry),
                                 [&](const Command* command) { return command->name == named; });
  std::vector<BuiltCommand> commands;
  for (const Command* command : registry) {
    if (known && command->name != named) continue;
    CLI::App* sub = app.add_subcommand(std::string(command->name), std::string(command->summary));
    Runner runner = command->setup(*sub);
    refuse_flag_values(*sub);
    commands.push_back({sub, std::move(runner)});
  }
  refuse_flag_values(app);
  // A shell prompt runs `prompt` before every line a person types: whatever goes wrong
  // (a stray ROLLER_NOW, a mistyped option in PS1) must never print into it or fail it.
  // It says why only with --verbose.
  const std::span<const char* const> all_words(argv, static_cast<std::size_t>(argc));
  const bool in_prompt = named == prompt_command.name;
  const bool verbose = std::any_of(all_words.begin(), all_words.end(),
                                   [](const char* w) { return std::string_view(w) == "--verbose"; });
  const auto fail = [&](std::string_view message, ExitCode code) {
    if (!in_prompt || verbose) err << "roller: " << printable(message, uncut) << '\n';
    return in_prompt ? 0 : static_cast<int>(code);
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    return fail(usage_message(e, app, all_words), ExitCode::usage);
  }

  try {
    if (global.no_color && global.color != "auto") {
      throw UsageError("--no-color and --color go apart: pick one");
    }
    Context context(global, out, err, out_tty, err_tty);
    const std::span<const char* const> words(argv, static_cast<std::size_t>(argc));
    for (const auto& command : commands) {
      if (!command.app->parsed()) continue;
      // CLI11 takes a command's name even after "--", where it can only be an argument.
      if (before_command(words, "--", command.app->get_name())) {
        throw UsageError(std::string(command_after_double_dash));
      }
      return command.run(context);
    }
    // No command: `next`, unless words were left over (after a "--", which CLI11 keeps).
    if (!app.remaining().empty()) {
      err << "roller: " << printable(no_command_message(app), uncut) << '\n';
      return static_cast<int>(ExitCode::usage);
    }
    for (const auto& command : commands) {
      if (command.app->get_name() == next_command.name) return command.run(context);
    }
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    // Escaped whole, once more: a message may carry a path from any layer (the log's file
    // handling names the log as it was given), and a folder's name may hold an escape
    // sequence. What is escaped already stays as it is.
    return fail(e.what(), e.code());
  } catch (const std::exception& e) {
    return fail(e.what(), ExitCode::runtime);
  }
}

}  // namespace roller::cli
