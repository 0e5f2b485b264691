"""The text of a Word 97-2003 document (.doc), read as the format's specification ([MS-DOC], "Retrieving Text")
describes: the main document's characters through the piece table, paragraph properties for table rows and list
items, character properties for tracked deletions and hidden text.

Pure: the ``WordDocument`` and table streams in, lines out. ``DocError`` for structures that do not fit the
streams (a damaged file); the caller opens the OLE container and turns the error into a rejection.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: the FIB's identifier, and the first version with the piece table read here: Word 97 wrote 0xC1 (its betas and
#: Mac versions 0xC0 and 0xC2), Word 6 and 95 wrote 101-105
WORD_IDENT = 0xA5EC
MIN_NFIB = 0x00C0
FKP_PAGE = 512

# positions of (fc, lcb) pairs in FibRgFcLcb97
_CHPX_BINS, _PAPX_BINS, _CLX = 12, 13, 33
# sprms read here
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_ILFO = 0x2416, 0x2417, 0x460B
_SPRM_DELETED, _SPRM_HIDDEN = 0x0800, 0x083C
_SPRM_TABLE_DEF, _SPRM_TABS = 0xD608, 0xC615
_NO_LIST = 0xF801  # an ilfo from here on turns numbering off

PARAGRAPH, CELL, PAGE = "\r", "\x07", "\x0c"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
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


def read_fib(word: bytes) -> Fib:
    if _u16(word, 0) != WORD_IDENT:
        raise DocError("the WordDocument stream does not start with a Word file information block")
    flags = _u16(word, 0x0A)
    csw = _u16(word, 32)
    at = 34 + 2 * csw
    cslw = _u16(word, at)
    lw = at + 2
    ccp_text = _u32(word, lw + 12)
    at = lw + 4 * cslw
    count = _u16(word, at)
    pairs = tuple((_u32(word, at + 2 + 8 * i), _u32(word, at + 6 + 8 * i)) for i in range(min(count, _CLX + 1)))
    return Fib(
        n_fib=_u16(word, 2),
        encrypted=bool(flags & 0x0100),
        table_stream="1Table" if flags & 0x0200 else "0Table",
        ccp_text=ccp_text,
        fc_lcb=pairs,
    )


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


@dataclass(frozen=True)
class Runs:
    """Properties by file position: ``values[i]`` holds for [starts[i], ends[i])."""

    starts: list[int]
    ends: list[int]
    values: list[dict[int, bytes]]

    def at(self, fc: int) -> dict[int, bytes]:
        i = bisect_right(self.starts, fc) - 1
        return self.values[i] if i >= 0 and fc < self.ends[i] else {}


def _fkp_pages(table: bytes, fc: int, lcb: int) -> Iterable[int]:
    if lcb < 4 or (lcb - 4) % 8 or fc + lcb > len(table):
        return ()
    n = (lcb - 4) // 8
    return [_u32(table, fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF for i in range(n)]


def read_runs(word: bytes, table: bytes, fc: int, lcb: int, *, paragraphs: bool) -> Runs:
    """Paragraph (PAPX) or character (CHPX) properties from the formatted disk pages the bin table lists."""
    starts: list[int] = []
    ends: list[int] = []
    values: list[dict[int, bytes]] = []
    for pn in _fkp_pages(table, fc, lcb):
        page = word[pn * FKP_PAGE : (pn + 1) * FKP_PAGE]
        if len(page) < FKP_PAGE:
            raise DocError("a property page lies beyond the end of the document stream")
        crun = page[-1]
        bounds = struct.unpack_from(f"<{crun + 1}I", page)
        for i in range(crun):
            if paragraphs:
                offset = 2 * page[4 * (crun + 1) + 13 * i]
                grpprl = b""
                if offset:
                    cb = page[offset]
                    start, size = (offset + 1, 2 * cb - 1) if cb else (offset + 2, 2 * page[offset + 1])
                    grpprl = page[start + 2 : start + size]  # after the style index
            else:
                offset = 2 * page[4 * (crun + 1) + i]
                grpprl = page[offset + 1 : offset + 1 + page[offset]] if offset else b""
            starts.append(bounds[i])
            ends.append(bounds[i + 1])
            values.append(dict(_sprms(grpprl)))
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return Runs([starts[i] for i in order], [ends[i] for i in order], [values[i] for i in order])


def main_text(word: bytes, pieces: list[Piece], ccp_text: int) -> tuple[str, list[int]]:
    """The main document's characters and the file position of each."""
    chars: list[str] = []
    fcs: list[int] = []
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


