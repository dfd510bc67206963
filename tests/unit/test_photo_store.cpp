// Unit tests for the photo store: signatures, SHA-256 of known bytes, the folder's and the
// files' modes, duplicates, and what a failure leaves behind.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "roller/error.hpp"
#include "roller/photo_store.hpp"
#include "support.hpp"

using namespace roller;
using namespace std::string_literals;
using roller::test::mode_of;
using roller::test::read_all;
using roller::test::TempDir;

namespace {

const std::string png_head = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s;
const std::string jpeg_head = "\xff\xd8\xff\xe0\0\x10JFIF\0"s;

// An ISO base media "ftyp" box: its size, the major brand, a minor version, compatible ones.
std::string ftyp(std::string_view major, std::initializer_list<std::string_view> compatible) {
  const std::size_t size = 16 + 4 * compatible.size();
  std::string box = {'\0', '\0', '\0', static_cast<char>(size)};
  box += "ftyp";
  box += major;
  box += "\0\0\0\0"s;
  for (const std::string_view brand : compatible) box += brand;
  return box + "\0\0\0\x08meta"s;
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::size_t files_in(const std::filesystem::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++n;
  return n;
}

}  // namespace

TEST_CASE("sha256_hex gives the digests of FIPS 180-2's examples") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // In parts, as a photo is copied: the same digest as in one.
  Sha256 sha;
  sha.update("abcdbcdecdefdefgefghfghighij");
  sha.update("hijkijkljklmklmnlmnomnopnopq");
  CHECK(sha.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sniff_image tells JPEG, PNG, WebP and HEIC by their signatures") {
  CHECK(sniff_image(jpeg_head) == ImageType::jpeg);
  CHECK(sniff_image("\xff\xd8\xff\xe1\0\0Exif"s) == ImageType::jpeg);
  CHECK(sniff_image(png_head) == ImageType::png);
  CHECK(sniff_image("RIFF\x24\0\0\0WEBPVP8 "s) == ImageType::webp);
  CHECK(sniff_image(ftyp("heic", {"mif1", "heic"})) == ImageType::heic);
  CHECK(sniff_image(ftyp("mif1", {"mif1", "heic"})) == ImageType::heic);
  CHECK(sniff_image(ftyp("heix", {})) == ImageType::heic);
  CHECK(image_type_name(ImageType::webp) == "WebP");
  CHECK(mime_type(ImageType::heic) == "image/heic");
}

TEST_CASE("sniff_image refuses what only looks like an image") {
  CHECK_FALSE(sniff_image(""));
  CHECK_FALSE(sniff_image("\xff\xd8"s));                     // cut short
  CHECK_FALSE(sniff_image("\x89PNG\r\n"s));                  // cut short
  CHECK_FALSE(sniff_image("RIFF\x24\0\0\0WAVEfmt "s));       // a sound
  CHECK_FALSE(sniff_image(ftyp("isom", {"isom", "mp41"})));  // a video
  CHECK_FALSE(sniff_image(ftyp("avif", {"mif1", "avif"})));  // HEIF, but AV1: not HEIC
  CHECK_FALSE(sniff_image(ftyp("mif1", {"mif1", "avif"})));
  CHECK_FALSE(sniff_image("GIF89a\x01\0\x01\0"s));
  CHECK_FALSE(sniff_image("%PDF-1.7\n"));
  CHECK_FALSE(sniff_image("PNG is a format\n"));
  std::string box = ftyp("mif1", {"heic"});
  box[3] = 8;  // a box too short to hold its brands
  CHECK_FALSE(sniff_image(box));
}

TEST_CASE("photos_folder is photos beside the log") {
  CHECK(photos_folder("/home/a/.local/share/roller/roller.log") ==
        "/home/a/.local/share/roller/photos");
  CHECK(photos_folder("/tmp/t/my.log") == "/tmp/t/photos");
  CHECK(photos_folder("my.log") == "photos");
  CHECK(photo_path("/p", "ab") == "/p/ab");
}

TEST_CASE("open_photo refuses a file that is not an image, an empty one and a folder") {
  const TempDir dir;
  write_file(dir.path() / "notes.txt", "not a photo\n");
  write_file(dir.path() / "empty.jpg", "");
  CHECK_THROWS_WITH_AS(
      (void)open_photo(dir.path() / "notes.txt"),
      doctest::Contains("notes.txt: is not a JPEG, PNG, WebP or HEIC image; roller keeps"),
      UsageError);
  CHECK_THROWS_WITH_AS((void)open_photo(dir.path() / "empty.jpg"),
                       doctest::Contains("empty.jpg: is empty; roller keeps"), UsageError);
  CHECK_THROWS_WITH_AS((void)open_photo(dir.path()),
                       doctest::Contains(": is a folder, not a photo"), UsageError);
  CHECK_THROWS_WITH_AS((void)open_photo(dir.path() / "gone.png"),
                       doctest::Contains("gone.png: cannot open the photo: No such file"),
                       FileError);
  write_file(dir.path() / "a.png", png_head + "rest");
  CHECK(open_photo(dir.path() / "a.png").type == ImageType::png);
}

TEST_CASE("store_photo keeps a photo under its hash, 0600 in a 0700 folder, once") {
  const TempDir dir;
  const std::string bytes = jpeg_head + std::string(200'000, 'x');  // more than one part
  write_file(dir.path() / "IMG_1.jpg", bytes);
  write_file(dir.path() / "copy.jpg", bytes);
  const auto folder = dir.path() / "photos";
  CHECK(make_photos_folder(folder) == 0700);
  CHECK(mode_of(folder) == 0700);

  PhotoSource first = open_photo(dir.path() / "IMG_1.jpg");
  const StoredPhoto stored = store_photo(folder, first);
  CHECK(stored.hash == sha256_hex(bytes));
  CHECK_FALSE(stored.already);
  CHECK(read_all(photo_path(folder, stored.hash)) == bytes);
  CHECK(mode_of(photo_path(folder, stored.hash)) == 0600);
  CHECK(photo_present(folder, stored.hash));

  PhotoSource second = open_photo(dir.path() / "copy.jpg");
  const StoredPhoto again = store_photo(folder, second);
  CHECK(again.hash == stored.hash);
  CHECK(again.already);
  CHECK(files_in(folder) == 1);               // no temporary file left behind
  CHECK(make_photos_folder(folder) == 0700);  // there already: fine
}

TEST_CASE("make_photos_folder refuses a file in the folder's place and a missing parent") {
  const TempDir dir;
  write_file(dir.path() / "photos", "");
  CHECK_THROWS_WITH_AS(make_photos_folder(dir.path() / "photos"),
                       doctest::Contains("photos: is not a folder, so roller cannot keep photos"),
                       FileError);
  CHECK_THROWS_WITH_AS(make_photos_folder(dir.path() / "photos/deeper"),
                       doctest::Contains("cannot create the photo folder"), FileError);
}

TEST_CASE("a photo folder roller may not write in fails before any photo is copied") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: running as root, whom a folder's mode does not stop");
    return;
  }
  const TempDir dir;
  const auto folder = dir.path() / "photos";
  REQUIRE(make_photos_folder(folder) == 0700);
  REQUIRE(::chmod(folder.c_str(), 0500) == 0);
  CHECK_THROWS_WITH_AS(
      make_photos_folder(folder),
      doctest::Contains("cannot write photos in the photo folder: Permission denied"), FileError);
  write_file(dir.path() / "a.png", png_head);
  PhotoSource source = open_photo(dir.path() / "a.png");
  CHECK_THROWS_AS((void)store_photo(folder, source), FileError);
  CHECK(files_in(folder) == 0);
  REQUIRE(::chmod(folder.c_str(), 0700) == 0);
}

