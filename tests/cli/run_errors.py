#!/usr/bin/env python3
"""The table of hostile inputs: every case runs the real roller in its own folder and must
end with the expected exit status and one clear stderr line containing the expected text,
with nothing written to stdout and the log left exactly as it was (or not created).

Usage: run_errors.py ROLLER errors.toml            run every case
       run_errors.py --markdown errors.toml        print the table for docs/errors.md

A case ([[error]]) has: what (a phrase for the docs), args, exit, stderr (a fragment of
the expected message, "{tmp}" standing for the case's folder), and optionally stdout (a
fragment of the expected output, for a command that reports on stdout), profile, log
(file texts), files ({"name" = "text"}), fifos (names), symlinks ({"name" = "target"}),
modes ({"name" = "0644"}), env, lines (stderr lines expected, default 1), and
unreadable (names of files the run must not be able to read; roller then runs as
nobody when the test runs as root). An argument is a string, or {text = "x", times = N} (with an optional prefix),
or {hex = "ff fe"} for bytes that are not UTF-8.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib


def argument(item):
    if isinstance(item, str):
        return item.encode()
    if "hex" in item:
        return bytes.fromhex(item["hex"])
    return (item.get("prefix", "") + item["text"] * item["times"]).encode()


def shown(item):
    if isinstance(item, str):
        if any(ord(ch) < 0x20 or ord(ch) == 0x7f for ch in item):
            return "$'" + item.encode("unicode_escape").decode() + "'"  # as a shell would
        return item if item and " " not in item else repr(item)
    if "hex" in item:
        return "<bytes " + item["hex"] + ">"
    return f"<{item['text']!r} x {item['times']}>"


def run_one(roller, case):
    tmp = tempfile.mkdtemp(prefix="roller-err-")
    try:
        os.chmod(tmp, 0o755)  # so that `nobody` can reach the files it is allowed to read
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        log = os.path.join(tmp, "roller.log")
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "TZ": "Europe/Berlin",
               "NO_COLOR": "1", "ROLLER_LOG": log, "ROLLER_NOW": "2026-11-25T21:30:00+01:00"}
        # A named log must exist to be read: without one of its own, a case runs on the
        # default log, which a new user does not have yet.
        if "log" not in case and "roller.log" not in case.get("files", {}):
            del env["ROLLER_LOG"]
            env["XDG_DATA_HOME"] = tmp
        files = dict(case.get("files", {}))
        if "profile" in case:
            files["profile.toml"] = case["profile"]
            env["ROLLER_PROFILE"] = os.path.join(tmp, "profile.toml")
        if "log" in case:
            files["roller.log"] = case["log"]
        for name, text in files.items():
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(text.encode() if isinstance(text, str) else argument(text))
            os.chmod(path, 0o600)
        for name in case.get("fifos", []):
            os.mkfifo(os.path.join(tmp, name), 0o600)
        for name, target in case.get("symlinks", {}).items():
            os.symlink(target.replace("{tmp}", tmp), os.path.join(tmp, name))
        for name, mode in case.get("modes", {}).items():
            os.chmod(os.path.join(tmp, name), int(mode, 8))
        for key, value in case.get("env", {}).items():
            if value == "":
                env.pop(key, None)
            else:
                env[key] = value.replace("{tmp}", tmp)
        preexec = None
        for name in case.get("unreadable", []):
            os.chmod(os.path.join(tmp, name), 0)
            if os.geteuid() == 0:
                os.chmod(home, 0o777)
                preexec = lambda: (os.setgid(65534), os.setuid(65534))  # noqa: E731
        before = open(log, "rb").read() if os.path.isfile(log) else None
        args = [arg.replace(b"{tmp}", tmp.encode()) for arg in map(argument, case["args"])]
        result = subprocess.run([roller.encode(), *args], env=env, capture_output=True,
                                timeout=30, stdin=subprocess.DEVNULL, preexec_fn=preexec)
        stderr = result.stderr.decode("utf-8", "replace").replace(tmp, "{tmp}")
        problems = []
        if result.returncode != case["exit"]:
            problems.append(f"exit {result.returncode}, expected {case['exit']}")
        if case["stderr"] not in stderr:
            problems.append(f"stderr lacks {case['stderr']!r}")
        lines = stderr.count("\n")
        if lines != case.get("lines", 1) or (lines > 0 and not stderr.endswith("\n")):
            problems.append(f"stderr has {lines} lines, expected {case.get('lines', 1)}")
        if any(ch in stderr for ch in "\x1b\x07\x00\r"):
            problems.append("stderr carries raw control characters")
        stdout = result.stdout.decode("utf-8", "replace").replace(tmp, "{tmp}")
        if "stdout" in case:
            if case["stdout"] not in stdout:
                problems.append(f"stdout lacks {case['stdout']!r}: {stdout!r}")
        elif case["exit"] != 0 and stdout:
            problems.append(f"stdout is not empty: {stdout!r}")
        after = open(log, "rb").read() if os.path.isfile(log) else None
        if case["exit"] != 0 and after != before:
            problems.append("the log changed")
        if problems:
            return f"{case['what']}: " + "; ".join(problems) + f"\n  stderr: {stderr!r}"
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def markdown(cases):
    out = ["| what | command | exit | message (fragment) |", "| --- | --- | --- | --- |"]
    for case in cases:
        command = " ".join(["roller", *(shown(a) for a in case["args"])])
        message = (case["stderr"] or case.get("stdout", "")).replace("|", "\\|")
        out.append(f"| {case['what']} | `{command}` | {case['exit']} | `{message}` |")
    return "\n".join(out) + "\n"


def main():
    if sys.argv[1] == "--markdown":
        with open(sys.argv[2], "rb") as f:
            print(markdown(tomllib.load(f)["error"]), end="")
        return
    roller, table = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(table, "rb") as f:
        cases = tomllib.load(f)["error"]
    failures = [message for message in (run_one(roller, case) for case in cases) if message]
    for message in failures:
        print("FAIL:", message)
    print(f"{len(cases) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
