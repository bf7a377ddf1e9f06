"""Time every path that reads user text on hostile inputs, against plain prose.

    .venv/bin/python bench/adversarial.py [--sizes 2500 10000 20000]

For each path (preview, coach, export, comment re-anchoring, @mentions) and
each family of hostile text (nested brackets, unclosed emphasis, long
backtick runs, ...), prints the CPU time and the ratio to plain prose of the
same length, then the worst case found (overall, and by growth: the time at
the largest size over the time at the smallest, which a linear path keeps
near the size ratio). A linear path keeps the ratio flat as the
size grows; a quadratic one multiplies it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # (an installed package is also called "tests")

from hostile_text import FAMILIES, PATHS, plain_time, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_500, 10_000, 20_000])
    parser.add_argument("--paths", nargs="+", choices=sorted(PATHS), default=sorted(PATHS))
    args = parser.parse_args()
    from drafts.readability import warm_up

    warm_up()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    worst = (0.0, "", "", 0, 0.0)
    slowest = (0.0, "", "", 0)
    growth = (0.0, "", "")
    sizes = sorted(args.sizes)
    for path in args.paths:
        print(f"\n{path}")
        first: dict[str, float] = {}
        for size in sizes:
            base = plain_time(path, size)
            print(f"  {size:>7,} chars  plain prose {base * 1000:8.1f} ms")
            for family, make in FAMILIES.items():
                spent = timed(PATHS[path], make(size))
                ratio = spent / base if base else float("inf")
                print(f"    {family:<32} {spent * 1000:9.1f} ms  x{ratio:8.1f}")
                if ratio > worst[0]:
                    worst = (ratio, path, family, size, spent)
                if spent > slowest[0]:
                    slowest = (spent, path, family, size)
                if size == sizes[0]:
                    first[family] = spent
                elif first.get(family, 0) > 0.002:
                    grew = spent / first[family]
                    if grew > growth[0]:
                        growth = (grew, path, family)
    ratio, path, family, size, spent = worst
    print(f"\nload average: {os.getloadavg()[0]:.2f}")
    print(f"worst ratio to plain prose: {path} on '{family}' at {size:,} chars: "
          f"{spent * 1000:.1f} ms CPU, x{ratio:.1f}")
    spent, path, family, size = slowest
    print(f"slowest: {path} on '{family}' at {size:,} chars: {spent * 1000:.1f} ms CPU")
    if len(sizes) > 1:
        grew, path, family = growth
        print(f"worst growth from {sizes[0]:,} to {sizes[-1]:,} chars (x{sizes[-1] / sizes[0]:.0f} "
              f"the text): x{grew:.1f} the time, {path} on '{family}'")


if __name__ == "__main__":
    main()
