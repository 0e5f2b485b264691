from flows.models import UNDETERMINED
from flows.steps.language import detect_language

DE = "Russland hat laut einer Analyse von durchgesickerten Dokumenten begonnen, China mit Ausrüstung zu versorgen."
EN = "Russia has reportedly begun supplying China with equipment, according to an analysis of leaked documents."


def test_detects_german_and_english() -> None:
    assert detect_language(DE).code == "de"
    assert detect_language(EN).code == "en"
    assert detect_language(EN).probability > 0.9


def test_is_deterministic() -> None:
    text = "Bonjour tout le monde, ceci est un petit texte."
    assert len({detect_language(text) for _ in range(10)}) == 1


def test_short_text_is_undetermined() -> None:
    assert detect_language("Hallo").code == UNDETERMINED
    assert detect_language("12345 67890 !!!").code == UNDETERMINED


def test_unsure_answers_are_undetermined() -> None:
    assert detect_language(EN, min_probability=1.01).code == UNDETERMINED
