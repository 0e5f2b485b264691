"""Front matter: the metadata block at the top of a text or Markdown file.

trafilatura writes one when it saves a page's text with its metadata (``--with-metadata``, as ``.txt`` or ``.md``):
``title``, ``author``, ``url``, ``hostname``, ``sitename``, ``date``, ``description``, ``categories``, ``tags``
as YAML between two ``---`` lines. Jekyll, Hugo, Obsidian and other static-site tools write the same kind of block
(Hugo also TOML between two ``+++`` lines). Its fields say what the article is, as a scraper's JSON does
(``flows.steps.articlejson``), so they are read by the same names and the block is not part of the text.

A block is front matter only when it opens the file, is closed within ``MAX_LINES`` lines and ``MAX_CHARS``
characters, reads as a mapping of names to values and names at least one field docindex reads: a rule of dashes
at the top of a scraped page, or a block of other names, stays text. trafilatura writes values as they come, so
a title with a colon ("title: Floods: what we know") is not valid YAML: such a block is read line by line, one
``name: value`` per line.

Tags and categories given as one string in YAML are read as Jekyll reads them: a string without a comma or a
semicolon is a list of words (``tags: floods spain`` is two tags, as Jekyll documents it; Obsidian's tags hold no
spaces, so a space separates them there too), one with commas or semicolons is cut at them (``tags: climate change,
floods``, as many tools write a list). In TOML (Hugo) a string is one term, as Hugo reads it. A list is always a list.
Pure: text in, fields and the rest of the text out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import yaml

from flows.steps.articlejson import DATE_FIELDS, FIELD_NAMES, TEXT_FIELDS

#: a block closed further down than this many lines is not front matter
MAX_LINES = 200
#: nor a block longer than this many characters (PyYAML reads about a megabyte a second)
MAX_CHARS = 1 << 16
#: the lines that open and close a block, by its language
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
#: one ``name: value`` line of a block that is not valid YAML
_LINE = re.compile(r"(?P<name>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
#: the fields that YAML front matter may give as one string of words, each a tag (Jekyll's ``tags`` and ``categories``)
WORD_LIST_FIELDS = ("tags", "categories")
#: what cuts a string of tags as many tools write it; a string without it is cut at white space (in YAML)
_TAG_SEPARATOR = re.compile(r"[,;]")
#: the names of the fields docindex reads, whatever their case ("Title", "datePublished"); the text is the file's
_NAMES = {name.lower(): name for name in FIELD_NAMES if name not in TEXT_FIELDS}


def _scalar(value: object, *, top: bool = True) -> object:
    """A value as the article fields read it: dates as ISO strings (YAML and TOML parse ``2024-11-02``), numbers as
    text (a title "1984"), a person as their name (``author: {name: Jane Doe, twitter: jdoe}``), a list of such
    values one level deep (YAML's aliases can nest a list in itself a billion times over: ``[*a, *a]``)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Mapping):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        return [v for item in value if not isinstance(item, list) and (v := _scalar(item, top=False)) is not None] if top else None
    return value


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _by_lines(block: list[str]) -> dict[str, object] | None:
    """A block that is not valid YAML read one ``name: value`` per line; None when a line is something else."""
    fields: dict[str, object] = {}
    for line in block:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (match := _LINE.match(line)) is None:
            return None
        fields[match["name"]] = _unquoted(match["value"] or "")
    return fields


def _parsed(fence: str, block: list[str]) -> Mapping[Any, object] | None:
    """The block's mapping; None for a block nested too deeply for the parsers (``[[[[...``: they recurse), and
    a YAML block that is not valid YAML, or holds a value YAML cannot build (``date: 2024-02-30``, ``!!int
    abc``), read line by line."""
    source = "\n".join(block)
    if len(source) > MAX_CHARS:
        return None
    if fence == "+++":
        try:
            return tomllib.loads(source)
        except (tomllib.TOMLDecodeError, RecursionError):
            return None
    try:
        parsed = yaml.safe_load(source)
    except RecursionError:
        return None
    except (yaml.YAMLError, ValueError, OverflowError):
        return _by_lines(block)
    return parsed if isinstance(parsed, Mapping) else None


def split_front_matter(text: str) -> tuple[dict[str, object], str] | None:
    """The fields of the front matter that opens ``text``, by the names the article fields use (``title``,
    ``date``, ``tags``, ...), and the text after it; None when the text opens with no front matter."""
    lines = text.lstrip("\ufeff").split("\n", MAX_LINES + 1)
    fence = lines[0].strip()
    if fence not in _FENCES:
        return None
    close = next((i for i in range(1, min(len(lines), MAX_LINES + 1)) if lines[i].strip() in _FENCES[fence]), None)
    if close is None:
        return None
    parsed = _parsed(fence, lines[1:close])
    if not parsed:
        return None
    fields = {
        name: value if name in DATE_FIELDS and isinstance(value, int | float) else _scalar(value)  # seconds since 1970
        for key, value in parsed.items()
        if (name := _NAMES.get(str(key).lower())) is not None
    }
    if not fields:
        return None
    if fence == "---":
        for name in WORD_LIST_FIELDS:
            if isinstance(value := fields.get(name), str) and not _TAG_SEPARATOR.search(value):
                fields[name] = value.split()
    rest = text.lstrip("\ufeff").split("\n", close + 1)
    return fields, rest[close + 1] if len(rest) > close + 1 else ""
