"""News agency and archive XML: NITF (IPTC's News Industry Text Format: agency wires, newsroom systems, the New
York Times Annotated Corpus) and NewsML-G2 (IPTC's item format: dpa, Reuters, AFP and others).

Both are read into the plain text the other document formats give, one paragraph per line (the headline first,
list items as ``- item``, table rows as ``a | b``), with what the file says about the story as authoritative
properties: headline, byline, date, provider, dateline, summary, keywords and subjects. Pure, like
``flows.steps.formats``: bytes in, ``Extracted`` or ``Problem`` out, never an exception on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape
from typing import Literal

from lxml.etree import Entity

from flows.models import Metadata, Reason
from flows.steps.formats import Extracted, Problem, _clean, _xml_parser
from flows.steps.metadata import byline_person, iso_date, page_tags

NewsXml = Literal["nitf", "newsml"]

#: the root element of an XML file, after an XML declaration, a DOCTYPE, comments and processing instructions
_ROOT = re.compile(rb"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<([\w.:-]+)[\s/>]", re.DOTALL)
#: the namespace of NewsML-G2 (the IPTC News Architecture)
NAR = "http://iptc.org/std/nar/2006-10-01/"
#: NITF elements whose text is not the story: pictures and their captions
_SKIPPED = frozenset({"media", "media-caption", "media-producer", "media-metadata"})
#: NITF elements that hold a line of text each
_LINES = frozenset({"p", "hl1", "hl2", "hl3", "hl4", "hl5", "hl6", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "credit", "dt", "dd"})


def root_element(data: bytes) -> str | None:
    """The name of an XML file's root element as written ("nitf", "rss", "g2:newsItem"), or None for bytes that
    are no XML (in an 8-bit or UTF-8 encoding)."""
    match = _ROOT.match(data[:8192].removeprefix(b"\xef\xbb\xbf"))
    return match.group(1).decode("ascii", "replace") if match else None


def news_xml_kind(data: bytes) -> NewsXml | None:
    """'nitf' or 'newsml' for bytes whose root element is ``nitf``, or a NewsML-G2 ``newsItem`` or
    ``newsMessage``; None for any other file."""
    root = (root_element(data) or "").rpartition(":")[2]
    if root == "nitf":
        return "nitf"
    if root in ("newsItem", "newsMessage") and NAR.encode() in data[:8192]:
        return "newsml"
    return None


def local_name(element) -> str:  # type: ignore[no-untyped-def]
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children_named(element, *names: str):  # type: ignore[no-untyped-def]
    return [] if element is None else [c for c in element if local_name(c) in names]


def _first(element, *path: str):  # type: ignore[no-untyped-def]
    """The first element along a path of local names (any namespace), or None."""
    for name in path:
        if element is None:
            return None
        found = children_named(element, name)
        element = found[0] if found else None
    return element


def _attr(element, name: str) -> str:  # type: ignore[no-untyped-def]
    """An attribute of an element that may be missing, or ""."""
    return (element.get(name) or "") if element is not None else ""


def _text(element) -> str:  # type: ignore[no-untyped-def]
    """An element's text as one line: its words and its children's, whitespace collapsed. An entity the file's
    DTD would define (the DTD is not read) is written as HTML defines it ("&mdash;" -> "—"), or left out."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        if node.tag is Entity:
            named = unescape(node.text or "")
            parts.append("" if named == node.text else named)
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def _lines(element) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The lines of what an element holds (``_element_lines`` of each child)."""
    for child in [] if element is None else element:
        yield from _element_lines(child)


def _element_lines(element) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The lines of a part of a story's body: a paragraph or heading per line, list items as ``- item``, table
    rows as ``a | b``; blocks, quotes and notes are read through, pictures and their captions left out."""
    name = local_name(element)
    if not name or name in _SKIPPED:
        return
    if name in _LINES:
        if line := _text(element):
            yield line
    elif name in ("ul", "ol"):
        for item in children_named(element, "li"):
            if line := _text(item):
                yield f"- {line}"
    elif name == "tr":
        cells = [_text(cell) for cell in element if local_name(cell) in ("td", "th")]
        if any(cells):
            yield " | ".join(cells)
    else:  # block, bq, note, fn, table, tbody, dl, div, section, body, ...
        yield from _lines(element)


