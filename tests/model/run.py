#!/usr/bin/env python3
"""Random command sequences against the real roller, each step checked against the model.

Usage:
  run.py --roller PATH [--sequences N] [--seed S] [--steps N] [--jobs N]
         [--only I] [--skip-check] [--skip-stats] [--show N] [--scripts DIR] [--no-shrink]

Each sequence gets its own folder, profile, time zone and start instant, all drawn from
(seed, sequence number), and runs random steps with the real binary: sessions with and
without --force, backfills, holds, releases, voids, undos, cleanings, imports of a second
device's log, hand edits, and a clock that moves forward and sometimes back. After every
step the model predicts the exit status and the records appended, and `next --json` is
compared area by area; `check --json` and `stats --json` every few steps and at the end.
The first disagreement stops the sequence; it is shrunk to fewer steps and printed as a
bash script that replays it. See README.md.
"""
from __future__ import annotations

import argparse
import collections
import concurrent.futures
import copy
import datetime as dt
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as m  # noqa: E402  (the model lives beside this script)

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
AREA_NAMES = ["face", "forehead", "cheeks", "chin", "nose", "neck", "scalp", "under-eye",
              "jawline", "body"]
REASONS = ["sunburn", "cold-sore", "isotretinoin", "a rash", 'flare "eczema"']
MINUTE, HOUR, DAY = 60, 3600, 86_400
# Compared after every step: `next`. These two cost a process each, so every few steps.
CHECK_EVERY = 4
ABSENT = "exit: next of a log that does not exist"
# A command that takes this long has hung; the sequence says so rather than wait forever.
TIMEOUT_SECONDS = 60


class Invalid(Exception):
    """A step that cannot run: shrinking removed the step that made the record it names."""


# --- Steps ----------------------------------------------------------------------------


@dataclass
class Ref:
    """An id argument: the record the driver knows as `key`, its first `digits` digits;
    with no key, the literal id `literal` (an id no record has)."""
    key: str = ""
    digits: int = 16
    literal: str = ""


@dataclass
class Step:
    """One concrete step, fixed once generated, so that shrinking can replay any subset.
    `kind` is a roller command, or "copy" (a sync tool copies the main log to the other
    device) or "edit" (lines appended to the main log by hand, `lines`)."""
    uid: int
    device: str  # "main" or "other"
    now: int
    kind: str
    args: list = field(default_factory=list)
    lines: list = field(default_factory=list)


@dataclass
class Setup:
    """What a sequence starts from."""
    index: int
    seed: int
    tz: str
    profile_text: str
    start: int


@dataclass
class Disagreement:
    cls: str  # the class of disagreement, for the tally ("next: due", "exit: log", ...)
    detail: list  # lines: what roller said, what the model expected


# --- Running steps against roller and the model ---------------------------------------


@dataclass
class Device:
    path: str
    shell: str  # how the replay script names the log
    history: m.History
    exists: bool = False


