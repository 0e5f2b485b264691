from __future__ import annotations

from flows.steps.boilerplate import (
    FIRST_BLOCK_SHARE,
    Kind,
    _mark_announced_lists,
    _mark_short_post,
    classify,
    cut_at_heading,
    fill_gaps,
    is_arrow_link,
    is_bare_date,
    is_code,
    is_photo_credit,
    is_table_row,
    is_timestamp,
    line_index,
    paragraphs,
    placed_lines,
    remove_boilerplate,
    trim_extracted,
    words_of,
)
from flows.steps.stopwords import stoplist_for
from tests.calls import count_calls
from tests.documents import KEY_FIGURES, REPORT_PROSE

PROSE_EN = (
    "The council said on Tuesday that the new bridge would open in the spring, after a delay of more than "
    "two years that was caused by a shortage of steel and by a dispute with the builder."
)
PROSE_EN2 = (
    "Residents who have waited for the crossing since the old ferry was closed welcomed the news, but some of "
    "them said that they would believe it only when the first bus drove across the river."
)
PROSE_DE = (
    "Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke im Frühjahr eröffnet werden soll, nachdem "
    "sich der Bau wegen eines Streits mit der Baufirma um mehr als zwei Jahre verzögert hatte."
)


def test_stoplist_follows_the_language_of_the_text() -> None:
    assert "the" in stoplist_for(PROSE_EN) and "der" not in stoplist_for(PROSE_EN)
    assert "der" in stoplist_for(PROSE_DE)


def test_classify_prose_heading_table_and_timestamp() -> None:
    stop = stoplist_for(PROSE_EN)
    assert classify(PROSE_EN, stop).kind is Kind.GOOD
    assert classify("Bridge to open in spring", stop).kind is Kind.NEUTRAL
    assert classify("Year | Cost | Status |", stop).kind is Kind.NEUTRAL
    assert classify("12. March 2024 · 10:45", stop).kind is Kind.BAD
    assert remove_boilerplate(f"Home | News | Sport | Weather\n{PROSE_EN}") == PROSE_EN
    assert classify("- Subscribe to our free newsletter now!", stop).kind is Kind.BAD


def test_furniture_around_the_article_is_removed() -> None:
    text = "\n".join(
        [
            "Home", "News", "Sport", "Weather",  # menu
            "Bridge to open in spring",  # title
            PROSE_EN,
            "What the residents say",  # heading inside the article
            PROSE_EN2,
            "Related stories",
            "Mayor re-elected",
            "3 May 2024 · 09:12",
            "New park for the east side",
            "4 May 2024 · 11:40",
            "Share this article",
        ]
    )
    assert remove_boilerplate(text).split("\n") == [
        "Bridge to open in spring", PROSE_EN, "What the residents say", PROSE_EN2
    ]


def test_prose_far_from_the_article_is_dropped_but_a_short_interruption_is_not() -> None:
    menu = ["- Read more!", "- Subscribe now!", "- Donate today!", "- Share it!"]
    far = remove_boilerplate("\n".join([PROSE_DE, PROSE_DE + " Mehr.", *menu, "Kommentare", PROSE_EN]))
    assert PROSE_EN not in far and PROSE_DE in far
    near = remove_boilerplate("\n".join([PROSE_EN, "- Subscribe now!", "03:29", "- Donate today!", PROSE_EN2]))
    assert near.split("\n") == [PROSE_EN, PROSE_EN2]


def test_lists_that_close_the_article_are_kept_but_trailing_prompts_are_not() -> None:
    text = "\n".join([PROSE_EN, "- The bridge is 400 metres long.", "- It cost 80 million.", "You may also like", "Leave a Comment"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, "- The bridge is 400 metres long.", "- It cost 80 million."]
    item = "A footpath on both sides of the deck and a cycle lane that joins the new route along the river"
    assert remove_boilerplate("\n".join([PROSE_EN, item, "Share this article"])).split("\n") == [PROSE_EN, item]


def test_byline_between_title_and_body_is_dropped() -> None:
    text = "Bridge to open in spring\n\nby city desk\n\n" + PROSE_EN
    assert remove_boilerplate(text) == "Bridge to open in spring\n\n" + PROSE_EN


def test_a_byline_naming_the_author_and_more_is_dropped_above_the_body_only() -> None:
    for byline in ("By Jane Doe", "By Jane Doe, Senior Editor, 3 March 2024"):
        text = f"Bridge to open in spring\n{byline}\n{PROSE_EN}"
        assert remove_boilerplate(text) == f"Bridge to open in spring\n{PROSE_EN}", byline
    for byline in ("Von Anna Weber, dpa", "By Jane Doe"):  # a German byline above German prose; English's anywhere
        text = f"Neue Brücke im Frühjahr\n{byline}\n{PROSE_DE}"
        assert remove_boilerplate(text) == f"Neue Brücke im Frühjahr\n{PROSE_DE}", byline
    assert remove_boilerplate(f"By Jane Doe, 3 March 2024\n{PROSE_EN}") == PROSE_EN  # first line of the article too
    quote = "By Monday the bridge was open"  # no byline: a lower-case word follows
    assert remove_boilerplate(f"Bridge to open in spring\n{quote}\n{PROSE_EN}").split("\n")[1] == quote


def test_another_languages_byline_word_opens_no_byline_above_english_prose() -> None:
    """"Af" is Danish for "by", "Von" German: above English prose such a line is a headline or a sentence, which
    stays."""
    for line in ("Af Ghani Speaks Out", "Von Miller Signs With Broncos", "Por Favor Opens Second Branch"):
        text = f"World news\n{line}\n{PROSE_EN}\n\n{PROSE_EN2}"
        assert remove_boilerplate(text).split("\n")[:2] == ["World news", line], line


def test_text_without_prose_is_left_alone() -> None:
    text = "Shopping list\n- eggs\n- milk"
    assert remove_boilerplate(text) == text


OTHER_STORY = [
    "A local bakery has won a national prize for its sourdough loaf, which the owner first baked in her kitchen "
    "and now sells to cafés across the region every morning before six.",
    "The judges praised the crust and the flavour of the bread, and said that the small family firm had beaten "
    "more than two hundred entries from much larger companies this year.",
]
CONTINUATION = [
    "Work on the bridge stopped last winter when the builder said the council owed it money for extra steel, "
    "and the dispute over the steel went to court before both sides agreed to a new price.",
    "The council now expects the first buses to use the bridge in April, and the old ferry landing on the river "
    "will become a park once the crossing is open to residents and to traffic.",
    "Residents near the river said that the ferry had been slow and crowded for years, and that the new crossing "
    "would cut the trip to the other bank of the river from forty minutes to five.",
]


def test_a_longer_comment_thread_after_the_article_does_not_win() -> None:
    comments = [f"{story} I agree with number {i}." for i, story in enumerate(OTHER_STORY * 2)]
    article = [PROSE_EN, PROSE_EN2, PROSE_EN]  # shorter than the comments, but more than half as long
    text = "\n".join([*article, "Comments", "Log in to comment", "Reply", "Reply", "Reply", *comments])
    assert sum(map(len, comments)) > sum(map(len, article)) > sum(map(len, comments)) / 2
    assert remove_boilerplate(text).split("\n") == article


def test_the_article_goes_on_after_a_dated_box_of_related_links() -> None:
    box = ["Recommended", "Council backs new cycle lanes", "Jul 17, 2014", "Ferry fares to rise", "Mar 9, 2018"]
    article = [PROSE_EN, PROSE_EN2]  # more than half as long as its rest, so it is chosen first
    menu = ["Home", "News", "Sport", "Weather", "Bridge to open in spring"]
    text = "\n".join([*menu, *article, *box, *CONTINUATION, "About us", "Privacy", "Contact"])
    assert sum(map(len, CONTINUATION)) > sum(map(len, article)) > sum(map(len, CONTINUATION)) / 2
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", *article, *CONTINUATION]
    # a larger block about other things after the box is another story: the article ends before the box
    other = OTHER_STORY + [OTHER_STORY[0]]
    text = "\n".join([*menu, *article, *box, *other, "About us"])
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", *article]
    # so is a thread of posts in the article's own words, with a label between the posts
    posts = [line for post in [*CONTINUATION, CONTINUATION[0]] for line in (post, "Reply")]
    text = "\n".join([*menu, *article, PROSE_EN, *box, *posts, "About us"])
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", *article, PROSE_EN]


def test_an_earlier_smaller_part_of_the_article_cut_off_by_a_table_joins_it() -> None:
    lead = [PROSE_EN, PROSE_EN2]  # under half as long as the rest: not chosen first
    table = ["Stage", "Steel", "Deck", "Cables", "Paint", "Lights", "Road", "Checks"]  # a table's cells, one a line
    rest = ["The work so far", *CONTINUATION, CONTINUATION[0] + " " + CONTINUATION[1], CONTINUATION[2]]
    menu = ["Home | News | Sport | Weather"]
    assert sum(map(len, lead)) < sum(map(len, rest)) / 2
    text = "\n".join([*menu, *lead, *table, *rest, "About us", "Privacy", "Contact"])
    assert remove_boilerplate(text).split("\n") == [*lead, *rest]
    # one short paragraph above the furniture is as often an image's caption: it stays out
    caption = "Workers fix the steel cables of the new bridge over the river on Monday."
    text = "\n".join([*menu, caption, *table, *rest, "About us"])
    assert remove_boilerplate(text).split("\n") == rest
    # and so are the captions of a gallery, whose title recurs on every slide, and another story
    slides = [line for n in range(1, 4) for line in ("Bridge in pictures", str(n))]
    text = "\n".join([*menu, *lead, *slides, *table, *rest, "About us"])
    assert remove_boilerplate(text).split("\n") == rest
    text = "\n".join([*menu, *OTHER_STORY, *table, *rest, "About us"])
    assert remove_boilerplate(text).split("\n") == rest


def test_a_later_smaller_part_of_the_article_cut_off_by_a_row_of_buttons_joins_it() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN3, PROSE_EN]  # the largest block
    buttons = ["Bridge in pictures", "Read more", "Share", "Facebook", "Twitter", "Copy link"]
    rest = ["What happens next", *CONTINUATION[:2]]  # smaller than the article, outweighed by the buttons above it
    footer = ["About us", "Privacy", "Contact"]
    text = "\n".join(["Home | News | Sport", *article, *buttons, *rest, *footer])
    assert remove_boilerplate(text).split("\n") == [*article, *rest]
    # a line that reads as a sentence between them (a prompt, a teaser), a footer's copyright line or date lines
    # end the article; so does a block about other things
    for between in [
        ["If you enjoyed this story, please share it with your friends."],
        ["© Example Gazette"],
        ["March 3, 2024", "March 4, 2024", "March 5, 2024"],
        [line for n in range(1, 4) for line in ("Bridge in pictures", str(n))],  # a gallery's slides
    ]:
        text = "\n".join([*article, *buttons[:3], *between, *buttons[3:], *rest, *footer])
        assert remove_boilerplate(text).split("\n") == article, between
    text = "\n".join([*article, *buttons, *OTHER_STORY, *footer])
    assert remove_boilerplate(text).split("\n") == article
    # another story on the same things under its own headline and byline ends it, in any language
    for byline in ["By John Smith", "Von Hans Müller", "Par Jean Dupont"]:
        text = "\n".join([*article, *buttons, "Council plans a second bridge", byline, *CONTINUATION[:2], *footer])
        assert remove_boilerplate(text).split("\n") == article, byline
    # and one short paragraph (a caption, a teaser) or a box about the author after the buttons stays out
    caption = "Workers fix the steel cables of the new bridge over the river on Monday, as the council said they would."
    author = [
        "Jane Doe reports on the council, the river and the new bridge for the Example Gazette, where she has worked "
        "since the old ferry was closed.",
        "She lives near the river with her family and crosses it twice a day, for now on the slow ferry.",
    ]
    for after in [[caption], ["Jane Doe", *author]]:
        text = "\n".join([*article, *buttons, *after, *footer])
        assert remove_boilerplate(text).split("\n") == article, after


def test_plus_signs_mark_list_items() -> None:
    changes = ["+ Added Slime Block", "+ Added Iron Trapdoor", "+ Added Banners", "+ Added Armor Stands"]
    text = "\n".join(["Home", "News", "Sport", "Weather", *changes, PROSE_EN, PROSE_EN2, "About us", "Privacy", "Contact"])
    assert remove_boilerplate(text).split("\n") == [*changes, PROSE_EN, PROSE_EN2]


PROSE_ZH = "梁振英说,其位于太平山山顶的住宅内的违建部分大都不是由他所建,此前没有马上公开交待和处理,是因为律师意见认为司法程序仍在进行。"
PROSE_ZH2 = "民主党此前计划在星期三对梁振英提出不信任动议,但亲北京阵营议员欢迎梁振英道歉,认为应能获得香港民众接受。"


def test_scripts_without_spaces_are_measured_in_characters() -> None:
    assert len(words_of("香港行政长官")) == 3 and len(words_of("Kim 金正恩 said")) == 4
    assert classify(PROSE_ZH, frozenset()).kind is Kind.GOOD
    text = "\n".join(["首页", "新闻", "体育", "财经", "梁振英道歉", PROSE_ZH, PROSE_ZH2, "相关新闻", "热门", "更多"])
    assert remove_boilerplate(text).split("\n") == ["梁振英道歉", PROSE_ZH, PROSE_ZH2]


def test_a_dated_comment_thread_much_longer_than_the_article_does_not_win() -> None:
    comments = [line for i in range(6) for line in (f"reader{i} says:", f"November {i + 1}, 2019 at 6:3{i} am", PROSE_EN2)]
    text = "\n".join(["Posted by the city desk on November 1, 2019, 6:21 AM EST", PROSE_EN, "Share this:", *comments])
    kept = remove_boilerplate(text)
    assert PROSE_EN in kept and PROSE_EN2 not in kept


def test_a_date_stamp_with_its_time_zone_and_weekday_is_a_date_line() -> None:
    """Stamps of comments and wire copy run to nine words: "by reader1 July 24, 2012 11:45 PM EDT"."""
    stop = stoplist_for(PROSE_EN)
    for stamp in ("11:21 pm CST, Tuesday, November 19, 2019", "Associated Press - January 11, 2008 4:13 PM ET"):
        assert classify(stamp, stop).kind is Kind.BAD and classify(stamp, stop).dated
    stamps = [f"by reader{i} July 2{i}, 2012 11:4{i} PM EDT" for i in range(3)]
    comments = [line for stamp in stamps for line in (stamp, PROSE_EN2 + " " + PROSE_EN2)]
    kept = remove_boilerplate("\n".join([PROSE_EN, PROSE_EN + " Again.", *comments]))
    assert PROSE_EN in kept and PROSE_EN2 not in kept


