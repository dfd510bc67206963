#!/usr/bin/env python3
"""`roller report`, as a person sees it. Each mode builds a realistic six-month log by
running the real binary (sessions on three areas with notes, a forced session, a hold,
product uses, a course, cleanings and a new head), renders the report and checks it:

  report.py html ROLLER        the HTML parses, holds no script, every user string escaped
  report.py chromium ROLLER    headless Chromium: a screenshot that is not blank, and a PDF
                               whose first page is the clinician's summary (pdftotext)
  report.py md ROLLER          --format md: the same content as Markdown, escaped
  report.py range ROLLER       --since/--until choose what is shown, not what the rules count
  report.py output ROLLER      -o FILE (0600), '-' for stdout, a file that cannot be written
  report.py screenshot ROLLER OUT.png   the README's picture (not a test)
"""
import hashlib
import html.parser
import os
import random
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import zlib

NOW = "2026-11-25T21:30:00+01:00"
SCRIPT_NOTE = 'tingling <script>alert(1)</script> & "quoted" it\'s fine'

PROFILE = """home_max_depth_mm = 1.5

[hygiene]
replace_after_uses = 12
replace_after_days = 42

[[rest]]
up_to_mm = 0.25
days = 3

[[rest]]
up_to_mm = 0.5
days = 7

[[rest]]
up_to_mm = 1.0
days = 28

[[rest]]
up_to_mm = 1.5
days = 42

[areas.forehead]
max_depth_mm = 0.5

[areas.cheeks]
max_depth_mm = 1.0

[areas.scalp]
max_depth_mm = 1.5

[[areas.scalp.rest]]
up_to_mm = 1.5
days = 7

[products.retinoid]
areas = ["forehead", "cheeks"]
stop_before_days = 5
avoid_after_hours = 72
reason = "retinoids thin the skin"

[rollers.r025]
needle_mm = 0.25

[rollers.r050]
needle_mm = 0.5

[rollers.r100]
needle_mm = 1.0

[rollers.r150]
needle_mm = 1.5
"""

FOREHEAD_NOTES = ["slight tingling", "pinkness gone by morning", "", "used hyaluronic serum after",
                  "", "fine lines look softer", "", "a little dry the next day"]
SCALP_NOTES = ["", "some pinpoint bleeding at the crown", "", "itchy for a day", "",
               "new baby hairs at the temples?", ""]


