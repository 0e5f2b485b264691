from datetime import date
from pathlib import Path

import pytest

from flows.models import Metadata
from flows.steps.metadata import detect_text_metadata, find_date, is_byline, is_byline_word, month_names, page_tags

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_dateline_gives_place_and_site() -> None:
    meta = detect_text_metadata("LONDON (IT BOLTWISE) – Neue Berichte deuten darauf hin, dass Russland ...")
    assert meta == Metadata(site="IT BOLTWISE", place="London")


@pytest.mark.parametrize(
    ("text", "site", "place"),
    [
        ("SEOUL, Aug. 20 (Yonhap) -- North Korea's official newspaper blasted South Korea", "Yonhap", "Seoul"),
        ("WASHINGTON (CNN) — Not everyone subscribes to a New Year's resolution", "CNN", "Washington"),
        ("(CNN) -- The Pennsylvania official was just talking about one area", "CNN", None),
    ],
)
def test_dateline_variants(text: str, site: str, place: str | None) -> None:
    meta = detect_text_metadata(text)
    assert (meta.site, meta.place) == (site, place)


BODY = " Ein Streik der Lokführergewerkschaft legt am Montag den Bahnverkehr in weiten Teilen des Landes lahm."


@pytest.mark.parametrize(
    ("line", "site", "place"),
    [
        ("München (dpa) -", "dpa", "München"),
        ("Frankfurt/Main (dpa/lhe) -", "dpa/lhe", "Frankfurt/Main"),
        ("Genf (Reuters) -", "Reuters", "Genf"),
        ("Bad Homburg (dpa) -", "dpa", "Bad Homburg"),
        # a person and a party, a company and its ticker are written as a place and an agency in capitals
        ("Scholz (SPD) -", None, None),
        ("Nvidia (NVDA) -", None, None),
        ("Olaf Scholz (Grüne) -", None, None),  # two words in title case: an agency in lower case only
        # unless the place is one the tables know: a time zone's city, a country, a capital, a province or state
        ("Washington (AP) —", "AP", "Washington"),
        ("New York (CNN) --", "CNN", "New York"),
        ("Wien (APA) -", "APA", "Wien"),
        ("Bayern (BR) -", "BR", "Bayern"),
        ("Merz (CDU) -", None, None),
        ("Jordan (MVP) -", None, None),  # a country's name is a first name as often: datelines name cities
        ("Luxemburg (AFP) -", "AFP", "Luxemburg"),  # a city-state's name is its capital's
        ("Singapur (AFP) -", "AFP", "Singapur"),
    ],
)
def test_datelines_in_title_case_before_a_sentence(line: str, site: str | None, place: str | None) -> None:
    meta = detect_text_metadata(f"Streik legt Bahn lahm\n\n{line}{BODY}", languages=("de", "en"))
    assert (meta.site, meta.place) == (site, place)
    assert detect_text_metadata(f"Streik\n\n{line} Bahn steht.", languages=("de", "en")).site is None  # no sentence after it


def test_a_byline_in_capitals_gives_the_name_in_title_case() -> None:
    text = "Council delays budget\n\nBY JOHN SMITH\n\nThe council met on Monday to discuss the budget, delayed by a year."
    assert detect_text_metadata(text).author == "John Smith"
    two = text.replace("BY JOHN SMITH", "BY JOHN SMITH AND MARY JONES")
    assert detect_text_metadata(two).author == "John Smith; Mary Jones"  # two authors, listed as HTML gives them
    von = text.replace("BY JOHN SMITH", "BY URSULA VON DER LEYEN AND MARY JONES")
    assert detect_text_metadata(von).author == "Ursula von der Leyen; Mary Jones"


@pytest.mark.parametrize(
    ("line", "languages", "day"),
    [
        ("BAMAKO, 1er février 2024 (AFP) – Les gouvernements", ("fr", "en"), date(2024, 2, 1)),
        ("Publié le 1er mars 2024 à 18h30", ("fr", "en"), date(2024, 3, 1)),
        ("MADRID, 1º de marzo de 2024", ("es", "en"), date(2024, 3, 1)),
        ("ROMA, 1° marzo 2024", ("it", "en"), date(2024, 3, 1)),
    ],
)
def test_first_days_written_as_ordinals_in_romance_languages(line: str, languages: tuple[str, ...], day: date) -> None:
    assert find_date(line, languages=languages) == day


def test_a_byline_naming_a_publication_is_the_site() -> None:
    meta = detect_text_metadata("The weapons that Russia can order\n\nby time news\n\nThe terrifying prospect ...")
    assert meta.site == "time news" and meta.author is None


def test_a_byline_naming_a_person_is_the_author() -> None:
    assert detect_text_metadata("Titel\nVon Anna Weber\nDer Text beginnt hier.").author == "Anna Weber"
    # the name as a link and beside it
    assert detect_text_metadata("Title\nBy Sean Martin Sean Martin\nThe text begins.").author == "Sean Martin"


def test_a_bylines_word_alone_on_its_line_is_read_in_english_and_the_texts_languages() -> None:
    """A byline set over two lines ("By" / "NAME"): its word or label alone, English's in any text."""
    for line in ("By", " by ", "Author:", "Von", "Autor :"):
        assert is_byline_word(line), line
    assert is_byline_word("Von", written_in={"de"}) and is_byline_word("By", written_in={"de"})
    assert not is_byline_word("Von", written_in={"fr"})  # German's word, not read in a French text
    assert not is_byline_word("By Jane Doe") and not is_byline_word("Byline") and not is_byline_word("")


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    text = "Headline\nBy the end of the year, officials said, most of the new laws will have taken effect.\nMore."
    assert detect_text_metadata(text).author is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("27. November 2024 · 18:55", date(2024, 11, 27)),
        ("am 3. März 2023 veröffentlicht", date(2023, 3, 3)),
        ("Published March 3rd, 2023", date(2023, 3, 3)),
        ("Sept 5 2021", date(2021, 9, 5)),
        ("27.11.2024", date(2024, 11, 27)),
        ("2024-11-27T10:00", date(2024, 11, 27)),
        ("12 Dez. 2022", date(2022, 12, 12)),
        ("2024-02-30", None),
        ("in 2050", None),
        ("By Anna Berg, 7/13/2012", date(2012, 7, 13)),  # month first: 13 can only be the day
        ("(14/01/2008)", date(2008, 1, 14)),  # day first
        ("05/10/2018", None),  # May or October: the numbers do not say which
        ("11/22/63 by Stephen King", None),  # a two-digit year: a title, as often as a date
        ("1/2/3/2024", None),
    ],
)
def test_dates_in_german_and_english(line: str, expected: date | None) -> None:
    assert find_date(line) == expected


