"""Precision and recall on a labeled set written for these tests."""

from __future__ import annotations

from drafts.readability import analyze


def _score(labeled, predict):
    tp = fp = fn = 0
    for row in labeled:
        expected, got = predict(row)
        tp += len(expected & got)
        fp += len(got - expected)
        fn += len(expected - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _flagged(sentence: str, kind: str) -> set[str]:
    report = analyze(sentence, "general", [])
    return {sentence[f.span[0] : f.span[1]].lower() for f in report.findings if f.kind == kind}


def _split(cell: str) -> set[str]:
    return {x.strip().lower() for x in cell.split(";") if x.strip()}


def test_labeled_set_is_big_enough(labeled):
    assert len(labeled) >= 40
    assert sum(r["passive"] == "1" for r in labeled) >= 15


def test_passive_precision_and_recall(labeled):
    def predict(row):
        got = {"passive"} if _flagged(row["sentence"], "passive") else set()
        return ({"passive"} if row["passive"] == "1" else set()), got

    precision, recall = _score(labeled, predict)
    print(f"\npassive voice: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9
    assert recall >= 0.8


def test_adverb_precision_and_recall(labeled):
    precision, recall = _score(
        labeled, lambda r: (_split(r["adverbs"]), _flagged(r["sentence"], "adverb"))
    )
    print(f"\nadverbs: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9
    assert recall >= 0.8


def test_hedge_precision_and_recall(labeled):
    precision, recall = _score(
        labeled, lambda r: (_split(r["hedges"]), _flagged(r["sentence"], "qualifier"))
    )
    print(f"\nqualifiers/hedges: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9
    assert recall >= 0.8


def test_hard_sentence_precision_and_recall(labeled):
    def predict(row):
        report = analyze(row["sentence"], "general", [])
        hard = any(f.kind in ("hard", "very_hard") for f in report.findings)
        return ({"hard"} if row["hard"] == "1" else set()), ({"hard"} if hard else set())

    precision, recall = _score(labeled, predict)
    print(f"\nhard sentences: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.8
    assert recall >= 0.8