def png(width, height, pixel):
    """A PNG (8-bit RGB) whose pixel (x, y) is pixel(x, y) -> (r, g, b)."""
    rows = b"".join(b"\0" + bytes(c for x in range(width) for c in pixel(x, y))
                    for y in range(height))

    def chunk(name, body):
        return struct.pack(">I", len(body)) + name + body + \
            struct.pack(">I", zlib.crc32(name + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def skin_photo(seed, marks, redness):
    """A photo of skin: a soft light gradient, and `marks` small scars that fade as they heal."""
    rng = random.Random(seed)
    spots = [(rng.randrange(20, 220), rng.randrange(20, 160), rng.randrange(5, 11))
             for _ in range(marks)]
    base = (224, 178, 150)

    def pixel(x, y):
        light = 1.0 - 0.18 * ((x - 90) ** 2 + (y - 60) ** 2) / (240 ** 2)
        r, g, b = (c * light for c in base)
        r += redness * 8
        for sx, sy, sr in spots:
            d2 = (x - sx) ** 2 + (y - sy) ** 2
            if d2 < sr * sr:
                k = 1 - d2 / (sr * sr)
                r, g, b = r - 30 * k, g - 45 * k, b - 40 * k
        return tuple(max(0, min(255, int(c))) for c in (r, g, b))
    return png(240, 180, pixel)


class Log:
    """A person's log, written by the real binary, each command run at its own instant."""

    def __init__(self, roller, tmp):
        self.roller = roller
        self.tmp = tmp
        self.log = os.path.join(tmp, "data", "roller", "roller.log")
        os.makedirs(os.path.dirname(self.log), exist_ok=True)
        self.profile = os.path.join(tmp, "profile.toml")
        with open(self.profile, "w", encoding="utf-8") as f:
            f.write(PROFILE)
        os.chmod(self.profile, 0o600)

    def env(self, now=NOW):
        return {"PATH": os.environ.get("PATH", ""), "HOME": self.tmp, "TZ": "Europe/Berlin",
                "NO_COLOR": "1", "ROLLER_LOG": self.log, "ROLLER_PROFILE": self.profile,
                "ROLLER_NOW": now, "XDG_DATA_HOME": os.path.join(self.tmp, "data"),
                "LANG": "C.UTF-8"}

    def can(self, *args):
        """Whether this roller has a command or option (they arrive one by one)."""
        help_text = self.run(*args[:-1], "--help", check=False)
        return help_text.returncode == 0 and args[-1].encode() in help_text.stdout

    def append(self, line):
        """Appends a record as the log format documents it, for a record whose command this
        roller does not have yet."""
        with open(self.log, "a", encoding="utf-8") as f:
            f.write(line + "\n")

    def run(self, *args, now=NOW, check=True):
        result = subprocess.run([self.roller, *args], env=self.env(now), capture_output=True,
                                timeout=60, stdin=subprocess.DEVNULL)
        if check and result.returncode != 0:
            raise AssertionError(f"roller {' '.join(args)} at {now}: {result.returncode}\n"
                                 f"{result.stderr.decode()}")
        return result


def at(day, hour=21, minute=0):
    """2026-05-25 + day days, local time (Europe/Berlin), as RFC 3339."""
    import datetime
    when = datetime.datetime(2026, 5, 25, hour, minute) + datetime.timedelta(days=day)
    offset = "+02:00" if datetime.datetime(2026, 3, 29) <= when < datetime.datetime(2026, 10, 25, 3) \
        else "+01:00"
    return when.strftime("%Y-%m-%dT%H:%M:%S") + offset


def build_log(roller, tmp):
    """Six months, 2026-05-25 to 2026-11-25: what a careful person would have logged, each
    command run at its own instant, in time order."""
    p = Log(roller, tmp)
    # Days (from 25 May) when nothing may be rolled: a cold sore (8 to 22 September), and a
    # severe reaction on the cheeks (16 October) until the doctor cleared it (28 October).
    blocked = [(106, 120), (144, 156)]

    def free(day):
        for start, end in blocked:
            if start <= day < end:
                return end + 1
        return day
    events = []  # (day, hour, minute, kind, payload)

    def cmd(day, hour, minute, *args):
        events.append((day, hour, minute, "cmd", list(args)))
    # Forehead: 0.25 mm to start, then 0.5 mm every 10 days; a retinoid 4 days after some.
    for i, day in enumerate(range(3, 184, 10)):
        if free(day) != day:
            continue
        depth = "0.25" if i < 3 else "0.5"
        note = SCRIPT_NOTE if i == 5 else FOREHEAD_NOTES[i % len(FOREHEAD_NOTES)]
        cmd(day, 21, 0, "log", "--area", "forehead", "--depth", depth, *(["--note", note] if note else []))
        cmd(day, 21, 20, "clean", "--roller", "r025" if i < 3 else "r050")
        if i % 3 == 1:
            cmd(day + 4, 8, 0, "use", "retinoid", "--area", "forehead")
    # One forehead session three days after the last: too soon, logged with --force.
    cmd(76, 20, 30, "log", "--area", "forehead", "--depth", "0.5", "--force",
        "--note", "before a wedding: knew it was early")
    # Cheeks: 1.0 mm about monthly, for acne scars.
    for i, day in enumerate([10, 40, 71, 101, 132, 165]):
        day = free(day)
        note = {0: "scars on the left cheek first", 3: "redness for two days"}.get(i)
        cmd(day, 21, 40, "log", "--area", "cheeks", "--depth", "1.0", *(["--note", note] if note else []))
        cmd(day, 22, 0, "clean", "--roller", "r100")
    # Scalp: a 12-week course at 1.5 mm from 1 July, then every 10 days.
    cmd(37, 9, 0, "course", "start", "hair", "--area", "scalp", "--depth", "1.5", "--every", "7",
        "--sessions", "12", "--review", "8,12")
    day, n = 37, 0
    while day < 184:
        day = free(day)
        note = SCALP_NOTES[n % len(SCALP_NOTES)]
        cmd(day, 20, 0, "log", "--area", "scalp", "--depth", "1.5", *(["--note", note] if note else []))
        cmd(day, 20, 30, "clean", "--roller", "r150")
        n += 1
        day += 7 if n < 12 else 10
    cmd(95, 19, 0, "replace", "--roller", "r150")
    cmd(129, 19, 0, "replace", "--roller", "r150")
    cmd(106, 9, 0, "hold", "--until", at(120, 9), "--reason",
        "cold sore on the upper lip <not> a rash & healing")
    # Reactions the next mornings: mostly mild; once marked; once severe, then cleared.
    for day, area, redness, flags, note in [
            (11, "cheeks", "2", ["--peeling"], "red and tight all day"),
            (38, "scalp", "1", [], "itchy crown"), (41, "cheeks", "1", [], ""),
            (84, "forehead", "0", [], ""), (102, "cheeks", "1", ["--swelling"], ""),
            (144, "cheeks", "3", ["--swelling", "--severe"], "spreading redness and warmth: saw the GP")]:
        events.append((day, 9, 0, "react", (area, redness, flags, note)))
    cmd(156, 10, 0, "hold", "--clear")
    # Photos: the cheeks from the front and the left, and the scalp from above, at the start
    # and every few weeks; the scars fade. One file is lost from the store later.
    for i, (day, area, angle, marks, redness) in enumerate([
            (9, "cheeks", "front", 14, 2), (9, "cheeks", "left", 11, 2), (36, "scalp", "top", 0, 1),
            (70, "cheeks", "front", 10, 1), (130, "cheeks", "front", 7, 1),
            (182, "cheeks", "front", 5, 0), (182, "cheeks", "left", 6, 0), (180, "scalp", "top", 0, 0)]):
        name = f"IMG_{2040 + i * 7:04}.png" if i != 1 else 'cheek <left> & "profile".png'
        events.append((day, 10, 0, "photo", (area, angle, name,
                                              skin_photo(i if angle != "left" else 100 + i, marks, redness))))
    events.sort(key=lambda e: e[:3])

    details = p.can("log", "--pain")
    react = p.can("react", "--redness")
    photo = p.can("photo", "add")
    rng = random.Random(15)
    photos_dir = os.path.join(os.path.dirname(p.log), "photos")
    ids = iter(range(0x7000000000000001, 0x7000000000001000))
    lost = None
    for n, (day, hour, minute, kind, payload) in enumerate(events):
        when = at(day, hour, minute)
        if kind == "react":
            area, redness, flags, note = payload
            if react:
                p.run("react", "--area", area, "--redness", redness, *flags,
                      *(["--note", note] if note else []), now=when)
            else:
                p.append(f"{when} reaction id={next(ids):016x} area={area} redness={redness}"
                         + "".join(f" {f[2:]}=true" for f in flags) + (f' note="{note}"' if note else ""))
            continue
        if kind == "photo":
            area, angle, name, data = payload
            digest = hashlib.sha256(data).hexdigest()
            if photo:
                source = os.path.join(p.tmp, name)
                with open(source, "wb") as f:
                    f.write(data)
                p.run("photo", "add", source, "--area", area, "--angle", angle, now=when)
            else:
                os.makedirs(photos_dir, mode=0o700, exist_ok=True)
                with open(os.path.join(photos_dir, digest), "wb") as f:
                    f.write(data)
                quoted = name.replace("\\", "\\\\").replace('"', '\\"')
                p.append(f'{when} photo id={next(ids):016x} area={area} hash={digest} '
                         f'angle={angle} file="{quoted}"')
            if name == "IMG_2089.png":
                lost = os.path.join(photos_dir, digest)
            continue
        args = payload
        extra = {}
        if args[0] == "log" and "--force" not in args:
            area = args[2]
            extra = {"passes": str(3 + n % 3), "pressure": ["light", "medium"][n % 2],
                     "pain": str({"forehead": 3, "cheeks": 5, "scalp": 4}[area] + rng.choice([-1, 0, 0, 1])),
                     "serum": "hyaluronic acid" if area != "scalp" else "saline;copper peptides",
                     "endpoint": "erythema" if area != "scalp" else "pinpoint-bleeding"}
            if area == "cheeks":
                extra = {**{k: extra[k] for k in ("passes", "pressure", "pain")}, "numbing": "30",
                         "serum": extra["serum"], "endpoint": extra["endpoint"]}
        if extra and details:
            args = args + [a for key, value in extra.items() for a in (f"--{key}", value)]
        p.run(*args, now=when)
        if extra and not details:
            # This roller's log has no detail options yet: add the keys, in the documented
            # order, to the line it wrote.
            with open(p.log, encoding="utf-8") as f:
                lines = f.read().splitlines()
            lines[-1] += "".join(f' {k}="{v}"' if " " in v else f" {k}={v}" for k, v in extra.items())
            with open(p.log, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
    os.remove(lost)  # lost in a sync
    return p


# --- what the page holds ------------------------------------------------------------------

class Page(html.parser.HTMLParser):
    """The elements, attributes and text of a page, as a browser's parser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attrs = []
        self.text = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag not in ("br", "img", "meta", "circle", "rect", "line", "path", "polyline",
                       "input", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("style",):
            return
        self.text.append(data)


def parse(text):
    page = Page()
    page.feed(text)
    page.close()
    page.all_text = "".join(page.text)
    return page


def check_no_script(page):
    assert "script" not in page.tags, "a script element in the page"
    for tag, key, value in page.attrs:
        assert not key.startswith("on"), f"an event handler {key} on <{tag}>"
        if key in ("src", "href"):
            assert (value or "").startswith(("data:", "#")), f"<{tag} {key}={value!r}> fetches"
    for tag in ("iframe", "object", "embed", "link", "base", "form"):
        assert tag not in page.tags, f"a <{tag}> in the page"


def report(p, *args, check=True):
    return p.run("report", *args, check=check)


def test_html(roller, tmp):
    p = build_log(roller, tmp)
    out = report(p, "-o", "-")
    text = out.stdout.decode()
    assert out.stderr == b"", out.stderr
    assert text.startswith("<!DOCTYPE html>"), text[:40]
    page = parse(text)
    check_no_script(page)
    # The note with a script is text, escaped once: the parser gives it back whole.
    assert SCRIPT_NOTE in page.all_text, "the note with <script> is not shown as text"
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "cold sore on the upper lip <not> a rash & healing" in page.all_text
    assert "&lt;not&gt; a rash &amp; healing" in text
    for word in ("forehead", "cheeks", "scalp", "hair", "r050", "r150", "Summary", "Courses",
                 "Hygiene", "Holds", "too soon", "before a wedding: knew it was early"):
        assert word in page.all_text, f"{word!r} is not on the page"
    charts = [v for tag, k, v in page.attrs if tag == "svg" and k == "class" and v == "chart"]
    assert len(charts) == 3, f"{len(charts)} charts, not one per area"
    # Photos: embedded as data: URIs, the first and latest of each area and angle (cheeks
    # front twice: in the summary and in its section), and a placeholder for the lost one.
    images = [v for tag, k, v in page.attrs if tag == "img" and k == "src"]
    assert all(v.startswith("data:image/png;base64,") for v in images), images
    assert len(images) == 7, f"{len(images)} images"
    assert page.all_text.count("Photo not found: IMG_2089.png") == 1
    assert 'cheek <left> & "profile".png' in page.all_text
    alts = [v for tag, k, v in page.attrs if tag == "img" and k == "alt"]
    assert "cheeks, left, first" in alts, alts
    # Details, reactions and pain, per area.
    assert "mean pain 5.0" in page.all_text, "no mean pain for the cheeks"
    assert "4 (1 severe)" in page.all_text
    assert "severe reaction: see a doctor before rolling again" in page.all_text
    assert "red and tight all day" in page.all_text
    assert "serum saline + copper peptides" in page.all_text
    # Self-contained: one file, styles inline, nothing fetched.
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text
    return "the page parses, holds no script, and shows every user string as text"


# --- Chromium -----------------------------------------------------------------------------

def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(browser, tmp, *args):
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
           "--user-data-dir=" + profile, *args]
    result = subprocess.run(cmd, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, f"chromium failed: {result.stderr.decode()[-2000:]}"


def png_colours(path, rows=None):
    """The distinct colours of a PNG (8-bit RGB or RGBA, as Chromium writes), over its first
    `rows` rows."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, kind = 8, b"", 0, 0, 0
    while pos < len(data):
        length, name = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if name == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and kind in (2, 6), f"PNG depth {depth} colour type {kind}"
        elif name == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if kind == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows = min(height, rows or height)
    previous = bytearray(stride)
    colours = set()
    for y in range(rows):
        kind_of_filter = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind_of_filter == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind_of_filter == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind_of_filter == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind_of_filter == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        for x in range(0, stride, bpp):
            colours.add(bytes(line[x:x + 3]))
        previous = line
    return colours, width, height


def test_chromium(roller, tmp):
    browser = chromium()
    if not browser:
        print("skipped: no chromium (Debian's package 'chromium') to render the report")
        return None
    if not shutil.which("pdftotext"):
        print("skipped: no pdftotext (Debian's package 'poppler-utils') to read the PDF")
        return None
    p = build_log(roller, tmp)
    page = os.path.join(tmp, "report.html")
    report(p, "-o", page)
    url = "file://" + page
    # A phone's width and a laptop's: the page draws something on both.
    for size in ("390,844", "1100,900"):
        shot = os.path.join(tmp, f"shot-{size.replace(',', 'x')}.png")
        run_chromium(browser, tmp, f"--window-size={size}", "--screenshot=" + shot, url)
        colours, width, _ = png_colours(shot, rows=500)
        assert width == int(size.split(",")[0]), f"screenshot {width} wide for {size}"
        assert len(colours) >= 40, f"the screenshot at {size} looks blank: {len(colours)} colours"
    pdf = os.path.join(tmp, "report.pdf")
    run_chromium(browser, tmp, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, url)
    first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"],
                           capture_output=True, timeout=60, check=True).stdout.decode()
    rest = subprocess.run(["pdftotext", "-f", "2", "-l", "2", pdf, "-"],
                          capture_output=True, timeout=60, check=True).stdout.decode()
    sessions = report(p, "--format", "md").stdout.decode().split("- Sessions: ")[1].split()[0]
    for word in ("Summary", "forehead", "cheeks", "scalp", "Rest kept", "Hold:", "cold sore",
                 "severe reaction", "Course: hair on scalp", f"Sessions: {sessions}", "Mean pain", "cheeks, front",
                 "First", "Latest", "IMG_2040.png", "IMG_2075.png"):
        # Table headers are set in capitals by the stylesheet, as the PDF's text has them.
        assert word.lower() in first.lower(), f"{word!r} is not on the first printed page:\n{first}"
    # The first page is the summary alone: the areas' own sections start on the next one.
    assert "Every session" not in first and "sessions by depth" not in first
    # Two photos at most on the summary page: the cheeks from the front, first and latest.
    images = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", pdf], capture_output=True,
                            timeout=60)
    if images.returncode == 0:
        listed = images.stdout.decode().splitlines()[2:]
        assert len([l for l in listed if " image " in l]) == 2, images.stdout.decode()
    assert "forehead" in rest, f"page 2 does not go on with the areas:\n{rest[:500]}"
    return f"Chromium draws the page, and prints the summary ({sessions} sessions) on page 1"


# --- Markdown, ranges, output -------------------------------------------------------------

def test_md(roller, tmp):
    p = build_log(roller, tmp)
    out = report(p, "--format", "md")
    md = out.stdout.decode()
    assert md.startswith("# Microneedling report\n"), md[:80]
    for heading in ("## Summary", "## forehead", "## cheeks", "## scalp", "## Courses",
                    "## Hygiene", "## Holds"):
        assert "\n" + heading + "\n" in md, f"no {heading!r}"
    assert "| Area | Sessions | Depth | Rest kept | Reactions | Mean pain |" in md
    assert "<script>" not in md and "<svg" not in md
    assert "tingling &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quoted\"" in md, \
        "the note is not escaped for Markdown"
    assert "**too soon (forced)**" in md
    assert "| cheeks | 6 | 1.0 mm | 6 of 6 (100%) | 4 (1 severe) | 5.0 |" in md, md[:1200]
    assert "- Hold: severe reaction: see a doctor before rolling again (16 Oct 2026 - 28 Oct 2026)" in md
    assert "- front: first 3 Jun 2026 (IMG\\_2040.png), latest 23 Nov 2026 (IMG\\_2075.png)" in md
    assert "- left: first 3 Jun 2026 (cheek &lt;left&gt; &amp; \"profile\".png)" in md
    assert "data:image" not in md, "Markdown names photos, it does not embed them"
    # Markdown on a terminal is fine: it is text.
    return "--format md: the same sections as Markdown, without charts, escaped"


def summary_row(md, area):
    for line in md.splitlines():
        if line.startswith(f"| {area} |"):
            return [cell.strip() for cell in line.strip("|").split("|")]
    return None


def test_range(roller, tmp):
    p = build_log(roller, tmp)
    whole = report(p, "--format", "md").stdout.decode()
    # The forced forehead session (9 Aug) came 3 days after the one before (6 Aug): shown
    # without it, from 8 Aug, it is still too soon, for the rules count what is not shown.
    part = report(p, "--format", "md", "--since", "2026-08-08", "--until", "2026-08-31").stdout.decode()
    assert "Thu 6 Aug" not in part and "Sun 9 Aug 2026, 20:30" in part
    row = summary_row(part, "forehead")
    assert row and row[1] == "3", row  # 9, 16 and 26 August
    assert "**too soon (forced)**" in part
    assert row[3] == "2 of 3 (67%)", row
    assert "8 Aug 2026 - 31 Aug 2026" in part.splitlines()[2], part.splitlines()[2]
    # --until a date takes that whole day: the scalp session of 26 Aug at 20:00 is in.
    until = report(p, "--format", "md", "--until", "2026-08-26").stdout.decode()
    assert "Wed 26 Aug 2026, 20:00" in until and "Wed 26 Aug 2026, 21:00" in until
    assert "Sat 5 Sep" not in until
    whole_rows = {a: summary_row(whole, a) for a in ("forehead", "cheeks", "scalp")}
    assert all(whole_rows.values()), whole_rows
    swapped = report(p, "--since", "2026-09-01", "--until", "2026-08-01", check=False)
    assert swapped.returncode == 2 and b"did you swap them?" in swapped.stderr
    return "--since/--until choose the sessions shown; verdicts still count the whole log"


def test_output(roller, tmp):
    p = build_log(roller, tmp)
    target = os.path.join(tmp, "out", "report.html")
    os.makedirs(os.path.dirname(target))
    out = report(p, "-o", target)
    assert out.stdout == b"" and out.stderr == b"", out
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    with open(target, encoding="utf-8") as f:
        assert f.read() == report(p, "-o", "-").stdout.decode(), "-o and stdout differ"
    # Written whole or not at all: no temporary file is left beside it.
    assert os.listdir(os.path.dirname(target)) == ["report.html"]
    # A folder that does not exist, and one that cannot be written.
    missing = report(p, "-o", os.path.join(tmp, "nowhere", "r.html"), check=False)
    assert missing.returncode == 1 and missing.stdout == b"", missing
    assert missing.stderr.decode().count("\n") == 1 and missing.stderr.startswith(b"roller: ")
    if os.geteuid() != 0:
        locked = os.path.join(tmp, "locked")
        os.makedirs(locked, mode=0o500)
        denied = report(p, "-o", os.path.join(locked, "r.html"), check=False)
        assert denied.returncode == 1 and b"Permission denied" in denied.stderr, denied
    # An HTML page is not for a terminal: under `script`, roller refuses and says why.
    if shutil.which("script"):
        env = p.env()
        tty = subprocess.run(["script", "-qec", f"{roller} report", "/dev/null"], env=env,
                             capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        assert b"give -o FILE" in tty.stdout, tty
    return "-o writes the page whole (0600), '-' is stdout, an unwritable path is one error line"


def make_screenshot(roller, out):
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="roller-report-") as tmp:
        p = build_log(roller, tmp)
        page = os.path.join(tmp, "report.html")
        report(p, "-o", page)
        run_chromium(browser, tmp, "--window-size=900,1240", "--force-device-scale-factor=1",
                     "--screenshot=" + out, "file://" + page)
    print(out)


TESTS = {"html": test_html, "chromium": test_chromium, "md": test_md, "range": test_range,
         "output": test_output}


def main():
    if sys.argv[1] == "screenshot":
        make_screenshot(os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]))
        return
    mode, roller = sys.argv[1], os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="roller-report-")
    try:
        said = TESTS[mode](roller, tmp)
        if said:
            print("ok:", said)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
