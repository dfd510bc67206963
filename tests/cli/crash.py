#!/usr/bin/env python3
"""Crash safety of the log: nothing earlier is ever lost, and the next run writes past.

  crash.py inject ROLLER CRASHING_ROLLER   a roller killed after each number of bytes of
                                           its append (the fault-injection point)
  crash.py after-torn ROLLER CRASHING      the same, for appends that follow a torn line
  crash.py first-write ROLLER CRASHING     the same, for the first write of a new log
  crash.py kill ROLLER [N]                 N (default 300) `roller log` runs killed with
                                           SIGKILL at random moments
  crash.py full-disk ROLLER                appends past a file size limit (ulimit -f)
  crash.py fsync-eio ROLLER CRASHING       an fsync that fails after a whole write
"""
import json
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
MARKER = "# torn line above, ignored"  # as older rollers closed a torn line
MARK = " # torn line, ignored"  # as roller marks one now, at its end


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
        if (i + 1 < len(lines) and lines[i + 1] == MARKER) or \
                (line.endswith(MARK) and not line.startswith("#")):
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
                assert tail and healed[len(after):].startswith(MARK + "\n"), cut
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


def session_ids(roller, env, torn_tail=False):
    """The ids of the sessions roller counts. `roller check` finds no unreadable line, and
    nothing at all unless `torn_tail` (a last line cut short, not yet closed) may be there."""
    check = run([roller, "check"], env)
    if not torn_tail or check.returncode != 0:
        output = check.stdout.decode()
        problems = [line for line in output.splitlines()[:-1] if "notice" not in line and
                    not (torn_tail and "cut short by a crash" in line)]
        assert not problems and check.returncode in (0, 1), (output, check.stderr.decode())
        assert check.returncode == 0 or torn_tail, output
    assert "unreadable" not in check.stdout.decode() + check.stderr.decode(), check
    history = run([roller, "history", "--json"], env)
    assert history.returncode == 0, history
    return {s["id"]: s["area"] for s in json.loads(history.stdout)["sessions"]}


def cut_every_byte(roller, crashing, before, label):
    """Writes `before` as the log (None: no log yet), then cuts one `roller log` at every byte
    of its append. After every cut the sessions counted are those of `before`, plus the new
    one only when all of it was written; no line is unreadable; and the next run writes past
    whatever the cut left."""
    tmp = tempfile.mkdtemp(prefix="roller-cut-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        args = ["log", "--area", "nose", "--depth", "0.25", "--note", "crash \"here\""]

        def restore():
            if before is None:
                if os.path.exists(log):
                    os.remove(log)
            else:
                with open(log, "w", encoding="utf-8") as f:
                    f.write(before)
                os.chmod(log, 0o600)

        restore()
        before_ids = set(session_ids(roller, env, torn_tail=True)) if before is not None else set()
        env["ROLLER_TEST_CRASH_AFTER"] = "1000000"
        assert run([crashing, *args], env).returncode == -signal.SIGKILL
        whole = read(log)
        written = len(whole.encode()) - len((before or "").encode())
        for cut in range(0, written + 1):
            restore()
            env["ROLLER_TEST_CRASH_AFTER"] = str(cut)
            result = run([crashing, *args], env)
            assert result.returncode == -signal.SIGKILL, (cut, result)
            del env["ROLLER_TEST_CRASH_AFTER"]
            after = read(log) if os.path.exists(log) else ""
            assert after.startswith(before or ""), f"{label}, cut {cut}: earlier text changed"
            assert check_shape(after) <= 2, f"{label}, cut {cut}: torn lines"
            if os.path.exists(log):
                counted = session_ids(roller, env, torn_tail=not after.endswith("\n"))
                assert before_ids <= set(counted), f"{label}, cut {cut}: a session was lost"
                # Only the session being written may count (whole, or cut between two
                # fields, which reads as a record), never a torn line brought back.
                new = {i: area for i, area in counted.items() if i not in before_ids}
                assert len(new) <= 1 and set(new.values()) <= {"nose"}, \
                    f"{label}, cut {cut}: a torn line counts: {new}"
            nxt = run([roller, "log", "--area", "neck", "--depth", "0.25"], env)
            assert nxt.returncode == 0, (label, cut, nxt)
            healed = read(log)
            assert healed.startswith(after) and healed.endswith("\n"), (label, cut)
            assert before_ids <= set(session_ids(roller, env)), (label, cut)
        print(f"ok: {label}: killed after each of 0..{written} bytes; no torn line counted or "
              "unreadable, nothing earlier lost, and the next run wrote past")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Lines an append can follow, torn in the ways a cut leaves them: in a field's name, inside
