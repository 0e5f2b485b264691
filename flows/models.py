"""Frozen models that cross step boundaries.

``SourceRef -> SourceDocument -> CleanDocument -> Chunk``; problems become ``Rejection``; a run ends in a
``RunReport``. Steps never mutate their input: they return new objects (``model_copy(update=...)``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

UNDETERMINED = "und"

#: the default of ``Settings.max_file_bytes``: larger files, and larger records of a file that holds many, are refused
DEFAULT_MAX_FILE_BYTES = 20_000_000

#: characters of the scripts written without spaces between words: Thai, Lao, Burmese, Khmer, Japanese kana, CJK
UNSPACED_SCRIPT = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: characters of such a script that count as one word
UNSPACED_CHARS_PER_WORD = 2
#: a word: a run of characters between spaces, or ``UNSPACED_CHARS_PER_WORD`` characters of a script without them
WORD_UNIT = re.compile(rf"[{UNSPACED_SCRIPT}]{{1,{UNSPACED_CHARS_PER_WORD}}}|[^\s{UNSPACED_SCRIPT}]+")


#: one character of such a script
UNSPACED_CHAR = re.compile(f"[{UNSPACED_SCRIPT}]")


def count_words(text: str) -> int:
    """Words of the text (``WORD_UNIT``): "中国经济的发展" is four, as its length in English words would be."""
    if not UNSPACED_CHAR.search(text):
        return len(text.split())  # the same count, faster
    return sum(1 for _ in WORD_UNIT.finditer(text))


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def stable_hash(*parts: str, length: int = 16) -> str:
    """Hex digest of the parts (sha256), used for ids: deterministic across runs and machines."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:length]


class Step(StrEnum):
    DISCOVER = "discover"
    LOAD = "load"
    CLEAN = "clean"
    LANGUAGE = "language"
    CHUNK = "chunk"
    INDEX = "index"


class Reason(StrEnum):
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    UNSUPPORTED_TYPE = "unsupported_type"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    NO_CONTENT = "no_content"
    NO_CHUNKS = "no_chunks"
    INDEX_ERROR = "index_error"
    INDEX_UNAVAILABLE = "index_unavailable"
    BAD_SIDECAR = "bad_sidecar"
    ENCRYPTED = "encrypted"
    NO_TEXT = "no_text"
    TIMEOUT = "timeout"
    DUPLICATE = "duplicate"


#: files that hold many documents: JSON Lines, a JSON list of articles, a table of articles (CSV, TSV), a web
#: archive (WARC, or the older ARC: read alike), a ZIP, tar or 7-Zip archive of document files; and an e-mail, whose
#: attached files are documents beside its own (``flows.steps.attachments``)
ContainerKind = Literal["jsonl", "jsonlist", "csv", "warc", "zip", "tar", "7z", "feed", "mbox", "email"]
#: the kinds whose records are files, each read as the same file on disk would be
ARCHIVE_KINDS = frozenset({"zip", "tar", "7z"})


#: what a record's position counts, by kind of file
POSITION_NAMES = {
    "jsonl": "line", "jsonlist": "item", "csv": "row", "zip": "file", "tar": "file", "7z": "file", "feed": "item", "mbox": "message",
    "email": "attachment",
}


@dataclass(frozen=True, slots=True)
class FileStamp:
    """A file that holds many documents as it was when its records were listed (one object, shared by them): a
    file changed since is not read at offsets that may no longer hold."""

    size: int
    mtime_ns: int
    whole_gzip: bool = False  # one gzip stream: offsets count its decompressed bytes
    #: a table's column names, field delimiter and text encoding, and whether Excel's ``sep=`` line opens it
    columns: tuple[str, ...] = ()
    delimiter: str = ","
    encoding: str = "utf-8"
    sep_line: bool = False

    def as_listed(self, info: os.stat_result) -> bool:
        """Whether the file, as ``os.stat`` finds it now, has the size and time of change it was listed with."""
        return (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns)


