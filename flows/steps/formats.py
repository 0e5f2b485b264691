"""Text out of document formats other than plain text and HTML: PDF, Word (DOCX, and DOC from Word 97-2003),
OpenDocument text (ODT), RTF, e-mail (EML, and Outlook's MSG), web pages saved as one file (MHTML, Safari's web
archives), and gzip.

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
import plistlib
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import parseaddr, parsedate_to_datetime
from functools import lru_cache
from typing import Literal, NamedTuple, Protocol

import compressed_rtf

from flows.models import Metadata, Reason
from flows.steps.codepages import codec
from flows.steps.metadata import page_tags
from flows.steps import msdoc, outlook
from flows.steps.msdoc import GENERATED_FIELD, DocError, Fields, fields_nest

#: the markup of an extracted text: how the clean step reads it
Markup = Literal["text", "html"]

#: an archive or compressed file may expand to at most this many times the file size limit
MAX_EXPANSION = 20
#: what the zipfile module raises on damaged archives (a cut central directory, an unknown version or compression
#: method, an encrypted member, a corrupt stream)
_ZIP_ERRORS = (
    zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError, RuntimeError, zlib.error
)

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
    #: the bytes whose hash tells whether the document changed, when they are not the record's: a feed item's own
    #: XML (its record is the whole feed, which changes with every new story)
    identity: bytes | None = None


# -- gzip ---------------------------------------------------------------------------------------------------


#: the first and the largest slice of a gzip file fed to zlib at a time (see ``gunzip``)
GZIP_STEP, GZIP_STEP_MAX = 256, 1 << 20


def gunzip(data: bytes, *, max_bytes: int) -> bytes | Problem:
    """The decompressed bytes of a gzip file (all its members; trailing bytes that are not a member are ignored,
    as ``gzip -d`` does: ``GunzipReader``), refused when they would exceed ``max_bytes`` (a gzip bomb) or the file
    is cut short; b"" for bytes that open no member."""
    if data[:2] != GZIP_MAGIC:
        return b""
    try:
        out = GunzipReader(io.BytesIO(data)).read(max_bytes + 1)
    except EOFError:
        return Problem(Reason.UNREADABLE, "not a readable gzip file: it ends before its data does")
    except zlib.error as exc:
        return Problem(Reason.UNREADABLE, f"not a readable gzip file: {exc}")
    if len(out) > max_bytes:
        return Problem(Reason.TOO_LARGE, f"decompresses to more than {max_bytes} bytes (max_file_bytes)")
    return out


#: the first bytes of a gzip member
GZIP_MAGIC = b"\x1f\x8b"
#: a gzipped file is read in pieces of this many bytes (``GunzipReader``)
GZIP_READ_BYTES = 1 << 16


class ByteReader(Protocol):
    """What bytes are read from: a file, a gzipped file as it decompresses (``GunzipReader``), bytes in memory."""

    def read(self, size: int = -1, /) -> bytes: ...


class GunzipReader:
    """A gzipped file's bytes as they decompress, in pieces of up to the size asked (``gunzip``, and the listing of
    a gzipped message's attached files as it decompresses): its members one after another, and bytes after the
    last that open no member ignored, as ``gzip -d`` does, where the gzip module refuses them (a message saved with
    bytes after its gzip data). A file cut short raises EOFError, damaged data ``zlib.error``. Each member is fed
    from a slice that doubles while it goes on (``GZIP_STEP``): zlib copies what it did not use, so a file of many
    small members (a million empty ones is 20 MB) is not read in quadratic time."""

    def __init__(self, raw: ByteReader) -> None:
        self._raw = raw
        self._data = b""  # read from the file, fed to the members up to ``_at``
        self._at = 0
        self._member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._step = GZIP_STEP
        self._ended = False

    def _ahead(self, count: int) -> None:
        """At least ``count`` bytes read ahead of ``_at``, unless the file ends first."""
        while len(self._data) - self._at < count and (more := self._raw.read(GZIP_READ_BYTES)):
            self._data = self._data[self._at :] + more
            self._at = 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that are left: -1), fewer only at the end, as a file's ``read`` gives them."""
        pieces: list[bytes] = []
        got = 0
        while size < 0 or got < size:
            piece = self._piece(GZIP_READ_BYTES if size < 0 else size - got)
            if not piece:
                break
            pieces.append(piece)
            got += len(piece)
        return b"".join(pieces)

    def _piece(self, size: int) -> bytes:
        while not self._ended:
            member = self._member
            if member.eof:
                self._at -= len(member.unused_data)  # (what it did not use is the end of the slice fed last)
                self._ahead(2)
                if self._data[self._at : self._at + 2] != GZIP_MAGIC:
                    self._ended = True  # the end of the file, or bytes that open no member: ignored
                    break
                self._member, self._step = zlib.decompressobj(16 + zlib.MAX_WBITS), GZIP_STEP
                continue
            feed = member.unconsumed_tail
            if not feed:
                self._ahead(1)
                feed = self._data[self._at : self._at + self._step]
                self._at += len(feed)
                self._step = min(self._step * 2, GZIP_STEP_MAX)
                if not feed:
                    raise EOFError("a gzipped file that ends before its data does")
            if out := member.decompress(feed, size):
                return out
        return b""


#: the first bytes of a Zstandard frame
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
#: a skippable frame of a Zstandard file (its magic number and the length of its data); it may open the file
_SKIPPABLE = re.compile(rb"[\x50-\x5f]\x2a\x4d\x18(.{4})", re.DOTALL)


def is_zstd(data: bytes) -> bool:
    """Whether the bytes are a Zstandard file: a frame, or a skippable frame first."""
    return data.startswith(ZSTD_MAGIC) or _SKIPPABLE.match(data) is not None
#: the slice of a Zstandard file fed at a time: a block of 128 KiB may be written in four bytes, so the output of one
#: call stays within about 16 MiB of the limit
ZSTD_STEP = 512


def unzstd(data: bytes, *, max_bytes: int) -> bytes | Problem:
    """The decompressed bytes of a Zstandard file (all its frames; trailing bytes that are not a frame are
    ignored, as for gzip), refused when they would exceed ``max_bytes`` or the file is cut short (the library's
    readers return what they have without a word)."""
    import zstandard

    out = bytearray()
    view = memoryview(data)
    position = 0
    try:
        while (skippable := _SKIPPABLE.match(data, position)) is not None or data[position : position + 4] == ZSTD_MAGIC:
            if skippable is not None:  # metadata a compressor may write (pzstd does): its length is in its header
                position = skippable.end() + int.from_bytes(skippable.group(1), "little")
                if position > len(data):
                    return Problem(Reason.UNREADABLE, "not a readable Zstandard file: it ends before its data does")
                continue
            frame = zstandard.ZstdDecompressor().decompressobj()
            while not frame.eof:
                piece = view[position : position + ZSTD_STEP]
                if not piece:
                    return Problem(Reason.UNREADABLE, "not a readable Zstandard file: it ends before its data does")
                out += frame.decompress(piece)
                if len(out) > max_bytes:
                    return Problem(Reason.TOO_LARGE, f"decompresses to more than {max_bytes} bytes (max_file_bytes)")
                position += len(piece) - len(frame.unused_data)
    except zstandard.ZstdError as exc:
        return Problem(Reason.UNREADABLE, f"not a readable Zstandard file: {exc}")
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


#: the year of an e-mail's Date header: the number after its month, or after its month and day ("05 Mar 2024",
#: "Mar 05 2024", "05 March 2024"); only a year of three digits or more is looked at
_MAIL_YEAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:\d{1,2},?\s+)?(\d{3,})(?![\d:])", re.IGNORECASE
)


def _sent(header: str) -> date | None:
    """The day an e-mail's Date header gives. A year of two digits is of this century or the last, as the
    standard says (RFC 5322 4.3), but one of three or four digits is taken as written: ``0000`` is no year 2000."""
    if any(len(year) > 4 or int(year) < 1000 for year in _MAIL_YEAR.findall(header)):
        return None
    return _date_of(_safe(lambda: parsedate_to_datetime(header)))


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


