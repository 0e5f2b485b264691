"""Countries a text mentions, as ISO 3166-1 alpha-2 codes, whatever its language or inflection.

Names come from CLDR (babel): every territory's name in each expected language, the names of languages
spoken officially in one or two countries ("Japanese", "Ukrainisch": the adjective of their country) or named
after one of the countries where they are official ("Russisch", "Französisch"; see ``home_countries``), and
the abbreviations news writes (``NEWS_ABBREVIATIONS``: US, U.S., UK, UAE, DPRK, ...); English demonyms and
variant names CLDR lacks come from countryinfo (British, American, Turkey, Great Britain; see
``english_variants``), names CLDR lacks in other languages from i18n-iso-countries (Großbritannien,
Wit-Rusland; see ``variant_names``), and CLDR's short and variant names that babel does not ship (Британия, САЩ,
ZDA; see ``cldr_alternative_names``). A word matches a name
followed by one of a few inflection or derivation endings (Russlands, russischen, Nordkoreas, North Korean,
Iranian), and in German the adjective of a German name (iranische, kanadischen, belgisches; see
``_german_adjective_stems``) and the nationality adjectives of the i18n-nationality package (amerikanische,
britischen, deutsche; see ``nationality_adjectives``), and the nouns for the people made from those (Russen,
Amerikaner, Spanierin; see ``_german_nouns``); longer names win over shorter ones. ISO 3166-2 subdivision
names from iso-codes give the United Kingdom's nations (Scotland, Nordirland), as CLDR's do in nearly every language
(Шотландия, Severní Irsko; see ``uk_nations``), and keep a country's name inside a subdivision's from counting (New
Jersey, British Columbia; see ``subdivision_names``). A country's name that is a populous English-speaking
country's state too is the state unless the text names the country's places, neighbours or currency, or a
sovereign state's organ and nothing of a member state's (Georgia, Georgians; see ``shared_names``), and one a
state is named after is no country before a capital's word that does not make its capital ("Jersey City"; see
``named_after_a_state``); in English text a name the text also writes in lower case is that word where its
capital says nothing ("Turkey Meatloaf ... ground turkey"; see ``_the_common_word``) unless it is a possessive
("Turkey's parliament") or the text names the country's own places, neighbours or currency (``_own_evidence``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies
from countryinfo import CountryInfo

from flows.steps.boilerplate import unspaced
from flows.steps.keywords import MIN_LETTERS, in_title_case, line_at
from flows.steps.metadata import calendar_words
from flows.steps.stopwords import justext_stop_words, justext_stop_words_of, language_stop_words

#: the German adjective of a country's German name: iranisch, israelische, österreichischen, kanadischer (Kanada),
#: belgisches (Belgien), philippinischen (Philippinen)
_GERMAN_ADJECTIVE = ("isch", "ische", "ischen", "ischer", "isches", "ischem")
#: what a name loses before the German adjective's ending: Kanada -> kanadisch, Belgien -> belgisch
_GERMAN_ADJECTIVE_DROPS = ("", "a", "ien", "en")
#: endings of the German nouns for a country's people, after the stem of its adjective (``_german_nouns``): die
#: Russen, Russin, Russinnen; Amerikaner, Amerikanern, Amerikanerin, Amerikanerinnen; Spanier, Spaniern. The
#: singular in -e (der Russe, der Franzose) only after an article (``_german_singular``): georgisch would make
#: George, an English first name in German news
_GERMAN_NOUN = ("en", "in", "innen", "er", "ern", "erin", "erinnen", "ier", "iern", "ierin", "ierinnen")
#: a shorter stem makes ordinary words of the nouns' forms: Maler, Malen (malisch, Mali)
_MIN_NOUN_STEM = 4
#: endings a country name or adjective takes in German, English and the like
_ENDINGS = ("", "s", "es", "e", "n", "en", "er", "em", "ern", "ns", "an", "ans", "ian", "ians", "ese", "nisch",
            "nische", "nischen", "nischer", "nisches")  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]+")
_MAX_WORDS = 5  # the Democratic Republic of the Congo
_PLURAL_STEM = 6  # a name in -s read without it (Philippine, Netherland) when what is left is this long
_MIN_STEM = 4  # shorter names must match exactly (Iran, Oman, Peru are fine; 'Man' is not a prefix of 'Mann')


#: abbreviations of state names written in news, each exact. CLDR's aliases are not: they are old ISO codes (CT,
#: MI, DD) and alpha-3 codes that are acronyms too (EST, CAN, ARM, DOM, PNG, ATF), and the initials of its
#: multi-word names collide as well (NC, SS, CAR, MSC); derived initials of ISO official names (pycountry) give
#: DPRK and PRC but not ROK, and COD, POL, ARE with "of" kept.
NEWS_ABBREVIATIONS = {
    "US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "VAE": "AE", "DRC": "CD", "DPRK": "KP", "ROK": "KR",
    "PRC": "CN", "ROC": "TW", "FRG": "DE", "BRD": "DE", "KSA": "SA", "RSA": "ZA",
}  # fmt: skip
#: dotted abbreviations ("U.S.", "U.K.", "U.A.E."): read without their dots
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,4}")
#: codes that name no country: user-assigned (AA, QM-QZ, XA-XZ but Kosovo's XK, ZZ) and unions (EU, EZ, UN)
_NOT_COUNTRIES = frozenset(
    {"AA", "ZZ", "EU", "EZ", "UN"} | {f"Q{c}" for c in "MNOPQRSTUVWXYZ"} | {f"X{c}" for c in "ABCDEFGHIJLMNOPQRSTUVWXYZ"}
)


def name_key(name: str) -> tuple[str, ...]:
    """A name as the tables key it: its words, lower case ("Côte d'Ivoire" gives côte, d, ivoire)."""
    return tuple(t.lower() for t in _TOKEN.findall(name))


def _is_country(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.isupper() and code not in _NOT_COUNTRIES


@lru_cache(maxsize=32)  # a set of languages per document language
def country_names(languages: frozenset[str], *, subdivisions: bool = True) -> Mapping[tuple[str, ...], str]:
    """Lower-case word tuples -> alpha-2 code, from CLDR names in the given languages (plus English), the tables
    of names CLDR lacks, and (unless ``subdivisions`` is false: ``bench/subdivisions.py`` builds that table from
    the others) the subdivision names, some of which name no country (``NO_COUNTRY``)."""
    names: dict[tuple[str, ...], str | None] = {}

    def add(name: str, code: str) -> None:
        key = name_key(name)
        if key and len(key) <= _MAX_WORDS:
            names[key] = None if names.get(key, code) != code else code  # ambiguous names are dropped

    territory_languages: dict[str, list[str]] = {}
    for code in get_global("territory_languages"):
        if _is_country(code):
            for lang in get_official_languages(code):
                territory_languages.setdefault(lang, []).append(code)
    for lang in sorted(languages | {"en"}):
        try:
            locale = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in locale.territories.items():
            if _is_country(code):
                add(name, code)
        for lang_code, name in locale.languages.items():
            countries = territory_languages.get(lang_code, [])
            if len(countries) == 1 or (len(countries) == 2 and lang_code in {"ko"}):
                add(name, countries[0] if lang_code != "ko" else "KR")
            elif (home := home_countries().get(lang_code)) is not None and home in countries:
                add(name, home)

    def add_missing(table: Mapping[str, Mapping[str, str]], taken: Container[tuple[str, ...]], first: int = 1) -> None:
        """The table's names in the languages whose key is not ``taken`` and whose first word has at least
        ``first`` letters ("I-Kiribati", "Al ...": a lookup at every "in", "is", "als")."""
        for lang in sorted(languages | {"en"}):
            for name, code in table.get(lang, {}).items():
                if (key := name_key(name)) and key not in taken and len(key[0]) >= first:
                    add(name, code)

    cldr = {k for k, v in names.items() if v is not None}
    add_missing(variant_names(), cldr)  # where CLDR names it, CLDR stands
    add_missing(cldr_alternative_names(), cldr)  # Британия, Hongkong
    add_missing({"en": english_variants().names}, cldr, first=3)
    add_missing(nationality_adjectives(), names, first=3)  # where any table above names it, that one stands (Welsh)
    if subdivisions:
        add_missing(subdivision_names(), names)  # read whole: Scotland is GB, New Jersey none
        add_missing(uk_nations(), names)  # Шотландия, Severní Irsko
    return MappingProxyType({k: v for k, v in names.items() if v is not None})  # cached and shared: read-only


#: country names CLDR lacks, per language, from the i18n-iso-countries package (see ``variant_names``)
VARIANTS_FILE = Path(__file__).resolve().parent / "data" / "country_variants.json"


@lru_cache(maxsize=1)
def variant_names() -> Mapping[str, Mapping[str, str]]:
    """Language -> name -> alpha-2 code: names CLDR lacks, from i18n-iso-countries (npm, MIT; built into
    ``VARIANTS_FILE`` by ``bench/country_variants.py``): Großbritannien, Wit-Rusland, Russische Föderation,
    República Checa, Costa de Marfil, 印尼."""
    return _read_table(VARIANTS_FILE, "names")


@lru_cache(maxsize=1)
def variant_abbreviations() -> Mapping[str, Mapping[str, str]]:
    """Language -> acronym -> alpha-2 code, from i18n-iso-countries (see ``_abbreviations``)."""
    return _read_table(VARIANTS_FILE, "abbreviations")


@lru_cache(maxsize=64)
def _abbreviations(languages: frozenset[str]) -> Mapping[str, str]:
    """``NEWS_ABBREVIATIONS`` and the acronyms i18n-iso-countries and CLDR's short names give in any of the
    languages (США, ΗΠΑ, ABD; САЩ, ZDA: built into ``VARIANTS_FILE`` by ``bench/country_variants.py`` and into
    ``CLDR_FILE`` by ``bench/cldr_names.py``), each as written."""
    merged = dict(NEWS_ABBREVIATIONS)
    for lang in sorted(languages):
        for table in (variant_abbreviations(), cldr_abbreviations()):
            for acronym, code in table.get(lang, {}).items():
                merged.setdefault(acronym, code)
    return MappingProxyType(merged)


#: the short and variant names of CLDR that babel does not ship, and CLDR's names of the United Kingdom's nations
#: (see ``cldr_alternative_names``, ``uk_nations``)
CLDR_FILE = Path(__file__).resolve().parent / "data" / "cldr_names.json"


@lru_cache(maxsize=1)
def cldr_alternative_names() -> Mapping[str, Mapping[str, str]]:
    """Language -> name -> alpha-2 code: CLDR's short and variant names that babel does not ship and no CLDR name
    of the language has the words of (Британия, Hongkong, Česká republika; CLDR 41, Unicode licence; built into
    ``CLDR_FILE`` by ``bench/cldr_names.py``, with its acronyms apart: САЩ, ZDA)."""
    return _read_table(CLDR_FILE, "names")


@lru_cache(maxsize=1)
def cldr_abbreviations() -> Mapping[str, Mapping[str, str]]:
    """Language -> acronym -> alpha-2 code, from CLDR's short names (САЩ, ZDA; see ``_abbreviations``)."""
    return _read_table(CLDR_FILE, "abbreviations")