def test_a_post_stamp_with_its_author_and_clock_time_is_a_date_line() -> None:
    stop = stoplist_for(PROSE_EN)
    stamps = (
        "Posted by: Raimo van der Klein | Mar 20, 2007 11:51:02 PM",
        "by Andrew on May 23, 2011 at 12:12 am. Reply #",
        "Elijah Szasz — July 10th, 2012, 1:31 am",
        "Am 3. März 2024 um 10:15 Uhr von Anna Weber",
    )
    for stamp in stamps:
        assert classify(stamp, stop).kind is Kind.BAD and classify(stamp, stop).dated, stamp
    # a sentence with a date and a time, a short line with only one of them, or a long line without a separator
    # ("|", "·", ...) is no stamp
    for line in (
        "The vote on March 3, 2019 began at 10:00 and lasted two hours.",
        "Bridge opens 10:00 Tuesday",
        "Council and residents meet on the new bridge and the old ferry on March 3, 2019 at 10:00",
    ):
        assert not classify(line, stop).dated, line


PROSE_FR = (
    "Le conseil municipal a annoncé mardi que le nouveau pont sur le fleuve ouvrira au printemps, après un retard de "
    "plus de deux ans dû à une pénurie d'acier et à un litige avec le constructeur."
)
PROSE_FR2 = (
    "Les habitants qui attendaient ce passage depuis la fermeture de l'ancien bac ont salué la nouvelle, mais certains "
    "ont dit qu'ils n'y croiraient que lorsque le premier bus traverserait le fleuve."
)


def test_a_date_line_may_give_the_time_published_and_updated_in_any_clock_notation() -> None:
    fr, en = stoplist_for(PROSE_FR), stoplist_for(PROSE_EN)
    for stamp, stop in (("Publié le 22 novembre 2026 à 18h45, mis à jour le 23 novembre 2026 à 08h10", fr),
                        ("Publié le 22 novembre 2026 à 18h45", fr),
                        ("23.11.2026 klo 8.15 | Päivitetty 23.11.2026 klo 10.02", en),
                        ("Published 22 November 2026 at 18:45, updated 23 November 2026 at 08:10 GMT", en),
                        ("2026年11月23日 10時15分", en)):
        assert classify(stamp, stop).kind is Kind.BAD and classify(stamp, stop).dated, stamp
    assert is_timestamp("18h45", ["18h45"])
    # a line too long for one stamp is no date line when it is a sentence, has no two years with a number each
    # or more words than two stamps have
    for line in ("Mayor of Springfield from 2001 to 2009, Governor of the state from 2011 to 2019",
                 "My before picture is from January 2011 and the after picture is from April 2012.",
                 "German consumer prices post in 2007 the largest jump since 1994",
                 "Published on 22 November 2026 at 18:45 in print, updated on 23 November 2026 at 08:10 by the desk"):
        assert not classify(line, en).dated, line


def test_a_stamp_may_give_a_month_and_a_day_and_a_time_run_into_its_am() -> None:
    stop = stoplist_for(PROSE_EN)
    for stamp in ("on Tuesday July 24, @11:10AM (#40749935)", "Published Monday, November 18, 2019 8:22AM EST",
                  "von Anna Weber am 24. Juli um 10:15 Uhr"):
        assert classify(stamp, stop).kind is Kind.BAD and classify(stamp, stop).dated, stamp
    # without a year a full stop still makes it a sentence, and a month's name needs a day beside it
    for line in ("The meeting on July 24 starts at 10:30.", "Tuesday in July at 10:30 by the river"):
        assert not classify(line, stop).dated, line
    # with a year, a closing bracket still ends a sentence: a ranked list, not a stamp
    assert not classify("1. Clinton Portis, RB, Denver Broncos — 55.40 fantasy points (2003)", stop).dated


def test_the_article_does_not_go_on_into_a_larger_post_after_stamped_posts() -> None:
    article = [PROSE_EN + " Again.", PROSE_EN2 + " Indeed."]
    names = ["Jon", "Raimo van der Klein", "James Snell", "Mario"]
    posts = [CONTINUATION[0], CONTINUATION[1], CONTINUATION[0], " ".join(CONTINUATION)]  # the last is the largest
    stamps = [f"Posted by: {name} | Mar 2{i}, 2007 10:1{i} PM" for i, name in enumerate(names)]
    thread = [line for post, stamp in zip(posts, stamps) for line in (post, stamp)]
    head = ["Bridge to open in spring", *article, "Posted by the desk | Mar 20, 2007 9:00 AM", "Comments"]
    text = "\n".join([*head, *thread])
    assert len(posts[-1]) > sum(map(len, article))
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", *article]


def test_runs_of_dates_between_the_parts_of_an_article_are_listings_not_stamps_of_posts() -> None:
    listing = ["Jul 17, 2014", "Mar 9, 2018", "Jan 3, 2019"]  # three dates in a row: a list of articles or of data
    parts = [[PROSE_EN + " Again.", PROSE_EN2 + " Indeed."], [PROSE_EN2], [CONTINUATION[0]], CONTINUATION]
    text = "\n".join([*parts[0], *listing, *parts[1], *listing, *parts[2], *listing, *parts[3]])
    assert remove_boilerplate(text).split("\n") == [line for part in parts for line in part]


def test_a_short_article_wins_over_a_post_twice_its_length_in_a_stamped_thread() -> None:
    long_post = " ".join([PROSE_EN2] * 3)
    posts = [OTHER_STORY[0], long_post, OTHER_STORY[1]]
    thread = [line for i, post in enumerate(posts) for line in (f"reader{i} | Mar 2{i}, 2007 10:1{i} PM", post)]
    menu = ["Home", "News", "Sport", "Weather", "Bridge to open in spring"]
    assert len(long_post) > 2 * len(PROSE_EN)
    text = "\n".join([*menu, PROSE_EN, "Comments", *thread])
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", PROSE_EN]


def test_a_list_broken_by_line_breaks_closes_the_article_on_a_page_of_blank_separated_blocks() -> None:
    dates = ["June 9 -- Arena, Tampa", "June 10 -- Pavilion, Camden", "June 12 -- Music Park, Raleigh"]
    text = "\n\n".join(["Home", "News", "Sport", "Weather", "Bridge to open", PROSE_EN, PROSE_EN2, "Tour dates:\n" + "\n".join(dates), "Share", "More"])
    assert remove_boilerplate(text).split("\n") == ["Bridge to open", "", PROSE_EN, "", PROSE_EN2, "", "Tour dates:", *dates]
    # without blank lines between blocks, a line break says nothing and the list stays out
    assert dates[0] not in remove_boilerplate(text.replace("\n\n", "\n"))


def test_prose_beyond_a_longer_interruption_joins_when_it_outweighs_the_furniture() -> None:
    article = [PROSE_EN + " Again.", PROSE_EN2 + " Indeed.", PROSE_EN + " Once more."]
    box = ["Most popular", "Mayor re-elected", "New park for the east side", "- Subscribe now!"]
    rest = [PROSE_EN2, PROSE_EN, PROSE_EN2]  # no longer than the article: not a comment thread that won
    text = "\n".join([*article, *box, *rest, "Share this article"])
    assert remove_boilerplate(text).split("\n") == [*article, *rest]
    # a single paragraph beyond the same box does not outweigh it
    assert remove_boilerplate("\n".join([*article, *box, PROSE_EN2])).split("\n") == article


def _wrap(text: str, width: int = 50) -> list[str]:
    """A paragraph hard-wrapped the way some scrapers and wire feeds save it, breaking lines between words."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def test_paragraphs_wrapped_over_several_lines_are_judged_whole() -> None:
    furniture = ["Home", "News", "Sport", "Weather", "Sign in"]
    article = ["Bridge to open in spring", *_wrap(PROSE_EN), *_wrap(PROSE_EN2)]
    assert all(len(line.split()) <= 12 for line in article)  # each line alone looks like a menu entry
    text = "\n".join([*furniture, *article, "Related stories", "Mayor re-elected", "New park for the east side", "Share"])
    assert remove_boilerplate(text).split("\n") == article


def _keys(*lines: str) -> frozenset[str]:
    from flows.steps.repetition import line_key

    return frozenset(k for line in lines if (k := line_key(line)) is not None)


SIGN_UP = (
    "Sign up for our free morning newsletter and we will send you the most important stories of the day, every "
    "day before breakfast, straight to your inbox."
)


def test_repeated_prose_next_to_the_article_is_dropped_and_the_one_argument_call_is_unchanged() -> None:
    text = "\n".join(["Home", "News", "Sport", "Bridge to open in spring", PROSE_EN, PROSE_EN2, SIGN_UP])
    assert remove_boilerplate(text).split("\n")[-1] == SIGN_UP  # prose-like: the classification keeps it
    assert remove_boilerplate(text, frozenset()) == remove_boilerplate(text)
    assert remove_boilerplate(text, _keys(SIGN_UP)).split("\n") == ["Bridge to open in spring", PROSE_EN, PROSE_EN2]


def test_repeated_short_lines_inside_the_article_are_dropped_without_splitting_it() -> None:
    # an embedded video: two of its lines recur on every page of the site; the article continues below it
    embed = ["Video Ad Feedback", "Crash and burn: the expert reacts to the plan", "01:22", "- Source:", "Valley TV"]
    more = [
        "The mayor, who had promised the bridge during the last election campaign, told reporters that the final "
        "cost would be higher than planned but still within the budget of the region.",
        "A spokesperson for the builder said that the company had always been willing to finish the work and that "
        "the delay was not its fault, because the steel had been ordered in good time.",
    ]
    text = "\n".join(["Bridge to open in spring", PROSE_EN, *embed, PROSE_EN2, *more])
    assert remove_boilerplate(text, _keys("- Source:", "Valley TV")).split("\n") == [
        "Bridge to open in spring", PROSE_EN, PROSE_EN2, *more
    ]


def test_a_page_whose_prose_all_recurs_keeps_its_text() -> None:
    text = "\n".join(["Home", "News", "Sport", "Bridge to open in spring", PROSE_EN, PROSE_EN2, SIGN_UP])
    assert remove_boilerplate(text, _keys(*text.split("\n"))) == remove_boilerplate(text)  # e.g. a copy of a page


def test_a_repeated_paragraph_wrapped_over_several_lines_is_dropped_whole() -> None:
    signup = _wrap(SIGN_UP)
    article = ["Bridge to open in spring", *_wrap(PROSE_EN), *_wrap(PROSE_EN2)]
    text = "\n\n".join("\n".join(block) for block in (["Home"], article[:1], article[1:], signup))  # blank-separated
    without = remove_boilerplate(text).split("\n")
    assert without[-len(signup) - 1 :] == ["", *signup] and article[-1] in without  # one prose paragraph: kept
    assert remove_boilerplate(text, _keys(*signup)).split("\n") == without[: -len(signup) - 1]
    assert remove_boilerplate(text, _keys(*signup[1:])) == remove_boilerplate(text)  # part of it: not repeated


def test_a_story_that_recurs_on_other_pages_is_kept_beside_prose_of_its_own() -> None:
    # wire copy saved from several sites: the story's lines recur across the collection, each site adds its own
    # sign-up paragraph; the story must not be dropped in favour of that paragraph
    text = "\n".join(["Home", "News", "Bridge to open in spring", PROSE_EN, PROSE_EN2, SIGN_UP])
    story = _keys("Bridge to open in spring", PROSE_EN, PROSE_EN2)
    assert remove_boilerplate(text, story) == remove_boilerplate(text)
    assert PROSE_EN in remove_boilerplate(text, story)


def test_runs_of_lines_with_the_same_bracketed_tail_are_link_lists() -> None:
    headlines = [
        "Council approves the budget for next year (185)",
        "Fans queue overnight for the final (148)",
        "Storm closes the coast road again (97)",
    ]
    share = ["Click to share on Facebook (Opens in new window)", "Click to email a friend (Opens in new window)",
             "Click to print (Opens in new window)"]
    text = "\n".join(["Bridge to open in spring", PROSE_EN, PROSE_EN2, *share, "Most commented", *headlines])
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", PROSE_EN, PROSE_EN2]


def test_results_ages_and_numbered_items_with_numbers_in_brackets_stay_but_a_category_list_goes() -> None:
    results = ["CDU 32,9 (31,1)", "SPD 25,7 (20,5)", "Grüne 14,8 (8,9)", "AfD 9,1 (12,6)", "SPD 206 (153)"]
    table = ["1. Bayern München (45)", "2. Borussia Dortmund (41)", "3. RB Leipzig (40)"]
    text = "\n".join([PROSE_DE, *results, PROSE_DE + " Mehr.", *table, PROSE_DE + " Ende."])
    assert remove_boilerplate(text) == text
    categories = ["Politik (45)", "Wirtschaft (12)", "Sport (1,204)", "Kultur (7)"]
    headlines = ["Brady says he can play until he is 46 or 47 (129)", "Council approves the budget (185)",
                 "Storm closes the coast road again (97)"]
    page = "\n".join([PROSE_EN, PROSE_EN2, "Categories", *categories, "Most read", *headlines])
    assert remove_boilerplate(page).split("\n") == [PROSE_EN, PROSE_EN2]


def test_lines_whose_brackets_differ_or_hold_a_year_stay_in_the_article() -> None:
    works = [
        "The first bridge over the river was built by the city (1898)",
        "The second one was paid for by the railway company (1921)",
        "The ferry service was started by the county council (1952)",
    ]
    steps = [
        "The council asked for a new survey of the river bed (two firms replied)",
        "The builder ordered the steel for the main span (from two mills)",
        "The first pillars were set on the east bank (in March)",
    ]
    extras = ["A footpath on the north side of the bridge (optional)", "A lane for bicycles on both sides (optional)",
              "Lights along the whole length of the bridge (optional)"]
    text = "\n".join([PROSE_EN, *works, *steps, *extras, PROSE_EN2])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, *works, *steps, *extras, PROSE_EN2]


def test_a_line_announcing_what_follows_goes_when_what_follows_is_furniture() -> None:
    buttons = ["Facebook", "Twitter", "E-Mail", "Print"]
    text = "\n".join([PROSE_EN, PROSE_EN2, "Share this:", *buttons, "Read more:", "Mayor re-elected"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, PROSE_EN2]
    dates = ["\n".join(["The bridge opens to traffic on these dates:", "June 9 -- east lane", "June 10 -- west lane",
                        "June 14 -- footpath"]), "Home", "News", "Sport", "Weather", "Travel", "Jobs", "Contact"]
    kept = remove_boilerplate("\n\n".join([PROSE_EN, PROSE_EN2, *dates]))
    assert kept.endswith("The bridge opens to traffic on these dates:\nJune 9 -- east lane\nJune 10 -- west lane\nJune 14 -- footpath")


def test_labels_that_are_speakers_list_items_or_found_twice_stay() -> None:
    interview = ["Mayor:", PROSE_EN, "Reporter:", PROSE_EN2, "Mayor:", PROSE_EN, "Reporter:", PROSE_EN2, "Mayor:", PROSE_EN]
    assert remove_boilerplate("\n".join(interview)).split("\n") == interview
    speakers = ["ZEIT ONLINE", PROSE_DE, "Habeck", PROSE_DE, "ZEIT ONLINE", PROSE_DE, "Habeck", PROSE_DE,
                "ZEIT ONLINE", PROSE_DE, "Habeck", PROSE_DE]
    assert remove_boilerplate("\n".join(speakers)).split("\n") == speakers
    text = "\n".join([PROSE_EN, "- Steel", PROSE_EN2, "- Steel", PROSE_EN, "- Steel", "The river", PROSE_EN2,
                      "The river", PROSE_EN])
    assert remove_boilerplate(text) == text


def test_a_data_listing_with_elisions_stays_inside_the_article() -> None:
    # a JSON-like listing: keys opening a bracket, closing brackets alone, "..." for what was left out; its
    # lines are not joined as a wrapped paragraph ("rekt: {" then "list: [" starts in lower case)
    listing = ["payload: {", "list: [", "list: [", "list: [", "]", "...", "]", "...", "]", "...", "]", "...", "}"]
    text = "\n".join(["Home | News | Sport | Weather", PROSE_EN, *listing, PROSE_EN2, "Share", "Print"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, *listing, PROSE_EN2]
    stop = stoplist_for(PROSE_EN)
    assert all(classify(line, stop).code for line in ("payload: {", "items = [", "],", "})", "..."))
    assert not any(classify(line, stop).code for line in ("Share: (", "Read more: [", "Mehr:", "["))
    # an elision between paragraphs belongs to them too
    elided = [PROSE_EN, "[…]", "…", PROSE_EN2]
    assert remove_boilerplate("\n".join(elided)).split("\n") == elided


def test_program_code_inside_an_article_is_kept_and_code_after_it_is_not() -> None:
    code = ['fetch("/bridge.json").then(function(res) {', "if (res.ok) { show(res); }", "});", "}",
            "var span = new Span(120);", "span.open();"]
    text = "\n".join(["Home | News | Sport | Weather", PROSE_EN, "It works like this:", *code, "Then it is done.", PROSE_EN2,
                      "Share", "Print", "window.dataLayer = window.dataLayer || [];", "gtag('js', new Date());"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, "It works like this:", *code, "Then it is done.", PROSE_EN2]
    stop = stoplist_for(PROSE_EN)
    assert [classify(line, stop).kind for line in ("});", "]", "[", ", ", "(optional)")] == [
        Kind.NEUTRAL, Kind.NEUTRAL, Kind.BAD, Kind.BAD, Kind.NEUTRAL]
    assert [classify(line, stop).code for line in ("});", "var span = new Span(120);", "x = a + b;")] == [True] * 3
    # arrows and breadcrumbs are no code, and a script after the article does not join it
    assert not any(classify(t, stop).code for t in ("Weiter >>", "=> Mehr lesen", "Startseite > Politik > Inland"))
    related = ["Haushalt: Stadt spart bei Schulen >>", "Brücke: Bau beginnt im Mai >>", "Wahl: Ergebnisse >>", "Mehr >>"]
    script = "(function(d, s, id) { var js = d.getElementsByTagName(s)[0]; js.src = 'sdk.js'; }(document, 'script'));"
    kept = remove_boilerplate("\n".join([PROSE_DE, PROSE_DE, *related, PROSE_DE, PROSE_DE, script])).split("\n")
    assert kept.count(PROSE_DE) == 4 and not set(related[:3]) & set(kept) and script not in kept
    # brackets in prose follow a space: not code
    bracketed = "Der Umsatz stieg (auf 5 Mrd. Euro) [Quelle: dpa]; der Gewinn (netto) fiel."
    assert not classify(bracketed, stoplist_for(PROSE_DE)).code
    prose = "The council (the city's cabinet) said [in a statement] that the bridge (the third) would open; it will."
    assert classify(prose, stop).kind is Kind.GOOD


def test_the_headline_above_the_article_date_line_is_kept() -> None:
    for date_line in ("3. März 2024", "Sunday, 03.03.2024 · 18:55"):
        text = f"Brücke öffnet im Frühjahr später als geplant\n{date_line}\n\n{PROSE_DE}\n\n{PROSE_DE}"
        assert remove_boilerplate(text) == f"Brücke öffnet im Frühjahr später als geplant\n\n{PROSE_DE}\n\n{PROSE_DE}"


def test_headlines_listed_with_their_times_above_the_article_stay_out() -> None:
    related = "Ferry service ends after forty years\n03.03.2024 18:55\nCouncil approves budget for next year\n03.03.2024 16:10\n"
    assert remove_boilerplate(related + PROSE_EN + "\n" + PROSE_EN2) == PROSE_EN + "\n" + PROSE_EN2
    links = "« Previous: Ferry timetable | Next: Budget »\n3 March 2024\n"
    assert remove_boilerplate(links + PROSE_EN + "\n" + PROSE_EN2) == PROSE_EN + "\n" + PROSE_EN2


BIO = (
    "Jane Doe has written about transport and city planning for the paper since 2009, and she lives by the "
    "river with her two children and a dog that is afraid of bridges."
)


def test_a_box_about_the_author_closing_the_article_goes() -> None:
    headings = ["About Jane Doe", "About the author", "Über die Autorin", "À propos de l'auteur", "Об авторе",
                "O autorce", "Om författaren", "Yazar hakkında", "Ayşe Kaya hakkında", "Kirjoittajasta", "关于作者"]
    for heading in headings:
        text = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN, heading, BIO])
        assert remove_boilerplate(text).split("\n") == [PROSE_EN, PROSE_EN2, PROSE_EN], heading


def test_an_about_box_may_close_its_heading_with_an_ellipsis_name_one_person_or_open_its_paragraph() -> None:
    """"About the author...", "About Jane" over a paragraph that names Jane, and "About the author: Jane Doe has
    written ..." run into one line also open a box about the author. One capitalised word that the paragraph below
    does not name is a section's heading ("About Bridges")."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN]
    for box in (["About the author...", BIO], ["About the author…", BIO], ["About Jane", BIO], [f"About the author: {BIO}"]):
        assert remove_boilerplate("\n".join([*article, *box])).split("\n") == article, box
    text = "\n".join([*article, "About Bridges", BIO])
    assert remove_boilerplate(text).split("\n") == [*article, "About Bridges", BIO]


