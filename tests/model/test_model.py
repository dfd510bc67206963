"""Worked examples that anchor the model: the examples of tests/cli/cases and of
docs/design.md, computed by hand. A model that drifted from them would check roller
against the wrong rules, so run.py runs these before any sequence.

Run alone: python3 -m unittest tests/model/test_model.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as m  # noqa: E402

TZ = "Europe/Berlin"


def t(text: str) -> int:
    return m.parse_rfc3339(text)


def profile(text: str | None) -> m.Profile:
    if text is None:
        return m.load_profile(None)
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(text)
    try:
        return m.load_profile(f.name)
    finally:
        os.remove(f.name)


def history(p: m.Profile, log: str) -> m.History:
    return m.History(p, m.parse_log(log))


# Two areas, one covering the other; 0.25 mm rests 2 days, up to 1.0 mm 10 days.
SMALL = """
home_max_depth_mm = 1.0
[[rest]]
up_to_mm = 0.25
days = 2
[[rest]]
up_to_mm = 1.0
days = 10
[areas.face]
max_depth_mm = 0.25
covers = ["cheeks"]
[areas.cheeks]
max_depth_mm = 1.0
[areas.neck]
max_depth_mm = 1.0
"""


class TheCliCases(unittest.TestCase):
    def test_next_resting_ready_and_never_rolled(self):
        # tests/cli/cases/next.toml: resting_ready_and_never_rolled_areas
        h = history(profile(None), """# roller log v1
2026-11-24T21:30:00+01:00 session id=1111111111111111 area=forehead depth=0.5 roller=default
2026-11-02T20:00:00+01:00 session id=2222222222222222 area=nose depth=0.5 roller=default
2026-11-01T21:00:00+01:00 session id=3333333333333333 area=cheeks depth=1.0 roller=default
2026-11-05T21:00:00+01:00 session id=4444444444444444 area=cheeks depth=0.25 roller=default forced=true
2026-11-25T21:00:00+01:00 session id=5555555555555555 area=under-eye depth=0.25 roller=default
""")
        now = t("2026-11-25T21:30:00+01:00")
        face = h.area_state("face", now)
        self.assertEqual((face.ready, face.due, face.rested_by.id),
                         (False, t("2026-12-01T21:30:00+01:00"), "1111111111111111"))
        under_eye = h.area_state("under-eye", now)
        self.assertEqual(under_eye.due, t("2026-11-27T21:00:00+01:00"))
        cheeks = h.area_state("cheeks", now)
        self.assertEqual((cheeks.due, cheeks.rested_by.id),
                         (t("2026-11-29T21:00:00+01:00"), "3333333333333333"))
        nose = h.area_state("nose", now)
        self.assertEqual((nose.ready, nose.due, nose.rested_by),
                         (True, t("2026-11-09T20:00:00+01:00"), None))
        chin = h.area_state("chin", now)
        self.assertEqual((chin.ready, chin.due), (True, None))

    def test_stats_rested(self):
        # tests/cli/cases/stats.toml: stats_per_area_per_roller_and_per_month
        h = history(profile(None), """# roller log v1
