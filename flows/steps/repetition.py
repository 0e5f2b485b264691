"""Lines that recur across the documents of one collection: page furniture that reads like prose.

A site's newsletter sign-up paragraph, "about us" blurb, comment policy or footer sentence recurs verbatim in many
of its pages, next to articles whose lines do not. ``find_repeated(refs, ...)`` reads a bounded, deterministic
sample of each collection's plain-text documents (a collection is an input folder, see ``collection_of``) and
returns the keys of the lines that occur in at least ``max(min_docs, min_share * sampled)`` of them;
``remove_boilerplate(text, repeated=...)`` drops those lines (those that read like prose also count as furniture
when it bounds the article).

* A line's key (``line_key``) is a short hash of its case- and whitespace-folded text with digits masked, so
  "© 2023 Example News" and "© 2024 Example News" are one line. Lines with fewer than two letters are not judged.
* The sample: the collection's text documents in the order of their ``doc_id`` (a hash of the source path), at
  most ``sample_size`` of them. Deterministic, spread over the whole collection, and stable when documents come
  and go (a new document enters the sample only if its hash is among the smallest), unlike every n-th document of
  the sorted list, which shifts as a whole when one document is added. At most ``2 * sample_size`` files are read
  per collection, whatever its size.
* Duplicated articles: the same story saved three times repeats all its lines, so a line counts in a document only
  if that document brings prose of its own: its prose-sized lines that are not themselves frequent, taken
  together, must differ from those of the other documents counted for the line. Copies of one article (whatever
  their short sidebar lines) have the same prose of their own, or none: together they count once at most;
  furniture, which sits next to a different article each time, counts in every page. One story in several pages
  that each add different prose of their own (a wire story saved from three small sites into one folder) does
  count as repeated, so ``remove_boilerplate`` ignores the signal on a page where the repeated lines hold more
  than half of its prose (furniture is a small part of a page, a shared story most of it).
* ``present_keys(text, keys)``: the repeated lines a document contains. The pipeline folds them into its source
  hash and passes only them to ``remove_boilerplate``, so what a document becomes depends on its bytes (and
  sidecar) and that set, never on other lines of the collection, and an incremental run re-processes it exactly
  when the repeated lines it contains change.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from flows.limits import DocumentTimeout, time_limit
from flows.models import ARCHIVE_KINDS, Frozen, SourceDocument, SourceRef
from flows.steps.load import NOT_PLAIN_SUFFIXES, file_order, collection_of, load_document
from flows.steps.normalize import INVISIBLE, text_source

#: a line needs this many letters to be judged (separators, numbers and initials are not)
MIN_KEY_LETTERS = 2
#: a sampled document contributes the keys of at most this many of its lines (bounds memory on huge files)
MAX_LINES_PER_DOCUMENT = 5000
#: a line of this many characters (after folding) is prose-sized: it tells one article from another
PROSE_MIN_CHARS = 80
#: files read per collection, as a multiple of the sample size (HTML without a suffix is read, then skipped)
MAX_READS_FACTOR = 2

_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")


def fold_line(line: str) -> str:
    """The comparable form of a line: NFKC, entities decoded, invisible characters dropped, case folded, runs of
    whitespace made one space, runs of digits made '0'. The same for the raw line of a file and for the line as
    ``normalize_text`` leaves it (except for mojibake, which ftfy repairs only in the latter)."""
    text = html.unescape(line) if "&" in line else line
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _DIGITS.sub("0", " ".join(text.casefold().split()))


def _key(folded: str) -> str | None:
    if len(_LETTER.findall(folded[:64])) < MIN_KEY_LETTERS:
        return None
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def line_key(line: str) -> str | None:
    """A short, stable key of a line (16 hex digits), or None for a line too short to judge."""
    return _key(fold_line(line))


def split_lines(text: str) -> list[str]:
    """A text's lines, broken where ``normalize_text`` breaks them."""
    return _LINE_BREAK.split(text)


def line_keys(text: str, limit: int | None = None) -> dict[str, bool]:
    """Key -> whether the line is prose-sized, for the distinct judged lines of a text (the first ``limit``)."""
    out: dict[str, bool] = {}
    for line in split_lines(text):
        folded = fold_line(line)
        key = _key(folded)
        if key is None:
            continue
        out[key] = out.get(key, False) or len(folded) >= PROSE_MIN_CHARS
        if limit is not None and len(out) >= limit:
            break
    return out


def present_keys(text: str, repeated: frozenset[str]) -> frozenset[str]:
    """The keys in ``repeated`` of the lines of ``text``."""
    if not repeated:
        return frozenset()
    return frozenset(k for line in split_lines(text) if (k := line_key(line)) is not None and k in repeated)


def threshold(sampled: int, *, min_docs: int, min_share: float) -> int:
    """Documents a line must occur in to be repeated: ``max(min_docs, ceil(min_share * sampled))``."""
    return max(min_docs, math.ceil(min_share * sampled - 1e-9))


