"""A reference model of roller's rules, written from SPEC.md and docs/design.md ("The judge").

It shares no code with the C++ judge on purpose: it is a second, independent reading of the
same text, so that where the two disagree one of them has misread the rules. It is kept
small and literal: every function says which sentence of the design it implements, and it
favours the plainest computation over a fast one (histories here hold tens of records).

Everything is an integer: instants are epoch seconds, depths are micrometres, rests are
seconds. Floats never enter a comparison, so a tier bound is exact.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

SECONDS_PER_DAY = 86_400
# A time this far ahead of now still counts as now (clock skew between devices).
ALLOWED_FUTURE_SECONDS = 60
DEFAULT_PROFILE = Path(__file__).resolve().parents[2] / "config" / "profile.toml"

# The rules a candidate session can break, in the order the judge asks them.
HOME_LIMIT = "home_limit"
AREA_CAP = "area_cap"
HOLD = "hold"
PRODUCT_WINDOW = "product_window"
REACTION = "reaction"
TOO_SOON = "too_soon"
TOO_CLOSE = "too_close_before_later"


# What a sitting's sessions say in sitting= before roller has chosen the first one's id.
SITTING = "<first>"
# The end of a hold that lasts until cleared (a severe reaction's): the last second roller
# writes, 9999-12-31T23:59:59Z.
OPEN_END = 253402300799
# Redness from which a reaction keeps its area resting (SPEC "Reactions").
RESTING_REDNESS = 2


class UsageError(Exception):
    """What roller reports with exit status 2."""


class Refused(Exception):
    """What roller reports with exit status 3; `rule` is the first rule broken."""

    def __init__(self, rule: str):
        super().__init__(rule)
        self.rule = rule


# --- Depths and times -----------------------------------------------------------------

_DEPTH = re.compile(r"(\d*)(?:\.(\d*))?")


def parse_depth(text: str) -> int | None:
    """A depth in millimetres as whole micrometres, or None when it is not a positive
    depth of at most three decimals ("0.5000" is fine: trailing zeros add no precision)."""
    m = _DEPTH.fullmatch(text)
    if m is None or (m.group(1) == "" and not m.group(2)):
        return None
    whole, frac = m.group(1) or "0", (m.group(2) or "").rstrip("0")
    if len(frac) > 3:
        return None
    micro = int(whole) * 1000 + int(frac.ljust(3, "0"))
    return micro if micro > 0 else None


def depth_from_toml(value: float | int) -> int:
    """A profile's depth (TOML gives a float) as micrometres; the profile writer uses at
    most three decimals, so rounding recovers the exact value."""
    return int((Decimal(repr(value)) * 1000).to_integral_value())


def format_depth(micro: int) -> str:
    return f"{micro // 1000}.{micro % 1000:03d}"


def parse_rfc3339(text: str) -> int:
    return int(dt.datetime.fromisoformat(text.replace("z", "Z")).timestamp())


def format_rfc3339(utc: int, tz: str) -> str:
    return dt.datetime.fromtimestamp(utc, ZoneInfo(tz)).isoformat()


def local_instants(tz: str, wall: dt.datetime) -> list[int]:
    """Every instant whose local wall time in `tz` is `wall` (naive): none in a gap that a
    clock change skips, two in an hour that repeats."""
    zone = ZoneInfo(tz)
    found = set()
    for fold in (0, 1):
        utc = int(wall.replace(tzinfo=zone, fold=fold).timestamp())
        back = dt.datetime.fromtimestamp(utc, zone).replace(tzinfo=None)
        if back == wall:
            found.add(utc)
    return sorted(found)


def parse_time(text: str, now: int, tz: str) -> int:
    """An instant as `--at`, `--until` and `--now` take it (SPEC "Global options",
    design "Times"): RFC 3339; `YYYY-MM-DD` and `today`/`yesterday` at local midnight;
    `YYYY-MM-DD HH:MM` in local time, the first of a repeated hour, a usage error in a
    skipped one."""
    if text == "now":
        return now
    zone = ZoneInfo(tz)
    if text in ("today", "yesterday"):
        day = dt.datetime.fromtimestamp(now, zone).date()
        if text == "yesterday":
            day -= dt.timedelta(days=1)
        return _day_start(tz, day)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", text):
        return parse_rfc3339(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return _day_start(tz, dt.date.fromisoformat(text))
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?", text)
    if m:
        wall = dt.datetime.combine(dt.date.fromisoformat(m.group(1)),
                                   dt.time(int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)))
        instants = local_instants(tz, wall)
        if not instants:
            raise UsageError(f"{text} does not exist in {tz}")
        return instants[0]
    raise UsageError(f"{text} is not a time")


def _day_start(tz: str, day: dt.date) -> int:
    # Local midnight, or the first hour of the day that exists where midnight is skipped.
    for hour in range(24):
        instants = local_instants(tz, dt.datetime.combine(day, dt.time(hour)))
        if instants:
            return instants[0]
    raise AssertionError(f"{day} has no hour in {tz}")


# --- The profile ----------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    name: str
    max_depth: int  # micrometres
    covers: tuple[str, ...]
    # The area's own rest tiers ([[areas.NAME.rest]]), ascending, or () for none.
    tiers: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Product:
    """[products.NAME] (plan "Profile keys"): no session on an area within `stop_before`
    seconds after a use there; no use on an area within `avoid_after` seconds after a
    session there. `areas` None: every area of the profile."""
    name: str
    stop_before: int  # seconds
    avoid_after: int  # seconds
    areas: tuple[str, ...] | None

    def applies_to(self, area: str) -> bool:
        return self.areas is None or area in self.areas


@dataclass
class Profile:
    home: int  # the home limit, micrometres
    tiers: list[tuple[int, int]]  # (up_to micrometres, rest seconds), ascending
    areas: list[Area]
    overlaps: dict[str, frozenset[str]] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    presets: dict[str, int] = field(default_factory=dict)  # [holds.NAME]: days as seconds
    redness: int = 48 * 3600  # [healing] redness_hours, as seconds

    def area(self, name: str) -> Area | None:
        return next((a for a in self.areas if a.name == name), None)

    def rest(self, depth: int) -> int:
        """rest(d) by the profile's tiers: the first tier with up_to >= d; past every
        tier, the longest tier."""
        return _rest_by(self.tiers, depth)

    def rest_of(self, area_name: str, depth: int) -> int:
        """The rest a session of `depth` on `area_name` gives (plan, rule 1): its own
        area's tier when the area has tiers and the depth is within them, else the
        profile's."""
        area = self.area(area_name)
        if area is not None and area.tiers and depth <= area.tiers[-1][0]:
            return _rest_by(list(area.tiers), depth)
        return self.rest(depth)

    def table(self, area_name: str) -> list[tuple[int, int]]:
        """The tiers that rule an area's depths up to its cap: its own, else the profile's."""
        area = self.area(area_name)
        return list(area.tiers) if area is not None and area.tiers else self.tiers

    def cap(self, area: Area) -> int:
        """An area's cap: the smaller of its max_depth_mm and the home limit."""
        return min(area.max_depth, self.home)

    def longest_rest_up_to(self, cap: int, tiers: list[tuple[int, int]] | None = None) -> int:
        """R: the longest rest of any depth up to `cap` by `tiers` (the profile's unless
        given: an area's R is by its own table, plan rule 1). Tier i rules the depths
        (previous up_to, up_to], so it counts when the previous bound lies below the cap.
        Tiers may give fewer days to deeper needles; R is then not rest(cap)."""
        tiers = self.tiers if tiers is None else tiers
        longest, previous = 0, 0
        for up_to, seconds in tiers:
            if previous >= cap:
                break
            longest = max(longest, seconds)
            previous = up_to
        if previous < cap:  # a cap past every tier (not in a valid profile)
            longest = max(longest, max(s for _, s in tiers))
        return longest

    def longest_rest_of(self, area: Area) -> int:
        """R of an area: the longest rest up to its cap by its own table."""
        return self.longest_rest_up_to(self.cap(area), self.table(area.name))


