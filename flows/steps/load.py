"""Find input files and read them: ``discover(inputs) -> [SourceRef]``, ``load_document(ref) -> SourceDocument``.

Plain text and HTML are decoded (any common encoding); PDF, Word, OpenDocument, RTF, e-mail and saved web pages
(MHTML, Safari web archives) give their text through ``flows.steps.formats``, news agency XML (NITF, NewsML-G2)
through ``flows.steps.newsxml``, a scraper's article JSON through ``flows.steps.articlejson``; any of them may be
gzip- or Zstandard-compressed (``page.html.gz``, ``page.html.zst``). A file that holds many documents (JSON Lines, a JSON list of articles, a table
of articles, a web archive, a ZIP, tar or 7-Zip archive) is listed record by record when it is found, and each record read
as a document of its own (``flows.steps.containers``); a file of an archive is read as the same file on disk is, and
so is a file attached to an e-mail (``flows.steps.attachments``: ``inbox/pr.eml#report.pdf`` beside the message's
own ``inbox/pr.eml``).
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from charset_normalizer import from_bytes

from flows.errors import ConfigError
from flows.limits import DocumentTimeout, time_limit
from flows.models import ARCHIVE_KINDS, DEFAULT_MAX_FILE_BYTES, ContainerKind, Format, Metadata, Reason, Rejection, SourceDocument, SourceRef, Step
from flows.steps.formats import (
    OLE_MAGIC,
    Extracted,
    Problem,
    extract_docx,
    extract_email,
    extract_mhtml,
    extract_odt,
    extract_ole,
    extract_pdf,
    extract_rtf,
    extract_webarchive,
    gunzip,
    looks_like_email,
    looks_like_mhtml,
    looks_like_webarchive,
    is_zstd,
    unzstd,
)
from flows.steps.attachments import is_email_file, read_attachment, scan_email
from flows.steps.attachments import release as release_message
from flows.steps.articlejson import article_properties, extract_article_json, looks_like_article_json
from flows.steps.containers import FEED_SUFFIXES, LINES_SUFFIXES, MBOX_SUFFIXES, TABLE_SUFFIXES, TAR_SUFFIXES, WARC_SUFFIXES, Scan, container_kind, extract_record, read_archive_member, read_held, read_record, scan
from flows.steps.frontmatter import split_front_matter
from flows.steps.newsxml import extract_newsml, extract_nitf, news_xml_kind, root_element
from flows.steps.stopwords import stop_word_count

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
EMAIL_SUFFIXES = frozenset({".eml"})
#: suffixes of files that are not plain text (left out where only plain text is wanted)
NOT_PLAIN_SUFFIXES = HTML_SUFFIXES | EMAIL_SUFFIXES | {
    ".pdf", ".docx", ".doc", ".odt", ".ott", ".rtf", ".msg", ".mht", ".mhtml", ".webarchive", ".nitf", ".json",
    ".jsonl", ".ndjson", ".warc", ".arc", ".zip", ".7z",
}
#: what the rejection of an unsupported file lists
SUPPORTED = (
    " ".join([*sorted(TEXT_SUFFIXES), *sorted(HTML_SUFFIXES), *sorted(NOT_PLAIN_SUFFIXES - HTML_SUFFIXES)])
    + ", NITF and NewsML-G2 .xml, any of them gzipped (.gz) or Zstandard-compressed (.zst), or text without a suffix"
    + f"; files that hold many articles, each read as a document: {' '.join(sorted(LINES_SUFFIXES))}, a .json list,"
    + f" {' or '.join(sorted(TABLE_SUFFIXES))} with a text column, news feeds ({' '.join(sorted(FEED_SUFFIXES))}, RSS or"
    + f" Atom .xml), mailboxes ({' '.join(sorted(MBOX_SUFFIXES))}, or a mail folder without a suffix) and web archives"
    + f" ({' '.join(sorted(WARC_SUFFIXES))}); and the files of .zip, .7z and tar ({' '.join(TAR_SUFFIXES)}) archives, and"
    + " those attached to e-mails (.eml, .msg, a mailbox's messages), each read as a file"
)
#: files that describe documents rather than being documents (sidecar manifests), never ingested
SIDECAR_SUFFIXES = (".meta.json",)
SIDECAR_NAMES = frozenset({"manifest.jsonl"})
#: charset-normalizer candidates whose coherence (language fit) is within this of the best one tie with it
TIE_COHERENCE = 0.01
#: magic numbers of binary formats people drop into folders, with a name for the message
MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (XLSX, ODS, EPUB or another packaged document; a plain ZIP archive named .zip has its files read)",
    b"\xd0\xcf\x11\xe0": "OLE document (XLS, PPT or another Office 97-2003 file that is no Word document or Outlook message)",
    b"\x7fELF": "ELF executable",
    b"bplist00": "Apple binary property list (no Safari web archive)",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive (named .7z, its files are read; of an archive split into volumes, .7z.001, join the volumes into one .7z first)",
    b"Rar!\x1a\x07": "RAR archive (unpack it, or pack its files as a .zip or .tar.gz, which docindex reads)",
    b"\xfd7zXZ\x00": "xz-compressed file (docindex decompresses gzip and Zstandard: unpack it, or compress it with gzip; a tar archive named .tar.xz is read)",
}
#: a bzip2 stream: "BZh", the block size (1-9), then the first block's magic
BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
#: a tar archive says so at this offset (POSIX "ustar", and GNU tar's "ustar  ")
TAR_MAGIC_AT = 257
GLOB_CHARS = frozenset("*?[")


def _is_ignored(path: Path) -> bool:
    name = path.name
    return name.startswith(".") or name in SIDECAR_NAMES or name.endswith(SIDECAR_SUFFIXES)


def _walk(root: Path) -> list[Path]:
    """Files below root, sorted, skipping hidden entries. A symbolically linked folder is read as a folder (an
    inbox often links in a share); a folder reached a second time, by a loop of links or by two links to it, is
    not read again, so its files are read once, under the name reached first. A folder that cannot be listed is
    returned itself, so that reading it rejects it by name (``load_document``) instead of its files being missed
    without a word."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def unlisted(exc: OSError) -> None:
        found.append(Path(exc.filename) if exc.filename else root)

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted, followlinks=True):
        try:
            info = os.stat(dirpath)
        except OSError as exc:  # gone since it was listed: reading it says so
            unlisted(exc)
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if not _is_ignored(p):
                found.append(p)
    return found


