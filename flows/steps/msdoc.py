"""The text of a Word 97-2003 document (.doc), read as the format's specification ([MS-DOC], "Retrieving Text")
describes: the main document's characters through the piece table, paragraph properties for table rows and list
items, character properties for tracked deletions and hidden text, the style sheet for what styles set, and the
summary information for title, author and date.

Pure: the streams of the OLE container in, lines out. ``DocError`` for structures that do not fit the streams (a
damaged file); the caller opens the container and turns the error into a rejection. Every count read from the
file is bounded by the size of the stream it describes, so a damaged or forged file costs time and memory in
proportion to its size.
"""

from __future__ import annotations

import re
import struct
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from flows.steps.codepages import codec, filetime, stored_string

#: the FIB's identifier, and the first version with the piece table read here: Word 97 wrote 0xC1 (its betas and
#: Mac versions 0xC0 and 0xC2), Word 6 and 95 wrote 101-105
WORD_IDENT = 0xA5EC
MIN_NFIB = 0x00C0
FKP_PAGE = 512

# positions of (fc, lcb) pairs in FibRgFcLcb97
_STYLES, _CHPX_BINS, _PAPX_BINS, _CLX = 1, 12, 13, 33
# sprms read here
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_ILFO, _SPRM_OUTLINE = 0x2416, 0x2417, 0x460B, 0x2640
_SPRM_HUGE_PAPX = 0x6646  # paragraph properties too large for their page, kept in the Data stream
_SPRM_DELETED, _SPRM_HIDDEN, _SPRM_CHAR_STYLE = 0x0800, 0x083C, 0x4A30
_SPRM_TABLE_DEF, _SPRM_TABS = 0xD608, 0xC615
_NO_LIST = 0xF801  # an ilfo from here on turns numbering off
_NO_STYLE = 0x0FFF
_DEFAULT_CHAR_STYLE = 10  # "Default Paragraph Font"
#: fields whose result is generated from the rest of the document (a table of contents repeats the headings):
#: left out by every word processor reader (DOC, DOCX, RTF)
GENERATED_FIELD = re.compile(r"\s*(?:TOC|INDEX|TOA)(?![A-Za-z])", re.IGNORECASE)
#: names of the styles of a table of contents' title, in Word ("TOC Heading") and LibreOffice: left out with it
CONTENTS_TITLE_STYLES = frozenset({"toc heading", "contents heading"})

PARAGRAPH, CELL, PAGE = "\r", "\x07", "\x0c"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_FIELD_MARKS = re.compile("[\x13\x15]")
#: characters that stand for something else in a paragraph: a line break, a tab, a non-breaking and an optional
#: hyphen; other control characters (footnote and comment marks, pictures, drawn objects) stand for nothing
_INLINE = {"\x0b": " ", "\t": " ", "\x1e": "-", "\x1f": ""}


class DocError(ValueError):
    """The document's structures do not fit its streams."""


def _u16(data: bytes, at: int) -> int:
    try:
        return int(struct.unpack_from("<H", data, at)[0])
    except struct.error:
        raise DocError(f"a structure at byte {at} runs past the end of its stream") from None


def _u32(data: bytes, at: int) -> int:
    try:
        return int(struct.unpack_from("<I", data, at)[0])
    except struct.error:
        raise DocError(f"a structure at byte {at} runs past the end of its stream") from None


@dataclass(frozen=True)
class Fib:
    """What the File Information Block says about the rest of the file."""

    n_fib: int
    encrypted: bool
    table_stream: str  # '0Table' or '1Table'
    ccp_text: int  # characters of the main document
    fc_lcb: tuple[tuple[int, int], ...]  # (offset, size) of the structures in the table stream

    @property
    def old(self) -> bool:
        """Word 6 or 95: a different layout, not read."""
        return self.n_fib < MIN_NFIB


