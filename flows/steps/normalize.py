"""Unicode and whitespace normalisation that keeps paragraph structure (one paragraph per line)."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

#: zero-width and invisible format characters, soft hyphen, BOM (removed from stored text; ignored when lines are
#: compared)
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")
# C0/C1 control characters except tab and newline
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Repaired mojibake and HTML entities (ftfy), NFC, no control or invisible characters, single spaces,
    trimmed lines, at most one blank line in a row. Quotes and dashes stay as written (the analyzers fold them)."""
    text = ftfy.fix_text(text, unescape_html=True, uncurl_quotes=False, fix_latin_ligatures=False)
    text = html.unescape(text) if "&" in text and ";" in text else text
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return normalize_layout(text)


def normalize_layout(text: str) -> str:
    """Single spaces, trimmed lines, at most one blank line in a row: for text ``normalize_text`` has repaired
    already, whose lines a filter has taken away (a second repair costs ftfy's time again for nothing)."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")  # no bracket inside: a run of "[" costs one pass, not its square
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def strip_markdown(text: str) -> str:
    """Drop the Markdown markup that would pollute search: heading marks, link targets, bold markers."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def text_source(text: str, source_path: str) -> str:
    """A plain-text document's text as cleaning reads it: Markdown markup stripped from ``.md``/``.markdown``
    files (by their source path, gzipped too), other text unchanged."""
    path = source_path.lower().removesuffix(".gz")
    return strip_markdown(text) if path.endswith((".md", ".markdown")) else text