def test_an_about_heading_of_one_word_the_article_already_speaks_of_is_a_section() -> None:
    """"About Lisbon" over "Lisbon is built on ..." in the second half of a story about Lisbon heads a section of
    it; "About Jane" over a paragraph naming Jane, whom the article never named, opens a box about the author."""
    story = [
        "Lisbon has become one of the most visited cities in Europe, and the number of tourists who come to its old "
        "quarters has doubled in ten years.",
        "The trams that climb the hills of the Alfama are full from the early morning, and the queues at the castle "
        "gate are longer every summer.",
        "Residents say that the rents in the old quarters have risen so much that many families have had to move to "
        "the suburbs across the river.",
    ]
    section = ["About Lisbon", "Lisbon is built on seven hills above the river, and its old quarters survived the "
               "earthquake of 1755 that destroyed most of the city."]
    assert remove_boilerplate("\n".join([*story, *section])).split("\n") == [*story, *section]
    assert remove_boilerplate("\n".join([*story, "About Jane", BIO])).split("\n") == story


def test_an_about_heading_early_in_the_article_or_about_a_thing_stays() -> None:
    text = "\n".join([PROSE_EN, "About Jane Doe", BIO, PROSE_EN2, PROSE_EN])  # in the first half: a section
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, "About Jane Doe", BIO, PROSE_EN2, PROSE_EN]
    text = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN, "About the bridge", BIO])  # no name: a section heading
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, PROSE_EN2, PROSE_EN, "About the bridge", BIO]
    # a preposition of one letter is an article in another language: "O Papa Francisco" (Portuguese) is no box
    text = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN, "O Papa Francisco", BIO])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, PROSE_EN2, PROSE_EN, "O Papa Francisco", BIO]


def test_a_biography_under_a_short_label_closing_the_article_goes() -> None:
    """A paragraph that opens with a person's name and the verb of a biography ("Richard Roe is ..."), under a
    short line that is no prose (a button, his name), the article's last prose, naming no one the article's prose
    names: a box about the author without a heading. It goes, and so does what follows it."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN.replace("council", "mayor")]
    bio = [
        "Richard Roe is the founder and editor of the site, where he has written about ferries, bridges and the "
        "people who build them since 2004.",
        "He lives in a small town by the sea, and when he is not writing he sails an old boat that leaks.",
    ]
    for label in ("Connect", "Richard Roe", "Tags: bridges, ferries"):
        kept = remove_boilerplate("\n".join([*article, label, *bio, "Comments"])).split("\n")
        assert kept == article, label
    german = ["Richard Roe ist Gründer und Herausgeber der Seite, auf der er seit 2004 über Fähren, Brücken und die "
              "Menschen schreibt, die sie bauen."]
    assert remove_boilerplate("\n".join([*article, "Richard Roe", *german])).split("\n") == article


def test_a_paragraph_about_a_person_that_is_the_articles_own_stays() -> None:
    """No biography: a person the article's prose already names, a paragraph that goes on otherwise after the name
    ("Richard Roe of the port authority said ..."), a section that more prose follows, a line above it that is
    prose broken off, or an "About ..." heading over it."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN.replace("council", "mayor")]
    bio = ("Richard Roe is the founder and editor of the site, where he has written about ferries, bridges and the "
           "people who build them since 2004.")
    named = [*article[:2], article[2].replace("The mayor", "The mayor, Richard Roe,"), "The engineer", bio]
    assert remove_boilerplate("\n".join(named)).split("\n") == named
    other = "Richard Roe of the port authority said that the ferry would run until the first bus drove across the river."
    assert remove_boilerplate("\n".join([*article, "The port", other])).split("\n") == [*article, "The port", other]
    sections = [*article, "The engineer", bio, "The cost", PROSE_EN2.replace("Residents", "Drivers")]
    assert remove_boilerplate("\n".join(sections)).split("\n") == sections
    broken = [*article, "The engineer who drew the first plans for the crossing in the", bio]
    assert remove_boilerplate("\n".join(broken)).split("\n") == broken


PROFILE = (
    "Jane Doe is a senior editor of the paper, where she writes about transport and city planning, and she has "
    "lived by the river with her two children since 2009."
)


def test_a_box_about_the_author_above_a_dated_post_is_not_the_article() -> None:
    """A sidebar's box about the author or the site, first on the page, under an "About ..." heading or opening
    with the name on the line above it, is not chosen over a post stamped with its date; without a stamped post it
    stays the first block, as any other."""
    post = ["New bridge to open in the spring", "5 November 2012, 17:50", PROSE_EN, PROSE_EN2]
    for head in (["Jane Doe"], ["About me"], ["About us"], ["About the author"], ["About Jane Doe", "Jane Doe"]):
        page = [*head, PROFILE, BIO, "All posts", "RSS feed", *post, "Share", "Email"]
        kept = remove_boilerplate("\n".join(page))
        assert PROFILE not in kept and kept.endswith(f"{PROSE_EN}\n{PROSE_EN2}"), head
    cook = (
        "I have been a keen gardener and cook for most of my life, and here I write about my recipes, my seeds and "
        "the weather in my kitchen garden."
    )
    menu = ["All posts", "RSS feed", "Contact", "Archive", "Recipes", "Seeds", "Weather", "Links"]
    undated = ["About me", cook, *menu, PROSE_EN]
    assert remove_boilerplate("\n".join(undated)) == f"About me\n{cook}"
    # a menu's "About us" above the article's first paragraph, with another menu item between, makes no box
    later = ["Older posts", "Archive", "Links", "Friends", "5 November 2012, 17:50", cook]
    page = ["Home", "About us", "Contact", PROSE_EN, PROSE_EN2, *later]
    assert remove_boilerplate("\n".join(page)).endswith(f"{PROSE_EN}\n{PROSE_EN2}")
    # a paragraph that opens with another name than the line above it is no box about that person
    page = ["Jane Doe", "John Smith " + PROFILE.removeprefix("Jane Doe "), BIO, "All posts", "RSS feed", *post]
    assert remove_boilerplate("\n".join(page)).split("\n")[:2] == ["Jane Doe", "John Smith " + PROFILE.removeprefix("Jane Doe ")]


def test_a_menus_about_item_above_an_article_with_a_dated_comment_keeps_the_article() -> None:
    """A menu's last item "About me" right above a post (or above its headline), with nothing dated below but a
    reader's comment or a sidebar's teaser under its stamp, far smaller than the post: the post is the article."""
    story = [PROSE_EN, PROSE_EN2, PROSE_EN.replace("council", "mayor")]
    comment = "Anna Berg wrote that the ferry was never as bad as people say, and that she will miss the view."
    for head in (["Home", "Archive", "About me"], ["Home", "News", "About us", "Bridge Delayed"]):
        for tail in (["2 Comments", "Anna", "5 November 2012, 17:50", comment],
                     ["Share", "Email", "Print", "Tweet", "Recent posts", "5 November 2012, 17:50", BIO]):
            kept = remove_boilerplate("\n".join([*head, *story, *tail]))
            assert all(line in kept for line in story) and tail[-1] not in kept, (head, tail[0])


HYMN = [
    "I wander often from the way,", "And sin afflicts me every day:", "Oh, when shall I be pure?",
    "Christ leads me to the path again,", "And washes me from every stain,", "A cleansing full and sure.",
    "All imperfection, falling short", "Of every precept I am taught:", "Is there no hope for me?",
]
SITE_BLURB = (
    "We exist to call the church, amidst a dying culture, to turn from its worldliness and to recover the faith of "
    "our fathers, and we publish a journal four times a year."
)


