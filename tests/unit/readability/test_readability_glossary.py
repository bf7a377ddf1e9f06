"""Glossary terms and acronyms."""

from __future__ import annotations

from drafts.readability import GlossaryTerm, analyze, load_seed_glossary


def test_seed_glossary_has_60_plus_it_terms():
    terms = load_seed_glossary()
    assert len(terms) >= 60
    names = {t.term.lower() for t in terms}
    for required in ("microservices", "technical debt", "latency", "zero trust", "kubernetes",
                     "api", "data lake", "observability"):
        assert required in names
    assert all(isinstance(t, GlossaryTerm) and t.alternative for t in terms)


def glossary_hits(md: str, glossary, audience: str = "executive") -> list[str]:
    report = analyze(md, audience, glossary)
    return [md[f.span[0] : f.span[1]] for f in report.findings if f.kind == "glossary"]


def test_terms_match_case_insensitive_whole_word_and_plural(seed_glossary):
    md = "Our LATENCY fell. Two Data Lakes merged. We split into Microservices. Latencyx is not."
    assert glossary_hits(md, seed_glossary) == ["LATENCY", "Data Lakes", "Microservices"]


def test_glossary_finding_gives_the_plain_alternative(seed_glossary):
    report = analyze("We adopted zero trust.", "executive", seed_glossary)
    finding = next(f for f in report.findings if f.kind == "glossary")
    assert finding.suggestion.startswith("check every access request")


def test_custom_glossary_and_technical_audience_flags_first_use_only():
    glossary = [GlossaryTerm("blast radius", "how much breaks at once", "")]
    md = "The blast radius is small. Keep the blast radius small."
    assert len(glossary_hits(md, glossary, "executive")) == 2
    assert len(glossary_hits(md, glossary, "technical")) == 1
    assert glossary_hits(md, []) == []


def acronyms(md: str) -> list[str]:
    report = analyze(md, "executive", [])
    return [md[f.span[0] : f.span[1]] for f in report.findings if f.kind == "acronym"]


def test_acronym_without_spelling_out_is_flagged_once():
    assert acronyms("Our SLA is weak. The SLA needs work.") == ["SLA"]


def test_acronym_spelled_out_at_first_use_is_fine():
    assert acronyms("Our Service Level Agreement (SLA) is weak. The SLA needs work.") == []
    assert acronyms("Our SLA (service level agreement) is weak.") == []
    assert acronyms("We run Enterprise Resource Planning (ERP) and ERP reports.") == []


def test_spelled_out_only_later_is_still_flagged():
    assert acronyms("The ERP is old. Enterprise Resource Planning (ERP) matters.") == ["ERP"]


def test_common_acronyms_and_emphasis_are_ignored():
    assert acronyms("The CEO and CFO met the US team about AI. It is NOT optional.") == []
    assert acronyms("Our KPIs and ROI improved.") == []
