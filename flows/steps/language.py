"""Language of a text with langdetect: seeded, restricted to the languages the deployment expects.

Only the profiles of the expected languages are loaded, so the detector never answers a language nobody
expects (Somali for a two-word German headline) and its probabilities are spread over plausible answers only.
Texts that are short or where the detector is unsure get ``und``. Short texts need a higher probability. So do
texts in a language nobody expects: restricted to the expected languages, the detector names the nearest one
(Bulgarian is Russian, Slovak Czech, Indonesian Turkish), so a second pass over the profiles of every language
written in the same scripts checks each answer, and a text it is sure is in another language gets ``und``
(``unexpected_language``). A text in several scripts is read in the one holding most of its letters, and only a
language written in it is an answer (``main_script``).

Optionally (``short_texts="lingua"``, the ``lingua`` extra), texts under SHORT_TEXT_CHARS letters go to lingua
instead, whose n-gram models tell titles and short phrases apart far better, at the cost of memory: see
``bench/RESULTS.md``. It is restricted to the same languages and answers only above LINGUA_MIN_CONFIDENCE.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import langdetect
from babel import Locale
from babel.core import get_global
from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from flows.models import UNDETERMINED, Chunk, CleanDocument, Language, count_words
from flows.steps.stopwords import WORD, language_stop_words, stoplist_for

if TYPE_CHECKING:
    from lingua import Language as LinguaLanguage
    from lingua import LanguageDetector

DEFAULT_SEED = 0
DEFAULT_MIN_CHARS = 14
DEFAULT_MIN_PROBABILITY = 0.70
#: texts with fewer letters than this need at least SHORT_MIN_PROBABILITY
SHORT_TEXT_CHARS = 60
SHORT_MIN_PROBABILITY = 0.90
#: characters given to langdetect: its n-gram sampling converges well before this, and more only costs time
MAX_CHARS = 2000
#: random trials langdetect averages on short texts (its default of 7 rounds their probabilities to sevenths);
#: texts of LONG_TEXT_LETTERS letters or more converge in every trial, so the default 7 is enough for them
SHORT_TEXT_TRIALS = 20
LONG_TEXT_TRIALS = 7
LONG_TEXT_LETTERS = 300
#: a Chinese or Japanese character carries about as much as this many letters of an alphabetic script
UNSPACED_LETTER_WEIGHT = 3
#: the check for a language outside the expected ones: langdetect over the profiles of all languages written
#: in the expected languages' scripts (41 of its 55 for the default list), on the first
#: UNEXPECTED_SAMPLE_CHARS characters in UNEXPECTED_TRIALS trials, must give it at least UNEXPECTED_MIN_PROBABILITY
UNEXPECTED_MIN_PROBABILITY = 0.99
#: texts with fewer letters are not checked: for a title or a two-word text, one trial over dozens of profiles is
#: no better than the answer it would check
UNEXPECTED_MIN_LETTERS = 30
UNEXPECTED_SAMPLE_CHARS = 500
UNEXPECTED_TRIALS = 1
#: ISO 639-1 codes: the EU's larger languages plus a few others news archives commonly hold
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "no", "fi", "cs", "ro", "hu", "el",
    "ru", "uk", "tr", "ar", "zh", "ja",
)  # fmt: skip

#: the detector for texts under SHORT_TEXT_CHARS letters (longer ones always go to langdetect)
ShortTextDetector = Literal["langdetect", "lingua"]
#: lingua's confidence (its probabilities over the expected languages) needed for an answer
LINGUA_MIN_CONFIDENCE = 0.6
#: lingua's languages under another ISO 639-1 code: Norwegian is Bokmål there (as langdetect's profile mostly
#: is; adding Nynorsk's score to it took Danish phrases for Norwegian)
_LINGUA_ALIASES = {"nb": "no"}

_PROFILES = Path(langdetect.__file__).resolve().parent / "profiles"


def available_languages() -> frozenset[str]:
    """ISO 639-1 codes langdetect has a profile for (zh-cn and zh-tw are both 'zh')."""
    return frozenset(p.name.split("-")[0] for p in _PROFILES.iterdir())


@lru_cache(maxsize=8)
def _factory(languages: frozenset[str]) -> DetectorFactory:
    unknown = languages - available_languages()
    if unknown:
        raise ValueError(f"no language profile for {sorted(unknown)}; available: {sorted(available_languages())}")
    files = sorted(p for p in _PROFILES.iterdir() if p.name.split("-")[0] in languages)
    factory = DetectorFactory()
    if len(files) == 1:  # langdetect needs two profiles to compare; a lone language is always the answer
        files.append(next(p for p in sorted(_PROFILES.iterdir()) if p not in files))
    factory.load_json_profile([p.read_text(encoding="utf-8") for p in files])
    return factory


def _lingua_code(language: LinguaLanguage) -> str:
    """The code of one of lingua's languages, as langdetect writes it."""
    code = language.iso_code_639_1.name.lower()
    return _LINGUA_ALIASES.get(code, code)


