"""Time every path that reads user text on hostile inputs, against plain prose.

    .venv/bin/python bench/adversarial.py [--sizes 2500 10000 20000]

For each path (preview, coach, export, comment re-anchoring, @mentions) and
each family of hostile text (nested brackets, unclosed emphasis, long
backtick runs, ...), prints the time and the ratio to plain prose of the same
length, then the worst case found. A linear path keeps the ratio flat as the
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
    for path in args.paths:
        print(f"\n{path}")
        for size in args.sizes:
            base = plain_time(path, size)
            print(f"  {size:>7,} chars  plain prose {base * 1000:8.1f} ms")
            for family, make in FAMILIES.items():
                spent = timed(PATHS[path], make(size))
                ratio = spent / base if base else float("inf")
                flag = "  <-- slow" if ratio > 10 and spent > 0.05 else ""
                print(f"    {family:<32} {spent * 1000:9.1f} ms  x{ratio:6.1f}{flag}")
                if ratio > worst[0]:
                    worst = (ratio, path, family, size, spent)
    ratio, path, family, size, spent = worst
    print(f"\nworst case: {path} on '{family}' at {size:,} chars: "
          f"{spent * 1000:.1f} ms, x{ratio:.1f} plain prose")


if __name__ == "__main__":
    main()
