from datetime import date

import pytest
import trafilatura

from flows.steps.articlejson import article_properties
from flows.steps.frontmatter import MAX_LINES, split_front_matter

BODY = "Heavy rain caused floods in the Spanish region of Valencia on Tuesday.\n\nRescue teams searched for the missing."
PAGE = (
    "<html><head><title>Floods hit Valencia | Example News</title><meta name='author' content='Maria Lopez'>"
    "<meta property='article:published_time' content='2024-11-02'><link rel=canonical href='https://example.com/f'>"
    "<meta name='keywords' content='Spain, floods'></head><body><article><h1>Floods hit Valencia</h1>"
    f"<p>{BODY.split(chr(10))[0]} Rescue teams searched for the missing as the government declared three days of "
    "mourning in the region.</p><p>The storm dropped a year's rain in eight hours in some towns. Residents "
    "criticised the late warnings sent to their phones.</p></article></body></html>"
)


@pytest.mark.parametrize("output_format", ["txt", "markdown"])
def test_trafilaturas_text_with_metadata_gives_its_fields_and_the_text_after_them(output_format: str) -> None:
    saved = trafilatura.extract(PAGE, output_format=output_format, with_metadata=True)
    assert saved is not None and saved.startswith("---\n")
    found = split_front_matter(saved)
    assert found is not None
    fields, text = found
    meta = article_properties(fields)
    assert (meta.title, meta.author, meta.published) == ("Floods hit Valencia", "Maria Lopez", date(2024, 11, 2))
    assert meta.url == "https://example.com/f" and meta.site == "example.com"
    assert "---" not in text and "Maria Lopez" not in text and "Valencia on Tuesday" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value with a colon, as older trafilatura releases wrote it, is no valid YAML: read line by line
        ('---\ntitle: Floods: what we know\nauthor: "Maria Lopez"\n---\n' + BODY, {"title": "Floods: what we know", "author": "Maria Lopez"}),
        # Jekyll: a list of tags, a date YAML reads as a date, names in other cases
        ("---\nlayout: post\nTitle: Floods\ndate: 2024-11-02\ntags:\n  - spain\n  - floods\n---\n" + BODY,
         {"title": "Floods", "date": "2024-11-02", "tags": ["spain", "floods"]}),
        # Hugo's TOML, its publishDate, and a closing line of three dots in YAML
        ('+++\ntitle = "Floods"\npublishDate = 2024-11-02T10:00:00Z\n+++\n' + BODY, {"title": "Floods", "publishDate": "2024-11-02T10:00:00+00:00"}),
        ("---\ntitle: Floods\n...\n" + BODY, {"title": "Floods"}),
        ("\ufeff---\r\ntitle: Floods\r\n---\r\n" + BODY, {"title": "Floods"}),
    ],
)
def test_front_matter_in_the_forms_tools_write(text: str, expected: dict[str, object]) -> None:
    found = split_front_matter(text)
    assert found is not None
    fields, rest = found
    assert fields == expected
    assert rest.strip().replace("\r", "") == BODY


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "---\nA line between two rules at the top of a scraped page\n---\n" + BODY,  # no mapping
        "---\nlayout: post\npermalink: /floods/\n---\n" + BODY,  # names of nothing docindex reads
        "---\ntitle: Floods\n" + BODY,  # never closed
        "---\n" + "\n".join(f"title{i}: x" for i in range(MAX_LINES + 5)) + "\ntitle: y\n---\n" + BODY,  # closed too far down
        "---\n---\n" + BODY,  # empty
        'Intro line\n---\ntitle: "Floods"\n---\n' + BODY,  # not at the top
        "+++\ntitle = broken toml\n+++\n" + BODY,
        "---\n- a list\n- of items\n---\n" + BODY,
    ],
)
def test_what_is_not_front_matter_stays_text(text: str) -> None:
    assert split_front_matter(text) is None


def test_a_block_of_prose_lines_is_no_front_matter_even_when_one_line_reads_as_a_name() -> None:
    text = "---\ntitle: Floods\nThe storm dropped a year's rain: eight hours in some towns.\n{[\n---\n" + BODY
    assert split_front_matter(text) is None


def test_yaml_aliases_nesting_a_list_a_billion_times_are_not_walked() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)]
    text = "---\ntitle: Bomb\n" + "\n".join(levels) + "\ntags: [*i, *i, real]\n---\n" + BODY
    found = split_front_matter(text)
    assert found is not None and found[0]["tags"] == ["real"] and found[0]["title"] == "Bomb"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("title: Floods\ndate: 2024-02-30", {"title": "Floods", "date": "2024-02-30"}),  # no such day: YAML's date fails
        ("title: Floods\ndate: 0000-00-00", {"title": "Floods", "date": "0000-00-00"}),
        ("title: Floods\ncount: !!int many", {"title": "Floods"}),
    ],
)
def test_a_value_yaml_cannot_build_leaves_the_block_read_line_by_line(block: str, expected: dict[str, object]) -> None:
    found = split_front_matter(f"---\n{block}\n---\n{BODY}")
    assert found is not None and found[0] == expected and found[1] == BODY


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Floods\nnested: " + "[" * 50_000 + "]" * 50_000 + "\n---\n" + BODY,  # the parsers recurse
        '+++\ntitle = "Floods"\nnested = ' + "[" * 50_000 + "]" * 50_000 + "\n+++\n" + BODY,
        "---\ntitle: " + "Floods " * 20_000 + "\n---\n" + BODY,  # a megabyte block: seconds of PyYAML
    ],
)
def test_a_hostile_block_is_no_front_matter(text: str) -> None:
    assert split_front_matter(text) is None


def test_a_number_or_a_person_given_by_their_fields_reads_as_the_text_it_names() -> None:
    text = "---\ntitle: 1984\nauthor:\n  name: Jane Doe\n  twitter: jdoe\nauthors: [{name: A B}, C D]\ntags: [2024, floods]\ndate: 1730540000\n---\n" + BODY
    found = split_front_matter(text)
    assert found is not None
    assert found[0] == {"title": "1984", "author": "Jane Doe", "authors": ["A B", "C D"], "tags": ["2024", "floods"], "date": 1730540000}
    meta = article_properties(found[0])
    assert (meta.title, meta.author, meta.published, meta.tags) == ("1984", "A B; C D", date(2024, 11, 2), ("2024", "floods"))


@pytest.mark.parametrize(
    ("block", "tags"),
    [
        ("---\ntitle: Floods\ntags: floods spain\n---\n", ("floods", "spain")),  # Jekyll's words, Obsidian's tags
        ("---\ntitle: Floods\ncategories: news europe\ntags: [climate change]\n---\n", ("climate change", "news", "europe")),
        ("---\ntitle: Floods\ntags: climate change, floods\n---\n", ("climate change", "floods")),  # a list in a string
        ("---\ntitle: Floods: what we know\ntags: floods spain\n---\n", ("floods", "spain")),  # read line by line
        ('+++\ntitle = "Floods"\ntags = "climate change"\n+++\n', ("climate change",)),  # Hugo: a string is one term
    ],
)
def test_tags_given_as_one_string_are_read_as_the_tool_that_wrote_them_reads_them(block: str, tags: tuple[str, ...]) -> None:
    found = split_front_matter(block + BODY)
    assert found is not None and article_properties(found[0]).tags == tags