def read_fib(word: bytes) -> Fib:
    """The file information block; for a Word 6 or 95 file only its version (the rest is laid out otherwise)."""
    if _u16(word, 0) != WORD_IDENT:
        raise DocError("the WordDocument stream does not start with a Word file information block")
    n_fib, flags = _u16(word, 2), _u16(word, 0x0A)
    encrypted, table_stream = bool(flags & 0x0100), "1Table" if flags & 0x0200 else "0Table"
    if n_fib < MIN_NFIB:
        return Fib(n_fib, encrypted, table_stream, 0, ())
    csw = _u16(word, 32)
    at = 34 + 2 * csw
    cslw = _u16(word, at)
    lw = at + 2
    ccp_text = _u32(word, lw + 12)
    at = lw + 4 * cslw
    count = _u16(word, at)
    pairs = tuple((_u32(word, at + 2 + 8 * i), _u32(word, at + 6 + 8 * i)) for i in range(min(count, _CLX + 1)))
    return Fib(n_fib, encrypted, table_stream, ccp_text, pairs)


@dataclass(frozen=True)
class Piece:
    """Characters [cp, cp_end) of the document, stored from ``fc`` on, one byte each (cp1252) or two (UTF-16)."""

    cp: int
    cp_end: int
    fc: int
    compressed: bool

    @property
    def width(self) -> int:
        return 1 if self.compressed else 2


def read_pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[Piece]:
    """The piece table (PlcPcd) out of the Clx, after any property modifiers (Prc) before it."""
    at, end = fc_clx, min(fc_clx + lcb_clx, len(table))
    while at < end:
        kind = table[at]
        if kind == 1:  # Prc: a grpprl used by pieces' property modifiers
            size = _u16(table, at + 1)
            if size > 0x3FA2:  # the largest a Prc may hold
                raise DocError("a property modifier in the piece table's header is too large")
            at += 3 + size
            continue
        if kind != 2:
            raise DocError(f"unknown entry {kind} in the piece table's header")
        size = _u32(table, at + 1)
        plc = table[at + 5 : at + 5 + size]
        if len(plc) < size or size < 4 or (size - 4) % 12:
            raise DocError("the piece table does not fit its stream")
        n = (size - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc)
        pieces = []
        for i in range(n):
            raw = _u32(plc, 4 * (n + 1) + 8 * i + 2)
            compressed = bool(raw & 0x40000000)
            fc = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
            if cps[i + 1] < cps[i]:
                raise DocError("the piece table's positions go backwards")
            pieces.append(Piece(cps[i], cps[i + 1], fc, compressed))
        return pieces
    raise DocError("the document has no piece table")


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) pairs of a property list; the operand's size follows from the sprm's spra bits."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:  # variable: a size byte first (two for a table definition)
            if sprm == _SPRM_TABLE_DEF:
                size = 2 + _u16(grpprl, at) - 1
            elif sprm == _SPRM_TABS and at < len(grpprl) and grpprl[at] == 255:
                dels = grpprl[at + 1] if at + 1 < len(grpprl) else 0
                adds_at = at + 2 + 4 * dels
                size = 2 + 4 * dels + 1 + 3 * (grpprl[adds_at] if adds_at < len(grpprl) else 0)
            else:
                size = 1 + (grpprl[at] if at < len(grpprl) else 0)
        else:
            size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        yield sprm, grpprl[at : at + size]
        at += size


def _toggle(value: bytes | None, inherited: bool) -> bool:
    """A toggle property (deleted, hidden) set over what a style gave: 0 off, 1 on, 0x80 as given, 0x81 the
    opposite; not set (None) leaves it as given."""
    if not value:
        return inherited
    return {0: False, 1: True, 0x80: inherited, 0x81: not inherited}.get(value[0], inherited)


def _on(sprms: dict[int, bytes], sprm: int) -> bool:
    """A toggle property set in a list without a style under it (a paragraph's table marks): off unless set."""
    return _toggle(sprms.get(sprm), False)


