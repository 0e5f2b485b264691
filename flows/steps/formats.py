"""Text out of document formats other than plain text and HTML: PDF, Word (DOCX), e-mail (EML), and gzip.

Each ``extract_*`` function is pure (bytes in, value out) and never raises on bad input: it returns an
``Extracted`` value or a ``Problem`` that the load step turns into a rejection naming the file.

PDF text is rebuilt from its layout into one paragraph per line, as the plain-text route expects (see
``flows.steps.pdf``).
"""

from __future__ import annotations

import email
import email.policy
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from typing import Literal, NamedTuple

from flows.models import Metadata, Reason
from flows.steps.metadata import page_tags

#: the markup of an extracted text: how the clean step reads it
Markup = Literal["text", "html"]

#: an archive or compressed file may expand to at most this many times the file size limit
MAX_EXPANSION = 20

_BULLET = re.compile(r"^[-–—•▪●◦*·]\s")
_FILENAME_TITLE = re.compile(r"\.(docx?|pdf|odt|rtf|txt|indd|qxd|pages|tmp)$|^Microsoft \w+ - |[\\/]", re.IGNORECASE)


class Problem(NamedTuple):
    """Why a file's text could not be extracted."""

    reason: Reason
    detail: str


@dataclass(frozen=True)
class Extracted:
    """The text of a file and what the file says about itself (PDF info, Word properties, e-mail headers)."""

    text: str
    markup: Markup
    encoding: str
    properties: Metadata = Metadata()


# -- gzip ---------------------------------------------------------------------------------------------------