@lru_cache(maxsize=1)
def uk_nations() -> Mapping[str, Mapping[str, str]]:
    """Language -> name -> "GB": CLDR's names of England, Scotland, Wales and Northern Ireland (Шотландия, Severní
    Irsko, Anglija; iso-codes names them in a few languages only: ``subdivision_names``)."""
    return _read_table(CLDR_FILE, "nations")


def _read_table(path: Path, key: str) -> Mapping[str, Mapping[str, str]]:
    """A shipped table of ``{key: {language: {name: code}}}``, read-only."""
    data = json.loads(path.read_text(encoding="utf-8"))[key]
    return MappingProxyType({lang: MappingProxyType(names) for lang, names in data.items()})


#: nationality adjectives CLDR lacks, in German and English, from the i18n-nationality package (see
#: ``nationality_adjectives``)
NATIONALITIES_FILE = Path(__file__).resolve().parent / "data" / "nationalities.json"


@lru_cache(maxsize=1)
def nationality_adjectives() -> Mapping[str, Mapping[str, str]]:
    """Language -> adjective -> alpha-2 code, from i18n-nationality (npm, MIT; built into ``NATIONALITIES_FILE``
    by ``bench/nationalities.py``): the German adjectives that do not come from the country's German name
    (amerikanisch, britisch, brasilianisch, deutsch) and English ones countryinfo lacks (Saudi, Slovakian)."""
    return _read_table(NATIONALITIES_FILE, "adjectives")


#: names of ISO 3166-2 subdivisions, from the iso-codes data (see ``subdivision_names``)
SUBDIVISIONS_FILE = Path(__file__).resolve().parent / "data" / "subdivisions.json"
#: the code of a name that names no country: its words are read as one name, and nothing is found
NO_COUNTRY = ""


#: given names of English and German, from the locale data of @faker-js/faker (see ``given_names``)
GIVEN_NAMES_FILE = Path(__file__).resolve().parent / "data" / "given_names.json"


@lru_cache(maxsize=1)
def _given_names_table() -> Mapping[str, frozenset[str]]:
    table = json.loads(GIVEN_NAMES_FILE.read_text(encoding="utf-8"))
    keys = ("names", "countries", "words")
    return MappingProxyType({key: frozenset(name.lower() for name in table[key]) for key in keys})


def given_names() -> frozenset[str]:
    """Given names, lower case: the first names of faker's English and German locales (npm, MIT; built into
    ``GIVEN_NAMES_FILE`` by ``bench/given_names.py``) that are no country's or place's one-word name, month,
    weekday, function word, German noun or English common word (Michael, Paul, Ben; not Chad, Georgia, August,
    Rose, General): before a country's name, a person's given name makes it a surname ("Paul England")."""
    return _given_names_table()["names"]


def given_country_names() -> frozenset[str]:
    """The countries' one-word English names that are first names of the same locales too, lower case (chad,
    georgia, israel, jordan, kenya): the country's, or a person's before a surname ("Chad Johnson")."""
    return _given_names_table()["countries"]


def given_names_as_words() -> frozenset[str]:
    """The given names (``given_names``) that are common English words too, lower case: the smallest English word
    list of Debian (``wamerican-small``, the most frequent words) writes them in lower case (grant, hope, faith,
    chase; not michael, paul, chelsea). Opening a headline such a name is as often the verb or noun: "Grant Israel
    More Aid", "Hope Kenya Wins" name Israel and Kenya, where "Michael Jordan Returns To Chicago" names none."""
    return _given_names_table()["words"]


#: the inflected forms of the words of country names, per language, from simplemma's lemmatisation lists (see
#: ``name_forms``)
FORMS_FILE = Path(__file__).resolve().parent / "data" / "country_forms.json"


@lru_cache(maxsize=1)
def name_forms() -> Mapping[str, Mapping[str, str]]:
    """Language -> word -> its lemma, lower case, for the words of the language's country names and their
    inflected forms: россии -> россия, niemczech -> niemcy, venäjällä -> venäjä, северной and северная ->
    северный (built into ``FORMS_FILE`` by ``bench/country_forms.py`` from simplemma's lists; not English or
    German, whose endings ``_match`` reads)."""
    return _read_table(FORMS_FILE, "forms")


@lru_cache(maxsize=64)
def _forms(languages: frozenset[str]) -> Mapping[str, str]:
    """The lemmas of ``name_forms`` in any of the languages (``lemma_classes``: a word that two of them lead to
    different lemmas makes them one, as the Russian and Ukrainian новая, новый and новий; but not a country's own
    one-word name)."""
    pairs = [(form, lemma) for lang in sorted(languages) for form, lemma in name_forms().get(lang, {}).items()]
    own = {key[0] for key in country_names(languages) if len(key) == 1}
    return MappingProxyType(lemma_classes(pairs, own))