2026-09-07T21:00:00+02:00 session id=1000000000000001 area=forehead depth=0.5 roller=r050
2026-09-21T21:00:00+02:00 session id=1000000000000003 area=forehead depth=0.5 roller=r050
2026-09-21T21:10:00+02:00 session id=1000000000000004 area=cheeks depth=0.5 roller=r050
2026-09-24T21:00:00+02:00 session id=1000000000000006 area=cheeks depth=0.5 roller=r050 forced=true
2026-10-01T20:00:00+02:00 session id=1000000000000007 area=face depth=0.25 roller=r025
2026-10-02T20:00:00+02:00 session id=1000000000000009 area=forehead depth=0.25 roller=r025 forced=true
2026-10-20T20:00:00+02:00 session id=100000000000000a area=forehead depth=0.5 roller=r050
2026-10-20T20:05:00+02:00 void id=100000000000000b target=100000000000000a
2026-11-02T20:00:00+01:00 session id=100000000000000d area=old-area depth=0.5 roller=r050
2026-11-02T20:10:00+01:00 session id=100000000000000e area=forehead depth=0.5 roller=loaner
2026-11-24T20:00:00+01:00 session id=100000000000000f area=cheeks depth=0.5 roller=r050
2026-11-30T20:00:00+01:00 session id=1000000000000010 area=cheeks depth=0.5 roller=r050
""")
        rested = h.stats_rested(t("2026-11-25T21:30:00+01:00"))
        self.assertEqual((rested["face"], rested["forehead"], rested["cheeks"]), (0, 3, 2))
        self.assertEqual(h.other_problems(), {("unknown_area", "100000000000000d")})

    def test_backfill_too_close_before_a_later_session(self):
        # tests/cli/cases/log.toml: backfill_inside_the_rest_before_a_later_session_is_refused
        h = history(profile(None),
                    "2026-11-20T21:00:00+01:00 session id=1111111111111111 area=forehead depth=0.5\n")
        now = t("2026-11-25T21:30:00+01:00")
        with self.assertRaises(m.Refused) as refused:
            h.log("forehead", "0.5", "2026-11-16 21:00", False, now, TZ)
        self.assertEqual(refused.exception.rule, m.TOO_CLOSE)
        self.assertIsNone(h.candidate("forehead", 500, t("2026-11-13T21:00:00+01:00")))

    def test_times(self):
        now = t("2026-11-25T21:30:00+01:00")
        with self.assertRaises(m.UsageError):  # skipped by the clock change
            m.parse_time("2026-03-29 02:30", now, TZ)
        self.assertEqual(m.parse_time("2026-10-25 02:30", now, TZ),
                         t("2026-10-25T02:30:00+02:00"))  # repeated: the first
        self.assertEqual(m.parse_time("yesterday", now, TZ), t("2026-11-24T00:00:00+01:00"))
        with self.assertRaises(m.UsageError):
            history(profile(None), "").log("neck", "0.5", "2026-11-25 21:32", False, now, TZ)


class TheDesign(unittest.TestCase):
    def test_void_of_a_void_restores_and_undo_twice_is_a_redo(self):
        h = history(profile(SMALL), """
2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=neck depth=1.0
""")
        now = t("2026-01-02T10:00:00+01:00")
        first, = h.undo(now)
        first.fields["id"], first.line = "bbbbbbbbbbbbbbbb", 3
        h.records.append(first)
        self.assertEqual([r.id for r in h.counted()], ["bbbbbbbbbbbbbbbb"])
        self.assertTrue(h.area_state("neck", now).ready)
        second, = h.undo(now)
        self.assertEqual(second.fields["target"], "bbbbbbbbbbbbbbbb")
        second.fields["id"], second.line = "cccccccccccccccc", 4
        h.records.append(second)
        self.assertFalse(h.area_state("neck", now).ready)
        with self.assertRaises(m.UsageError):
            h.void("bbbbbbbbbbbbbbbb", now)  # voided already

    def test_a_void_cycle_counts_for_nothing(self):
        h = history(profile(SMALL), """
2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=neck depth=1.0
2026-01-01T11:00:00+01:00 void id=bbbbbbbbbbbbbbbb target=cccccccccccccccc
2026-01-01T11:00:00+01:00 void id=cccccccccccccccc target=bbbbbbbbbbbbbbbb
2026-01-01T12:00:00+01:00 void id=dddddddddddddddd target=eeeeeeeeeeeeeeee
""")
        self.assertEqual([r.id for r in h.counted()], ["aaaaaaaaaaaaaaaa", "dddddddddddddddd"])
        self.assertEqual(h.other_problems(), {
            ("void_cycle", "bbbbbbbbbbbbbbbb"), ("void_cycle", "cccccccccccccccc"),
            ("unknown_void", "dddddddddddddddd")})

    def test_holds_combine_and_a_release_ends_them_all(self):
        h = history(profile(SMALL), """
