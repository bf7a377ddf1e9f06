"""Cadence: the pace maths and the periods, without a database."""

from datetime import datetime, timezone

import pytest

from drafts.errors import ValidationError
from drafts.planning.cadence import pace_status, period_bounds
from drafts.planning.text import MAX_POINTS, points

UTC = timezone.utc


@pytest.mark.parametrize("done, target, fraction, status", [
    (0, 2, 0.5, "behind"),      # halfway through the month, one post expected, none
    (1, 2, 0.5, "on_pace"),
    (2, 2, 0.5, "ahead"),       # both posts published or scheduled by mid-month
    (0, 2, 0.03, "on_pace"),    # the first day: nothing is expected yet
    (1, 2, 0.03, "ahead"),
    (1, 2, 29 / 30, "behind"),  # one day left and a post missing
    (2, 2, 1.0, "on_pace"),
    (3, 2, 1.0, "ahead"),
    (4, 8, 0.5, "on_pace"),
    (3, 8, 0.5, "behind"),
])
def test_pace_compares_done_with_the_pro_rated_target(done, target, fraction, status):
    expected, got = pace_status(done, target, fraction)
    assert got == status
    assert expected == pytest.approx(target * fraction)


def test_expected_never_goes_past_the_target():
    assert pace_status(2, 2, 1.7) == (2.0, "on_pace")
    assert pace_status(0, 2, -1)[0] == 0.0


def test_a_month_runs_from_the_first_to_the_first_in_the_viewers_zone():
    start, end = period_bounds("month", datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "Europe/Berlin")
    # 00:30 on 1 January in Berlin: already January there.
    assert start == datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    assert end == datetime(2027, 1, 31, 23, 0, tzinfo=UTC)
    start, end = period_bounds("month", datetime(2026, 2, 10, tzinfo=UTC), "")
    assert (start, end) == (datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC))


def test_a_week_runs_monday_to_monday():
    start, end = period_bounds("week", datetime(2026, 12, 3, 12, tzinfo=UTC), "UTC")  # a Thursday
    assert start == datetime(2026, 11, 30, tzinfo=UTC)
    assert end == datetime(2026, 12, 7, tzinfo=UTC)


def test_points_are_one_a_line_without_bullets_or_blanks():
    assert points("- The number\n\n* What we changed \n• Why it lasted") == [
        "The number", "What we changed", "Why it lasted"]
    with pytest.raises(ValidationError):
        points("\n".join(f"point {i}" for i in range(MAX_POINTS + 1)))
    with pytest.raises(ValidationError):
        points("x" * 501)
