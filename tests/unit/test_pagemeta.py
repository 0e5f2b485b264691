"""The published date and the authors of an HTML page (flows.steps.pagemeta)."""

from datetime import date

from flows.steps.pagemeta import page_author, page_published


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
    assert page_author("Dana A Ford; James S A Corey; Tom Watkins", cnn, site="CNN", text="") == (
        "Dana A. Ford; James S.A. Corey; Tom Watkins"
    )
    assert page_author("Mac; I", "", site="Mac & i", text="") is None
    # initials take the page's full stops only where the page writes the same words
    assert page_author("J A Smith", "<p>by JA Smithfield</p>", site=None, text="") == "J A Smith"
    assert page_author("Dana A Ford", "<p>Dana AFord</p>", site=None, text="") == "Dana A Ford"
    # an article whose class names its comments is no comment
    post = '<article class="post has-comments"><h1>Harbour reopens</h1><p class="byline">By Jane Doe</p></article>'
    assert page_author("Jane Doe", post, site=None, text="") == "Jane Doe"
    # a comment that is an <article> of its own is a comment
    thread = '<section id="comments"><ol class="commentlist"><li><article class="comment"><b>Jane Roe</b> says: yes</article></li></ol></section>'
    assert page_author("Mary Major; Jane Roe", f"<article><h1>Harbour</h1><p>By Mary Major</p></article>{thread}", site=None, text="") == "Mary Major"
    assert page_author("Jane Doe", "", site="Jane Doe", text="") == "Jane Doe"  # a blog named after its author
    assert page_author("AFP", "", site="Libération.fr", text="") is None
    assert page_author("CNN Wire", "", site="FOX 13", text="") is None
    wired = '<meta name="author" content="Condé Nast"/><meta name="copyright" content="Copyright (c) Condé Nast 2023"/>'
    assert page_author("Condé Nast; Tom Bennett", wired, site="WIRED", text="") == "Tom Bennett"
    comment = '<div class="comments"><span class="sf_comment_author">Alcalino</span></div><p>Patricio Candia</p>'
    assert page_author("Alcalino", comment, site=None, text="") is None
    assert page_author("Jane Doe", '<html class="unfollowComments"><p>Jane Doe</p></html>', site=None, text="") == "Jane Doe"
    text = "The lesson, as always: you are what you search.\n-- By Michael Russell Follow @tdmrussell"
    assert page_author("National Desk", "", site="cleveland.com", text=text) == "Michael Russell"
