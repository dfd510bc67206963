#!/usr/bin/env python3
"""`roller remind` and `roller prompt` as a person meets them, on the real binary.

  remind.py month ROLLER      a month of hourly runs (fixed --now steps): each thing said
                              once, and again only when it changes
  remind.py modes ROLLER      the state file is 0600 in a 0700 folder, even under umask 000,
                              and never beside the log
  remind.py corrupt ROLLER    a missing, damaged or cut state file: one warning, a fresh start
  remind.py notify ROLLER     --notify against a fake notify-send first on PATH, one that
                              fails, and none on PATH
  remind.py install ROLLER    --install/--uninstall: units systemd-analyze verify accepts,
                              refusals, a foreign file left alone
  remind.py prompt ROLLER     prompt on a log it cannot read (running as nobody when root)

Every case runs in its own temporary folder, with HOME, XDG_STATE_HOME and XDG_CONFIG_HOME
inside it.
"""
import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import tempfile

TZ = "Europe/Berlin"


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def require(condition, message):
    if not condition:
        fail(message)


class Sandbox:
    def __init__(self, roller, tmp):
        self.roller = roller
        self.tmp = tmp
        self.log = os.path.join(tmp, "data", "roller.log")
        self.state = os.path.join(tmp, "state", "roller", "remind.state")
        os.makedirs(os.path.join(tmp, "home"))
        os.makedirs(os.path.dirname(self.log), mode=0o700)
        with open(self.log, "w", encoding="utf-8") as f:
            f.write("# roller log v1\n")
        os.chmod(self.log, 0o600)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(tmp, "home"),
            "TZ": TZ,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "ROLLER_LOG": self.log,
            "XDG_STATE_HOME": os.path.join(tmp, "state"),
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
        }

    def run(self, *args, env=None, preexec=None):
        full_env = dict(self.env)
        for key, value in (env or {}).items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        return subprocess.run([self.roller, *args], env=full_env, capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL, preexec_fn=preexec,
                              cwd=self.tmp)

    def ok(self, *args, **kw):
        result = self.run(*args, **kw)
        require(result.returncode == 0,
                f"roller {' '.join(args)}: exit {result.returncode}\n{result.stdout}{result.stderr}")
        return result


def at(day, hour):
    return f"2026-12-{day:02d}T{hour:02d}:00:00+01:00"


# ---- a month ----------------------------------------------------------------------------

# What the person does, by (day, hour) of December 2026 (Berlin time).
ACTIONS = {
    (1, 20): [["course", "start", "hair", "--area", "scalp", "--depth", "0.5", "--every", "7",
               "--sessions", "4", "--review", "2"],
              ["log", "--area", "scalp", "--depth", "0.5"],
              ["log", "--area", "forehead", "--depth", "0.25"]],
    (1, 22): [["clean"]],
    (5, 19): [["log", "--area", "forehead", "--depth", "0.25"], ["clean"]],
    (8, 20): [["log", "--area", "scalp", "--depth", "0.5"], ["clean"]],
    (12, 9): [["hold", "--until", "2026-12-14T09:00", "--reason", "a cold sore"]],
    (16, 21): [["log", "--area", "scalp", "--depth", "0.5"]],
    (17, 8): [["clean"]],
}