class Run:
    """One sequence in one temporary folder: runs steps with roller and the model side by
    side and keeps the replay script's lines."""

    def __init__(self, roller: str, setup: Setup, folder: str, options, check_every: int):
        self.roller = roller
        self.skip_check, self.skip_stats = options.skip_check, options.skip_stats
        self.keep_going = options.keep_going
        self.routines = options.routines
        self.stop_at = ""  # the class of disagreement a replay is after
        self.check_every = check_every
        self.setup = setup
        self.tz = setup.tz
        self.profile_path = os.path.join(folder, "profile.toml")
        with open(self.profile_path, "w", encoding="utf-8") as f:
            f.write(setup.profile_text)
        os.chmod(self.profile_path, 0o600)  # else roller warns, and check calls it a problem
        self.profile = m.load_profile(self.profile_path)
        self.devices = {
            "main": Device(os.path.join(folder, "roller.log"), "$L", m.History(self.profile)),
            "other": Device(os.path.join(folder, "other.log"), "$O", m.History(self.profile)),
        }
        self.ids: dict[str, str] = {}  # record key -> id
        self.now = setup.start  # the main device's clock
        self.main_steps = 0
        self.script: list[str] = []
        self.pending_read: str | None = None
        self.last_shell = "$L"  # the log of the last command run, which the script shows
        # How often each rule and state came up: shows what the sequences exercise.
        self.coverage: collections.Counter = collections.Counter()
        self.env = dict(os.environ, TZ=self.tz, NO_COLOR="1")
        for name in ("ROLLER_PROFILE", "ROLLER_LOG", "ROLLER_NOW"):
            self.env.pop(name, None)

    # Invoking roller.

    def roller_run(self, device: str, now: int, args: list, shell_args: list | None = None):
        dev = self.devices[device]
        stamp = m.format_rfc3339(now, self.tz)
        argv = [self.roller, "--profile", self.profile_path, "--log", dev.path, "--now", stamp]
        try:
            proc = subprocess.run(argv + args, env=self.env, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            proc = subprocess.CompletedProcess(argv, -9, "", f"(killed after {TIMEOUT_SECONDS} s)")
        self.last_shell = dev.shell
        words = " ".join(shell_args if shell_args is not None else [shlex.quote(a) for a in args])
        line = f'run "{dev.shell}" {stamp} {words}'
        # A reading command joins the script only when it is the one that disagreed: the
        # next step drops it.
        if args[0] in ("next", "check", "stats"):
            self.pending_read = line
        else:
            self.pending_read = None
            self.script.append(line)
        return proc

    # Steps.

    def absent_log(self) -> Disagreement | None:
        """`next` on a log named by --log that does not exist is an error (SPEC "Explicit
        paths"), never "never rolled". Asked last, of a path nothing writes, so that it
        holds up no other comparison."""
        self.devices["absent"] = Device(self.devices["main"].path + ".absent", "$L.absent",
                                        m.History(self.profile))
        proc = self.roller_run("absent", self.now, ["next", "--json"])
        if proc.returncode != 1:
            return Disagreement(ABSENT, [
                f"roller: exit {proc.returncode}; model: exit 1 (no log at PATH)",
                *_clip(proc.stdout + proc.stderr)])
        return None

    def execute(self, step: Step, last: bool = False) -> list:
        """Runs one step and the comparisons after it; returns the disagreements, the
        first of which stops a sequence. Whatever roller wrote becomes the model's
        history too, so that with --keep-going the rest of a sequence still means
        something after a disagreement. Output the driver cannot read (a log line it
        cannot parse, say) is a disagreement too, never a crash of the whole run."""
        try:
            return self._execute(step, last)
        except Invalid:
            raise
        except Exception as e:  # noqa: BLE001  (reported, with where it came from)
            return [Disagreement(f"driver: {type(e).__name__}", [
                f"the driver could not read what roller did: {e!r}",
                *traceback.format_exc().rstrip().splitlines()[-6:]])]

    def _execute(self, step: Step, last: bool) -> list:
        if step.device == "main":
            self.now = step.now
        if step.kind == "copy":
            self._copy()
            return []
        problems = []
        if step.kind == "edit":
            self._edit(step)
        else:
            args, shell_args = self._resolve(step)
            expected_exit, expected_records = self._predict(step, args)
            self._count(step, args, expected_exit, expected_records)
            proc = self.roller_run(step.device, step.now, args, shell_args)
            self.script[-1] += f"  # model: exit {expected_exit}"
            if proc.returncode != expected_exit:
                problems.append(Disagreement(f"exit: {step.kind}", [
                    f"{step.kind} on the {step.device} log: roller exit {proc.returncode}, "
                    f"model exit {expected_exit}",
                    *_clip(proc.stdout + proc.stderr)]))
            problems += _listed(self._take_appended(step, expected_records,
                                                    compare=not problems))
        if step.device != "main" or self._stop(problems):
            return problems
        self.main_steps += 1
        problems += _listed(self.compare_next())
        if self._stop(problems):
            return problems
        if last or self.main_steps % self.check_every == 0 or step.kind == "import":
            problems += self.compare_check_and_stats()
        return problems

    def _stop(self, problems: list) -> bool:
        """Whether to compare no more after this step: at a disagreement, unless going on,
        and always at one of the class a replay is after (its command ends the script)."""
        return bool(problems) and (not self.keep_going
                                   or any(p.cls == self.stop_at for p in problems))

    def _resolve(self, step: Step):
        """The arguments with each Ref turned into an id, and as the script writes them:
        an id roller made is read from the log by line, since a replay makes new ids."""
        args, shell = [], []
        dev = self.devices[step.device]
        for a in step.args:
            if a == "$OTHER":  # import's argument: the other device's log
                args.append(self.devices["other"].path)
                shell.append('"$O"')
                continue
            if not isinstance(a, Ref):
                args.append(a)
                shell.append(shlex.quote(a))
                continue
            if not a.key:
                args.append(a.literal)
                shell.append(a.literal)
                continue
            if a.key not in self.ids:
                raise Invalid(a.key)
            value = self.ids[a.key][: a.digits]
            args.append(value)
            line = next((r.line for r in dev.history.records if r.key == a.key), None)
            if line is None:  # not in this log: any unknown id does as well in a replay
                shell.append(value)
            else:
                cut = "" if a.digits == 16 else f" | cut -c1-{a.digits}"
                shell.append(f'"$(id_at "{dev.shell}" {line}{cut})"')
        return args, shell

    def _predict(self, step: Step, args: list) -> tuple[int, list]:
        """The exit status the model expects and the records it expects appended."""
        dev = self.devices[step.device]
        h = dev.history
        try:
            if step.kind == "log":
                o = _options(args)
                return 0, h.log_sitting(o["areas"], o.get("--depth"), o.get("--at"),
                                        "--force" in o, step.now, self.tz)
            if step.kind == "use":
                o = _options(args)
                return 0, [h.use(args[1], o["--area"], o.get("--at"), step.now, self.tz)]
            if step.kind == "react":
                o = _options(args)
                redness = int(o["--redness"]) if "--redness" in o else None
                return 0, [h.react(o["--area"][0], redness, "--severe" in o, o.get("--at"),
                                   step.now, self.tz)]
            if step.kind == "hold" and "--clear" in args:
                return 0, [h.release(step.now)]
            if step.kind == "hold" and "--preset" in args:
                o = _options(args)
                return 0, [h.hold_preset(o["--preset"], o.get("--from"), step.now, self.tz)]
            if step.kind == "hold":
                return 0, [h.hold(args[args.index("--until") + 1], step.now, self.tz)]
            if step.kind == "undo":
                return 0, h.undo(step.now)
            if step.kind == "void":
                return 0, [h.void(args[1], step.now)]
            if step.kind in ("clean", "replace"):
                return 0, [m.Record(step.now, step.kind, {"roller": "default"})]
            if step.kind == "import":
                other = self.devices["other"]
                if not other.exists:
                    return 1, []
                present = {r.id for r in h.records}
                return 0, [copy.copy(r) for r in other.history.records if r.id not in present]
        except m.UsageError:
            return 2, []
        except m.Refused:
            return 3, []
        raise AssertionError(f"no prediction for {step.kind}")

    def _count(self, step: Step, args: list, code: int, records: list):
        h = self.devices[step.device].history
        clear = next((f" {o}" for o in ("--clear", "--preset") if o in args), "")
        self.coverage[f"{step.kind}{clear} exit {code}"] += 1
        if step.kind == "log" and code in (0, 3):
            o = _options(args)
            if len(o["areas"]) > 1:
                self.coverage[f"log: a sitting of {min(len(o['areas']), 3)}"
                              f"{'+' if len(o['areas']) > 2 else ''} areas, exit {code}"] += 1
            at = m.parse_time(o.get("--at", "now"), step.now, self.tz)
            also, sitting_refused = [], code == 3
            for area, own in o["areas"]:
                depth = m.parse_depth(own if own is not None else o["--depth"])
                rule = h.candidate(area, depth, at, also=also)
                also.append(m.Record(at, "session", {"area": area, "depth": m.format_depth(depth)}))
                if sitting_refused and rule is None:
                    self.coverage["log: an area that passed, of a refused sitting"] += 1
                else:
                    self.coverage[f"log {'refused' if code else 'forced' if rule else 'allowed'}"
                                  f"{': ' + rule if rule else ''}"] += 1
                if rule == m.TOO_SOON and any(area in self.profile.overlaps[s.area]
                                               for s in also[:-1]):
                    self.coverage["log: an area of a sitting overlaps an earlier one"] += 1
        if step.kind == "use" and code == 0:
            self.coverage["use inside an after-window" if h.use_warned(records[0])
                          else "use outside every after-window"] += 1
        if step.kind in ("void", "undo") and code == 0:
            target = next(r for r in h.records if r.id == records[0].fields["target"])
            self.coverage[f"{step.kind} of a {target.kind}"
                          f"{' of a sitting' if target.sitting else ''}"] += 1
        if step.kind == "import" and code == 0:
            self.coverage[f"import of {min(len(records), 3)}{'+' if len(records) > 2 else ''}"
                          f" new records"] += 1

    def _take_appended(self, step: Step, expected: list, compare: bool) -> Disagreement | None:
        """Reads what roller appended, holds it to the model's prediction, and adopts it
        with the ids roller chose (and the line numbers, which are file order)."""
        dev = self.devices[step.device]
        records = self._read(dev)
        old = len(dev.history.records)
        appended = records[old:]
        problem = None
        if [r.id for r in records[:old]] != [r.id for r in dev.history.records]:
            problem = Disagreement("log: rewritten", ["roller changed records it had written"])
            dev.history.records, appended = [], records
        diffs = []
        if len(appended) != len(expected):
            diffs.append(f"roller appended {len(appended)} record(s), the model expected "
                         f"{len(expected)}")
        pairs = list(zip(appended, expected))
        if step.kind == "undo":  # the voids of a sitting's sessions, in any order
            pairs = list(zip(sorted(appended, key=lambda r: r.fields.get("target", "")),
                             sorted(expected, key=lambda r: r.fields.get("target", ""))))
        first = appended[0].id if appended else ""
        for got, want in pairs:
            diffs += _record_differences(got, want, self.tz, first)
        exists = os.path.exists(dev.path)
        if problem:
            pass
        elif diffs:
            problem = Disagreement(f"log: records of {step.kind}", diffs + [
                "appended: " + _describe_record(r, self.tz) for r in appended] + [
                "expected: " + _describe_record(r, self.tz) for r in expected])
        elif exists != (dev.exists or bool(expected)):
            problem = Disagreement("log: created or not", [
                f"the log {'exists' if exists else 'does not exist'} after {step.kind}, "
                f"the model expected {'it' if not exists else 'no log'}"])
        dev.exists = exists
        for j, got in enumerate(appended):
            got.key = (expected[j].key if j < len(expected) else "") or f"{step.uid}.{j}"
            self.ids[got.key] = got.id
            dev.history.records.append(got)
        return problem if compare else None

    def _read(self, dev: Device) -> list:
        if not os.path.exists(dev.path):
            return []
        with open(dev.path, encoding="utf-8") as f:
            return m.parse_log(f.read())

    def _copy(self):
        """A sync tool copies the main log over the other device's."""
        main, other = self.devices["main"], self.devices["other"]
        self.pending_read = None
        self.script.append('cp -p "$L" "$O"' if main.exists else 'rm -f "$O"')
        if main.exists:
            shutil.copy2(main.path, other.path)
        elif os.path.exists(other.path):
            os.remove(other.path)
        other.exists = main.exists
        other.history = m.History(self.profile, [copy.copy(r) for r in main.history.records])

    def _edit(self, step: Step):
        """Lines a person appends by hand (a typo'd area, a void of nothing, a cycle)."""
        dev = self.devices["main"]
        if not dev.exists:
            raise Invalid("no log to edit")
        with open(dev.path, "a", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in step.lines))
        self.pending_read = None
        self.script.append("printf '%s\\n' " + " ".join(shlex.quote(l) for l in step.lines)
                           + ' >> "$L"')
        records = self._read(dev)
        for j, r in enumerate(records[len(dev.history.records):]):
            r.key = f"{step.uid}.{j}"
            self.ids[r.key] = r.id
            dev.history.records.append(r)

    # Reading commands, compared with the model.

    def compare_next(self) -> Disagreement | None:
        h = self.devices["main"].history
        if not self.devices["main"].exists:
            return None  # start() has seen that reading no log is an error
        proc = self.roller_run("main", self.now, ["next", "--json"])
        doc, problem = _json_of(proc, "next", (0,))
        if problem:
            return problem
        diffs, classes = [], []
        try:
            if m.parse_rfc3339(doc["now"]) != self.now:
                diffs.append(f"now: roller {doc['now']}, model {_when(self.now, self.tz)}")
                classes.append("now")
            held = h.held_at(self.now)
            if (doc["hold"] is not None) != held:
                diffs.append(f"hold: roller {json.dumps(doc['hold'])}, model "
                             f"{'a hold in force' if held else 'null'}")
                classes.append("hold")
            names = [a["area"] for a in doc["areas"]]
            if names != [a.name for a in self.profile.areas]:
                return Disagreement("next: areas", [f"roller lists {names}"])
            for got in doc["areas"]:
                want = h.area_state(got["area"], self.now)
                self._count_state(got["area"], want)
                for key, mine, theirs in _area_fields(got, want, self.tz, self.routines):
                    if mine != theirs:
                        diffs.append(f"{got['area']}: {key}: roller {theirs}, model {mine}")
                        classes.append(key)
        except (KeyError, TypeError, ValueError) as e:
            return Disagreement("next: shape", [f"next --json: {e!r}", *_clip(proc.stdout)])
        if diffs:
            order = ["now", "ready", "due", "held", "rested_by", "hold", "window", "after"]
            first = min(classes, key=order.index)
            return Disagreement(f"next: {first}", diffs + self._explain())
        return None

    def _count_state(self, area: str, state: m.AreaState):
        c = self.coverage
        c["next: ready" if state.ready else "next: waiting"] += 1
        if state.held:
            c["next: held"] += 1
        by = state.rested_by
        if by is not None:
            c["next: rested by another area" if by.area != area else "next: rested by its own"] += 1
            if by.at > self.now:
                c["next: rested by a session after now"] += 1
        elif not state.ready:
            c["next: waiting for holds alone"] += 1

    def compare_check_and_stats(self) -> list:
        problems = _listed(self._compare_check())
        if self._stop(problems):
            return problems
        return problems + _listed(self._compare_stats())

    def _compare_check(self) -> Disagreement | None:
        h = self.devices["main"].history
        if not self.devices["main"].exists:
            return None
        if not self.skip_check:
            self.coverage.update(f"check: {rule}" for _, rule in h.rule_findings())
            self.coverage.update(f"check: {kind}" for kind, _ in h.other_problems())
            proc = self.roller_run("main", self.now, ["check", "--json"])
            doc, problem = _json_of(proc, "check", (0, 1))
            if problem:
                return problem
            try:
                found = {(p["id"], p["rule"]) for p in doc["problems"] if p["kind"] == "rule"}
                expected = h.rule_findings()
                others = h.other_problems()
                diffs = []
                for sid, rule in sorted(found - expected):
                    diffs.append(f"roller reports {rule} at {self._which(sid)}; the model does not")
                for sid, rule in sorted(expected - found):
                    diffs.append(f"the model expects {rule} at {self._which(sid)}; roller does not")
                if diffs:
                    return Disagreement("check: rules", diffs + self._explain())
                want_ok = not expected and not others
                if doc["ok"] != want_ok or proc.returncode != (0 if want_ok else 1):
                    return Disagreement("check: ok", [
                        f"roller: ok={doc['ok']} exit {proc.returncode}; model: ok={want_ok}, "
                        f"problems besides rules {sorted(others)}", *_clip(proc.stdout)])
            except (KeyError, TypeError) as e:
                return Disagreement("check: shape", [f"check --json: {e!r}", *_clip(proc.stdout)])
        return None

    def _compare_stats(self) -> Disagreement | None:
        h = self.devices["main"].history
        if not self.devices["main"].exists:
            return None
        if not self.skip_stats:
            proc = self.roller_run("main", self.now, ["stats", "--json"])
            doc, problem = _json_of(proc, "stats", (0,))
            if problem:
                return problem
            try:
                got = {a["area"]: a["rested"] for a in doc["areas"]}
                want = h.stats_rested(self.now)
                diffs = [f"{area}: rested: roller {got.get(area)}, model {n}"
                         for area, n in want.items() if got.get(area) != n]
                if diffs:
                    return Disagreement("stats: rested", diffs + self._explain())
            except (KeyError, TypeError) as e:
                return Disagreement("stats: shape", [f"stats --json: {e!r}", *_clip(proc.stdout)])
        return None

    def _which(self, record_id: str) -> str:
        for r in self.devices["main"].history.records:
            if r.id == record_id:
                return f"log line {r.line} ({record_id[:8]})"
        return record_id

    def _explain(self) -> list:
        """The model's view of the counted sessions and holds, for the script's reader."""
        h = self.devices["main"].history
        lines = ["the model's reading of the main log:"]
        counted = {id(r) for r in h.counted()}
        verdicts = h.verdicts()
        for r in h.records:
            what = _describe_record(r, self.tz)
            if r.kind == "session" and id(r) in counted and self.profile.area(r.area):
                rest_end = r.at + self.profile.rest_of(r.area, r.depth)
                what += (f", rests until {m.format_rfc3339(rest_end, self.tz)}, verdict "
                         f"{verdicts.get(r.id) or 'allowed'}")
            lines.append(f"  line {r.line}: {what}{'' if id(r) in counted else ' (not counted)'}")
        return lines

    def replay_script(self, problem: Disagreement, rerun: str) -> str:
        s = self.setup
        head = [
            "#!/usr/bin/env bash",
            f"# roller disagrees with the model: {problem.cls}",
            f"# sequence {s.index} of seed {s.seed}; rerun it: {rerun}",
            "# Usage: bash THIS_SCRIPT [PATH/TO/roller]",
            f"R=${{1:-{shlex.quote(os.path.abspath(self.roller))}}}",
            "D=$(mktemp -d)",
            'P=$D/profile.toml L=$D/roller.log O=$D/other.log',
            f"export TZ={s.tz} NO_COLOR=1",
            "unset ROLLER_PROFILE ROLLER_LOG ROLLER_NOW",
            "# The id of the record on line N of a log (ids are new in every replay).",
            "id_at() { sed -n \"${2}p\" \"$1\" | grep -o ' id=[0-9a-f]*' | cut -d= -f2; }",
            'run() { local log=$1 now=$2; shift 2; echo "+ roller --now $now $*";',
            '        "$R" --profile "$P" --log "$log" --now "$now" "$@"; echo "exit $?"; }',
            "cat > \"$P\" <<'EOF'",
            s.profile_text.rstrip("\n"),
            "EOF",
            'chmod 600 "$P"',
        ]
        tail = [self.pending_read] if self.pending_read else []
        tail += ["# The disagreement, at the last command above:"]
        tail += [f"#   {line}" for line in problem.detail]
        if self.last_shell == "$O":
            tail.append('echo "--- the other device\'s log ---"; ls -l "$O" && cat "$O"')
        tail.append('echo "--- the main log ---"; cat "$L"')
        return "\n".join(head + self.script + tail) + "\n"


