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


def test_language_hits_count_a_texts_words_in_each_languages_list_by_code() -> None:
    from flows.steps.stopwords import language_hits

    hits = language_hits("the council said that it would go on with the plan")
    assert hits.most_common(1) == [("en", 9)]  # all but "council"
    nynorsk = language_hits("Regjeringa vil at det skal vere lettare å byggje hus i bygdene")
    assert {"nb", "nn"} <= set(nynorsk)  # Norwegian_Bokmal and Norwegian_Nynorsk
    assert language_hits("1234 5678") == {}


def test_language_hits_count_no_english_words_for_a_list_of_another_language_unless_they_are_its_own() -> None:
    from flows.steps.stopwords import language_hits

    assert {"the", "of", "was"} <= justext_stop_words("Marathi") and {"the", "of"} <= justext_stop_words("Finnish")
    hits = language_hits("the president of the council was in the city")
    assert hits["en"] == 9 and not {"mr", "ne", "te", "su", "uz", "fi", "tr"} & set(hits), hits
    assert hits["de"] == 2  # "in" and "was", German words too
    danish = language_hits("for at her")  # Danish words too: stopwords-iso's Danish list has them
    assert danish["da"] == danish["nb"] == 3 and danish["tr"] == 1 and not {"mr", "fi"} & set(danish)  # Turkish "her"


def test_function_words_of_a_long_list_are_its_words_stopwords_iso_has_too() -> None:
    turkish = justext_stop_words("Turkish")
    content = {"türkiye", "azerbaycan", "enerji", "bakan", "büyük"}
    assert content <= turkish  # a list of frequent words: names and content words among them
    assert {"ve", "için", "ancak"} <= function_words(turkish) and not content & function_words(turkish)
    assert {"hallitus", "esittää"} <= justext_stop_words("Finnish") - function_words(justext_stop_words("Finnish"))
    assert function_words(justext_stop_words("Azerbaijani")) == frozenset()  # 3,483 words, stopwords-iso has none


def test_a_short_list_is_function_words_whole() -> None:
    """The Western languages' lists hold adverbs and conjunctions stopwords-iso lacks: "eventually", "zudem",
    "insbesondere" would be keywords."""
    for name in ("English", "German", "Greek", "Norwegian_Bokmal", "Albanian"):
        assert function_words(justext_stop_words(name)) == justext_stop_words(name) != frozenset()
    assert {"eventually", "including"} <= function_words(justext_stop_words("English"))
    assert {"zudem", "insbesondere", "jeweils"} <= function_words(justext_stop_words("German"))
    assert function_words(frozenset()) == frozenset()


def test_lithuanian_function_words_are_matched_without_their_accents() -> None:
    """stopwords-iso writes Lithuanian (a long jusText list) mostly without its accents."""
    lithuanian = justext_stop_words("Lithuanian")
    words = function_words(lithuanian)
    assert {w for w in words if w not in language_stop_words("lt")}  # matched only without accents
    assert len(words) > len(lithuanian & language_stop_words("lt"))


def test_the_stop_list_and_the_languages_of_a_text_are_guessed_from_one_count_of_its_words() -> None:
    from flows.steps.stopwords import _word_counts, language_hits

    text = "The council said that the tram line would open in the spring, and that it would cost more than planned."
    _word_counts.cache_clear()
    assert stoplist_for(text) == justext_stop_words("English")
    assert language_hits(text)["en"] > 0
    assert _word_counts.cache_info().hits == 1  # counted once
    assert _word_counts("a b a") == {"a": 2, "b": 1}