def test_a_poem_set_line_by_line_is_the_article() -> None:
    """Six or more short lines with stop words, most of them ending a clause (one may run on into the next), are
    prose: a page whose article is a poem keeps it, not the site's blurb. Teasers cut short by an ellipsis, and
    lines that mostly end no clause (a menu), stay short lines."""
    menu = ["Home", "Hymns", "Archive", "Subscribe via RSS"]
    page = [*menu, "I wander often from the way", "October 27, 2012", *HYMN, "Topics: hymns", *menu, SITE_BLURB]
    assert remove_boilerplate("\n".join(page)).split("\n")[-len(HYMN):] == HYMN
    teasers = [line.rstrip(",:;.?") + "..." for line in HYMN]
    page = [*menu, *teasers, *menu, SITE_BLURB]
    assert remove_boilerplate("\n".join(page)) == SITE_BLURB
    unended = [line.rstrip(",:;.?") for line in HYMN[:6]] + HYMN[6:]
    page = [*menu, *unended, *menu, SITE_BLURB]
    assert remove_boilerplate("\n".join(page)) == SITE_BLURB
    page = [*menu, *HYMN[:5], *menu, SITE_BLURB]  # five verses: too few to tell from a box of short sentences
    assert remove_boilerplate("\n".join(page)) == SITE_BLURB
    # a box of short questions ends each line with a sentence: no poem, and no part of the article above it
    questions = ["How do I get a ticket?", "Where is the bus stop?", "When does the first bus run?",
                 "Is there a night bus?", "Can I take my bike?", "Who runs the buses?"]
    page = [PROSE_EN, PROSE_EN2, "Share", "Email", "Print", "Tweet", *questions]
    assert remove_boilerplate("\n".join(page)) == f"{PROSE_EN}\n{PROSE_EN2}"


def test_a_post_too_short_for_prose_above_its_comments_header_is_the_article() -> None:
    """A post of one short paragraph, between its stamp and its comments header, is the article, not the site's
    blurb in the sidebar; lines above the comments header of an article with prose stay what they were."""
    menu = ["Home", "Images", "Videos", "Sounds"]
    post = "Created by a designer from Leeds, and there are more on his site."
    blurb = (
        "If you find anything interesting in this blog and decide to share it, please link back to the page where "
        "you found it."
    )
    sidebar = ["Search", "Archives", "Categories", "Links", "Friends", "Contact", blurb]
    page = [*menu, "Logos for the end of the world", "images — brain @ 15:34", post, "Comments (0)", *sidebar]
    kept = remove_boilerplate("\n".join(page))
    assert post in kept and blurb not in kept
    stamp = ["Logos for the end of the world", "images — brain @ 15:34"]
    for text, promoted in (("More of them are on his site.", False), ("Created in Leeds; more of them are here.", True)):
        page = [*menu, *stamp, text, "Comments (0)", *sidebar]  # seven words make no post, eight do
        stop = stoplist_for("\n".join(page))
        marked = _mark_short_post([classify(line, stop) for line in page], stop)
        assert (marked[len(menu) + 2].kind is Kind.GOOD) is promoted, text
    # under an article's prose, the lines above its comments header stay what they were (a teaser, a caption)
    teaser = "Who ran the old ferry for a century and what became of its …"
    page = [*menu, PROSE_EN, PROSE_EN2, "Related:", teaser, "3 Comments", "Anna", "Search", blurb]
    stop = stoplist_for("\n".join(page))
    lines = [classify(line, stop) for line in page]
    assert _mark_short_post(lines, stop) == lines


COMMENTS = [
    "Anna Berg wrote that the ferry was never as bad as people say, and that she will miss the view of the town.",
    "Tom Lind said that he has waited for this bridge for most of his life and that it is about time it opened.",
    "Eva Holm asked whether the buses will run at night as well, because the ferry stopped at ten in the evening.",
]


def test_the_article_ends_at_the_header_of_its_comments() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]  # 180 words of prose before the header
    headers = ["12 Comments", "Comments (3)", "Leave a comment", "Kommentare", "Comments are now closed for this story",
               "Комментарии (3)", "12 комментариев", "Komentarze (3)", "Yorumlar (3)", "Hozzászólások", "コメント(3)",
               "Leave a Reply", "Leave a Response", "Deja una respuesta", "Deixe uma resposta"]
    for header in headers:
        text = "\n".join([*article, header, *COMMENTS])
        assert remove_boilerplate(text).split("\n") == article, header


def test_a_heading_naming_a_comment_as_an_opinion_or_a_statement_is_no_border() -> None:
    """In many languages the singular names a commentary or a quoted statement ("Комментарий эксперта", "Komentář
    ministra"): only the plural and the call to comment make a comments header there."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    for heading in ["Комментарий эксперта", "Komentář ministra", "Uzman yorumu"]:
        text = "\n".join([*article, heading, PROSE_EN2])
        assert remove_boilerplate(text).split("\n") == [*article, heading, PROSE_EN2], heading


def test_an_extracted_article_ends_at_a_call_to_comment_in_its_language() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    policy = ["- El contenido de los comentarios es la opinión de los usuarios.", "- No está permitido verter comentarios injuriantes."]
    for header in ["Comentar", "Kommentieren", "Commenter", "Commentare"]:
        assert trim_extracted("\n".join([*article, header, *policy])).split("\n") == article, header


def test_a_text_ends_at_a_heading_put_back_only_when_that_heading_ends_it() -> None:
    """``cut_at_heading``: a comments header that was put back ends the text where ``trim_extracted`` would; a
    line that ends it and is not among the headings put back (a copyright notice another step put back) moves
    nothing, and neither does a heading put back inside the article."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    policy = ["Please keep your comments civil.", "Comments are checked before they appear."]
    text = "\n".join([*article, "Comments", *policy])
    assert cut_at_heading(text, {"Comments"}).split("\n") == article
    assert cut_at_heading(text, {"Related stories"}) == text  # the end is no heading put back: the text stays
    inside = "\n".join([*article[:2], "The vote", *article[2:], "Comments", *policy])
    assert cut_at_heading(inside, {"The vote"}) == inside


def test_a_short_post_ends_at_the_header_of_a_thread_of_stamped_comments() -> None:
    post = [PROSE_EN, PROSE_EN2]  # 67 words: under the 150 a header needs without a thread after it
    thread = [line for i, c in enumerate(COMMENTS) for line in (f"Reader {i} on July {i + 1}, 2012 at 10:4{i} pm", c)]
    assert trim_extracted("\n".join([*post, "3 comments:", *thread])).split("\n") == post
    # without the stamps of posts after it, or with too little prose before it, the header is no border
    unstamped = [*post, "3 comments:", *COMMENTS]
    assert trim_extracted("\n".join(unstamped)).split("\n") == unstamped
    text = "\n".join(["A bridge for the river", "3 comments:", *thread])  # a count beside the headline
    assert trim_extracted(text) == text


def test_a_short_post_ends_at_a_comments_header_with_less_of_its_block_below() -> None:
    """A post of 67 words, then "1 Comment" and one reader's comment in the same block: the header ends the post,
    under the 150 words a header needs elsewhere, as more of the block's prose lies above it than below. A header
    over most of the block's prose (an author's note, "Comments", then the story) is no border."""
    post = [PROSE_EN, PROSE_EN2]
    page = ["Bridge to open in spring", *post, "1 Comment", "Add a comment", "Anna Berg", f"{COMMENTS[0]} {COMMENTS[1]}"]
    assert remove_boilerplate("\n".join(page)).split("\n") == ["Bridge to open in spring", *post]
    note = ("Jane Doe is a reporter for the Gazette, joining in February 2012, based in the town. She comes from the "
            "county paper, where she was a staff writer for six years, and has also written for the radio and for several "
            "magazines.")
    page = ["Bridge to open in spring", note, "Comments", PROSE_EN, PROSE_EN2, PROSE_EN]
    assert remove_boilerplate("\n".join(page)).split("\n") == page


def test_a_short_post_above_the_header_of_a_thread_with_a_far_longer_comment_is_the_article() -> None:
    post = [PROSE_EN, PROSE_EN2]
    long_comment = " ".join(CONTINUATION * 3)  # weighed as a post, still more than twice the article
    comments = [COMMENTS[0], COMMENTS[1], long_comment, COMMENTS[2]]
    thread = [line for i, c in enumerate(comments) for line in (f"by reader{i} on Tuesday July 24, @09:0{i}AM", c)]
    text = "\n".join(["Home | News | Sport", "Bridge to open in spring", *post, "Share", "44 of 69 comments loaded",
                      "Load all comments", "Reply", "Login", "Share", *thread])
    assert len(long_comment) * 0.5 > 2 * sum(map(len, post))
    assert remove_boilerplate(text).split("\n") == ["Bridge to open in spring", *post]
    # without a thread's stamps below it, the header does not move the article away from the long block
    unstamped = "\n".join(["Home | News | Sport", *post, "Share", "44 of 69 comments loaded", "Reply", "Login",
                           "Share", "Report", *comments])
    assert long_comment in remove_boilerplate(unstamped)


def test_a_post_stamp_may_write_its_date_in_numbers_with_a_short_year() -> None:
    """"David Janke 07.13.12 at 07:34": the stamps of a thread, so the article stops at the first of them."""
    stop = stoplist_for(PROSE_EN)
    for stamp in ("David Janke 07.13.12 at 07:34", "07.13.12 at 08:07", "Anna 13/07/12 10:45"):
        assert classify(stamp, stop).kind is Kind.BAD and classify(stamp, stop).dated, stamp
    assert not classify("Release 4.2.10.12 at 10:45", stop).dated  # a version number: no date
    thread = [line for i, c in enumerate(COMMENTS) for line in (str(i + 1), f"Reader {i} 07.1{i}.12 at 10:4{i}", c)]
    assert remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, *thread])).split("\n") == [PROSE_EN, PROSE_EN2]


def test_a_month_and_a_day_alone_are_a_date_line() -> None:
    """"November 09", "07 Nov 12": the stamps of a list of recent posts or of a thread, without a year of four
    digits or a clock time; the teasers they stamp stay out of the article."""
    stop = stoplist_for(PROSE_EN)
    for stamp in ("November 09", "Nov. 7th", "24 Juli", "3. März", "07 Nov 12", "Nov 7, '12"):
        assert is_bare_date(stamp) and classify(stamp, stop).dated, stamp
    for line in ("Chapter 12", "Route 66", "Windows 10", "Top 10", "November 9 was a cold day", "Born 12 May 1990 in Oslo"):
        assert not is_bare_date(line), line
    teasers = [line for i, c in enumerate(COMMENTS * 2) for line in (f"November 0{i + 1}", f"Story {i}", f"{c} {c}")]
    assert remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, "Recent Posts", *teasers])).split("\n") == [PROSE_EN, PROSE_EN2]


def test_a_post_stamp_set_apart_by_bars_is_a_date_line() -> None:
    """"Posted by Jon on November 5, 2012 at 10:08 am | permalink | Reply": its bars made a table row, so the
    thread it stamps had no date lines and its comments joined the article."""
    stamp = "Posted by Reader {} on November 5, 2012 at 10:0{} am | permalink | Reply"
    thread = [line for i, c in enumerate(COMMENTS) for line in (stamp.format(i, i), f"{c} {c}")]
    assert remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, *thread])).split("\n") == [PROSE_EN, PROSE_EN2]
    # rows of a table with a date and a time stay neutral
    table = ["Match | Date | Kick-off", "Oslo v Bergen | 12 March 2024 | 18:30", "Bergen v Oslo | 19 March 2024 | 18:30"]
    assert remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, *table])).split("\n")[2:] == table


def test_a_byline_with_a_clock_time_is_a_date_line() -> None:
    """"Posted by Jane Doe at 3:49 PM" under a blog's post: the site's disclaimer after it is no part of the post."""
    stop = stoplist_for(PROSE_EN)
    assert classify("Posted by Jane Doe at 3:49 PM", stop).dated
    assert not classify("Jane Doe at 3:49 PM", stop).dated and not classify("By 3:49 PM the bridge was open", stop).dated
    notice = ("Disclaimer: the content on this site is provided as general information only and should not be taken "
              "as advice of any kind.")
    page = [PROSE_EN, PROSE_EN2, "Posted by Jane Doe at 3:49 PM", notice]
    assert remove_boilerplate("\n".join(page)).split("\n") == [PROSE_EN, PROSE_EN2]


STRIKE = [
    "The strike at the port began as a quarrel over night shifts and grew, within three months, into the longest "
    "stoppage the city has seen since its docks were rebuilt after the war.",
    "Dockers walked out of the port after the company said that it would cut the night shifts by a third, and the "
    "union called a meeting of the dockers on the quay for the same evening.",
    "The first talks between the union and the port company broke down after two days, when the company refused to "
    "put its offer on the night shifts in writing.",
    "Ships began to queue outside the port, and the chamber of commerce said that the strike was costing the "
    "region's exporters more than a million euros a day.",
    "The union and the company signed an agreement that keeps the night shifts at their present size until the end "
    "of next year, and the dockers unloaded the first ships the next morning.",
]
STORM = [
    "Storm Ciarán has closed roads across the region, and the police have asked drivers to stay at home until the "
    "wind drops in the evening.",
    "The coast road at Marske is closed after the storm brought down two trees, and the police say that the road "
    "will not open before the wind drops.",
    "Drivers on the A19 report that the storm has left the road flooded near Norton, and the police have closed the "
    "northbound lane until the water goes down.",
    "The police say that the storm has cut power to 4,000 homes in the region, and the network's crews will not "
    "start the repairs on the roads until the wind drops.",
]
RELATED = ["Related stories", "Port traffic falls for a third month", "New cranes for the north quay", "Share this article"]


def test_the_dates_of_a_timeline_inside_an_article_do_not_end_it() -> None:
    """A month and a day alone on a line, each between two paragraphs about the story, head the entries of a
    timeline in the article: they end it no more than its own headings would, and stay with it."""
    timeline = ["March 15", STRIKE[1], "April 25", STRIKE[2], "May 30", STRIKE[3], "June 12", STRIKE[4]]
    page = ["How the port strike unfolded", STRIKE[0], *timeline, *RELATED]
    assert remove_boilerplate("\n".join(page)).split("\n") == ["How the port strike unfolded", STRIKE[0], *timeline]
    # one date between two paragraphs is a post's stamp still
    page = ["How the port strike unfolded", *STRIKE[:2], "June 12", STRIKE[4], *RELATED]
    assert remove_boilerplate("\n".join(page)).split("\n") == ["How the port strike unfolded", *STRIKE[:2]]


def test_the_timed_bylines_of_a_live_blog_do_not_end_it() -> None:
    """A live blog's entries, each under its author and time ("By Jane Doe, 3:49 PM"), are the article; the
    buttons and lists after the last entry are not."""
    entries = ["By Jane Doe, 3:49 PM", STORM[1], "By John Smith, 3:31 PM", STORM[2], "By Jane Doe, 3:12 PM", STORM[3]]
    buttons = ["Share on Facebook", "Share on X", "Copy link", "Most read", "Port traffic falls", "New cranes for the quay"]
    page = ["Storm Ciarán live: roads closed across the region", STORM[0], *entries, *buttons]
    assert remove_boilerplate("\n".join(page)).split("\n") == [
        "Storm Ciarán live: roads closed across the region", STORM[0], *entries]


