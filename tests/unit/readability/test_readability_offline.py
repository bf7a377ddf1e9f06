"""Analysis never reaches the network: textstat's NLTK download is never tried."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r'''
import socket

real_connect = socket.socket.connect
attempts = []

def guarded(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost")):
        return real_connect(self, address)
    attempts.append(address)
    raise OSError("network blocked by test: " + repr(address))

socket.socket.connect = guarded
socket.create_connection = lambda *a, **k: (_ for _ in ()).throw(OSError("blocked"))

import nltk
nltk.download = lambda *a, **k: (_ for _ in ()).throw(AssertionError("nltk.download called"))

from drafts.readability import analyze, load_seed_glossary, warm_up
from drafts.readability.metrics import textstat_scores

warm_up()
report = analyze("# Plan\n\nThe migration was approved by the board. Latency fell 40%.",
                 "executive", load_seed_glossary())
assert report.metrics.words > 0 and report.findings
reference = textstat_scores(report.cleaned_text)  # textstat itself, offline
assert reference["flesch_reading_ease"] == report.metrics.flesch_reading_ease
assert not attempts, attempts
print("OK", report.metrics.flesch_reading_ease)
'''


def test_analyze_and_textstat_work_with_the_network_blocked(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK")