@dataclass(frozen=True)
class Props:
    """A run's properties: its style (the paragraph's style, or the characters' style) and its own sprms."""

    istd: int
    sprms: dict[int, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Runs:
    """Properties by file position: ``values[i]`` holds for [starts[i], ends[i])."""

    starts: list[int]
    ends: list[int]
    values: list[Props]

    def at(self, fc: int) -> Props | None:
        i = bisect_right(self.starts, fc) - 1
        return self.values[i] if i >= 0 and fc < self.ends[i] else None


def _fkp_pages(table: bytes, fc: int, lcb: int) -> Iterable[int]:
    """The pages a bin table lists, each once (a forged table may list one page many times)."""
    if lcb < 4 or (lcb - 4) % 8 or fc + lcb > len(table):
        return ()
    n = (lcb - 4) // 8
    return dict.fromkeys(_u32(table, fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF for i in range(n))


def _huge_papx(data: bytes, operand: bytes) -> dict[int, bytes]:
    """The property list that sprmPHugePapx points at in the Data stream (a size, then the list)."""
    if len(operand) < 4:
        return {}
    at = _u32(operand, 0)
    size = _u16(data, at) if at + 2 <= len(data) else 0
    return dict(_sprms(data[at + 2 : at + 2 + size]))


def read_runs(word: bytes, table: bytes, fc: int, lcb: int, *, paragraphs: bool, data: bytes = b"") -> Runs:
    """Paragraph (PAPX) or character (CHPX) properties from the formatted disk pages the bin table lists;
    ``data``: the Data stream, where paragraph properties too large for their page are."""
    starts: list[int] = []
    ends: list[int] = []
    values: list[Props] = []
    for pn in _fkp_pages(table, fc, lcb):
        page = word[pn * FKP_PAGE : (pn + 1) * FKP_PAGE]
        if len(page) < FKP_PAGE:
            raise DocError("a property page lies beyond the end of the document stream")
        crun = page[-1]
        bounds = struct.unpack_from(f"<{crun + 1}I", page)
        for i in range(crun):
            if paragraphs:
                offset = 2 * page[4 * (crun + 1) + 13 * i]
                props = Props(0)
                if offset:
                    cb = page[offset]
                    start, size = (offset + 1, 2 * cb - 1) if cb else (offset + 2, 2 * page[offset + 1])
                    sprms = dict(_sprms(page[start + 2 : start + size]))
                    if _SPRM_HUGE_PAPX in sprms:
                        sprms.update(_huge_papx(data, sprms[_SPRM_HUGE_PAPX]))
                    props = Props(_u16(page, start) if size >= 2 else 0, sprms)
            else:
                offset = 2 * page[4 * (crun + 1) + i]
                sprms = dict(_sprms(page[offset + 1 : offset + 1 + page[offset]])) if offset else {}
                style = sprms.get(_SPRM_CHAR_STYLE, b"")
                props = Props(_u16(style, 0) if len(style) == 2 else _DEFAULT_CHAR_STYLE, sprms)
            starts.append(bounds[i])
            ends.append(bounds[i + 1])
            values.append(props)
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return Runs([starts[i] for i in order], [ends[i] for i in order], [values[i] for i in order])


@dataclass(frozen=True)
class Style:
    """What a style sets, its base styles' settings included: built-in identifier, paragraph and character sprms;
    and its name."""

    sti: int
    papx: dict[int, bytes]
    chpx: dict[int, bytes]
    name: str = ""


def read_styles(table: bytes, fc: int, lcb: int) -> dict[int, Style]:
    """The style sheet (STSH): each style by its index, with what it inherits from its base styles."""
    if lcb < 4 or fc + lcb > len(table):
        return {}
    sheet = table[fc : fc + lcb]
    header = _u16(sheet, 0)
    count, base_size = _u16(sheet, 2), _u16(sheet, 4)
    own: dict[int, tuple[int, int, dict[int, bytes], dict[int, bytes], str]] = {}
    at = 2 + header
    for istd in range(count):
        size = _u16(sheet, at)
        std = sheet[at + 2 : at + 2 + size]
        at += 2 + size
        if size < max(base_size, 10) + 2:
            continue  # an empty slot
        sti, kind, base = _u16(std, 0) & 0x0FFF, _u16(std, 2) & 0x000F, _u16(std, 2) >> 4
        name_chars = _u16(std, base_size)
        name = std[base_size + 2 : base_size + 2 + 2 * name_chars].decode("utf-16-le", "replace")
        upx = base_size + 2 + 2 * name_chars + 2
        parts: list[bytes] = []
        for _ in range({1: 2, 2: 1}.get(kind, 0)):  # paragraph styles: papx then chpx; character styles: chpx
            length = _u16(std, upx)
            parts.append(std[upx + 2 : upx + 2 + length])
            upx += 2 + length + (length & 1)
        paragraph = dict(_sprms(parts[0][2:])) if kind == 1 and parts else {}
        character = dict(_sprms(parts[-1])) if parts else {}
        own[istd] = (sti, base, paragraph, character, name)
    styles: dict[int, Style] = {}
    for istd, (sti, _, _, _, name) in own.items():
        chain: list[int] = []
        link = istd
        while link in own and link not in chain and len(chain) < 16:  # a style, its base, the base's base ...
            chain.append(link)
            link = own[link][1]
        papx: dict[int, bytes] = {}
        chpx: dict[int, bytes] = {}
        for link in reversed(chain):  # the furthest base first
            papx.update(own[link][2])
            chpx.update(own[link][3])
        styles[istd] = Style(sti, papx, chpx, name)
    return styles


def main_text(word: bytes, pieces: list[Piece], ccp_text: int) -> tuple[str, array[int]]:
    """The main document's characters and the file position of each."""
    if ccp_text > len(word):  # every character takes a byte at least
        raise DocError(f"the document claims {ccp_text} characters in a stream of {len(word)} bytes")
    chars: list[str] = []
    fcs: array[int] = array("q")
    for piece in pieces:
        if piece.cp >= ccp_text:
            break
        n = min(piece.cp_end, ccp_text) - piece.cp
        raw = word[piece.fc : piece.fc + n * piece.width]
        if len(raw) < n * piece.width:
            raise DocError("a piece of text lies beyond the end of the document stream")
        if piece.compressed:
            chars.append(raw.decode("cp1252", "replace"))
            fcs.extend(range(piece.fc, piece.fc + n))
            continue
        text = raw.decode("utf-16-le", "replace")  # a pair of surrogates is one character of four bytes
        at = piece.fc
        for ch in text:
            fcs.append(at)
            at += 4 if ord(ch) > 0xFFFF else 2
        chars.append(text)
    return "".join(chars), fcs


def _gone(props: Props, styles: dict[int, Style], paragraph_style: int | None = None) -> bool:
    """Characters a reader does not see: a tracked deletion, or hidden text. Each is set by the paragraph's style,
    then by the characters' style, then on the characters, each over the one before (a character style or the
    characters themselves can show text that their paragraph's style hides)."""
    layers = [styles[i].chpx for i in (paragraph_style, props.istd) if i is not None and i in styles]
    layers.append(props.sprms)
    for sprm in (_SPRM_DELETED, _SPRM_HIDDEN):
        on = False
        for sprms in layers:
            on = _toggle(sprms.get(sprm), on)
        if on:
            return True
    return False


@dataclass
class Fields:
    """Word's fields (DOC and DOCX alike) open at a point of the text: of each, whether it is still in its code
    (the instruction), the start of that code, and whether its result is generated from the document (a table
    of contents, an index) and so left out. Text shows when no open field hides it."""

    open: list[list] = field(default_factory=list)  # [in_code, code, generated] per field, innermost last
    hiding: int = 0  # open fields in their code or generated

    @property
    def showing(self) -> bool:
        return not self.hiding

    def begin(self) -> None:
        self.open.append([True, "", False])
        self.hiding += 1

    def separate(self) -> None:  # the code ends, the result follows
        if self.open and self.open[-1][0]:
            top = self.open[-1]
            top[0], top[2] = False, bool(GENERATED_FIELD.match(top[1]))
            self.hiding -= not top[2]

    def end(self) -> None:
        if self.open:
            top = self.open.pop()
            self.hiding -= top[0] or top[2]

    def code(self, text: str) -> None:
        """Text of the innermost field's instruction (enough of it to tell its name)."""
        if self.open and self.open[-1][0] and len(self.open[-1][1]) < 64:
            self.open[-1][1] += text


def _run_at(runs: Runs, fc: int) -> tuple[int, int, int]:
    """The run at a file position and the positions [from, to) it covers; -1 and the gap around the position if
    no run covers it."""
    i = bisect_right(runs.starts, fc) - 1
    following = runs.starts[i + 1] if i + 1 < len(runs.starts) else 2**63  # (runs of a damaged file may overlap)
    if i >= 0 and fc < runs.ends[i]:
        return i, runs.starts[i], min(runs.ends[i], following)
    return -1, runs.ends[i] if i >= 0 else 0, following


def fields_nest(marks: Iterable[bool]) -> bool:
    """Whether field marks (True for a begin, False for an end) nest: every end after its begin, none left open.
    When they do not, a field that never ends would hide the rest of the text."""
    depth = 0
    for begins in marks:
        depth += 1 if begins else -1
        if depth < 0:
            return False
    return depth == 0


def visible(
    text: str,
    fcs: array[int] | list[int],
    chars: Runs,
    styles: dict[int, Style] | None = None,
    paragraphs: Runs | None = None,
) -> Iterator[tuple[str, int]]:
    """(character, file position) of what a reader sees: tracked deletions and hidden text left out (set on the
    characters, by their style or by their paragraph's style, ``paragraphs``), and of each field its result, not
    its code (fields nest); a table of contents or an index is left out whole."""
    styles = styles or {}
    paragraphs = paragraphs or Runs([], [], [])
    marks = (_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END)
    if not fields_nest(m.group() == _FIELD_BEGIN for m in _FIELD_MARKS.finditer(text)):  # show codes and results
        fcs = [fc for fc, ch in zip(fcs, text) if ch not in marks]
        text = "".join(ch for ch in text if ch not in marks)
    layers = [*(run.sprms for run in chars.values), *(style.chpx for style in styles.values())]
    flagged = any(sprm in sprms for sprms in layers for sprm in (_SPRM_DELETED, _SPRM_HIDDEN))  # may hide some
    span = (0, 0, False)  # [from, to) of file positions where the run and the paragraph stay the same; gone there

    def gone_at(fc: int) -> tuple[int, int, bool]:
        i, run_from, run_to = _run_at(chars, fc)
        j, par_from, par_to = _run_at(paragraphs, fc)
        run = chars.values[i] if i >= 0 else Props(_DEFAULT_CHAR_STYLE)
        style = paragraphs.values[j].istd if j >= 0 else None
        return max(run_from, par_from), min(run_to, par_to), _gone(run, styles, style)

    fields = Fields()
    for ch, fc in zip(text, fcs):
        hidden = False  # deleted or hidden: not shown, but a field mark there still counts
        if flagged and ch not in (PARAGRAPH, CELL):
            if not span[0] <= fc < span[1]:
                span = gone_at(fc)
            hidden = span[2]
        if ch == _FIELD_BEGIN:
            fields.begin()
        elif ch == _FIELD_SEPARATOR:
            fields.separate()
        elif ch == _FIELD_END:
            fields.end()
        elif not hidden:
            fields.code(ch)
            if fields.showing:
                yield ch, fc


def _clean(parts: list[str]) -> str:
    text = "".join(_INLINE.get(ch, "" if ch < " " else ch) for ch in "".join(parts))
    return " ".join(text.split())


def _listed(props: Props, style: Style | None) -> bool:
    """A list item: numbering set on the paragraph or by its style, and not a heading (a heading's outline
    numbering, set by heading styles, is no list)."""
    ilfo = props.sprms.get(_SPRM_ILFO, style.papx.get(_SPRM_ILFO, b"") if style else b"")
    if len(ilfo) != 2 or not 0 < _u16(ilfo, 0) < _NO_LIST:
        return False
    outline = props.sprms.get(_SPRM_OUTLINE, style.papx.get(_SPRM_OUTLINE, b"") if style else b"")
    heading = (style is not None and 1 <= style.sti <= 9) or (len(outline) == 1 and outline[0] < 9)
    return not heading


def _contents_title(style: Style | None) -> bool:
    """The title paragraph of a table of contents ("Contents", "Inhalt"), which Word and LibreOffice set in a
    style of their own before the generated entries."""
    return style is not None and style.name.casefold() in CONTENTS_TITLE_STYLES


def doc_lines(word: bytes, table: bytes, fib: Fib, data: bytes = b"") -> list[str]:
    """The main document as lines: one per paragraph, list items as '- item', table rows as 'a | b | c'.
    Headers, footers, footnotes, comments and text boxes are stored after the main document and left out.
    ``data``: the Data stream, if the file has one."""

    def pair(index: int) -> tuple[int, int]:
        return fib.fc_lcb[index] if index < len(fib.fc_lcb) else (0, 0)

    pieces = read_pieces(table, *pair(_CLX))
    text, fcs = main_text(word, pieces, fib.ccp_text)
    paragraphs = read_runs(word, table, *pair(_PAPX_BINS), paragraphs=True, data=data)
    characters = read_runs(word, table, *pair(_CHPX_BINS), paragraphs=False)
    styles = read_styles(table, *pair(_STYLES))
    lines: list[str] = []
    cells: list[str] = []
    cell: list[str] = []
    parts: list[str] = []
    previous_mark = ""
    for ch, fc in visible(text, fcs, characters, styles, paragraphs):
        if ch not in (PARAGRAPH, CELL, PAGE):
            parts.append(ch)
            continue
        props = paragraphs.at(fc) or Props(0)
        line = _clean(parts)
        parts = []
        if ch == CELL:
            if _on(props.sprms, _SPRM_TTP):
                row_end = True
            elif _on(props.sprms, _SPRM_IN_TABLE):
                row_end = False
            else:  # the properties are missing: a row ends with an empty mark right after a cell's
                row_end = not line and previous_mark == CELL
            if row_end:
                if any(cells):
                    lines.append(" | ".join(cells))
                cells = []
            else:
                cells.append(" ".join([*cell, line]).strip())
                cell = []
        elif _on(props.sprms, _SPRM_IN_TABLE):
            if line:
                cell.append(line)
        elif line and not _contents_title(styles.get(props.istd)):
            listed = _listed(props, styles.get(props.istd))
            lines.append(f"- {line}" if listed and not line.startswith(("- ", "• ", "– ")) else line)
        previous_mark = ch
    if line := _clean(parts):  # text after the last paragraph mark, or a table cut off at the end
        cell.append(line)
    if cell:
        cells.append(" ".join(cell))
    if any(cells):
        lines.append(" | ".join(cells))
    return lines


# -- summary information -------------------------------------------------------------------------------------

#: property identifiers of the SummaryInformation set
TITLE, SUBJECT, AUTHOR, KEYWORDS, CREATED = 2, 3, 4, 5, 12
_CODEPAGE = 1
_VT_I2, _VT_LPSTR, _VT_LPWSTR, _VT_FILETIME = 2, 0x1E, 0x1F, 0x40
_MAX_PROPERTY_CHARS = 4096


def summary_properties(stream: bytes) -> dict[int, str | datetime]:
    """Title, subject, author, keywords (strings) and creation time out of a SummaryInformation property set
    stream; what is missing or damaged is left out."""
    try:
        if _u16(stream, 0) != 0xFFFE or _u32(stream, 24) < 1:
            return {}
        base = _u32(stream, 44)
        count = _u32(stream, base + 4)
        if count > len(stream) // 8:
            return {}
        entries = [(_u32(stream, base + 8 + 8 * i), base + _u32(stream, base + 12 + 8 * i)) for i in range(count)]
        codepage = 1252
        for pid, at in entries:
            if pid == _CODEPAGE and _u16(stream, at) == _VT_I2:
                codepage = _u16(stream, at + 4)
        found: dict[int, str | datetime] = {}
        for pid, at in entries:
            if pid not in (TITLE, SUBJECT, AUTHOR, KEYWORDS, CREATED):
                continue
            kind = _u16(stream, at)
            if kind == _VT_LPSTR:
                size = min(_u32(stream, at + 4), _MAX_PROPERTY_CHARS)
                found[pid] = stored_string(stream[at + 8 : at + 8 + size], codec(codepage) or "cp1252")
            elif kind == _VT_LPWSTR:
                size = min(_u32(stream, at + 4), _MAX_PROPERTY_CHARS)
                found[pid] = stored_string(stream[at + 8 : at + 8 + 2 * size], "utf-16-le")
            elif kind == _VT_FILETIME:
                if (when := filetime(_u32(stream, at + 4) | _u32(stream, at + 8) << 32)) is not None:
                    found[pid] = when
        return found
    except DocError:
        return {}