# a quoted note (ending in its escape character), inside the id, inside the time.
TORN_TAILS = [
    "2026-11-25T21:00:00+00:00 session id=2222222222222222 area=nose dep",
    '2026-11-25T21:00:00+00:00 session id=3333333333333333 area=nose depth=0.5 note="a \\',
    "2026-11-25T21:00:00+00:00 session id=44444444",
    "2026-11-25T2",
]


def after_torn(roller, crashing):
    good = ("# roller log v1\n"
            "2026-11-20T21:00:00+00:00 session id=1111111111111111 area=chin depth=0.5\n"
            "2026-11-20T21:05:00+00:00 clean id=5555555555555555 roller=default\n")
    for tail in TORN_TAILS:
        cut_every_byte(roller, crashing, good + tail, f"after {tail!r}")


def first_write(roller, crashing):
    cut_every_byte(roller, crashing, None, "the first write of a new log")


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
        assert read(log) == before, "nothing may be written when the append cannot fit"
        # An import whose batch does not fit writes none of it.
        other = os.path.join(tmp, "other.log")
        with open(other, "w", encoding="utf-8") as f:
            f.write("# roller log v1\n")
            for day in range(1, 21):
                f.write(f"2026-10-{day:02}T21:00:00+00:00 clean id={day:016x} roller=default\n")
        limit = len(before.encode()) + 500  # room for a few of the 20 records, not all
        result = run([roller, "import", other], env, preexec_fn=small_disk)
        assert result.returncode == 1, result
        assert "cannot append to the log: File too large" in result.stderr.decode(), result
        assert read(log) == before, "a failed import must leave no record"
        # Space again: the next runs work.
        again = run([roller, "log", "--area", "nose", "--depth", "0.25"], env)
        assert again.returncode == 0, again
        assert run([roller, "import", other], env).returncode == 0
        assert run([roller, "check"], env).returncode == 0
        print("ok: a full disk failed the append and an import's batch with one line and exit 1, "
              "writing nothing; the next runs worked")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fsync_eio(roller, crashing):
    """A disk that takes the bytes and then fails to confirm them: exit 1, and the message
    says that the record was written and counts (it does)."""
    tmp = tempfile.mkdtemp(prefix="roller-eio-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        assert run([roller, "log", "--area", "chin", "--depth", "0.5"], env).returncode == 0
        env["ROLLER_TEST_FSYNC_EIO"] = "1"
        result = run([crashing, "log", "--area", "nose", "--depth", "0.25"], env)
        del env["ROLLER_TEST_FSYNC_EIO"]
        assert result.returncode == 1, result
        assert result.stderr.decode() == (
            f"roller: {log}: written, but not confirmed on disk: Input/output error; it counts, "
            "and 'roller history' shows it\n"), result.stderr
        assert set(session_ids(roller, env).values()) == {"chin", "nose"}
        print("ok: an fsync error after a whole write exits 1 and says the record counts")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "inject":
        inject(sys.argv[2], sys.argv[3])
    elif mode == "after-torn":
        after_torn(sys.argv[2], sys.argv[3])
    elif mode == "first-write":
        first_write(sys.argv[2], sys.argv[3])
    elif mode == "fsync-eio":
        fsync_eio(sys.argv[2], sys.argv[3])
    elif mode == "kill":
        kill(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 300)
    elif mode == "full-disk":
        full_disk(sys.argv[2])
    else:
        sys.exit(__doc__)
