"""Word, e-mail and gzip files: text in reading order, properties, and problems with reasons."""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import datetime

from flows.models import Reason
from flows.steps.formats import Extracted, Problem, extract_docx, extract_email, gunzip, looks_like_email
from tests.documents import docx_bytes, eml_bytes

ARTICLE = "Neue Berichte deuten darauf hin, dass Russland China heimlich mit Ausrüstung versorgt."


def test_docx_body_in_reading_order_with_lists_and_tables_and_without_page_headers() -> None:
    data = docx_bytes(
        [
            "# Russland unterstützt China",
            ARTICLE,
            "- Erster Punkt",
            "- Zweiter Punkt",
            [["Art", "Wirkung", "Status"], ["Raketen", "hoch", "bestätigt"]],
            "Schluss des Artikels.",
        ],
        page_header="Kopfzeile der Zeitung",
    )
    result = extract_docx(data, max_bytes=1_000_000)
    assert isinstance(result, Extracted) and result.markup == "text"
    assert result.text.split("\n") == [
        "Russland unterstützt China",
        ARTICLE,
        "- Erster Punkt",
        "- Zweiter Punkt",
        "Art | Wirkung | Status",
        "Raketen | hoch | bestätigt",
        "Schluss des Artikels.",
    ]


def test_docx_properties_become_metadata() -> None:
    created = datetime(2024, 5, 6, 10)
    data = docx_bytes([ARTICLE], title="Die Lage", author="Erika Muster", keywords="Russland; China", created=created)
    result = extract_docx(data, max_bytes=1_000_000)
    assert isinstance(result, Extracted)
    props = result.properties
    assert (props.title, props.author, props.tags) == ("Die Lage", "Erika Muster", ("Russland", "China"))
    assert str(props.published) == "2024-05-06"


def test_damaged_empty_and_expanding_docx_are_problems() -> None:
    good = docx_bytes([ARTICLE])
    assert isinstance(extract_docx(good, max_bytes=1_000_000), Extracted)
    assert extract_docx(good[: len(good) // 2], max_bytes=1_000_000) is None  # no readable archive: not Word
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")  # an ODT-like archive
    assert extract_docx(other.getvalue(), max_bytes=1_000_000) is None
    empty = extract_docx(docx_bytes([]), max_bytes=1_000_000)
    assert isinstance(empty, Problem) and empty.reason == Reason.EMPTY
    # a document part that expands far beyond the size limit (a zip bomb) is refused before it is parsed
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/padding.bin", bytes(5_000_000))
    bomb = extract_docx(out.getvalue(), max_bytes=100_000)
    assert isinstance(bomb, Problem) and bomb.reason == Reason.TOO_LARGE
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else src.read(item.filename))
    result = extract_docx(broken.getvalue(), max_bytes=10_000_000)
    assert isinstance(result, Problem) and result.reason == Reason.UNREADABLE


def test_email_prefers_the_plain_text_part_and_takes_subject_sender_and_date() -> None:
    data = eml_bytes(plain=f"Guten Morgen,\n\n{ARTICLE}\n", html=f"<p>Guten Morgen, <b>{ARTICLE}</b></p>", attachment=b"\x00\x01")
    result = extract_email(data)
    assert isinstance(result, Extracted) and result.markup == "text"
    assert ARTICLE in result.text and "<p>" not in result.text
    props = result.properties
    assert (props.title, props.author, str(props.published)) == ("Die Lage am Morgen", "Der Morgen-Newsletter", "2024-03-05")


def test_email_with_only_html_is_html_and_without_a_body_is_a_problem() -> None:
    result = extract_email(eml_bytes(html=f"<html><body><p>{ARTICLE}</p></body></html>"))
    assert isinstance(result, Extracted) and result.markup == "html" and "<p>" in result.text
    nobody = extract_email(eml_bytes(attachment=b"\x00\x01"))
    assert isinstance(nobody, Problem) and nobody.reason == Reason.EMPTY
    unnamed = extract_email(eml_bytes(plain=ARTICLE, sender="<news@example.org>", date="not a date"))
    assert isinstance(unnamed, Extracted)
    assert unnamed.properties.author == "news@example.org" and unnamed.properties.published is None


def test_looks_like_email_needs_a_header_only_mail_has() -> None:
    assert looks_like_email(eml_bytes(plain=ARTICLE))
    assert not looks_like_email(b"From: the editor\nSubject: a note\n\nbody")  # a note, not a message
    assert not looks_like_email(b"Subject: a note\nNo colon here\n\nbody")
    assert not looks_like_email(ARTICLE.encode())


def test_email_body_without_a_charset_or_with_an_unknown_one_is_decoded() -> None:
    head = b"From: a@example.org\nMessage-ID: <2@example.org>\nSubject: Test\nMIME-Version: 1.0\n"
    body = "Größere Übungen für Straßenbahnen in München.\n".encode("cp1252")
    for content_type in (b"", b"Content-Type: text/plain\n", b"Content-Type: text/plain; charset=x-unknown\n",
                         b"Content-Type: text/plain; charset=us-ascii\n"):
        result = extract_email(head + content_type + b"Content-Transfer-Encoding: 8bit\n\n" + body * 3)
        assert isinstance(result, Extracted), content_type
        assert "Größere Übungen für Straßenbahnen" in result.text and "\ufffd" not in result.text, content_type


def test_gunzip_is_bounded() -> None:
    assert gunzip(gzip.compress(b"abc" * 10), max_bytes=100) == b"abc" * 10
    bomb = gunzip(gzip.compress(bytes(5_000_000)), max_bytes=1_000_000)
    assert isinstance(bomb, Problem) and bomb.reason == Reason.TOO_LARGE
    broken = gunzip(gzip.compress(b"abc" * 1000)[:40], max_bytes=1_000_000)
    assert isinstance(broken, Problem) and broken.reason == Reason.UNREADABLE


def test_docx_tables_keep_equal_cells_nested_tables_and_content_controls() -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    votes = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["Partei", "Sitze", "Vorjahr"], ["SPD", "12", "12"]]):
        for c, value in enumerate(row):
            votes.cell(r, c).text = value
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "außen"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "innen 1", "innen 2"
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Kopf"
    merged.cell(1, 0).text, merged.cell(1, 1).text = "x", "y"
    controlled = document.add_paragraph("Im Steuerelement.")
    sdt = document.element.body.makeelement(qn("w:sdt"), {})
    content = document.element.body.makeelement(qn("w:sdtContent"), {})
    controlled._p.addprevious(sdt)
    sdt.append(content)
    content.append(controlled._p)
    out = io.BytesIO()
    document.save(out)
    result = extract_docx(out.getvalue(), max_bytes=1_000_000)
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == [
        "Partei | Sitze | Vorjahr", "SPD | 12 | 12", "außen | innen 1 innen 2", "Kopf", "x | y", "Im Steuerelement."
    ]


def test_gunzip_reads_every_member_and_ignores_trailing_garbage() -> None:
    data = gzip.compress(b"erster Teil, ") + gzip.compress(b"zweiter Teil") + b"\x00\x00junk"
    assert gunzip(data, max_bytes=1000) == b"erster Teil, zweiter Teil"
