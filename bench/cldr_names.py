"""Build ``flows/steps/data/cldr_names.json``: the country names CLDR gives besides the one babel ships, for
``flows.steps.countries``, from the CLDR data of Debian's ``unicode-cldr-core`` package (CLDR 41, Unicode licence).

    apt-get download unicode-cldr-core && dpkg-deb -x unicode-cldr-core_41-0.1_all.deb cldr
    PYTHONPATH=. python bench/cldr_names.py cldr/usr/share/unicode/cldr/common flows/steps/data/cldr_names.json

babel keeps one name per territory and language; CLDR's ``main/<lang>.xml`` also writes a short name and a
variant (``alt="short"``, ``alt="variant"``): САЩ (Bulgarian), ZDA (Slovene), Британия (Russian), Hongkong,
Свазиленд. And its ``subdivisions/<lang>.xml`` names the United Kingdom's four nations in nearly every language
(Шотландия, Severní Irsko, Anglija), which iso-codes translates in a few only. For each language babel knows
(base languages; not a script or region: sr_Latn, en_GB):

- ``names``: the short and variant names of countries whose words differ from every CLDR name of the language,
  as ``bench/country_variants.py`` keeps them: not inverted or qualified forms with a comma or a bracket ("Конго
  (ДРК)"), nor abbreviated ones with a dot ("Wlk. Bryt.", "R.-U."), not a one-word name that is a word of another country's names, not a code that names no country
  (UN, EU). Draft levels "unconfirmed" and "provisional" are left out, as babel leaves them out.
- ``abbreviations``: the short names that are an acronym of three letters or more (САЩ, ZDA, ΗΠΑ, EUA), read as
  written; not one of two letters (Dutch VS, Slovene ZK, Inari Sami OK, Albanian MB: "versus", "okay",
  megabytes), nor an ISO 3166 alpha-2 or alpha-3 code (Czech GB, Polish USA: codes are acronyms of other things
  too; ``countries.NEWS_ABBREVIATIONS`` has the ones news writes).
- ``nations``: the names of England, Scotland, Wales and Northern Ireland (gbeng, gbsct, gbwls, gbnir), which name
  the United Kingdom, as the subdivisions table's do.

Output: ``{"source": ..., "names": {lang: {name: code}}, "abbreviations": {...}, "nations": {...}}``, sorted.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from babel import Locale, UnknownLocaleError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.country_variants import names_another, words_by_code, write_table  # noqa: E402
from flows.steps.countries import _is_country, name_key  # noqa: E402

SOURCE = "CLDR 41 (Debian unicode-cldr-core 41-0.1, Unicode licence): common/main, common/subdivisions"
#: the CLDR subdivision codes of the United Kingdom's nations
NATIONS = ("gbeng", "gbsct", "gbwls", "gbnir")
_DRAFTS_LEFT_OUT = {"unconfirmed", "provisional"}
#: two-letter acronyms are acronyms of too many other things (VS, OK, MB)
_MIN_ACRONYM = 3


def _text(element: ET.Element) -> str:
    """An element's text with its spaces made one and format characters (a zero-width space) dropped."""
    text = "".join(ch for ch in element.text or "" if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def _languages(common: Path, folder: str) -> list[tuple[str, ET.Element, Locale]]:
    out = []
    for path in sorted((common / folder).glob("*.xml")):
        if "_" in path.stem or path.stem == "root":
            continue
        try:
            locale = Locale.parse(path.stem)
        except (UnknownLocaleError, ValueError):
            continue
        out.append((path.stem, ET.parse(path).getroot(), locale))
    return out


def _kept(element: ET.Element) -> bool:
    return element.get("draft") not in _DRAFTS_LEFT_OUT and bool((element.text or "").strip())


def _iso_codes() -> frozenset[str]:
    """The alpha-2 and alpha-3 codes of every territory (GB, GBR, USA)."""
    from babel.core import get_global

    alpha3 = {str(v) for v in get_global("territory_aliases") if len(str(v)) == 3 and str(v).isalpha()}
    return frozenset({code for code in Locale("en").territories if isinstance(code, str) and len(code) == 2} | alpha3)


def alternative_names(common: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Per language, the short and variant names (``names``) and the acronyms among them (``abbreviations``)."""
    names: dict[str, dict[str, str]] = {}
    acronyms: dict[str, dict[str, str]] = {}
    codes = _iso_codes()
    for lang, root, locale in _languages(common, "main"):
        cldr = {name_key(name) for name in locale.territories.values()}
        territories = [(name, code) for code, name in locale.territories.items() if isinstance(code, str)]
        words_of_code = words_by_code(territories)
        found: dict[str, str] = {}
        short: dict[str, str] = {}
        for element in root.iterfind("./localeDisplayNames/territories/territory[@alt]"):
            code, name = element.get("type", ""), _text(element)
            if not (_is_country(code) and element.get("alt") in ("short", "variant") and _kept(element)):
                continue
            key = name_key(name)
            if re.fullmatch(r"[^\W\d_]{2,}", name) and name.isupper():  # an acronym
                if len(name) >= _MIN_ACRONYM and name not in codes:
                    short[name] = code
                continue
            if not key or key in cldr or re.search(r"[,().]", name) or any(len(t) >= 2 and t.isupper() for t in key):
                continue
            if names_another(key, code, words_of_code):
                continue  # a word of another country's name
            found[name] = code
        if found:
            names[lang] = dict(sorted(found.items()))
        if short:
            acronyms[lang] = dict(sorted(short.items()))
    return names, acronyms


def nations(common: Path) -> dict[str, dict[str, str]]:
    """Per language, the names of the United Kingdom's nations, each naming GB."""
    out: dict[str, dict[str, str]] = {}
    for lang, root, _ in _languages(common, "subdivisions"):
        found = {
            _text(element): "GB"
            for element in root.iterfind(".//subdivision")
            if element.get("type") in NATIONS and _kept(element)
        }
        if found := {name: code for name, code in found.items() if name_key(name)}:
            out[lang] = dict(sorted(found.items()))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    common = Path(argv[0])
    names, acronyms = alternative_names(common)
    write_table(Path(argv[1]), SOURCE, "names", names, abbreviations=acronyms, nations=nations(common))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
