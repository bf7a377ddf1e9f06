"""The thought-leadership scorecard."""

from __future__ import annotations

import pytest

GOOD = """# We halved the cost of change by fixing decisions, not code

I believe most transformation programs fail because leaders treat them as IT projects.
Here is what we learned cutting release costs by 40% in 18 months.

## The problem was never the technology

Our teams at Maersk and Acme waited six weeks for approvals. Each week of delay cost us
about $2 million in revenue, and our customers noticed. We should have seen it sooner.

## What changed

We moved decisions to the teams that ship. Churn fell from 5% to 3%, and risk went down
because changes got smaller.

## Your next step

Start this week: measure the cost of delay on one product line and share it with your board.
"""


def card(report, item):
    return next(c for c in report.scorecard if c.id == item)


def test_a_good_post_passes_most_items(run):
    report = run(GOOD, post_type="short")
    statuses = {c.id: c.status for c in report.scorecard}
    assert statuses["headline"] == "pass"
    assert statuses["opening"] == "pass"
    assert statuses["evidence"] == "pass"
    assert statuses["business_outcomes"] == "pass"
    assert statuses["point_of_view"] == "pass"
    assert statuses["call_to_action"] == "pass"
    assert all(c.why for c in report.scorecard)


@pytest.mark.parametrize(
    "title, status",
    [("", "fail"), ("Cloud", "fail"), ("Why cloud costs rise", "warn"),
     ("Why our cloud costs doubled and what we did", "pass"),
     (" ".join(["word"] * 20), "fail")],
)
def test_headline_length(run, title, status):
    assert card(run("We cut costs.", title=title), "headline").status == status


def test_headline_falls_back_to_the_h1(run):
    assert card(run("# Why our cloud costs doubled this year\n\nText."), "headline").status == "pass"


def test_opening_that_clears_its_throat_fails(run):
    report = run("In today's fast-paced world, technology matters. We cut costs.")
    assert card(report, "opening").status == "fail"
    long_opening = " ".join(["We grew the business again."] * 25)  # 125 words
    assert card(run(long_opening), "opening").status == "fail"


def test_subheadings_needed_in_longer_posts(run):
    text = "\n\n".join(["We cut costs and grew revenue with our customers."] * 60)
    assert card(run(text), "subheadings").status == "fail"
    assert card(run("We cut costs."), "subheadings").status == "pass"


def test_evidence_needs_numbers_or_names(run):
    assert card(run("We think change is good. It helps."), "evidence").status == "fail"


def test_business_language_not_only_technology(run):
    tech = "We moved the platform to Kubernetes and rebuilt the database and the API layer."
    assert card(run(tech), "business_outcomes").status == "fail"


def test_first_person_is_a_point_of_view_not_a_fault(run):
    report = run("I believe we were wrong. We decided to stop.")
    assert card(report, "point_of_view").status == "pass"
    assert not [f for f in report.findings if "first person" in f.message.lower()]


def test_call_to_action_in_the_close(run):
    assert card(run("Costs fell.\n\nThat is all we know."), "call_to_action").status == "fail"
    assert card(run("Costs fell.\n\nWhat do you think?"), "call_to_action").status == "warn"
    assert card(run("Costs fell.\n\nStart by measuring your cost of delay."),
                "call_to_action").status == "pass"


@pytest.mark.parametrize("words, status", [(300, "fail"), (550, "warn"), (1000, "pass"),
                                           (2300, "warn"), (3000, "fail")])
def test_length_band_for_a_standard_post(run, words, status):
    text = "\n\n".join(["Our customers pay less now."] * (words // 5))
    assert card(run(text), "length").status == status