def test_dates_between_teasers_of_other_stories_still_end_the_article() -> None:
    """Recent posts stamped with a month and a day, each with a teaser that reads as prose: not about the article's
    things, they stay out of it, as the stamps of comments under the commenters' names do."""
    teasers = ["November 09", STORM[1], "November 08", PROSE_EN, "November 07", PROSE_EN2]
    page = ["How the port strike unfolded", *STRIKE[:3], *teasers]
    assert remove_boilerplate("\n".join(page)).split("\n") == ["How the port strike unfolded", *STRIKE[:3]]
    thread = [line for i, c in enumerate(COMMENTS) for line in (f"Reader {i}", f"November 0{i + 1}", f"{c} {c}")]
    page = ["How the bridge was built", PROSE_EN, PROSE_EN2, *thread]
    assert remove_boilerplate("\n".join(page)).split("\n") == ["How the bridge was built", PROSE_EN, PROSE_EN2]


def test_stamps_under_comments_about_the_articles_things_still_end_the_article() -> None:
    """Readers' comments about the strike, each closed by its month and day: the stamps stand under the comments,
    one more after the last, not over the entries of a timeline; the first stamp ends the article as before."""
    comments = [
        "I worked on that quay for thirty years, and the night shifts were always the first thing the company wanted "
        "to cut at the port.",
        "The union did the right thing, and the ships waiting outside the port show how much the region depends on "
        "the dockers and their night shifts.",
        "My father was a docker in this port, and he always said that the company would cut the night shifts as soon "
        "as the new cranes came in.",
    ]
    thread = [line for i, comment in enumerate(comments) for line in (comment, f"March {16 + i}")]
    page = ["How the port strike unfolded", *STRIKE, *thread, *RELATED]
    kept = remove_boilerplate("\n".join(page)).split("\n")
    assert kept[: len(STRIKE) + 1] == ["How the port strike unfolded", *STRIKE]
    assert not set(thread[1:]) & set(kept)  # the comment above the first stamp has no stamp to tell it


def test_prose_with_a_copyright_mark_and_a_year_is_furniture() -> None:
    """A site's footer that reads as prose ("BBC © 2012 The BBC is not responsible for the content of external
    sites ...") is no article, however long; a sentence about copyright without the mark and a year is prose."""
    stop = stoplist_for(PROSE_EN)
    footer = ("News Corp © 2012 The site is not responsible for the content of external sites, and this page is best "
              "viewed in an up-to-date web browser with style sheets enabled, while you will be able to view its "
              "content in your current browser you will not be able to get the full visual experience of it.")
    assert classify(footer, stop).kind is Kind.BAD
    sentence = "The copyright in the letters passed to his widow in 2012, and she gave them to the city library for the readers."
    assert classify(sentence, stop).kind is Kind.GOOD
    menu = ["Home", "News", "Sport", "Weather", "Contact us"]
    assert remove_boilerplate("\n".join(["Bridge to open", PROSE_EN, PROSE_EN2, *menu, footer])).split("\n") == [
        "Bridge to open", PROSE_EN, PROSE_EN2]


def test_a_sentence_that_quotes_a_copyright_mark_is_prose() -> None:
    """A story may quote a copyright notice in a sentence; a mark and a year make a footer of prose unless the mark
    opens the quotation."""
    stop = stoplist_for(PROSE_EN)
    sentence = ('Every page of the leaked manual carries the line "© 2012 Apple Inc.", the lawyers told the court, and '
                "none of them was ever meant to leave the building.")
    assert classify(sentence, stop).kind is Kind.GOOD
    footer = ("Portions of this content are ©1998–2015 by individual contributors, and the content is available "
              "under a licence that lets anyone share it.")
    assert classify(footer, stop).kind is Kind.BAD
    article = [PROSE_EN, sentence, PROSE_EN2]
    assert remove_boilerplate("\n".join(article)).split("\n") == article


def test_a_short_line_with_an_unpaired_arrow_or_guillemet_is_a_link() -> None:
    """"Next Post »", "« Older Entries": the closing guillemet read as a sentence's end, so such links closed the
    article and the walk went on over them to the teasers and comments below."""
    stop = stoplist_for(PROSE_EN)
    for link in ("« Older Entries", "Next Post »", "View Gallery »", "Más en Opinión ›", "← Previous", "More →",
                 "What's in the box? »", "« Physicists and Astronauts, Unite!"):
        assert is_arrow_link(link, words_of(link)) and classify(link, stop).kind is Kind.BAD, link
    for line in ("« Nous y sommes », a-t-il dit.", "»Das ist gut«, sagte er.", "Prices rose by 3 %."):
        assert not is_arrow_link(line, words_of(line)), line
    links = ["« Older post: Ferry fares rise", "Newer post: The bus timetable »"]
    kept = remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, *links, "Tweet", "Share", "Reader", f"{COMMENTS[0]} {COMMENTS[1]}"]))
    assert kept.split("\n") == [PROSE_EN, PROSE_EN2]


def test_a_quotation_s_paragraph_with_an_unpaired_guillemet_is_no_link() -> None:
    """A quotation over several paragraphs opens with a guillemet it closes lines later ("« Nous ne céderons pas.
    Jamais.") or closes one opened lines before ("C'est fini, a-t-il dit. »"): a sentence ends inside the mark, so
    it is the article's text, not a link, and does not split the article."""
    for line in ("« Nous ne céderons pas. Jamais.", "C'est fini, a-t-il dit. »", "Le pont ouvrira en mai. »"):
        assert not is_arrow_link(line, words_of(line)), line
    for line in ("« Nous ne céderons pas. Jamais.", "C'est fini, a-t-il dit. »"):
        article = [PROSE_FR, PROSE_FR2, line, PROSE_FR, PROSE_FR2]
        assert remove_boilerplate("\n".join(article)).split("\n") == article, line


def test_a_comments_header_framed_by_braces_is_no_code() -> None:
    post = [PROSE_EN, PROSE_EN2]
    header = "{ 3 comments… read them below or add one }"
    thread = [line for i, c in enumerate(COMMENTS) for line in (f"Reader {i} on July {i + 1}, 2012 at 10:4{i} pm", c)]
    assert not is_code(header)
    assert trim_extracted("\n".join([*post, header, *thread])).split("\n") == post
    # braces around a formula's markup, or around code, still make code
    assert is_code("{\\displaystyle A}") and is_code("{ return x; }")


def test_a_brace_before_a_long_run_of_spaces_is_no_code() -> None:
    # the words framed by braces were looked for with a lazy match that tried the run's rest at each space (3 s;
    # its growth with the run is bench/pathological.py's)
    assert not is_code("{ a" + " " * 40_000 + "b")


def test_a_comments_line_above_the_article_a_list_item_or_a_sentence_is_no_border() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    text = "\n".join(["By Jane Doe · 12 Comments", *article])  # beside the headline: a count, not the thread
    assert remove_boilerplate(text).split("\n") == article
    for line in ["4. Ask readers to comment", "The council declined to comment."]:
        text = "\n".join([*article, line, PROSE_EN])
        assert remove_boilerplate(text).split("\n") == [*article, line, PROSE_EN], line


def test_a_copyright_notice_after_the_article_ends_it_but_a_photo_credit_does_not() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    notice = "Copyright 2008 Associated Press. All rights reserved. This material may not be published or rewritten."
    notices = [notice, "© 2024 Beispiel GmbH. Alle Rechte vorbehalten.",
               "™ & © 2013 Example Network, Inc. All rights reserved.", "© 2026 Городские новости. Все права защищены.", "© 2026 Gazeta Miejska. Wszelkie prawa zastrzeżone."]
    for line in notices:
        assert remove_boilerplate("\n".join([*article, line, *COMMENTS])).split("\n") == article, line
    credit = "© Jane Doe, Example Agency"
    text = "\n".join([*article[:3], credit, *article[3:]])
    assert remove_boilerplate(text).split("\n") == [*article[:3], credit, *article[3:]]


def test_a_copyright_notice_closing_a_short_article_goes() -> None:
    """Under the 150 words of prose after which a notice ends the article, the notice itself still goes."""
    article = [PROSE_EN, PROSE_EN2]
    for notice in ["Copyright 2008 The Associated Press. All rights reserved. This material may not be published.",
                   "(© 2008 The Associated Press. All Rights Reserved. This story comes from the newswire.)"]:
        assert remove_boilerplate("\n".join(["Home | News", *article, notice, "About us"])).split("\n") == article


def test_an_image_caption_closed_by_its_credit_goes() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2]
    for caption in [
        "The bridge seen from the river at dawn on Tuesday. Photo: Jane Doe",
        "Workers lift the last section of steel into place in March (AP Photo/John Roe, File)",
        "The old ferry (Image: © Example Agency/J. Roe)",
        "Credit: Example Agency",
        "Eine Luftaufnahme der Baustelle im Winter. Foto: picture alliance / dpa",
        "Die alte Fähre (Bild: Stadt Beispiel)",
    ]:
        text = "\n".join([*article[:2], caption, *article[2:]])
        assert remove_boilerplate(text).split("\n") == article, caption


def test_a_label_inside_a_sentence_or_a_dateline_is_no_credit() -> None:
    stop = stoplist_for(PROSE_EN)
    for line in [
        "The best photos: our picks of the year",  # a heading
        "We asked for the tax credit: it paid for half of the new roof",
        "KUALA LUMPUR, Malaysia (AP)",  # a dateline
        "The agency's photo: a bridge that is not there yet (it is a drawing)",
    ]:
        assert classify(line, stop).kind is not Kind.BAD, line


def test_a_prompt_to_subscribe_goes() -> None:
    article = [PROSE_EN, PROSE_EN2, PROSE_EN]
    for prompt in [
        "Sign up for our daily email newsletter and get the latest news delivered to your inbox",
        "Stay up to date with the Example Gazette. Subscribe to our newsletter.",
        "Don't miss a story! Sign up for breaking news e-mail alerts",
        "Abonnieren Sie unseren Newsletter",
    ]:
        text = "\n".join([*article[:2], prompt, *article[2:], prompt])
        assert remove_boilerplate(text).split("\n") == article, prompt


def test_signing_up_in_a_sentence_or_without_a_newsletter_is_no_prompt() -> None:
    stop = stoplist_for(PROSE_EN)
    for line in [
        "Residents who sign up with an email address will hear first when the bridge opens.",  # no call opens it
        "Sign up for the guided walk over the bridge on Sunday",  # nothing to subscribe to
        "Subscribers said the newsletter was late.",
    ]:
        assert classify(line, stop).kind is not Kind.BAD, line


PROSE_EN3 = (
    "The mayor said that the city would pay for the last part of the work from its own budget, since the grant "
    "from the region had been spent on the approach roads and on the new cycle path along the bank."
)
PROSE_EN4 = (
    "Work on the bridge began in the spring of last year, and the builder said at the time that the steel for "
    "the main span would arrive from the mill within a few weeks of the order."
)


PROSE_EN5 = (
    "Opposition members of the council said that the final cost of the bridge was still not known, and they asked "
    "for an independent review of the contracts before any more money is spent on the approach roads."
)


def test_an_edition_of_several_articles_ends_at_the_last_link_to_their_comments() -> None:
    """A weekly edition or a blog's front page closes each article with a link to its own comments ("Comments (5
    posted)"): the text ends at the last one, not the first. One article's header printed again under its thread,
    or followed by a sidebar's counts, still ends the article, and so does the first of two."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN3, PROSE_EN4, PROSE_EN5]
    edition = [*article, "Comments (5 posted)", "A second story", *article, "Comments (3 posted)", "A third story", *article]
    assert trim_extracted("\n".join([*edition, "Comments (74 posted)", *COMMENTS])).split("\n") == edition
    two = [*article, "Comments (5 posted)", *article, "Comments (3 posted)", *article]
    again = [*article, "12 Comments", *article, "12 Comments", *article, "12 Comments", *article]
    sidebar = [*article, "23 Comments", *article, "Most commented", "A second story", "5 Comments", "A third story",
               "8 Comments"]  # fmt: skip
    for text in (two, again, sidebar):
        assert trim_extracted("\n".join(text)).split("\n") == article, text[5]


def test_words_of_keeps_a_lines_words_and_gives_each_caller_a_list_of_its_own() -> None:
    from flows.steps.boilerplate import WORDS_KEPT_MAX_CHARS, _kept_words

    _kept_words.cache_clear()
    words = words_of("Le 中国经济 grows")
    words.append("changed")
    assert words_of("Le 中国经济 grows") == ["Le", "grows", "中国", "经济"]
    assert _kept_words.cache_info().hits == 1  # read once
    text = "word " * (WORDS_KEPT_MAX_CHARS // 5 + 1)  # a whole text's words are not kept
    assert words_of(text) == words_of(text) == ["word"] * (WORDS_KEPT_MAX_CHARS // 5 + 1)
    assert _kept_words.cache_info().currsize == 1


def test_fill_gaps_puts_back_prose_an_extractor_dropped_inside_the_article() -> None:
    extracted = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN4])
    cleaned = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN3, PROSE_EN4])
    assert fill_gaps(extracted, cleaned) == cleaned
    # lines are found by their words, whatever their white space and case; what goes in is the page's line
    shouted = cleaned.replace("The mayor", "the  mayor").upper()
    assert fill_gaps(extracted, shouted).split("\n") == [PROSE_EN, PROSE_EN2, shouted.split("\n")[2], PROSE_EN4]


def test_fill_gaps_takes_the_page_cleaned_by_the_rules_it_is_given() -> None:
    """A caller that cleans the same page for another step passes its kept result: what the rules given keep of the
    page is what may go back in."""
    extracted = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN4])
    page = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN3, PROSE_EN4])
    asked: list[str] = []
    assert fill_gaps(extracted, page, clean=lambda text: asked.append(text) or text) == page
    assert asked == [page]
    assert fill_gaps(extracted, page, clean=lambda text: text.replace(PROSE_EN3, "")) == extracted


def test_fill_gaps_adds_only_prose_and_only_between_two_extracted_lines() -> None:
    extracted = "\n".join([PROSE_EN, PROSE_EN4])
    for gap in ["Bridge to open in spring", "Photo: Jane Doe", "Read more: Five bridges that took too long"]:
        assert fill_gaps(extracted, "\n".join([PROSE_EN, gap, PROSE_EN4])) == extracted, gap
    # a run that mixes prose with a heading or a label stays out as a whole: a box, a comment, a teaser
    assert fill_gaps(extracted, "\n".join([PROSE_EN, "Comments", PROSE_EN3, PROSE_EN4])) == extracted
    # nothing before the first line the extractor kept, nor after its last
    assert fill_gaps(extracted, "\n".join([PROSE_EN2, PROSE_EN, PROSE_EN4, PROSE_EN3])) == extracted


def test_fill_gaps_finds_short_lines_by_their_words() -> None:
    extracted = "\n".join([PROSE_EN, "The cost", PROSE_EN4])
    # the heading is in the extracted text, so the prose after it goes after the heading, not after PROSE_EN
    assert fill_gaps(extracted, "\n".join([PROSE_EN, "The cost", PROSE_EN3, PROSE_EN4])).split("\n") == [
        PROSE_EN, "The cost", PROSE_EN3, PROSE_EN4
    ]
    # a short line found in no line of the extracted text is not found: the prose run beside it stays out
    assert fill_gaps(extracted, "\n".join([PROSE_EN, "The price", PROSE_EN3, PROSE_EN4])) == extracted


def test_fill_gaps_leaves_a_text_alone_when_nothing_is_missing_or_nothing_matches() -> None:
    extracted = "\n".join([PROSE_EN, PROSE_EN2])
    assert fill_gaps(extracted, extracted) == extracted
    assert fill_gaps(extracted, "\n".join([PROSE_DE, PROSE_EN3, PROSE_DE])) == extracted
    assert fill_gaps("", PROSE_EN) == ""


def _hyphenated(text: str, mark: str) -> str:
    """The words of six letters or more with ``mark`` after their third letter, as a page's hyphenation puts it."""
    return " ".join(f"{w[:3]}{mark}{w[3:]}" if len(w) >= 6 else w for w in text.split(" "))


