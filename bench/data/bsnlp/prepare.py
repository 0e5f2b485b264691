"""Build the countries evaluation set from the BSNLP shared task's news (Slavic languages, named entities
annotated by hand with a cross-lingual id): one text file per document and the countries its annotators named.

    # the BSNLP 2019/2021 data (raw + annotated), as one team's repository holds it:
    git clone https://github.com/UL-FRI-Zitnik/BSNLP-2021-Shared-Task /tmp/bsnlp-repo
    PYTHONPATH=. python bench/data/bsnlp/prepare.py /tmp/bsnlp-repo/data/datasets/bsnlp /tmp/bsnlp

Topics asia_bibi, brexit, nord_stream, ryanair and, in Slovene only, other (ec and trump number their ids
instead of naming them; covid-19 and us_election_2020 have no annotations there); languages bg, cs, pl, ru, sl,
uk. A raw file opens with four lines (id, language, date, URL),
then the title and the text; an annotated file with the id, then one line per distinct mention: the form, its
lemma, the type and the cross-lingual id ("Rosji  Rosja  LOC  GPE-Russia"). A document's countries are the ids
``GPE-<English name>`` of its LOC mentions that name a country in English ("GPE-Great-Britain" GB, "GPE-Holland"
NL, "GPE-Scotland" GB; "GPE-Brussles" and "GPE-Europe" none); its peoples ("Polacy", PER, GPE-Poland) are kept
apart in ``peoples``, since docindex knows no demonyms in these languages.

Output: ``<out>/<lang>/<topic>-<id>.txt`` (title and text) and ``<out>/gold.json``:
``{"<lang>/<topic>-<id>": {"countries": [...], "peoples": [...], "mentions": {code: [forms]}}}``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from flows.steps.countries import NO_COUNTRY, find_countries  # noqa: E402


def country_of(entity_id: str) -> str | None:
    """The code an id's English name gives ("GPE-Czech-Republic" CZ), or None."""
    name = " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_]", entity_id[len("GPE-") :]) if w)
    name = {"Holland": "Netherlands", "WashingtonDC": "Washington DC"}.get(name, name)
    found = [c for c in find_countries(name, languages=("en",)) if c != NO_COUNTRY]
    return found[0] if len(found) == 1 else None


def main(root: Path, out: Path) -> None:
    gold: dict[str, dict[str, object]] = {}
    for annotated in sorted(root.glob("*/annotated/*/*")):
        topic, lang = annotated.parts[-4], annotated.parts[-2]
        lines = annotated.read_text(encoding="utf-8-sig").splitlines()
        if any(len(cells := line.split("\t")) >= 4 and cells[3].strip().isdigit() for line in lines[1:]):
            continue  # ids are numbers (topics ec and trump): no country to read from them
        doc_id = lines[0].strip()
        raws = [p for p in (root / topic / "raw" / lang).iterdir() if p.read_text(encoding="utf-8-sig").split("\n", 1)[0].strip() == doc_id]
        if len(raws) != 1:
            print(f"{annotated}: {len(raws)} raw files with id {doc_id!r}, skipped", file=sys.stderr)
            continue
        body = raws[0].read_text(encoding="utf-8-sig").splitlines()[4:]
        countries: dict[str, set[str]] = {}
        peoples: set[str] = set()
        for line in lines[1:]:
            cells = line.split("\t")
            if len(cells) < 4 or not cells[3].startswith("GPE-") or (code := country_of(cells[3])) is None:
                continue
            if cells[2] == "LOC":
                countries.setdefault(code, set()).add(cells[0])
            elif cells[2] == "PER":
                peoples.add(code)
        key = f"{lang}/{topic}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', doc_id)}"
        (out / lang).mkdir(parents=True, exist_ok=True)
        (out / f"{key}.txt").write_text("\n".join(body).strip() + "\n", encoding="utf-8")
        gold[key] = {
            "countries": sorted(countries),
            "peoples": sorted(peoples - set(countries)),
            "mentions": {c: sorted(forms) for c, forms in sorted(countries.items())},
        }
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(gold)} documents in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