# Every line an hourly `roller remind` says over the month, with the hour it says it. Of
# note: what the person does in an hour comes before that hour's run (the scalp rolled at
# 20:00 on the 8th, the hour it became ready, is never said ready that day); session 2 due
# on the 8th is said once, at the day's first run, not again at its hour; forehead, ready
# since the 7th, is held from the 12th and said again when the hold ends; session 3, rolled
# a day late on the 16th, moves session 4 to the 23rd.
EXPECTED = """
Dec 01 20:00  Clean default: used Tue 1 Dec 20:00 (now) and not cleaned since
Dec 03 20:00  forehead is ready to roll again, since Thu 3 Dec 20:00 (now)
Dec 07 19:00  forehead is ready to roll again, since Mon 7 Dec 19:00 (now)
Dec 08 00:00  Course hair: session 2 of 4 is due today, Tue 8 Dec 20:00 (in 20 hours)
Dec 14 09:00  The hold ended Mon 14 Dec 09:00 (now): rolling may start again
Dec 14 09:00  forehead is ready to roll again, since Mon 7 Dec 19:00 (7 days ago)
Dec 15 00:00  Course hair: session 3 of 4 is due today, Tue 15 Dec 20:00 (in 20 hours)
Dec 15 20:00  scalp is ready to roll again, since Tue 15 Dec 20:00 (now)
Dec 15 20:00  Course hair: its week 2 review has come, Tue 15 Dec 20:00 (now)
Dec 16 21:00  Clean default: used Wed 16 Dec 21:00 (now) and not cleaned since
Dec 23 00:00  Course hair: session 4 of 4 is due today, Wed 23 Dec 21:00 (in 21 hours)
Dec 23 21:00  scalp is ready to roll again, since Wed 23 Dec 21:00 (now)
"""


def test_month(roller, tmp):
    box = Sandbox(roller, tmp)
    said = []
    start = dt.datetime(2026, 12, 1, 0, 0)
    for hours in range(31 * 24):
        moment = start + dt.timedelta(hours=hours)
        now = at(moment.day, moment.hour)
        for args in ACTIONS.get((moment.day, moment.hour), []):
            box.ok(*args, "--now", now)
        # A run on the hour, after what the person did in it, as a timer would.
        result = box.ok("remind", "--now", now)
        expected_stderr = "" if hours else (
            f"roller: warning: {box.state}: no record of what was said yet: starting afresh\n")
        require(result.stderr == expected_stderr, f"remind at {now} warned:\n{result.stderr}")
        for line in result.stdout.splitlines():
            said.append(f"{moment:%b %d %H:%M}  {line}")
        # What is said is remembered as said: at the same instant, nothing again.
        require(box.ok("remind", "--now", now).stdout == "", f"remind at {now} repeated itself")
    actual = "\n".join(said)
    if actual != EXPECTED.strip():
        import difflib
        diff = "\n".join(difflib.unified_diff(EXPECTED.strip().splitlines(), said, "expected",
                                              "actual", lineterm=""))
        fail(f"the month's reminders differ:\n{diff}")
    # --exit-code says whether anything was new: the next thing that comes (forehead, rolled
    # on the 5th at 0.25 mm, is long ready; roll it, let it rest, and look).
    box.ok("log", "--area", "forehead", "--depth", "0.25", "--now", at(31, 20))
    box.ok("clean", "--now", at(31, 20))
    require(box.run("remind", "--exit-code", "--now", at(31, 21)).returncode == 0,
            "--exit-code exits 1 with nothing new")
    late = "2027-01-02T21:00:00+01:00"
    result = box.run("remind", "--exit-code", "--now", late)
    require(result.returncode == 1 and "forehead is ready" in result.stdout,
            f"--exit-code does not exit 1 on something new: {result}")
    require(box.run("remind", "--exit-code", "--now", late).returncode == 0,
            "--exit-code exits 1 again for what was said")
    # A look back with --now leaves the state alone: the timer does not repeat itself after.
    box.ok("remind", "--now", at(20, 12))
    require(box.ok("remind", "--now", late).stdout == "",
            "a look at an earlier instant made the timer say things again")
    return f"a month of {31 * 24} hourly runs said {len(said)} things, each once"


# ---- the state file's mode ----------------------------------------------------------------

