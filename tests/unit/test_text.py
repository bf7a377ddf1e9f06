from drafts.text import clean_text, utf8_size


def test_control_characters_removed_but_whitespace_kept():
    assert clean_text("a\x00b\x07c\td\r\ne\rf\x1b") == "abc\td\ne\nf"


def test_lone_surrogates_replaced():
    assert clean_text("x\ud800y") == "x\ufffdy"


def test_single_line_collapses_whitespace():
    assert clean_text("  a \n b\t c ", single_line=True) == "a b c"


def test_utf8_size_counts_bytes():
    assert utf8_size("é") == 2