def lemma_classes(pairs: Iterable[tuple[str, str]], fixed: Container[str]) -> dict[str, str]:
    """Word -> the lemma that stands for its class, from (word, lemma) pairs: the lemmas a word leads to are one
    class (Polish nowej is a form of nowa and of nowy), named by the first in sorted order, and a lemma not so named
    leads to that one; a word that leads to one of the ``fixed`` lemmas (a country's own name) and to another is
    left out. Words that stand for themselves are not listed."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while (up := parent.get(x, x)) != x:
            parent[x] = parent.get(up, up)
            x = up
        return x

    claims: dict[str, set[str]] = {}
    for word, lemma in pairs:
        claims.setdefault(word, set()).add(lemma)
    kept: dict[str, str] = {}
    for word, lemmas in sorted(claims.items()):
        if len(lemmas) > 1 and any(lemma in fixed for lemma in lemmas):
            continue  # Russland's forms are not another word's
        first, *rest = sorted(lemmas)
        for other in rest:
            a, b = sorted((find(first), find(other)))
            parent[b] = a
        kept[word] = first
    out = {word: find(lemma) for word, lemma in kept.items()}
    out.update({lemma: find(lemma) for lemmas in claims.values() for lemma in lemmas if find(lemma) != lemma})
    return {word: lemma for word, lemma in out.items() if word != lemma}


@lru_cache(maxsize=1)
def subdivision_names() -> Mapping[str, Mapping[str, str]]:
    """Language -> name -> alpha-2 code, from the iso-codes data in pycountry (PyPI, LGPL-2.1; built into
    ``SUBDIVISIONS_FILE`` by ``bench/subdivisions.py``): the United Kingdom's nations and "Britain" name GB
    (Scotland, Nordirland); subdivisions whose name holds another country's name name none (``NO_COUNTRY``: New
    Jersey, not Jersey; New South Wales; Rhode Island, where Island is Iceland in German; British Columbia)."""
    return _read_table(SUBDIVISIONS_FILE, "names")


#: a demonym several entries share names the most populous when it has this many times the people of the next
#: (American: the United States, not the Northern Mariana Islands); else none (Congolese, Channel Islander)
DEMONYM_DOMINANCE = 50


class Variants(NamedTuple):
    names: dict[str, str]  # English name -> alpha-2 code
    demonyms: frozenset[str]  # those of them that are demonyms, lower case


@lru_cache(maxsize=1)
def english_variants() -> Variants:
    """English names CLDR lacks, from countryinfo (the restcountries data): demonyms (British, American, Dutch,
    Swiss, Israeli), common names (Turkey, Burma) and multi-word alternative spellings in Latin script (Great
    Britain, Ivory Coast, Hong Kong; one-word ones are often native names that are English words: Island for
    Iceland, Mann for the Isle of Man). Countries CLDR does not list today (Yugoslavia) are left out."""
    current = {code for code in Locale("en").territories if isinstance(code, str) and _is_country(code)}
    names: dict[str, str] = {}
    demonyms: dict[str, list[tuple[int, str]]] = {}
    for entry in CountryInfo.all().values():
        code = str((entry.get("ISO") or {}).get("alpha2", ""))
        if code not in current:
            continue
        for name in [entry.get("name") or "", *(n for n in entry.get("altSpellings") or [] if len(n.split()) > 1)]:
            words = name.split()
            if (
                all(ord(ch) < 0x250 for ch in name) and "," not in name and not name.isupper() and len(name) >= _MIN_STEM
                # not after an article ("The Gambia": CLDR has Gambia, and every "the" would start a lookup)
                and not (len(words[0]) <= 3 and words[0].lower() in _stop_words())
            ):
                names.setdefault(name, code)
        if demonym := entry.get("demonym"):
            demonyms.setdefault(demonym, []).append((int(entry.get("population") or 0), code))
    chosen: set[str] = set()
    for demonym, entries in demonyms.items():
        (people, code), *others = sorted(entries, reverse=True)
        if all(code == other or people >= DEMONYM_DOMINANCE * max(n, 1) for n, other in others):
            names.setdefault(demonym, code)
            chosen.add(demonym.lower())
    return Variants(names, frozenset(chosen))


class SharedName(NamedTuple):
    """A country's one-word English name that is a state's or province's of another country too, and what tells
    the two apart in a text (``shared_names``)."""

    code: str  # the country's code: GE
    other: str  # the code of the country the state is in: US
    places: frozenset[tuple[str, ...]]  # the country's capital, provinces and time zones' cities: tbilisi, abkhazia
    neighbours: frozenset[str]  # the codes of the countries it borders: AM, AZ, RU, TR
    other_places: frozenset[tuple[str, ...]]  # the other country's other states and time zones' cities: arizona
    name: str = ""  # the shared name, lower case: georgia
    plural: str = ""  # the plural of the country's demonym, lower case: georgians


@lru_cache(maxsize=1)
def shared_names() -> Mapping[str, SharedName]:
    """Lower-case name -> ``SharedName``: a country's one-word English name (CLDR and the variants) that countryinfo
    also gives as a province or state of another country whose de facto official language is English and which
    has ``DEMONYM_DOMINANCE`` times the people (Georgia: a US state, and the country in the Caucasus with 1/70th
    of the people). English news of that country names its own state far more often than the country, so
    ``find_countries`` reads the name, and the plural of the country's demonym (Georgians: the state's people
    too), as the state unless the text tells the country (``_country_meant``: its places, neighbours, currency,
    or a sovereign state's organ with no sign of a member state). Luxembourg, a Belgian province, and Niger, a
    Nigerian state, stay the countries: Belgium writes no English, Nigeria has 8 times Niger's people, not 50. Only where the name is English alone: Spanish,
    Italian and Romanian name the country Georgia, and the country it is there ("Rusia invadió Georgia")."""
    entries = _countryinfo_entries()
    zones = _zone_cities()
    countries = {key[0]: code for key, code in _territory_names("en").items() if len(key) == 1}
    out: dict[str, SharedName] = {}
    for other, entry in entries.items():
        if not _is_country(other) or "en" not in get_official_languages(other, de_facto=True):
            continue
        provinces = _place_keys(entry.get("provinces"))
        people = int(entry.get("population") or 0)
        for key in provinces:
            code = countries.get(key[0]) if len(key) == 1 else None
            if code is None or code == other or code not in entries:
                continue
            country = entries[code]
            if people < DEMONYM_DOMINANCE * max(int(country.get("population") or 0), 1):
                continue
            own_capital = _place_keys(_listed(entry.get("capital")))
            out[key[0]] = SharedName(
                code,
                other,
                country_places(code) - {key},
                country_neighbours(code),
                # not a state named as the capital is: "Washington" is the government in news about the country
                frozenset(k for k in provinces | zones.get(other, set()) if k != key and k[:1] not in {c[:1] for c in own_capital}),
                key[0],
                f"{demonym.lower()}s" if (demonym := country.get("demonym")) else "",
            )
    return MappingProxyType(out)


@lru_cache(maxsize=1)
def _shared_words() -> Mapping[str, SharedName]:
    """Lower-case word -> ``SharedName``: the shared name itself and the plural of its country's demonym
    (georgia, georgians: "Georgians" are the state's people in US news as often as "Georgia" is the state)."""
    return MappingProxyType(
        {word: shared for shared in shared_names().values() for word in (shared.name, shared.plural) if word}
    )


@lru_cache(maxsize=256)
def country_neighbours(code: str) -> frozenset[str]:
    """The codes of the countries a country borders (countryinfo: GE -> AM, AZ, RU, TR); none for a code
    countryinfo does not know."""
    alpha2 = _alpha2_codes()
    country = _countryinfo_entries().get(code) or {}
    return frozenset(c for a3 in country.get("borders") or [] if (c := alpha2.get(str(a3))))


@lru_cache(maxsize=1)
def _alpha2_codes() -> Mapping[str, str]:
    """countryinfo's alpha-3 codes -> alpha-2 codes (GEO -> GE)."""
    entries = _countryinfo_entries()
    return MappingProxyType({str((e.get("ISO") or {}).get("alpha3", "")): code for code, e in entries.items()})


@lru_cache(maxsize=256)
def currency_words(code: str) -> frozenset[str]:
    """The words of the English names of a country's currencies in use (babel: GEL "Georgian Lari", TRY
    "Turkish Lira", CNY "Chinese Yuan") that name no country and are no function word, lower case: lari, lira,
    yuan. A text that writes one is about the country's economy ("the lari fell"); "Georgian" and "US" are
    names already."""
    english = Locale("en")
    index = _index(_ENGLISH)
    words = set()
    for currency in get_territory_currencies(code):
        for word in name_key(english.currencies.get(currency, "")):
            if _match([word], 0, index) is None and word not in _stop_words() and word not in _abbreviation_words():
                words.add(word)
    return frozenset(words)


@lru_cache(maxsize=1)
def _abbreviation_words() -> frozenset[str]:
    """``NEWS_ABBREVIATIONS`` in lower case (us, uk: the words of "US Dollar", "UK Pound" that name a country)."""
    return frozenset(a.lower() for a in NEWS_ABBREVIATIONS)


@lru_cache(maxsize=1)
def _countryinfo_entries() -> Mapping[str, Any]:
    """countryinfo's entries by alpha-2 code."""
    return MappingProxyType({str((e.get("ISO") or {}).get("alpha2", "")): e for e in CountryInfo.all().values()})


@lru_cache(maxsize=1)
def _zone_cities() -> Mapping[str, frozenset[tuple[str, ...]]]:
    """Alpha-2 code -> the cities its time zones are named after, as name keys (babel: America/Chicago gives
    chicago, Asia/Tbilisi tbilisi; not America/Indiana/Petersburg or .../Center)."""
    zones: dict[str, set[tuple[str, ...]]] = {}
    for zone, territory in get_global("zone_territories").items():
        if zone.count("/") == 1:
            zones.setdefault(str(territory), set()).add(name_key(zone.split("/")[1].replace("_", " ")))
    return MappingProxyType({code: frozenset(keys) for code, keys in zones.items()})


@lru_cache(maxsize=256)
def country_places(code: str) -> frozenset[tuple[str, ...]]:
    """A country's own places, as name keys: its capital and provinces (countryinfo, apostrophes dropped: tbilisi,
    kutaisi, abkhazia) and its time zones' cities (babel: tbilisi; Turkey's istanbul, ankara, izmir, antalya).
    A text that names one is about the country ("Protests in Batumi spread across Georgia"); none for a code
    countryinfo does not know."""
    entry = _countryinfo_entries().get(code)
    if entry is None:
        return frozenset()
    capital = _place_keys(_listed(entry.get("capital")))
    return frozenset(capital | _place_keys(entry.get("provinces")) | _zone_cities().get(code, frozenset()))


def _names_places(places: Container[tuple[str, ...]], lower: list[str], capitalised: list[bool]) -> set[tuple[str, ...]]:
    """The places of ``places`` the text names, capitalised, in one to ``_MAX_WORDS`` words."""
    return {
        key
        for i in range(len(lower))
        if capitalised[i]
        for n in range(1, _MAX_WORDS + 1)
        if (key := tuple(lower[i : i + n])) in places
    }


def _listed(value: object) -> list[object]:
    """countryinfo's value as a list: a capital is one name, or a list of several, or missing."""
    return value if isinstance(value, list) else [value]


def _place_keys(names: object) -> set[tuple[str, ...]]:
    """countryinfo's place names as name keys, without apostrophes and with the name in brackets and each of those
    joined by "or" on their own: "Abkhazia or Ap'khazet'is Avtonomiuri Respublika (Sokhumi)" gives abkhazia,
    apkhazetis avtonomiuri respublika and sokhumi; "K'ut'aisi" kutaisi. Not a list or a name that is no string."""
    keys: set[tuple[str, ...]] = set()
    for name in names if isinstance(names, list) else []:
        if not isinstance(name, str):
            continue
        for part in re.split(r"\s+or\s+|[()]", name.replace("'", "").replace("’", "")):
            if (key := name_key(part)) and len(key) <= _MAX_WORDS:
                keys.add(key)
    return keys


def _country_meant(
    shared: SharedName, text: str, matches: list[re.Match[str]], lower: list[str], capitalised: list[bool], found: Container[str]
) -> bool:
    """A text that names a ``SharedName`` means the country when it names one of the country's places,
    neighbours or currency at least (``_own_evidence``: Tbilisi, Abkhazia, Russia, Armenia, the lari: "Russia
    invaded Georgia in 2008"), and no fewer of them than of the other country's states and cities (Arizona, New
    York, Chicago: "Russian hackers targeted Georgia, Arizona and Michigan" is the state). With neither, it means
    the country when it names an organ of a sovereign country that is not another country's (``_sovereign_organ``:
    "Georgia's parliament", "The prime minister resigned", not "South Korea's prime minister") and no word of a
    member state of a federation (``MEMBER_STATE_WORDS``: "Gov. Brian Kemp met Prime Minister Fumio Kishida" is
    the state); else the state ("The state of Georgia certified its results", "Protesters gathered in Atlanta,
    Georgia")."""
    places = _names_places(shared.places | shared.other_places, lower, capitalised)
    own = _own_evidence(shared.code, lower, capitalised, found, places)
    other = len(places & shared.other_places)
    if own or other:
        return own > 0 and own >= other
    if any(word in MEMBER_STATE_WORDS for word in lower):
        return False
    return _sovereign_organ(shared, text, matches, lower)


def _own_evidence(
    code: str, lower: list[str], capitalised: list[bool], found: Container[str], places: Iterable[tuple[str, ...]] | None = None
) -> int:
    """How many of a country's own places (``country_places``), neighbours among the codes ``found`` in the text
    (``country_neighbours``) and the words of its currency's name (``currency_words``: lari, lira, yuan) the text
    names, each counted once; a currency's word not before a capitalised word, where it opens a person's name
    ("the lari fell", not "Lari White"). ``places``: the places named already, when the caller has read them."""
    own_places = country_places(code)
    named = _names_places(own_places, lower, capitalised) if places is None else set(places) & own_places
    money = currency_words(code)
    last = len(lower) - 1
    spent: set[str] = set(money.intersection(lower))  # a first sieve: most texts write none
    if spent:
        spent = {w for k, w in enumerate(lower) if w in spent and (k == last or not (capitalised[k] and capitalised[k + 1]))}
    return len(named) + sum(c in found for c in country_neighbours(code)) + len(spent)


#: English words for the organs of a sovereign country, which a federation's member state has not (a parliament,
#: embassies, a prime minister); read by ``_sovereign_organ``. Not the words US news uses of a state or a church
#: too: minister and ministry (a Baptist minister, a prison ministry), parliamentary (a parliamentary maneuver in
#: a state senate), ambassador (a festival's youth ambassador)
SOVEREIGN_WORDS = frozenset({"parliament", "parliaments", "embassy", "embassies"})
#: the words before a word of a sovereign country's organ that make a name of it ("prime minister")
SOVEREIGN_HEADS: Mapping[str, frozenset[str]] = MappingProxyType({"prime": frozenset({"minister", "ministers"})})
#: English words of a member state of a federation, which a sovereign country's news does not use of it: its
#: governor ("Gov."), its counties and legislature
MEMBER_STATE_WORDS = frozenset({"governor", "governors", "gov", "county", "counties", "legislature", "legislatures"})


def _sovereign_organ(shared: SharedName, text: str, matches: list[re.Match[str]], lower: list[str]) -> bool:
    """The text names an organ of a sovereign country (``SOVEREIGN_WORDS``, ``SOVEREIGN_HEADS``: parliament,
    embassy, prime minister) that no other country or region owns: one right before it or as its possessive owner
    makes it theirs ("the U.S. embassy", "South Korea's prime minister", "British Prime Minister", "the European
    Parliament", ``_owned_elsewhere``), the shared name's own does not ("Georgia's parliament", "the Georgian
    prime minister"). An organ's word capitalised before another capitalised word is a longer name's ("the
    Embassy Suites hotel"); a prime minister's title before a name is the office's ("Prime Minister Irakli
    Kobakhidze")."""
    for k, word in enumerate(lower):
        heads = SOVEREIGN_HEADS.get(word)
        if heads is not None:
            organ = k + 1 < len(lower) and lower[k + 1] in heads
        else:
            organ = word in SOVEREIGN_WORDS and not _before_a_capital_joined(text, matches, k)
        if organ and not _owned_elsewhere(shared, text, matches, lower, k):
            return True
    return False


def _before_a_capital_joined(text: str, matches: list[re.Match[str]], k: int) -> bool:
    """Token k is capitalised and joined by a space or a hyphen to a capitalised word after it: a longer name's
    ("Embassy Suites", "Parliament-Funkadelic")."""
    if k + 1 >= len(matches) or not matches[k].group(0)[0].isupper():
        return False
    return text[matches[k].end() : matches[k + 1].start()] in (" ", "-") and matches[k + 1].group(0)[0].isupper()


def _owned_elsewhere(shared: SharedName, text: str, matches: list[re.Match[str]], lower: list[str], k: int) -> bool:
    """Token k, an organ's first word, comes right after the name of another country (in one to three words:
    "South Korea"), a country's abbreviation (US) or a region's or union's name or adjective (``_region_words``:
    European, EU, African), or after such a name's possessive ("Japan's prime minister")."""
    if k == 0 or text[matches[k - 1].end() : matches[k].start()] != " ":
        return False
    owner = k - 1
    if lower[owner] == "s" and owner > 0 and text[matches[owner - 1].end() : matches[owner].start()] in ("'", "’"):
        owner -= 1  # a possessive: Korea's prime minister
    word = matches[owner].group(0)
    if not word[0].isupper() or lower[owner] in (shared.name, shared.plural, shared.plural[:-1]):
        return False
    if word in NEWS_ABBREVIATIONS or lower[owner] in _region_words():
        return True
    index = _index(_ENGLISH)
    for n in range(1, 4):
        start = owner - n + 1
        if start >= 0 and (hit := _match(lower, start, index)) is not None and hit[1] == n and hit[0] != shared.code:
            return True
    return False


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    """The one-word English names of CLDR's regions and unions (Europe, Africa, Asia, European Union's EU, UN) and
    their adjectives in -an and -n (european, african, asian), lower case: a sovereign organ after one is theirs
    ("the European Parliament", "the African Union's embassy")."""
    words: set[str] = set()
    for code, name in Locale("en").territories.items():
        if not _is_country(code):
            if len(key := name_key(name)) == 1:
                words |= {key[0], key[0] + "an", key[0] + "n"}
            if code.isalpha():
                words.add(code.lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, ...]]:
    """The capitals of countryinfo, as name keys (mexico city, kuwait city, saint helier)."""
    return frozenset(key for entry in CountryInfo.all().values() for key in _place_keys(_listed(entry.get("capital"))))


@lru_cache(maxsize=1)
def named_after_a_state() -> Mapping[str, frozenset[str]]:
    """A country's one-word English name that another country's state is named after (the English subdivisions of
    ``subdivision_names`` that name no country: New Jersey, New Mexico) -> the words a capital adds to its country's
    name (countryinfo: Mexico City, Kuwait City, Panama City give "city"). Such a name with such a word after it is
    a city of that state when it is no capital ("Jersey City" is in New Jersey; St Helier is Jersey's capital),
    and its country's capital when it is one ("Mexico City")."""
    countries = {key[0] for key in _territory_names("en") if len(key) == 1}
    suffixes = frozenset(key[-1] for key in _capitals() if len(key) == 2 and key[0] in countries)
    states = {
        key[-1]
        for name, code in subdivision_names().get("en", {}).items()
        if code == NO_COUNTRY and len(key := name_key(name)) > 1 and key[-1] in countries
    }
    return MappingProxyType({name: suffixes for name in sorted(states)})


def _a_city_named_after_a_state(lower: list[str], tokens: list[str], i: int) -> bool:
    """Token i, a country's name that another country's state is named after (``named_after_a_state``), with a
    capital's word after it that does not make its country's capital: "Jersey City", not "Mexico City"."""
    suffixes = named_after_a_state().get(lower[i])
    return (
        suffixes is not None
        and i + 1 < len(tokens)
        and tokens[i + 1][:1].isupper()
        and lower[i + 1] in suffixes
        and (lower[i], lower[i + 1]) not in _capitals()
    )


@lru_cache(maxsize=1)
def home_countries() -> Mapping[str, str]:
    """Language code -> the country the language is named after, for languages official in several countries:
    CLDR's most likely country for the language, when its English or German name begins like the language's
    (at least ``_MIN_STEM`` letters): ru -> RU (Russian, Russisch), fr -> FR (Französisch), zh -> CN. Portuguese
    (most likely Brazil) and Arabic (Egypt) name no country. Decided in these two languages once, so that a
    chance likeness in another (Arabic names share their article) adds nothing."""
    likely = get_global("likely_subtags")
    out: dict[str, str] = {}
    for reference in ("en", "de"):
        locale = Locale(reference)
        for code, name in locale.languages.items():
            home = str(likely.get(code, "")).split("_")[-1]
            shared = _common_prefix(name.lower(), locale.territories.get(home, "").lower())
            if _is_country(home) and len(shared) >= _MIN_STEM:
                out[code] = home
    return MappingProxyType(out)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n] and a[n].isalpha():
        n += 1
    return a[:n]


