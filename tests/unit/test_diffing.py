from drafts.diffing import diff_html, diff_stats, word_diff


def _join(ops, kinds):
    return "".join(op.text for op in ops if op.kind in kinds)


def test_diff_reconstructs_both_sides():
    old = "The cloud bill fell.\nWe moved fast.\nThe end."
    new = "The cloud bill fell by a third.\nWe moved carefully.\nThe end."
    ops = word_diff(old, new)
    assert _join(ops, {"equal", "delete"}) == old
    assert _join(ops, {"equal", "insert"}) == new


def test_word_level_changes_are_small():
    ops = word_diff("We moved fast today.", "We moved carefully today.")
    assert [(op.kind, op.text) for op in ops if op.kind != "equal"] == [
        ("delete", "fast"),
        ("insert", "carefully"),
    ]
    assert diff_stats(ops).inserted_words == 1 and diff_stats(ops).deleted_words == 1


def test_diff_html_escapes_text():
    html = diff_html(word_diff("a <b>", "a <script>x</script>"))
    assert "<script>" not in html
    assert "x&lt;/script&gt;" in html
    assert '<ins class="diff-ins">' in html and '<del class="diff-del">' in html


def test_identical_texts_have_no_changes():
    assert diff_stats(word_diff("same\ntext", "same\ntext")).unchanged