def _docx_blocks(document) -> Iterable[tuple[object, bool]]:  # type: ignore[no-untyped-def]
    """The paragraphs and tables of a document's body in reading order, those inside content controls included;
    with each, whether it lies in a content control without content of its own (``_no_content``: a placeholder
    prompt, a table of contents)."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parent = document._body

    def walk(element, no_content: bool):  # type: ignore[no-untyped-def]
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, parent), no_content
            elif child.tag == qn("w:tbl"):
                yield Table(child, parent), no_content
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")):
                yield from walk(child, no_content or _no_content(child))

    yield from walk(document.element.body, False)


#: WordprocessingML namespace
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: containers of runs read through: insertions, links, smart tags, content controls, simple fields, text direction
_DOCX_THROUGH = frozenset(
    _W + name for name in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple",
                           "dir", "bdo")
)
#: a run's parts and what they read as; other parts (drawings, deleted text, field codes) read as nothing
_DOCX_RUN_TEXT = {_W + "tab": " ", _W + "ptab": " ", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}


def _docx_fields(body) -> Fields | None:  # type: ignore[no-untyped-def]
    """The fields of a document's body to follow, or None when its field marks do not nest: a field that never
    ends would hide the rest of the text, so fields are then not followed (codes and results both show)."""
    kinds = (mark.get(_W + "fldCharType") for mark in body.iter(_W + "fldChar"))
    return Fields() if fields_nest(kind == "begin" for kind in kinds if kind in ("begin", "end")) else None


def _docx_hidden(run, hidden_styles: Mapping[str, bool], default: bool) -> bool:  # type: ignore[no-untyped-def]
    """A run not shown: hidden text, set on the run (``w:vanish``), else by its character style (``hidden_styles``:
    whether each style that sets it hides or shows), else (``default``) by its paragraph's style."""
    props = run.find(_W + "rPr")
    if props is None:
        return default
    vanish = props.find(_W + "vanish")
    if vanish is not None:
        return vanish.get(_W + "val", "true") not in ("0", "false", "off")
    style = props.find(_W + "rStyle")
    name = style.get(_W + "val", "") if style is not None else ""
    return hidden_styles.get(name, default)


def _no_content(element) -> bool:  # type: ignore[no-untyped-def]
    """A content control with no content of the document's own: one showing its placeholder prompt ("Click or
    tap here to enter text."), or the building block Word (and LibreOffice) wrap a table of contents in, with its
    title ("Contents") and the generated entries."""
    props = element.find(_W + "sdtPr")
    if props is None:
        return False
    gallery = props.find(f"{_W}docPartObj/{_W}docPartGallery")
    return props.find(_W + "showingPlcHdr") is not None or (
        gallery is not None and gallery.get(_W + "val", "").lower() == "table of contents"
    )


def _docx_text(  # type: ignore[no-untyped-def]
    element, hidden_styles: Mapping[str, bool], fields: Fields | None, *, hidden: bool = False, marks_only: bool = False
) -> str:
    """The text a reader sees in a paragraph: runs, inserted runs included, deleted and hidden ones left out, of a
    field its result, not its code (a table of contents left out whole). Field marks count wherever they are,
    also in deleted and hidden runs (``marks_only``), so fields pair up as the document wrote them. ``hidden``:
    the paragraph's style hides its runs."""
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag == _W + "r":
            gone = marks_only or _docx_hidden(child, hidden_styles, hidden)
            for part in child:
                kind = part.tag
                if kind == _W + "fldChar":
                    mark = part.get(_W + "fldCharType")
                    if fields is None:
                        pass
                    elif mark == "begin":
                        fields.begin()
                    elif mark == "separate":
                        fields.separate()
                    elif mark == "end":
                        fields.end()
                elif kind == _W + "instrText":  # a field's code: never shown
                    if fields is not None and not gone:
                        fields.code(part.text or "")
                elif (fields is None or fields.showing) and not gone:
                    parts.append(part.text or "" if kind == _W + "t" else _DOCX_RUN_TEXT.get(kind, ""))
        elif tag in (_W + "del", _W + "moveFrom") or (tag == _W + "sdt" and _no_content(child)):
            _docx_text(child, hidden_styles, fields, hidden=hidden, marks_only=True)
        elif tag in _DOCX_THROUGH:
            if tag == _W + "fldSimple" and GENERATED_FIELD.match(child.get(_W + "instr") or ""):
                continue
            parts.append(_docx_text(child, hidden_styles, fields, hidden=hidden, marks_only=marks_only))
    return "".join(parts)


def _paragraph_text(paragraph, styles: _DocxStyles, fields: Fields | None) -> str:  # type: ignore[no-untyped-def]
    """A paragraph element's text with its white space collapsed."""
    props = paragraph.find(_W + "pPr")
    style = props.find(_W + "pStyle") if props is not None else None
    hidden = style is not None and style.get(_W + "val") in styles.paragraphs
    return " ".join(_docx_text(paragraph, styles.characters, fields, hidden=hidden).split())


def _cell_text(cell, styles: _DocxStyles, fields: Fields | None) -> str:  # type: ignore[no-untyped-def]
    """A table cell's text: all its paragraphs, those of tables nested in it included."""
    from docx.oxml.ns import qn

    return " ".join(t for p in cell._tc.iter(qn("w:p")) if (t := _paragraph_text(p, styles, fields)))


@dataclass(frozen=True)
class _DocxStyles:
    """Character styles that set hidden text, by id: whether they hide or show it (showing text that a paragraph
    style hides); ids of the paragraph styles that hide their text."""

    characters: Mapping[str, bool]
    paragraphs: frozenset[str]


def _hidden_styles(document) -> _DocxStyles:  # type: ignore[no-untyped-def]
    """The styles that set hidden text on or off, directly or through a base style."""
    from docx.enum.style import WD_STYLE_TYPE

    found: dict[object, dict[str, bool]] = {WD_STYLE_TYPE.CHARACTER: {}, WD_STYLE_TYPE.PARAGRAPH: {}}
    for style in document.styles:
        if style.type not in found:
            continue
        base, depth = style, 0
        while base is not None and depth < 16:
            if base.font.hidden is not None:
                found[style.type][style.style_id] = bool(base.font.hidden)
                break
            base, depth = base.base_style, depth + 1
    paragraphs = frozenset(name for name, hides in found[WD_STYLE_TYPE.PARAGRAPH].items() if hides)
    return _DocxStyles(found[WD_STYLE_TYPE.CHARACTER], paragraphs)


def _docx_lines(document) -> Iterable[str]:  # type: ignore[no-untyped-def]
    from docx.table import Table

    styles = _hidden_styles(document)
    fields = _docx_fields(document.element.body)
    for block, no_content in _docx_blocks(document):
        if no_content:  # no content, but its field marks (if any) count
            for paragraph in block._element.iter(_W + "p"):  # type: ignore[attr-defined]
                _docx_text(paragraph, styles.characters, fields, marks_only=True)
            continue
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:  # a merged cell is listed once per grid column it spans
                    if not any(cell._tc is other for other in seen):
                        seen.append(cell._tc)
                        cells.append(_cell_text(cell, styles, fields))
                if any(cells):
                    yield " | ".join(cells)
            continue
        text = _paragraph_text(block._p, styles, fields)  # type: ignore[attr-defined]
        style = (block.style.name if block.style is not None else "") or ""  # type: ignore[attr-defined]
        if text and style.lower().startswith("list") and not _BULLET.match(text):
            text = f"- {text}"
        if text:
            yield text


