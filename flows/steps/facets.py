"""Index records: the document's facets, and every passage with its document's facets."""

from __future__ import annotations

from datetime import datetime

from collections.abc import Iterable

from flows.models import Chunk, ChunkRecord, CleanDocument, DocumentRecord, Prepared
from flows.steps.countries import find_countries
from flows.steps.keywords import extract_keywords
from flows.steps.language import document_languages


def collection_of(source_path: str) -> str:
    """The input folder a document came from: the first part of its source path."""
    return source_path.split("/", 1)[0]


def annotate_facets(doc: CleanDocument, *, languages: Iterable[str], keywords: int) -> CleanDocument:
    """A copy of the document with the countries it names (title included) and its keywords."""
    text = f"{doc.metadata.title}\n{doc.text}" if doc.metadata.title else doc.text
    return doc.model_copy(
        update={
            "countries": find_countries(text, languages=languages),
            "keywords": extract_keywords(doc.text, top=keywords) if keywords else (),
        }
    )


def build_records(
    doc: CleanDocument, chunks: list[Chunk], *, ingested_at: datetime, pipeline_version: str
) -> Prepared:
    meta = doc.metadata
    source = meta.url or doc.source_path
    document = DocumentRecord(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source=source,
        collection=collection_of(doc.source_path),
        format=doc.format,
        title=meta.title,
        author=meta.author,
        site=meta.site,
        url=meta.url,
        published=meta.published,
        language=doc.language.code,
        language_probability=doc.language.probability,
        languages=document_languages(doc.language, chunks),
        countries=doc.countries,
        keywords=doc.keywords,
        tags=meta.tags,
        word_count=doc.word_count,
        char_count=len(doc.text),
        chunk_count=len(chunks),
        content_hash=doc.content_hash,
        source_hash=doc.source_hash,
        encoding=doc.encoding,
        ingested_at=ingested_at,
        pipeline_version=pipeline_version,
    )
    records = tuple(
        ChunkRecord(
            chunk_id=c.chunk_id,
            doc_id=doc.doc_id,
            chunk_index=c.chunk_index,
            chunk_count=c.chunk_count,
            text=c.text,
            char_start=c.char_start,
            char_end=c.char_end,
            language=c.language.code,
            language_probability=c.language.probability,
            word_count=len(c.text.split()),
            title=meta.title,
            source=source,
            source_path=doc.source_path,
            collection=document.collection,
            site=meta.site,
            author=meta.author,
            url=meta.url,
            published=meta.published,
            doc_language=doc.language.code,
            countries=doc.countries,
            tags=meta.tags,
            content_hash=document.content_hash,
            ingested_at=ingested_at,
            pipeline_version=pipeline_version,
        )
        for c in chunks
    )
    return Prepared(document=document, chunks=records)