def _rest_by(tiers: list[tuple[int, int]], depth: int) -> int:
    for up_to, seconds in tiers:
        if depth <= up_to:
            return seconds
    return max(seconds for _, seconds in tiers)


def _seconds(value: float | int, unit: int) -> int:
    """A profile's count of days or hours (TOML may give a float) as whole seconds."""
    return int((Decimal(repr(value)) * unit).to_integral_value())


def _tiers(rest: list) -> list[tuple[int, int]]:
    return [(depth_from_toml(t["up_to_mm"]), _seconds(t["days"], SECONDS_PER_DAY)) for t in rest]


def load_profile(path: str | Path | None, base_path: str | Path = DEFAULT_PROFILE) -> Profile:
    """The profile roller reads: a file's keys over the shipped default (`base_path`),
    where a file that defines [areas.*] or [[rest]] replaces all of them."""
    with open(base_path, "rb") as f:
        base = tomllib.load(f)
    data = {}
    if path is not None:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    home = depth_from_toml(data.get("home_max_depth_mm", base["home_max_depth_mm"]))
    rest = data.get("rest", base["rest"])
    areas = data.get("areas", base["areas"])
    profile = Profile(
        home=home, tiers=_tiers(rest),
        areas=[Area(name, depth_from_toml(spec["max_depth_mm"]), tuple(spec.get("covers", ())),
                    tuple(_tiers(spec.get("rest", []))))
               for name, spec in areas.items()])  # tomllib keeps the file's order
    profile.overlaps = _overlaps(profile.areas)
    # Products and hold presets (plan "Merging"): a profile that defines [products] or
    # [holds] defines all of them. The built-in products, under a profile's own areas,
    # keep only the areas it has, and one left with none is dropped.
    names = [a.name for a in profile.areas]
    for name, spec in data.get("products", base.get("products", {})).items():
        listed = spec.get("areas")
        if listed is not None and "products" not in data:
            listed = [a for a in listed if a in names]
            if not listed:
                continue
        profile.products[name] = Product(
            name, _seconds(spec.get("stop_before_days", 0), SECONDS_PER_DAY),
            _seconds(spec.get("avoid_after_hours", 0), 3600),
            None if listed is None else tuple(listed))
    for name, spec in data.get("holds", base.get("holds", {})).items():
        profile.presets[name] = _seconds(spec["days"], SECONDS_PER_DAY)
    healing = {**base.get("healing", {}), **data.get("healing", {})}
    profile.redness = _seconds(healing.get("redness_hours", 48), 3600)
    return profile


