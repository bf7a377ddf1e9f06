from datetime import datetime, timedelta, timezone

from drafts.timefmt import exact, relative, zone

NOW = datetime(2026, 12, 2, 13, 5, tzinfo=timezone.utc)


def test_exact_in_the_viewers_zone_in_one_format():
    assert exact(NOW) == "2 Dec 2026, 13:05 UTC"
    assert exact(NOW, zone("Europe/Berlin")) == "2 Dec 2026, 14:05 CET"
    assert exact(NOW, zone("America/New_York")) == "2 Dec 2026, 08:05 EST"
    assert exact(NOW.replace(tzinfo=None), seconds=True) == "2 Dec 2026, 13:05:00 UTC"


def test_unknown_or_empty_zone_is_utc():
    assert zone("") is timezone.utc and zone("Mars/Olympus") is timezone.utc


def test_relative_times():
    assert relative(NOW - timedelta(seconds=20), NOW) == "just now"
    assert relative(NOW - timedelta(minutes=5), NOW) == "5 min ago"
    assert relative(NOW - timedelta(hours=2, minutes=30), NOW) == "2 h ago"
    assert relative(NOW - timedelta(days=3), NOW) == "3 d ago"
    assert relative(NOW + timedelta(hours=2), NOW) == "in 2 h"
    assert relative(NOW - timedelta(days=30), NOW, zone("Pacific/Auckland")) == "3 Nov 2026"