def root_label(root: Path) -> str:
    """The first part of every source path found under an input folder: the folder's name."""
    return root.name or "root"


def collection_of(source_path: str) -> str:
    """The input folder a document came from (its collection): the first part of its source path."""
    return source_path.split("/", 1)[0]


def _ref(path: Path, root: Path) -> SourceRef:
    below = path.relative_to(root).as_posix()
    name = root_label(root) if below == "." else f"{root_label(root)}/{below}"  # "." : the input folder itself
    return SourceRef(path=path, source_path=readable_name(name))


def readable_name(name: str) -> str:
    """A file name as valid Unicode: bytes that are not UTF-8 (a name from an old archive, kept by Python as
    surrogates) are written as escapes (``caf\\xe9.txt``), so the name can be hashed, stored and printed."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _undecodable(path: Path) -> bool:
    """Whether a path holds bytes that are not UTF-8 (kept by Python as surrogates, written as escapes by
    ``readable_name``)."""
    return any("\udc80" <= c <= "\udcff" for c in str(path))


def is_glob(text: str) -> bool:
    """An input to expand as a pattern (a path that exists is taken literally, whatever its characters)."""
    return bool(GLOB_CHARS & set(text)) and not Path(text).exists()


def input_root(text: str) -> Path | None:
    """The folder source paths are relative to for an input folder or glob; None for a single file."""
    if is_glob(text):
        return _glob_root(text)
    path = Path(text).resolve()
    return path if path.is_dir() else None


def _glob_prefix(pattern: str) -> Path:
    """The part of a glob before its first wildcard, as written ("news" of "news/**/*.txt")."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if GLOB_CHARS & set(part):
            break
        parts.append(part)
    return Path(*parts)