def test_month_names_come_from_cldr() -> None:
    names = month_names(frozenset({"de", "fr"}))
    assert names["märz"] == 3 and names["janvier"] == 1 and names["december"] == 12


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("دمشق، الاثنين 23 تشرين الثاني 2026", date(2026, 11, 23)),  # a month's name of two words
        ("بغداد - 15 آب 2026", date(2026, 8, 15)),  # of two letters
        ("بيروت، 2 أيار 2025 - 14:00", date(2025, 5, 2)),
        ("عمّان، 23 تشرين الثاني/نوفمبر 2026", date(2026, 11, 23)),  # both names, as the Levant writes them
        ("1 كانون الثاني (يناير) 2026", date(2026, 1, 1)),
        ("٢٣ تشرين الأول ٢٠٢٦", date(2026, 10, 23)),  # Arabic-Indic digits
        ("الجزائر، 5 جويلية 2026", date(2026, 7, 5)),  # the Maghreb's names
        ("القاهرة، الاثنين 23 نوفمبر 2026", date(2026, 11, 23)),  # CLDR's names for ar, as before
        ("23 تشرين الثاني/يناير 2026", None),  # two months
        ("23 تشرين 2026", None),  # the word both months of tishreen share
    ],
)
def test_arabic_dates_with_the_month_names_of_the_levant_and_iraq(line: str, day: date | None) -> None:
    """CLDR gives them for ar_SY, ar_LB, ar_IQ, ar_JO and ar_PS, not for ar."""
    assert find_date(line, languages=("ar",)) == day
    assert find_date(line, languages=("en", "de")) is None  # Arabic names in an Arabic document only


@pytest.mark.parametrize(
    ("line", "languages", "day"),
    [
        ("Wien, 3. Jänner 2024", ("de",), date(2024, 1, 3)),  # Austria's January (de_AT)
        ("Lima, 3 de setiembre de 2024", ("es",), date(2024, 9, 3)),  # Peru's September (es_PE)
        ("3 de marzo de 2024", ("es",), date(2024, 3, 3)),  # "de" is no second word of a month's name
        ("3 March Madness 2024", ("en",), None),
        ("23 March/April 2024", ("en",), None),
    ],
)
def test_a_languages_month_names_include_those_of_its_countries(
    line: str, languages: tuple[str, ...], day: date | None
) -> None:
    assert find_date(line, languages=languages) == day


def test_an_arabic_date_line_with_a_levantine_month_is_the_published_date() -> None:
    text = "اتفاق على الربط الكهربائي\nبقلم: أحمد حسن\nالاثنين 23 تشرين الثاني 2026 - 14:20\nاتفقت مصر والسعودية."
    assert detect_text_metadata(text, languages=("ar", "en")).published == date(2026, 11, 23)


def test_a_date_near_the_title_is_the_published_date() -> None:
    text = "Russland stärkt Allianz\n27. November 2024 · 18:55\n" + "Wort " * 30
    assert detect_text_metadata(text).published == date(2024, 11, 27)


def test_dates_after_the_body_starts_are_not_read() -> None:
    """Seed 003 ends with a list of related articles and their dates: none of them is this article's date."""
    text = (SEEDS / "003_2ea6db9797bc8efc.txt").read_text(encoding="utf-8")
    assert "27. November 2024" in text
    assert detect_text_metadata(text).published is None