@lru_cache(maxsize=32)  # a set of languages per document language
def _starts(names_key: frozenset[str]) -> frozenset[str]:
    """Every lower-case word that can begin a name match: a name's first word with any ending (and, for names
    ending in -e or -a, the stem with the endings of 'Ukrainian'). A token not in this set starts no match."""
    names = country_names(names_key)
    firsts = {key[0] for key in names}
    forms = {w + e for w in firsts for e in _ENDINGS}
    forms |= {w[:-1] + e for w in firsts if w[-1:] in ("e", "a") for e in ("n", "an", "ian", "ians")}
    forms |= {w[:-1] for w in firsts if w.endswith("s") and len(w) > _PLURAL_STEM}  # Philippine (Philippines)
    forms |= {stem + e for stem in _german_adjective_stems(names_key) for e in _GERMAN_ADJECTIVE}
    forms |= _german_nouns(names_key).keys()
    return frozenset(forms)


@lru_cache(maxsize=32)  # a set of languages per document language
def _german_nouns(names_key: frozenset[str], endings: tuple[str, ...] = _GERMAN_NOUN) -> Mapping[str, str]:
    """German nouns for a country's people -> code, when German is one of the languages: the stem of a one-word
    German adjective in -isch of the nationality adjectives or the nations' adjectives (russisch, amerikanisch,
    spanisch, französisch, schottisch) with a noun ending (``_GERMAN_NOUN``; Russen, Amerikaner, Spanier,
    Französin, and with ö read o, Franzosen). Which ending a people takes is in no table, so every one is tried;
    the stem has ``_MIN_NOUN_STEM`` letters or more. Not the stems of languages' names: the speakers of a language
    official in one country are not its people (Katalanen, Andorra). Forms that are names of the tables stay
    theirs (Polen). Matched capitalised only, as German writes nouns. ``endings=("e",)``: the singular
    (``_german_singular``)."""
    if "de" not in names_key:
        return MappingProxyType({})
    names = country_names(names_key)
    adjectives = {key for table in (nationality_adjectives(), subdivision_names()) for key in map(name_key, table.get("de", {}))}
    out: dict[str, str | None] = {}
    for key, code in names.items():
        if key in adjectives and key[0].endswith("isch") and len(stem := key[0][: -len("isch")]) >= _MIN_NOUN_STEM:
            for ending in endings:
                for form in {stem + ending, stem.replace("ö", "o") + ending}:
                    if (form,) not in names:
                        out[form] = None if out.get(form, code) != code else code
    return MappingProxyType({k: v for k, v in out.items() if v is not None})


@lru_cache(maxsize=32)  # a set of languages per document language
def _german_adjective_stems(names_key: frozenset[str]) -> Mapping[str, str]:
    """Stem of a German adjective -> code, from the one-word German names of countries (CLDR and the variants),
    when German is one of the languages: iran (Iran), kanad (Kanada), belg (Belgien), österreich. Only German
    names: the English "German" and "Indian" would make germanisch and indianisch (Germanic, Native American)
    countries."""
    if "de" not in names_key:
        return MappingProxyType({})
    names = [*Locale("de").territories.items(), *((c, n) for n, c in variant_names().get("de", {}).items())]
    out: dict[str, str | None] = {}
    for code, name in names:
        if isinstance(code, str) and _is_country(code) and len(words := _TOKEN.findall(name)) == 1:
            for drop in _GERMAN_ADJECTIVE_DROPS:
                word = words[0].lower()
                shortest = _MIN_STEM - 1 if drop == "ien" else _MIN_STEM  # Syrien, Indien; not Kuba: kubisch is cubic
                if word.endswith(drop) and len(stem := word[: len(word) - len(drop)]) >= shortest:
                    out[stem] = None if out.get(stem, code) != code else code
    return MappingProxyType({k: v for k, v in out.items() if v is not None})


