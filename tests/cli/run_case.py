#!/usr/bin/env python3
"""Runs one end-to-end case of roller: the real binary, its own temporary folder.

Usage: run_case.py ROLLER CASES.toml CASE_NAME

A case (one [[case]] table) may set:
  profile   text written to {tmp}/profile.toml and passed as ROLLER_PROFILE
  log       text the log {tmp}/roller.log starts with (passed as ROLLER_LOG); without it the
            log is the default one under XDG_DATA_HOME={tmp}: {tmp}/roller/roller.log,
            which may be absent (a new user), where a named log must exist to be read
  now       ROLLER_NOW for every step
  tz        TZ (default Europe/Berlin)
  files     {"relative/path" = "text"}: more files to create in {tmp} first (mode 0600)
  file_modes  {"relative/path" = "0644"}: modes to set on the files above, profile.toml
            and roller.log before the first step
  env       extra environment; "{tmp}" is replaced; an empty value unsets the variable
and has one or more [[case.step]] tables:
  args      the arguments ("{tmp}" is replaced)
  exit      the exit status expected
  stdout    exact standard output (default: empty)
  stdout_contains  instead of stdout: fragments that must all appear in it
  stdout_lacks     with stdout_contains or alone: fragments that must not appear in it
  stderr    exact standard error (default: empty)
  stderr_contains  instead of stderr: fragments that must all appear in it
  log_after exact text of the log after the step
  log_absent   true: the log must not exist after the step
  modes     {"path": "0600"}: permission bits expected after the step
  files_after  {"relative/path" = "text"}: files that must exist with exactly this text;
            "@path" stands for the text of that file of the repository
  json      true: stdout must also parse as JSON

In every output, "{tmp}" stands for the case's folder, and ids that roller generated
(16 hex digits not in the starting log) read "<id>"; short ids after "id " read "id <id>".
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import tomllib


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def show_diff(what, expected, actual):
    import difflib
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                          f"expected {what}", f"actual {what}", lineterm=""))
    return f"{what} differs:\n{diff}\n--- actual {what} in full ---\n{actual}"


def main():
    roller, case_file, case_name = sys.argv[1:4]
    roller = os.path.abspath(roller)
    with open(case_file, "rb") as f:
        cases = tomllib.load(f)["case"]
    matches = [c for c in cases if c["name"] == case_name]
    if len(matches) != 1:
        fail(f"{case_file}: {len(matches)} cases named {case_name!r}")
    case = matches[0]

    tmp = tempfile.mkdtemp(prefix="roller-cli-")
    try:
        run_case(roller, case, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok: {case_name}")


def run_case(roller, case, tmp, collect=None):
    """Runs the case's steps; with `collect` (a list), records each step's normalised
    stdout, stderr and log text there instead of comparing them."""
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    log_path = os.path.join(tmp, "roller.log")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TZ": case.get("tz", "Europe/Berlin"),
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
    }
    if "log" in case:
        env["ROLLER_LOG"] = log_path
    else:
        env["XDG_DATA_HOME"] = tmp
        log_path = os.path.join(tmp, "roller", "roller.log")
    if "profile" in case:
        with open(os.path.join(tmp, "profile.toml"), "w", encoding="utf-8") as f:
            f.write(case["profile"])
        os.chmod(os.path.join(tmp, "profile.toml"), 0o600)
        env["ROLLER_PROFILE"] = os.path.join(tmp, "profile.toml")
    for relative, text in case.get("files", {}).items():
        path = os.path.join(tmp, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(path, 0o600)
    known_ids = set()
    if "log" in case:
        with open(log_path, "w", encoding="utf-8", newline="") as f:
            f.write(case["log"])
        os.chmod(log_path, 0o600)
        known_ids = set(re.findall(r"\b[0-9a-f]{16}\b", case["log"]))
    for relative, mode in case.get("file_modes", {}).items():
        os.chmod(os.path.join(tmp, relative), int(mode, 8))
    if "now" in case:
        env["ROLLER_NOW"] = case["now"]
    for key, value in case.get("env", {}).items():
        if value == "":
            env.pop(key, None)
        else:
            env[key] = value.replace("{tmp}", tmp)

    def normalise(text):
        text = text.replace(tmp, "{tmp}")
        text = re.sub(r"\b[0-9a-f]{16}\b",
                      lambda m: m.group(0) if m.group(0) in known_ids else "<id>", text)
        return re.sub(r"\bid [0-9a-f]{8}\b",
                      lambda m: m.group(0) if any(i.startswith(m.group(0)[3:]) for i in known_ids)
                      else "id <id>", text)

    for number, step in enumerate(case["step"], start=1):
        args = [a.replace("{tmp}", tmp) for a in step["args"]]
        result = subprocess.run([roller, *args], env=env, cwd=tmp, capture_output=True,
                                timeout=60, stdin=subprocess.DEVNULL)
        where = f"step {number} (roller {' '.join(step['args'])})"
        stdout = normalise(result.stdout.decode("utf-8", "replace"))
        stderr = normalise(result.stderr.decode("utf-8", "replace"))
        if collect is not None:
            log_text = None
            if os.path.exists(log_path):
                with open(log_path, encoding="utf-8", newline="") as f:
                    log_text = normalise(f.read())
            collect.append((result.returncode, stdout, stderr, log_text))
            continue
        if result.returncode != step["exit"]:
            fail(f"{where}: exit {result.returncode}, expected {step['exit']}\n"
                 f"stdout:\n{stdout}\nstderr:\n{stderr}")
        if "stdout_contains" in step or "stdout_lacks" in step:
            for fragment in step.get("stdout_contains", []):
                if fragment not in stdout:
                    fail(f"{where}: stdout lacks {fragment!r}:\n{stdout}")
            for fragment in step.get("stdout_lacks", []):
                if fragment in stdout:
                    fail(f"{where}: stdout has {fragment!r}:\n{stdout}")
        elif stdout != step.get("stdout", ""):
            fail(f"{where}: " + show_diff("stdout", step.get("stdout", ""), stdout))
        if "stderr_contains" in step:
            for fragment in step["stderr_contains"]:
                if fragment not in stderr:
                    fail(f"{where}: stderr lacks {fragment!r}:\n{stderr}")
        elif stderr != step.get("stderr", ""):
            fail(f"{where}: " + show_diff("stderr", step.get("stderr", ""), stderr))
        if step.get("json"):
            try:
                json.loads(result.stdout)
            except ValueError as e:
                fail(f"{where}: stdout is not JSON: {e}")
        if "log_after" in step:
            if not os.path.exists(log_path):
                fail(f"{where}: the log does not exist")
            with open(log_path, encoding="utf-8", newline="") as f:
                actual = normalise(f.read())
            if actual != step["log_after"]:
                fail(f"{where}: " + show_diff("log", step["log_after"], actual))
        if step.get("log_absent") and os.path.exists(log_path):
            fail(f"{where}: the log exists but should not")
        for relative, text in step.get("files_after", {}).items():
            path = os.path.join(tmp, relative)
            if not os.path.exists(path):
                fail(f"{where}: {relative} does not exist")
            with open(path, encoding="utf-8") as f:
                actual = f.read()
            if text.startswith("@"):
                with open(os.path.join(REPO, text[1:]), encoding="utf-8") as f:
                    text = f.read()
            if actual != text:
                fail(f"{where}: " + show_diff(relative, text, actual))
        for path, mode in step.get("modes", {}).items():
            full = path.replace("{tmp}", tmp)
            actual_mode = stat.S_IMODE(os.stat(full).st_mode)
            if actual_mode != int(mode, 8):
                fail(f"{where}: {path} has mode {actual_mode:04o}, expected {mode}")


if __name__ == "__main__":
    main()
