import pytest

from flows.models import CleanDocument, Language
from flows.steps.chunk import chunk_document, sentence_spans


def _doc(text: str, lang: str = "en") -> CleanDocument:
    return CleanDocument(doc_id="d", source_path="c/x.txt", format="text", encoding="utf-8", source_hash="h", text=text, language=Language(code=lang, probability=1.0))


def _sentences(n: int, words: int = 10) -> str:
    return " ".join(f"Sentence {i} " + " ".join(["word"] * (words - 3)) + " end." for i in range(n))


def test_offsets_reproduce_chunk_text_and_cover_the_document() -> None:
    text = _sentences(40) + "\n\nA heading\n" + _sentences(30)
    doc = _doc(text)
    chunks = chunk_document(doc, chunk_words=50, overlap_sentences=1)
    assert len(chunks) > 3
    for c in chunks:
        assert text[c.char_start : c.char_end] == c.text
        assert c.chunk_count == len(chunks)
    assert [c.chunk_index for c in chunks] == list(range(len(chunks)))
    assert chunks[0].char_start == 0 and chunks[-1].char_end == len(text)


def test_respects_target_size_and_never_cuts_sentences() -> None:
    text = _sentences(60)
    for c in chunk_document(_doc(text), chunk_words=50, overlap_sentences=0):
        assert len(c.text.split()) <= 50
        assert c.text.startswith("Sentence") and c.text.endswith("end.")


def test_overlap_repeats_the_last_sentence() -> None:
    chunks = chunk_document(_doc(_sentences(20)), chunk_words=30, overlap_sentences=1)
    for a, b in zip(chunks, chunks[1:]):
        last_sentence = a.text[a.text.rfind("Sentence") :]
        assert b.text.startswith(last_sentence)
        assert b.char_start < a.char_end


def test_overlong_sentence_is_split_at_words() -> None:
    text = " ".join(["long"] * 120) + "."
    chunks = chunk_document(_doc(text), chunk_words=50, overlap_sentences=1)
    assert [len(c.text.split()) for c in chunks] == [50, 50, 20]
    assert all(text[c.char_start : c.char_end] == c.text for c in chunks)


def test_german_abbreviations_do_not_end_sentences() -> None:
    text = "Am 3. Oktober kam z.B. Herr Dr. Müller nach Berlin. Er blieb zwei Tage."
    spans = sentence_spans(text, "de", 200)
    assert [text[s.start : s.end] for s in spans] == ["Am 3. Oktober kam z.B. Herr Dr. Müller nach Berlin.", "Er blieb zwei Tage."]


def test_line_breaks_end_sentences() -> None:
    text = "A heading without a stop\nBody text follows here."
    assert [text[s.start : s.end] for s in sentence_spans(text, "en", 200)] == ["A heading without a stop", "Body text follows here."]


def test_invalid_configuration() -> None:
    with pytest.raises(ValueError):
        chunk_document(_doc("x."), chunk_words=0)


def test_no_passage_is_only_the_overlap_of_the_one_before() -> None:
    text = " ".join(["Short one here now."] * 2 + ["A much longer sentence " + "word " * 40 + "end."] * 2)
    chunks = chunk_document(_doc(text), chunk_words=45, overlap_sentences=1)
    spans = [(c.char_start, c.char_end) for c in chunks]
    assert all(not (a0 <= b0 and b1 <= a1) for (a0, a1), (b0, b1) in zip(spans, spans[1:]))
    assert chunks[0].char_start == 0 and chunks[-1].char_end == len(text)
    assert all(not text[a1:b0].strip() for (_, a1), (b0, _) in zip(spans, spans[1:]))  # nothing left out


@pytest.mark.parametrize("punctuated", [True, False])
def test_text_without_spaces_is_chunked_by_its_characters(punctuated: bool) -> None:
    """Chinese has no spaces: counted by whitespace a page was one 'word' and one passage of thousands of
    characters; two characters count as a word (``flows.models.count_words``)."""
    sentence = "当前中国经济的发展正在从高速增长阶段转向高质量发展阶段" + ("。" if punctuated else "")
    text = sentence * 120  # 3,000+ characters
    chunks = chunk_document(_doc(text, "zh"), chunk_words=100, overlap_sentences=0)
    assert len(chunks) >= 15
    for c in chunks:
        assert text[c.char_start : c.char_end] == c.text
        assert len(c.text) <= 2 * 100
    assert _doc("中国经济的发展", "zh").word_count == 4


def test_no_passage_nor_its_overlap_crosses_a_break() -> None:
    text = _sentences(12) + "\n\n" + _sentences(12)
    cut = text.index("\n\n") + 2
    chunks = chunk_document(_doc(text), chunk_words=50, overlap_sentences=1, breaks=[cut])
    assert all(c.char_end <= cut or c.char_start >= cut for c in chunks)
    assert any(c.char_start == cut for c in chunks)  # the second part starts a passage, without overlap
    assert len(chunk_document(_doc(text), chunk_words=500, overlap_sentences=1, breaks=[cut])) == 2
    assert len(chunk_document(_doc(text), chunk_words=500, overlap_sentences=1)) == 1