def test_seeds() -> None:
    found = {p.name[:3]: detect_text_metadata(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    assert (found["000"].site, found["000"].place) == ("IT BOLTWISE", "London")
    assert found["004"].site == "time news"
    assert found["001"] == found["002"] == found["003"] == Metadata()


def test_page_tags_are_split_deduplicated_and_bounded() -> None:
    assert page_tags(["a, b;c", "B", "  ", "x" * 81]) == ("a", "b", "c")
    assert page_tags(["香港、梁振英，特首"]) == ("香港", "梁振英", "特首")
    assert len(page_tags([",".join(f"t{i}" for i in range(100))])) == 25


def test_ordinal_days_and_spanish_or_portuguese_de_are_read() -> None:
    assert find_date("Published: 3rd March 2024") == date(2024, 3, 3)
    assert find_date("Madrid, 3 de marzo de 2024", languages=["es"]) == date(2024, 3, 3)
    assert find_date("Lisboa, 1 de janeiro de 2024", languages=["pt"]) == date(2024, 1, 1)
    assert find_date("the 3rd day of 2024") is None  # "day" is no month


def test_a_comma_before_the_year_dotted_month_names_and_cjk_dates_are_read() -> None:
    assert find_date("22 Dec, 2016") == date(2016, 12, 22)
    assert find_date("21.dez.2018 às 12h55", languages=["pt"]) == date(2018, 12, 21)
    assert find_date("2018年6月18日 10:01 発信地") == date(2018, 6, 18)
    assert find_date("2019년 8월 20일") == date(2019, 8, 20)
    assert find_date("v1.2.2024") is None and find_date("Raum 12, 2024") is None


def test_the_articles_head_is_read_before_the_top_of_the_text() -> None:
    text = "Home\nNews\n12 March 2024\nSport\nWeather\nContact"  # the top: a menu with today's date
    meta = detect_text_metadata(text, head=["Harbour reopens", "By Jane Doe", "3 March 2024"])
    assert (meta.author, meta.published) == ("Jane Doe", date(2024, 3, 3))
    assert detect_text_metadata(text).published == date(2024, 3, 12)


def test_a_date_line_of_the_head_comes_before_a_date_in_a_caption_above_it() -> None:
    caption = "In this Dec. 12, 2006, file photo, made available by NASA, two astronauts work on the station's truss."
    head = ["Snooze cruise: study sees future for hibernating astronauts", caption, "Published: 2019-11-18 08:22:03"]
    assert detect_text_metadata("", head=head).published == date(2019, 11, 18)
    assert detect_text_metadata("", head=head[:2]).published == date(2006, 12, 12)  # the only date there is


@pytest.mark.parametrize(
    ("line", "following", "name"),
    [
        ("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU", "", "Daniel Kahn Gillmor"),
        ("by Laura June Topolsky July 10, 2015", "", "Laura June Topolsky"),  # June: a name, July 10: a date
        ("by Ahiza Garcia @ahiza_garcia February 1, 2016", "", "Ahiza Garcia"),
        ("by Alissa Wilkinson@alissamarie", "", "Alissa Wilkinson"),
        ("Par Martin Untersinger (avec Damien Leloup)", "", "Martin Untersinger"),
        ("Von Anna Weber und Max Muster", "", "Anna Weber; Max Muster"),
        ("By Jane Doe and John Roe", "", "Jane Doe; John Roe"),
        ("By Jane Doe and Reuters Staff", "", "Jane Doe"),  # a publication beside a person: not the site
        ("By Jane Doe and John Roe Staff Writers", "", "Jane Doe; John Roe"),
        ("By Kenneth More, Staff Writer", "", "Kenneth More"),
        ("By Jane Doe & John Roe, Staff Writers", "", "Jane Doe; John Roe"),
        ("By Jane Doe and others", "", "Jane Doe"),
        ("By Jane E Doe", "", "Jane E. Doe"),  # an initial, not "e" joining two names
        ("by Michiel de Jong", "", "Michiel de Jong"),
        ("By JEFFREY GETTLEMAN", "", "Jeffrey Gettleman"),
        ("By Sean Martin Sean Martin", "", "Sean Martin"),  # the name as a link and beside it
        ("By Jane Doe Jane Doe Jane Doe", "", None),  # not a name twice
        ("By", "Steven Davidoff Solomon", "Steven Davidoff Solomon"),
        ("By the end of the year, officials said", "", None),
        ("By Monday, officials said", "", None),
        ("By", "The storm came quickly and nobody saw it coming", None),
        ("By", "Amy Kuperinsky | NJ Advance Media for NJ.com", "Amy Kuperinsky"),  # the paper after a separator
        ("Posted by", "Bhaskar Janakiraman - Friday, October 26, 2012", "Bhaskar Janakiraman"),
        ("By", "Jane Doe, senior editor of the paper since the spring of 2019", "Jane Doe"),
        ("By", "the time the storm came | nobody saw it", None),
        ("By", "Tim Smith and a crowd of friends watching from the pier", None),  # a name run on into a sentence
        # a dateline under a lone "By" whose name the page left out: a place and the article's first sentence
        ("By", "Cape Town - The storm came quickly and nobody in the city saw it coming that night", None),
        ("By", "San Francisco | The storm came quickly and nobody in the city saw it coming that night", None),
        ("By Reuters", "", None),
    ],
)
def test_a_byline_with_more_after_the_name_gives_the_person(line: str, following: str, name: str | None) -> None:
    from flows.steps.metadata import byline_person

    assert byline_person(line, following) == name


def test_the_line_under_a_lone_by_is_read_in_time_whatever_its_spaces() -> None:
    """A padded line under "By" (a plain-text table's row: a long run of spaces inside it, no separator after the
    run) is read as quickly as the same line with single spaces: a run of 40,000 spaces takes well under a
    second, not a quarter of a minute."""
    import time

    from flows.steps.metadata import byline_person

    following = "Jane" + " " * 40_000 + "Doe"
    start = time.perf_counter()
    assert byline_person("By", following) == "Jane Doe"
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Posted by Jane Doe on March 3, 2019", "Jane Doe"),
        ("Written By: Jane Doe", "Jane Doe"),
        ("Post written by Leo Babauta.", "Leo Babauta"),
        ("Geschrieben von Anna Weber am 3. März 2024", "Anna Weber"),
        ("by Andy Boron on Aug 9, 2012 9:29 AM EDT", "Andy Boron"),  # "on" and a date end the name
        ("By Jane Doe on Monday", "Jane Doe"),
        ("By Steven Baxter Published 12 November 2012", "Steven Baxter"),
        ("By Jane Doe at the office", None),  # "at" and no date: a sentence
        ("Photo by Jane Doe", None),  # a photographer, not the author
        ("Powered by Livefyre Comments", None),
    ],
)
def test_bylines_that_say_posted_or_written_and_the_date_after_the_name(line: str, name: str | None) -> None:
    """Blogs and sites print "Posted by ... on <date>" and "Written by ..." under the headline; the line is then a
    byline, which boilerplate removal drops above the article."""
    from flows.steps.metadata import byline_person, is_byline

    assert byline_person(line) == name
    assert is_byline(line) == (name is not None)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Posted on October 27, 2015 by Jane Doe", "Jane Doe"),
        ("Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.", "Bradley M. Kuhn"),
        ("October 29, 2012 at 10:40 am by John Cook 1 Comment", "John Cook"),
        ("November 3, 2012 By George Ambler Leave a Comment", "George Ambler"),
        ("06 November 2012 by Cory Gunther Discuss (0)", "Cory Gunther"),
        ("August 9, 2012 | By Alyssa Sparacino", "Alyssa Sparacino"),
        ("Published on 09/08/2012 by Nicholas Griffin", "Nicholas Griffin"),
        ("Am 3. März 2024 von Anna Weber", "Anna Weber"),
        ("In 2012 by Jane Doe", None),  # a year alone is no date
        ("2012 by the end of the year", None),
        ("Posted on the forum by Jane Doe", None),  # no date before the byline word
    ],
)
def test_a_date_before_the_byline_word(line: str, name: str | None) -> None:
    """Blogs print the date first: "Posted on <date> by Jane Doe"."""
    from flows.steps.metadata import byline_person, is_byline

    assert byline_person(line) == name
    assert is_byline(line) == (name is not None)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Written by Jane Doe in Politics", "Jane Doe"),
        ("Posted by Jane Doe in Uncategorized", "Jane Doe"),
        ("Posted by Jane Doe in Harbour News, Local on March 3, 2019", "Jane Doe"),
        ("Publié par Claire Martin dans Politique", "Claire Martin"),
        ("By Jane Doe in the harbour", None),  # in lower case: a sentence
    ],
)
def test_a_byline_with_the_section_it_was_filed_in_gives_the_person(line: str, name: str | None) -> None:
    """Blogs print the category after the name: "Posted by Jane Doe in Uncategorized"; the article's head reads
    it (``filed``), and so does ``detect_text_metadata``; boilerplate removal's rules do not."""
    from flows.steps.metadata import byline_person, is_byline

    assert byline_person(line, filed=True) == name
    assert is_byline(line, filed=True) == (name is not None)
    assert byline_person(line) is None and not is_byline(line)
    assert detect_text_metadata(f"Headline\n{line}\nThe text starts here.").author == name


