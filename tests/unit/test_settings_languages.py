import pytest
from pydantic import ValidationError

from flows.settings import Settings


def test_languages_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_LANGUAGES", "de, en,fr")
    assert Settings().languages == ("de", "en", "fr")


def test_unknown_language_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_LANGUAGES", "de,xx")
    with pytest.raises(ValidationError, match=r"no detector profile for \['xx'\]; choose from af, ar"):
        Settings()


def test_lingua_for_short_texts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR", "lingua")
    assert Settings().language_short_text_detector == "lingua"
    monkeypatch.setenv("DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR", "fasttext")
    with pytest.raises(ValidationError, match="langdetect"):
        Settings()


def test_lingua_needs_a_model_for_every_expected_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR", "lingua")
    monkeypatch.setenv("DOCINDEX_LANGUAGES", "de,kn")  # langdetect has Kannada, lingua does not
    with pytest.raises(ValidationError, match=r"lingua has no model for \['kn'\]"):
        Settings()


def test_lingua_without_its_extra_is_refused_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.settings

    def missing() -> frozenset[str]:
        raise ImportError("No module named 'lingua'")

    monkeypatch.setattr(flows.settings, "lingua_languages", missing)
    with pytest.raises(ValidationError, match=r"pip install 'docindex\[lingua\]'"):
        Settings(language_short_text_detector="lingua")
    assert Settings().language_short_text_detector == "langdetect"  # the default does not need it