2026-01-01T10:00:00+01:00 hold id=aaaaaaaaaaaaaaaa until=2026-01-20T00:00:00+01:00 reason=a
2026-01-02T10:00:00+01:00 hold id=bbbbbbbbbbbbbbbb until=2026-01-05T00:00:00+01:00 reason=b
""")
        state = h.area_state("neck", t("2026-01-06T00:00:00+01:00"))
        self.assertEqual((state.held, state.due), (True, t("2026-01-20T00:00:00+01:00")))
        h.records.append(m.Record(t("2026-01-07T00:00:00+01:00"), "release",
                                  {"id": "cccccccccccccccc"}, line=9))
        self.assertFalse(h.held_at(t("2026-01-07T00:00:00+01:00")))
        self.assertTrue(h.held_at(t("2026-01-06T23:59:59+01:00")))

    def test_overlaps_are_containment_and_rest_is_by_the_sessions_own_depth(self):
        p = profile(SMALL)
        self.assertEqual(p.overlaps["face"], {"face", "cheeks"})
        self.assertEqual(p.overlaps["neck"], {"neck"})
        h = history(p, "2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=face depth=0.25\n")
        # The face's 0.25 mm session rests the cheeks 2 days.
        self.assertEqual(h.area_state("cheeks", t("2026-01-02T10:00:00+01:00")).due,
                         t("2026-01-03T10:00:00+01:00"))

    def test_a_later_session_keeps_an_area_resting_before_it(self):
        # The cheeks' cap is 1.0 mm: R is 10 days, so from 10 days before a later session
        # the cheeks wait until its rest ends. The face, capped at 0.25 mm, has R of 2 days.
        h = history(profile(SMALL),
                    "2026-01-20T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=cheeks depth=0.25\n")
        state = h.area_state("cheeks", t("2026-01-10T10:00:01+01:00"))
        self.assertEqual((state.ready, state.due, state.rested_by.id),
                         (False, t("2026-01-22T10:00:00+01:00"), "aaaaaaaaaaaaaaaa"))
        self.assertTrue(h.area_state("cheeks", t("2026-01-10T10:00:00+01:00")).ready)
        self.assertTrue(h.area_state("face", t("2026-01-18T10:00:00+01:00")).ready)
        self.assertFalse(h.area_state("face", t("2026-01-18T10:00:01+01:00")).ready)

    def test_due_is_the_first_free_instant_even_where_two_rests_touch(self):
        # One rest ends exactly where the window before a later session opens: that instant
        # is free (log --at it would pass), so it is the due instant.
        h = history(profile(SMALL), """
2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=neck depth=1.0
2026-01-21T10:00:00+01:00 session id=bbbbbbbbbbbbbbbb area=neck depth=1.0
""")
        state = h.area_state("neck", t("2026-01-05T00:00:00+01:00"))
        self.assertEqual((state.due, state.rested_by.id),
                         (t("2026-01-11T10:00:00+01:00"), "aaaaaaaaaaaaaaaa"))
        self.assertIsNone(h.candidate("neck", 1000, t("2026-01-11T10:00:00+01:00")))

    def test_longest_rest_up_to_the_cap_when_deeper_needles_rest_less(self):
        p = profile("""
[[rest]]
up_to_mm = 0.5
days = 10
[[rest]]
up_to_mm = 1.5
days = 3
[areas.neck]
max_depth_mm = 1.0
""")
        self.assertEqual(p.rest(1000), 3 * m.SECONDS_PER_DAY)
        self.assertEqual(p.longest_rest_up_to(1000), 10 * m.SECONDS_PER_DAY)
        self.assertEqual(p.longest_rest_up_to(500), 10 * m.SECONDS_PER_DAY)

    def test_a_recorded_sessions_verdict(self):
        # Two sessions at one instant: the later in file order is too soon. A forced one
        # is not reported unless it is deeper than the home limit.
        h = history(profile(SMALL), """
