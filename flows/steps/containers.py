"""Files that hold many documents: JSON Lines of scraped articles (``.jsonl``, ``.ndjson``), a JSON list of them
(``.json`` opening with ``[``), a table of them (``.csv``, ``.tsv`` whose header names an article's text) and web
archives (WARC: ``.warc``, ``.warc.gz``, as crawlers such as Heritrix, wget ``--warc-file``, Browsertrix and Common
Crawl's CC-NEWS write them; and the older ARC: ``.arc``, ``.arc.gz``, read the same way), news feeds (RSS and
Atom: ``.rss``, ``.atom``, a ``.xml`` whose root element is a feed's; ``flows.steps.feeds``), mailboxes (mbox: ``.mbox``,
``.mbx``, or a file without a suffix that opens as one), and ZIP (``.zip``),
tar (``.tar``, ``.tar.gz``, ``.tgz``, ``.tar.bz2``, ``.tar.xz``, ``.tar.zst``) and 7-Zip archives (``.7z``) of document files, each file read as a
document of its own, but a feed or a mailbox among them, read item by item as on disk (``Record.member``). The
files attached to a mailbox's message, or to an ``.eml`` or ``.msg`` file of an archive, are listed with it
(``flows.steps.attachments``, ``Record.message``).

``scan(path, kind)`` lists the records when the file is found, without reading them: where each lies (offset and
length, so that a worker reads only its record, however large the file) and its key. ``read_record`` and
``extract_record`` then read one record like a file of its own. Pure apart from reading the file.

A record's key is what names its article, so that re-running on a re-ordered or grown export finds the same
documents: a JSON record's or a row's ``id`` (or ``_id``, ``uuid``, ``guid``), else its URL, else its line
(``line-12``), item (``item-3``) or row (``row-5``); a feed item's ``guid`` (an Atom ``id``), else its link, else
its item; a mailbox message's ``Message-ID``, else its number (``message-3``); a web archive page's captured URL; an archive's file's path
in the archive (for an item of a feed in it, that path, "#" and the item's key); a message's attached file's name
after its message's key (``<Message-ID>#report.pdf``). When two records share a
key, the last one is read (the later capture, the newer export line) and the earlier ones are refused as
duplicates, naming the one read instead.
"""

from __future__ import annotations

import bz2
import codecs
import contextlib
import csv
import functools
import gzip
import hashlib
import io
import json
import logging
import lzma
import os
import re
import stat
import sys
import tarfile
import threading
import unicodedata
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal, Self, cast

from flows.models import ContainerKind, FileStamp, Metadata, Reason, Record
from flows.steps.articlejson import FIELD_NAMES, TEXT_FIELDS, URL_FIELDS, extract_article, extract_article_json
from flows.steps.feeds import feed_items, feed_site, is_feed, item_article, item_key, parse_feed
from flows.steps.formats import ZSTD_MAGIC, ZSTD_STEP, Extracted, Problem, decode_declared, extract_email, gunzip, looks_like_email