def extract_docx(data: bytes, *, max_bytes: int) -> Extracted | Problem | None:
    """The body of a Word document in reading order (paragraphs, list items as '- item', table rows as
    'a | b | c'; tracked insertions kept, deletions, hidden text and generated contents left out, of a field its
    result), with its title, author, subject, keywords and creation date. Headers, footers and comments are left
    out. None when the bytes are no ZIP archive holding a Word document body (another archive)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                return None
            expanded = sum(info.file_size for info in archive.infolist())
    except _ZIP_ERRORS:
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


# -- OLE containers: DOC (Word 97-2003), Outlook messages, password-protected Office files -------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: the stream in which Office keeps an Office Open XML document (DOCX, XLSX, PPTX) saved with a password
ENCRYPTED_PACKAGE = "EncryptedPackage"


class _OleStreams:
    """Reads a container's top-level streams, unless its structure is damaged or forged: the streams read may
    together hold no more bytes than the file (a forged directory can point many streams at one chain), and no
    sector chain may loop, neither a stream's nor the mini stream's that holds the small ones (olefile would
    follow a loop round and round up to the size it was told)."""

    def __init__(self, ole, size: int) -> None:  # type: ignore[no-untyped-def]
        self.ole, self.size, self.left = ole, size, size
        self.mini_checked = False

    def _check_chain(self, start: int, size: int, what: str) -> None:
        seen: set[int] = set()
        sector, fat = start, self.ole.fat
        while 0 <= sector < len(fat) and len(seen) * self.ole.sectorsize < size:
            if sector in seen:
                raise DocError(f"the sector chain of {what} loops")
            seen.add(sector)
            sector = fat[sector]

    def read(self, name: str) -> bytes:
        ole = self.ole
        size = ole.get_size(name)
        if size > self.left:
            raise DocError(f"the {name} stream claims more bytes than the file has")
        self.left -= size
        if size >= ole.minisectorcutoff:  # in sectors of its own
            entry = ole.root
            for part in name.split("/"):  # a stream of a storage: an Outlook attachment's "__attach_.../__substg1.0_..."
                entry = entry.kids_dict[part.lower()]
            self._check_chain(entry.isectStart, size, f"the {name} stream")
        elif size and not self.mini_checked:  # in the mini stream, which olefile reads whole first
            root = ole.root
            if root.size > self.size:
                raise DocError("the mini stream claims more bytes than the file has")
            self._check_chain(root.isectStart, root.size, "the mini stream")
            self.mini_checked = True
        return bytes(ole.openstream(name).read())


def _open_ole(data: bytes):  # type: ignore[no-untyped-def]
    """The OLE container of Office 97-2003 files and Outlook messages, or why it cannot be opened."""
    import olefile

    try:
        return olefile.OleFileIO(io.BytesIO(data))  # bytes shorter than a sector would be taken for a path
    except Exception as exc:  # noqa: BLE001  (olefile raises OSError, struct.error, ... on damaged containers)
        return Problem(Reason.UNREADABLE, f"not a readable OLE container: {type(exc).__name__}: {exc}")


def _stored_date(value: object) -> date | None:
    """The date of an Office or Outlook time property; before 1980 it is an unset value (1601), not a date."""
    return value.date() if isinstance(value, datetime) and value.year >= 1980 else None


def extract_ole(data: bytes) -> tuple[Literal["doc", "email", "docx"], Extracted | Problem] | None:
    """What an OLE container holds, opened once: a Word 97-2003 document (``extract_doc``), an Outlook message
    (``extract_msg``), or a DOCX, XLSX or PPTX saved with a password (rejected as encrypted); None for another
    Office 97-2003 file (XLS, PPT). A container that cannot be opened is a ``doc`` problem."""
    ole = _open_ole(data)
    if isinstance(ole, Problem):
        return "doc", ole
    with ole:
        if ole.exists(ENCRYPTED_PACKAGE):
            return "docx", Problem(Reason.ENCRYPTED, "the Office document (DOCX, XLSX, PPTX) is encrypted with a password")
        if (doc := _doc_in(ole, len(data))) is not None:
            return "doc", doc
        if (message := _msg_in(ole, len(data))) is not None:
            return "email", message
    return None


def extract_doc(data: bytes) -> Extracted | Problem | None:
    """The main text of a Word 97-2003 document (``flows.steps.msdoc``): paragraphs, list items as '- item', table
    rows as 'a | b | c'; tracked deletions, hidden text, field codes, generated tables of contents, headers,
    footers, footnotes and comments left out. Title, author, subject, keywords and creation date from its
    summary information. None when the OLE container holds no Word document (an Excel or PowerPoint file)."""
    ole = _open_ole(data)
    if isinstance(ole, Problem):
        return ole
    with ole:
        return _doc_in(ole, len(data))


def extract_msg(data: bytes) -> Extracted | Problem | None:
    """The body of an Outlook message (``.msg``, ``flows.steps.outlook``): its plain-text body, else its HTML body,
    else the text of its compressed RTF body, with the subject as title, the sender as author and the date sent,
    as for ``.eml``. Its attached files are documents of their own (``flows.steps.attachments``), not part of its
    text. None when the OLE container holds no message."""
    ole = _open_ole(data)
    if isinstance(ole, Problem):
        return ole
    with ole:
        return _msg_in(ole, len(data))


def _doc_in(ole, size: int) -> Extracted | Problem | None:  # type: ignore[no-untyped-def]
    """``extract_doc`` on an open container of ``size`` bytes."""
    if not ole.exists("WordDocument"):
        return None
    streams = _OleStreams(ole, size)
    try:
        word = streams.read("WordDocument")
        fib = msdoc.read_fib(word)
        if fib.old:
            return Problem(Reason.UNSUPPORTED_TYPE, f"a Word 6 or Word 95 document (version {fib.n_fib}) is not read")
        if fib.encrypted:
            return Problem(Reason.ENCRYPTED, "the Word document is encrypted with a password")
        if not ole.exists(fib.table_stream):
            return Problem(Reason.UNREADABLE, f"the Word document has no {fib.table_stream} stream")
        table = streams.read(fib.table_stream)
        extra = streams.read("Data") if ole.exists("Data") else b""
        text = "\n".join(msdoc.doc_lines(word, table, fib, extra))
    except Exception as exc:  # noqa: BLE001  (DocError, and olefile's errors on damaged streams)
        return Problem(Reason.UNREADABLE, f"not a readable Word document: {type(exc).__name__}: {exc}")
    if not text.strip():
        return Problem(Reason.EMPTY, "the Word document has no text")
    summary = "\x05SummaryInformation"
    info = (_safe(lambda: msdoc.summary_properties(streams.read(summary))) if ole.exists(summary) else None) or {}

    def text_of(pid: int) -> str | None:
        value = info.get(pid)
        return _clean(value) if isinstance(value, str) else None

    properties = Metadata(
        title=plausible_title(text_of(msdoc.TITLE)),
        author=text_of(msdoc.AUTHOR),
        description=text_of(msdoc.SUBJECT),
        published=_stored_date(info.get(msdoc.CREATED)),
        tags=page_tags([text_of(msdoc.KEYWORDS) or ""]),
    )
    return Extracted(text=text, markup="text", encoding="doc", properties=properties)


def _msg_in(ole, size: int) -> Extracted | Problem | None:  # type: ignore[no-untyped-def]
    """``extract_msg`` on an open container of ``size`` bytes."""
    if not ole.exists(outlook.PROPERTIES):
        return None
    try:
        names = [outlook.PROPERTIES, *(name for name in outlook.WANTED if ole.exists(name))]
        streams = _OleStreams(ole, size)
        found = outlook.message({name: streams.read(name) for name in names})
    except Exception as exc:  # noqa: BLE001  (olefile's errors on damaged streams, and DocError)
        return Problem(Reason.UNREADABLE, f"not a readable Outlook message: {type(exc).__name__}: {exc}")
    body, markup = (found.text, "text") if found.text and found.text.strip() else (found.html, "html")
    if markup == "text" and found.html and _plain_is_stub(found.text or "", found.html):
        body, markup = found.html, "html"  # "view it online", as in an e-mail
    if (not body or not body.strip()) and ole.exists(outlook.COMPRESSED_RTF):
        try:  # decompressed ([MS-OXRTFCP]): at most about eight times the stream, 17 bytes for a 2-byte reference
            if (stored := ole.get_size(outlook.COMPRESSED_RTF)) > outlook.MAX_RTF_BODY_BYTES:
                return Problem(Reason.TOO_LARGE, f"the Outlook message's compressed RTF body ({stored:,} bytes) is "
                               f"larger than the {outlook.MAX_RTF_BODY_BYTES:,} bytes read (it expands up to eight times)")
            rtf = extract_rtf(bytes(compressed_rtf.decompress(streams.read(outlook.COMPRESSED_RTF))))
        except Exception as exc:  # noqa: BLE001  (compressed-rtf raises bare Exceptions; olefile, damaged entries)
            return Problem(Reason.UNREADABLE, f"the Outlook message's RTF body is damaged: {type(exc).__name__}: {exc}")
        if isinstance(rtf, Problem):
            return Problem(rtf.reason, f"the Outlook message's RTF body: {rtf.detail}")
        body, markup = rtf.text, "text"
    if not body or not body.strip():
        return Problem(Reason.EMPTY, "the Outlook message has no body")
    properties = Metadata(
        title=_clean(found.subject),
        author=_clean(found.sender),
        published=_stored_date(found.sent),
    )
    return Extracted(text=body, markup=markup, encoding="msg", properties=properties)  # type: ignore[arg-type]


# -- ODT ----------------------------------------------------------------------------------------------------

_ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}
#: mimetypes of OpenDocument text documents and templates (the first member of the archive)
ODT_MIMETYPES = frozenset(
    {b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template"}
)


@lru_cache(maxsize=None)
def _odf(tag: str) -> str:
    """A prefixed ODF name ('text:p') in lxml's form, made once per name (the walk asks for it per element)."""
    prefix, _, name = tag.partition(":")
    return f"{{{_ODF[prefix]}}}{name}"