TEST_CASE("photo_problems names each counted photo record whose file is missing") {
  const TempDir dir;
  const auto folder = dir.path() / "photos";
  REQUIRE(make_photos_folder(folder) == 0700);
  const std::string kept = sha256_hex("kept");
  const std::string gone = sha256_hex("gone");
  write_file(photo_path(folder, kept), "kept");
  const LogData log = roller::test::log_of(
      "2026-12-01T09:00:00+01:00 photo id=1111111111111111 area=forehead hash=" + kept +
      " file=a.jpg\n"
      "2026-12-01T09:00:00+01:00 photo id=2222222222222222 area=scalp angle=top hash=" +
      gone +
      " file=b.jpg\n"
      "2026-12-01T09:00:00+01:00 photo id=3333333333333333 area=cheeks hash=" +
      gone +
      " file=c.jpg\n"
      "2026-12-01T09:05:00+01:00 void id=4444444444444444 target=3333333333333333\n");
  const auto missing = missing_photos(log, folder);
  REQUIRE(missing.size() == 1);  // the voided record of the same photo is not counted
  CHECK(missing.front()->id == 0x2222222222222222);
  const auto findings = photo_problems(log, folder, "PHOTOS");
  REQUIRE(findings.size() == 1);
  CHECK(findings.front().line == 2);
  CHECK(findings.front().kind == "missing_photo");
  CHECK(findings.front().message ==
        "the photo b.jpg of scalp (" + gone.substr(0, 12) +
            ") is not in PHOTOS; copy it there from the device that took it");
}