def _glob_root(pattern: str) -> Path:
    return _glob_prefix(pattern).resolve()


def missing_inputs(inputs: Sequence[str | Path]) -> list[str]:
    """The inputs that name no existing file or folder and match no file as a glob."""
    return [
        str(i)
        for i in inputs
        if not Path(i).exists() and not (is_glob(str(i)) and glob.glob(str(i), recursive=True))
    ]


def missing_error(missing: Sequence[str]) -> ConfigError:
    """The error for inputs that name nothing (``missing_inputs``): a typo must not look like an empty folder."""
    return ConfigError("no such file, folder or matching glob: " + ", ".join(map(repr, missing)))


def discover(
    inputs: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    on_listing: Callable[[str, int], None] | None = None,
    listing_timeout: float = 0,
) -> list[SourceRef]:
    """Expand files, folders (recursively) and globs into sorted, de-duplicated references (``file_order``).

    The identity of a document is ``<input folder name>/<path relative to it>``: the same file ingested as
    ``seeds``, ``./seeds/`` or ``seeds/000.txt`` gets the same id. A file that holds many documents gives one
    reference per record, ``<its identity>#<the record's key>`` (``expand``); ``on_listing`` is told the source
    path and size of each such file before it is listed (a large crawl takes a while), and listing one may take
    ``listing_timeout`` seconds at most (``expand``). An input that matches nothing is a configuration error: a
    typo must not look like an empty folder.
    """
    refs: dict[str, SourceRef] = {}
    missing: list[str] = []
    clashes: list[str] = []

    def add(ref: SourceRef) -> None:
        first = refs.setdefault(ref.source_path, ref)
        if first.path == ref.path:
            return
        if _undecodable(first.path) or _undecodable(ref.path):  # two names of one folder that read alike
            name = ref.source_path
            while name in refs:
                name += "~"
            detail = (
                f"its name, with the bytes that are not UTF-8 written as \\x escapes, reads as that of '{first.source_path}',"
                " which is read instead; rename one of them"
            )
            refs[name] = ref.model_copy(update={"source_path": name, "problem": (Reason.DUPLICATE, detail)})
        else:
            clashes.append(f"{first.path} and {ref.path} (both {ref.source_path})")

    for raw in inputs:
        text = str(raw)
        if is_glob(text):
            root = _glob_root(text)
            prefix = _glob_prefix(text)
            # under the root as matched, not resolved: a symbolic link to a file elsewhere keeps its name here
            matches = sorted(root / Path(m).relative_to(prefix) for m in glob.glob(text, recursive=True))
            files = [m for m in matches if m.is_file() and not _is_ignored(m)]
            for d in (m for m in matches if m.is_dir()):
                files.extend(_walk(d))
            if not files:
                missing.append(text)
            for f in files:
                add(_ref(f, root))
            continue
        path = Path(text).resolve()
        if path.is_dir():
            for f in _walk(path):
                add(_ref(f, path))
        elif path.is_file():
            add(_ref(path, path.parent))
        else:
            missing.append(text)
    if missing:
        raise missing_error(missing)
    for ref in [r for r in refs.values() if r.record is None and r.problem is None]:
        if is_email_file(ref.path.name, gzipped=True) and container_kind(ref.path) is None:
            message, attached = _attachment_refs(ref, max_bytes=max_bytes, timeout=listing_timeout)
            refs[ref.source_path] = message
            for member in attached:
                while member.record is not None and member.source_path in refs:  # a file named "pr.eml#report.pdf" beside it
                    key = member.record.key + "~"
                    member = member.model_copy(update={"source_path": f"{ref.source_path}#{key}", "record": replace(member.record, key=key)})
                add(member)
        elif (kind := container_kind(ref.path)) is not None:
            if on_listing is not None:
                on_listing(ref.source_path, _size(ref.path))
            del refs[ref.source_path]
            for member in expand(ref, kind, max_bytes=max_bytes, timeout=listing_timeout):
                while member.record is not None and member.source_path in refs:  # a file named "export.jsonl#a"
                    key = member.record.key + "~"
                    member = member.model_copy(
                        update={"source_path": f"{ref.source_path}#{key}", "record": replace(member.record, key=key)}
                    )
                add(member)
    if clashes:
        raise ConfigError(
            "input folders of the same name would give different files the same id (a document is named after its "
            "input folder's name and its path below it): " + "; ".join(clashes[:3])
            + (f"; {len(clashes) - 3} more" if len(clashes) > 3 else "")
            + ". Ingest their common parent folder instead, or rename one of them."
        )
    return sorted(refs.values(), key=file_order)