2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=cheeks depth=0.5
2026-01-01T10:00:00+01:00 session id=bbbbbbbbbbbbbbbb area=face depth=0.25
2026-01-02T10:00:00+01:00 session id=cccccccccccccccc area=neck depth=0.5 forced=true
2026-01-02T10:00:00+01:00 session id=dddddddddddddddd area=neck depth=1.2 forced=true
""")
        self.assertEqual(h.verdicts(), {"aaaaaaaaaaaaaaaa": None, "bbbbbbbbbbbbbbbb": m.TOO_SOON,
                                        "cccccccccccccccc": None,
                                        "dddddddddddddddd": m.HOME_LIMIT})
        self.assertEqual(h.rule_findings(), {("bbbbbbbbbbbbbbbb", m.TOO_SOON),
                                             ("dddddddddddddddd", m.HOME_LIMIT)})

    def test_depths_are_exact(self):
        self.assertEqual(m.parse_depth("0.26"), 260)
        self.assertEqual(m.parse_depth("0.5000"), 500)
        self.assertEqual(m.parse_depth(".5"), 500)
        self.assertIsNone(m.parse_depth("0.0004"))
        self.assertIsNone(m.parse_depth("0"))
        self.assertIsNone(m.parse_depth("nan"))


# Issue 14 (SPEC "Routines as people follow them", /tmp/w/routines-plan.md): the scalp has
# its own tiers (0.5 mm: 2 days, 1.0 mm: 7 days) under a profile that rests 1.0 mm 42 days;
# the head covers the scalp and rests by the profile's tiers.
ROUTINES = """
home_max_depth_mm = 1.5
[[rest]]
up_to_mm = 0.5
days = 7
[[rest]]
up_to_mm = 1.5
days = 42
[areas.head]
max_depth_mm = 0.5
covers = ["scalp"]
[areas.scalp]
max_depth_mm = 1.0
[[areas.scalp.rest]]
up_to_mm = 0.5
days = 2
[[areas.scalp.rest]]
up_to_mm = 1.0
days = 7
[areas.neck]
max_depth_mm = 1.0
[products.retinoid]
stop_before_days = 5
avoid_after_hours = 72
[products.minoxidil]
avoid_after_hours = 24
areas = ["scalp"]
[products.peel]
stop_before_days = 1.5
areas = ["neck"]
[holds.cold-sore]
days = 14
reason = "cold sore: two weeks after it healed"
[holds.peel]
days = 0.5
reason = "peel"
"""
DAY = m.SECONDS_PER_DAY


class AnAreasOwnRest(unittest.TestCase):
    def test_a_session_rests_by_its_own_areas_table(self):
        p = profile(ROUTINES)
        self.assertEqual(p.rest_of("scalp", 1000), 7 * DAY)
        self.assertEqual(p.rest_of("scalp", 500), 2 * DAY)
        self.assertEqual(p.rest_of("scalp", 1200), 42 * DAY)  # forced past its tiers
        self.assertEqual(p.rest_of("neck", 1000), 42 * DAY)
        self.assertEqual(p.rest_of("head", 500), 7 * DAY)
        self.assertEqual(p.longest_rest_of(p.area("scalp")), 7 * DAY)
        self.assertEqual(p.longest_rest_of(p.area("head")), 7 * DAY)

    def test_overlapping_areas_rest_by_the_sessions_own_area(self):
        h = history(profile(ROUTINES), """
2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=scalp depth=1.0
2026-01-20T10:00:00+01:00 session id=bbbbbbbbbbbbbbbb area=head depth=0.5
""")
        # The scalp's 1.0 mm: 7 days, for the head too; the head's 0.5 mm: 7 days by the
        # profile's tiers, for the scalp too.
        self.assertEqual(h.area_state("head", t("2026-01-03T10:00:00+01:00")).due,
                         t("2026-01-08T10:00:00+01:00"))
        self.assertIsNone(h.candidate("head", 250, t("2026-01-08T10:00:00+01:00")))
        self.assertEqual(h.candidate("scalp", 1000, t("2026-01-26T10:00:00+01:00")), m.TOO_SOON)
        self.assertIsNone(h.candidate("scalp", 1000, t("2026-01-27T10:00:00+01:00")))
        self.assertEqual(h.verdicts(), {"aaaaaaaaaaaaaaaa": None, "bbbbbbbbbbbbbbbb": None})

    def test_a_candidates_own_rest_before_a_later_session_is_its_areas(self):
        h = history(profile(ROUTINES),
                    "2026-01-20T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=scalp depth=0.5\n")
        # A scalp session at 0.5 mm three days before rests 2 days: it passes; the head's
        # would rest 7 days and crowd the later session.
        self.assertIsNone(h.candidate("scalp", 500, t("2026-01-17T10:00:00+01:00")))
        self.assertEqual(h.candidate("head", 500, t("2026-01-17T10:00:00+01:00")), m.TOO_CLOSE)
        # Ready uses R by each area's table: 7 days for either (scalp up to 1.0 mm, head
        # by the profile up to 0.5 mm); the later session rests both 2 days.
        for area in ("scalp", "head"):
            self.assertTrue(h.area_state(area, t("2026-01-13T10:00:00+01:00")).ready)
            state = h.area_state(area, t("2026-01-13T10:00:01+01:00"))
            self.assertEqual((state.ready, state.due, state.rested_by.id),
                             (False, t("2026-01-22T10:00:00+01:00"), "aaaaaaaaaaaaaaaa"))

    def test_a_forced_session_past_the_areas_tiers_rests_by_the_profile(self):
        h = history(profile(ROUTINES),
                    "2026-01-01T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=scalp depth=1.2 forced=true\n")
        self.assertEqual(h.area_state("scalp", t("2026-01-02T10:00:00+01:00")).due,
                         t("2026-02-12T10:00:00+01:00"))


class ProductWindows(unittest.TestCase):
    LOG = """
