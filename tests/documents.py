"""Documents in the formats people drop into folders, written by the tests: PDF (fpdf2), DOCX (python-docx),
ODT (docutils' writer, or a package around given XML), RTF, e-mail (the standard library), web archives (warcio's
writer); Word 97-2003 (DOC) files written by LibreOffice are committed in ``tests/data/word`` (no Python library
writes them)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

import compressed_rtf

WORD_FILES = Path(__file__).resolve().parent / "data" / "word"

#: characters the PDF core fonts cannot show, spelled with ones they can
LATIN1 = str.maketrans({"–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "•": "-", "®": "(R)"})


def pdf_bytes(
    paragraphs: Sequence[str],
    *,
    header: str | None = "Beispiel-Zeitung - Ausgabe 12",
    footer: str | None = "Seite {page} von {{nb}}",
    title: str | None = None,
    author: str | None = None,
    keywords: str | None = None,
    created: datetime | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
    size: float = 11,
    gap: float = 2,
) -> bytes:
    """A PDF of the paragraphs (wrapped to the page width, a gap of ``gap`` mm after each, an empty paragraph a
    wider one) with a running header and a page-number footer on every page."""
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("helvetica", size=8)
                self.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("helvetica", size=8)
                self.cell(0, 10, footer.format(page=self.page_no()), align="C")

    pdf = Page()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if keywords:
        pdf.set_keywords(keywords)
    pdf.set_creation_date(created or datetime(2024, 3, 5, 9, 30))
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password or "")
    pdf.add_page()
    pdf.set_font("helvetica", size=size)
    for paragraph in paragraphs:
        text = paragraph.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")
        if not text.strip():
            pdf.ln(3)
            continue
        pdf.multi_cell(0, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(gap)
    return bytes(pdf.output())


def blank_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF whose pages hold only a drawing: what a scan without a text layer looks like to a text extractor."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150, style="F")
    return bytes(pdf.output())


def docx_bytes(
    blocks: Sequence[str | list[list[str]]],
    *,
    title: str | None = None,
    author: str | None = None,
    keywords: str | None = None,
    created: datetime | None = None,
    page_header: str | None = None,
) -> bytes:
    """A Word document: a string is a paragraph ('# ' a heading, '- ' a bulleted item), a list of rows a table."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    props.keywords = keywords or ""
    if created:
        props.created = created
    if page_header:
        document.sections[0].header.paragraphs[0].text = page_header
    for block in blocks:
        if isinstance(block, list):
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        elif block.startswith("# "):
            document.add_heading(block[2:], level=1)
        elif block.startswith("- "):
            document.add_paragraph(block[2:], style="List Bullet")
        else:
            document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def eml_bytes(
    *,
    subject: str = "Die Lage am Morgen",
    sender: str = "Der Morgen-Newsletter <newsletter@example.org>",
    date: str = "Tue, 05 Mar 2024 07:00:00 +0100",
    plain: str | None = None,
    html: str | None = None,
    attachment: bytes | None = None,
) -> bytes:
    """An e-mail with a plain-text part, an HTML part (an alternative when both are given) and an attachment."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "reader@example.org"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = "<1@example.org>"
    if plain is not None:
        message.set_content(plain)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    if attachment is not None:
        message.add_attachment(attachment, maintype="application", subtype="octet-stream", filename="data.bin")
    return bytes(message)


def mhtml_bytes(
    html: str,
    *,
    url: str = "https://www.example.org/politik/haushalt",
    subject: str = "=?utf-8?Q?Haushalt_beschlossen_=E2=80=93_Beispiel?=",
    saved_by: str = "<Saved by Blink>",
    charset: str | None = None,
    start: bool = False,
    frame: str | None = None,
) -> bytes:
    """A web page saved as one file, as Chrome writes it ("Webpage, Single File"): CRLF lines, the page as
    quoted-printable HTML (``charset``: declared on its part and used to encode it), then a style sheet, an
    image and, when given, an inner frame's HTML. ``start``: the page comes after its resources and the
    ``multipart/related`` header names it by its ``Content-ID`` (RFC 2557), as other tools write it."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--TJyBDJSWc6d4j1oIxWHpA0fHhZVz3fy7hmD2a2nWKb----"

    def part(content_type: str, location: str, payload: bytes, encoding: str, cid: str = "") -> bytes:
        head = f"Content-Type: {content_type}\r\n" + (f"Content-ID: <{cid}>\r\n" if cid else "")
        head += f"Content-Transfer-Encoding: {encoding}\r\nContent-Location: {location}\r\n\r\n"
        return f"--{boundary}\r\n".encode() + head.encode() + payload + b"\r\n"

    def qp(text: str, codec: str = "utf-8") -> bytes:
        return quopri.encodestring(text.encode(codec)).replace(b"\n", b"\r\n")

    page = part(
        "text/html" + (f"; charset={charset}" if charset else ""), url, qp(html, charset or "utf-8"),
        "quoted-printable", "frame-8A1F@mhtml.blink",
    )
    resources = [
        part("text/css", "https://www.example.org/site.css", qp("body { font: 16px serif; }"), "quoted-printable"),
        part("image/png", "https://www.example.org/logo.png", base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "base64"),
    ]
    if frame is not None:
        resources.append(part("text/html", "https://ads.example.net/frame", qp(frame), "quoted-printable", "frame-9B2E@mhtml.blink"))
    header = (
        f"From: {saved_by}\r\nSnapshot-Content-Location: {url}\r\nSubject: {subject}\r\n"
        "Date: Sat, 9 Mar 2024 18:02:11 -0000\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        + ('\tstart="<frame-8A1F@mhtml.blink>";\r\n' if start else "")
        + f'\tboundary="{boundary}"\r\n\r\n\r\n'
    )
    parts = [*resources, page] if start else [page, *resources]
    return header.encode() + b"".join(parts) + f"--{boundary}--\r\n".encode()


