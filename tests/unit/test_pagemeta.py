"""The published date and the authors of an HTML page (flows.steps.pagemeta)."""

from datetime import date

from flows.steps.pagemeta import named_or_closing_byline, page_people, page_published


def test_a_published_date_keeps_the_pages_day_and_reading() -> None:
    """htmldate's date in UTC, read day first, or taken from a script's comment gives way to what the page says."""
    tokyo = '<script type="application/ld+json">{"datePublished": "20180619T055000+0900"}</script>'
    assert page_published(tokyo, date(2018, 6, 18), "") == date(2018, 6, 19)
    swapped = '<span class="published">3/09/15 8:00am</span><div data-x="%22yMdHmsZ%22%3A%222015-03-09T08%3A00"></div>'
    assert page_published(swapped, date(2015, 9, 3), "") == date(2015, 3, 9)
    assert page_published(swapped + "2015-09-03T08:00", date(2015, 9, 3), "") == date(2015, 9, 3)  # both: htmldate's
    link = '<a href="/archive/2015-03-09/other-story">Other story</a>'  # a link's path is no timestamp
    assert page_published(link, date(2015, 9, 3), "") == date(2015, 9, 3)
    history = "September 11, 2001 -- Twenty years ago today, the towers fell."  # a dateline far from htmldate's
    assert page_published("<p></p>", date(2021, 9, 11), history) == date(2021, 9, 11)
    text = "Babies Who Eat Peanuts Early\nFeb. 23, 2015 -- Life-threatening peanut allergies have mysteriously risen."
    assert page_published("<script>// Updated 2015.02.04 by</script>", date(2015, 2, 4), text) == date(2015, 2, 23)
    assert page_published("<p>no date</p>", None, "April 17, 2015 -- Imagine being sick in the hospital.") == date(2015, 4, 17)
    meta = '<meta property="article:published_time" content="2015-02-04T10:00:00">'
    assert page_published(meta, date(2015, 2, 4), text) == date(2015, 2, 4)  # the structured date stands
    assert page_published("", None, "Harbour reopens -- the mayor spoke on Monday.") is None


def test_an_html_author_is_a_person_not_an_agency_a_publisher_or_a_commenter() -> None:
    cnn = '<meta content="Dana A. Ford, James S.A. Corey, and Tom Watkins, CNN" itemprop="author">'
    assert page_people("Dana A Ford; James S A Corey; Tom Watkins", cnn, site="CNN") == [
        "Dana A. Ford", "James S.A. Corey", "Tom Watkins"
    ]
    assert page_people("Mac; I", "", site="Mac & i") == []
    # initials take the page's full stops only where the page writes the same words
    assert page_people("J A Smith", "<p>by JA Smithfield</p>", site=None) == ["J A Smith"]
    assert page_people("Dana A Ford", "<p>Dana AFord</p>", site=None) == ["Dana A Ford"]
    # an article whose class names its comments is no comment
    post = '<article class="post has-comments"><h1>Harbour reopens</h1><p class="byline">By Jane Doe</p></article>'
    assert page_people("Jane Doe", post, site=None) == ["Jane Doe"]
    # a comment that is an <article> of its own is a comment
    thread = '<section id="comments"><ol class="commentlist"><li><article class="comment"><b>Jane Roe</b> says: yes</article></li></ol></section>'
    assert page_people("Mary Major; Jane Roe", f"<article><h1>Harbour</h1><p>By Mary Major</p></article>{thread}", site=None) == ["Mary Major"]
    assert page_people("Jane Doe", "", site="Jane Doe") == ["Jane Doe"]  # a blog named after its author
    assert page_people("AFP", "", site="Libération.fr") == []
    assert page_people("CNN Wire", "", site="FOX 13") == []
    wired = '<meta name="author" content="Condé Nast"/><meta name="copyright" content="Copyright (c) Condé Nast 2023"/>'
    assert page_people("Condé Nast; Tom Bennett", wired, site="WIRED") == ["Tom Bennett"]
    comment = '<div class="comments"><span class="sf_comment_author">Alcalino</span></div><p>Patricio Candia</p>'
    assert page_people("Alcalino", comment, site=None) == []
    assert page_people("Jane Doe", '<html class="unfollowComments"><p>Jane Doe</p></html>', site=None) == ["Jane Doe"]
    text = "The lesson, as always: you are what you search.\n-- By Michael Russell Follow @tdmrussell"
    # with nobody named, a byline closing the article's text names the author; the names found stand before it
    assert page_people("National Desk", "", site="cleveland.com") == []
    assert named_or_closing_byline([], text) == "Michael Russell"
    assert named_or_closing_byline(["Dana A. Ford", "Tom Watkins"], text) == "Dana A. Ford; Tom Watkins"
    assert named_or_closing_byline([], "The harbour reopened on Monday.") is None


