"""Index records: the document's facets, and every passage with its document's facets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from flows.models import Chunk, ChunkRecord, CleanDocument, DocumentFacets, DocumentRecord, Prepared, count_words
from flows.steps.countries import document_countries
from flows.steps.keywords import extract_keywords
from flows.steps.language import document_languages
from flows.steps.load import collection_of


def annotate_facets(
    doc: CleanDocument,
    *,
    languages: Iterable[str],
    keywords: int,
    passages: Sequence[tuple[str, str]] = (),
) -> CleanDocument:
    """A copy of the document with the countries it names (title included) and its keywords (the stop words of its
    ``passages``' languages are no keywords).

    Country names are read as ``document_countries`` reads them: in the document's language and English, or in
    all ``languages`` when its language is unknown; and each of the ``passages`` (language, text) in another
    language, in its own and English (a German paragraph in an English article names Frankreich; the rest of the
    article is not read in German, where "Island" is Iceland)."""
    text = f"{doc.metadata.title}\n{doc.text}" if doc.metadata.title else doc.text
    code = doc.language.code
    expected = tuple(languages)
    countries = set(document_countries(text, language=code, languages=expected))
    for own, passage in passages:
        if own != code and own in expected:
            countries.update(document_countries(passage, language=own, languages=expected))
    return doc.model_copy(
        update={
            "countries": tuple(sorted(countries)),
            "keywords": extract_keywords(doc.text, top=keywords, language=code, also=[own for own, _ in passages])
            if keywords
            else (),
        }
    )


#: the longest value of a name facet (author, site, a tag) and of a URL, in characters: OpenSearch refuses a
#: keyword term of over 32,766 bytes (a UTF-8 character takes up to 4), and with it the whole document
NAME_MAX_CHARS, URL_MAX_CHARS = 1000, 8000


def _name(value: str | None) -> str | None:
    """A name facet's value, cut to ``NAME_MAX_CHARS`` (a sidecar's or a page's value may be any length)."""
    return value if value is None or len(value) <= NAME_MAX_CHARS else value[: NAME_MAX_CHARS - 1].rstrip() + "…"


def build_records(
    doc: CleanDocument, chunks: list[Chunk], *, ingested_at: datetime, pipeline_version: str
) -> Prepared:
    meta = doc.metadata
    url = meta.url if meta.url is None or len(meta.url) <= URL_MAX_CHARS else None  # a cut URL would lead nowhere
    facets = DocumentFacets(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source=url or doc.source_path,
        collection=collection_of(doc.source_path),
        title=meta.title,
        author=_name(meta.author),
        site=_name(meta.site),
        url=url,
        published=meta.published,
        countries=doc.countries,
        tags=tuple(dict.fromkeys(t for tag in meta.tags if (t := _name(tag)))),
        content_hash=doc.content_hash,
        ingested_at=ingested_at,
        pipeline_version=pipeline_version,
    )
    shared = dict(facets)
    document = DocumentRecord(
        **shared,
        format=doc.format,
        language=doc.language.code,
        language_probability=doc.language.probability,
        languages=document_languages(doc.language, chunks),
        keywords=doc.keywords,
        word_count=doc.word_count,
        char_count=len(doc.text),
        chunk_count=len(chunks),
        source_hash=doc.source_hash,
        encoding=doc.encoding,
    )
    records = tuple(
        ChunkRecord(
            **shared,
            chunk_id=c.chunk_id,
            chunk_index=c.chunk_index,
            chunk_count=c.chunk_count,
            text=c.text,
            char_start=c.char_start,
            char_end=c.char_end,
            language=c.language.code,
            language_probability=c.language.probability,
            word_count=count_words(c.text),
            doc_language=doc.language.code,
        )
        for c in chunks
    )
    return Prepared(document=document, chunks=records)
