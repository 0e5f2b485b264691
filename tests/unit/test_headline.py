import pytest

from flows.steps.boilerplate import remove_boilerplate
from flows.steps.headline import article_head, looks_like_title, names_subject, subject_words_used, text_subject

PROSE = [
    "The city council voted on Tuesday to extend the harbour tram line by four stops, ending a dispute that has"
    " run for more than a decade over the cost of the tram and the route it should take through the old town.",
    "Supporters of the tram extension said the new stops would serve the growing harbour district, where some"
    " ten thousand people now live and where the council expects another three thousand homes to be built.",
    "Opponents warned that the cost of the extension had doubled since the first plans were drawn up and that the"
    " council had not said how it would pay for the tram if the national grant it has applied for is refused.",
]


#: a German and a French article's first paragraphs, for the rules that read the text's language
PROSE_DE = [
    "Die Bundesregierung hat am Dienstag nach langen Verhandlungen eine Einigung über den Haushalt für das"
    " kommende Jahr erzielt, wie der Finanzminister in Berlin nach der Sitzung des Kabinetts mitteilte.",
    "Nach Angaben des Ministeriums sollen die Ausgaben für Verteidigung und Bildung steigen, während bei den"
    " Subventionen für Unternehmen im kommenden Jahr deutlich gespart werden soll.",
]
PROSE_FR = [
    "Le gouvernement a présenté mardi son projet de budget pour l'année prochaine, qui prévoit une baisse des"
    " dépenses publiques et une hausse des impôts sur les grandes entreprises.",
    "Selon le ministre de l'Économie, le budget doit permettre de réduire le déficit public à moins de quatre pour"
    " cent du produit intérieur brut d'ici la fin de l'année prochaine.",
]


def _page(*head: str, prose: list[str] = PROSE) -> str:
    return "\n".join([*head, *prose, "Leave a Comment", "Related articles", "More from Example Gazette"])


def _title(page: str) -> str | None:
    """The headline ``article_head`` finds for ``page`` cleaned as the pipeline cleans it."""
    return article_head(page, remove_boilerplate(page)).title


def test_the_headline_above_furniture_and_a_byline_is_found() -> None:
    page = _page(
        "Home",
        "News",
        "Local",
        "Council backs harbour tram extension after decade of dispute",
        "Share on Facebook",
        "Share on X",
        "Print",
        "By Jane Doe",
        "12 March 2024",
    )
    article = remove_boilerplate(page)
    assert article.split("\n")[0] != "Council backs harbour tram extension after decade of dispute"  # not kept
    assert article_head(page, article).title == "Council backs harbour tram extension after decade of dispute"


def test_the_line_under_a_lone_byline_word_is_the_writers_name_not_the_headline() -> None:
    """A page that sets its byline over two lines ("By / Jane Doe | Harbour Tram Council Reporter") puts the name on the
    second, with words of the article after it: no headline, whatever it scores; the headline above it stays one."""
    byline = ("By", "Jane Doe | Harbour Tram Council Reporter")
    assert _title(_page("Home", "News", *byline)) is None
    assert _title(_page("Home", "Council backs harbour tram extension", *byline)) == "Council backs harbour tram extension"


def test_a_headline_under_a_lone_byline_word_whose_name_line_is_missing_is_the_headline() -> None:
    """A page that left the writer's name out of its two-line byline sets the headline right under "By": a line
    that opens with no person's name is no writer's name (a headline in sentence case, or of more than three
    words in title case)."""
    assert _title(_page("Home", "By", "Council backs harbour tram extension")) == "Council backs harbour tram extension"
    assert _title(_page("Home", "By", "Council Backs Harbour Tram Extension")) == "Council Backs Harbour Tram Extension"
    # near misses: a name, alone or with the paper after a separator, or two names, is the writer's
    assert _title(_page("Home", "News", "By", "Jane Doe | Harbour Tram Council Reporter")) is None
    assert _title(_page("Home", "News", "By", "Jane Doe and John Roe")) is None
    # ... and so is a headline of three words in title case, which reads as a name there
    assert _title(_page("Home", "News", "By", "Harbour Tram Extended")) != "Harbour Tram Extended"


def test_a_headline_ending_with_a_full_stop_over_its_date_is_the_headline() -> None:
    """A headline may end as a sentence does; right over the article's date or byline, and no paragraph of prose,
    it is one. Elsewhere a line ending with a full stop is a sentence: a caption's, a teaser's."""
    headline = "Council backs harbour tram. Opponents say it costs too much."
    assert _title(_page("Home", "News", headline, "Updated Mar 12, 2024 9:41 AM")) == headline
    assert _title(_page("Home", "News", headline, "By Jane Doe")) == headline
    # near misses: not over a date or byline; a paragraph of prose over a date; an ellipsis
    assert _title(_page("Home", "News", headline, "Share")) != headline
    sentence = (
        "The council backed the harbour tram extension on Tuesday after a decade of dispute over the cost of the"
        " tram and its route."
    )
    assert _title(_page("Home", "News", sentence, "Updated Mar 12, 2024 9:41 AM")) != sentence
    assert _title(_page("Home", "News", "Council backs harbour tram...", "By Jane Doe")) != "Council backs harbour tram..."
    # ... and a standfirst ending with a full stop under its headline, over the byline: the headline stays
    standfirst = "Opponents say the harbour tram will cost the council twice what it planned."
    assert _title(_page("Home", "Council backs tram extension", standfirst, "By Jane Doe")) == "Council backs tram extension"