def _author(bylines: Iterable, persons: Iterable[str] = ()) -> str | None:  # type: ignore[type-arg]
    """The people a story names as its authors: tagged persons, else the person of its first byline ("By JANE
    DOE" -> "Jane Doe", "Von Erika Muster, dpa" -> "Erika Muster"), else that byline as written."""
    named = [p for p in persons if p]
    if named:
        return "; ".join(dict.fromkeys(named))
    for byline in bylines:
        if text := _text(byline):
            return byline_person(text) or text
    return None


def _person(name: str) -> str:
    """A person indexed as "Doe, Jane" written as "Jane Doe" (tags are split at commas)."""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and first.strip() and "," not in first else name


def parse_xml(data: bytes, what: str):  # type: ignore[no-untyped-def]
    """The file's tree. Named entities used without a DOCTYPE that declares them ("&nbsp;" in a wire without
    one) are read as HTML defines them; no entity is ever expanded from the file's own declarations."""
    from lxml import etree

    try:
        return etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        if "not defined" not in str(exc) or b"<!DOCTYPE" in data[:4096]:
            return Problem(Reason.UNREADABLE, f"not well-formed {what} XML: {exc}")
        error = exc
    except Exception as exc:  # noqa: BLE001  (lxml raises several kinds on malformed files)
        return Problem(Reason.UNREADABLE, f"not well-formed {what} XML: {exc}")
    try:
        return etree.fromstring(named_references(data), _xml_parser())
    except Exception:  # noqa: BLE001
        return Problem(Reason.UNREADABLE, f"not well-formed {what} XML: {error}")


#: a named entity reference other than the five XML defines
_NAMED_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z][A-Za-z0-9]{1,31};")


def named_references(data: bytes) -> bytes:
    """The XML with the named entity references it does not declare ("&nbsp;") written as the characters HTML
    defines for them ("&#160;"), and unknown ones as text."""
    return _NAMED_ENTITY.sub(lambda m: _character_reference(m.group(0)), data)


def _character_reference(reference: bytes) -> bytes:
    """An HTML named entity as a numeric character reference ("&nbsp;" -> "&#160;"); an unknown name as itself
    escaped, so that it reads as written."""
    text = unescape(reference.decode("ascii"))
    if text == reference.decode("ascii"):
        return b"&amp;" + reference[1:]
    return "".join(f"&#{ord(c)};" for c in text).encode("ascii")


def _story(lines: list[str], properties: Metadata, what: str) -> Extracted | Problem:
    if not any(line.strip() for line in lines):
        return Problem(Reason.EMPTY, f"the {what} file holds no story text")
    return Extracted(text="\n".join(lines), markup="text", encoding="xml", properties=properties)


# -- NITF -----------------------------------------------------------------------------------------------------


def extract_nitf(data: bytes) -> Extracted | Problem:
    """A NITF story: the headline (``hl1``, else the head's ``title``), the subheadline, then ``body.content``.
    In the New York Times Annotated Corpus a story repeats its lead paragraph in a block of its own before the
    full text; that block is left out when the full text is there. Properties: the byline's person (tagged
    ``person`` elements, else the byline), the issue or publication date, the publication (``pubdata``, else the
    copyright holder), its URL (``pubdata``'s ``ex-ref``), the dateline's place, the abstract, and as tags the
    keywords, subjects and indexed people, organisations, places and descriptors."""
    root = parse_xml(data, "NITF")
    if isinstance(root, Problem):
        return root
    head, body = _first(root, "head"), _first(root, "body")
    body_head = _first(body, "body.head")
    docdata = _first(head, "docdata")
    pubdata = _first(head, "pubdata")
    title = _text(_first(body_head, "hedline", "hl1")) or _text(_first(head, "title"))
    lines = [title] if title else []
    lines += [line for h in children_named(_first(body_head, "hedline"), "hl2") if (line := _text(h))]
    content = _first(body, "body.content")
    if content is not None:
        blocks = children_named(content, "block")
        full = any("full_text" in (b.get("class") or "") for b in blocks)
        for child in content:
            if full and local_name(child) == "block" and "lead_paragraph" in (child.get("class") or ""):
                continue
            lines += list(_element_lines(child))
    bylines = children_named(body_head, "byline")
    persons = [_text(p) for b in bylines[:1] for p in b.iter() if local_name(p) == "person"]
    dateline = _first(body_head, "dateline")
    published = (
        iso_date(_attr(_first(docdata, "date.issue"), "norm"))
        or iso_date(_attr(pubdata, "date.publication"))
        or iso_date(_attr(_first(dateline, "story.date"), "norm"))
    )
    url = _attr(pubdata, "ex-ref")
    tags: list[str] = []
    for keyword in children_named(_first(docdata, "key-list"), "keyword"):
        tags.append(keyword.get("key") or "")
    for subject in children_named(head, "tobject"):
        tags += [s.get("tobject.subject.matter") or "" for s in children_named(subject, "tobject.subject")]
    for element in children_named(_first(docdata, "identified-content"), "classifier", "person", "org", "location", "event"):
        if element.get("type") != "taxonomic_classifier":
            tags.append(_person(_text(element)) if local_name(element) == "person" else _text(element))
    properties = Metadata(
        title=_clean(title),
        author=_author(bylines, persons),
        site=_clean(_attr(pubdata, "name")) or _clean(_attr(_first(docdata, "doc.copyright"), "holder")),
        url=url if re.match(r"https?://", url, re.IGNORECASE) else None,
        published=published,
        description=_clean(_text(_first(body_head, "abstract"))),
        place=_clean(_text(_first(dateline, "location")) or _text(dateline)),
        tags=page_tags(t for t in tags if t),
    )
    return _story(lines, properties, "NITF")