2026-01-01T10:00:00+01:00 use id=aaaaaaaaaaaaaaaa product=retinoid areas=head
2026-01-01T10:00:00+01:00 use id=bbbbbbbbbbbbbbbb product=peel areas=neck
"""

    def test_a_use_blocks_sessions_on_overlapping_areas_until_its_window_ends(self):
        h = history(profile(ROUTINES), self.LOG)
        # retinoid on the head: [Jan 1 10:00, Jan 6 10:00) for the head and the scalp.
        self.assertIsNone(h.candidate("scalp", 500, t("2026-01-01T09:59:59+01:00")))
        self.assertEqual(h.candidate("scalp", 500, t("2026-01-01T10:00:00+01:00")),
                         m.PRODUCT_WINDOW)
        self.assertEqual(h.candidate("scalp", 500, t("2026-01-06T09:59:59+01:00")),
                         m.PRODUCT_WINDOW)
        self.assertIsNone(h.candidate("scalp", 500, t("2026-01-06T10:00:00+01:00")))
        # peel on the neck: 1.5 days.
        self.assertEqual(h.candidate("neck", 500, t("2026-01-02T21:59:59+01:00")),
                         m.PRODUCT_WINDOW)
        self.assertIsNone(h.candidate("neck", 500, t("2026-01-02T22:00:00+01:00")))
        # After hold, before too soon; a depth rule comes first.
        self.assertEqual(h.candidate("head", 600, t("2026-01-02T10:00:00+01:00")), m.AREA_CAP)

    def test_next_waits_for_the_window_and_chains_it_with_a_hold(self):
        h = history(profile(ROUTINES), self.LOG)
        state = h.area_state("scalp", t("2026-01-03T10:00:00+01:00"))
        self.assertEqual((state.ready, state.due, state.rested_by, state.held),
                         (False, t("2026-01-06T10:00:00+01:00"), None, False))
        self.assertEqual(state.window,
                         ("retinoid", "aaaaaaaaaaaaaaaa", t("2026-01-06T10:00:00+01:00")))
        self.assertIsNone(h.area_state("scalp", t("2026-01-06T10:00:00+01:00")).window)
        # A hold written when the window ends: the two chain.
        h.records.append(m.Record(t("2026-01-06T10:00:00+01:00"), "hold",
                                  {"id": "cccccccccccccccc",
                                   "until": "2026-01-08T10:00:00+01:00"}, line=9))
        state = h.area_state("scalp", t("2026-01-03T10:00:00+01:00"))
        self.assertEqual((state.due, state.held), (t("2026-01-08T10:00:00+01:00"), False))

    def test_check_and_stats_judge_a_session_inside_a_window(self):
        h = history(profile(ROUTINES), self.LOG + """