def test_a_dated_byline_naming_a_publication_is_the_site() -> None:
    meta = detect_text_metadata("Headline\nPosted on November 5th, 2012 - By Example Staff\nThe text starts here.")
    assert (meta.site, meta.author) == ("Example Staff", None)
    meta = detect_text_metadata("Headline\nBy Example Staff, March 3, 2019\nThe text starts here.")
    assert (meta.site, meta.author) == ("Example Staff", None)


def test_a_byline_word_before_lower_case_words_names_nobody() -> None:
    assert detect_text_metadata("Title\nFrom the section US & Canada\nThe text starts here.").author is None
    assert detect_text_metadata("Title\nby time news\nThe text starts here.").site == "time news"


def test_an_extracted_author_loses_the_date_and_words_printed_after_the_name() -> None:
    from flows.steps.metadata import tidy_author

    assert tidy_author("Laura June Topolsky July") == "Laura June Topolsky"
    assert tidy_author("Aleš Vávra před") == "Aleš Vávra"
    assert tidy_author("Joshua Sokol May; Jane Doe") == "Joshua Sokol; Jane Doe"
    assert tidy_author("Theresa May") == "Theresa May"  # two words stay
    assert tidy_author("Jane Doe & John Smith") == "Jane Doe; John Smith"  # two people
    assert tidy_author("Reuters") == "Reuters" and tidy_author("") is None and tidy_author(None) is None


@pytest.mark.parametrize(
    "headline",
    [
        "From Russia With Love",
        "De Gaulle Airport Reopens",
        "Von Der Leyen Visits Kyiv",
        "Di Maria Scores Twice",
        "By The Numbers",
        "Door To Door Sales Boom",
    ],
)
def test_a_title_case_headline_opening_with_a_byline_word_is_not_a_byline(headline: str) -> None:
    assert not is_byline(headline)
    assert detect_text_metadata(f"{headline}\nThe text of the article starts here.").author is None


def test_a_one_word_byline_names_nobody() -> None:
    """A menu's "News Alerts / by Email" is not an author."""
    assert detect_text_metadata("News Alerts\nby Email\nThe text of the article starts here.").author is None
    assert detect_text_metadata("Title\nBy Jane Doe\nThe text of the article starts here.").author == "Jane Doe"


def test_a_publication_named_in_a_byline_is_never_the_author() -> None:
    meta = detect_text_metadata("LONDON (AP) -- The text of the article starts here.\nBy AP Newsroom\nMore text.")
    assert (meta.site, meta.author) == ("AP", None)


def test_the_head_and_the_first_lines_are_read_once() -> None:
    """The article's head is often the text's first lines too: a site byline read twice became the author."""
    text = "The weapons that Russia can order\nby time news\nThe terrifying prospect of the war is discussed."
    meta = detect_text_metadata(text, head=text.split("\n"))
    assert (meta.site, meta.author) == ("time news", None)


def test_an_empty_dateline_site_is_no_site() -> None:
    assert detect_text_metadata("(   ) -- The text of the article starts here.").site is None


