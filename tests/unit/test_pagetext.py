import pytest

from flows.steps.pagetext import has_layout_table, page_blocks, page_lines, parse_page, xml_safe


def _lines(html: str) -> list[str]:
    root = parse_page(xml_safe(html))
    assert root is not None
    return page_lines(root).split("\n")


def test_one_block_per_line_and_whitespace_collapsed() -> None:
    html = "<body><h1>Title</h1><p>First   paragraph,\n  wrapped.</p><div>Second<br>line <b>bold</b></div></body>"
    assert _lines(html) == ["Title", "First paragraph,", "wrapped.", "Second", "line bold"]  # markup's breaks stay


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var x = 1;</script>",
        "<style>p { color: red }</style>",
        "<noscript>Enable JavaScript</noscript>",
        "<template><p>Later</p></template>",
        "<select><option>Page 1</option><option>Page 2</option></select>",
        "<div hidden>Secret</div>",
        "<div style='DISPLAY: none'>Collapsed menu</div>",
        "<!-- a comment -->",
    ],
)
def test_what_a_browser_does_not_show_is_left_out(hidden: str) -> None:
    html = f"<html><head><title>The title</title></head><body><p>Shown</p>{hidden}<p>Also shown</p></body></html>"
    assert _lines(html) == ["Shown", "Also shown"]


def test_ruby_readings_are_left_out_and_formulas_are_their_tex_as_in_trafilaturas_text() -> None:
    # inline, readings and presentation markup would split the words around them: the line would not be found in
    # trafilatura's text
    html = (
        "<body><p><ruby>計画<rp>(</rp><rt>けいかく</rt><rp>)</rp></ruby>を<ruby>支持<rtc>しじ</rtc></ruby>する</p>"
        "<p>The curve <math><mi>x</mi><mo>+</mo><mi>y</mi></math> is a line.</p>"
        '<p>So is <math alttext="x - y = 0"><mi>x</mi></math>, and <math display="block"><semantics><mi>y</mi>'
        '<annotation encoding="application/x-tex">y = 1</annotation></semantics></math> too.</p></body>'
    )
    assert _lines(html) == ["計画を支持する", "The curve is a line.", "So is \\(x - y = 0\\), and \\[y = 1\\] too."]


def test_control_characters_that_xml_forbids_do_not_stop_the_page_text() -> None:
    # libxml2 keeps a vertical tab in the text; lxml refuses to join such a text when a hidden element is dropped
    assert _lines("<body><p>Shown<script>x</script>\x0bafter\x0cit</p></body>") == ["Shown after it"]
    assert _lines("<body><p>Shown <script>x</script>after&#26;it&#x1A;too</p><p>&#9;next&#xFFFF;one</p></body>") == [
        "Shown after it too", "next one"
    ]
    assert _lines("<body><p>Shown<script>x</script>\uffffafter</p></body>") == ["Shown after"]


def test_a_row_of_inline_cells_is_one_line() -> None:
    html = "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Arsenal</td><td><b>60</b></td><td></td></tr></table>"
    assert _lines(html) == ["Team | Points", "Arsenal | 60"]


def test_cells_of_a_layout_row_are_blocks_of_their_own() -> None:
    html = (
        "<table><tr><td><ul><li><a href='/'>Home</a></li><li>Sports</li></ul></td>"
        "<td><p>The article's first paragraph.</p><p>Its second paragraph.</p></td></tr></table>"
    )
    assert _lines(html) == ["Home", "Sports", "The article's first paragraph.", "Its second paragraph."]


def test_rows_of_a_table_nested_in_a_layout_cell_stay_rows() -> None:
    html = "<table><tr><td><p>Results:</p><table><tr><td>1</td><td>Arsenal</td></tr></table></td></tr></table>"
    assert _lines(html) == ["Results:", "1 | Arsenal"]


def test_layout_table_is_one_with_blocks_in_its_cells() -> None:
    layout = parse_page("<table><tr><td><p>Text</p></td></tr></table>")
    data = parse_page("<table><tr><td>1</td><td><a href='/x'>Arsenal</a><br>London</td></tr></table><p>Outside</p>")
    assert layout is not None and has_layout_table(layout)
    assert data is not None and not has_layout_table(data)


def test_page_blocks_are_the_page_lines_with_the_block_each_belongs_to() -> None:
    html = (
        "<body>Above<div id='story'><h2>Title</h2><p>First<br>wrapped</p>after the paragraph"
        "<table><tr><td>1</td><td>Arsenal</td></tr></table><script>x()</script></div></body>"
    )
    root = parse_page(html)
    assert root is not None
    blocks = page_blocks(root)
    assert [line for line, _ in blocks] == _lines(html)
    assert [(el.tag, el.get("id")) if el is not None else None for _, el in blocks] == [
        None,  # above every block
        ("h2", None),
        ("p", None),
        ("p", None),  # after a <br>: still the paragraph's
        ("div", "story"),  # after a nested block: the outer one's
        ("tr", None),  # a row of inline cells is one block
    ]


def test_page_blocks_read_a_page_whose_text_holds_the_marks_of_a_block() -> None:
    # an icon font's glyphs are private-use characters; a run of them like a block's mark names no block
    html = "<body><div><p>Bridge \ue00099\ue001 plan</p><p>\ue0001\ue001 approved</p></div></body>"
    root = parse_page(html)
    assert root is not None
    blocks = page_blocks(root)
    assert [line for line, _ in blocks] == _lines(html)
    assert [el.tag if el is not None else None for _, el in blocks] == ["p", "p"]


def test_parse_page() -> None:
    assert parse_page("") is None
    declared = parse_page('<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Grüße</p></body></html>')
    assert declared is not None and page_lines(declared) == "Grüße"  # the declaration does not apply to a str


def test_deeper_than_tells_what_libxml2_drops() -> None:
    from flows.steps.pagetext import DEFAULT_DEPTH, MAX_DEPTH, deeper_than

    def nested(depth: int) -> str:
        return "<html><body>" + "<div>" * depth + "<p>Text</p>" + "</div>" * depth + "</body></html>"

    assert not deeper_than(nested(100), DEFAULT_DEPTH)
    assert deeper_than(nested(300), DEFAULT_DEPTH) and not deeper_than(nested(300), MAX_DEPTH)
    assert deeper_than(nested(3000), MAX_DEPTH)
    assert "Text" in page_lines(parse_page(nested(1000)))  # type: ignore[arg-type]


def test_embedded_posts_lose_the_classes_of_their_own_wrappers_only() -> None:
    from flows.steps.pagetext import unwrap_embedded_posts

    html = """<body><div class="story"><p>Text.</p><div class="embed"><figure class="social">
    <blockquote class="twitter-tweet" id="t1"><p>A post.</p></blockquote><script>load()</script></figure></div>
    <div class="social-share"><a>Share</a></div></div></body>"""
    root = parse_page(html)
    assert root is not None and unwrap_embedded_posts(root) == 1
    classes = [el.get("class") for el in root.iter() if el.get("class")]
    assert classes == ["story", "social-share"]  # the story holds more than the post and keeps its class
