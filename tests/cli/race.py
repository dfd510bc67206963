#!/usr/bin/env python3
"""Race test: many `roller log` processes at once.

For one area, exactly one may win (exit 0) and every other is refused as too soon (exit 3),
because the rest check and the append happen under one exclusive lock. For distinct areas,
every process lands, and the log holds each record intact exactly once.
Usage: race.py ROLLER
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROCESSES = 24
AREAS = ["forehead", "under-eye", "nose", "upper-lip", "cheeks", "chin", "jawline", "neck",
         "decolletage", "scalp", "body"]


def launch(roller, env, areas):
    procs = []
    for area in areas:
        depth = "0.25"
        procs.append(subprocess.Popen([roller, "log", "--area", area, "--depth", depth],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      stdin=subprocess.DEVNULL))
    return [(p.wait(timeout=120), p.stdout.read().decode(), p.stderr.read().decode())
            for p in procs]


def sessions(log_path):
    with open(log_path, encoding="utf-8") as f:
        text = f.read()
    assert text.startswith("# roller log v1\n"), "the signature must be written exactly once"
    assert text.count("# roller log v1") == 1
    lines = [l for l in text.splitlines() if " session " in l]
    for line in lines:
        assert re.fullmatch(r"\S+ session id=[0-9a-f]{16} area=\S+ depth=0\.25 roller=default",
                            line), f"damaged record: {line!r}"
    return lines


def main():
    roller = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="roller-race-")
    try:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "TZ": "UTC", "NO_COLOR": "1",
               "ROLLER_NOW": "2026-11-25T21:30:00+00:00"}

        env["ROLLER_LOG"] = os.path.join(tmp, "one-area.log")
        results = launch(roller, env, ["forehead"] * PROCESSES)
        codes = sorted(code for code, _, _ in results)
        winners = codes.count(0)
        refused = codes.count(3)
        assert winners == 1, f"{winners} processes passed the rest check: {codes}"
        assert refused == PROCESSES - 1, f"exit statuses: {codes}"
        for code, _, err in results:
            if code == 3:
                assert "roller: too soon: forehead is resting until" in err, err
        assert len(sessions(env["ROLLER_LOG"])) == 1
        # Of the processes that raced to create the named log, exactly one made it and
        # says so.
        created = [err for _, _, err in results if err.startswith("roller: created a new log")]
        assert len(created) == 1, f"{len(created)} processes said they created the log"

        env["ROLLER_LOG"] = os.path.join(tmp, "many-areas.log")
        results = launch(roller, env, AREAS)
        codes = [code for code, _, _ in results]
        assert codes == [0] * len(AREAS), f"exit statuses: {codes}"
        logged = sorted(re.search(r"area=(\S+)", l).group(1)
                        for l in sessions(env["ROLLER_LOG"]))
        assert logged == sorted(AREAS), f"areas logged: {logged}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok: {PROCESSES} racing processes, 1 winner; {len(AREAS)} areas, all landed")


if __name__ == "__main__":
    main()