@pytest.mark.parametrize(
    ("author", "tidied"),
    [
        ("Joe Wee Monday; February", "Joe Wee"),  # the weekday and month of the date printed after the name
        ("Jan 4", None),
        ("Sandee LaMotte; CNN", "Sandee LaMotte"),  # the site beside a person
        ("CNN", "CNN"),
        ("Jeffrey Gettleman; JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        ("NATE SILVER", "Nate Silver"),
        ("IANS", "IANS"),
    ],
)
def test_html_authors_lose_dates_the_site_and_repeats(author: str, tidied: str | None) -> None:
    from flows.steps.metadata import tidy_author

    assert tidy_author(author, site="CNN") == tidied


def test_cached_month_names_cannot_be_changed_by_a_caller() -> None:
    """A caller adding a word to the shared, cached mapping changed find_date for the rest of the process."""
    with pytest.raises(TypeError):
        month_names(frozenset({"en"}))["harbour"] = 3  # type: ignore[index]
    assert find_date("12 harbour 2024") is None


def test_a_date_in_a_banner_above_a_known_article_is_not_read() -> None:
    banner = (
        "We use cookies and other tracking technologies to improve your browsing experience on our site, as our "
        "Privacy Policy, effective May 23rd, 2018, explains in detail for every visitor"
    )
    text = f"Menu\n{banner}\nCouncil backs harbour tram\nThe council voted on Tuesday to extend the tram."
    head = ["Council backs harbour tram", "The council voted on Tuesday to extend the tram."]
    assert detect_text_metadata(text, head=head).published is None
    assert detect_text_metadata(text).published == date(2018, 5, 23)  # no article known: the first lines are all there is


def test_names_opening_with_a_short_word_that_is_no_function_word_are_bylines() -> None:
    assert is_byline("By Al Gore") and is_byline("By Ed Miliband")


@pytest.mark.parametrize("line", ["Updated 01.01.0001", "Hotline 0800-11-22", "ISBN 1234-5-6", "Printed 3 March 0012"])
def test_dates_before_1900_are_no_publication_dates(line: str) -> None:
    assert find_date(line) is None
    assert find_date(f"{line}, 3 March 2024") == date(2024, 3, 3)  # the next date in the line is read


def test_is_person_name() -> None:
    from flows.steps.metadata import is_person_name

    for name in ["Sarah Archer", "John C. Welch", "Anne de Vries", "Jean-Luc Picard", "Conan O'Brien", "Élodie Ségal"]:
        assert is_person_name(name), name
    for line in ["Sarah", "The Latest", "Monday March", "Reuters Staff", "NBA Finals", "SARAH ARCHER", "de Vries Anne",
                 "Miguel Bernal North Diving", "Sarah Archer, 2024", "sarah archer"]:  # fmt: skip
        assert not is_person_name(line), line


def test_iso_date_reads_the_extended_and_the_basic_form() -> None:
    from flows.steps.metadata import iso_date

    for value in ("2024-03-05", "2024-03-05 07:00:00", " 2024-03-05T07:00:00+01:00", "20240305T070000+0100", "20240305"):
        assert iso_date(value) == date(2024, 3, 5), value
    for value in (None, "", "March 5, 2024", "2024-13-05", "1899-12-31", "202403051", "0800-11-22"):
        assert iso_date(value) is None, value


@pytest.mark.parametrize(
    ("author", "tidied"),
    [
        ("Tom Krisher; Ap Auto Writer", "Tom Krisher"),  # the job of the name before it
        ("Ben Silverman Games Editor", "Ben Silverman"),
        ("Dana A. Ford Staff Writer", "Dana A. Ford"),  # an initial keeps the third word
        ("About the Author RYAN MCNEILL", "Ryan Mcneill"),
        ("Текст Иван Петров", "Иван Петров"),  # the credit for the text names its writer
        ("Текст", None),
        ("Jane Doe; Photo Jim Roe", "Jane Doe"),  # a picture's maker is not the author
        ("View Profile", None),
        ("X Reblogged This", None),
        ("Username", None),
        ("Name", None),  # a comment form's label
        ("Authority control", None),
        ("作者", None),
        ("Theresa May", "Theresa May"),
        ("Michiel de Jong", "Michiel de Jong"),
        ("Thomas More", "Thomas More"),  # a surname that is also a word of a page's interface
        ("Larry Writer", "Larry Writer"),  # a job's word after one word: a surname
        ("Staff Writer", None),
    ],
)
def test_an_extracted_author_is_a_person_without_job_credit_or_interface_words(author: str, tidied: str | None) -> None:
    from flows.steps.metadata import tidy_author

    assert tidy_author(author) == tidied


def test_a_bylines_name_ends_before_a_job_and_interface_words_name_nobody() -> None:
    from flows.steps.metadata import byline_person, is_person_name

    assert byline_person("By Jane Doe Senior Editor") == "Jane Doe"
    assert detect_text_metadata("Title\nBy JANE DOE SENIOR EDITOR\nThe text starts here.").author == "Jane Doe"
    assert not is_person_name("View Profile") and is_person_name("Sarah Archer")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Av Anna Lindqvist", "Anna Lindqvist"),  # sv, no
        ("Af Mette Jensen", "Mette Jensen"),  # da
        ("Του Γιώργου Παπαδόπουλου", "Γιώργου Παπαδόπουλου"),  # el: "of the", the name in the genitive
        ("Της Μαρίας Νικολάου", "Μαρίας Νικολάου"),
        ("Autor: Jan Novák", "Jan Novák"),  # pl, cs, ro
        ("Автор: Олена Коваленко", "Олена Коваленко"),  # ru, uk
        ("Szerző: Kovács Péter", "Kovács Péter"),  # hu
        ("Yazan: Ayşe Demir", "Ayşe Demir"),  # tr
        ("Author: John Smith", "John Smith"),
        ("Autor: Anna Kowalska, PAP", "Anna Kowalska"),  # more after the name
        ("بقلم: أحمد حسن", "أحمد حسن"),  # ar: a script without capitals, after a label or byline word
        ("بقلم أحمد حسن", "أحمد حسن"),
        ("بقلم: محمّد حسن", "محمّد حسن"),  # a vowel sign over a letter
        ("كتب: أحمد حسن", "أحمد حسن"),
        ("أحمد حسن", None),  # no capital tells a name from a phrase: a line alone is none
        ("Autor Jan Novák", None),  # a label without its colon is a word ("Author Stephen King Returns")
        ("Av alla de nya reglerna", None),  # a sentence
        ("AV Club Reviews New Show", None),  # av or af in capitals before words that are not: an acronym
        ("BY Jane Doe", "Jane Doe"),  # any other byline word in capitals is one
        ("VON Anna Weber", "Anna Weber"),
    ],
)
def test_bylines_in_other_languages_give_the_name_without_the_byline_word(line: str, name: str | None) -> None:
    meta = detect_text_metadata(f"Regeringen vill skärpa reglerna\n{line}\nThe text starts here.", languages=("en", "sv"))
    assert meta.author == name
    assert is_byline(line) == (name is not None)


