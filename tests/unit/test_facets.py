from datetime import UTC, date, datetime

from flows.models import CleanDocument, Language, Metadata
from flows.steps.chunk import chunk_document
from flows.steps.facets import build_records

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _doc(meta: Metadata) -> CleanDocument:
    text = "Erster Satz über Russland. " * 30
    return CleanDocument(doc_id="d1", source_path="news/a.txt", format="text", encoding="utf-8", source_hash="sh", text=text, metadata=meta, language=Language(code="de", probability=0.99))


def test_document_and_chunk_records_carry_the_facets() -> None:
    doc = _doc(Metadata(title="T", site="Example", url="https://ex.org/a", published=date(2024, 5, 6)))
    chunks = chunk_document(doc, chunk_words=50)
    p = build_records(doc, chunks, ingested_at=NOW, pipeline_version="1.2.3")
    d = p.document
    assert (d.language, d.title, d.site, d.source, d.collection) == ("de", "T", "Example", "https://ex.org/a", "news")
    assert d.chunk_count == len(chunks) == len(p.chunks) and d.word_count == 120
    assert d.content_hash == doc.content_hash and d.pipeline_version == "1.2.3"
    for c in p.chunks:
        assert (c.doc_id, c.title, c.language, c.published, c.ingested_at) == ("d1", "T", "de", date(2024, 5, 6), NOW)
        assert doc.text[c.char_start : c.char_end] == c.text


def test_source_is_the_path_without_url() -> None:
    p = build_records(_doc(Metadata()), chunk_document(_doc(Metadata())), ingested_at=NOW, pipeline_version="x")
    assert p.document.source == "news/a.txt" and p.chunks[0].source == "news/a.txt"


def test_facet_values_fit_an_opensearch_keyword_term() -> None:
    """A sidecar's or a page's value of any length was indexed as it came: OpenSearch refuses a term over 32,766
    bytes, and with it the document."""
    from flows.steps.facets import NAME_MAX_CHARS

    long_url = "https://ex.org/a?" + "q=😀&" * 3000
    meta = Metadata(author="Hans 😀 " * 2000, site="S" * 40_000, url=long_url, tags=("T" * 50_000, "Politik", "Politik"))
    doc = _doc(meta)
    p = build_records(doc, chunk_document(doc), ingested_at=NOW, pipeline_version="x")
    for record in (p.document, p.chunks[0]):
        assert record.url is None and record.source == "news/a.txt"  # a URL cut short would lead nowhere
        assert record.author is not None and record.site is not None
        for value in (record.author, record.site, *record.tags):
            assert len(value.encode()) <= 32_766 and len(value) <= NAME_MAX_CHARS
        assert record.author.startswith("Hans 😀 Hans") and record.author.endswith("…")
        assert record.tags[1:] == ("Politik",)
    short = _doc(Metadata(author="Hans Meier", url="https://ex.org/a"))
    kept = build_records(short, chunk_document(short), ingested_at=NOW, pipeline_version="x").document
    assert (kept.author, kept.url) == ("Hans Meier", "https://ex.org/a")


def test_ids_are_deterministic_and_change_with_content() -> None:
    a = _doc(Metadata())
    b = a.model_copy(update={"text": a.text + " Noch ein Satz."})
    assert a.content_hash == _doc(Metadata()).content_hash != b.content_hash
    assert [c.chunk_id for c in chunk_document(a)] == [c.chunk_id for c in chunk_document(_doc(Metadata()))]


def test_country_names_are_read_in_the_document_language_and_english() -> None:
    from flows.steps.facets import annotate_facets

    langs = ("en", "de", "fr")
    english = _doc(Metadata()).model_copy(
        update={"text": "Island officials met the Russian envoy. " * 5, "language": Language(code="en", probability=0.99)}
    )
    german = _doc(Metadata()).model_copy(update={"text": "Island und Norwegen verhandeln mit Russia Today. " * 5})
    unknown = german.model_copy(update={"language": Language(code="und", probability=0.0), "text": "les États-Unis"})
    assert annotate_facets(english, languages=langs, keywords=0).countries == ("RU",)  # "Island" is German
    assert annotate_facets(german, languages=langs, keywords=0).countries == ("IS", "NO", "RU")  # English names too
    assert annotate_facets(unknown, languages=langs, keywords=0).countries == ("US",)  # every language when unknown
    # a German passage in an English article: its names are read in German too, not other languages'
    german_passage = "Frankreich und Polen stimmten zu. L'Allemagne aussi."
    quoted = english.model_copy(update={"text": f"{english.text}\n{german_passage}"})
    assert annotate_facets(quoted, languages=langs, keywords=0).countries == ("RU",)
    passages = [("en", english.text), ("de", german_passage)]  # the English passage is not read in German: no Island
    assert annotate_facets(quoted, languages=langs, keywords=0, passages=passages).countries == ("FR", "PL", "RU")


def test_keywords_are_read_in_the_documents_language() -> None:
    """German documents fold the forms of a word (Russland, Russlands) into one keyword: the language is passed."""
    from flows.steps.facets import annotate_facets

    text = "Russland liefert Waffen. Die Waffen Russlands kommen aus Russland. Russlands Armee braucht Waffen. " * 3
    doc = _doc(Metadata()).model_copy(update={"text": text})
    keywords = annotate_facets(doc, languages=("en", "de"), keywords=5).keywords
    assert "Russland" in keywords and "Russlands" not in keywords and "Waffen" in keywords
    assert annotate_facets(doc, languages=("en", "de"), keywords=0).keywords == ()


def test_the_stop_words_of_the_passages_languages_are_no_keywords() -> None:
    from flows.steps.facets import annotate_facets

    german = "Russland liefert Waffen. Die Waffen Russlands kommen aus Russland. " * 3
    english = "Officials said the weapons would arrive soon, and they said so again. " * 3
    doc = _doc(Metadata()).model_copy(update={"text": f"{german}\n{english}"})
    alone = annotate_facets(doc, languages=("en", "de"), keywords=8).keywords
    both = annotate_facets(doc, languages=("en", "de"), keywords=8, passages=[("de", german), ("en", english)]).keywords
    assert "soon" in alone and "soon" not in both and "Russland" in both  # "soon": an English stop word
