from flows.models import CleanDocument, Reason, Rejection, SourceDocument
from flows.steps.clean import clean_document, looks_like_title

BODY = "Dies ist ein ausreichend langer Absatz mit mehreren Wörtern, der als Artikeltext dient."


def _doc(text: str, fmt: str = "text", path: str = "c/a.txt") -> SourceDocument:
    return SourceDocument(doc_id="d1", source_path=path, format=fmt, text=text, encoding="utf-8", size_bytes=len(text), source_hash="h")


def test_text_title_from_first_line_when_it_looks_like_one() -> None:
    doc = clean_document(_doc(f"Russland liefert Technik an China\n{BODY}"), min_chars=20)
    assert isinstance(doc, CleanDocument)
    assert doc.metadata.title == "Russland liefert Technik an China"
    assert doc.text.startswith("Russland liefert")  # the title stays part of the text


def test_no_title_when_first_line_is_body_text() -> None:
    doc = clean_document(_doc(f"{BODY}\n{BODY}"), min_chars=20)
    assert isinstance(doc, CleanDocument) and doc.metadata.title is None


def test_looks_like_title() -> None:
    assert looks_like_title("The weapons that Russia can order from China")
    assert not looks_like_title("This sentence ends with a full stop.")
    assert not looks_like_title("word " * 40)


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
