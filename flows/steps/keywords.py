"""Keywords of a document for a tag cloud: frequent content words and names, stop words excluded.

A light YAKE-like score: a term is better the more often it occurs and the earlier it first appears; words under
four letters and stop words never count: the function words of jusText's list for the text's language (the one in
which its words are densest; ``stopwords.function_words``: not its content words, which in Turkish or Russian
include türkiye and министр) and, for the document's language, the longer list of stopwords-iso ("however",
"könnte"). Measured
against keyphrases people chose for English, French and Portuguese news (``bench/eval_keywords.py``, figures in
bench/RESULTS.md); a boost for words capitalised mid-sentence (names) did not help there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from flows.models import UNSPACED_CHAR
from flows.steps.stopwords import function_words, language_stop_words, stoplist_for
from flows.steps.metadata import calendar_words

_TERM = re.compile(r"[^\W\d_][\w-]*[^\W_]", re.UNICODE)
#: web and e-mail addresses: their pieces ("http", "amzn", "www") are no keywords
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: what may stand between a sentence's end and its first word: spaces, opening quotes and brackets
_OPENING = " \t\"'“‘„«‹(["
MIN_LETTERS = 4
DEFAULT_TOP = 10
#: a term in a script written without spaces would be a whole clause ("月12日の歴史的な米朝首脳会談を巡って..."):
#: no keywords in them without a word segmenter; the names in Latin script among them (DeepMind) still count
#: German endings cut from a keyword (twice at most) to find its other forms in the text: militärische,
#: militärischen, militärischer -> one keyword, shown in its shortest form; so Russland and Russlands, China and
#: Chinas. A stem keeps at least MIN_LETTERS letters.
GERMAN_ENDINGS = ("en", "er", "es", "em", "e", "n", "s")
#: a line with at least this many words of MIN_LETTERS, this share of them capitalised, is in title case
CASED_LINE_MIN_WORDS = 3
CASED_LINE_MIN_SHARE = 0.6


@lru_cache(maxsize=64)
def _stop_words(function_list: frozenset[str], language: str | None) -> frozenset[str]:
    """Stop words, and the names of the weekdays and months (CLDR; English and the document's language): a
    date's words say when, not what about."""
    return function_list | language_stop_words(language) | calendar_words(frozenset({language} if language else set()))


def _german_stem(word: str) -> str:
    for _ in range(2):
        ending = next((e for e in GERMAN_ENDINGS if word.endswith(e) and len(word) - len(e) >= MIN_LETTERS), None)
        if ending is None:
            break
        word = word[: -len(ending)]
    return word


def _starts_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def _cased_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in title case or capitals (headlines: "Child Star Shocks Fans"), where a
    capital says nothing about the word: at least ``CASED_LINE_MIN_WORDS`` words of four letters or more, and
    ``CASED_LINE_MIN_SHARE`` of them capitalised; or two words or more, all in capitals."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if in_title_case(line) or (line.isupper() and len(line.split()) >= 2):  # or in capitals: "EU UND USA"
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def line_at(text: str, at: int) -> str:
    """The line of ``text`` that holds position ``at``."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]


def in_title_case(line: str) -> bool:
    """At least ``CASED_LINE_MIN_WORDS`` words of ``MIN_LETTERS`` letters or more, ``CASED_LINE_MIN_SHARE`` of them
    capitalised: a headline ("Child Star Shocks Fans") or a line in capitals."""
    words = [w for w in _TERM.findall(line) if len(w) >= MIN_LETTERS]
    return len(words) >= CASED_LINE_MIN_WORDS and sum(w[0].isupper() for w in words) >= CASED_LINE_MIN_SHARE * len(words)


def extract_keywords(
    text: str, *, top: int = DEFAULT_TOP, language: str | None = None, also: Iterable[str] = ()
) -> tuple[str, ...]:
    """Up to ``top`` keywords, best first, in the case they are most often written in inside a sentence (a
    sentence's first word, and the words of a line in title case or capitals, are capitalised whatever they are);
    ``language``: the document's language code, if known (German: the forms of a word are one keyword);
    ``also``: the other languages its passages are in, whose stop words never count either (a German report
    quoting an English speech)."""
    stop = _stop_words(function_words(stoplist_for(text)), language)
    for other in dict.fromkeys(also):
        if other != language:
            stop |= _stop_words(frozenset(), other)
    fold_german = language == "de"
    blanked = _ADDRESS.sub(lambda m: " " * len(m.group()), UNSPACED_CHAR.sub(" ", text))  # one for one: offsets hold
    terms = list(_TERM.finditer(blanked))
    if not terms:
        return ()
    cased = _cased_lines(text)
    line_starts = [start for start, _ in cased]
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    for i, match in enumerate(terms):
        term = match.group(0)
        key = term.lower()
        if key in stop:
            continue
        at = match.start()
        k = bisect_right(line_starts, at) - 1
        in_cased_line = k >= 0 and at < cased[k][1]
        if len(key) < MIN_LETTERS and not (term.isupper() and not in_cased_line):
            continue  # shorter words only as acronyms: BMW, SPD, EU
        if fold_german and len(key) >= MIN_LETTERS:
            key = _german_stem(key)
        counts[key] += 1
        capital_says_nothing = _starts_sentence(text, at) or in_cased_line
        # a form written inside a sentence outweighs any number of forms whose capital says nothing
        forms.setdefault(key, Counter())[term] += 1 if capital_says_nothing else len(terms)
        first.setdefault(key, i)
    n = len(terms)
    scores = {k: c * (1.5 - first[k] / n) for k, c in counts.items() if c >= 2 or n < 60}
    best = sorted(scores, key=lambda k: (-scores[k], k))[:top]
    return tuple(_shown(forms[k], shortest=fold_german) for k in best)


def _shown(forms: Counter[str], *, shortest: bool) -> str:
    """The form a keyword is shown in: the most frequent (in-sentence forms weigh most); with ``shortest``, the
    shortest spelling among German forms folded together (Russland, not Russlands), in its most frequent case."""
    if not shortest:
        return forms.most_common(1)[0][0]
    spelling = min({form.lower() for form in forms}, key=lambda w: (len(w), w))
    return max((form for form in forms if form.lower() == spelling), key=lambda form: (forms[form], form))
