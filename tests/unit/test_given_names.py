"""bench/given_names.py: given names from faker's first names, without the ones that are other words too."""

import pytest

from bench.given_names import common_words, kept

#: the German and English word lists, as Debian's wngerman and wamerican write such words
_GERMAN = {"Michael", "Michaels", "Roman", "Romane", "Rose", "Rosen", "Christian", "Christiane", "Hans", "Hanse"}
_ENGLISH = {"general", "judge", "john", "John", "rose", "Rose", "Michael"}


@pytest.mark.parametrize(
    ("name", "is_kept"),
    [
        ("Michael", True),
        ("Paul", True),
        ("John", True),  # written in lower case too (a john), and capitalised: a name
        ("Christian", True),  # Christiane is a given name too, not a form of a noun
        ("Chad", False),  # a country's name
        ("Georgia", False),
        ("Jordan", False),
        ("Sydney", False),  # a place of CLDR's time zones
        ("August", False),  # a month
        ("Roman", False),  # a German noun: der Roman, die Romane
        ("Rose", False),
        ("General", False),  # an English word written in lower case only
        ("Judge", False),
        ("Al", False),  # too short
        ("Jean-Paul", False),  # not one word
        ("MICHAEL", False),
        ("Иван", False),  # not in Latin letters
        ("Zoë", True),
    ],
)
def test_names_that_are_other_words_are_left_out(name: str, is_kept: bool) -> None:
    names = [name, "Christiane", "Hans"]  # Hans: Hanse is a German noun, and no name of the list
    assert (name in kept(names, _GERMAN, _ENGLISH)) is is_kept
    assert "Hans" not in kept(names, _GERMAN, _ENGLISH)


def test_the_names_come_out_sorted_and_once() -> None:
    assert kept(["Paul", "Ben", "Paul", "Anna"], set(), set()) == ["Anna", "Ben", "Paul"]


def test_the_names_that_are_common_words_are_those_the_small_list_writes_in_lower_case() -> None:
    """Debian's smallest English list holds the most frequent words: a name it writes in lower case is a word too
    (grant, hope); one it writes capitalised only, or not at all, is none (Chelsea, Michael)."""
    common = {"grant", "hope", "Chelsea", "Michael", "the"}
    assert common_words(["Michael", "Grant", "Chelsea", "Hope", "Paul"], common) == ["Grant", "Hope"]
