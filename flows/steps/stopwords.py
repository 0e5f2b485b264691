"""Stop lists: jusText's for many languages (which one a text's words are densest in: a cheap language guess) and
stopwords-iso's longer ones for a known language. One owner for every step that needs them (furniture, headlines,
keywords, countries, encodings).

jusText's lists are each language's most frequent words on Wikipedia, as many as make up a share of its text: for
English or French a few hundred, nearly all function words, but for an inflected language thousands, with names
and content words among them (Turkish türkiye, enerji, bakan; Russian министр, россии). They measure how much of a
line is prose (their use in boilerplate removal); where a step needs the words that say nothing of a text's
subject, ``function_words`` keeps the part of a long list that stopwords-iso's list of the same language has too."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import justext
import stopwordsiso
from babel import Locale, UnknownLocaleError
from babel.core import LOCALE_ALIASES

#: a word: letters and digits, with inner hyphens and apostrophes
WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
#: a jusText list is taken for function words up to this many words (those of the Western languages have 271 to
#: 912); a longer one is a list of frequent words, content words among them (Turkish 2,842, Russian 4,754)
FUNCTION_LIST_MAX_WORDS = 1000


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


@lru_cache(maxsize=1)
def _stoplist_codes() -> dict[frozenset[str], str]:
    """Each jusText list -> the ISO 639-1 code of its language in stopwords-iso (CLDR's English names of languages
    are jusText's names: "Norwegian_Bokmal" is Norwegian Bokmål, nb, which stopwords-iso has as no)."""
    codes = {_list_name(name): code for code, name in Locale("en").languages.items()}
    out = {}
    for name, stop in _stoplists().items():
        code = codes.get(name)
        if code and not stopwordsiso.has_lang(code):
            code = next((alias for alias, locale in LOCALE_ALIASES.items() if locale.split("_")[0] == code), None)
        if code and stopwordsiso.has_lang(code):
            out[stop] = code
    return out


def _unaccented(word: str) -> str:
    """A word without its accents (the combining marks of its decomposed form): είναι -> ειναι."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _accented_share(words: frozenset[str]) -> float:
    return sum(_unaccented(word) != word for word in words) / (len(words) or 1)


def _common(stop: frozenset[str], iso: frozenset[str]) -> frozenset[str]:
    """The words of a jusText list that a stopwords-iso list has; compared without accents where the stopwords-iso
    list is written without them (under half the share of accented words the jusText list has: Greek's, where
    είναι, ότι and αλλά are ειναι, οτι and αλλα)."""
    if _accented_share(iso) >= _accented_share(stop) / 2:
        return stop & iso
    bare = {_unaccented(word) for word in iso}
    return frozenset(word for word in stop if word in iso or _unaccented(word) in bare)


@lru_cache(maxsize=None)
def function_words(stop: frozenset[str]) -> frozenset[str]:
    """The function words of a jusText list (as ``stoplist_for`` returns it), the words that say nothing of what a
    text is about, for keywords and headlines: a list of at most ``FUNCTION_LIST_MAX_WORDS`` words whole (English,
    German, French...: adverbs and conjunctions such as "eventually", "zudem", "insbesondere" that stopwords-iso
    lacks among them); of a longer one, a list of frequent words (jusText's whole Turkish list would drop türkiye,
    enerji and büyük), the words that stopwords-iso's list of its language has too (``_common``), else none."""
    if len(stop) <= FUNCTION_LIST_MAX_WORDS:
        return stop
    code = _stoplist_codes().get(stop)
    return _common(stop, language_stop_words(code)) if code else frozenset()


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
    return justext_stop_words(_list_name({"Norwegian": "Norwegian Bokmål"}.get(name, name)))


def _list_name(english: str) -> str:
    """A language's English name in CLDR as jusText names its list: Norwegian Bokmål -> Norwegian_Bokmal."""
    return unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode().replace(" ", "_")


@lru_cache(maxsize=1)
def _list_languages() -> dict[frozenset[str], str]:
    """Each jusText list -> the code of its language in CLDR, by its English name as jusText writes it ("Danish":
    da, "Norwegian_Nynorsk": nn); a name CLDR does not have by one of its parts that it has ("Simple_English": en,
    "Belarusian_Taraskievica": be)."""
    codes: dict[str, str] = {}
    for code, name in Locale("en").languages.items():
        codes.setdefault(_list_name(name), code)
    out: dict[frozenset[str], str] = {}
    for name, stop in _stoplists().items():
        code = codes.get(name) or next((codes[part] for part in name.split("_") if part in codes), None)
        if code:
            out.setdefault(stop, code.split("_")[0])
    return out


@lru_cache(maxsize=1)
def _language_index() -> dict[str, tuple[int, ...]]:
    """``_stoplist_index``'s word -> lists, without the English words that a list of another language holds and
    the stopwords-iso list of that language does not (``_without_english``)."""
    lists, index = _stoplist_index()
    codes = _list_languages()
    english = frozenset().union(*(stop for stop in lists if codes.get(stop) == "en"))
    kept = [_without_english(stop, english) if codes.get(stop) != "en" else stop for stop in lists]
    return {word: tuple(i for i in ix if word in kept[i]) for word, ix in index.items()}


def _without_english(stop: frozenset[str], english: frozenset[str]) -> frozenset[str]:
    """A jusText list of a language other than English without the words of English's lists, but for those that
    stopwords-iso's list of the language has too (Danish "for", "at", "her"; French "de", "a"): the most frequent
    words of a Wikipedia hold English ones, from titles and citations, that are not the language's own (Marathi's,
    Nepali's and Telugu's list hold "the", "of", "was" and "from"; Finnish's and Turkish's "the", "of", "and")."""
    own = language_stop_words(_stoplist_codes().get(stop))
    return frozenset(word for word in stop if word not in english or word in own)


@lru_cache(maxsize=1)  # the furniture rules guess a text's stop list and its languages from the same words
def _word_counts(text: str) -> Mapping[str, int]:
    """How many times each word (``WORD``) occurs in ``text``, kept for the last text counted (read-only)."""
    return MappingProxyType(Counter(WORD.findall(text)))


def _list_hits(text: str, index: Mapping[str, tuple[int, ...]], lists: int) -> list[int]:
    """How many of the text's words each of ``lists`` stop lists holds, by ``index`` (word -> the lists that hold
    it): each distinct word looked up once."""
    hits = [0] * lists
    for word, count in _word_counts(text).items():
        for i in index.get(word.lower(), ()):
            hits[i] += count
    return hits


def language_hits(text: str) -> Counter[str]:
    """How many of the text's words each language's jusText list holds, by the language's code in CLDR
    (``_list_languages``; of two lists of one language, Simple English's and English's, the higher count). A list
    of another language is counted without the English words it holds that are not its language's own
    (``_without_english``): an English text is not also one in Marathi, Sundanese or Uzbek, whose byline words
    ("Yazan:") would then be read in it."""
    lists = _stoplist_index()[0]
    hits = _list_hits(text, _language_index(), len(lists))
    codes, out = _list_languages(), Counter[str]()
    for stop, n in zip(lists, hits, strict=True):
        if n and (code := codes.get(stop)):
            out[code] = max(out[code], n)
    return out


def stop_word_count(text: str) -> int:
    """How many of the text's words are stop words of some language (jusText's lists)."""
    index = _stoplist_index()[1]
    return sum(word.lower() in index for word in WORD.findall(text))


#: ``stoplist_for`` keeps the stop lists of this many texts: a route's steps read the stop list of the same text
#: one after another, with the page's text or its cleaned lines between
STOPLISTS_KEPT = 4


@lru_cache(maxsize=STOPLISTS_KEPT)
def stoplist_for(text: str) -> frozenset[str]:
    """The jusText stop list in which the text's words are densest (a cheap, robust language guess), kept for the
    last ``STOPLISTS_KEPT`` texts read.

    The words are counted first, then each distinct word is looked up once in a word -> lists index; ties go to
    the list that comes first."""
    lists, index = _stoplist_index()
    hits = _list_hits(text, index, len(lists))
    best = max(hits, default=0)
    return lists[hits.index(best)] if best else frozenset()
