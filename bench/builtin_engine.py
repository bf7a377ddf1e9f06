"""Built-in engine benchmark: time per action on whole articles.

Runs every action of the offline engine on each sample article (the whole
text as the passage and as the draft) and prints, per action, the median and
the worst time over the articles, after a warm-up that loads the tagger's
lexicon and the inflection tables. Held-back answers ("nothing safe to offer")
are answers too and are timed the same way.

    .venv/bin/python bench/builtin_engine.py [SAMPLES_DIR] [--runs 3]

Goal: every action under 1 s on an article of about 1,000 words on one core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafts.readability import load_seed_glossary  # noqa: E402
from drafts.suggestions import grammar  # noqa: E402
from drafts.suggestions.builtin import ACTIONS, BuiltinEngine, warm_up  # noqa: E402
from drafts.suggestions.provider import ProviderError  # noqa: E402

GOAL_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("samples", nargs="?", default=str(ROOT.parent / "shared" / "samples"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text() for p in sorted(Path(args.samples).glob("*.txt")) if p.name != "README.md"]
    if not texts:
        sys.exit(f"No .txt samples in {args.samples}")
    t0 = time.perf_counter()
    warm_up()
    grammar.warm_up()
    print(f"warm-up (word lists, tagger lexicon, inflection tables): {time.perf_counter() - t0:.2f} s")
    engine, glossary = BuiltinEngine(), load_seed_glossary()
    words = [len(t.split()) for t in texts]
    print(f"{len(texts)} articles, {min(words)}-{max(words)} words; load average "
          f"{os.getloadavg()[0]:.2f}; best of {args.runs} runs per article")
    print(f"{'action':<16}{'median ms':>10}{'worst ms':>10}  held")
    slowest = 0.0
    for action in sorted(ACTIONS):
        times, held = [], 0
        for text in texts:
            best = float("inf")
            for _ in range(args.runs):
                grammar._tag_cached.cache_clear()  # time the tagging too, not a cached answer
                start = time.perf_counter()
                try:
                    engine.suggest(action, text, glossary=glossary, draft=text)
                except ProviderError:
                    held += 1
                best = min(best, time.perf_counter() - start)
            times.append(best)
        slowest = max(slowest, max(times))
        print(f"{action:<16}{statistics.median(times) * 1000:>10.0f}{max(times) * 1000:>10.0f}"
              f"  {held // args.runs}/{len(texts)}")
    print(f"slowest action on one article: {slowest:.2f} s (goal under {GOAL_SECONDS:.0f} s; "
          f"ratio {slowest / GOAL_SECONDS:.2f})")


if __name__ == "__main__":
    main()
