from __future__ import annotations

from pathlib import Path

import pytest

from flows.steps.boilerplate import remove_boilerplate
from flows.steps.countries import find_countries

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Russland und Russlands Nachbarn, russische Truppen", ("RU",)),
        ("russische Truppen, die Russische Föderation", ("RU",)),
        ("französische, griechische und chinesische Diplomaten", ("CN", "FR", "GR")),
        ("arabische und portugiesische Medien; Arabic media", ()),  # languages of several countries
        ("Portuguese and Spanish ministers", ("ES", "PT")),  # English demonyms: the people of one country
        ("die Vereinigten Staaten, im Vereinigten Königreich, der Dominikanischen Republik", ("DO", "GB", "US")),
        ("Russia, the Russian Federation and Russian troops", ("RU",)),
        ("Nordkorea, Nordkoreas Armee, nordkoreanische Soldaten, North Korea, North Korean", ("KP",)),
        ("Südkorea and South Korea", ("KR",)),
        ("the USA, US-led forces and the UK", ("GB", "US")),
        ("Iranian drones hit Ukrainian cities; Taiwan’s army", ("IR", "TW", "UA")),
        ("La France et l'Allemagne", ("DE", "FR")),
        ("British and American officials met in Turkey and Great Britain", ("GB", "TR", "US")),
        ("Israeli, Swiss and Dutch envoys; Ivory Coast, Hong Kong and Myanmar", ("CH", "CI", "HK", "IL", "MM", "NL")),
    ],
)
def test_names_in_any_language_and_inflection(text: str, codes: tuple[str, ...]) -> None:
    assert find_countries(text, languages=("en", "de", "fr")) == codes


def test_common_words_and_abbreviations_are_not_countries() -> None:
    text = "AI developers AND IT staff in the turkey shed of London; the PM said Mann and man can go."
    assert find_countries(text) == ()
    # native spellings that are English words, countries of the past
    assert find_countries("Rhode Island and Dominique, Congo-era Yugoslavia", languages=("en",)) == ()


def test_a_demonym_inside_a_longer_name_is_not_the_country() -> None:
    assert find_countries("South American and Native American leaders; Latin-American trade") == ()
    assert find_countries("The American envoy met our American friends") == ("US",)


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("000_648d364ac6a78ef8.txt", {"RU", "CN", "TW", "US", "UA"}),
        ("001_56a0064459e663f8.txt", {"RU", "CN", "TW", "US", "UA"}),
        ("002_cd6aa4200cfb7c40.txt", {"RU", "CN", "TW", "US", "JP", "KR", "AU"}),
        ("003_2ea6db9797bc8efc.txt", {"RU", "KP", "KR", "US", "UA", "JP"}),
        ("004_0ea8069e22714357.txt", {"RU", "CN", "UA", "US", "IR"}),
    ],
)
def test_seed_articles_get_the_countries_they_discuss(name: str, codes: set[str]) -> None:
    text = remove_boilerplate((SEEDS / name).read_text(encoding="utf-8"))
    assert set(find_countries(text)) == codes


def test_official_abbreviations_of_state_names() -> None:
    assert find_countries("Talks between the DPRK and the ROK; the PRC and the ROC watched.") == ("CN", "KP", "KR", "TW")
    assert find_countries("Nordkorea (DPRK) warnt") == ("KP",)
