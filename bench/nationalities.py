"""Build ``flows/steps/data/nationalities.json``: nationality adjectives CLDR lacks, from the i18n-nationality
package on npm (MIT), for ``flows.steps.countries``.

    npm pack i18n-nationality@1.4.0 && tar xzf i18n-nationality-1.4.0.tgz
    python bench/nationalities.py package/langs flows/steps/data/nationalities.json

German and English only: "Amerikanisch", "Britisch", "Brasilianisch", "Deutsch", "Saudi", "Slovakian". CLDR has
no demonyms, and the German adjectives of ``countries._german_adjective_stems`` come from the country's German
name, which misses the irregular ones (Vereinigte Staaten: amerikanisch; Vereinigtes Königreich: britisch;
Brasilien: brasilianisch). The package's other languages were left out after reading them: they hold wrong codes
that news would hit (French "Gallois" and Italian "Gallese", the Welsh, for Wallis and Futuna; Dutch "Neen", "no",
for Niue; Spanish "Islandés" for Bouvet Island), and their adjectives are written in lower case, which
``find_countries`` reads as a name only in German.

Kept: entries of at most three words without brackets, commas, dots, slashes or "or" ("Kongolesisch (Republik
Kongo)", "Trinidadian or Tobagonian", "St. Helena"), that are not a CLDR territory name in the language (the
package names territories by their name: "Jersey", "Kokosinseln"), and whose words no other code shares.
Output: ``{"source": ..., "adjectives": {lang: {adjective: code}}}``, sorted.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.country_variants import build_table  # noqa: E402
from flows.steps.countries import name_key  # noqa: E402

SOURCE = "i18n-nationality 1.4.0 (npm, MIT): langs/<lang>.json"
LANGUAGES = ("de", "en")
_MAX_WORDS = 3
_LEFT_OUT = re.compile(r"[,()./]|\s(?:or|oder)\s")


def adjectives(langs: Path, languages: tuple[str, ...] = LANGUAGES) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lang in languages:
        entries = json.loads((langs / f"{lang}.json").read_text(encoding="utf-8"))["nationalities"]
        territories = {name_key(name) for name in Locale.parse(lang).territories.values()}
        entries = {code: " ".join(name.split()) for code, name in entries.items() if len(code) == 2 and code.isupper()}
        shared = Counter(name_key(name) for name in entries.values())
        out[lang] = dict(sorted(
            (name, code) for code, name in entries.items()
            if 0 < len(key := name_key(name)) <= _MAX_WORDS and not _LEFT_OUT.search(name)
            and key not in territories and shared[key] == 1
        ))  # fmt: skip
    return out


def main(argv: list[str]) -> int:
    return build_table(argv, __doc__ or "", SOURCE, "adjectives", adjectives)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