def _overlaps(areas: list[Area]) -> dict[str, frozenset[str]]:
    """Each area with itself, the areas it covers and the areas that cover it, transitively
    (design "Overlaps": containment, not kinship: two areas under one parent do not
    overlap)."""
    covers = {a.name: set(a.covers) for a in areas}
    contains: dict[str, set[str]] = {}
    for a in covers:
        seen, stack = set(), list(covers[a])
        while stack:
            b = stack.pop()
            if b not in seen:
                seen.add(b)
                stack.extend(covers.get(b, ()))
        contains[a] = seen
    return {a: frozenset({a} | contains[a] | {b for b in covers if a in contains[b]})
            for a in covers}


# --- Records --------------------------------------------------------------------------


@dataclass
class Record:
    """One record of a log. `line` is its line number in the file (file order is write
    order); `key` is the driver's name for it, stable across replays."""
    at: int
    kind: str
    fields: dict[str, str]
    line: int = 0
    key: str = ""

    @property
    def id(self) -> str:
        return self.fields.get("id", "")

    @property
    def order(self) -> tuple[int, int]:
        """Time order; records at the same instant keep file order."""
        return (self.at, self.line)

    @property
    def depth(self) -> int:
        return parse_depth(self.fields["depth"]) or 0

    @property
    def area(self) -> str:
        return self.fields.get("area", "")

    @property
    def forced(self) -> bool:
        return self.fields.get("forced") == "true"

    @property
    def until(self) -> int:
        return parse_rfc3339(self.fields["until"])

    @property
    def use_areas(self) -> list[str]:
        """The areas a `use` record lists (written out, comma-separated)."""
        return [a for a in self.fields.get("areas", "").split(",") if a]

    @property
    def redness(self) -> int:
        return int(self.fields.get("redness", "0"))

    @property
    def severe(self) -> bool:
        return self.fields.get("severe") == "true"

    @property
    def sitting(self) -> str:
        """The id of the first session of the sitting a session belongs to, or ""."""
        return self.fields.get("sitting", "")


_FIELD = re.compile(r'([A-Za-z0-9_]+)=("(?:[^"\\]|\\.)*"|[^ "=#]*)')


def _unescape(m: re.Match) -> str:
    return {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1))


def parse_log(text: str) -> list[Record]:
    """The records of a log's text (SPEC "The log format"), each with its line number."""
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        stamp, kind, rest = (line.split(" ", 2) + ["", ""])[:3]
        fields = {}
        for m in _FIELD.finditer(rest):
            value = m.group(2)
            if value.startswith('"'):
                value = re.sub(r"\\(.)", _unescape, value[1:-1])
            fields[m.group(1)] = value
        records.append(Record(parse_rfc3339(stamp), kind, fields, line=number))
    return records