def _options(args: list) -> dict:
    """A command's arguments after its name: each option with a value by name (`--area`
    gathers every one), flags by name, and for `log` the areas in the order a sitting
    takes them (the plan: positional first, then --area), each with its own =MM or None."""
    found: dict = {"--area": [], "positional": [], "areas": []}
    i = 2 if args[0] == "use" else 1
    while i < len(args):
        a = args[i]
        if a in ("--area", "--depth", "--at", "--until", "--reason", "--preset", "--from",
                 "--redness"):
            if a == "--area":
                found["--area"].append(args[i + 1])
            else:
                found[a] = args[i + 1]
            i += 2
        elif a.startswith("--"):
            found[a] = True
            i += 1
        else:
            found["positional"].append(a)
            i += 1
    found["areas"] = [(p.split("=", 1)[0], p.split("=", 1)[1] if "=" in p else None)
                      for p in found["positional"]] + [(a, None) for a in found["--area"]]
    return found


def _listed(problem: Disagreement | None) -> list:
    return [] if problem is None else [problem]


def _area_fields(got: dict, want: m.AreaState, tz: str, routines: bool):
    """(field, model's value, roller's value) for the fields of `next --json` compared."""
    yield "ready", want.ready, got["ready"]
    due = None if got["due"] is None else m.parse_rfc3339(got["due"])
    # A hold until cleared (a severe reaction's) has no due instant: null.
    yield ("due", _when(None if want.due == m.OPEN_END else want.due, tz), _when(due, tz))
    yield "held", want.held, got["held"]
    rested = got["rested_by"]["id"] if got["rested_by"] else None
    yield "rested_by", (want.rested_by.id if want.rested_by else None), rested
    if not routines:
        return
    # The before-window in force that ends last: product and end; the use only where one
    # window alone ends last (of two that end together, either is right).
    window, theirs = got["window"], None
    if window is not None:
        theirs = (window["product"], _when(m.parse_rfc3339(window["until"]), tz),
                  window["use"] if want.windows_ending_last == 1 else "")
    mine = None
    if want.window is not None:
        product, use, until = want.window
        mine = (product, _when(until, tz), use if want.windows_ending_last == 1 else "")
    if mine is not None and theirs is not None and want.windows_ending_last > 1:
        mine, theirs = mine[1:], theirs[1:]  # two products may end together
    yield "window", mine, theirs
    after = sorted((a["product"], _when(m.parse_rfc3339(a["until"]), tz)) for a in got["after"])
    yield "after", sorted((p, _when(u, tz)) for p, u in want.after), after


