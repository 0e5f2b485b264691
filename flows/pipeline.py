"""Batch-level composition of the pure steps. No Prefect here: the flow wraps these in tasks.

``prepare_refs`` is the unit of parallel work: it takes a sub-batch of file references through load, the
incremental check, clean, language and chunk, and returns plain frozen values (it can run in a worker process).
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from flows import PIPELINE_VERSION
from flows.models import CleanDocument, Prepared, Reason, Rejection, SourceDocument, SourceRef, Step, stable_hash
from flows.limits import DocumentTimeout, time_limit
from flows.settings import Settings
from flows.steps.attachments import is_email_file
from flows.steps.attachments import release as release_message
from flows.steps.chunk import chunk_document
from flows.steps.boilerplate import remove_boilerplate
from flows.steps.clean import AUTHORED_FORMATS, clean_document
from flows.steps.containers import container_kind
from flows.steps.facets import annotate_facets, build_records
from flows.steps.language import annotate_chunks, annotate_language, language_breaks, settled_language
from flows.steps.load import input_root, load_document, readable_name, root_label
from flows.steps.normalize import text_source
from flows.steps.repetition import RepeatedLines, find_repeated, present_keys
from flows.steps.sidecar import Sidecars

T = TypeVar("T")

#: added to the rejection of a document whose earlier version is in the index: it is not replaced or removed
STILL_INDEXED = "; the version indexed earlier stays searchable until the file reads again (or is removed and pruned)"

#: the CPU stages, in order; their times are reported per batch and per run
STAGES = ("load", "clean", "language", "chunk")


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def split_even(items: Sequence[T], parts: int) -> list[list[T]]:
    """At most ``parts`` contiguous slices of nearly equal length (none empty)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [p for p in out if p]


def clean(doc: SourceDocument, settings: Settings, today: date | None = None) -> CleanDocument | Rejection:
    """Main text of a document, with page furniture removed from plain text (the lines it shares with many
    documents of its collection included: ``doc.repeated_lines``, part of its source hash). ``today``: the run's
    date; a published date after it is not believed."""
    boilerplate = partial(remove_boilerplate, repeated=doc.repeated_lines, headed_tables=doc.format in AUTHORED_FORMATS)
    return clean_document(
        doc, min_chars=settings.min_chars, boilerplate=boilerplate, languages=settings.languages, today=today
    )


def language_options(settings: Settings) -> dict[str, object]:
    """The settings of language detection, as ``flows.steps.language``'s functions take them."""
    return {
        "min_chars": settings.language_min_chars,
        "min_probability": settings.language_min_probability,
        "seed": settings.language_seed,
        "languages": settings.languages,
        "short_texts": settings.language_short_text_detector,
    }


def detect(doc: CleanDocument, settings: Settings) -> CleanDocument:
    return annotate_language(doc, **language_options(settings))


def prepare(doc: CleanDocument, settings: Settings, ingested_at: datetime) -> Prepared | Rejection:
    """Passages (each with its own language), document facets, and the records to write."""
    options = language_options(settings)
    chunks = chunk_document(
        doc,
        chunk_words=settings.chunk_words,
        overlap_sentences=settings.chunk_overlap_sentences,
        breaks=language_breaks(doc.text, doc.language, **options),
    )
    if not chunks:
        return Rejection(path=doc.source_path, step=Step.CHUNK, reason=Reason.NO_CHUNKS, detail="no sentence found", doc_id=doc.doc_id)
    whole = len(chunks) == 1 and chunks[0].text == doc.text  # the same text: the document's language already is its
    chunks = chunks if whole else annotate_chunks(chunks, doc.language, **options)
    doc = annotate_facets(
        doc.model_copy(update={"language": settled_language(doc.language, chunks)}),  # as its passages settle it
        languages=settings.languages,
        keywords=settings.keywords_per_document,
        passages=[(c.language.code, c.text) for c in chunks],
    )
    return build_records(doc, chunks, ingested_at=ingested_at, pipeline_version=processing_version(settings))


#: settings that change what the pipeline makes of a document; part of the stored pipeline version. Not the
#: repeated-line settings: they act through the repeated lines a document contains, which are part of its source
#: hash, so changing them re-processes exactly the documents whose repeated lines change.
PROCESSING_SETTINGS = (
    "min_chars", "chunk_words", "chunk_overlap_sentences", "language_min_chars", "language_min_probability",
    "language_seed", "languages", "language_short_text_detector", "keywords_per_document",
)