#: suffixes (before ``.gz``) of the files that always hold many records; a ``.json`` file does when it is a list
LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: a table's suffixes: a file of them holds many articles when its header names an article's text
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
#: a web archive's suffixes: WARC, and the older ARC (version 1, as the Internet Archive and Heritrix wrote it)
WARC_SUFFIXES = frozenset({".warc", ".arc"})
#: a news feed's suffixes (RSS, Atom); a ``.xml`` file is one when its root element is a feed's
FEED_SUFFIXES = frozenset({".rss", ".atom"})
#: a mailbox's suffixes (mbox: Thunderbird's, Apple Mail's and Google Takeout's exports); a file without a suffix
#: is one when it opens as a mailbox does (Thunderbird's folders: ``Inbox``)
MBOX_SUFFIXES = frozenset({".mbox", ".mbx"})
#: how far into a file without a suffix a mailbox's first message is looked for
MBOX_HEAD_BYTES = 4096
#: a header line longer than this in a mailbox's message is read in parts (its message is refused when read)
MBOX_LINE_MAX = 1 << 20
#: a ZIP archive's suffix: its files are read as documents
ZIP_SUFFIX = ".zip"
#: a 7-Zip archive's suffix: its files are read as documents
SEVENZ_SUFFIX = ".7z"
#: a tar archive's suffixes, plain or compressed as one stream (gzip, bzip2, xz, Zstandard: ``_TAR_COMPRESSIONS``)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst")
#: the compression methods Python's zipfile reads: stored, deflate, bzip2, LZMA
ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
#: the names of other methods, for the message
ZIP_METHOD_NAMES: dict[int, str] = getattr(zipfile, "compressor_names", {})
#: what zipfile raises on an archive it cannot read (no ZIP, a cut central directory, a multi-part archive)
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error, lzma.LZMAError)
#: JSON fields that name a record, in the order they are looked for (then its URL, ``URL_FIELDS``)
ID_FIELDS = ("id", "_id", "uuid", "guid")
#: a key longer than this is shortened (its start and a hash of the whole): it is part of the document's path
MAX_KEY_CHARS = 200
#: the media types of a web archive record that is a page
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: the fields of a passage that ``docindex ingest --output`` writes (``ChunkRecord``): such a file is no export
PASSAGE_FIELDS = frozenset({"chunk_id", "chunk_index", "chunk_count", "doc_id", "char_start", "char_end"})
PASSAGES = "passages that docindex wrote (ingest --output), not articles; keep that file out of the input folders"
_ODD = re.compile(r"[\\\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_URL = re.compile(r"\s*https?://", re.IGNORECASE)
_ARC_DATE = re.compile(r"\d{8,14}")  # an ARC record's capture time, YYYYMMDDhhmmss
_ARC_IP = re.compile(r"[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*|-")  # the address it was captured from (IPv4, IPv6, or "-")
ARC2_FIELDS = 10  # the fields of a header line of an ARC file of version 2


@dataclass(frozen=True)
class Member:
    """One record found in a file (its key and where it lies), and why it will not be read (a duplicate)."""

    record: Record
    problem: tuple[Reason, str] | None = None
    #: for a message (of a mailbox, or an ``.eml`` file of an archive): whether its attached files were listed as
    #: records of their own (``flows.steps.attachments``), or could not be
    attachments: Literal["listed", "unlisted"] | None = None
    #: the documents it stands for (``SourceRef.documents``), and of those the keys they would have (``SourceRef.held``)
    documents: int = 1
    held: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scan:
    """The records of a file, and why the file (or its part after the last record listed) cannot be read."""

    members: tuple[Member, ...] = ()
    problem: tuple[Reason, str] | None = None
    #: the feeds and mailboxes of an archive whose items could not all be listed, by their key (their path in the
    #: archive), and why: each is refused as a file of its own, and keeps what was indexed from it
    unlisted: tuple[tuple[str, tuple[Reason, str]], ...] = ()


def _stem(path: Path) -> str:
    return path.name.lower().removesuffix(".gz")


def container_kind(path: Path) -> ContainerKind | None:
    """``file_kind``, guarded: a file it cannot judge is read as one document (and rejected with the reason)."""
    try:
        return file_kind(path)
    except Exception:  # noqa: BLE001 - one odd file must not stop discovery, a load or a prune
        return None


def file_kind(path: Path) -> ContainerKind | None:
    """The kind of a file that holds many documents, told by its name, and for ``.json`` by its first character
    (``[``: a list); None for other files, and for what is no regular file (a pipe would block the listing:
    ``load_document`` refuses it). A ``.json`` file that cannot be read is taken for a list, so that the listing
    refuses it with the reason and ``--prune`` keeps what was indexed from it."""
    if path.name.lower().endswith(ZIP_SUFFIX):
        return "zip" if _is_regular(path) and not _is_package(path) else None
    if path.name.lower().endswith(TAR_SUFFIXES):
        return "tar" if _is_regular(path) else None
    if path.name.lower().endswith(SEVENZ_SUFFIX):
        return "7z" if _is_regular(path) else None
    suffix = Path(_stem(path)).suffix
    if suffix in MBOX_SUFFIXES or (not suffix and not path.name.startswith(".")):
        if not _is_regular(path):
            return None
        return "mbox" if suffix or ((head := _head(path, MBOX_HEAD_BYTES)) is not None and is_mailbox(head)) else None
    if suffix not in LINES_SUFFIXES | WARC_SUFFIXES | TABLE_SUFFIXES | FEED_SUFFIXES | {".json", ".xml"} or not _is_regular(path):
        return None
    if suffix in FEED_SUFFIXES or suffix == ".xml":
        head = _head(path, FEED_HEAD_BYTES)
        return "feed" if suffix in FEED_SUFFIXES or (head is not None and is_feed(head)) else None
    if suffix in LINES_SUFFIXES:
        return "jsonl"
    if suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in TABLE_SUFFIXES:
        return "csv" if table_layout(path) is not None else None
    return "jsonlist" if _first_char(path) in (b"[", None) else None


#: column names of tables of articles that name a field by another name (the "All the News" dataset's)
TABLE_ALIASES = {"publication": "site"}
#: the header of a table of articles is looked for in this many bytes
TABLE_HEAD_BYTES = 1 << 16
CR_LINES = (
    "a table whose lines end in a carriage return alone (as classic Mac OS wrote them); save it with LF or CRLF line"
    " endings"
)
#: the line Excel writes (and reads) before a table's header to name its delimiter: ``sep=;``
EXCEL_SEP = re.compile(r"sep=([^\s\"]|\t)")  # one character: not white space (but a tab) nor a quote


def table_layout(path: Path) -> FileStamp | None:
    """The columns (named as ``extract_article`` reads them, whatever their case), delimiter and encoding of a CSV
    or TSV file whose header names an article's text
    (``TEXT_FIELDS``: a table of articles, as dataset exports and scrapers write them), in a stamp of no file;
    None for other tables (read as plain text) and for what cannot be read. A first line ``sep=;`` (Excel's)
    names the delimiter, and the header is the line after it."""
    from flows.steps.load import decode  # here: load imports this module

    head = _head(path, TABLE_HEAD_BYTES)
    if head is None:
        return None
    decoded = decode(head if len(head) < TABLE_HEAD_BYTES else head[: head.rfind(b"\n") + 1] or head)
    if decoded is None:
        return None
    text, encoding = decoded
    text = text.lstrip("\ufeff")
    opening, _, after = text.partition("\n")  # the line the listing skips ends at the first b"\n"
    sep = EXCEL_SEP.fullmatch(opening.removesuffix("\r")) if after else None
    first = next(iter((after if sep else text).splitlines()), "")
    if sep:
        delimiter = sep.group(1)
    elif Path(_stem(path)).suffix == ".tsv":
        delimiter = "\t"
    else:
        counts = {d: first.count(d) for d in ",;\t|"}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    names = {name.lower(): name for name in (*FIELD_NAMES, *ID_FIELDS)} | TABLE_ALIASES
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:  # a NUL byte, say: no table of articles
        return None
    columns = tuple(names.get(c.strip().lower(), c.strip()) for c in header)
    if not set(columns) & set(TEXT_FIELDS):
        return None
    encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    return FileStamp(0, 0, columns=columns, delimiter=delimiter, encoding=encoding, sep_line=sep is not None)


def _is_package(path: Path) -> bool:
    """Whether a ``.zip`` file is a document packed as ZIP (a Word or OpenDocument file renamed, an XLSX, an EPUB),
    read (or refused) as one file, by its content, as under its own name: an Office Open XML package holds
    ``[Content_Types].xml`` and ``_rels/.rels``; an OpenDocument file or an e-book starts with a file ``mimetype``
    naming an ``application/`` type. A plain archive that holds a file of one of those names is an archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if {"[Content_Types].xml", "_rels/.rels"} <= names:
                return True
            if infos and infos[0].filename == "mimetype" and infos[0].file_size < 200:
                return archive.read(infos[0]).startswith(b"application/")
            return False
    except (*ZIP_ERRORS, RuntimeError):  # RuntimeError: zipfile's word for an encrypted file
        return False  # the listing says why it cannot be read


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # gone or unreadable: the listing says so


#: how far into a ``.xml`` file its root element is looked for (as ``newsxml.root_element`` does)
FEED_HEAD_BYTES = 8192
#: how far into a ``.json`` file its first character is looked for
FIRST_CHAR_WINDOW = 1 << 20


def _head(path: Path, size: int) -> bytes | None:
    """Up to ``size`` bytes of the file's content (decompressed when it is gzipped); None when it cannot be read."""
    try:
        with path.open("rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            if not gzipped:
                return raw.read(size)
            with gzip.GzipFile(fileobj=raw) as unpacked:
                return unpacked.read(size)
    except (OSError, EOFError, zlib.error):
        return None


def _first_char(path: Path) -> bytes | None:
    """The first character of the file's content that is no space or BOM (of its decompressed content when
    gzipped): b"" when there is none within ``FIRST_CHAR_WINDOW`` bytes, None when the file cannot be read."""
    for size in (4096, FIRST_CHAR_WINDOW):  # the first read nearly always finds it
        head = _head(path, size)
        if head is None:
            return None
        if first := head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]:
            return first
        if len(head) < size:
            break
    return b""


def _escaped(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if unicodedata.category(char) in ("Cc", "Cs"):  # a line break, a control character, a lone surrogate
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def _clean_key(value: str) -> str:
    """A key as part of a path: written out so that different values stay different (line breaks, control
    characters and lone surrogates escaped, and the backslash), valid Unicode, bounded (a long key keeps its start
    and a hash of the whole)."""
    key = "".join(map(_escaped, value)) if _ODD.search(value) else value
    if len(key) > MAX_KEY_CHARS:
        key = f"{key[: MAX_KEY_CHARS - 17]}~{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"
    return key


#: a key ``_clean_key`` shortened: its start, "~" and 16 hex digits of a hash
_SHORTENED = re.compile(rf".{{{MAX_KEY_CHARS - 17}}}~[0-9a-f]{{16}}", re.DOTALL)


def json_key(record: object) -> str | None:
    """What names a JSON article: its id (a string or an integer), else its URL; None when it has neither."""
    if not isinstance(record, Mapping):
        return None
    for name in ID_FIELDS:
        value = record.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return _clean_key(str(value))
    for name in URL_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and _URL.match(value):
            return _clean_key(value)
    return None


def _unique(found: list[tuple[str | None, Record]], refused: Mapping[int, tuple[Reason, str]] | None = None) -> tuple[Member, ...]:
    """Members with distinct keys: a record without a key is named by its position (``line-12``, ``item-3``,
    ``byte-1234``); of records that share a key the last is read and the others refused, under their position.
    ``refused``: the problems of records refused already, by their index in ``found``."""
    last: dict[str, int] = {}
    for i, (key, _) in enumerate(found):
        if key is not None:
            last[key] = i
    members: list[Member] = []
    taken: set[str] = set()
    for i, (key, record) in enumerate(found):
        position = record.position_key
        problem = (refused or {}).get(i)
        if key is not None and last[key] != i:
            later = found[last[key]][1].where
            later = f"the {later}" if later.startswith("record") else later
            problem = (Reason.DUPLICATE, f"the same key {key!r} as {later}, which is read instead")
            key = None
        name = key if key is not None else position
        while name in taken:  # an id that happens to read "line-3", beside line 3 without one
            name += "~"
        taken.add(name)
        members.append(Member(replace(record, key=name), problem))
    return tuple(members)


def scan(path: Path, kind: ContainerKind, *, max_bytes: int) -> Scan:
    """The records of a JSON Lines file, a JSON list, a table, a feed, a mailbox, a web archive, a ZIP, tar or 7-Zip archive. A problem says why
    the file, or its part after the last record listed, cannot be read; nothing here raises for bad input."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Scan(problem=(Reason.UNREADABLE, "not a regular file (a pipe, socket or device)"))
        if kind == "zip":
            return _scan_zip(path, FileStamp(info.st_size, info.st_mtime_ns), max_bytes)
        if kind == "tar":
            return _scan_tar(path, FileStamp(info.st_size, info.st_mtime_ns), max_bytes)
        if kind == "7z":
            return _scan_7z(path, FileStamp(info.st_size, info.st_mtime_ns), max_bytes)
        with path.open("rb") as raw:
            head = raw.read(2)
            raw.seek(0)
            whole_gzip = head == b"\x1f\x8b" and kind != "warc"  # a web archive is gzipped record by record
            data: io.BufferedIOBase | io.BytesIO = raw
            if whole_gzip:
                unpacked = gunzip(raw.read(), max_bytes=max_bytes)
                if isinstance(unpacked, Problem):
                    return Scan(problem=(unpacked.reason, unpacked.detail))
                data = io.BytesIO(unpacked)
            stamp = FileStamp(info.st_size, info.st_mtime_ns, whole_gzip)
            if kind == "jsonl":
                return _scan_lines(data, stamp, max_bytes)
            if kind == "csv":
                layout = table_layout(path)
                if layout is None:
                    return Scan(problem=(Reason.UNREADABLE, "the table's header can no longer be read"))
                return _scan_table(data, replace(layout, size=info.st_size, mtime_ns=info.st_mtime_ns, whole_gzip=whole_gzip), max_bytes)
            if kind == "jsonlist":
                return _scan_list(data, stamp, max_bytes, size=info.st_size)
            if kind == "feed":
                return _scan_feed(data, stamp, max_bytes, size=info.st_size)
            if kind == "mbox":
                return _scan_mbox(data, stamp, max_bytes)
            return _scan_warc(data, stamp, max_bytes)
    except OSError as exc:
        return Scan(problem=(Reason.UNREADABLE, f"cannot read the file: {exc.strerror or exc}"))


def _cr_lines(head: bytes) -> bool:
    """Whether the start of a file is lines of JSON ended by CR alone: no LF, and a JSON value before the first
    CR with more after it (a JSON value holds no raw CR inside a string, only as space between tokens)."""
    if b"\n" in head:
        return False
    parts = [part for part in head.split(b"\r") if part.strip()]
    if len(parts) < 2:
        return False
    try:
        json.loads(parts[0])
    except (ValueError, RecursionError):
        return False
    return True


def _scan_lines(data: io.BufferedIOBase | io.BytesIO, stamp: FileStamp, max_bytes: int) -> Scan:
    """The lines of JSON Lines, each without its line break (so a record's bytes, and its hash, are the same
    whether a line ends in LF, CRLF or the end of the file). A line that is no JSON, or over ``max_bytes``, is
    listed under its position (and refused when read) and marked ``keyless``."""
    if data.read(4)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return Scan(problem=(Reason.UNDECODABLE, "JSON Lines in UTF-16 (or UTF-32); JSON Lines are UTF-8: save it as UTF-8"))
    data.seek(0)
    if _cr_lines(data.read(1 << 16)):
        return Scan(problem=(Reason.UNREADABLE, "lines that end in a carriage return alone (CR, as old Mac programs wrote them); JSON Lines end in LF or CRLF: convert the line endings (tr '\\r' '\\n')"))
    data.seek(0)
    found: list[tuple[str | None, Record]] = []
    offset = number = 0
    while line := data.readline(max_bytes + 1):
        number += 1
        length = len(line)
        if length > max_bytes:  # a record over the limit: skip to its end without holding it
            while line and not line.endswith(b"\n"):
                line = data.readline(1 << 20)
                length += len(line)
        body = length - (2 if line.endswith(b"\r\n") else 1 if line.endswith(b"\n") else 0)
        if length > max_bytes:
            found.append((None, Record("jsonl", "", offset, body, number, stamp, keyless=True)))
        elif line.strip():
            try:
                parsed = json.loads(line)
            except (ValueError, RecursionError):
                parsed = None  # refused with the reason when it is read
            if not found and isinstance(parsed, dict) and PASSAGE_FIELDS <= parsed.keys():
                return Scan(problem=(Reason.UNSUPPORTED_TYPE, PASSAGES))
            found.append((json_key(parsed), Record("jsonl", "", offset, body, number, stamp, keyless=parsed is None)))
        offset += length
    if not found:
        return Scan(problem=(Reason.EMPTY, "a JSON Lines file without records"))
    return Scan(_unique(found))


def _raise_field_limit(max_bytes: int) -> None:
    """csv refuses a field over 131,072 characters by default: an article may be longer (in every process)."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))


def _row_fields(columns: tuple[str, ...], row: list[str]) -> dict[str, str] | tuple[Reason, str]:
    """A row's fields by column name (the first of two columns of one name), or the problem of a row with more
    fields than the header: a delimiter inside a text that is not quoted, which would cut the text."""
    if len(row) > len(columns):
        return (Reason.UNREADABLE, f"{len(row)} fields where the header has {len(columns)}: a delimiter inside a text that is not quoted?")
    fields: dict[str, str] = {}
    for name, value in zip(columns, row, strict=False):
        fields.setdefault(name, value)
    return fields


def _scan_table(data: io.BufferedIOBase | io.BytesIO, stamp: FileStamp, max_bytes: int) -> Scan:
    """The rows of a table of articles after its header (and Excel's ``sep=`` line before it); a row may span lines
    (a quoted text with line breaks). Quotes are read strictly: a quote left open would merge the rows after it
    into one text. A row that cannot be parsed, or a line over ``max_bytes``, ends the listing (the rows after it
    cannot be told apart); a row with more fields than the header is listed under its position and refused when
    read."""
    if stamp.encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")):  # its lines do not end in b"\n"
        return Scan(problem=(Reason.UNDECODABLE, f"a table of articles in {stamp.encoding}; save it as UTF-8"))
    _raise_field_limit(max_bytes)
    head = data.read(TABLE_HEAD_BYTES)
    data.seek(0)
    if b"\r" in head and b"\n" not in head:  # a row cannot be told from the next one's start
        return Scan(problem=(Reason.UNREADABLE, CR_LINES))
    offset = start = 0
    over: list[int] = []
    if stamp.sep_line:  # Excel's "sep=;" line before the header (``table_layout`` found it ending in b"\n") is no row
        offset = len(data.readline())

    def lines() -> Iterator[str]:
        nonlocal offset
        while raw := data.readline(max_bytes + 1):
            if len(raw) > max_bytes:
                over.append(offset)
                return
            offset += len(raw)
            yield raw.decode(stamp.encoding, "replace")  # only to find the fields: delimiters and quotes are ASCII

    reader = csv.reader(lines(), delimiter=stamp.delimiter, strict=True)
    found: list[tuple[str | None, Record]] = []
    refused: dict[int, tuple[Reason, str]] = {}
    too_long = (Reason.TOO_LARGE, "a line at byte {at} is longer than {limit} bytes (max_file_bytes); the rows from it on are not read")
    try:
        next(reader, None)  # the header
        start = offset
        for row in reader:
            if over:  # a row the cut fell inside is not whole
                break
            if any(field.strip() for field in row):
                fields = _row_fields(stamp.columns, row)
                if isinstance(fields, tuple):
                    refused[len(found)] = fields
                record = Record("csv", "", start, offset - start, len(found) + 1, stamp, keyless=isinstance(fields, tuple))
                found.append((None if isinstance(fields, tuple) else json_key(fields), record))
            start = offset
    except csv.Error as exc:
        if not over:
            problem = f"row {len(found) + 1} (byte {start}) cannot be read ({_printable(str(exc))}); the rows from it on are not read"
            return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
    if over:
        problem = too_long[1].format(at=over[0], limit=max_bytes)
        return Scan(_unique(found, refused), (too_long[0], problem))
    if not found:
        return Scan(problem=(Reason.EMPTY, "a table of articles without rows"))
    return Scan(_unique(found, refused))


#: what decides where a JSON value ends: a string (whose brackets do not count), an opening or a closing bracket
_JSON_SPECIAL = re.compile(r'["\[\]{}]')
#: the rest of a JSON string after its opening quote, to its closing one
_JSON_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def _value_end(text: str, at: int) -> int | None:
    """Where the JSON object or list starting at ``at`` ends, found without parsing it (for one nested deeper than
    the parser's recursion goes), in one pass; None when it does not end (a string that is never closed ends the
    search at once)."""
    depth, position = 0, at
    while (special := _JSON_SPECIAL.search(text, position)) is not None:
        if special.group() == '"':
            rest = _JSON_STRING_REST.match(text, special.end())
            if rest is None:
                return None
            position = rest.end()
            continue
        depth += 1 if special.group() in "[{" else -1
        position = special.end()
        if depth == 0:
            return position
    return None


def _scan_list(data: io.BufferedIOBase | io.BytesIO, stamp: FileStamp, max_bytes: int, *, size: int) -> Scan:
    """The items of a JSON list, read whole (it cannot be read in parts): up to ``max_bytes``."""
    if not stamp.whole_gzip and size > max_bytes:
        return Scan(problem=(Reason.TOO_LARGE, f"a JSON list of {size} bytes is over the limit of {max_bytes} (max_file_bytes); write it as JSON Lines, one article per line"))
    raw = data.read()
    start_byte = len(raw) - len(raw.removeprefix(codecs.BOM_UTF8))
    # bytes that are no UTF-8 stay in the item that holds them (as surrogates), which alone is refused when read
    text = raw[start_byte:].decode("utf-8", "surrogateescape")
    decoder = json.JSONDecoder()
    found: list[tuple[str | None, Record]] = []
    refused: dict[int, tuple[Reason, str]] = {}
    chars, bytes_at = 0, start_byte  # the last position turned into a byte offset

    def byte_at(position: int) -> int:
        nonlocal chars, bytes_at
        bytes_at += len(text[chars:position].encode("utf-8", "surrogateescape"))
        chars = position
        return bytes_at

    def skip(position: int) -> int:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        return position

    at = skip(0) + 1  # past the "["
    at = skip(at)
    if text[at : at + 1] == "]":
        return Scan(problem=(Reason.EMPTY, "an empty JSON list"))
    while True:
        number = len(found) + 1
        try:
            item, end = decoder.raw_decode(text, at)
        except RecursionError:  # too deep for the parser, but its end can be found: the items after it are read
            if (deep_end := _value_end(text, at)) is None:
                problem = f"item {number} (byte {byte_at(at)}) is not valid JSON (it does not end); the items from it on are not read"
                return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
            end = deep_end
            refused[len(found)] = (Reason.UNREADABLE, "nested too deeply to be read as JSON")
            item = None
        except ValueError as exc:
            problem = f"item {number} (byte {byte_at(at)}) is not valid JSON ({exc}); the items from it on are not read"
            return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
        if not isinstance(item, dict) and not found and len(found) not in refused:
            return Scan(problem=(Reason.UNSUPPORTED_TYPE, f"a JSON list of {type(item).__name__}s, not of article objects"))
        first = byte_at(at)
        record = Record("jsonlist", "", first, byte_at(end) - first, number, stamp)
        found.append((json_key(item), record))
        at = skip(end)
        if text[at : at + 1] == ",":
            at = skip(at + 1)
            continue
        if text[at : at + 1] == "]":
            if not text[skip(at + 1) :]:
                return Scan(_unique(found, refused))
            problem = f"more after the list's closing ']' (byte {byte_at(skip(at + 1))}); the file is one JSON list or JSON Lines"
            return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
        problem = f"the list does not go on after item {number} (byte {byte_at(at)}): a ',' or the closing ']' is missing"
        return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))


NO_MAILBOX = 'not an mbox mailbox: its first line (after blank lines) is no "From " separator line'
#: what may open a mailbox before its first "From " line: a UTF-8 byte order mark, blank lines
_MBOX_OPENING = re.compile(rb"(?:\xef\xbb\xbf)?(?:[ \t]*\r?\n)*")
#: the line after a "From " line that starts a message: a header field
_HEADER_FIELD = re.compile(rb"[!-9;-~]+:")
#: a "From " line as mail programs write it, sender then date: "From jdoe@example.com Sat Nov  2 10:00:00 2024"
_DATED_FROM = re.compile(rb"From \S+ .*\b\d{1,2}:\d{2}(?::\d{2})?\b.*\b\d{4}\s*$")


def _mbox_opening(head: bytes) -> int:
    """The length of what opens a mailbox before its first line (``_MBOX_OPENING``)."""
    match = _MBOX_OPENING.match(head)
    return match.end() if match else 0