@pytest.mark.parametrize(
    "fragment",
    [
        '..." That was after the first attempt on the harbour tram council',
        "…” and the harbour tram council said",
        "” said the harbour tram council",
        ", the harbour tram council said",
        "», said the harbour tram council",
    ],
)
def test_the_rest_of_a_sentence_broken_at_a_link_is_no_headline(fragment: str) -> None:
    """A page that sets a link apart breaks its sentence there ('I cried for / Pakistan / ..." That was after'): a
    line opening with an ellipsis or a mark closing a quotation or a clause is the rest of a sentence, however
    many of the article's words it uses; the headline above it is the title."""
    assert _title(_page("Home", "Council backs harbour tram extension", fragment)) == "Council backs harbour tram extension"
    assert _title(_page("Home", "News", fragment)) != fragment


PROSE_SV = [
    "Regeringen presenterade på tisdagen sin budget för nästa år, som innebär att utgifterna för försvaret och"
    " skolan ökar medan stödet till företagen minskar kraftigt under de kommande åren.",
    "Enligt finansministern ska budgeten minska underskottet till under tre procent av bruttonationalprodukten"
    " innan nästa val, men oppositionen kallar förslaget orealistiskt och kräver nya förhandlingar.",
]


@pytest.mark.parametrize(
    ("home", "headline", "prose"),
    [
        ("Startseite", "»Wir haben eine Einigung über den Haushalt«", PROSE_DE),
        ("Startseite", "»Ein guter Tag«: Finanzminister lobt Einigung über den Haushalt", PROSE_DE),
        ("Hem", "”Budgeten för nästa år är orealistisk”", PROSE_SV),
        ("Startseite", "… und plötzlich gibt es eine Einigung über den Haushalt", PROSE_DE),  # an ellipsis alone
    ],
)
def test_a_headline_opening_with_a_quotation_mark_against_its_word_is_one(home: str, headline: str, prose: list[str]) -> None:
    """German and Danish open a quotation with », Swedish with ”, written against its first word: a headline that
    opens with a quotation is no rest of a sentence (whose closing mark stands before a space or a comma)."""
    assert _title(_page(home, headline, prose=prose)) == headline


def test_a_headline_opening_with_another_languages_byline_word_is_a_headline_in_english() -> None:
    """"Door" is Dutch for "by": over an English article, "Door Opens ..." is its headline, not a byline."""
    headline = "Door Opens For Harbour Tram Extension"
    page = _page("Home", "News", headline, "By Jane Doe", "12 March 2024")
    assert _title(page) == headline


def test_a_chinese_wires_dateline_on_a_line_of_its_own_is_not_the_headline() -> None:
    prose = [
        "（记者王伟）中国与东盟国家23日在北京签署数字经济合作框架协议，双方将在跨境电子商务、数据安全和人工智能等领域加强合作。",
        "根据协议，中国将与东盟各国共同建设区域数字基础设施，推动跨境支付系统互联互通，并为中小企业开展数字化转型提供技术支持。",
    ]
    page = _page("新华社北京11月23日电", prose=prose)
    assert _title(page) is None
    page = _page("中国与东盟签署数字经济合作框架协议", "新华社北京11月23日电", prose=prose)
    assert _title(page) == "中国与东盟签署数字经济合作框架协议"


def test_a_menu_line_using_one_of_the_articles_words_is_not_the_headline() -> None:
    page = _page("Harbour", "Tram news", "Print", "By Jane Doe")
    assert _title(page) is None  # "Tram news": one of two subject words in the text
    menu = "Tram timetables and parking permits and bin collection and harbour ferries"  # two of six
    page = _page("Harbour", menu, "Print", "By Jane Doe")
    assert _title(page) is None


def test_the_headline_wins_over_a_caption_under_it() -> None:
    caption = "The harbour tram at its last stop, where the extension to the new district and its homes will begin"
    page = _page("Council backs harbour tram extension", caption, "Photo: Example Gazette")
    assert _title(page) == "Council backs harbour tram extension"


def test_german_headline_matches_inflected_words() -> None:
    prose = [
        "Russland hat nach Berichten aus Berlin begonnen, China mit militärischer Technik zu beliefern, die für"
        " Luftlandeoperationen bestimmt ist, und die Lieferungen sollen in den kommenden Monaten noch zunehmen.",
        "Die Regierung in Moskau bestreitet die Lieferungen, doch die Dokumente zeigen nach Angaben der Analysten"
        " eine enge Zusammenarbeit der russischen und chinesischen Streitkräfte bei der Ausbildung und Ausrüstung.",
    ]
    page = _page("Startseite", "Politik", "Russlands Technik für Chinas Armee", "Teilen", "Drucken", prose=prose)
    assert _title(page) == "Russlands Technik für Chinas Armee"


def test_a_menu_or_cookie_line_kept_at_the_top_is_not_the_title() -> None:
    for top in ("Home", "This site uses cookies to give you the best experience"):
        page = "\n".join([top, "Council backs harbour tram extension", *PROSE])
        article = remove_boilerplate(page)
        assert article.startswith(top)  # boilerplate removal keeps it ...
        assert article_head(page, article).title == "Council backs harbour tram extension"  # ... the title is not it


def test_a_text_that_starts_with_its_article_keeps_its_first_line_as_title() -> None:
    text = "\n".join(["Minutes of the spring meeting", *PROSE])  # its words do not recur, but nothing was cut above
    assert article_head(text, remove_boilerplate(text)).title == "Minutes of the spring meeting"
    assert article_head("\n".join(PROSE), "\n".join(PROSE)).title is None


