"""Benchmark: full analysis against textstat's eight metrics alone.

Run: .venv/bin/python bench/bench_analyze.py [--runs N]
Prints median and p90 (ms) for drafts of ~300, 3,000 and 20,000 words, the
ratio to textstat on the same cleaned text, growth per word, and the time of
the first analysis after import (in a fresh interpreter).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafts.readability import analyze, load_seed_glossary, metrics, syllables, warm_up  # noqa: E402  # noqa: E402
from drafts.readability.textstat_compat import offline_textstat  # noqa: E402

SENTENCES = [
    "We cut infrastructure costs by 18% in 2024 after moving the billing platform to the cloud.",
    "The migration was approved by the board in March, e.g. after Dr. Patel's review.",
    "Our customers noticed the difference within weeks.",
    "Margins fell.",
    "However, the real problem was never the technology; it was how slowly we made decisions.",
    "In order to move the needle, we had to leverage what the teams already knew.",
    "I believe most transformation programs fail because leaders treat them as IT projects.",
    "Latency dropped from 900 ms to 120 ms, and churn fell by a third in the U.S. market.",
    "Technical debt is really a tax on every future change, and it compounds quietly.",
    "Start with one product line, measure the cost of delay, and share the numbers openly.",
    "The new SLA was negotiated with Acme Inc. and signed within 3.5 weeks.",
    "Because the data lake was poorly governed, analysts spent half their time cleaning data.",
]
HEADINGS = ["## What changed", "## Why it matters", "## The numbers", "## What we learned"]


def make_draft(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = ["# How we halved the cost of change in eighteen months", ""]
    count = 0
    while count < words:
        if rng.random() < 0.15:
            parts += [rng.choice(HEADINGS), ""]
        if rng.random() < 0.1:
            items = [f"- {rng.choice(SENTENCES)}" for _ in range(3)]
            parts += items + [""]
            count += sum(len(i.split()) for i in items)
            continue
        para = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.1:
            para += " See `deploy.sh` and [the report](https://example.com/r.pdf)."
        parts += [para, ""]
        count += len(para.split())
    return "\n".join(parts)


def textstat_clear(ts: object) -> None:
    """Clear textstat's per-text caches (keeps its loaded dictionaries)."""
    import textstat.backend as backend

    keep = {"get_cmudict", "get_pyphen", "get_lang_easy_words"}
    for module in (backend.counts, backend.metrics, backend.selections,
                   backend.transformations, backend.validations):
        for name in dir(module):
            fn = getattr(module, name)
            if hasattr(fn, "cache_clear") and name not in keep:
                fn.cache_clear()


def textstat_eight(ts: object, text: str) -> None:
    for name in metrics.SCORE_FIELDS[:-1]:
        getattr(ts, name)(text)
    ts.text_standard(text, float_output=True)  # type: ignore[attr-defined]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()  # same heap state for both sides
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p90(xs: list[float]) -> float:
    return sorted(xs)[int(0.9 * (len(xs) - 1))]


def first_analysis() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.md"
        sample.write_text(make_draft(3000), encoding="utf-8")
        code = (
            "import sys, time; t=time.perf_counter();"
            "from drafts.readability import analyze, load_seed_glossary;"
            "t1=time.perf_counter();"
            "analyze(open(sys.argv[1]).read(), 'executive', load_seed_glossary());"
            "t2=time.perf_counter();"
            "print(f'{(t1-t)*1000:.0f} {(t2-t1)*1000:.0f}')"
        )
        out = subprocess.run([sys.executable, "-c", code, str(sample)], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    return f"import {out[0]} ms, first analyze() of 3,000 words {out[1]} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    print("first analysis after import (fresh interpreter):", first_analysis())
    t = time.perf_counter()
    warm_up()
    print(f"warm_up(): {(time.perf_counter() - t) * 1000:.0f} ms")
    ts = offline_textstat()
    glossary = load_seed_glossary()
    print(f"{'words':>7} {'analyze med':>11} {'p90':>7} {'cold-cache':>10} "
          f"{'textstat8 med':>13} {'p90':>7} {'ratio':>6} {'us/word':>8}")
    for size in (300, 3000, 20000):
        draft = make_draft(size)
        report = analyze(draft, "executive", glossary)
        text = report.cleaned_text
        words = report.metrics.words
        runs = args.runs if size < 20000 else max(10, args.runs // 4)
        def theirs() -> None:
            textstat_clear(ts)
            textstat_eight(ts, text)

        # Alternate the two so that load from other processes hits both alike.
        ours: list[float] = []
        base: list[float] = []
        for _ in range(runs):
            ours += timed(lambda: analyze(draft, "executive", glossary), 1)
            base += timed(theirs, 1)

        def cold() -> None:
            syllables.clear_cache()
            metrics.clear_cache()
            analyze(draft, "executive", glossary)

        cold_ms = statistics.median(timed(cold, max(5, runs // 4)))
        med, bmed = statistics.median(ours), statistics.median(base)
        print(f"{words:>7} {med:>11.1f} {p90(ours):>7.1f} {cold_ms:>10.1f} "
              f"{bmed:>13.1f} {p90(base):>7.1f} {med / bmed:>6.2f} {1000 * med / words:>8.1f}")


if __name__ == "__main__":
    main()