#: left out of the text: tracked deletions, comments, footnotes (as in Word), frames (text boxes, images),
#: generated indexes (a table of contents repeats the headings), a list item's rendered number and ruby annotations
_ODT_SKIPPED = frozenset(
    _odf(t)
    for t in (
        "text:tracked-changes", "office:annotation", "office:annotation-end", "text:note", "text:table-of-content",
        "text:alphabetical-index", "text:illustration-index", "text:table-index", "text:object-index",
        "text:user-index", "text:bibliography", "text:sequence-decls", "text:variable-decls",
        "text:user-field-decls", "text:number", "text:ruby-text",
    )
) | {"{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame"}


def _odt_inline(element, styles: Mapping[str, bool], hidden: bool = False) -> str:  # type: ignore[no-untyped-def]
    """The text of a paragraph or heading: spans and links read through; spaces (``text:s``, whatever count it
    gives: white space is collapsed anyway), tabs and line breaks as one space; what ``_ODT_SKIPPED`` names left
    out. ``styles``: whether each style that sets it hides its text or shows it; ``hidden``: the element's own
    text is hidden (by its paragraph's style), though a span's style may show its part."""
    parts: list[str] = [] if hidden else [element.text or ""]
    for child in element:
        if child.tag in _ODT_SKIPPED:
            pass
        elif child.tag in (_odf("text:s"), _odf("text:tab"), _odf("text:line-break")):
            parts.append("" if hidden else " ")
        elif isinstance(child.tag, str):
            parts.append(_odt_inline(child, styles, styles.get(child.get(_odf("text:style-name")), hidden)))
        parts.append("" if hidden else child.tail or "")
    return "".join(parts)


def _odt_display_styles(*roots) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """The text and paragraph styles that hide their text (``text:display="none"``) or show it (any other
    value), directly or through a parent style, by name: whether they hide it; ``roots``: content.xml (automatic
    styles) and styles.xml's named styles (its automatic styles belong to headers and footers and may reuse the
    names of the body's)."""
    parents: dict[str, str | None] = {}
    hides: dict[str, bool] = {}
    for root in roots:
        for style in root.iter(_odf("style:style")):
            name = style.get(_odf("style:name"))
            if name is None or style.get(_odf("style:family")) not in ("text", "paragraph"):
                continue
            parents[name] = style.get(_odf("style:parent-style-name"))
            props = style.find(_odf("style:text-properties"))
            display = props.get(_odf("text:display")) if props is not None else None
            if display is not None:
                hides[name] = display == "none"
    found: dict[str, bool] = {}
    for name in parents:
        link: str | None = name
        for _ in range(16):  # a style, its parent, the parent's parent ...
            if link is None or link in hides:
                break
            link = parents.get(link)
        if link is not None and link in hides:
            found[name] = hides[link]
    return found


#: a cell written once for equal cells side by side counts at most this often (a sheet's row of empty cells
#: says 1024), and only in a table that is not inside another's cell, and when its text is short: nested repeats
#: would multiply (64 x 64 x ... from a file of a few hundred bytes)
MAX_REPEATED_CELLS = 64
MAX_REPEATED_CELL_CHARS = 200


def _odt_repeat(cell, text: str, nested: bool) -> int:  # type: ignore[no-untyped-def]
    if nested or len(text) > MAX_REPEATED_CELL_CHARS:
        return 1
    try:
        count = int(cell.get(_odf("table:number-columns-repeated")) or 1)
    except ValueError:
        return 1
    return min(max(count, 1), MAX_REPEATED_CELLS)


def _odt_lines(  # type: ignore[no-untyped-def]
    element, styles: Mapping[str, bool], nested: bool = False
) -> Iterable[str]:
    """The body's blocks in reading order: paragraphs and headings as lines, list items as '- item' (a list's
    header and a heading in a list without the dash), table rows as 'a | b | c' (each cell's blocks joined);
    sections and other containers read through. ``styles``: whether each style that sets it hides its text or
    shows it (``_odt_display_styles``); ``nested``: inside a table cell."""
    for child in element:
        tag = child.tag
        if tag in _ODT_SKIPPED or not isinstance(tag, str):
            continue
        if tag in (_odf("text:p"), _odf("text:h")):
            hidden = styles.get(child.get(_odf("text:style-name")), False)
            if text := " ".join(_odt_inline(child, styles, hidden).split()):
                yield text
        elif tag == _odf("text:list-item"):
            first = next((c for c in child if isinstance(c.tag, str) and c.tag not in _ODT_SKIPPED), None)
            dash = first is not None and first.tag == _odf("text:p")
            for i, line in enumerate(_odt_lines(child, styles, nested)):
                yield f"- {line}" if i == 0 and dash and not _BULLET.match(line) else line
        elif tag == _odf("table:table-row"):
            # a cell hidden by a merge (``table:covered-table-cell``) is left out; equal cells side by side may be
            # written once with a repeat count
            cells = [
                text
                for cell in child
                if cell.tag == _odf("table:table-cell")
                for own in [" ".join(_odt_lines(cell, styles, True))]
                for text in [own] * _odt_repeat(cell, own, nested)
            ]
            while cells and not cells[-1]:  # a row's trailing empty cells
                cells.pop()
            if any(cells):
                yield " | ".join(cells)
        else:  # sections, lists and list headers, tables and their row groups, change regions
            yield from _odt_lines(child, styles, nested)