def test_dates_code_and_sentences_are_no_headlines() -> None:
    lines = ("Tram extension 12 March 2024 10:15", "harbour_tram.extend(stops=4, district=True)", "Tram extension backed.")
    for line in lines:  # each uses the article's words
        page = _page("Home", "News", "Local", line)
        assert _title(page) is None, line


def test_looks_like_title() -> None:
    assert looks_like_title("The weapons that Russia can order from China")
    assert not looks_like_title("This sentence ends with a full stop.")
    assert not looks_like_title("word " * 40)


def test_the_head_runs_from_the_headline_to_the_first_paragraph() -> None:
    page = _page("Home", "News", "Council backs harbour tram extension", "Print", "By Jane Doe", "12 March 2024")
    head = article_head(page, remove_boilerplate(page))
    assert head == ("Council backs harbour tram extension", ("Council backs harbour tram extension", "Print",
                                                             "By Jane Doe", "12 March 2024", PROSE[0]))
    assert article_head(page, "") == (None, ())


def test_a_date_right_over_the_headline_is_part_of_the_head() -> None:
    headline = "Council backs harbour tram extension"
    page = _page("Home", "News", "Updated March 12, 2024, 10:49 a.m. ET", headline, "Comments", "By Jane Doe")
    head = article_head(page, "\n".join(PROSE))
    assert head.title == headline and head.lines[:2] == ("Updated March 12, 2024, 10:49 a.m. ET", headline)
    page = _page("Home", "News", headline, "Comments", "By Jane Doe")  # nothing else over the headline joins it
    assert article_head(page, "\n".join(PROSE)).lines[0] == headline


def test_without_a_headline_the_head_starts_a_few_lines_above_the_article() -> None:
    page = _page("Home", "News", "Local", "Weather", "By Jane Doe", "12 March 2024")
    article = remove_boilerplate(page)
    assert article.startswith(PROSE[0])  # byline and date dropped from the text ...
    head = article_head(page, article)
    assert head.title is None and head.lines == ("Weather", "By Jane Doe", "12 March 2024", PROSE[0])  # ... not the head


def test_a_caption_with_its_photo_credit_above_the_headline_is_not_the_title() -> None:
    """The topmost line near the best wins; a caption above the headline uses the article's words as much."""
    for caption in (
        "The harbour tram extension at the council depot (Pic:PA)",
        "The harbour tram extension at the council depot (credit: Jane Doe/Example)",
        "The harbour tram extension at the council depot Jane Doe/Reuters",
        # labelled credits (``boilerplate.is_photo_credit``), on captions near the headline's score
        "Council backs the harbour tram extension for the harbour district. Photo: Jane Doe",
        "The council backs the harbour tram extension and its four new stops (Photo: Jane Doe)",
    ):
        page = _page("Home", "News", caption, "Council backs harbour tram extension", "Print")
        assert _title(page) == "Council backs harbour tram extension", caption


def test_a_byline_is_never_the_title() -> None:
    page = _page("By Harbour Tram", "Print")  # a byline whose name happens to use the article's words
    assert _title(page) is None


HEADLINE = "Council backs harbour tram extension after decade of dispute"


def _author(*head: str, prose: list[str] = PROSE) -> str | None:
    from flows.steps.headline import author_under_headline

    page = _page("Home", "News", *head, prose=prose)
    article = remove_boilerplate(page)
    return author_under_headline(article_head(page, article), article)


def test_a_name_under_the_headline_with_a_date_below_is_the_author() -> None:
    assert _author(HEADLINE, "Sarah Archer", "1:39 PM ET") == "Sarah Archer"
    assert _author(HEADLINE, "John C. Welch", "Follow", "Oct 18, 2019 · 8 min read") == "John C. Welch"
    assert _author(HEADLINE, "Anne de Vries", "12. März 2024") == "Anne de Vries"


def test_a_name_under_the_headline_may_open_with_a_month_but_not_with_a_byline_word() -> None:
    """"Jan" is January's abbreviation, but a first name before a surname; "Av" (Swedish "by") opens a byline,
    which the metadata step reads without it."""
    assert _author(HEADLINE, "Jan Novák", "12. März 2024") == "Jan Novák"
    assert _author(HEADLINE, "Jan de Vries", "12. März 2024") == "Jan de Vries"
    assert _author(HEADLINE, "Av Anna Lindqvist", "12. März 2024") is None
    assert _author(HEADLINE, "Monday March", "12. März 2024") is None  # a date


def test_a_name_under_the_headline_needs_a_date_and_must_not_be_the_articles_subject() -> None:
    assert _author(HEADLINE, "Sarah Archer", "Share", "Tweet", "Print") is None  # no date: a caption, a label
    assert _author(HEADLINE, "Share", "Sarah Archer", "1:39 PM ET") is None  # not right under the headline
    assert _author(HEADLINE, "Local News", "1:39 PM ET") is None  # a section
    assert _author(HEADLINE, "The Latest", "1:39 PM ET") is None
    about = [PROSE[0], "Harbour United, the club that plays by the old town, welcomed the vote.", *PROSE[1:]]
    assert _author(HEADLINE, "Harbour United", "1:39 PM ET", prose=about) is None  # the article speaks of it