def test_fill_gaps_finds_lines_whatever_invisible_characters_the_page_keeps() -> None:
    # an extractor drops soft hyphens and zero-width characters that the page's text keeps: not a second copy
    extracted = "\n".join([PROSE_EN, PROSE_EN2, PROSE_EN4])
    for mark in ["\u00ad", "\u200b", "\u200c"]:
        page = "\n".join([PROSE_EN, _hyphenated(PROSE_EN2, mark), PROSE_EN4])
        assert fill_gaps(extracted, page) == extracted, repr(mark)


def test_fill_gaps_finds_lines_of_a_script_without_spaces_whatever_a_page_adds_early_in_them() -> None:
    # a ruby reading of three characters early in the page's line: the rest of the line is the same
    zh = "市议会周二表示新桥将于春季开通此前由于钢材短缺和与建筑商的纠纷工程推迟了两年多时间居民表示欢迎。"
    zh2 = "自从旧渡轮停运以来一直在等待这座桥的居民对这一消息表示欢迎但其中一些人说只有当第一辆公共汽车过河时才会相信。"
    zh3 = "市长告诉记者市政府从这次延误中吸取了教训下一个项目即通往港口的有轨电车将有更多的预算和人员来规划。"
    extracted = "\n".join([zh, zh2, zh3])
    assert fill_gaps(extracted, "\n".join([zh, zh2[:3] + "渡轮渡" + zh2[3:], zh3])) == extracted


def test_fill_gaps_follows_the_page_order_when_a_line_is_quoted_twice() -> None:
    # a pull quote near the top repeats a later paragraph: what was dropped after that paragraph goes after it
    extracted = "\n".join([PROSE_EN, PROSE_EN4, PROSE_EN2, PROSE_EN4, PROSE_EN5])
    page = "\n".join([PROSE_EN, PROSE_EN4, PROSE_EN2, PROSE_EN4, PROSE_EN3, PROSE_EN5])
    assert fill_gaps(extracted, page).split("\n") == [PROSE_EN, PROSE_EN4, PROSE_EN2, PROSE_EN4, PROSE_EN3, PROSE_EN5]


def test_fill_gaps_adds_nothing_before_a_line_the_page_repeats_after_another_story() -> None:
    # two stories end with the same line; the extractor kept the first: the second story is no gap of the first
    tip = "Do you have a tip for the newsroom? Write to us, and we will read every message that we are sent by readers."
    extracted = "\n".join([PROSE_EN, PROSE_EN2, tip])
    assert fill_gaps(extracted, "\n".join([PROSE_EN, PROSE_EN2, tip, PROSE_EN3, PROSE_EN4, tip])) == extracted


def test_placed_lines_places_each_of_thousands_of_lines_that_share_their_words() -> None:
    # a thread of replies: every line shares all but its number with the others, and each is found on its own line
    thread = [f"Reply {i} by a reader: thanks for the update, I have the same problem here with version {i % 5}" for i in range(3000)]
    page = ["Forum", *thread, "Related threads"]
    index = line_index("\n".join(page))
    assert placed_lines(index, "\n".join(thread)) == [(line, k) for k, line in enumerate(page) if line in thread]
    # the same line many times: each at the first place at or after the one before it, the first of them
    same = "Thanks for the update, I have the same problem here too"
    found = placed_lines(index := line_index("\n".join(["Forum", *[same] * 3000])), "\n".join([same] * 2000 + ["Forum", same]))
    assert [k for _, k in found] == [1] * 2000 + [0, 1]
    # a line found in part, with words other lines share: the line with most of its shingles, the first such one
    page = ["a b c d e f", "a b c d x y", "a b c d e f g", "q r s t"]
    assert placed_lines(line_index("\n".join(page)), "q r s t\na b c d e f g h") == [("q r s t", 3), ("a b c d e f g h", 2)]
    assert placed_lines(line_index("\n".join(page)), "a b c d x\nq r s t\na b c d e") == [
        ("a b c d x", 1), ("q r s t", 3), ("a b c d e", 0)  # nothing at or after the line before: the first of all
    ]


def test_a_heading_over_a_table_that_closes_the_article_stays_with_it() -> None:
    prose, table = list(REPORT_PROSE), list(KEY_FIGURES)
    kept = remove_boilerplate("\n".join(["ECB holds rates", *prose, *table]), headed_tables=True).split("\n")
    assert kept[-4:] == table
    related = ["More from Business", "Oil prices rise again", "Markets close higher", "What the rate freeze means for you"]
    kept = remove_boilerplate("\n".join(["ECB holds rates", *prose, *related]), headed_tables=True).split("\n")
    assert not set(related) & set(kept)  # a heading over headlines is no table
    # on a scraped page a heading over a table after the article is furniture as often (a league table)
    widget = ["Bundesliga table", "Pos | Team | Played | Points |", "1 | Bayer Leverkusen | 26 | 70 |", "2 | Bayern Munich | 26 | 60 |"]
    kept = remove_boilerplate("\n".join(["ECB holds rates", *prose, *widget])).split("\n")
    assert not set(widget) & set(kept)


def test_an_article_in_another_language_than_most_of_the_text_is_prose() -> None:
    english = (
        "North Korea fired a ballistic missile into the sea off its east coast on Monday, South Korea's military said, "
        "the latest in a series of weapons tests that have raised tensions in the region.\n\n"
        "The United States condemned the launch and urged Pyongyang to return to talks, and the envoys of its allies "
        "said that they would meet again at the United Nations in New York later this week.\n\n"
        "Analysts said that the North was running more tests while its rivals were distracted by the war in Ukraine, "
        "and that it was likely to go on with them for as long as nobody could stop it from doing so.\n\n"
    )
    german = (
        "Nordkorea hat nach Angaben des südkoreanischen Militärs erneut eine ballistische Rakete abgefeuert, die vor "
        "der Ostküste ins Meer gestürzt sei, teilte der Generalstab in Seoul am Montag mit.\n\n"
        "Russland und China blockierten im Sicherheitsrat bislang neue Sanktionen gegen das abgeschottete Land, weil "
        "sie die Führung in Pjöngjang nicht weiter unter Druck setzen wollen."
    )
    assert remove_boilerplate(english + german) == (english + german).strip()


def test_a_two_column_table_closing_a_document_is_kept_there_and_not_on_a_web_page() -> None:
    prose, table = list(REPORT_PROSE), ["Country | Delegates", "Ukraine | 5", "Russia | 4"]
    kept = remove_boilerplate("\n".join(["ECB holds rates", *prose, *table]), headed_tables=True).split("\n")
    assert kept[-3:] == table
    # on a scraped page, lines of one separator are breadcrumbs and menus
    menu = ["Home | News", "Politics | Business", "Sport | Culture"]
    assert not set(menu) & set(remove_boilerplate("\n".join(["ECB holds rates", *prose, *menu])).split("\n"))
    # in a document, a lone line of one separator is no table (a running footer)
    kept = remove_boilerplate("\n".join(["ECB holds rates", *prose, "Annual report | page 4"]), headed_tables=True)
    assert "Annual report | page 4" not in kept