def _when(utc: int | None, tz: str) -> str:
    return "null" if utc is None else m.format_rfc3339(utc, tz)


def _json_of(proc, command: str, exits: tuple):
    """The JSON document a reading command printed, or the disagreement that it did not."""
    if proc.returncode not in exits:
        return None, Disagreement(f"exit: {command} --json", [
            f"{command} --json: roller exit {proc.returncode}, model exit "
            f"{' or '.join(map(str, exits))}",
            *_clip(proc.stdout + proc.stderr)])
    try:
        return json.loads(proc.stdout), None
    except json.JSONDecodeError as e:
        return None, Disagreement(f"{command}: not JSON", [f"{command} --json: {e}",
                                                            *_clip(proc.stdout)])


def _clip(text: str, lines: int = 12) -> list:
    out = text.rstrip("\n").splitlines()
    return out[:lines] + ([f"... ({len(out) - lines} more lines)"] if len(out) > lines else [])


def _record_differences(got: m.Record, want: m.Record, tz: str, first: str = "") -> list:
    """How a record roller appended differs from the model's; `first` is the id of the
    first record of the same command (what sitting= names)."""
    diffs = []
    if got.kind != want.kind or got.at != want.at:
        diffs.append(f"record: roller {got.kind} at {_when(got.at, tz)}, model {want.kind} at "
                     f"{_when(want.at, tz)}")
    if want.id and got.id != want.id:
        diffs.append(f"id: roller {got.id}, model {want.id}")
    for key in ("area", "depth", "forced", "target", "until", "sitting", "product", "areas",
                "preset", "redness", "severe"):
        mine, theirs = want.fields.get(key), got.fields.get(key)
        if key == "depth" and mine and theirs:
            mine, theirs = m.parse_depth(mine), m.parse_depth(theirs)
        if key == "until" and mine and theirs:
            mine, theirs = m.parse_rfc3339(mine), m.parse_rfc3339(theirs)
        if key == "sitting" and mine == m.SITTING:
            mine = first
        if key == "areas" and mine is not None and theirs is not None:
            mine, theirs = sorted(mine.split(",")), sorted(theirs.split(","))
        if mine != theirs:
            diffs.append(f"{key}: roller {got.fields.get(key)}, model {want.fields.get(key)}")
    return diffs


def _describe_record(r: m.Record, tz: str) -> str:
    text = f"{_when(r.at, tz)} {r.kind}"
    if r.id:
        text += f" {r.id[:8]}"
    if r.kind == "session":
        text += f" {r.area} {r.fields.get('depth')}{' forced' if r.forced else ''}"
        if r.sitting:
            text += f" sitting {r.sitting[:8]}"
    elif r.kind == "hold":
        text += f" until {_when(r.until, tz)}"
        if r.fields.get("preset"):
            text += f" preset {r.fields['preset']}"
    elif r.kind == "use":
        text += f" {r.fields.get('product')} on {r.fields.get('areas')}"
    elif r.kind == "reaction":
        text += f" {r.area} redness {r.fields.get('redness')}{' severe' if r.severe else ''}"
    elif r.kind == "void":
        text += f" of {r.fields.get('target', '')[:8]}"
    return text


# --- Generating sequences -------------------------------------------------------------


def make_profile(rng: random.Random, extra: random.Random | None = None) -> str:
    """A random valid profile: a few areas with random caps, some covering others, and
    ascending rest tiers that reach the home limit. Now and then the shipped default, or
    only a lower home limit over the default. With `extra` (routines), drawn from it so
    that the rest stays the same: now and then an area's own tiers, products, hold
    presets."""
    roll = rng.random()
    if roll < 0.06:
        with open(m.DEFAULT_PROFILE, encoding="utf-8") as f:
            return f.read()
    if roll < 0.1:
        return f"home_max_depth_mm = {rng.choice(['1.0', '0.8', '1.2'])}\n"
    home = rng.choice([1500, 1500, 1000, 800, 1200, 2000])
    n_tiers = rng.randint(1, 4)
    bounds = sorted(rng.sample(range(50, home, 10), n_tiers - 1)) + [
        home if rng.random() < 0.8 else home + 10 * rng.randint(1, 50)]
    days = [rng.choice([1, 2, 3, 4, 5, 7, 10, 14, 21, 1.5, 2.5, 0.5]) for _ in bounds]
    if rng.random() < 0.75:
        days.sort()  # ascending days is the usual profile; the rest test R's reading
    names = rng.sample(AREA_NAMES, rng.randint(2, 5))
    caps = [rng.choice(bounds + [rng.randrange(50, home + 1, 10), home]) for _ in names]
    caps = [min(c, home) for c in caps]
    covers = {i: [j for j in range(i + 1, len(names)) if rng.random() < 0.3]
              for i in range(len(names))}
    for i in reversed(range(len(names))):  # a covering area allows no more than it covers
        for j in covers[i]:
            caps[i] = min(caps[i], caps[j])
    out = []
    if home != 1500 or rng.random() < 0.5:
        out.append(f"home_max_depth_mm = {m.format_depth(home)}")
    for up_to, d in zip(bounds, days):
        out += ["", "[[rest]]", f"up_to_mm = {m.format_depth(up_to)}", f"days = {d}"]
    for i, name in enumerate(names):
        out += ["", f"[areas.{name}]", f"max_depth_mm = {m.format_depth(caps[i])}"]
        if covers[i]:
            out.append("covers = [" + ", ".join(f'"{names[j]}"' for j in covers[i]) + "]")
        if extra is not None and extra.random() < 0.3:
            out += _own_tiers(extra, name, caps[i], home)
    if extra is not None:
        out += _products_and_presets(extra, names)
    return "\n".join(out) + "\n"