def test_modes(roller, tmp):
    box = Sandbox(roller, tmp)
    box.ok("log", "--area", "forehead", "--depth", "0.25", "--now", at(1, 20))
    # umask 000: the modes must come from roller, not from the umask.
    result = box.run("remind", "--now", at(1, 21), preexec=lambda: os.umask(0))
    require(result.returncode == 0 and "Clean default" in result.stdout, f"remind failed: {result}")
    for path, mode in ((box.state, 0o600), (os.path.dirname(box.state), 0o700),
                       (os.path.dirname(os.path.dirname(box.state)), 0o700)):
        actual = stat.S_IMODE(os.stat(path).st_mode)
        require(actual == mode, f"{path} has mode {actual:04o}, expected {mode:04o}")
    require(os.listdir(os.path.dirname(box.log)) == ["roller.log"],
            f"remind wrote beside the log: {os.listdir(os.path.dirname(box.log))}")
    with open(box.log, encoding="utf-8") as f:
        require("remind" not in f.read(), "remind wrote into the log")
    # No temporary file left beside the state after the rename.
    require(os.listdir(os.path.dirname(box.state)) == ["remind.state"],
            f"left beside the state: {os.listdir(os.path.dirname(box.state))}")
    # Without XDG_STATE_HOME: ~/.local/state/roller.
    result = box.run("remind", "--now", at(1, 21), env={"XDG_STATE_HOME": None})
    home_state = os.path.join(box.env["HOME"], ".local", "state", "roller", "remind.state")
    require(result.returncode == 0 and os.path.isfile(home_state),
            f"without XDG_STATE_HOME the state is not under ~/.local/state: {result}")
    require(stat.S_IMODE(os.stat(home_state).st_mode) == 0o600, "~/.local/state file not 0600")
    return "the state is 0600 in a 0700 folder under umask 000, apart from the log"


# ---- a damaged state ----------------------------------------------------------------------

def test_corrupt(roller, tmp):
    box = Sandbox(roller, tmp)
    box.ok("log", "--area", "forehead", "--depth", "0.25", "--now", at(1, 20))
    line = "Clean default: used Tue 1 Dec 20:00 (1 hour ago) and not cleaned since\n"
    first = box.ok("remind", "--now", at(1, 21))
    require(first.stdout == line, f"first run: {first.stdout!r}")
    cases = {
        "garbage": (b"\x00\xffnot a state\n", "line 1 is damaged"),
        "cut short": (open(box.state, "rb").read()[:-3], "line 3 is damaged"),
        "an unknown line": (open(box.state, "rb").read() + b"forget everything\n",
                            "line 4 is damaged"),
    }
    for name, (content, why) in cases.items():
        with open(box.state, "wb") as f:
            f.write(content)
        result = box.run("remind", "--now", at(1, 21))
        expected = (f"roller: warning: {box.state}: {why}: starting afresh, so what needs "
                    "attention is said again\n")
        require(result.returncode == 0, f"{name}: exit {result.returncode}")
        require(result.stderr == expected, f"{name}: stderr {result.stderr!r}, expected {expected!r}")
        require(result.stdout == line, f"{name}: not a fresh start: {result.stdout!r}")
        # And the state is whole again: the next run is quiet.
        again = box.run("remind", "--now", at(1, 22))
        require(again.stdout == "" and again.stderr == "", f"{name}: not repaired: {again}")
    # A folder where the state should be: warned of on reading and on writing, never an error.
    os.remove(box.state)
    os.mkdir(box.state)
    result = box.run("remind", "--exit-code", "--now", at(1, 21))
    require(result.returncode == 1 and result.stdout == line, f"a folder as the state: {result}")
    require(len(result.stderr.splitlines()) == 2 and "not a file" in result.stderr,
            f"a folder as the state: {result.stderr}")
    return "a damaged, cut or unknown state is one warning and a fresh start"


# ---- notifications ------------------------------------------------------------------------

FAKE = """#!/bin/sh
# A stand-in for notify-send: records its arguments, one file per call, NUL-separated.
n=$(ls "$RECORD" | wc -l)
printf '%s\\0' "$@" > "$RECORD/call-$n"
if [ -n "$FAIL" ]; then echo "Cannot autolaunch D-Bus without X11 \\$DISPLAY" >&2; exit 1; fi
"""