#: endings a word before a name's last word takes in German declension (Vereinigte, Vereinigten, Vereinigtes)
_HEAD_ENDINGS = ("en", "es", "er", "em", "e", "n", "s")


def _fold(word: str) -> str:
    """A word before a name's last word without its declension ending: vereinigten, vereinigte -> vereinigt."""
    for ending in _HEAD_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=32)  # a set of languages per document language
def _folded_names(names_key: frozenset[str]) -> Mapping[tuple[str, ...], str]:
    """Multi-word names keyed by their folded leading words (``_fold``) and their last word as it is."""
    out: dict[tuple[str, ...], str | None] = {}
    for key, code in country_names(names_key).items():
        if len(key) > 1:
            folded = (*map(_fold, key[:-1]), key[-1])
            out[folded] = None if out.get(folded, code) != code else code
    return MappingProxyType({k: v for k, v in out.items() if v is not None})


class _Index(NamedTuple):
    """The names of one set of languages, as ``_match`` looks them up."""

    names: Mapping[tuple[str, ...], str]
    folded: Mapping[tuple[str, ...], str]  # multi-word names by their folded leading words (``_folded_names``)
    leading: frozenset[tuple[str, ...]]  # the words before the last of every name, to skip lookups early
    leading_folded: frozenset[tuple[str, ...]]
    adjectives: Mapping[str, str]  # German adjective stems (``_german_adjective_stems``)
    nouns: Mapping[str, str]  # German nouns for a country's people (``_german_nouns``)


@lru_cache(maxsize=32)  # a set of languages per document language
def _index(names_key: frozenset[str]) -> _Index:
    names, folded = country_names(names_key), _folded_names(names_key)
    leading, leading_folded = frozenset(k[:-1] for k in names), frozenset(k[:-1] for k in folded)
    return _Index(names, folded, leading, leading_folded, _german_adjective_stems(names_key), _german_nouns(names_key))


@lru_cache(maxsize=32)  # a set of languages per document language
def _lemma_index(names_key: frozenset[str]) -> tuple[_Index, frozenset[str]] | None:
    """The names with each word read as its lemma (``_forms``: Северная Корея is северный корея, and so is Северной
    Кореи), and their first words; None when the languages have no forms."""
    forms = _forms(names_key)
    if not forms:
        return None
    out: dict[tuple[str, ...], str | None] = {}
    for key, code in country_names(names_key).items():
        lemmas = tuple(forms.get(w, w) for w in key)
        out[lemmas] = None if out.get(lemmas, code) != code else code
    names = MappingProxyType({k: v for k, v in out.items() if v is not None})
    index = _Index(names, MappingProxyType({}), frozenset(k[:-1] for k in names), frozenset(), MappingProxyType({}), MappingProxyType({}))
    return index, frozenset(k[0] for k in names)


def _match(lower: list[str], i: int, index: _Index) -> tuple[str, int] | None:
    """Longest name starting at lower-cased token i (its last word may carry an ending, the words before it a
    declension ending: die Vereinigten Staaten), or the German adjective of one: (code, words used)."""
    if (code := _german_adjective(lower[i], index.adjectives) or index.nouns.get(lower[i])) is not None:
        return code, 1
    for n in range(min(_MAX_WORDS, len(lower) - i), 0, -1):
        head = tuple(lower[i : i + n - 1])
        heads = [(head, index.names)] if head in index.leading else []
        if head and (head_folded := tuple(map(_fold, head))) in index.leading_folded:
            heads.append((head_folded, index.folded))
        if not heads:
            continue
        last = lower[i + n - 1]
        for ending in _ENDINGS:
            if ending and (not last.endswith(ending) or len(last) - len(ending) < _MIN_STEM):
                continue
            stem = last[: len(last) - len(ending)] if ending else last
            if ending in ("n", "ns") and not stem.endswith(("a", "e")):  # Korean, Russen; not Malin (Mali), Perun
                continue
            for words, found in heads:
                code = found.get((*words, stem))
                if code is None and not ending and len(stem) >= _PLURAL_STEM:  # the Philippine Sea, Solomon Island
                    code = found.get((*words, stem + "s"))
                if code is None and ending in ("n", "an", "ian", "ians") and len(stem) >= _MIN_STEM:
                    code = found.get((*words, stem + "e")) or found.get((*words, stem + "a"))  # Ukraine -> Ukrainian
                if code is not None:
                    return code, n
    return None


def _german_adjective(word: str, stems: Mapping[str, str]) -> str | None:
    for ending in _GERMAN_ADJECTIVE:
        if word.endswith(ending) and (code := stems.get(word[: len(word) - len(ending)])) is not None:
            return code
    return None


#: languages that capitalise every noun: a capitalised word before a name says nothing there, a given name does
NOUN_CAPITALISING = frozenset({"de", "lb"})


def document_countries(text: str, *, language: str, languages: Iterable[str]) -> tuple[str, ...]:
    """The countries a document names, read in its ``language`` and in English (names and initials in English turn
    up in every language's news), or in all the ``languages`` expected when its own is unknown (a name in a third
    language is mostly a false friend: "Island" is Iceland in German, not in an English text); adjectives in lower
    case when its language writes them so (``LOWER_CASE_ADJECTIVES``)."""
    expected = tuple(languages)
    names_in = (language, "en") if language in expected else expected
    return find_countries(text, languages=names_in, lower_case_adjectives=language in LOWER_CASE_ADJECTIVES)


def find_countries(text: str, *, languages: Iterable[str] = ("en", "de"), lower_case_adjectives: bool = False) -> tuple[str, ...]:
    """Sorted alpha-2 codes of the countries the text names, in any of the given languages.

    In languages that capitalise names only, a one-word name or demonym right after a capitalised word is part
    of a longer name (New Jersey, Northern Ireland, Michael Jordan, South American; ``_after_a_name``), except
    after a sentence's first word that is a function word ("In Russia"), in a headline written in title case
    (not a line that ends as a sentence: "Fans cheered as Michael Jordan scored.") unless the word before is a
    given name opening it ("Michael Jordan Returns To Chicago") and in a hyphenated pair of names. In languages that
    capitalise every noun (``NOUN_CAPITALISING``), a one-word name after a given name is a surname ("Paul
    England", "Michael Jordan"; ``_after_a_given_name``), and an English name that is none of theirs is a first
    name before a capitalised word, as in English ("Chad Johnson" in German text; ``_english_only_words``). A
    name that is another country's state too is the state unless the whole text tells the country
    (``shared_names``: Georgia), a name a state is named after is none in a city named after that state ("Jersey
    City"), and in English text alone a name the text also writes in lower case is that word at a sentence's
    start, in a headline or before a capitalised word (``_the_common_word``: turkey), the first two unless the
    text names one of the country's own places, neighbours or currency (``_own_evidence``: Ankara, Greece, the
    lira), and a direction in lower case before a name is no word of it ("south Georgia" is no South Georgia). In
    scripts without spaces names are found inside the run of letters."""
    langs = frozenset(languages)
    index = _index(langs)
    starts = _starts(langs)
    forms, lemmas = _forms(langs), _lemma_index(langs)
    abbreviations = _abbreviations(langs)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group(0) for m in matches]
    lower = [t.lower() for t in tokens]
    names_only = not (langs & NOUN_CAPITALISING)
    lower_adjectives = lower_case_adjectives and bool(langs & LOWER_CASE_ADJECTIVES)
    written_lower: frozenset[str] | None = None  # words the text writes in lower case (no names), when needed
    found: set[str] = set()
    by_name: set[str] = set()  # those found by a name or initials, not a demonym or adjective (Greece, not Greek)
    pending: set[SharedName] = set()  # names of a country and of another country's state (``shared_names``)
    common: set[str] = set()  # countries whose name was read as the common word where a capital says nothing
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in abbreviations and not (lower[i] in _stop_words() and _in_capitals(tokens, i)):  # LET US GO
            found.add(abbreviations[token])
            by_name.add(abbreviations[token])
            i += 1
            continue
        capital = token[0].isupper()
        caseless = not capital and not token.islower()  # a script without case (Arabic, Chinese)
        if caseless and unspaced([token]):
            found.update(_names_inside(token, langs))
            i += 1
            continue
        head = lower[i]  # the word the name starts with: its form's word when the form matched
        hit = _match(lower, i, index) if head in starts else None
        if hit is None and lemmas is not None and (first := forms.get(head, head)) in lemmas[1]:
            based = [first, *(forms.get(w, w) for w in lower[i + 1 : i + _MAX_WORDS])]
            if based != lower[i : i + _MAX_WORDS] and (hit := _match(based, 0, lemmas[0])) is not None:
                head = first  # в России, w Niemczech, Irlandii Północnej
        if hit is None and lower_adjectives and token.islower() and (code := _feminine(token, index.names, langs)) is not None:
            hit = (code, 1)  # "rusa", "española", "portuguesa": the masculine form's country
        if hit is None and capital and (code := _german_singular(langs).get(lower[i])) is not None and _after_article(tokens, i):
            if not _before_a_capital(text, matches, i):  # "der 26-jährige George Hotz", "der George Washington University"
                hit = (code, 1)  # "der Russe", "ein junger Franzose"
        if hit is None:
            i += 1
            continue
        last = tokens[i + hit[1] - 1]
        if langs == _ENGLISH and hit[1] > 1 and token.islower() and not last.islower():
            # "south Georgia": a direction before a name, where English capitalises every word of a name (French
            # writes "les îles Salomon")
            i += 1
            continue
        if capital or caseless or last.lower() != last or _is_adjective(last) or (lower_adjectives and _lower_adjective(head, hit[1], langs)):
            english = not names_only and head in _english_only_words(langs)  # Jordan in German text
            if hit[1] == 1 and (
                ((names_only or _is_demonym(head)) and _after_a_name(text, matches, i, langs, inflected=head != lower[i]))
                or (not names_only and head not in _not_english_words(langs) and _after_a_given_name(text, matches, i, langs))
                or _after_a_state_word(text, matches, i, langs)
            ):
                i += 1
                continue
            if hit[1] == 1 and head == lower[i] and _a_city_named_after_a_state(lower, tokens, i):
                i += 1
                continue
            named = hit[1] == 1 and (names_only or english) and head in _territory_words(langs)
            if named and langs == _ENGLISH:
                if written_lower is None:
                    written_lower = frozenset(t for t in tokens if t.islower())
                if _the_common_word(text, matches, i, langs, written_lower):
                    if not _before_a_capital(text, matches, i):  # not "Turkey Trot": the country's if the text names its places
                        common.add(hit[0])
                    i += 1
                    continue
            if named and i + 1 < len(tokens) and tokens[i + 1][0].isupper():
                if written_lower is None:
                    written_lower = frozenset(t for t in tokens if t.islower())
                if _before_a_name(text, matches, i, langs, written_lower):
                    i += 1
                    continue
            if (
                hit[1] == 1
                and (shared := _shared_words().get(lower[i])) is not None
                and shared.code == hit[0]
                and shared.name in _english_words(langs)  # not in Spanish, Italian: Georgia is the country's name there
            ):
                pending.add(shared)  # Georgia, Georgians: the country or the US state, as the whole text tells
            else:
                found.add(hit[0])
                if hit[1] > 1 or head in _territory_words(langs):
                    by_name.add(hit[0])
            i += hit[1]
            continue
        i += 1
    capitalised = [t[0].isupper() for t in tokens] if pending or common else []
    for code in common - found:  # "Turkey said ... in Istanbul", "... the lira fell": the country's own places tell it
        if _own_evidence(code, lower, capitalised, by_name):  # a neighbour by its name: Greece, not "Syrian refugees"
            found.add(code)
    for shared in pending - {s for s in pending if s.code in found}:
        if _country_meant(shared, text, matches, lower, capitalised, found):
            found.add(shared.code)
    return tuple(sorted(found - {NO_COUNTRY}))


