#!/usr/bin/env python3
"""Closed standard streams: `roller log >&-`, `2>&-` and `<&-`.

A descriptor left closed by the caller is the lowest free one, so the log would be opened as
it, and roller's own output (or warnings) written into the health record. Each case logs a
session on a new named log (roller says on stderr that it created it, and on stdout what it
logged) with one stream closed; the log must then hold only its signature and records,
`roller check` must find nothing, and a session of another area must log normally.
Usage: closed_fds.py ROLLER
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROFILE = """[[rest]]
up_to_mm = 1.5
days = 7
[areas.left]
max_depth_mm = 1.0
[areas.right]
max_depth_mm = 1.0
"""
RECORD = re.compile(r"2026-11-25T21:30:00\+01:00 session id=[0-9a-f]{16} area=(left|right) "
                    r"depth=0\.5 roller=default")


def run(roller, env, args, closed=None):
    preexec = (lambda: os.close(closed)) if closed is not None else None  # noqa: E731
    return subprocess.run([roller, *args], env=env, capture_output=True, timeout=30,
                          stdin=subprocess.DEVNULL, preexec_fn=preexec)


def check_log(path, areas):
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8", "replace").split("\n")
    assert lines[0] == "# roller log v1" and lines[-1] == "", f"log: {lines!r}"
    records = lines[1:-1]
    assert len(records) == len(areas), f"log: {lines!r}"
    for line, area in zip(records, areas):
        assert RECORD.fullmatch(line) and f"area={area} " in line, f"not a record: {line!r}"


def main():
    roller = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="roller-fds-")
    try:
        profile = os.path.join(tmp, "profile.toml")
        with open(profile, "w", encoding="utf-8") as f:
            f.write(PROFILE)
        os.chmod(profile, 0o600)
        for fd, stream in enumerate(["stdin", "stdout", "stderr"]):
            log = os.path.join(tmp, f"{stream}-closed", "roller.log")
            env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "TZ": "Europe/Berlin",
                   "NO_COLOR": "1", "ROLLER_PROFILE": profile, "ROLLER_LOG": log,
                   "ROLLER_NOW": "2026-11-25T21:30:00+01:00"}
            result = run(roller, env, ["log", "--area", "left", "--depth", "0.5"], closed=fd)
            assert result.returncode == 0, f"{stream} closed: exit {result.returncode}: {result}"
            check_log(log, ["left"])
            result = run(roller, env, ["check"])
            assert result.returncode == 0, f"{stream} closed, then check: {result}"
            result = run(roller, env, ["log", "--area", "right", "--depth", "0.5"])
            assert result.returncode == 0, f"{stream} closed, then log: {result}"
            assert result.stdout.startswith(b"Logged right at 0.5 mm"), result
            check_log(log, ["left", "right"])
            assert run(roller, env, ["check"]).returncode == 0
            print(f"{stream} closed: the log holds only its records")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
