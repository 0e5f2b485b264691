"""Sentence-aware passages with overlap and exact character offsets into the cleaned text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from sentencex import segment

from flows.models import UNDETERMINED, WORD_UNIT, Chunk, CleanDocument, count_words

DEFAULT_CHUNK_WORDS = 200
DEFAULT_OVERLAP_SENTENCES = 1


class Span(NamedTuple):
    start: int
    end: int
    words: int


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return None
    return Span(start + left, start + right, count_words(piece))


def _split_long(text: str, span: Span, max_words: int) -> list[Span]:
    """Cut a sentence longer than max_words at word boundaries (the only place a sentence is ever cut); in a
    script without spaces, between ``WORD_UNIT``s of a few characters."""
    words = list(WORD_UNIT.finditer(text, span.start, span.end))
    pieces = []
    for i in range(0, len(words), max_words):
        group = words[i : i + max_words]
        pieces.append(Span(group[0].start(), group[-1].end(), len(group)))
    return pieces


def sentence_spans(text: str, language: str, max_words: int) -> list[Span]:
    """Sentences of text as trimmed spans, never crossing a line break (a paragraph or heading ends a sentence)."""
    lang = language if language != UNDETERMINED else "en"
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        cursor = line_start
        for sentence in segment(lang, line):
            found = text.find(sentence, cursor, line_start + len(line))
            if found < 0:  # the segmenter altered the text: fall back to the whole rest of the line
                found, sentence = cursor, text[cursor : line_start + len(line)]
            span = _trimmed(text, found, found + len(sentence))
            cursor = found + len(sentence)
            if span is None:
                continue
            spans.extend(_split_long(text, span, max_words) if span.words > max_words else [span])
        tail = _trimmed(text, cursor, line_start + len(line))
        if tail is not None:
            spans.extend(_split_long(text, tail, max_words) if tail.words > max_words else [tail])
        line_start += len(line) + 1
    return spans


def chunk_document(
    doc: CleanDocument,
    *,
    chunk_words: int = DEFAULT_CHUNK_WORDS,
    overlap_sentences: int = DEFAULT_OVERLAP_SENTENCES,
    breaks: Sequence[int] = (),
) -> list[Chunk]:
    """Greedy packing of whole sentences up to chunk_words, repeating the last overlap_sentences of a passage; no
    passage, nor its overlap, crosses one of the ``breaks`` (offsets where the language changes:
    ``flows.steps.language.language_breaks``)."""
    if chunk_words < 1 or overlap_sentences < 0:
        raise ValueError("chunk_words must be positive and overlap_sentences not negative")
    spans = sentence_spans(doc.text, doc.language.code, chunk_words)
    cuts = sorted(breaks)
    part = [bisect_right(cuts, span.start) for span in spans]  # which stretch between breaks
    groups: list[tuple[int, int]] = []  # [first, last] sentence index of each passage
    first = 0
    while first < len(spans):
        last, words = first, spans[first].words
        while last + 1 < len(spans) and words + spans[last + 1].words <= chunk_words and part[last + 1] == part[first]:
            last += 1
            words += spans[last].words
        groups.append((first, last))
        if last + 1 >= len(spans):
            break
        if part[last + 1] != part[first]:
            first = last + 1
            continue
        # step back for overlap, but always move forward by at least one sentence; no overlap where it would leave
        # no room for the next sentence (the passage would be the overlap alone, already in the one before)
        start = max(last + 1 - overlap_sentences, first + 1)
        repeated = sum(spans[k].words for k in range(start, last + 1))
        first = start if repeated + spans[last + 1].words <= chunk_words else last + 1
    return [
        Chunk(
            doc_id=doc.doc_id,
            chunk_index=i,
            chunk_count=len(groups),
            text=doc.text[spans[a].start : spans[b].end],
            char_start=spans[a].start,
            char_end=spans[b].end,
            language=doc.language,
        )
        for i, (a, b) in enumerate(groups)
    ]