def _odt_properties(archive: zipfile.ZipFile) -> Metadata:
    """Title, author (the first creator, else the last editor), subject, keywords and creation date from
    ``meta.xml``; an empty value when the file has none or it is damaged."""
    from lxml import etree

    try:
        root = etree.fromstring(archive.read("meta.xml"), _xml_parser())
    except (etree.XMLSyntaxError, *_ZIP_ERRORS):
        return Metadata()

    def first(*tags: str) -> str | None:
        for tag in tags:
            for found in root.iter(_odf(tag)):
                if value := _clean(found.text):
                    return value
        return None

    created = first("meta:creation-date")
    try:
        published = datetime.fromisoformat(created).date() if created else None
    except ValueError:
        published = None
    keywords = [found.text or "" for found in root.iter(_odf("meta:keyword"))]
    return Metadata(
        title=plausible_title(first("dc:title")),
        author=first("meta:initial-creator", "dc:creator"),
        description=first("dc:subject", "dc:description"),
        published=published,
        tags=page_tags([", ".join(keywords)]),
    )


def _xml_parser():  # type: ignore[no-untyped-def]
    """An XML parser for a document's own parts: no entities resolved, no DTD or network access, no huge trees."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def extract_odt(data: bytes, *, max_bytes: int) -> Extracted | Problem | None:
    """The body of an OpenDocument text (LibreOffice, OpenOffice; ``.odt``, ``.ott``) in reading order, as for Word
    documents (paragraphs, list items as '- item', table rows as 'a | b | c'), with its title, author, subject,
    keywords and creation date. Tracked deletions, hidden text, comments, footnotes, text boxes and generated tables
    of contents are left out. None when the bytes are no ZIP archive of an OpenDocument text."""
    from lxml import etree

    known = _odt_signed(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" not in names or archive.read("mimetype").strip() not in ODT_MIMETYPES:
                return None
            known = True
            expanded = sum(info.file_size for info in archive.infolist())
            if expanded > MAX_EXPANSION * max_bytes:
                return Problem(
                    Reason.TOO_LARGE, f"the ODT expands to {expanded} bytes (over {MAX_EXPANSION} x max_file_bytes)"
                )
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                return Problem(Reason.ENCRYPTED, "the ODT is encrypted with a password")
            root = etree.fromstring(archive.read("content.xml"), _xml_parser())
            # named styles may hide text; the text does not depend on them, so a damaged styles.xml is passed over
            styles = None
            if "styles.xml" in names:
                styles = _safe(lambda: etree.fromstring(archive.read("styles.xml"), _xml_parser()))
            properties = _odt_properties(archive)
        body = root.find(f"{_odf('office:body')}/{_odf('office:text')}")
        named = styles.find(_odf("office:styles")) if styles is not None else None  # not its header styles
        styles = _odt_display_styles(root, *([] if named is None else [named]))
        text = "\n".join(_odt_lines(body, styles)) if body is not None else ""
    except etree.XMLSyntaxError as exc:
        return Problem(Reason.UNREADABLE, f"not a readable ODT: its content.xml is malformed: {exc}")
    except Exception as exc:  # noqa: BLE001  (zipfile and lxml raise many kinds on damaged files)
        return Problem(Reason.UNREADABLE, f"not a readable ODT: {type(exc).__name__}: {exc}") if known else None
    if not text.strip():
        return Problem(Reason.EMPTY, "the OpenDocument text has no text")
    return Extracted(text=text, markup="text", encoding="odt", properties=properties)


def _odt_signed(data: bytes) -> bool:
    """The ODF signature, which even a cut-off file keeps: its first member is ``mimetype``, stored uncompressed,
    and holds the type of an OpenDocument text."""
    if data[30:38] != b"mimetype" or data[8:10] != b"\x00\x00":  # stored: compression method 0
        return False
    size = int.from_bytes(data[18:22], "little")
    start = 38 + int.from_bytes(data[28:30], "little")  # after the name and the extra field
    return data[start : start + size].strip() in ODT_MIMETYPES


# -- RTF ----------------------------------------------------------------------------------------------------

_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
#: a property of the information group; its value may hold groups one level deep ("{\title Haushalt {\b 2025}}")
_RTF_INFO = re.compile(r"\{\\(title|author|subject|keywords)\b ?((?:[^{}\\]|\\[^{}]|\\[{}]|\{(?:[^{}\\]|\\[\s\S])*\})*)\}")
_RTF_CREATED = re.compile(r"\{\\creatim\\yr(\d{4})\\mo(\d{1,2})\\dy(\d{1,2})")
#: the tokens of RTF: a control word with its number and delimiting space, a control symbol, a brace, text
_RTF_TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\.|[{}]|[^\\{}]+", re.DOTALL)
#: a table cell's end as a private-use character, which text does not hold (striprtf would write '|')
_CELL_MARK = "\ue000"


def _rtf_codepage(data: bytes) -> str:
    """The code page an RTF file declares for its 8-bit characters (``\\ansicpgN``; Mac Roman for ``\\mac``),
    Windows-1252 if none or one Python does not know."""
    found = _RTF_CODEPAGE.search(data[:4096])
    if found and (name := codec(int(found.group(1)))):
        return name
    return "mac_roman" if re.match(rb"\s*\{\\rtf1?\\mac\b", data[:64]) else "cp1252"


def _rtf_prepared(source: str) -> str:
    """The RTF rewritten for striprtf, in one pass over its tokens:

    - a table cell's end becomes ``_CELL_MARK`` (written so that any ``\\ucN`` reads it), and a paragraph end
      inside a cell a tab, so a row stays one line;
    - a line break becomes a tab (white space, as in Word and OpenDocument files);
    - ``\\ansicpgN`` goes: the code page is passed to striprtf, which knows fewer of them;
    - a field instruction keeps its group apart (``\\fldinst {``): striprtf's hyperlink pattern then cannot match,
      which took minutes on a long line of links, and the instruction is dropped, its shown text kept; a field
      whose text is generated from the document (a table of contents, an index) goes whole;
    - deleted (tracked changes) and hidden text goes: a group that opens so is marked ignorable (``{\\*``), and
      text turned so inside a group is put in an ignorable group up to the toggle off or the group's end;
    - binary data (``\\binN``, an embedded object's) is dropped.
    """
    out: list[str] = []
    in_table = False
    opened = -1  # the output position of the last '{' while only control words have followed it
    depth = 0
    hiding: list[int] = []  # depths at which an ignorable group was opened for text turned hidden or deleted
    groups: list[int] = []  # output positions of the '{' of the groups open
    fields: list[tuple[int, int]] = []  # (depth, output position of its '{') of the fields open
    instruction: list[str] | None = None  # the text of the field instruction being read
    instruction_depth = 0
    pos = 0
    while pos < len(source):
        token = _RTF_TOKEN.match(source, pos)
        if token is None:  # a lone backslash at the end
            break
        pos = token.end()
        word, number = token.group(1), token.group(2)
        text = token.group(0)
        if text == "{":
            depth += 1
            out.append(text)
            opened = len(out) - 1
            groups.append(opened)
            continue
        if text == "}":
            while hiding and hiding[-1] >= depth:  # hidden text runs to the end of its group
                hiding.pop()
                out.append("}")
            if instruction is not None and depth <= instruction_depth:  # the end of a field's instruction
                if fields and GENERATED_FIELD.match("".join(instruction)):
                    out[fields[-1][1]] = "{\\*"  # the whole field, its result too, is ignorable
                instruction = None
            if fields and fields[-1][0] == depth:
                fields.pop()
            if groups:
                groups.pop()
            depth -= 1
        if word is None:
            opened = -1
            if instruction is not None and text not in "{}" and text.strip() and len(instruction) < 16:  # its name
                instruction.append(text)
            out.append(text)
            continue
        if word == "bin" and number:  # binary data (an embedded object, always in an ignorable group): dropped
            pos += max(int(number), 0)
            continue
        if word == "plain" and hiding and hiding[-1] == depth:  # character formatting reset: shown again
            hiding.pop()
            out.append("}")
        if word in ("deleted", "v"):
            if number == "0":  # the toggle off
                if hiding and hiding[-1] == depth:
                    hiding.pop()
                    out.append("}")
            elif opened >= 0:  # the group opens as hidden or deleted text: all of it goes
                out[opened] = "{\\*"
            elif not hiding or hiding[-1] != depth:
                out.append("{\\*\\v ")
                hiding.append(depth)
            continue
        if word == "cell":
            out.append("{\\uc0\\u-8192 }")
        elif word == "par" and in_table:
            out.append("\\tab ")
        elif word == "line":
            out.append("\\tab ")
        elif word == "ansicpg":
            pass
        elif word == "fldinst":
            out.append("\\fldinst ")
            instruction, instruction_depth = [], depth
        elif word == "field" and groups:
            fields.append((depth, groups[-1]))
            out.append(text)
        else:
            if word == "intbl":
                in_table = True
            elif word in ("pard", "row"):
                in_table = False
            out.append(text)
    out.extend("}" * len(hiding))
    return "".join(out)


def _unpaired(text: str) -> str:
    """Characters beyond U+FFFF that RTF writes as two ``\\u`` escapes joined; a lone half becomes U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def extract_rtf(data: bytes) -> Extracted | Problem:
    """The text of an RTF document (striprtf): one paragraph per line, table rows as 'a | b | c', characters
    decoded with the code page the file declares; tracked deletions, hidden text, page headers and footers,
    footnotes and comments left out. Title, author, subject, keywords and creation date from its information
    group."""
    from striprtf.striprtf import rtf_to_text

    codepage = _rtf_codepage(data)
    source = data.decode("latin-1")  # RTF is 7-bit; 8-bit bytes, if any, pass through to be decoded by striprtf
    try:
        text = _unpaired(rtf_to_text(_rtf_prepared(source), encoding=codepage, errors="replace"))
        info = {
            key: _unpaired(rtf_to_text("{\\rtf1 " + _rtf_prepared(value) + "}", encoding=codepage, errors="replace"))
            for key, value in _RTF_INFO.findall(source[:65536])
        }
    except Exception as exc:  # noqa: BLE001  (striprtf raises on malformed escapes)
        return Problem(Reason.UNREADABLE, f"not a readable RTF: {type(exc).__name__}: {exc}")
    lines = []
    for line in text.split("\n"):
        if _CELL_MARK in line:
            cells = [" ".join(cell.split()) for cell in line.split(_CELL_MARK)]
            while cells and not cells[-1]:  # after the row's last cell
                cells.pop()
            line = " | ".join(cells)
        if line := " ".join(line.split()):
            lines.append(line)
    if not lines:
        return Problem(Reason.EMPTY, "the RTF document has no text")
    created = _RTF_CREATED.search(source[:65536])
    try:
        published = date(*(int(x) for x in created.groups())) if created else None
    except ValueError:
        published = None
    properties = Metadata(
        title=plausible_title(info.get("title")),
        author=_clean(info.get("author")),
        description=_clean(info.get("subject")),
        published=published,
        tags=page_tags([info.get("keywords") or ""]),
    )
    return Extracted(text="\n".join(lines), markup="text", encoding=f"rtf/{codepage}", properties=properties)


# -- e-mail -------------------------------------------------------------------------------------------------


def decode_declared(raw: bytes, charset: str | None) -> tuple[str | None, str]:
    """Text and encoding of bytes in a declared charset when they decode with it, else in a detected one (a
    missing, wrong or unknown charset is common); (None, "") when no encoding reads them."""
    from flows.steps.load import decode  # here: load imports this module

    wide = charset is not None and charset.lower().replace("_", "-").startswith(("utf-16", "utf-32", "ucs-2", "ucs-4"))
    if charset and charset.lower() not in ("us-ascii", "ascii") and not (wide and b"\x00" not in raw[:4096]):
        try:  # a wide charset over bytes without NULs would "decode" ASCII into CJK: a wrong declaration
            return raw.decode(charset), charset
        except (LookupError, UnicodeError, ValueError):  # unknown, wrong, or no text codec at all ("undefined")
            pass
    decoded = decode(raw)
    return decoded if decoded is not None else (None, "")


def bad_base64(part: Message) -> bool:
    """Whether a part's base64 could not be decoded (not whole four-letter groups): the email package then hands
    back the base64 itself as the part's bytes. Known once the part's payload was decoded (``_body_text``)."""
    return "InvalidBase64LengthDefect" in {type(d).__name__ for d in part.defects}


def _body_text(part: Message) -> tuple[str | None, str]:
    """A body part's text and encoding (``decode_declared``); a plain-text part sent ``format=flowed`` with its
    paragraphs joined again (``unflow``)."""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes) or bad_base64(part):
        return None, ""  # base64 that cannot be decoded: the email package hands back the base64 itself
    text, encoding = decode_declared(raw, part.get_content_charset())
    if text is not None and part.get_content_type() == "text/plain" and str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
    return text, encoding


#: the line that opens a signature: never flowed into the next
SIGNATURE_SEPARATOR = "-- "


def unflow(text: str, *, delsp: bool = False) -> str:
    """A ``format=flowed`` body (RFC 3676) as its writer typed it: a line that ends in a space was wrapped by the
    mail program and goes on in the next line of the same quote depth (``>`` marks); the space a writer adds
    before a line that opens with a space or ``>`` ("space-stuffing") is taken away; with ``delsp=yes`` the
    trailing space of a wrapped line is not part of the text either. Quoted lines keep their ``>`` marks."""
    out: list[str] = []
    current: str | None = None  # a paragraph being joined, and its quote depth
    current_depth = 0

    def close() -> None:
        out.append((">" * current_depth + " " if current_depth else "") + (current or ""))

    for line in text.replace("\r\n", "\n").split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:].removeprefix(" ")
        flowed = content.endswith(" ") and content != SIGNATURE_SEPARATOR
        if flowed and delsp:
            content = content[:-1]
        if current is not None and depth != current_depth:  # a wrapped line before another quote depth ends there
            close()
            current = None
        current, current_depth = (current or "") + content, depth
        if not flowed:
            close()
            current = None
    if current is not None:
        close()
    return "\n".join(out)


#: a plain-text part with under this share of the words of the HTML part beside it is a stub ("To view this
#: newsletter, open it in a program that shows HTML"): the HTML part is read instead (not for a plain part that
#: only lacks the HTML's navigation and footer)
PLAIN_STUB_SHARE = 0.25


def _plain_is_stub(plain: str, html: str) -> bool:
    """Whether a message's plain-text body is a stub of its HTML body (``PLAIN_STUB_SHARE``): words as the text
    rules count them (``boilerplate.words_of``: not the invisible characters a newsletter pads its hidden preview
    with), of the HTML body those a reader sees (not its scripts and styles)."""
    from flows.steps.boilerplate import words_of  # here: boilerplate imports the loading steps, which import this

    seen = _visible_text(html)
    return seen is not None and len(words_of(plain)) < PLAIN_STUB_SHARE * len(words_of(seen))


def _visible_text(html: str) -> str | None:
    """An HTML body's visible text, one block per line; None when there is no markup to parse."""
    from flows.steps.pagetext import page_lines, parse_page, xml_safe  # here: pagetext imports this module's neighbours

    root = parse_page(xml_safe(html))
    return page_lines(root) if root is not None else None


def _message_body(message: EmailMessage) -> tuple[Message | None, str | None, str]:
    """A message's body part, its text and encoding: the plain-text part, or the HTML part when there is none or
    the plain part is a stub of it (``_plain_is_stub``)."""
    part = message.get_body(preferencelist=("plain", "html"))
    body, encoding = _body_text(part) if part is not None else (None, "")
    html = message.get_body(preferencelist=("html",))
    if html is not None and html is not part:
        html_body, html_encoding = _body_text(html)
        # "view it online"; or a plain part that cannot be decoded (damaged base64)
        if html_body and (body is None or _plain_is_stub(body, html_body)):
            part, body, encoding = html, html_body, html_encoding
    return part, body, encoding


#: messages attached to messages attached to ... a message are read to this depth
ATTACHED_DEPTH = 3


def _attached_messages(message: EmailMessage) -> Iterator[EmailMessage]:
    """The messages attached to a message (forwarded "as attachment": ``message/rfc822``, or a ``.eml`` file
    sent as plain data), and those attached to them, to ``ATTACHED_DEPTH``."""
    found = [(message, 0)]
    while found:
        outer, depth = found.pop(0)
        if depth == ATTACHED_DEPTH:
            continue
        for part in outer.iter_attachments():
            inner = _safe(lambda p=part: _as_message(p))  # a malformed attachment is passed over, as before
            if isinstance(inner, EmailMessage):
                yield inner
                found.append((inner, depth + 1))


def _as_message(part: Message) -> object:
    """The message an attachment holds, if it is one: a ``message/rfc822`` part, or a file named ``.eml`` whose
    bytes open with header fields (a PDF or an image named ``.eml`` is no message: it is an attached file,
    ``flows.steps.attachments``)."""
    if part.get_content_type() == "message/rfc822":
        return part.get_content()  # type: ignore[attr-defined]  # an EmailMessage under the default policy
    if (part.get_filename() or "").lower().endswith(".eml"):
        raw = part.get_payload(decode=True)
        if isinstance(raw, bytes) and is_message_file(part.get_filename() or "", raw):
            return email.message_from_bytes(raw, policy=email.policy.default)
    return None


def is_message_file(name: str, raw: bytes) -> bool:
    """Whether a file attached to a message is a message forwarded as an attachment, read into the text of the
    message it is attached to: named ``.eml`` and opening with header fields (``fwd.eml``; not a PDF named so)."""
    return name.lower().endswith(".eml") and _leading_header(_opening(raw)) is not None


def sent_date(message: Message) -> date | None:
    """The day a message was sent, from its ``Date`` header as written (``_sent``); None without one."""
    # as written: the parsed header writes a year of "0000" as 2000 already
    date_header = next((str(v) for k, v in _safe(lambda: message.raw_items()) or () if k.lower() == "date"), None)
    return _sent(date_header) if date_header else None


def _attached_texts(message: EmailMessage) -> list[tuple[str, str, str]]:
    """The subject, text (an HTML body's visible text) and encoding of each message attached to a message
    (``_attached_messages``) that has a body; one that cannot be read is passed over, as every attachment was."""
    found = []
    for inner in _attached_messages(message):
        part, body, encoding = _safe(lambda m=inner: _message_body(m)) or (None, None, "")
        if part is None or not body:
            continue
        text = _safe(lambda b=body: _visible_text(b)) if part.get_content_subtype() == "html" else body
        if text and text.strip():
            found.append((_clean(_safe(lambda m=inner: m.get("subject"))) or "", text.strip(), encoding))
    return found


def overlong_header(data: bytes) -> Problem | None:
    """The refusal of an e-mail whose header is longer than ``MAX_MIME_HEADER``, or None: the email package's time
    to parse a header field grows with its square (``extract_email``, and the listing of its attached files)."""
    if re.search(rb"\r?\n\r?\n", data[: MAX_MIME_HEADER + 4]) is None and len(data) > MAX_MIME_HEADER:
        return Problem(Reason.UNREADABLE, f"an e-mail whose header is longer than {MAX_MIME_HEADER} bytes")
    return None


def extract_email(data: bytes) -> Extracted | Problem:
    """The body of an e-mail (RFC 5322 ``.eml``): its plain-text part (``format=flowed`` paragraphs joined again),
    or its HTML part when it has none or when the plain part holds under a quarter of its words (a newsletter's
    "view it online" stub), with the subject as title, the sender's name as author and the date sent. Messages
    attached to it (forwarded as attachments) follow a plain-text body, each as its subject and its text, or are
    the body when the message has none of its own. Other attached files are documents of their own
    (``flows.steps.attachments``), not part of its text. A header longer than ``MAX_MIME_HEADER`` is refused: the
    email package's time to parse a header field grows with its square."""
    if (overlong := overlong_header(data)) is not None:
        return overlong
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage):
            return Problem(Reason.UNREADABLE, "not a readable e-mail")
        part, body, encoding = _message_body(message)
        own = body if part is not None and body and body.strip() else None
        markup: Markup = "html" if own is not None and part is not None and part.get_content_subtype() == "html" else "text"
        attached = _attached_texts(message) if markup == "text" else []  # not after an HTML body
    except Exception as exc:  # noqa: BLE001  (the email package raises many kinds on malformed messages)
        return Problem(Reason.UNREADABLE, f"not a readable e-mail: {type(exc).__name__}: {exc}")
    if own is None and not attached:
        if part is not None and bad_base64(part):
            return Problem(Reason.UNREADABLE, "an e-mail whose body is damaged: its base64 cannot be decoded")
        return Problem(Reason.EMPTY, "the e-mail has no text or HTML body")
    subject = _clean(_safe(lambda: message.get("subject")))
    if attached:
        blocks = [own or "", *("\n\n".join(b for b in (title, text) if b) for title, text, _ in attached)]
        own = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
        subject = subject or attached[0][0] or None
        encoding = encoding or attached[0][2]
    sender_name, sender_address = parseaddr(str(_safe(lambda: message.get("from", "")) or ""))
    properties = Metadata(title=subject, author=_clean(sender_name) or _clean(sender_address), published=sent_date(message))
    assert own is not None
    return Extracted(text=own, markup=markup, encoding=encoding or "utf-8", properties=properties)