def webarchive_bytes(
    page: str | bytes,
    *,
    url: str = "https://www.example.org/politik/haushalt",
    encoding: str | None = "UTF-8",
    mime: str = "text/html",
    frame: str | None = None,
    xml: bool = False,
) -> bytes:
    """A Safari web archive as Safari writes it: a binary property list (``xml``: an XML one) holding the page as
    ``WebMainResource`` (``encoding``: the name it declares, used to encode a str page), an image among its
    ``WebSubresources`` and, when given, an inner frame's HTML in ``WebSubframeArchives``."""
    import plistlib

    def resource(data: bytes, address: str, kind: str, charset: str | None) -> dict[str, object]:
        out: dict[str, object] = {"WebResourceData": data, "WebResourceURL": address, "WebResourceMIMEType": kind}
        if charset:
            out["WebResourceTextEncodingName"] = charset
        return out

    body = page.encode(encoding or "utf-8") if isinstance(page, str) else page
    archive: dict[str, object] = {
        "WebMainResource": {**resource(body, url, mime, encoding), "WebResourceFrameName": ""},
        "WebSubresources": [resource(b"\x89PNG\r\n\x1a\n" + bytes(64), "https://www.example.org/logo.png", "image/png", None)],
    }
    if frame is not None:
        inner = resource(frame.encode(), "https://ads.example.net/frame", "text/html", "UTF-8")
        archive["WebSubframeArchives"] = [{"WebMainResource": inner}]
    return plistlib.dumps(archive, fmt=plistlib.FMT_XML if xml else plistlib.FMT_BINARY)