def test_a_name_the_headline_speaks_of_is_its_subject_not_the_author() -> None:
    from flows.steps.headline import ArticleHead, author_under_headline

    article = "\n".join(PROSE)  # boilerplate removal kept the prose only, not the head
    title = "Sarah Archer's harbour tram plan backed by the council"
    head = ArticleHead(title, (title, "Sarah Archer", "2/26/2015 7:11 AM PST", "EXCLUSIVE", PROSE[0]))
    assert author_under_headline(head, article) is None  # the headline names her: she is its subject
    head = ArticleHead(HEADLINE, (HEADLINE, "Sarah Archer", "2/26/2015 7:11 AM PST", "EXCLUSIVE", PROSE[0]))
    assert author_under_headline(head, article) == "Sarah Archer"


ZH_PROSE = [
    "谷歌在2014年收购的人工智能公司开发出一款能够用自己的记忆学习新知识并利用这些知识回答问题的电脑，"
    "研究人员表示，这款电脑的记忆能力让人工智能可以不依靠人类的指导自己学习。",
    "这款产品具有极其重要的意义，因为这意味着未来的人工智能技术可能不需要人类来教它就能学习新的知识，"
    "研究人员认为记忆是人工智能迈向通用智能的关键一步，这台电脑的表现超过了以往的系统。",
]


def test_a_headline_in_a_script_without_spaces_matches_the_article_by_character_pairs() -> None:
    # cut in fixed pairs, "新电脑已可利用记忆自学" shares almost none with the article ("新电", "脑已", ...); of its
    # neighbouring pairs, those across two words ("脑已", "已可") are no words: its characters count
    headline = "新电脑已可利用记忆自学 人工智能迈上新台阶"
    page = _page("首页", "科技", headline, "我要分享", "腾讯微博", prose=ZH_PROSE)
    assert _title(page) == headline


def test_a_line_ending_with_a_full_stop_of_a_script_without_spaces_is_a_sentence() -> None:
    assert not looks_like_title("有料会員の方のみご利用になれます。")
    assert looks_like_title("米朝首脳直通電話 習氏に挑むトランプ戦術の成否")


def test_a_headline_ending_with_an_initialism_is_a_title() -> None:
    assert looks_like_title("Harbour tram extension approved for the old town of N.Y.C.")
    assert looks_like_title("Tram makers look to the U.S.")
    assert not looks_like_title("The council voted on the tram.")
    assert not looks_like_title("See the map at tram.example.A.")  # an initialism is letters and stops only
    assert not looks_like_title("Gov. Jane Doe, left, rides the tram in Columbia, S.C.")  # a caption's sentence
    headline = "Council backs harbour tram extension in N.Y.C."
    page = _page("Home", "News", headline, "Share", "By Jane Doe", "12 March 2024")
    assert _title(page) == headline


def test_a_numbered_section_heading_is_not_the_headline() -> None:
    page = _page("Contents", "1 History", "2.1 Harbour tram extension costs", "2.2 Harbour tram route", "See also")
    assert _title(page) is None


def test_the_line_over_the_byline_or_date_wins_over_menu_lines_using_the_articles_words() -> None:
    menu = ["Harbour tram extension news", "Council tram stops", "Harbour district homes"]
    headline = "Tram line to get four stops"
    page = _page("Home", *menu, "Join Example Gazette", headline, "12.03.24", "By Jane Doe")
    assert _title(page) == headline


def test_a_headline_over_its_standfirst_over_the_byline_is_the_title() -> None:
    headline = "Council backs harbour tram extension"
    standfirst = "A dispute of a decade ends with a vote for the tram"
    caption = "The harbour tram at its last stop. Photo by Jane Doe"
    page = _page("Home", "News", headline, caption, standfirst, "By Jane Doe", "12 March 2024")
    assert _title(page) == headline


def test_an_authors_name_over_the_date_is_not_the_headline() -> None:
    prose = [PROSE[0] + " Reporter Sarah Archer asked the council about Archer Street.", *PROSE[1:]]
    page = _page("Home", "Harbour tram extension news", "Council tram stops", "Sarah Archer", "12.03.24", prose=prose)
    # not "Council tram stops", the line over the name that stands over the date
    assert _title(page) == "Harbour tram extension news"


def test_a_caption_with_its_source_or_a_file_name_is_no_headline() -> None:
    prose = (
        "A HIGH-powered federal government team has been doing the rounds of media organisations in the past few "
        "days in an attempt to allay concerns about the impact of new surveillance laws on journalists and sources.\n"
        "The team said that the laws would require providers to store the metadata of their customers for two years."
    )
    caption = "A new Bill would require telecommunications service providers to store metadata for two years. Source: Supplied"
    assert article_head(f"{caption}\n{prose}", prose).title is None
    dated = "The providers would have to store metadata from the end of 2019. Source: Supplied"  # a year before the stop
    assert article_head(f"{dated}\n{prose}", prose).title is None
    assert article_head(f"metadata.JPG\n\n{prose}", prose).title is None
    page = f"metadata.JPG\n\n{prose}"  # the article as boilerplate removal leaves it: from the top
    assert article_head(page, page).title is None
    assert article_head(f"Metadata laws worry journalists\n{prose}", prose).title == "Metadata laws worry journalists"


def test_a_headline_naming_its_source_is_a_headline() -> None:
    prose = (
        "Chinese hackers broke into the email servers of a federal agency last month, officials said on Tuesday, "
        "and read the messages of several senior staff before the breach was found.\n"
        "The agency said that the hackers had used a flaw in the servers' software that has since been fixed."
    )
    for headline in ("U.S. source: Chinese hackers broke into agency email servers", "Chinese hackers broke into agency email servers"):
        assert article_head(f"{headline}\n{prose}", prose).title == headline