def test_a_console_table_drawn_with_box_characters_stays_inside_the_article() -> None:
    table = ["n │ is_anomaly", "───┼────────────", "2 │ f", "3 │ f", "12 │ t", "5 │ f"]
    text = "\n".join(["Home | News | Sport", PROSE_EN, "The query gives:", *table, PROSE_EN2, "Share", "Print", "Email"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, "The query gives:", *table, PROSE_EN2]
    assert classify("───┼───", stoplist_for(PROSE_EN)).kind is Kind.NEUTRAL  # a rule under a table's head
    assert not any(is_table_row(line) for line in ("──── Next", "Home · News", "Home | News"))


def test_a_list_of_quantities_is_part_of_the_article_and_a_list_of_numbered_headlines_is_not() -> None:
    intro = ("This is the soup my grandmother made every winter, and it is still the one that we cook when the "
             "first snow falls and the children come home from school with cold hands.")
    method = ("Melt the butter in a large pot, add the onions and the celery and cook them over a low heat for ten "
              "minutes, until they are soft but have not yet taken any colour at all.")
    method2 = ("Pour in the stock, bring it to the boil and let it simmer for half an hour, then season it with the "
               "salt and the pepper and serve it hot with a slice of fresh bread.")
    ingredients = ["2 tablespoons butter", "1 ½ cups onions, diced", "2 cups celery, diced", "1 litre chicken stock",
                   "1/2 teaspoon salt", "¼ teaspoon ground white pepper"]
    text = "\n".join(["Recipes | Soups | Winter", intro, "Ingredients:", *ingredients, "Method", method, method2,
                      "Share", "Print", "Email"])
    assert remove_boilerplate(text).split("\n") == [intro, "Ingredients:", *ingredients, "Method", method, method2]
    headlines = ["8 Best Cities to Find Cloud Computing Jobs", "10 Free Essential Twitter Tools for Power Users",
                 "15 Hot Windows 8 Hybrid Notebooks and Tablets"]
    kept = remove_boilerplate("\n".join([intro, method, *headlines, "Popular", "Archive", method2])).split("\n")
    assert kept == [intro, method]
    # numbered 1, 2, 3 in turn, in sentence case: the most read stories, not quantities
    ranked = ["1 Man arrested after stabbing in city centre", "2 Council delays vote on the bypass",
              "3 School closed after flooding", "4 New cafes open on the high street"]
    appeal = ("Support local journalism: your donation helps us to keep reporting on the stories that matter to the "
              "people of this city, every day of the year.")
    kept = remove_boilerplate("\n".join([intro, method, method2, "Most read", *ranked, appeal])).split("\n")
    assert kept == [intro, method, method2]
    # ingredients numbered 1, 2, 3 in lower case are quantities still
    numbered = ["1 onion, finely chopped", "2 garlic cloves, crushed", "3 tbsp olive oil", "4 carrots, peeled and sliced"]
    text = "\n".join([intro, "Ingredients:", *numbered, "Method", method, method2])
    assert remove_boilerplate(text).split("\n") == [intro, "Ingredients:", *numbered, "Method", method, method2]


def test_the_lead_above_a_table_of_contents_belongs_to_the_article() -> None:
    lead = ("The Harbour Bridge is a steel arch bridge across the river, and it has carried the main road and the "
            "railway into the old town since it was opened by the mayor in the spring of 1932.")
    contents = ["Contents", "1 History", "2 Construction", "2.1 Steel", "3 Opening"]
    sections = ["History[edit]", PROSE_EN, "Construction", PROSE_EN2, "Steel", PROSE_EN, "Opening", PROSE_EN2]
    text = "\n".join(["Main page | Random article", lead, *contents, *sections, "Privacy policy", "About"])
    assert remove_boilerplate(text).split("\n") == [lead, *sections]
    # a menu above the article whose items the article does not use as headings still cuts the prose above it off
    menu = ["Contents", "1 Ferries", "2 Buses", "3 Trams", "4 Parking"]
    assert remove_boilerplate("\n".join([lead, *menu, *sections])).split("\n") == sections


def test_commands_after_a_prompt_are_code_inside_the_article() -> None:
    session = ["$ hg clone review alice", "updating to branch default", "$ cd alice", "$ hg pull", "$ hg update tip",
               ">>> import bridge", "# apt-get install nginx"]
    text = "\n".join(["Docs | Download | Wiki", PROSE_EN, *session, PROSE_EN2, "Share", "Print", "Email"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, *session, PROSE_EN2]
    # a quotation, a price and a number after the marks are no commands
    assert not any(is_code(line) for line in ("> he said so", "$ 5 million", "# 1 seed"))


def test_a_credit_run_into_its_caption_without_a_space_closes_the_caption() -> None:
    captions = ["The old ferry at the quay, where the new bridge will land on the east bankCredit: Getty Images",
                "The first span of the bridge was lifted into place in March 2024.Photograph: Jane Doe/Reuters"]
    text = "\n".join([PROSE_EN, captions[0], PROSE_EN2, captions[1], PROSE_EN])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, PROSE_EN2, PROSE_EN]
    # a label after a space inside a sentence, or run into a word in lower case, is no credit
    assert not any(is_photo_credit(line) for line in ("He showed us the Photo: it was old", "a telephoto: the lens",
                                                      "Apple updates iPhoto: faster import", "Configure the DataImage: step two"))


RU_ARTICLE = [
    "Городской совет во вторник объявил, что новый мост через реку откроется весной, после задержки более чем на "
    "два года, вызванной нехваткой стали и спором с подрядчиком. По словам чиновников, работы на объекте уже "
    "возобновились, и строители трудятся в две смены.",
    "Жители, которые ждали переправу с тех пор, как закрыли старый паром, приветствовали эту новость, но некоторые "
    "из них сказали, что поверят в нее только тогда, когда по мосту проедет первый автобус. Владельцы магазинов на "
    "набережной надеются, что мост вернет им покупателей.",
    "Мэр города пообещал, что проезд по мосту будет бесплатным для пешеходов и велосипедистов, а плату для "
    "автомобилей введут только после обсуждения с жителями. Он также добавил, что рядом с мостом появится новая "
    "остановка и небольшой парк с видом на реку.",
    "Строительство обошлось городу дороже, чем планировалось, однако часть расходов покроют средства из "
    "регионального бюджета. Депутаты потребовали от подрядчика ежемесячно отчитываться о ходе работ.",
]


def test_a_box_about_the_author_and_the_comments_after_a_russian_article_go() -> None:
    comments = [
        line
        for i, words in enumerate(["Был вчера на мосту, и мне кажется, что до весны его никак не успеют достроить.",
                                   "Хорошо бы, чтобы по мосту пустили и ночные автобусы, а не только дневные."])
        for line in (f"Читатель {i}", f"12 марта 2024, 1{i}:15", words)
    ]
    bio = "Анна Иванова пишет о городском транспорте и строительстве с 2012 года. До этого она работала в газетах."
    text = "\n".join([*RU_ARTICLE, "Об авторе", bio, "Комментарии (2)", *comments])
    assert remove_boilerplate(text).split("\n") == RU_ARTICLE


def test_every_default_language_has_words_for_the_end_of_an_article() -> None:
    from flows.steps.boilerplate import (
        ABOUT_AFTER_BY_LANGUAGE,
        ABOUT_THE_AUTHOR_BY_LANGUAGE,
        ABOUT_WORDS_BY_LANGUAGE,
        COMMENT_WORDS_BY_LANGUAGE,
        RIGHTS_RESERVED_BY_LANGUAGE,
    )
    from flows.steps.language import DEFAULT_LANGUAGES

    about = {*ABOUT_WORDS_BY_LANGUAGE, *ABOUT_AFTER_BY_LANGUAGE, *ABOUT_THE_AUTHOR_BY_LANGUAGE}
    for words in (COMMENT_WORDS_BY_LANGUAGE, RIGHTS_RESERVED_BY_LANGUAGE, about):
        assert set(DEFAULT_LANGUAGES) <= set(words)


#: a headline of more than 12 words: not part of a run of short lines (a link list) with the byline and date under it
LONG_HEADLINE = "Bridge to open in spring after two years of delay caused by a shortage of steel"


def test_a_byline_in_lower_case_under_the_headline_is_a_line_of_its_own() -> None:
    raw = ["Manovra, il governo trova l'accordo sulle pensioni", "di Marco Rossi", "22 novembre 2026"]
    assert paragraphs(raw) == [range(0, 1), range(1, 2), range(2, 3)]
    for byline in ("by Jane Doe", "de Ion Popescu", "por María García Fernández", "door Jan de Vries"):
        assert paragraphs(["Bridge to open in spring", byline]) == [range(0, 1), range(1, 2)], byline
    # a paragraph wrapped over a line that only looks like a byline, or a name after a word in lower case, goes on
    wrapped = ["the new bridge was designed", "by Jane Doe", "and her team of engineers."]
    assert paragraphs(wrapped) == [range(0, 3)]
    assert paragraphs(["a novel written", "by Jane Doe and published in spring"]) == [range(0, 2)]
    text = "\n".join([LONG_HEADLINE, "by Jane Doe", "3 March 2024", PROSE_EN, PROSE_EN2])
    assert remove_boilerplate(text).split("\n") == [LONG_HEADLINE, PROSE_EN, PROSE_EN2]


def test_share_and_comment_buttons_under_the_head_go() -> None:
    """Short lines without sentence punctuation between the article's date line, byline or headline and its first
    paragraph, whose words the article does not use, are buttons, as they are after its last paragraph."""
    head = ["Pont sur le fleuve : ouverture au printemps", "Par Jean Dupont",
            "Publié le 22 novembre 2026 à 18h45, mis à jour le 23 novembre 2026 à 08h10", "",
            "Partager sur Facebook", "Partager sur X", "Copier le lien", ""]
    kept = remove_boilerplate("\n".join([*head, PROSE_FR, PROSE_FR2])).split("\n")
    assert kept == ["Pont sur le fleuve : ouverture au printemps", "", PROSE_FR, PROSE_FR2]  # headline over the date
    heads = [
        (["Bridge to open in spring", "By Jane Doe", "3 March 2024", "Share", "Tweet"], []),
        ([LONG_HEADLINE, "3 March 2024", "Share on Facebook", "Send via WhatsApp"], [LONG_HEADLINE]),
        (["Bridge to open in spring", "By Jane Doe", "ВКонтакте", "Telegram"], []),  # a run of short lines: links
    ]
    for head, kept in heads:
        text = "\n".join([*head, PROSE_EN, PROSE_EN2])
        assert remove_boilerplate(text).split("\n") == [*kept, PROSE_EN, PROSE_EN2], head
    text = "\n".join(["中国与东盟签署数字经济合作框架协议", "2026年11月23日 14:30 来源:新华网", "分享到:", "微信", "微博", ZH_PROSE])
    assert remove_boilerplate(text).split("\n") == ["中国与东盟签署数字经济合作框架协议", ZH_PROSE]


ZH_PROSE = (
    "中国与东盟国家二十三日在北京签署数字经济合作框架协议，双方将在跨境电子商务、数据安全和人工智能等领域加强合作，"
    "并为中小企业开展数字化转型提供技术支持。"
)


def test_a_headline_or_standfirst_under_the_date_is_no_button() -> None:
    heads = (["3 March 2024", "Bridge to open in spring"], ["By Jane Doe", "A new bridge for the river"],
             ["Monday, March 4, 2024", "Open Or Closed"],  # a blog's post: the date over the headline
             ["By Jane Doe", "3 March 2024", "Dear all,"], ["3 March 2024", "The latest finds from our new app"],
             ["By Jane Doe", "-", "Mar•", "3•24"],  # a date in pieces
             ["By Jane Doe", "Print", "LONDON, March 3 (AP) --"])  # a dateline
    for head in heads:
        text = "\n".join([*head, PROSE_EN, PROSE_EN2])
        assert remove_boilerplate(text).split("\n")[-3:] == [head[-1], PROSE_EN, PROSE_EN2], head
    # without a date line, byline or headline over them, short lines above the article are left to the rest
    text = "\n".join(["Spring", "Print", PROSE_EN, PROSE_EN2])
    assert remove_boilerplate(text).split("\n") == ["Spring", "Print", PROSE_EN, PROSE_EN2]


def test_a_list_that_a_line_of_the_article_announces_with_a_colon_is_part_of_it() -> None:
    lead = ("The trial did not take place until this spring, and after a long round of plea bargaining the "
            "sentences that the court handed down to the three men were as follows:")
    sentences = ["Tom Roe agreed to pay a fine of $35,000", "Bill Roe received six months of home detention",
                 "John Roe received three months of home detention"]
    # between two paragraphs: the items stay, and the article does not split at them
    text = "\n".join(["Home | News | Sport", PROSE_EN, lead, *sentences, PROSE_EN2, "Share", "Print", "Email"])
    assert remove_boilerplate(text).split("\n") == [PROSE_EN, lead, *sentences, PROSE_EN2]
    # after the last paragraph, up to a label that ends with a colon, a comments header, a date line or a row with
    # separators
    points = ("The report holds a great deal more than we could cover here, so if you are in a hurry, here are "
              "the key points that we took from it:")
    items = ["Google still leads the list of referrers", "Facebook is third, after direct traffic",
             "Pinterest is fourth"]
    links = ["Traffic sources and what they say", "Social media traffic in numbers", "Archive"]
    for after in (["Related posts:", *links], ["12 Comments", *links], ["November 7, 2012", *links],
                  ["Blog | 14 Comments | Share", *links]):
        kept = remove_boilerplate("\n".join(["Home | News | Sport", PROSE_EN, PROSE_EN2, points, *items, *after]))
        assert kept.split("\n") == [PROSE_EN, PROSE_EN2, points, *items], after
    # announced by a label, or by prose that ends with no colon, the short lines stay a link list
    ended = points.replace(":", ".")
    for label in (["Share this:"], []):
        kept = remove_boilerplate("\n".join([PROSE_EN, ended, *label, *items, *links]))
        assert kept.split("\n") == [PROSE_EN, ended], label
    # program code after the colon is left to the rules for code (which keep a listing with the prose around it):
    # a listing's lines are no items, and the list ends at its first line of code
    listing = ["SELECT n FROM unnest(array[2, 3, 5, 12]) AS n;", "WHERE n > 3", "ORDER BY n", "LIMIT 10"]
    read = [classify(line, stoplist_for(PROSE_EN)) for line in [PROSE_EN, points, *listing]]
    assert read[2].code and _mark_announced_lists(read) == read


def test_short_lines_after_a_colon_that_run_to_the_texts_end_are_no_announced_list() -> None:
    points = ("The report holds a great deal more than we could cover here, so if you are in a hurry, here are "
              "the key points that we took from it:")
    items = ["Google still leads the list of referrers", "Facebook is third, after direct traffic"]
    menu = ["Home", "News", "Sport", "Weather", "Contact us", "Privacy policy", "Terms of use", "About us"]
    # nothing ends the run: the page's last menus and notices under the last paragraph are not kept with it
    kept = remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, points, *menu]))
    assert kept.split("\n") == [PROSE_EN, PROSE_EN2, points]
    kept = remove_boilerplate("\n".join([PROSE_EN, PROSE_EN2, points, *items, "We use cookies to improve your experience",
                                         "Accept", *menu]))
    assert kept.split("\n") == [PROSE_EN, PROSE_EN2, points]
    # a run that prose ends is the list it announces
    kept = remove_boilerplate("\n".join([PROSE_EN, points, *items, PROSE_EN2, *menu]))
    assert kept.split("\n") == [PROSE_EN, points, *items, PROSE_EN2]


#: six readers' comments in the words of a post about a bridge
THREAD = [*CONTINUATION, *COMMENTS]


def test_the_article_ends_at_the_first_signature_of_a_thread_of_comments() -> None:
    """A post of 67 words, then readers' comments in its own words with no comments header and no dates: each
    comment signed by a line of the same shape ("Anna Berg says:", "by reader1 (1287) writes:", "Max Mustermann
    schrieb:", or the name over "said..."), five names, one of them a user name ("tomlind", "reader1 (1287)") and one
    signing twice (a reply). The thread is no part of the article."""
    post = [PROSE_EN, PROSE_EN2]
    names = ["Anna Berg", "tomlind", "Eva Holm", "jon_d", "Ida Berg", "Anna Berg"]
    handles = [f"reader{i} ({1287 + i})" for i in [1, 2, 3, 4, 5, 1]]
    threads = {
        "says": [line for n, c in zip(names, THREAD) for line in (f"{n} says:", c)],
        "Says": [line for n, c in zip(names, THREAD) for line in (f"{n} Says:", c, "Reply")],
        "writes": [line for n, c in zip(handles, THREAD) for line in (f"by {n} writes:", c)],
        "schrieb": [line for n, c in zip(names, THREAD) for line in (f"{n} schrieb:", c)],
        "said": [line for n, c in zip(names, THREAD) for line in (n, "said...", c)],
        "said,": [line for n, c in zip(["jdoe", "Tom", "eva_h", "jd2", "ida", "jdoe"], THREAD) for line in (f"{n} said,", c)],
    }
    for verb, thread in threads.items():
        assert remove_boilerplate("\n".join(["Bridge to open in spring", *post, *thread])).split("\n") == [
            "Bridge to open in spring", *post], verb


def test_lines_of_one_shape_that_sign_no_thread_are_no_border() -> None:
    """Two speakers of an interview, the parts of a recipe (last words that differ), a label under each heading
    ("Proof:", in capitals: no verb going on from a name), a name that is a phrase (a teaser cut by an ellipsis),
    fewer than five signatures, or an article quoting three people under lines of their own ("Anna Berg said:"):
    the text under them stays."""
    post = [PROSE_EN, PROSE_EN2]
    cases = {
        "interview": [line for n, c in zip(["Gazette:", "Jane Doe:", "Gazette:"], CONTINUATION) for line in (n, c)],
        "recipe": [line for n, c in zip(["For the dough:", "For the filling:", "For the glaze:"], CONTINUATION)
                   for line in (n, c)],
        "label": [line for n, c in zip(["Theorem 1", "Theorem 2", "Theorem 3"], CONTINUATION) for line in (n, "Proof:", c)],
        "phrase": [line for n, c in zip(["The bridge and the", "A ferry on the", "The town by the"], CONTINUATION)
                   for line in (f"{n} river...", c)],
        "four": [line for n, c in zip(["Anna Berg", "Tom Lind", "Eva Holm", "Jon Dahl"], THREAD)
                 for line in (f"{n} says:", c)],
        "quotes": [line for n, c in zip(["Anna Berg", "Tom Lind", "Eva Holm"], CONTINUATION)
                   for line in (f"{n} said:", c)],
    }
    for case, lines in cases.items():
        page = ["Bridge to open in spring", *post, *lines]
        assert remove_boilerplate("\n".join(page)).split("\n") == page, case


#: what five people told a reporter about a bridge, each quote under a line of its own
QUOTES = [
    "I have waited for this bridge since my children were small, and now they are grown up and live in the city.",
    "It is a beautiful piece of work, but I still think the money should have gone to the bus routes instead.",
    "My shop is on the old road, and I am worried that my customers will simply walk past on the other side now.",
    "We came early with the dog and the children, and the view from the middle of the bridge is really something.",
    "The steps at the north end are far too steep for anyone with a pram or a wheelchair, which is a real shame.",
    "I cycle to work every day and this will save me a long detour through the traffic around the market square.",
]


def test_people_an_article_names_under_lines_of_their_own_sign_no_thread() -> None:
    """Five or more people under lines of one shape, named as a publication names people (no user name), each
    once or one of them twice, or by user names, each once: an article quoting them or their posts, a vox pop,
    readers' letters or questions, a live blog's reporters, players rated, in English, German and French. Their text
    stays, to the article's last paragraph."""
    people = ["Margaret Hill", "David Osei", "Priya Shah", "Tom Kowalski", "Helen Brown", "Sam Reid"]
    twice = [*people[:5], people[0]]
    labels = {
        "quotes": [f"{p} said:" for p in people],
        "quoted twice": [f"{p} said:" for p in twice],
        "vox pop": [f"{p}, {30 + i}, says:" for i, p in enumerate(people)],
        "vox pop by trade": [f"{p}, {job}, says:" for p, job in zip(twice, ["nurse", "student", "baker", "pilot",
                                                                          "teacher", "nurse"])],
        "letters": [f"{p}, Leeds, writes:" for p in people],
        "questions": [f"{p} asks:" for p in people],
        "live blog": [f"{p} reports:" for p in twice],
        "ratings": [f"{p} – 7/10:" for p in people],
        "posts quoted": [f"@{p.split()[0].lower()}{i} wrote:" for i, p in enumerate(people)],
        "Zitate": [f"{p} sagt:" for p in twice],
        "Leserbriefe": [f"{p}, Köln, schreibt:" for p in people],
        "citations": [f"{p} raconte :" for p in twice],
    }
    for case, lines in labels.items():
        article = [PROSE_EN, PROSE_EN2, *(line for label, quote in zip(lines, QUOTES) for line in (label, quote))]
        for page in (article, [*article, CONTINUATION[0]]):
            assert remove_boilerplate("\n".join(["Bridge to open in spring", *page])).split("\n")[1:] == page, case


