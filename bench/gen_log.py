#!/usr/bin/env python3
"""Generates a realistic roller log v1 of N events, for benchmarks, and the same sessions
as timewarrior data.

Sessions rotate through the default profile's areas at depths each area allows, each one
after its area's rest has run out (so the log obeys the rules), a clean after most sessions,
about 1% voids of earlier sessions, and a note on some sessions. Deterministic for a seed.
With --timew DIR, DIR becomes a timewarrior database (TIMEWARRIORDB) holding every session
that is not voided as a 15-minute interval tagged with its area and depth:
`inc START - END # forehead "0.5mm"`, one file a month, as timewarrior keeps them.

Usage: gen_log.py N OUT [--seed S] [--timew DIR]
"""
import argparse
import datetime as dt
import os
import random

AREAS = [("forehead", [0.25, 0.5]), ("under-eye", [0.25]), ("nose", [0.25, 0.5]),
         ("upper-lip", [0.25, 0.5]), ("cheeks", [0.5, 0.75, 1.0]), ("chin", [0.5, 1.0]),
         ("jawline", [0.5, 1.0]), ("neck", [0.3, 0.5]), ("decolletage", [0.5]),
         ("scalp", [0.5]), ("body", [0.5, 1.0, 1.5])]
REST_DAYS = [(0.25, 2), (0.3, 3), (0.5, 7), (0.75, 14), (1.0, 28), (1.5, 42)]
NOTES = ["slight tingling", "a little redness", "used hyaluronic serum after", "felt fine",
         "pinpoint bleeding, \"normal\" per guide"]


def rest_days(depth):
    return next(days for up_to, days in REST_DAYS if depth <= up_to)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timew")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    zone = dt.timezone(dt.timedelta(hours=1))
    # Every area starts free; each event advances a shared clock a little.
    clock = dt.datetime(2000, 1, 1, 21, 0, tzinfo=zone)
    free_at = {name: clock for name, _ in AREAS}
    session_ids = []
    sessions = {}  # id -> (start, area, depth), for the timewarrior data
    voided = set()
    events = 0
    with open(args.out, "w", encoding="utf-8") as out:
        os.chmod(args.out, 0o600)  # as roller creates it: health data
        out.write("# roller log v1\n")
        while events < args.n:
            name, depths = min(AREAS, key=lambda a: free_at[a[0]])
            clock = max(clock, free_at[name]) + dt.timedelta(minutes=rng.randint(1, 600))
            depth = rng.choice(depths)
            free_at[name] = clock + dt.timedelta(days=rest_days(depth))
            sid = f"{rng.getrandbits(64):016x}"
            session_ids.append(sid)
            sessions[sid] = (clock, name, depth)
            note = f' note="{rng.choice(NOTES)}"'.replace('"normal"', '\\"normal\\"') \
                if rng.random() < 0.1 else ""
            stamp = clock.isoformat()
            out.write(f"{stamp} session id={sid} area={name} depth={depth} roller=default{note}\n")
            events += 1
            if events < args.n and rng.random() < 0.8:
                later = (clock + dt.timedelta(minutes=10)).isoformat()
                out.write(f"{later} clean id={rng.getrandbits(64):016x} roller=default\n")
                events += 1
            if events < args.n and rng.random() < 0.01:
                later = (clock + dt.timedelta(minutes=20)).isoformat()
                target = rng.choice(session_ids[-50:])
                voided.add(target)
                out.write(f"{later} void id={rng.getrandbits(64):016x} target={target}\n")
                events += 1

    if args.timew:
        write_timew(args.timew, [v for k, v in sessions.items() if k not in voided])


def write_timew(folder, sessions):
    data = os.path.join(folder, "data")
    os.makedirs(data, exist_ok=True)
    open(os.path.join(folder, "timewarrior.cfg"), "w").close()
    for stale in os.listdir(data):
        os.remove(os.path.join(data, stale))
    months = {}
    for start, area, depth in sorted(sessions):
        utc = start.astimezone(dt.timezone.utc)
        end = utc + dt.timedelta(minutes=15)
        line = f'inc {utc:%Y%m%dT%H%M%SZ} - {end:%Y%m%dT%H%M%SZ} # {area} "{depth}mm"\n'
        months.setdefault(f"{utc:%Y-%m}", []).append(line)
    for month, lines in months.items():
        with open(os.path.join(data, f"{month}.data"), "w", encoding="utf-8") as f:
            f.writelines(lines)


if __name__ == "__main__":
    main()
