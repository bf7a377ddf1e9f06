"""`flask eval-suggestions SAMPLES_DIR` against the fake model server and the built-in engine."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from drafts.models import LLMSettings, SuggestionRequest
from tests.llm_server import Reply

SAMPLES = Path(__file__).resolve().parents[1] / "unit" / "suggestions" / "samples"


def samples(tmp_path, n=2):
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:n]:
        shutil.copy(path, folder / (path.stem + ".md"))
    return folder


def use_model(dbs, server):
    dbs.add(LLMSettings(id=1, base_url=server.base_url, model="test-model", daily_token_budget=10))
    dbs.commit()


def test_every_action_against_the_model_with_numbers(runner, dbs, llm_server, tmp_path):
    use_model(dbs, llm_server)
    folder = samples(tmp_path)
    llm_server.script(
        Reply(text="Marketing and IT now share one goal: the customer.", usage=(300, 12)),
        Reply(text="Marketing and IT share the customer.", usage=None),
        Reply(text="Five lessons CMOs can teach CIOs | names the promise\n"
                   "Why marketing needs IT now | a question", usage=(900, 20)),
        Reply(text="Five lessons CMOs can teach CIOs | names the promise", usage=(900, 20)),
    )
    out = tmp_path / "report.md"
    result = runner.invoke(args=["eval-suggestions", str(folder), "--action", "clarity",
                                 "--action", "headlines", "--price-in", "0.15",
                                 "--price-out", "0.60", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "# Suggestions evaluated with test-model at 127.0.0.1" in text
    clarity = next(ln for ln in text.splitlines() if ln.startswith("| Improve clarity"))
    cells = [c.strip() for c in clarity.strip("|").split("|")]
    assert cells[1] == "2/2" and cells[2] == "0"
    assert cells[4].endswith("%") and cells[4].startswith("-")  # answers shorter than the passages
    # 300 from the server's usage, plus Byline's estimate of the whole request that had none.
    tokens_in = int(cells[7].split(" / ")[0].replace(",", ""))
    assert tokens_in > 300 + 500 and cells[7].endswith("(estimate)")
    headlines = next(ln for ln in text.splitlines() if ln.startswith("| Headline options"))
    assert "| 2/2 |" in headlines and "1,800 / 40" in headlines and "| 0.0003 |" in headlines
    assert len(llm_server.chat_requests) == 4
    # A budget of 10 tokens did not stop it, and nothing was recorded against anyone.
    assert dbs.scalar(select(func.count(SuggestionRequest.id))) == 0


def test_format_failures_and_errors_are_counted(runner, dbs, llm_server, tmp_path):
    use_model(dbs, llm_server)
    folder = samples(tmp_path, 1)
    llm_server.script(Reply(text="Just one line, no excerpt label."), Reply.failure(401, "bad key"))
    result = runner.invoke(args=["eval-suggestions", str(folder), "--action", "excerpt",
                                 "--action", "cta"])
    assert result.exit_code == 0, result.output
    assert "| Excerpt and meta description | 0/1 | 1 |" in result.output
    assert "refused Byline's API key" in result.output


def test_the_built_in_engine_and_a_bad_folder(runner, dbs, tmp_path):
    folder = samples(tmp_path, 1)
    result = runner.invoke(args=["eval-suggestions", str(folder), "--builtin"])
    assert result.exit_code == 0, result.output
    assert "Built-in engine (offline)" in result.output
    assert result.output.count("\n| ") >= len(["header"]) + 11  # a row for every action
    missing = runner.invoke(args=["eval-suggestions", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "is not a folder" in missing.output
