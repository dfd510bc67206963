#!/usr/bin/env python3
"""What real machines do to a log file, done to roller's: each mode reproduces one attack and
checks that no acknowledged record is lost, nothing is written where it must not be, and no
command hangs.

  hostile_fs.py replaced ROLLER     a replacer that takes the lock, copies the log and renames
                                    the copy over it, again and again, while rollers write
  hostile_fs.py stopped ROLLER      the lock held by a stopped process
  hostile_fs.py links ROLLER        links and files planted by another user (runs roller as
                                    nobody; needs root, else skipped)
  hostile_fs.py unreadable ROLLER   every writer refuses a log with unreadable lines unless --force
  hostile_fs.py sparse ROLLER       a sparse file of 6 GB and one of 100 GB
"""
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

NOW = "2026-11-25T21:30:00+00:00"


def env_for(home, log=None, **extra):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "TZ": "UTC", "NO_COLOR": "1",
           "ROLLER_NOW": NOW}
    if log is not None:
        env["ROLLER_LOG"] = log
    env.update(extra)
    return env


def run(cmd, env, timeout=60, **kwargs):
    return subprocess.run(cmd, env=env, capture_output=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, **kwargs)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def replaced(roller, writes=240, writers=3):
    tmp = tempfile.mkdtemp(prefix="roller-replaced-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        assert run([roller, "clean"], env).returncode == 0
        stop = threading.Event()
        replacements = [0]

        def replacer():
            # As git, Syncthing or an editor do, but polite: under the lock roller takes.
            while not stop.is_set():
                with open(log, "rb") as old:
                    fcntl.flock(old, fcntl.LOCK_EX)
                    copy = log + ".tmp"
                    with open(copy, "wb") as new:
                        new.write(old.read())
                    os.chmod(copy, 0o600)
                    os.rename(copy, log)
                    replacements[0] += 1
                time.sleep(0.0005)

        acknowledged = []
        lock = threading.Lock()
        areas = ["forehead", "nose", "cheeks", "chin", "neck", "scalp", "body"]

        def writer(k):
            for i in range(writes // writers):
                at = f"2026-11-{1 + (i % 24):02}T{k:02}:{i % 60:02}:00+00:00"
                result = run([roller, "log", "--area", areas[(i + k) % len(areas)],
                              "--depth", "0.25", "--force", "--at", at], env)
                assert result.returncode == 0, result
                ident = re.search(r"id ([0-9a-f]{8})", result.stdout.decode()).group(1)
                with lock:
                    acknowledged.append(ident)

        winners = []

        def contender():
            # The same area at the same time, without --force: the rest rule lets one in.
            result = run([roller, "log", "--area", "decolletage", "--depth", "0.25"], env)
            assert result.returncode in (0, 3), result
            if result.returncode == 0:
                with lock:
                    winners.append(result.stdout)

        thread = threading.Thread(target=replacer)
        thread.start()
        try:
            workers = [threading.Thread(target=writer, args=(k,)) for k in range(writers)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            contenders = [threading.Thread(target=contender) for _ in range(12)]
            for w in contenders:
                w.start()
            for w in contenders:
                w.join()
        finally:
            stop.set()
            thread.join()
        assert len(winners) == 1, f"{len(winners)} sessions on one area passed the rest check"
        text = read(log).decode()
        present = set(re.findall(r"session id=([0-9a-f]{8})", text))
        lost = [i for i in acknowledged if i not in present]
        assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged sessions lost"
        assert len(acknowledged) == writes // writers * writers
        assert replacements[0] > 20, f"only {replacements[0]} replacements: no race happened"
        check = run([roller, "check"], env)
        assert "unreadable" not in check.stdout.decode(), check.stdout.decode()
        print(f"ok: {len(acknowledged)} sessions acknowledged while the log was replaced "
              f"{replacements[0]} times; none lost; of 12 racing sessions on one area, one won")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def hold_lock_stopped(path, operation):
    """A process that takes the lock on `path` and stops itself (SIGSTOP), as a roller
    stopped with Ctrl-Z would."""
    code = ("import fcntl, os, signal, sys\n"
            f"f = open({path!r})\n"
            f"fcntl.flock(f, {operation})\n"
            "sys.stdout.write('locked\\n'); sys.stdout.flush()\n"
            "os.kill(os.getpid(), signal.SIGSTOP)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"locked\n"
    return proc


def stopped(roller):
    tmp = tempfile.mkdtemp(prefix="roller-stopped-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        assert run([roller, "log", "--area", "chin", "--depth", "0.5"], env).returncode == 0
        before = read(log)
        holder = hold_lock_stopped(log, "fcntl.LOCK_EX")
        try:
            quick = dict(env, ROLLER_LOCK_TIMEOUT="1")
            for args in (["log", "--area", "nose", "--depth", "0.25"], ["clean"], ["next"],
                         ["history"], ["check"]):
                start = time.monotonic()
                result = run([roller, *args], quick, timeout=30)
                took = time.monotonic() - start
                err = result.stderr.decode()
                assert result.returncode == 1, (args, result)
                assert 0.9 < took < 4, (args, took)
                assert err.splitlines()[0] == (
                    f"roller: waiting for another roller (pid {holder.pid}) to finish with {log}"
                ), err
                assert f"gave up after 1 s waiting for another roller (pid {holder.pid})" in err, err
                assert len(err.splitlines()) == 2, err
                assert read(log) == before, args
            # Without ROLLER_LOCK_TIMEOUT: ten seconds.
            start = time.monotonic()
            result = run([roller, "next"], env, timeout=60)
            took = time.monotonic() - start
            assert result.returncode == 1 and 9.5 < took < 14, (result, took)
            bad = run([roller, "next"], dict(env, ROLLER_LOCK_TIMEOUT="soon"))
            assert bad.returncode == 2, bad
            assert bad.stderr.decode() == ("roller: ROLLER_LOCK_TIMEOUT 'soon' must be a number of "
                                           "seconds from 0 to 86400, like 10\n"), bad.stderr
        finally:
            holder.kill()
            holder.wait()
        # A stopped reader holds a shared lock: readers go on, writers wait for it.
        reader = hold_lock_stopped(log, "fcntl.LOCK_SH")
        try:
            quick = dict(env, ROLLER_LOCK_TIMEOUT="0.5")
            assert run([roller, "next"], quick).returncode == 0
            assert run([roller, "clean"], quick).returncode == 1
            assert read(log) == before
        finally:
            reader.kill()
            reader.wait()
        assert run([roller, "clean"], env).returncode == 0
        print("ok: a lock held by a stopped process: every command said so once, gave up "
              "after the timeout with exit 1 and wrote nothing")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


NOBODY = 65534


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


WRITERS = [
    ["log", "--area", "chin", "--depth", "0.25", "--force"],
    ["hold", "--until", "2026-12-10", "--reason", "sunburn", "--force"],
    ["clean", "--force"],
    ["replace", "--force"],
    ["undo", "--force"],
    ["void", "1111", "--force"],
]


def links(roller):
    if os.geteuid() != 0:
        print("skipped: planting files of another user needs root (to run roller as nobody)")
        return
    tmp = tempfile.mkdtemp(prefix="roller-links-")
    try:
        os.chmod(tmp, 0o755)
        shared = os.path.join(tmp, "shared")  # like /tmp: anyone may create names here
        os.mkdir(shared)
        os.chmod(shared, 0o1777)
        home = os.path.join(tmp, "home")  # nobody's own folder
        os.mkdir(home, 0o700)
        os.chown(home, NOBODY, NOBODY)
        record = "2026-11-20T21:00:00+00:00 session id=1111111111111111 area=chin depth=0.5\n"
        other = os.path.join(home, "other.log")
        with open(other, "w") as f:
            f.write("# roller log v1\n" + record.replace("1111", "2222"))
        os.chown(other, NOBODY, NOBODY)
        os.chmod(other, 0o600)

        def as_nobody_run(args, log):
            return run([roller, *args], env_for(home, log), preexec_fn=as_nobody)

        def writers_refuse(log, message, target):
            before = read(target)
            for args in WRITERS + [["import", other, "--force"]]:
                result = as_nobody_run(args, log)
                assert result.returncode == 1, (args, result)
                assert message in result.stderr.decode(), (args, result.stderr.decode())
                assert read(target) == before, (args, "the target changed")

        # A link planted by another user (root here) to a file of theirs that is no log.
        secret = os.path.join(tmp, "secret.conf")
        with open(secret, "w") as f:
            f.write("password=hunter2\n")
        planted = os.path.join(shared, "roller.log")
        os.symlink(secret, planted)
        writers_refuse(planted, f"{planted}: is a link that belongs to another user (uid 0)",
                       secret)
        # nobody's own link, to a log of another user.
        root_log = os.path.join(tmp, "root.log")
        with open(root_log, "w") as f:
            f.write("# roller log v1\n" + record)
        os.chmod(root_log, 0o666)  # even one nobody could write
        mine = os.path.join(home, "to-root.log")
        os.symlink(root_log, mine)
        os.lchown(mine, NOBODY, NOBODY)
        writers_refuse(mine, "which belongs to another user (uid 0)", root_log)
        # A log of another user, not a link, in the shared folder.
        foreign = os.path.join(shared, "foreign.log")
        shutil.copy(root_log, foreign)
        os.chmod(foreign, 0o666)
        writers_refuse(foreign, f"{foreign}: belongs to another user (uid 0); roller writes "
                       "only your own log", foreign)
        # nobody's own link to nobody's own file that is no log.
        notes = os.path.join(home, "notes.txt")
        with open(notes, "w") as f:
            f.write("my notes\n")
        os.chown(notes, NOBODY, NOBODY)
        to_notes = os.path.join(home, "notes.log")
        os.symlink(notes, to_notes)
        os.lchown(to_notes, NOBODY, NOBODY)
        writers_refuse(to_notes, f"{to_notes}: is a link to {notes}, which is not a roller log",
                       notes)
        result = as_nobody_run(["next"], to_notes)
        assert result.returncode == 1 and "not a roller log" in result.stderr.decode(), result
        # A deliberate link (into a sync folder): nobody's own, to nobody's own log. Followed.
        synced = os.path.join(home, "sync.log")
        with open(synced, "w") as f:
            f.write("# roller log v1\n" + record)
        os.chown(synced, NOBODY, NOBODY)
        os.chmod(synced, 0o600)
        link = os.path.join(home, "roller.log")
        os.symlink(synced, link)
        os.lchown(link, NOBODY, NOBODY)
        result = as_nobody_run(["clean"], link)
        assert result.returncode == 0 and result.stderr == b"", result
        assert b" clean id=" in read(synced) and os.path.islink(link)
        # A dangling link is not created through.
        dangling = os.path.join(home, "dangling.log")
        os.symlink(os.path.join(home, "nowhere.log"), dangling)
        os.lchown(dangling, NOBODY, NOBODY)
        result = as_nobody_run(["clean"], dangling)
        assert result.returncode == 1 and "which does not exist" in result.stderr.decode()
        assert not os.path.exists(os.path.join(home, "nowhere.log"))
        # A log in a folder others can write in: warned about, as ssh's StrictModes would.
        open_log = os.path.join(shared, "nobody.log")
        result = as_nobody_run(["clean"], open_log)
        assert result.returncode == 0, result
        assert (f"roller: warning: {shared}: others can write in the log's folder, and so "
                f"replace the log or plant a link there; run: chmod go-w {shared}"
                ) in result.stderr.decode(), result.stderr.decode()
        print("ok: links and files planted by another user refused by every writer; a link of "
              "one's own to one's own log followed; an open folder warned about")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def unreadable(roller):
    tmp = tempfile.mkdtemp(prefix="roller-unreadable-")
    try:
        log = os.path.join(tmp, "roller.log")
        other = os.path.join(tmp, "other.log")
        env = env_for(tmp, log)
        with open(other, "w") as f:
            f.write("# roller log v1\n2026-11-01T21:00:00+00:00 clean id=2222222222222222\n")
        text = ("# roller log v1\n"
                "2026-11-20T21:00:00+00:00 session id=1111111111111111 area=chin depth=0.5\n"
                "2026-11-21T21:00:00+00:00 hold id=3333 until=2026-12-10T00:00:00Z reason=x\n")
        with open(log, "w") as f:
            f.write(text)
        os.chmod(log, 0o600)
        for args in WRITERS + [["import", other, "--force"]]:
            plain = [a for a in args if a != "--force"]
            result = run([roller, *plain], env)
            assert result.returncode == 1, (plain, result)
            assert (f"roller: {log}:3: the log has 1 unreadable line, so roller will not "
                    ) in result.stderr.decode(), (plain, result.stderr.decode())
            assert read(log) == text.encode(), plain
        for args in WRITERS + [["import", other, "--force"]]:
            if args[0] == "void":
                continue  # the undo before it voided the same record
            result = run([roller, *args], env)
            assert result.returncode == 0, (args, result)
        print("ok: every writer refused a log with an unreadable line, and wrote with --force")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def peak_kib(cmd, env):
    """The peak memory of one run of `cmd`, measured by a process of its own that runs it."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    result = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True,
                            timeout=60, check=True)
    return int(result.stdout)


def sparse(roller):
    tmp = tempfile.mkdtemp(prefix="roller-sparse-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = env_for(tmp, log)
        with open(log, "w") as f:
            f.write("# roller log v1\n"
                    "2026-11-20T21:00:00+00:00 session id=1111111111111111 area=chin depth=0.5\n")
        os.chmod(log, 0o600)
        # Peak memory against the same command on the same 4 KB without the hole (a
        # sanitizer build has its own large baseline).
        baseline_kib = peak_kib([roller, "next", "--area", "chin"], env)
        os.truncate(log, 6 << 30)
        start = time.monotonic()
        result = run([roller, "next", "--area", "chin"], env)
        took = time.monotonic() - start
        sparse_kib = peak_kib([roller, "next", "--area", "chin"], env)
        assert result.returncode == 0, result
        assert "resting until" in result.stdout.decode(), result.stdout
        assert "last line has no newline" in result.stderr.decode(), result.stderr
        assert took < 5, f"{took:.1f} s for 4 KB of content"
        assert sparse_kib < baseline_kib + 16 * 1024, \
            f"{sparse_kib} KiB for 4 KB of content, against {baseline_kib} KiB without the hole"
        # A long line, a hole, then a record: the hole is skipped, the record read.
        holey = os.path.join(tmp, "holey.log")
        with open(holey, "wb") as f:
            f.write(b"a" * (2 << 20))
            f.seek(64 << 20)
            f.write(b"\n2026-11-21T21:00:00+00:00 session id=2222222222222222 area=nose "
                    b"depth=0.25\n")
        os.chmod(holey, 0o600)
        history = run([roller, "history", "--json"], env_for(tmp, holey))
        assert history.returncode == 0 and b'"area": "nose"' in history.stdout, history
        assert b"line is longer than 1 MiB" in history.stderr, history.stderr
        # One of 100 GB: read, written past, imported, checked.
        os.truncate(log, 100 << 30)
        assert run([roller, "log", "--area", "nose", "--depth", "0.25"], env).returncode == 0
        other = os.path.join(tmp, "other.log")
        assert run([roller, "import", log], env_for(tmp, other)).returncode == 0
        assert b"area=nose" in read(other) and os.path.getsize(other) < 4096
        check = run([roller, "check"], env)
        assert "longer than 1 MiB" in check.stdout.decode() or check.returncode == 0, check
        print(f"ok: a sparse log of 6 GB read in {took:.2f} s, peak memory {sparse_kib // 1024} "
              f"MiB ({baseline_kib // 1024} MiB without the hole); one of 100 GB read, written "
              "and imported")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    modes = {"replaced": replaced, "stopped": stopped, "links": links,
             "unreadable": unreadable, "sparse": sparse}
    if len(sys.argv) != 3 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    modes[sys.argv[1]](sys.argv[2])
