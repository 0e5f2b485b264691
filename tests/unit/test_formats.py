"""Word, OpenDocument, RTF, e-mail and gzip files: text in reading order, properties, and problems with reasons."""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from flows.models import Reason
from flows.steps.formats import (
    Extracted,
    Problem,
    extract_doc,
    extract_docx,
    extract_email,
    extract_mhtml,
    extract_odt,
    extract_rtf,
    extract_webarchive,
    gunzip,
    looks_like_email,
    looks_like_mhtml,
    looks_like_webarchive,
    unflow,
)
from tests.documents import (
    docx_bytes,
    docx_from_xml,
    eml_bytes,
    mhtml_bytes,
    odt_bytes,
    odt_from_rst,
    odt_package,
    odt_styled,
    pdf_bytes,
    revised_odt,
    rtf_bytes,
    styled_odt,
    webarchive_bytes,
    word_file,
)

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


def test_docx_insertions_are_kept_and_deletions_hidden_text_notes_and_generated_contents_are_not() -> None:
    # written by LibreOffice (tests/data/word/make_fixtures.py): the same sources as the .doc files
    def lines(name: str) -> list[str]:
        result = extract_docx(word_file(name), max_bytes=10**7)
        assert isinstance(result, Extracted), result
        return result.text.split("\n")

    assert lines("revised.docx") == [
        "Der Rat stimmte zu. Die Arbeiten beginnen im Mai.",
        "Eingefügt: die Brücke bekommt einen Radweg.",  # a tracked insertion
        "Die Stadt rechnet mit Verkehr. Umleitungen sind ausgeschildert.",
    ]
    # a table of contents (a field, with its title in the content control Word wraps it in), text hidden by a
    # character style, by a paragraph style (a part shown again by a character style) and directly, a page number
    # field's value
    assert lines("styled.docx") == [
        "Die Brücke", "Sichtbar bleibt sichtbar.", "doch gezeigt", "Die Kosten", "Direkt Ende, Seite 1."]


@pytest.mark.parametrize("name", ["revised", "styled"])
def test_one_document_reads_the_same_in_every_word_processor_format(name: str) -> None:
    """The same ODT saved by LibreOffice as DOC, DOCX and RTF (tests/data/word/make_fixtures.py) gives the same
    lines as the ODT itself: insertions kept; deletions, notes, comments, hidden text, contents with their title
    and field codes left out. RTF differs in two ways: the contents' title stays (a paragraph of its own before
    the field), and so does a paragraph style's hiding over a part that a character style shows."""
    results = {
        "odt": extract_odt(revised_odt() if name == "revised" else styled_odt(), max_bytes=10**7),
        "doc": extract_doc(word_file(f"{name}.doc")),
        "docx": extract_docx(word_file(f"{name}.docx"), max_bytes=10**7),
        "rtf": extract_rtf(word_file(f"{name}.rtf")),
    }
    lines = {kind: r.text.split("\n") for kind, r in results.items() if isinstance(r, Extracted)}
    assert len(lines) == 4, results
    expected = lines.pop("odt")
    rtf = lines.pop("rtf")
    for kind, got in lines.items():
        assert got == expected, kind
    assert rtf == [line for line in (["Inhalt"] if name == "styled" else []) + expected if line != "doch gezeigt"]


def test_docx_field_that_never_ends_hides_nothing_and_a_toc_field_is_left_out() -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def field(kind: str) -> object:
        return parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="{kind}"/></w:r>')

    def code(text: str) -> object:
        return parse_xml(f'<w:r {w}><w:instrText xml:space="preserve">{text}</w:instrText></w:r>')

    def save(document) -> bytes:  # type: ignore[no-untyped-def]
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    document = docx.Document()
    toc = document.add_paragraph()
    for part in (field("begin"), code(" TOC \\o "), field("separate")):
        toc._p.append(part)
    toc.add_run("Kapitel 1")
    toc._p.append(field("end"))
    page = document.add_paragraph("Seite ")
    for part in (field("begin"), code(" PAGE "), field("separate")):
        page._p.append(part)
    page.add_run("3")
    page._p.append(field("end"))
    result = extract_docx(save(document), max_bytes=10**7)
    assert isinstance(result, Extracted) and result.text == "Seite 3"
    broken = docx.Document()
    start = broken.add_paragraph("Vorher ")
    start._p.append(field("begin"))  # never separated, never ended
    broken.add_paragraph("Der Rest des Dokuments.")
    result = extract_docx(save(broken), max_bytes=10**7)
    assert isinstance(result, Extracted) and result.text.split("\n") == ["Vorher", "Der Rest des Dokuments."]


def _docx_lines(paragraphs: list[str], styles: tuple[str, ...] = ()) -> list[str]:
    result = extract_docx(docx_from_xml(paragraphs, styles=styles), max_bytes=10**7)
    assert isinstance(result, Extracted), result
    return result.text.split("\n")


