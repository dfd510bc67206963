// The photo store on disk: POSIX calls for the modes, the fsyncs and the rename that make a
// copy all-or-nothing, and OpenSSL's libcrypto for SHA-256 (a well-kept, audited
// implementation that Debian ships, rather than one written here).
#include "roller/photo_store.hpp"

// libcrypto's own SHA-256 functions, not the EVP interface over them: EVP reaches every
// algorithm of the default provider, which linked into roller's static binary made it 4.7 MB
// larger and every command, photo or not, 0.2 ms slower to start (17,000 more relocations
// and 100 more page faults); these add 30 KB. OpenSSL 3 marks them deprecated in favour of
// EVP but ships them (docs/design.md, "Photos").
#define OPENSSL_SUPPRESS_DEPRECATED
#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "roller/error.hpp"
#include "roller/text.hpp"

namespace roller {
namespace {

// A photo is copied in parts of this size: a phone's photo of several MB never sits in
// memory whole.
constexpr std::size_t copy_chunk = 64 << 10;

// A path as messages show it: it came from the person or the environment.
std::string shown(const std::filesystem::path& path) { return printable(path.string(), uncut); }

FileError io_error(const std::filesystem::path& path, std::string_view what, int err) {
  return FileError(fmt::format("{}: {}: {}", shown(path), what, std::strerror(err)));
}

void fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the photo itself is synced
  ::fsync(fd);
  ::close(fd);
}

// Reads up to `n` bytes at `offset`, retrying after signals and short reads; fewer only at
// the end of the file. Returns the errno of a failed read as a negative count.
ssize_t read_at(int fd, char* buffer, std::size_t n, off_t offset) {
  std::size_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd, buffer + done, n - done, offset + static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -errno;
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return static_cast<ssize_t>(done);
}

// HEIF's brands for HEVC-coded images and sequences (ISO/IEC 23008-12 Annex B): what an
// iPhone's HEIC file gives as its major brand, or lists after the generic "mif1".
bool is_heic_brand(std::string_view brand) {
  for (const std::string_view b :
       {"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"}) {
    if (brand == b) return true;
  }
  return false;
}

// An ISO base media file whose "ftyp" box names HEIC, as its major brand or, after the
// generic HEIF brands, among its compatible ones (an AVIF or an MP4 is not HEIC).
bool is_heic(std::string_view head) {
  if (head.size() < 16 || head.substr(4, 4) != "ftyp") return false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
  const std::size_t box = (std::size_t{byte(0)} << 24) | (std::size_t{byte(1)} << 16) |
                          (std::size_t{byte(2)} << 8) | std::size_t{byte(3)};
  if (box < 16) return false;
  const std::string_view major = head.substr(8, 4);
  if (is_heic_brand(major)) return true;
  if (major != "mif1" && major != "msf1") return false;
  const std::size_t end = std::min(box, head.size());
  for (std::size_t at = 16; at + 4 <= end; at += 4) {
    if (is_heic_brand(head.substr(at, 4))) return true;
  }
  return false;
}

}  // namespace

std::optional<ImageType> sniff_image(std::string_view head) {
  using namespace std::string_view_literals;
  if (head.starts_with("\xff\xd8\xff"sv)) return ImageType::jpeg;
  if (head.starts_with("\x89PNG\r\n\x1a\n"sv)) return ImageType::png;
  if (head.size() >= 12 && head.starts_with("RIFF"sv) && head.substr(8, 4) == "WEBP") {
    return ImageType::webp;
  }
  if (is_heic(head)) return ImageType::heic;
  return std::nullopt;
}

std::string_view image_type_name(ImageType type) {
  switch (type) {
    case ImageType::jpeg:
      return "JPEG";
    case ImageType::png:
      return "PNG";
    case ImageType::webp:
      return "WebP";
    case ImageType::heic:
      return "HEIC";
  }
  return "image";
}

std::string_view mime_type(ImageType type) {
  switch (type) {
    case ImageType::jpeg:
      return "image/jpeg";
    case ImageType::png:
      return "image/png";
    case ImageType::webp:
      return "image/webp";
    case ImageType::heic:
      return "image/heic";
  }
  return "application/octet-stream";
}

struct Sha256::Context {
  SHA256_CTX sha{};
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  if (SHA256_Init(&context_->sha) != 1) {
    throw Error(ExitCode::runtime, "cannot start a SHA-256 digest (OpenSSL libcrypto)");
  }
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  if (SHA256_Update(&context_->sha, bytes.data(), bytes.size()) != 1) {
    throw Error(ExitCode::runtime, "SHA-256 digest failed (OpenSSL libcrypto)");
  }
}

std::string Sha256::hex() {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  if (SHA256_Final(digest.data(), &context_->sha) != 1) {
    throw Error(ExitCode::runtime, "SHA-256 digest failed (OpenSSL libcrypto)");
  }
  std::string text;
  text.reserve(2 * digest.size());
  for (const unsigned char byte : digest) text += fmt::format("{:02x}", byte);
  return text;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 sha;
  sha.update(bytes);
  return sha.hex();
}