def test_a_question_about_the_comments_after_the_article_ends_it() -> None:
    """A question asking for comments over the site's notes and another story's teaser, or over nothing, ends the
    article."""
    article = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    notes = ["Talkback here", "NOTE: Please post your comments regarding our articles using the link above, and be "
             "sure to give the title of the article in the subject line of your message.", *OTHER_STORY]
    for header in ["Do you have comments on this story?", "Kommentare?"]:
        for below in (notes, []):
            assert remove_boilerplate("\n".join([*article, header, *below])).split("\n") == article, header


def test_a_question_about_comments_inside_the_article_heads_its_next_part() -> None:
    """A heading of an article about the comments its site gets, a question over more of the article's prose
    about the same things, in English, German and French: the article goes on under it."""
    above = [PROSE_EN, PROSE_EN2, PROSE_EN, PROSE_EN2, PROSE_EN]
    questions = ["What do the comments say about us?", "Why do readers' comments matter?", "Comments or censorship?",
                 "Was sagen die Kommentare über uns?", "Que disent les commentaires ?"]
    for question in questions:
        article = [*above, question, *CONTINUATION]
        assert remove_boilerplate("\n".join(article)).split("\n") == article, question


def test_an_edition_of_many_short_articles_is_read_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article of 104 words is too short for the header under it to follow the one before (150 words of prose
    between), so every other header would start a series of its own: the page is read once, not once per header
    (800 articles: 800 lines folded instead of 159,996), and the text still ends at the last header."""
    from flows.steps import boilerplate

    folded = count_calls(monkeypatch, boilerplate, "fold_line")
    short = " ".join([PROSE_EN, PROSE_EN2, PROSE_EN3])  # 104 words
    lines = [x for k in range(800) for x in (short, f"Comments ({k} posted)")]
    kept = trim_extracted("\n".join(lines)).split("\n")
    assert kept == lines[:-1] and folded.count < 2 * len(lines)


BLOG_DESCRIPTION = (
    "Every day I experience life in the world of a city's engineers, and in this blog I record my lessons learned "
    "with the hope that they are useful to others who do the same work. I also write here about the books I "
    "read and the places I visit."
)
HOLIDAY = (
    "This week I am in Lisbon and will write fewer posts than usual, as the days are full of meetings with the "
    "people who run the harbour and its old tram lines."
)


def _blog_page(description: str, date: str, post: list[str], footer: list[str]) -> str:
    return "\n".join(["Skip to main", "Life as an Engineer", description, date, "On the Road", *post, *footer,
                      "Newer Post", "Older Post", "Home"])


def test_a_post_between_its_day_and_its_time_beats_the_blogs_description() -> None:
    """A blog's description under its name, above the page's first date line and about other things than the post,
    is no article when the post below stands between its day's date ("Tuesday, October 23, 2012") and the time it
    was posted ("Posted by" / "Jane Doe" / "at" / "4:02 PM"): the post is, and so it is over a box "About me" below
    it that is larger than the post."""
    post = [PROSE_EN, PROSE_EN2]
    footer = ["Posted by", "Jane Doe", "at", "4:02 PM", "No comments:", "Post a Comment"]
    kept = remove_boilerplate(_blog_page(BLOG_DESCRIPTION, "Tuesday, October 23, 2012", post, footer))
    assert BLOG_DESCRIPTION not in kept and kept.endswith(f"{PROSE_EN}\n{PROSE_EN2}")
    timed = ["Posted by Jane Doe at 4:02 PM", "No comments:"]
    kept = remove_boilerplate(_blog_page(BLOG_DESCRIPTION, "Tuesday, October 23, 2012", post, timed))
    assert BLOG_DESCRIPTION not in kept and kept.endswith(f"{PROSE_EN}\n{PROSE_EN2}")
    about = ["About Me", "Jane Doe", PROFILE + " " + HOLIDAY, BIO, "View my complete profile"]
    page = "\n".join([_blog_page(BLOG_DESCRIPTION, "Sunday, October 14, 2012", [PROSE_EN], footer), *about])
    assert remove_boilerplate(page).split("\n")[-2:] == ["On the Road", PROSE_EN]


def test_a_first_block_stays_without_a_post_framed_by_its_day_and_time() -> None:
    """The first block stays the article when the larger block after the date line is no post framed by its
    stamps: nothing with a time under it (a news story under its date line), a time with its date (a reader's
    comment, "Posted on 01/20/2008 at 6:01 PM"), a date with a time above it (a comment's stamp); or when the first
    block is about the same things (a standfirst: the two are one article), or stands under a date line itself."""
    post = [PROSE_EN, PROSE_EN2]
    day = "Tuesday, October 23, 2012"
    for date, footer in (
        (day, ["Share", "Email"]),
        (day, ["Posted on 10/23/2012 at 4:02 PM", "Reply"]),
        ("October 23, 2012 at 4:02 PM", ["Posted by", "Jane Doe", "at", "4:02 PM"]),
    ):
        kept = remove_boilerplate(_blog_page(BLOG_DESCRIPTION, date, post, footer))
        assert kept.split("\n")[-1] == BLOG_DESCRIPTION, footer
    footer = ["Posted by", "Jane Doe", "at", "4:02 PM"]
    standfirst = PROSE_EN.replace("The council said on Tuesday", "The bridge's builder said") + (
        " The first buses will cross the river in May, and the old ferry will be sold."
    )
    kept = remove_boilerplate(_blog_page(standfirst, day, post, footer))
    assert standfirst in kept and kept.endswith(f"{PROSE_EN}\n{PROSE_EN2}")
    dated = "\n".join(["Monday, October 22, 2012", _blog_page(BLOG_DESCRIPTION, day, post, footer)])
    assert remove_boilerplate(dated).split("\n")[-1] == BLOG_DESCRIPTION


TRACKBACKS = (
    "Listed below are links to weblogs that reference the new bridge over the river, which the council said on "
    "Tuesday would open in the spring, after a delay of more than two years that was caused by a shortage of steel:"
)
COMMENT_FORM = (
    "As a final step before posting your comment, enter the letters and numbers you see in the image below. This "
    "prevents automated programs from posting comments, and it helps us to keep the page free of spam. Having trouble "
    "reading the image? Then ask for another one, or write to us and we will post your comment for you as soon as we "
    "can, and we will let you know when it is there."
)


def _post_page(date: str, footer: list[str], post: str = PROSE_EN) -> str:
    """A blog's post as the page's first prose: its day's date, headline and paragraph, its footer, then a note on
    its trackbacks a little larger than the post and a comment form's note larger than twice the post."""
    return "\n".join(["Skip to main", "Life as an Engineer", "Home", "Archives", date, "A bridge for the town", post,
                      *footer, "Digg This", "Save to Delicious", "Email This", "TrackBack", "TrackBack URL for this entry:",
                      TRACKBACKS, "Comments", "Comment feed", "Verify your Comment", "Sign in",
                      "Previewing your Comment", COMMENT_FORM, "Post a comment"])


def test_a_post_framed_at_the_pages_top_beats_a_larger_box_under_its_footer() -> None:
    """The post under "October 02, 2012" and over "Posted at 11:28 AM | Permalink", the page's first prose, is the
    article, and it ends at that footer, though the note on its trackbacks under it is larger (and names its
    things: it would go on into it) and the first block at least half the size of the largest."""
    assert len(PROSE_EN) < FIRST_BLOCK_SHARE * len(COMMENT_FORM) <= len(TRACKBACKS)
    assert len(PROSE_EN) >= FIRST_BLOCK_SHARE * len(TRACKBACKS)
    for footer in (["Posted at 11:28 AM | Permalink"], ["Posted by", "Jane Doe", "at", "11:28 AM"]):
        kept = remove_boilerplate(_post_page("October 02, 2012", footer))
        assert kept.split("\n")[-1] == PROSE_EN and TRACKBACKS not in kept, footer


def test_a_first_block_without_its_frame_or_under_half_the_chosen_size_stays_no_article() -> None:
    """The larger note stays chosen when the first block is no post framed by its stamps (nothing timed under it, a
    time with its date: a comment's stamp; a date with a time above it), or is under half the note's size (a
    teaser of its story)."""
    for date, footer in (
        ("October 02, 2012", ["Permalink", "Share"]),
        ("October 02, 2012", ["Posted on 10/02/2012 at 11:28 AM", "Reply"]),
        ("October 02, 2012 at 11:28 AM", ["Posted at 11:28 AM | Permalink"]),
    ):
        kept = remove_boilerplate(_post_page(date, footer))
        assert TRACKBACKS in kept and PROSE_EN not in kept, footer
    teaser = "Read how the council will open the new bridge over the river in the spring, two years late."
    assert len(teaser) < FIRST_BLOCK_SHARE * len(TRACKBACKS)
    kept = remove_boilerplate(_post_page("October 02, 2012", ["Posted at 11:28 AM | Permalink"], teaser))
    assert TRACKBACKS in kept and teaser not in kept


AUTHOR_BIO = (  # about other things than the post: no continuation of it
    "Jane Doe is a prolific blogger, maker, writer and ukulele player living in Leeds with four dogs, two cats and a "
    "lawn that makes the neighbours weep. She has written about knitting, old radios and garden birds for ten years, "
    "and her first book, a guide to mending clothes, came out last year. When she is not writing, she teaches "
    "children to play chess at the library on Saturday mornings."
)


def _byline_page(post: str, bio: str, byline: list[str]) -> str:
    """A blog's post of one paragraph under its day and headline, signed by ``byline``, then the sidebar's box about
    the author, more than twice the post's size; a blank line between lines, as a scraper writes them (so that "Jane
    Doe" and "at" stay two lines)."""
    return "\n\n".join(["Skip to main", "Monday", "A bridge for the town", post, *byline, "Labels:", "bridges", "No comments:",
                      "Post a Comment", "Older Post", "Home", "Search this blog", "Follow me", "Who is behind this blog?",
                      bio, "Contact", "Archive"])


def test_a_box_opening_with_the_bylines_name_is_no_article() -> None:
    """The sidebar's "Jane Doe is a prolific blogger ..." opens with the name the post's byline gives ("Posted by" /
    "Jane Doe" / "at" / "6:35 AM", "By Jane Doe") and a biography verb: the post is the article, though the box is
    more than twice its size and no "About" heading stands over it."""
    assert FIRST_BLOCK_SHARE * len(AUTHOR_BIO) > len(PROSE_EN)
    for byline in (["Posted by", "Jane Doe", "at", "6:35 AM"], ["By Jane Doe", "Share"]):
        kept = remove_boilerplate(_byline_page(PROSE_EN, AUTHOR_BIO, byline))
        assert PROSE_EN in kept and AUTHOR_BIO not in kept, byline


def test_a_paragraph_about_the_author_under_the_byline_or_about_someone_else_stays() -> None:
    """Right under the byline, the paragraph about its author is the article's first (an op-ed's note: "By Jane Doe"
    over "Jane Doe is ..."); a box about someone the bylines do not name, or one that goes on otherwise after the
    name ("Jane Doe wrote ..."), stays the larger block it was."""
    oped = [AUTHOR_BIO, PROSE_EN, PROSE_EN2, PROSE_EN3]
    page = ["Opinion", "A bridge for the town", "By Jane Doe", *oped, "Share", "Email", "Print", "Tweet", "Comments",
            COMMENT_FORM]
    assert remove_boilerplate("\n".join(page)).split("\n")[-4:] == oped
    byline = ["Posted by", "Jane Doe", "at", "6:35 AM"]
    for bio in (AUTHOR_BIO.replace("Jane Doe is", "John Roe is"), AUTHOR_BIO.replace("Jane Doe is", "Jane Doe wrote:")):
        kept = remove_boilerplate(_byline_page(PROSE_EN, bio, byline))
        assert bio in kept and PROSE_EN not in kept, bio[:20]


MENU_BOXES = [  # a site's menu whose items run into the paragraphs of their drop-down boxes
    "Home",
    "BooksMy first book, a guide to mending clothes for people who have never held a needle, is out and selling "
    "well; below is a list of its chapters to give you an idea of what the book is about and who it is for.",
    "Podcast",
    "AboutJane Doe Jane Doe is a blogger, maker and writer living in Leeds, who has written about knitting, old "
    "radios and garden birds for ten years and teaches children to play chess at the library on Saturdays.",
]


def _path_page(path: str) -> str:
    """The menu's boxes, then ``path`` over the post's headline, its byline, two paragraphs and the page's foot."""
    post = ["A bridge for the town", "Posted on: 08-17-2012 by Jane Doe", PROSE_EN, PROSE_EN2]
    return "\n".join([*MENU_BOXES, path, *post, "Share this:", "Related Posts", "1 Comment"])


def test_a_path_ending_with_the_headline_opens_the_article() -> None:
    """"Home / A bridge for the town" right over the headline "A bridge for the town": the article opens there, and
    the menu's boxes above it, prose run into by their items' labels, go though they are one block with the post.
    The path's separators may be any of a breadcrumb's."""
    paths = ("Home / A bridge for the town", "Home » Town » A bridge for the town", "Blogs | A bridge for the town")
    for path in paths:
        kept = remove_boilerplate(_path_page(path))
        assert kept.split("\n")[0] == "A bridge for the town" and PROSE_EN2 in kept, path
        assert not any(box in kept for box in MENU_BOXES[1::2]), path
    section = "\n".join([*MENU_BOXES, "News | Town hall news", "Town hall news", PROSE_EN, PROSE_EN2, "Share this:"])
    assert remove_boilerplate(section).split("\n")[0] == "Town hall news"


def test_a_path_not_ending_with_the_next_line_or_with_no_prose_under_it_cuts_nothing() -> None:
    """The boxes stay with the post (one block, as before) when the path ends with another line than the one under
    it ("Home / Town" over the headline) or with a section's name of one word over that name ("Home / Town" over
    "Town"); and a path with its headline under the article's prose with none after them (a page's foot repeating
    them) cuts nothing."""
    for path in ("Home / Town", "Home / Bridges", "Home / A bridge for the city"):
        kept = remove_boilerplate(_path_page(path))
        assert MENU_BOXES[3] in kept and PROSE_EN2 in kept, path
    one_word = "\n".join([*MENU_BOXES, "Home / Town", "Town", PROSE_EN, PROSE_EN2, "Share this:"])
    assert MENU_BOXES[3] in remove_boilerplate(one_word)
    foot = "\n".join(["Home", MENU_BOXES[1], PROSE_EN, PROSE_EN2, "Home / A bridge for the town", "A bridge for the town"])
    kept = remove_boilerplate(foot)
    assert MENU_BOXES[1] in kept and PROSE_EN in kept
