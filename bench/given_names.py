"""Build ``flows/steps/data/given_names.json``: given names from the locale data of the @faker-js/faker package on
npm (MIT), for ``flows.steps.countries``.

    npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz
    apt-get download wngerman wamerican wamerican-small
    for deb in wngerman_*.deb wamerican_*.deb wamerican-small_*.deb; do dpkg-deb -x $deb dict; done
    PYTHONPATH=. python bench/given_names.py package dict/usr/share/dict flows/steps/data/given_names.json

The first names of the English and German locales (``LOCALES``: en, de, de_AT, de_CH; node reads them from the
package's modules), one word of Latin letters, capitalised, at least ``MIN_LETTERS`` long. A name before a
country's name in German text makes that name a surname ("Paul England", "Michael Jordan"), so every name that
could be something else there is left out:

- a country's one-word name in any language the tables hold (Chad, Georgia, India, Jordan, Israel, Kenya: the
  name itself is the country's) and the one-word names of places in CLDR's time-zone identifiers (Paris, London,
  Sydney), as in the first-name method measured for people (``bench/RESULTS.md``, 0.7.7);
- the months and weekdays of English and German (August, May, June), and the function words of both;
- German nouns: a word of the German list (``wngerman``, Debian) whose plural or another form in -n, -en, -e or
  -er it lists too and no given name is (Roman: Romane, Rose: Rosen, Mark: Marke; not Christian: Christiane);
- English words that the English list (``wamerican``, Debian) writes in lower case only (General, Judge, Emir,
  Princess, River), not those it writes capitalised too (John, Mark, Frank: names as well).

The two word lists only leave words out; nothing of theirs is shipped. Output: ``{"source": ..., "names": [...],
"countries": [...], "words": [...]}``, sorted; ``countries`` are the first names of the package that are a
country's one-word English name (Chad, Georgia, Israel, Jordan, Kenya): a person's given name as well as the
country's, before a surname ("Chad Johnson"), where another English name is an organisation's ("Austria Salzburg",
"Qatar Airways"); ``words`` are the kept names that are common English words too: the smallest English list
(``wamerican-small``, Debian: the words of SCOWL's size 35, the most frequent) writes them in lower case (Grant,
Hope, Faith, Chase; not Michael, Paul, Chelsea). Opening a headline, such a name is as often the word ("Grant
Israel More Aid", "Hope Kenya Wins").
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Container, Iterable
from pathlib import Path

from babel.core import get_global

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from flows.steps.countries import (  # noqa: E402
    _one_word_names,
    cldr_alternative_names,
    country_names,
    name_forms,
    nationality_adjectives,
    subdivision_names,
    uk_nations,
    variant_names,
)
from flows.steps.metadata import calendar_words  # noqa: E402
from flows.steps.stopwords import language_stop_words  # noqa: E402

SOURCE = "@faker-js/faker 10.6.0 (npm, MIT): dist/locale/<locale>.js, person.first_name"
#: the locales whose first names are read: the names German and English news write most
LOCALES = ("en", "de", "de_AT", "de_CH")
#: shorter names are words or initials of other things too (Al, Bo, Ed)
MIN_LETTERS = 3
#: endings of the forms of a German noun the German list holds (Rosen, Marke, Romane, Engeln)
NOUN_FORMS = ("n", "en", "e", "er")

#: prints ``{locale: [first names]}`` for the locale modules of the package
_NODE = """
const [dir, ...locales] = process.argv.slice(1);
const out = {};
for (const locale of locales) {
  const first = (await import(`${dir}/dist/locale/${locale}.js`)).faker.rawDefinitions.person.first_name;
  out[locale] = Array.isArray(first) ? first : Object.values(first).flat();
}
console.log(JSON.stringify(out));
"""


def first_names(package: Path, locales: Iterable[str] = LOCALES) -> dict[str, list[str]]:
    """Locale -> the package's first names, as its modules define them (read by node)."""
    run = subprocess.run(
        ["node", "--input-type=module", "-e", _NODE, str(package.resolve()), *locales],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(run.stdout))


def place_names() -> set[str]:
    """The lower-case one-word names of countries in every language the tables hold (Chad, Georgia, Jordan, Israel,
    German) and of the places CLDR's time-zone identifiers name (Australia/Sydney: sydney). Only whole names: a
    given name that is a word of a longer one (Lucia, Saint Lucia; Juan, San Juan) is none of them alone."""
    tables = (variant_names(), cldr_alternative_names(), nationality_adjectives(), subdivision_names(), uk_nations())
    languages = frozenset({"en", "de"}.union(*(table.keys() for table in tables), name_forms().keys()))
    countries = {key[0] for key in country_names(languages) if len(key) == 1}
    return countries | {city.lower() for zone in get_global("zone_territories") if (city := zone.rsplit("/", 1)[-1]).isalpha()}


def kept(names: Iterable[str], german: Container[str], english: Container[str]) -> list[str]:
    """The names that are one word of Latin letters, capitalised, at least ``MIN_LETTERS`` long, and nothing else
    (the module's docstring): no place's one-word name, month, weekday or function word, no German noun (a word
    of the ``german`` list whose forms in ``NOUN_FORMS`` it lists too and that are no names), no English word
    written only in lower case (in ``english`` so, and not capitalised)."""
    names = {
        name for name in names
        if len(name) >= MIN_LETTERS and name.isalpha() and name[0].isupper() and name[1:].islower()
        and all(ord(ch) < 0x250 for ch in name)
    }  # fmt: skip
    left_out = place_names() | calendar_words(frozenset({"en", "de"})) | language_stop_words("en") | language_stop_words("de")
    return sorted(
        name for name in names
        if name.lower() not in left_out
        and not (name in german and any(name + e in german and name + e not in names for e in NOUN_FORMS))
        and not (name.lower() in english and name not in english)
    )  # fmt: skip


def given_names(package: Path, dictionaries: Path) -> tuple[list[str], list[str], list[str]]:
    """The kept first names of the package's ``LOCALES``, with the word lists of ``dictionaries`` (a folder
    holding Debian's ``ngerman``, ``american-english`` and ``american-english-small``), those of its first names
    that are a country's one-word English name, lower case, and the kept names that the small English list
    writes in lower case (``common_words``)."""
    names = [name for locale_names in first_names(package).values() for name in locale_names]
    german = set((dictionaries / "ngerman").read_text(encoding="utf-8").split())
    english = set((dictionaries / "american-english").read_text(encoding="utf-8").split())
    common = set((dictionaries / "american-english-small").read_text(encoding="utf-8").split())
    countries = _one_word_names(["en"])
    names_kept = kept(names, german, english)
    return names_kept, sorted({name.lower() for name in names} & countries), common_words(names_kept, common)


def common_words(names: Iterable[str], common: Container[str]) -> list[str]:
    """The names whose lower-case form the list of common words holds (Grant: grant, Hope: hope; not Michael)."""
    return sorted(name for name in names if name.lower() in common)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    names, countries, words = given_names(Path(argv[0]), Path(argv[1]))
    data = {"source": SOURCE, "names": names, "countries": countries, "words": words}
    Path(argv[2]).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(names)} given names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
