"""Countries found in reference bodies, saved per release and compared: what a change to ``find_countries`` adds
and removes, with the words around each, to be read.

    PYTHONPATH=. python bench/countries_diff.py save before.json /tmp/aeb_all /tmp/l3s /tmp/dragnet ...
    (change the code)
    PYTHONPATH=. python bench/countries_diff.py save after.json /tmp/aeb_all /tmp/l3s /tmp/dragnet ...
    PYTHONPATH=. python bench/countries_diff.py compare before.json after.json

A set is a folder with ``ground-truth.json`` (id -> {"articleBody": ...}), as the ``bench/data/*/prepare.py``
scripts write them. Each body is read as ``annotate_facets`` reads a document: in its detected language and
English (all configured languages when it is ``und``). The saved file keeps the bodies too, so that ``compare``
shows where each changed code's name stands.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.settings import Settings  # noqa: E402
from flows.steps.countries import _TOKEN, _index, _match, document_countries  # noqa: E402
from flows.steps.language import detect_language  # noqa: E402


def save(out: Path, folders: list[Path]) -> None:
    languages = Settings().languages
    found: dict[str, dict[str, object]] = {}
    for folder in folders:
        bodies = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for key, value in bodies.items():
            body = str(value["articleBody"])
            code = detect_language(body, languages=languages).code
            countries = document_countries(body, language=code, languages=languages)
            found[f"{folder.name}/{key}"] = {"language": code, "body": body, "countries": list(countries)}
    out.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    print(f"{len(found)} texts, {sum(len(v['countries']) for v in found.values())} codes")  # type: ignore[arg-type]


def _where(body: str, code: str, language: str) -> list[str]:
    """The words around each one-word name of the code in the body (as the names table reads them)."""
    index = _index(frozenset({language, "en"}))
    around = []
    for m in _TOKEN.finditer(body):
        hit = _match([m.group(0).lower()], 0, index)
        if hit is not None and hit[0] == code:
            around.append(body[max(0, m.start() - 40) : m.end() + 40].replace("\n", " "))
    return around


def compare(before_file: Path, after_file: Path) -> None:
    before = json.loads(before_file.read_text(encoding="utf-8"))
    after = json.loads(after_file.read_text(encoding="utf-8"))
    table: dict[str, Counter[str]] = defaultdict(Counter)
    rows = []
    for key, old in before.items():
        new = after[key]
        group = table[key.split("/", 1)[0]]
        group["texts"] += 1
        group["before"] += len(old["countries"])
        group["after"] += len(new["countries"])
        group["changed"] += set(old["countries"]) != set(new["countries"])
        for sign, codes in (("-", set(old["countries"]) - set(new["countries"])), ("+", set(new["countries"]) - set(old["countries"]))):
            rows.extend((sign, code, key, new) for code in sorted(codes))
    print("| set | texts | codes before | codes after | texts changed |\n|---|---|---|---|---|")
    for name, c in table.items():
        print(f"| {name} | {c['texts']} | {c['before']} | {c['after']} | {c['changed']} |")
    for sign, code, key, new in rows:
        print(sign, code, key, " || ".join(_where(new["body"], code, new["language"])[:3]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("folders", type=Path, nargs="+")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.command == "save":
        save(args.out, args.folders)
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    main()