def lingua_languages() -> frozenset[str]:
    """ISO 639-1 codes lingua has models for, in langdetect's codes ('no' for its Bokmål).

    Raises ImportError without the ``lingua`` extra (``pip install "docindex[lingua]"``).
    """
    from lingua import Language as LinguaLanguage

    return frozenset(_lingua_code(lang) for lang in LinguaLanguage.all())


@lru_cache(maxsize=8)
def _lingua(languages: frozenset[str]) -> LanguageDetector:
    """lingua's detector for these languages, all their models loaded (in high accuracy mode)."""
    from lingua import Language as LinguaLanguage
    from lingua import LanguageDetectorBuilder

    unknown = languages - lingua_languages()
    if unknown:
        raise ValueError(f"lingua has no model for {sorted(unknown)}; available: {sorted(lingua_languages())}")
    chosen = [lang for lang in LinguaLanguage.all() if _lingua_code(lang) in languages]
    if len(chosen) == 1:  # lingua answers nothing with one language: compare it with another, as for langdetect
        chosen.append(LinguaLanguage.GERMAN if chosen[0] is LinguaLanguage.ENGLISH else LinguaLanguage.ENGLISH)
    return LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()


def _detect_with_lingua(sample: str, allowed: frozenset[str]) -> Language:
    scores: dict[str, float] = {}
    for value in _lingua(allowed).compute_language_confidence_values(sample):
        if (code := _lingua_code(value.language)) in allowed:
            scores[code] = scores.get(code, 0.0) + value.value
    if not scores:
        return Language(code=UNDETERMINED, probability=0.0)
    code, prob = max(scores.items(), key=lambda kv: kv[1])
    if prob < LINGUA_MIN_CONFIDENCE:
        return Language(code=UNDETERMINED, probability=round(prob, 4))
    return Language(code=code, probability=round(min(prob, 1.0), 4))


def _unspaced(ch: str) -> bool:
    """Han, kana and hangul syllables: scripts where one character is a syllable or a word."""
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def letter_weight(text: str) -> int:
    """Letters in the text, a Chinese or Japanese character counting as UNSPACED_LETTER_WEIGHT letters."""
    return sum(UNSPACED_LETTER_WEIGHT if _unspaced(ch) else 1 for ch in text if ch.isalpha())


#: Unicode's names for the letters of a CLDR script code, where they are not its English name in capitals
#: (Korean is written in hangul: a text of Chinese characters is not Korean, though langdetect's profile has them)
_SCRIPT_LETTERS = {"Hans": {"CJK"}, "Hant": {"CJK"}, "Jpan": {"CJK", "HIRAGANA", "KATAKANA"},
                   "Kore": {"HANGUL"}, "Beng": {"BENGALI"}}  # fmt: skip
#: a text whose letters are mostly of a script no expected language is written in gets ``und``
FOREIGN_SCRIPT_MIN_SHARE = 0.5
#: characters beyond the Latin blocks (Basic Latin to Latin Extended-B)
_BEYOND_LATIN = re.compile("[^\u0000-\u024f]")


@lru_cache(maxsize=8)
def _letters_of(languages: frozenset[str]) -> frozenset[str] | None:
    """The first words of the Unicode names of the letters the languages are written in ("LATIN", "CJK"), from
    CLDR's likely script of each; None when one of them is not known (no text is then called foreign)."""
    likely, names = get_global("likely_subtags"), Locale("en").scripts
    out: set[str] = set()
    for lang in languages:
        parts = str(likely.get(lang, "")).split("_")
        script = next((p for p in parts[1:] if len(p) == 4), None)
        if script is None:
            return None
        out |= _SCRIPT_LETTERS.get(script, {str(names.get(script, script)).upper()})
    return frozenset(out)


#: a letter outside the Latin blocks (Basic Latin to Latin Extended-B): only a text with one has several scripts
_LETTER_BEYOND_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")