def is_mailbox(head: bytes) -> bool:
    """Bytes that open as an mbox mailbox: a "From " separator line (after blank lines, or a byte order mark, at
    most), then a message's mail headers."""
    head = head[_mbox_opening(head) :]
    end = head.find(b"\n")
    return head.startswith(b"From ") and end > 0 and looks_like_email(head[end + 1 :])


def _separator(line: bytes, after_blank: bool, following: bytes) -> bool:
    """Whether a whole line starts a message: "From " followed by a header field, at the start of the file or after
    a blank line (a "From " line of a body that the mailbox did not quote, "From the editors: ...", goes on with
    the body), or anywhere when it is dated as mail programs write it (a mailbox whose messages are not separated
    by blank lines, as ``cat`` of two leaves it)."""
    return (
        line.startswith(b"From ")
        and line.endswith(b"\n")
        and _HEADER_FIELD.match(following) is not None
        and (after_blank or _DATED_FROM.match(line) is not None)
    )


#: a message's header is looked for a ``Message-ID`` in this many bytes (Google's carry dozens of ``Received`` lines)
MBOX_HEADER_MAX = 1 << 16


def _mbox_key(header: bytes) -> str | None:
    """A message's ``Message-ID`` (its value on the next line when the field's own line holds none)."""
    lines = header.split(b"\n")
    for i, line in enumerate(lines):
        name, colon, value = line.partition(b":")
        if colon and name.strip().lower() == b"message-id":
            if not value.strip() and i + 1 < len(lines) and lines[i + 1][:1] in (b" ", b"\t"):
                value = lines[i + 1]
            text = value.decode("utf-8", "replace").strip().removeprefix("<").removesuffix(">").strip()
            return _clean_key(text) if text else None
    return None


def _scan_mbox(data: io.BufferedIOBase | io.BytesIO, stamp: FileStamp, max_bytes: int) -> Scan:
    """The messages of an mbox mailbox: each from its "From " line (``_separator``) to the next, named by its
    ``Message-ID``, each followed by its attached files (``_mbox_attachments``)."""
    found: list[tuple[str | None, Record]] = []
    offset = start = _mbox_opening(data.read(1 << 16))
    data.seek(offset)
    header: list[bytes] = []
    in_header = False
    at_line_start = after_blank = True

    def close() -> None:
        found[-1] = (_mbox_key(b"".join(header)), replace(found[-1][1], length=offset - start))

    line = data.readline(MBOX_LINE_MAX)
    while line:
        following = data.readline(MBOX_LINE_MAX)
        separator = at_line_start and line[:5] == b"From " and _separator(line, after_blank, following)
        if not found and not separator:
            return Scan(problem=(Reason.UNREADABLE, NO_MAILBOX))
        if separator:
            if found:
                close()
            start, header, in_header = offset, [], True
            found.append((None, Record("mbox", "", offset, 0, len(found) + 1, stamp)))
        elif in_header:
            if at_line_start and not line.strip():
                in_header = False
            elif offset - start < MBOX_HEADER_MAX:
                header.append(line)
        at_line_start = line.endswith(b"\n")
        after_blank = at_line_start and not line.strip()
        offset += len(line)
        line = following
    if not found:
        return Scan(problem=(Reason.EMPTY, "an empty mailbox"))
    close()
    return Scan(_mbox_attachments(data, _unique(found), max_bytes))


def _mbox_attachments(data: io.BufferedIOBase | io.BytesIO, messages: tuple[Member, ...], max_bytes: int) -> tuple[Member, ...]:
    """A mailbox's messages, each followed by its attached files that may be documents
    (``attachments.with_attachments``): each message read again at its offset, its outline read (``attachments.outline``), no
    payload decoded. A message refused (a duplicate) or over ``attachments.MESSAGE_BYTES_FACTOR`` times
    ``max_bytes`` is not looked into."""
    from flows.steps.attachments import MESSAGE_BYTES_FACTOR, list_attachments, with_attachments  # here: attachments imports this module

    out: list[Member] = []
    for member in messages:
        record = member.record
        if member.problem is not None:
            out.append(member)
            continue
        if record.length > max_bytes * MESSAGE_BYTES_FACTOR:
            out.extend(with_attachments(member, Problem(Reason.TOO_LARGE, "over max_file_bytes")))
            continue
        data.seek(record.offset)
        message = mbox_message(record, data.read(record.length))
        listing = Problem(Reason.UNREADABLE, CHANGED) if message is None else list_attachments(message, max_bytes=max_bytes)
        out.extend(with_attachments(member, listing))
    return tuple(out)


def _scan_feed(data: io.BufferedIOBase | io.BytesIO, stamp: FileStamp, max_bytes: int, *, size: int) -> Scan:
    """The items of a feed, read whole (XML cannot be read in parts): up to ``max_bytes``. Each record is the whole
    file, and its item is found by its position when it is read."""
    if not stamp.whole_gzip and size > max_bytes:
        return Scan(problem=(Reason.TOO_LARGE, f"a feed of {size} bytes is over the limit of {max_bytes} (max_file_bytes)"))
    raw = data.read()
    parsed = parse_feed(raw)
    if isinstance(parsed, Problem):
        return Scan(problem=(parsed.reason, parsed.detail))
    root, damage = parsed
    items = feed_items(root, damaged=damage is not None)
    if not items and damage is not None:
        return Scan(problem=(Reason.UNREADABLE, f"not well-formed feed XML, and no item could be read from it ({_printable(damage)})"))
    if not items:
        return Scan(problem=(Reason.EMPTY, "a feed without items"))
    found = [(_clean_key(key) if (key := item_key(item)) else None, Record("feed", "", 0, len(raw), n, stamp)) for n, item in enumerate(items, 1)]
    if damage is not None:
        problem = (
            f"not well-formed feed XML ({_printable(damage)}); the {len(items)} items read from it are indexed, but an item"
            " where it is damaged may be cut short or missing: fix the feed"
        )
        return Scan(_unique(found), (Reason.UNREADABLE, problem))
    return Scan(_unique(found))


class _ArcVersion2(ValueError):
    """An ARC file of version 2, whose header lines of ten fields warcio misreads."""


def _arc_words(record: Any) -> list[str]:  # a warcio record of an ARC file
    """The words of an ARC record's header line, as warcio split it: the URL's, then the last four."""
    field = record.rec_headers.get_header
    names = ("uri", "ip-address", "archive-date", "content-type", "length")
    return " ".join(field(name) or "" for name in names).split()


def _arc_fields(record: Any) -> tuple[str, str, str]:  # a warcio record of an ARC file
    """An ARC record's URL, capture date and content type from its header line. warcio reads the line's last four
    words as the IP address, date, type and length, and the words before them as the URL (which may hold spaces);
    a type with a space in it ("text/html, application/x-javascript", as some servers sent it) then shifts the
    date into the type. The date is the last word of 8-14 digits after an IP address, as Heritrix reads it (a
    type holds no such word; a URL may)."""
    words = _arc_words(record)[:-1]  # without the length
    for k in range(len(words) - 1, 1, -1):
        if _ARC_DATE.fullmatch(words[k]) and _ARC_IP.fullmatch(words[k - 1]):
            return " ".join(words[: k - 1]), words[k], " ".join(words[k + 1 :])
    field = record.rec_headers.get_header
    return field("uri") or "", field("archive-date") or "", field("content-type") or ""


def _target_uri(record: Any) -> str | None:  # a warcio record
    """The URL a WARC or ARC record captured; raises ``ArchiveLoadFailed`` for a record that is neither, and
    ``_ArcVersion2`` for the version block of an ARC file of version 2 (a header line of ten fields: URL, IP
    address, date, type, result code, checksum, location, offset, file name and length). warcio takes any line of
    five words for an ARC record's header: an ARC record's date and length are digits. A space in a URL is
    written ``%20``, as warcio's reader writes it in a WARC's target URI, so an ARC and its conversion to WARC key
    a capture alike."""
    from warcio.exceptions import ArchiveLoadFailed

    if record.format == "warc":
        uri: str | None = record.rec_headers.get_header("WARC-Target-URI")
        return uri.replace(" ", "%20") if uri else uri
    words = _arc_words(record)
    if record.rec_type == "arc_header" and len(words) == ARC2_FIELDS and words[4].isdigit():
        raise _ArcVersion2("an ARC file of version 2, which docindex does not read; convert it to WARC first")
    url, date, _ = _arc_fields(record)
    if record.format != "arc" or not _ARC_DATE.fullmatch(date) or not words[-1].isdigit():
        raise ArchiveLoadFailed("no WARC or ARC record there")
    return url.replace(" ", "%20")


def _http_type(record: Any) -> str:  # a warcio record
    """The media type of a web archive record's payload: its HTTP header's for a response, the record's for a
    resource."""
    if record.rec_type == "response":
        value = record.http_headers.get_header("Content-Type") if record.http_headers else None
        if not value and record.format == "arc":  # HTTP headers that name no type: the ARC header line's
            value = _arc_fields(record)[2]
    else:
        value = record.rec_headers.get_header("Content-Type")
    return (value or "").split(";", 1)[0].strip().lower()


def _is_page(record: Any) -> bool:  # a warcio record
    """A response with status 2xx, or a resource, whose payload is HTML."""
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else ""
        return str(status).startswith("2") and _http_type(record) in PAGE_TYPES
    return record.rec_type == "resource" and _http_type(record) in PAGE_TYPES


class _Brotli:
    """A brotli decompressor as warcio's readers use one (``decompress``, ``unused_data``, ``flush``): warcio's own
    adapter sets an attribute that current Brotli releases do not allow, so pages stored with
    ``Content-Encoding: br`` (as browser-based crawlers save them) would fail."""

    def __init__(self) -> None:
        import brotli

        self._inner = brotli.Decompressor()
        self.unused_data = b""

    def decompress(self, data: bytes) -> bytes:
        return self._inner.process(data)

    def flush(self) -> bytes:
        return b""


@functools.cache
def _with_brotli() -> None:
    from warcio.bufferedreaders import BufferedReader

    BufferedReader.DECOMPRESSORS["br"] = _Brotli


#: the longest line read from a web archive's headers: warcio joins the pieces of a line by adding bytes to
#: bytes, so a damaged file of one long line (megabytes of zeros) took minutes; a line cut here is not a valid header
WARC_LINE_MAX = 1 << 20


@functools.cache
def _line_reader() -> type:
    """warcio's reader of a web archive, with a line read in linear time and cut at ``WARC_LINE_MAX``."""
    from warcio.bufferedreaders import DecompressingBufferedReader

    class LineReader(DecompressingBufferedReader):  # type: ignore[misc]
        def readline(self, length: int | None = None) -> bytes:
            limit = WARC_LINE_MAX if length is None or length < 0 else min(length, WARC_LINE_MAX)
            if limit == 0:
                return b""
            self._fillbuff()
            if self.empty():
                return b""
            pieces = [self.buff.readline(limit)]
            total = len(pieces[0])
            while not pieces[-1].endswith(b"\n") and total < limit:
                self._fillbuff()
                if self.empty():
                    break
                pieces.append(self.buff.readline(limit - total))
                total += len(pieces[-1])
            return b"".join(pieces)

    return LineReader


def _archive_records(data: io.BufferedIOBase | io.BytesIO) -> Any:  # warcio's ArchiveIterator
    """The records of a web archive, read by ``_line_reader``'s reader (set before the first record is read)."""
    from warcio.archiveiterator import ArchiveIterator

    archive = ArchiveIterator(data)
    archive.reader = _line_reader()(archive.fh, block_size=archive.reader.block_size)
    return archive


class _Quiet:
    """Stands in for ``sys`` in warcio's modules while a web archive is read: warcio writes its warnings (a
    record not followed by blank lines, a gzip member that fails to decompress) to stderr, over the command line's
    display; here they are kept, and the first one can say why a file is damaged. So is what it logs (a target
    URI with spaces, which its reader writes ``%20``)."""

    def __init__(self) -> None:
        self.stderr = io.StringIO()

    def __enter__(self) -> Self:
        import warcio.archiveiterator
        import warcio.bufferedreaders

        self._modules = [m for m in (warcio.archiveiterator, warcio.bufferedreaders) if hasattr(m, "sys")]
        self._saved = [m.sys for m in self._modules]  # type: ignore[attr-defined]
        for module in self._modules:
            module.sys = self  # type: ignore[attr-defined]
        logging.getLogger("warcio.recordloader").addFilter(self._keep)  # a filter of the logger itself
        return self

    def __exit__(self, *exc: object) -> None:
        for module, saved in zip(self._modules, self._saved, strict=True):
            module.sys = saved  # type: ignore[attr-defined]
        logging.getLogger("warcio.recordloader").removeFilter(self._keep)

    def _keep(self, record: logging.LogRecord) -> bool:
        """Keeps what warcio's loggers say with its other warnings, instead of showing it."""
        self.stderr.write(record.getMessage() + "\n")
        return False

    def first(self) -> str | None:
        said = [line.strip() for line in self.stderr.getvalue().splitlines() if line.strip()]
        return said[0] if said else None


