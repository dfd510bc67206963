// `roller prompt`: a few words for a shell prompt or a status bar ("roll forehead, clean
// r050"), from the same reminders as `roller remind`, without its memory: what is due shows
// until it is done. It never fails a prompt: whatever goes wrong prints nothing and exits 0,
// and says why on stderr only with --verbose.
#include <fmt/format.h>

#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "roller/remind.hpp"
#include "roller/text.hpp"

namespace roller::cli {
namespace {

/// `roller prompt`'s options, as typed.
struct PromptOptions {
  bool verbose = false;
};

// "roll forehead", "roll forehead +2": the first subject of a kind and how many more.
void add_part(std::vector<std::string>& parts, std::string_view verb,
              const std::vector<const Reminder*>& items) {
  if (items.empty()) return;
  const std::string more = items.size() > 1 ? fmt::format(" +{}", items.size() - 1) : "";
  parts.push_back(fmt::format("{} {}{}", verb, printable(items.front()->subject), more));
}

// The segment: one short part per kind of thing to do, in the order of reminders().
std::string segment(const std::vector<Reminder>& items) {
  constexpr std::pair<ReminderKind, std::string_view> verbs[] = {
      {ReminderKind::area_ready, "roll"},      {ReminderKind::course_session, "course"},
      {ReminderKind::course_review, "review"}, {ReminderKind::photo, "photo"},
      {ReminderKind::clean, "clean"},
      {ReminderKind::replace, "replace"},
  };
  // A hold that ended shows as the areas it made ready.
  std::vector<std::string> parts;
  for (const auto& [kind, verb] : verbs) {
    std::vector<const Reminder*> of_kind;
    for (const Reminder& r : items) {
      if (r.kind == kind) of_kind.push_back(&r);
    }
    add_part(parts, verb, of_kind);
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

void setup_prompt(CLI::App& cmd, PromptOptions& options) {
  cmd.add_flag("--verbose", options.verbose,
               "Say on stderr why nothing was printed when the log or profile cannot be read");
  cmd.footer(
      "Prints nothing when nothing is due, and always exits 0: a prompt must never break.\n\n"
      "Examples:\n"
      "  PS1='$(roller prompt) \\$ '                      # bash (zsh: setopt PROMPT_SUBST)\n"
      "  function fish_right_prompt; roller prompt; end   # fish");
}

int run_prompt(const PromptOptions& options, Context& c) {
  // Without --verbose, the log's and profile's warnings go nowhere.
  std::ostringstream unheard;
  Context quiet(c, c.out, unheard);
  Context& use = options.verbose ? c : quiet;
  // A prompt must never hold up the shell: a log another roller has locked (a long photo
  // add, an import) shows nothing this once.
  use.limit_lock_wait(std::chrono::milliseconds(200));
  try {
    const Profile& profile = use.profile();
    const LogData log = use.read_log();
    const Judge judge(profile, log);
    const std::string text = segment(reminders(judge, log, use.now.utc));
    if (!text.empty()) use.out << text << '\n';
  } catch (const std::exception& e) {
    if (options.verbose) c.warn(printable(e.what(), uncut));
  }
  return 0;
}

}  // namespace

const Command prompt_command{
    "prompt", "Print a short segment for a shell prompt: what is due now, or nothing",
    with_options<PromptOptions, setup_prompt, run_prompt>};

}  // namespace roller::cli