def file_order(ref: SourceRef) -> tuple[str, int, int, int]:
    """Files by their source path, the records of a file in the order they lie in it (an item of a feed in an
    archive where its feed does, then where it lies in the feed), the files attached to a message after it, in
    their order: read in that order, a compressed tar archive is decompressed once, any file read front to back,
    and a message parsed once for its attached files."""
    record = ref.record
    if record is None:
        return ref.source_path, -1, -1, -1
    attached = -1
    if record.kind == "email":
        attached = record.position
        if record.message is None:  # of an .eml file on disk: after the message's own document
            return ref.file_source_path, -1, -1, attached
        record = record.message
    if record.member is not None:
        return ref.file_source_path, record.member.offset, record.offset, attached
    return ref.file_source_path, record.offset, -1, attached


def _attachment_refs(ref: SourceRef, *, max_bytes: int, timeout: float = 0) -> tuple[SourceRef, list[SourceRef]]:
    """An ``.eml`` or ``.msg`` file's own reference, marked as listed or not, and the references of its attached files that may
    be documents (``attachments.scan_email``), named ``<its source path>#<the file's key>``; listing them may take
    ``timeout`` seconds and one more for every ``LISTING_BYTES_PER_SECOND`` bytes, as a file of many documents. When
    they cannot be listed the message is still read, and the files indexed from it before stay (``--prune``)."""
    limit = timeout + _size(ref.path) / LISTING_BYTES_PER_SECOND if timeout > 0 else 0.0
    try:
        with time_limit(limit):
            found = scan_email(ref.path, max_bytes=max_bytes)
    except DocumentTimeout as exc:
        if not exc.own:  # an enclosing limit's
            raise
        found = Scan(problem=(Reason.TIMEOUT, "its attached files could not be listed in time"))
    except Exception as exc:  # noqa: BLE001 - a parser's fault on one message must not stop the run's discovery
        found = Scan(problem=(Reason.UNREADABLE, f"its attached files could not be listed: {type(exc).__name__}"))
    message = ref.model_copy(update={"attachments": "unlisted" if found.problem is not None else "listed"})
    files = [
        SourceRef(
            path=ref.path, source_path=f"{ref.source_path}#{m.record.key}", record=m.record, problem=m.problem, documents=m.documents,
            held=tuple(f"{ref.source_path}#{k}" for k in m.held),
        )
        for m in found.members
    ]
    return message, files


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


#: listing a file of many documents may take one second more for every this many bytes (JSON Lines list at about
#: 100 MB/s here): a large crawl is no loop
LISTING_BYTES_PER_SECOND = 10_000_000


