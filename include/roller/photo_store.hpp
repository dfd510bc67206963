// The photo store: a folder beside the log where each photo is kept under the SHA-256 of
// its bytes, so the log names a photo by its hash and never holds the photo itself. Telling
// an image by its first bytes, hashing (OpenSSL's libcrypto), and copying a file in so that
// a crash never leaves half a photo under a hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roller/audit.hpp"
#include "roller/log.hpp"
#include "roller/unique_fd.hpp"

namespace roller {

/// The kinds of image roller keeps: what phones and cameras save.
enum class ImageType : std::uint8_t { jpeg, png, webp, heic };

/// How many of a file's first bytes sniff_image() needs to tell its type.
inline constexpr std::size_t sniff_length = 64;

/// The type of image whose file starts with `head` (its first sniff_length bytes, or all of
/// a shorter file), by its signature ("magic bytes"); nullopt when it is none of them.
[[nodiscard]] std::optional<ImageType> sniff_image(std::string_view head);

/// "JPEG", "PNG", "WebP", "HEIC".
[[nodiscard]] std::string_view image_type_name(ImageType type);

/// "image/jpeg", "image/png", "image/webp", "image/heic": for a data: URI.
[[nodiscard]] std::string_view mime_type(ImageType type);

/// SHA-256 over bytes given in parts, by OpenSSL's libcrypto.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// The digest of everything given, as 64 lowercase hex digits. Call once.
  [[nodiscard]] std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// The photo folder that goes with the log at `log`: `photos` beside it. For the default
/// log that is $XDG_DATA_HOME/roller/photos; a log named by --log keeps its photos beside
/// it, so another log (a test's, a synced folder's) has photos of its own.
[[nodiscard]] std::filesystem::path photos_folder(const std::filesystem::path& log);

/// Where the photo `hash` is (or would be) kept in `folder`.
[[nodiscard]] std::filesystem::path photo_path(const std::filesystem::path& folder,
                                               std::string_view hash);

/// Whether the photo `hash` is in `folder` (a regular file, a link to one included).
[[nodiscard]] bool photo_present(const std::filesystem::path& folder, std::string_view hash);

/// A file to add to the store: open, a regular file, an image by its signature.
struct PhotoSource {
  std::filesystem::path path;
  UniqueFd fd;
  ImageType type = ImageType::jpeg;
};

/// Opens `path` and checks it. Throws FileError when it cannot be opened or read (a missing
/// file), UsageError when it is a folder or not a JPEG, PNG, WebP or HEIC image.
[[nodiscard]] PhotoSource open_photo(const std::filesystem::path& path);

/// What storing a photo did.
struct StoredPhoto {
  std::string hash;
  bool already = false;  ///< the store held the photo already; it was left as it was
};

/// Makes the photo folder (mode 0700) when it is missing; its parent must exist. Returns
/// the folder's permission bits. Throws FileError when it cannot be made, is not a folder,
/// or roller may not write in it.
unsigned make_photos_folder(const std::filesystem::path& folder);

/// Copies `source` into `folder` under its SHA-256: into a temporary file (mode 0600) of
/// the folder, fsync, rename to the hash, fsync of the folder. A crash leaves at most a
/// temporary file (".tmp-" and six characters), never part of a photo under a hash. A
/// photo the folder holds already is kept and the copy dropped. Throws FileError on I/O
/// errors, leaving no temporary file behind.
[[nodiscard]] StoredPhoto store_photo(const std::filesystem::path& folder, PhotoSource& source);

/// The counted photo records of `log` whose file is not in `folder`, in line order.
[[nodiscard]] std::vector<const Event*> missing_photos(const LogData& log,
                                                       const std::filesystem::path& folder);

/// What `roller check` says of missing_photos(): one finding (kind "missing_photo") per
/// record, naming the photo's file, area and hash and where it should be. `folder` is
/// shown as given: escape it first.
[[nodiscard]] std::vector<Finding> photo_problems(const LogData& log,
                                                  const std::filesystem::path& folder,
                                                  std::string_view shown_folder);

}  // namespace roller
