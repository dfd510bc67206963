#!/usr/bin/env python3
"""Sharing and fitting in, checked by real parsers and tools:

  sharing.py csv ROLLER     history --csv read back by Python's csv module (RFC 4180)
  sharing.py ics ROLLER     next --ics read back by python3-icalendar (RFC 5545)
  sharing.py import ROLLER  import merges another log, idempotently, and the rules apply
  sharing.py git ROLLER     two devices append, git merges with merge=union, both kept
  sharing.py color ROLLER   colour only on a terminal (under script), never with NO_COLOR
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

SESSIONS = """# roller log v1
2026-11-18T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5 roller=default note="a, \\"quoted\\"\\nnote"
2026-11-25T21:30:00+01:00 session id=2222222222222222 area=forehead depth=0.5 roller=default
2026-11-20T08:15:00+01:00 session id=3333333333333333 area=cheeks depth=1.0 roller=default
"""


def roller_env(tmp, log):
    return {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "TZ": "Europe/Berlin",
            "NO_COLOR": "1", "ROLLER_LOG": log, "ROLLER_NOW": "2026-11-27T21:30:00+01:00",
            "LANG": "C.UTF-8"}


def run(cmd, env, **kw):
    result = subprocess.run(cmd, env=env, capture_output=True, timeout=60,
                            stdin=subprocess.DEVNULL, **kw)
    return result


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def test_csv(roller, tmp):
    log = os.path.join(tmp, "roller.log")
    write(log, SESSIONS)
    out = run([roller, "history", "--csv"], roller_env(tmp, log))
    assert out.returncode == 0, out
    assert out.stdout.endswith(b"\r\n") and b"\r\n" in out.stdout.split(b"\r\n", 1)[0] + b"\r\n"
    rows = list(csv.reader(io.StringIO(out.stdout.decode(), newline="")))
    assert rows[0] == ["id", "at", "area", "depth_mm", "roller", "note", "gap_days", "forced",
                       "passes", "pressure", "pain", "numbing", "serum", "endpoint"]
    assert rows[1] == ["1111111111111111", "2026-11-18T21:30:00+01:00", "forehead", "0.5",
                       "default", 'a, "quoted"\nnote', "", "false", "", "", "", "", "", ""], rows[1]
    assert rows[2][0] == "3333333333333333" and rows[2][3] == "1.0"
    assert rows[3][0] == "2222222222222222" and rows[3][6] == "7.000", rows[3]
    assert len(rows) == 4
    return "history --csv read back by the csv module"


def test_ics(roller, tmp):
    try:
        import icalendar  # noqa: F401
    except ImportError:
        # Debian's python3-icalendar lives with the system interpreter.
        system = "/usr/bin/python3"
        result = subprocess.run([system, os.path.abspath(__file__), "ics", roller])
        sys.exit(result.returncode)
    import icalendar
    log = os.path.join(tmp, "roller.log")
    write(log, SESSIONS + "2026-11-26T08:00:00+01:00 hold id=4444444444444444 "
                          "until=2026-12-01T00:00:00+01:00 reason=\"sunburn; peeling, red\"\n")
    env = roller_env(tmp, log)
    out = run([roller, "next", "--ics"], env)
    assert out.returncode == 0, out
    text = out.stdout
    assert all(line.endswith(b"\r") for line in text.split(b"\n")[:-1]), "lines must end CRLF"
    assert all(len(line) <= 76 for line in text.split(b"\n")), "lines must fold at 75 octets"
    cal = icalendar.Calendar.from_ical(text)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    # Resting areas: face (cheeks 1.0 mm), forehead, cheeks; every other area is held.
    assert "cheeks may be rolled again" in events, events.keys()
    cheeks = events["cheeks may be rolled again"]
    assert cheeks.decoded("DTSTART").isoformat() == "2026-12-18T07:15:00+00:00"
    assert str(cheeks["UID"]) == "cheeks-3333333333333333@roller"
    assert len(cheeks.walk("VALARM")) == 1
    nose = events["nose may be rolled again"]
    assert nose.decoded("DTSTART").isoformat() == "2026-11-30T23:00:00+00:00"
    assert str(nose["DESCRIPTION"]) == "On hold until then: sunburn; peeling, red"
    # Stable UIDs: the same state gives the same calendar.
    again = run([roller, "next", "--ics"], env)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(again.stdout).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in cal.walk("VEVENT")]
    return f"next --ics read back by python3-icalendar ({len(events)} events)"


def test_import(roller, tmp):
    mine = os.path.join(tmp, "mine.log")
    phone = os.path.join(tmp, "phone.log")
    write(mine, "# roller log v1\n2026-11-18T21:30:00+01:00 session id=1111111111111111 "
                "area=forehead depth=0.5 roller=default\n")
    write(phone, "# roller log v1\n2026-11-18T21:30:00+01:00 session id=1111111111111111 "
                 "area=forehead depth=0.5 roller=default\n"
                 "2026-11-26T21:00:00+01:00 session id=2222222222222222 area=cheeks depth=1.0 "
                 "roller=default note=\"on the phone\"\n"
                 "2026-11-26T21:10:00+01:00 clean id=3333333333333333 roller=default\n"
                 "not a record\n"
                 "2026-11-27T08:00:00+01:00 session id=4444444444444444 area=ch")
    env = roller_env(tmp, mine)
    first = run([roller, "import", phone], env)
    assert first.returncode == 0, first
    assert first.stdout.decode() == (f"Imported 2 records from {phone} (1 cleaning, 1 session); "
                                     "1 was here already\n"), first.stdout
    assert first.stderr.decode() == (
        f"roller: warning: {phone}:5: 'not' is not an RFC 3339 timestamp with an offset; "
        f"skipped\nroller: warning: {phone}:6: the last line has no newline and does not read "
        "(cut short by a crash?); skipped\n"), first.stderr
    again = run([roller, "import", phone], env)
    assert again.stdout.decode() == f"Imported 0 records from {phone}; 3 were here already\n"
    # The rules now see the phone's cheeks session.
    refused = run([roller, "log", "--area", "cheeks", "--depth", "0.5"], env)
    assert refused.returncode == 3, refused
    with open(mine, encoding="utf-8") as f:
        text = f.read()
    assert 'note="on the phone"' in text and text.count("session id=2222222222222222") == 1
    assert run([roller, "check"], env).returncode == 0
    # A last line without its newline that reads whole is a record, imported like any other;
    # a session that breaks a rule over the merged history is named; an id this log holds
    # with other content is a conflict: reported, not imported, exit 1.
    tablet = os.path.join(tmp, "tablet.log")
    write(tablet, "2026-11-27T21:00:00+01:00 session id=5555555555555555 area=forehead "
                  "depth=0.5 roller=default\n"
                  "2026-11-28T21:00:00+01:00 session id=6666666666666666 area=cheeks depth=0.5 "
                  "roller=default")
    merged = run([roller, "import", tablet], env)
    assert merged.returncode == 0, merged
    assert merged.stdout.decode() == (f"Imported 2 records from {tablet} (2 sessions); "
                                      "0 were here already\n"), merged.stdout
    assert merged.stderr.decode() == (
        f"roller: warning: {mine}:6: imported session of cheeks at 0.5 mm on "
        "2026-11-28T21:00:00+01:00 came 2.0 days after the 1.0 mm session of cheeks on line 3, "
        "which rests it 28.0 days, and is not marked forced=true\n"), merged.stderr
    assert run([roller, "check"], env).returncode == 1
    conflicting = os.path.join(tmp, "conflict.log")
    write(conflicting, "2026-11-18T21:30:00+01:00 session id=1111111111111111 area=forehead "
                       "depth=1.0 roller=default\n")
    conflict = run([roller, "import", conflicting], env)
    assert conflict.returncode == 1, conflict
    assert conflict.stderr.decode() == (
        f"roller: warning: {conflicting}:1: id 1111111111111111 is on line 2 of {mine} with "
        f"other content; not imported\nroller: {conflicting}: 1 record conflicts with this log "
        "and was not imported\n"), conflict.stderr
    missing = run([roller, "import", os.path.join(tmp, "nope.log")], env)
    assert missing.returncode == 1 and missing.stderr.decode().endswith(
        "nope.log: cannot open the log: No such file or directory\n"), missing
    return "import merged another log once, idempotently, and the rules applied over both"


def test_git(roller, tmp):
    repo = os.path.join(tmp, "sync")
    os.makedirs(repo)
    genv = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "GIT_AUTHOR_NAME": "r",
            "GIT_AUTHOR_EMAIL": "r@localhost", "GIT_COMMITTER_NAME": "r",
            "GIT_COMMITTER_EMAIL": "r@localhost", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args):
        result = run(["git", "-C", repo, *args], genv)
        assert result.returncode == 0, (args, result)
        return result

    git("init", "-q", "-b", "main")
    write(os.path.join(repo, ".gitattributes"), "roller.log merge=union\n")
    log = os.path.join(repo, "roller.log")
    env = roller_env(tmp, log)
    assert run([roller, "log", "--area", "nose", "--depth", "0.5", "--now",
                "2026-11-10T21:00:00+01:00"], env).returncode == 0
    git("add", ".")
    git("commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "phone")
    assert run([roller, "log", "--area", "chin", "--depth", "0.5"], env).returncode == 0
    git("commit", "-q", "-am", "phone")
    git("checkout", "-q", "main")
    assert run([roller, "log", "--area", "forehead", "--depth", "0.5"], env).returncode == 0
    git("commit", "-q", "-am", "laptop")
    git("merge", "-q", "--no-edit", "phone")
    with open(log, encoding="utf-8") as f:
        text = f.read()
    assert "area=chin" in text and "area=forehead" in text and "area=nose" in text, text
    assert "<<<<<<<" not in text
    # git writes files with its own modes (0644); roller check says so, and chmod settles it.
    assert b"others can read it" in run([roller, "check"], env).stdout
    os.chmod(log, 0o600)
    check = run([roller, "check"], env)
    assert check.returncode == 0, check.stdout
    return "git merged two devices' appends with merge=union; roller check is clean"


def test_color(roller, tmp):
    log = os.path.join(tmp, "roller.log")
    write(log, SESSIONS)
    base = roller_env(tmp, log)
    del base["NO_COLOR"]

    def on_terminal(args, env):
        command = " ".join([roller, *args])
        result = run(["script", "-qec", command, "/dev/null"], env)
        assert result.returncode == 0, result
        return result.stdout

    assert b"\x1b[" in on_terminal(["next", "--area", "cheeks"], base)
    assert b"\x1b[" not in on_terminal(["next", "--area", "cheeks"], {**base, "NO_COLOR": "1"})
    assert b"\x1b[" not in on_terminal(["next", "--area", "cheeks", "--no-color"], base)
    assert b"\x1b[" not in on_terminal(["next", "--area", "cheeks", "--color=never"], base)
    # The calendar on a terminal: today in reverse video, marks in their heat colours.
    calendar = on_terminal(["history", "--calendar", "--months", "1"], base)
    assert b"\x1b[7m[27]\x1b[0m" in calendar, calendar
    assert b"\x1b[7m" not in on_terminal(["history", "--calendar"], {**base, "NO_COLOR": "1"})
    piped = run([roller, "next", "--area", "cheeks"], base)
    assert b"\x1b[" not in piped.stdout
    forced = run([roller, "next", "--area", "cheeks", "--color=always"],
                 {**base, "NO_COLOR": "1"})
    assert b"\x1b[" in forced.stdout
    return "colour only on a terminal, off with NO_COLOR, --no-color or --color=never"


def main():
    mode, roller = sys.argv[1], os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="roller-share-")
    try:
        message = {"csv": test_csv, "ics": test_ics, "import": test_import, "git": test_git,
                   "color": test_color}[mode](roller, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok:", message)


if __name__ == "__main__":
    main()
