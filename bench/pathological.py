"""How the cost of the steps' pattern matching grows with inputs built to make a regex backtrack, and that of
decompressing a gzip file made of many empty members (zlib copies the input a member did not use), of listing a
web archive that is one long line (a reader that joins a line's pieces by adding bytes to bytes), and of finding the
lines of a text on a page when thousands of them share their words (a forum thread, a log: ``placed_lines``), of
the HTML route's page-structure steps on pages of thousands of blocks or thousands of nested wrappers (the
article's container, a lead above it or inside a post's body, a header's standfirst, posts under headlines, a post in a wrapper
read as comments over thousands of them, a run of links after a post, paragraphs put back), and
of repairing a damaged feed with thousands of comments or CDATA sections left open; of the text rules on a page
of thousands of comments under signatures of one shape or of paragraphs under questions about comments; and of
listing a 7-Zip archive of thousands of small files, and of reading all the files of a solid one (one block,
readable only from its start) one after another, and its e-mails with their attached files.

Each case is timed at a size and at eight times that size, in one run; the growth is the ratio of the two
times (8 for linear work, 64 for quadratic). Timings are this machine's; the ratios are the point.

    PYTHONPATH=. python bench/pathological.py [--size 20000] [--case TEXT]
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from flows.steps.boilerplate import _heading_key, is_code, is_photo_credit, is_table_row, _QUANTITY  # noqa: E402,E501
from flows.steps.boilerplate import _kept_words, line_index, placed_lines, remove_boilerplate  # noqa: E402
from flows.steps.clean import _H1, _h1_headline, json_ld_keywords, _TITLE_TAG, without_site_name  # noqa: E402
from flows.steps.clean import cut_after_article, post_under_headline, with_dropped_prose, with_lead  # noqa: E402
from flows.steps.clean import with_lead_in_body, with_standfirst, without_trailing_links  # noqa: E402
from flows.steps.feeds import parse_feed  # noqa: E402
from flows.steps.pagetext import page_blocks, parse_page  # noqa: E402
from flows.steps.pagemeta import structured_published, text_dateline  # noqa: E402
from flows.steps.containers import _scan_list, _scan_warc, _sevenz_open, read_7z_member, scan  # noqa: E402
from flows.steps.formats import gunzip  # noqa: E402
from flows.steps.load import discover, load_document  # noqa: E402
from flows.steps.keywords import extract_keywords  # noqa: E402
from flows.models import FileStamp, SourceDocument  # noqa: E402
from flows.steps.normalize import strip_markdown  # noqa: E402

_EMPTY_MEMBER = gzip.compress(b"")
_REPLY = "Reply {} by a reader: thanks for the update, I have the same problem here"


def _solid_7z(n: int) -> Path:
    """A solid 7-Zip archive of ``n // 50`` small files (a story of its own each, with 32 random bytes as hex so
    that each packs to more than ``SEVENZ_BYTES_PER_FILE``, as articles do), in a temporary folder."""
    import tempfile

    import py7zr

    rng = random.Random(n)
    path = Path(tempfile.mkdtemp(prefix="docindex-7z-")) / f"{n}.7z"
    with py7zr.SevenZipFile(path, "w") as archive:
        for i in range(n // 50):
            archive.writestr(f"Story {i}: {_REPLY.format(i)}. {rng.randbytes(32).hex()} ".encode() * 3, f"news/{i}.txt")
    return path


def _listed_7z(path: Path) -> None:
    listed = scan(path, "7z", max_bytes=1 << 20)
    assert listed.problem is None and len(listed.members) == int(path.stem) // 50, listed.problem


def _read_7z(path: Path) -> None:
    """Every file of a 7-Zip archive listed and read in its order, as one reader (a worker) reads them."""
    _sevenz_open.__dict__.clear()
    listed = scan(path, "7z", max_bytes=1 << 20)
    assert listed.problem is None, listed.problem
    for member in listed.members:
        assert isinstance(read_7z_member(path, member.record, max_bytes=1 << 20), tuple)


def _mail_7z(n: int) -> Path:
    """A solid 7-Zip archive of ``n // 500`` e-mails, each with a text file attached, in a temporary folder."""
    import tempfile
    from email.message import EmailMessage

    import py7zr

    path = Path(tempfile.mkdtemp(prefix="docindex-7z-")) / f"{n}.7z"
    with py7zr.SevenZipFile(path, "w") as archive:
        for i in range(n // 500):
            m = EmailMessage()
            m["From"], m["To"], m["Subject"], m["Message-ID"] = "a@example.org", "b@example.org", f"Story {i}", f"<m{i}@example.org>"
            m.set_content(f"Story {i}: {_REPLY.format(i)}.")
            m.add_attachment(f"Report {i}: {_REPLY.format(i)}.".encode(), maintype="text", subtype="plain", filename=f"report{i}.txt")
            archive.writestr(m.as_bytes(), f"mail/{i}.eml")
    return path


def _read_mail_7z(path: Path) -> None:
    """Every e-mail of a 7-Zip archive and its attached file read in their order, as one reader reads them."""
    _sevenz_open.__dict__.clear()
    refs = discover([path], max_bytes=1 << 20)
    assert len(refs) == 2 * (int(path.stem) // 500), len(refs)
    for ref in refs:
        assert isinstance(load_document(ref, max_bytes=1 << 20), SourceDocument)


def _thread(n: int) -> str:
    """About ``n`` characters of replies that differ by their number only."""
    return "\n".join(_REPLY.format(i) for i in range(n // len(_REPLY)))

def _page(body: str, title: str = "") -> tuple[str, list[tuple[str, Any]]]:
    """A page's HTML and its blocks (``pagetext.page_blocks``), as the HTML route's steps read them."""
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    root = parse_page(html)
    assert root is not None
    return html, page_blocks(root)


#: wrappers around the article's lines in the cases of deep pages
DEPTH = 500
_WORDS = random.Random(7)


def _word() -> str:
    return "".join(_WORDS.choice("bcdfgklmnprstvz") + _WORDS.choice("aeiou") for _ in range(_WORDS.randint(2, 4)))


def _paragraph(i: int) -> str:
    """A sentence of prose whose words few others share (as an article's paragraphs)."""
    return f"In report {i}, " + ", and ".join(f"the {_word()} {_word()}s the {_word()} in the {_word()}" for _ in range(3)) + "."


def _deep_article(n: int) -> tuple[str, list[tuple[str, Any]]]:
    """The lines of an article of about ``n`` characters, ``DEPTH`` wrappers deep, and a related story after it."""
    lines = [f"Report {i} tells of council{i} and tram{i} in district{i} today." for i in range(n // 60)]
    _, page = _page("<div>" * DEPTH + "".join(f"<p>{p}</p>" for p in lines) + "</div>" * DEPTH + "<div class='related'><p>More</p></div>")
    return "\n".join(line for line, _ in page), page


def _deep_lead(n: int) -> tuple[str, list[tuple[str, Any]]]:
    """About ``n`` characters of lead above the article's first lines, ``DEPTH`` wrappers deep."""
    lead = "".join(f"<p>{_paragraph(i)}</p>" for i in range(n // 100))
    story = [_paragraph(-i) for i in range(1, 4)]
    _, page = _page("<div class='story'>" + "<div>" * DEPTH + lead + "</div>" * DEPTH + "".join(f"<p>{p}</p>" for p in story) + "</div>")
    return "\n".join(story), page


_POST = "Happy Friday! We love this inspiration board and are excited to celebrate with a chic couple this weekend."
_ABOUT = "I am a designer and mother of two, and I write here about the weddings and parties that I find on my way."


def _teasers(n: int) -> tuple[str, list[tuple[str, Any]], str]:
    """A blog's page of about ``n`` characters of teasers, each headed by the page title's words, and the text of
    its sidebar's box."""
    teasers = "".join(f"<div class='teaser'><h2>City chic</h2><p>{_POST}</p></div>" for _ in range(n // 150))
    html, page = _page(f"<div class='sidebar'><h2>About me</h2><p>{_ABOUT}</p></div><div class='content'>{teasers}</div>", "City chic - Blog")
    return _ABOUT, page, html


def _signatures(n: int) -> str:
    """A post over about ``n`` characters of comments, each under a signature of one shape ("user12x says:"), a
    hundred names signing in turn."""
    lines = [_paragraph(-1), _paragraph(-2)]
    for i in range(n // 80):
        lines += [f"user{i % 100}x says:", _paragraph(i)]
    return "\n".join(lines)


def _comment_questions(n: int) -> str:
    """About ``n`` characters of an article whose paragraphs are each under a question about comments, each with
    words of its own: every question is weighed against the prose above it and below it."""
    lines = [_paragraph(-1), _paragraph(-2)]
    for i in range(n // 140):
        lines += ["Comments or not?", _paragraph(i)]
    return "\n".join(lines)


def _post_over_comments(n: int) -> tuple[str, list[tuple[str, Any]], str]:
    """A blog's post in a wrapper whose class reads as comments, over about ``n`` characters of its readers'
    comments, each an item of the list, and the text of its sidebar's box."""
    comments = "".join(f"<li class='comment'><p>{_paragraph(i)}</p></li>" for i in range(n // 100))
    post = f"<div class='comments-open'><div class='entry'><h2>City chic</h2><p>{_POST}</p></div><ol class='commentlist'>{comments}</ol></div>"
    html, page = _page(f"<div class='sidebar'><h2>About me</h2><p>{_ABOUT}</p></div><div class='content'>{post}</div>", "City chic - Blog")
    return _ABOUT, page, html


def _deep_lead_in_body(n: int) -> tuple[str, list[tuple[str, Any]]]:
    """About ``n`` characters of lead in a post's body under its picture, ``DEPTH`` wrappers deep, above the body's
    own text."""
    lead = "".join(f"<p>{_paragraph(i)}</p>" for i in range(n // 100))
    story = [_paragraph(-i) for i in range(1, 4)]
    picture = "<div class='separator'><img src='a.jpg'></div>"
    _, page = _page(f"<div class='post'><div class='post-body'>{picture}" + "<div>" * DEPTH + lead + "</div>" * DEPTH + "<br><br>".join(story) + "</div></div>")
    return "\n".join(story), page


def _long_header(n: int) -> tuple[str, list[tuple[str, Any]], str]:
    """An article's header of about ``n`` characters of prose under its headline, beside the story's body."""
    header = "<header><h1>Tram news</h1>" + "".join(f"<p>{_paragraph(i)}</p>" for i in range(n // 100)) + "</header>"
    story = [_paragraph(-i) for i in range(1, 4)]
    _, page = _page(f"<article>{header}<div class='body'>{''.join(f'<p>{p}</p>' for p in story)}</div></article>")
    return "\n".join(story), page, "Tram news"


def _links_after_post(n: int) -> tuple[str, list[tuple[str, Any]]]:
    """A post, then about ``n`` characters of links, one a line, that the text holds after the post."""
    story = [_paragraph(-i) for i in range(1, 4)]
    links = [f"Older story {i} about trams" for i in range(n // 40)]
    _, page = _page(
        f"<div class='blog'><div class='post'><h3>Tram news</h3><div class='post-body'>{''.join(f'<p>{p}</p>' for p in story)}</div></div>"
        + "<div class='archive'>" + "<br>".join(f"<a href='/{i}'>{line}</a>" for i, line in enumerate(links)) + "</div></div>"
    )
    return "\n".join([*story, *links]), page


def _every_other_dropped(n: int) -> tuple[str, list[tuple[str, Any]]]:
    """An article of about ``n`` characters whose text lacks every other paragraph, each under a heading."""
    paragraphs = [_paragraph(i) for i in range(n // 100)]
    body = "".join(f"<p>{p}</p>" if i % 2 == 0 else f"<h3>Part {i}</h3><p>{p}</p>" for i, p in enumerate(paragraphs))
    _, page = _page(f"<div class='story'>{body}</div>")
    return "\n".join(p for i, p in enumerate(paragraphs) if i % 2 == 0), page


_FEED = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Times</title>'
    "<item><title>Floods &amp; storms hit Valencia</title><link>https://example.com/floods</link>"
    "<description>Heavy rain flooded the streets of Valencia on Tuesday.</description></item>{}</channel></rss>"
)


#: name -> (function of the input, input of size n: characters, or bytes)
CASES: dict[str, tuple[Callable[[Any], object], Callable[[int], Any]]] = {
    "is_code: closing brackets, then a letter": (is_code, lambda n: ")" * n + "x"),
    "is_code: a prompt, then one long word and a mark": (is_code, lambda n: "$ " + "a" * n + "!"),
    "is_table_row: box-drawing rules and spaces, then a letter": (is_table_row, lambda n: "─ ┼" * (n // 3) + "x"),
    "a quantity opening a line: digits, then a mark": (_QUANTITY.match, lambda n: "1" * n + "!"),
    "is_photo_credit: credits run into words, none closing the line": (is_photo_credit, lambda n: "aCredit: b;" * (n // 11)),
    "a heading's key: spaces, then a letter": (_heading_key, lambda n: " " * n + "x"),
    "a heading's key: section numbers, then brackets never closed": (_heading_key, lambda n: "1." * (n // 4) + "[a" * (n // 4)),
    "strip_markdown: a run of '['": (strip_markdown, lambda n: "[" * n),
    "json_ld_keywords: unclosed '<script '": (json_ld_keywords, lambda n: "<script " * (n // 8)),
    "the page title pattern: unclosed '<title '": (_TITLE_TAG.search, lambda n: "<title " * (n // 7)),
    "the <h1> pattern: unclosed '<h1>x'": (_H1.findall, lambda n: "<h1>x" * (n // 5)),
    "without_site_name: spaces, then separators without a name": (
        lambda title: without_site_name(title, "Site"), lambda n: "a" + " " * (n // 2) + " -" * (n // 4) + " x"
    ),
    "structured_published: unclosed '<meta name=x '": (structured_published, lambda n: "<meta name=x " * (n // 13)),
    "text_dateline: a line of dashes and spaces": (text_dateline, lambda n: "- " * (n // 2)),
    "_h1_headline: the heading, then separators": (lambda title: _h1_headline(title, ["ab cd"]), lambda n: "ab cd" + " -" * (n // 2)),
    "keywords: a line of acronyms": (lambda text: extract_keywords(text, language="de"), lambda n: "BMW SPD " * (n // 8) + "x"),
    "gunzip: empty gzip members": (lambda data: gunzip(data, max_bytes=1 << 20), lambda n: _EMPTY_MEMBER * (n // len(_EMPTY_MEMBER))),
    "web archive listing: one line of zeros": (lambda data: _scan_warc(io.BytesIO(data), FileStamp(len(data), 0), 1 << 30), bytes),
    "JSON list: an item too deep, then a string never closed": (
        lambda data: _scan_list(io.BytesIO(data), FileStamp(len(data), 0), 1 << 30, size=len(data)),
        lambda n: b'[{"text": "a"}, ' + b"[" * 3000 + b'"' + b'\\"' * (n // 2),
    ),
    "placed_lines: the lines of a thread of replies on its page": (lambda text: placed_lines(line_index(text), text), _thread),
    "placed_lines: one line many times on its page": (
        lambda text: placed_lines(line_index(text), text), lambda n: "\n".join([_REPLY.format(1)] * (n // len(_REPLY)))
    ),
    "is_code: a brace, then a long run of spaces": (is_code, lambda n: "{ a" + " " * n + "b"),
    "a feed with comments left open": (parse_feed, lambda n: _FEED.format("<!--" * (n // 4)).encode()),
    "a feed with CDATA sections left open": (parse_feed, lambda n: _FEED.format("<![CDATA[" * (n // 9)).encode()),
    f"cut_after_article: the article's lines {DEPTH} wrappers deep": (lambda args: cut_after_article(*args), _deep_article),
    f"with_lead: a lead {DEPTH} wrappers deep": (lambda args: with_lead(*args), _deep_lead),
    f"with_lead_in_body: a lead in a post's body {DEPTH} wrappers deep": (lambda args: with_lead_in_body(*args), _deep_lead_in_body),
    "with_standfirst: a header of prose under the headline": (lambda args: with_standfirst(*args), _long_header),
    "remove_boilerplate: comments under signatures of one shape": (remove_boilerplate, _signatures),
    "remove_boilerplate: paragraphs under questions about comments": (remove_boilerplate, _comment_questions),
    "post_under_headline: teasers headed by the title's words": (lambda args: post_under_headline(*args), _teasers),
    "post_under_headline: a post in a wrapper read as comments, over its comments": (
        lambda args: post_under_headline(*args), _post_over_comments
    ),
    "without_trailing_links: links after a post, one a line": (lambda args: without_trailing_links(*args), _links_after_post),
    "with_dropped_prose: every other paragraph dropped": (lambda args: with_dropped_prose(*args), _every_other_dropped),
    "7-Zip: listing an archive of small files (one per 50 chars)": (_listed_7z, _solid_7z),
    "7-Zip: every file of a solid archive read in its order": (_read_7z, _solid_7z),
    "7-Zip: every e-mail of a solid archive and its attached file read in their order": (_read_mail_7z, _mail_7z),
}


def seconds(function: Callable[[Any], object], text: Any) -> float:
    _kept_words.cache_clear()  # the words of lines read before (the first input's) count in neither time
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="characters (bytes) of the smaller input (default 20000)")
    parser.add_argument("--case", default="", help="only the cases whose name holds this text")
    args = parser.parse_args(argv)
    print(f"| case | {args.size:,} chars | {8 * args.size:,} chars | growth (linear 8, quadratic 64) |")
    print("|---|---|---|---|")
    for name, (function, make) in CASES.items():
        if args.case not in name:
            continue
        seconds(function, make(args.size // 2))  # first, another input: tables built on a first call count nowhere
        small, large = seconds(function, make(args.size)), seconds(function, make(8 * args.size))
        print(f"| {name} | {small:.4f} s | {large:.4f} s | {large / max(small, 1e-9):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