#: a paragraph of news prose per language: enough stop words for ``text_languages`` to tell the language
PROSE = {
    "en": "The president said on Tuesday that the talks with the neighbouring countries would continue next week, "
    "and that the government was ready to discuss every question that the delegations had raised at the meeting.",
    "da": "Regeringen vil i næste uge fremlægge et forslag om at skærpe reglerne for boliglån, og det skal efter "
    "planen træde i kraft til sommer. Det siger ministeren til avisen, efter at priserne på boliger er steget "
    "kraftigt i de store byer.",
    "sv": "Regeringen vill skärpa reglerna för bolån och lägger fram ett förslag nästa vecka, som enligt planen "
    "ska börja gälla i sommar. Det säger finansministern till tidningen, efter att priserna på bostäder har "
    "stigit kraftigt i de stora städerna, och det är inte första gången som han har sagt det.",
    "es": "El Gobierno aprobó el martes un plan para construir más viviendas en las grandes ciudades, después de "
    "que los precios del alquiler subieran de forma muy fuerte en los últimos años. La ministra dijo que las "
    "obras empezarán en la primavera.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke im Frühjahr eröffnet werden soll, "
    "nachdem sich der Bau wegen eines Streits mit der Baufirma um mehr als zwei Jahre verzögert hatte.",
    "el": "Οι κυβερνήσεις της Ελλάδας και της Κύπρου υπέγραψαν τη Δευτέρα συμφωνία για την ηλεκτρική διασύνδεση "
    "των δύο χωρών, η οποία θα ολοκληρωθεί μέσα στα επόμενα χρόνια. Ο υπουργός είπε ότι το έργο είναι πολύ "
    "σημαντικό για την ενέργεια και για την οικονομία.",
    "ar": "اتفقت مصر والمملكة العربية السعودية على تسريع العمل في مشروع الربط الكهربائي بين البلدين، على أن تبدأ "
    "المرحلة الأولى من التشغيل في منتصف العام المقبل. وقال الوزير إن المشروع من أهم المشاريع في المنطقة، وإنه "
    "سيوفر الكهرباء لملايين من المواطنين في البلدين.",
}


def test_the_languages_of_a_text_are_those_of_the_stop_lists_it_fills_nearly_as_densely_as_its_densest() -> None:
    from flows.steps.metadata import text_languages

    for code, prose in PROSE.items():
        found = text_languages(prose)
        assert found is not None and code in found, code
    assert "en" not in (text_languages(PROSE["de"]) or {"en"})
    assert not {"da", "sv", "nb", "es", "pt", "fr", "de", "it", "nl"} & (text_languages(PROSE["en"]) or set())
    assert text_languages("Titel\nVon Anna Weber\nDer Text beginnt hier.") is None  # too few words to tell
    assert text_languages("中国与东盟国家23日在北京签署数字经济合作框架协议。") is None  # no list has them


def test_an_english_text_is_not_also_in_the_languages_whose_lists_hold_english_words() -> None:
    from flows.steps.metadata import text_languages

    finnish = (
        "Hallitus esitti tiistaina, että uusien asuntojen rakentamista suurissa kaupungeissa on tuettava, koska "
        "vuokrat ovat nousseet viime vuosina hyvin nopeasti. Ministeri sanoi, että työt alkavat keväällä ja että ne "
        "kestävät noin kaksi vuotta, jos kaikki menee niin kuin on suunniteltu."
    )
    turkish = (
        "Hükümet salı günü büyük şehirlerde daha fazla konut inşa etmek için bir plan açıkladı, çünkü kiralar son "
        "yıllarda çok hızlı bir şekilde arttı. Bakan, çalışmaların ilkbaharda başlayacağını ve her şey planlandığı "
        "gibi giderse yaklaşık iki yıl süreceğini söyledi."
    )
    # Marathi's, Nepali's, Telugu's, Sundanese's and Uzbek's lists hold "the", "of", "was", "that"...
    assert text_languages(PROSE["en"]) == {"en"}
    assert text_languages(finnish) == {"fi"} and text_languages(turkish) == {"tr"}


@pytest.mark.parametrize(
    "line",
    [
        "Af Ghani Speaks Out",  # "af": Danish "by"
        "Av Club Reviews The Finale",  # "av": Swedish and Norwegian
        "Por Favor Opens Second Branch",  # "por": Spanish, Portuguese
        "Par Avion Delivers The Mail",  # "par": French
        "Von Miller Signs With Broncos",  # "von": German
        "Door Dash Expands Delivery Zones",  # "door": Dutch
        "Autor: Unknown Soldier Returns",  # a label of several languages
    ],
)
def test_another_languages_byline_word_opens_no_byline_in_an_english_text(line: str) -> None:
    text = f"World news\n{line}\n{PROSE['en']}\n\n{PROSE['en']}"
    assert detect_text_metadata(text).author is None
    assert not is_byline(line, written_in={"en"})
    assert is_byline(line)  # without the text's language, every language's words are read


@pytest.mark.parametrize(
    ("code", "line", "name"),
    [
        ("da", "Af Mette Jensen", "Mette Jensen"),
        ("sv", "Av Anna Lindqvist", "Anna Lindqvist"),
        ("es", "Por Lucía Martínez", "Lucía Martínez"),
        ("de", "Von Anna Weber", "Anna Weber"),
        ("el", "Του Γιώργου Παπαδόπουλου", "Γιώργου Παπαδόπουλου"),
        ("ar", "بقلم: أحمد حسن", "أحمد حسن"),
        ("de", "By Jane Doe", "Jane Doe"),  # English bylines are read in every language
        ("da", "Von Anna Weber", None),  # a German byline word in a Danish text
        ("de", "Af Mette Jensen", None),
    ],
)
def test_a_byline_word_is_read_in_a_text_of_its_language(code: str, line: str, name: str | None) -> None:
    text = f"Überschrift\n{line}\n{PROSE[code]}\n\n{PROSE[code]}"
    assert detect_text_metadata(text, languages=(code, "en")).author == name