def _run(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>' if props else \
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _mark(kind: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _code(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


def test_docx_field_marks_count_in_hidden_and_deleted_runs_and_must_nest() -> None:
    hidden = "<w:vanish/>"
    # a PAGE field whose separate and end marks are hidden still ends
    assert _docx_lines([_run("A ") + _mark("begin") + _code(" PAGE ") + _mark("separate", hidden) + _run("1")
                        + _mark("end", hidden) + _run(" B"), _run("C")]) == ["A 1 B", "C"]
    # a table of contents whose end mark was deleted (tracked) still ends
    assert _docx_lines([_mark("begin") + _code(" TOC \\o ") + _mark("separate") + _run("Eintrag 1"),
                        _run("Eintrag 2") + f'<w:del w:id="1" w:author="R">{_mark("end")}</w:del>',
                        _run("Kapitel 1"), _run("Text.")]) == ["Kapitel 1", "Text."]
    # an index entry inside the contents, its begin mark hidden, does not end the contents early
    assert _docx_lines([_mark("begin") + _code(" TOC ") + _mark("separate") + _run("E1"),
                        _run("E2 ") + _mark("begin", hidden) + _code(' XE "x" ') + _mark("end") + _run("E3"),
                        _run("E4") + _mark("end"), _run("Body")]) == ["Body"]
    # marks that do not nest (an end before any begin, a begin never ended) switch fields off: nothing is lost
    assert _docx_lines([_run("A") + _mark("end") + _run(" B"), _run("C ") + _mark("begin") + _code(" PAGE "),
                        _run("D")]) == ["A B", "C", "D"]
    # TOC written without a space before its switches
    assert _docx_lines([_mark("begin") + _code('TOC\\o "1-3"') + _mark("separate") + _run("E1") + _mark("end"),
                        _run("Body")]) == ["Body"]


def test_docx_placeholders_and_paragraph_styles_that_hide_text_show_nothing() -> None:
    placeholder = ('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                   + _run("Klicken oder tippen Sie hier, um Text einzugeben.") + "</w:sdtContent></w:sdt>")
    hiding = ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="Versteckt"><w:name w:val="Versteckt"/>'
              "<w:rPr><w:vanish/></w:rPr></w:style>")
    lines = _docx_lines([_run("Name: ") + placeholder, '<w:pPr><w:pStyle w:val="Versteckt"/></w:pPr>' + _run("weg"),
                         '<w:pPr><w:pStyle w:val="Versteckt"/></w:pPr>' + _run("doch da", '<w:vanish w:val="0"/>'),
                         _run("B")], styles=(hiding,))
    assert lines == ["Name:", "doch da", "B"]


def test_odt_nested_repeated_cells_do_not_multiply_and_header_styles_do_not_hide_body_text() -> None:
    cell = '<table:table-cell table:number-columns-repeated="64">{}</table:table-cell>'
    inner = "<text:p>x</text:p>"
    for _ in range(5):  # each level repeated 64 times would give 64^5 cells
        inner = f"<table:table><table:table-row>{cell.format(inner)}</table:table-row></table:table>"
    result = extract_odt(odt_package(inner), max_bytes=10**6)
    assert isinstance(result, Extracted) and len(result.text) < 1000
    # styles.xml's automatic styles (headers and footers) may reuse a body style's name
    body = '<text:p>A <text:span text:style-name="T1">sichtbar</text:span> B</text:p>'
    package = odt_styled(body, '<style:style style:name="T1" style:family="text"/>', "")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["styles.xml"] = files["styles.xml"].replace(
        b"</office:document-styles>",
        b'<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties '
        b'text:display="none"/></style:style></office:automatic-styles></office:document-styles>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    result = extract_odt(out.getvalue(), max_bytes=10**6)
    assert isinstance(result, Extracted) and result.text == "A sichtbar B"


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


@pytest.mark.parametrize(
    ("header", "sent"),
    [
        ("Mon, 01 Jan 0000 10:00:00 +0000", None),  # was 2000-01-01
        ("Fri, 01 Jan 0099 10:00:00 +0000", None),  # was 1999-01-01
        ("Fri, 01 Jan 99 10:00:00 +0000", "1999-01-01"),  # two digits: as the standard says
        ("5 Mar 2024 07:00 +0100", "2024-03-05"),
        ("Tue, Mar 05 0000 07:00 -0000", None),  # the month before the day
        ("Tuesday, 05 March 0024 07:00 +0100", None),  # the month written out
        ("Tue, 05 Mar " + "1" * 4400 + " 07:00:00 +0100", None),  # raised ValueError (too many digits), losing the e-mail
        ("Tue, 01 Jul 2003 10:52:37 0200", "2003-07-01"),  # a zone without its sign is no year
        ("Tue, 01 Jul 2003 10:52:37 +0200 (added by mailer 1.0.123)", "2003-07-01"),
        ("not a date", None),
    ],
)
def test_an_email_date_is_the_year_as_written(header: str, sent: str | None) -> None:
    data = eml_bytes(plain=ARTICLE).replace(b"Tue, 05 Mar 2024 07:00:00 +0100", header.encode())  # as a sender wrote it
    assert header.encode() in data
    result = extract_email(data)
    assert isinstance(result, Extracted)
    assert (str(result.properties.published) if result.properties.published else None) == sent


def test_an_email_whose_plain_part_cannot_be_decoded_is_read_from_its_html_part_or_refused_saying_so() -> None:
    """Base64 not in whole four-letter groups: the e-mail was lost as "no text or HTML body" though its HTML part
    was readable."""
    import base64

    html = "<html><body>" + f"<p>{ARTICLE}</p>" * 3 + "</body></html>"
    data = eml_bytes(plain="PLAIN text of the message, in ASCII.", html=html)
    head, sep, rest = data.partition(b"Content-Transfer-Encoding: 7bit")
    assert sep
    damaged = base64.b64encode(b"PLAIN text of the message, in ASCII, longer.").rstrip(b"=")
    damaged = damaged[: len(damaged) - (len(damaged) - 1) % 4]  # one letter over whole groups
    plain_end = rest.index(b"\n--")
    bad = head + b"Content-Transfer-Encoding: base64" + b"\n\n" + damaged + rest[plain_end:]
    result = extract_email(bad)
    assert isinstance(result, Extracted) and result.markup == "html" and ARTICLE in result.text and "PLAIN" not in result.text
    only = eml_bytes(plain="PLAIN text.").replace(b"Content-Transfer-Encoding: 7bit", b"Content-Transfer-Encoding: base64")
    only = only[: only.rindex(b"\n\n") + 2] + damaged + b"\n"
    refused = extract_email(only)
    assert isinstance(refused, Problem) and refused.reason == Reason.UNREADABLE and "base64" in refused.detail


def test_an_email_header_longer_than_the_limit_is_refused_before_it_is_parsed() -> None:
    """The email package's time grows with the square of a header field: a 1 MB Subject took 23 s."""
    from flows.steps.formats import MAX_MIME_HEADER

    data = eml_bytes(plain=ARTICLE).replace(b"Subject: Die Lage am Morgen", b"Subject: " + b"word " * (MAX_MIME_HEADER // 5 + 1))
    refused = extract_email(data)
    assert isinstance(refused, Problem) and refused.reason == Reason.UNREADABLE and "header is longer" in refused.detail
    assert isinstance(extract_email(eml_bytes(plain=ARTICLE, subject="word " * 100)), Extracted)


def test_an_email_whose_plain_part_is_a_stub_is_read_from_its_html_part() -> None:
    stub = "To view this newsletter, open it in an e-mail program that displays HTML, or view it online."
    html = "<html><body><h1>Die Lage</h1>" + f"<p>{ARTICLE}</p>" * 8 + "</body></html>"
    result = extract_email(eml_bytes(plain=stub, html=html))
    assert isinstance(result, Extracted) and result.markup == "html" and ARTICLE in result.text


def test_a_full_plain_part_stays_beside_html_padded_with_a_hidden_preview_and_a_footer() -> None:
    plain = "\n\n".join([ARTICLE] * 6)
    padding = "&zwnj;&nbsp;" * 150
    footer = "Impressum: Beispiel Verlag GmbH, Musterstraße 1, 12345 Musterstadt. " * 3
    html = (f'<html><body><div style="max-height:0;overflow:hidden">Heute: Fernwärme {padding}</div>'
            + "".join(f"<p>{ARTICLE}</p>" for _ in range(6)) + f"<p>{footer}</p></body></html>")
    result = extract_email(eml_bytes(plain=plain, html=html))
    assert isinstance(result, Extracted) and result.markup == "text"


def test_email_with_only_html_is_html_and_without_a_body_is_a_problem() -> None:
    result = extract_email(eml_bytes(html=f"<html><body><p>{ARTICLE}</p></body></html>"))
    assert isinstance(result, Extracted) and result.markup == "html" and "<p>" in result.text
    nobody = extract_email(eml_bytes(attachment=b"\x00\x01"))
    assert isinstance(nobody, Problem) and nobody.reason == Reason.EMPTY
    unnamed = extract_email(eml_bytes(plain=ARTICLE, sender="<news@example.org>", date="not a date"))
    assert isinstance(unnamed, Extracted)
    assert unnamed.properties.author == "news@example.org" and unnamed.properties.published is None


def test_a_flowed_plain_part_is_read_with_its_paragraphs_joined_again() -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"], message["Message-ID"] = "Redaktion <r@example.org>", "Haushalt", "<2@example.org>"
    wrapped = (
        "Der Stadtrat hat am Dienstag den \r\nHaushalt beschlossen. \r\nEr tritt 2025 in Kraft.\r\n\r\n"
        "> Eine Leserin schrieb, der \r\n> Haushalt sei zu knapp.\r\n \r\n From here on, stuffed.\r\n-- \r\nRedaktion\r\n"
    )
    message.set_content(wrapped.encode("utf-8"), maintype="text", subtype="plain", cte="8bit", params={"format": "flowed", "charset": "utf-8"})
    result = extract_email(bytes(message))
    assert isinstance(result, Extracted)
    assert result.text.splitlines() == [
        "Der Stadtrat hat am Dienstag den Haushalt beschlossen. Er tritt 2025 in Kraft.", "",
        "> Eine Leserin schrieb, der Haushalt sei zu knapp.", "", "From here on, stuffed.", "-- ", "Redaktion",
    ]
    assert unflow("Ein  \nSatz.", delsp=True) == "Ein Satz." and unflow("Ein \nSatz.") == "Ein Satz."
    assert unflow("> tief \n>> tiefer\n") == "> tief \n>> tiefer\n"  # a wrapped line before another depth ends


def test_messages_forwarded_as_attachments_follow_the_body_or_are_it() -> None:
    import email
    import email.policy
    from email.message import EmailMessage

    def forwarded(subject: str, plain: str | None = None, html: str | None = None) -> EmailMessage:
        return email.message_from_bytes(eml_bytes(subject=subject, plain=plain, html=html), policy=email.policy.default)  # type: ignore[return-value]

    def outer(plain: str | None, *inner: EmailMessage, html: str | None = None, as_file: bool = False) -> bytes:
        message = email.message_from_bytes(eml_bytes(subject="Fwd: zwei Artikel", plain=plain, html=html), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        if plain is None and html is None:
            message.set_content("")
            message.clear_content()
        for attached in inner:
            if as_file:
                message.add_attachment(bytes(attached), maintype="application", subtype="octet-stream", filename="artikel.eml")
            else:
                message.add_attachment(attached)
        return bytes(message)

    first = forwarded("Haushalt beschlossen", plain=ARTICLE)
    second = forwarded("Flood in London", html="<html><body><h1>Flood</h1><p>Heavy rain flooded the streets.</p></body></html>")
    both = extract_email(outer("Zur Info, siehe unten.", first, second))
    assert isinstance(both, Extracted) and both.markup == "text" and both.properties.title == "Fwd: zwei Artikel"
    assert both.text.split("\n\n") == ["Zur Info, siehe unten.", "Haushalt beschlossen", ARTICLE, "Flood in London", "Flood\nHeavy rain flooded the streets."]
    alone = extract_email(outer(None, first, as_file=True))
    assert isinstance(alone, Extracted) and alone.text == f"Haushalt beschlossen\n\n{ARTICLE}"
    middle = email.message_from_bytes(outer(None, first), policy=email.policy.default)  # no body, one attached
    assert isinstance(middle, EmailMessage)
    nested = extract_email(outer(None, middle))
    assert isinstance(nested, Extracted) and nested.text == f"Haushalt beschlossen\n\n{ARTICLE}"
    html_outer = extract_email(outer(None, first, html=f"<html><body><p>{ARTICLE}</p></body></html>"))
    assert isinstance(html_outer, Extracted) and html_outer.markup == "html" and "Haushalt beschlossen" not in html_outer.text
    damaged = (
        b"From: a <a@example.org>\r\nSubject: Fwd\r\nMessage-ID: <3@example.org>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nSiehe unten.\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\n\r\nContent-Type: multipart/mixed; boundary=\"\r\n\r\ngarbage\x00\xff\r\n--B--\r\n"
    )
    kept = extract_email(damaged)  # a malformed attached message is passed over
    assert isinstance(kept, Extracted) and kept.text == "Siehe unten."


def test_a_file_named_eml_that_is_no_message_is_not_read_into_the_text() -> None:
    """A note (or a PDF, anything) sent as ``notiz.eml`` was parsed as a forwarded message and its text read into
    the message's; it is an attached file (``flows.steps.attachments``), and a real ``.eml`` still follows the body."""
    import email.policy
    from email.message import EmailMessage

    message = email.message_from_bytes(eml_bytes(subject="Fwd: Scan", plain="Siehe Anhang."), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    message.add_attachment(b"Termine der Woche: Montag Stadtrat, Dienstag Presse.\n", maintype="application", subtype="octet-stream", filename="notiz.eml")
    message.add_attachment(pdf_bytes([ARTICLE]), maintype="application", subtype="octet-stream", filename="scan.eml")
    message.add_attachment(eml_bytes(subject="Haushalt", plain=ARTICLE), maintype="application", subtype="octet-stream", filename="artikel.eml")
    read = extract_email(bytes(message))
    assert isinstance(read, Extracted) and read.text == f"Siehe Anhang.\n\nHaushalt\n\n{ARTICLE}"


def test_looks_like_email_needs_a_header_only_mail_has() -> None:
    assert looks_like_email(eml_bytes(plain=ARTICLE))
    assert not looks_like_email(b"From: the editor\nSubject: a note\n\nbody")  # a note, not a message
    assert not looks_like_email(b"Subject: a note\nNo colon here\n\nbody")
    assert looks_like_email(b"Received: from a\n  by b\nReceived: from c\n\nbody")  # a trace of two hops
    assert not looks_like_email(ARTICLE.encode())


def test_email_body_without_a_charset_or_with_an_unknown_one_is_decoded() -> None:
    head = b"From: a@example.org\nMessage-ID: <2@example.org>\nSubject: Test\nMIME-Version: 1.0\n"
    body = "Größere Übungen für Straßenbahnen in München.\n".encode("cp1252")
    for content_type in (b"", b"Content-Type: text/plain\n", b"Content-Type: text/plain; charset=x-unknown\n",
                         b"Content-Type: text/plain; charset=us-ascii\n"):
        result = extract_email(head + content_type + b"Content-Transfer-Encoding: 8bit\n\n" + body * 3)
        assert isinstance(result, Extracted), content_type
        assert "Größere Übungen für Straßenbahnen" in result.text and "\ufffd" not in result.text, content_type


PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Haushalt beschlossen</title></head>
<body><nav>Start | Politik</nav><article><h1>Haushalt beschlossen</h1><p>{ARTICLE}</p><p>Größere Übungen.</p></article>
</body></html>"""


def test_a_saved_web_page_is_its_html_page_with_the_address_it_was_saved_from() -> None:
    result = extract_mhtml(mhtml_bytes(PAGE, frame="<html><body><p>Anzeige: Jetzt kaufen</p></body></html>"))
    assert isinstance(result, Extracted) and result.markup == "html" and result.encoding == "utf-8"
    assert result.text.replace("\r\n", "\n") == PAGE  # quoted-printable decoded, line breaks as saved
    # the style sheet, the image and the inner frame are not the page
    assert "font:" not in result.text and "PNG" not in result.text and "Anzeige" not in result.text
    props = result.properties
    assert (props.title, props.url) == ("Haushalt beschlossen – Beispiel", "https://www.example.org/politik/haushalt")
    assert props.published is None and props.author is None  # the Date field is when it was saved


def test_a_saved_web_page_with_another_boundary_or_base64_cut_is_refused_saying_so() -> None:
    """A boundary changed in the header was called "cut short"; base64 that cannot be decoded was read as the
    page's text (the email package hands it back as it is)."""
    import base64
    import re

    data = mhtml_bytes(PAGE)
    named = re.search(rb'boundary="([^"]+)"', data)
    assert named is not None
    other = extract_mhtml(data.replace(b'boundary="' + named.group(1), b'boundary="' + named.group(1)[:-6] + b"edited"))
    assert isinstance(other, Problem) and other.reason == Reason.UNREADABLE and "not marked by the boundary" in other.detail
    cut = extract_mhtml(data[: data.index(b"--" + named.group(1))])
    assert isinstance(cut, Problem) and "cut short" in cut.detail
    start, end = data.index(b"<!DOCTYPE"), data.index(b"</html>") + len(b"</html>")
    encoded = data[:start].replace(b"quoted-printable", b"base64", 1)
    page = base64.encodebytes(PAGE.encode())
    whole = extract_mhtml(encoded + page + data[end:])
    assert isinstance(whole, Extracted) and whole.text == PAGE
    letters = b"".join(page.split()).rstrip(b"=")
    cut = letters[: len(letters) - (len(letters) - 1) % 4]  # one letter over whole four-letter groups
    damaged = extract_mhtml(encoded + cut + b"\n" + data[end:])
    assert isinstance(damaged, Problem) and damaged.reason == Reason.UNREADABLE and "base64" in damaged.detail


def test_a_saved_web_page_names_its_page_or_has_it_in_another_charset() -> None:
    later = extract_mhtml(mhtml_bytes(PAGE, start=True))  # resources first, the page named by the header
    assert isinstance(later, Extracted) and later.markup == "html" and ARTICLE in later.text
    old = mhtml_bytes(PAGE.replace("utf-8", "windows-1252"), charset="windows-1252", url="file:///C:/Users/a/page.htm",
                      saved_by="<Saved by Windows Internet Explorer 8>", subject="Haushalt")
    result = extract_mhtml(old)
    assert isinstance(result, Extracted) and "Größere Übungen" in result.text and result.encoding == "windows-1252"
    assert result.properties.url is None and result.properties.title == "Haushalt"  # a local file is no address
    older = mhtml_bytes(PAGE, subject="").replace(b"\r\n", b"\n").replace(b"Snapshot-", b"X-Snapshot-", 1)
    assert looks_like_mhtml(older.replace(b"<Saved by Blink>", b"page@example.org"))  # by its X-Snapshot field
    result = extract_mhtml(older)
    assert isinstance(result, Extracted) and result.properties.url == "https://www.example.org/politik/haushalt"
    empty = extract_mhtml(b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; "
                          b'boundary="B"\r\n\r\n--B\r\nContent-Type: image/png\r\n\r\nxx\r\n--B--\r\n')
    assert isinstance(empty, Problem) and empty.reason == Reason.EMPTY and "MHTML" in empty.detail
    whole = mhtml_bytes(PAGE)
    for cut in (200, whole.index(b"------MultipartBoundary") - 10):  # in the header; before the first part
        short = extract_mhtml(whole[:cut])
        assert isinstance(short, Problem) and short.reason == Reason.UNREADABLE and "cut short" in short.detail, cut
    partial = extract_mhtml(whole[: whole.index(b"Gr=C3=B6=C3=9Fere")])  # the page's end is missing: what is there
    assert isinstance(partial, Extracted) and ARTICLE in partial.text


def test_looks_like_mhtml_needs_the_header_of_a_saved_page() -> None:
    assert looks_like_mhtml(mhtml_bytes(PAGE))
    word = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01DA"\r\n\r\nThis is a multi-part'
    assert looks_like_mhtml(word)  # Word's and Internet Explorer's .mht: no Snapshot field
    assert not looks_like_mhtml(eml_bytes(html=f"<p>{ARTICLE}</p>"))  # a message
    related_mail = b"Message-ID: <1@x>\r\n" + word
    assert not looks_like_mhtml(related_mail) and looks_like_email(related_mail)  # a newsletter with inline images
    assert not looks_like_mhtml(b"From: <Saved by Blink>\nthen a note\n")
    assert not looks_like_mhtml(ARTICLE.encode())


def test_a_safari_web_archive_is_its_main_page_with_the_address_it_was_saved_from() -> None:
    for xml in (False, True):
        data = webarchive_bytes(PAGE, frame="<html><body><p>Anzeige: Jetzt kaufen</p></body></html>", xml=xml)
        assert looks_like_webarchive(data), xml
        result = extract_webarchive(data)
        assert isinstance(result, Extracted) and result.markup == "html" and result.text == PAGE, xml
        assert result.properties.url == "https://www.example.org/politik/haushalt" and result.properties.title is None
    old = extract_webarchive(webarchive_bytes(PAGE, encoding="windows-1252", url="file:///Users/a/page.html"))
    assert isinstance(old, Extracted) and old.text == PAGE and old.encoding == "windows-1252" and old.properties.url is None
    undeclared = extract_webarchive(webarchive_bytes(PAGE.encode("cp1252"), encoding=None))
    assert isinstance(undeclared, Extracted) and "Größere Übungen" in undeclared.text
    text = extract_webarchive(webarchive_bytes(ARTICLE, mime="text/plain"))
    assert isinstance(text, Extracted) and text.markup == "text" and text.text == ARTICLE


def test_a_safari_web_archive_that_holds_no_page_is_a_problem() -> None:
    pdf = extract_webarchive(webarchive_bytes(b"%PDF-1.7 ...", mime="application/pdf", encoding=None))
    assert isinstance(pdf, Problem) and pdf.reason == Reason.UNSUPPORTED_TYPE and "application/pdf" in pdf.detail
    whole = webarchive_bytes(PAGE)
    cut = extract_webarchive(whole[: len(whole) // 2])
    assert isinstance(cut, Problem) and cut.reason == Reason.UNREADABLE and "web archive" in cut.detail
    import plistlib

    other = plistlib.dumps({"WebMainResource": {"WebResourceURL": "https://x"}}, fmt=plistlib.FMT_BINARY)
    nopage = extract_webarchive(other)
    assert isinstance(nopage, Problem) and nopage.reason == Reason.UNREADABLE and "WebMainResource" in nopage.detail
    assert not looks_like_webarchive(plistlib.dumps({"CFBundleName": "App"}, fmt=plistlib.FMT_BINARY))
    assert not looks_like_webarchive(plistlib.dumps({"CFBundleName": "App"}))


def test_a_saved_web_page_survives_what_other_tools_write() -> None:
    page = mhtml_bytes(PAGE)
    for variant in (b"\xef\xbb\xbf" + page, b"\r\n" + page):  # a byte order mark, a blank line first
        result = extract_mhtml(variant)
        assert looks_like_mhtml(variant) and isinstance(result, Extracted) and ARTICLE in result.text
    xhtml = page.replace(b"Content-Type: text/html\r\n", b"Content-Type: application/xhtml+xml\r\n", 1)
    framed = mhtml_bytes(PAGE, frame="<html><body><p>Anzeige: Jetzt kaufen</p></body></html>")
    framed = framed.replace(b"Content-Type: text/html\r\n", b"Content-Type: application/xhtml+xml\r\n", 1)
    for data in (xhtml, framed):  # an XHTML page is the page, not the advert's frame after it
        result = extract_mhtml(data)
        assert isinstance(result, Extracted) and result.markup == "html" and ARTICLE in result.text
        assert "Anzeige" not in result.text
    css_start = mhtml_bytes(PAGE, start=True).replace(b'start="<frame-8A1F@mhtml.blink>"', b'start="<style@x>"')
    css_start = css_start.replace(b"Content-Type: text/css\r\n", b"Content-Type: text/css\r\nContent-ID: <style@x>\r\n")
    result = extract_mhtml(css_start)  # a start that names the style sheet: the page is still the HTML part
    assert isinstance(result, Extracted) and ARTICLE in result.text and "font:" not in result.text
    undefined = page.replace(b"Content-Type: text/html\r\n", b'Content-Type: text/html; charset="undefined"\r\n', 1)
    result = extract_mhtml(undefined)
    assert isinstance(result, Extracted) and "Größere Übungen" in result.text
    unbounded = b'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<p>x</p>'
    result = extract_mhtml(unbounded)
    assert isinstance(result, Problem) and result.reason == Reason.UNREADABLE and "boundary" in result.detail
    long_header = b"From: <Saved by Blink>\r\nContent-Type: multipart/related;" + b' p="x";\r\n' * 20_000 + b"\r\n"
    result = extract_mhtml(long_header)
    assert isinstance(result, Problem) and result.reason == Reason.UNREADABLE and "header is longer" in result.detail


def test_a_newsletter_file_stays_an_email_whatever_its_header_lacks() -> None:
    newsletter = (
        b"From: Zeitung <news@example.org>\r\nBcc: reader@example.org\r\nSubject: Newsletter\r\n"
        b'Date: Tue, 05 Mar 2024 07:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="NL"\r\n'
        b"\r\n--NL\r\nContent-Type: text/html\r\n\r\n<p>Guten Morgen</p>\r\n--NL--\r\n"
    )
    assert not looks_like_mhtml(newsletter) and not looks_like_mhtml(newsletter.replace(b"Bcc", b"X-Bcc"), suffix=".eml")
    long_mail = b"".join(b"X-Header-%d: v\r\n" % i for i in range(45)) + newsletter.replace(b"Bcc", b"X-Bcc")
    assert not looks_like_mhtml(long_mail)  # its header does not end where it can be judged


def test_a_safari_web_archive_with_odd_values_is_read_or_refused_at_once() -> None:
    import plistlib

    def archive(**fields: object) -> bytes:
        main = {"WebResourceData": PAGE.encode(), "WebResourceURL": "https://www.example.org/a", **fields}
        return plistlib.dumps({"WebMainResource": main}, fmt=plistlib.FMT_BINARY)

    for name in ("undefined", "utf-8\x00", "utf-16"):  # no codec, no name, or one the bytes do not fit
        result = extract_webarchive(archive(WebResourceTextEncodingName=name))
        assert isinstance(result, Extracted) and "Größere Übungen" in result.text, name
    typed = extract_webarchive(archive(WebResourceMIMEType="text/html; charset=utf-8"))
    assert isinstance(typed, Extracted) and typed.markup == "html"
    shared: object = ["leaf"]
    for _ in range(24):  # each level refers to the one below twice: 2^24 leaves when printed, a small file
        shared = [shared, shared]
    data = archive(WebResourceMIMEType=shared, WebResourceURL=shared)
    assert len(data) < 2_000
    result = extract_webarchive(data)
    assert isinstance(result, Extracted) and result.properties.url is None and ARTICLE in result.text


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


def test_gunzip_reads_many_small_members_and_members_larger_than_a_slice() -> None:
    """Members are fed a slice at a time (bench/pathological.py times a file of many empty ones): a member may end
    inside a slice, span many, or be cut short after several."""
    from flows.steps.formats import GZIP_STEP_MAX

    large = bytes(range(256)) * (3 * GZIP_STEP_MAX // 256 + 7)  # compresses to more than one slice
    noise = gzip.compress(large, compresslevel=0)
    assert len(noise) > GZIP_STEP_MAX
    data = gzip.compress(b"") * 30_000 + gzip.compress(b"kurz, ") + noise + gzip.compress(b", Ende")
    assert gunzip(data, max_bytes=len(large) + 20) == b"kurz, " + large + b", Ende"
    cut = gunzip(data[: -len(gzip.compress(b", Ende")) - 5], max_bytes=len(large) + 20)
    assert isinstance(cut, Problem) and cut.reason == Reason.UNREADABLE


RST = """\
Russland unterstützt China
==========================

Neue Berichte deuten darauf hin, dass Russland China heimlich mit Ausrüstung versorgt. [#]_

Die Lage im Überblick
---------------------

- Erster Punkt
- Zweiter Punkt

  - ein Unterpunkt

+---------+---------+
| Art     | Wirkung |
+=========+=========+
| Raketen | hoch    |
+---------+---------+

Schluss des Artikels.

.. [#] Eine Fußnote, die nicht zum Text gehört.
"""


def test_odt_from_a_real_writer_in_reading_order_without_its_footnotes() -> None:
    result = extract_odt(odt_from_rst(RST), max_bytes=1_000_000)
    assert isinstance(result, Extracted) and result.markup == "text" and result.encoding == "odt"
    assert result.text.split("\n") == [
        "Russland unterstützt China",
        ARTICLE,
        "Die Lage im Überblick",
        "- Erster Punkt",
        "- Zweiter Punkt",
        "- ein Unterpunkt",
        "Art | Wirkung",
        "Raketen | hoch",
        "Schluss des Artikels.",
    ]
    assert result.properties.title == "Russland unterstützt China"


def test_odt_reads_spaces_and_sections_and_leaves_out_deletions_comments_frames_and_the_contents() -> None:
    body = (
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Gelöschter Satz.</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:table-of-content><text:index-body><text:p>Inhalt 1</text:p></text:index-body></text:table-of-content>"
        '<text:h text:outline-level="1">Die <text:span>Lage</text:span></text:h>'
        "<text:section><text:p>Drei<text:s text:c=\"3\"/>Leerzeichen,<text:tab/>ein Tab<text:line-break/>und"
        "<office:annotation><text:p>Ein Kommentar</text:p></office:annotation> mehr."
        "<draw:frame><draw:text-box><text:p>Bildunterschrift</text:p></draw:text-box></draw:frame></text:p>"
        '<text:p><text:a xlink:href="https://example.org">Ein Link</text:a> im Satz.</text:p></text:section>'
        "<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Art</text:p>"
        "</table:table-cell><table:table-cell><text:p>Status</text:p></table:table-cell><table:table-cell/>"
        "</table:table-row></table:table-header-rows><table:table-row><table:table-cell><text:p>Raketen</text:p>"
        "</table:table-cell><table:covered-table-cell/><table:table-cell><text:p>bestätigt</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    ).replace("<text:a ", '<text:a xmlns:xlink="http://www.w3.org/1999/xlink" ')
    meta = (
        "<meta:initial-creator>Erika Muster</meta:initial-creator><dc:creator>Letzte Bearbeiterin</dc:creator>"
        "<dc:title>Die Lage</dc:title><dc:subject>Außenpolitik</dc:subject><meta:keyword>Russland</meta:keyword>"
        "<meta:keyword>China</meta:keyword><meta:creation-date>2024-05-06T10:00:00</meta:creation-date>"
    )
    result = extract_odt(odt_package(body, meta=meta), max_bytes=1_000_000)
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == [
        "Die Lage",
        "Drei Leerzeichen, ein Tab und mehr.",
        "Ein Link im Satz.",
        "Art | Status",
        "Raketen | bestätigt",
    ]
    props = result.properties
    assert (props.title, props.author, props.description, props.tags) == (
        "Die Lage", "Erika Muster", "Außenpolitik", ("Russland", "China"))
    assert str(props.published) == "2024-05-06"


def test_odt_text_in_a_hidden_style_is_left_out_directly_or_through_a_parent_style() -> None:
    automatic = ('<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/>'
                 '</style:style><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Notiz"/>'
                 '<style:style style:name="T2" style:family="text"><style:text-properties text:display="true"/>'
                 "</style:style>")
    named = ('<style:style style:name="Versteckt" style:family="text"><style:text-properties text:display="none"/>'
             '</style:style><style:style style:name="Notiz" style:family="paragraph">'
             '<style:text-properties text:display="none"/></style:style>'
             '<style:style style:name="Erbt" style:family="text" style:parent-style-name="Versteckt"/>')
    body = ('<text:p>Eins <text:span text:style-name="T1">direkt</text:span>zwei <text:span text:style-name="Erbt">'
            'geerbt</text:span>drei <text:span text:style-name="T2">sichtbar</text:span></text:p>'
            '<text:p text:style-name="P1">Ein versteckter Absatz.</text:p><text:p>Ende.</text:p>')
    result = extract_odt(odt_styled(body, automatic, named), max_bytes=1_000_000)
    assert isinstance(result, Extracted) and result.text.split("\n") == ["Eins zwei drei sichtbar", "Ende."]


def test_other_archives_are_not_odt_and_damaged_empty_locked_or_expanding_odt_are_problems() -> None:
    good = odt_bytes([ARTICLE], title="Die Lage")
    assert isinstance(extract_odt(good, max_bytes=1_000_000), Extracted)
    assert extract_odt(docx_bytes([ARTICLE]), max_bytes=1_000_000) is None  # a Word document
    spreadsheet = odt_package("<text:p>x</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    assert extract_odt(spreadsheet, max_bytes=1_000_000) is None
    cut = extract_odt(good[: len(good) // 2], max_bytes=1_000_000)  # the archive's signature still says ODT
    assert isinstance(cut, Problem) and cut.reason == Reason.UNREADABLE
    assert extract_odt(b"PK\x03\x04" + bytes(200), max_bytes=1_000_000) is None  # no signature, no archive
    empty = extract_odt(odt_bytes([]), max_bytes=1_000_000)
    assert isinstance(empty, Problem) and empty.reason == Reason.EMPTY
    locked = extract_odt(odt_package("", manifest="<manifest:encryption-data/>"), max_bytes=1_000_000)
    assert isinstance(locked, Problem) and locked.reason == Reason.ENCRYPTED
    broken = odt_package("<text:p>unclosed")
    result = extract_odt(broken, max_bytes=1_000_000)
    assert isinstance(result, Problem) and result.reason == Reason.UNREADABLE and "content.xml" in result.detail
    bomb = extract_odt(odt_package("<text:p>x</text:p>" + "<text:p/>" * 200_000), max_bytes=50_000)
    assert isinstance(bomb, Problem) and bomb.reason == Reason.TOO_LARGE



def test_odt_entities_pointing_at_local_files_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("geheimes Passwort")
    good = odt_package(f"<text:p>{ARTICLE} &xxe;</text:p>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "content.xml":
                doctype = f'<!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
                data = data.replace(b"?>", b"?>" + doctype.encode(), 1)
            dst.writestr(item, data)
    result = extract_odt(out.getvalue(), max_bytes=1_000_000)
    assert isinstance(result, Extracted) and ARTICLE in result.text and "geheim" not in result.text


def test_rtf_in_its_code_page_with_unicode_tables_and_properties() -> None:
    data = rtf_bytes(
        ["Russland unterstützt China", ARTICLE, [["Art", "Wirkung"], ["Raketen", "hoch"]], "„Zitat“ — Россия, 5 €.",
         "Typ | Wirkung | Status |"],
        title="Die Lage", author="Erika Müller", keywords="Russland; China", created=datetime(2024, 5, 6, 10),
    )
    result = extract_rtf(data)
    assert isinstance(result, Extracted) and result.markup == "text" and result.encoding == "rtf/cp1252"
    assert result.text.split("\n") == [
        "Russland unterstützt China", ARTICLE, "Art | Wirkung", "Raketen | hoch", "„Zitat“ — Россия, 5 €.",
        "Typ | Wirkung | Status |"]  # a table written as text stays as written
    props = result.properties
    assert (props.title, props.author, props.tags) == ("Die Lage", "Erika Müller", ("Russland", "China"))
    assert str(props.published) == "2024-05-06"
    russian = extract_rtf(rtf_bytes(["Россия и Китай подписали соглашение."], codepage=1251))
    assert isinstance(russian, Extracted) and russian.encoding == "rtf/cp1251"
    assert russian.text == "Россия и Китай подписали соглашение."
    # a property with formatting inside: its groups are read, one level deep
    braced = extract_rtf(rb"{\rtf1\ansi{\info{\title Haushalt {\b 2025} beschlossen}{\author {\i Erika} M.}}\pard Text.\par}")
    assert isinstance(braced, Extracted)
    assert (braced.properties.title, braced.properties.author) == ("Haushalt 2025 beschlossen", "Erika M.")


def test_rtf_from_a_word_processor_reads_through_fields_and_leaves_out_headers() -> None:
    data = (
        rb"{\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil\fcharset0 Calibri;}}"
        rb"{\*\generator Riched20 10.0.19041}\viewkind4\uc1 {\header Kopfzeile der Zeitung\par}"
        rb"\pard\sa200\sl276\slmult1\f0\fs22\lang7 Die Stadt hat den Haushalt beschlossen, sagte "
        rb"{\field{\*\fldinst{HYPERLINK https://example.org }}{\fldrslt{\ul die B\'fcrgermeisterin}}}.\par"
        rb"\pard Zweiter Absatz mit {\b fett}.\par}"
    )
    result = extract_rtf(data)
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == [
        "Die Stadt hat den Haushalt beschlossen, sagte die Bürgermeisterin.", "Zweiter Absatz mit fett."]


def test_empty_rtf_is_a_problem() -> None:
    result = extract_rtf(rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\par\par}")
    assert isinstance(result, Problem) and result.reason == Reason.EMPTY


def test_damaged_word_opendocument_and_rtf_files_never_raise() -> None:
    """Bytes flipped and files cut short at random (fixed seed): every result is a text, a problem, or (for an
    archive no longer recognisable) None."""
    import random

    rng = random.Random(11)
    lines = [ARTICLE, "Zweiter Absatz mit Umlauten: Straße, Öl, Ärger.", "Dritter Absatz. " * 10]
    bases = {
        "docx": docx_bytes(lines),
        "odt": odt_from_rst("\n\n".join(lines)),
        "rtf": rtf_bytes([*lines, [["a", "b"], ["c", "d"]]]),
    }
    read = {
        "docx": lambda data: extract_docx(data, max_bytes=1_000_000),
        "odt": lambda data: extract_odt(data, max_bytes=1_000_000),
        "rtf": extract_rtf,
    }
    outcomes = set()
    for _ in range(90):
        kind = rng.choice(sorted(bases))
        data = bytearray(bases[kind])
        for _ in range(rng.choice((1, 5, 50, 500))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        result = read[kind](bytes(data))
        assert result is None or isinstance(result, (Extracted, Problem)), (kind, result)
        outcomes.add((kind, type(result)))
    assert {("odt", Extracted), ("odt", Problem), ("rtf", Extracted)} <= outcomes


def test_rtf_tables_of_contents_and_indexes_are_left_out_with_their_entries() -> None:
    source = (rb"{\rtf1\ansi{\field{\*\fldinst {TOC \\o \"1-3\"}}{\fldrslt {Kapitel 1\par Kapitel 2}}}"
              rb"\pard Seite {\field{\*\fldinst PAGE}{\fldrslt 3}}.\par"
              rb"{\field{\*\fldinst toc}{\fldrslt Eintrag}}{\field{\*\fldinst { INDEX }}{\fldrslt Register}}Schluss.\par}")
    result = extract_rtf(source)
    assert isinstance(result, Extracted) and result.text.split("\n") == ["Seite 3.", "Schluss."]
    contents = r"{\fldrslt {Kapitel 1\tab 1\par Kapitel 2\tab 2}}"
    split = "".join("{\\rtlch\\insrsid%d \r\n}" % i for i in range(12))  # the instruction in pieces
    cases = {
        r"A\par {\field{\*\fldinst " + split + r'{\rtlch TOC \\o "1-3" }}' + contents + r"}\par B\par": "A\nB",
        r'A\par {\field{\*\fldinst {TOC\\o "1-3"}}' + contents + r"}\par B\par": "A\nB",
        # a contents field that does not open its group: the link around it keeps its text
        r'A {\field{\*\fldinst { HYPERLINK "https://x" }}{\fldrslt {Link} { \field{\*\fldinst { TOC }}'
        r"{\fldrslt t}}}} B\par": "A Link B",
    }
    for body, expected in cases.items():
        result = extract_rtf(("{\\rtf1\\ansi " + body + "}").encode("latin-1"))
        assert isinstance(result, Extracted) and result.text == expected, body


def test_rtf_hyperlinks_show_their_text_only() -> None:
    """striprtf rewrites hyperlinks as 'text(url)' with a backtracking pattern that takes minutes on a long line
    of them; the instruction is made ignorable first (see ``_FIELD_INSTRUCTION``), so only the text shows."""
    link = r'Laut {\field{\*\fldinst{HYPERLINK "https://example.org/bericht"}}{\fldrslt{\ul Bericht}}} sagte sie. '
    data = (r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\pard " + link * 3 + r"\par}").encode()
    result = extract_rtf(data)
    assert isinstance(result, Extracted) and result.text == ("Laut Bericht sagte sie. " * 3).strip()


def test_odt_space_counts_cell_contents_and_list_numbers_cannot_break_or_bloat_the_text() -> None:
    body = (
        '<text:p>a<text:s text:c="x"/>b<text:s text:c="300000000"/>c<text:s text:c="-4"/>d</text:p>'
        "<table:table><table:table-row><table:table-cell><text:p>Zelle<text:note><text:note-body><text:p>FUSSNOTE"
        "</text:p></text:note-body></text:note><office:annotation><text:p>KOMMENTAR</text:p></office:annotation>"
        "</text:p><draw:frame><draw:text-box><text:p>BILD</text:p></draw:text-box></draw:frame></table:table-cell>"
        "<table:table-cell/><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row></table:table>"
        "<text:list><text:list-header><text:p>Kopf der Liste</text:p></text:list-header>"
        "<text:list-item><text:h>Kapitel</text:h></text:list-item>"
        "<text:list-item><text:p><text:number>1.</text:number>Einleitung</text:p></text:list-item></text:list>"
        "<text:p><text:ruby><text:ruby-base>漢</text:ruby-base><text:ruby-text>かん</text:ruby-text></text:ruby>字</text:p>"
        "<text:user-index><text:index-body><text:p>IDX</text:p></text:index-body></text:user-index>"
    )
    result = extract_odt(odt_package(body), max_bytes=1_000_000)
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == ["a b c d", "Zelle |  | c", "Kopf der Liste", "Kapitel", "- Einleitung", "漢字"]


def test_odt_cells_written_once_for_equal_neighbours_count_their_repeats_within_bounds() -> None:
    def row(*cells: str) -> str:
        return f"<table:table><table:table-row>{''.join(cells)}</table:table-row></table:table>"

    body = (
        row('<table:table-cell table:number-columns-repeated="3"><text:p>ja</text:p></table:table-cell>',
            "<table:table-cell><text:p>nein</text:p></table:table-cell>")
        + row("<table:table-cell><text:p>a</text:p></table:table-cell>",
              '<table:table-cell table:number-columns-repeated="1000000"/>',
              "<table:table-cell><text:p>b</text:p></table:table-cell>",
              '<table:table-cell table:number-columns-repeated="1024"/>')  # a sheet's trailing cells
        + row('<table:table-cell table:number-columns-repeated="x"><text:p>c</text:p></table:table-cell>',
              '<table:table-cell table:number-columns-repeated="-2"><text:p>d</text:p></table:table-cell>')
    )
    result = extract_odt(odt_package(body), max_bytes=1_000_000)
    assert isinstance(result, Extracted)
    first, second, third = result.text.split("\n")
    assert first == "ja | ja | ja | nein" and third == "c | d"
    assert second == "a" + " | " * 65 + "b"  # at most 64 (empty) cells from one


def test_odt_with_damaged_xml_values_never_raises() -> None:
    """Values and elements of content.xml changed at random (fixed seed), the archive intact: a text or a
    problem, never an exception (byte flips inside a deflated member only reach the archive's checksum)."""
    import random

    rng = random.Random(5)
    body = odt_from_rst(RST)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    content = members["content.xml"].decode()
    values = ['"x"', '"-1"', '"99999999999"', '""', '"&#0;"', '"1e9"', '"\u00e4"']
    fragments = ['<text:s text:c="x"/>', "<text:note>", "</text:p>", "<table:table-row/>", "<!-- -->", "&unknown;"]
    outcomes = set()
    for _ in range(40):
        mutated = content
        for _ in range(rng.choice((1, 3, 10))):
            if rng.random() < 0.5:
                quotes = [i for i, c in enumerate(mutated) if c == '"']
                i = rng.choice(quotes[::2]) if quotes else 0
                j = mutated.find('"', i + 1)
                mutated = mutated[:i] + rng.choice(values) + mutated[j + 1 :] if j > i else mutated
            else:
                k = rng.randrange(len(mutated))
                mutated = mutated[:k] + rng.choice(fragments) + mutated[k:]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), members["mimetype"])
            for name, data in members.items():
                if name != "mimetype":
                    archive.writestr(name, mutated.encode() if name == "content.xml" else data)
        result = extract_odt(out.getvalue(), max_bytes=1_000_000)
        assert isinstance(result, (Extracted, Problem)), result
        outcomes.add(type(result))
    assert outcomes == {Extracted, Problem}


def test_rtf_rows_stay_whole_and_deleted_hidden_and_binary_content_goes() -> None:
    head = r"{\rtf1\ansi\ansicpg1252\uc0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}"
    data = head + (
        r"\trowd\cellx1\cellx2\cellx3\pard\intbl Name\cell \cell 5\cell\row"
        r"\trowd\cellx1\cellx2\pard\intbl Erste Zeile\par zweite Zeile\cell B\cell\row"
        r"\pard Der {\deleted\revauthdel1 alte }{\revised\revauth1 neue }Satz, {\v versteckt}sichtbar."
        r"\par Erst \v weg\v0 da, {\b fett \v weg} und \v weg\plain  wieder da.\line Neue Zeile."
        r"\par Ein Objekt{\*\objdata\bin4 {{{{} und ein Pfad C:\\cell\\x.\par}"
    )
    result = extract_rtf(data.encode())
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == [
        "Name | | 5",
        "Erste Zeile zweite Zeile | B",
        "Der neue Satz, sichtbar.",
        "Erst da, fett und wieder da. Neue Zeile.",
        r"Ein Objekt und ein Pfad C:\cell\x.",
    ]


def test_rtf_code_pages_python_names_otherwise_and_characters_beyond_the_basic_plane() -> None:
    mac = extract_rtf(rb"{\rtf1\mac\ansicpg10000{\fonttbl{\f0 Helvetica;}}\pard Gr\'9f\'a7e\par}")
    assert isinstance(mac, Extracted) and (mac.text, mac.encoding) == ("Grüße", "rtf/mac_roman")
    unknown = extract_rtf(rb"{\rtf1\ansi\ansicpg1\pard Gr\'fc\'dfe\par}")
    assert isinstance(unknown, Extracted) and (unknown.text, unknown.encoding) == ("Grüße", "rtf/cp1252")
    data = rb"{\rtf1\ansi\uc1{\info{\title Haushalt \u-10179?\u-8694? beschlossen}}\pard Gut \u-10179?\u-8694? und \u-10179?x\par}"
    result = extract_rtf(data)
    assert isinstance(result, Extracted)
    assert result.text == "Gut \U0001f60a und \ufffdx" and result.properties.title == "Haushalt \U0001f60a beschlossen"
    result.text.encode("utf-8") and result.properties.title.encode("utf-8")  # no lone surrogates left