def expand(ref: SourceRef, kind: ContainerKind, *, max_bytes: int, timeout: float = 0) -> list[SourceRef]:
    """The references of the records of a file that holds many documents (``containers.scan``), and the file's
    own reference carrying the problem when it, or its part after the last record listed, cannot be read, or when
    listing it takes longer than ``timeout`` seconds and one more for every ``LISTING_BYTES_PER_SECOND`` bytes (0:
    no limit; ``flows.limits.time_limit``): then no record of it is listed, and so none is deleted by ``--prune``."""
    limit = timeout + _size(ref.path) / LISTING_BYTES_PER_SECOND if timeout > 0 else 0.0
    try:
        with time_limit(limit):
            found = scan(ref.path, kind, max_bytes=max_bytes)
    except DocumentTimeout as exc:
        if not exc.own:  # an enclosing limit's
            raise
        detail = (
            f"its records could not be listed within {limit:.3g} s (document_timeout, and 1 s for every"
            f" {LISTING_BYTES_PER_SECOND // 1_000_000} MB); those indexed before stay"
        )
        found = Scan(problem=(Reason.TIMEOUT, detail))
    except Exception as exc:  # noqa: BLE001 - a parser's fault on one file must not stop the run's discovery
        found = Scan(problem=(Reason.UNREADABLE, f"its records could not be listed: {type(exc).__name__}: {str(exc)[:300]}"))
    refs = [
        SourceRef(
            path=ref.path, source_path=f"{ref.source_path}#{m.record.key}", record=m.record, problem=m.problem, attachments=m.attachments,
            documents=m.documents, held=tuple(f"{ref.source_path}#{k}" for k in m.held),
        )
        for m in found.members
    ]
    # a feed or mailbox of an archive whose items could not all be listed: refused as a file, as one on disk is
    refs.extend(SourceRef(path=ref.path, source_path=f"{ref.source_path}#{key}", problem=problem) for key, problem in found.unlisted)
    if found.problem is not None:
        refs.append(ref.model_copy(update={"problem": found.problem}))
    return refs


def sniff_format(path: Path, head: str) -> str | None:
    """'text', 'html' or None (not a document type docindex reads)."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    start = head.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html")) or ("<body" in start and "<" == start[:1]):
        return "html"
    if suffix in {"", ".log", ".csv", ".tsv", ".rst", ".nfo"} or "." not in path.name:
        return "text"
    return None


#: files that hold many documents by their name, refused when compressed with Zstandard (a tar archive is read)
ZSTD_MANY = (
    {suffix: "JSON Lines" for suffix in LINES_SUFFIXES}
    | {suffix: "a web archive" for suffix in WARC_SUFFIXES}
    | {suffix: "a table" for suffix in TABLE_SUFFIXES}
    | {suffix: "a feed" for suffix in FEED_SUFFIXES}
    | {suffix: "a mailbox" for suffix in MBOX_SUFFIXES}
)
def _zstd_many(name: str, data: bytes) -> str | None:
    """What a decompressed Zstandard file that holds many documents is, by its name (and a .json by its first
    character, as ``containers.file_kind`` tells a list); None for a file of one document."""
    suffix = Path(name.lower()).suffix
    return ZSTD_MANY.get(suffix) or ("a JSON list" if suffix == ".json" and data.lstrip()[:1] == b"[" else None)


ZSTD_ADVICE = "docindex lists the records of such a file when it is plain or gzipped: unpack it, or compress it with gzip"


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    if BZIP2.match(data):
        return "bzip2-compressed file (docindex decompresses gzip and Zstandard: unpack it, or compress it with gzip; a tar archive named .tar.bz2 is read)"
    if data[TAR_MAGIC_AT : TAR_MAGIC_AT + 5] == b"ustar":
        return "tar archive (named .tar, .tar.gz, .tgz, .tar.bz2, .tar.xz or .tar.zst, its files are read)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM has NULs in every other byte; let the decoder judge it
        even, odd = head[0::2], head[1::2]
        if even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4:
            return None
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for bytes in UTF-8 (with or without BOM), UTF-16/32 or a legacy 8-bit encoding."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None
    head = data[:8192]
    if b"\x00" in head:  # UTF-16 without a BOM: NULs in every other byte (the high byte of ASCII letters)
        even, odd = head[0::2], head[1::2]
        wide = "utf-16-le" if odd.count(0) > len(odd) * 0.4 else "utf-16-be" if even.count(0) > len(even) * 0.4 else None
        if wide is not None:
            try:
                return data.decode(wide), wide
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data[:1_000_000])
    best = matches.best()
    if best is None:
        return None
    tied = [m.encoding for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - TIE_COHERENCE]
    candidates = tied if "cp1252" in tied or not _decodes(data, "cp1252") else [*tied, "cp1252"]
    encoding = _tie_break(data[:100_000], candidates, prefer="cp1252" in tied) if len(candidates) > 1 else best.encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _tie_break(sample: bytes, encodings: list[str], *, prefer: bool) -> str:
    """Of 8-bit encodings that read the bytes equally well to charset-normalizer (cp1250 and cp1252 read most
    Latin text alike; for short Finnish it may even prefer mac_iceland's "Hyv‰‰"), plus cp1252 when the bytes are
    valid in it: the one whose text holds the most stop words of some language ("très", "más", "első", "heitä").
    An even count goes to the first, or to cp1252 when ``prefer`` (charset-normalizer tied it with the first):
    "Café, très" rather than cp1250's "Café, trčs"."""

    hits = {e: stop_word_count(sample.decode(e, errors="replace")) for e in encodings}
    top = max(hits.values())
    winners = [e for e in encodings if hits[e] == top]
    return "cp1252" if prefer and "cp1252" in winners else winners[0]


def _is_pdf(suffix: str, data: bytes) -> bool:
    return data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024])


