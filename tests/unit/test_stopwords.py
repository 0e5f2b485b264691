from flows.steps.stopwords import justext_stop_words, language_stop_words, stop_word_count, stoplist_for


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
