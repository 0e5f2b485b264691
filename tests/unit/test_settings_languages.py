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
