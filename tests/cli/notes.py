#!/usr/bin/env python3
"""Every character in a note is kept exactly or refused, and no control character (nor a
bidirectional one) reaches the log raw. Each note is logged, then read back through
`history --json`.
Usage: notes.py ROLLER"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

# Refused: C0 and C1 controls (but newline and tab), DEL, and the bidirectional controls,
# which reorder the text around them on screen.
BIDI = {chr(c) for c in range(0x202a, 0x202f)} | {chr(c) for c in range(0x2066, 0x206a)}
CONTROLS = {chr(c) for c in range(0x01, 0x20)} - {"\n", "\t"} | {"\x7f"} | \
           {chr(c) for c in range(0x80, 0xa0)} | BIDI
SAMPLES = [chr(c) for c in range(0x01, 0x80)] + [chr(c) for c in range(0x80, 0xa0)] + list(
    "éßøЖ额🙂\u00a0\u00ad\u200b\u200d\u200e\u200f\u2028\u2029\ufeff\ufffd\U0010fffd") + \
    sorted(BIDI) + ["e\u0301", "👩\u200d💻", '\\"', "\\n", "=", "#", " "]


def main():
    roller = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="roller-notes-")
    try:
        log = os.path.join(tmp, "roller.log")
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "TZ": "UTC", "NO_COLOR": "1",
               "ROLLER_LOG": log}
        kept = refused = 0
        for i, sample in enumerate(SAMPLES):
            note = f"a{sample}b"
            # Each note three days after the last, so that no rest rule interferes.
            when = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.timezone.utc) + \
                datetime.timedelta(days=3 * i)
            env["ROLLER_NOW"] = when.isoformat()
            result = subprocess.run([roller, "log", "--area", "under-eye", "--depth", "0.25",
                                     "--note", note], env=env, capture_output=True,
                                    stdin=subprocess.DEVNULL, timeout=30)
            if sample in CONTROLS:
                assert result.returncode == 2, (repr(sample), result)
                refused += 1
                continue
            assert result.returncode == 0, (repr(sample), result)
            history = subprocess.run([roller, "history", "--last", "1", "--json"], env=env,
                                     capture_output=True, stdin=subprocess.DEVNULL, timeout=30)
            got = json.loads(history.stdout)["sessions"][0]["note"]
            assert got == note, (repr(note), repr(got))
            kept += 1
        with open(log, "rb") as f:
            raw = f.read()
        for byte in raw:
            assert byte >= 0x20 or byte == 0x0a, f"raw control byte {byte:#04x} in the log"
        text = raw.decode("utf-8")
        assert not any(0x80 <= ord(ch) < 0xa0 for ch in text), "raw C1 control in the log"
        assert not any(ch in BIDI for ch in text), "bidirectional control in the log"
        print(f"ok: {kept} notes kept exactly, {refused} with control characters refused")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
