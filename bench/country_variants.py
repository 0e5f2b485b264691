"""Build ``flows/steps/data/country_variants.json``: country names CLDR lacks, from the i18n-iso-countries package
on npm (MIT), for ``flows.steps.countries``.

    npm pack i18n-iso-countries@7.14.0 && tar xzf i18n-iso-countries-7.14.0.tgz
    python bench/country_variants.py package/langs flows/steps/data/country_variants.json

For each language babel knows, the names of ``langs/<lang>.json`` (a name, or a list of a name and its variants)
whose words differ from every CLDR territory name in that language: "Großbritannien" (CLDR: Vereinigtes
Königreich), "Wit-Rusland", "Russische Föderation", "República Checa". Left out: names with an acronym (USA, ÖYB,
КНДР, U.S.: abbreviations are exact in ``countries.NEWS_ABBREVIATIONS``), inverted or qualified forms with a comma
or a bracket ("Congo (República Democrática del)"), which running text does not use, one-word names that are a
word of another country's names ("Congo", "Kongo": either Congo), and codes that are no country.
Acronyms are kept apart, to be read as written (``abbreviations``: США, ΗΠΑ, ABD).
Output: ``{"source": ..., "names": {lang: {name: code}}, "abbreviations": {lang: {acronym: code}}}``, sorted.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from babel import Locale, UnknownLocaleError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from flows.steps.countries import name_key  # noqa: E402

SOURCE = "i18n-iso-countries 7.14.0 (npm, MIT): langs/<lang>.json"
_DOTTED = re.compile(r"\b\w\.\w\.")  # U.S., U.S.A.


def _abbreviated(name: str) -> bool:
    """An acronym (two or more capitals: USA, ÖYB, КНДР) or a dotted abbreviation in the name."""
    return bool(_DOTTED.search(name)) or any(len(t) >= 2 and t.isupper() for t in re.findall(r"[^\W\d_]+", name))


def words_by_code(names: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Code -> the words (``name_key``) of its names, from (name, code) pairs."""
    words_of_code: dict[str, set[str]] = {}
    for name, code in names:
        words_of_code.setdefault(code, set()).update(name_key(name))
    return words_of_code


def names_another(key: tuple[str, ...], code: str, words_of_code: dict[str, set[str]]) -> bool:
    """Whether a one-word name (its ``name_key``) of ``code`` is a word of another country's names ("Congo", "Kongo":
    either Congo), which running text would read as either."""
    return len(key) == 1 and any(other != code and key[0] in words for other, words in words_of_code.items())


def variants(langs: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in sorted(langs.glob("*.json")):
        try:
            locale = Locale.parse(path.stem)
        except (UnknownLocaleError, ValueError):
            continue
        cldr = {name_key(name) for name in locale.territories.values()}
        entries = [
            (" ".join(name.split()), code)
            for code, names in json.loads(path.read_text(encoding="utf-8"))["countries"].items()
            if len(code) == 2 and code.isalpha() and code.isupper()
            for name in (names if isinstance(names, list) else [names])
        ]
        territories = [(n, c) for c, n in locale.territories.items() if isinstance(c, str)]
        words_of_code = words_by_code([*entries, *territories])
        found: dict[str, str] = {}
        for name, code in entries:
            key = name_key(name)
            if not key or key in cldr or _abbreviated(name) or re.search(r"[,()]", name):
                continue
            if names_another(key, code, words_of_code):
                continue  # a word of another country's name: Congo (Republic of the Congo, Democratic Republic of ...)
            found[name] = code
        if found:
            out[path.stem] = dict(sorted(found.items()))
    return out


def abbreviations(langs: Path) -> dict[str, dict[str, str]]:
    """Per language, the names that are an acronym and nothing else, or an acronym before a bracket that spells
    it out: США, ΗΠΑ, ABD, ОАЭ, КНДР ("КНДР (Корейская Народно-Демократическая Республика)"). Read as written
    (capitals), like ``countries.NEWS_ABBREVIATIONS``."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(langs.glob("*.json")):
        try:
            Locale.parse(path.stem)
        except (UnknownLocaleError, ValueError):
            continue
        found: dict[str, str | None] = {}
        for code, names in json.loads(path.read_text(encoding="utf-8"))["countries"].items():
            if not (len(code) == 2 and code.isalpha() and code.isupper()):
                continue
            for name in names if isinstance(names, list) else [names]:
                acronym = re.fullmatch(r"([^\W\d_]{2,})(?:\s*\(.*\))?", name.strip())
                if acronym and acronym.group(1).isupper():
                    found[acronym.group(1)] = None if found.get(acronym.group(1), code) != code else code
        if kept := {a: c for a, c in sorted(found.items()) if c is not None}:
            out[path.stem] = kept
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    write_table(Path(argv[1]), SOURCE, "names", variants(Path(argv[0])), abbreviations=abbreviations(Path(argv[0])))
    return 0


def build_table(
    argv: list[str], usage: str, source: str, key: str, build: Callable[[Path], dict[str, dict[str, str]]]
) -> int:
    """A builder's command line, ``SOURCE_DIR TARGET``: ``build(SOURCE_DIR)`` written to TARGET by ``write_table``;
    the ``usage`` and 2 on other arguments."""
    if len(argv) != 2:
        print(usage, file=sys.stderr)
        return 2
    write_table(Path(argv[1]), source, key, build(Path(argv[0])))
    return 0


def write_table(path: Path, source: str, key: str, table: dict[str, dict[str, str]], **more: dict[str, dict[str, str]]) -> None:
    """Write ``{"source": ..., key: {lang: {name: code}}, **more}`` as ``countries._read_table`` reads it."""
    data = {"source": source, key: table, **more}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    for name, values in {key: table, **more}.items():
        print(f"{sum(len(v) for v in values.values())} {name} in {len(values)} languages")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