@dataclass(frozen=True, slots=True)
class Record:
    """Where one document lies inside a file that holds many (``flows.steps.containers``). A slotted dataclass,
    not a model: an export of a million articles gives a million of them."""

    kind: ContainerKind
    key: str  # what names it in its file: an id, a URL, or its position ("line-12")
    #: its first byte in the file (in the decompressed bytes when the whole file is one gzip stream); for a file of
    #: a 7-Zip archive, its place in the archive's list of files (from 0), which is the order of their data
    offset: int
    length: int
    position: int  # its line (JSON Lines), item (a JSON list, a feed), row (a table), message (a mailbox) or file (an archive) number; unused for a web archive
    file: FileStamp
    #: its key could not be read (a line over the size limit, or no JSON): named by its position, it may be a
    #: record indexed earlier under its key, which ``--prune`` therefore keeps
    keyless: bool = False
    #: the file of a ZIP, tar or 7-Zip archive that holds it, for an item of a feed or a message of a mailbox packed in an
    #: archive: its offset and length are then in that file's bytes (decompressed when ``file.whole_gzip``), and its
    #: key is that file's key, "#" and its own
    member: Record | None = None
    #: for an attached file (``kind`` "email") of a message that is a record itself (a mailbox's message, an
    #: ``.eml`` file of an archive): that message's record; its key is then the message's key, "#" and its own
    #: (``box.mbox#<Message-ID>#report.pdf``). None for a file attached to an ``.eml`` file on disk
    message: Record | None = None

    @property
    def position_key(self) -> str:
        """Its name when it has no key of its own: "line-12", "item-3", "row-5", "byte-1234"."""
        return f"byte-{self.offset}" if self.kind == "warc" else f"{POSITION_NAMES[self.kind]}-{self.position}"

    @property
    def where(self) -> str:
        """Where it is, for messages: "line 12", "item 3", "row 5", "record at byte 1234", "file 2 of the archive"."""
        if self.kind == "warc":
            return f"record at byte {self.offset}"
        if self.kind in ARCHIVE_KINDS:
            return f"file {self.position} of the archive"
        if self.kind == "email":
            return f"attachment {self.position} of " + (self.message.where if self.message is not None else "the message")
        if self.member is not None:
            return f"{POSITION_NAMES[self.kind]} {self.position} of {self.member.key.rstrip('~')} in the archive"
        return f"{POSITION_NAMES[self.kind]} {self.position}"


class SourceRef(Frozen):
    """A file found on disk, or one record of a file that holds many, before it is read."""

    path: Path  # absolute path on disk
    source_path: str  # '<root name>/<path relative to root>', posix ('#<key>' after it for a record): the identity
    record: Record | None = None
    #: why it cannot be read, known when it was found (a file whose records cannot be listed, a superseded record)
    problem: tuple[Reason, str] | None = None
    #: for an e-mail (an ``.eml`` file, a mailbox's message, an ``.eml`` file of an archive): whether its attached
    #: files were listed as documents of their own ("listed"), or could not be ("unlisted": those indexed before
    #: stay, as the records of a file that cannot be listed do)
    attachments: Literal["listed", "unlisted"] | None = None
    #: the documents it stands for: one, but the files of a message after its first ``MAX_ATTACHMENTS``
    #: (``flows.steps.attachments``) are one reference, refused, that counts each of them as seen and rejected
    documents: int = Field(1, ge=1)
    #: of the documents it stands for, the source paths they would have, each a reference of its own
    #: (``inbox/pr.eml#bericht.pdf``, the 101st file of its message): ``--prune`` keeps what was indexed under them
    held: tuple[str, ...] = ()

    @property
    def doc_id(self) -> str:
        return stable_hash("doc", self.source_path)

    @property
    def file_source_path(self) -> str:
        """The source path of its file: its own, or for a record the part before ``#<key>``."""
        return self.source_path if self.record is None else self.source_path[: -len(self.record.key) - 1]


class Rejection(Frozen):
    """A document that did not make it, and why. Counted in the run report; never silently dropped."""

    path: str
    step: Step
    reason: Reason
    detail: str
    doc_id: str | None = None
    #: the documents it counts (``SourceRef.documents``): 437 for the files a message holds after its first 100
    documents: int = Field(1, ge=1)

    def __str__(self) -> str:
        return f"{self.path}: {self.step.value}/{self.reason.value}: {self.detail}"


class Metadata(Frozen):
    """What a document says about itself (HTML metadata, datelines, sidecar manifests)."""

    title: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    published: date | None = None
    description: str | None = None
    place: str | None = None  # the dateline's place ("LONDON (IT BOLTWISE) –")
    tags: tuple[str, ...] = ()  # the page's own keywords and sections (HTML), or a sidecar manifest's


#: the file formats docindex reads (the ``format`` facet)
Format = Literal[
    "text", "html", "pdf", "docx", "doc", "odt", "rtf", "email", "mhtml", "webarchive", "nitf", "newsml", "json", "csv",
    "warc", "feed",
]


class SourceDocument(Frozen):
    """A decoded file: its text, and how that text is marked up (PDF, Word and plain-text e-mail give plain
    text; an HTML e-mail gives HTML)."""

    doc_id: str
    source_path: str
    format: Format
    markup: Literal["text", "html"]
    text: str
    encoding: str
    size_bytes: int
    source_hash: str  # hash of the raw bytes: lets an incremental run skip unchanged files
    properties: Metadata = Metadata()  # what the file says about itself (PDF info, Word properties, e-mail headers)
    sidecar: Metadata | None = None  # from manifest.jsonl or <file>.meta.json; overrides detected metadata
    repeated_lines: frozenset[str] = frozenset()  # keys of its lines that recur across its collection (plain text)