_ENGLISH = frozenset({"en"})
#: a word written in lower case as a word of prose: not inside an address, a file's or a tag's name (www.turkey.com,
#: #turkey, turkey_recipes.pdf)
_PLAIN_LOWER_WORD = re.compile(r"(?<![\w.@/#-])([^\W\d_A-Z]+)(?![\w@/#-]|\.\w)")


def _the_common_word(
    text: str, matches: list[re.Match[str]], i: int, languages: frozenset[str], written_lower: Container[str]
) -> bool:
    """Token i, a country's one-word name as it is in an English text (``_territory_words``), is the common word
    that name is too, when the text writes that word in lower case (turkey, china: ``_plain_lower_words``) and
    the name stands where a capital says nothing of a name: a sentence's first word, a headline's
    (``_in_headline``), or before another capitalised word, a name made of the word ("Ina Garten's Turkey
    Meatloaf ... mixed with ground turkey", "The Turkey Trot drew 5,000 runners; each got a frozen turkey"). Inside
    a sentence after a lower-case word it stays the country's ("ground turkey from Turkey"), as does a possessive
    before a lower-case word (``_possessive``: "Turkey's parliament approved ... a turkey"); ``find_countries``
    keeps it at a sentence's start or in a headline when the text names the country's own places, neighbours or
    currency ("Turkey said ... We ate turkey in Ankara", "Turkey said ... cold turkey, Greece said").
    ``written_lower``: the text's tokens in lower case, a first sieve read once per text."""
    word = matches[i].group(0).lower()
    if word not in written_lower or word not in _plain_lower_words(text) or _possessive(text, matches, i, languages):
        return False
    at = matches[i].start()
    return _opens_sentence(text, at) or _before_a_capital(text, matches, i) or _in_headline(text, at, languages)


def _possessive(text: str, matches: list[re.Match[str]], i: int, languages: frozenset[str]) -> bool:
    """Token i, a name, is a possessive before a lower-case word that is no function word ("Turkey's president",
    "China's porcelain capital"): a proper noun's, as a common noun in the singular takes an article there ("the
    turkey's skin"), not "Turkey's a lean meat" (is) nor "Turkey's Parliament Votes" (a headline's)."""
    if i + 2 >= len(matches) or matches[i + 1].group(0) != "s" or text[matches[i].end() : matches[i + 1].start()] not in ("'", "’"):
        return False
    following = matches[i + 2].group(0)
    return (
        text[matches[i + 1].end() : matches[i + 2].start()] == " "
        and following.islower()
        and not _is_function_word(following, languages)
    )


@lru_cache(maxsize=4)  # the text of one document
def _plain_lower_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case as words of prose (``_PLAIN_LOWER_WORD``), in one pass."""
    return frozenset(m.group(1) for m in _PLAIN_LOWER_WORD.finditer(text))


def _opens_sentence(text: str, at: int) -> bool:
    """The word at ``at`` is the first of its sentence or line, quotation marks and brackets before it aside."""
    before = text[max(0, at - 8) : at].rstrip(" \t\"'“‘«(")
    return not before or before[-1] in ".!?:;\n"


def countries_named(value: str, *, languages: Iterable[str] = ("en", "de")) -> tuple[str, ...]:
    """The countries a search filter means: an alpha-2 code as it is ("ru"), an English name as it is, a
    country's name in one of the languages as it is (CLDR's: "Congo" is the Republic of the Congo in Spanish), the
    countries whose English names share the words (Korea: North and South Korea), else those its words name in
    any of the languages, capitalised or not ("russische", "DPRK")."""
    english = country_names(frozenset({"en"}), subdivisions=False)
    code = value.strip().upper()
    if code in english.values():
        return (code,)
    langs = tuple(languages)
    key = name_key(value)
    if key in english:  # an English name as it is: Guinea, Niger, Sudan
        return (english[key],)
    exact = {found for lang in langs if (found := _territory_names(lang).get(key))}
    if exact:  # a country's name in one of the languages as it is: Russland, Guinée; the German Island (Iceland)
        return tuple(sorted(exact))
    # the English names of several countries hold the words: Korea (North and South Korea), Virgin Islands
    sharing = {code for k, code in _territory_names("en").items() if len(k) > len(key) > 0 and _holds(k, key)}
    if len(sharing) > 1:
        return tuple(sorted(sharing))
    return find_countries(value, languages=langs) or find_countries(value.title(), languages=langs)


@lru_cache(maxsize=64)
def _territory_names(language: str) -> Mapping[tuple[str, ...], str]:
    """The countries' names in one language, as CLDR and the variant names give them (not the names of languages
    or peoples, nor the other languages' names the English tables hold), keyed as ``country_names`` keys them."""
    names: dict[tuple[str, ...], str | None] = {}
    pairs = list(variant_names().get(language, {}).items())
    try:
        pairs += [(name, code) for code, name in Locale.parse(language).territories.items() if _is_country(code)]
    except (UnknownLocaleError, ValueError):
        pass
    for name, code in pairs:
        if key := name_key(name):
            names[key] = None if names.get(key, code) != code else code
    return MappingProxyType({k: v for k, v in names.items() if v is not None})