class _Header(NamedTuple):
    """The header fields a file opens with, in order (lower-case name, value; folded lines joined), and whether
    its closing blank line came within the first 40 lines and 4 KB."""

    fields: list[tuple[bytes, bytes]]
    complete: bool


def _leading_header(head: bytes) -> _Header | None:
    """The header the bytes open with, or None when they do not open with one."""
    fields: list[tuple[bytes, bytes]] = []
    for k, line in enumerate(head[:4096].split(b"\n", 40)):
        if not line.strip():
            return _Header(fields, k < 40)
        if line[:1] in (b" ", b"\t"):
            if fields:
                fields[-1] = (fields[-1][0], (fields[-1][1] + b" " + line.strip()).strip())
            continue
        name, colon, value = line.partition(b":")
        if not colon or not re.fullmatch(rb"[A-Za-z][A-Za-z0-9-]*", name):
            return None
        fields.append((name.lower(), value.strip()))
    return _Header(fields, False)


def _opening(data: bytes) -> bytes:
    """The bytes without a UTF-8 byte order mark and blank lines before the first text."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")


def looks_like_email(head: bytes) -> bool:
    """Bytes that open with RFC 5322 header fields, among them one that only mail has (a message id, a
    ``Received`` trace, a MIME version or a return path): a note that starts 'From: ...' is not enough."""
    header = _leading_header(head)
    return (
        header is not None
        and len(header.fields) >= 2
        and bool({b"message-id", b"received", b"mime-version", b"return-path"} & {name for name, _ in header.fields})
    )


# -- saved web pages (MHTML) --------------------------------------------------------------------------------

#: header fields that mail carries and a saved web page does not
_MAIL_ONLY = frozenset({b"message-id", b"received", b"return-path", b"to", b"cc", b"bcc", b"in-reply-to", b"references"})


def looks_like_mhtml(head: bytes, *, suffix: str = "") -> bool:
    """Bytes that open with the header of a web page saved as one file (MHTML, RFC 2557): Chrome's and Edge's
    ``Snapshot-Content-Location`` (``X-Snapshot-Content-Location`` in older versions) or ``From: <Saved by
    Blink>``, or (not for a file named ``.eml``) a MIME version over a ``multipart/related`` body in a complete
    header without the fields of mail (Internet Explorer's and Word's ``.mht``)."""
    header = _leading_header(_opening(head))
    if header is None or not header.fields:
        return False
    fields = dict(reversed(header.fields))  # the first of a name that repeats
    snapshot = {b"snapshot-content-location", b"x-snapshot-content-location"} & fields.keys()
    if snapshot or fields.get(b"from", b"").lower().startswith(b"<saved by "):
        return True
    if suffix == ".eml" or not header.complete:  # a message, or a header too long to judge
        return False
    related = fields.get(b"content-type", b"").lower().startswith(b"multipart/related")
    return related and b"mime-version" in fields and not _MAIL_ONLY & fields.keys()


#: what the email package finds in a MIME file that ends inside its header or before its first part
_CUT_SHORT = frozenset({"MissingHeaderBodySeparatorDefect", "StartBoundaryNotFoundDefect"})
#: a line that opens a part of a multipart message (``--`` and a boundary), whichever boundary it is
_BOUNDARY_LINE = re.compile(rb"(?m)^--[!-~]{8,200}\r?$")
#: a saved page's header (the MIME fields before its first part) may be at most this long
MAX_MIME_HEADER = 65_536
#: the types a saved page's own part may have, and how it is read
_PAGE_MARKUP: dict[str, Markup] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def _mhtml_root(message: Message) -> Message | None:
    """The page of a saved web page: the ``start`` part of ``multipart/related`` when it is a page, else its first
    HTML or XHTML part (the main frame: frames and resources follow it), else its first text part."""
    if not message.is_multipart():  # one part: what it declares, not mail's default of plain text
        declared = "content-type" in message and message.get_content_type() in _PAGE_MARKUP
        return message if declared else None
    start = str(message.get_param("start", "") or "").strip(" <>")
    parts = list(message.walk())[1:]
    for part in parts:
        if start and str(part.get("content-id", "")).strip(" <>") == start and part.get_content_type() in _PAGE_MARKUP:
            return part
    for wanted in (("text/html", "application/xhtml+xml"), ("text/plain",)):
        for part in parts:
            if part.get_content_type() in wanted:
                return part
    return None


def _header_text(value: object) -> str | None:
    """A header field's text with its RFC 2047 encoded words decoded ("=?utf-8?Q?K=C3=BCste?=" -> "Küste")."""
    if value is None:
        return None
    return str(make_header(decode_header(str(value))))


