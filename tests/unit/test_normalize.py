from flows.steps.normalize import normalize_layout, normalize_text


def test_mojibake_entities_and_invisible_characters_are_repaired() -> None:
    assert normalize_text("GrÃ¼ÃŸe &amp; Bin\u00adde\u200bstrich\x07") == "Grüße & Bindestrich"


def test_quotes_and_dashes_stay_as_written() -> None:
    assert normalize_text("\u201cquote\u201d \u2013 dash") == "\u201cquote\u201d \u2013 dash"


def test_paragraphs_are_kept() -> None:
    assert normalize_text(" a \r\n\r\n\r\n b ") == "a\n\nb"


def test_nfc_composition() -> None:
    assert normalize_text("Mu\u0308nchen") == "München"


def test_markdown_markup_is_removed() -> None:
    from flows.steps.normalize import strip_markdown

    md = "# Title\n\nSee [the report](http://x.org/r) and **this**."
    assert strip_markdown(md) == "Title\n\nSee the report and this."


def test_layout_normalisation_tidies_spaces_and_blank_lines_without_repairing_again() -> None:
    """After boilerplate removal the text is repaired already: only its layout is tidied (a second repair would
    unescape "&amp;" once more)."""
    assert normalize_layout("  a  \t b \n\n\n\n c &amp; d \n") == "a b\n\nc &amp; d"