FINNISH = [
    "Hallitus esittää, että sähköveroa lasketaan tammikuusta alkaen. Valtiovarainministeriön mukaan muutos"
    " pienentäisi tavallisen kotitalouden sähkölaskua noin viisikymmentä euroa.",
    "Hallitus aikoo rahoittaa muutoksen siirtämällä muita menoja myöhemmäksi. Esitys annetaan eduskunnalle syksyn"
    " aikana, jotta se ehditään käsitellä ennen joulua.",
    "Opposition mielestä hallitus esittää liian pientä muutosta, eikä se auta niitä kotitalouksia, jotka"
    " lämmittävät asuntonsa sähköllä. Sähkön hinta on noussut selvästi.",
]


def test_a_headline_whose_words_are_in_jusTexts_frequency_list_is_found() -> None:
    # jusText's Finnish list (6,813 words) holds hallitus and esittää: only its function words ("ensi") say nothing
    headline = "Hallitus esittää sähköveron alentamista ensi vuodelle"
    page = "\n".join(["Etusivu", "Uutiset", headline, "Jaa", "Tulosta", "Mikko Virtanen", "18.11.2026 10:15", *FINNISH,
                      "Lue myös", "Tilaa uutiskirje"])
    article = remove_boilerplate(page)
    assert article.startswith("Hallitus esittää, että") and article_head(page, article).title == headline
    assert subject_words_used(headline, text_subject(article)) == (3, 5)  # hallitus, esittää, sähköveron used
    assert names_subject(*subject_words_used(headline, text_subject(article)))


def test_a_byline_in_lower_case_under_the_headline_is_not_part_of_it() -> None:
    prose = [
        "Il consiglio comunale ha annunciato martedì che il nuovo ponte sul fiume sarà aperto in primavera, dopo un"
        " ritardo di oltre due anni dovuto alla mancanza di acciaio e a una lite con il costruttore.",
        "Gli abitanti che aspettavano il ponte dalla chiusura del vecchio traghetto hanno accolto la notizia, ma alcuni"
        " hanno detto che ci crederanno solo quando il primo autobus attraverserà il fiume.",
    ]
    page = _page("Cronaca | Politica | Esteri", "Il nuovo ponte sul fiume aprirà in primavera", "di Marco Rossi",
                 "22 novembre 2026", "Condividi", "Tweet", prose=prose)
    assert _title(page) == "Il nuovo ponte sul fiume aprirà in primavera"


def test_a_lead_shown_above_the_menus_too_does_not_move_the_head_to_the_top() -> None:
    """The page shows the article's first paragraph as a teaser above its menus: the head is read above the
    occurrence that the article's second line follows, where the date stands."""
    from flows.steps.headline import article_head

    lead = "The council approved the new budget on Monday after a long debate about schools and roads."
    second = "Opposition members said the plan leaves too little for repairs in the coming winter."
    page = "\n\n".join(["Council approves budget", lead, "Home", "News", "Sport", "Weather", "Council approves budget",
                        "Source: City Herald", "2023-11-17 15:13", "Share", lead, second, "The vote was 31 to 12."])  # fmt: skip
    head = article_head(page, "\n\n".join([lead, second, "The vote was 31 to 12."]))
    assert "2023-11-17 15:13" in head.lines and head.title == "Council approves budget"


def test_a_list_item_is_not_the_headline() -> None:
    for bullet in ("+", "-", "•"):
        page = _page("Home", "News", "Local", f"{bullet} Council backs harbour tram extension")
        assert _title(page) is None, bullet
    numbered = "2. Bundesliga: harbour tram extension backed by council"  # a number opens a headline
    page = _page("Home", "News", "Local", numbered)
    assert _title(page) == numbered


def test_the_rest_of_a_sentence_broken_by_the_page_is_not_the_headline() -> None:
    """A formula or a link set apart leaves the rest of its sentence on a line of its own, in lower case."""
    fragment = "is the new Harbour tram line of the council"
    page = _page("Home", "News", "Local", "{\\displaystyle A}", fragment)
    assert _title(page) is None
    text = "\n".join([fragment, *PROSE])  # a text that starts with its article
    assert article_head(text, remove_boilerplate(text)).title is None
    for headline in ("the harbour tram line gets four stops", "de Blasio backs harbour tram extension"):
        page = _page("Home", "News", "Local", "", headline)  # lower case throughout (a style); a name's particle
        assert _title(page) == headline


def test_a_headline_in_title_case_over_a_byline_is_the_headline() -> None:
    """Three capitalised words read as a person's name; over "Written by ..." they are the headline."""
    menu = "Council tram stops and harbour district homes and the tram line cost"
    page = _page("Home", menu, "Join Example Gazette", "Harbour Tram Extension", "Written by Jane Doe", "12 March 2024")
    assert _title(page) == "Harbour Tram Extension"


def test_a_version_number_in_a_headline_is_no_date() -> None:
    """A numeric date's year has two digits or four: "4.9.3" is a version, "12.03.24" a date."""
    headline = "Harbour Tram App 4.9.3 Shows the Four New Stops"
    page = _page("Home", "News", "Local", headline)
    assert _title(page) == headline
    page = _page("Home", "News", "Local", "Harbour Tram App Shows the Four New Stops 12.03.24")
    assert _title(page) is None