def processing_version(settings: Settings) -> str:
    """The code version plus a fingerprint of the processing settings: an incremental run re-processes documents
    when either changes (e.g. a new chunk size), and skips them only when both match."""
    fingerprint = stable_hash(*(f"{name}={getattr(settings, name)!r}" for name in PROCESSING_SETTINGS), length=8)
    return f"{PIPELINE_VERSION}+{fingerprint}"


def load(
    ref: SourceRef, settings: Settings, sidecars: Sidecars | None = None, repeated: frozenset[str] = frozenset()
) -> SourceDocument | Rejection:
    """Read a document and attach its sidecar metadata and, for plain text, which of the lines that recur across
    its collection (``repeated``) it contains. Both are part of its source hash, so editing only the sidecar, or a
    change in the repeated lines it contains, re-processes the document on the next incremental run (and nothing
    else does)."""
    if sidecars is not None and ref.source_path in sidecars.rejections:
        return sidecars.rejections[ref.source_path]
    doc = load_document(ref, max_bytes=settings.max_file_bytes)
    if isinstance(doc, Rejection):
        return doc
    meta = sidecars.metadata.get(ref.source_path) if sidecars is not None else None
    if meta is not None:
        doc = doc.model_copy(
            # the fields the sidecar sets, a value set to nothing ("title": "") included: that clears what was found
            update={"sidecar": meta, "source_hash": stable_hash(doc.source_hash, meta.model_dump_json(exclude_unset=True), length=32)}
        )
    present = present_keys(text_source(doc.text, doc.source_path), repeated) if repeated and doc.format == "text" else None
    if present:  # none present: the hash of its bytes, as without the signal (and as stored before it existed)
        doc = doc.model_copy(
            update={"repeated_lines": present, "source_hash": stable_hash(doc.source_hash, "repeated", *sorted(present), length=32)}
        )
    return doc


def repeated_lines(refs: Sequence[SourceRef], settings: Settings) -> RepeatedLines:
    """The lines that recur across the plain-text documents of each collection of a run (from a sample of each);
    nothing when ``repeated_line_min_docs`` is 0."""
    if not settings.repeated_line_min_docs:
        return RepeatedLines()
    return find_repeated(
        refs,
        sample_size=settings.repeated_line_sample,
        min_docs=settings.repeated_line_min_docs,
        min_share=settings.repeated_line_min_share,
        max_bytes=settings.max_file_bytes,
        timeout=settings.document_timeout,
    )


def sidecars_for(refs: Sequence[SourceRef], sidecars: Sidecars) -> Sidecars:
    """The part of the run's sidecars that concerns these references (what a worker process needs)."""
    paths = {r.source_path for r in refs}
    return Sidecars(
        metadata={k: v for k, v in sidecars.metadata.items() if k in paths},
        rejections={k: v for k, v in sidecars.rejections.items() if k in paths},
    )


