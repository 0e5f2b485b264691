from flows.steps.keywords import extract_keywords


def test_keywords_are_frequent_content_words_not_stop_words() -> None:
    text = ("The bridge over the harbour will open in spring. The bridge cost more than planned, and the harbour "
            "crossing was closed for years. Engineers say the bridge is safe. ") * 2
    kws = extract_keywords(text, top=5)
    assert kws[0] == "bridge" and "harbour" in kws
    assert not {"the", "more", "than"} & {k.lower() for k in kws}


def test_no_text_no_keywords() -> None:
    assert extract_keywords("") == ()


def test_the_documents_language_adds_its_stop_words() -> None:
    text = ("However the harbour bridge opened. However, engineers doubt the bridge. However it stands. "
            "Die Brücke könnte halten, sagen Ingenieure; die Brücke könnte auch fallen. ") * 3
    assert "however" not in {k.lower() for k in extract_keywords(text, language="en")}
    assert "however" in {k.lower() for k in extract_keywords(text)}  # jusText's English list lacks it
    assert "könnte" not in extract_keywords(text, language="de")
    assert extract_keywords(text, language="und") == extract_keywords(text)


def test_the_stop_words_of_the_passages_other_languages_are_no_keywords() -> None:
    german = "Die Abgeordneten im Bundestag lobten die Rede über die britische Zusammenarbeit mit der Union. "
    english = "However that may be, this is the same commitment that we made when we stood together. "
    text = german * 4 + english * 3
    alone = {k.lower() for k in extract_keywords(text, language="de")}
    assert {"however", "that", "this", "same"} & alone  # German stop words only: English function words count
    mixed = {k.lower() for k in extract_keywords(text, language="de", also=("en",))}
    assert not {"however", "that", "this", "same", "when"} & mixed and {"bundestag", "zusammenarbeit"} <= mixed


def test_a_keyword_is_written_as_inside_a_sentence_not_as_a_sentence_or_headline_starts() -> None:
    text = ("Harbour Bridge Talks Resume After Strike\nMayor Hails Bridge Talks\n"
            "Talks on the bridge resumed. Talks went well, said the mayor. Talks will go on.\n"
            "The mayor said the talks on the bridge were the longest she had seen, and the bridge talks go on.")
    assert "talks" in extract_keywords(text) and "Talks" not in extract_keywords(text)
    assert "Harbour" in extract_keywords("The ship left Harbour Grace. " * 3)  # a name keeps its capital


def test_german_forms_of_a_word_are_one_keyword_in_its_shortest_form() -> None:
    text = ("Russland liefert militärische Technik. Die militärischen Güter gehen nach China. Chinas Armee "
            "wächst, Russlands Hilfe auch. Ein militärischer Konvoi fuhr los; Russland schweigt. ") * 2
    kws = extract_keywords(text, language="de")
    assert [k for k in kws if k.lower().startswith("militär")] == ["militärische"]  # 2+2+2 forms, one keyword
    assert "Russland" in kws and "Russlands" not in kws and "China" in kws and "Chinas" not in kws
    english = "The documents were leaked. One document named the Russian ministers and the minister of defence. " * 2
    assert {"documents", "document"} <= set(extract_keywords(english, language="en"))  # only German is folded


def test_weekdays_months_and_clauses_without_spaces_are_no_keywords() -> None:
    text = (
        "On Monday the council voted on the tram. On Monday evening the tram plan passed, and in November "
        "the tram will run. Tram tickets go on sale in November, the council said on Monday."
    )
    keywords = extract_keywords(text, language="en")
    assert "tram" in keywords and not {"monday", "Monday", "november", "November"} & set(keywords)
    japanese = "米朝首脳会談を巡って戦っていたのはDeepMindだった。米朝首脳会談を巡って戦っていたのはDeepMindだった。"
    assert extract_keywords(japanese, language="ja") == ("DeepMind",)


def test_web_and_mail_addresses_give_no_keywords() -> None:
    text = (
        "Il nuovo romanzo di Elena Ferrante è disponibile su http://amzn.to/2iJFhRj e su www.libreria.example/romanzo. "
        "Scrivete a redazione@giornale.example per le recensioni. Il romanzo racconta Napoli, e Napoli racconta il romanzo."
    )
    keys = {k.lower() for k in extract_keywords(text, language="it", top=20)}
    assert "napoli" in keys and "ferrante" in keys
    assert not keys & {"http", "amzn", "ijfhrj", "www", "libreria", "redazione", "giornale", "example"}


def test_short_words_count_only_as_acronyms_inside_sentences() -> None:
    """Words under four letters never counted, so BMW and SPD could not be keywords."""
    text = (
        "Der Konzern BMW meldet Gewinne. Die SPD kritisiert BMW und die Gewinne. Laut SPD war der Tag gut. "
        "Der Tag war lang, der Bus kam spät, der Bus war voll.\nEU UND USA STREITEN\n"
    )
    words = extract_keywords(text, language="de")
    assert "BMW" in words and "SPD" in words
    assert not {"Tag", "Bus", "EU"} & set(words)  # short words in lower or title case; capitals of a headline line


def test_names_and_content_words_of_a_language_whose_jusText_list_is_a_frequency_list_count() -> None:
    # jusText's Turkish list (2,842 words) holds türkiye, azerbaycan and enerji; only its function words are stop words
    text = ("Türkiye ile Azerbaycan enerji alanında yeni bir anlaşma imzaladı. Anlaşmaya göre Türkiye, Azerbaycan "
            "üzerinden daha fazla doğal gaz alacak. Enerji Bakanı, anlaşmanın Türkiye için çok önemli olduğunu "
            "söyledi. Azerbaycan da enerji ihracatını artırmak istiyor.")
    for language in ("tr", None):
        kws = extract_keywords(text, language=language)
        assert kws[:3] == ("Türkiye", "Azerbaycan", "enerji") and not {"için", "daha", "çok"} & set(kws)
    russian = ("Министр энергетики заявил, что поставки газа выросли. По словам министра, новые поставки начнутся "
               "зимой, а министр финансов поддержал этот план. Поставки газа в Китай также выросли.")
    assert {"министр", "поставки"} <= {k.lower() for k in extract_keywords(russian, language="ru")}