class Language(Frozen):
    code: str = UNDETERMINED  # ISO 639-1, or 'und'
    probability: float = 0.0


class CleanDocument(Frozen):
    """Main text of a document, normalised, with what is known about it."""

    doc_id: str
    source_path: str
    format: Format
    encoding: str
    source_hash: str
    text: str
    metadata: Metadata = Metadata()
    language: Language = Language()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, sorted
    keywords: tuple[str, ...] = ()  # most characteristic first

    @property
    def content_hash(self) -> str:
        return stable_hash("content", self.text, length=32)

    @property
    def word_count(self) -> int:
        return count_words(self.text)


class Chunk(Frozen):
    """A passage of a cleaned document: ``doc.text[char_start:char_end] == text``."""

    doc_id: str
    chunk_index: int
    chunk_count: int
    text: str
    char_start: int
    char_end: int
    language: Language = Language()

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}-{self.chunk_index:05d}"


class DocumentFacets(Frozen):
    """Facets of a document that its record and each of its passages carry (so either index can filter on them)."""

    doc_id: str
    source_path: str
    source: str  # canonical URL when known, else the source path
    collection: str  # the input folder the document came from
    title: str | None
    author: str | None
    site: str | None
    url: str | None
    published: date | None
    countries: tuple[str, ...]  # on passages too: a filter on RU finds every passage of the article
    tags: tuple[str, ...]
    content_hash: str
    ingested_at: datetime
    pipeline_version: str


class DocumentRecord(DocumentFacets):
    """One per document in the documents index: document-level counts come from here."""

    format: str
    language: str
    language_probability: float
    languages: tuple[str, ...]  # the document's language and those of its passages
    keywords: tuple[str, ...]
    word_count: int
    char_count: int
    chunk_count: int
    source_hash: str
    encoding: str


class ChunkRecord(DocumentFacets):
    """One passage with its document's facets: one per passage in the chunks index (and in --output)."""

    chunk_id: str
    chunk_index: int
    chunk_count: int
    text: str
    char_start: int
    char_end: int
    language: str  # the passage's own language
    language_probability: float
    word_count: int
    doc_language: str


class Prepared(Frozen):
    """A document ready to be written: its record and its passages."""

    document: DocumentRecord
    chunks: tuple[ChunkRecord, ...]


class RunReport(Frozen):
    """What a run did. Written as JSON by ``--report`` and as a Prefect artifact."""

    documents_seen: int = 0
    documents_indexed: int = 0
    documents_unchanged: int = 0  # skipped: same bytes and pipeline version as the indexed copy
    documents_pruned: int = 0  # deleted from the index by --prune: their file is gone
    chunks_indexed: int = 0
    stale_chunks_deleted: int = 0
    rejected: tuple[Rejection, ...] = ()
    languages: dict[str, int] = Field(default_factory=dict)
    target: str = ""  # the index aliases or the output file
    warnings: tuple[str, ...] = ()  # problems that lost no document (a malformed manifest line), each once
    repeated_lines: dict[str, int] = Field(default_factory=dict)  # collection -> lines found recurring across it
    duration_seconds: float = 0.0

    @property
    def documents_rejected(self) -> int:
        return sum(r.documents for r in self.rejected)

    @property
    def rejected_fraction(self) -> float:
        return self.documents_rejected / self.documents_seen if self.documents_seen else 0.0

    def merge(self, other: RunReport) -> RunReport:
        langs = Counter(self.languages)
        langs.update(other.languages)
        return RunReport(
            documents_seen=self.documents_seen + other.documents_seen,
            documents_indexed=self.documents_indexed + other.documents_indexed,
            documents_unchanged=self.documents_unchanged + other.documents_unchanged,
            documents_pruned=self.documents_pruned + other.documents_pruned,
            chunks_indexed=self.chunks_indexed + other.chunks_indexed,
            stale_chunks_deleted=self.stale_chunks_deleted + other.stale_chunks_deleted,
            rejected=self.rejected + other.rejected,
            languages=dict(sorted(langs.items())),
            target=self.target or other.target,
            warnings=tuple(dict.fromkeys(self.warnings + other.warnings)),
            repeated_lines={**other.repeated_lines, **self.repeated_lines},
            duration_seconds=self.duration_seconds + other.duration_seconds,
        )

    def to_json_dict(self) -> dict:
        data = self.model_dump(mode="json")
        data["documents_rejected"] = self.documents_rejected
        data["rejected"] = [
            {"path": r.path, "step": r.step.value, "reason": r.reason.value, "detail": r.detail} | ({"documents": r.documents} if r.documents > 1 else {})
            for r in self.rejected
        ]
        return data