ZH = "中国与东盟国家23日在北京签署数字经济合作框架协议，双方将在跨境电子商务、数据安全和人工智能等领域加强合作。"
JA = "日米両政府は22日、ワシントンで首脳会談を開き、半導体の供給網強化に向けた協力を盛り込んだ共同声明を発表した。"


@pytest.mark.parametrize(
    ("line", "site", "place", "author"),
    [
        (f"新华社北京11月23日电（记者王伟、李明）{ZH}", "新华社", "北京", "王伟; 李明"),
        (f"新华社北京11月23日电(记者王伟){ZH}", "新华社", "北京", "王伟"),  # the brackets as NFKC leaves them
        (f"新华社台北11月23日电 {ZH}", "新华社", "台北", None),  # a place with a publisher's noun in it
        (f"中国日报网北京11月23日电 {ZH}", "中国日报网", "北京", None),
        (f"中新网11月23日电 {ZH}", "中新网", None, None),  # no place
        (f"本报北京11月23日讯（记者 王伟）{ZH}", None, "北京", "王伟"),  # 本报, "this paper": no site's name
        (f"本报讯（记者 张三 通讯员 李四）{ZH}", None, None, "张三; 李四"),
        (f"本报讯（本报记者 张三 实习生 李四 摄）{ZH}", None, None, "张三; 李四"),  # a qualifier, a photo's 摄
        (f"（记者王伟、李明）{ZH}", None, None, "王伟; 李明"),  # under a dateline of its own
        ("记者 王伟 李明 报道", None, None, "王伟; 李明"),  # a line of its own, without brackets
        ("本报记者 王伟 通讯员 李四", None, None, "王伟; 李四"),
        (f"新华社北京电（记者王伟）{ZH}", "新华社", "北京", "王伟"),  # 电 without a date, before the reporters
        (f"据新华社北京11月23日电 {ZH}", "新华社", "北京", None),  # 据, "according to": the agency a paper reprints
        (f"【ワシントン共同】{JA}", "共同", "ワシントン", None),
        (f"【ニューヨーク時事】{JA}", "時事", "ニューヨーク", None),
        (f"【パリAFP=時事】{JA}", "AFP=時事", "パリ", None),
        (f"【ロンドン=共同】{JA}", "共同", "ロンドン", None),  # two kanji after "=": an agency's short name
        (f"【ロンドン＝共同】{JA}", "共同", "ロンドン", None),
        (f"【北京=新華社】{JA}", "新華社", "北京", None),  # a publisher's noun closes it
        (f"【ワシントン=共同通信】{JA}", "共同通信", "ワシントン", None),
        (f"【ワシントン=山田太郎】{JA}", None, "ワシントン", "山田太郎"),  # a reporter's full name after "="
    ],
)
def test_a_chinese_or_japanese_wires_dateline_gives_site_place_and_reporters(
    line: str, site: str | None, place: str | None, author: str | None
) -> None:
    meta = detect_text_metadata(f"中国与东盟签署数字经济合作框架协议\n{line}\n{ZH}", languages=("zh", "ja", "en"))
    assert (meta.site, meta.place, meta.author) == (site, place, author)


@pytest.mark.parametrize(
    "line",
    [
        f"中国移动通讯公司今天宣布 {ZH}",  # 讯 in a word, no date
        ZH,  # a date in a sentence, no 电 or 讯 after it
        f"【ワシントン秋山信一】{JA}",  # a name run on without "=": a reporter's, or a topic's tag (【ロシア軍事侵攻】)
        f"【北京共同】{JA}",  # all in kanji: the place cannot be told from the agency, nor the dateline from a tag
        f"【東京五輪】{JA}",
        "【ライブ配信】首相が会見",  # a headline's tag: no sentence follows
        f"【速報】{JA}",  # one word
        f"（图片来源：网络）{ZH}",  # brackets without a reporter's label
        "记者手记",  # a column's title: the word glued to the label
        "记者 从市教育局获悉，今年全市新建学校十所",  # a sentence
    ],
)
def test_lines_like_a_wires_dateline_give_nothing(line: str) -> None:
    from flows.steps.metadata import wire_dateline

    assert wire_dateline(line) is None
    meta = detect_text_metadata(f"中国与东盟签署数字经济合作框架协议\n{line}\n{ZH}", languages=("zh", "ja", "en"))
    assert (meta.site, meta.author) == (None, None)


@pytest.mark.parametrize(
    ("author", "tidied"),
    [
        ("Par Claire Martin · Publié", "Claire Martin"),  # the byline word, a separator and what follows
        ("By Jane Doe · Published 3 hours ago", "Jane Doe"),
        ("Yazan Ayşe Demir", "Ayşe Demir"),  # a label whose colon the extraction dropped
        ("Szerző Kovács Péter", "Kovács Péter"),
        ("بقلم أحمد حسن", "أحمد حسن"),
        ("Του Γιώργου Παπαδόπουλου", "Γιώργου Παπαδόπουλου"),
        ("Door Jan de Vries", "Jan de Vries"),
        ("de Andrei Popescu", "Andrei Popescu"),
        ("Por Lucía Martínez; Madrid", "Lucía Martínez"),  # "name | place": a place is no second author
        ("Jane Doe; London", "Jane Doe"),
        ("Jane Doe | Staff", "Jane Doe"),
        ("Di Maria", "Di Maria"),  # two words: a name, not a byline word before one
        ("von der Leyen", "von der Leyen"),
        ("Madrid", "Madrid"),  # alone, nothing to tell it from a name
        ("王伟; 李明", "王伟; 李明"),  # words of a script without capitals stay
    ],
)
def test_an_extracted_author_loses_the_byline_word_and_what_follows_a_separator(author: str, tidied: str | None) -> None:
    from flows.steps.metadata import tidy_author

    assert tidy_author(author) == tidied