def _printable(text: str, limit: int = 200) -> str:
    """A message from a parser as one short line: control characters and undecodable bytes written out. Cut before
    it is written out too (writing out only lengthens it): a message may quote megabytes of a damaged file."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _blank_tail(data: io.BufferedIOBase | io.BytesIO, at: int) -> bool:
    """Whether nothing but blank lines, or empty gzip members (``cat`` of archives leaves them), follows ``at``."""
    data.seek(at)
    rest = data.read(1 << 16)
    while rest[:2] == b"\x1f\x8b":
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            if member.decompress(rest, 4096).strip() or not member.eof:
                return False
        except zlib.error:
            return False
        rest = member.unused_data
    return not rest.strip()


class _Unlisted(Exception):
    """A record of a web archive the listing stops at: one whose end is not known."""


def _scan_warc(data: io.BufferedIOBase | io.BytesIO, stamp: FileStamp, max_bytes: int) -> Scan:
    """The HTML pages of a web archive (WARC, or ARC: warcio reads both). Every record is read through to find
    where the next begins (a record gzipped on its own must be decompressed for that); a page that decompresses to
    more than ``max_bytes`` is refused alone; the file's damage, and a cut-off record, end the listing."""
    from warcio.exceptions import ArchiveLoadFailed

    found: list[tuple[str | None, Record]] = []
    refused: dict[int, tuple[Reason, str]] = {}
    records = end = 0
    with _Quiet() as quiet:
        try:
            archive = _archive_records(data)
            for entry in archive:
                uri = _target_uri(entry)  # raises for a line of text, which warcio may take for an ARC record
                length = entry.rec_headers.get_header("Content-Length") or ""
                if entry.format == "warc" and entry.rec_headers.headers and not length.strip().isdigit():
                    # warcio then reads to the end of the file: the records after it would be taken for its content
                    # (a record of no headers at all is what warcio makes of the empty gzip members at a file's end)
                    raise _Unlisted("a record without a Content-Length header starts there; it and the records after it are not read")
                records += 1
                page = _is_page(entry)
                size = 0
                while chunk := entry.raw_stream.read(1 << 16):  # to its end, to see whether the file holds all of it
                    size += len(chunk)
                if getattr(entry.raw_stream, "limit", 0) > 0:
                    raise EOFError(f"a record ends early{f': {said}' if (said := quiet.first()) else ''}")
                offset, length = archive.get_record_offset(), archive.get_record_length()
                end = offset + length
                if page and size > max_bytes:  # refused alone, as a line of JSON Lines is
                    refused[len(found)] = (Reason.TOO_LARGE, f"a page of more than {max_bytes} bytes (max_file_bytes)")
                if page:  # not a request, the crawl's metadata (an ARC's version block), an image, a redirect
                    found.append((_clean_key(uri) if uri else None, Record("warc", "", offset, length, records, stamp)))
        except _Unlisted as exc:
            return Scan(_unique(found, refused), (Reason.UNREADABLE, f"not read after byte {end}: {exc}"))
        except (AttributeError, TypeError, IndexError, KeyError) as exc:  # warcio's parser meeting a header it needs missing
            detail = _printable(f"{type(exc).__name__}: {exc}", 120)
            problem = (
                f"not read after byte {end}: a record there cannot be parsed, as when a response has no WARC-Target-URI"
                f" ({detail}); it and the records after it are not read"
            )
            return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
        except _ArcVersion2 as exc:
            return Scan(problem=(Reason.UNSUPPORTED_TYPE, str(exc)))
        except (ArchiveLoadFailed, EOFError, ValueError, zlib.error, OSError) as exc:
            detail = _printable(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, 120)
            if "non-chunked gzip" in detail.lower():  # its records cannot be read at their offsets
                detail = (
                    "a web archive compressed as one gzip stream instead of record by record; decompress it (gunzip)"
                    " first"
                )
                return Scan(problem=(Reason.UNREADABLE, detail))
            if not records:
                return Scan(problem=(Reason.UNREADABLE, f"not a web archive (WARC or ARC): {detail}"))
            problem = f"not a readable web archive after byte {end}: it is cut short or damaged there ({detail})"
            return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
        if not _blank_tail(data, end):  # a gzip member cut off inside its record's header reads as the end of the file
            if not records:
                return Scan(problem=(Reason.UNREADABLE, "not a web archive (WARC or ARC): no record found"))
            said = f" ({_printable(first)})" if (first := quiet.first()) else ""
            problem = f"not a readable web archive after byte {end}: the file is cut short or damaged there{said}"
            return Scan(_unique(found, refused), (Reason.UNREADABLE, problem))
    if not records:
        return Scan(problem=(Reason.UNREADABLE, "not a web archive (WARC or ARC): no record found"))
    if not found:
        return Scan(problem=(Reason.NO_CONTENT, f"a web archive of {records} records, none of them an HTML page"))
    return Scan(_unique(found, refused))


#: suffixes (before ``.gz``) of files that hold many documents and are not read inside an archive (its feeds and
#: mailboxes are: ``_held``)
MANY_SUFFIXES = LINES_SUFFIXES | TABLE_SUFFIXES | WARC_SUFFIXES | {ZIP_SUFFIX, SEVENZ_SUFFIX}
NESTED = "a file that may hold many documents (JSON Lines, a table, a web archive, an archive) inside an archive; unpack the archive to read it"


def _nested(name: str) -> bool:
    lowered = name.lower()
    return Path(lowered.removesuffix(".gz")).suffix in MANY_SUFFIXES or lowered.endswith(TAR_SUFFIXES)


#: how much of a file of an archive is read to tell a feed (``.xml``) or a mailbox (no suffix) by its content
HELD_HEAD_BYTES = max(FEED_HEAD_BYTES, MBOX_HEAD_BYTES)


def _held_by_name(name: str) -> tuple[ContainerKind, bool] | None:
    """What a file of an archive may be by its name: a feed or a mailbox, and whether only its content can tell (a
    ``.xml`` file may be a feed, a file without a suffix a mailbox, as on disk); None for any other file."""
    base = name.lower().rsplit("/", 1)[-1].removesuffix(".gz")
    dot = base.rfind(".")
    suffix = base[dot:] if 0 < dot < len(base) - 1 else ""  # as ``Path.suffix``, which costs more
    if suffix in FEED_SUFFIXES | {".xml"}:
        return "feed", suffix == ".xml"
    if suffix in MBOX_SUFFIXES or (not suffix and base and not base.startswith(".")):
        return "mbox", not suffix
    return None


def _gunzipped_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzipped file's first bytes (what they hold of it)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HELD_HEAD_BYTES)
    except zlib.error:
        return b""


def _read_up_to(stream: IO[bytes], size: int) -> bytes:
    """Up to ``size`` bytes of a file of an archive, in pieces (tarfile's reader reads what it is asked at once)."""
    pieces: list[bytes] = []
    while size > 0 and (piece := stream.read(min(size, 1 << 20))):
        pieces.append(piece)
        size -= len(piece)
    return b"".join(pieces)


def _held(
    name: str, stream: IO[bytes], stamp: FileStamp, max_bytes: int, *, damage: tuple[type[BaseException], ...] = ()
) -> Scan | None:
    """The items of a feed, or the messages of a mailbox, that is a file of an archive (``name``: its path there,
    ``stream``: its bytes, at most ``max_bytes``), listed as those of the same file on disk; None when the file is
    neither (it is read as one document). A gzipped one (``feed.rss.gz``) is decompressed, up to ``max_bytes``.
    ``damage``: the errors of a file that cannot be unpacked (a ZIP entry's bad CRC), which make a file known to be
    a feed or mailbox a problem (its items could not be listed, and those indexed stay); raised for another file."""
    if (by_name := _held_by_name(name)) is None:  # the caller knows it is not None
        return None
    kind, by_content = by_name
    gzipped = name.lower().endswith(".gz")
    try:
        head = _read_up_to(stream, HELD_HEAD_BYTES)
    except damage as exc:
        if by_content:  # not known to be one: read as a file, and refused with the reason
            raise
        return _damaged(exc)
    opening = _gunzipped_head(head) if gzipped else head
    if by_content and not (is_feed(opening) if kind == "feed" else is_mailbox(opening)):
        return None
    try:
        data = head + _read_up_to(stream, max_bytes + 1 - len(head))
    except damage as exc:
        return _damaged(exc)
    if gzipped and data[:2] == b"\x1f\x8b":
        unpacked = gunzip(data, max_bytes=max_bytes)
        if isinstance(unpacked, Problem):
            return Scan(problem=(unpacked.reason, unpacked.detail))
        data = unpacked
    else:
        gzipped = False
    held = replace(stamp, whole_gzip=gzipped)
    if kind == "feed":
        return _scan_feed(io.BytesIO(data), held, max_bytes, size=len(data))
    return _scan_mbox(io.BytesIO(data), held, max_bytes)


def _refuse(
    name: str, problem: tuple[Reason, str], at: int, refused: dict[int, tuple[Reason, str]], held: dict[int, Scan],
    attached: dict[int, Any] | None = None,
) -> None:
    """Refuses the file of an archive at ``at`` when it is listed: a feed or a mailbox by its name as one whose items
    could not be listed (``held``; those indexed from it stay, as for the same file on disk: one that grew over
    max_file_bytes), any other as a file (``refused``); an e-mail also as one whose attached files could not be
    listed (``attached``: those indexed from it stay)."""
    from flows.steps.attachments import is_email_file  # here: attachments imports this module

    if (by_name := _held_by_name(name)) is not None and not by_name[1]:
        held[at] = Scan(problem=problem)
    else:
        refused[at] = problem
        if attached is not None and is_email_file(name):
            attached[at] = Problem(*problem)


def _damaged(exc: BaseException) -> Scan:
    return Scan(problem=(Reason.UNREADABLE, f"cannot unpack it: {_printable(str(exc) or type(exc).__name__, 160)}"))


def _with_held(members: tuple[Member, ...], held: Mapping[int, Scan], attached: Mapping[int, Any] | None = None) -> Scan:
    """An archive's files, each feed and mailbox among them (``held``: their listing, by their place in
    ``members``) replaced by its items, named ``<its path>#<the item's key>``, and each e-mail (``attached``: the
    listing of its attached files, ``attachments.list_attachments``) followed by its attached files, named ``<its
    path>#<the file's key>``. A feed or mailbox whose items could not all be listed is ``Scan.unlisted``."""
    from flows.steps.attachments import with_attachments  # here: attachments imports this module

    out: list[Member] = []
    unlisted: list[tuple[str, tuple[Reason, str]]] = []
    for i, member in enumerate(members):
        if attached is not None and i in attached:
            if member.problem is None:
                out.extend(with_attachments(member, attached[i]))
            else:  # refused when listed (over max_file_bytes, say): its attached files were not listed
                out.append(replace(member, attachments="unlisted") if isinstance(attached[i], Problem) else member)
            continue
        inner = held.get(i)
        if inner is None or member.problem is not None:
            out.append(member)
            continue
        file = member.record
        for item in inner.members:
            record = item.record
            key = f"{file.key}#{record.key}"
            if record.message is not None:  # a file attached to a message of the mailbox: that message is in the archive
                message = replace(record.message, key=f"{file.key}#{record.message.key}", member=file)
                out.append(replace(item, record=replace(record, key=key, message=message)))
            else:
                out.append(replace(item, record=replace(record, key=key, member=file)))
        if inner.problem is not None:
            unlisted.append((file.key, inner.problem))
    return Scan(tuple(out), unlisted=tuple(unlisted))


def zip_name(info: zipfile.ZipInfo) -> str:
    """A ZIP file's path as its writer meant it: without the flag that says UTF-8, zipfile decodes a name as
    cp437 (the old DOS code page), but many tools wrote UTF-8 without setting it."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def _skipped(name: str) -> bool:
    """A file of a ZIP archive that is no document: in a hidden folder or hidden itself (``.DS_Store``), macOS's
    resource forks (``__MACOSX/``), a sidecar (which describes documents on disk, not in an archive)."""
    from flows.steps.load import SIDECAR_NAMES, SIDECAR_SUFFIXES  # here: load imports this module

    parts = [part for part in name.split("/") if part and part != "."]  # "./news/a.txt", as some tools write it
    base = parts[-1] if parts else ""
    return (
        any((part.startswith(".") and part != "..") or part == "__MACOSX" for part in parts)
        or base in SIDECAR_NAMES
        or base.endswith(SIDECAR_SUFFIXES)
    )


def _over_limit(name: str, size: str, max_bytes: int) -> tuple[Reason, str]:
    """Why a file of an archive over the size limit is not read; for a mailbox, that unpacked it is read message by
    message whatever its size (a file of an archive is unpacked whole, in memory, so a higher limit is no fix)."""
    problem = f"{size} is over the limit of {max_bytes} (max_file_bytes)"
    if _held_by_name(name) == ("mbox", False):
        problem += "; a mailbox on disk is read message by message whatever its size: unpack it from the archive"
    return (Reason.TOO_LARGE, problem)


def _zip_problem(info: zipfile.ZipInfo, name: str, max_bytes: int) -> tuple[Reason, str] | None:
    """Why a file of a ZIP archive will not be read, known from the archive's directory."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return (Reason.UNSUPPORTED_TYPE, "a symbolic link in the archive, not a file")
    if info.flag_bits & 0x1:
        return (Reason.ENCRYPTED, "an encrypted file in the archive; docindex reads no password-protected files")
    if info.compress_type not in ZIP_METHODS:
        method = ZIP_METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return (Reason.UNSUPPORTED_TYPE, f"compressed with {method}, which docindex does not read; re-pack the archive with deflate")
    if info.file_size > max_bytes:
        return _over_limit(name, f"{info.file_size} bytes unpacked", max_bytes)
    if _nested(name):
        return (Reason.UNSUPPORTED_TYPE, NESTED)
    return None