@lru_cache(maxsize=65536)
def script_of(letter: str) -> str:
    """The script of a letter, as the first word of its Unicode name ("LATIN", "CYRILLIC"); Chinese characters and
    kana are one script ("CJK"): Japanese is written in both."""
    if "\u3040" <= letter <= "\u30ff" or "\u3400" <= letter <= "\u9fff":
        return "CJK"
    return unicodedata.name(letter, "?").split(" ")[0]


def main_script(sample: str) -> tuple[str, str | None]:
    """The script holding most of the sample's letters (``letter_weight``, ``script_of``; None without letters),
    and the sample with the letters of the others blanked out: what the detector reads of a text in several.

    langdetect draws n-grams at random and finds about three in a Latin letter, under one in a Chinese character
    (it maps them to a few thousand classes, whose pairs its profiles mostly lack); an n-gram of one script all but
    rules out the languages written in another, so the script with more n-grams wins. A Chinese article of 300
    characters with a 37-word English quote read as English; with a 20-word quote as Norwegian, whose profile
    holds more stray Chinese characters than the other Latin-script ones. The letters of the other scripts are
    read in their own paragraphs (``language_breaks``)."""
    if not _LETTER_BEYOND_LATIN.search(sample):
        return sample, "LATIN"
    weights = _script_weights(sample)
    main = max(weights, key=weights.__getitem__, default=None)  # none for numbers only (① ②)
    if len(weights) < 2:
        return sample, main
    return "".join(" " if ch.isalpha() and script_of(ch) != main else ch for ch in sample), main


def _script_weights(text: str) -> Counter[str]:
    """``letter_weight`` of the text's letters per script (``script_of``)."""
    weights: Counter[str] = Counter()
    for ch, n in Counter(text).items():  # each character once: a text holds few
        if ch.isalpha():
            weights[script_of(ch)] += n * (UNSPACED_LETTER_WEIGHT if _unspaced(ch) else 1)
    return weights


def _written_in(script: str | None, scores: dict[str, float], languages: frozenset[str]) -> dict[str, float]:
    """The scores of the languages written in the script (CLDR's likely script of each), as probabilities among
    them: langdetect's Korean profile holds Chinese characters, and with Korean expected Chinese sentences were
    Korean or und. All of them when no expected language is known to be written in the script."""
    if script is None or script not in (_letters_of(languages) or ()):
        return scores
    kept = {c: p for c, p in scores.items() if (letters := _letters_of(frozenset({c}))) is None or script in letters}
    dropped = sum(scores.values()) - sum(kept.values())
    return {c: p / (1 - dropped) for c, p in kept.items()} if kept and dropped > 0 else kept


def foreign_script(sample: str, languages: frozenset[str]) -> bool:
    """Most of the sample's letters are of a script none of the languages is written in (Korean when only
    Chinese and Japanese use characters): restricted to the expected languages, the detector would name one of
    them with full confidence."""
    expected = _letters_of(languages)
    if expected is None:
        return False
    if "LATIN" in expected and len(_BEYOND_LATIN.findall(sample)) * 2 <= len(sample) - sample.count(" "):
        return False  # mostly Latin script (or punctuation, digits): no need to name every letter's script
    scripts = Counter(unicodedata.name(ch, "?").split(" ")[0] for ch in sample if ch.isalpha())
    scripts.pop("FULLWIDTH", None)
    total = sum(scripts.values())
    foreign = sum(n for script, n in scripts.items() if script not in expected)
    return total > 0 and foreign > FOREIGN_SCRIPT_MIN_SHARE * total


def _scores(detector: Detector) -> dict[str, float]:
    """The detector's probability for each language (zh-cn and zh-tw count as one), or nothing when the text has
    no feature it knows."""
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return {}
    scores: dict[str, float] = {}
    for item in ranked:
        code = item.lang.split("-")[0]
        scores[code] = scores.get(code, 0.0) + item.prob
    return scores


@lru_cache(maxsize=8)
def _rivals(languages: frozenset[str]) -> frozenset[str]:
    """The languages langdetect has a profile for that are written in the scripts of ``languages`` (all of them
    when a script is not known): a text in any other script is ``und`` before detection."""
    expected = _letters_of(languages)
    if expected is None:
        return available_languages()
    return frozenset(
        code for code in available_languages() if (letters := _letters_of(frozenset({code}))) and letters <= expected
    )