2026-01-02T10:00:00+01:00 session id=cccccccccccccccc area=scalp depth=0.5
2026-01-02T10:00:00+01:00 session id=dddddddddddddddd area=neck depth=0.5 forced=true
2026-01-03T10:00:00+01:00 session id=eeeeeeeeeeeeeeee area=neck depth=0.5 forced=true
""")
        # The neck's forced session on Jan 2 is inside the peel's window; its rest makes
        # the Jan 3 one too soon, forced too: neither is reported, neither is rested.
        self.assertEqual(h.verdicts(), {"cccccccccccccccc": m.PRODUCT_WINDOW,
                                        "dddddddddddddddd": m.PRODUCT_WINDOW,
                                        "eeeeeeeeeeeeeeee": m.TOO_SOON})
        self.assertEqual(h.rule_findings(), {("cccccccccccccccc", m.PRODUCT_WINDOW)})
        self.assertEqual(h.stats_rested(t("2026-02-01T10:00:00+01:00")),
                         {"head": 0, "scalp": 0, "neck": 0})

    def test_a_use_written_later_still_opens_its_window_and_a_void_removes_it(self):
        h = history(profile(ROUTINES), """
2026-01-02T10:00:00+01:00 session id=cccccccccccccccc area=scalp depth=0.5
2026-01-01T10:00:00+01:00 use id=aaaaaaaaaaaaaaaa product=retinoid areas=scalp
""")
        self.assertEqual(h.rule_findings(), {("cccccccccccccccc", m.PRODUCT_WINDOW)})
        h.records += m.parse_log(
            "\n\n2026-01-03T10:00:00+01:00 void id=dddddddddddddddd target=aaaaaaaaaaaaaaaa\n")
        self.assertEqual(h.rule_findings(), set())
        self.assertIsNone(h.candidate("head", 500, t("2026-01-04T10:00:00+01:00")))

    def test_a_product_the_profile_does_not_define_has_no_window(self):
        h = history(profile(ROUTINES),
                    "2026-01-01T10:00:00+01:00 use id=aaaaaaaaaaaaaaaa product=old-cream areas=scalp\n")
        self.assertIsNone(h.candidate("scalp", 500, t("2026-01-02T10:00:00+01:00")))
        self.assertTrue(h.area_state("scalp", t("2026-01-02T10:00:00+01:00")).ready)
        self.assertIn(("unknown_use", "aaaaaaaaaaaaaaaa"), h.other_problems())
        h.records += m.parse_log("\n2026-01-02T10:00:00+01:00 void id=bbbbbbbbbbbbbbbb "
                                 "target=aaaaaaaaaaaaaaaa\n")
        self.assertNotIn(("unknown_use", "aaaaaaaaaaaaaaaa"), h.other_problems())

    def test_use_lists_its_areas_and_is_recorded_inside_an_after_window(self):
        h = history(profile(ROUTINES),
                    "2026-01-10T10:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=scalp depth=0.5\n")
        now = t("2026-01-20T10:00:00+01:00")
        inside = h.use("minoxidil", ["scalp"], "2026-01-11 09:59", now, TZ)
        self.assertEqual((inside.at, inside.fields),
                         (t("2026-01-11T09:59:00+01:00"),
                          {"product": "minoxidil", "areas": "scalp"}))
        self.assertTrue(h.use_warned(inside))
        self.assertFalse(h.use_warned(h.use("minoxidil", [], "2026-01-11 10:00", now, TZ)))
        self.assertEqual(h.use("retinoid", [], None, now, TZ).fields["areas"], "head,scalp,neck")
        for product, areas in (("minoxidil", ["neck"]), ("minoxidill", []), ("retinoid", ["lip"])):
            with self.assertRaises(m.UsageError):
                h.use(product, areas, None, now, TZ)
        with self.assertRaises(m.UsageError):
            h.use("retinoid", [], "2026-01-20 10:02", now, TZ)  # ahead of now
        # What next shows: the after-windows a use on each area would fall in.
        at = t("2026-01-10T12:00:00+01:00")
        self.assertEqual(h.after_windows("scalp", at),
                         {("retinoid", t("2026-01-13T10:00:00+01:00")),
                          ("minoxidil", t("2026-01-11T10:00:00+01:00"))})
        self.assertEqual(h.after_windows("head", at),
                         {("retinoid", t("2026-01-13T10:00:00+01:00"))})
        self.assertEqual(h.after_windows("neck", at), set())
        self.assertEqual(h.after_windows("scalp", t("2026-01-10T09:59:59+01:00")), set())

    def test_built_in_products_keep_the_areas_a_profile_has(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as base:
            base.write("""home_max_depth_mm = 1.5