def test_a_first_name_that_is_a_month_or_its_abbreviation_is_a_name() -> None:
    """The names of months and weekdays of 22 languages, and their abbreviations, hold many first names ("Jan" is
    January's abbreviation, "Nisan" and "Kasım" Turkish months): only a line of two of them reads as a date."""
    from flows.steps.language import DEFAULT_LANGUAGES
    from flows.steps.metadata import is_person_name

    for name in ["Jan Novák", "Jan de Vries", "Nisan Aydın", "Kasım Gülpınar", "Julio Cortés", "Sam Smith"]:
        assert is_person_name(name, languages=DEFAULT_LANGUAGES), name
    for line in ["Monday March", "Sunday October", "Av Anna Lindqvist", "Του Γιώργου Παπαδόπουλου"]:
        assert not is_person_name(line, languages=DEFAULT_LANGUAGES), line  # a date; a byline, not a bare name
    for line in ["Monday Briefing", "Montag Abend", "Samstag Nachmittag", "Friday Roundup"]:
        assert not is_person_name(line, languages=DEFAULT_LANGUAGES), line  # a weekday written out names no one


@pytest.mark.parametrize(
    ("line", "site", "place"),
    [
        ("KRAKÓW (PAP) -", "PAP", "Kraków"),
        ("ŁÓDŹ (PAP) -", "PAP", "Łódź"),
        ("ČESKÉ BUDĚJOVICE (ČTK) –", "ČTK", "České Budějovice"),
        ("ÅRHUS (Ritzau) –", "Ritzau", "Århus"),
        ("İSTANBUL (AA) -", "AA", "İstanbul"),
        ("ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) –", "ΑΠΕ-ΜΠΕ", "Αθηνα"),
        ("КИЇВ (Укрінформ) —", "Укрінформ", "Київ"),
        ("Москва (ТАСС) —", "ТАСС", "Москва"),  # title case: a known city before an agency in capitals
        ("القاهرة (رويترز) -", "رويترز", "القاهرة"),  # a script without capitals: a known city
        ("Łódź (PAP) -", None, None),  # title case, an agency in capitals, a city the tables do not know
        ("Петров (ЛДПР) —", None, None),  # a name and a party
        ("الرئيس (رويترز) -", None, None),  # no capitals to tell a place: none the tables know
    ],
)
def test_datelines_in_capitals_of_any_script(line: str, site: str | None, place: str | None) -> None:
    languages = ("en", "pl", "cs", "da", "tr", "el", "uk", "ru", "ar")
    meta = detect_text_metadata(f"Заголовок\n\n{line} Текст статьи начинается здесь, и он продолжается дальше.", languages=languages)
    assert (meta.site, meta.place) == (site, place)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("2026. november 23. 11:02", date(2026, 11, 23)),  # Hungarian: the year first
        ("2026. nov. 23.", date(2026, 11, 23)),
        ("2026. november 23-án", date(2026, 11, 23)),
        ("2026.11.23.", date(2026, 11, 23)),
        ("2026. 11. 23.", date(2026, 11, 23)),
        ("2026/11/23", date(2026, 11, 23)),
        ("23-11-2026", date(2026, 11, 23)),  # dashes: read when a number over 12 settles the order, as slashes
        ("11-23-2026", date(2026, 11, 23)),
        ("05-10-2026", None),
        ("23 ноя 2026", date(2026, 11, 23)),  # a month cut shorter than CLDR's "нояб."
        ("Sept. 3, 2026", date(2026, 9, 3)),
        ("3 mar 2026", date(2026, 3, 3)),  # March: a whole abbreviation, though Finnish "marraskuuta" begins alike
        ("3 marr 2026", date(2026, 11, 3)),
        ("3 ma 2026", None),  # too short to name one month
        ("in 2026 november 23 people", None),  # the year first needs its full stop
        ("version 1.2026.11.23", None),
    ],
)
def test_dates_written_year_first_with_dashes_or_a_month_cut_short(line: str, day: date | None) -> None:
    assert find_date(line, languages=("en", "hu", "ru", "fi")) == day


@pytest.mark.parametrize(
    ("line", "site", "place"),
    [
        ("МОСКВА, 23 ноя — РИА Новости.", "РИА Новости", "Москва"),  # the agency after the date, closed by a full stop
        ("МОСКВА, 22 ноября. /ТАСС/.", "ТАСС", "Москва"),  # or between slashes
        ("МОСКВА, 22 ноября - Интерфакс.", "Интерфакс", "Москва"),
        ("WASHINGTON, Nov. 3. /Example Wire/.", "Example Wire", "Washington"),  # between slashes, in any script
        ("WASHINGTON, Nov. 3 — The Senate voted.", None, None),  # a sentence
        # after a dash, a Latin name closed by a full stop opens the article's sentence
        ("NEW YORK, Nov. 3 — Apple Inc. said on Tuesday", None, None),
        ("LONDON, Jan. 5 — Mr. Johnson told reporters", None, None),
        ("WASHINGTON, Nov. 3 — Sen. Mitch McConnell said", None, None),
        ("DALLAS, Nov. 22 — President John F. Kennedy was shot.", None, None),
        ("МОСКВА, вчера — РИА Новости.", None, None),  # no day and month
        ("Москва, 22 ноября — РИА Новости.", None, None),  # the place not in capitals
    ],
)
def test_an_agency_named_after_the_datelines_date(line: str, site: str | None, place: str | None) -> None:
    meta = detect_text_metadata(f"Заголовок\n\n{line} Россия и Китай договорились расширить торговлю.", languages=("en", "ru"))
    assert (meta.site, meta.place) == (site, place)
