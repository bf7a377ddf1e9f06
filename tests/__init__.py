"""Byline's test suite: a package, so `tests.*` never resolves to a stray "tests" in site-packages."""