def unexpected_language(sample: str, languages: frozenset[str], seed: int = DEFAULT_SEED) -> str | None:
    """The language, not one of ``languages``, that langdetect over the profiles of every language written in
    their scripts is sure the sample is in; None when it names an expected language or is unsure."""
    rivals = _rivals(languages)
    if rivals <= languages:
        return None
    detector = _factory(rivals).create()
    detector.seed = seed
    detector.n_trial = UNEXPECTED_TRIALS
    detector.append(sample[:UNEXPECTED_SAMPLE_CHARS])
    scores = _scores(detector)
    if not scores:
        return None
    code, prob = max(scores.items(), key=lambda kv: kv[1])
    return None if code in languages or prob < UNEXPECTED_MIN_PROBABILITY else code


def detect_language(
    text: str,
    *,
    languages: Iterable[str] = DEFAULT_LANGUAGES,
    min_chars: int = DEFAULT_MIN_CHARS,
    min_probability: float = DEFAULT_MIN_PROBABILITY,
    seed: int = DEFAULT_SEED,
    short_texts: ShortTextDetector = "langdetect",
) -> Language:
    """ISO 639-1 code and probability, or 'und' when the text is too short, the detector is unsure, or the text
    is in a language that is not one of ``languages`` (``unexpected_language``).

    ``short_texts="lingua"``: a text under SHORT_TEXT_CHARS letters (with at least one) goes to lingua, which
    needs no minimum length (``min_chars`` and ``min_probability`` are langdetect's): its confidence decides.
    """
    found, _ = _detect(
        text,
        languages=languages,
        min_chars=min_chars,
        min_probability=min_probability,
        seed=seed,
        short_texts=short_texts,
    )
    return found


def _detect(
    text: str,
    *,
    languages: Iterable[str] = DEFAULT_LANGUAGES,
    min_chars: int = DEFAULT_MIN_CHARS,
    min_probability: float = DEFAULT_MIN_PROBABILITY,
    seed: int = DEFAULT_SEED,
    short_texts: ShortTextDetector = "langdetect",
    checked: str = UNDETERMINED,
) -> tuple[Language, bool]:
    """detect_language's answer, and whether it is ``und`` because the text is in a language not expected.
    ``checked``: a language already confirmed for the text around this one (its document's): that answer is
    not checked again."""
    allowed = frozenset(languages)
    undetermined = Language(code=UNDETERMINED, probability=0.0)
    sample, script = main_script(" ".join(text.split())[:MAX_CHARS])
    sample = " ".join(sample.split())
    letters = letter_weight(sample)
    if short_texts == "lingua" and 0 < letters < SHORT_TEXT_CHARS:
        found = _detect_with_lingua(sample, allowed)
    elif letters < min_chars or foreign_script(sample, allowed):
        return undetermined, False
    else:
        detector = _factory(allowed).create()
        detector.seed = seed
        detector.n_trial = SHORT_TEXT_TRIALS if letters < LONG_TEXT_LETTERS else LONG_TEXT_TRIALS
        detector.append(sample)
        scores = _written_in(script, {c: p for c, p in _scores(detector).items() if c in allowed}, allowed)
        if not scores:
            return undetermined, False
        code, prob = max(scores.items(), key=lambda kv: kv[1])
        needed = max(min_probability, SHORT_MIN_PROBABILITY) if letters < SHORT_TEXT_CHARS else min_probability
        found = Language(code=code if prob >= needed else UNDETERMINED, probability=round(min(prob, 1.0), 4))
    long_enough = letters >= UNEXPECTED_MIN_LETTERS
    if long_enough and found.code not in (UNDETERMINED, checked) and unexpected_language(sample, allowed, seed):
        return undetermined, True
    return found, False


def annotate_language(doc: CleanDocument, **options: object) -> CleanDocument:
    """A copy of the document with its detected language."""
    return doc.model_copy(update={"language": detect_language(doc.text, **options)})  # type: ignore[arg-type]


def annotate_chunks(chunks: list[Chunk], doc_language: Language, **options: object) -> list[Chunk]:
    """Copies of the passages, each with its own language; a passage too short to tell, or one the detector is
    unsure of, takes the document's (not one in a language the deployment does not expect; of a document that is
    ``und``, the language its passages settle, ``settled_language``). A passage in the
    document's language is not checked for an unexpected language again: the document's text was."""
    out, taken = [], []
    for chunk in chunks:
        own, unexpected = _detect(chunk.text, checked=doc_language.code, **options)  # type: ignore[arg-type]
        keep = own.code != UNDETERMINED or unexpected  # a passage in a language nobody expects: not the document's
        out.append(chunk.model_copy(update={"language": own if keep else doc_language}))
        taken.append(not keep)
    settled = settled_language(doc_language, out)  # an undetermined document's language, as its passages give it
    if settled != doc_language:
        out = [c.model_copy(update={"language": settled}) if took else c for c, took in zip(out, taken, strict=True)]
    return out