def _holds(name: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the words are a run of the name's words."""
    return any(name[i : i + len(words)] == words for i in range(len(name) - len(words) + 1))


def _in_capitals(tokens: list[str], i: int) -> bool:
    """Token i stands among words in capitals ("LET US GO NOW"): a capital there says nothing."""
    around = [t for t in tokens[max(0, i - 2) : i] + tokens[i + 1 : i + 3] if len(t) > 1]
    return len(around) >= 2 and all(t.isupper() for t in around)


#: how a line that is a sentence ends
_SENTENCE_ENDS = (".", "!", "?", '."', ".”", ".»")


def _in_headline(text: str, at: int, languages: frozenset[str]) -> bool:
    """The line around position ``at`` is a headline: in title case, as keywords judge it
    (``flows.steps.keywords.in_title_case``: "Biden Meets British Prime Minister"), and not a sentence. A short
    sentence's capitalised names make its line look like title case too ("Fans cheered as Michael Jordan
    scored."): a line that ends as a sentence is one when it writes a word of ``MIN_LETTERS`` letters or more in
    lower case that is no English function word ("cheered"; "Ukraine Says Russia Fired Missiles." is a headline,
    as title case writes "with" and "from" in lower case too), and always in the languages that capitalise every
    noun (``NOUN_CAPITALISING``: "Laut Trainer Jordan Henderson war das Spiel gut.")."""
    return _line_in_headline(line_at(text, at).rstrip(), languages)


#: lines judged (``_line_in_headline``, ``_line_in_title_case``) for the names on them: a text on one long line
#: (an article without line breaks) is judged once, not once per name; a few only, as a line may be long
LINES_JUDGED = 8


@lru_cache(maxsize=LINES_JUDGED)
def _line_in_title_case(line: str) -> bool:
    return in_title_case(line)


@lru_cache(maxsize=LINES_JUDGED)
def _line_in_headline(line: str, languages: frozenset[str]) -> bool:
    """``_in_headline`` for the line itself."""
    if not _line_in_title_case(line):
        return False
    if not line.endswith(_SENTENCE_ENDS):
        return True
    lower = (w for w in _TOKEN.findall(line) if len(w) >= MIN_LETTERS and w.islower())
    return not (languages & NOUN_CAPITALISING or any(w not in language_stop_words("en") for w in lower))


def _after_a_name(text: str, matches: list[re.Match[str]], i: int, languages: frozenset[str], *, inflected: bool = False) -> bool:
    """Token i comes right after a capitalised word inside a sentence, outside a headline (``_in_headline``):
    part of a longer name (South American, New Jersey), not the country. A sentence's first word does when it is not a
    function word of English, German or one of the languages ("South American leaders", but "In Russia", "The
    Americans", "También Portugal", "Η Τουρκία"), or, before a name in an ``inflected`` form, a frequent word
    (``_frequent_word``: "Vláda Německa"); on a line in title case that ends as a sentence, when it is a given name
    (``given_names``: "Michael Jordan scored.", not "Yatırımcılar Norveç'e ve Fransa'ya gitti."); in a headline,
    when it is a given name opening the headline that is no common English word (``given_names_as_words``:
    "Michael Jordan Returns To Chicago", not "Grant Israel More Aid" nor "EU Leaders Grant Ukraine Candidate
    Status"), or one that the text writes before the same name inside a sentence too (``_pair_in_prose``:
    "Chase Jordan Signs\n\nThe guard Chase Jordan signed")."""
    if i == 0:
        return False
    previous, at = matches[i - 1].group(0), matches[i].start()
    joiner = text[matches[i - 1].end() : at]
    # a hyphen joins a demonym to a name (Latin-American), a name to a name (Pakistan-Bangladesh war) too
    joined = joiner == " " or (joiner == "-" and _is_demonym(matches[i].group(0).lower()))
    if not (joined and previous[0].isupper()) or (len(previous) > 1 and previous.isupper()):
        return False  # in capitals, a capital says nothing
    first = _opens_sentence(text, matches[i - 1].start())
    if first and (
        _is_function_word(previous.lower(), languages) or (inflected and _frequent_word(previous.lower(), languages))
    ):
        return False
    if _in_headline(text, at, languages):  # "Michael Jordan Returns To Chicago", not "Obama Visits Jordan"
        # a given name inside a headline is as often a verb or a noun there ("EU Leaders Grant Ukraine Candidate
        # Status", "Families Sue Iran", "Burger King Russia"): a person's name opens it, and a name that is a common
        # word opens it as the word as often ("Grant Israel More Aid", "Hope Kenya Wins")
        return (
            first
            and not _is_demonym(matches[i].group(0).lower())
            and _is_given_name(previous, languages)
            and (previous.lower() not in given_names_as_words() or _pair_in_prose(text, previous, matches[i].group(0)))
            and not _used_alone(text, previous)
        )
    # a sentence alone on a short line looks like title case: its first word, capitalised as any sentence's,
    # starts a name only as a given name ("Michael Jordan scored 30 points.", not "Yatırımcılar Norveç'e gitti.")
    return not (first and _line_in_title_case(line_at(text, at)) and previous.lower() not in given_names())


def _pair_in_prose(text: str, given: str, name: str) -> bool:
    """The text writes the two words again, capitalised, inside a sentence, where only a name is capitalised
    (after a lower-case word or a comma): "Chase Jordan Signs With Lakers\n\nThe guard Chase Jordan signed" is the
    player's name, "Grant Israel More Aid\n\nThe senators want to grant Israel more aid" the verb's."""
    return (given.lower(), name.lower()) in _pairs_in_prose(text)


#: a space after a word or a comma, and the two words after it (a lookahead: every such space is tried)
_PAIR = re.compile(r"(?<=[\w,]) (?=([^\W\d_]+) ([^\W\d_]+)(?!\w))")


@lru_cache(maxsize=4)  # the text of one document, read once however many headlines ask
def _pairs_in_prose(text: str) -> frozenset[tuple[str, str]]:
    """Two capitalised words after a lower-case word or a comma, lower case (``_pair_in_prose``), in one pass."""
    pairs = set()
    for m in _PAIR.finditer(text):
        before, first, second = text[m.start() - 1], m.group(1), m.group(2)
        if (before == "," or before.islower()) and first[0].isupper() and second[0].isupper():
            pairs.add((first.lower(), second.lower()))
    return frozenset(pairs)


def _used_alone(text: str, word: str) -> bool:
    """The text writes the word somewhere as no first name: in lower case ("the grant"), or capitalised and not
    before another capitalised word ("Chelsea have agreed terms", "Chelsea's winger"). News names a person by the
    surname after the first mention, so a given name that stands alone elsewhere is a club's, place's or common
    word there: "Chelsea Ukraine Star Signs\n\nChelsea have agreed terms" names Ukraine, where "Michael Jordan
    Returns To Chicago\n\nThe Bulls legend said" names none. A name with an age between commas does not stand
    alone: it is a person's, as news writes one ("Michael, 60, said"; not "Chelsea, 2019 champions,")."""
    return word.lower() in _words_alone(text)


@lru_cache(maxsize=4)  # the text of one document, read once however many headlines ask
def _words_alone(text: str) -> frozenset[str]:
    """The words the text writes in lower case or capitalised and not before a capitalised word, lower case
    (``_used_alone``), in one pass."""
    words = set()
    matches = list(_TOKEN.finditer(text))
    for k, m in enumerate(matches):
        token = m.group(0)
        if token.islower():
            words.add(token)
        elif token[0].isupper() and token[1:].islower():
            following = matches[k + 1] if k + 1 < len(matches) else None
            if following is None or text[m.end() : following.start()] not in (" ", "\t") or not following.group(0)[0].isupper():
                if not _AGE.match(text, m.end()):  # "Michael, 60, said": a person's name with an age, as news writes it
                    words.add(token.lower())
    return frozenset(words)


#: a person's age after a name, between commas, as news writes it ("Michael, 60, said"): one to three digits
_AGE = re.compile(r", \d{1,3},")


@lru_cache(maxsize=32)  # a set of languages per document language
def _territory_words(languages: frozenset[str]) -> frozenset[str]:
    """The countries' one-word names in these languages and English (``_territory_names``): not the names of
    languages or peoples ("Korean Air", "Russian President" are about the country)."""
    return frozenset(_one_word_names(languages | {"en"}))


def _one_word_names(languages: Iterable[str]) -> set[str]:
    """The countries' one-word names in the languages (``_territory_names``)."""
    return {key[0] for lang in languages for key in _territory_names(lang) if len(key) == 1}


@lru_cache(maxsize=32)  # a set of languages per document language
def _english_only_words(languages: frozenset[str]) -> frozenset[str]:
    """The countries' one-word English names that no other of the languages names a country with and that are
    given names too (``given_country_names``): in German text Jordan, Chad, Georgia (Jordanien, Tschad, Georgien),
    not Israel (German too), nor Austria, Qatar, France, which name no person. Such a word is English in any text,
    and English capitalises names only: before another capitalised word it is a first name ("Chad Johnson",
    "Jordan Henderson"), as in English text (``_before_a_name``); the other English names there are an
    organisation's ("Austria Salzburg", "Qatar Airways", "Radio France Internationale"). Not after a capitalised
    word: there it is often an organisation's name in German text too ("die Air France", "das Team Canada"), and
    a surname after a given name (``_after_a_given_name``). Alone it is the country's: Swiss papers write
    "Kenya" (though "im Bundesstaat Georgia" is the state of the USA)."""
    return _english_words(languages) & given_country_names()


@lru_cache(maxsize=32)  # a set of languages per document language
def _not_english_words(languages: frozenset[str]) -> frozenset[str]:
    """The countries' one-word names in the other languages that no English name is: German Deutschland,
    Österreich, Frankreich, not England or Israel. No person has them as a surname, and after a company's name
    that is a given name too they are its branch in the country ("Ford Deutschland", "Mercedes Österreich")."""
    return frozenset(_one_word_names(languages - {"en"}) - _one_word_names(["en"]))


#: a language's word for a member state of a federation, in its forms ("im Bundesstaat", "des Bundesstaates"),
#: and its word for a state that counts only in a compound after a hyphen ("US-Staat", not "der Staat Kenya")
STATE_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({"de": frozenset({"bundesstaat", "bundesstaats", "bundesstaates"})})
HYPHENATED_STATE_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({"de": frozenset({"staat", "staats", "staates"})})


def _after_a_state_word(text: str, matches: list[re.Match[str]], i: int, languages: frozenset[str]) -> bool:
    """Token i, a country's one-word English name that is none of the other languages' (``_english_words``:
    Georgia, not Georgien), comes right after one of their words for a member state of a federation
    (``STATE_WORDS``, ``HYPHENATED_STATE_WORDS``): the state of that name, written as its own country writes it,
    not the country, which the language names otherwise ("im Bundesstaat Georgia", "des US-Bundesstaates Georgia",
    "im US-Staat Georgia" are the state of the USA; "in Georgien" and "im Bundesstaat Georgien" stay the
    country, as does "der Staat Kenya" of a Swiss paper)."""
    if i == 0 or matches[i].group(0).lower() not in _english_words(languages):
        return False
    before = matches[i - 1]
    if text[before.end() : matches[i].start()] != " ":
        return False
    word = before.group(0).lower()
    hyphenated = text[max(0, before.start() - 1) : before.start()] == "-"
    return any(
        word in STATE_WORDS.get(lang, ()) or (hyphenated and word in HYPHENATED_STATE_WORDS.get(lang, ()))
        for lang in languages - {"en"}
    )


@lru_cache(maxsize=32)  # a set of languages per document language
def _english_words(languages: frozenset[str]) -> frozenset[str]:
    """The countries' one-word English names that no other of the languages names a country with: in German
    text Georgia, Jordan, Kenya, Austria (Georgien, Jordanien, Kenia, Österreich), not Israel."""
    return frozenset(_one_word_names(["en"]) - _one_word_names(languages - {"en"}))


def _after_a_given_name(text: str, matches: list[re.Match[str]], i: int, languages: frozenset[str]) -> bool:
    """Token i comes right after a given name (``given_names``, capitalised, not a function word of the
    languages), after a space: a surname ("Der Sänger Paul England", "Ben Jordan"). For the languages that
    capitalise every noun (``NOUN_CAPITALISING``), where the capital of a word before a name says nothing
    ("Nachbarland Jordanien", "Präsident Russlands", "Staatschef Tschads")."""
    if i == 0 or text[matches[i - 1].end() : matches[i].start()] != " " or not matches[i].group(0)[0].isupper():
        return False  # a surname is capitalised: "die Aktion Bernhard österreichische Oscar-Geschichte" is Austria's
    return _is_given_name(matches[i - 1].group(0), languages)


def _is_given_name(word: str, languages: frozenset[str]) -> bool:
    """A given name (``given_names``) written as one, capitalised and not in capitals, that is no function word of
    the languages."""
    lower = word.lower()
    capitalised = word[0].isupper() and word[1:] == lower[1:]
    return capitalised and lower in given_names() and not _is_function_word(lower, languages)


#: words joining two names: after one, a country's name before a capitalised word is a first name as anywhere
#: ("Kobe Bryant and Jordan Farmar"), not after an article or preposition ("the Israel Defense Forces")
_CONJUNCTIONS = frozenset({"and", "or", "und", "oder", "et", "ou", "y", "o", "e", "en", "og", "och"})


def _before_a_name(
    text: str, matches: list[re.Match[str]], i: int, languages: frozenset[str], written_lower: Container[str]
) -> bool:
    """Token i, a country's one-word name as it is (``_territory_words``), comes right before a capitalised word
    inside a sentence, outside a headline (``_in_headline``): the first word of a longer name, a person's (Chad
    Roberts, Jordan Peterson, India Walton, Maurice Lévy, Francia Márquez) or a title's (Georgia Rule, China
    Grove). Not after a hyphen (pro-Israel) or a function word ("the Israel Defense Forces", "de la France
    Emmanuel Macron"), nor before a weekday or month ("in Syria Tuesday"), a word in capitals, another
    country's name, a common word (the stop lists: Mexico City), or a word the text also writes in lower case: a
    noun ("the Malawi Police ... the police", "Belgium Minister ... the minister"), not a name. In a headline only
    a name that is a given name too (``given_country_names``) on a line whose last word is in lower case, which
    title case would capitalise: a short sentence alone on its line ("Jordan Peterson said", "Chad Johnson said
    so."), not "Jordan Signs Deal With Egypt"."""
    if i + 1 >= len(matches):
        return False
    following, at = matches[i + 1].group(0), matches[i].start()
    if text[matches[i].end() : matches[i + 1].start()] != " " or not following[0].isupper():
        return False
    if len(following) > 1 and following.isupper():  # an acronym, or a line in capitals
        return False
    lower = following.lower()
    if lower in written_lower or lower in calendar_words(languages | {"en"}) or lower in _starts(languages):
        return False
    if _is_function_word(lower, languages) or lower in justext_stop_words("English"):
        return False
    if text[max(0, at - 1) : at] == "-":  # pro-Israel, anti-China: a word about the country
        return False
    if i > 0 and text[matches[i - 1].end() : at].strip(" '’") == "":  # the word before, in the same clause
        before = matches[i - 1].group(0).lower()
        # after a function word: "the Israel Defense Forces", "of Japan Airlines", "de la France Emmanuel Macron",
        # "dell'Ucraina Zelensky": the country, or a name made from it
        if _is_function_word(before, languages) and before not in _CONJUNCTIONS:  # "and Jordan Farmar": a name
            return False
    if not _in_headline(text, at, languages):
        return True
    # a line that looks like a headline but ends in a word in lower case is none: title case capitalises the last
    # word, whatever it is; a short sentence opening with a person's name looks so ("Jordan Peterson said")
    return matches[i].group(0).lower() in given_country_names() and _line_ends_in_lower_case(text, at)


#: how much of a line's end is read for its last word (a line may be a whole article)
_LINE_END = 100


def _line_ends_in_lower_case(text: str, at: int) -> bool:
    """The last word of the line holding position ``at`` is written in lower case ("Jordan Peterson said so.")."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    words = _TOKEN.findall(text[max(at, end - _LINE_END) : end])
    return bool(words) and words[-1].islower()


def _frequent_word(word: str, languages: frozenset[str]) -> bool:
    """One of the frequent words of jusText's list for one of the languages other than English and German, which
    holds nouns too: before a name in an inflected form ("Vláda Německa", "Правительство Германии", the government
    of Germany) it is no name's first word, as "South Korea" is in English. Not before a name as it is: the lists
    hold first names too (Michael, David, Jean: "Michael Jordan")."""
    return any(word in justext_stop_words_of(lang) for lang in languages - {"en", "de"})


def _is_function_word(word: str, languages: frozenset[str]) -> bool:
    """A lower-case word of the stop lists of English, German (``_stop_words``) or one of the languages."""
    return word in _stop_words() or any(word in language_stop_words(lang) for lang in languages)


#: katakana, in which loanwords are written: a name in it is a whole run of it (マリ is Mali, not in マリック)
_KATAKANA = "\u30a0-\u30ff"


@lru_cache(maxsize=32)  # a set of languages per document language
def _unspaced_names(names_key: frozenset[str]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """The one-word names written without spaces (中国, 日本, タイ), longest first, as one pattern; a name in
    katakana only matches a whole run of katakana."""
    names = {key[0]: code for key, code in country_names(names_key).items() if len(key) == 1 and unspaced([key[0]])}
    if not names:
        return None

    def alternative(name: str) -> str:
        if re.fullmatch(f"[{_KATAKANA}]+", name):
            return f"(?<![{_KATAKANA}]){re.escape(name)}(?![{_KATAKANA}])"
        return re.escape(name)

    return re.compile("|".join(alternative(n) for n in sorted(names, key=len, reverse=True))), names


def _names_inside(run: str, names_key: frozenset[str]) -> set[str]:
    """Codes of the names inside a run of letters in a script written without spaces."""
    found = _unspaced_names(names_key)
    if found is None:
        return set()
    pattern, names = found
    return {names[m.group(0)] for m in pattern.finditer(run)}


def _is_demonym(word: str) -> bool:
    """A lower-case word is a demonym of ``english_variants`` or its plural (american, americans)."""
    demonyms = english_variants().demonyms
    return word in demonyms or (word.endswith("s") and word[:-1] in demonyms)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """English and German function words (stopwords-iso; jusText's lists hold "south" and "north")."""
    return language_stop_words("en") | language_stop_words("de")


@lru_cache(maxsize=32)  # a set of languages per document language
def _german_singular(names_key: frozenset[str]) -> Mapping[str, str]:
    """The singular in -e of the German nouns for a country's people (Russe, Franzose, Brite, Türke), when German
    is one of the languages; read after an article only (``_after_article``), and not before a capitalised word:
    georgisch makes George ("der 26-jährige George Hotz"), so "der Russe Daniil Medwedew" is not read either."""
    return _german_nouns(names_key, ("e",))


#: what stands before the singular noun for one of a country's people: an article or "als" ("als Russe")
_GERMAN_ARTICLES = frozenset({"der", "ein", "kein", "dieser", "jener", "jeder", "als"})
#: words an adjective before the noun may end in (der junge Russe, ein 24-jähriger Franzose)
_ADJECTIVE_ENDINGS = ("e", "er")


def _after_article(tokens: list[str], i: int) -> bool:
    """Token i follows a German article, maybe with one or two adjectives in lower case between ("der Russe", "der
    junge Russe", "ein 24-jähriger Franzose": the number is no token; not "der Schauspieler George")."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if tokens[k].lower() in _GERMAN_ARTICLES:
            return True
        if not (tokens[k].islower() and tokens[k].endswith(_ADJECTIVE_ENDINGS)):
            return False
    return False


def _before_a_capital(text: str, matches: list[re.Match[str]], i: int) -> bool:
    """Token i is followed, after a space, by a capitalised word: the first of a name ("George Hotz")."""
    return i + 1 < len(matches) and text[matches[i].end() : matches[i + 1].start()] == " " and matches[i + 1].group(0)[0].isupper()


#: languages that write a country's adjective in lower case ("le gouvernement russe", "la economía española")
LOWER_CASE_ADJECTIVES = frozenset({"fr", "es", "it", "pt", "ca", "ro"})


def _feminine(word: str, names: Mapping[tuple[str, ...], str], languages: frozenset[str]) -> str | None:
    """The country of a feminine adjective in -a or -as of a language that writes adjectives in lower case, by its
    masculine form among the names, when that is no country's own name (toga is no Togo): rusa -> ruso, española
    -> español, francesa -> francés (or francês), portuguesa -> portuguese."""
    stem = word[:-2] if word.endswith("as") else word[:-1] if word.endswith("a") else ""
    if len(stem) < _MIN_STEM - 1:
        return None
    forms = [stem + "o", stem]
    if stem.endswith("es"):
        forms += [stem[:-2] + "és", stem[:-2] + "ês", stem + "e"]  # portuguesa -> português (or Portuguese)
    territories = _territory_words(languages)
    return next((code for form in forms if form not in territories and (code := names.get((form,))) is not None), None)


@lru_cache(maxsize=16)
def _cldr_one_word_names(language: str) -> frozenset[str]:
    """The countries' one-word names in CLDR's language, lower case (suisse, chine)."""
    try:
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return frozenset()
    return frozenset(key[0] for code, name in names.items() if _is_country(code) and len(key := name_key(name)) == 1)


def _lower_adjective(word: str, words: int, languages: frozenset[str]) -> bool:
    """In those languages, a one-word match in lower case that is no country's own name (``_territory_words``:
    "chine" and "chile" are words too) nor a function word: an adjective ("russe", "chinoises", "alemán"). Nor
    the plural of a one-word name that CLDR does not give in these languages: "réunions" (Réunion in English, La
    Réunion in French), where "suisses" is the plural of the French adjective (Suisse)."""
    territory = _territory_words(languages)
    own = languages & LOWER_CASE_ADJECTIVES
    singular = word[:-1] if word.endswith("s") else ""
    plural = singular in territory and not any(singular in _cldr_one_word_names(lang) for lang in own)
    return words == 1 and word not in territory and not plural and not any(word in language_stop_words(code) for code in own)


def _is_adjective(word: str) -> bool:
    """German adjectives are written in lower case (russische, nordkoreanischen, deutsche, libysche); names are
    not."""
    if not word.islower():
        return False
    return "isch" in word or word in _lower_case_adjectives() or _fold(word) in _lower_case_adjectives()


@lru_cache(maxsize=1)
def _lower_case_adjectives() -> frozenset[str]:
    """The one-word German nationality adjectives (``nationality_adjectives``), lower case: deutsch, libysch."""
    names = nationality_adjectives().get("de", {})
    return frozenset(name.lower() for name in names if name.isalpha() and name.endswith("sch"))
