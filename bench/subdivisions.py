"""Build ``flows/steps/data/subdivisions.json``: names of ISO 3166-2 subdivisions that ``flows.steps.countries``
must read whole, from the iso-codes data in the pycountry package on PyPI (LGPL-2.1).

    pip download --no-deps pycountry==26.2.16 && unzip -q pycountry-26.2.16-py3-none-any.whl -d pycountry-26.2.16
    python bench/subdivisions.py pycountry-26.2.16/pycountry flows/steps/data/subdivisions.json

Two kinds, per language (the subdivision names of ``databases/iso3166-2.json``, which are in the subdivision's
own language, count as English: they are read in every document; the translations of
``locales/<lang>/LC_MESSAGES/iso3166-2.mo`` in their language):

- **The United Kingdom's nations** name GB: England, Scotland, Wales, Northern Ireland (the subdivisions of GB
  that have no parent), Schottland, Nordirland, Noord-Ierland, ..., and the English short name "Britain", which
  no table has (countryinfo and i18n-iso-countries give "Great Britain" only; ``EXTRA``, with New England and New
  Britain, which name no country), and the nations' adjectives, which no table has either (Scottish, Northern
  Irish, schottisch, walisisch, nordirisch; Welsh is countryinfo's).
- **Subdivisions whose name holds another country's name** name no country: New Jersey (not Jersey), New Mexico,
  New South Wales, Port of Spain, Rhode Island (Island is Iceland in German), Nuevo México, British Columbia. A
  name counts when the country's name follows a word that is not an article (a function word of one or two
  letters: "La Réunion" stays Réunion), or is a demonym at its start (British Columbia; but Hong Kong SAR stays
  Hong Kong). Its code is "" in the table: the words are read as one name that names nothing.

Left out: names that are a country's name themselves in the language, subdivisions that are territories with a
code of their own (``_is_territory``: "Amerikan Samoa", "Isola della Riunione" name American Samoa and Réunion),
names with a word of one letter (``name_key`` splits Devanagari at its vowel signs), and the subdivisions' other
names (the ISO 3166-2 names are the official ones). Missed by the article rule: the Hungarian Új-Mexikó ("új",
new). Output: ``{"source": ..., "names": {lang: {name: code}}}``, sorted.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.country_variants import build_table  # noqa: E402
from flows.steps.countries import NO_COUNTRY, country_names, english_variants, name_key  # noqa: E402
from flows.steps.stopwords import language_stop_words  # noqa: E402

SOURCE = "pycountry 26.2.16 (PyPI, LGPL-2.1; Debian's iso-codes data): databases/iso3166-2.json, locales/*/iso3166-2.mo"
#: the English short name of the United Kingdom, which no package's table holds, the two places outside it whose
#: English names hold a nation's name: New England (United States), New Britain (Papua New Guinea), and the
#: nations' adjectives, which no table has either (Welsh is countryinfo's; "English" and "englisch" name a
#: language more often than the nation, so they stay out)
EXTRA = {
    "en": {"Britain": "GB", "New Britain": "", "New England": "", "Northern Irish": "GB", "Scottish": "GB"},
    "de": {"nordirisch": "GB", "schottisch": "GB", "walisisch": "GB"},
}
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]")  # "Wales [Cymru GB-CYM]", "Jan Mayen (Arctic Region)"


def _plain(name: str) -> str:
    """A subdivision's name without a bracketed part, its spaces normalised."""
    return " ".join(_BRACKETS.sub("", name).split())


def _blocked(key: tuple[str, ...], own: str, names: dict[tuple[str, ...], str], stop: frozenset[str]) -> bool:
    """The subdivision name ``key`` of a subdivision of ``own`` holds another country's name, which would be read."""
    for i in range(len(key)):
        for j in range(i + 1, len(key) + 1):
            code = names.get(key[i:j])
            if (i, j) == (0, len(key)) or code is None or code == own:
                continue
            if any(word not in stop or len(word) > 2 for word in key[:i]) or (
                i == 0 and j == 1 and key[0] in english_variants().demonyms
            ):
                return True
    return False


def _is_territory(entry: dict[str, str], english: dict[tuple[str, ...], str], stop: frozenset[str]) -> bool:
    """The subdivision is a territory with a code of its own (American Samoa, Aruba, La Réunion, Hong Kong SAR):
    its ISO 3166-2 name is an English country name, or holds one that ``_blocked`` lets stand. Its translations
    then name that territory too (Amerikan Samoa, Insula Aruba, Isola della Riunione)."""
    key = name_key(_plain(entry["name"]))
    if key in english:
        return True
    spans = [key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)]
    return any(english.get(span) not in (None, entry["code"][:2]) for span in spans) and not _blocked(
        key, entry["code"][:2], english, stop
    )


def _readable(key: tuple[str, ...]) -> bool:
    """A name ``name_key`` reads as words: none of one letter (it splits Devanagari at its vowel signs)."""
    return bool(key) and min(map(len, key)) > 1


def _translations(package: Path) -> dict[str, dict[str, str]]:
    """Language -> ISO 3166-2 name -> its translation, for the languages babel knows; English is the names."""
    out: dict[str, dict[str, str]] = {"en": {}}
    for mo in sorted((package / "locales").glob("*/LC_MESSAGES/iso3166-2.mo")):
        lang = mo.parent.parent.name
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        out[lang] = {k: v for k, v in catalog.items() if isinstance(k, str) and k and isinstance(v, str)}
    return out


def subdivision_names(package: Path) -> dict[str, dict[str, str]]:
    entries = json.loads((package / "databases" / "iso3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    english = dict(country_names(frozenset({"en"}), subdivisions=False))
    territories = {e["code"] for e in entries if _is_territory(e, english, language_stop_words("en"))}
    out: dict[str, dict[str, str]] = {}
    for lang, translations in _translations(package).items():
        named = [  # (entry, its name in the language)
            (e, _plain(translations.get(e["name"], e["name"])))
            for e in entries
            if lang == "en" or e["name"] in translations
        ]
        countries = dict(country_names(frozenset({lang}), subdivisions=False))
        found = {  # the nations, where no table names them already (Wales: countryinfo)
            name: "GB"
            for e, name in named
            if e["code"].startswith("GB-")
            and "parent" not in e
            and _readable(key := name_key(name))
            and key not in countries
        } | EXTRA.get(lang, {})
        names = countries | {name_key(name): code for name, code in found.items() if code}  # East New Britain
        stop = language_stop_words(lang) | language_stop_words("en")
        for e, name in named:
            key = name_key(name)
            if not _readable(key) or key in names or e["code"] in territories:
                continue
            if _blocked(key, e["code"][:2], names, stop):
                found.setdefault(name, NO_COUNTRY)
        if found:
            out[lang] = dict(sorted(found.items()))
    return out


def main(argv: list[str]) -> int:
    return build_table(argv, __doc__ or "", SOURCE, "names", subdivision_names)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
