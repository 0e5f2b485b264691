"""The seeds come out clean: every piece of page furniture is gone and every article line is kept.

The expectations were written by reading the seeds; lines are named by a prefix that is unique in their file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.steps.boilerplate import remove_boilerplate
from flows.steps.normalize import normalize_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

#: seed file -> (article line prefixes, furniture line prefixes)
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "000_648d364ac6a78ef8.txt": (
        [
            "LONDON (IT BOLTWISE) – Neue Berichte",
            "Russland hat laut einer Analyse",
            "Die Dokumente deuten auf Treffen",
            "Unter Xi Jinping hat China",
            "Russland könnte mit dieser Unterstützung",
        ],
        [
            "- Die besten Bücher rund um KI",  # shop promotion
            "- Die besten KI-News kostenlos per eMail",  # newsletter
            "- Zur Startseite von IT BOLTWISE",  # navigation
            "- IT BOLTWISE® kostenlos auf Patreon",  # donation
            "- Aktuelle KI-Jobs auf StepStone",  # job board
            "Stellenangebote",
            "Praktikant*in UX/UI Design",
            "Software Architect AI",
            "Softwareentwickler (m/w/d)",
            "AI Developer (all genders)",
            "- Künstliche Intelligenz: Dem Menschen überlegen",  # book advert
            "Du hast einen wertvollen Beitrag",  # comment prompt
            "#Sophos",
            "Es werden alle Kommentare moderiert!",  # comment policy
            "Für eine offene Diskussion behalten wir uns vor",
            "Wir möchten, dass respektvoll miteinander",
            "Du willst nichts verpassen?",  # subscription prompt
            "Du möchtest über ähnliche News",
            "Nutze die Google-Suchmaschine",  # search prompt
        ],
    ),
    "001_56a0064459e663f8.txt": (
        [
            "Russia aids China in preparation",
            "- Leaked Russian documents confirm",
            "- The reports indicate a partnership",
            "- This collaboration signifies a shift",
            "In recent months, reports have emerged",
        ],
        [],
    ),
    "002_cd6aa4200cfb7c40.txt": (
        [
            "A recent report from a London-based think tank",
            "Russia’s Military Support to China Raises Concerns",
            "Recent assessments from a prominent",
            "Key areas of cooperation reportedly include:",
            "- Provision of precision-guided munitions",
            "- Sharing of real-time satellite",
            "- Joint naval drills",
            "- Cyber warfare collaboration",
            "Support Type | Potential Impact | Status |",
            "---|---|---|",
            "Missile Technology Transfer |",
            "Satellite Intelligence Sharing |",
            "Joint Military Exercises |",
            "Strategic Implications of Sino-Russian",
            "The deepening cooperation between Moscow",
            "Key strategic concerns include:",
            "- Enhanced missile technology transfer",
            "- Shared intelligence reducing",
            "- Coordinated naval maneuvers",
            "- Potential disruption of existing",
            "Aspect | Impact | Regional Players Affected |",
            "Military Tech Transfer |",
            "Joint Exercises |",
            "Intelligence Sharing |",
            "Expert Recommendations for Western",
            "Western policymakers are urged",
            "Strategic investment in economic resilience",
            "- Expand cooperative defense agreements",
            "- Increase funding for cyber",
            "- Implement agile diplomatic initiatives",
            "Policy Area | Recommended Action |",
            "Intelligence & Surveillance |",
            "Diplomacy |",
            "Economic Measures |",
            "The Way Forward",
            "As tensions continue to rise",
        ],
        [],
    ),
    "003_2ea6db9797bc8efc.txt": (
        [
            "Russlands Verteidigungsminister stärkt",
            "BerlinRusslands Verteidigungsminister hat",
            "Wichtige Aspekte des Besuchs umfassten:",
            "Erweiterung der militärischen Zusammenarbeit",
            "Nordkorea und Russland erörtern",
            "Russland profitiert von der",
            "Partnerschaft sorgt für Besorgnis",
            "Südkoreas Präsident Yoon Suk Yeol",
        ],
        [
            "27. November 2024 · 18:55",  # related-article list with timestamps
            "BND-Leiter Kahl",
            "22. November 2024 · 10:28",
            "Russland tauscht Raketen",
            "21. November 2024 · 08:44",
            "Merkels Perspektive",
            "Diesen Artikel teilen",  # share prompt
        ],
    ),
    "004_0ea8069e22714357.txt": (
        [
            "The weapons that Russia can order",
            "The terrifying prospect of China",
            "China is the key player",
            "The existence of a Sino-Russian axis",
            "But right now there is a red line",
            "China denies it.",
            "However, the newspaperThe mirror",
            "Drones are similar to Shahed-136",
            "China has so far refrained",
            "China’s frustration with Russia",
            "In general, war is becoming",
            "All this points to the possibility",
            "However, a recent analysis reveals",
            "Besides, China is already financing",
            "Meanwhile, China has been stealthily",
        ],
        [
            "by time news",  # byline between title and body
            "You may also like",
            "Leave a Comment",
        ],
    ),
}


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _matching(lines: list[str], prefix: str) -> list[str]:
    return [line for line in lines if line.startswith(prefix)]


def test_every_seed_has_expectations() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prefixes_name_exactly_one_line_of_the_seed(name: str) -> None:
    source = _lines(normalize_text((SEEDS / name).read_text(encoding="utf-8")))
    article, furniture = EXPECTED[name]
    for prefix in article + furniture:
        if prefix != "---|---|---|":
            assert len(_matching(source, prefix)) == 1, prefix
    # every line of the seed is either article or furniture
    assert len(source) == sum(len(_matching(source, p)) for p in dict.fromkeys(article + furniture))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_article_kept_and_furniture_removed(name: str) -> None:
    source = normalize_text((SEEDS / name).read_text(encoding="utf-8"))
    kept = _lines(remove_boilerplate(source))
    article, furniture = EXPECTED[name]
    for prefix in article:
        assert _matching(kept, prefix), f"article line dropped: {prefix!r}"
    for prefix in furniture:
        assert not _matching(kept, prefix), f"furniture kept: {prefix!r}"
    expected_article = [line for line in _lines(source) if any(line.startswith(p) for p in article)]
    assert kept == expected_article  # order kept, nothing else let through