def nitf_bytes(paragraphs: list[str], *, headline: str = "Council Approves Budget", lead_block: bool = True) -> bytes:
    """A NITF story as the New York Times Annotated Corpus has them: a DOCTYPE, the head's metadata and indexed
    names, a print byline and a normalised one, an abstract, the lead paragraph in a block of its own before the
    full text (``lead_block``), a picture with its caption, a list and a table."""
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    lead = f'<block class="lead_paragraph"><p>{paragraphs[0]}</p></block>' if lead_block else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.3/specification/dtd/nitf-3-3.dtd">
<nitf change.date="June 10, 2005" change.time="19:30" version="-//IPTC//DTD NITF 3.3//EN">
  <head>
    <title>{headline} - The Example Times</title>
    <meta content="5" name="publication_day_of_month"/>
    <docdata>
      <doc-id id-string="1838491"/>
      <doc.copyright holder="The Example Times" year="2007"/>
      <identified-content>
        <classifier class="indexing_service" type="descriptor">Budgets and Budgeting</classifier>
        <classifier class="online_producer" type="taxonomic_classifier">Top/News/New York and Region</classifier>
        <location class="indexing_service">Springfield</location>
        <person class="indexing_service">Doe, Jane</person>
        <org class="indexing_service">City Council</org>
      </identified-content>
    </docdata>
    <pubdata date.publication="20070305T000000" ex-ref="http://query.example.com/story?res=9A0CE" item-length="412"
             name="The Example Times" unit-of-measure="word"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>{headline}</hl1><hl2>Transit Spending Rises</hl2></hedline>
      <byline class="print_byline">By JOHN SMITH</byline>
      <byline class="normalized_byline">Smith, John</byline>
      <dateline><location>SPRINGFIELD</location>, March 4</dateline>
      <abstract><p>City council approves budget with more for transit.</p></abstract>
    </body.head>
    <body.content>
      {lead}
      <block class="full_text">
        {paras}
        <media media-type="image"><media-reference source="budget.jpg"/><media-caption>The council chamber.</media-caption></media>
        <hl2>What Changes</hl2>
        <ul><li>Buses every ten minutes</li><li>Two new tram lines</li></ul>
        <table><tr><th>Item</th><th>Dollars</th></tr><tr><td>Transit</td><td>1.2 billion</td></tr></table>
      </block>
    </body.content>
  </body>
</nitf>
""".encode()


def newsml_bytes(paragraphs: list[str], *, headline: str = "Stadtrat beschließt Haushalt", message: int = 0) -> bytes:
    """A NewsML-G2 text item as an agency sends it, with its story as inline NITF; ``message``: that many such
    items inside a ``newsMessage`` (0: the item alone)."""
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    item = f"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:dpa.com:20240305:240305-99-123456"
    version="2" standard="NewsML-G2" standardversion="2.29" conformance="power" xml:lang="de">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:dpa"><name>Deutsche Presse-Agentur</name></provider>
    <versionCreated>2024-03-05T09:12:00+01:00</versionCreated>
    <firstCreated>2024-03-05T07:00:00+01:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <located type="loctype:city"><name>Berlin</name></located>
    <creator><name>Erika Muster</name></creator>
    <subject type="cpnat:abstract" qcode="medtop:11000000"><name xml:lang="de">Politik</name><name xml:lang="en">politics</name></subject>
    <keyword>Haushalt</keyword>
    <keyword>Nahverkehr</keyword>
    <headline>{headline}</headline>
    <dateline>Berlin (dpa) -</dateline>
    <by>Von Erika Muster, dpa</by>
    <description role="drol:summary">Mehr Geld für Busse und Bahnen.</description>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>{paras}</body.content></body></nitf>
    </inlineXML>
  </contentSet>
</newsItem>"""
    if not message:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + item).encode()
    items = "".join(item for _ in range(message))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2024-03-05T09:12:05+01:00</sent></header>
  <itemSet>{items}</itemSet>
</newsMessage>""".encode()


ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def odt_package(body: str, *, meta: str = "", mimetype: str = "application/vnd.oasis.opendocument.text",
                manifest: str = "") -> bytes:
    """An OpenDocument text archive around ``body`` (the XML inside ``office:text``) and ``meta`` (inside
    ``office:meta``), laid out as the ODF specification says: ``mimetype`` first and stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                         f'{ODF_NAMESPACES}><office:body><office:text>{body}</office:text></office:body>'
                         f"</office:document-content>")
        archive.writestr("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODF_NAMESPACES}>'
                         f"<office:meta>{meta}</office:meta></office:document-meta>")
        archive.writestr("META-INF/manifest.xml", manifest or "<manifest:manifest/>")
    return out.getvalue()


def odt_styled(body: str, automatic: str, styles: str, *, manifest: str = "") -> bytes:
    """An OpenDocument text with automatic styles in content.xml and named styles in styles.xml."""
    spaces = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {spaces} '
                         f'office:version="1.2"><office:automatic-styles>{automatic}</office:automatic-styles>'
                         f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
        archive.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {spaces} '
                         f'office:version="1.2"><office:styles>{styles}</office:styles></office:document-styles>')
        archive.writestr("META-INF/manifest.xml", manifest.replace(
            "</manifest:manifest>",
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        ) or "<manifest:manifest/>")
    return out.getvalue()


