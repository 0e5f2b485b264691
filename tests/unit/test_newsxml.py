"""NITF and NewsML-G2 stories: their text in reading order, and what the newsroom says about them."""

from __future__ import annotations

from datetime import date

from flows.models import Reason
from flows.steps.formats import Extracted, Problem
from flows.steps.newsxml import extract_newsml, extract_nitf, news_xml_kind
from tests.documents import newsml_bytes, nitf_bytes

EN = ["The city council approved the new budget on Tuesday after a long debate.", "Spending on transit will rise."]
DE = ["Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen.", "Die Ausgaben für Busse steigen."]


def test_a_nitf_story_is_its_headline_and_body_once_without_pictures() -> None:
    for lead_block in (True, False):
        result = extract_nitf(nitf_bytes(EN, lead_block=lead_block))
        assert isinstance(result, Extracted) and result.markup == "text", lead_block
        assert result.text.split("\n") == [
            "Council Approves Budget", "Transit Spending Rises", *EN,  # the lead paragraph once
            "What Changes", "- Buses every ten minutes", "- Two new tram lines", "Item | Dollars", "Transit | 1.2 billion",
        ], lead_block
        assert "chamber" not in result.text  # a picture's caption


def test_a_nitf_story_says_who_wrote_it_when_and_where() -> None:
    result = extract_nitf(nitf_bytes(EN))
    assert isinstance(result, Extracted)
    props = result.properties
    assert (props.title, props.author, props.site) == ("Council Approves Budget", "John Smith", "The Example Times")
    assert props.published == date(2007, 3, 5) and props.place == "SPRINGFIELD"
    assert props.url == "http://query.example.com/story?res=9A0CE"
    assert props.description == "City council approves budget with more for transit."
    # the indexed descriptor, place, person (as "First Last") and organisation; not the site's section tree
    assert props.tags == ("Budgets and Budgeting", "Springfield", "Jane Doe", "City Council")


def test_a_newsml_item_alone_or_in_a_message_is_its_headline_and_inline_story() -> None:
    for message in (0, 1):
        result = extract_newsml(newsml_bytes(DE, message=message))
        assert isinstance(result, Extracted) and result.text.split("\n") == ["Stadtrat beschließt Haushalt", *DE], message
        props = result.properties
        assert (props.author, props.site, props.place) == ("Erika Muster", "Deutsche Presse-Agentur", "Berlin")
        assert props.published == date(2024, 3, 5) and props.tags == ("Haushalt", "Nahverkehr", "Politik")
        assert props.description == "Mehr Geld für Busse und Bahnen."


def test_a_newsml_item_may_hold_xhtml_or_plain_text() -> None:
    nitf = newsml_bytes(DE).decode()
    start, end = nitf.index("<inlineXML"), nitf.index("</inlineXML>") + len("</inlineXML>")
    xhtml = nitf[:start] + (
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head>'
        f"<body><h2>Zwischentitel</h2><p>{DE[0]}</p><ul><li>Busse</li></ul></body></html></inlineXML>"
    ) + nitf[end:]
    result = extract_newsml(xhtml.encode())
    assert isinstance(result, Extracted)
    assert result.text.split("\n") == ["Stadtrat beschließt Haushalt", "Zwischentitel", DE[0], "- Busse"]
    plain = nitf[:start] + f'<inlineData contenttype="text/plain">{DE[0]}\n\n{DE[1]}\n</inlineData>' + nitf[end:]
    result = extract_newsml(plain.encode())
    assert isinstance(result, Extracted) and result.text.split("\n") == ["Stadtrat beschließt Haushalt", *DE]


def test_a_newsml_file_without_one_text_item_is_a_problem() -> None:
    several = extract_newsml(newsml_bytes(DE, message=2))
    assert isinstance(several, Problem) and several.reason == Reason.UNSUPPORTED_TYPE and "2 text items" in several.detail
    nitf = newsml_bytes(DE).decode()
    start, end = nitf.index("<inlineXML"), nitf.index("</inlineXML>") + len("</inlineXML>")
    picture = nitf[:start] + '<remoteContent href="https://example.org/p.jpg" contenttype="image/jpeg"/>' + nitf[end:]
    result = extract_newsml(picture.encode())
    assert isinstance(result, Problem) and result.reason == Reason.EMPTY


def test_news_xml_is_told_by_its_root_element() -> None:
    assert news_xml_kind(nitf_bytes(EN)) == "nitf"
    assert news_xml_kind(b"\xef\xbb\xbf<!-- wire -->\n<nitf><body/></nitf>") == "nitf"
    assert news_xml_kind(newsml_bytes(DE)) == news_xml_kind(newsml_bytes(DE, message=1)) == "newsml"
    assert news_xml_kind(b"<newsItem><headline>not IPTC</headline></newsItem>") is None
    assert news_xml_kind(b'<?xml version="1.0"?><rss version="2.0"><channel><title>nitf</title></channel></rss>') is None
    assert news_xml_kind(b"A note about <nitf> files.") is None


def test_broken_or_hostile_xml_is_a_problem_and_expands_nothing() -> None:
    cut = extract_nitf(nitf_bytes(EN)[:600])
    assert isinstance(cut, Problem) and cut.reason == Reason.UNREADABLE and "not well-formed NITF XML" in cut.detail
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b"<nitf><body><body.content><p>Story &d;&d;&d;&d;&d;</p></body.content></body></nitf>"
    )
    result = extract_nitf(laughs)
    assert isinstance(result, Extracted) and result.text == "Story" and "aaaa" not in result.text  # not expanded


def test_html_entities_are_read_with_or_without_a_doctype() -> None:
    body = b"<nitf><body><body.content><p>Caf&eacute; &mdash; &#233;t&eacute; &amp; mehr&nbsp;Text</p></body.content></body></nitf>"
    for data in (body, b'<!DOCTYPE nitf SYSTEM "nitf-3-3.dtd">' + body):
        result = extract_nitf(data)
        assert isinstance(result, Extracted) and result.text == "Café — été & mehr Text", data[:20]
