// `roller photo`: progress photos. `photo add` copies image files into the photo store
// (roller/photo_store.hpp) and appends one `photo` record per file, naming it by its hash;
// `photo list` shows the counted photo records and whether each one's file is there. The
// photos themselves never enter the log.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "commands.hpp"
#include "json_writer.hpp"
#include "roller/error.hpp"
#include "roller/log_file.hpp"
#include "roller/photo_store.hpp"
#include "roller/text.hpp"
#include "support.hpp"

namespace roller::cli {
namespace {

/// `roller photo`'s options, as typed.
struct PhotoOptions {
  std::string action = "list";
  std::vector<std::string> files;
  std::string area;
  std::string angle;
  std::string at;
  std::string note;
  bool note_given = false;
  bool json = false;
  bool force = false;
};

/// A `photo add`, checked: the files are open and are images.
struct AddRequest {
  std::size_t area = 0;
  std::string angle;  ///< "" for none
  Timestamp at;
  std::optional<std::string> note;
  std::vector<PhotoSource> sources;
};

// As long as a session's note: a photo is described no more briefly.
constexpr std::size_t max_note_chars = 4000;

// A file's own name as the record keeps it: a name that is not clean text (not UTF-8, a
// control character) is kept escaped, as messages show it, and long ones are cut.
std::string original_name(const std::filesystem::path& path) {
  constexpr std::size_t most_chars = 200;
  return printable(path.filename().string(), most_chars);
}

AddRequest check_add(const PhotoOptions& o, const Profile& profile, Timestamp now) {
  if (o.json) throw UsageError("--json is for photo list: photo add prints no JSON");
  if (o.files.empty()) {
    throw UsageError("photo add needs a FILE, like roller photo add IMG_0001.jpg --area forehead");
  }
  if (o.area.empty()) throw UsageError("--area is required: the area the photo shows");
  AddRequest r;
  r.area = require_area(profile, o.area);
  if (!o.angle.empty()) {
    if (const auto why = name_problem(o.angle, "angle")) throw UsageError(*why);
    r.angle = o.angle;
  }
  r.at = o.at.empty() ? now : parse_past_time(o.at, now, "--at");
  if (o.note_given) {
    check_text(o.note, "--note", max_note_chars, /*multiline=*/true);
    r.note = o.note;
  }
  // Every file before anything is written: one that is not a photo stops them all.
  for (const std::string& file : o.files) r.sources.push_back(open_photo(file));
  return r;
}

int run_add(const PhotoOptions& o, Context& c) {
  const Profile& profile = c.profile();
  AddRequest r = check_add(o, profile, c.now);
  const std::filesystem::path folder = photos_folder(c.log_path());
  // A photo folder roller cannot use is said before the log is created or locked, when the
  // folder that holds it is there to ask.
  std::error_code ec;
  const bool asked_early = std::filesystem::is_directory(
      folder.parent_path().empty() ? std::filesystem::path(".") : folder.parent_path(), ec);
  unsigned mode = asked_early ? make_photos_folder(folder) : 0;
  auto [file, log] = c.open_log_for_writing(o.force);
  if (!asked_early) mode = make_photos_folder(folder);
  if ((mode & 077) != 0) {
    // Photos of one's skin are for one's own eyes, as the log is (a folder made by hand or
    // by a sync tool may be open).
    const std::string shown = printable(folder.string(), uncut);
    c.warn(fmt::format("{}: others can look in the photo folder (mode {:04o}); run: chmod 700 {}",
                       shown, mode, shown));
  }

  const std::string& area = profile.areas[r.area].name;
  std::vector<Record> records;
  std::vector<std::uint64_t> ids;
  std::vector<std::string> lines;
  for (PhotoSource& source : r.sources) {
    const StoredPhoto stored = store_photo(folder, source);
    std::uint64_t id = new_id(log);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id = new_id(log);
    ids.push_back(id);
    Record record{r.at, "photo", {{"id", format_id(id)}, {"area", area}}};
    if (!r.angle.empty()) record.fields.emplace_back("angle", r.angle);
    record.fields.emplace_back("hash", stored.hash);
    const std::string name = original_name(source.path);
    record.fields.emplace_back("file", name);
    if (r.note) record.fields.emplace_back("note", *r.note);
    records.push_back(std::move(record));
    lines.push_back(fmt::format(
        "Added {} ({}) of {}{} on {} (id {}, photo {}){}\n", printable(name),
        image_type_name(source.type), area, r.angle.empty() ? "" : fmt::format(", {}", r.angle),
        format_when(r.at.utc, c.now.utc), format_id(id).substr(0, 8), stored.hash.substr(0, 12),
        stored.already ? "; the same photo was kept already" : ""));
  }
  file.append_all(records);
  for (const std::string& line : lines) c.out << line;
  return 0;
}

/// A counted photo record, for the list.
struct ListedPhoto {
  const Event* event = nullptr;
  const PhotoDetail* detail = nullptr;
  bool present = false;
};

void print_json(const std::vector<ListedPhoto>& photos, const LogData& log,
                const std::filesystem::path& folder, Context& c) {
  JsonWriter json;
  json.begin_object();
  json.member("folder", folder.string());
  json.key("photos");
  json.begin_array();
  for (const ListedPhoto& p : photos) {
    json.begin_object();
    json.member("id", format_id(p.event->id));
    json.member("at", json_time(p.event->utc));
    json.member("area", log.name(p.event->area));
    json.member("angle", p.detail->angle.empty() ? std::nullopt
                                                 : std::optional<std::string>(p.detail->angle));
    json.member("file", p.detail->file);
    json.member("hash", p.detail->hash);
    json.member("path", photo_path(folder, p.detail->hash).string());
    json.member("note", p.event->note == Event::no_note
                            ? std::nullopt
                            : std::optional<std::string>(log.notes[p.event->note]));
    json.member("present", p.present);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.flush(c.out);
}

void print_human(const std::vector<ListedPhoto>& photos, const LogData& log,
                 const std::filesystem::path& folder, bool filtered, Context& c) {
  if (photos.empty()) {
    c.out << (filtered ? "No photos of that area.\n"
                       : "No photos. Add one like: roller photo add IMG_0001.jpg --area "
                         "forehead --angle front\n");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"DATE", "AREA", "ANGLE", "FILE", "PHOTO", "NOTE"});
  std::size_t missing = 0;
  for (const ListedPhoto& p : photos) {
    missing += p.present ? 0 : 1;
    rows.push_back(
        {local_date(p.event->utc), log.name(p.event->area),
         p.detail->angle.empty() ? "-" : p.detail->angle, p.detail->file,
         p.present ? p.detail->hash.substr(0, 12)
                   : fmt::format("{} missing", p.detail->hash.substr(0, 12)),  // cells are escaped
         p.event->note == Event::no_note ? "" : log.notes[p.event->note]});
  }
  c.out << format_table(rows, {}, c.style);
  if (missing > 0) {
    c.out << fmt::format("{} photo{} not in {}: copy {} there from the device that took {}\n",
                         missing, missing == 1 ? " is" : "s are", printable(folder.string(), uncut),
                         missing == 1 ? "it" : "them", missing == 1 ? "it" : "them");
  }
}

int run_list(const PhotoOptions& o, Context& c) {
  const std::pair<bool, std::string_view> add_only[] = {
      {!o.angle.empty(), "--angle"}, {!o.at.empty(), "--at"}, {o.note_given, "--note"}};
  for (const auto& [given, option] : add_only) {
    if (given) throw UsageError(fmt::format("{} is an option of photo add", option));
  }
  if (!o.files.empty()) {
    throw UsageError(fmt::format("unexpected argument '{}': photo list takes no FILE",
                                 printable(o.files.front())));
  }
  const Profile& profile = c.profile();
  std::string area;
  if (!o.area.empty()) area = profile.areas[require_area(profile, o.area)].name;
  LoadOptions load;
  load.keep_notes = true;
  const LogData log = c.read_log(load);
  const std::filesystem::path folder = photos_folder(c.log_path());
  std::vector<ListedPhoto> photos;
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::photo || !log.counts(e)) continue;
    if (!area.empty() && log.name(e.area) != area) continue;
    const PhotoDetail& detail = log.photos[e.detail];
    photos.push_back({&e, &detail, photo_present(folder, detail.hash)});
  }
  std::stable_sort(photos.begin(), photos.end(), [](const ListedPhoto& a, const ListedPhoto& b) {
    return a.event->utc < b.event->utc;
  });
  if (o.json) {
    print_json(photos, log, folder, c);
  } else {
    print_human(photos, log, folder, !area.empty(), c);
  }
  return 0;
}