def gunzip(data: bytes, *, max_bytes: int) -> bytes | Problem:
    """The decompressed bytes of a gzip file (all its members; trailing bytes that are not a member are ignored,
    as ``gzip -d`` does), refused when they would exceed ``max_bytes`` (a gzip bomb) or the file is cut short."""
    out = bytearray()
    rest = data
    try:
        while rest[:2] == b"\x1f\x8b":
            member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += member.decompress(rest, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                return Problem(Reason.TOO_LARGE, f"decompresses to more than {max_bytes} bytes (max_file_bytes)")
            if not member.eof:
                return Problem(Reason.UNREADABLE, "not a readable gzip file: it ends before its data does")
            rest = member.unused_data
    except zlib.error as exc:
        return Problem(Reason.UNREADABLE, f"not a readable gzip file: {exc}")
    return bytes(out)


# -- PDF ----------------------------------------------------------------------------------------------------


def extract_pdf(data: bytes) -> Extracted | Problem:
    """The text layer of a PDF as paragraphs (see ``flows.steps.pdf``), with its title, author, subject,
    keywords and creation date.

    An encrypted PDF is opened when it needs no password to read (many are only protected against editing). A
    PDF without a text layer (scanned pages) is refused: docindex does no OCR.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from flows.steps.pdf import page_lines, pdf_text  # here: pdf -> boilerplate -> repetition -> load -> formats

    # pypdf logs each repair it makes to a damaged file (warnings and errors alike); the result says enough
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001  (unsupported algorithms raise from deep inside pypdf)
                return Problem(Reason.ENCRYPTED, f"the PDF is encrypted and cannot be opened: {exc}")
            if not opened:
                return Problem(Reason.ENCRYPTED, "the PDF is encrypted with a password")
        pages = []
        failed = 0
        for page in reader.pages:
            try:
                pages.append(page_lines(page))
            except Exception:  # noqa: BLE001  (one damaged page does not lose the others)
                failed += 1
        info = reader.metadata
    except PdfReadError as exc:
        return Problem(Reason.UNREADABLE, f"not a readable PDF: {exc}")
    except Exception as exc:  # noqa: BLE001  (pypdf raises many kinds on damaged files)
        return Problem(Reason.UNREADABLE, f"not a readable PDF: {type(exc).__name__}: {exc}")
    text = pdf_text(pages)
    if not text.strip():
        if failed:
            return Problem(Reason.UNREADABLE, f"no page of the PDF could be read ({failed} failed)")
        if not pages:
            return Problem(Reason.EMPTY, "the PDF has no pages")
        return Problem(Reason.NO_TEXT, f"the PDF's {len(pages)} page(s) have no text layer (scanned?); no OCR is done")
    properties = Metadata()
    if info is not None:
        properties = Metadata(
            title=plausible_title(_safe(lambda: info.title)),
            author=_clean(_safe(lambda: info.author)),
            description=_clean(_safe(lambda: info.subject)),
            published=_date_of(_safe(lambda: info.creation_date)),
            tags=page_tags([str(_safe(lambda: info.keywords) or "")]),
        )
    return Extracted(text=text, markup="text", encoding="pdf", properties=properties)


def _date_of(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def plausible_title(value: str | None) -> str | None:
    """A document property title, unless it is empty or a file name an editor put there ('Microsoft Word -
    Dokument1.docx', 'C:\\temp\\x.pdf')."""
    title = " ".join((value or "").split())
    return title if title and not _FILENAME_TITLE.search(title) else None


def _safe(get):  # type: ignore[no-untyped-def]
    """A property of a damaged file's metadata, or None when reading it fails (a malformed date, say)."""
    try:
        return get()
    except Exception:  # noqa: BLE001
        return None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


# -- DOCX ---------------------------------------------------------------------------------------------------


def _docx_blocks(document) -> Iterable[object]:  # type: ignore[no-untyped-def]
    """The paragraphs and tables of a document's body in reading order, those inside content controls included."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parent = document._body

    def walk(element):  # type: ignore[no-untyped-def]
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, parent)
            elif child.tag == qn("w:tbl"):
                yield Table(child, parent)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")):
                yield from walk(child)

    yield from walk(document.element.body)


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    """A table cell's text: all its paragraphs, those of tables nested in it included."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    return " ".join(t for p in cell._tc.iter(qn("w:p")) if (t := " ".join(Paragraph(p, cell).text.split())))


def _docx_lines(document) -> Iterable[str]:  # type: ignore[no-untyped-def]
    from docx.table import Table

    for block in _docx_blocks(document):
        if isinstance(block, Table):
            for row in block.rows:
                cells, seen = [], []
                for cell in row.cells:  # a merged cell is listed once per grid column it spans
                    if not any(cell._tc is other for other in seen):
                        seen.append(cell._tc)
                        cells.append(_cell_text(cell))
                if any(cells):
                    yield " | ".join(cells)
            continue
        text = " ".join(block.text.split())  # type: ignore[attr-defined]
        style = (block.style.name if block.style is not None else "") or ""  # type: ignore[attr-defined]
        if text and style.lower().startswith("list") and not _BULLET.match(text):
            text = f"- {text}"
        if text:
            yield text


def extract_docx(data: bytes, *, max_bytes: int) -> Extracted | Problem | None:
    """The body of a Word document in reading order (paragraphs, list items as '- item', table rows as
    'a | b | c'), with its title, author, subject, keywords and creation date. Headers, footers and comments
    are left out. None when the bytes are no ZIP archive holding a Word document body (another archive)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                return None
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if expanded > MAX_EXPANSION * max_bytes:
        return Problem(Reason.TOO_LARGE, f"the DOCX expands to {expanded} bytes (over {MAX_EXPANSION} x max_file_bytes)")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(_docx_lines(document))
        props = document.core_properties
    except Exception as exc:  # noqa: BLE001  (python-docx raises KeyError, lxml errors, ... on damaged files)
        return Problem(Reason.UNREADABLE, f"not a readable DOCX: {type(exc).__name__}: {exc}")
    if not text.strip():
        return Problem(Reason.EMPTY, "the Word document has no text")
    properties = Metadata(
        title=plausible_title(props.title),
        author=_clean(props.author),
        description=_clean(props.subject),
        published=_date_of(props.created),
        tags=page_tags([props.keywords or ""]),
    )
    return Extracted(text=text, markup="text", encoding="docx", properties=properties)


# -- e-mail -------------------------------------------------------------------------------------------------


def _body_text(part: EmailMessage) -> tuple[str | None, str]:
    """A body part's text and encoding: its declared charset when the bytes decode with it, else detected (mail
    without a charset, or with a wrong or unknown one, is common)."""
    from flows.steps.load import decode  # here: load imports this module

    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return None, ""
    charset = part.get_content_charset()
    if charset and charset not in ("us-ascii", "ascii"):
        try:
            return raw.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode(raw)
    return decoded if decoded is not None else (None, "")


def extract_email(data: bytes) -> Extracted | Problem:
    """The body of an e-mail (RFC 5322 ``.eml``): its plain-text part, or its HTML part when it has none, with
    the subject as title, the sender's name as author and the date sent. Attachments are not read."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage):
            return Problem(Reason.UNREADABLE, "not a readable e-mail")
        part = message.get_body(preferencelist=("plain", "html"))
        body, encoding = _body_text(part) if part is not None else (None, "")
    except Exception as exc:  # noqa: BLE001  (the email package raises many kinds on malformed messages)
        return Problem(Reason.UNREADABLE, f"not a readable e-mail: {type(exc).__name__}: {exc}")
    if part is None or not body or not body.strip():
        return Problem(Reason.EMPTY, "the e-mail has no text or HTML body")
    sender_name, sender_address = parseaddr(str(_safe(lambda: message.get("from", "")) or ""))
    date_header = _safe(lambda: message["date"])
    sent = _date_of(_safe(lambda: parsedate_to_datetime(str(date_header)))) if date_header else None
    properties = Metadata(
        title=_clean(_safe(lambda: message.get("subject"))),
        author=_clean(sender_name) or _clean(sender_address),
        published=sent,
    )
    markup: Markup = "html" if part.get_content_subtype() == "html" else "text"
    return Extracted(text=body, markup=markup, encoding=encoding, properties=properties)


def looks_like_email(head: bytes) -> bool:
    """Bytes that open with RFC 5322 header fields, among them one that only mail has (a message id, a
    ``Received`` trace, a MIME version or a return path): a note that starts 'From: ...' is not enough."""
    lines = head[:4096].split(b"\n", 40)
    names = []
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        name, colon, _ = line.partition(b":")
        if not colon or not re.fullmatch(rb"[A-Za-z][A-Za-z0-9-]*", name):
            return False
        names.append(name.lower())
    return len(names) >= 2 and bool({b"message-id", b"received", b"mime-version", b"return-path"} & set(names))