# --- The judge ------------------------------------------------------------------------


@dataclass
class AreaState:
    """What `next` says of one area at an instant. `window` is the before-window in
    force that ends last, as (product, use id, until); `after` the after-windows in
    force, as (product, until): what `use PRODUCT --area A` would be warned of."""
    ready: bool
    due: int | None
    rested_by: Record | None
    held: bool
    window: tuple[str, str, int] | None = None
    after: frozenset = frozenset()
    windows_ending_last: int = 0  # how many windows in force end at window's until


@dataclass
class Block:
    """An interval in which an area may not be rolled: (start, end) open for a session's
    rest, [start, end) for a hold or a product's before-window."""
    start: int
    end: int
    session: Record | None  # None for a hold or a window

    def holds(self, t: int) -> bool:
        if self.session is None:
            return self.start <= t < self.end
        return self.start < t < self.end


class History:
    """The records of one log, in file order, and every answer the judge gives over them."""

    def __init__(self, profile: Profile, records: list[Record] | None = None):
        self.profile = profile
        self.records: list[Record] = list(records or [])

    # Which records count (design "Which records count").

    def counted(self) -> list[Record]:
        """The records that count: a record is counted unless a counted void targets it.
        Voids in a cycle (only a hand edit makes one) are not counted. A void of a void
        therefore restores the first void's target."""
        voiders: dict[str, list[Record]] = {}
        for r in self.records:
            if r.kind == "void":
                voiders.setdefault(r.fields.get("target", ""), []).append(r)
        in_cycle = self.void_cycles()
        verdict: dict[int, bool] = {}

        def is_counted(r: Record) -> bool:
            # A record's voiders are never in a cycle unless it is (each void has one
            # target), so this recursion always ends.
            if id(r) in verdict:
                return verdict[id(r)]
            if id(r) in in_cycle:
                result = False
            else:
                result = not any(is_counted(v) for v in voiders.get(r.id, ()) if v is not r)
            verdict[id(r)] = result
            return result

        # Undo after undo builds long chains of voids, each newer than its target: settle
        # the newest first, so the recursion stays shallow.
        for r in reversed(self.records):
            is_counted(r)
        return [r for r in self.records if verdict[id(r)]]

    def void_cycles(self) -> set[int]:
        """The voids (as Python ids of their records) on a cycle of voids that target
        each other."""
        first_by_id = {}
        for r in self.records:
            first_by_id.setdefault(r.id, r)
        cycle: set[int] = set()
        for start in self.records:
            if start.kind != "void":
                continue
            path, r = [], start
            while r is not None and r.kind == "void" and id(r) not in {id(p) for p in path}:
                path.append(r)
                r = first_by_id.get(r.fields.get("target", ""))
            if r is start:
                cycle.update(id(p) for p in path)
        return cycle

    def counted_sessions(self) -> list[Record]:
        """Counted sessions on areas of the profile, in time order. Sessions on areas the
        profile does not define cannot be judged and rest nothing."""
        return sorted((r for r in self.counted()
                       if r.kind == "session" and self.profile.area(r.area) is not None),
                      key=lambda r: r.order)

    # Holds (design "Holds").

    def hold_blocks(self, counted: list[Record] | None = None) -> list[Block]:
        """A counted hold at h with until u is in force on [h, e): e is u or the first
        counted release after it in (time, file) order, whichever is first. A counted
        severe reaction is a hold until cleared (SPEC "Reactions"): u is OPEN_END, and only a
        release written after it ends it."""
        counted = self.counted() if counted is None else counted
        releases = sorted((r for r in counted if r.kind == "release"), key=lambda r: r.order)
        blocks = []
        for h in counted:
            if h.kind == "hold":
                end = h.until
            elif h.kind == "reaction" and h.severe:
                end = OPEN_END
            else:
                continue
            # A severe reaction backdated past a release was not seen by it: only a release
            # written after it clears it.
            later = [r for r in releases if r.order > h.order
                     and (h.kind != "reaction" or r.line > h.line)]
            if later:
                end = min(end, later[0].at)
            if end > h.at:
                blocks.append(Block(h.at, end, None))
        return blocks

    def held_at(self, t: int) -> bool:
        return any(b.holds(t) for b in self.hold_blocks())

    # Products' windows (plan, rules 2 and 3).

    def windows(self, counted: list[Record] | None = None) -> list[tuple[Record, str, int]]:
        """The before-windows: (use, area, end) for every area a counted use of a product
        the profile defines lists, in force on [use.at, end). A use of a product the
        profile does not define has none; a stop of 0 days makes none."""
        counted = self.counted() if counted is None else counted
        found = []
        for u in counted:
            product = self.profile.products.get(u.fields.get("product", "")) \
                if u.kind == "use" else None
            if product is None or product.stop_before <= 0:
                continue
            for area in u.use_areas:
                if self.profile.area(area) is not None:
                    found.append((u, area, u.at + product.stop_before))
        return found

    def reaction_blocks(self, area_name: str, counted: list[Record] | None = None) -> list[Block]:
        """Skin still red (SPEC "Reactions"): a counted reaction of redness 2 or more at r on
        an area of the profile keeps every area overlapping it from being rolled on
        [r, r + redness_hours)."""
        counted = self.counted() if counted is None else counted
        return [Block(r.at, r.at + self.profile.redness, None) for r in counted
                if r.kind == "reaction" and r.redness >= RESTING_REDNESS
                and self.profile.area(r.area) is not None
                and r.area in self.profile.overlaps[area_name]]

    def window_blocks(self, area_name: str, windows=None) -> list[tuple[Block, Record]]:
        """The before-windows that keep `area_name` from being rolled: those of uses on an
        area that overlaps it."""
        windows = self.windows() if windows is None else windows
        return [(Block(u.at, end, None), u) for u, area, end in windows
                if area in self.profile.overlaps[area_name]]

    def after_windows(self, area_name: str, t: int) -> set[tuple[str, int]]:
        """What a use of each product on `area_name` at `t` falls inside (plan, rule 3):
        (product, end) for every product that applies to the area, after a counted
        session on an area that overlaps it at s with s <= t < s + avoid_after; the latest
        end per product."""
        p = self.profile
        if p.area(area_name) is None:
            return set()
        sessions = [s for s in self.counted_sessions() if s.area in p.overlaps[area_name]]
        found = set()
        for product in p.products.values():
            if not product.applies_to(area_name) or product.avoid_after <= 0:
                continue
            ends = [s.at + product.avoid_after for s in sessions
                    if s.at <= t < s.at + product.avoid_after]
            if ends:
                found.add((product.name, max(ends)))
        return found

    # A candidate session (design "A candidate session").

    def candidate(self, area: str, depth: int, t: int, also: list[Record] = ()) -> str | None:
        """The first rule a session on `area` of `depth` at `t` breaks, or None. `also`:
        the sessions of the same sitting before it (plan, rule 4)."""
        counted = self.counted()
        return self._judge(area, depth, t, self.counted_sessions() + list(also),
                           self.hold_blocks(counted), self.windows(counted), later=True,
                           counted=counted)

    def _judge(self, area_name: str, depth: int, t: int, sessions: list[Record],
               holds: list[Block], windows: list, later: bool,
               counted: list[Record] | None = None) -> str | None:
        p = self.profile
        area = p.area(area_name)
        if depth > p.home:
            return HOME_LIMIT
        if depth > area.max_depth:
            return AREA_CAP
        if any(b.holds(t) for b in holds):
            return HOLD
        if any(b.holds(t) for b, _ in self.window_blocks(area_name, windows)):
            return PRODUCT_WINDOW
        if any(b.holds(t) for b in self.reaction_blocks(area_name, counted)):
            return REACTION
        near = [s for s in sessions if s.area in p.overlaps[area_name]]
        if any(s.at <= t < s.at + p.rest_of(s.area, s.depth) for s in near):
            return TOO_SOON
        if later and any(t < s.at < t + p.rest_of(area_name, depth) for s in near):
            return TOO_CLOSE
        return None

    # An area at an instant (design "An area at an instant T").

    def area_state(self, area_name: str, t: int) -> AreaState:
        p = self.profile
        counted = self.counted()
        area = p.area(area_name)
        longest = p.longest_rest_of(area)
        sessions = [s for s in self.counted_sessions() if s.area in p.overlaps[area_name]]
        holds = self.hold_blocks(counted)
        windows = self.window_blocks(area_name, self.windows(counted))
        blocks = [Block(s.at - longest, s.at + p.rest_of(s.area, s.depth), s)
                  for s in sessions] + holds + [b for b, _ in windows] + \
            self.reaction_blocks(area_name, counted)
        held = any(b.holds(t) for b in holds)
        # The before-window in force that ends last (next --json "window").
        in_force = [(b.end, u) for b, u in windows if b.holds(t)]
        window, tied = None, 0
        if in_force:
            end = max(e for e, _ in in_force)
            last = [u for e, u in in_force if e == end]
            window, tied = (last[0].fields["product"], last[0].id, end), len(last)
        after = frozenset(self.after_windows(area_name, t))
        if not any(b.holds(t) for b in blocks):
            ends = [s.at + p.rest_of(s.area, s.depth) for s in sessions if s.at <= t]
            return AreaState(True, max(ends) if ends else None, None, held, window, after, tied)
        # The first instant from t on that no block holds: walk from block end to block
        # end; an end is itself free unless another block holds it.
        due = t
        while True:
            holding = [b for b in blocks if b.holds(due)]
            if not holding:
                break
            due = max(b.end for b in holding)
        # The sessions whose blocks the wait from t to due passes through; the one whose
        # rest ends last, the first in time order on a tie.
        passed = [b for b in blocks
                  if b.session is not None and max(b.start, t) < min(b.end, due)]
        rested_by = None
        if passed:
            rested_by = min(passed, key=lambda b: (-b.end, b.session.order)).session
        return AreaState(False, due, rested_by, held, window, after, tied)

    # A recorded session's verdict (design "A recorded session's verdict").

    def verdicts(self) -> dict[str, str | None]:
        """Each counted session's verdict, by id, replayed in time order: judged as a
        candidate against the counted sessions before it (time, then file order) and the
        holds in force at its instant, without --force."""
        sessions = self.counted_sessions()
        counted = self.counted()
        holds = self.hold_blocks(counted)
        windows = self.windows(counted)
        # A forced session's --force covers the pairs it made with sessions already in the
        # log: its rest does not count against a session written before it (design, "The
        # judge": a forced backfill does not put the blame on the session it crowds).
        written = {id(r): k for k, r in enumerate(self.records)}
        p = self.profile
        verdicts = {s.id: self._judge(s.area, s.depth, s.at,
                                      [e for e in sessions[:i]
                                       if not (e.forced and written[id(e)] > written[id(s)])],
                                      holds, windows, later=False, counted=counted)
                    for i, s in enumerate(sessions)}
        # ...and the pair's broken rule is the forced one's: its own rest reached a session
        # that was in the log before it.
        for i, s in enumerate(sessions):
            if p.area(s.area) is None:
                continue
            for e in sessions[:i]:
                if (e.forced and written[id(e)] > written[id(s)]
                        and e.area in p.overlaps[s.area]
                        and e.at <= s.at < e.at + p.rest_of(e.area, e.depth)
                        and verdicts[e.id] is None):
                    verdicts[e.id] = TOO_CLOSE
        return verdicts

    def rule_findings(self) -> set[tuple[str, str]]:
        """What `check` reports as broken rules: (id, rule) for every counted session whose
        verdict is not "allowed" unless it is forced, and every forced session deeper than
        the home limit."""
        found = set()
        by_id = {s.id: s for s in self.counted_sessions()}
        for sid, rule in self.verdicts().items():
            if rule is not None and (not by_id[sid].forced or rule == HOME_LIMIT):
                found.add((sid, rule))
        return found

    def other_problems(self) -> set[tuple[str, str]]:
        """The problems `check` reports besides broken rules, as (kind, id): counted
        sessions on areas the profile does not define, counted voids of ids that no record
        has, voids on a cycle, duplicate ids."""
        found = set()
        ids = [r.id for r in self.records]
        counted = self.counted()
        for r in counted:
            if r.kind == "session" and self.profile.area(r.area) is None:
                found.add(("unknown_area", r.id))
            if r.kind == "void" and r.fields.get("target") not in ids:
                found.add(("unknown_void", r.id))
            # A use of a product, or on an area, the profile does not define opens no
            # window there; check names it, as it names a session on such an area.
            if r.kind == "use" and (r.fields.get("product") not in self.profile.products or any(
                    self.profile.area(a) is None for a in r.use_areas)):
                found.add(("unknown_use", r.id))
        cycles = self.void_cycles()
        found |= {("void_cycle", r.id) for r in self.records if id(r) in cycles}
        found |= {("duplicate_id", i) for i in ids if ids.count(i) > 1}
        # The profile's own warnings are problems too (SPEC "check"): a home limit past the
        # 1.5 mm the guidance gives, and a deeper tier resting less than a shallower one.
        if self.profile.home > 1500:
            found.add(("profile", "home_max_depth_mm"))
        for (_, shallower), (up_to, deeper) in zip(self.profile.tiers, self.profile.tiers[1:]):
            if deeper < shallower:
                found.add(("profile", f"rest up to {up_to}"))
        # A product with neither window guards nothing: its uses are recorded, to no end.
        for product in self.profile.products.values():
            if product.stop_before == 0 and product.avoid_after == 0:
                found.add(("profile", f"product {product.name}"))
        return found

    def stats_rested(self, now: int) -> dict[str, int]:
        """`stats`' "rested" count per area of the profile: the area's own counted
        sessions, whatever their time, whose verdict is "allowed" (design "The judge":
        every counted record counts, whatever its time relative to --now)."""
        verdicts = self.verdicts()
        counts = {a.name: 0 for a in self.profile.areas}
        for s in self.counted_sessions():
            if verdicts[s.id] is None:
                counts[s.area] += 1
        return counts

    # Commands: what each would append, or the error it would stop with.

    def log(self, area: str, depth_text: str, at_text: str | None, force: bool, now: int,
            tz: str) -> Record:
        """`log --area A --depth D [--at T] [--force]`: the session it appends, or
        UsageError / Refused."""
        return self.log_sitting([(area, None)], depth_text, at_text, force, now, tz)[0]

    def log_sitting(self, areas: list[tuple[str, str | None]], depth_text: str | None,
                    at_text: str | None, force: bool, now: int, tz: str) -> list[Record]:
        """`log AREA[=MM]... [--area A]... [--depth MM] [--at T] [--force]` (SPEC
        "Sittings", plan rule 4): one session per area at one instant, in the command's
        order, each judged against the log and the sitting's areas before it; all or
        nothing. `areas` is (name, its =MM or None). The sessions of a sitting of two or
        more areas carry sitting=SITTING, which stands for the id of the first one."""
        if not areas:
            raise UsageError("no area")
        names = [name for name, _ in areas]
        if len(set(names)) != len(names):
            raise UsageError("an area named twice")
        for name in names:
            if self.profile.area(name) is None:
                raise UsageError(f"unknown area {name}")
        if depth_text is not None and parse_depth(depth_text) is None:
            raise UsageError(f"bad depth {depth_text}")
        depths = []
        for name, own in areas:
            text = own if own is not None else depth_text
            if text is None:
                raise UsageError(f"no depth for {name}")
            depth = parse_depth(text)
            if depth is None:
                raise UsageError(f"bad depth {text}")
            depths.append(depth)
        at = now
        if at_text is not None:
            at = parse_time(at_text, now, tz)
            if at > now + ALLOWED_FUTURE_SECONDS:
                raise UsageError("--at is in the future")
        sessions, refusals = [], []
        for name, depth in zip(names, depths):
            rule = self.candidate(name, depth, at, also=sessions)
            if rule == HOME_LIMIT or (rule is not None and not force):
                refusals.append(rule)
            fields = {"area": name, "depth": format_depth(depth)}
            if rule is not None:
                fields["forced"] = "true"
            sessions.append(Record(at, "session", fields, line=len(self.records) + 1 + len(sessions)))
        if refusals:
            raise Refused(refusals[0])
        if len(sessions) > 1:
            for r in sessions:
                r.fields["sitting"] = SITTING
        return sessions

    def use(self, product: str, areas: list[str], at_text: str | None, now: int,
            tz: str) -> Record:
        """`use NAME [--area A]... [--at T]` (plan, rules 2 and 3): a use record listing
        its areas (the product's, else every area of the profile, when none is named).
        A use inside an after-window is recorded all the same (see after_windows)."""
        found = self.profile.products.get(product)
        if found is None:
            raise UsageError(f"unknown product {product}")
        for area in areas:
            if self.profile.area(area) is None or not found.applies_to(area):
                raise UsageError(f"{product} does not apply to {area}")
        if len(set(areas)) != len(areas):
            raise UsageError("an area named twice")
        at = now
        if at_text is not None:
            at = parse_time(at_text, now, tz)
            if at > now + ALLOWED_FUTURE_SECONDS:
                raise UsageError("--at is in the future")
        listed = areas or [a.name for a in self.profile.areas if found.applies_to(a.name)]
        return Record(at, "use", {"product": product, "areas": ",".join(listed)})

    def use_warned(self, record: Record) -> bool:
        """Whether a use falls inside an after-window on any of its areas."""
        return any(name == record.fields["product"] for area in record.use_areas
                   for name, _ in self.after_windows(area, record.at))

    def hold_preset(self, name: str, from_text: str | None, now: int, tz: str) -> Record:
        """`hold --preset NAME [--from T]` (plan, rule 5): a hold at now until from + the
        preset's days; from defaults to now and may lie in the past; an end not after now
        is a usage error."""
        days = self.profile.presets.get(name)
        if days is None:
            raise UsageError(f"unknown preset {name}")
        start = now if from_text is None else parse_time(from_text, now, tz)
        until = start + days
        if until <= now:
            raise UsageError("the preset's hold has ended already")
        return Record(now, "hold", {"until": format_rfc3339(until, "UTC"), "preset": name})

    def react(self, area: str, redness: int | None, severe: bool, at_text: str | None,
              now: int, tz: str) -> Record:
        """`react --area A [--redness R] [--severe] [--at T]`: a reaction record; never
        refused. A severe one with no redness is taken as redness 3."""
        if self.profile.area(area) is None:
            raise UsageError(f"unknown area {area}")
        if redness is None:
            if not severe:
                raise UsageError("--redness is required")
            redness = 3
        if not 0 <= redness <= 3:
            raise UsageError("redness out of range")
        at = now
        if at_text is not None:
            at = parse_time(at_text, now, tz)
            if at > now + ALLOWED_FUTURE_SECONDS:
                raise UsageError("--at is in the future")
        fields = {"area": area, "redness": str(redness)}
        if severe:
            fields["severe"] = "true"
        return Record(at, "reaction", fields)

    def hold(self, until_text: str, now: int, tz: str) -> Record:
        until = parse_time(until_text, now, tz)
        if until <= now:
            raise UsageError("a hold must end in the future")
        return Record(now, "hold", {"until": format_rfc3339(until, "UTC")})

    def release(self, now: int) -> Record:
        """`hold --clear`: a release at now, which ends every hold in force; a usage error
        when none is."""
        if not self.held_at(now):
            raise UsageError("no hold is in force")
        return Record(now, "release", {})

    def undo(self, now: int) -> list[Record]:
        """`undo`: a void of the newest counted record in write order, of any kind. A
        sitting is one change (plan, rule 6; design "Routines"): when the newest counted
        record is a session of a sitting, every counted session of it is voided; when it is
        a void that leads (through voids) to one, every counted record that leads to a
        session of that sitting through as many voids, so that undoing the undo of a
        sitting restores it all. One void each, in file order."""
        counted = self.counted()
        if not counted:
            raise UsageError("nothing to undo")
        newest = counted[-1]
        sitting, depth = self._leads_to(newest)
        if sitting:
            return [Record(now, "void", {"target": r.id}) for r in counted
                    if self._leads_to(r) == (sitting, depth)]
        return [Record(now, "void", {"target": newest.id})]

    def _leads_to(self, record: Record) -> tuple[str, int]:
        """(sitting, n): the sitting of the session that `record` reaches by following n
        void targets, or ("", 0) when it reaches no session of a sitting."""
        by_id: dict[str, Record] = {}
        for r in self.records:
            by_id.setdefault(r.id, r)
        seen, r, n = set(), record, 0
        while r is not None and r.kind == "void" and id(r) not in seen:
            seen.add(id(r))
            r, n = by_id.get(r.fields.get("target", "")), n + 1
        if r is not None and r.kind == "session" and r.sitting:
            return r.sitting, n
        return "", 0

    def void(self, prefix: str, now: int) -> Record:
        """`void ID`: hides any counted record, a void included; a record that is already
        voided, an unknown id or an ambiguous prefix is a usage error."""
        prefix = prefix.lower()
        if not re.fullmatch(r"[0-9a-f]{4,16}", prefix):
            raise UsageError("not an id")
        found = {r.id for r in self.records if r.id.startswith(prefix)}
        if len(found) != 1:
            raise UsageError("no record or several")
        target = found.pop()
        if target not in {r.id for r in self.counted()}:
            raise UsageError("voided already")
        return Record(now, "void", {"target": target})