[[rest]]
up_to_mm = 1.5
days = 7
[areas.scalp]
max_depth_mm = 0.5
[areas.face]
max_depth_mm = 0.5
[products.retinoid]
stop_before_days = 5
[products.minoxidil]
avoid_after_hours = 24
areas = ["scalp"]
[holds.sunburn]
days = 7
reason = "sunburn"
""")
        try:
            with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
                f.write("[areas.face]\nmax_depth_mm = 0.5\n")
            p = m.load_profile(f.name, base.name)
            os.remove(f.name)
            self.assertEqual(sorted(p.products), ["retinoid"])  # minoxidil had only the scalp
            self.assertIsNone(p.products["retinoid"].areas)
            self.assertEqual(p.presets, {"sunburn": 7 * DAY})
        finally:
            os.remove(base.name)


class Sittings(unittest.TestCase):
    NOW = t("2026-01-10T21:00:00+01:00")

    def test_a_sitting_writes_one_session_per_area_at_one_instant(self):
        h = history(profile(SMALL), "")
        sessions = h.log_sitting([("neck", "0.5"), ("cheeks", None)], "1.0", None, False,
                                 self.NOW, TZ)
        self.assertEqual([(r.at, r.area, r.depth, r.sitting, r.forced) for r in sessions],
                         [(self.NOW, "neck", 500, m.SITTING, False),
                          (self.NOW, "cheeks", 1000, m.SITTING, False)])
        one, = h.log_sitting([("neck", None)], "0.5", None, False, self.NOW, TZ)
        self.assertEqual(one.sitting, "")

    def test_an_area_of_a_sitting_is_judged_against_the_ones_before_it(self):
        h = history(profile(SMALL), "")
        with self.assertRaises(m.Refused) as refused:
            h.log_sitting([("face", None), ("cheeks", "1.0")], "0.25", None, False, self.NOW, TZ)
        self.assertEqual(refused.exception.rule, m.TOO_SOON)
        face, cheeks = h.log_sitting([("face", None), ("cheeks", "1.0")], "0.25", None, True,
                                     self.NOW, TZ)
        self.assertEqual((face.forced, cheeks.forced), (False, True))
        # The other order: the face is refused against the cheeks.
        with self.assertRaises(m.Refused):
            h.log_sitting([("cheeks", "1.0"), ("face", None)], "0.25", None, False, self.NOW, TZ)

    def test_all_or_nothing(self):
        h = history(profile(SMALL),
                    "2026-01-09T21:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=neck depth=1.0\n")
        with self.assertRaises(m.Refused) as refused:
            h.log_sitting([("cheeks", "1.0"), ("neck", "0.25")], None, None, False, self.NOW, TZ)
        self.assertEqual(refused.exception.rule, m.TOO_SOON)
        with self.assertRaises(m.Refused) as refused:  # the home limit, even with --force
            h.log_sitting([("cheeks", "1.1"), ("face", "0.25")], None, None, True, self.NOW, TZ)
        self.assertEqual(refused.exception.rule, m.HOME_LIMIT)

    def test_usage_errors(self):
        h = history(profile(SMALL), "")
        for areas, depth in (([("neck", None), ("neck", "0.5")], "0.5"),  # named twice
                             ([("neck", ""), ("cheeks", None)], "0.5"),
                             ([("neck", "abc")], None), ([("neck", "0")], None),
                             ([("neck", None), ("chek", None)], "0.5"),
                             ([("neck", None)], None), ([], "0.5")):
            with self.assertRaises(m.UsageError, msg=repr(areas)):
                h.log_sitting(areas, depth, None, False, self.NOW, TZ)

    def test_check_replays_a_forced_sitting_in_file_order(self):
        h = history(profile(SMALL), """
