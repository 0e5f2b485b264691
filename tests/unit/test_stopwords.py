from flows.steps.stopwords import (
    function_words,
    justext_stop_words,
    language_stop_words,
    stop_word_count,
    stoplist_for,
)


def test_language_stop_words_are_stopwords_iso_lists_by_code() -> None:
    assert {"however", "the"} <= language_stop_words("en") and "könnte" in language_stop_words("de")
    assert language_stop_words(None) == language_stop_words("und") == language_stop_words("xx") == frozenset()


def test_the_densest_jusText_list_guesses_the_language() -> None:
    assert stoplist_for("the council said that it would go on with the plan") == justext_stop_words("English")
    assert stoplist_for("der Rat sagte, dass er mit dem Plan weitermachen werde") == justext_stop_words("German")
    assert stoplist_for("1234 5678") == frozenset() and justext_stop_words("Klingon") == frozenset()
    assert stop_word_count("the qxzv and the zzvb") == 3  # a stop word of any language counts


def test_jusText_lists_by_code_through_cldr_english_names() -> None:
    from flows.steps.stopwords import justext_stop_words, justext_stop_words_of

    assert justext_stop_words_of("cs") == justext_stop_words("Czech") and "vláda" in justext_stop_words_of("cs")
    assert justext_stop_words_of("no") == justext_stop_words("Norwegian_Bokmal") != frozenset()
    assert justext_stop_words_of("zh") == justext_stop_words_of(None) == frozenset()


def test_function_words_are_the_words_of_a_jusText_list_stopwords_iso_has_too() -> None:
    turkish, english = justext_stop_words("Turkish"), justext_stop_words("English")
    content = {"türkiye", "azerbaycan", "enerji", "bakan", "büyük"}
    assert content <= turkish  # a list of frequent words: names and content words among them
    assert {"ve", "için", "ancak"} <= function_words(turkish) and not content & function_words(turkish)
    assert {"government", "president"} <= english and not {"government", "president"} & function_words(english)
    assert {"the", "which"} <= function_words(english)
    assert {"hallitus", "esittää"} <= justext_stop_words("Finnish") - function_words(justext_stop_words("Finnish"))
    bokmal = function_words(justext_stop_words("Norwegian_Bokmal"))  # Norwegian Bokmål: stopwords-iso's "no"
    assert "ikke" in bokmal and bokmal <= language_stop_words("no")


def test_greek_function_words_are_matched_without_their_accents() -> None:
    greek = function_words(justext_stop_words("Greek"))  # stopwords-iso writes ειναι, οτι, αλλα
    assert {"είναι", "ότι", "αλλά"} <= greek and "αθήνα" not in greek
    assert "είναι" not in language_stop_words("el")


def test_a_list_stopwords_iso_lacks_is_function_words_only_when_short() -> None:
    assert function_words(justext_stop_words("Albanian")) == justext_stop_words("Albanian")  # 487 words
    assert function_words(justext_stop_words("Azerbaijani")) == frozenset()  # 3,483, "azərbaycan" among them
    kurdish = justext_stop_words("Kurdish")  # stopwords-iso's Kurdish is written in another script
    assert not kurdish & language_stop_words("ku") and function_words(kurdish) == kurdish
    assert function_words(frozenset()) == frozenset()