def test_notify(roller, tmp):
    box = Sandbox(roller, tmp)
    bin_dir = os.path.join(tmp, "bin")
    record = os.path.join(tmp, "calls")
    os.makedirs(bin_dir)
    os.makedirs(record)
    fake = os.path.join(bin_dir, "notify-send")
    with open(fake, "w", encoding="utf-8") as f:
        f.write(FAKE)
    os.chmod(fake, 0o755)
    env = {"PATH": bin_dir + ":" + box.env["PATH"], "RECORD": record}

    def calls():
        out = []
        for name in sorted(os.listdir(record)):
            with open(os.path.join(record, name), encoding="utf-8") as f:
                out.append(f.read().split("\0")[:-1])
        return out

    # A first run, with nothing to say, starts the state (and warns that there was none).
    box.ok("remind", "--now", at(1, 19))
    box.ok("log", "--area", "forehead", "--depth", "0.25", "--now", at(1, 20))
    box.ok("log", "--area", "cheeks", "--depth", "0.25", "--now", at(1, 20), "--force")
    box.ok("clean", "--now", at(1, 21))
    # A notification that fails: one clear line, exit 1, and nothing counted as said.
    result = box.run("remind", "--notify", "--now", at(3, 21), env={**env, "FAIL": "1"})
    require(result.returncode == 1, f"a failing notify-send: exit {result.returncode}")
    require(result.stderr.count("\n") == 1 and result.stderr.startswith(
        "roller: notify-send could not show the notification (Cannot autolaunch D-Bus"),
        f"a failing notify-send: {result.stderr!r}")
    require(len(calls()) == 1, "notify-send was not called")
    shutil.rmtree(record)
    os.makedirs(record)
    result = box.ok("remind", "--notify", "--now", at(3, 21), env=env)
    # In the profile's order of areas.
    lines = ["forehead is ready to roll again, since Thu 3 Dec 20:00 (1 hour ago)",
             "cheeks is ready to roll again, since Thu 3 Dec 20:00 (1 hour ago)"]
    require(result.stdout.splitlines() == lines, f"stdout: {result.stdout!r}")
    got = calls()
    require(len(got) == 1, f"{len(got)} notifications, expected one")
    require(got[0][:4] == ["--app-name=roller", "--", "roller", got[0][3]] and len(got[0]) == 4,
            f"notify-send arguments: {got[0]}")
    require(got[0][3] == "\n".join(lines), f"the notification's body: {got[0][3]!r}")
    # Nothing new: no notification at all.
    box.ok("remind", "--notify", "--now", at(3, 22), env=env)
    require(len(calls()) == 1, "a notification with nothing new")
    # No notify-send anywhere on PATH: one line, exit 1, before anything else.
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    result = box.run("remind", "--notify", "--now", at(3, 22), env={"PATH": empty})
    require(result.returncode == 1 and result.stdout == "", f"no notify-send: {result}")
    require(result.stderr == "roller: cannot notify: notify-send is not on PATH (Debian: apt "
            "install libnotify-bin)\n", f"no notify-send: {result.stderr!r}")
    # With news and no way to notify, the news is still printed (a cron mail shows it), then
    # the one line; nothing is remembered, so the next run says it again.
    fresh = os.path.join(tmp, "fresh-state")
    for _ in range(2):
        result = box.run("remind", "--notify", "--now", at(3, 22),
                         env={"PATH": empty, "XDG_STATE_HOME": fresh})
        late = [line.replace("(1 hour ago)", "(2 hours ago)") for line in lines]
        require(result.returncode == 1 and result.stdout.splitlines() == late and
                result.stderr.count("\n") == 1 and "cannot notify" in result.stderr,
                f"no notify-send, with news: {result}")
    require(not os.path.exists(os.path.join(fresh, "roller", "remind.state")),
            "a state written though nothing reached the person")
    return "--notify sends one notification of what is new, and says in one line when it cannot"


# ---- the systemd units --------------------------------------------------------------------

