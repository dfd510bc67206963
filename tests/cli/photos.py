#!/usr/bin/env python3
"""Progress photos end to end, with images made here (a PNG written with zlib and struct, a
JPEG by ImageMagick when it is installed), run through the real binary:

  photos.py add ROLLER        a PNG and a JPEG stored by hash (0600 in 0700), records written
  photos.py refused ROLLER    not an image, a missing file, a folder: nothing written at all
  photos.py duplicate ROLLER  the same photo twice: one file, two records
  photos.py unwritable ROLLER a photo folder roller cannot write in: exit 1, no record
  photos.py list ROLLER       photo list, --area, --json; undo hides the last photo
  photos.py check ROLLER      check reports a record whose photo is missing
  photos.py import ROLLER     import tells which photos of the other log are not here
"""
import hashlib
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import zlib

NOW = "2026-12-02T09:30:00+01:00"


def png_bytes(width=2, height=2, seed=0):
    """A small valid PNG: signature, IHDR, one IDAT of RGB rows, IEND, each with its CRC."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    rows = b"".join(b"\0" + bytes((seed + x * 40 + y * 80) % 256 for x in range(width * 3))
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def jpeg_bytes(tmp):
    """A real JPEG from ImageMagick when there is one; else the start of a JFIF file."""
    convert = shutil.which("convert")
    if convert:
        out = os.path.join(tmp, "made.jpg")
        result = subprocess.run([convert, "-size", "8x8", "xc:#c08070", out], capture_output=True)
        if result.returncode == 0:
            with open(out, "rb") as f:
                data = f.read()
            os.remove(out)
            return data
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def env_for(tmp, **extra):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "TZ": "Europe/Berlin",
           "NO_COLOR": "1", "ROLLER_LOG": os.path.join(tmp, "roller.log"), "ROLLER_NOW": NOW,
           "LANG": "C.UTF-8"}
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def run(roller, args, env):
    return subprocess.run([roller] + args, env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def records(log, kind="photo"):
    if not os.path.exists(log):
        return []
    lines = read(log).decode().splitlines()
    return [line for line in lines if line.split(" ")[1:2] == [kind]]


def field(line, key):
    for part in line.split(" "):
        if part.startswith(key + "="):
            return part[len(key) + 1:].strip('"')
    return None


def require(condition, message, result=None):
    if not condition:
        if result is not None:
            message += f"\nexit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        print("FAIL:", message)
        sys.exit(1)


def photo_files(folder):
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_add(roller, tmp):
    png, jpeg = png_bytes(), jpeg_bytes(tmp)
    write(os.path.join(tmp, "IMG_0001.png"), png)
    write(os.path.join(tmp, "IMG 0002.jpg"), jpeg)
    env = env_for(tmp)
    result = run(roller, ["photo", "add", os.path.join(tmp, "IMG_0001.png"),
                          os.path.join(tmp, "IMG 0002.jpg"), "--area", "forehead",
                          "--angle", "front", "--at", "2026-12-01 09:05"], env)
    require(result.returncode == 0, "photo add failed", result)
    require(result.stderr == f"roller: created a new log at {tmp}/roller.log\n",
            "photo add said more than that it created the log", result)
    lines = result.stdout.splitlines()
    require(len(lines) == 2 and lines[0].startswith("Added IMG_0001.png (PNG) of forehead, front on "
                                                    "Tue 1 Dec 09:05 (id ")
            and lines[1].startswith("Added IMG 0002.jpg (JPEG) of forehead, front on"),
            "photo add's output", result)
    require(f"photo {hashlib.sha256(png).hexdigest()[:12]})" in lines[0], "the short hash", result)
    folder = os.path.join(tmp, "photos")
    hashes = sorted([hashlib.sha256(png).hexdigest(), hashlib.sha256(jpeg).hexdigest()])
    require(photo_files(folder) == hashes, f"the store holds {photo_files(folder)}, not {hashes}")
    require(mode(folder) == 0o700, f"the photo folder is {oct(mode(folder))}, not 0700")
    for h in hashes:
        require(mode(os.path.join(folder, h)) == 0o600, f"photo {h} is not 0600")
    require(read(os.path.join(folder, hashlib.sha256(png).hexdigest())) == png, "the PNG changed")
    photos = records(os.path.join(tmp, "roller.log"))
    require(len(photos) == 2, f"{len(photos)} photo records, not 2")
    require(photos[0].startswith("2026-12-01T09:05:00+01:00 photo id="), photos[0])
    require(photos[0].endswith(f" area=forehead angle=front hash={hashlib.sha256(png).hexdigest()} "
                               "file=IMG_0001.png"), photos[0])
    require(photos[1].endswith(' file="IMG 0002.jpg"'), photos[1])

    # The default log's photos are in $XDG_DATA_HOME/roller/photos, made private.
    data = os.path.join(tmp, "data")
    env = env_for(tmp, ROLLER_LOG=None, XDG_DATA_HOME=data)
    result = run(roller, ["photo", "add", os.path.join(tmp, "IMG_0001.png"), "--area", "scalp"], env)
    require(result.returncode == 0 and result.stderr == "", "photo add to the default log", result)
    require(photo_files(os.path.join(data, "roller/photos")) == [hashlib.sha256(png).hexdigest()],
            "the default photo folder")
    require(mode(os.path.join(data, "roller")) == 0o700 and mode(os.path.join(data, "roller/photos")) == 0o700,
            "the default folders are not 0700")
    require(len(records(os.path.join(data, "roller/roller.log"))) == 1, "the default log's record")

    # A photo folder others may look in is used, with a warning that says how to close it.
    os.chmod(os.path.join(data, "roller/photos"), 0o755)
    result = run(roller, ["photo", "add", os.path.join(tmp, "IMG 0002.jpg"), "--area", "scalp"], env)
    require(result.returncode == 0 and result.stderr ==
            f"roller: warning: {data}/roller/photos: others can look in the photo folder (mode 0755); "
            f"run: chmod 700 {data}/roller/photos\n", "an open photo folder", result)
    return "a PNG and a JPEG are kept under their SHA-256, 0600 in a 0700 folder, one record each"


def test_refused(roller, tmp):
    write(os.path.join(tmp, "good.png"), png_bytes())
    write(os.path.join(tmp, "notes.txt"), b"not a photo\n")
    write(os.path.join(tmp, "fake.jpg"), b"GIF89a\x01\x00\x01\x00")
    env = env_for(tmp)
    folder = os.path.join(tmp, "photos")
    log = os.path.join(tmp, "roller.log")
    cases = [
        (["good.png", "notes.txt"], 2,
         f"roller: {tmp}/notes.txt: is not a JPEG, PNG, WebP or HEIC image; roller keeps JPEG, PNG, "
         "WebP and HEIC photos\n"),
        (["fake.jpg"], 2,
         f"roller: {tmp}/fake.jpg: is not a JPEG, PNG, WebP or HEIC image; roller keeps JPEG, PNG, "
         "WebP and HEIC photos\n"),
        (["good.png", "missing.png"], 1,
         f"roller: {tmp}/missing.png: cannot open the photo: No such file or directory\n"),
        (["."], 2, f"roller: {tmp}/.: is a folder, not a photo\n"),
    ]
    for files, code, stderr in cases:
        result = run(roller, ["photo", "add"] + [os.path.join(tmp, f) for f in files]
                     + ["--area", "forehead"], env)
        require(result.returncode == code and result.stderr == stderr and result.stdout == "",
                f"photo add {files}: expected exit {code} and {stderr!r}", result)
        require(not os.path.exists(log), f"photo add {files} created the log")
        require(not os.path.exists(folder), f"photo add {files} created the photo folder")
    # An existing log is left as it was, byte for byte.
    write(log, b"# roller log v1\n")
    os.chmod(log, 0o600)
    result = run(roller, ["photo", "add", os.path.join(tmp, "good.png"),
                          os.path.join(tmp, "notes.txt"), "--area", "forehead"], env)
    require(result.returncode == 2 and read(log) == b"# roller log v1\n"
            and not os.path.exists(folder), "a refused photo touched the log or the store", result)
    return "a file that is not an image, a missing file and a folder stop every photo, writing nothing"


def test_duplicate(roller, tmp):
    png = png_bytes(seed=7)
    write(os.path.join(tmp, "a.png"), png)
    write(os.path.join(tmp, "copy of a.png"), png)
    env = env_for(tmp)
    first = run(roller, ["photo", "add", os.path.join(tmp, "a.png"), "--area", "cheeks"], env)
    require(first.returncode == 0 and "kept already" not in first.stdout, "first add", first)
    second = run(roller, ["photo", "add", os.path.join(tmp, "copy of a.png"), "--area", "cheeks",
                          "--angle", "left"], env)
    require(second.returncode == 0 and second.stdout.rstrip().endswith(
        "; the same photo was kept already"), "second add", second)
    folder = os.path.join(tmp, "photos")
    require(photo_files(folder) == [hashlib.sha256(png).hexdigest()],
            f"the store holds {photo_files(folder)}: one file expected, and no temporary file")
    photos = records(os.path.join(tmp, "roller.log"))
    require(len(photos) == 2 and field(photos[0], "hash") == field(photos[1], "hash"),
            f"two records of one hash expected: {photos}")
    require(photos[1].endswith(' file="copy of a.png"'), photos[1])
    return "the same photo twice is one file and two records"


def test_unwritable(roller, tmp):
    write(os.path.join(tmp, "a.png"), png_bytes())
    log = os.path.join(tmp, "roller.log")
    write(log, b"# roller log v1\n")
    os.chmod(log, 0o600)
    env = env_for(tmp)
    folder = os.path.join(tmp, "photos")
    # A file where the folder should be stops even root.
    write(folder, b"")
    result = run(roller, ["photo", "add", os.path.join(tmp, "a.png"), "--area", "forehead"], env)
    require(result.returncode == 1 and result.stdout == "" and result.stderr ==
            f"roller: {folder}: is not a folder, so roller cannot keep photos there\n",
            "a file in the photo folder's place", result)
    require(read(log) == b"# roller log v1\n", "a record was appended without its photo")
    os.remove(folder)
    if os.geteuid() == 0:
        print("note: running as root, whom a folder's mode does not stop: the read-only folder "
              "case is skipped (the file in its place above runs)")
        return "a photo folder roller cannot use: exit 1, one line, no record"
    os.mkdir(folder, 0o500)
    try:
        result = run(roller, ["photo", "add", os.path.join(tmp, "a.png"), "--area", "forehead"], env)
        require(result.returncode == 1 and result.stderr ==
                f"roller: {folder}: cannot write photos in the photo folder: Permission denied\n",
                "a read-only photo folder", result)
        require(read(log) == b"# roller log v1\n" and os.listdir(folder) == [],
                "a read-only folder: something was written")
    finally:
        os.chmod(folder, 0o700)
    return "a photo folder roller cannot write in: exit 1, one line, no record, no file"


def add(roller, tmp, env, name, data, *args):
    write(os.path.join(tmp, name), data)
    result = run(roller, ["photo", "add", os.path.join(tmp, name)] + list(args), env)
    require(result.returncode == 0, f"photo add {name}", result)
    return hashlib.sha256(data).hexdigest()


def test_list(roller, tmp):
    env = env_for(tmp)
    empty = run(roller, ["photo", "list"], env_for(tmp, ROLLER_LOG=None, XDG_DATA_HOME=tmp + "/none"))
    require(empty.returncode == 0 and empty.stdout.startswith("No photos. Add one like:"),
            "an empty list", empty)
    h2 = add(roller, tmp, env, "later.png", png_bytes(seed=2), "--area", "forehead", "--at",
             "2026-12-01")
    h1 = add(roller, tmp, env, "IMG_0001.jpg", jpeg_bytes(tmp), "--area", "scalp", "--angle",
             "top", "--at", "2026-11-20 08:00")
    h3 = add(roller, tmp, env, "gone.png", png_bytes(seed=3), "--area", "forehead", "--angle",
             "front", "--at", "2026-11-21", "--note", "window light,\nno flash")
    os.remove(os.path.join(tmp, "photos", h3))
    result = run(roller, ["photo", "list"], env)
    expected = (
        "DATE        AREA      ANGLE  FILE          PHOTO                 NOTE\n"
        f"2026-11-20  scalp     top    IMG_0001.jpg  {h1[:12]}\n"
        f"2026-11-21  forehead  front  gone.png      {h3[:12]} missing  window light,\\nno flash\n"
        f"2026-12-01  forehead  -      later.png     {h2[:12]}\n"
        f"1 photo is not in {tmp}/photos: copy it there from the device that took it\n")
    require(result.returncode == 0 and result.stdout == expected and result.stderr == "",
            f"photo list: expected\n{expected}", result)
    result = run(roller, ["photo", "--area", "forehead", "--json"], env)
    require(result.returncode == 0, "photo --json", result)
    doc = json.loads(result.stdout)
    require(doc["folder"] == f"{tmp}/photos", f"folder: {doc}")
    require([(p["at"], p["area"], p["angle"], p["file"], p["hash"], p["note"], p["present"])
             for p in doc["photos"]]
            == [("2026-11-21T00:00:00+01:00", "forehead", "front", "gone.png", h3,
                 "window light,\nno flash", False),
                ("2026-12-01T00:00:00+01:00", "forehead", None, "later.png", h2, None, True)],
            f"photo list --json: {doc}")
    require(doc["photos"][1]["path"] == f"{tmp}/photos/{h2}" and len(doc["photos"][1]["id"]) == 16,
            f"photo list --json: {doc}")
    # undo takes back the last photo added (gone.png): the list no longer shows it, and the
    # file of a photo stays (other records may name it).
    result = run(roller, ["undo"], env)
    require(result.returncode == 0, "undo after photo add", result)
    result = run(roller, ["photo", "list", "--json"], env)
    require([p["file"] for p in json.loads(result.stdout)["photos"]] == ["IMG_0001.jpg", "later.png"],
            "undo did not hide the last photo", result)
    result = run(roller, ["photo", "list", "--area", "forehed"], env)
    require(result.returncode == 2 and "(did you mean 'forehead'?)" in result.stderr,
            "a misspelt area", result)
    return "photo list and --json, oldest first, by area, missing files shown; undo hides a photo"


def test_check(roller, tmp):
    env = env_for(tmp)
    h = add(roller, tmp, env, "a.png", png_bytes(seed=4), "--area", "forehead", "--angle", "front")
    result = run(roller, ["check"], env)
    require(result.returncode == 0, "check with every photo present", result)
    os.remove(os.path.join(tmp, "photos", h))
    result = run(roller, ["check"], env)
    require(result.returncode == 1 and
            f"roller.log:2: the photo a.png of forehead ({h[:12]}) is not in {tmp}/photos; copy it "
            "there from the device that took it" in result.stdout, "check of a missing photo", result)
    result = run(roller, ["check", "--json"], env)
    doc = json.loads(result.stdout)
    require(result.returncode == 1 and [p["kind"] for p in doc["problems"]] == ["missing_photo"],
            f"check --json: {doc}")
    run(roller, ["undo"], env)
    result = run(roller, ["check"], env)
    require(result.returncode == 0, "check after the photo's record was undone", result)
    return "check reports a photo record whose file is missing, and not once it is voided"


def test_import(roller, tmp):
    phone = os.path.join(tmp, "phone")
    os.mkdir(phone)
    phone_env = env_for(tmp, ROLLER_LOG=os.path.join(phone, "roller.log"))
    h1 = add(roller, tmp, phone_env, "IMG_1.png", png_bytes(seed=5), "--area", "forehead")
    h2 = add(roller, tmp, phone_env, "IMG_2.png", png_bytes(seed=6), "--area", "scalp")
    env = env_for(tmp)
    # This device has one of the two already.
    add(roller, tmp, env, "IMG_1.png", png_bytes(seed=5), "--area", "forehead")
    result = run(roller, ["import", os.path.join(phone, "roller.log")], env)
    require(result.returncode == 0, "import", result)
    expected = (f"1 photo named by the imported log is not in {tmp}/photos: copy it from "
                f"{phone}/photos\n  {h2}  IMG_2.png\n")
    require(result.stdout.endswith(expected), f"import's photo lines: expected\n{expected}", result)
    shutil.copy(os.path.join(phone, "photos", h2), os.path.join(tmp, "photos", h2))
    result = run(roller, ["import", os.path.join(phone, "roller.log")], env)
    require(result.returncode == 0 and "named by the imported log" not in result.stdout,
            "import after the photo was copied", result)
    del h1
    return "import names the photos of the other log that this device lacks, and where they are"


def main():
    mode_name, roller = sys.argv[1], os.path.abspath(sys.argv[2])
    tests = {"add": test_add, "refused": test_refused, "duplicate": test_duplicate,
             "unwritable": test_unwritable, "list": test_list, "check": test_check,
             "import": test_import}
    tmp = tempfile.mkdtemp(prefix="roller-photos-")
    try:
        message = tests[mode_name](roller, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok:", message)


if __name__ == "__main__":
    main()
