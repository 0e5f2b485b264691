"""Stop lists: jusText's for many languages (which one a text's words are densest in: a cheap language guess) and
stopwords-iso's longer ones for a known language. One owner for every step that needs them (furniture, headlines,
keywords, countries, encodings)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import justext
import stopwordsiso
from babel import Locale, UnknownLocaleError

#: a word: letters and digits, with inner hyphens and apostrophes
WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    # sorted: jusText returns the names as a set, whose order (and so the winner of a tie) would change per process
    return {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}


@lru_cache(maxsize=1)
def _stoplist_index() -> tuple[tuple[frozenset[str], ...], dict[str, tuple[int, ...]]]:
    """The stop lists in a fixed order, and each stop word -> the positions of the lists that contain it."""
    lists = tuple(_stoplists().values())
    index: dict[str, list[int]] = {}
    for i, stop in enumerate(lists):
        for word in stop:
            index.setdefault(word, []).append(i)
    return lists, {w: tuple(ix) for w, ix in index.items()}


@lru_cache(maxsize=None)
def language_stop_words(code: str | None) -> frozenset[str]:
    """stopwords-iso's list for an ISO 639-1 code, lower case: longer than jusText's ("however", "könnte");
    empty for None, ``und`` or a language it lacks."""
    if not code or not stopwordsiso.has_lang(code):
        return frozenset()
    return frozenset(word.lower() for word in stopwordsiso.stopwords(code))


def justext_stop_words(language: str) -> frozenset[str]:
    """jusText's stop list for a language by its English name ("English", "German"); empty if it has none."""
    return _stoplists().get(language, frozenset())


@lru_cache(maxsize=None)
def justext_stop_words_of(code: str | None) -> frozenset[str]:
    """jusText's stop list for an ISO 639-1 code, by the language's English name in CLDR ("cs": Czech; "no" and
    "nb": Norwegian_Bokmal); empty if it has none. For many languages it is a list of frequent words, nouns
    included (Czech vláda, Russian министр), not of function words only."""
    if not code:
        return frozenset()
    try:
        name = Locale("en").languages.get(code, "")
    except (UnknownLocaleError, ValueError):  # pragma: no cover - babel always has English
        return frozenset()
    name = {"Norwegian": "Norwegian Bokmål"}.get(name, name)
    return justext_stop_words(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace(" ", "_"))


def stop_word_count(text: str) -> int:
    """How many of the text's words are stop words of some language (jusText's lists)."""
    index = _stoplist_index()[1]
    return sum(word.lower() in index for word in WORD.findall(text))


def stoplist_for(text: str) -> frozenset[str]:
    """The jusText stop list in which the text's words are densest (a cheap, robust language guess).

    The words are counted first, then each distinct word is looked up once in a word -> lists index; ties go to
    the list that comes first."""
    lists, index = _stoplist_index()
    hits = [0] * len(lists)
    for word, count in Counter(WORD.findall(text)).items():
        for i in index.get(word.lower(), ()):
            hits[i] += count
    best = max(hits, default=0)
    return lists[hits.index(best)] if best else frozenset()
