#!/usr/bin/env python3
"""Crash safety of the log: nothing earlier is ever lost, and the next run writes past.

  crash.py inject ROLLER CRASHING_ROLLER   a roller killed after each number of bytes of
                                           its append (the fault-injection point)
  crash.py kill ROLLER [N]                 N (default 300) `roller log` runs killed with
                                           SIGKILL at random moments
  crash.py full-disk ROLLER                appends past a file size limit (ulimit -f)
"""
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

# A whole record as roller reads it: a bare value may be empty ("roller=" cut right after
# its '=' still reads).
RECORD = re.compile(r'\S+ (session|clean|replace|void) id=[0-9a-f]{16}( \S+=("(?:[^"\\]|\\.)*"|\S*))*')
MARKER = "# torn line above, ignored"


def env_for(tmp, log):
    return {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "TZ": "UTC", "NO_COLOR": "1",
            "ROLLER_LOG": log, "ROLLER_NOW": "2026-11-25T21:30:00+00:00"}


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL, **kwargs)


def check_shape(text):
    """Every line is a comment or a whole record, except torn lines: the last line without a
    newline, or a line followed by the marker. Returns the number of torn lines."""
    lines = text.split("\n")
    tail = lines.pop()  # "" when the file ends with a newline
    torn = 1 if tail else 0
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and lines[i + 1] == MARKER:
            torn += 1  # closed by the marker: ignored, whatever it looks like
            continue
        assert line.startswith("#") or RECORD.fullmatch(line.rstrip(" ")), \
            f"damaged line {i + 1}: {line!r}"
    return torn


def read(path):
    with open(path, encoding="utf-8", errors="strict") as f:
        return f.read()


def inject(roller, crashing):
    tmp = tempfile.mkdtemp(prefix="roller-inject-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        args = ["log", "--area", "nose", "--depth", "0.25", "--note", "crash \"here\""]
        assert run([roller, "log", "--area", "chin", "--depth", "0.5"], env).returncode == 0
        before = read(log)
        # Learn the length of the appended text (killed after writing all of it, before the
        # fsync), then cut it at every byte from nothing to all of it.
        env["ROLLER_TEST_CRASH_AFTER"] = "1000000"
        assert run([crashing, *args], env).returncode == -signal.SIGKILL
        record_length = len(read(log).encode()) - len(before.encode())
        assert record_length > 100, record_length
        for cut in range(0, record_length + 1):
            with open(log, "w", encoding="utf-8") as f:
                f.write(before)
            env["ROLLER_TEST_CRASH_AFTER"] = str(cut)
            result = run([crashing, *args], env)
            assert result.returncode == -signal.SIGKILL, (cut, result)
            after = read(log)
            assert after.startswith(before), f"cut {cut}: earlier records changed"
            assert check_shape(after) <= 1, f"cut {cut}: more than one torn line"
            # The next run reports the torn line (if any), writes past it and is whole again.
            del env["ROLLER_TEST_CRASH_AFTER"]
            nxt = run([roller, "log", "--area", "neck", "--depth", "0.25"], env)
            assert nxt.returncode == 0, (cut, nxt)
            # A cut that leaves a last line without its newline that still reads whole (cut
            # right before a field) leaves a record, which the next append only ends with
            # its newline; any other cut leaves a torn line, reported and marked.
            tail = after[len(after.rstrip("\n").rsplit("\n", 1)[0]) + 1:] if not after.endswith("\n") else ""
            torn = "cut short by a crash" in nxt.stderr.decode()
            healed = read(log)
            assert healed.startswith(after)
            assert healed.endswith("\n")
            if torn:
                assert tail and healed[len(after):].startswith("\n" + MARKER + "\n"), cut
                assert check_shape(healed) == 1
            else:
                assert not tail or RECORD.fullmatch(tail.rstrip(" ")), (cut, tail)
                assert check_shape(healed) == 0
            check = run([roller, "check"], env)
            assert check.returncode == 0, (cut, check.stdout.decode())
        print(f"ok: killed after each of 0..{record_length} bytes; earlier records intact, "
              "the next run reported the torn line and wrote past it")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def kill(roller, count):
    tmp = tempfile.mkdtemp(prefix="roller-kill-")
    rng = random.Random(20261125)
    areas = ["forehead", "nose", "cheeks", "chin", "neck", "scalp", "body"]
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        landed = set()
        killed = 0
        for i in range(count):
            proc = subprocess.Popen(
                [roller, "log", "--area", rng.choice(areas), "--depth", "0.25", "--force"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL)
            try:
                proc.wait(timeout=rng.uniform(0, 0.012))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            out = proc.stdout.read().decode()
            if proc.returncode == 0:
                landed.add(re.search(r"id ([0-9a-f]{8})", out).group(1))
            else:
                assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stderr.read())
                killed += 1
            if os.path.exists(log):
                check_shape(read(log))
        # One clean run settles a torn tail; then every landed session is there and the
        # log is whole.
        final = run([roller, "log", "--area", "forehead", "--depth", "0.25", "--force"], env)
        assert final.returncode == 0, final
        text = read(log)
        check_shape(text)
        ids = set(re.findall(r"session id=([0-9a-f]{8})", text))
        missing = landed - ids
        assert not missing, f"sessions reported as logged but missing: {missing}"
        check = run([roller, "check"], env)
        assert check.returncode == 0, check.stdout.decode()
        print(f"ok: {count} runs, {killed} killed by SIGKILL at random moments, "
              f"{len(landed)} landed and all present; roller check: {check.stdout.decode().strip()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def full_disk(roller):
    tmp = tempfile.mkdtemp(prefix="roller-full-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        assert run([roller, "log", "--area", "chin", "--depth", "0.5"], env).returncode == 0
        before = read(log)
        limit = len(before.encode()) + 20

        def small_disk():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        result = run([roller, "log", "--area", "nose", "--depth", "0.25"], env,
                     preexec_fn=small_disk)
        assert result.returncode == 1, result
        assert result.stderr.decode() == \
            f"roller: {log}: cannot append to the log: File too large\n", result.stderr
        assert result.stdout == b"", result.stdout
        after = read(log)
        assert after.startswith(before) and len(after) == limit, "expected a 20-byte torn tail"
        assert not after.endswith("\n"), "no record may look complete"
        # Space again: the next run reports the torn line and works.
        again = run([roller, "log", "--area", "nose", "--depth", "0.25"], env)
        assert again.returncode == 0, again
        assert "cut short by a crash" in again.stderr.decode()
        assert run([roller, "check"], env).returncode == 0
        print("ok: a full disk failed the append with one line and exit 1; the next run worked")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "inject":
        inject(sys.argv[2], sys.argv[3])
    elif mode == "kill":
        kill(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 300)
    elif mode == "full-disk":
        full_disk(sys.argv[2])
    else:
        sys.exit(__doc__)
