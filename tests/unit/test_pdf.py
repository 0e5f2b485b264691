"""Rebuilding a PDF's layout lines into paragraphs: running lines, gaps, indents, bullets, broken words."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from flows.models import Reason
from flows.steps.formats import Extracted, Problem, extract_pdf
from flows.steps.pdf import Line, drop_running_lines, mend, paragraphs
from tests.conftest import SEEDS
from tests.documents import LATIN1, blank_pdf_bytes, pdf_bytes

FULL = "x" * 90  # a full line of body text


def _lines(*texts: str) -> list[Line]:
    return [Line(t) for t in texts]


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    body = {n: [f"Absatz {word} der Seite." for word in words] for n, words in {1: "ab", 2: "cd", 3: "ef"}.items()}
    pages = [_lines("Tageszeitung – Politik", *body[n], f"Seite {n} von 3") for n in (1, 2, 3)]
    out = drop_running_lines(pages)
    assert [[line.text for line in page] for page in out] == [body[n] for n in (1, 2, 3)]


def test_running_heads_that_alternate_between_facing_pages_are_dropped() -> None:
    """Odd pages head with the title, even pages with the section: each is on half the pages only."""
    words = ["Rat", "Haushalt", "Schule", "Brücke", "Hafen", "Bahn", "Wahl", "Steuer", "Klinik", "Park"]
    body = {n: [f"Der Absatz über {words[(n + k) % 10]} und {words[(3 * n + k) % 10]} steht hier." for k in range(6)]
            for n in range(1, 6)}
    heads = {1: "Financial Daily", 0: "Markets & Economy"}
    pages = [_lines(heads[n % 2], *body[n]) for n in range(1, 6)]
    out = drop_running_lines(pages)
    assert [[line.text for line in page] for page in out] == [body[n] for n in range(1, 6)]


def test_a_caption_at_the_foot_of_two_pages_of_one_side_stays() -> None:
    """Six pages: a chart's source line ends pages 2 and 4 only; on one side's every page it would be a running foot."""
    words = ["Rat", "Haushalt", "Schule", "Brücke", "Hafen", "Bahn", "Wahl", "Steuer", "Klinik", "Park"]
    body = {n: [f"Der Absatz über {words[(n + k) % 10]} und {words[(3 * n + k) % 10]} steht hier." for k in range(6)]
            for n in range(1, 7)}
    source = "Quelle: Bundesagentur für Arbeit, eigene Berechnungen"
    pages = [_lines("Arbeitsmarktbericht 2024", *body[n], *([source] if n in (2, 4) else [])) for n in range(1, 7)]
    out = drop_running_lines(pages)
    assert sum(line.text == source for page in out for line in page) == 2


def test_body_lines_that_differ_only_in_their_numbers_are_not_running_lines() -> None:
    """Numbered entries share a form with the numbers blanked, at page edges and inside pages alike."""
    pages = [_lines(*(f"Sitzung {5 * p + i}: der Rat tagte am {i + 1}. Mai und beschloss Punkt {10 * p + i}." for i in range(5)))
             for p in range(4)]
    assert drop_running_lines(pages) == pages


def test_a_heading_like_a_number_stays_but_a_page_number_goes() -> None:
    [page] = drop_running_lines([_lines("§ 12", "Ein Absatz Text.", "Noch ein Absatz.", "mix", "(3)")])
    assert [line.text for line in page] == ["§ 12", "Ein Absatz Text.", "Noch ein Absatz.", "mix"]


def test_a_line_at_the_edge_of_one_page_only_is_kept() -> None:
    pages = [_lines("Überschrift des Artikels", "Text."), _lines("Zweite Seite beginnt hier", "Mehr Text.")]
    assert drop_running_lines(pages) == pages


def test_bare_page_numbers_go_even_on_a_single_page_but_a_header_stays() -> None:
    [page] = drop_running_lines([_lines("Kopfzeile der Zeitung", "Ein Absatz Text.", "- 7 -")])
    assert [line.text for line in page] == ["Kopfzeile der Zeitung", "Ein Absatz Text."]


def test_lines_of_a_paragraph_join_and_a_wider_gap_separates_paragraphs() -> None:
    # baselines 14 points apart inside a paragraph, 20 between paragraphs
    page = [
        Line(FULL, 50, 700, 11),
        Line("y" * 88, 50, 686, 11),
        Line("Ende eines Absatzes, fast so lang wie eine volle Zeile; er endet hier ohne Punkt" + "z" * 8, 50, 672, 11),
        Line("Neuer Absatz" + "w" * 78, 50, 652, 11),
        Line("kurz.", 50, 638, 11),
    ]
    out = paragraphs([page])
    assert len(out) == 2
    assert out[0].startswith(FULL + " " + "y" * 88) and out[1].startswith("Neuer Absatz") and out[1].endswith(" kurz.")


def test_a_page_of_one_line_paragraphs_is_not_taken_for_one_paragraph() -> None:
    """No gap on the page is a line spacing; the widest spacing believed is 1.5 times the font size."""
    rows = [Line(f"Zeile {i} " + "v" * 84, 50, 700 - 20 * i, 11) for i in range(6)]
    assert paragraphs([rows]) == [row.text for row in rows]


def test_without_positions_a_short_line_ends_the_paragraph() -> None:
    out = paragraphs([_lines(FULL, FULL, "das Ende.", "Überschrift", FULL, "Schluss.")])
    assert out == [f"{FULL} {FULL} das Ende.", "Überschrift", f"{FULL} Schluss."]


def test_a_heading_in_a_larger_font_and_an_indented_first_line_start_paragraphs() -> None:
    page = [
        Line(FULL, 50, 700, 11),
        Line("Eine Überschrift in großer Schrift, so lang wie eine volle Zeile des Textes......", 50, 686, 16),
        Line(FULL, 50, 672, 11),
        Line("Eingerückt" + "e" * 80, 62, 658, 11),  # first line set in from the lines around it
        Line(FULL, 50, 644, 11),
    ]
    out = paragraphs([page])
    assert [p[:10] for p in out] == ["x" * 10, "Eine Übers", "x" * 10, "Eingerückt"]


def test_bullets_start_items_and_a_hanging_indent_continues_them() -> None:
    page = [
        Line("• Erster Punkt, der über zwei Zeilen läuft, weil er so viele Wörter hat und weiter", 50, 700, 11),
        Line("geht als die Zeile breit ist.", 62, 686, 11),
        Line("• Zweiter Punkt, der ebenfalls über zwei Zeilen läuft, weil er viele Wörter hat", 50, 672, 11),
        Line("und dann endet.", 62, 658, 11),
    ]
    assert paragraphs([page]) == [
        "• Erster Punkt, der über zwei Zeilen läuft, weil er so viele Wörter hat und weiter geht als die Zeile breit ist.",
        "• Zweiter Punkt, der ebenfalls über zwei Zeilen läuft, weil er viele Wörter hat und dann endet.",
    ]


def test_a_paragraph_goes_on_in_the_next_column() -> None:
    left = [Line(FULL, 50, 700 - 14 * i, 11) for i in range(4)]
    right = [Line("weiter in der zweiten Spalte.", 300, 700, 11), Line("Neuer Absatz" + "n" * 78, 300, 680, 11)]
    assert paragraphs([left + right]) == [" ".join([FULL] * 4) + " weiter in der zweiten Spalte.", "Neuer Absatz" + "n" * 78]


def test_table_of_contents_entries_stay_apart() -> None:
    toc = [Line(f"{n} Kapitel {n} " + ". " * 40 + str(3 * n), 50, 700 - 14 * n, 11) for n in range(1, 5)]
    assert paragraphs([toc]) == [line.text for line in toc]


def test_numbered_items_start_paragraphs_but_a_dash_inside_a_sentence_does_not() -> None:
    out = paragraphs([_lines(
        "Die Punkte:",
        "1. Der erste Punkt ist lang genug, dass er über eine volle Zeile des Textes läuft und",
        "weitergeht.",
        "2. Der zweite Punkt.",
        "Er sagte, es gebe noch viel zu tun, und die Regierung habe das auch so gesehen, aber",
        "- und das ist neu - sie will nun schneller handeln, als sie es bisher getan hatte.",
    )])
    assert out == [
        "Die Punkte:",
        "1. Der erste Punkt ist lang genug, dass er über eine volle Zeile des Textes läuft und weitergeht.",
        "2. Der zweite Punkt.",
        "Er sagte, es gebe noch viel zu tun, und die Regierung habe das auch so gesehen, aber - und das ist neu - "
        "sie will nun schneller handeln, als sie es bisher getan hatte.",
    ]


def test_a_paragraph_goes_on_across_a_page_break() -> None:
    out = paragraphs([_lines(FULL, FULL, FULL, FULL), _lines("weiter auf der nächsten Seite.", "Neuer Absatz.")])
    assert out == [f"{FULL} {FULL} {FULL} {FULL} weiter auf der nächsten Seite.", "Neuer Absatz."]


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("die Bundes-", "regierung beschloss", "die Bundesregierung beschloss"),  # a word broken at a syllable
        ("ein Verteidigungs-", "und Sicherheitsforum", "ein Verteidigungs- und Sicherheitsforum"),  # elided compound
        ("pre-", "and post-war", "pre- and post-war"),
        ("Baden-", "Württemberg", "Baden-Württemberg"),  # before a capital the hyphen belongs to the word
        ("die Corona-", "Pandemie", "die Corona-Pandemie"),
        ("a long-", "term plan", "a long-term plan"),  # written with a hyphen elsewhere in the document
        ("soft\u00ad", "ware", "software"),
        ("ein Satz.", "Noch einer", "ein Satz. Noch einer"),
    ],
)
def test_a_hyphen_at_a_line_end(head: str, tail: str, joined: str) -> None:
    assert mend(head, tail, frozenset({"long-term"})) == joined


SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _seed_lines(name: str) -> list[str]:
    return [line for line in (SEEDS / name).read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_a_seed_printed_to_pdf_comes_back_line_for_line(seed: str) -> None:
    """Every paragraph, list item and table row of the seed (followed by the next seed, so that there are two
    pages at least), and nothing of the running header or the page numbers."""
    lines = _seed_lines(seed) + _seed_lines(SEED_NAMES[(SEED_NAMES.index(seed) + 1) % len(SEED_NAMES)])
    result = extract_pdf(pdf_bytes(lines))
    assert isinstance(result, Extracted)
    expected = [" ".join(line.translate(LATIN1).encode("latin-1", "replace").decode("latin-1").split()) for line in lines]
    assert result.text.split("\n") == expected


def test_pdf_properties_become_metadata() -> None:
    data = pdf_bytes(
        ["Ein Absatz mit genug Text für eine Zeile."],
        title="Russland und China",
        author="Erika Muster",
        keywords="Russland, China; Taiwan",
    )
    result = extract_pdf(data)
    assert isinstance(result, Extracted) and result.markup == "text"
    props = result.properties
    assert (props.title, props.author, props.tags) == ("Russland und China", "Erika Muster", ("Russland", "China", "Taiwan"))
    assert props.published is not None and props.published.isoformat() == "2024-03-05"


def test_a_file_name_as_title_is_not_a_title() -> None:
    result = extract_pdf(pdf_bytes(["Text eines Absatzes."], title="Microsoft Word - Dokument1.docx"))
    assert isinstance(result, Extracted) and result.properties.title is None


def test_pdf_that_opens_without_a_password_is_read_and_one_that_needs_one_is_refused() -> None:
    opened = extract_pdf(pdf_bytes(["Geschützt nur gegen Änderungen."], owner_password="secret"))
    assert isinstance(opened, Extracted) and "Geschützt nur gegen Änderungen." in opened.text
    locked = extract_pdf(pdf_bytes(["Geheim."], user_password="secret"))
    assert isinstance(locked, Problem) and locked.reason == Reason.ENCRYPTED and "password" in locked.detail


def test_scanned_and_damaged_pdfs_are_problems_with_reasons() -> None:
    scanned = extract_pdf(blank_pdf_bytes())
    assert isinstance(scanned, Problem) and scanned.reason == Reason.NO_TEXT and "OCR" in scanned.detail
    good = pdf_bytes(["Ein Absatz."])
    for damaged in (b"%PDF-1.4\n" + bytes(300), good[: len(good) // 3]):
        result = extract_pdf(damaged)
        assert isinstance(result, Problem) and result.reason in (Reason.UNREADABLE, Reason.NO_TEXT), result


def test_a_seed_set_in_two_columns_comes_back_line_for_line() -> None:
    from fpdf import FPDF

    lines = _seed_lines("004_0ea8069e22714357.txt")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    columns = pdf.text_columns(ncols=2, gutter=8, text_align="LEFT")
    with columns:
        for line in lines:
            columns.write(line.translate(LATIN1).encode("latin-1", "replace").decode("latin-1") + "\n")
            columns.ln()
    result = extract_pdf(bytes(pdf.output()))
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == [" ".join(line.translate(LATIN1).split()) for line in lines]


def test_font_size_set_through_the_text_matrix_is_the_size_on_the_page() -> None:
    """'/F1 1 Tf' with a text matrix scaled by 11: the line spacing is measured, and a wider gap separates."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    para = ["Erster Absatz " * 6, "geht hier weiter " * 5, "Zweiter Absatz " * 6, "endet hier " * 8]
    ys = [700, 686, 662, 648]  # 14 points apart inside a paragraph, 24 between them
    ops = "".join(f"BT /F1 1 Tf 11 0 0 11 50 {y} Tm ({t.strip()}) Tj ET\n" for t, y in zip(para, ys))
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    result = extract_pdf(out.getvalue())
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == [f"{para[0].strip()} {para[1].strip()}", f"{para[2].strip()} {para[3].strip()}"]