#: a tracked deletion and insertion, a footnote and a comment (ODF markup)
REVISED = (
    "<text:tracked-changes><text:changed-region text:id='d1'><text:deletion><office:change-info>"
    "<dc:creator>Redaktion</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
    "<text:p>Dieser Satz wurde gestrichen.</text:p></text:deletion></text:changed-region>"
    "<text:changed-region text:id='i1'><text:insertion><office:change-info><dc:creator>Redaktion</dc:creator>"
    "<dc:date>2024-03-01T10:05:00</dc:date></office:change-info></text:insertion></text:changed-region>"
    "</text:tracked-changes>"
    "<text:p>Der Rat stimmte zu.<text:change text:change-id='d1'/> Die Arbeiten beginnen im Mai."
    "<text:note text:id='n1' text:note-class='footnote'><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>Laut Protokoll der Sitzung.</text:p></text:note-body></text:note></text:p>"
    "<text:p><text:change-start text:change-id='i1'/>Eingefügt: die Brücke bekommt einen Radweg."
    "<text:change-end text:change-id='i1'/></text:p>"
    "<text:p>Die Stadt rechnet mit Verkehr.<office:annotation><dc:creator>Lektorat</dc:creator>"
    "<text:p>Quelle prüfen</text:p></office:annotation> Umleitungen sind ausgeschildert.</text:p>"
)
#: a manifest LibreOffice accepts (it refuses an empty one)
ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
#: headings tied to the outline (no list items), a table of contents (generated: left out), text hidden by a
#: character style and by direct formatting, a page-number field
STYLED = (
    '<text:table-of-content text:name="Inhalt"><text:table-of-content-source text:outline-level="2">'
    '<text:index-title-template text:style-name="Contents_20_Heading">Inhalt</text:index-title-template>'
    "</text:table-of-content-source><text:index-body>"
    '<text:index-title text:name="Inhalt_Head"><text:p text:style-name="Contents_20_Heading">Inhalt</text:p>'
    "</text:index-title><text:p>Die Brücke\t1</text:p><text:p>Die Kosten\t1</text:p></text:index-body>"
    "</text:table-of-content>"
    '<text:h text:outline-level="1">Die Brücke</text:h>'
    '<text:p>Sichtbar <text:span text:style-name="Versteckt">per Vorlage versteckt</text:span> bleibt sichtbar.</text:p>'
    '<text:p text:style-name="Verborgen">Ein Absatz, den seine Absatzvorlage versteckt.</text:p>'
    '<text:p text:style-name="Verborgen">Versteckt, <text:span text:style-name="Zeigen">doch gezeigt</text:span>.</text:p>'
    '<text:h text:outline-level="2">Die Kosten</text:h>'
    '<text:p>Direkt <text:span text:style-name="T1">direkt versteckt</text:span> Ende, Seite '
    '<text:page-number text:select-page="current">1</text:page-number>.</text:p>'
)
STYLED_AUTOMATIC = '<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>'
#: a character style that hides its text; a paragraph style that hides its paragraphs, and a character style that
#: shows its part of them; the style LibreOffice gives a table of contents' title
STYLED_STYLES = (
    '<style:style style:name="Versteckt" style:family="text"><style:text-properties text:display="none"/></style:style>'
    '<style:style style:name="Verborgen" style:family="paragraph"><style:text-properties text:display="none"/>'
    "</style:style>"
    '<style:style style:name="Zeigen" style:family="text"><style:text-properties text:display="true"/></style:style>'
    '<style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" style:family="paragraph" '
    'style:class="index"/>'
)


def revised_odt() -> bytes:
    """An ODT with tracked changes, a footnote and a comment (LibreOffice saves it as DOC, DOCX and RTF too)."""
    return odt_package(REVISED, manifest=ODT_MANIFEST)


def styled_odt() -> bytes:
    """An ODT with a table of contents and its title, headings, text hidden by a character style, by a paragraph
    style (a part shown again by a character style) and directly, and a page-number field."""
    return odt_styled(STYLED, STYLED_AUTOMATIC, STYLED_STYLES, manifest=ODT_MANIFEST)



def odt_bytes(lines: Sequence[str], *, title: str | None = None) -> bytes:
    """An OpenDocument text with one paragraph per line (XML-escaped), and a title."""
    body = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
    return odt_package(body, meta=f"<dc:title>{escape(title)}</dc:title>" if title else "")


