from flows.steps.keywords import extract_keywords


def test_keywords_are_frequent_content_words_not_stop_words() -> None:
    text = ("The bridge over the harbour will open in spring. The bridge cost more than planned, and the harbour "
            "crossing was closed for years. Engineers say the bridge is safe. ") * 2
    kws = extract_keywords(text, top=5)
    assert kws[0] == "bridge" and "harbour" in kws
    assert not {"the", "more", "than"} & {k.lower() for k in kws}


def test_no_text_no_keywords() -> None:
    assert extract_keywords("") == ()
