import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from trafilatura.settings import Document

from flows.models import CleanDocument, Metadata, Reason, Rejection, SourceDocument
from flows.steps.boilerplate import remove_boilerplate
from flows.steps.clean import (
    clean_document,
    cut_after_article,
    drop_repeated_title,
    extract_html,
    post_under_headline,
    without_closing_notice,
    without_leading_links,
    without_trailing_links,
)
from flows.steps.pagetext import page_blocks, parse_page

BODY = "Dies ist ein ausreichend langer Absatz mit mehreren Wörtern, der als Artikeltext dient."


def _doc(text: str, fmt: str = "text", path: str = "c/a.txt") -> SourceDocument:
    return SourceDocument(
        doc_id="d1", source_path=path, format=fmt, markup=fmt, text=text, encoding="utf-8", size_bytes=len(text), source_hash="h"
    )


def test_text_title_from_first_line_when_it_looks_like_one() -> None:
    doc = clean_document(_doc(f"Russland liefert Technik an China\n{BODY}"), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert doc.metadata.title == "Russland liefert Technik an China"
    assert doc.text.startswith("Russland liefert")  # the title stays part of the text


def test_no_title_when_first_line_is_body_text() -> None:
    doc = clean_document(_doc(f"{BODY}\n{BODY}"), min_chars=20)
    assert isinstance(doc, CleanDocument) and doc.metadata.title is None


def test_boilerplate_seam_is_applied() -> None:
    doc = clean_document(_doc(f"{BODY}\nLeave a Comment"), min_chars=20, boilerplate=lambda t: t.split("\n")[0])
    assert isinstance(doc, CleanDocument) and "Leave a Comment" not in doc.text


def test_short_text_is_rejected_with_reason() -> None:
    result = clean_document(_doc("tiny"), min_chars=20)
    assert isinstance(result, Rejection)
    assert result.reason == Reason.EMPTY and result.path == "c/a.txt" and "4 characters" in result.detail


def test_html_main_text_and_metadata() -> None:
    html = f"""<html><head><title>Big news | Example Times</title>
    <meta property="og:site_name" content="Example Times"><meta name="author" content="Jane Roe">
    <meta property="article:published_time" content="2024-05-06T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Big news</h1><p>{BODY} {BODY}</p><p>{BODY}</p></article>
    <footer>Copyright Example Times</footer></body></html>"""
    doc = clean_document(_doc(html, fmt="html", path="c/a.html"), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert BODY in doc.text and "Copyright" not in doc.text
    assert doc.metadata.site == "Example Times"
    assert doc.metadata.author == "Jane Roe"
    assert str(doc.metadata.published) == "2024-05-06"


def test_html_without_content_is_rejected() -> None:
    html = "<html><head><script>var a = 1;</script><style>p{}</style></head><body></body></html>"
    result = clean_document(_doc(html, fmt="html", path="c/a.html"), min_chars=20)
    assert isinstance(result, Rejection) and result.reason == Reason.NO_CONTENT


def test_html_headline_repeating_the_title_is_left_to_the_metadata() -> None:
    html = f"""<html><head><title>Harbour reopens after the storm | Example Times</title></head>
    <body><article><h1>Harbour reopens after the storm</h1><p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>"""
    text, meta = extract_html(html)
    assert text.strip().startswith(BODY)
    assert "Harbour reopens" not in text
    assert meta.title and meta.title.startswith("Harbour reopens after the storm")


def test_only_a_line_like_the_title_at_the_top_is_dropped() -> None:
    title = "Harbour reopens after the storm | Example Times"
    assert drop_repeated_title(f"Harbour reopens after the storm\n{BODY}", title) == BODY
    assert drop_repeated_title(f"Example Times\nHarbour reopens after the storm\n{BODY}", title) == BODY
    lead = "The harbour reopens after the storm that closed it for a week, the port authority said on Monday."
    assert drop_repeated_title(f"{lead}\n{BODY}", title) == f"{lead}\n{BODY}"  # a sentence about it stays
    later = f"{BODY}\n{BODY}\nHarbour reopens after the storm"
    assert drop_repeated_title(later, title) == later  # further down: a related link or a subheading
    assert drop_repeated_title("Harbour reopens after the storm", title) == "Harbour reopens after the storm"
    assert drop_repeated_title(f"Harbour reopens\n{BODY}", None) == f"Harbour reopens\n{BODY}"


def test_html_page_keywords_and_section_become_tags() -> None:
    html = f"""<html><head><title>Talks in Geneva</title>
    <meta name="keywords" content="Wladimir Putin, Vereinte Nationen,  vereinte nationen ;Genf">
    <meta property="article:section" content="Politik"></head>
    <body><article><h1>Talks in Geneva</h1><p>{BODY} {BODY}</p><p>{BODY}</p></article></body></html>"""
    doc = clean_document(_doc(html, fmt="html", path="c/tags.html"), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert doc.metadata.tags == ("Wladimir Putin", "Vereinte Nationen", "Genf", "Politik")


def test_sidecar_tags_replace_the_page_tags() -> None:
    html = f"""<html><head><title>T</title><meta name="keywords" content="page tag"></head>
    <body><article><p>{BODY} {BODY}</p></article></body></html>"""
    doc = clean_document(
        _doc(html, fmt="html", path="c/side.html").model_copy(update={"sidecar": Metadata(tags=("operator tag",))}),
        min_chars=20,
    )
    assert isinstance(doc, CleanDocument)
    assert doc.metadata.tags == ("operator tag",)


def test_file_properties_fill_gaps_and_email_headers_override() -> None:

    text = f"Russland liefert Technik an China\nBERLIN, 3. März 2024 – {BODY}\nVon Erika Muster\n{BODY}"
    props = Metadata(title="Bericht", author="jdoe", published=date(2024, 3, 9), tags=("Russland",))
    base = _doc(text).model_copy(update={"properties": props})
    found = clean_document(base.model_copy(update={"properties": Metadata()}), min_chars=20)
    pdf = clean_document(base.model_copy(update={"format": "pdf"}), min_chars=20)
    mail = clean_document(base.model_copy(update={"format": "email"}), min_chars=20)
    assert isinstance(found, CleanDocument) and isinstance(pdf, CleanDocument) and isinstance(mail, CleanDocument)
    assert found.metadata.published == date(2024, 3, 3)  # the dateline's date
    assert found.metadata.title == "Russland liefert Technik an China"
    # a PDF's or Word file's title is taken; its other properties only fill what the text leaves open
    assert pdf.metadata.title == "Bericht" and pdf.metadata.tags == ("Russland",)
    assert pdf.metadata.published == found.metadata.published and pdf.metadata.author == (found.metadata.author or "jdoe")
    # an e-mail's subject, sender and date are what the message says of itself
    assert (mail.metadata.title, mail.metadata.author, mail.metadata.published) == ("Bericht", "jdoe", date(2024, 3, 9))


def test_a_text_files_front_matter_overrides_what_its_text_suggests() -> None:
    text = f"Russland liefert Technik an China\nBERLIN, 3. März 2024 – {BODY}\nVon Erika Muster\n{BODY}"
    props = Metadata(title="Technik für China", author="Maria Keller", published=date(2024, 3, 9), tags=("Russland",))
    doc = clean_document(_doc(text).model_copy(update={"properties": props}), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert (doc.metadata.title, doc.metadata.author, doc.metadata.published) == ("Technik für China", "Maria Keller", date(2024, 3, 9))
    assert doc.metadata.tags == ("Russland",)


def test_a_saved_web_pages_address_and_subject_fill_what_the_page_leaves_open() -> None:
    props = Metadata(title="Haushalt beschlossen | Beispiel", url="https://www.example.org/haushalt?utm_source=x")
    bare = f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    saved = _doc(bare, fmt="html", path="c/a.mhtml").model_copy(update={"format": "mhtml", "properties": props})
    doc = clean_document(saved, min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert doc.metadata.title == "Haushalt beschlossen | Beispiel"
    assert doc.metadata.url == "https://www.example.org/haushalt" and doc.metadata.site == "example.org"
    own = bare.replace("<html>", '<html><head><title>Der Haushalt</title><link rel="canonical" href="https://news.example.com/h"></head>')
    doc = clean_document(saved.model_copy(update={"text": own}), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert (doc.metadata.title, doc.metadata.url) == ("Der Haushalt", "https://news.example.com/h")


def test_a_news_agency_story_keeps_every_line_and_the_newsrooms_metadata() -> None:
    from flows.steps.formats import Extracted
    from flows.steps.newsxml import extract_nitf
    from tests.documents import nitf_bytes

    story = extract_nitf(nitf_bytes([
        "The city council approved the new budget on Tuesday after a long debate about the city's finances.",
        "Spending on public transport will rise by five percent next year, the mayor said in a statement.",
    ]))
    assert isinstance(story, Extracted)
    doc = _doc(story.text).model_copy(update={"format": "nitf", "properties": story.properties})
    cleaned = clean_document(doc, min_chars=20, boilerplate=remove_boilerplate)
    assert isinstance(cleaned, CleanDocument)
    assert cleaned.text == story.text  # the closing list and table too: no page furniture to remove
    assert (cleaned.metadata.author, cleaned.metadata.published) == ("John Smith", date(2007, 3, 5))
    assert cleaned.metadata.url == "http://query.example.com/story?res=9A0CE"


def test_a_scrapers_article_json_is_its_text_as_extracted_with_its_fields() -> None:
    import json

    from flows.steps.articlejson import extract_article_json
    from flows.steps.formats import Extracted

    lines = [
        "The city council approved the new budget on Tuesday after a long debate about the city's finances.",
        "Spending on public transport will rise by five percent next year, the mayor said in a statement.",
        "What changes", "- Buses every ten minutes", "- Two new tram lines",
    ]
    record = {"maintext": "\n".join(lines), "title": "Budget approved", "date_publish": "2024-03-05 07:00:00"}
    article = extract_article_json(json.dumps(record).encode())
    assert isinstance(article, Extracted)
    doc = _doc(article.text).model_copy(update={"format": "json", "properties": article.properties})
    cleaned = clean_document(doc, min_chars=20, boilerplate=remove_boilerplate)
    assert isinstance(cleaned, CleanDocument) and cleaned.text.split("\n") == lines  # the closing list too
    assert (cleaned.metadata.title, cleaned.metadata.published) == ("Budget approved", date(2024, 3, 5))


def test_a_url_keeps_the_parameters_that_name_the_article() -> None:
    from flows.steps.clean import _clean_url

    assert _clean_url("https://query.example.com/gst/fullpage.html?res=9A0CE1D8&utm_source=feed#top") == (
        "https://query.example.com/gst/fullpage.html?res=9A0CE1D8"
    )
    assert _clean_url("https://example.org/article.php?story=42&ref=homepage") == "https://example.org/article.php?story=42"


def test_gzipped_markdown_is_read_as_markdown() -> None:
    doc = clean_document(_doc(f"## Überschrift\n\n{BODY}", path="c/notes.md.gz"), min_chars=20)
    assert isinstance(doc, CleanDocument) and doc.text.startswith("Überschrift\n")



def _fake_trafilatura(monkeypatch: pytest.MonkeyPatch, option: str, when_set: str, when_not: str) -> list[bool]:
    """trafilatura giving ``when_set`` when its keyword ``option`` is true and ``when_not`` otherwise; returns that
    option's value in each pass asked for."""
    asked: list[bool] = []

    def fake(html: object, **options: object) -> Document:
        asked.append(bool(options.get(option)))
        result = Document()
        result.text = when_set if asked[-1] else when_not
        return result

    monkeypatch.setattr("flows.steps.clean.trafilatura.bare_extraction", fake)
    return asked


def _extractions(monkeypatch: pytest.MonkeyPatch, precise: str, balanced: str) -> list[bool]:
    """trafilatura giving ``precise`` with favor_precision and ``balanced`` without; returns the passes asked for."""
    return _fake_trafilatura(monkeypatch, "favor_precision", precise, balanced)


STANDFIRST = "The console is the most powerful ever made, and it costs more than its rival."
REVIEW = "\n".join(f"Paragraph {i} of the review, about the hardware, the games and the price of it." for i in range(40))


def test_html_precise_text_that_lost_the_article_gives_way_to_the_balanced_one(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _extractions(monkeypatch, STANDFIRST, f"{STANDFIRST}\n{REVIEW}")
    assert extract_html("<html></html>")[0] == f"{STANDFIRST}\n{REVIEW}"
    assert asked == [True, False]


def test_html_precise_blurb_gives_way_to_a_post_six_times_as_long(monkeypatch: pytest.MonkeyPatch) -> None:
    blurb = "Investors often overlook filings, and it is the job of this blog to dig through them for you."
    post = "\n".join(f"Line {i} of the post on the quarter, the margins and the outlook for the firm." for i in range(7))
    _extractions(monkeypatch, blurb, post)  # the sidebar's blurb is about a sixth of the post
    assert extract_html("<html></html>")[0] == post


def test_html_precise_text_stays_when_the_balanced_one_only_adds_furniture(monkeypatch: pytest.MonkeyPatch) -> None:
    article = "\n".join([STANDFIRST] * 8)
    comments = "\n".join(f"Comment {i}: I bought one on launch day and I love it." for i in range(30))
    _extractions(monkeypatch, article, f"{article}\n{comments}")  # nearly four times as long: comments, not the article
    assert extract_html("<html></html>")[0] == article


def test_html_text_ends_before_a_copyright_notice_or_comments_trafilatura_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    for tail in ["Copyright 2024 Example News. All rights reserved.", "12 Comments"]:
        _extractions(monkeypatch, f"{REVIEW}\n{tail}\nI bought one on launch day and I love it, said a reader.", "")
        assert extract_html("<html></html>")[0] == REVIEW, tail


def test_html_text_loses_a_short_items_closing_copyright_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    # too little prose above it for the notice to end the text as a border (``trim_extracted``): at the end it goes
    item = "\n".join(PARAGRAPHS[:2])
    for tail in ["Copyright 2008 The Associated Press. All rights reserved.",
                 "(© 2008 United Press International. All Rights Reserved.\nThis material may not be reproduced.)",
                 "(c) 2008 Reuters. All rights reserved.", "(C) Copyright 2008 Reuters. All rights reserved.",
                 "[© 2008 Reuters. All rights reserved.]"]:
        _extractions(monkeypatch, f"{item}\n{tail}", "")
        assert extract_html("<html></html>")[0] == item, tail


def test_a_copyright_notice_ends_a_text_only_at_its_end() -> None:
    notice = "© 2008 Example Press. All rights reserved."
    above = f"{notice}\n" + "\n".join(PARAGRAPHS)  # further up it may head a text: the border needs prose first
    assert without_closing_notice(above) == above
    assert without_closing_notice(notice) == notice  # nothing would be left


def test_html_text_loses_a_prompt_to_subscribe_that_trafilatura_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    prompt = "Get the latest updates right in your inbox. Subscribe to our newsletters."
    _extractions(monkeypatch, f"{REVIEW}\n{prompt}\n{REVIEW}", "")
    assert extract_html("<html></html>")[0] == f"{REVIEW}\n{REVIEW}"


def test_html_long_precise_text_is_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _extractions(monkeypatch, REVIEW * 2, REVIEW * 40)
    assert extract_html("<html></html>")[0] == REVIEW * 2
    assert asked == [True]


PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network to the northern districts, ending a long debate.",
    "Supporters said the new line would cut commuting times in half for some twenty thousand residents.",
    "Opponents argued that the projected cost of four hundred million euros was too high for the city.",
    "Construction is expected to begin next spring, and the first trams could run by the end of the decade.",
]
NAVIGATION = ["Home", "Local news", "Business", "Sports", "Weather", "Obituaries", "Classifieds", "Contact us"]


def _table_layout_page(article: str) -> str:
    navigation = "".join(f"<tr><td><a href='/s{i}'>{name}</a></td></tr>" for i, name in enumerate(NAVIGATION))
    return f"""<html><head><title>Council backs tram extension - Example Gazette</title></head><body>
<table width="100%"><tr><td colspan="2"><h2>Example Gazette</h2></td></tr>
<tr><td width="150"><table>{navigation}</table></td><td><h1>Council backs tram extension</h1>{article}
<table><tr><td><a href="/print">Print this story</a></td><td><a href="/mail">E-mail this story</a></td></tr></table>
</td></tr><tr><td colspan="2">Copyright 2008 Example Gazette. All rights reserved.</td></tr></table></body></html>"""


def test_html_laid_out_with_tables_loses_its_navigation_cells() -> None:
    text, meta = extract_html(_table_layout_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS)))
    assert text.split("\n") == PARAGRAPHS
    assert meta.title == "Council backs tram extension"  # the headline, left to the metadata


def test_html_table_layout_route_is_refused_when_the_rules_drop_most_of_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _table_layout_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    extracted = extract_html(page)[0]
    monkeypatch.setattr("flows.steps.clean.remove_boilerplate", lambda text: PARAGRAPHS[0])
    assert extract_html(page)[0] != PARAGRAPHS[0]  # under 40 % of the words: trafilatura's text stays
    assert all(name in extract_html(page)[0] for name in NAVIGATION)
    assert extracted == "\n".join(PARAGRAPHS)


def test_html_table_layout_route_is_refused_when_the_rules_add_text(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _table_layout_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    thread = [f"Reader {i}: I take this tram every day, and it is always full." for i in range(12)]
    monkeypatch.setattr("flows.steps.clean.remove_boilerplate", lambda text: "\n".join(PARAGRAPHS + thread))
    text = extract_html(page)[0]  # more words than trafilatura's text: the rules took in a comment thread
    assert "Reader 0" not in text and all(name in text for name in NAVIGATION)


def _rows_and_outside(monkeypatch: pytest.MonkeyPatch, rows: str, outside: str) -> list[bool]:
    """trafilatura giving ``rows`` with tables and ``outside`` without; returns ``include_tables`` of each pass."""
    return _fake_trafilatura(monkeypatch, "include_tables", rows, outside)


#: what trafilatura takes from a page laid out with tables: the article's paragraphs with the navigation, as rows
LAYOUT_ROWS = "\n".join([*(f"| {name} | |" for name in NAVIGATION), *(f"| | {p} |" for p in PARAGRAPHS)])
#: what it finds outside the tables: the article's paragraphs, as it reads them (its words, here in other lines)
OUTSIDE = [" ".join(PARAGRAPHS[:2]), " ".join(PARAGRAPHS[2:])]


def test_html_laid_out_with_tables_takes_the_article_trafilatura_finds_outside_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _rows_and_outside(monkeypatch, LAYOUT_ROWS, "\n".join(OUTSIDE))
    page = _table_layout_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    assert extract_html(page)[0].split("\n") == OUTSIDE  # not the page's own lines (the plain-text route's)
    assert asked == [True, True, False]  # precise, balanced (a short text), then outside the tables
    monkeypatch.setattr("flows.steps.clean.has_layout_table", lambda root: False)
    assert extract_html(page)[0] == LAYOUT_ROWS  # rows of a data table: trafilatura's text stays


def test_html_text_outside_the_tables_that_is_another_part_of_the_page_is_not_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sidebar = "Our pick: Zermatt's best hotels, chalets and spas, with restaurants where skiers eat well after dark."
    _rows_and_outside(monkeypatch, LAYOUT_ROWS, f"{sidebar}\n{PARAGRAPHS[0][:40]}")  # under half its words in the rows
    page = _table_layout_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    text = extract_html(page)[0]
    assert "Zermatt" not in text and text.endswith("\n".join(PARAGRAPHS))  # the page's text, cleaned by the rules


def test_html_laid_out_with_tables_whose_rows_are_its_links_takes_the_pages_cleaned_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # trafilatura kept the navigation cell's rows, all links, and found nothing outside the tables: the article is
    # in the page's text, longer than the rows and sharing few of their words (a title that is no heading of the
    # page, so that no post under a headline replaces the rows)
    rows = "\n".join(f"| {name} |" for name in NAVIGATION)
    _rows_and_outside(monkeypatch, rows, "")
    page = _table_layout_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    page = page.replace("Council backs tram extension - Example Gazette", "Front page")
    text = extract_html(page)[0]
    assert text.endswith("\n".join(PARAGRAPHS)) and "Obituaries" not in text
    # rows of words that are no links stay (the rules took in more than trafilatura did)
    rows = "\n".join(f"| {name} news |" for name in NAVIGATION)
    _rows_and_outside(monkeypatch, rows, "")
    assert extract_html(page)[0] == rows


def test_html_data_table_stays_a_table() -> None:
    rows = "".join(f"<tr><td>{i}</td><td>Team {i}</td><td>{60 - 2 * i}</td></tr>" for i in range(1, 19))
    page = f"""<html><head><title>Standings</title></head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><p>{PARAGRAPHS[0]}</p><table><tr><th>Pos</th><th>Team</th><th>Points</th></tr>{rows}</table></article>
<footer><p>Copyright 2024 Example Sports. All rights reserved.</p></footer></body></html>"""
    text = extract_html(page)[0]
    assert "| 18 | Team 18 | 24 |" in text  # trafilatura's rows: no layout table, so no plain-text route
    assert "Copyright" not in text


def test_a_published_date_after_the_run_is_not_believed_unless_the_sidecar_says_so() -> None:

    text = f"Olympia in Brisbane\n23. Juli 2032\n{BODY}\n{BODY}"
    today = date(2026, 11, 22)
    assert clean_document(_doc(text), min_chars=20).metadata.published == date(2032, 7, 23)  # type: ignore[union-attr]
    doc = clean_document(_doc(text), min_chars=20, today=today)
    assert isinstance(doc, CleanDocument) and doc.metadata.published is None
    past = clean_document(_doc(text.replace("2032", "2024")), min_chars=20, today=today)
    assert past.metadata.published == date(2024, 7, 23)  # type: ignore[union-attr]
    stated = _doc(text).model_copy(update={"sidecar": Metadata(published=date(2032, 7, 23))})
    assert clean_document(stated, min_chars=20, today=today).metadata.published == date(2032, 7, 23)  # type: ignore[union-attr]


def test_the_page_url_loses_tracking_parameters() -> None:
    html = f"""<html><head><title>Reform</title>
    <meta property="og:url" content="https://news.example.org/politik/reform-100.html?utm_source=twitter&utm_medium=social#top">
    </head><body><article><p>{BODY} {BODY}</p></article></body></html>"""
    _, meta = extract_html(html)
    assert meta.url == "https://news.example.org/politik/reform-100.html"


def test_json_ld_keywords_become_tags() -> None:
    html = f"""<html><head><title>Wheat prices rise</title>
    <script type="application/ld+json">{{"@graph": [{{"@type": "NewsArticle", "keywords": ["wheat", "drought"],
      "articleSection": "Markets"}}]}}</script>
    <script type="application/ld+json">{{"@type": "NewsArticle", "keywords": "grain, Wheat"}}</script>
    <script type="application/ld+json">{{not json</script>
    </head><body><article><p>{BODY} {BODY}</p></article></body></html>"""
    _, meta = extract_html(html)
    assert meta.tags[:3] == ("wheat", "drought", "grain")  # one spelling per tag ("Wheat" is the same)
    assert "Wheat" not in meta.tags


def test_a_page_trafilatura_cannot_parse_logs_no_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG"):
        extract_html("<script>var x = 'only a script, no page';</script>")
    assert not [r for r in caplog.records if r.name.startswith("trafilatura") and r.levelname == "ERROR"]


def test_a_scraped_pages_title_byline_and_date_come_from_the_articles_head() -> None:
    prose = [
        "The city council voted on Tuesday to extend the harbour tram line by four stops, ending a dispute over"
        " the cost of the tram and the route it should take through the old town that has run for a decade.",
        "Supporters of the tram extension said the new stops would serve the growing harbour district, where"
        " some ten thousand people now live and where the council expects three thousand more homes.",
    ]
    menu = ["Home", "News", "Local", "Sport", "Weather", "Opinion", "Share on Facebook", "Share on X", "Print"]
    page = "\n".join([*menu, "Council backs harbour tram extension", "By Jane Doe", "12 March 2024", *prose])
    doc = clean_document(_doc(page), min_chars=20, boilerplate=remove_boilerplate)
    assert isinstance(doc, CleanDocument)
    meta = doc.metadata
    assert (meta.title, meta.author, meta.published) == ("Council backs harbour tram extension", "Jane Doe", date(2024, 3, 12))


def test_the_sites_name_after_a_title_is_left_to_the_site() -> None:
    from flows.steps.clean import without_site_name

    assert without_site_name("Harbour reopens | Example Times", "Example Times") == "Harbour reopens"
    assert without_site_name("Court rules on tram - CNN Politics", "CNN") == "Court rules on tram"  # name and section
    assert without_site_name("Netflix plans - Remember 80/90 - Memorabilia", "Remember 80/90 - Memorabilia") == "Netflix plans"
    assert without_site_name("Opinion | Is the tram worth it?", "Example Times") == "Opinion | Is the tram worth it?"
    assert without_site_name("Take C.A.R.E. - comwrap at the fair in Cologne", "Comwrap") == "Take C.A.R.E. - comwrap at the fair in Cologne"
    assert without_site_name("Harbour | Example Times", "Example Times") == "Harbour | Example Times"  # one word left
    assert without_site_name("Harbour reopens | Example Times", None) == "Harbour reopens | Example Times"


def test_a_title_loses_a_chain_of_sections_and_the_sites_name() -> None:
    from flows.steps.clean import without_site_name

    assert without_site_name("Judge rules on the harbour tram -- Example.net", "Example.net") == "Judge rules on the harbour tram"
    chained = "Anticorrupción decidirá en Madrid si recurre la imputación » Local » Noticias » Ultima Hora Mallorca"
    assert without_site_name(chained, "UHmallorca") == "Anticorrupción decidirá en Madrid si recurre la imputación"
    assert without_site_name("Get your Frontend JavaScript Code Covered | Code | Jane Doe", None) == (
        "Get your Frontend JavaScript Code Covered"
    )
    # a chain whose first part is short, or whose parts after it are long, is left
    assert without_site_name("Opinion | The tram | Example Times", None) == "Opinion | The tram | Example Times"
    assert without_site_name("Harbour reopens after storm | Mayor says the damage is huge | News", None) == (
        "Harbour reopens after storm | Mayor says the damage is huge | News"
    )


def test_an_h1_opening_the_title_before_a_short_name_is_the_headline() -> None:
    from flows.steps.clean import _h1_headline

    assert _h1_headline("短缺药品保供稳价 全力保障临床用药需求-新华网", ["短缺药品保供稳价 全力保障临床用药需求"]) == "短缺药品保供稳价 全力保障临床用药需求"
    assert _h1_headline("Court files expose the security team -- Sott.net", ["Court files expose the security team"]) == (
        "Court files expose the security team"
    )
    assert _h1_headline("Example Times | Harbour reopens", ["Example Times"]) == "Example Times | Harbour reopens"
    assert _h1_headline("Harbour reopens: what the mayor said", ["Harbour reopens"]) == "Harbour reopens: what the mayor said"


def test_an_html_title_loses_the_sites_name() -> None:
    title = "Harbour reopens after the storm - Example Times Politics"  # as og:title: trafilatura keeps it whole
    html = f"""<html><head><title>{title}</title><meta property="og:title" content="{title}">
    <meta property="og:site_name" content="Example Times"></head><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"""
    assert extract_html(html)[1].title == "Harbour reopens after the storm"


def test_seed_004s_site_byline_is_the_site_and_not_the_author() -> None:
    """"by time news" under the headline names the publication: read once, it is the site only."""
    seed = Path(__file__).resolve().parents[2] / "seeds" / "004_0ea8069e22714357.txt"
    doc = clean_document(_doc(seed.read_text(encoding="utf-8")), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert (doc.metadata.site, doc.metadata.author) == ("time news", None)


def test_html_dates_are_not_guessed_from_copyright_years_or_links() -> None:
    """htmldate's extensive search read "© 1998–2015" as 1998-01-01 and a link's sid=03/01/24 as a date."""
    body = " ".join(["The council met on the harbour to discuss the tram line and its costs for the town."] * 8)
    html = (
        "<html><head><title>Council backs the harbour tram</title></head><body><article>"
        f"<h1>Council backs the harbour tram</h1><p>{body}</p><p>{body}</p></article>"
        '<footer><p>© 1998–2015 Example Press</p><a href="/article.pl?sid=03/01/24/1234">older story</a></footer>'
        "</body></html>"
    )
    assert extract_html(html)[1].published is None
    dated = html.replace("<head>", '<head><meta property="article:published_time" content="2024-03-12">')
    assert extract_html(dated)[1].published == date(2024, 3, 12)


def test_submitted_names_nobody() -> None:
    from flows.steps.metadata import tidy_author

    assert tidy_author("Submitted") is None


def test_a_logo_heading_gives_way_to_the_page_title_part_naming_the_article() -> None:
    """trafilatura takes a lone <h1> (here the site's logo) for the title; the part of the page's <title> that
    names the article's subject is the title instead, without the site's name."""
    body = " ".join(
        ["Roasting a thanksgiving turkey takes patience: brine the turkey overnight and roast it slowly."] * 6
    )
    html = (
        "<html><head><title>Thanksgiving turkey basics for beginners | Sassy Radish</title></head><body>"
        '<header><h1><a href="/">Sassy Radish</a></h1></header>'
        f"<article><p>{body}</p><p>{body}</p></article></body></html>"
    )
    assert extract_html(html)[1].title == "Thanksgiving turkey basics for beginners"


def test_a_blogs_name_in_the_h1_gives_way_to_the_headline_beside_it_in_the_page_title() -> None:
    """A blog's name in its lone <h1> ("Ferry Watcher") is a whole part of the page's <title>; the text uses one of
    its words, but the other part is the headline: the text uses more of its words, and a larger share."""
    body = " ".join(["The island's new ferry sailed on Monday; the ferry carries cars and the island's post."] * 6)
    html = (
        "<html><head><title>Ferry Watcher: A new ferry for the island</title></head><body>"
        f"<header><h1>Ferry Watcher</h1></header><article><p>{body}</p><p>{body}</p></article></body></html>"
    )
    assert extract_html(html)[1].title == "A new ferry for the island"
    html = html.replace("Ferry Watcher: A new ferry for the island", "A new ferry for the island - Ferry Watcher")
    assert extract_html(html)[1].title == "A new ferry for the island"


def test_a_headline_keeps_its_title_beside_a_shorter_name_or_a_tagline() -> None:
    """The headline in the <h1> stays the title beside what follows it in the page's <title>: the columnist's
    name (shorter than a headline), or the site's tagline of its subjects."""
    body = " ".join(["Jane Doe writes that the island's new ferry sailed on Monday, as Jane Doe had hoped."] * 6)
    page = "<html><head><title>{}</title></head><body><article><h1>Island ferry sails</h1><p>{}</p><p>{}</p></article></body></html>"
    assert extract_html(page.format("Island ferry sails - Jane Doe", body, body))[1].title == "Island ferry sails"
    tagline = "Island ferry sails | Ferry news, island news, ferry times, island weather, Jane Doe"
    assert extract_html(page.format(tagline, body, body))[1].title == "Island ferry sails"


def test_a_sidecar_url_loses_its_tracking_parameters_like_a_page_url() -> None:
    doc = _doc(f"Titel\n{BODY}").model_copy(
        update={"sidecar": Metadata(url="https://example.org/a?utm_source=feed&utm_medium=rss&id=5")}
    )
    cleaned = clean_document(doc, min_chars=20)
    assert isinstance(cleaned, CleanDocument)
    assert cleaned.metadata.url == "https://example.org/a?id=5"


def test_a_file_property_date_of_year_one_is_no_publication_date() -> None:
    doc = _doc(f"Titel\n{BODY}").model_copy(update={"properties": Metadata(published=date(1, 1, 1))})
    cleaned = clean_document(doc, min_chars=20)
    assert isinstance(cleaned, CleanDocument) and cleaned.metadata.published is None


def test_a_text_opening_with_title_byline_and_date_keeps_its_title() -> None:
    """Boilerplate removal drops the three short lines as a list; the title is still the first line."""
    text = f"Brücke über den Fluss wird gebaut\n\nVon Anna Weber\n\n12. März 2024\n\n{BODY} {BODY}\n\n{BODY}"
    cleaned = clean_document(_doc(text), min_chars=20, boilerplate=remove_boilerplate)
    assert isinstance(cleaned, CleanDocument)
    assert (cleaned.metadata.title, cleaned.metadata.author) == ("Brücke über den Fluss wird gebaut", "Anna Weber")
    assert cleaned.metadata.published == date(2024, 3, 12)
    one_word = clean_document(_doc(text.replace("Brücke über den Fluss wird gebaut", "Startseite")), min_chars=20, boilerplate=remove_boilerplate)
    assert isinstance(one_word, CleanDocument) and one_word.metadata.title is None  # a menu word is no title


def _nested_page(depth: int) -> str:
    article = " ".join(["Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung der Bahn beschlossen."] * 6)
    return (
        "<html><head><title>Bahn</title></head><body><ul><li>Start</li><li>Politik</li></ul>"
        + "<div>" * depth + f"<h1>Neues Bahngesetz beschlossen</h1><p>{article}</p>" + "</div>" * depth
        + "</body></html>"
    )


def test_a_page_nested_deeper_than_trafilaturas_parser_keeps_its_article() -> None:
    """trafilatura's parser drops what lies below 256 levels of nesting: only the menu was left."""
    text, meta = extract_html(_nested_page(400))
    assert text.startswith("Der Bundestag hat am Donnerstag") and "Politik" not in text
    assert meta.title == "Neues Bahngesetz beschlossen"
    assert extract_html(_nested_page(10)) == (text, meta)


def test_a_page_nested_beyond_every_parser_is_rejected_naming_the_depth() -> None:
    result = clean_document(_doc(_nested_page(3000), fmt="html", path="c/deep.html"), min_chars=100)
    assert isinstance(result, Rejection) and result.reason == Reason.NO_CONTENT
    assert "nested more than 2048 levels deep" in result.detail
    shallow = clean_document(_doc("<html><body><p>Kurz.</p></body></html>", fmt="html", path="c/a.html"), min_chars=100)
    assert isinstance(shallow, Rejection) and "nested" not in shallow.detail


def _tram_page(depth: int = 0) -> str:
    rows = "".join(f"<tr><td>Stop {i}</td><td>{i} min</td></tr>" for i in range(4))
    return (
        "<html><head><title>Council backs tram extension</title><meta name=\"author\" content=\"Jane Roe\"></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>" + "<div>" * depth
        + f"<article><h1>Council backs tram extension</h1><p>{PARAGRAPHS[0]}</p><table>{rows}</table><p>{PARAGRAPHS[1]}</p>"
        f"<aside><p>Related: {PARAGRAPHS[2]}</p></aside></article><div class='comments'><div class='comment'>"
        "<span class='comment-author'>Jane Roe</span><p>I agree with this plan.</p></div></div>" + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [0, 300])
def test_trafilaturas_passes_on_one_tree_read_it_as_parsed(depth: int) -> None:
    """A page read from a tree (nested deeper than trafilatura's parser goes, quoting posts) is read by each pass
    from that one tree: each pass gives what it gives on a tree of its own, whatever the passes before it pruned."""
    import trafilatura

    from flows.steps import clean

    html = _tram_page(depth)

    def passes(tree: Callable[[], HtmlElement | None]) -> list[str]:
        return [
            clean._extraction(tree(), precise=True).text or "",
            clean._extraction(tree(), precise=False).text or "",
            clean._extraction(tree(), precise=True, tables=False).text or "",
            trafilatura.baseline(tree())[1],
        ]

    shared = parse_page(html)
    assert passes(lambda: shared) == passes(lambda: parse_page(html))


def test_an_html_author_named_in_the_head_and_in_a_comment_is_the_author() -> None:
    """The page's tree is read for the author's comments as parsed, with its head: reading the page's lines
    (``pagetext.page_blocks``) leaves the head out, and the name would stand in the comments alone."""
    assert extract_html(_tram_page())[1].author == "Jane Roe"


def test_a_pages_lines_are_not_kept_past_it_when_its_reading_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    """A time limit stops the reading of a page (``limits.DocumentTimeout``) after its lines were placed: the caches
    of the page are emptied all the same."""
    from flows.steps import boilerplate, clean

    class Stopped(Exception):
        pass

    def stop(text: str, page: object) -> str:
        raise Stopped

    monkeypatch.setattr("flows.steps.clean.with_lead_in_body", stop)
    with pytest.raises(Stopped):
        extract_html(_tram_page())
    caches = [clean._placed, clean._page_index, clean._cleaned, clean._page_headings, boilerplate._kept_shingles]
    assert [cache.cache_info().currsize for cache in caches] == [0] * len(caches)


def test_a_scraped_pages_author_named_under_the_headline_without_by() -> None:
    prose = " ".join(["The council voted on Tuesday to extend the harbour tram line by four stops after a long dispute."] * 4)
    text = "\n".join(["Home", "News", "Council backs harbour tram extension", "Sarah Archer", "1:39 PM ET", prose, "Leave a Comment"])
    result = clean_document(_doc(text), min_chars=20, boilerplate=remove_boilerplate)
    assert isinstance(result, CleanDocument)
    assert result.metadata.title == "Council backs harbour tram extension" and result.metadata.author == "Sarah Archer"


@pytest.mark.parametrize(
    ("given", "site"),
    [
        ("BBC News", "BBC News"),
        ("Der Spiegel", "Der Spiegel"),
        ("http://www.tmz.com", "tmz.com"),
        ("www.kansascity.com | 01/12/2008", "kansascity.com"),
        ("Goal.com - Chelsea", "Goal.com"),
        ("NEWS.com.au</SPAN>", "NEWS.com.au"),
        ('<SPAN class="x">Allardyce leaves Magpies - Football News | SPORTBOX.tv', "SPORTBOX.tv"),
        ("Beyond the Beyond from Wired.com", "Wired.com"),
        ("Web Design from Scratch", "Web Design from Scratch"),  # "from" before a host only
        ("Copyright (c) 2012 ABC News Internet Ventures", "ABC News Internet Ventures"),
        ("www.azstarnet.com ®", "azstarnet.com"),
        ("Android Police - Android News, Apps, Games, Phones, Tablets", "Android Police"),
        ("Ne(OAS_version >= 11) document.write('", None),
        ("Toronto Maple Leafs vs. Boston Bruins Pre-Game Report", None),  # a headline, not a name
        ("Sacred Heart wins debut", None),  # the title itself
        ("...", None),  # a placeholder
        ("Monday 11.12.12", None),  # a date in a blog's header
        ("12 March", None),
        ("01/12/2008", None),
        ("Juni 2024", None),
        ("538", "538"),  # a number alone is a name, not a date
        ("1843", "1843"),
        ("24/7", "24/7"),
        ("1843 Magazine", "1843 Magazine"),
        ("Wday_", None),  # a social media handle (twitter:site)
        ("@nytimes", None),
        ("", None),
    ],
)
def test_tidy_site(given: str, site: str | None) -> None:
    from flows.steps.clean import tidy_site

    assert tidy_site(given, title="Sacred Heart wins debut") == site


@pytest.mark.parametrize(
    ("author", "site_names", "expected"),
    [
        ("Alan Boyle NBC News", ("msnbc.com", "NBCNews.com"), "Alan Boyle"),  # the <title>'s host, without ".com"
        ("Finian Cunningham Sputnik International", ("SputnikInt", "Sputnik International"), "Finian Cunningham"),
        ("Walter O'Brien; NJ com", ("NJ.com",), "Walter O'Brien"),
        ("World News", ("World News",), None),  # the site (a section of it) as its own author
        ("LinkNaija", ("LinkNaija", "linknaija.com"), None),
        ("CBSNews com", ("CBS News", "cbsnews.com"), None),
        ("Polly Toynbee", ("Polly Toynbee",), "Polly Toynbee"),  # a columnist's name closing the <title>
        ("Seth Godin", ("sethgodin.com",), "Seth Godin"),  # a blog named after its writer
        ("Jane Doe News", ("Example Times",), "Jane Doe News"),
        ("Jane Doe", (None, ""), "Jane Doe"),
    ],
)
def test_author_without_site(author: str, site_names: tuple[str | None, ...], expected: str | None) -> None:
    from flows.steps.clean import author_without_site

    assert author_without_site(author, site_names) == expected


@pytest.mark.parametrize(
    ("author", "domain", "expected"),
    [
        ("Jane Doe BBC", "bbc.co.uk", "Jane Doe"),  # the registered domain's name, past a two-label suffix
        ("Jane Doe ABC", "abc.net.au", "Jane Doe"),
        ("Jane Doe", "janedoe.com", "Jane Doe"),  # a blog named after its writer
        ("Jane Doe Smith", None, "Jane Doe Smith"),
    ],
)
def test_author_without_site_names_the_registered_domain(author: str, domain: str | None, expected: str) -> None:
    from flows.steps.clean import author_without_site

    assert author_without_site(author, ("BBC News", "news.bbc.co.uk"), domain=domain) == expected


@pytest.mark.parametrize(
    ("title", "author", "canonical", "expected"),
    [
        # the registered domain's name after the writer's, at a country-code domain
        ("Council backs tram extension - BBC News", "Jane Doe BBC", "https://www.bbc.co.uk/news/uk-123", "Jane Doe"),
        # the site's name of the <title>'s last part after the writer's
        ("Council backs tram extension - Technology - NBCNews.com", "Alan Boyle NBC News", None, "Alan Boyle"),
    ],
)
def test_an_html_authors_site_name_after_the_person_goes(
    title: str, author: str, canonical: str | None, expected: str
) -> None:
    prose = " ".join(["The council voted on Tuesday to extend the harbour tram line by four stops after a long dispute."] * 4)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    html = (
        f'<html><head><title>{title}</title><meta name="author" content="{author}">{link}</head><body><article>'
        f"<h1>Council backs tram extension</h1><p>{prose}</p></article></body></html>"
    )
    assert extract_html(html)[1].author == expected


@pytest.mark.parametrize(
    ("site", "url", "domain", "tag", "expected"),
    [
        ("Well", "http://well.blogs.nytimes.com/2012/11/05/a/", "nytimes.com", "Headline - NYTimes.com", "NYTimes.com"),
        ("Gadgetwise Blog", "http://gadgetwise.blogs.nytimes.com/a/", "nytimes.com", "Q&A: Headline - NYTimes.com",
         "NYTimes.com"),
        ("apple.slashdot.org", "http://apple.slashdot.org/story/1", "slashdot.org", "Headline - Slashdot", "Slashdot"),
        # a blog on a network's host: the <title> names no domain
        ("Angry by Choice", "http://angrybychoice.fieldofscience.com/a", "fieldofscience.com", "Angry by Choice: A Night",
         "Angry by Choice"),
        ("World News", "http://worldnews.example.com/a", "example.com", "Headline - World News", "World News"),
        ("The Guardian", "http://www.guardian.co.uk/a", "guardian.co.uk", "Headline | guardian.co.uk", "The Guardian"),
        ("Opinion", "http://opinion.example.com/a", "example.com", "Headline", "Opinion"),  # no <title> parts
        ("Well", None, None, "Headline - NYTimes.com", "Well"),
    ],
)
def test_paper_site(site: str, url: str | None, domain: str | None, tag: str, expected: str) -> None:
    from flows.steps.clean import paper_site

    assert paper_site(site, url=url, domain=domain, title_tag=tag) == expected


def test_an_html_pages_site_is_the_paper_not_its_blog() -> None:
    html = (
        "<html><head><title>Budget passes - NYTimes.com</title>"
        '<meta property="og:site_name" content="The Caucus">'
        '<meta property="og:url" content="http://thecaucus.blogs.nytimes.com/2012/07/24/budget/">'
        f"</head><body><article><h1>Budget passes</h1><p>{' '.join(['The council approved the budget.'] * 8)}</p>"
        "</article></body></html>"
    )
    assert extract_html(html)[1].site == "NYTimes.com"


def test_a_page_without_a_site_name_is_named_by_its_hosts() -> None:
    html = (
        '<html><head><title>Budget</title><link rel="canonical" href="https://www.example-times.com/budget"></head>'
        f"<body><article><p>{' '.join(['The council approved the budget for the harbour tram on Tuesday.'] * 5)}</p>"
        "</article></body></html>"
    )
    result = clean_document(_doc(html, fmt="html", path="c/a.html"), min_chars=20)
    assert isinstance(result, CleanDocument) and result.metadata.site == "example-times.com"
    assert result.metadata.url == "https://www.example-times.com/budget"


def test_a_text_documents_sidecar_url_names_the_site_unless_a_site_is_given() -> None:
    url_only = _doc(f"Titel\n{BODY}").model_copy(update={"sidecar": Metadata(url="https://www.example.org/a")})
    named = _doc(f"Titel\n{BODY}").model_copy(update={"sidecar": Metadata(url="https://www.example.org/a", site="Example")})
    results = [clean_document(doc, min_chars=20) for doc in (url_only, named, _doc(f"Titel\n{BODY}"))]
    assert [r.metadata.site for r in results if isinstance(r, CleanDocument)] == ["example.org", "Example", None]


def test_html_posts_the_article_quotes_stay_and_share_buttons_do_not() -> None:
    tweet = "Yes this is real and the state spent nearly half a million dollars on the new campaign."
    paragraphs = "".join(f"<p>{BODY} {i}</p>" for i in range(6))
    html = f"""<html><head><title>Slogan draws jokes</title></head><body><article><h1>Slogan draws jokes</h1>
    {paragraphs}<p>A whole lot of people on Twitter pointed it out.</p>
    <div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">{tweet}</p>
    — Jane Roe (@janeroe) November 18, 2019</blockquote>
    <script async src="https://platform.twitter.com/widgets.js"></script></div>
    <p>{BODY} Ende.</p><div class="social-share"><p>Share this article on Facebook and Twitter today.</p></div>
    </article></body></html>"""
    text, _ = extract_html(html)
    assert tweet in text and "Jane Roe (@janeroe)" in text and "Ende." in text
    assert "Share this article" not in text


def _article_with_box(box: str) -> str:
    return f"""<html><head><title>Council backs tram extension</title></head><body><article>
<h1>Council backs tram extension</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{box}<p>{PARAGRAPHS[3]}</p>
</article><footer><p>Example Gazette</p></footer></body></html>"""


def test_html_prose_trafilatura_dropped_inside_the_article_goes_back_in() -> None:
    # trafilatura discards a container whose class says "social" or "embed", whatever it holds
    text, _ = extract_html(_article_with_box(f'<div class="social-embed"><p>{PARAGRAPHS[2]}</p></div>'))
    assert text.split("\n") == PARAGRAPHS


def test_html_links_trafilatura_dropped_inside_the_article_stay_out() -> None:
    teasers = "".join(f"<li><a href='/t{i}'>Tram news {i}: what changes for riders</a></li>" for i in range(4))
    text, _ = extract_html(_article_with_box(f'<div class="social-links"><ul>{teasers}</ul></div>'))
    assert text.split("\n") == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3]]


JAPANESE = [
    "でも、お金がとてもたくさんかかるので、やめたほうがいいという人もいて、みんなでよく話し合うことになりました。",
    "計画を支持する人々は、新しい路線によって約二万人の住民の通勤時間が半分になると述べています。",
    "それでも、みんなはこれからもいっしょにがんばっていきたいと話していて、とてもうれしそうなようすでした。",
]


def test_html_a_paragraph_with_ruby_readings_or_formulas_is_not_put_back_twice() -> None:
    # trafilatura drops <rt> and <math>; the page's own copy of the paragraph must not look like a missing one
    def readings(text: str) -> str:  # a reading over every run of kanji, as pages for learners set them
        return re.sub(r"[\u4e00-\u9fff]+", lambda m: f"<ruby>{m[0]}<rt>{'よみ' * len(m[0])}</rt></ruby>", text)

    def formula(name: str) -> str:
        return f"<math><mi>{name}</mi><mo>+</mo><msup><mi>y</mi><mn>2</mn></msup><mo>=</mo><mn>1</mn></math>"

    terms = (
        f"We consider the curve {formula('x')} and the family {formula('a')}, {formula('b')} and {formula('c')} of its "
        f"translates, where each of the terms {formula('u')} and {formula('v')} is taken over the whole of the real line."
    )
    for paragraphs in ([readings(p) for p in JAPANESE], [PARAGRAPHS[0], terms, *PARAGRAPHS[1:]]):
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        text, _ = extract_html(f"<html><head><title>T</title></head><body><article>{body}</article></body></html>")
        assert len(text.split("\n")) == len(paragraphs), text


def test_html_prose_put_back_does_not_move_where_trafilatura_ended_the_article() -> None:
    # a "Comments" line trafilatura kept inside the story ends the text only after 150 words of prose: the words of
    # a paragraph put back before it do not count towards them
    dropped = (
        "The vote came after a heated session that lasted more than six hours, during which several hundred residents "
        "gathered outside the town hall to follow the debate on large screens set up by the city. Many of them had "
        "waited for a fast link to the centre since the old line was closed, and they cheered when the result was "
        "read out. Shop owners along the planned route were less pleased, since they fear that the building works "
        "will keep their customers away for at least two years, and they asked the council for help with the losses "
        "that they expect. The council promised to set up a fund for them before the works begin in the spring."
    )
    body = f"<p>{PARAGRAPHS[0]}</p><div class='social-embed'><p>{dropped}</p></div><p>{PARAGRAPHS[2]}</p>"
    body += "<p><strong>Comments (34)</strong></p>" + "".join(f"<p>{p} More.</p>" for p in PARAGRAPHS)
    html = f"<html><head><title>Tram</title></head><body><article>{body}</article></body></html>"
    text, _ = extract_html(html)
    assert dropped in text and text.split("\n")[-1] == f"{PARAGRAPHS[3]} More."


@pytest.mark.parametrize("mark", ["\x0b", "&#11;", "&#x1A;", "\uffff"])
def test_html_a_control_character_that_xml_forbids_does_not_make_extraction_fail(mark: str) -> None:
    # lxml refuses to change a text that holds one: dropping a script beside it, in docindex or in trafilatura
    body = "".join(f"<p>{p}<script>track()</script>{mark}</p>" for p in PARAGRAPHS)
    text, _ = extract_html(f"<html><head><title>Tram</title></head><body><article>{body}</article></body></html>")
    assert [line.strip() for line in text.split("\n")] == PARAGRAPHS
    empty, _ = extract_html(f"<html><body><div>{mark}<script>x</script>{mark}</div></body></html>")  # the baseline
    assert empty.strip() == ""


def test_a_documents_closing_table_under_a_heading_stays_and_a_pages_goes() -> None:
    from flows.pipeline import clean
    from flows.settings import Settings

    from tests.documents import KEY_FIGURES, REPORT_PROSE

    table = list(KEY_FIGURES)
    text = "\n".join(["ECB holds rates", *REPORT_PROSE, *table])
    report = clean(_doc(text).model_copy(update={"format": "docx", "markup": "text"}), Settings())
    page = clean(_doc(text), Settings())
    assert isinstance(report, CleanDocument) and isinstance(page, CleanDocument)
    assert report.text.split("\n")[-4:] == table
    assert "Key figures" not in page.text


def test_a_section_heading_taken_for_the_title_gives_way_to_the_page_title() -> None:
    """A lone <h1> holding the section ("Allergies Health Center") uses the article's words, but the page's
    <title> and og:title disagree with it: the longer headline they give that names the article is the title."""
    body = " ".join(["Babies who eat peanuts early may avoid a peanut allergy later, a study of babies found."] * 6)
    html = (
        "<html><head><title>Babies Who Eat Peanuts Early May Avoid Allergy</title></head><body>"
        f"<header><h1>Allergies Health Center</h1></header><article><p>{body}</p><p>{body}</p></article></body></html>"
    )
    assert extract_html(html)[1].title == "Babies Who Eat Peanuts Early May Avoid Allergy"


def test_a_box_taken_for_the_title_gives_way_to_the_h1_opening_the_page_title() -> None:
    """Of several <h1>, trafilatura takes an element whose class says "title" (a box, here); the <h1> that opens
    the page's first <title> that is not empty is the headline."""
    body = " ".join(["The tarot deck drawn by Pamela Colman Smith made the cards known all over the world."] * 6)
    html = (
        "<html><head><title></title><title>The Deck of Cards That Made Tarot Known - Example Atlas</title></head><body>"
        f"<article><h1>The Deck of Cards That Made Tarot Known</h1><p>{body}</p><p>{body}</p></article>"
        '<div><h1>See fewer ads</h1><h2 class="panel-title">Take your next tarot trip with us</h2></div></body></html>'
    )
    assert extract_html(html)[1].title == "The Deck of Cards That Made Tarot Known"


def test_a_section_between_the_headline_and_the_sites_name_goes_with_it() -> None:
    from flows.steps.clean import without_site_name

    assert without_site_name("Pentagon drones get a new brain | Danger Room | Wired.com", "Wired") == "Pentagon drones get a new brain"
    assert without_site_name("Opinion | Is the tram worth it? | Example Times", "Example Times") == "Opinion | Is the tram worth it?"
    assert without_site_name("Harbour reopens - Live | Example Times", "Example Times") == "Harbour reopens - Live"  # another separator


def test_html_dates_are_read_with_the_month_names_of_the_configured_languages() -> None:
    """A page that declares no language, whose only date is printed between its headline and the article."""
    prose = [
        "Ministrowie infrastruktury Polski i Niemiec podpisali w poniedziałek umowę o budowie szybkiego połączenia"
        " kolejowego między Berlinem a Warszawą.",
        "Inwestycja kolejowa ma kosztować łącznie około dwunastu miliardów złotych, a większą część kosztów pokryją"
        " fundusze unijne.",
    ]
    html = (
        "<html><head><title>Polska i Niemcy podpisały umowę kolejową</title></head><body>"
        "<h1>Polska i Niemcy podpisały umowę kolejową</h1><div class='meta'>23 listopada 2026 r., 12:15</div>"
        + "".join(f"<p>{p}</p>" for p in prose)
        + "</body></html>"
    )
    doc = _doc(html, fmt="html", path="c/a.html")
    polish = clean_document(doc, min_chars=20, languages=("en", "pl"))
    assert isinstance(polish, CleanDocument) and polish.metadata.published == date(2026, 11, 23)
    english = clean_document(doc, min_chars=20, languages=("en", "de"))
    assert isinstance(english, CleanDocument) and english.metadata.published is None


def _blocks(body: str) -> list[tuple[str, object]]:
    root = parse_page(f"<html><body>{body}</body></html>")
    assert root is not None
    return page_blocks(root)  # type: ignore[return-value]


TEASERS = ["More from Local news", "Tram fares to rise in May", "New bus lanes open downtown", "Bridge works delayed"]


def test_an_extracted_text_loses_what_it_kept_beside_the_article_at_its_end() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    related = f"<h3>{TEASERS[0]}</h3><ul>" + "".join(f"<li><a href='/{t}'>{t}</a></li>" for t in TEASERS[1:]) + "</ul>"
    page = _blocks(f"<div class='page'><div class='story'>{story}</div><div class='related'>{related}</div></div>")
    text = "\n".join([*PARAGRAPHS, *TEASERS])
    assert cut_after_article(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    assert cut_after_article("\n".join(PARAGRAPHS), page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]


def test_the_container_of_an_article_nested_deep_is_found() -> None:
    # each line's block 2,000 elements deep (walking each line's ancestors took 7 s; each element is met once: its
    # growth with the page is bench/pathological.py's)
    story = "".join(f"<p>Report {i} tells of council{i} and tram{i} in district{i} today.</p>" for i in range(10000))
    related = f"<div class='related'><p>{TEASERS[1]}</p></div>"
    page = _blocks("<div class='story'>" * 2000 + story + "</div>" * 2000 + related)
    text = "\n".join(line for line, _ in page)
    assert cut_after_article(text, page) == text.removesuffix(f"\n{TEASERS[1]}")  # type: ignore[arg-type]


def test_html_text_loses_the_related_stories_trafilatura_kept_after_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    related = "".join(f"<p><a href='/{t}'>{t}</a></p>" for t in TEASERS)
    html = f"<html><body><div class='page'><div class='story'>{story}</div><div>{related}</div></div></body></html>"
    _extractions(monkeypatch, "\n".join([*PARAGRAPHS, *TEASERS]), "")
    assert extract_html(html)[0] == "\n".join(PARAGRAPHS)


MORE = [
    "The council will hold public hearings in each of the northern districts before the route is fixed in March.",
    "Residents may also send their comments on the plans to the city's transport office until the end of January.",
]


def test_a_post_going_on_after_a_read_more_break_is_not_cut() -> None:
    # the first part holds most of the post; the rest, in the next division, is set in paragraphs like the first's
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    text = "\n".join([*PARAGRAPHS, *MORE])
    page = _blocks(f"<div class='entry'><div class='entry-body'>{first}</div><div class='entry-more'>"
                   + "".join(f"<p>{p}</p>" for p in MORE) + "</div></div>")
    assert cut_after_article(text, page) == text  # type: ignore[arg-type]
    # a next division of links is a list of other stories; a table's next cell is another column of the page
    links = "".join(f"<p><a href='/{i}'>{p}</a></p>" for i, p in enumerate(MORE))
    page = _blocks(f"<div class='entry'><div class='entry-body'>{first}</div><div class='entry-more'>{links}</div></div>")
    assert cut_after_article(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    cell = "".join(f"<p>{p}</p>" for p in MORE)
    page = _blocks(f"<table><tr><td>{first}</td><td>{cell}</td></tr></table>")
    assert cut_after_article(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    # blocks set unlike the first part's (notices in paragraphs of their own class) are cut
    notices = "".join(f"<p class='notice'>{p}</p>" for p in MORE)
    page = _blocks(f"<div class='entry'><div class='entry-body'>{first}</div><div class='entry-more'>{notices}</div></div>")
    assert cut_after_article(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    # one line after the container is a note on the article, not its continuation
    note = f"<div class='contributors'><p>{MORE[0]}</p></div>"
    page = _blocks(f"<div class='entry'><div class='entry-body'>{first}</div>{note}</div>")
    assert cut_after_article("\n".join([*PARAGRAPHS, MORE[0]]), page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    # a paragraph after the container is a block of the page's own (the site's name and address), no container
    address = ["Example Gazette, 12 Harbour Street, Example Town", "Telephone 555 0100, open every day but Sunday"]
    page = _blocks(f"<div class='entry'><div class='entry-body'>{first}</div><p>{'<br>'.join(address)}</p></div>")
    assert cut_after_article("\n".join([*PARAGRAPHS, *address]), page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]


def test_a_later_section_set_like_the_articles_first_is_not_cut() -> None:
    first = "".join(f"<p class='graf'>{p}</p>" for p in PARAGRAPHS[:3])
    page = _blocks(f"<div class='section'>{first}</div><div class='section-2'><p class='graf'>{PARAGRAPHS[3]}</p></div>")
    text = "\n".join(PARAGRAPHS)
    assert cut_after_article(text, page) == text  # type: ignore[arg-type]


def test_a_paragraph_split_by_line_breaks_is_no_container_of_the_article() -> None:
    # the first three paragraphs are one <p>'s lines; the article's container is the division around it
    first = "<br><br>".join(PARAGRAPHS[:3])
    page = _blocks(f"<div class='story'><p>{first}</p><p>{PARAGRAPHS[3]}</p></div><p>Example Gazette</p>")
    text = "\n".join(PARAGRAPHS)
    assert cut_after_article(text, page) == text  # type: ignore[arg-type]
    assert cut_after_article(f"{text}\nExample Gazette", page) == text  # type: ignore[arg-type]


LEAD = "LAS VEGAS - The city's two casino unions agreed on Monday to a new contract that raises the pay of their members."
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_a_lead_set_apart_in_the_articles_container_goes_back_in_above_the_text() -> None:
    from flows.steps.clean import with_lead

    text = "\n".join(PARAGRAPHS)
    # in bold before the first paragraph, or in a division of its own beside the paragraphs
    for lead in (f"<strong>{LEAD}<br><br></strong><br>", f"<div class='intro'><p>{LEAD}</p></div>"):
        page = _blocks(f"<h1>Unions agree</h1><div class='story'>{lead}{STORY}</div>")
        assert with_lead(text, page) == f"{LEAD}\n{text}"  # type: ignore[arg-type]
    # an image inside the lead's own paragraph does not make it a caption
    page = _blocks(f"<div class='story'><p><img src='a.jpg'>{LEAD}</p>{STORY}</div>")
    assert with_lead(text, page) == f"{LEAD}\n{text}"  # type: ignore[arg-type]


def test_what_is_no_lead_of_the_article_stays_out_of_the_text() -> None:
    from flows.steps.clean import with_lead

    text = "\n".join(PARAGRAPHS)
    # a blurb outside the article's container, between the page's header and the story
    page = _blocks(f"<div class='promo'><p>{LEAD}</p></div><div class='story'>{STORY}</div>")
    assert with_lead(text, page) == text  # type: ignore[arg-type]
    # an image's caption beside it, in the container
    page = _blocks(f"<div class='story'><div class='photo'><img src='a.jpg'><p>{LEAD}</p></div>{STORY}</div>")
    assert with_lead(text, page) == text  # type: ignore[arg-type]
    for figure in (f"<figure><figcaption>{LEAD}</figcaption></figure>", f"<figure>{LEAD}</figure>"):
        page = _blocks(f"<div class='story'>{figure}{STORY}</div>")
        assert with_lead(text, page) == text  # type: ignore[arg-type]
    # a line that is no prose between it and the text (a byline): the lead is not right above the text
    page = _blocks(f"<div class='story'><p>{LEAD}</p><p>By Jane Doe</p>{STORY}</div>")
    assert with_lead(text, page) == text  # type: ignore[arg-type]
    # a line already in the text, on a page that shows the article twice (a hidden print version above it)
    page = _blocks(f"<div class='story'><p>{PARAGRAPHS[-1]}</p>{STORY}</div>")
    assert with_lead(text, page) == text  # type: ignore[arg-type]



NOTICE = "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies."


def test_prose_that_trafilatura_drops_as_furniture_in_the_container_is_no_lead() -> None:
    """A cookie notice, a paywall's message or another story's teaser written as prose in the article's container,
    in an element that trafilatura removes for its tag or class, stays out: it was dropped as furniture, not as a
    lead set apart."""
    from flows.steps.clean import with_lead

    text = "\n".join(PARAGRAPHS)
    for box in (
        f"<div class='cookie-consent'><p>{NOTICE}</p></div>",
        f"<p class='paywall-message'><strong>{NOTICE}</strong></p>",
        f"<div class='related-stories'><p>{LEAD}</p></div>",
        f"<div class='story-teaser'><p>{LEAD}</p></div>",
        f"<aside><p>{LEAD}</p></aside>",
    ):
        page = _blocks(f"<div class='story'>{box}{STORY}</div>")
        assert with_lead(text, page) == text, box  # type: ignore[arg-type]
    story = "".join(f"<p>{p} {p}</p>" for p in PARAGRAPHS)  # long enough for trafilatura to find the article
    html = f"<html><body><div class='main'><div class='body'><div class='cookie-banner'><p>{NOTICE}</p></div>{story}</div></div></body></html>"
    assert NOTICE not in extract_html(html)[0]

def test_a_lead_under_thousands_of_nested_wrappers_is_found() -> None:
    from flows.steps.clean import with_lead

    # 2,000 lines of prose above the text, each 2,000 elements deep (looking for an image under each of a line's
    # ancestors took 35 s; each element is met once: its growth with the page is bench/pathological.py's)
    lead = [f"Report {i} tells of the council and the tram in district {i}, which the city will build soon." for i in range(2000)]
    page = _blocks("<div class='story'>" + "<div>" * 2000 + "".join(f"<p>{p}</p>" for p in lead) + "</div>" * 2000 + STORY + "</div>")
    assert with_lead("\n".join(PARAGRAPHS), page) == "\n".join([*lead, *PARAGRAPHS])  # type: ignore[arg-type]


def test_html_text_gets_the_lead_trafilatura_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    html = f"<html><body><div class='story'><strong>{LEAD}</strong><br><br>{STORY}</div></body></html>"
    _extractions(monkeypatch, "\n".join(PARAGRAPHS), "")
    assert extract_html(html)[0] == "\n".join([LEAD, *PARAGRAPHS])


def _post_body(lead: str, picture: str = "<div class='separator'><a href='a.jpg'><img src='a.jpg'></a></div>") -> str:
    """A post whose body opens with a picture and ``lead``, then holds its paragraphs as text of its own."""
    return f"<div class='post'><h3>Unions agree</h3><div class='post-body'>{picture}{lead}{'<br><br>'.join(PARAGRAPHS)}</div></div>"


def test_a_lead_in_a_post_body_beside_its_picture_goes_back_in_above_the_text() -> None:
    """A post's body written as text of its own, opening with a picture and its first paragraph in a division or
    as the body's own first line: ``with_lead`` reads the paragraph as the picture's caption (the body around it
    holds the picture), and the body read as the container puts it back."""
    from flows.steps.clean import with_lead, with_lead_in_body

    text = "\n".join(PARAGRAPHS)
    for lead in (f"<div style='text-align: justify'><span>{LEAD}</span></div>", f"<div><div><br></div><span>{LEAD}</span></div>"):
        page = _blocks(_post_body(lead))
        assert with_lead(text, page) == text  # type: ignore[arg-type]
        assert with_lead_in_body(text, page) == f"{LEAD}\n{text}", lead  # type: ignore[arg-type]
    # the body's own first line after the picture, under a date line that the text keeps above the body
    page = _blocks(f"<h2>Tuesday, October 23, 2012</h2>{_post_body(f'{LEAD}<br><br>')}")
    dated = f"Tuesday, October 23, 2012\n{text}"
    assert with_lead(dated, page) == dated  # type: ignore[arg-type]
    assert with_lead_in_body(dated, page) == f"Tuesday, October 23, 2012\n{LEAD}\n{text}"  # type: ignore[arg-type]


def test_html_text_gets_the_lead_of_a_post_body_trafilatura_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    _extractions(monkeypatch, "\n".join(PARAGRAPHS), "")
    html = f"<html><body><div class='main'>{_post_body(f'<div>{LEAD}</div>')}</div></body></html>"
    assert extract_html(html)[0] == "\n".join([LEAD, *PARAGRAPHS])


def test_what_is_no_lead_of_a_post_body_stays_out_of_the_text() -> None:
    from flows.steps.clean import with_lead_in_body

    text = "\n".join(PARAGRAPHS)
    # the picture's caption beside it, in the element that holds both
    page = _blocks(_post_body("", picture=f"<div class='photo'><img src='a.jpg'><div>{LEAD}</div></div>"))
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    page = _blocks(_post_body("", picture=f"<figure><img src='a.jpg'><figcaption>{LEAD}</figcaption></figure>"))
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    # a blurb outside the body, above the post or right above the body in the post
    page = _blocks(f"<div class='blurb'>{LEAD}</div>{_post_body('')}")
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    page = _blocks(f"<div class='post'><div class='blurb'>{LEAD}</div><div class='post-body'>{'<br><br>'.join(PARAGRAPHS)}</div></div>")
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    # furniture trafilatura removes, and a line that is no prose between the lead and the text
    page = _blocks(_post_body(f"<div class='related-stories'>{LEAD}</div>"))
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    page = _blocks(_post_body(f"<div>{LEAD}</div><div>By Jane Doe</div>"))
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    # a line in the text already
    page = _blocks(_post_body(f"<div>{PARAGRAPHS[-1]}</div>"))
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]
    # the text's first line is a paragraph: the lead beside it, in the body, is ``with_lead``'s to find
    page = _blocks(f"<div class='post'><div class='body'><img src='a.jpg'><div>{LEAD}</div>{STORY}</div></div>")
    assert with_lead_in_body(text, page) == text  # type: ignore[arg-type]


HEADLINE = "Unions agree on a new casino contract"
STANDFIRST_LINE = "The two unions of the city's casino workers won a raise after a year of talks, and a strike is off."


def _article(header: str, body: str = STORY) -> str:
    return f"<article class='post'><header>{header}</header><div class='post-body'>{body}</div></article>"


def test_a_standfirst_in_the_articles_header_goes_in_above_the_text() -> None:
    """The prose under the headline in the article's header, above a byline: ``with_lead`` stops at the byline and
    looks in the body only."""
    from flows.steps.clean import with_lead, with_standfirst

    text = "\n".join(PARAGRAPHS)
    for header in (
        f"<h1>{HEADLINE}</h1><p>{STANDFIRST_LINE}</p><div class='byline'>By Jane Doe</div><div>July 24, 2012 4:00 AM</div>",
        f"<hgroup><h1>{HEADLINE}</h1><h2>Casino workers</h2></hgroup><div><p><span>{STANDFIRST_LINE}</span></p></div>",
    ):
        page = _blocks(_article(header.replace("<header>", "")))
        assert with_lead(text, page) == text  # type: ignore[arg-type]
        assert with_standfirst(text, page, HEADLINE) == f"{STANDFIRST_LINE}\n{text}", header  # type: ignore[arg-type]
    page = _blocks(f"<div class='main'><header><h2>{HEADLINE}</h2><p>{STANDFIRST_LINE}</p></header>{STORY}</div>")
    assert with_standfirst(text, page, HEADLINE) == f"{STANDFIRST_LINE}\n{text}"  # type: ignore[arg-type]


def test_what_is_no_standfirst_of_the_article_stays_out_of_the_text() -> None:
    from flows.steps.clean import with_standfirst

    text = "\n".join(PARAGRAPHS)
    # the site's header, its name as heading and its tagline as prose, above the article's post
    tagline = "The newspaper of the city since 1887, with the news, the weather and the sports of every district."
    page = _blocks(f"<header><h1>Example Gazette</h1><p>{tagline}</p></header><div class='post'><h2>{HEADLINE}</h2>{STORY}</div>")
    assert with_standfirst(text, page, HEADLINE) == text  # type: ignore[arg-type]
    # a header without the headline, or without a title to know it by
    page = _blocks(_article(f"<h1>Casino news</h1><p>{STANDFIRST_LINE}</p>"))
    assert with_standfirst(text, page, HEADLINE) == text  # type: ignore[arg-type]
    assert with_standfirst(text, _blocks(_article(f"<h1>{HEADLINE}</h1><p>{STANDFIRST_LINE}</p>")), None) == text  # type: ignore[arg-type]
    # the prose above the headline, a picture's caption, furniture trafilatura removes and a byline
    for header in (
        f"<p>{STANDFIRST_LINE}</p><h1>{HEADLINE}</h1>",
        f"<h1>{HEADLINE}</h1><figure><img src='a.jpg'><figcaption>{STANDFIRST_LINE}</figcaption></figure>",
        f"<h1>{HEADLINE}</h1><div class='photo'><img src='a.jpg'><p>{STANDFIRST_LINE}</p></div>",
        f"<h1>{HEADLINE}</h1><div class='related-stories'><p>{STANDFIRST_LINE}</p></div>",
        f"<h1>{HEADLINE}</h1><p>By Jane Doe and John Roe.</p>",
        f"<h1>{HEADLINE}</h1><p>30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)</p>",
        f"<h1>{HEADLINE}</h1><p>{PARAGRAPHS[-1]}</p>",
    ):
        assert with_standfirst(text, _blocks(_article(header)), HEADLINE) == text, header  # type: ignore[arg-type]
    # another story's teaser in the header, under its linked headline or as a link itself: the standfirst only
    teaser = "The union of the city's hotel workers said on Monday that it would start talks of its own in the spring."
    for other in (
        f"<div class='box'><h3><a href='/hotels'>Hotel workers next</a></h3><p>{teaser}</p></div>",
        f"<section><h2>More on this</h2><p><a href='/hotels'>{teaser}</a></p></section>",
    ):
        page = _blocks(_article(f"<h1>{HEADLINE}</h1><p>{STANDFIRST_LINE}</p>{other}"))
        assert with_standfirst(text, page, HEADLINE) == f"{STANDFIRST_LINE}\n{text}", other  # type: ignore[arg-type]
    # a header beside another column (a teaser of the story in a sidebar), not beside the body
    page = _blocks(f"<div class='side'><header><h2>{HEADLINE}</h2><p>{STANDFIRST_LINE}</p></header></div><div class='story'>{STORY}</div>")
    assert with_standfirst(text, page, HEADLINE) == text  # type: ignore[arg-type]
    # a header that holds the text's first line is the body's own
    page = _blocks(f"<article><header><h1>{HEADLINE}</h1><p>{STANDFIRST_LINE}</p>{STORY}</header></article>")
    assert with_standfirst(text, page, HEADLINE) == text  # type: ignore[arg-type]


def test_html_text_gets_the_standfirst_trafilatura_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(html: object, **options: object) -> Document:
        result = Document()
        result.text, result.title = "\n".join(PARAGRAPHS), HEADLINE
        return result

    monkeypatch.setattr("flows.steps.clean.trafilatura.bare_extraction", fake)
    header = f"<h1>{HEADLINE}</h1><p>{STANDFIRST_LINE}</p><p>By Jane Doe</p>"
    html = f"<html><head><title>{HEADLINE}</title></head><body>{_article(header)}</body></html>"
    assert extract_html(html)[0] == "\n".join([STANDFIRST_LINE, *PARAGRAPHS])


DROPPED = PARAGRAPHS[1]
COMMENT = "I rode the old tram line every day for twenty years, and I think that the council has made the right choice."


def test_a_paragraph_dropped_between_the_texts_lines_goes_back_in() -> None:
    """A paragraph trafilatura dropped between two of its lines, next to a heading (so that the run between them
    in the cleaned page is not all prose, and ``fill_gaps`` leaves it out), goes back in at its place."""
    from flows.steps.clean import with_dropped_prose

    text = "\n".join([PARAGRAPHS[0], *PARAGRAPHS[2:]])
    for dropped in (f"<h3>Tram plans</h3><p>{DROPPED}</p>", f"<div><span><span>{DROPPED}</span></span></div>"):
        page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p>{dropped}{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[2:])}</div>")
        assert with_dropped_prose(text, page) == "\n".join(PARAGRAPHS), dropped  # type: ignore[arg-type]
    # only between the text's first and last lines: a paragraph below its last stays out
    page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p><h3>Tram plans</h3><p>{DROPPED}</p>"
                   + "".join(f"<p>{p}</p>" for p in [*PARAGRAPHS[2:], MORE[0]]) + "</div>")
    assert with_dropped_prose(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]


def test_the_page_is_cleaned_once_when_fill_gaps_and_with_dropped_prose_both_look_for_a_gap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paragraph next to a heading: ``fill_gaps`` cleans the page and leaves the run out, ``with_dropped_prose``
    puts the paragraph back from the same cleaned page, kept for the page (``clean._cleaned``) and not past it."""
    from flows.steps import boilerplate, clean

    def fake(html: object, **options: object) -> Document:
        result = Document()
        result.text = "\n".join([PARAGRAPHS[0], *PARAGRAPHS[2:]])
        return result

    cleaned: list[str] = []
    rules = boilerplate.remove_boilerplate

    def counted(text: str) -> str:
        cleaned.append(text)
        return rules(text)

    monkeypatch.setattr("flows.steps.clean.trafilatura.bare_extraction", fake)
    monkeypatch.setattr("flows.steps.clean.remove_boilerplate", counted)
    monkeypatch.setattr("flows.steps.boilerplate.remove_boilerplate", counted)
    body = f"<p>{PARAGRAPHS[0]}</p><h3>Tram plans</h3><p>{DROPPED}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    text = extract_html(f"<html><body><div class='story'>{body}</div></body></html>")[0]
    assert DROPPED in text.split("\n")
    assert len(cleaned) == 1 and DROPPED in cleaned[0]
    assert clean._cleaned.cache_info().currsize == 0


def test_the_stop_list_of_a_text_is_read_once_for_the_steps_that_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections.abc import Mapping

    from flows.steps import stopwords

    def fake(html: object, **options: object) -> Document:
        result = Document()
        result.text = "\n".join(PARAGRAPHS)
        return result

    read: list[str] = []
    count = stopwords._list_hits

    def counted(text: str, index: Mapping[str, tuple[int, ...]], lists: int) -> list[int]:
        if index is stopwords._stoplist_index()[1]:  # a stop list guessed, not the languages
            read.append(text)
        return count(text, index, lists)

    monkeypatch.setattr("flows.steps.clean.trafilatura.bare_extraction", fake)
    monkeypatch.setattr("flows.steps.stopwords._list_hits", counted)
    stopwords.stoplist_for.cache_clear()
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert extract_html(f"<html><body><p>Example Gazette</p><div class='story'>{body}</div></body></html>")[0] == "\n".join(PARAGRAPHS)
    assert "\n".join(PARAGRAPHS) in read and len(read) == len(set(read))  # each text, unchanged from step to step, read once
    assert stopwords.stoplist_for.cache_info().currsize <= stopwords.STOPLISTS_KEPT


def test_what_lies_between_the_texts_lines_and_is_no_dropped_paragraph_stays_out() -> None:
    from flows.steps.clean import with_dropped_prose

    text = "\n".join([PARAGRAPHS[0], *PARAGRAPHS[2:]])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    for box in (
        f"<figure><img src='a.jpg'><figcaption>{DROPPED}</figcaption></figure>",  # an image's caption
        f"<div class='photo'><img src='a.jpg'><p>{DROPPED}</p></div>",
        f"<div class='related-stories'><p>{DROPPED}</p></div>",  # furniture trafilatura removes
        f"<aside><p>{DROPPED}</p></aside>",
        f"<p>{PARAGRAPHS[2]}</p>",  # a line already in the text
    ):
        page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p>{box}{rest}</div>")
        assert with_dropped_prose(text, page) == text, box  # type: ignore[arg-type]
    # two of the page's paragraphs that the text holds as one line
    joined = "\n".join([PARAGRAPHS[0], f"{DROPPED} {PARAGRAPHS[2]}", PARAGRAPHS[3]])
    page = _blocks(f"<div class='story'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div>")
    assert with_dropped_prose(joined, page) == joined  # type: ignore[arg-type]
    # a reader's comment outside the article's container, above a line of the page that the text kept at its end
    page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p>{rest}</div><div class='replies'><p>{COMMENT}</p></div>"
                   "<p>Example Gazette, 12 Harbour Street</p>")
    kept = f"{text}\nExample Gazette, 12 Harbour Street"
    assert with_dropped_prose(kept, page) == kept  # type: ignore[arg-type]
    # above the text's first line or below its last: no gap of the text (the lead is ``with_lead``'s)
    page = _blocks(f"<div class='story'>{rest}<p>{DROPPED}</p></div>")
    assert with_dropped_prose("\n".join(PARAGRAPHS[2:]), page) == "\n".join(PARAGRAPHS[2:])  # type: ignore[arg-type]


def test_a_dropped_paragraph_that_the_page_holds_twice_goes_back_in_once() -> None:
    """A pull quote repeating a dropped paragraph word for word, in the article's container: the paragraph goes back
    in once, at its first place."""
    from flows.steps.clean import with_dropped_prose

    text = "\n".join([PARAGRAPHS[0], *PARAGRAPHS[2:]])
    quote = f"<div class='quote'><h4>Tram plans</h4><p>{DROPPED}</p></div>"
    page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p><h3>Tram plans</h3><p>{DROPPED}</p>{quote}"
                   + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]) + "</div>")
    assert with_dropped_prose(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]


def test_a_dropped_paragraph_goes_in_after_its_own_line_when_the_text_holds_that_line_twice() -> None:
    """A short line the text holds twice (an "Advertisement" label, a photo's credit): a paragraph dropped after
    its second appearance goes back in there, not after the first."""
    from flows.steps.clean import with_dropped_prose

    label = "Advertisement"
    page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p><p>{label}</p><h3>Plans</h3><p>{PARAGRAPHS[1]}</p>"
                   f"<p>{MORE[0]}</p><p>{label}</p><h3>Cost</h3><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div>")
    text = "\n".join([PARAGRAPHS[0], label, MORE[0], label, PARAGRAPHS[3]])
    want = [PARAGRAPHS[0], label, PARAGRAPHS[1], MORE[0], label, PARAGRAPHS[2], PARAGRAPHS[3]]
    assert with_dropped_prose(text, page) == "\n".join(want)  # type: ignore[arg-type]


def test_html_text_gets_the_paragraph_trafilatura_dropped_between_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    html = f"<html><body><div class='story'><p>{PARAGRAPHS[0]}</p><h3>Tram plans</h3><p>{DROPPED}</p>{rest}</div></body></html>"
    _extractions(monkeypatch, "\n".join([PARAGRAPHS[0], *PARAGRAPHS[2:]]), "")
    # the heading over the paragraph goes back in with it (``with_dropped_headings``)
    assert extract_html(html)[0] == "\n".join([PARAGRAPHS[0], "Tram plans", *PARAGRAPHS[1:]])


ABOUT = (
    "I'm a designer and mother of two living in the city, and I write here about the weddings, parties and"
    " pretty things that I find on my way through the week."
)
POST = "Happy Friday! We love this inspiration board and are excited to celebrate with a chic couple this weekend."


def _blog_page(sidebar: str, post: str, *, title: str = "City chic - Example Blog") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><div id='container'>"
        f"<div id='banner'><h1><a href='/'>Example Blog</a></h1></div>"
        f"<div class='sidebar'>{sidebar}</div><div class='content'>{post}</div></div></body></html>"
    )


def _post_under_headline(html: str, text: str, site: str | None = None) -> str:
    root = parse_page(html)
    assert root is not None
    return post_under_headline(text, page_blocks(root), html, site)  # type: ignore[arg-type]


def test_a_text_read_from_a_sidebars_box_gives_way_to_the_post_under_the_headline() -> None:
    # the banner's heading (the site's name, which the title holds too) is over the whole page: no headline
    entry = f"<div class='entry'><h3>City chic</h3><p>{POST}</p></div>"
    html = _blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", entry)
    assert _post_under_headline(html, ABOUT) == f"City chic\n{POST}"
    assert _post_under_headline(html, POST) == POST  # a text in the post stays
    # a post whose headline is in its header: the post is the container around the header
    article = f"<article><header><h1>City chic</h1><p>{ABOUT}</p></header><div class='body'>{POST}</div></article>"
    html = _blog_page("", article)
    assert _post_under_headline(html, POST) == POST


def test_a_heading_naming_the_site_is_no_headline() -> None:
    # the site's name heads a box of its description, which is the text read; the post is under the headline
    header = f"<div id='header'><h1>Example Blog</h1><p>{ABOUT}</p></div>"
    entry = f"<div class='entry'><h3>City chic</h3><p>{POST}</p></div>"
    html = f"<html><head><title>Example Blog: City chic</title></head><body>{header}{entry}</body></html>"
    assert _post_under_headline(html, ABOUT, site="example-blog.com") == f"City chic\n{POST}"


def test_the_post_under_the_headline_is_not_taken_for_a_standfirst_a_byline_or_a_sidebar() -> None:
    # the headline's container holds a standfirst, far shorter than the article beside it
    body = "".join(f"<p>{p}</p>" for p in REVIEW.split("\n"))
    intro = f"<div class='intro'><h1>The new console reviewed</h1><p>{STANDFIRST}</p></div>"
    html = f"<html><head><title>The new console reviewed</title></head><body>{intro}<div class='story'>{body}</div>"
    assert _post_under_headline(html + "</body></html>", REVIEW) == REVIEW
    # the headline's container holds its byline and links, no sentence
    links = "".join(f"<li><a href='/{name}'>{name}</a></li>" for name in NAVIGATION)
    head = f"<div class='head'><h1>City chic</h1><p>By Jane Doe, Example Guide, October 31, 2012</p><ul>{links}</ul></div>"
    html = f"<html><head><title>City chic</title></head><body>{head}<div class='story'><p>{POST}</p></div></body></html>"
    assert _post_under_headline(html, POST) == POST
    # a sidebar, one of whose widgets is titled with the site's name, is no post
    widgets = f"<div class='widget'><p>{ABOUT}</p></div><div class='widget'><h2>Example Blog</h2><p>Facebook</p></div>"
    html = f"<html><head><title>Example Blog - City chic</title></head><body><div class='sidebar'>{widgets}</div>"
    html += f"<div class='content'><p>{POST}</p></div></body></html>"
    assert _post_under_headline(html, POST) == POST


def test_the_post_under_the_headline_leaves_its_comments_out() -> None:
    # a post of one line, its readers' comments in a list inside the post's container
    short = "Our little boy was born on Tuesday morning."
    comments = "".join(
        f"<li><p>Reader {i} says:</p><p>Congratulations to you both, what a lovely picture of a happy family, and"
        f" welcome to the world, little one! We wish you many quiet nights.</p></li>"
        for i in range(6)
    )
    entry = f"<div class='entry'><h3>City chic</h3><p>{short}</p><ol class='commentlist'>{comments}</ol></div>"
    html = _blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", entry)
    assert _post_under_headline(html, ABOUT) == f"City chic\n{short}"
    # a comment headed by the title's words, inside the post's list of comments, is no post
    comment = "<li><p>Jane Doe says:</p><h4>City chic</h4><p>I love this board, and the colours are just right.</p></li>"
    entry = f"<div class='entry'><p>{short}</p><ol class='commentlist'>{comment}{comments}</ol></div>"
    assert _post_under_headline(_blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", entry), ABOUT) == ABOUT


#: readers' comments, each with its name, date and reply link
COMMENTS = "".join(
    f"<div class='comment'><p>Reader {i} on October {i + 1}, 2012</p><p>Congratulations to you both, what a lovely"
    f" board and a lovely couple!</p><a href='#reply-{i}'>Reply</a></div>"
    for i in range(3)
)


@pytest.mark.parametrize(
    "post",
    [
        # the post's own container, with its comments inside it
        f"<div class='post has-post-comments'><h3>City chic</h3><p>{POST}</p><div class='comments'>{COMMENTS}</div></div>",
        f"<div class='commentable'><h3>City chic</h3><p>{POST}</p></div>",
        # a wrapper around the post and its comments
        f"<div class='comments-open'><div class='entry'><h3>City chic</h3><p>{POST}</p></div><div>{COMMENTS}</div></div>",
        # ... around the columns of a grid, alike, the post in one of them
        f"<div class='comments-open'><div class='row'><div class='col'><div class='entry'><h3>City chic</h3><p>{POST}"
        "</p></div></div><div class='col'><p>Follow us for more weddings.</p></div></div></div>",
    ],
)
def test_a_posts_container_whose_class_reads_as_comments_holds_the_post(post: str) -> None:
    html = _blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", post)
    assert _post_under_headline(html, ABOUT) == f"City chic\n{POST}"


@pytest.mark.parametrize(
    "comments",
    [
        # a discussion headed by the title: its controls, the comments, the form's notice
        f"<div class='comments'><h3>City chic</h3><p>3 comments</p><p>Sort by: newest</p>{COMMENTS}"
        "<p>Your email address will not be published. Required fields are marked.</p></div>",
        # a reader's comment headed by the title, among the other comments
        f"<div class='comments'><div class='comment'><h4>City chic</h4><p>{POST}</p><p>Jane Doe on October 31, 2012</p>"
        f"<a href='#reply'>Reply</a></div>{COMMENTS}</div>",
    ],
)
def test_a_comment_section_headed_by_the_title_is_no_post(comments: str) -> None:
    html = _blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", comments)
    assert _post_under_headline(html, ABOUT) == ABOUT


def test_html_text_read_from_a_sidebars_box_gives_way_to_the_post(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = f"<div class='entry'><h3>City chic</h3><p>{POST}</p></div>"
    _extractions(monkeypatch, ABOUT, ABOUT)
    assert extract_html(_blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", entry))[0] == f"City chic\n{POST}"


def test_the_posts_under_thousands_of_headlines_are_told_apart() -> None:
    # 5,000 teasers headed by the title's words (comparing each post with every other took 14 s; its growth with
    # the page is bench/pathological.py's)
    teasers = "".join(f"<div class='teaser'><h2>City chic</h2><p>{POST}</p></div>" for _ in range(5000))
    html = _blog_page(f"<h2>About me</h2><p>{ABOUT}</p>", teasers)
    assert _post_under_headline(html, ABOUT) == f"City chic\n{POST}"


PAGER = "<div class='blog-pager'><a href='/n'>Newer Post</a>\n<a href='/o'>Older Post</a>\n<a href='/'>Home</a></div>"
FEEDS = "<div class='feed-links'>Subscribe to:\n<a href='/feeds'>Post Comments (Atom)</a></div>"
PAGER_LINES = ["Newer Post", "Older Post", "Home", "Subscribe to:", "Post Comments (Atom)"]


def _post(body: str, after: str = PAGER + FEEDS) -> list[tuple[str, object]]:
    return _blocks(f"<div class='blog'><div class='post'><h3><a href='/p'>Tram news</a></h3>"
                   f"<div class='post-body'>{body}</div></div>{after}</div>")


def test_a_blogs_pager_after_the_post_goes() -> None:
    page = _post("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    text = "\n".join([*PARAGRAPHS, *PAGER_LINES])
    assert without_trailing_links(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    # a list of links inside the post is the post's
    links = "<ul>" + "".join(f"<li><a href='/{t}'>{t}</a></li>" for t in TEASERS[1:]) + "</ul>"
    page = _post("".join(f"<p>{p}</p>" for p in PARAGRAPHS) + links, after="")
    text = "\n".join([*PARAGRAPHS, *TEASERS[1:]])
    assert without_trailing_links(text, page) == text  # type: ignore[arg-type]


def test_a_post_of_pictures_keeps_its_linked_title_and_loses_the_pager() -> None:
    page = _blocks("<div class='blog'><h2 class='date'>Sunday, September 9</h2><div class='post'>"
                   "<h3><a href='/p'>prepping for a new week.</a></h3><div class='post-body'><img src='a.jpg'></div>"
                   f"</div>{PAGER}{FEEDS}</div>")
    text = "\n".join(["Sunday, September 9", "prepping for a new week.", *PAGER_LINES])
    assert without_trailing_links(text, page) == "Sunday, September 9\nprepping for a new week."  # type: ignore[arg-type]
    # a sentence under it, linked, is no link list (nor is it prose by the plain-text rules)
    sentence = "The council has finally published the tram plans for the northern districts."
    page = _blocks("<div class='blog'><div class='post'><h3><a href='/p'>prepping for a new week.</a></h3>"
                   f"<div class='post-body'><img src='a.jpg'></div></div><p><a href='/s'>{sentence}</a></p></div>")
    text = f"prepping for a new week.\n{sentence}"
    assert without_trailing_links(text, page) == text  # type: ignore[arg-type]


def test_a_posts_stamp_a_linked_sentence_and_labels_without_links_stay_after_the_post() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    stamp = "<p class='byline'>posted by <a href='/u'>jane</a> @ <a href='/p'>6:43 PM</a></p>"
    page = _post(story, after=stamp)
    text = "\n".join([*PARAGRAPHS, "posted by jane @ 6:43 PM"])
    assert without_trailing_links(text, page) == text  # type: ignore[arg-type]
    sentence = "Six thousand people walked over the hot coals at the seminar, and nobody was hurt."
    page = _post(story, after=f"<div class='more'><a href='/s'>{sentence}</a></div>")
    text = "\n".join([*PARAGRAPHS, sentence])
    assert without_trailing_links(text, page) == text  # type: ignore[arg-type]
    page = _post(story, after="<div class='share'><p>Share</p><p>Tweet</p><p>Comments</p></div>")
    text = "\n".join([*PARAGRAPHS, "Share", "Tweet", "Comments"])
    assert without_trailing_links(text, page) == text  # type: ignore[arg-type]


def test_html_text_of_a_post_of_pictures_loses_the_pager_trafilatura_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    html = ("<html><head><title>Tram pictures</title></head><body><div class='blog'><div class='post'>"
            "<h2 class='date'>Sunday, September 9</h2><h3><a href='/p'>Trams in the snow at dawn</a></h3>"
            f"<div class='post-body'><img src='a.jpg'><img src='b.jpg'></div></div>{PAGER}{FEEDS}</div></body></html>")
    _extractions(monkeypatch, "\n".join(["Sunday, September 9", "Trams in the snow at dawn", *PAGER_LINES]), "")
    assert extract_html(html)[0] == "Sunday, September 9\nTrams in the snow at dawn"


def test_a_long_run_of_links_after_the_post_goes() -> None:
    # 3,000 links in one block, one a line: each line is matched against them by its runs of words, not one by one
    # (its growth with the links is bench/pathological.py's)
    links = "<br>".join(f"<a href='/{i}'>Older story {i} about trams</a>" for i in range(3000))
    page = _post("".join(f"<p>{p}</p>" for p in PARAGRAPHS), after=f"<div class='archive'>{links}</div>")
    text = "\n".join([*PARAGRAPHS, *(f"Older story {i} about trams" for i in range(3000))])
    assert without_trailing_links(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]


CRUMBS = "<div class='crumbs'><a href='/'>Home</a> » <a href='/local'>Local news</a></div>"
TAGS = ("<div class='meta'>Published: November 5th, 2012 | Tags: <a href='/t/1'>Tram network</a>, "
        "<a href='/t/2'>City council</a>, <a href='/t/3'>Northern districts</a></div>")
TAGS_LINE = "Published: November 5th, 2012 | Tags: Tram network, City council, Northern districts"


def test_a_breadcrumb_and_a_line_of_tags_above_the_post_go() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = _blocks(f"<div class='page'>{CRUMBS}<div class='post'>{TAGS}<div class='post-body'>{story}</div></div></div>")
    text = "\n".join(["Home » Local news", TAGS_LINE, *PARAGRAPHS])
    assert without_leading_links(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    # the headline, even linked, ends the run: what follows it is the article's
    page = _blocks(f"<div class='page'><h2><a href='/p'>Tram news</a></h2>{CRUMBS}<div class='post-body'>{story}</div></div>")
    text = "\n".join(["Tram news", "Home » Local news", *PARAGRAPHS])
    assert without_leading_links(text, page) == text  # type: ignore[arg-type]
    # links inside the container of the prose are the article's
    page = _blocks(f"<div class='post-body'>{CRUMBS}{story}</div>")
    text = "\n".join(["Home » Local news", *PARAGRAPHS])
    assert without_leading_links(text, page) == text  # type: ignore[arg-type]


def test_a_date_line_and_labels_without_links_above_the_post_stay() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = _blocks(f"<div class='page'><div class='date'><a href='/d'>November 5, 2012</a></div>"
                   f"<div class='post-body'>{story}</div></div>")
    text = "\n".join(["November 5, 2012", *PARAGRAPHS])
    assert without_leading_links(text, page) == text  # type: ignore[arg-type]
    page = _blocks(f"<div class='page'><div class='section'>Local news</div><div class='post-body'>{story}</div></div>")
    text = "\n".join(["Local news", *PARAGRAPHS])
    assert without_leading_links(text, page) == text  # type: ignore[arg-type]


def test_html_text_loses_the_breadcrumb_trafilatura_kept_above_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><body><div class='page'>{CRUMBS}<div class='story'>{story}</div></div></body></html>"
    _extractions(monkeypatch, "\n".join(["Home » Local news", *PARAGRAPHS]), "")
    assert extract_html(html)[0] == "\n".join(PARAGRAPHS)


SUBHEADS = ["Costs and funding", "Timetable"]


def _sectioned(first: str = f"<h2><a href='#costs'>{SUBHEADS[0]}</a></h2>", second: str = f"<h3>{SUBHEADS[1]}</h3>") -> str:
    p = [f"<p>{p}</p>" for p in PARAGRAPHS]
    return f"<div class='page'><div class='story'>{p[0]}{first}{p[1]}{p[2]}{second}{p[3]}</div></div>"


def test_subheadings_dropped_over_sections_the_text_holds_go_back_in_at_their_places() -> None:
    from flows.steps.clean import with_dropped_headings

    page = _blocks(_sectioned())
    text = "\n".join(PARAGRAPHS)
    want = "\n".join([PARAGRAPHS[0], SUBHEADS[0], PARAGRAPHS[1], PARAGRAPHS[2], SUBHEADS[1], PARAGRAPHS[3]])
    assert with_dropped_headings(text, page) == want  # type: ignore[arg-type]
    assert with_dropped_headings(want, page) == want  # type: ignore[arg-type]  # in the text already: not twice
    # nor when the text holds it from elsewhere on the page (a table of contents above the story)
    page = _blocks(f"<ul class='toc'><li>{SUBHEADS[0]}</li></ul>{_sectioned(second='')}")
    text = "\n".join([SUBHEADS[0], *PARAGRAPHS])
    assert with_dropped_headings(text, page) == text  # type: ignore[arg-type]
    # a heading whose section's first line is written straight into its parent after it
    page = _blocks(f"<div class='story'><p>{PARAGRAPHS[0]}</p><div><h3>{SUBHEADS[1]}</h3>{PARAGRAPHS[1]}</div></div>")
    assert with_dropped_headings("\n".join(PARAGRAPHS[:2]), page) == "\n".join(  # type: ignore[arg-type]
        [PARAGRAPHS[0], SUBHEADS[1], PARAGRAPHS[1]]
    )


def test_headings_over_what_the_text_left_out_the_headline_and_labels_in_boxes_of_their_own_stay_out() -> None:
    from flows.steps.clean import with_dropped_headings

    text = "\n".join(PARAGRAPHS)
    # a label in a box of its own over an advertisement's slot, between two paragraphs
    advert = "<div class='advert'><h5>Advertisement</h5><div id='slot'></div></div>"
    assert with_dropped_headings(text, _blocks(_sectioned(advert, ""))) == text  # type: ignore[arg-type]
    # the heading of a box of related stories that the text left out
    related = f"<h3>{TEASERS[0]}</h3><ul>" + "".join(f"<li><a href='/{t}'>{t}</a></li>" for t in TEASERS[1:]) + "</ul>"
    assert with_dropped_headings(text, _blocks(_sectioned(related, ""))) == text  # type: ignore[arg-type]
    # the headline, between a date line that the text kept and the story: left to the title
    page = _blocks(_sectioned("<h1>Tram network to reach the north</h1>", ""))
    assert with_dropped_headings(text, page, "Tram network to reach the north | The Daily") == text  # type: ignore[arg-type]
    assert with_dropped_headings(text, page) != text  # type: ignore[arg-type]
    # below the text's last line: no section of the text follows it
    page = _blocks(f"<div class='story'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}<h3>{SUBHEADS[1]}</h3></div>")
    assert with_dropped_headings(text, page) == text  # type: ignore[arg-type]


def test_html_text_gets_back_a_linked_subheading_trafilatura_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    html = f"<html><body>{_sectioned(second='')}</body></html>"
    _extractions(monkeypatch, "\n".join(PARAGRAPHS), "")
    assert extract_html(html)[0] == "\n".join([PARAGRAPHS[0], SUBHEADS[0], *PARAGRAPHS[1:]])


#: a post of more than 150 words of prose (``ARTICLE_END_AFTER_PROSE_WORDS``), readers' comments under it
LONG_POST = [f"{p} The plan was debated at length, and the vote was closer than many had expected." for p in PARAGRAPHS * 2]
READER_COMMENTS = [
    "About time. I have waited twenty years for a tram to reach my street.",
    "Posted by: Margaret | Jan 8, 2008 9:49 PM",
    "Four hundred million euros is a lot of money for one line, and the buses work well enough.",
    "Posted by: dragoncar | Jan 8, 2008 10:12 PM",
]


def _post_with_comments(heading: str) -> str:
    post = "".join(f"<p>{p}</p>" for p in LONG_POST)
    comments = "".join(f"<p>{c}</p>" for c in READER_COMMENTS)
    return f"<html><body><div class='page'><div class='post'>{post}<h2>{heading}</h2>{comments}</div></div></body></html>"


def test_html_text_ends_at_a_comments_heading_trafilatura_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's precise pass drops a short heading and may keep the comments under it, in the post's container:
    the heading goes back in with the article's subheadings (``with_dropped_headings``), and, being the header of the
    comments, ends the text as one that trafilatura kept does (``trim_extracted``)."""
    _extractions(monkeypatch, "\n".join([*LONG_POST, *READER_COMMENTS]), "")
    for heading in ("Comments", "12 Comments", "Leave a comment"):
        assert extract_html(_post_with_comments(heading))[0] == "\n".join(LONG_POST), heading


def test_a_subheading_trafilatura_dropped_over_prose_ends_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A heading that goes back in and is no header of comments ("What residents said") keeps the text under it,
    whatever that is; nor does a comments heading end a post of under 40 words (``SHORT_ARTICLE_END_MIN_WORDS``)
    with no thread of stamps under it, as for a heading that trafilatura kept."""
    _extractions(monkeypatch, "\n".join([*LONG_POST, *READER_COMMENTS]), "")
    assert extract_html(_post_with_comments("What residents said"))[0] == "\n".join(
        [*LONG_POST, "What residents said", *READER_COMMENTS]
    )
    short = "Trams return to the north."
    replies = [READER_COMMENTS[0], READER_COMMENTS[2]]
    comments = "".join(f"<p>{c}</p>" for c in replies)
    html = f"<html><body><div class='post'><p>{short}</p><h2>Comments</h2>{comments}</div></body></html>"
    _extractions(monkeypatch, "\n".join([short, *replies]), "")
    assert extract_html(html)[0] == "\n".join([short, "Comments", *replies])


MASTHEAD = "<div class='masthead'><div>Malaysia Sun</div><div>Search site:</div><div>Bluefield, WV Temperature: 25°</div></div>"
MASTHEAD_LINES = ["Malaysia Sun", "Search site:", "Bluefield, WV Temperature: 25°"]


def test_the_headers_furniture_above_the_container_of_the_prose_goes() -> None:
    from flows.steps.clean import without_leading_furniture

    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = _blocks(f"<div class='page'>{MASTHEAD}<div class='story'>{story}</div></div>")
    text = "\n".join([*MASTHEAD_LINES, *PARAGRAPHS])
    assert without_leading_furniture(text, page) == "\n".join(PARAGRAPHS)  # type: ignore[arg-type]
    # date lines and bylines stay where they are, the lines around them go
    page = _blocks(f"<div class='page'>{MASTHEAD}<div>Friday, January 18, 2008</div><div>By Jane Doe</div>"
                   f"<div>Your source for news</div><div class='story'>{story}</div></div>")
    text = "\n".join([*MASTHEAD_LINES, "Friday, January 18, 2008", "By Jane Doe", "Your source for news", *PARAGRAPHS])
    assert without_leading_furniture(text, page) == "\n".join(  # type: ignore[arg-type]
        ["Friday, January 18, 2008", "By Jane Doe", *PARAGRAPHS]
    )


def test_the_headline_a_standfirst_and_the_containers_own_lines_stay_above_the_article() -> None:
    from flows.steps.clean import without_leading_furniture

    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    # the headline ends the run: what follows it is the article's
    page = _blocks(f"<div class='page'><div>Malaysia Sun</div><h1>Tram network to grow</h1>{MASTHEAD}"
                   f"<div class='story'>{story}</div></div>")
    text = "\n".join(["Malaysia Sun", "Tram network to grow", *MASTHEAD_LINES, *PARAGRAPHS])
    assert without_leading_furniture(text, page) == text.split("\n", 1)[1]  # type: ignore[arg-type]
    # a standfirst without a sentence's end, and a prose line, outside the container
    standfirst = "Hugh's efforts to promote free-range chickens are admirable but not everyone can afford them"
    lede = "The council agreed on the plan after a debate that lasted well into the night, officials said."
    for line in (standfirst, lede):
        page = _blocks(f"<div class='page'><div class='intro'>{line}</div><div class='story'>{story}</div></div>")
        text = "\n".join([line, *PARAGRAPHS])
        assert without_leading_furniture(text, page) == text, line  # type: ignore[arg-type]
    # lines inside the container of the prose are the article's
    page = _blocks(f"<div class='story'>{MASTHEAD}{story}</div>")
    text = "\n".join([*MASTHEAD_LINES, *PARAGRAPHS])
    assert without_leading_furniture(text, page) == text  # type: ignore[arg-type]
    # a text without prose is left alone
    page = _blocks(f"<div class='page'>{MASTHEAD}<div class='story'><h2>Tram fares</h2><p>Bus lanes</p></div></div>")
    text = "\n".join([*MASTHEAD_LINES, "Tram fares", "Bus lanes"])
    assert without_leading_furniture(text, page) == text  # type: ignore[arg-type]


def test_html_text_loses_the_headers_furniture_trafilatura_kept_above_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><body><div class='page'>{MASTHEAD}<div class='story'>{story}</div></div></body></html>"
    _extractions(monkeypatch, "\n".join([*MASTHEAD_LINES, *PARAGRAPHS]), "")
    assert extract_html(html)[0] == "\n".join(PARAGRAPHS)


def test_a_short_dek_above_the_container_of_the_prose_stays() -> None:
    """A dek of a sentence shorter than a standfirst, outside the container of the prose, is the article's and ends
    the run; a short line that ends a sentence without being one ("Sign in.", an address, a copyright notice) is
    still furniture."""
    from flows.steps.clean import without_leading_furniture

    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    for dek in ("Northern districts finally get their tram line.", "“We have waited for this,” said one resident."):
        dek_box = f"<div class='dek'>{dek}</div>"
        page = _blocks(f"<div class='page'>{MASTHEAD}{dek_box}<div class='story'>{story}</div></div>")
        text = "\n".join([*MASTHEAD_LINES, dek, *PARAGRAPHS])
        assert without_leading_furniture(text, page) == "\n".join([dek, *PARAGRAPHS]), dek  # type: ignore[arg-type]
    furnitures = ("Sign in.", "1200 Main St., Springfield, IL.", "© Copyright 2008 The Daily. All Rights Reserved.")
    for furniture in furnitures:
        page = _blocks(f"<div class='page'><div>{furniture}</div><div class='story'>{story}</div></div>")
        text = "\n".join([furniture, *PARAGRAPHS])
        assert without_leading_furniture(text, page) == "\n".join(PARAGRAPHS), furniture  # type: ignore[arg-type]
