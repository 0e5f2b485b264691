from flows.steps.normalize import normalize_text, strip_markdown


def test_whitespace_and_invisible_characters() -> None:
    raw = "  Ein\u00a0Satz\u200b mit\tLücken.  \r\n\r\n\r\n\r\nZweiter\u00adAbsatz\x07.\n"
    out = normalize_text(raw)
    assert out.split("\n") == ["Ein Satz mit Lücken.", "", "ZweiterAbsatz ."]


def test_nfc_composition() -> None:
    assert normalize_text("Mu\u0308nchen") == "München"


def test_paragraph_lines_are_kept() -> None:
    assert normalize_text("a\nb\n\nc") == "a\nb\n\nc"


def test_markdown_markup_is_removed() -> None:
    md = "# Title\n\nSee [the report](http://x.org/r) and **this**."
    assert strip_markdown(md) == "Title\n\nSee the report and this."