def extract_mhtml(data: bytes) -> Extracted | Problem:
    """The page of a web page saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File", Internet
    Explorer's and Word's ``.mht``): its root part (``_mhtml_root``), read as HTML (or as text, for a saved text
    page). The address it was saved from (``Snapshot-Content-Location``, or the root part's ``Content-Location``)
    and the subject (the page's title; else ``X-Snapshot-Title``) fill what the page leaves open. The ``Date``
    field says when the page was saved, not when it was published, and is not taken. Images, style sheets and
    frames are not read. A header longer than ``MAX_MIME_HEADER`` is refused (the parser's time grows with its
    square); the message is parsed without the modern header classes for the same reason."""
    data = _opening(data)
    end = re.search(rb"\r?\n\r?\n", data[: MAX_MIME_HEADER + 4])
    if end is None and len(data) > MAX_MIME_HEADER:
        return Problem(Reason.UNREADABLE, f"a saved web page (MHTML) whose header is longer than {MAX_MIME_HEADER} bytes")
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        root = _mhtml_root(message)
        body, encoding = _body_text(root) if root is not None else (None, "")
        location = (
            _safe(lambda: _header_text(message.get("snapshot-content-location")))
            or _safe(lambda: _header_text(message.get("x-snapshot-content-location")))
            or (_safe(lambda: _header_text(root.get("content-location"))) if root is not None else None)
        )
        title = _clean(_safe(lambda: _header_text(message.get("subject")))) or _clean(
            _safe(lambda: _header_text(message.get("x-snapshot-title")))
        )
    except Exception as exc:  # noqa: BLE001  (the email package raises many kinds on malformed messages)
        return Problem(Reason.UNREADABLE, f"not a readable saved web page (MHTML): {type(exc).__name__}: {exc}")
    defects = {type(d).__name__ for d in message.defects}
    if root is None and defects & _CUT_SHORT:
        if "StartBoundaryNotFoundDefect" in defects and _BOUNDARY_LINE.search(data):  # lines of another boundary
            return Problem(
                Reason.UNREADABLE,
                "a saved web page (MHTML) whose parts are not marked by the boundary its header names (edited or damaged)",
            )
        return Problem(Reason.UNREADABLE, "a saved web page (MHTML) cut short: the file ends before its page begins")
    if root is None and "NoBoundaryInMultipartDefect" in defects:
        return Problem(Reason.UNREADABLE, "a saved web page (MHTML) whose parts cannot be told apart: it names no boundary")
    if root is not None and bad_base64(root):
        return Problem(Reason.UNREADABLE, "a saved web page (MHTML) whose page is damaged: its base64 cannot be decoded")
    if root is None or not body or not body.strip():
        return Problem(Reason.EMPTY, "the saved web page (MHTML) has no HTML or text part")
    url = _clean(location)
    properties = Metadata(title=title, url=url if url and re.match(r"https?://", url, re.IGNORECASE) else None)
    return Extracted(text=body, markup=_PAGE_MARKUP[root.get_content_type()], encoding=encoding, properties=properties)


