// The command registry and the mapping of errors to exit statuses.
#include "app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <ostream>

#include "commands.hpp"
#include "roller/error.hpp"
#include "roller/suggest.hpp"
#include "roller/text.hpp"

namespace roller::cli {

CLI::Validator non_empty() {
  return CLI::Validator(
      [](const std::string& value) {
        return value.empty() ? std::string("must not be empty") : "";
      },
      "", "non-empty");
}

std::size_t require_area(const Profile& profile, std::string_view name) {
  if (auto index = profile.find_area(name)) return *index;
  const auto guess = closest_name(name, profile.area_names());
  throw UsageError(fmt::format(
      "unknown area '{}'{}", printable(name),
      guess ? fmt::format(" (did you mean '{}'?)", *guess)
            : fmt::format("; the profile's areas are {}", fmt::join(profile.area_names(), ", "))));
}

namespace {

/// One command: its CLI11 subcommand and what runs it.
struct Command {
  CLI::App* app;
  std::function<int(Context&)> run;
};

/// A command of the registry: its name, what builds its options, and what runs it.
struct CommandSpec {
  std::string_view name;
  std::function<CLI::App*(CLI::App&)> setup;
  std::function<int(Context&)> run;
};

// The global options that take a value (as the next argument, or after '=').
constexpr std::string_view valued_options[] = {"--profile", "--log", "--now", "--color"};

// The command a command line names: its first word that is neither an option nor a global
// option's value, as CLI11 will read it; empty when there is none. Anything odd (an
// unknown word, "--" or help) makes run() build every command, and CLI11 judge the line.
std::string_view command_word(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--" || word == "--help" || word == "-h") return {};  // main help lists all
    if (word.starts_with("-")) {
      const bool takes_value = std::find(std::begin(valued_options), std::end(valued_options),
                                         word) != std::end(valued_options);
      if (takes_value) ++i;
      continue;
    }
    return word;
  }
  return {};
}

std::vector<std::string> command_names(const std::vector<Command>& commands) {
  std::vector<std::string> names;
  for (const auto& command : commands) {
    if (!command.app->get_group().empty()) names.push_back(command.app->get_name());
  }
  return names;
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

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool out_tty,
        bool err_tty) {
  CLI::App app{"roller: track home dermaroller sessions and the rest your skin needs between them",
               "roller"};
  app.set_version_flag("--version", "roller " ROLLER_VERSION);
  app.require_subcommand(1);
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

  // The registry: every command, in the order `roller --help` lists them. Building a
  // command's options is most of roller's start-up, so when the command line names one,
  // only that one is built; help, and a line naming none, build them all.
  LogOptions log_options;
  NextOptions next_options;
  HistoryOptions history_options;
  CleanReminderOptions reminder_options;
  CareOptions clean_options;
  CareOptions replace_options;
  VoidOptions void_options;
  InitOptions init_options;
  HoldOptions hold_options;
  ImportOptions import_options;
  StatsOptions stats_options;
  CompleteOptions complete_options;
  CheckOptions check_options;
  const CommandSpec registry[] = {
      {"log", [&](CLI::App& a) { return setup_log(a, log_options); },
       [&](Context& c) { return run_log(log_options, c); }},
      {"next", [&](CLI::App& a) { return setup_next(a, next_options); },
       [&](Context& c) { return run_next(next_options, c); }},
      {"history", [&](CLI::App& a) { return setup_history(a, history_options); },
       [&](Context& c) { return run_history(history_options, c); }},
      {"stats", [&](CLI::App& a) { return setup_stats(a, stats_options); },
       [&](Context& c) { return run_stats(stats_options, c); }},
      {"clean-reminder", [&](CLI::App& a) { return setup_clean_reminder(a, reminder_options); },
       [&](Context& c) { return run_clean_reminder(reminder_options, c); }},
      {"clean", [&](CLI::App& a) { return setup_clean(a, clean_options); },
       [&](Context& c) { return run_clean(clean_options, c); }},
      {"replace", [&](CLI::App& a) { return setup_replace(a, replace_options); },
       [&](Context& c) { return run_replace(replace_options, c); }},
      {"hold", [&](CLI::App& a) { return setup_hold(a, hold_options); },
       [&](Context& c) { return run_hold(hold_options, c); }},
      {"undo", [&](CLI::App& a) { return setup_undo(a); }, [&](Context& c) { return run_undo(c); }},
      {"void", [&](CLI::App& a) { return setup_void(a, void_options); },
       [&](Context& c) { return run_void(void_options, c); }},
      {"import", [&](CLI::App& a) { return setup_import(a, import_options); },
       [&](Context& c) { return run_import(import_options, c); }},
      {"check", [&](CLI::App& a) { return setup_check(a, check_options); },
       [&](Context& c) { return run_check(check_options, c); }},
      {"init", [&](CLI::App& a) { return setup_init(a, init_options); },
       [&](Context& c) { return run_init(init_options, c); }},
      {"__complete", [&](CLI::App& a) { return setup_complete(a, complete_options); },
       [&](Context& c) { return run_complete(complete_options, c); }},
  };
  const std::string_view named = command_word(argc, argv);
  const bool known = std::any_of(std::begin(registry), std::end(registry),
                                 [&](const CommandSpec& spec) { return spec.name == named; });
  std::vector<Command> commands;
  for (const CommandSpec& spec : registry) {
    if (!known || spec.name == named) commands.push_back({spec.setup(app), spec.run});
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::RequiredError& e) {
    if (app.get_subcommands().empty()) {
      const auto extra = app.remaining();
      if (!extra.empty() && extra.front().starts_with("-")) {
        err << fmt::format("roller: unknown option '{}' (see roller --help)\n",
                           printable(extra.front()));
      } else if (!extra.empty()) {
        const auto names = command_names(commands);
        const auto guess = closest_name(extra.front(), names);
        err << fmt::format(
            "roller: unknown command '{}'{}; the commands are {} (see roller "
            "--help)\n",
            printable(extra.front()), guess ? fmt::format(" (did you mean '{}'?)", *guess) : "",
            fmt::join(names, ", "));
      } else {
        err << fmt::format("roller: a command is required: {} (see roller --help)\n",
                           fmt::join(command_names(commands), ", "));
      }
    } else {
      err << fmt::format("roller: {} (see roller {} --help)\n", one_line(e.what()),
                         app.get_subcommands().front()->get_name());
    }
    return static_cast<int>(ExitCode::usage);
  } catch (const CLI::ParseError& e) {
    const auto parsed = app.get_subcommands();
    err << fmt::format("roller: {} (see roller {}--help)\n", one_line(e.what()),
                       parsed.empty() ? "" : parsed.front()->get_name() + " ");
    return static_cast<int>(ExitCode::usage);
  }

  try {
    if (global.no_color && global.color != "auto") {
      throw UsageError("--no-color and --color go apart: pick one");
    }
    Context context(global, out, err, out_tty, err_tty);
    for (const auto& command : commands) {
      if (command.app->parsed()) return command.run(context);
    }
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    err << "roller: " << e.what() << '\n';
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    err << "roller: " << e.what() << '\n';
    return static_cast<int>(ExitCode::runtime);
  }
}

}  // namespace roller::cli
