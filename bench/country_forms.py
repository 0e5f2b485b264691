"""Build ``flows/steps/data/country_forms.json``: the inflected forms of the words of country names, per
language, from the lemmatisation lists of the simplemma package (PyPI, MIT code; its lists' sources and
licences are in ``LICENSE.simplemma``), for ``flows.steps.countries``.

    pip install simplemma==2.0.0      # only to build the table; docindex does not import it
    PYTHONPATH=. python bench/country_forms.py flows/steps/data/country_forms.json

CLDR gives one form of a name, the nominative; news in Russian, Polish, Czech, Finnish, Hungarian, Greek...
writes "в России", "w Niemczech", "v Německu", "Venäjällä", "Oroszországban", "της Γερμανίας". For each
language that babel and simplemma both know (not English, nor German, whose endings ``countries`` handles
itself), each word of the language's own country names (``country_names`` less the English ones) is looked up in
simplemma's list as written (capitalised) and then in lower case; its forms are every word the list leads back
to the same lemma, and each form is written down with that lemma: a name matches when the lemmas of its words
match ("Irlandii Północnej" and "Irlandia Północna" both read irlandia północny). A one-word name must be a lemma itself, so that "Того" (Togo; also a form of "тот", that)
and "Чад" (Chad; a form of "чадо") take no forms; a word of a longer name may be any form, and is looked up in
lower case too ("Соединенные Штаты": штат gives Штатах; "Wielka Brytania": wielki gives Wielkiej), since it
counts only within the whole name. A one-word name stays itself (its forms lead to it), and is never read as another word's form. Arabic also
gets each name with the clitics it writes onto a noun (وفرنسا, بفرنسا, للولايات: ``_ARABIC_PREFIXES``). Left
out: forms of three letters or fewer, forms that do not share the word's first three letters (the list's odd
entries), function words of the language (stopwords-iso), and forms that lead to a one-word name and to another lemma;
a form that leads to two other lemmas makes them one (``countries.lemma_classes``: Polish nowej is a form of nowa
and of nowy, so Nowej Zelandii is Nowa Zelandia).
Output: ``{"source": ..., "forms": {lang: {form: lemma}}}``, lower case, sorted.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from babel import Locale, UnknownLocaleError
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from flows.steps.countries import (  # noqa: E402
    _TOKEN,
    cldr_alternative_names,
    country_names,
    lemma_classes,
    name_key,
    subdivision_names,
    uk_nations,
    variant_names,
)
from flows.steps.stopwords import language_stop_words  # noqa: E402

SOURCE = "simplemma 2.0.0 (PyPI; code MIT, lemmatisation lists from the sources in LICENSE.simplemma)"
#: simplemma's codes where babel's differ
_SIMPLEMMA_CODE = {"no": "nb"}
_SKIP = {"en", "de"}
_MIN_FORM = 4
#: the clitics Arabic writes before a noun: and, so, with/in, for/to, like, and their pairs with "and"; before the
#: article al-, "for" writes lil- (للولايات)
_ARABIC_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


def _written_names(lang: str) -> list[list[str]]:
    """The words of the language's own names as CLDR and the tables write them (Россия, русский, Wyspy Owcze),
    for the names ``country_names`` keeps."""
    keys = country_names(frozenset({lang}), subdivisions=True)
    locale = Locale.parse(lang)
    written = [*locale.territories.values(), *locale.languages.values()]
    for table in (variant_names(), cldr_alternative_names(), subdivision_names(), uk_nations()):
        written += list(table.get(lang, {}))
    names = {tuple(_TOKEN.findall(name)) for name in written if isinstance(name, str)}
    return sorted(list(words) for words in names if name_key(" ".join(words)) in keys)


def _yo(word: str) -> str:
    return word.replace("ё", "е")


def forms_of(lang: str, factory: DefaultDictionaryFactory) -> dict[str, str]:
    dictionary = factory.get_dictionary(_SIMPLEMMA_CODE.get(lang, lang))
    by_lemma: dict[str, list[str]] = defaultdict(list)  # the lists write a lemma in either case: Бельгию -> бельгия
    for form, lemma in dictionary.items():
        by_lemma[lemma.lower()].append(form)
    names = _written_names(lang)
    single = {words[0].lower() for words in names if len(words) == 1}
    stop = language_stop_words(lang)
    found: dict[str, set[str]] = defaultdict(set)
    for words in names:
        for written in words:
            word = written.lower()
            if len(word) < _MIN_FORM:
                continue
            prefix = _yo(word[: min(3, len(word) - 2)])
            candidates: list[tuple[str, list[str]]] = []
            own = len(words) == 1 or word in single  # a country's name, also inside a longer one (Sudan del Sud)
            for lookup in [written] if own else list(dict.fromkeys((written, word))):
                lemma = dictionary.get(lookup, lookup).lower()
                if not _yo(lemma).startswith(prefix):
                    continue  # Stati (Stati Uniti) is a form of essere: read as written
                if own and lemma != word:
                    continue  # a one-word name must be a lemma: Того is a form of тот
                # a capitalised name takes the capitalised forms (Чад: чада and чаду are forms of чад, fumes)
                forms = [f for f in by_lemma.get(lemma, []) if not lookup[:1].isupper() or f[:1].isupper()]
                forms = [f for f in forms if _yo(f.lower()).startswith(prefix) and _TOKEN.fullmatch(f)]
                if forms:
                    candidates.append((lemma, forms))
            if not candidates:
                continue
            # one lemma per word, the one with most forms: Wielka is a form of the name Wielk and of wielki
            lemma, forms = max(candidates, key=lambda candidate: len(candidate[1]))
            key = word if word in single else _yo(lemma)  # a country's own name stays itself
            if key != word:
                found[word].add(key)  # Северная (Северная Корея) is read as северный
            for form in forms:
                lower = form.lower()
                if lower != key and len(lower) >= _MIN_FORM and lower not in stop and lower not in single:
                    found[lower].add(key)
                    found[_yo(lower)].add(key)  # Russian writes ё as е mostly: Соединенные, Соединённые
    if lang == "ar":  # Arabic writes its conjunctions and prepositions onto the word: وفرنسا, بفرنسا, للولايات
        for words in names:
            first = words[0].lower()
            key = next(iter(keys)) if len(keys := found.get(first, set())) == 1 else first
            for prefix in _ARABIC_PREFIXES:
                joined = prefix + (first[1:] if prefix.endswith("ل") and first.startswith("ال") else first)
                found[joined].add(key)
    return lemma_classes(((form, key) for form, keys in found.items() for key in keys), single)


def main(out: Path) -> None:
    factory = DefaultDictionaryFactory(cache_max_size=0)
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    table: dict[str, dict[str, str]] = {}
    for code in sorted(SUPPORTED_LANGUAGES | {"no"}):
        lang = {v: k for k, v in _SIMPLEMMA_CODE.items()}.get(code, code)
        if lang in _SKIP or code in _SIMPLEMMA_CODE:
            continue
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        forms = forms_of(lang, factory)
        if forms:
            table[lang] = forms
            print(f"{lang}: {len(forms)} forms", file=sys.stderr)
    out.write_text(json.dumps({"source": SOURCE, "forms": table}, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