def _raw_name_length(info: zipfile.ZipInfo) -> int:
    return len(info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace"))


def _overlapping(infos: list[zipfile.ZipInfo]) -> dict[int, zipfile.ZipInfo]:
    """The entries of a ZIP directory whose data starts inside an entry before them (two entries of one offset,
    as a crafted archive, a "zip bomb" of overlapping files, has them), by ``id`` of the entry, with that entry.
    An entry ends at least 30 bytes of header, its name and its compressed data after its start."""
    found: dict[int, zipfile.ZipInfo] = {}
    previous: zipfile.ZipInfo | None = None
    for info in sorted(infos, key=lambda i: i.header_offset):
        if previous is not None and info.header_offset < previous.header_offset + 30 + _raw_name_length(previous) + previous.compress_size:
            found[id(info)] = previous
            continue  # the one it lies in stays the one to compare with
        previous = info
    return found


def _scan_zip(path: Path, stamp: FileStamp, max_bytes: int) -> Scan:
    """The files of a ZIP archive, from its directory (nothing else is unpacked, but its feeds and mailboxes, and
    the start of the files that may be one: ``_held``): each one a record named by its path in the archive.
    Folders, hidden files and sidecars are left out."""
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        detail = _printable(str(exc) or type(exc).__name__, 160)
        return Scan(problem=(Reason.UNREADABLE, f"not a readable ZIP archive ({detail}): damaged, cut short, or another kind of file"))
    with archive:
        return _zip_files(archive, stamp, max_bytes)


def _zip_files(archive: zipfile.ZipFile, stamp: FileStamp, max_bytes: int) -> Scan:
    from flows.steps.attachments import Attached, is_email_file, list_attachments  # here: attachments imports this module

    infos = archive.infolist()
    found: list[tuple[str | None, Record]] = []
    refused: dict[int, tuple[Reason, str]] = {}
    candidates: dict[int, zipfile.ZipInfo] = {}  # files that may be feeds or mailboxes, by their place in ``found``
    held: dict[int, Scan] = {}
    attached: dict[int, tuple[Attached, ...] | Problem] = {}  # the e-mails' attached files, by their place in ``found``
    overlapping = _overlapping(infos)
    for info in infos:
        name = zip_name(info)
        folder = info.filename.endswith("/")  # not ZipInfo.is_dir(), which fails on a name of no characters
        if (folder and not info.file_size) or _skipped(name):
            continue
        if (other := overlapping.get(id(info))) is not None:
            refused[len(found)] = (Reason.UNREADABLE, f"its data lies inside that of {_printable(zip_name(other), 120)!r}: a damaged or crafted archive")
        elif folder:  # hand-made or damaged: data under a folder's name is not passed over without a word
            refused[len(found)] = (Reason.UNSUPPORTED_TYPE, f"a folder's entry in the archive that holds {info.file_size} bytes; not read")
        elif (problem := _zip_problem(info, name, max_bytes)) is not None:
            _refuse(name, problem, len(found), refused, held, attached)
        elif _held_by_name(name) is not None or is_email_file(name):
            candidates[len(found)] = info
        key = _clean_key(name) or None  # a name of no characters: named by its place ("file-3"), as reading finds it
        found.append((key, Record("zip", "", info.header_offset, info.file_size, len(found) + 1, stamp)))
    if not found:
        return Scan(problem=(Reason.EMPTY, "a ZIP archive without files"))
    for i, info in list(candidates.items()):
        if is_email_file(zip_name(info)):  # its attached files listed: its outline read, nothing decoded
            del candidates[i]
            try:
                with archive.open(info) as stream:
                    attached[i] = list_attachments(stream.read(max_bytes + 1), max_bytes=max_bytes)
            except (*ZIP_ERRORS, RuntimeError) as exc:
                attached[i] = Problem(Reason.UNREADABLE, f"cannot unpack it: {_printable(str(exc) or type(exc).__name__, 160)}")
    for i, info in candidates.items():
        try:
            with archive.open(info) as stream:
                if (listing := _held(zip_name(info), cast(IO[bytes], stream), stamp, max_bytes, damage=(*ZIP_ERRORS, RuntimeError))) is not None:
                    held[i] = listing
        except (*ZIP_ERRORS, RuntimeError):
            pass  # read as a file, and refused with the reason
    return _with_held(_unique(found, refused), held, attached)


#: archives kept open in a process (their directories read), the last used last: reading in turn from a few
#: archives (a collection of several, a Dask worker's threads) opens none of them again
_open_zips: OrderedDict[tuple[str, int, int], tuple[zipfile.ZipFile, dict[int, zipfile.ZipInfo]]] = OrderedDict()
OPEN_ZIPS = 8
_zip_lock = threading.Lock()  # a Dask worker runs tasks in threads


def read_zip_member(path: Path, record: Record, *, max_bytes: int) -> tuple[str, bytes] | Problem:
    """The path and unpacked bytes of one file of a ZIP archive (found by where its entry starts); a problem when
    the archive changed since it was listed, or the file cannot be unpacked. The archive's directory is read once
    per process and archive (``OPEN_ZIPS`` archives are kept open), not once per file."""
    try:
        info = path.stat()
        if not record.file.as_listed(info):
            return Problem(Reason.UNREADABLE, CHANGED)
        cache_key = (os.fspath(path), info.st_size, info.st_mtime_ns)
        with _zip_lock:
            if cache_key in _open_zips:
                _open_zips.move_to_end(cache_key)
            else:
                while len(_open_zips) >= OPEN_ZIPS:
                    _open_zips.popitem(last=False)[1][0].close()
                archive = zipfile.ZipFile(path)
                members: dict[int, zipfile.ZipInfo] = {}
                for entry in archive.infolist():
                    members.setdefault(entry.header_offset, entry)  # of entries at one offset, the first (_overlapping)
                _open_zips[cache_key] = (archive, members)
            archive, members = _open_zips[cache_key]
            member = members.get(record.offset)
            if member is None or not _same_key(record, _clean_key(zip_name(member))):
                return Problem(Reason.UNREADABLE, CHANGED)
            with archive.open(member) as unpacked:
                data = unpacked.read(max_bytes + 1)
    except FileNotFoundError:
        return Problem(Reason.NOT_FOUND, "the file disappeared before the record could be read")
    except RuntimeError as exc:  # zipfile's word for an encrypted file
        return Problem(Reason.ENCRYPTED, _printable(str(exc)))
    except ZIP_ERRORS as exc:
        return Problem(Reason.UNREADABLE, f"cannot unpack it: {_printable(str(exc) or type(exc).__name__)}")
    if len(data) > max_bytes:
        return Problem(Reason.TOO_LARGE, f"it unpacks to more than {max_bytes} bytes (max_file_bytes)")
    return zip_name(member), data



# -- tar archives ---------------------------------------------------------------------------------------------

#: what tarfile and the decompressors raise on an archive they cannot read (bz2 raises OSError)
TAR_ERRORS = (tarfile.TarError, OSError, EOFError, ValueError, zlib.error, lzma.LZMAError)
#: a tar block: a file's header is the block before its data
TAR_BLOCK = 512
TAR_CUT = "the archive ends before the file does: cut short"


def _tar_problem(info: tarfile.TarInfo, name: str, max_bytes: int) -> tuple[Reason, str] | None:
    """Why a file of a tar archive will not be read, known from its header."""
    if info.issym() or info.islnk():
        return (Reason.UNSUPPORTED_TYPE, f"a link in the archive (to {_printable(info.linkname, 120)!r}), not a file")
    if not info.isreg():
        return (Reason.UNSUPPORTED_TYPE, "a device or pipe in the archive, not a file")
    if info.issparse():
        return (Reason.UNSUPPORTED_TYPE, "a sparse file in the archive, which docindex does not read; pack it without --sparse")
    if info.size > max_bytes:
        return _over_limit(name, f"{info.size} bytes", max_bytes)
    if _nested(name):
        return (Reason.UNSUPPORTED_TYPE, NESTED)
    return None


def _scan_tar(path: Path, stamp: FileStamp, max_bytes: int) -> Scan:
    """The files of a tar archive, plain or compressed (gzip, bzip2, xz, Zstandard), from their headers (read in one pass:
    a compressed archive is decompressed once, its files' data skipped): each one a record named by its path in
    the archive, at the offset of its data in the (decompressed) archive. Folders, hidden files and sidecars are
    left out. An archive cut short keeps the files listed before the cut; the problem names the rest."""
    from flows.steps.attachments import Attached, is_email_file, list_attachments  # here: attachments imports this module

    found: list[tuple[str | None, Record]] = []
    refused: dict[int, tuple[Reason, str]] = {}
    headers = 0
    limit = _tar_unpack_limit(path, stamp.size)
    held: dict[int, Scan] = {}
    attached: dict[int, tuple[Attached, ...] | Problem] = {}
    try:
        for info, archive in _tar_entries(path, limit):
            headers += 1
            if info.isdir() or _skipped(info.name):
                continue
            if (problem := _tar_problem(info, info.name, max_bytes)) is not None:
                _refuse(info.name, problem, len(found), refused, held, attached)
            elif _held_by_name(info.name) is not None and (stream := archive.extractfile(info)) is not None:
                # read here, in the one pass over the archive: a compressed one is not decompressed again for it
                if (listing := _held(info.name, stream, stamp, max_bytes)) is not None:
                    held[len(found)] = listing
            elif is_email_file(info.name) and (stream := archive.extractfile(info)) is not None:
                attached[len(found)] = list_attachments(_read_up_to(stream, max_bytes + 1), max_bytes=max_bytes)
            found.append((_clean_key(info.name), Record("tar", "", info.offset_data, info.size, len(found) + 1, stamp)))
    except _TarTooFar:  # going on would decompress past the limit: a bomb
        bomb = (
            f"the archive unpacks to more than {limit} bytes ({TAR_EXPANSION} times its size, or 1 GiB; a compression"
            f" bomb?); its files from file {len(found) + 1} on are not read"
        )
        return replace(_with_held(_unique(found, refused), held, attached), problem=(Reason.TOO_LARGE, bomb))
    except TAR_ERRORS as exc:
        detail = _printable(str(exc) or type(exc).__name__, 160)
        if not found:
            return Scan(problem=(Reason.UNREADABLE, f"not a readable tar archive ({detail}): damaged, cut short, or another kind of file"))
        cut = (Reason.UNREADABLE, f"the archive cannot be read after its file {len(found)} ({detail}): cut short or damaged; the files from there on are not read")
        return replace(_with_held(_unique(found, refused), held, attached), problem=cut)
    if not found and not headers and not _all_zero(path, limit):  # an end-of-archive block over data: damaged
        return Scan(problem=(Reason.UNREADABLE, "not a readable tar archive (it opens with an empty block, but holds data after it): damaged"))
    if not found:
        return Scan(problem=(Reason.EMPTY, "a tar archive without files"))
    return _with_held(_unique(found, refused), held, attached)


def _tar_infos(path: Path, limit: int = sys.maxsize) -> Iterator[tarfile.TarInfo]:
    """The headers of a tar archive's entries (``_tar_entries``)."""
    for info, _ in _tar_entries(path, limit):
        yield info


def _tar_entries(path: Path, limit: int = sys.maxsize) -> Iterator[tuple[tarfile.TarInfo, tarfile.TarFile]]:
    """The headers of a tar archive's entries, read in one pass, each with the archive open at its data (read it
    before the next one); raises ``TAR_ERRORS`` where it cannot go on, and ``_TarTooFar`` where going on would
    unpack more than ``limit`` bytes (``_Bounded``)."""
    with _open_tar_stream(path) as stream:
        bounded = cast(IO[bytes], _Bounded(stream, limit))  # what tarfile calls of a file: read, seek, tell
        archive = tarfile.open(fileobj=bounded, mode="r:", encoding="utf-8", errors="surrogateescape")
        for info in archive:
            archive.members.clear()  # type: ignore[attr-defined]  # not kept: an archive of a million files stays small
            yield info, archive


#: the compressions of tar archives, by the first bytes of the file, and how each is opened as a stream
_TAR_COMPRESSIONS: tuple[tuple[bytes, Callable[[Path], Any]], ...] = (
    (b"\x1f\x8b", lambda path: gzip.GzipFile(path)),
    (b"BZh", lambda path: bz2.BZ2File(path)),
    (b"\xfd7zXZ\x00", lambda path: lzma.LZMAFile(path)),
    (ZSTD_MAGIC, lambda path: io.BufferedReader(_ZstdFile(path), buffer_size=1 << 16)),
)


def _open_tar_stream(path: Path) -> Any:  # a file, or gzip's, bz2's, lzma's or a Zstandard reader
    """A tar archive's content as a stream, told by the file's first bytes (nothing of the archive read yet)."""
    with path.open("rb") as raw:
        head = raw.read(6)
    opener = next((open_ for magic, open_ in _TAR_COMPRESSIONS if head.startswith(magic)), None)
    return opener(path) if opener is not None else path.open("rb")


class _TarTooFar(tarfile.ReadError):
    """Listing a tar archive would unpack more than its limit: a compression bomb, or a header claiming a size
    that would be read whole (a ``TAR_ERRORS`` where the limit is not the point)."""


class _Bounded:
    """A tar archive's stream as tarfile lists it, refusing (``_TarTooFar``) to go past ``limit`` bytes unpacked
    or to read more than ``TAR_HEADER_MAX`` at once: tarfile skips a file's data by seeking (in a compressed
    stream, by decompressing up to there) and reads a long name's or an extended header's data whole."""

    def __init__(self, stream: Any, limit: int) -> None:
        self._stream, self._limit = stream, limit

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > TAR_HEADER_MAX or self._stream.tell() + size > self._limit:
            raise _TarTooFar(f"a header or file that would unpack past byte {self._limit}")
        data: bytes = self._stream.read(size)
        return data

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET and offset > self._limit:
            raise _TarTooFar(f"a file that would unpack past byte {self._limit}")
        position: int = self._stream.seek(offset, whence)
        return position

    def tell(self) -> int:
        position: int = self._stream.tell()
        return position


class _ZstdFile(io.RawIOBase):
    """A Zstandard file's content as a file that can seek (as tarfile and ``read_tar_member`` do): forward by
    reading on, back by decompressing again from the start, as Python's gzip reader does. Fed ``ZSTD_STEP`` bytes
    at a time (as ``formats.unzstd``), frame by frame: a file that ends inside a frame raises ``EOFError``, where
    the library's own reader returns what it has without a word (and tarfile would take a cut at a file's header
    for the archive's end)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._raw: Any = None
        self._start()

    def _start(self) -> None:
        import zstandard

        if self._raw is not None:
            self._raw.close()
        self._raw = self._path.open("rb")
        self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._pending, self._taken = b"", 0  # decompressed, not read yet: from ``_taken`` on
        self._position = 0
        self._ended = False

    def _decompress(self) -> None:
        """Decompress the next slice of the file into ``_pending``; at the file's end, check the last frame ended."""
        import zstandard

        piece = self._raw.read(ZSTD_STEP)
        if not piece:
            if not self._frame.eof:
                raise EOFError("the Zstandard stream ends inside a frame: cut short")
            self._ended = True
            return
        out = []
        try:
            while piece:
                if self._frame.eof:  # the next frame; what is no frame after the last ends the stream, as for gzip
                    if not piece.startswith(ZSTD_MAGIC):
                        self._ended = True
                        break
                    self._frame = zstandard.ZstdDecompressor().decompressobj()
                out.append(self._frame.decompress(piece))
                piece = self._frame.unused_data if self._frame.eof else b""
        except zstandard.ZstdError as exc:
            raise EOFError(f"not a readable Zstandard stream: {exc}") from exc
        self._pending, self._taken = b"".join(out), 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._taken >= len(self._pending) and not self._ended:
            self._decompress()
        n = min(len(buffer), len(self._pending) - self._taken)
        buffer[:n] = self._pending[self._taken : self._taken + n]
        self._taken += n
        self._position += n
        return n

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence != io.SEEK_SET:
            raise io.UnsupportedOperation("a Zstandard stream is read from its start")
        if offset < self._position:
            self._start()
        while self._position < offset:
            skipped = self.read(min(offset - self._position, 1 << 20))
            if not skipped:
                break
        return self._position

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
        super().close()


def _all_zero(path: Path, limit: int) -> bool:
    """Whether a tar archive's (decompressed) content is zero bytes only, as an empty archive's is; not when it
    unpacks to more than ``limit`` bytes (a bomb of zeros)."""
    read = 0
    try:
        with _open_tar_stream(path) as stream:
            stream.seek(0)
            while chunk := stream.read(1 << 20):
                read += len(chunk)
                if chunk.count(0) != len(chunk) or read > limit:
                    return False
    except TAR_ERRORS:
        return False
    return True


#: a compressed tar archive is listed up to this many times its size unpacked, or ``TAR_UNPACK_FLOOR`` bytes if
#: more: text compresses some ten times (a thousand times when the same page is packed many times), zeros a
#: million times (a tar bomb of 6 KB held 8 GiB of them)
TAR_EXPANSION = 200
TAR_UNPACK_FLOOR = 1 << 30
#: the most tarfile may read at once while listing: a long name's or an extended header's data (a file's data is
#: skipped by seeking)
TAR_HEADER_MAX = 1 << 24


def _tar_unpack_limit(path: Path, size: int) -> int:
    """How far into a tar archive's unpacked content the listing goes: anywhere in a plain archive (its data is
    skipped by seeking), ``TAR_EXPANSION`` times its size or ``TAR_UNPACK_FLOOR`` in a compressed one (skipping
    is decompressing)."""
    with path.open("rb") as raw:
        head = raw.read(6)
    compressed = any(head.startswith(magic) for magic, _ in _TAR_COMPRESSIONS)
    return max(TAR_EXPANSION * size, TAR_UNPACK_FLOOR) if compressed else sys.maxsize


#: a tar archive's content opened for reading, per thread (a compressed one is a stream that each reader moves
#: along: threads sharing one would send it back and forth), the last used last
_tar_streams = threading.local()
OPEN_TARS = 4


def _tar_stream(path: Path, cache_key: tuple[str, int, int]) -> Any:  # as ``_open_tar_stream`` opens it
    streams: OrderedDict[tuple[str, int, int], Any] = _tar_streams.__dict__.setdefault("open", OrderedDict())
    if cache_key in streams:
        streams.move_to_end(cache_key)
        return streams[cache_key]
    while len(streams) >= OPEN_TARS:
        streams.popitem(last=False)[1].close()
    streams[cache_key] = _open_tar_stream(path)
    return streams[cache_key]


def _drop_tar_stream(cache_key: tuple[str, int, int]) -> None:
    streams = _tar_streams.__dict__.get("open", {})
    if (stream := streams.pop(cache_key, None)) is not None:
        stream.close()


def read_tar_member(path: Path, record: Record, *, max_bytes: int) -> tuple[str, bytes] | Problem:
    """The path and bytes of one file of a tar archive, read at its data's offset (in a compressed archive, by
    decompressing up to it: reading the files in the order of the archive, as ingest does, decompresses it once
    per reader); a problem when the archive changed since it was listed or ends before the file does."""
    if record.length > max_bytes:
        return Problem(Reason.TOO_LARGE, f"{record.length} bytes is over the limit of {max_bytes} (max_file_bytes)")
    cache_key = (os.fspath(path), record.file.size, record.file.mtime_ns)
    try:
        info = path.stat()
        if not record.file.as_listed(info):
            return Problem(Reason.UNREADABLE, CHANGED)
        stream = _tar_stream(path, cache_key)
        stream.seek(record.offset - TAR_BLOCK)
        header = stream.read(TAR_BLOCK)
        data = stream.read(record.length)
        member = tarfile.TarInfo.frombuf(header, "utf-8", "surrogateescape")
    except FileNotFoundError:
        _drop_tar_stream(cache_key)
        return Problem(Reason.NOT_FOUND, "the file disappeared before the record could be read")
    except tarfile.HeaderError:
        _drop_tar_stream(cache_key)
        return Problem(Reason.UNREADABLE, CHANGED)
    except BaseException as exc:  # a time limit too: the stream is left mid-way, and opened afresh next time
        _drop_tar_stream(cache_key)
        if isinstance(exc, EOFError):  # a compressed stream cut short
            return Problem(Reason.UNREADABLE, TAR_CUT)
        if isinstance(exc, TAR_ERRORS):
            return Problem(Reason.UNREADABLE, f"cannot unpack it: {_printable(str(exc) or type(exc).__name__)}")
        raise
    if len(data) < record.length:
        return Problem(Reason.UNREADABLE, TAR_CUT)
    if member.size != record.length or not member.isreg():
        return Problem(Reason.UNREADABLE, CHANGED)
    name = record.key.rstrip("~")
    if _SHORTENED.fullmatch(name):  # a path too long for a key: its full name (and suffix) from a listing
        names: dict[tuple[str, int, int], dict[int, str]] = _tar_streams.__dict__.setdefault("long_names", {})
        if cache_key not in names:  # listed once per thread and archive, keeping only the shortened names
            names.clear()
            names[cache_key] = _long_names(path)
        name = names[cache_key].get(record.offset, name)
    return name, data


def _long_names(path: Path) -> dict[int, str]:
    """The full paths of a tar archive's files whose keys were shortened, by their data's offset."""
    found: dict[int, str] = {}
    try:
        for info in _tar_infos(path):
            if _SHORTENED.fullmatch(_clean_key(info.name)):
                found[info.offset_data] = info.name
    except TAR_ERRORS:
        pass  # the files listed before the damage
    return found


# -- 7-Zip archives ---------------------------------------------------------------------------------------------

#: the first bytes of a 7-Zip archive
SEVENZ_MAGIC = b"7z\xbc\xaf\x27\x1c"
#: a 7-Zip archive's signature header: its magic, version, and where its list of files lies
SEVENZ_SIGNATURE = 32
#: the most files a 7-Zip archive may list: one for every ``SEVENZ_BYTES_PER_FILE`` bytes of the archive, or
#: ``SEVENZ_FILES_FLOOR`` whatever its size, and ``SEVENZ_FILES_MAX`` in all. Its list is compressed: a list
#: naming 2,000,000 files and nothing else about them packs into 368 bytes of LZMA2, and the library keeps each file
#: in memory (it took 28 s and 860 MB to list them; 1,000,000 took docindex 76 s and 1.3 GB), where a ZIP archive's
#: directory takes 46 bytes a file at least
SEVENZ_FILES_MAX = 1_000_000
SEVENZ_FILES_FLOOR = 10_000
SEVENZ_BYTES_PER_FILE = 16
#: the most bytes a 7-Zip archive's list of files may unpack to (about 40 bytes a file, and a long name's UTF-16)
SEVENZ_HEADER_MAX = 1 << 27
#: a file of a 7-Zip archive is decompressed this many bytes at a time
SEVENZ_STEP = 1 << 20
SEVENZ_CUT = "the archive ends before the file does: cut short"
SEVENZ_ENCRYPTED = "an encrypted file in the archive; docindex reads no password-protected files"


class _SevenZipCut(Exception):
    """A 7-Zip archive's packed data ends before a file's declared size is unpacked."""


#: packed bytes handed to a block's decoder at a time, and only once it has used those handed before; Deflate64's
#: decoder unpacks all it is given (256 bytes unpack to some 5 MiB at most), so it is handed fewer
SEVENZ_FEED = 1 << 16
SEVENZ_FEED_DEFLATE64 = 1 << 8


class _Fed:
    """The archive as a block's decoder reads it (``SevenZipDecompressor._read_data``): ``size`` bytes at most."""

    def __init__(self, fp: IO[bytes], size: int) -> None:
        self.fp, self.size = fp, size

    def read(self, size: int) -> bytes:
        return self.fp.read(min(size, self.size)) if self.size > 0 else b""


class _Inflate:
    """Deflate unpacked ``max_length`` bytes at a time, the packed bytes not used yet kept for the next call (the
    library's decoder unpacks all it is given: a mebibyte of the archive, up to a gibibyte)."""

    def __init__(self) -> None:
        self._decoder = zlib.decompressobj(wbits=-15)
        self._tail = b""
        self._flushed = False

    @property
    def needs_input(self) -> bool:
        return not self._tail

    def decompress(self, data: bytes | bytearray | memoryview, max_length: int = -1) -> bytes:
        data = self._tail + bytes(data) if self._tail else data
        if not data:
            if self._flushed:
                return b""
            self._flushed = True
            return self._decoder.flush()
        out = self._decoder.decompress(data, max(max_length, 0))
        self._tail = self._decoder.unconsumed_tail
        return out


class _Unzstd:
    """Zstandard unpacked ``max_length`` bytes at a time (the library's decoder asks for all that its input gives)."""

    def __init__(self, decoder: Any) -> None:
        self._decoder = decoder

    @property
    def needs_input(self) -> bool:
        return bool(self._decoder.needs_input)

    def decompress(self, data: bytes | bytearray | memoryview, max_length: int = -1) -> bytes:
        return bytes(self._decoder.decompress(data, max_length))


def _needs_input(stage: Any) -> bool:
    """Whether a decoder of the library's chain has used the packed bytes it was given (else it unpacks on from
    them); one that cannot tell is given more at each call."""
    from py7zr.compressor import BrotliDecompressor, LZMA1Decompressor, PpmdDecompressor

    if isinstance(stage, LZMA1Decompressor):
        stage = stage._decompressor
    elif isinstance(stage, PpmdDecompressor):
        stage = stage.decoder
    elif isinstance(stage, BrotliDecompressor):
        return bool(stage._decompressor.can_accept_more_data())
    return bool(getattr(stage, "needs_input", True))


def _sevenz_unpack(decompressor: Any, fp: IO[bytes], size: int) -> bytes:
    """Up to ``size`` bytes more of a block (``SevenZipDecompressor.decompress``), holding a few of its packed bytes
    at a time. The library hands its decoders a mebibyte of the archive at each call whatever they give back, so
    reading the small files of a solid block one by one held all its packed bytes after a few hundred (93 MB of a
    93 MB archive after 200 files), and its Deflate and Zstandard decoders unpack all they are given (the file after
    64 MiB of zeros, 64 KiB packed with Zstandard, took 191 MiB to read). Here its Deflate and Zstandard decoders
    give ``size`` bytes at most, and a decoder is handed ``SEVENZ_FEED`` bytes when it has used those before."""
    from py7zr.compressor import DeflateDecompressor, Deflate64Decompressor, ZstdDecompressor

    chain = decompressor.chain
    for i, stage in enumerate(chain):
        if isinstance(stage, DeflateDecompressor):
            chain[i] = _Inflate()
        elif isinstance(stage, ZstdDecompressor):
            chain[i] = _Unzstd(stage.decompressor)
    feed = SEVENZ_FEED_DEFLATE64 if isinstance(chain[0], Deflate64Decompressor) else SEVENZ_FEED
    if not _needs_input(chain[0]) and (piece := decompressor.decompress(_Fed(fp, 0), size)):
        return bytes(piece)  # (a decoder that filled the size asked last says it may give more: it may not)
    return bytes(decompressor.decompress(_Fed(fp, feed), size))


def _sevenz_problem(exc: BaseException) -> tuple[Reason, str]:
    """Why a 7-Zip archive, or a file of one, cannot be unpacked: the library's and the decompressors' errors."""
    from py7zr.exceptions import CrcError, PasswordRequired, UnsupportedCompressionMethodError

    if isinstance(exc, PasswordRequired):
        return (Reason.ENCRYPTED, SEVENZ_ENCRYPTED)
    if isinstance(exc, UnsupportedCompressionMethodError):
        return (Reason.UNSUPPORTED_TYPE, "compressed with a method docindex does not read; re-pack the archive with LZMA2")
    if isinstance(exc, _SevenZipCut | EOFError):
        return (Reason.UNREADABLE, SEVENZ_CUT)
    if isinstance(exc, CrcError):
        return (Reason.UNREADABLE, "its unpacked bytes fail the archive's checksum (CRC): damaged")
    return (Reason.UNREADABLE, f"cannot unpack it: {_printable(str(exc) or type(exc).__name__, 160)}")


def _sevenz_outline(path: Path) -> tuple[Reason, str] | None:
    """Why a 7-Zip archive's list of files will not be read, found before the library reads it: the list lies
    beyond the file's end (cut short), it unpacks to more than ``SEVENZ_HEADER_MAX`` bytes, it is encrypted, or it
    names more files than the archive's size allows (``SEVENZ_FILES_MAX``: an archive of some 500 bytes naming two
    million files). The list is compressed, as 7-Zip writes it, and the library unpacks it whole and keeps an entry
    for each file: such an archive naming eight million files (the library's own limit) would take gigabytes to
    list. So the list's declared size is checked before it is unpacked, and its count of files before the library
    reads them (the list is unpacked twice: once here, with the library's own decoder)."""
    from py7zr.archiveinfo import HeaderStreamsInfo, SignatureHeader, StreamsInfo, read_uint64
    from py7zr.compressor import SupportedMethods
    from py7zr.properties import PROPERTY

    with path.open("rb") as raw:
        size = raw.seek(0, io.SEEK_END)
        raw.seek(0)
        if raw.read(len(SEVENZ_MAGIC)) != SEVENZ_MAGIC:
            return (Reason.UNREADABLE, "not a readable 7-Zip archive (it does not open as one): damaged, or another kind of file")
        if size < SEVENZ_SIGNATURE:
            return (Reason.UNREADABLE, "not a readable 7-Zip archive (it ends inside its first 32 bytes): cut short")
        signature = SignatureHeader.retrieve(raw)  # Bad7zFile when its checksum fails
        start = SEVENZ_SIGNATURE + signature.nextheaderofs
        if signature.nextheaderofs < 0 or start + signature.nextheadersize > size:
            return (Reason.UNREADABLE, "the archive ends before its list of files: cut short")
        if signature.nextheadersize > SEVENZ_HEADER_MAX:
            return (Reason.TOO_LARGE, f"its list of files is {signature.nextheadersize} bytes, over the limit of {SEVENZ_HEADER_MAX}")
        raw.seek(start)
        head = raw.read(signature.nextheadersize)
        if zlib.crc32(head) != signature.nextheadercrc:
            return (Reason.UNREADABLE, "not a readable 7-Zip archive (its list of files fails its checksum): damaged")
        listing = io.BytesIO(head)
        if listing.read(1) == PROPERTY.ENCODED_HEADER:
            streams = HeaderStreamsInfo.retrieve(listing)
            folders = streams.unpackinfo.folders or []
            if not folders or not streams.packinfo.packsizes:
                return (Reason.UNREADABLE, "not a readable 7-Zip archive (its list of files is packed without data): damaged")
            if any(SupportedMethods.needs_password(folder.coders) for folder in folders):
                return (Reason.ENCRYPTED, "an encrypted 7-Zip archive (its list of files too); docindex reads no password-protected files")
            declared = sum(max(folder.unpacksizes[-1], 0) for folder in folders)
            if declared > SEVENZ_HEADER_MAX:
                return (Reason.TOO_LARGE, f"its list of files unpacks to {declared} bytes, over the limit of {SEVENZ_HEADER_MAX}")
            pieces: list[bytes] = []
            at = SEVENZ_SIGNATURE + streams.packinfo.packpos
            for folder, packed in zip(folders, streams.packinfo.packsizes, strict=False):
                raw.seek(at)
                decompressor = folder.get_decompressor(packed)
                remaining = max(folder.unpacksizes[-1], 0)
                while remaining > 0:
                    before = (remaining, decompressor.consumed)
                    piece = _sevenz_unpack(decompressor, raw, min(remaining, SEVENZ_STEP))
                    remaining -= len(piece)
                    pieces.append(piece)
                    if (remaining, decompressor.consumed) == before:
                        return (Reason.UNREADABLE, "the archive ends inside its list of files: cut short or damaged")
                at += packed
            listing = io.BytesIO(b"".join(pieces))
            if listing.read(1) != PROPERTY.HEADER:
                return (Reason.UNREADABLE, "not a readable 7-Zip archive (its list of files cannot be read): damaged")
        property_id = listing.read(1)
        if property_id == PROPERTY.MAIN_STREAMS_INFO:
            StreamsInfo.retrieve(listing)
            property_id = listing.read(1)
        most = min(SEVENZ_FILES_MAX, max(SEVENZ_FILES_FLOOR, size // SEVENZ_BYTES_PER_FILE))
        if property_id == PROPERTY.FILES_INFO and (count := read_uint64(listing)) > most:
            return (
                Reason.TOO_LARGE,
                f"an archive of {count} files in {size} bytes, over the limit of {most} (one file for every"
                f" {SEVENZ_BYTES_PER_FILE} bytes of the archive, or {SEVENZ_FILES_FLOOR}, and {SEVENZ_FILES_MAX} at"
                " most: a list of files made to fill the memory?); unpack it, or split it into smaller archives",
            )
    return None


class _SevenZip:
    """A 7-Zip archive open for reading its files' bytes: where each file lies (its block, a "folder" in 7-Zip's
    words, and its place there) and how far the block read last has been unpacked. 7-Zip packs files in blocks
    (one block for all of them in a solid archive, as 7-Zip writes by default), each a compressed stream that is
    only read from its start: reading the files of a block in their order unpacks it once, where reading each on
    its own (as the library's ``extract`` does) unpacks the block up to it again, a time that grows as the square
    of the files. A file before the one read last is read by unpacking its block again from the start."""

    def __init__(self, path: Path) -> None:
        import py7zr

        problem = _sevenz_outline(path)
        if problem is not None:
            raise _SevenZipRefused(problem)
        self.archive = py7zr.SevenZipFile(path)
        main = self.archive.header.main_streams
        self.folders: list[Any] = list(main.unpackinfo.folders) if main else []
        self.starts = [self.archive.afterheader + p for p in main.packinfo.packpositions] if main else []
        self.files = self.archive.files
        #: entries that are folders by 7-Zip's own rule, without data and not marked as empty files, whose
        #: attributes (which say a folder) are not given: 7-Zip writes none with -mtr-
        self.bare_folders: set[int] = set()
        marked = list(getattr(self.archive.header.files_info, "emptyfiles", None) or [])
        empty = 0
        for index, info in enumerate(cast(list[dict[str, Any]], self.files.files_list)):
            if info.get("emptystream"):
                if info.get("attributes") is None and not (empty < len(marked) and marked[empty]):
                    self.bare_folders.add(index)
                empty += 1
        number = {id(folder): i for i, folder in enumerate(self.folders)}
        self.place: dict[int, tuple[int, int]] = {}  # a file with data, by its index: its block and place there
        filled = [0] * len(self.folders)
        for index, info in enumerate(cast(list[dict[str, Any]], self.files.files_list)):
            if not info.get("emptystream") and info.get("folder") is not None:
                block = number[id(info["folder"])]
                self.place[index] = (block, filled[block])
                filled[block] += 1
        self.block, self.next = -1, 0  # the block being read, and the place in it of the file to come out next
        #: the file read last, by its index, and its bytes: an e-mail is read as a document, then again for its
        #: attached files, which come right after it (``load.file_order``), and that would be a step back
        self.last: tuple[int, bytes] = (-1, b"")

    def close(self) -> None:
        self.archive.close()

    def read(self, index: int) -> bytes:
        """The bytes of the archive's file at ``index`` (its declared size at most; b"" for an empty file), the
        block it lies in unpacked on from the file read last when that lies before it, else from its start; the file
        read last is kept, and read again, not unpacked again."""
        if index not in self.place:
            return b""
        if self.last[0] == index:
            return self.last[1]
        block, place = self.place[index]
        folder = self.folders[block]
        if self.block != block or self.next > place:
            if self.block >= 0:  # the library keeps a block's decoder with it: only the one being read is kept
                self.folders[self.block].decompressor = None
            self.archive.fp.seek(self.starts[block])
            folder.decompressor = None
            self.block, self.next = block, 0
        try:
            while self.next < place:
                self._unpack(folder, keep=False)
            self.last = (index, self._unpack(folder, keep=True))
            return self.last[1]
        except BaseException:
            folder.decompressor = None
            self.block = -1  # left mid-way: the next read starts the block again
            raise

    def _unpack(self, folder: Any, *, keep: bool) -> bytes:
        """The next file of the block: its declared size unpacked (no more), its checksum checked."""
        from py7zr.exceptions import CrcError

        entry = folder.files[self.next]
        fp = self.archive.fp
        decompressor = folder.get_decompressor(entry.compressed)  # made for the block's first file
        remaining, crc, pieces = entry.uncompressed, 0, []
        while remaining > 0:
            at = fp.tell()
            piece = _sevenz_unpack(decompressor, fp, min(remaining, SEVENZ_STEP))
            if len(piece) > remaining:  # the decoders give no more than asked: only a damaged block gets here
                raise ValueError("the block gives more bytes than the file's declared size: damaged")
            if piece:
                remaining -= len(piece)
                crc = zlib.crc32(piece, crc)
                if keep:
                    pieces.append(bytes(piece))
            elif fp.tell() == at:
                raise _SevenZipCut(SEVENZ_CUT)
        if entry.crc32 is not None and crc != entry.crc32:
            raise CrcError(crc, entry.crc32, entry.filename)
        self.next += 1
        if self.next == len(folder.files) and decompressor.crc is not None and not decompressor.check_crc():
            raise CrcError(decompressor.digest, decompressor.crc, entry.filename)  # the block's own checksum
        return b"".join(pieces)


class _SevenZipRefused(Exception):
    """A 7-Zip archive whose list of files is not read (``_sevenz_outline``), with the reason."""

    def __init__(self, problem: tuple[Reason, str]) -> None:
        super().__init__(problem[1])
        self.problem = problem


#: 7-Zip's methods the library does not unpack, by their id, for the message (others are named by the library,
#: or by their id)
SEVENZ_UNREAD_METHODS = {b"\x03\x03\x01\x1b": "BCJ2", b"\x0a": "ARM64", b"\x0b": "RISCV", b"\x04\x01\x08": "LZ4"}


def _sevenz_method_problem(coders: list[dict[str, Any]]) -> tuple[Reason, str] | None:
    """Why the files of a block compressed with these methods (its coders) will not be read: encrypted, or a
    method the library does not unpack (7-Zip's BCJ2, which it uses for programs, its ARM64 filter), told by making
    the block's decoder, which reads nothing yet."""
    from py7zr.compressor import SevenZipDecompressor, SupportedMethods
    from py7zr.exceptions import UnsupportedCompressionMethodError

    if SupportedMethods.needs_password(coders):
        return (Reason.ENCRYPTED, SEVENZ_ENCRYPTED)
    try:
        SevenZipDecompressor(coders, 0, [0] * sum(c.get("numoutstreams", 1) for c in coders), None)
    except UnsupportedCompressionMethodError:
        names = []
        for coder in coders:
            method = bytes(coder.get("method", b""))
            known = next((m["name"] for m in SupportedMethods.methods if m["id"] == method), None)
            names.append(SEVENZ_UNREAD_METHODS.get(method) or known or f"method {method.hex()}")
        listed = ", ".join(dict.fromkeys(reversed(names)))  # the filter first, as 7-Zip names them
        return (Reason.UNSUPPORTED_TYPE, f"compressed with {listed}, which docindex does not read; re-pack the archive with LZMA2")
    except Exception as exc:  # noqa: BLE001 - the decoders refuse damaged properties each in its own way (LZMAError, ValueError, ...)
        return (Reason.UNREADABLE, f"its block's compression settings cannot be read ({_printable(str(exc) or type(exc).__name__, 120)}): damaged")
    return None


def _sevenz_file_problem(
    entry: Any, name: str, max_bytes: int, methods: dict[int, tuple[Reason, str] | None]
) -> tuple[Reason, str] | None:
    """Why a file of a 7-Zip archive (a py7zr ``ArchiveFile``) will not be read, known from the archive's list.
    ``methods``: the problems of the blocks' methods found so far, by ``id`` of the block."""
    if entry.is_symlink or entry.is_junction:
        return (Reason.UNSUPPORTED_TYPE, "a symbolic link in the archive, not a file")
    if entry.is_directory:
        return (Reason.UNSUPPORTED_TYPE, f"a folder's entry in the archive that holds {entry.uncompressed} bytes; not read")
    if not entry.is_file and entry.uncompressed <= 0:  # with data, what 7-Zip read from a pipe (``7zz a -si``): a file
        return (Reason.UNSUPPORTED_TYPE, "a device, pipe or socket in the archive, not a file")
    folder = entry.folder
    if folder is not None:
        if id(folder) not in methods:
            methods[id(folder)] = _sevenz_method_problem(folder.coders)
        if (problem := methods[id(folder)]) is not None:
            return problem
    if entry.uncompressed > max_bytes:
        return _over_limit(name, f"{entry.uncompressed} bytes unpacked", max_bytes)
    if _nested(name):
        return (Reason.UNSUPPORTED_TYPE, NESTED)
    return None


def _scan_7z(path: Path, stamp: FileStamp, max_bytes: int) -> Scan:
    """The files of a 7-Zip archive, from its list of files (``_sevenz_outline`` guards it; nothing else is
    unpacked, but its feeds, mailboxes and e-mails, in one pass: ``_held``): each one a record named by its path
    in the archive, at its place in the archive's list. Folders, hidden files and sidecars are left out. Reading
    all its files unpacks each block up to its last file: a file whose end lies more than ``TAR_EXPANSION`` times
    the archive's size (or ``TAR_UNPACK_FLOOR`` bytes) into the unpacked archive is not listed, nor are the files
    after it (a compression bomb), as in a compressed tar archive."""
    from flows.steps.attachments import Attached, is_email_file, list_attachments  # here: attachments imports this module

    try:
        archive = _SevenZip(path)
    except _SevenZipRefused as outline:
        return Scan(problem=outline.problem)
    except UnicodeDecodeError as exc:  # a name of UTF-16 that is no text (a lone surrogate): the library reads no name after it
        return Scan(problem=(Reason.UNREADABLE, f"a file's name in the archive is not valid UTF-16 ({_printable(exc.reason, 80)}), so the 7-Zip library reads none of its names"))
    except Exception as exc:  # noqa: BLE001 - the library's parser raises what a crafted list makes it (IndexError, TypeError, ...)
        reason, detail = _sevenz_problem(exc)
        if reason is Reason.UNREADABLE:
            detail = f"not a readable 7-Zip archive ({detail.removeprefix('cannot unpack it: ')}): damaged, cut short, or another kind of file"
        return Scan(problem=(reason, detail))
    with contextlib.closing(archive):
        found: list[tuple[str | None, Record]] = []
        refused: dict[int, tuple[Reason, str]] = {}
        candidates: dict[int, int] = {}  # feeds, mailboxes and e-mails, by their place in ``found``: their index
        held: dict[int, Scan] = {}
        attached: dict[int, tuple[Attached, ...] | Problem] = {}
        limit = max(TAR_EXPANSION * stamp.size, TAR_UNPACK_FLOOR)
        unpacked = 0
        bomb: tuple[Reason, str] | None = None
        methods: dict[int, tuple[Reason, str] | None] = {}
        for index, entry in enumerate(archive.files):
            name = entry.filename
            if not entry.emptystream:
                unpacked += max(entry.uncompressed, 0)
                if unpacked > limit:
                    bomb = (
                        Reason.TOO_LARGE,
                        f"the archive unpacks to more than {limit} bytes ({TAR_EXPANSION} times its size, or 1 GiB; a"
                        f" compression bomb?); its files from file {len(found) + 1} on are not read",
                    )
                    break
            if (entry.is_directory and entry.emptystream) or index in archive.bare_folders or _skipped(name):
                continue
            if (problem := _sevenz_file_problem(entry, name, max_bytes, methods)) is not None:
                _refuse(name, problem, len(found), refused, held, attached)
            elif _held_by_name(name) is not None or is_email_file(name):
                candidates[len(found)] = index
            key = _clean_key(name) or None  # a name of no characters: named by its place ("file-3"), as reading finds it
            found.append((key, Record("7z", "", index, max(entry.uncompressed, 0), len(found) + 1, stamp)))
        if not found and bomb is None:
            return Scan(problem=(Reason.EMPTY, "a 7-Zip archive without files"))
        for at, index in candidates.items():  # in the archive's order: each block unpacked once
            name = archive.files[index].filename
            try:
                data = archive.read(index)
            except Exception as exc:  # noqa: BLE001 - a damaged file: refused with the reason, the others listed
                problem = _sevenz_problem(exc)
                if is_email_file(name):
                    attached[at] = Problem(*problem)
                elif (by_name := _held_by_name(name)) is not None and not by_name[1]:  # a feed or mailbox by its name
                    held[at] = Scan(problem=problem)
                continue
            if is_email_file(name):
                attached[at] = list_attachments(data, max_bytes=max_bytes)
            elif (listing := _held(name, io.BytesIO(data), stamp, max_bytes)) is not None:
                held[at] = listing
        scan_ = _with_held(_unique(found, refused), held, attached)
        return replace(scan_, problem=bomb) if bomb is not None else scan_


#: per thread, the 7-Zip archives open for reading (``_SevenZip``: a block is a stream that each reader moves
#: along, as a compressed tar archive), the last used last
_sevenz_open = threading.local()
OPEN_SEVENZ = 2


def _drop_7z(cache_key: tuple[str, int, int]) -> None:
    archives = _sevenz_open.__dict__.get("open", {})
    if (archive := archives.pop(cache_key, None)) is not None:
        archive.close()


def read_7z_member(path: Path, record: Record, *, max_bytes: int) -> tuple[str, bytes] | Problem:
    """The path and unpacked bytes of one file of a 7-Zip archive (found by its place in the archive's list); a
    problem when the archive changed since it was listed, or the file cannot be unpacked. Each reading thread keeps
    the archive open (``OPEN_SEVENZ`` archives) and its block unpacked up to the file read last: reading the files
    in the archive's order, as ingest does, unpacks each block about once per reader (``_SevenZip``)."""
    if record.length > max_bytes:
        return Problem(Reason.TOO_LARGE, f"{record.length} bytes is over the limit of {max_bytes} (max_file_bytes)")
    cache_key = (os.fspath(path), record.file.size, record.file.mtime_ns)
    try:
        info = path.stat()
        if not record.file.as_listed(info):
            return Problem(Reason.UNREADABLE, CHANGED)
        archives: OrderedDict[tuple[str, int, int], _SevenZip] = _sevenz_open.__dict__.setdefault("open", OrderedDict())
        if cache_key in archives:
            archives.move_to_end(cache_key)
        else:
            while len(archives) >= OPEN_SEVENZ:
                archives.popitem(last=False)[1].close()
            archives[cache_key] = _SevenZip(path)
        archive = archives[cache_key]
        if record.offset >= len(archive.files):
            return Problem(Reason.UNREADABLE, CHANGED)
        entry = archive.files[record.offset]
        if not _same_key(record, _clean_key(entry.filename)) or max(entry.uncompressed, 0) != record.length:
            return Problem(Reason.UNREADABLE, CHANGED)
        data = archive.read(record.offset)
    except FileNotFoundError:
        _drop_7z(cache_key)
        return Problem(Reason.NOT_FOUND, "the file disappeared before the record could be read")
    except _SevenZipRefused as outline:
        return Problem(*outline.problem)
    except Exception as exc:  # noqa: BLE001 - the library and its decompressors raise what damaged data makes them
        return Problem(*_sevenz_problem(exc))
    return entry.filename, data


def read_archive_member(path: Path, record: Record, *, max_bytes: int) -> tuple[str, bytes] | Problem:
    """The path and unpacked bytes of one file of a ZIP, tar or 7-Zip archive (``record.kind``)."""
    reader = {"zip": read_zip_member, "tar": read_tar_member, "7z": read_7z_member}[record.kind]
    return reader(path, record, max_bytes=max_bytes)


# -- reading one record ---------------------------------------------------------------------------------------

#: why a record is not read: its file is no longer as it was listed
CHANGED = "the file changed after its records were listed; the next run reads it again"

#: per thread (Dask workers run several), the last file gzipped as a whole (decompressed), or feed, read
#: (``unpacked``), the last feed or mailbox of an archive unpacked (``held``), and the last feed parsed
#: (``feed``): threads sharing one would replace it for each other, and one thread could slice another's file
_last_read = threading.local()


def read_record(path: Path, record: Record, *, max_bytes: int) -> bytes | Problem:
    """The bytes of one record, read at its offset; a problem when the file changed since it was listed. A file
    gzipped as a whole, and a feed (each of whose records is the whole file), is kept in memory for the next record
    of the same file."""
    if record.length > max_bytes:
        return Problem(Reason.TOO_LARGE, f"{record.length} bytes is over the limit of {max_bytes} (max_file_bytes)")
    try:
        info = path.stat()
        if not record.file.as_listed(info):
            return Problem(Reason.UNREADABLE, CHANGED)
        if record.file.whole_gzip or record.kind == "feed":
            cache_key = (os.fspath(path), info.st_size, info.st_mtime_ns)
            cached: tuple[tuple[str, int, int], bytes] | None = getattr(_last_read, "unpacked", None)
            if cached is None or cached[0] != cache_key:
                _last_read.unpacked = cached = None  # the old one goes before the new one is read
                whole = path.read_bytes()
                unpacked = gunzip(whole, max_bytes=max_bytes) if record.file.whole_gzip else whole
                if isinstance(unpacked, Problem):
                    return unpacked
                cached = _last_read.unpacked = (cache_key, unpacked)
            return cached[1][record.offset : record.offset + record.length]  # a feed's: the same bytes object
        with path.open("rb") as raw:
            raw.seek(record.offset)
            return raw.read(record.length)
    except FileNotFoundError:
        return Problem(Reason.NOT_FOUND, "the file disappeared before the record could be read")
    except OSError as exc:
        return Problem(Reason.UNREADABLE, f"cannot read the file: {exc.strerror or exc}")


def read_held(path: Path, record: Record, *, max_bytes: int) -> bytes | Problem:
    """The bytes of an item of a feed, or a message of a mailbox, that is a file of a ZIP, tar or 7-Zip archive
    (``Record.member``): that file is unpacked (``read_archive_member``; and decompressed when
    gzipped) and kept in memory for the next record of the same file, per thread, as ``read_record`` keeps a file
    gzipped as a whole."""
    member = record.member
    assert member is not None
    if record.length > max_bytes:
        return Problem(Reason.TOO_LARGE, f"{record.length} bytes is over the limit of {max_bytes} (max_file_bytes)")
    cache_key = (os.fspath(path), member.file.size, member.file.mtime_ns, member.offset)
    cached: tuple[tuple[str, int, int, int], bytes] | None = getattr(_last_read, "held", None)
    if cached is None or cached[0] != cache_key:
        _last_read.held = None  # the old one goes before the new one is read
        got = read_archive_member(path, member, max_bytes=max_bytes)
        if isinstance(got, Problem):
            return got
        data = gunzip(got[1], max_bytes=max_bytes) if record.file.whole_gzip else got[1]
        if isinstance(data, Problem):
            return data
        cached = _last_read.held = (cache_key, data)
    return cached[1][record.offset : record.offset + record.length]  # a feed's: the same bytes object


#: a line of a message that mboxrd quoted (">From ", ">>From "), since a "From " line would start a message
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def mbox_message(record: Record, data: bytes) -> bytes | None:
    """A mailbox's message as an e-mail: its bytes after its "From " line, its quoted "From " lines unquoted; None
    when they no longer give the key it was listed under (the mailbox changed)."""
    end = data.find(b"\n")
    if not data.startswith(b"From ") or end < 0:
        return None
    message = data[end + 1 :]
    blank = re.search(rb"\r?\n\r?\n", message[:MBOX_HEADER_MAX])
    if not _same_key(record, _mbox_key(message[: blank.start() if blank else MBOX_HEADER_MAX])):
        return None
    return _QUOTED_FROM.sub(rb"\1", message)


def _extract_message(record: Record, data: bytes, changed: Problem) -> Extracted | Problem:
    """A mailbox's message: the e-mail after its "From " line, its quoted "From " lines unquoted."""
    message = mbox_message(record, data)
    return changed if message is None else extract_email(message)


def _parsed_feed(data: bytes) -> tuple[Any, list[Any], str | None] | Problem:
    """The feed's tree, items and site (``feed_site``), kept with its bytes (``_last_read.feed``): each item's
    record is the whole feed, and the items of a feed are read one after another (``file_order``), so that a feed
    is parsed about once per worker thread, not once per item (a feed of 5,000 items took 20 ms an item to parse
    again), and its site is found once (it is looked for among all the channel's items). Bytes equal to those kept
    but of another file replace them, so that the next item's are known by their identity, not compared again."""
    last: tuple[bytes, Any, list[Any], str | None] | None = getattr(_last_read, "feed", None)
    if last is not None and (last[0] is data or last[0] == data):  # else byte for byte
        if last[0] is not data:
            _last_read.feed = (data, *last[1:])
        return last[1], last[2], last[3]
    _last_read.feed = None
    parsed = parse_feed(data)
    if isinstance(parsed, Problem):
        return parsed
    root, damage = parsed
    items = feed_items(root, damaged=damage is not None)
    site = feed_site(root)
    _last_read.feed = (data, root, items, site)
    return root, items, site


def _same_key(record: Record, key: str | None) -> bool:
    """Whether the record's bytes still give the key it was listed under (a "~" added to tell it from another
    name aside): else the file was rewritten at the same size and time since."""
    return (key or record.position_key).rstrip("~") == record.key.rstrip("~")


def extract_record(record: Record, data: bytes, *, max_bytes: int) -> Extracted | Problem:
    """The article of a JSON record (``extract_article_json``), or the page of a web archive's (WARC or ARC)
    record: its HTML payload, decoded in the charset its HTTP header declares (else a detected one), with the
    captured URI as the URL."""
    changed = Problem(Reason.UNREADABLE, CHANGED)
    if record.member is not None:  # an item of a feed in an archive: its key in that feed after the file's path
        record = replace(record, key=record.key[len(record.member.key) + 1 :], member=None)
    if record.kind == "csv":
        return _extract_row(record, data, changed, max_bytes=max_bytes)
    if record.kind == "mbox":
        return _extract_message(record, data, changed)
    if record.kind == "feed":
        parsed = _parsed_feed(data)
        if isinstance(parsed, Problem):
            return parsed
        _, items, site = parsed
        if len(items) < record.position:
            return changed
        item = items[record.position - 1]
        if not _same_key(record, _clean_key(key) if (key := item_key(item)) else None):
            return changed
        return item_article(item, site=site)
    if record.kind != "warc":
        extracted = extract_article_json(data)
        if isinstance(extracted, Extracted) and not _same_key(record, json_key(json.loads(data))):
            return changed
        return extracted
    from warcio.bufferedreaders import BufferedReader
    from warcio.exceptions import ArchiveLoadFailed

    _with_brotli()
    with _Quiet():
        try:
            entry = next(iter(_archive_records(io.BytesIO(data))), None)
            if entry is None:
                return Problem(Reason.UNREADABLE, "no web archive record at its offset")
            uri = _target_uri(entry)
            if not _same_key(record, _clean_key(uri) if uri else None):
                return changed
            headers = entry.http_headers or entry.rec_headers
            coding = (headers.get_header("Content-Encoding") or "").strip().lower()
            if coding not in ("", "identity") and coding not in BufferedReader.DECOMPRESSORS:
                return Problem(Reason.UNSUPPORTED_TYPE, f"a page stored with Content-Encoding {_printable(coding)!r}, which docindex does not decode")
            payload = entry.content_stream().read(max_bytes + 1)
        except (ArchiveLoadFailed, EOFError, ValueError, zlib.error, OSError) as exc:
            return Problem(Reason.UNREADABLE, f"not a readable web archive record: {_printable(str(exc))}")
    if len(payload) > max_bytes:
        return Problem(Reason.TOO_LARGE, f"the page decompresses to more than {max_bytes} bytes (max_file_bytes)")
    if not payload.strip():
        return Problem(Reason.EMPTY, "a page without content")
    text, encoding = decode_declared(payload, _charset(headers.get_header("Content-Type") or ""))
    if text is None:
        return Problem(Reason.UNDECODABLE, "the page's bytes match no known text encoding")
    return Extracted(text=text, markup="html", encoding=encoding, properties=Metadata(url=uri.strip() if uri else None))


def _extract_row(record: Record, data: bytes, changed: Problem, *, max_bytes: int) -> Extracted | Problem:
    """The article of a table's row, by its column names (those of ``extract_article``). The row is read as UTF-8
    when it is, else in the table's encoding (else a detected one): a table may hold rows of either."""
    from flows.steps.load import decode  # here: load imports this module

    table = record.file
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode(table.encoding), table.encoding
        except (UnicodeDecodeError, LookupError):
            decoded = decode(data)
            if decoded is None:
                return Problem(Reason.UNDECODABLE, "the row's bytes match no known text encoding")
            text, encoding = decoded
    _raise_field_limit(max_bytes)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter, strict=True))
    except csv.Error as exc:
        return Problem(Reason.UNREADABLE, f"the row cannot be read as the table's ({_printable(str(exc))})")
    if len(rows) != 1:
        return changed
    fields = _row_fields(table.columns, rows[0])
    if isinstance(fields, tuple):
        return Problem(*fields)
    if not _same_key(record, json_key(fields)):
        return changed
    return extract_article(fields, what="a row", encoding=encoding)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None
