"""A synthetic news corpus for benchmarks: German and English text files and HTML pages of a few KB each.

Deterministic for a given size and seed. Sentences are assembled from hand-written news phrases, so the
language detector, the HTML extractor and the sentence splitter all do real work.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

EN_SUBJECTS = ["The city council", "The finance minister", "A spokesperson for the company", "Local residents",
               "The central bank", "Researchers at the university", "The opposition leader", "Emergency services",
               "The football club", "Farmers in the region", "The health authority", "Union representatives"]
EN_VERBS = ["announced on Tuesday that", "said in a statement that", "warned that", "confirmed that",
            "argued during the debate that", "told reporters that", "expects that", "denied reports that"]
EN_OBJECTS = ["the new budget would cut spending on public transport", "prices for energy are likely to rise again next winter",
              "the bridge will remain closed until the inspection is finished", "more than two thousand jobs are at risk",
              "the election results will be published on Sunday evening", "the project has been delayed by at least a year",
              "the storm caused heavy damage to houses along the coast", "interest rates would stay unchanged for now",
              "the hospital needs more nurses and doctors", "the negotiations will continue after the holidays"]
DE_SUBJECTS = ["Der Stadtrat", "Die Finanzministerin", "Ein Sprecher des Unternehmens", "Die Anwohner",
               "Die Bundesbank", "Forscher der Universität", "Der Oppositionsführer", "Die Feuerwehr",
               "Der Fußballverein", "Die Landwirte in der Region", "Das Gesundheitsamt", "Die Gewerkschaft"]
DE_VERBS = ["teilte am Dienstag mit, dass", "erklärte in einer Stellungnahme, dass", "warnte davor, dass",
            "bestätigte, dass", "sagte vor Journalisten, dass", "rechnet damit, dass", "wies Berichte zurück, wonach"]
DE_OBJECTS = ["der neue Haushalt die Ausgaben für den Nahverkehr kürzen werde", "die Energiepreise im nächsten Winter wieder steigen dürften",
              "die Brücke bis zum Ende der Prüfung gesperrt bleibe", "mehr als zweitausend Arbeitsplätze gefährdet seien",
              "die Wahlergebnisse am Sonntagabend veröffentlicht würden", "sich das Projekt um mindestens ein Jahr verzögere",
              "der Sturm schwere Schäden an Häusern entlang der Küste verursacht habe", "die Zinsen vorerst unverändert blieben",
              "das Krankenhaus mehr Pflegekräfte und Ärzte brauche", "die Verhandlungen nach den Feiertagen weitergingen"]
PLACES = ["Berlin", "Hamburg", "London", "Manchester", "Munich", "Cologne", "Leeds", "Bremen", "Bristol", "Dresden"]


def sentence(rng: random.Random, lang: str) -> str:
    s, v, o = (DE_SUBJECTS, DE_VERBS, DE_OBJECTS) if lang == "de" else (EN_SUBJECTS, EN_VERBS, EN_OBJECTS)
    tail = f" ({rng.choice(PLACES)}, {rng.randint(2, 98)} %)" if rng.random() < 0.2 else ""
    return f"{rng.choice(s)} {rng.choice(v)} {rng.choice(o)}{tail}."


def article(rng: random.Random, lang: str, paragraphs: int) -> tuple[str, list[str]]:
    title = " ".join(sentence(rng, lang).split()[:8]).rstrip(",.")
    paras = [" ".join(sentence(rng, lang) for _ in range(rng.randint(3, 6))) for _ in range(paragraphs)]
    return title, paras


def html_page(title: str, paras: list[str], lang: str, n: int) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(12))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="Reporter {n % 37}"><meta property="og:site_name" content="Example News">
<meta name="date" content="2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}">
<script>window.dataLayer = window.dataLayer || []; function track(e) {{ dataLayer.push(e); }}</script>
<style>body {{ font-family: serif; }} nav li {{ display: inline; }}</style></head>
<body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Reporter {n % 37}</p>
{body}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li><li><a href="/b">Weather</a></li></ul></aside>
<footer><p>© Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>
"""


def build(target: Path, n: int, seed: int = 7) -> Path:
    """Write n documents below target (skipped when a complete corpus of that size is already there)."""
    marker = target / f".complete-{n}-{seed}"
    if marker.exists():
        return target
    rng = random.Random(seed)
    for i in range(n):
        lang = "de" if rng.random() < 0.5 else "en"
        title, paras = article(rng, lang, rng.randint(3, 7))
        folder = target / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if rng.random() < 0.5:
            (folder / f"{i:06d}.html").write_text(html_page(title, paras, lang, i), encoding="utf-8")
        else:
            (folder / f"{i:06d}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    marker.touch()
    return target


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("target", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    a = ap.parse_args()
    print(build(a.target, a.docs))
