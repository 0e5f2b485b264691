"""Word 97-2003 documents: the committed files were written by LibreOffice (tests/data/word/make_fixtures.py)."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from flows.models import Reason
from flows.steps import msdoc
from flows.steps.formats import Extracted, Problem, extract_doc
from tests.documents import WORD_FILES, doc_edited, encrypted_docx_bytes, fib_offset, word_file

ROOT = Path(__file__).resolve().parents[2]
EMPTY = msdoc.Runs([], [], [])


def _text(name: str) -> list[str]:
    result = extract_doc(word_file(name))
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
    result = extract_doc(word_file("features.doc"))
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
    assert list(fcs[:9]) == [64, 65, 66, 67, 68, 69, 70, 71, 72] and fcs[-1] == 72 + 2 * 7
    with pytest.raises(msdoc.DocError):
        msdoc.main_text(word, [msdoc.Piece(0, 40, 64, True)], ccp_text=40)  # beyond the stream
    with pytest.raises(msdoc.DocError, match="claims"):  # more characters than the stream has bytes
        msdoc.main_text(word, [msdoc.Piece(0, 8, 64, True)] * 1000, ccp_text=8000)


def test_styles_hide_text_and_make_headings_and_generated_contents_stay_out() -> None:
    # a table of contents is a field whose result repeats the headings, and its title has a style of its own;
    # headings tied to the outline are no list items; text hidden by a character style or by a paragraph style
    # (a part shown again by a character style) goes like text hidden directly; a page number shows its value
    assert _text("styled.doc") == [
        "Die Brücke", "Sichtbar bleibt sichtbar.", "doch gezeigt", "Die Kosten", "Direkt Ende, Seite 1."]


def test_hidden_text_is_set_by_paragraph_style_then_character_style_then_the_characters() -> None:
    hidden, shown, opposite, same = {0x083C: b"\x01"}, {0x083C: b"\x00"}, {0x083C: b"\x81"}, {0x083C: b"\x80"}
    styles = {1: msdoc.Style(0, {}, hidden), 2: msdoc.Style(0, {}, {}), 15: msdoc.Style(0, {}, shown),
              16: msdoc.Style(0, {}, hidden)}
    assert msdoc._gone(msdoc.Props(10), styles, 1)  # the paragraph's style hides
    assert not msdoc._gone(msdoc.Props(10), styles, 2)
    assert not msdoc._gone(msdoc.Props(15), styles, 1)  # the characters' style shows them again
    assert msdoc._gone(msdoc.Props(16), styles, 2)
    assert not msdoc._gone(msdoc.Props(16, shown), styles, 1)  # the characters' own property comes last
    # 0x81: the opposite of what the styles give; 0x80: as they give
    assert not msdoc._gone(msdoc.Props(10, opposite), styles, 1) and msdoc._gone(msdoc.Props(10, opposite), styles, 2)
    assert msdoc._gone(msdoc.Props(10, same), styles, 1) and not msdoc._gone(msdoc.Props(10, same), styles, 2)
    # through visible(): a paragraph in a hiding style, its paragraph mark kept, a run in a showing style shown
    text = "ab\rcd\r"
    paragraphs = msdoc.Runs([0, 3], [3, 6], [msdoc.Props(1), msdoc.Props(2)])
    chars = msdoc.Runs([1], [2], [msdoc.Props(15)])
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(6)), chars, styles, paragraphs)) == "b\rcd\r"


def test_rows_whose_properties_are_kept_outside_their_page_still_end() -> None:
    # nine or eight columns: the row's properties are in the Data stream (sprmPHugePapx)
    assert _text("wide.doc") == [
        "Vorher.", " | ".join(f"z0s{c}" for c in range(9)), " | ".join(f"z1s{c}" for c in range(9)), "Dazwischen.",
        " | ".join(f"t{c}" for c in range(8)), "Danach."]


def test_fields_show_their_result_and_nest() -> None:
    text = 'Mehr \x13 HYPERLINK "https://example.org" \x14auf der Seite\x15 und \x13 IF \x13 PAGE \x143\x15 > 1 \x14ja\x15.'
    fcs = list(range(len(text)))
    assert "".join(ch for ch, _ in msdoc.visible(text, fcs, EMPTY)) == "Mehr auf der Seite und ja."
    # a field without a result shows nothing; a table of contents is left out with its result
    text = "a\x13 PAGE \x15b\x13 TOC \\o \x14Kapitel 1\x15c"
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), EMPTY)) == "abc"
    # field marks that do not nest (a field never ends, an end comes first) hide nothing: codes and results show
    text = "a\x13 HYPERLINK x \x14b\x15c\x13 d"
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), EMPTY)) == "a HYPERLINK x bc d"
    text = "a\x15b\x13 PAGE \x14c"
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), EMPTY)) == "ab PAGE c"
    # "TOC" with its switches written straight after it
    text = 'a\x13TOC\\o "1-3"\x14Kapitel 1\x15b'
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), EMPTY)) == "ab"
    # a field mark in deleted text still counts: the contents whose end was deleted still end
    text = "\x13 TOC \x14Eintrag\x15Text"
    deleted = msdoc.Runs([9], [10], [msdoc.Props(10, {0x0800: b"\x01"})])
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), deleted)) == "Text"


def test_deleted_and_hidden_characters_are_not_visible_but_paragraph_marks_are() -> None:
    text = "keep gone hidden\r"
    runs = msdoc.Runs([5, 10], [10, 16], [msdoc.Props(10, {0x0800: b"\x01"}), msdoc.Props(10, {0x083C: b"\x81"})])
    assert "".join(ch for ch, _ in msdoc.visible(text, list(range(len(text))), runs)) == "keep \r"


def test_property_lists_are_walked_by_operand_size() -> None:
    grpprl = (struct.pack("<HB", 0x2417, 1) + struct.pack("<HH", 0x460B, 2) + struct.pack("<HI", 0x6412, 7)
              + struct.pack("<HBBB", 0xC615, 2, 0, 0) + struct.pack("<HHBB", 0xD608, 3, 9, 9) + struct.pack("<HB", 0x2416, 1))
    assert [sprm for sprm, _ in msdoc._sprms(grpprl)] == [0x2417, 0x460B, 0x6412, 0xC615, 0xD608, 0x2416]
    assert dict(msdoc._sprms(grpprl))[0x460B] == b"\x02\x00"


def test_encrypted_old_word_and_other_office_files() -> None:
    def encrypt(fib: bytearray) -> None:
        fib[0x0A:0x0C] = struct.pack("<H", 0x0300)  # fEncrypted, and the 1Table stream

    locked = extract_doc(doc_edited("features.doc", "WordDocument", encrypt))
    assert isinstance(locked, Problem) and locked.reason is Reason.ENCRYPTED

    def word95(fib: bytearray) -> None:  # Word 95's layout: nFib 104, the stream's size where Word 97 counts
        fib[2:4] = struct.pack("<H", 104)
        fib[0x20:0x24] = struct.pack("<I", len(fib))

    old = extract_doc(doc_edited("features.doc", "WordDocument", word95))
    assert isinstance(old, Problem) and old.reason is Reason.UNSUPPORTED_TYPE and "Word 95" in old.detail, old
    assert extract_doc(encrypted_docx_bytes(["Text"])) is None  # an OLE container without a Word document
    for data in (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), word_file("features.doc")[:3000]):
        damaged = extract_doc(data)
        assert isinstance(damaged, Problem) and damaged.reason is Reason.UNREADABLE, damaged


def test_damaged_word_documents_never_raise() -> None:
    rng = random.Random(7)
    files = [p.read_bytes() for p in sorted(WORD_FILES.glob("*.doc"))]
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


def test_forged_counts_cost_no_more_than_the_file_holds() -> None:
    # a bin table naming one page many times is read once per page
    table = struct.pack("<3I", 0, 10, 20) + struct.pack("<2I", 7, 7)  # 2 entries, both page 7
    assert list(msdoc._fkp_pages(table, 0, len(table))) == [7]
    table = struct.pack("<5I", 0, 1, 2, 3, 4) + struct.pack("<4I", 3, 3, 5, 3)
    assert list(msdoc._fkp_pages(table, 0, len(table))) == [3, 5]

    def endless(stream: bytearray) -> None:  # a vector of 2^32 - 1 empty values as the first property
        section = struct.unpack_from("<I", stream, 44)[0]
        first = section + struct.unpack_from("<I", stream, section + 12)[0]
        stream[first : first + 8] = struct.pack("<II", 0x1000, 0xFFFFFFFF)

    damaged = extract_doc(doc_edited("features.doc", "\x05SummaryInformation", endless))
    assert isinstance(damaged, Extracted) and damaged.text == "\n".join(_text("features.doc"))
    assert msdoc.summary_properties(b"\xfe\xff" + bytes(40) + struct.pack("<II", 48, 0) + struct.pack("<II", 8, 0xFFFFFFFF)) == {}

    # a stream that claims to be larger than the file (its sector chain damaged) is not followed
    data = bytearray(word_file("features.doc"))
    entry = data.find("WordDocument".encode("utf-16-le"))
    data[entry + 120 : entry + 124] = struct.pack("<I", 0x7FFFFFF0)
    damaged = extract_doc(bytes(data))
    assert isinstance(damaged, Problem) and damaged.reason is Reason.UNREADABLE and "claims" in damaged.detail


def test_a_sector_chain_that_loops_is_not_followed() -> None:
    import olefile

    data = bytearray(word_file("features.doc"))
    ole = olefile.OleFileIO(bytes(data))
    entry = next(e for e in ole.direntries if e is not None and e.name == "WordDocument")
    assert entry.size >= ole.minisectorcutoff  # in the container's own sectors, chained by the FAT
    per_sector = ole.sectorsize // 4
    third = entry.isectStart
    for _ in range(2):
        third = ole.fat[third]
    fat_sector = struct.unpack_from("<I", data, 0x4C + 4 * (third // per_sector))[0]
    at = (fat_sector + 1) * ole.sectorsize + 4 * (third % per_sector)
    data[at : at + 4] = struct.pack("<I", entry.isectStart)  # the third sector leads back to the first
    looped = extract_doc(bytes(data))
    assert isinstance(looped, Problem) and looped.reason is Reason.UNREADABLE and "loops" in looped.detail, looped


def test_streams_may_not_claim_more_than_the_file_nor_send_the_mini_stream_round() -> None:
    data = bytearray(word_file("features.doc"))

    directory = (struct.unpack_from("<I", data, 0x30)[0] + 1) * 512  # the header names its first sector

    def entry(name: str) -> int:
        return data.find(name.encode("utf-16-le") + b"\0\0", directory)

    forged = bytearray(data)  # the table stream said to be larger than what the file has left
    at = entry("1Table")
    forged[at + 120 : at + 124] = struct.pack("<I", len(data) - 5181 + 1)
    result = extract_doc(bytes(forged))
    assert isinstance(result, Problem) and result.reason is Reason.UNREADABLE and "claims" in result.detail, result
    forged = bytearray(data)  # the mini stream (the summary's home) said to be 2 GB: the summary is passed over
    at = entry("Root Entry")
    forged[at + 120 : at + 124] = struct.pack("<I", 0x7FFFFFF0)
    result = extract_doc(bytes(forged))
    assert isinstance(result, Extracted) and result.properties.title is None and "Brücke" in result.text


def test_a_summary_date_out_of_range_drops_only_that_date() -> None:
    base = 48
    props = [(msdoc.TITLE, struct.pack("<II", 0x1E, 8) + b"Bericht\x00"), (msdoc.CREATED, struct.pack("<IQ", 0x40, 2**64 - 1))]
    offset, entries, values = 8 + 8 * len(props), b"", b""
    for pid, value in props:
        entries += struct.pack("<II", pid, offset + len(values))
        values += value
    header = struct.pack("<H", 0xFFFE) + bytes(22) + struct.pack("<I", 1) + bytes(16) + struct.pack("<I", base)
    stream = header + struct.pack("<II", 8 + len(entries) + len(values), len(props)) + entries + values
    assert msdoc.summary_properties(stream) == {msdoc.TITLE: "Bericht"}


def test_run_at_gives_the_run_and_the_positions_it_covers_or_the_gap() -> None:
    runs = msdoc.Runs([0, 3, 10], [5, 8, 12], [msdoc.Props(0)] * 3)
    assert msdoc._run_at(runs, 1) == (0, 0, 3)  # overlapping runs (a damaged file): the later one from its start
    assert msdoc._run_at(runs, 4) == (1, 3, 8)
    assert msdoc._run_at(runs, 9) == (-1, 8, 10)  # between runs
    assert msdoc._run_at(runs, 20) == (-1, 12, 2**63)
    assert msdoc._run_at(msdoc.Runs([], [], []), 7) == (-1, 0, 2**63)
