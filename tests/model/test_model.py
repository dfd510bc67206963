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
        first = h.undo(now)
        first.fields["id"], first.line = "bbbbbbbbbbbbbbbb", 3
        h.records.append(first)
        self.assertEqual([r.id for r in h.counted()], ["bbbbbbbbbbbbbbbb"])
        self.assertTrue(h.area_state("neck", now).ready)
        second = h.undo(now)
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


if __name__ == "__main__":
    unittest.main()