def _own_tiers(rng: random.Random, name: str, cap: int, home: int) -> list:
    """An area's own ascending rest tiers whose last bound reaches its cap: at the cap,
    between it and the home limit, or at the home limit; days mostly shorter than the
    profile's (the scalp's weekly 1.5 mm), never falling as depth rises."""
    last = rng.choice([cap, cap, rng.randrange(cap, home + 1, 10), home])
    inner = [b for b in range(10, last, 10)]
    bounds = sorted(rng.sample(inner, min(len(inner), rng.randint(0, 2)))) + [last]
    days = sorted(rng.choice([0.5, 1, 1.5, 2, 3, 5, 7, 10, 14]) for _ in bounds)
    out = []
    for up_to, d in zip(bounds, days):
        out += ["", f"[[areas.{name}.rest]]", f"up_to_mm = {m.format_depth(up_to)}",
                f"days = {d}"]
    return out


PRODUCT_NAMES = ["retinoid", "minoxidil", "glycolic-acid", "vitamin-c"]
PRESET_NAMES = ["isotretinoin", "cold-sore", "sunburn", "peel"]


def _products_and_presets(rng: random.Random, names: list) -> list:
    """Now and then a profile's own [products.*] (before-windows of fractional days,
    after-windows of whole hours, some on a few areas) and [holds.*] presets; else the
    built-in ones stand."""
    out = []
    if rng.random() < 0.4:
        for product in rng.sample(PRODUCT_NAMES, rng.randint(1, 3)):
            out += ["", f"[products.{product}]"]
            stop = rng.choice([0, 0.5, 1, 1.5, 2, 3, 5, 7, None])
            if stop is not None:
                out.append(f"stop_before_days = {stop}")
            hours = rng.choice([0, 1, 12, 24, 72, None])
            if hours is not None:
                out.append(f"avoid_after_hours = {hours}")
            if rng.random() < 0.5:
                chosen = rng.sample(names, rng.randint(1, min(2, len(names))))
                out.append("areas = [" + ", ".join(f'"{a}"' for a in chosen) + "]")
            if rng.random() < 0.3:
                out.append('reason = "stop it before rolling"')
    if rng.random() < 0.3:
        for preset in rng.sample(PRESET_NAMES, rng.randint(1, 2)):
            days = rng.choice([0.5, 1, 2, 7, 14, 183, 1.5])
            out += ["", f"[holds.{preset}]", f"days = {days}", f'reason = "{preset}: wait"']
    if rng.random() < 0.3:  # how long redness keeps an area resting; else the 48 h default
        out += ["", "[healing]", f"redness_hours = {rng.choice([1, 6, 24, 48, 72, 168])}"]
    return out


def clock_changes(tz: str, start: int, end: int) -> list:
    """The instants in [start, end) at which `tz` changes its offset."""
    zone = ZoneInfo(tz)

    def offset(t):
        return dt.datetime.fromtimestamp(t, zone).utcoffset()

    found, t = [], start
    while t < end:
        nxt = min(t + 6 * HOUR, end)
        if offset(t) != offset(nxt):
            lo, hi = t, nxt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if offset(mid) == offset(t) else (lo, mid)
            found.append(hi)
        t = nxt
    return found