def settled_language(doc_language: Language, chunks: list[Chunk]) -> Language:
    """The document's language as its passages settle it: the language of passages holding more than half of its
    letters (``letter_weight``: a Chinese character counts as several; a passage's letters in a script its
    language is not written in count for none), with their mean probability weighted so, when that is not the
    document's (its opening, which the detector reads, was ``und`` or misleading: a Chinese article opening with
    a long English abstract); else the document's as it was."""
    if not chunks:
        return doc_language
    weights: Counter[str] = Counter()
    own: list[int] = []  # each passage's letters, without the overlap with the one before (counted there)
    end = 0
    for chunk in chunks:
        own.append(_letters_in(chunk.text[max(0, end - chunk.char_start) :], chunk.language.code))
        end = max(end, chunk.char_end)
        weights[chunk.language.code] += own[-1]
    best, weight = next(((c, w) for c, w in weights.most_common() if c != UNDETERMINED), (UNDETERMINED, 0))
    if best == doc_language.code or weight * 2 <= weights.total():
        return doc_language
    probability = sum(c.language.probability * w for c, w in zip(chunks, own, strict=True) if c.language.code == best) / weight
    return Language(code=best, probability=round(probability, 4))


def _letters_in(text: str, code: str) -> int:
    """``letter_weight`` of the text's letters in the scripts the language is written in (CLDR's likely script;
    every letter for ``und`` or a language whose script is not known): a short Russian paragraph after a long
    English quote goes into the quote's passage, and is no English."""
    letters = _letters_of(frozenset({code})) if code != UNDETERMINED else None
    if letters is None or ("LATIN" in letters and not _LETTER_BEYOND_LATIN.search(text)):
        return letter_weight(text)
    return sum(weight for script, weight in _script_weights(text).items() if script in letters)


def document_languages(doc_language: Language, chunks: list[Chunk]) -> tuple[str, ...]:
    """Every determined language of the document and its passages, the document's first."""
    codes = [doc_language.code, *(c.language.code for c in chunks)]
    return tuple(dict.fromkeys(c for c in codes if c != UNDETERMINED))


#: a paragraph of at least this many words is read alone for its language (``language_breaks``)
PARAGRAPH_MIN_WORDS = 15
#: a paragraph with a smaller share of the document language's stop words may be in another language and is read
#: alone (prose holds 30 to 50 % stop words of its own language, another language's prose 0 to 15 %)
FOREIGN_MAX_STOPWORD_SHARE = 0.2
#: ... and reads as prose in the stop list its words are densest in with at least this share (95 % of the prose
#: paragraphs of 300 evaluation pages do; a list of names reaches 0.25 in jusText's noisier lists)
PROSE_MIN_STOPWORD_SHARE = 0.3
#: a paragraph read alone counts for a language with at least this probability (else it takes its neighbours')
PARAGRAPH_MIN_PROBABILITY = 0.95
#: paragraphs read alone at most, per document (``language_breaks``)
MAX_PARAGRAPHS_READ = 2000
#: a run of paragraphs in one language starts passages of its own when it holds at least this many words (a
#: quoted sentence in another language stays in its passage)
LANGUAGE_RUN_MIN_WORDS = 40