def test_pdf_route_reads_real_layout(tmp_path: Path) -> None:
    """A two-column-free report with a heading in a larger font, set by fpdf2 at another size."""
    data = pdf_bytes(["Bericht", "Erster Absatz " * 20, "Zweiter Absatz " * 20], size=10, header=None, footer=None)
    result = extract_pdf(data)
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == ["Bericht", ("Erster Absatz " * 20).strip(), ("Zweiter Absatz " * 20).strip()]


def test_damaged_pdfs_never_raise() -> None:
    """Bytes flipped and files cut short at random (fixed seed): every result is a text or a problem."""
    import random

    rng = random.Random(7)
    base = pdf_bytes(_seed_lines("002_cd6aa4200cfb7c40.txt"))
    outcomes = set()
    for _ in range(60):
        data = bytearray(base)
        for _ in range(rng.choice((1, 5, 50))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        result = extract_pdf(bytes(data))
        assert isinstance(result, (Extracted, Problem))
        outcomes.add(type(result))
    assert outcomes == {Extracted, Problem}  # some damage is repaired, some is not


def test_rows_of_a_table_written_as_text_stay_lines_without_gaps_between_them() -> None:
    rows = ["Art | Wirkung | Status |", "Raketentechnik | höhere Reichweite der Angriffe auf Ziele im Hinterland | bestätigt |",
            "Aufklärung | genauere Zielerfassung | laufend |"]
    page = [Line(FULL, 50, 700, 11), Line("y" * 88, 50, 686, 11)]
    page += [Line(row, 50, 672 - 14 * i, 11) for i, row in enumerate(rows)]
    page += [Line(FULL, 50, 630, 11), Line("Ende.", 50, 616, 11)]
    assert paragraphs([page]) == [f"{FULL} {'y' * 88}", *rows, f"{FULL} Ende."]