void setup_photo(CLI::App& cmd, PhotoOptions& options) {
  cmd.add_option("ACTION", options.action, "add or list (the default)")
      ->check(CLI::IsMember({"add", "list"}));
  cmd.add_option("FILE", options.files, "add: the photos (JPEG, PNG, WebP or HEIC)")
      ->check(non_empty());
  cmd.add_option("--area", options.area, "The area the photos show (list: only that area's)")
      ->type_name("AREA")
      ->check(non_empty());
  cmd.add_option("--angle", options.angle, "add: the angle, a name like front or left")
      ->type_name("NAME")
      ->check(non_empty());
  cmd.add_option("--at", options.at, "add: when they were taken, if not now (a past time)")
      ->type_name("TIME")
      ->check(non_empty());
  cmd.add_option("--note", options.note,
                 "add: a note to keep with the photos (the light, a change)")
      ->type_name("TEXT")
      ->each([&options](const std::string&) { options.note_given = true; });
  cmd.add_flag("--json", options.json, "list: print one JSON document, for scripts");
  add_force_over_unreadable(cmd, options.force);
  cmd.footer(
      "Photos are copied into the folder `photos` beside the log (for the default log,\n"
      "$XDG_DATA_HOME/roller/photos), each named by the SHA-256 of its bytes, mode 0600;\n"
      "the log keeps only the hash, the area, the angle and the file's name. The same photo\n"
      "added twice is kept once, with two records. Every file is checked first: one that\n"
      "is not a JPEG, PNG, WebP or HEIC image stops them all (exit 2). `roller check`\n"
      "reports photos whose file is missing; `roller undo` takes back the last one added.\n\n"
      "Examples:\n"
      "  roller photo add IMG_0001.jpg IMG_0002.jpg --area forehead --angle front\n"
      "  roller photo add scalp.heic --area scalp --angle top --at yesterday\n"
      "  roller photo list --area forehead");
}

int run_photo(const PhotoOptions& options, Context& c) {
  if (options.action == "add") return run_add(options, c);
  return run_list(options, c);
}

}  // namespace

const Command photo_command{"photo", "Keep progress photos of an area, named by their hash",
                            with_options<PhotoOptions, setup_photo, run_photo>};

}  // namespace roller::cli