def language_breaks(text: str, doc_language: Language, **options: object) -> tuple[int, ...]:
    """Offsets of the paragraphs where the text's language changes for a run of ``LANGUAGE_RUN_MIN_WORDS`` words
    or more (a German report followed by its English version): passages are cut there (``chunk_document``), so
    that each is in one language and analysed in it.

    A paragraph of ``PARAGRAPH_MIN_WORDS`` or more is read alone when it may be in another language than the
    document's: it is written in another kind of script (Latin in a Chinese document, Chinese in an English one),
    or it holds under ``FOREIGN_MAX_STOPWORD_SHARE`` of the stop words of the document's language and at least
    ``PROSE_MIN_STOPWORD_SHARE`` of those of the stop list its own words are densest in (prose in another
    language: a list of names is prose in none, and costs no detection); when the document is ``und``, or in a
    language not written in the kind of script most of the text is in (a Chinese text whose opening, the part
    the detector reads, is an English abstract), every paragraph that reads as prose so, and in Chinese or
    Japanese every paragraph. At most ``MAX_PARAGRAPHS_READ``
    are read by the detector; the others take the language found so far (the document's included) whose stop words
    they hold most of, if 20 % or more (a long bilingual document is cut to its end). A paragraph counts when the detector is sure of it
    (``PARAGRAPH_MIN_PROBABILITY``); a paragraph too short to tell (a heading) takes the language of the next one
    read, or at the end of the one before. A run shorter than ``LANGUAGE_RUN_MIN_WORDS`` between two runs of one
    language stays in their passage (a quotation); elsewhere it is a passage of its own."""
    paragraphs: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((offset, line))
        offset += len(line) + 1
    long = [(at, line) for at, line in paragraphs if count_words(line) >= PARAGRAPH_MIN_WORDS]
    if len(long) < 2:
        return ()
    code = doc_language.code
    unspaced = _mostly_unspaced(text)
    # the document's language is not written in the kind of script most of the text is in (the opening the
    # detector read is in the other kind): every paragraph of that kind is read
    misread = code == UNDETERMINED or _written_unspaced(code) != unspaced
    stop = frozenset() if unspaced or misread else language_stop_words(code)

    def suspect(line: str) -> bool:
        if _mostly_unspaced(line) != unspaced:  # another kind of script
            return True
        if unspaced:
            return misread
        if misread or (stop and _stop_share(line, stop) < FOREIGN_MAX_STOPWORD_SHARE):
            return _stop_share(line, stoplist_for(line)) >= PROSE_MIN_STOPWORD_SHARE  # prose, in another language
        return False

    suspects = [(at, line) for at, line in long if suspect(line)]
    if not suspects:
        return ()
    read = {at: code for at, _ in long}
    for at, line in suspects[:MAX_PARAGRAPHS_READ]:
        found = detect_language(line, **options)  # type: ignore[arg-type]
        read[at] = found.code if found.probability >= PARAGRAPH_MIN_PROBABILITY else UNDETERMINED
    # past the limit, a paragraph is in the language found so far whose stop words it holds most of
    seen = {c: stops for c in {*read.values(), code} - {UNDETERMINED} if (stops := language_stop_words(c))}
    for at, line in suspects[MAX_PARAGRAPHS_READ:]:
        share, best = max(((_stop_share(line, stops), c) for c, stops in seen.items()), default=(0.0, UNDETERMINED))
        read[at] = best if share >= FOREIGN_MAX_STOPWORD_SHARE else UNDETERMINED
    codes = [read.get(at, UNDETERMINED) for at, _ in paragraphs]
    following = UNDETERMINED
    for k in range(len(codes) - 1, -1, -1):  # a short paragraph (a heading) is in the language of what it leads
        codes[k] = following = codes[k] if codes[k] != UNDETERMINED else following
    runs: list[tuple[int, str, int]] = []  # (offset, language, words) of each run of paragraphs
    for (at, line), found_code in zip(paragraphs, codes, strict=True):
        words = count_words(line)
        if runs and found_code in (UNDETERMINED, runs[-1][1]):  # after the last paragraph read: the language before
            runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + words)
        else:
            runs.append((at, found_code, words))
    merged: list[tuple[int, str, int]] = []
    for k, run in enumerate(runs):
        # a short run between two of one language is a quotation in their passage; at an edge, or between two
        # languages, it is a passage of its own language (a lead before its translation, a closing paragraph)
        quoted = run[2] < LANGUAGE_RUN_MIN_WORDS and merged and k + 1 < len(runs) and runs[k + 1][1] == merged[-1][1]
        if merged and (merged[-1][1] == run[1] or quoted):
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + run[2])
        else:
            merged.append(run)
    return tuple(at for at, _, _ in merged[1:])


def _mostly_unspaced(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(map(_unspaced, letters)) * 2 > len(letters)


#: the first words of the Unicode names of the letters of scripts written without spaces (``_unspaced``)
_UNSPACED_LETTERS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def _written_unspaced(code: str) -> bool:
    """The language is written in a script of ``_unspaced`` characters (CLDR's likely script)."""
    return bool((_letters_of(frozenset({code})) or frozenset()) & _UNSPACED_LETTERS)


def _stop_share(line: str, stop: frozenset[str]) -> float:
    words = WORD.findall(line)
    return sum(w.lower() in stop for w in words) / len(words) if words else 1.0