def verify(units):
    """systemd-analyze verify on the units: as a user manager where one can start, else as
    system units (a container has no user manager; the unit syntax is the same). None when
    systemd-analyze is not installed."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return None
    for mode in (["--user"], []):
        result = subprocess.run([analyze, *mode, "verify", "--man=no", *units],
                                capture_output=True, text=True, timeout=60)
        if "Failed to initialize manager" in result.stderr or "RuntimeDirectory" in result.stderr:
            continue
        return result
    return result


def test_install(roller, tmp):
    box = Sandbox(roller, tmp)
    folder = os.path.join(tmp, "config", "systemd", "user")
    service = os.path.join(folder, "roller-remind.service")
    timer = os.path.join(folder, "roller-remind.timer")
    marker = "# Written by roller remind --install; roller remind --uninstall removes it.\n"

    result = box.ok("remind", "--install")
    require(result.stdout == (
        f"Wrote {service}\n"
        f"Wrote {timer}: every hour, and at the next login after a time it missed\n"
        "Start it:\n"
        "  systemctl --user daemon-reload\n"
        "  systemctl --user enable --now roller-remind.timer\n"), f"--install said: {result.stdout}")
    service_text = open(service, encoding="utf-8").read()
    timer_text = open(timer, encoding="utf-8").read()
    require(service_text.startswith(marker) and timer_text.startswith(marker), "no marker")
    real = os.path.realpath(roller)
    require(f"\nExecStart={real} remind --notify --log {box.log}\n" in service_text,
            f"ExecStart is not this binary on this log:\n{service_text}")
    require("\nOnCalendar=hourly\n" in timer_text and "\nPersistent=true\n" in timer_text,
            f"the timer:\n{timer_text}")
    for path in (service, timer):
        require(stat.S_IMODE(os.stat(path).st_mode) == 0o644, f"{path} is not 0644")

    checked = verify([timer, service])
    if checked is None:
        print("skip: systemd-analyze is not installed (Debian: systemd); units not verified")
    else:
        require(checked.returncode == 0 and checked.stderr == "",
                f"systemd-analyze verify rejects the units:\n{checked.stderr}")
        # The check has teeth: a broken copy of the timer is rejected.
        broken_dir = os.path.join(tmp, "broken")
        os.makedirs(broken_dir)
        shutil.copy(service, broken_dir)
        with open(os.path.join(broken_dir, "roller-remind.timer"), "w", encoding="utf-8") as f:
            f.write(timer_text.replace("OnCalendar=hourly", "OnCalendar=*-*-* 25:00:00"))
        bad = verify([os.path.join(broken_dir, "roller-remind.timer"),
                      os.path.join(broken_dir, "roller-remind.service")])
        require(bad.returncode != 0, "systemd-analyze verify accepts a broken timer: no check")

    # A second --install refuses; --force rewrites roller's own units.
    result = box.run("remind", "--install", "--at", "21:30")
    require(result.returncode == 3 and result.stderr == (
        f"roller: {service}: the timer is installed already; roller remind --install --force "
        "rewrites it\n"), f"a second --install: {result}")
    require(open(timer, encoding="utf-8").read() == timer_text, "a refused --install wrote")
    result = box.ok("remind", "--install", "--at", "7:05", "--force")
    require("every day at 07:05" in result.stdout, f"--at: {result.stdout}")
    timer_text = open(timer, encoding="utf-8").read()
    require("\nOnCalendar=*-*-* 07:05:00\n" in timer_text, f"--at 7:05:\n{timer_text}")
    if checked is not None:
        again = verify([timer, service])
        require(again.returncode == 0 and again.stderr == "", f"--at units: {again.stderr}")

    # A log and a profile whose paths need quoting: one ExecStart word each, % and $ doubled,
    # and still units systemd accepts.
    odd = os.path.join(tmp, "my logs 100% $HOME")
    os.makedirs(odd, mode=0o700)
    odd_log = os.path.join(odd, "roller.log")
    shutil.copy(box.log, odd_log)
    odd_profile = os.path.join(odd, "profile.toml")
    with open(odd_profile, "w", encoding="utf-8") as f:
        f.write("[areas.forehead]\nmax_depth_mm = 0.5\n")
    os.chmod(odd_profile, 0o600)
    box.ok("remind", "--install", "--force", "--log", odd_log, env={"ROLLER_PROFILE": odd_profile})
    quoted = lambda p: '"' + p.replace("%", "%%").replace("$", "$$") + '"'  # noqa: E731
    service_text = open(service, encoding="utf-8").read()
    require(f"\nExecStart={real} remind --notify --log {quoted(odd_log)} --profile "
            f"{quoted(odd_profile)}\n" in service_text, f"quoted ExecStart:\n{service_text}")
    if checked is not None:
        again = verify([timer, service])
        require(again.returncode == 0 and again.stderr == "", f"quoted units: {again.stderr}")

    # --uninstall removes its own files and the enable link to its timer, nothing else.
    wants = os.path.join(folder, "timers.target.wants")
    os.makedirs(wants)
    os.symlink(timer, os.path.join(wants, "roller-remind.timer"))
    other = os.path.join(folder, "other.timer")
    with open(other, "w", encoding="utf-8") as f:
        f.write("[Timer]\nOnCalendar=daily\n")
    result = box.ok("remind", "--uninstall")
    require(result.stdout.startswith(f"Removed {timer}\nRemoved {service}\nRemoved "
                                     f"{wants}/roller-remind.timer\n"), f"--uninstall: {result}")
    require(sorted(os.listdir(folder)) == ["other.timer", "timers.target.wants"] and
            os.listdir(wants) == [], f"left after --uninstall: {os.listdir(folder)}")
    result = box.ok("remind", "--uninstall")
    require(result.stdout.startswith("Nothing to remove"), f"a second --uninstall: {result}")

    # A file of the same name that roller did not write: never overwritten, never removed.
    foreign = "[Unit]\nDescription=my own reminder\n"
    with open(timer, "w", encoding="utf-8") as f:
        f.write(foreign)
    for args in (["--install"], ["--install", "--force"]):
        result = box.run("remind", *args)
        require(result.returncode == 3 and "roller did not write this file" in result.stderr,
                f"{args} over a foreign timer: {result}")
        require(not os.path.exists(service), f"{args} wrote half an installation")
    result = box.run("remind", "--uninstall")
    require(result.returncode == 3 and result.stderr ==
            f"roller: {timer}: roller did not write it, so it leaves it alone\n",
            f"--uninstall over a foreign timer: {result}")
    require(open(timer, encoding="utf-8").read() == foreign, "--uninstall touched a foreign file")
    return "units verify, a second --install refuses, foreign files are never touched"


# ---- a prompt that cannot read ------------------------------------------------------------

def test_prompt(roller, tmp):
    box = Sandbox(roller, tmp)
    box.ok("log", "--area", "forehead", "--depth", "0.25", "--now", at(1, 20))
    require(box.ok("prompt", "--now", at(1, 21)).stdout == "clean default\n", "prompt: no clean")
    # A log another roller holds locked (a long photo add) never holds up the shell: the
    # prompt gives up within a fraction of a second and prints nothing.
    import fcntl
    import time
    with open(box.log, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        result = box.run("prompt", "--now", at(1, 21))
        took = time.monotonic() - started
    require((result.returncode, result.stdout, result.stderr) == (0, "", "") and took < 2,
            f"prompt on a locked log: {result}, {took:.1f} s")
    if os.geteuid() == 0:
        # root reads anything: the prompt runs as nobody, which cannot read the log.
        os.chmod(tmp, 0o755)
        os.chmod(os.path.dirname(box.log), 0o755)
        as_nobody = lambda: (os.setgid(65534), os.setuid(65534))  # noqa: E731
    else:
        as_nobody = None
    os.chmod(box.log, 0o000)
    result = box.run("prompt", "--now", at(1, 21), preexec=as_nobody)
    require((result.returncode, result.stdout, result.stderr) == (0, "", ""),
            f"prompt on an unreadable log: {result}")
    result = box.run("prompt", "--verbose", "--now", at(1, 21), preexec=as_nobody)
    require(result.returncode == 0 and result.stdout == "", f"prompt --verbose: {result}")
    require(result.stderr.count("\n") == 1 and result.stderr.startswith("roller: warning: ") and
            "Permission denied" in result.stderr, f"prompt --verbose: {result.stderr!r}")
    return "prompt on a log it cannot read prints nothing, exits 0, warns only with --verbose"


def main():
    mode, roller = sys.argv[1], os.path.abspath(sys.argv[2])
    tests = {"month": test_month, "modes": test_modes, "corrupt": test_corrupt,
             "notify": test_notify, "install": test_install, "prompt": test_prompt}
    tmp = tempfile.mkdtemp(prefix="roller-remind-")
    try:
        print("ok:", tests[mode](roller, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
