"""Batch-level composition of the pure steps. No Prefect here: the flow wraps these in tasks."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import IO, TypeVar

from flows import PIPELINE_VERSION
from flows.models import CleanDocument, Prepared, Reason, Rejection, SourceDocument, SourceRef, Step
from flows.settings import Settings
from flows.steps.chunk import chunk_document
from flows.steps.boilerplate import remove_boilerplate
from flows.steps.clean import BoilerplateFilter, clean_document
from flows.steps.facets import annotate_facets, build_records
from flows.steps.language import annotate_chunks, annotate_language
from flows.steps.load import load_document
from flows.steps.sidecar import Sidecars, read_sidecars

T = TypeVar("T")


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _split(results: list[T | Rejection]) -> tuple[list[T], list[Rejection]]:
    ok = [r for r in results if not isinstance(r, Rejection)]
    return ok, [r for r in results if isinstance(r, Rejection)]  # type: ignore[return-value]


def load_batch(
    refs: list[SourceRef], settings: Settings, sidecars: Sidecars | None = None
) -> tuple[list[SourceDocument], list[Rejection]]:
    """Decoded documents with their sidecar metadata; a document whose sidecar is malformed is rejected.

    ``sidecars`` is read for the whole run by the caller (so a manifest's warnings are read once); without it the
    sidecars of these references are read here.
    """
    side = sidecars if sidecars is not None else read_sidecars(refs)
    out: list[SourceDocument | Rejection] = []
    for ref in refs:
        if ref.source_path in side.rejections:
            out.append(side.rejections[ref.source_path])
            continue
        doc = load_document(ref, max_bytes=settings.max_file_bytes)
        meta = side.metadata.get(ref.source_path)
        out.append(doc.model_copy(update={"sidecar": meta}) if meta is not None and isinstance(doc, SourceDocument) else doc)
    return _split(out)


def clean_batch(
    docs: list[SourceDocument], settings: Settings, boilerplate: BoilerplateFilter = remove_boilerplate
) -> tuple[list[CleanDocument], list[Rejection]]:
    return _split(
        [clean_document(d, min_chars=settings.min_chars, boilerplate=boilerplate, languages=settings.languages) for d in docs]
    )


def language_batch(docs: list[CleanDocument], settings: Settings) -> list[CleanDocument]:
    return [
        annotate_language(
            d,
            min_chars=settings.language_min_chars,
            min_probability=settings.language_min_probability,
            seed=settings.language_seed,
            languages=settings.languages,
        )
        for d in docs
    ]


def chunk_batch(
    docs: list[CleanDocument], settings: Settings, ingested_at: datetime
) -> tuple[list[Prepared], list[Rejection]]:
    """Passages and facet records for each document."""
    out: list[Prepared | Rejection] = []
    for doc in docs:
        chunks = chunk_document(doc, chunk_words=settings.chunk_words, overlap_sentences=settings.chunk_overlap_sentences)
        chunks = annotate_chunks(
            chunks,
            doc.language,
            min_chars=settings.language_min_chars,
            min_probability=settings.language_min_probability,
            seed=settings.language_seed,
            languages=settings.languages,
        )
        doc = annotate_facets(doc, languages=settings.languages, keywords=settings.keywords_per_document)
        if not chunks:
            out.append(
                Rejection(path=doc.source_path, step=Step.CHUNK, reason=Reason.NO_CHUNKS, detail="no sentence found", doc_id=doc.doc_id)
            )
            continue
        out.append(build_records(doc, chunks, ingested_at=ingested_at, pipeline_version=PIPELINE_VERSION))
    return _split(out)


def write_ndjson(prepared: list[Prepared], out: IO[str]) -> int:
    """Chunk records as NDJSON, one per line; returns the number written."""
    n = 0
    for p in prepared:
        for c in p.chunks:
            out.write(json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n")
            n += 1
    return n


def language_counts(prepared: list[Prepared]) -> dict[str, int]:
    return dict(Counter(p.document.language for p in prepared))