2026-01-10T21:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=face depth=0.25 sitting=aaaaaaaaaaaaaaaa
2026-01-10T21:00:00+01:00 session id=bbbbbbbbbbbbbbbb area=cheeks depth=1.0 sitting=aaaaaaaaaaaaaaaa forced=true
2026-01-10T21:00:00+01:00 session id=cccccccccccccccc area=neck depth=1.0 sitting=aaaaaaaaaaaaaaaa
""")
        self.assertEqual(h.verdicts(), {"aaaaaaaaaaaaaaaa": None,
                                        "bbbbbbbbbbbbbbbb": m.TOO_SOON,
                                        "cccccccccccccccc": None})
        self.assertEqual(h.rule_findings(), set())
        self.assertEqual(h.stats_rested(self.NOW), {"face": 1, "cheeks": 0, "neck": 1})

    def test_undo_of_a_sitting_voids_each_of_its_counted_sessions(self):
        h = history(profile(SMALL), """
2026-01-09T21:00:00+01:00 session id=1111111111111111 area=neck depth=0.25
2026-01-10T21:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=face depth=0.25 sitting=aaaaaaaaaaaaaaaa
2026-01-10T21:00:00+01:00 session id=bbbbbbbbbbbbbbbb area=cheeks depth=1.0 sitting=aaaaaaaaaaaaaaaa forced=true
2026-01-10T21:00:00+01:00 session id=cccccccccccccccc area=neck depth=1.0 sitting=aaaaaaaaaaaaaaaa
""")
        later = t("2026-01-10T21:05:00+01:00")

        def undo(expected_targets):
            voids = h.undo(later)
            self.assertEqual([(v.kind, v.at, v.fields["target"]) for v in voids],
                             [("void", later, target) for target in expected_targets])
            for k, v in enumerate(voids):
                v.fields["id"], v.line = f"{len(h.records):x}{k}".rjust(16, "e"), len(h.records) + 2
                h.records.append(v)
            return [v.id for v in voids]

        # The sitting, then the undo of that undo: all of it, each time.
        first = undo(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"])
        self.assertEqual([r.id for r in h.counted_sessions()], ["1111111111111111"])
        second = undo(first)
        self.assertEqual(len(h.counted_sessions()), 4)
        undo(second)
        self.assertEqual([r.id for r in h.counted_sessions()], ["1111111111111111"])

    def test_void_hides_one_session_of_a_sitting_and_undo_restores_just_it(self):
        h = history(profile(SMALL), """
2026-01-10T21:00:00+01:00 session id=aaaaaaaaaaaaaaaa area=face depth=0.25 sitting=aaaaaaaaaaaaaaaa
2026-01-10T21:00:00+01:00 session id=bbbbbbbbbbbbbbbb area=neck depth=1.0 sitting=aaaaaaaaaaaaaaaa
2026-01-10T21:05:00+01:00 void id=dddddddddddddddd target=bbbbbbbbbbbbbbbb
""")
        self.assertEqual([v.fields["target"] for v in h.undo(self.NOW)], ["dddddddddddddddd"])


class HoldPresets(unittest.TestCase):
    def test_a_preset_holds_from_now_or_from_a_past_instant(self):
        h = history(profile(ROUTINES), "")
        now = t("2026-01-10T21:00:00+01:00")
        hold = h.hold_preset("cold-sore", None, now, TZ)
        self.assertEqual((hold.kind, hold.at, hold.until, hold.fields["preset"]),
                         ("hold", now, t("2026-01-24T21:00:00+01:00"), "cold-sore"))
        hold = h.hold_preset("cold-sore", "2026-01-01", now, TZ)
        self.assertEqual((hold.at, hold.until), (now, t("2026-01-15T00:00:00+01:00")))
        self.assertEqual(h.hold_preset("cold-sore", "2026-01-01",
                                       t("2026-01-14T23:59:59+01:00"), TZ).until,
                         t("2026-01-15T00:00:00+01:00"))
        with self.assertRaises(m.UsageError):  # it would end at now
            h.hold_preset("cold-sore", "2026-01-01", t("2026-01-15T00:00:00+01:00"), TZ)
        self.assertEqual(h.hold_preset("peel", None, now, TZ).until, now + DAY // 2)
        with self.assertRaises(m.UsageError):
            h.hold_preset("isotretinoin", None, now, TZ)  # this profile has its own presets


if __name__ == "__main__":
    unittest.main()