# -- Safari web archives ------------------------------------------------------------------------------------

#: the MIME types of a web archive's main resource that docindex reads, and how
_WEBARCHIVE_MARKUP: dict[str, Markup] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def looks_like_webarchive(data: bytes, *, suffix: str = "") -> bool:
    """A Safari web archive: a property list (binary, as Safari writes it, or XML) with a ``WebMainResource``;
    any property list when the file is named ``.webarchive`` (a damaged one is then rejected as unreadable)."""
    if data.startswith(b"bplist00"):
        return suffix == ".webarchive" or b"WebMainResource" in data
    head = _opening(data)[:4096].lstrip()
    if not head.startswith((b"<?xml", b"<!DOCTYPE plist", b"<plist")):
        return False
    return suffix == ".webarchive" or (b"<plist" in head and b"<key>WebMainResource</key>" in data[:1_000_000])


def extract_webarchive(data: bytes) -> Extracted | Problem:
    """The page of a Safari web archive (``.webarchive``: Safari's "Save As", format "Web Archive"): its main
    resource, an HTML page (or a text page) in the encoding the archive names or a detected one. The address it
    was saved from fills the page's URL where the page names none. Images, style sheets and frames
    (``WebSubresources``, ``WebSubframeArchives``) are not read."""
    try:
        archive = plistlib.loads(data)
    except Exception as exc:  # noqa: BLE001  (plistlib raises many kinds on damaged files)
        return Problem(Reason.UNREADABLE, f"not a readable Safari web archive: {type(exc).__name__}: {exc}")
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    raw = main.get("WebResourceData") if isinstance(main, dict) else None
    if not isinstance(main, dict) or not isinstance(raw, bytes):
        return Problem(Reason.UNREADABLE, "a Safari web archive without its page (no WebMainResource data)")
    declared = main.get("WebResourceMIMEType")  # only strings: a value may be a structure that prints huge
    mime = (declared if isinstance(declared, str) and declared.strip() else "text/html").split(";")[0].strip().lower()
    if mime not in _WEBARCHIVE_MARKUP:
        return Problem(Reason.UNSUPPORTED_TYPE, f"a Safari web archive of a {mime[:80]} file, not of a web page")
    charset = main.get("WebResourceTextEncodingName")
    text, encoding = decode_declared(raw, charset if isinstance(charset, str) else None)
    if text is None:
        return Problem(Reason.UNDECODABLE, "the web archive's page matches no known text encoding")
    if not text.strip():
        return Problem(Reason.EMPTY, "the web archive's page is empty")
    address = main.get("WebResourceURL")
    url = _clean(address) if isinstance(address, str) else None
    properties = Metadata(url=url if url and re.match(r"https?://", url, re.IGNORECASE) else None)
    return Extracted(text=text, markup=_WEBARCHIVE_MARKUP[mime], encoding=encoding, properties=properties)