def _is_rtf(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def _is_mhtml(suffix: str, data: bytes) -> bool:
    return not _binary_kind(data) and looks_like_mhtml(data, suffix=suffix)


def _is_webarchive(suffix: str, data: bytes) -> bool:
    """A Safari web archive, or a damaged property list named as one (read, to be rejected as unreadable)."""
    return looks_like_webarchive(data, suffix=suffix)


def _is_email(suffix: str, data: bytes) -> bool:
    return not _binary_kind(data) and (suffix in EMAIL_SUFFIXES or (not suffix and looks_like_email(data)))


def _suffix(name: str) -> str:
    return Path(name).suffix.lower() if "." in name else ""


def _is_formatted(name: str, data: bytes) -> bool:
    """Whether the bytes are for a format reader (PDF, an archive or OLE container, RTF, e-mail, a saved web
    page, news agency XML, article JSON), judged without reading them."""
    suffix = _suffix(name)
    return (
        _is_pdf(suffix, data)
        or data.startswith((b"PK\x03\x04", OLE_MAGIC))
        or _is_rtf(data)
        or _is_mhtml(suffix, data)
        or _is_webarchive(suffix, data)
        or news_xml_kind(data) is not None
        or looks_like_article_json(suffix, data)
        or _is_email(suffix, data)
    )


def _read_format(name: str, data: bytes, max_bytes: int) -> tuple[Format, Extracted | Problem] | None:
    """The text of a PDF, Word (DOCX or DOC), OpenDocument or RTF file, a saved web page (MHTML, a Safari web
    archive) or a news agency's XML (NITF, NewsML-G2; all by content), of a scraper's article JSON (``.json``), or
    of an e-mail (by the suffix ``.eml``, or a file without suffix that opens with mail headers); None for other
    files. Images and archives named ``.eml`` are not e-mails."""
    suffix = _suffix(name)
    if _is_pdf(suffix, data):
        return "pdf", extract_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        if (docx := extract_docx(data, max_bytes=max_bytes)) is not None:
            return "docx", docx
        if (odt := extract_odt(data, max_bytes=max_bytes)) is not None:
            return "odt", odt
        if suffix in (".docx", ".odt", ".ott"):  # named as a document, but without a document's parts inside
            fmt: Format = "docx" if suffix == ".docx" else "odt"
            kind = "a Word document" if fmt == "docx" else "an OpenDocument text"
            detail = f"a ZIP archive without the parts of {kind}: damaged, or another kind of file renamed"
            return fmt, Problem(Reason.UNREADABLE, detail)
    if data.startswith(OLE_MAGIC) and (held := extract_ole(data)) is not None:
        return held
    if _is_rtf(data):
        return "rtf", extract_rtf(data)
    if _is_mhtml(suffix, data):
        return "mhtml", extract_mhtml(data)
    if _is_webarchive(suffix, data):
        return "webarchive", extract_webarchive(data)
    if (news := news_xml_kind(data)) is not None:
        return news, extract_nitf(data) if news == "nitf" else extract_newsml(data)
    if looks_like_article_json(suffix, data):
        return "json", extract_article_json(data)
    if _is_email(suffix, data):
        return "email", extract_email(data)
    return None


def _listing_error(folder: Path) -> str:
    try:
        os.listdir(folder)
    except OSError as exc:
        return exc.strerror or str(exc)
    return "it could not be listed when the run started"


def load_document(ref: SourceRef, *, max_bytes: int, plain_only: bool = False) -> SourceDocument | Rejection:
    """Read one file and take its text out. Every failure is a Rejection naming the file and the reason.

    ``plain_only``: a file for a format reader (``_is_formatted``) is refused unread, as ``unsupported_type``: for
    a quick look at a folder's plain text, where a long or failing parse would have no time limit."""

    def reject(reason: Reason, detail: str) -> Rejection:
        where = f"{ref.record.where}: " if ref.record is not None else ""
        return Rejection(path=ref.source_path, step=Step.LOAD, reason=reason, detail=where + detail, doc_id=ref.doc_id, documents=ref.documents)

    if ref.problem is not None:
        return reject(*ref.problem)
    if ref.record is None or ref.record.kind != "email":
        release_message()  # the message an attached file was read from, kept for its next files: it has none
    if ref.record is not None:
        return _load_record(ref, reject, max_bytes=max_bytes, plain_only=plain_only)
    if container_kind(ref.path) is not None:  # a reference made by hand, not by discover()
        return reject(Reason.UNSUPPORTED_TYPE, "a file of many documents: its records are read one by one as discover() lists them")
    try:
        info = ref.path.stat()
        if stat.S_ISDIR(info.st_mode):  # a folder discover() could not list
            return reject(Reason.UNREADABLE, f"a folder whose files cannot be listed ({_listing_error(ref.path)}); none of them was read")
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read forever
            return reject(Reason.UNREADABLE, "not a regular file (a pipe, socket or device)")
        size = info.st_size
        if size > max_bytes:
            return reject(Reason.TOO_LARGE, f"{size} bytes is over the limit of {max_bytes} (max_file_bytes)")
        data = ref.path.read_bytes()
    except FileNotFoundError:
        gone = "a symbolic link whose target does not exist" if ref.path.is_symlink() else "the file disappeared before it could be read"
        return reject(Reason.NOT_FOUND, gone)
    except IsADirectoryError:
        return reject(Reason.UNREADABLE, "is a directory")
    except OSError as exc:
        return reject(Reason.UNREADABLE, f"cannot read the file: {exc.strerror or exc}")
    return _read_file(ref, ref.path.name, data, reject, max_bytes=max_bytes, plain_only=plain_only)


def _read_file(
    ref: SourceRef, name: str, data: bytes, reject: Callable[[Reason, str], Rejection], *, max_bytes: int, plain_only: bool
) -> SourceDocument | Rejection:
    """The document of a file's bytes (a file on disk, or one in an archive), told by its name and content."""
    source_hash = hashlib.sha256(data).hexdigest()[:32]
    size = len(data)
    if data.startswith(b"\x1f\x8b") or is_zstd(data):
        zstd = is_zstd(data)
        unpacked = unzstd(data, max_bytes=max_bytes) if zstd else gunzip(data, max_bytes=max_bytes)
        if isinstance(unpacked, Problem):
            return reject(*unpacked)
        data = unpacked
        ending = ".zst" if zstd else ".gz"
        name = name[: -len(ending)] if name.lower().endswith(ending) else name
        if zstd and (many := _zstd_many(name, data)) is not None:  # gzipped ones are listed by discover()
            return reject(Reason.UNSUPPORTED_TYPE, f"{many} compressed with Zstandard; {ZSTD_ADVICE}")
    if not data.strip():
        return reject(Reason.EMPTY, "the file is empty" if not data else "the file holds only whitespace")
    if plain_only and _is_formatted(name, data):
        return reject(Reason.UNSUPPORTED_TYPE, "not plain text; left to its format's reader")
    formatted = _read_format(name, data, max_bytes)
    if formatted is not None:
        fmt, extracted = formatted
        if isinstance(extracted, Problem):
            return reject(*extracted)
        return SourceDocument(
            doc_id=ref.doc_id,
            source_path=ref.source_path,
            format=fmt,
            markup=extracted.markup,
            text=extracted.text,
            encoding=extracted.encoding,
            size_bytes=size,
            source_hash=source_hash,
            properties=extracted.properties,
        )
    kind = _binary_kind(data)
    if kind:
        return reject(Reason.BINARY, f"{kind} is not a document type docindex reads; supported: {SUPPORTED}")
    decoded = decode(data)
    if decoded is None:
        return reject(Reason.UNDECODABLE, "the bytes match no known text encoding")
    text, encoding = decoded
    sniffed = sniff_format(Path(name), text[:1024])
    if sniffed is None:
        suffix = Path(name).suffix
        if suffix.lower() == ".xml" and (root := root_element(data)):
            detail = f"XML whose root element is <{root}>, not a NITF or NewsML-G2 story; supported: {SUPPORTED}"
            return reject(Reason.UNSUPPORTED_TYPE, detail)
        if suffix.lower() in NOT_PLAIN_SUFFIXES:  # a format told by its content: this content is not that format
            return reject(Reason.UNSUPPORTED_TYPE, f"named '{suffix}' but holds text, not that format; rename it")
        return reject(Reason.UNSUPPORTED_TYPE, f"'{suffix}' files are not read; supported: {SUPPORTED}")
    properties = Metadata()
    if sniffed == "text" and (front := split_front_matter(text)) is not None:  # trafilatura's, Jekyll's, Hugo's
        fields, text = front
        properties = article_properties(fields)
    return SourceDocument(
        doc_id=ref.doc_id,
        source_path=ref.source_path,
        format=sniffed,  # type: ignore[arg-type]
        markup=sniffed,  # type: ignore[arg-type]
        text=text,
        encoding=encoding,
        size_bytes=size,
        source_hash=source_hash,
        properties=properties,
    )


#: the format facet of a record, by the kind of its file
RECORD_FORMATS: dict[str, Format] = {"jsonl": "json", "jsonlist": "json", "csv": "csv", "warc": "warc", "feed": "feed", "mbox": "email"}


def _load_record(
    ref: SourceRef, reject: Callable[[Reason, str], Rejection], *, max_bytes: int, plain_only: bool
) -> SourceDocument | Rejection:
    """One record of a file that holds many, read at its offset: a JSON article, a table's row, a web archive's
    page, or a file of a ZIP, tar or 7-Zip archive or one attached to an e-mail (read as a file on disk is; an attached
    file without a date of its own has its message's date sent as published date)."""
    assert ref.record is not None
    if ref.record.kind == "email":
        attached = read_attachment(ref.path, ref.record, max_bytes=max_bytes)
        if isinstance(attached, Problem):
            return reject(*attached)
        name, payload, sent = attached
        doc = _read_file(ref, name, payload, reject, max_bytes=max_bytes, plain_only=plain_only)
        if isinstance(doc, SourceDocument) and doc.properties.published is None and sent is not None:
            return doc.model_copy(update={"properties": doc.properties.model_copy(update={"published": sent})})
        return doc
    if ref.record.kind in ARCHIVE_KINDS:
        member = read_archive_member(ref.path, ref.record, max_bytes=max_bytes)
        if isinstance(member, Problem):
            return reject(*member)
        name, unpacked = member
        return _read_file(ref, name.rsplit("/", 1)[-1], unpacked, reject, max_bytes=max_bytes, plain_only=plain_only)
    if plain_only:
        return reject(Reason.UNSUPPORTED_TYPE, "not plain text; left to its format's reader")
    read = read_held if ref.record.member is not None else read_record
    data = read(ref.path, ref.record, max_bytes=max_bytes)
    if isinstance(data, Problem):
        return reject(*data)
    extracted = extract_record(ref.record, data, max_bytes=max_bytes)
    if isinstance(extracted, Problem):
        return reject(*extracted)
    return SourceDocument(
        doc_id=ref.doc_id,
        source_path=ref.source_path,
        format=RECORD_FORMATS[ref.record.kind],
        markup=extracted.markup,
        text=extracted.text,
        encoding=extracted.encoding,
        size_bytes=len(data),
        source_hash=hashlib.sha256(extracted.identity or data).hexdigest()[:32],
        properties=extracted.properties,
    )
