"""Word 97-2003 documents: the committed files were written by LibreOffice (tests/data/word97/make_fixtures.py)."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from flows.models import Reason
from flows.steps import msdoc
from flows.steps.formats import Extracted, Problem, extract_doc
from tests.documents import WORD97, encrypted_docx_bytes, fib_offset, word97_bytes, word97_patched

ROOT = Path(__file__).resolve().parents[2]


def _text(name: str) -> list[str]:
    result = extract_doc(word97_bytes(name))
    assert isinstance(result, Extracted), result
    return result.text.split("\n")


def test_paragraphs_lists_tables_and_properties_in_reading_order() -> None:
    assert _text("features.doc") == [
        "Brücke über die Elbe",
        "Die neue Brücke soll im Frühjahr öffnen, teilte die Stadt am Dienstag mit. Sie kostet 80 Millionen €.",
        "- Länge: 400 Meter",
        "- Spuren: vier",
        "Jahr | Kosten | Notiz",
        "2023 | 40 | ",  # an empty cell keeps its place
        "2024 | 35 | neu",
        "„Wir sind im Plan“, sagte die Senatorin – ein Emoji 😀 zum Schluss.",  # a character beyond U+FFFF
    ]
    result = extract_doc(word97_bytes("features.doc"))
    assert isinstance(result, Extracted) and result.encoding == "doc" and result.markup == "text"
    props = result.properties
    assert (props.title, props.author, props.tags, str(props.published)) == (
        "Brücke über die Elbe", "Erika Mustermann", ("Verkehr", "Hamburg"), "2024-03-01")


def test_tracked_deletions_footnotes_and_comments_are_left_out_and_insertions_kept() -> None:
    assert _text("revised.doc") == [
        "Der Rat stimmte zu. Die Arbeiten beginnen im Mai.",
        "Eingefügt: die Brücke bekommt einen Radweg.",
        "Die Stadt rechnet mit Verkehr. Umleitungen sind ausgeschildert.",
    ]


@pytest.mark.parametrize("seed", sorted(p.stem for p in (ROOT / "seeds").glob("*.txt")))
def test_every_seed_written_by_a_word_processor_comes_back_line_for_line(seed: str) -> None:
    lines = [" ".join(line.split()) for line in (ROOT / "seeds" / f"{seed}.txt").read_text(encoding="utf-8").split("\n")]
    assert _text(f"seed-{seed}.doc") == [line for line in lines if line]


def test_a_saved_page_shows_link_text_not_field_codes_and_joins_a_cells_paragraphs() -> None:
    assert _text("page.doc") == [
        "Kosten der Brücke", "Jahr | Kosten", "2024 | 35 geschätzt", "Mehr unter der Projektseite der Stadt.",
        "Zeile eins Zeile zwei"]


def test_pieces_in_one_byte_and_two_byte_form_give_characters_and_their_file_positions() -> None:
    # Word stores runs of cp1252 text one byte per character ("compressed") beside UTF-16 runs
    word = bytes(64) + "Grüße – ".encode("cp1252") + "Ελλάδα 😀".encode("utf-16-le")
    pieces = [msdoc.Piece(0, 8, 64, True), msdoc.Piece(8, 17, 72, False)]
    text, fcs = msdoc.main_text(word, pieces, ccp_text=17)  # positions count UTF-16 units: the emoji is two
    assert text == "Grüße – Ελλάδα 😀"
    assert fcs[:9] == [64, 65, 66, 67, 68, 69, 70, 71, 72] and fcs[-1] == 72 + 2 * 7
    with pytest.raises(msdoc.DocError):
        msdoc.main_text(word, [msdoc.Piece(0, 100, 64, True)], ccp_text=100)  # beyond the stream


def test_fields_show_their_result_and_nest() -> None:
    text = 'Mehr \x13 HYPERLINK "https://example.org" \x14auf der Seite\x15 und \x13 IF \x13 PAGE \x143\x15 > 1 \x14ja\x15.'
    fcs = list(range(len(text)))
    assert "".join(ch for ch, _ in msdoc.visible(text, fcs, msdoc.Runs([], [], []))) == "Mehr auf der Seite und ja."
    # a field without a result shows nothing; a field mark out of place removes nothing else
    text = "a\x13 TOC \\o \x15b\x15c\x14d"
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), msdoc.Runs([], [], []))) == "abcd"


def test_deleted_and_hidden_characters_are_not_visible_but_paragraph_marks_are() -> None:
    text = "keep gone hidden\r"
    runs = msdoc.Runs([5, 10], [10, 16], [{0x0800: b"\x01"}, {0x083C: b"\x81"}])
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), runs)) == "keep \r"


def test_property_lists_are_walked_by_operand_size() -> None:
    grpprl = (struct.pack("<HB", 0x2417, 1) + struct.pack("<HH", 0x460B, 2) + struct.pack("<HI", 0x6412, 7)
              + struct.pack("<HBBB", 0xC615, 2, 0, 0) + struct.pack("<HHBB", 0xD608, 3, 9, 9) + struct.pack("<HB", 0x2416, 1))
    assert [sprm for sprm, _ in msdoc._sprms(grpprl)] == [0x2417, 0x460B, 0x6412, 0xC615, 0xD608, 0x2416]
    assert dict(msdoc._sprms(grpprl))[0x460B] == b"\x02\x00"


def test_encrypted_old_word_and_other_office_files() -> None:
    locked = extract_doc(word97_patched("features.doc", 0x0A, struct.pack("<H", 0x0300)))  # fEncrypted, 1Table
    assert isinstance(locked, Problem) and locked.reason is Reason.ENCRYPTED
    word95 = extract_doc(word97_patched("features.doc", 2, struct.pack("<H", 104)))
    assert isinstance(word95, Problem) and word95.reason is Reason.UNSUPPORTED_TYPE and "Word 95" in word95.detail
    assert extract_doc(encrypted_docx_bytes(["Text"])) is None  # an OLE container without a Word document
    for data in (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), word97_bytes("features.doc")[:3000]):
        damaged = extract_doc(data)
        assert isinstance(damaged, Problem) and damaged.reason is Reason.UNREADABLE, damaged


def test_damaged_word_documents_never_raise() -> None:
    rng = random.Random(7)
    files = [p.read_bytes() for p in sorted(WORD97.glob("*.doc"))]
    outcomes = set()
    for _ in range(150):
        data = bytearray(rng.choice(files))
        fib = fib_offset(data)
        for _ in range(rng.randint(1, 8)):  # the file information block, or anywhere
            at = fib + rng.randrange(1536) if rng.random() < 0.5 else rng.randrange(len(data))
            data[at] = rng.randrange(256)
        result = extract_doc(bytes(data[: rng.randrange(len(data) // 2, len(data) + 1)]))
        assert result is None or isinstance(result, (Extracted, Problem))
        outcomes.add(type(result).__name__)
    assert {"Extracted", "Problem"} <= outcomes