def test_a_headline_farther_above_the_article_than_the_window_is_found_when_none_is_nearer() -> None:
    links = [f"Link {n}" for n in range(40)]  # a long list of furniture between the headline and the article
    page = "\n".join(["Council backs harbour tram extension after decade of dispute", *links, *PROSE])
    assert article_head(page, "\n".join(PROSE)).title == "Council backs harbour tram extension after decade of dispute"
    # farther away, a line needs three of the article's words and a capital: a tag or a place's name is no headline
    for far in ("harbour tram extension council", "Harbour tram"):
        assert article_head("\n".join([far, *links, *PROSE]), "\n".join(PROSE)).title is None


def test_a_headline_under_a_blurb_kept_at_the_top_of_the_article_is_found() -> None:
    blurb = (
        "Sign up to our newsletter for the best stories from around the region, sent to your inbox every Friday"
        " morning by the editors of the paper."
    )
    article = "\n".join([blurb, "Name:", "Email:", "Council backs harbour tram extension", *PROSE])
    assert article_head(article, article).title == "Council backs harbour tram extension"


def test_a_headline_using_few_of_the_articles_words_is_found_by_its_place_over_the_byline() -> None:
    headline = "Harbour Plan Unveils Ambitious Vision"  # one subject word of five in the article
    page = "\n".join(["Home", "News", headline, "By Jane Doe", *PROSE])
    assert article_head(page, "\n".join(PROSE)).title == headline
    # not over a byline, a date or a name; a pull quote over one
    assert article_head("\n".join(["Home", "News", headline, "Share", *PROSE]), "\n".join(PROSE)).title is None
    page = "\n".join(["Home", "News", f"“{headline}”", "By Jane Doe", *PROSE])
    assert article_head(page, "\n".join(PROSE)).title is None


def test_a_path_of_links_ending_in_the_headline_is_not_the_headline() -> None:
    headline = "Council backs harbour tram extension"
    page = _page("Home / News / Local / " + headline, headline, "By Jane Doe", "12 March 2024")
    assert article_head(page, "\n".join(PROSE)).title == headline
    assert article_head(_page("Menu", "Home / News / " + headline, "By Jane Doe"), "\n".join(PROSE)).title is None


def test_a_path_of_one_step_ending_with_the_line_under_it_is_not_the_headline() -> None:
    """"Home / <headline>" over the headline on a line of its own: the path is the site's, the line under it the
    headline. A line with a slash that does not end with the line under it may still be the headline."""
    headline = "Council backs harbour tram extension"
    page = _page("Home / " + headline, "", headline, "By Jane Doe", "12 March 2024")
    assert article_head(page, "\n".join(PROSE)).title == headline
    kept = "Harbour / Tram: council backs extension"
    page = _page(kept, "By Jane Doe", "12 March 2024")
    assert article_head(page, "\n".join(PROSE)).title == kept


def test_a_link_to_the_previous_or_next_post_is_not_the_headline() -> None:
    """A blog's links to its other posts above the post, set apart by an arrow or a bar at one end, use the
    article's words as a headline does."""
    headline = "Council backs harbour tram extension"
    for link in ("« Council tram extension vote set for harbour", "| Council harbour tram extension costs »", "Harbour tram council vote ›"):
        page = _page(link, headline, "By Jane Doe", "12 March 2024")
        assert article_head(page, "\n".join(PROSE)).title == headline, link
        assert article_head(_page(link, "By Jane Doe"), "\n".join(PROSE)).title is None, link
    # a headline quoting someone in guillemets, as French and German write them
    for quoted in ("« Le tram du port » : council backs harbour tram extension", "»Harbour tram« council backs extension"):
        assert article_head(_page(quoted, "By Jane Doe", "12 March 2024"), "\n".join(PROSE)).title == quoted


def test_a_standfirst_using_more_of_the_articles_words_gives_way_to_the_shorter_headline_over_it() -> None:
    standfirst = (
        "The council voted to extend the harbour tram line by four stops after a dispute over the cost of the"
        " tram and its route"
    )
    page = _page("Home", "News", "Tram extension approved", standfirst, "By Jane Doe")
    assert article_head(page, "\n".join(PROSE)).title == "Tram extension approved"
    # a headline shorter than a paragraph of prose keeps its place under a kicker
    headline = "Council votes to extend the harbour tram line by four stops after decade"
    page = _page("Home", "News", "Harbour tram news", headline, "By Jane Doe")
    assert article_head(page, "\n".join(PROSE)).title == headline


def test_a_list_of_tags_set_one_under_another_is_not_the_headline() -> None:
    """Tags in lower case, one a line, over the post's date: a list, though it uses the article's words."""
    page = "\n\n".join(
        [
            "Example Gazette",
            "harbour tram\ncouncil vote\ntram extension\nold town",
            "12 March 2024 10:30 AM",
            "Share",
            HEADLINE,
            "Jane Doe",
            *PROSE,
            "Leave a Comment",
        ]
    )
    assert _title(page) == HEADLINE


def test_a_headline_wrapped_over_short_lines_stays_a_headline() -> None:
    page = "\n\n".join(["Example Gazette", "Council backs harbour\ntram extension", "By Jane Doe", *PROSE])
    assert _title(page) == "Council backs harbour tram extension"


def test_a_headline_over_its_writers_name_alone_heads_the_article() -> None:
    """A writer's name alone under the headline is its byline: the headline stands over it, as over "By Jane
    Doe", and a caption's label over the date below is not taken."""
    page = _page("Home", "News", HEADLINE, "Jane Doe", "Harbour tram extension vote", "12 March 2024", "Share")
    assert _title(page) == HEADLINE