@dataclass(frozen=True)
class StageOutput:
    """What the CPU stages made of a (sub-)batch: documents ready to write, rejections, skipped documents and
    the seconds spent per stage.

    Encoded (for an NDJSON sink) the documents are not returned as models: ``ndjson`` holds their passages, one
    JSON line each, and ``encoded``/``passages``/``languages`` what the run report needs. Serialising in the
    worker leaves the flow process nothing to do per document but write text.
    """

    prepared: tuple[Prepared, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    unchanged: int = 0
    seconds: Mapping[str, float] = field(default_factory=dict)
    ndjson: str = ""
    encoded: int = 0
    passages: int = 0
    languages: Mapping[str, int] = field(default_factory=dict)

    def merge(self, other: StageOutput) -> StageOutput:
        secs = Counter(self.seconds)
        secs.update(other.seconds)
        langs = Counter(self.languages)
        langs.update(other.languages)
        return StageOutput(
            self.prepared + other.prepared,
            self.rejected + other.rejected,
            self.unchanged + other.unchanged,
            dict(secs),
            self.ndjson + other.ndjson,
            self.encoded + other.encoded,
            self.passages + other.passages,
            dict(langs),
        )


@dataclass
class _Stage:
    """The stage a document is in (for the rejection when it fails there)."""

    name: str = "load"


def _prepare_one(
    ref: SourceRef,
    settings: Settings,
    ingested_at: datetime,
    known: Mapping[str, str],
    sidecars: Sidecars | None,
    repeated: RepeatedLines | None,
    secs: dict[str, float],
    at: _Stage,
) -> Prepared | Rejection | None:
    """One document through the CPU stages: its records, its rejection, or None when it is unchanged."""
    t0 = time.perf_counter()
    doc = load(ref, settings, sidecars, repeated.of(ref) if repeated is not None else frozenset())
    t1 = time.perf_counter()
    secs["load"] += t1 - t0
    if isinstance(doc, Rejection):
        return doc
    if known.get(doc.doc_id) == doc.source_hash:
        return None
    at.name = "clean"
    cleaned = clean(doc, settings, today=ingested_at.date())
    t2 = time.perf_counter()
    secs["clean"] += t2 - t1
    if isinstance(cleaned, Rejection):
        return cleaned
    at.name = "language"
    cleaned = detect(cleaned, settings)
    t3 = time.perf_counter()
    secs["language"] += t3 - t2
    at.name = "chunk"
    result = prepare(cleaned, settings, ingested_at)
    secs["chunk"] += time.perf_counter() - t3
    return result


def prepare_refs(
    refs: Sequence[SourceRef],
    settings: Settings,
    ingested_at: datetime,
    known: Mapping[str, str] | None = None,
    sidecars: Sidecars | None = None,
    *,
    encode: bool = False,
    repeated: RepeatedLines | None = None,
) -> StageOutput:
    """Load, clean, detect language and chunk each document; the unit of parallel work.

    With ``encode`` the prepared documents come back as NDJSON passages (see ``StageOutput``), not as models.

    ``known`` maps doc_id to the source_hash already in the index (``""`` when another pipeline version wrote it):
    a document whose bytes (with its sidecar and the repeated lines it contains) hash the same is counted as
    unchanged and not cleaned again. A known document that is rejected keeps its indexed version, and its
    rejection says so. ``repeated``: the lines that recur across the documents' collections (``repeated_lines``).
    A step that fails unexpectedly on one document rejects that document, never the run, and so does one that
    takes longer than ``document_timeout`` (see ``time_limit``).
    """
    known = known or {}
    secs = dict.fromkeys(STAGES, 0.0)
    prepared: list[Prepared] = []
    rejected: list[Rejection] = []
    unchanged = 0
    for ref in refs:
        at = _Stage()
        try:
            with time_limit(settings.document_timeout):
                result = _prepare_one(ref, settings, ingested_at, known, sidecars, repeated, secs, at)
        except DocumentTimeout:
            result = Rejection(
                path=ref.source_path,
                step=Step(at.name),
                reason=Reason.TIMEOUT,
                detail=f"{at.name} took longer than {settings.document_timeout:g} s (document_timeout)",
                doc_id=ref.doc_id,
            )
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - one bad document must not stop the run
            result = Rejection(
                path=ref.source_path,
                step=Step(at.name),
                reason=Reason.NO_CONTENT if at.name != "load" else Reason.UNREADABLE,
                detail=f"{at.name} failed: {type(exc).__name__}: {str(exc)[:300]}",
                doc_id=ref.doc_id,
            )
        if result is None:
            unchanged += 1
        elif isinstance(result, Rejection):
            if ref.doc_id in known:
                result = result.model_copy(update={"detail": result.detail + STILL_INDEXED})
            rejected.append(result)
        else:
            prepared.append(result)
    release_message()  # the message a batch's last attached file was read from: its outline, and its file left open
    if encode:
        return StageOutput(
            (), tuple(rejected), unchanged, secs, ndjson_lines(prepared), len(prepared),
            sum(len(p.chunks) for p in prepared), language_counts(prepared),
        )
    return StageOutput(tuple(prepared), tuple(rejected), unchanged, secs)


def failed_output(refs: Sequence[SourceRef], exc: BaseException) -> StageOutput:
    """Every document of a sub-batch rejected because its worker process died (e.g. out of memory)."""
    detail = f"the worker process failed: {type(exc).__name__}: {str(exc)[:300]}"
    return StageOutput(
        rejected=tuple(
            Rejection(path=r.source_path, step=Step.CLEAN, reason=Reason.UNREADABLE, detail=detail, doc_id=r.doc_id)
            for r in refs
        )
    )


def cgroup_cpus(proc_cgroup: Path = Path("/proc/self/cgroup"), root: Path = Path("/sys/fs/cgroup")) -> int | None:
    """The CPUs a control group's quota gives this process, rounded up, or None when none limits it: what
    ``docker run --cpus 2``, Compose's ``cpus: 2`` and a Kubernetes CPU limit set, which neither ``os.cpu_count``
    nor the affinity mask shows. cgroup v2's ``cpu.max`` ("200000 100000" gives 2, "150000 100000" gives 2, "max
    100000" none) in the process's own group, else at the root (a container's namespace), then cgroup v1's
    ``cpu.cfs_quota_us`` over ``cpu.cfs_period_us`` (a quota of -1 is none)."""

    def read(path: Path) -> str | None:
        try:
            return path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeError):
            return None

    def ratio(quota: str, period: str) -> int | None:
        try:
            q, p = int(quota), int(period)
        except ValueError:
            return None
        return max(1, -(-q // p)) if q > 0 and p > 0 else None

    groups = [line.split(":", 2)[2] for line in (read(proc_cgroup) or "").splitlines() if line.startswith("0::")]
    for folder in [*(root / g.strip("/") for g in groups if g.strip("/")), root]:
        if (text := read(folder / "cpu.max")) is not None:
            quota, _, period = text.partition(" ")
            return ratio(quota, period or "100000") if quota != "max" else None
    for name in ("cpu", "cpu,cpuacct", "cpuacct,cpu"):
        v1_quota, v1_period = read(root / name / "cpu.cfs_quota_us"), read(root / name / "cpu.cfs_period_us")
        if v1_quota is not None and v1_period is not None:
            return ratio(v1_quota, v1_period)
    return None


def available_cpus() -> int:
    """The CPUs this process may use: the affinity mask (``taskset``, a container's ``cpuset``) where the platform
    has one, else every CPU, and no more than a control group's quota gives (``cgroup_cpus``)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = cgroup_cpus()
    return max(1, min(count, quota) if quota else count)


def worker_count(settings: Settings) -> int:
    """``DOCINDEX_WORKERS``, or with 0 the CPUs available to the process (``available_cpus``)."""
    return settings.workers or available_cpus()


def nothing_found(inputs: Sequence[str], refs: Sequence[SourceRef]) -> tuple[str, ...]:
    """The run report's warning when the inputs hold no document at all (an empty inbox, a folder of hidden or
    sidecar files only, a mount gone missing), so that a run that read nothing does not pass for one with nothing
    new: ``["/data/inbox"]`` and no refs give "no documents found in /data/inbox"."""
    return () if refs else (f"no documents found in {', '.join(map(str, inputs))}",)


def prune_scopes(inputs: Sequence[str]) -> list[tuple[str, Path]]:
    """(source_path prefix, its input folder on disk) for each input folder or glob, and for each file given alone
    that holds many documents (its records): where --prune may delete."""
    scopes: list[tuple[str, Path]] = []
    for raw in inputs:
        root = input_root(str(raw))
        if root is not None:
            scopes.append((f"{root_label(root)}/", root))
        elif (path := Path(raw).resolve()).is_file() and container_kind(path) is not None:
            scopes.append((f"{root_label(path.parent)}/{readable_name(path.name)}#", path.parent))
        # another single file: nothing under it can have disappeared
    return scopes


def empty_scopes(scopes: Sequence[tuple[str, Path]], seen: Iterable[str]) -> list[tuple[str, Path]]:
    """The folders of ``prune_scopes`` under which this run found no document at all (``seen``: the source paths it
    found): an inbox whose disk or mount is missing looks empty, and pruning it would delete every document
    indexed from a folder of its name, so it is not pruned. ``[("inbox/", Path("/data/inbox"))]`` with nothing
    seen under ``inbox/`` gives that scope. Not a file of many documents given alone: it is there, and when it
    holds no record now, the records indexed from it are gone."""
    found = list(seen)
    return [
        (prefix, root) for prefix, root in scopes if prefix.endswith("/") and not any(sp.startswith(prefix) for sp in found)
    ]


def not_pruned(root: Path) -> str:
    """The run report's warning for a scope ``empty_scopes`` keeps from pruning."""
    return (
        f"not pruned: {root} holds no documents (a missing disk or mount would look the same); its documents stay"
        " indexed until a run with --prune finds a file there, or until they are deleted by their collection"
    )


@dataclass(frozen=True)
class RecordFiles:
    """The files of a run that hold many documents: those whose records were all listed (a record stored from one
    and not listed again is gone from it) and those whose records could not all be listed (cut short, damaged,
    over the size limit, or with a line whose key could not be read): records stored from them stay."""

    listed: frozenset[str] = frozenset()
    unlisted: frozenset[str] = frozenset()

    def owner(self, source_path: str) -> str | None:
        """The file of these whose record the source path names (``<file>#<key>``), or None; of a feed or mailbox
        in an archive (``<archive>#<path>#<key>``) listed on its own, that file rather than the archive."""
        found = None
        at = source_path.find("#")
        while at != -1:
            if source_path[:at] in self.listed or source_path[:at] in self.unlisted:
                found = source_path[:at]
            at = source_path.find("#", at + 1)
        return found


def seen_source_paths(refs: Sequence[SourceRef]) -> set[str]:
    """The source paths a run found: its references' and those a reference stands for (``SourceRef.held``: the
    files of a message after its first 100, refused as one), which ``--prune`` keeps as it keeps any found."""
    return {r.source_path for r in refs} | {held for r in refs for held in r.held}


def record_files(refs: Sequence[SourceRef]) -> RecordFiles:
    """Which files of the run's references hold many documents, and whether their records were all listed: a file
    refused as a whole when it was listed (``SourceRef.problem`` without a record) was not, unless it was found
    empty or without pages (its records are gone). An e-mail whose attached files were listed holds them as
    records (``inbox/pr.eml#report.pdf`` is gone when ``inbox/pr.eml`` no longer holds it, also when it now holds
    none), one whose attached files could not be listed keeps those indexed from it."""
    files = {r.file_source_path for r in refs if r.record is not None}
    files |= {r.source_path for r in refs if r.attachments == "listed"}  # an e-mail: its attached files are its records
    refused = {r.source_path: r.problem[0] for r in refs if r.record is None and r.problem is not None}
    unlisted = {sp for sp, reason in refused.items() if reason not in (Reason.EMPTY, Reason.NO_CONTENT)}
    unlisted |= {r.file_source_path for r in refs if r.record is not None and r.record.keyless}
    unlisted |= {r.source_path for r in refs if r.attachments == "unlisted"}
    return RecordFiles(listed=frozenset((files | set(refused)) - unlisted), unlisted=frozenset(unlisted))


def vanished(
    source_paths: Sequence[str], scopes: Sequence[tuple[str, Path]], files: RecordFiles = RecordFiles()
) -> list[str]:
    """The source paths under a scope whose file is no longer on disk (not those that cannot be checked). A record
    of a file that holds many documents (``<file>#<key>``) is gone when its file was listed in full and did not
    hold it (the caller passes only what this run did not list), and stays when its file could not be listed in
    full (``record_files``); the record of a file no longer there, or no longer holding many, is gone."""
    gone = []
    holds_many: dict[Path, bool] = {}  # a file's kind, looked up once however many records name it
    for sp in source_paths:
        if (owner := files.owner(sp)) is not None:
            if owner in files.listed:
                gone.append(sp)
            continue
        for prefix, root in scopes:
            if sp.startswith(prefix):
                below = sp[len(root_label(root)) + 1 :]
                try:
                    candidate = _on_disk(root, below)
                    # a file that now holds many documents was listed record by record: its own document is gone
                    if (not candidate.is_file() or container_kind(candidate) is not None) and not _unlisted_record(root, below, holds_many):
                        gone.append(sp)
                except OSError as exc:  # a folder that cannot be searched: the file may well be there, so it stays
                    if exc.errno == errno.ENAMETOOLONG:  # no file has such a name: a record of a file now gone
                        gone.append(sp)
                break
    return gone


def _on_disk(root: Path, below: str) -> Path:
    """The file a source path below ``root`` names: its name as written, or, when no such file is there and the
    name holds escapes, the name whose bytes that are not UTF-8 ``readable_name`` wrote as escapes."""
    candidate = root / below
    if "\\x" in below and not candidate.exists():
        raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), below.encode("utf-8"))
        return root / os.fsdecode(raw)
    return candidate


def _unlisted_record(root: Path, below: str, holds_many: dict[Path, bool]) -> bool:
    """Whether ``below`` (a path under ``root``) names a record (``<file>#<key>``) of a file that is on disk and
    holds many documents (or an e-mail, which holds its attached files), but that this run did not list: a glob
    that left the file out. Its records stay.
    ``holds_many``: what is known of files already (a ZIP archive's directory is read to know it)."""
    at = below.find("#")
    while at != -1:
        file = _on_disk(root, below[:at])
        if file not in holds_many:
            holds_many[file] = file.is_file() and (container_kind(file) is not None or is_email_file(file.name))
        if holds_many[file]:
            return True
        at = below.find("#", at + 1)
    return False


def ndjson_lines(prepared: Sequence[Prepared]) -> str:
    """Chunk records as NDJSON, one per line (each line ends with a newline)."""
    return "".join(json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n" for p in prepared for c in p.chunks)


def language_counts(prepared: Sequence[Prepared]) -> dict[str, int]:
    return dict(Counter(p.document.language for p in prepared))