std::filesystem::path photos_folder(const std::filesystem::path& log) {
  return log.parent_path() / "photos";
}

std::filesystem::path photo_path(const std::filesystem::path& folder, std::string_view hash) {
  return folder / std::string(hash);
}

bool photo_present(const std::filesystem::path& folder, std::string_view hash) {
  struct stat st {};
  return ::stat(photo_path(folder, hash).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

PhotoSource open_photo(const std::filesystem::path& path) {
  PhotoSource source{path, UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), {}};
  if (source.fd.get() < 0) throw io_error(path, "cannot open the photo", errno);
  struct stat st {};
  if (::fstat(source.fd.get(), &st) != 0) throw io_error(path, "cannot read the photo", errno);
  if (S_ISDIR(st.st_mode)) {
    throw UsageError(fmt::format("{}: is a folder, not a photo", shown(path)));
  }
  if (!S_ISREG(st.st_mode)) {
    throw UsageError(fmt::format("{}: is not a regular file, so not a photo", shown(path)));
  }
  std::array<char, sniff_length> head{};
  const ssize_t got = read_at(source.fd.get(), head.data(), head.size(), 0);
  if (got < 0) throw io_error(path, "cannot read the photo", static_cast<int>(-got));
  const auto type = sniff_image(std::string_view(head.data(), static_cast<std::size_t>(got)));
  if (!type) {
    throw UsageError(fmt::format("{}: {}; roller keeps JPEG, PNG, WebP and HEIC photos",
                                 shown(path),
                                 got == 0 ? "is empty" : "is not a JPEG, PNG, WebP or HEIC image"));
  }
  source.type = *type;
  return source;
}

unsigned make_photos_folder(const std::filesystem::path& folder) {
  if (::mkdir(folder.c_str(), 0700) == 0) {
    fsync_dir(folder.parent_path());
  } else if (errno != EEXIST) {
    throw io_error(folder, "cannot create the photo folder", errno);
  }
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0)
    throw io_error(folder, "cannot use the photo folder", errno);
  if (!S_ISDIR(st.st_mode)) {
    throw FileError(
        fmt::format("{}: is not a folder, so roller cannot keep photos there", shown(folder)));
  }
  // Asked before any photo is copied; writing tells for sure (root passes this check).
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    throw io_error(folder, "cannot write photos in the photo folder", errno);
  }
  return st.st_mode & 07777;
}

StoredPhoto store_photo(const std::filesystem::path& folder, PhotoSource& source) {
  std::string temp = (folder / ".tmp-XXXXXX").string();
  UniqueFd out(::mkostemp(temp.data(), O_CLOEXEC));  // mode 0600
  if (out.get() < 0) throw io_error(folder, "cannot write photos in the photo folder", errno);
  // Whatever fails from here removes the temporary file: the store holds whole photos only.
  struct Cleanup {
    const std::string& path;
    bool armed = true;
    ~Cleanup() {
      if (armed) ::unlink(path.c_str());
    }
  } cleanup{temp};

  Sha256 sha;
  std::string buffer(copy_chunk, '\0');
  off_t offset = 0;
  for (;;) {
    const ssize_t got = read_at(source.fd.get(), buffer.data(), buffer.size(), offset);
    if (got < 0) throw io_error(source.path, "cannot read the photo", static_cast<int>(-got));
    if (got == 0) break;
    const std::string_view part(buffer.data(), static_cast<std::size_t>(got));
    sha.update(part);
    if (const int err = write_all(out.get(), part); err != 0) {
      throw io_error(folder, "cannot write the photo", err);
    }
    offset += got;
  }
  if (::fsync(out.get()) != 0) throw io_error(folder, "cannot write the photo", errno);
  StoredPhoto stored{sha.hex(), false};
  const std::filesystem::path target = photo_path(folder, stored.hash);
  if (photo_present(folder, stored.hash)) {
    stored.already = true;  // the same bytes: the copy is dropped by the cleanup
    return stored;
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    throw io_error(target, "cannot store the photo", errno);
  }
  cleanup.armed = false;
  fsync_dir(folder);
  return stored;
}

std::vector<const Event*> missing_photos(const LogData& log, const std::filesystem::path& folder) {
  std::vector<const Event*> missing;
  for (const Event& e : log.events) {
    if (e.kind != RecordKind::photo || !log.counts(e)) continue;
    if (!photo_present(folder, log.photos[e.detail].hash)) missing.push_back(&e);
  }
  return missing;
}

std::vector<Finding> photo_problems(const LogData& log, const std::filesystem::path& folder,
                                    std::string_view shown_folder) {
  std::vector<Finding> findings;
  for (const Event* e : missing_photos(log, folder)) {
    const PhotoDetail& photo = log.photos[e->detail];
    findings.push_back(
        {e->line, "missing_photo", e->id, Rule::ok,
         fmt::format("the photo {} of {} ({}) is not in {}; copy it there from the device "
                     "that took it",
                     printable(photo.file), printable(log.name(e->area)), photo.hash.substr(0, 12),
                     shown_folder)});
  }
  return findings;
}

}  // namespace roller