def test_the_writers_role_or_paper_under_the_byline_is_not_the_headline() -> None:
    furniture = [f"Section {n}" for n in range(40)]  # the headline is far above the article
    page = _page("Home", HEADLINE, *furniture, "By Jane Doe", "Harbour tram editor")
    assert _title(page) == HEADLINE
    page = _page("Home", HEADLINE, *furniture, "By", "Jane Doe", "Harbour Tram Gazette")  # a byline over two lines
    assert _title(page) == HEADLINE


def test_a_date_stamp_run_on_after_the_headline_is_cut() -> None:
    page = _page("Home", "News", f"{HEADLINE}, Updated Mar 12, 2024 at 10:45pm IST")
    assert _title(page) == HEADLINE
    kept = "Tram extension approved, Council says after vote"  # a clause, no stamp: the headline as it is
    page = _page("Home", "News", kept, "By Jane Doe")
    assert _title(page) == kept


def test_a_headline_over_a_byline_set_over_two_lines_heads_the_article() -> None:
    """"By" on a line of its own, the name on the next: the headline over them heads a byline, and a caption's
    label over the date below is not taken."""
    page = _page("Home", "News", HEADLINE, "By", "Jane Doe", "Harbour tram extension vote", "12 March 2024", "Share")
    assert _title(page) == HEADLINE


def test_a_posts_date_over_its_headline_with_buttons_between_starts_the_head() -> None:
    stamp = "12 March 2024 10:30 AM"
    buttons = ["Share", "Facebook", "Twitter", "Email this post"]
    page = "\n\n".join(["Example Gazette", stamp, *buttons, HEADLINE, "Jane Doe", *PROSE])
    head = article_head(page, remove_boilerplate(page))
    assert head.title == HEADLINE
    assert head.lines[0] == stamp
    menu = "\n\n".join(["Example Gazette", stamp, "Latest stories from the harbour district", HEADLINE, *PROSE])
    assert article_head(menu, remove_boilerplate(menu)).lines[0] == HEADLINE  # a line of a menu between: not its date


def test_a_line_using_the_leads_words_wins_over_a_sites_name_using_the_bodys() -> None:
    """The site's name uses the article's words, but not those of its first two paragraphs: the headline does."""
    body = "Readers of Weekly Ferry Watch have asked whether the ferry will run weekly while the work goes on."
    prose = [*PROSE, body]
    page = _page("Weekly Ferry Watch", "Home", "Tram extension approved", "Share", prose=prose)
    assert _title(page) == "Tram extension approved"


def test_a_path_of_one_step_and_a_labelled_list_of_tags_are_not_the_headline() -> None:
    page = _page("Home > Harbour tram council", "Tram extension approved", "Share")
    assert _title(page) == "Tram extension approved"
    page = _page("Tags: harbour tram, council, old town, tram stops", "Tram extension approved", "Share")
    assert _title(page) == "Tram extension approved"
    kept = "Update: four tram stops, new route approved"  # a label over two items: a headline
    page = _page("Home", kept, "Share")
    assert _title(page) == kept


def test_the_pages_date_over_its_menus_does_not_start_a_head_with_its_own_date() -> None:
    """Today's date over the menus, then the headline over its byline and date: the head starts at the headline,
    so its own date is read, not the page's."""
    page = _page("Example Gazette", "Monday, March 18, 2024", "Home", "News", "Sport", HEADLINE, "By Jane Doe", "March 12, 2024 10:30 AM")
    head = article_head(page, remove_boilerplate(page))
    assert head.title == HEADLINE
    assert head.lines[:3] == (HEADLINE, "By Jane Doe", "March 12, 2024 10:30 AM")
    caption = "The harbour tram at its last stop on March 2, 2024 (Example Gazette)"
    page = "\n\n".join(["Example Gazette", "March 12, 2024 10:30 AM", "Share", "Tweet", HEADLINE, caption, *PROSE])
    assert article_head(page, remove_boilerplate(page)).lines[0] == "March 12, 2024 10:30 AM"  # a caption's date: no date line


@pytest.mark.parametrize(
    ("head", "prose", "title"),
    [
        pytest.param(("Home", "News", "Tram Extension Approved, Council Meets Again at 10:30am", "By Jane Doe"), PROSE,
                     "Tram Extension Approved, Council Meets Again at 10:30am", id="a clause with a time is no stamp"),
        pytest.param(("Startseite", "Politik", "Regierung einigt sich auf Haushalt, Überarbeitet am 12.03.2024 um 10:45 Uhr", "Teilen"), PROSE_DE,
                     "Regierung einigt sich auf Haushalt", id="a stamp opening with a capital outside ASCII is cut"),
        pytest.param(("Home", "News", "Why 4 > 3 for the harbour tram extension", "By Jane Doe"), PROSE,
                     "Why 4 > 3 for the harbour tram extension", id="a comparison of numbers is no path"),
        pytest.param(("Home", "News", "Why tram > bus for the harbour district", "By Jane Doe"), PROSE,
                     "Why tram > bus for the harbour district", id="a comparison of words is no path"),
        pytest.param(("Home", "News", "Explainer: tram cost, new stops, the route", "By Jane Doe"), PROSE,
                     "Explainer: tram cost, new stops, the route", id="a labelled headline listing three things"),
        pytest.param(("Accueil", "Mots-clés : budget, impôts, déficit public, entreprises", "Le gouvernement présente son budget",
                      "Partager"), PROSE_FR, "Le gouvernement présente son budget", id="tags labelled as French sets it"),
    ],
)
def test_a_headline_with_a_time_a_sign_or_a_label_is_read_whole_and_tags_are_none(
    head: tuple[str, ...], prose: list[str], title: str
) -> None:
    """A clause with a time in a title-case headline is no stamp; a stamp opening with a capital outside ASCII is
    cut; a comparison with ">" is no path; a labelled headline listing three things is no list of tags; a list of
    tags labelled as French sets it ("Mots-clés :") is no headline."""
    assert _title(_page(*head, prose=prose)) == title