def make_setup(index: int, seed: int, routines: bool = True) -> Setup:
    rng = random.Random(f"setup:{seed}:{index}")
    extra = random.Random(f"routines:{seed}:{index}") if routines else None
    tz = rng.choice(ZONES)
    start = rng.randrange(int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp()),
                          int(dt.datetime(2028, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
    if rng.random() < 0.4:  # rest intervals that span a clock change
        changes = clock_changes(tz, start, start + 370 * DAY)
        if changes:
            start = rng.choice(changes) - rng.randrange(0, 20 * DAY)
    return Setup(index, seed, tz, make_profile(rng, extra), start)


class Generator:
    """Draws each next step from the state of the run so far, so that the instants it
    picks sit on the edges the rules care about (rest ends, hold ends, due instants)."""

    def __init__(self, rng: random.Random, run: Run):
        self.rng = rng
        self.run = run
        self.uid = 0
        self.skew = rng.choice([0, 0, rng.randrange(-2 * DAY, 2 * DAY), rng.randrange(-300, 300)])
        self.pending: list = []

    def next_step(self) -> Step:
        if self.pending:  # built only now, from the state the steps before it left
            device, now, kind = self.pending.pop(0)
            return self._step(device, now, kind)
        rng, run = self.rng, self.run
        now = self._move(run.now)
        kinds = ["log", "void", "undo", "hold", "release", "clean", "import", "edit"]
        weights = [46, 10, 8, 6, 4, 4, 9, 4]
        if run.routines:
            kinds, weights = kinds + ["use", "preset", "react"], weights + [8, 3, 6]
        kind = rng.choices(kinds, weights)[0]
        if kind in ("void", "undo", "release") and not run.devices["main"].history.records \
                and rng.random() < 0.8:
            kind = "log"  # an empty log has little to correct; now and then, try anyway
        if kind == "import":
            return self._import_episode(now)
        if kind == "edit" and not run.devices["main"].exists:
            kind = "log"
        return self._step("main", now, kind)

    def _uid(self) -> int:
        self.uid += 1
        return self.uid

    def _step(self, device: str, now: int, kind: str) -> Step:
        rng = self.rng
        uid = self._uid()
        if kind == "use":
            args = self._use_args(device, now)
            if args is not None:
                return Step(uid, device, now, "use", args)
            kind = "log"
        if kind == "preset":
            return Step(uid, device, now, "hold", self._preset_args(now))
        if kind == "react":
            return Step(uid, device, now, "react", self._react_args(device, now))
        if kind == "log":
            if self.run.routines and rng.random() < 0.3:
                return Step(uid, device, now, "log", self._sitting_args(device, now))
            return Step(uid, device, now, "log", self._log_args(device, now))
        if kind == "hold":
            return Step(uid, device, now, "hold", ["hold", "--until", self._until(now),
                                                   "--reason", rng.choice(REASONS)])
        if kind == "void":
            return Step(uid, device, now, "void", ["void", self._void_target(device)])
        if kind == "undo":
            return Step(uid, device, now, "undo", ["undo"])
        if kind == "release":
            return Step(uid, device, now, "hold", ["hold", "--clear"])
        if kind == "clean":
            which = rng.choice(["clean", "replace"])
            return Step(uid, device, now, which, [which])
        if kind == "edit":
            return Step(uid, "main", now, "edit", lines=self._edit_lines(now))
        if kind == "copy":
            return Step(uid, "other", now, "copy")
        if kind == "import":
            return Step(uid, "main", now, "import", ["import", "$OTHER"])
        raise AssertionError(kind)

    def _import_episode(self, now: int) -> Step:
        """Another device: maybe a fresh copy of this log (a sync), its own few steps at
        its own clock, then `import` of its log here."""
        rng = self.rng
        if rng.random() < 0.5:
            self.pending.append(("other", now, "copy"))
        other_now = now + self.skew
        for _ in range(rng.randint(1, 3)):
            other_now += rng.choice([0, rng.randrange(0, 3 * DAY)])
            kinds, weights = ["log", "hold", "void", "undo", "release"], [70, 8, 10, 8, 4]
            if self.run.routines:
                kinds, weights = kinds + ["use", "preset", "react"], weights + [8, 2, 4]
            kind = rng.choices(kinds, weights)[0]
            self.pending.append(("other", other_now, kind))
        self.pending.append(("main", now, "import"))
        return self.next_step()

    def _move(self, now: int) -> int:
        """The main clock: mostly still or forward by minutes to weeks; sometimes onto an
        instant where the rules change their answer; sometimes back."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            return now
        if roll < 0.7:
            unit = rng.choice([MINUTE, HOUR, DAY, 7 * DAY])
            return now + rng.randint(1, 40 if unit == MINUTE else 30 if unit == HOUR else 6)
        if roll < 0.9:
            edges = [t for t in self._edges("main", now) if t > now - 3 * DAY]
            if edges:
                return rng.choice(edges)
            return now + rng.randrange(DAY)
        return now - rng.choice([rng.randrange(1, HOUR), rng.randrange(HOUR, 5 * DAY)])

    def _edges(self, device: str, now: int) -> list:
        """Instants where some answer changes: rest ends, the starts of the windows before
        sessions, hold ends, due instants; each with its neighbours a second away."""
        run = self.run
        p = run.profile
        h = run.devices[device].history
        edges = set()
        sessions = h.counted_sessions()
        depths = {d for d, _ in p.tiers} | {p.cap(a) for a in p.areas}
        depths |= {u for a in p.areas for u, _ in a.tiers}
        for s in sessions:
            edges.add(s.at + p.rest_of(s.area, s.depth))
            edges.add(s.at)
            for d in depths:
                for a in p.areas:
                    if s.area in p.overlaps[a.name]:
                        edges.add(s.at - p.rest_of(a.name, d))
            for a in p.areas:
                if s.area in p.overlaps[a.name]:
                    edges.add(s.at - p.longest_rest_of(a))
            for product in p.products.values() if run.routines else ():  # after-windows
                edges.add(s.at + product.avoid_after)
        for b in h.hold_blocks():
            edges |= {b.start, b.end}
        for u, _, end in h.windows():  # before-windows
            edges |= {u.at, end}
        for r in h.counted():  # reactions' windows
            if r.kind == "reaction":
                edges |= {r.at, r.at + p.redness}
        for a in p.areas:
            due = h.area_state(a.name, now).due
            if due is not None:
                edges.add(due)
        # A hold until cleared ends at the end of time: no instant to move the clock to.
        return sorted(t + d for t in edges if t < m.OPEN_END - DAY
                      for d in (0, 0, 0, -1, 1, 60, 61))

    def _react_args(self, device: str, now: int) -> list:
        """A reaction: mostly redness that rests (2 or 3) or that does not, now and then a
        severe one (a hold until cleared), a backfill, or a mistake (exit 2)."""
        rng = self.rng
        p = self.run.profile
        area = rng.choice(p.areas).name
        if rng.random() < 0.03:
            area += "x"
        args = ["react", "--area", area]
        roll = rng.random()
        if roll < 0.08:
            args += ["--severe"]
        else:
            redness = rng.choice(["0", "1", "2", "2", "3", "3"] + (["4"] if roll < 0.1 else []))
            args += ["--redness", redness]
            if rng.random() < 0.05:
                args += ["--severe"]
        at = self._at(device, now)
        if at is not None:
            args += ["--at", at]
        return args

    def _log_args(self, device: str, now: int) -> list:
        rng = self.rng
        p = self.run.profile
        if rng.random() < 0.04:
            area = rng.choice(p.areas).name + rng.choice(["s", "x"])  # a typo: exit 2
        else:
            area = rng.choice(p.areas).name
        args = ["log", "--area", area, "--depth", self._depth(area)]
        at = self._at(device, now)
        if at is not None:
            args += ["--at", at]
        if rng.random() < 0.25:
            args.append("--force")
        return args

    def _sitting_args(self, device: str, now: int) -> list:
        """`log AREA[=MM]... [--area A]... [--depth MM]`: a few areas, some with their own
        depth, some named by --area; now and then an area named twice or an =MM that is
        not a depth (exit 2)."""
        rng = self.rng
        p = self.run.profile
        names = [a.name for a in p.areas]
        chosen = rng.sample(names, rng.randint(1, min(4, len(names))))
        if rng.random() < 0.75:  # mostly areas apart, as people roll them in one sitting
            apart = []
            for name in chosen:
                if not any(name in p.overlaps[a] for a in apart):
                    apart.append(name)
            chosen = apart
        roll = rng.random()
        if roll < 0.04:
            chosen.append(rng.choice(chosen))  # named twice: exit 2
        elif roll < 0.07:
            chosen[-1] += rng.choice(["s", "x"])  # a typo: exit 2
        positional, by_option, shared = [], [], []
        for k, name in enumerate(chosen):
            if k > 0 and rng.random() < 0.25:
                by_option += ["--area", name]
                shared.append(name)
            elif rng.random() < 0.4:
                own = self._fitting_depth(name) if rng.random() < 0.6 else self._depth(name)
                if rng.random() < 0.03:
                    own = rng.choice(["", "x", "0"])  # not a depth: exit 2
                positional.append(f"{name}={own}")
            else:
                positional.append(name)
                shared.append(name)
        args = ["log"] + positional + by_option
        if by_option and rng.random() < 0.1:  # --area first: positional still come first
            args = ["log"] + by_option + positional
        if shared:  # mostly a depth every area that shares it allows
            known = [a for a in shared if p.area(a) is not None]
            if known and rng.random() < 0.6:
                args += ["--depth", self._fitting_depth(min(known, key=lambda a: p.area(a).max_depth))]
            else:
                args += ["--depth", self._depth(rng.choice(shared))]
        at = self._at(device, now)
        if at is not None:
            args += ["--at", at]
        if rng.random() < 0.25:
            args.append("--force")
        return args

    def _fitting_depth(self, area: str) -> str:
        """A depth the area allows: a bound of its table at most its cap, or the cap."""
        p = self.run.profile
        a = p.area(area)
        if a is None:
            return self._depth(area)
        cap = p.cap(a)
        return m.format_depth(self.rng.choice([u for u, _ in p.table(area) if u <= cap] + [cap]))

    def _use_args(self, device: str, now: int) -> list | None:
        """`use NAME [--area A]... [--at T]`: a product of the profile on the areas it
        applies to, or on all of them; now and then an unknown product or an area it does
        not apply to (exit 2). None when the profile has no product (mostly)."""
        rng = self.rng
        p = self.run.profile
        if not p.products:
            if rng.random() < 0.8:
                return None
            return ["use", rng.choice(PRODUCT_NAMES)]  # unknown here: exit 2
        product = rng.choice(sorted(p.products.values(), key=lambda x: x.name))
        name = product.name if rng.random() > 0.04 else product.name + "s"
        args = ["use", name]
        applies = [a.name for a in p.areas if product.applies_to(a.name)]
        others = [a.name for a in p.areas if not product.applies_to(a.name)]
        roll = rng.random()
        if roll < 0.5 and applies:
            for area in rng.sample(applies, rng.randint(1, min(2, len(applies)))):
                args += ["--area", area]
        elif roll < 0.56:
            args += ["--area", rng.choice(others) if others else applies[0] + "x"]
        at = self._at(device, now)
        if at is not None:
            args += ["--at", at]
        return args

    def _preset_args(self, now: int) -> list:
        """`hold --preset NAME [--from T]`: from now, or from a past instant near where the
        hold would end at now (at or before now: exit 2); now and then an unknown preset."""
        rng = self.rng
        presets = self.run.profile.presets
        if not presets and rng.random() < 0.7:
            return ["hold", "--until", self._until(now), "--reason", rng.choice(REASONS)]
        if not presets or rng.random() < 0.05:
            return ["hold", "--preset", rng.choice(PRESET_NAMES) + rng.choice(["", "s"])]
        name = rng.choice(sorted(presets))
        args = ["hold", "--preset", name]
        roll = rng.random()
        if roll < 0.4:
            return args
        if roll < 0.7:
            t = now - presets[name] + rng.choice([0, -1, 1, 60, -60, -DAY])
        else:
            t = now - rng.randrange(0, presets[name] + 2 * DAY)
        return args + ["--from", self._format(min(t, now))]

    def _depth(self, area: str) -> str:
        """Depths at and around the bounds that decide: tier bounds, caps, the home limit."""
        rng = self.rng
        p = self.run.profile
        if rng.random() < 0.02:
            return rng.choice(["0", "0.0004", "nan", "half"])  # not a depth: exit 2
        a = p.area(area)
        points = [u for u, _ in p.tiers] + [p.home] + [x.max_depth for x in p.areas]
        if a is not None:
            points += [a.max_depth] * 3 + [u for u, _ in a.tiers] * 2
        base = rng.choice(points)
        micro = max(1, base + rng.choice([0, 0, 0, -10, 10, -1, 1, rng.randrange(-300, 30, 10)]))
        if rng.random() < 0.1:
            micro = rng.randrange(10, p.home + 1, 10)
        text = m.format_depth(micro)
        if rng.random() < 0.7:  # the shortest form, as people type it
            text = text.rstrip("0")
            if text.endswith("."):
                text += "0" if rng.random() < 0.5 else ""
        return text

    def _at(self, device: str, now: int) -> str | None:
        """--at: none, an edge, the recent past, a little ahead (within a minute: fine;
        beyond: exit 2), a local wall time that a clock change skips or repeats."""
        rng = self.rng
        tz = self.run.tz
        roll = rng.random()
        if roll < 0.45:
            return None
        if roll < 0.65:
            edges = [t for t in self._edges(device, now) if t <= now + 120]
            t = rng.choice(edges) if edges else now - rng.randrange(DAY)
        elif roll < 0.85:
            t = now - rng.randrange(1, 30 * DAY)
        elif roll < 0.93:
            t = now + rng.choice([rng.randint(0, 60), 61, rng.randint(61, 2 * HOUR)])
        else:
            changes = clock_changes(tz, now - 30 * DAY, now + DAY)
            if changes:
                return self._wall_near_change(rng.choice(changes))
            t = now - rng.randrange(DAY)
        return self._format(t)

    def _wall_near_change(self, change: int) -> str:
        """A local wall time inside the hour that a clock change skips or repeats."""
        zone = ZoneInfo(self.run.tz)
        before = dt.datetime.fromtimestamp(change - 1, zone)
        after = dt.datetime.fromtimestamp(change, zone)
        lo = min(before.replace(tzinfo=None), after.replace(tzinfo=None))
        hi = max(before.replace(tzinfo=None), after.replace(tzinfo=None))
        span = max(1, int((hi - lo).total_seconds() // 60))
        wall = lo + dt.timedelta(minutes=self.rng.randrange(0, span + 1))
        return wall.strftime("%Y-%m-%d %H:%M")

    def _format(self, t: int) -> str:
        """An instant as a person or a script would type it."""
        rng = self.rng
        tz = self.run.tz
        roll = rng.random()
        if roll < 0.6:
            return m.format_rfc3339(t, tz)
        if roll < 0.75:
            other = rng.choice(["Z", "+05:30", "-08:00", "+13:45"])
            offset = 0 if other == "Z" else (1 if other[0] == "+" else -1) * (
                int(other[1:3]) * HOUR + int(other[4:]) * MINUTE)
            wall = dt.datetime.fromtimestamp(t, dt.timezone(dt.timedelta(seconds=offset)))
            return wall.strftime("%Y-%m-%dT%H:%M:%S") + other
        if roll < 0.95:
            return dt.datetime.fromtimestamp(t, ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
        return rng.choice(["today", "yesterday",
                           dt.datetime.fromtimestamp(t, ZoneInfo(tz)).strftime("%Y-%m-%d")])

    def _until(self, now: int) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            t = now - rng.choice([0, 1, rng.randrange(HOUR, 3 * DAY)])  # passed: exit 2
        elif roll < 0.15:
            t = now + 1
        else:
            t = now + rng.choice([rng.randrange(HOUR, DAY), rng.randrange(DAY, 20 * DAY)])
        return self._format(t) if rng.random() < 0.8 else m.format_rfc3339(t, self.run.tz)

    def _void_target(self, device: str) -> Ref:
        rng = self.rng
        h = self.run.devices[device].history
        counted = h.counted()
        counted_ids = {id(r) for r in counted}
        voided = [r for r in h.records if id(r) not in counted_ids]
        voids = [r for r in counted if r.kind == "void"]
        roll = rng.random()
        pool = (voids if roll < 0.2 else voided if roll < 0.35 else counted)
        digits = 16 if rng.random() < 0.8 else 8
        if not pool or rng.random() < 0.08:
            return Ref(literal=f"{rng.getrandbits(64):016x}")
        return Ref(key=rng.choice(pool).key, digits=digits)

    def _edit_lines(self, now: int) -> list:
        """What a hand edit adds: a session typed in by hand (no rule was asked, so it may
        be deeper than its area or the home limit, and say forced=true or not), a session
        on an area the profile does not define, a void of an id no record has, or two
        voids that target each other."""
        rng = self.rng
        stamp = m.format_rfc3339(now - rng.randrange(0, 10 * DAY), self.run.tz)
        a, b = (f"{rng.getrandbits(64):016x}" for _ in range(2))
        products = sorted(self.run.profile.products)
        if self.run.routines and products and rng.random() < 0.3:
            product = self.run.profile.products[rng.choice(products)]
            areas = [x.name for x in self.run.profile.areas if product.applies_to(x.name)]
            chosen = rng.sample(areas, rng.randint(1, min(2, len(areas))))
            name = product.name
            if rng.random() < 0.15:  # a product or an area the profile does not define
                if rng.random() < 0.5:
                    name = "old-cream"
                else:
                    chosen[-1] = "old-area"
            return [f"{stamp} use id={a} product={name} areas={','.join(chosen)}"]
        roll = rng.random()
        if roll < 0.4:
            area = rng.choice(self.run.profile.areas)
            depth = rng.choice([area.max_depth, area.max_depth + 10, self.run.profile.home + 10,
                                rng.randrange(10, area.max_depth + 1, 10)])
            forced = " forced=true" if rng.random() < 0.4 else ""
            return [f"{stamp} session id={a} area={area.name} depth={m.format_depth(depth)} "
                    f"roller=default{forced}"]
        if roll < 0.6:
            return [f"{stamp} session id={a} area=old-area depth=0.5 roller=default"]
        if roll < 0.8:
            return [f"{stamp} void id={a} target={b}"]
        return [f"{stamp} void id={a} target={b}", f"{stamp} void id={b} target={a}"]


# --- Sequences ------------------------------------------------------------------------


@dataclass
class Outcome:
    index: int
    problems: list = field(default_factory=list)  # Disagreements; the first stopped the run
    steps: list = field(default_factory=list)
    coverage: collections.Counter = field(default_factory=collections.Counter)

    @property
    def classes(self) -> list:
        return list(dict.fromkeys(p.cls for p in self.problems))


def execute_steps(roller: str, setup: Setup, steps: list, options, check_every: int,
                  target: str):
    """Runs fixed steps in a fresh folder until a disagreement of class `target`:
    (that disagreement or None, the run). Disagreements of other classes do not stop it."""
    folder = tempfile.mkdtemp(prefix="roller-model-")
    try:
        run = Run(roller, setup, folder, options, check_every)
        run.keep_going, run.stop_at = True, target
        for i, step in enumerate(steps):
            problems = run.execute(step, last=i == len(steps) - 1)
            if i == len(steps) - 1 and not any(p.cls == target for p in problems):
                if step.device != "main":
                    problems += run.compare_check_and_stats()
                if target == ABSENT:
                    problems += _listed(run.absent_log())
            found = [p for p in problems if p.cls == target]
            if found:
                return found[0], run
        if not steps:
            problem = run.absent_log()
            return (problem if problem and problem.cls == target else None), run
        return None, run
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_sequence(roller: str, index: int, options) -> Outcome:
    """Generates and runs one sequence; stops at its first disagreement unless
    --keep-going."""
    setup = make_setup(index, options.seed, options.routines)
    folder = tempfile.mkdtemp(prefix="roller-model-")
    outcome = Outcome(index)
    try:
        run = Run(roller, setup, folder, options, CHECK_EVERY)
        gen = Generator(random.Random(f"steps:{options.seed}:{index}"), run)
        while len(outcome.steps) < options.steps:
            if outcome.problems and not options.keep_going:
                break
            step = gen.next_step()
            outcome.steps.append(step)
            outcome.problems += run.execute(step, last=len(outcome.steps) == options.steps)
        if not outcome.problems or options.keep_going:
            if outcome.steps and outcome.steps[-1].device != "main":
                outcome.problems += run.compare_check_and_stats()  # an episode cut short
            outcome.problems += _listed(run.absent_log())
        outcome.coverage = run.coverage
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


def shrink(roller: str, outcome: Outcome, target: str, options, budget: float) -> list:
    """Fewer steps that still show a disagreement of class `target`: drops chunks of
    steps, halving the chunk down to single steps, while time allows. Every comparison
    runs after every step here, so a shorter sequence still meets its disagreement."""
    setup = make_setup(outcome.index, options.seed, options.routines)
    deadline = time.monotonic() + budget

    def fails(candidate):
        try:
            problem, _ = execute_steps(roller, setup, candidate, options, 1, target)
        except Invalid:
            return False
        return problem is not None

    # Nothing after the step that showed it matters.
    steps = list(outcome.steps)
    for n in range(1, len(steps) + 1):
        if fails(steps[:n]):
            steps = steps[:n]
            break
    else:
        return steps
    chunk = max(1, len(steps) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i, removed = 0, False
        while i < len(steps) and time.monotonic() < deadline:
            candidate = steps[:i] + steps[i + chunk:]
            if candidate and fails(candidate):
                steps, removed = candidate, True
            else:
                i += chunk
        if not removed:
            chunk //= 2
    return steps


def replay(roller: str, outcome: Outcome, target: str, options, shrink_it: bool) -> str:
    """The bash script that replays `outcome` up to its disagreement of class `target`."""
    steps = outcome.steps
    if shrink_it:
        steps = shrink(roller, outcome, target, options, options.shrink_seconds)
    setup = make_setup(outcome.index, options.seed, options.routines)
    problem, run = execute_steps(roller, setup, steps, options, 1, target)
    if problem is None:  # it did not come back (a race?): say what was seen the first time
        problem = next(p for p in outcome.problems if p.cls == target)
    rerun = (f"tests/model/run.py --roller ROLLER --seed {options.seed} "
             f"--only {outcome.index} --steps {options.steps}"
             f"{'' if options.routines else ' --no-routines'}")
    return run.replay_script(problem, rerun), len(steps)


def model_agrees_with_its_examples() -> bool:
    """The model's worked examples (test_model.py) pass, or nothing it says is worth
    comparing."""
    import unittest
    import test_model
    suite = unittest.defaultTestLoader.loadTestsFromModule(test_model)
    result = unittest.TestResult()
    suite.run(result)
    for test, trace in result.failures + result.errors:
        print(f"the model fails its worked example {test.id()}:\n{trace}")
    return result.wasSuccessful()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roller", required=True, help="the roller binary to check")
    parser.add_argument("--sequences", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", type=int, help="run only this sequence of the seed")
    parser.add_argument("--skip-check", action="store_true", help="do not compare check --json")
    parser.add_argument("--skip-stats", action="store_true", help="do not compare stats --json")
    parser.add_argument("--show", type=int, default=1,
                        help="print the replay script of this many failures (default 1)")
    parser.add_argument("--scripts", help="write every failure's replay script into DIR")
    parser.add_argument("--no-shrink", action="store_true",
                        help="print failures as they were, without shrinking them first")
    parser.add_argument("--shrink-seconds", type=float, default=60.0,
                        help="time to spend shrinking each printed failure")
    parser.add_argument("--keep-going", action="store_true",
                        help="after a disagreement, take roller's log as it is and go on, "
                             "to see every class of disagreement a sequence meets")
    parser.add_argument("--routines", action=argparse.BooleanOptionalAction, default=True,
                        help="profiles with an area's own rest, products and hold presets, "
                             "and the steps of routines: sittings, `use`, `hold --preset` "
                             "(default; --no-routines for a roller without them)")
    parser.add_argument("--coverage", action="store_true",
                        help="count the rules and states the sequences met")
    parser.add_argument("--per-class", action="store_true",
                        help="print one shrunk replay script for every class of disagreement")
    options = parser.parse_args()
    roller = os.path.abspath(options.roller)
    if not os.access(roller, os.X_OK):
        parser.error(f"--roller {options.roller}: not an executable file")
    if not model_agrees_with_its_examples():
        return 1
    indices = [options.only] if options.only is not None else list(range(options.sequences))

    began = time.monotonic()
    if options.jobs <= 1:
        outcomes = [run_sequence(roller, i, options) for i in indices]
    else:
        with concurrent.futures.ProcessPoolExecutor(options.jobs) as pool:
            outcomes = list(pool.map(run_sequence, [roller] * len(indices), indices,
                                     [options] * len(indices), chunksize=4))
    failed = [o for o in outcomes if o.problems]
    elapsed = time.monotonic() - began

    # Which disagreements to print as scripts: the first --show failures, or with
    # --per-class the first sequence of every class.
    wanted = [(o, o.problems[0].cls) for o in failed[: options.show]]
    if options.per_class:
        seen = {}
        for o in failed:
            for cls in o.classes:
                seen.setdefault(cls, o)
        wanted = [(o, cls) for cls, o in seen.items()]
    scripts = {}
    for outcome, cls in wanted:
        script, kept = replay(roller, outcome, cls, options, not options.no_shrink)
        scripts.setdefault(outcome.index, script)
        print(f"--- replay of sequence {outcome.index}, {cls} ({kept} of "
              f"{len(outcome.steps)} steps) ---")
        print(script)
    if options.scripts:  # the shrunk script where there is one, else the whole sequence
        os.makedirs(options.scripts, exist_ok=True)
        for o in failed:
            if o.index not in scripts:
                scripts[o.index], _ = replay(roller, o, o.problems[0].cls, options, False)
            with open(os.path.join(options.scripts, f"sequence-{o.index}.sh"), "w",
                      encoding="utf-8") as f:
                f.write(scripts[o.index])

    tally: dict[str, list] = {}
    for n, o in enumerate(failed):
        first = o.problems[0]
        if n < 20:
            print(f"sequence {o.index}: {first.cls}: {first.detail[0] if first.detail else ''}")
        elif n == 20:
            print(f"... and {len(failed) - 20} more failed sequences")
        for cls in o.classes:
            tally.setdefault(cls, []).append(o.index)
    if tally:
        print("disagreements by class (sequences that showed each):")
        for cls, which in sorted(tally.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(which):4} {cls} (sequences {', '.join(map(str, which[:8]))}"
                  f"{', ...' if len(which) > 8 else ''})")
    if options.coverage:
        total = sum((o.coverage for o in outcomes), collections.Counter())
        print("what the sequences exercised (times the model met each):")
        for key, n in sorted(total.items()):
            print(f"  {n:7} {key}")
    print(f"ran {sum(len(o.steps) for o in outcomes)} steps in {elapsed:.1f} s")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