def _on(props: dict[int, bytes], sprm: int) -> bool:
    value = props.get(sprm, b"\x00")
    return bool(value) and value[0] in (1, 0x81)


def visible(text: str, fcs: list[int], chars: Runs) -> Iterator[tuple[str, int]]:
    """(character, file position) of what a reader sees: tracked deletions and hidden text left out, and of each
    field its result, not its code (fields nest)."""
    fields: list[bool] = []  # per open field: still in its code part
    flagged = any(_SPRM_DELETED in v or _SPRM_HIDDEN in v for v in chars.values)
    for ch, fc in zip(text, fcs):
        if flagged and ch not in (PARAGRAPH, CELL):
            props = chars.at(fc)
            if _on(props, _SPRM_DELETED) or _on(props, _SPRM_HIDDEN):
                continue
        if ch == _FIELD_BEGIN:
            fields.append(True)
        elif ch == _FIELD_SEPARATOR:
            if fields:
                fields[-1] = False
        elif ch == _FIELD_END:
            if fields:
                fields.pop()
        elif not any(fields):
            yield ch, fc


def _clean(parts: list[str]) -> str:
    text = "".join(_INLINE.get(ch, "" if ch < " " else ch) for ch in "".join(parts))
    return " ".join(text.split())


def doc_lines(word: bytes, table: bytes, fib: Fib) -> list[str]:
    """The main document as lines: one per paragraph, list items as '- item', table rows as 'a | b | c'.
    Headers, footers, footnotes and comments are stored after the main document and left out."""

    def pair(index: int) -> tuple[int, int]:
        return fib.fc_lcb[index] if index < len(fib.fc_lcb) else (0, 0)

    pieces = read_pieces(table, *pair(_CLX))
    text, fcs = main_text(word, pieces, fib.ccp_text)
    paragraphs = read_runs(word, table, *pair(_PAPX_BINS), paragraphs=True)
    characters = read_runs(word, table, *pair(_CHPX_BINS), paragraphs=False)
    lines: list[str] = []
    cells: list[str] = []
    cell: list[str] = []
    parts: list[str] = []
    previous_mark = ""
    for ch, fc in visible(text, fcs, characters):
        if ch not in (PARAGRAPH, CELL, PAGE):
            parts.append(ch)
            continue
        props = paragraphs.at(fc)
        line = _clean(parts)
        parts = []
        if ch == CELL:
            row_end = _on(props, _SPRM_TTP) if props else (not line and previous_mark == CELL)
            if row_end:
                if any(cells):
                    lines.append(" | ".join(cells))
                cells = []
            else:
                cells.append(" ".join([*cell, line]).strip())
                cell = []
        elif _on(props, _SPRM_IN_TABLE):
            if line:
                cell.append(line)
        elif line:
            ilfo = props.get(_SPRM_ILFO, b"\x00\x00")
            listed = len(ilfo) == 2 and 0 < _u16(ilfo, 0) < _NO_LIST
            lines.append(f"- {line}" if listed and not line.startswith(("- ", "• ", "– ")) else line)
        previous_mark = ch
    if line := _clean(parts):  # text after the last paragraph mark, or a table cut off at the end
        cell.append(line)
    if cell:
        cells.append(" ".join(cell))
    if any(cells):
        lines.append(" | ".join(cells))
    return lines