def repeated_keys(documents: Sequence[dict[str, bool]], *, min_docs: int, min_share: float) -> frozenset[str]:
    """The keys of lines that occur in at least ``threshold`` documents that differ in their own prose.

    ``documents``: per sampled document, ``line_keys`` of its text. First the frequent lines (in at least
    ``threshold`` documents); then each document's own prose (its prose-sized lines that are not frequent) gets a
    fingerprint, and a frequent line is repeated if it occurs next to at least ``threshold`` different ones.
    Copies of one article have the same (or no) own prose: together they count once, or not at all.
    """
    need = threshold(len(documents), min_docs=min_docs, min_share=min_share)
    if len(documents) < need:
        return frozenset()
    counts = Counter(k for doc in documents for k in doc)
    frequent = {k for k, n in counts.items() if n >= need}
    if not frequent:
        return frozenset()
    companions: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        own = sorted(k for k, prose in doc.items() if prose and k not in frequent)
        if not own:
            continue  # nothing of its own: a copy of another document, or a page of furniture
        fingerprint = hashlib.blake2b("".join(own).encode("ascii"), digest_size=8).hexdigest()
        for k in doc.keys() & frequent:
            companions[k].add(fingerprint)
    return frozenset(k for k, fps in companions.items() if len(fps) >= need)


class RepeatedLines(Frozen):
    """Per collection, the keys of the lines that recur across its plain-text documents, and how many of its
    documents were sampled to find them."""

    keys: dict[str, frozenset[str]] = {}
    sampled: dict[str, int] = {}

    def of(self, ref: SourceRef) -> frozenset[str]:
        """The repeated lines of the document's collection."""
        return self.keys.get(collection_of(ref.source_path), frozenset())

    def restricted(self, refs: Iterable[SourceRef]) -> RepeatedLines:
        """The part that concerns these references (what a worker process needs)."""
        names = {collection_of(r.source_path) for r in refs}
        return RepeatedLines(
            keys={n: k for n, k in self.keys.items() if n in names},
            sampled={n: s for n, s in self.sampled.items() if n in names},
        )

    def counts(self) -> dict[str, int]:
        """Repeated lines found per sampled collection."""
        return {name: len(self.keys.get(name, ())) for name in sorted(self.sampled)}


def _plain_name(ref: SourceRef) -> str | None:
    """The name of a file that may be plain text (its suffix is none of another format's): a file on disk, or a
    file of a ZIP, tar or 7-Zip archive; None for other references."""
    if ref.record is None:
        name = ref.path.name
    elif ref.record.kind in ARCHIVE_KINDS:
        name = ref.record.key.rstrip("~").rsplit("/", 1)[-1]
    else:
        return None
    return name if Path(name.lower().removesuffix(".gz")).suffix not in NOT_PLAIN_SUFFIXES else None


def sample(refs: Sequence[SourceRef], size: int) -> list[SourceRef]:
    """Up to ``size`` references in the order of their doc_id (HTML, PDF, Word and e-mail files by suffix left
    out, and the records of files that hold many but an archive's files): deterministic, independent of the order given and of
    PYTHONHASHSEED."""
    candidates = [r for r in refs if r.problem is None and _plain_name(r) is not None]
    return heapq.nsmallest(size, candidates, key=lambda r: r.doc_id)


def _in_stream(ref: SourceRef) -> bool:
    """A file of a tar or 7-Zip archive: read in the archive's order, each block is decompressed once."""
    return ref.record is not None and ref.record.kind in ("tar", "7z")


def _keys_of(ref: SourceRef, max_bytes: int, timeout: float = 0) -> dict[str, bool] | None:
    """``line_keys`` of a plain-text document; None for another, one that cannot be read, one whose reading fails
    in a way no reader foresaw, or one that takes longer than ``timeout`` seconds to read (0: no limit): the
    pipeline rejects it in its turn, with the reason, and the sample goes on without it."""
    try:
        with time_limit(timeout):
            doc = load_document(ref, max_bytes=max_bytes, plain_only=True)
            if isinstance(doc, SourceDocument) and doc.format == "text":
                return line_keys(text_source(doc.text, doc.source_path), MAX_LINES_PER_DOCUMENT)
    except DocumentTimeout as exc:
        if not exc.own:  # an enclosing limit's
            raise
    except (Exception, RecursionError):  # noqa: BLE001 - one bad document must not stop the run before it starts
        return None
    return None


def find_repeated(
    refs: Sequence[SourceRef], *, sample_size: int, min_docs: int, min_share: float, max_bytes: int, timeout: float = 0
) -> RepeatedLines:
    """Read a sample of each collection's plain-text documents and find the lines that recur across them.

    Files that cannot be read or are not plain text are left out of the sample, formatted ones (a PDF named
    ``.txt``) unread (the pipeline rejects or cleans them in their turn, under its time limit); at most
    ``MAX_READS_FACTOR * sample_size`` files are read per collection, each in ``timeout`` seconds at most (one
    that takes longer is left out)."""
    groups: dict[str, list[SourceRef]] = defaultdict(list)
    for ref in refs:
        groups[collection_of(ref.source_path)].append(ref)
    keys: dict[str, frozenset[str]] = {}
    sampled: dict[str, int] = {}
    for name in sorted(groups):
        candidates = sample(groups[name], MAX_READS_FACTOR * sample_size)
        if len(candidates) < min_docs:
            continue
        documents: list[dict[str, bool]] = []
        # a compressed tar archive, and a 7-Zip archive's block, is a stream: its files are read in its order, not the sample's
        ahead = {r.doc_id: _keys_of(r, max_bytes, timeout) for r in sorted(filter(_in_stream, candidates), key=file_order)}
        for ref in candidates:
            doc_keys = ahead[ref.doc_id] if ref.doc_id in ahead else _keys_of(ref, max_bytes, timeout)
            if doc_keys is not None:
                documents.append(doc_keys)
                if len(documents) == sample_size:
                    break
        sampled[name] = len(documents)
        found = repeated_keys(documents, min_docs=min_docs, min_share=min_share)
        if found:
            keys[name] = found
    return RepeatedLines(keys=keys, sampled=sampled)
