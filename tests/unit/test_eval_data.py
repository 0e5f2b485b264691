"""The committed evaluation sets load, and the readability set's expected texts are made as its README says."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.fixture(scope="module")
def bench(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("eval_boilerplate")


@pytest.fixture(scope="module")
def prepare(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("data/readability/prepare")


@pytest.fixture(scope="module")
def l3s(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("data/l3s/prepare")


def test_readability_set_has_its_pages(bench, prepare) -> None:  # type: ignore[no-untyped-def]
    data = bench.pages(DATA / "readability")
    assert [page.name for page in data] == sorted(prepare.PAGES)
    assert all(page.html.strip() and page.body.strip() for page in data)
    heise = next(page for page in data if page.name == "heise")
    assert 'lang="de"' in heise.html and "Einmal-Passwörtern" in heise.body


def test_visible_text_keeps_lines_as_a_reader_sees_them(prepare) -> None:  # type: ignore[no-untyped-def]
    fragment = "<div><p>one\n  two</p><pre>x = 1\n  y = 2</pre><script>no</script><p>three<br>four</p></div>"
    assert prepare.visible_text(fragment) == "one two\nx = 1\ny = 2\nthree\nfour\n"


def test_pages_option_keeps_matching_names(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    argv = [str(DATA / "readability"), "--pages", "heise,nothing-*", "--per-page", "text: keep everything"]
    assert bench.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 pages matching heise,nothing-*") and "| heise |" in out


def test_by_site_groups_pages_by_their_canonical_host(bench) -> None:  # type: ignore[no-untyped-def]
    def page(name: str, head: str) -> object:
        return bench.Page(name, f"<html><head>{head}</head><body><p>x</p></body></html>", "x")

    canonical = page("a", '<link rel="canonical" href="https://www.Example.com/news/1?x=1">')
    og_first = page("b", '<meta content="http://example.com:8080/2" property="og:url">')
    none = page("c", "<title>no link</title>")
    assert bench.site_of(canonical) == "example.com"
    assert bench.site_of(og_first) == "example.com"
    assert bench.site_of(none) == "(c)"  # a page without a link is a site of its own


def test_line_oracle_keeps_the_lines_that_hold_the_body(bench) -> None:  # type: ignore[no-untyped-def]
    body = "The council met on Tuesday and agreed the budget.\nIt takes effect in May."
    text = ("Home | News | Sport\nThe council met on Tuesday and agreed the budget.\nIt takes effect in May.\n"
            "Sign up for our newsletter today and never miss a story\nMay.\nShare")
    # the body's lines, and a line too short for a 4-gram that occurs in the body; furniture goes
    assert bench.line_oracle(text, body).split("\n") == [
        "The council met on Tuesday and agreed the budget.", "It takes effect in May.", "May."]
    assert bench.prf(bench.line_oracle(text, body), body)[2] > 0.9 > bench.prf(text, body)[2]


def test_oracle_option_adds_the_line_oracle_row(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    assert bench.main([str(DATA / "readability"), "--pages", "heise", "--oracle"]) == 0
    row = capsys.readouterr().out.strip().split("\n")[-1]
    assert row.startswith("| text: line oracle (upper bound) |") and float(row.split("|")[-2]) > 0.9


ANNOTATED = (
    '<html><head><style>.x-nc-sel1 {}</style></head><body><div class="nav"><span class="x-nc-sel0">Home</span></div>'
    '<h1><span class="x-nc-sel1">Council agrees budget</span></h1>'
    '<p><span class="x-nc-sel2"><span class="x-nc-sel2">The council met</span> on <a href="/t">Tuesday</a>.</span></p>'
    '<div class="x-nc-invisible"><span class="x-nc-sel2">Hidden copy.</span></div>'
    '<p><span class="x-nc-sel2">It takes effect <span class="x-nc-sel4">Related: tax</span> in May.</span></p>'
    '<p><span class="x-nc-sel3">Photo: the town hall</span></p><p><span class="x-nc-sel5">Great news!</span></p>'
    "</body></html>"
)


def test_l3s_body_is_headline_and_full_text_in_page_order(l3s) -> None:  # type: ignore[no-untyped-def]
    # nested labels count once, each text piece takes its nearest label (a related link inside the full text
    # goes), blocks marked invisible go; captions (supplemental) and comments are no body
    assert l3s.body_of(ANNOTATED) == "Council agrees budget\nThe council met on Tuesday.\nIt takes effect in May."


def test_l3s_page_is_the_annotated_page_without_labels_or_invisible_blocks(bench, l3s) -> None:  # type: ignore[no-untyped-def]
    page = l3s.page_of(ANNOTATED)
    assert "x-nc-sel" not in page.split("</style>", 1)[1] and "Hidden copy" not in page
    assert [line for line in bench.scraped_text(page).split("\n") if line] == [
        "Home", "Council agrees budget", "The council met on Tuesday.", "It takes effect Related: tax in May.",
        "Photo: the town hall", "Great news!"]


def test_pages_are_decoded_in_their_declared_charset(bench) -> None:  # type: ignore[no-untyped-def]
    raw = '<?xml version="1.0" encoding="iso-8859-1"?><html><meta charset="iso-8859-1"><p>Zürich</p></html>'
    decoded = bench.decode_page(raw.encode("latin-1"))
    assert decoded.startswith("<html>") and "Zürich" in decoded
    assert "Zürich" in bench.decode_page("<p>Zürich</p>".encode())  # no declaration: UTF-8



def test_l3s_set_is_written_in_the_aeb_layout_from_the_annotated_or_the_crawled_pages(bench, l3s, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "l3s"
    (source / "GoldStandard").mkdir(parents=True)
    (source / "input").mkdir()
    (source / "GoldStandard" / "1.txt").write_text(ANNOTATED, "utf-8")
    (source / "input" / "1.html").write_text("<html><body><p>As crawled</p></body></html>", "utf-8")
    (source / "GoldStandard" / "2.txt").write_text("<p><span class='x-nc-sel0'>Home</span></p>", "utf-8")  # no article
    (source / "GoldStandard" / "3.txt").write_text(ANNOTATED, "utf-8")  # no crawled page
    assert l3s.main([str(source), str(tmp_path / "annotated")]) == 0
    body = l3s.body_of(ANNOTATED)
    assert [(p.name, p.body) for p in bench.pages(tmp_path / "annotated")] == [("1", body), ("3", body)]
    assert l3s.main([str(source), str(tmp_path / "crawled"), "--crawled"]) == 0
    [page] = bench.pages(tmp_path / "crawled")
    assert page.name == "1" and "As crawled" in page.html

@pytest.fixture(scope="module")
def dragnet(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("data/dragnet/prepare")


def test_dragnet_body_is_the_text_before_the_comments(dragnet) -> None:  # type: ignore[no-untyped-def]
    gold = "July 24, 2012\n\n  Search  falls short \n\nThe search ended.\n\n!@#$%^&*()  COMMENTS\n\nGreat story!\n"
    assert dragnet.body_of(gold) == "July 24, 2012\nSearch falls short\nThe search ended."
    assert dragnet.body_of("No comments here.\n") == "No comments here."


def test_dragnet_set_is_written_in_the_aeb_layout(bench, dragnet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "dragnet_data"
    (source / "GoldStandard").mkdir(parents=True)
    (source / "input").mkdir()
    (source / "GoldStandard" / "1.txt").write_text("Zürich votes\nThe city voted.\n!@#$%^&*() COMMENTS\nNice", "utf-8")
    (source / "input" / "1.html").write_bytes('<meta charset="iso-8859-1"><p>Zürich votes</p>'.encode("latin-1"))
    (source / "GoldStandard" / "2.txt").write_text("!@#$%^&*() COMMENTS\nOnly comments", "utf-8")  # no article
    (source / "input" / "2.html").write_text("<p>x</p>", "utf-8")
    (source / "GoldStandard" / "3.txt").write_text("A page that is missing", "utf-8")
    assert dragnet.main([str(source), str(tmp_path / "out")]) == 0
    [page] = bench.pages(tmp_path / "out")
    assert page.name == "1" and page.body == "Zürich votes\nThe city voted." and "<p>Zürich votes</p>" in page.html


@pytest.fixture(scope="module")
def cleanportaleval(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("data/cleanportaleval/prepare")


def test_cleanportaleval_body_is_its_blocks_without_the_url_line(cleanportaleval) -> None:  # type: ignore[no-untyped-def]
    gold = (
        "\nURL: http://example.com/news/1\n<h>Council backs tram&#8217;s extension\n\n<p>The council voted on\n"
        " Tuesday to extend the line.\n\n<l>Cost: 400 million\n<p>Work begins &amp; ends soon.\n"
    )
    assert cleanportaleval.body_of(gold) == (
        "Council backs tram’s extension\nThe council voted on Tuesday to extend the line.\nCost: 400 million\n"
        "Work begins & ends soon."
    )
    assert cleanportaleval.body_of("URL: http://example.com/\n<!-- this page contains no article -->\n") == ""


def test_cleanportaleval_set_is_written_in_the_aeb_layout(bench, cleanportaleval, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "CleanPortalEval"
    (source / "GoldStandard").mkdir(parents=True)
    (source / "input").mkdir()
    (source / "GoldStandard" / "site_01.txt").write_text("URL: http://example.com/1\n<p>The city voted.\n", "utf-8")
    (source / "input" / "site_01.html").write_text(
        '<text id="http://example.com/1">\n<html><body><p>The city voted.</p></body></html>\n</text>\n', "utf-8"
    )
    (source / "GoldStandard" / "site_02.txt").write_text("URL: x\n<!-- this page contains no article -->", "utf-8")
    (source / "input" / "site_02.html").write_text("<text id='x'><p>x</p></text>", "utf-8")
    assert cleanportaleval.main([str(source), str(tmp_path / "out")]) == 0
    [page] = bench.pages(tmp_path / "out")
    assert page.name == "site_01" and page.body == "The city voted."
    assert page.html.strip().startswith("<html>") and "</text>" not in page.html


@pytest.fixture(scope="module")
def aeb(load_bench):  # type: ignore[no-untyped-def]
    return load_bench("data/aeb/prepare")


def test_aeb_split_keeps_the_141_pages_apart_from_the_40_later_ones(aeb, bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    later = sorted(aeb.later_ids())
    assert len(later) == 40
    source = tmp_path / "aeb"
    (source / "html").mkdir(parents=True)
    truth = {key: {"articleBody": f"Body of {key}."} for key in [*later, "a" * 64, "b" * 64]}
    (source / "ground-truth.json").write_text(json.dumps(truth), "utf-8")
    for key in truth:
        (source / "html" / f"{key}.html.gz").write_bytes(gzip.compress(f"<p>{key}</p>".encode()))
    assert aeb.main([str(source), str(tmp_path / "first")]) == 0
    assert aeb.main([str(source), str(tmp_path / "later"), "--later"]) == 0
    assert [page.name for page in bench.pages(tmp_path / "first")] == ["a" * 64, "b" * 64]
    assert [page.name for page in bench.pages(tmp_path / "later")] == later
    (source / "ground-truth.json").write_text("{}", "utf-8")  # a copy without the later pages is refused
    with pytest.raises(SystemExit):
        aeb.main([str(source), str(tmp_path / "none")])


def test_the_stated_title_is_json_lds_headline_else_og_title_never_the_title_element(load_bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    metadata = load_bench("eval_metadata")
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"headline": "Tram  &amp; harbour"}]}</script>'
    og = '<meta property="og:title" content="Tram extension approved">'
    assert metadata.stated_title(f"<html><head><title>Tram - Gazette</title>{og}{ld}</head></html>") == "Tram & harbour"
    assert metadata.stated_title(f"<html><head><title>Tram - Gazette</title>{og}</head></html>") == "Tram extension approved"
    assert metadata.stated_title("<html><head><title>Tram - Gazette</title></head><body>x</body></html>") is None
    # a title every page of a site states is the site's name: left out, and every page stays listed for --half
    pages = {"a": og, "b": og, "c": '<meta property="og:title" content="Harbour reopens">', "d": ""}
    (tmp_path / "html").mkdir()
    for name, head in pages.items():
        html = f"<html><head>{head}</head><body><p>text</p></body></html>"
        (tmp_path / "html" / f"{name}.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({name: {"articleBody": "text"} for name in pages}))
    assert metadata.stated_titles(tmp_path) == {"a": {}, "b": {}, "c": {"title": "Harbour reopens"}, "d": {}}