RU = [
    "Газпром в ноябре установил новый суточный рекорд поставок газа в Китай по газопроводу Сила Сибири, сообщила"
    " компания в своем канале.",
    "По данным компании, поставки газа в Китай превысили плановые обязательства по долгосрочному контракту с"
    " китайской компанией.",
    "Аналитики отмечают, что после сокращения экспорта в Европу китайское направление поставок газа стало для"
    " отрасли ключевым.",
]


def _ru_page(head: str, tail: str = "", *, lang: str = ' lang="ru"', prose: list[str] = RU) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in prose)
    return (
        f"<html{lang}><head><title>Газпром увеличил поставки газа в Китай</title></head><body>"
        "<div class='nav'><a href='/'>Главная</a> <a href='/e'>Экономика</a></div>"
        f"<h1>Газпром увеличил поставки газа в Китай</h1>{head}<div class='text'>{paragraphs}</div>{tail}</body></html>"
    )


def test_without_a_date_htmldate_reads_the_date_line_in_the_articles_head_is_taken() -> None:
    """A byline and date between the headline and the article, which trafilatura leaves out, in a language whose
    month names htmldate does not read; the page's declared language gives them."""
    text = "\n".join(RU)
    byline = "<div class='meta'><span>Автор: Сергей Смирнов</span> <span>22 ноября 2026, 16:40</span></div>"
    assert page_published(_ru_page(byline), None, text) == date(2026, 11, 22)
    assert page_published(_ru_page(byline, lang=""), None, text) is None  # no Russian among the month names
    assert page_published(_ru_page(byline, lang=""), None, text, languages=("en", "ru")) == date(2026, 11, 22)
    assert page_published(_ru_page("<div>2026年11月21日08:15 | 来源：人民网</div>"), None, text) == date(2026, 11, 21)


def test_dates_of_related_links_comments_or_the_articles_sentences_are_no_published_date() -> None:
    text = "\n".join(RU)
    related = "<div class='related'><h3>Читайте также</h3><ul><li><a href='/1'>Цены на газ снизились</a> 20 ноября 2026</li></ul></div>"
    comments = "<div class='comments'><h3>Комментарии</h3><p>Иван: 21 ноября 2026</p><p>Согласен.</p></div>"
    assert page_published(_ru_page("", related + comments), None, text) is None
    dated = [RU[0].replace("в ноябре", "22 ноября 2026 года"), *RU[1:]]  # an event in the first sentence
    assert page_published(_ru_page("", prose=dated), None, "\n".join(dated)) is None


def test_the_date_line_in_the_head_is_read_from_the_pages_lines_when_given() -> None:
    page = (
        "<html><body><h1>Floods hit Valencia</h1><p>23 November 2026, 18:45</p>"
        "<p>Heavy rain caused floods in the Spanish region of Valencia on Tuesday, killing at least 200 people.</p>"
        "<p>Rescue teams searched for the missing as the government declared three days of mourning.</p></body></html>"
    )
    text = "Heavy rain caused floods in the Spanish region of Valencia on Tuesday, killing at least 200 people.\nRescue teams searched for the missing as the government declared three days of mourning."
    assert page_published(page, None, text) == date(2026, 11, 23)
    # the page's visible text as the caller has it already: not parsed again from the page
    lines = "Floods hit Valencia\n22 November 2026, 07:10\n" + text
    assert page_published(page, None, text, lines=lines) == date(2026, 11, 22)