def odt_from_rst(source: str) -> bytes:
    """An OpenDocument text written by docutils' ODT writer from reStructuredText: a real writer's output."""
    from docutils.core import publish_string

    return publish_string(source, writer="odt", settings_overrides={"report_level": 5})


def _rtf_escaped(text: str, codepage: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            try:
                out.append("\\'%02x" % char.encode(codepage)[0])
            except UnicodeEncodeError:
                code = ord(char)
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
    return "".join(out)


def rtf_bytes(
    blocks: Sequence[str | list[list[str]]],
    *,
    codepage: int = 1252,
    title: str | None = None,
    author: str | None = None,
    keywords: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """An RTF document as word processors write it: 8-bit characters as ``\\'xx`` in the declared code page, the
    others as ``\\uN?``; a string is a paragraph, a list of rows a table; an information group with properties."""
    cp = f"cp{codepage}"
    info = "".join(
        f"{{\\{key} {_rtf_escaped(value, cp)}}}" for key, value in (("title", title), ("author", author),
                                                                 ("keywords", keywords)) if value
    )
    if created:
        info += f"{{\\creatim\\yr{created.year}\\mo{created.month}\\dy{created.day}\\hr{created.hour}\\min0}}"
    parts = [f"{{\\rtf1\\ansi\\ansicpg{codepage}\\uc1\\deff0{{\\fonttbl{{\\f0\\fswiss Arial;}}}}{{\\info{info}}}\n"]
    for block in blocks:
        if isinstance(block, list):
            for row in block:
                cells = "".join(f"\\cellx{2000 * (i + 1)}" for i in range(len(row)))
                parts.append(f"\\trowd{cells}\\pard\\intbl " + "".join(f"{_rtf_escaped(c, cp)}\\cell " for c in row)
                             + "\\row\n")
        else:
            parts.append(f"\\pard\\plain\\f0\\fs24 {_rtf_escaped(block, cp)}\\par\n")
    parts.append("}")
    return "".join(parts).encode("ascii")


def docx_from_xml(paragraphs: Sequence[str], *, styles: Sequence[str] = ()) -> bytes:
    """A Word document whose body is the given paragraphs, each the WordprocessingML inside a ``w:p`` (runs,
    fields, revisions, content controls; ``<w:pPr>`` first for a style), with extra ``w:style`` elements."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    for inner in paragraphs:
        body.insert(len(body) - 1, parse_xml(f"<w:p {w}>{inner}</w:p>"))
    for style in styles:
        document.styles.element.append(parse_xml(style.replace("<w:style ", f"<w:style {w} ", 1)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def ole_bytes(streams: Mapping[str, bytes | Mapping[str, bytes]]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding the given top-level streams, and storages of
    streams (a name for a mapping: an Outlook message's attachment), laid out as the [MS-CFB] specification says.
    Streams are padded with NULs to the 4,096 bytes below which a writer must use the mini stream, so that none is
    needed."""
    free, end, fat_mark = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    sectors: list[bytes] = []
    fat: list[int] = []
    entries: list[list] = []  # name, type, start, size, right sibling, child

    def add(items: Mapping[str, bytes | Mapping[str, bytes]]) -> int:
        first = len(entries) + 1  # entry 0 is the root
        for n, (name, data) in enumerate(items.items()):
            at = len(entries)
            if isinstance(data, Mapping):
                entries.append([name, 1, 0, 0, free, free])
            else:
                data = data.ljust(4096, b"\0")
                start, count = len(sectors), -(-len(data) // 512)
                sectors.extend(data[i * 512 : (i + 1) * 512].ljust(512, b"\0") for i in range(count))
                fat.extend([start + i + 1 for i in range(count - 1)] + [end])
                entries.append([name, 2, start, len(data), free, free])
            if n:
                entries[previous][4] = at + 1  # a chain of right siblings
            previous = at
            if isinstance(data, Mapping) and data:
                entries[at][5] = add(data)
        return first if items else free

    def entry(name: str, kind: int, start: int, size: int, right: int, child: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, free, right, child)
                + bytes(36) + struct.pack("<3I", start, size, 0))

    top = add(streams)
    directory = entry("Root Entry", 5, end, 0, free, top)
    for name, kind, start, size, right, child in entries:
        directory += entry(name, kind, start, size, right, child)
    directory = directory.ljust(-(-len(directory) // 512) * 512, b"\0")
    first_directory = len(sectors)
    count = len(directory) // 512
    sectors += [directory[i * 512 : (i + 1) * 512] for i in range(count)]
    fat += [first_directory + i + 1 for i in range(count - 1)] + [end]
    fat_sectors = -(-(len(fat) + 1) // 128)
    while fat_sectors * 128 < len(fat) + fat_sectors:
        fat_sectors += 1
    first_fat = len(sectors)
    fat += [fat_mark] * fat_sectors
    fat += [free] * (fat_sectors * 128 - len(fat))
    table = struct.pack(f"<{len(fat)}I", *fat)
    sectors += [table[i * 512 : (i + 1) * 512] for i in range(fat_sectors)]
    difat = [first_fat + i for i in range(fat_sectors)] + [free] * (109 - fat_sectors)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, fat_sectors, first_directory, 0, 4096,
                            end, 0, end, 0)
              + struct.pack("<109I", *difat))
    return header + b"".join(sectors)


def msg_bytes(
    *,
    subject: str | None = None,
    body: str | None = None,
    html: bytes | None = None,
    rtf: bytes | None = None,
    sender: str | None = None,
    sent: datetime | None = None,
    codepage: int | None = None,
    attachments: Sequence[tuple[str | None, bytes, str | None]] = (),
    hidden: Sequence[int] = (),
    embedded: Sequence[int] = (),
) -> bytes:
    """An Outlook message (.msg): strings in UTF-16, or, with ``codepage``, 8-bit in that code page (declared as
    the message's); ``html`` as a binary HTML body; ``rtf`` as the compressed RTF body; ``sent`` as the submit
    time; ``attachments`` (file name, bytes, media type) each in a storage of its own, attached by value, but those
    whose place is in ``hidden`` (an image of the HTML body) or ``embedded`` (attached as a message)."""
    def string(prop: int, value: str) -> tuple[str, bytes]:
        if codepage is None:
            return f"__substg1.0_{prop:04X}001F", value.encode("utf-16-le")
        return f"__substg1.0_{prop:04X}001E", value.encode(f"cp{codepage}")

    streams = dict(string(prop, value) for prop, value in ((0x0037, subject), (0x1000, body), (0x0C1A, sender))
                   if value is not None)
    if html is not None:
        streams["__substg1.0_10130102"] = html
    if rtf is not None:
        streams["__substg1.0_10090102"] = compressed_rtf.compress(rtf, compressed=True)
    entries = b""
    if sent is not None:
        ticks = int((sent - datetime(1601, 1, 1)).total_seconds() * 10_000_000)
        entries += struct.pack("<IIQ", 0x0039 << 16 | 0x0040, 6, ticks)
    if codepage is not None:
        entries += struct.pack("<IIQ", 0x3FFD << 16 | 0x0003, 6, codepage)
    streams["__properties_version1.0"] = bytes(32) + entries
    storages: dict[str, bytes | dict[str, bytes]] = dict(streams)
    for n, (name, data, mime) in enumerate(attachments):
        method = 5 if n in embedded else 1
        properties = bytes(8) + struct.pack("<IIQ", 0x3705 << 16 | 0x0003, 6, method)
        if n in hidden:
            properties += struct.pack("<IIQ", 0x7FFE << 16 | 0x000B, 6, 1)
        storage = {"__properties_version1.0": properties, "__substg1.0_37010102": data}
        if name is not None:
            storage.update(dict([string(0x3707, name)]))
        if mime is not None:
            storage.update(dict([string(0x370E, mime)]))
        storages[f"__attach_version1.0_#{n:08X}"] = storage
    return ole_bytes(storages)


def encrypted_docx_bytes(paragraphs: Sequence[str], password: str = "secret") -> bytes:
    """A Word document saved with a password (msoffcrypto-tool, as Office encrypts it: an OLE container)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes(paragraphs))).encrypt(password, out)
    return out.getvalue()


def word_file(name: str) -> bytes:
    """A committed Word 97-2003 file (``tests/data/word/make_fixtures.py`` says how each was written)."""
    return (WORD_FILES / name).read_bytes()


def doc_edited(name: str, stream: str, edit: Callable[[bytearray], None]) -> bytes:
    """A committed Word 97-2003 file with one of its streams changed in place (same size) by ``edit``."""
    import tempfile

    import olefile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(word_file(name))
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            data = bytearray(ole.openstream(stream).read())
            edit(data)
            ole.write_stream(stream, bytes(data))
        return path.read_bytes()


def fib_offset(data: bytes | bytearray) -> int:
    """Where a Word file's information block starts: at a sector (a small stream's 64-byte sector) boundary."""
    return next(i for i in range(512, len(data), 64) if data[i : i + 2] == b"\xec\xa5")


#: the paragraphs of a short report, and the heading and table that close it
REPORT_PROSE = (
    "The European Central Bank left interest rates unchanged on Thursday, as economists had expected it to do.",
    "Its president said the council had not discussed rate cuts, but that a first cut in June could not be ruled out.",
    "Inflation in the euro area fell to 2.4 percent in March, its lowest level in more than two years, the agency said.",
)
KEY_FIGURES = ("Key figures", "Rate | Level | Change", "Deposit facility | 4.00% | unchanged", "Main refinancing | 4.50% | unchanged")


def article_page(title: str, paragraphs: Sequence[str], *, charset: str = "utf-8") -> bytes:
    """A news page with its article and some page furniture."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='{charset}'><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/politik'>Politik</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Impressum | Datenschutz | Kontakt</footer></body></html>"
    ).encode(charset)


def warc_bytes(
    captures: Sequence[tuple[str, bytes] | tuple[str, bytes, str] | tuple[str, bytes, str, str]], *, gzip: bool = True
) -> bytes:
    """A web archive as a crawler writes it: a warcinfo record, then per capture (uri, payload, content type =
    "text/html; charset=utf-8", status = "200 OK") a request and a response record; gzipped record by record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    for uri, payload, *rest in captures:
        content_type = rest[0] if rest else "text/html; charset=utf-8"
        status = rest[1] if len(rest) > 1 else "200 OK"
        request = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers))
    return out.getvalue()


def arc_bytes(
    captures: Sequence[tuple[str, bytes] | tuple[str, bytes, str] | tuple[str, bytes, str, str]], *, gzip: bool = True
) -> bytes:
    """A web archive in the older ARC format (version 1), as the Internet Archive's crawlers wrote it: its version
    block (a ``filedesc://`` record), then per capture (uri, payload, content type = "text/html; charset=utf-8",
    status = "200 OK") a record whose header line is ``URL IP-address Archive-date Content-type Archive-length``
    and whose content is the HTTP response with its headers (for an HTTP URL); each record ends in a line break,
    and is gzipped on its own (``.arc.gz``) unless ``gzip`` is false."""
    import gzip as gz

    def record(header: str, content: bytes) -> bytes:
        data = f"{header} {len(content)}\n".encode() + content + b"\n"
        return gz.compress(data) if gzip else data

    version = b"1 0 tests\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [record("filedesc://crawl.arc 0.0.0.0 20240102030405 text/plain", version)]
    for uri, payload, *rest in captures:
        content_type = rest[0] if rest else "text/html; charset=utf-8"
        status = rest[1] if len(rest) > 1 else "200 OK"
        if uri.startswith("http"):
            payload = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + payload
        records.append(record(f"{uri} 192.0.2.1 20240102030405 {content_type.split(';')[0]}", payload))
    return b"".join(records)


#: a German report and its English version in one file, each under its heading
MIXED = (
    "Nordkorea testet neue Rakete\n\n"
    "Berlin (dpa) - Nordkorea hat nach Angaben des südkoreanischen Militärs erneut eine ballistische Rakete abgefeuert. "
    "Die Rakete sei vor der Ostküste ins Meer gestürzt, teilte der Generalstab in Seoul am Montag mit.\n\n"
    "Russland und China blockierten im Sicherheitsrat bislang neue Sanktionen gegen das abgeschottete Land. Experten "
    "vermuten, dass die Führung mit den Tests ihre Verhandlungsposition stärken will.\n\n"
    "North Korea fires missile as allies condemn test\n\n"
    "Seoul (Reuters) - North Korea fired a ballistic missile into the sea off its east coast on Monday, South Korea's "
    "military said, the latest in a series of weapons tests that have raised tensions in the region.\n\n"
    "The United States condemned the launch and urged Pyongyang to return to talks. Russian and Chinese envoys have "
    "blocked new sanctions at the United Nations Security Council, diplomats said."
)