def test_a_headline_wrapped_over_three_short_lines_stays_a_headline() -> None:
    page = "\n\n".join(["Example Gazette", "Home", "Council backs harbour\ntram extension after\ndecade of dispute", "By Jane Doe", *PROSE])
    assert _title(page) == "Council backs harbour tram extension after decade of dispute"


def test_a_short_headline_in_sentence_case_under_the_byline_is_the_headline() -> None:
    """A layout that puts the writer first: a short line under the byline that names no job and is no name (its
    words in lower case) is the headline; a job or a paper's name there is the writer's role."""
    page = _page("Home", "News", "By Jane Doe", "Tram extension approved", "12 March 2024")
    assert _title(page) == "Tram extension approved"
    for role in ("Harbour tram correspondent", "The Harbour Tram"):
        assert _title(_page("Home", "News", "By Jane Doe", role, "12 March 2024")) is None, role


def test_a_byline_with_its_category_is_not_the_headline() -> None:
    """"Written by ... in <category>" uses the article's words when the category does; it is a byline."""
    assert _title(_page("Home", "News", "Written by Jane Doe in Harbour Tram Extension", "Share")) is None
    page = _page("Home", "News", "Harbour tram extension approved", "Written by Jane Doe in Harbour Tram Extension", "Share")
    assert _title(page) == "Harbour tram extension approved"


@pytest.mark.parametrize(
    "headline",
    ["Council votes on harbour tram at 4:30", "Harbour tram extension opens at 7 a.m.",
     "Harbour tram extension opens at 7:30 a.m. across the old town"],
)
def test_a_clock_time_in_a_headlines_clause_is_part_of_the_headline(headline: str) -> None:
    """A time after a function word ("at 4:30") is the headline's; a time standing alone after a date is a stamp,
    and "a.m." ends no sentence."""
    assert _title(_page("Home", "News", headline, "By Jane Doe")) == headline
    assert _title(_page("Home", "News", "Council votes on harbour tram 12 March 2024 4:30", "By Jane Doe")) is None


@pytest.mark.parametrize(
    ("head", "prose", "title"),
    [
        pytest.param(("Home", "News", f"{HEADLINE}, updated 5 March", "By Jane Doe"), PROSE, HEADLINE, id="updated"),
        pytest.param(("Accueil", "Politique", "Le gouvernement présente son budget, mis à jour le 3 mars 2024 à 10h45", "Partager"),
                     PROSE_FR, "Le gouvernement présente son budget", id="mis à jour"),
        pytest.param(("Startseite", "Politik", "Regierung einigt sich auf Haushalt, aktualisiert am 12.03.2024 um 10:45 Uhr", "Teilen"),
                     PROSE_DE, "Regierung einigt sich auf Haushalt", id="aktualisiert"),
        pytest.param(("Home", "News", f"{HEADLINE}, four stops open 12 March 2024", "By Jane Doe"), PROSE,
                     f"{HEADLINE}, four stops open 12 March 2024", id="a clause of the article's subject"),
    ],
)
def test_a_stamp_in_lower_case_run_on_after_the_headline_is_cut(head: tuple[str, ...], prose: list[str], title: str) -> None:
    """A clause after a comma that names a day and none of the article's subject words is the page's stamp; one
    using the article's words ("four stops") is the headline's."""
    assert _title(_page(*head, prose=prose)) == title


def test_a_labelled_headline_listing_four_things_over_its_byline_is_the_headline() -> None:
    """A labelled list of four short items is a list of tags, unless no other line qualifies and it stands over
    the byline or date, where the headline stands."""
    headline = "Review: harbour tram, fast, quiet, cheap"
    prose = [PROSE[0] + " The tram is fast, quiet and cheap to run.", *PROSE[1:]]
    assert _title(_page("Home", "News", headline, "By Jane Doe", prose=prose)) == headline
    assert _title(_page("Home", "News", headline, "Share", prose=prose)) is None  # not over a byline or a date
    page = _page("Home", "News", HEADLINE, "By Jane Doe", "12 March 2024", headline, "By Jane Doe", prose=prose)
    assert _title(page) == HEADLINE  # a line that qualifies wins


def test_a_headline_right_over_its_byline_wins_over_a_menu_line_using_more_of_the_articles_words() -> None:
    """No line that qualifies heads the byline: the line right over it is the headline, though it uses one of
    the article's words; over a date or a name alone a teaser stands as often, and a short line is a section's."""
    headline = "Bold Vision Unveiled For Harbour"  # one subject word of four in the article
    head = ("Home", "Harbour tram district news", "Weather", "Sport", "Travel")
    assert _title(_page(*head, headline, "By Jane Doe", "Share")) == headline
    assert _title(_page(*head, headline, "Jane Doe", "Share")) == "Harbour tram district news"
    assert _title(_page(*head, "Harbour Vision", "By Jane Doe", "Share")) == "Harbour tram district news"
    dated = "Posted in Harbour on March 12, 2024"
    assert _title(_page(*head, dated, "By Jane Doe", "Share")) == "Harbour tram district news"