# -- NewsML-G2 ------------------------------------------------------------------------------------------------


def extract_newsml(data: bytes) -> Extracted | Problem:
    """A NewsML-G2 news item (alone, or the one text item of a ``newsMessage``): the headline, then the content
    (inline NITF, XHTML or plain text). Properties: the headline, the byline (``by``, else the creators), when the
    content was created (else first created, else this version), the provider, the place it was written
    (``located``, else the dateline), the summary, and the keywords and subjects as tags. A message with several
    text items is refused: each would be a document of its own."""
    root = parse_xml(data, "NewsML-G2")
    if isinstance(root, Problem):
        return root
    items = [root] if local_name(root) == "newsItem" else [i for i in root.iter() if local_name(i) == "newsItem"]
    texts = [i for i in items if _content(i) is not None]
    if len(texts) > 1:
        return Problem(Reason.UNSUPPORTED_TYPE, f"a NewsML-G2 message with {len(texts)} text items; split it into one file per item")
    if not texts:
        return Problem(Reason.EMPTY, "the NewsML-G2 file holds no text item (inline NITF, XHTML or text)")
    item = texts[0]
    meta, content_meta = _first(item, "itemMeta"), _first(item, "contentMeta")
    title = _text(_first(content_meta, "headline"))
    lines = [title] if title else []
    content = _content(item)
    kind = (content.get("contenttype") or "").lower()
    if local_name(content) == "inlineData" or kind.startswith("text/plain"):
        lines += [line.strip() for line in (content.text or "").splitlines() if line.strip()]
    else:
        lines += [line for line in _lines(content) if line != title or not lines]
    creators = [_text(_first(c, "name")) or (c.get("literal") or "") for c in children_named(content_meta, "creator")]
    provider = _first(meta, "provider")
    located = _first(content_meta, "located")
    published = (
        iso_date(_text(_first(content_meta, "contentCreated")))
        or iso_date(_text(_first(meta, "firstCreated")))
        or iso_date(_text(_first(meta, "versionCreated")))
    )
    tags = [_text(k) for k in children_named(content_meta, "keyword")]
    for subject in children_named(content_meta, "subject"):
        names = children_named(subject, "name")
        tags.append(_text(names[0]) if names else "")
    properties = Metadata(
        title=_clean(title),
        author=_author(children_named(content_meta, "by"), creators),
        site=_clean(_provider_name(provider)),
        published=published,
        description=_clean(_text(_first(content_meta, "description"))),
        place=_clean(_text(_first(located, "name")) or _text(_first(content_meta, "dateline"))),
        tags=page_tags(t for t in tags if t),
    )
    return _story(lines, properties, "NewsML-G2")


def _content(item):  # type: ignore[no-untyped-def]
    """The text content of a news item: its first inline XML or inline text, or None (a picture, a package)."""
    content_set = _first(item, "contentSet")
    for element in children_named(content_set, "inlineXML", "inlineData"):
        kind = (element.get("contenttype") or "").lower()
        if local_name(element) == "inlineData" and kind and not kind.startswith("text/plain"):
            continue
        return element
    return None


def _provider_name(provider) -> str | None:  # type: ignore[no-untyped-def]
    """A provider's name: its ``name``, its ``literal``, or the code after the scheme ("nprov:dpa" -> "dpa")."""
    if provider is None:
        return None
    return _text(_first(provider, "name")) or provider.get("literal") or (provider.get("qcode") or "").partition(":")[2] or None
