"""What the head of a plain-text news document says about itself: dateline, byline and date.

- dateline: ``LONDON (IT BOLTWISE) –`` or ``SEOUL, Aug. 20 (Yonhap) --`` or ``(CNN) --`` at the start of the
  first paragraphs: the place and the site (news agency or publisher);
- byline: a short line ``by time news`` / ``Von Anna Weber``: the author; a name with a word such as *news* or
  *press* in it is the site rather than a person; or a person's name followed by more (``By Jane Doe, Senior
  Editor``, ``by Jane Doe July 10, 2015``, ``Posted by Jane Doe on March 3``, ``Written by Jane Doe``, ``By``
  with the name on the next line: ``byline_person``); the byline words of another language than English
  ("Von", "Af", "Autor:") only in a text of that language (``text_languages``);
- date: the first full date in the lines before the body starts, the article's head first when it is known (ISO,
  ``27.11.2024``, ``27. November 2024``, ``November 27, 2024``, ``27 Nov 2024``, ``22 Dec, 2016``, ``2018年6月18日``),
  with month names from CLDR (babel) for the given languages. Dates further down (lists of related articles,
  "updated" footers) are not read.

Pure functions; nothing is removed from the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.localedata import locale_identifiers
from countryinfo import CountryInfo

from flows.models import Metadata
from flows.steps.language import script_of
from flows.steps.stopwords import justext_stop_words, language_hits, language_stop_words

#: at most this many of a document's own tags are kept; longer values are not tags
MAX_PAGE_TAGS = 25
MAX_TAG_CHARS = 80
_TAG_SEPARATORS = re.compile(r"[,;，、؛]")


def page_tags(values: Iterable[str]) -> tuple[str, ...]:
    """A document's own keywords and sections (HTML meta keywords, ``article:tag``, JSON-LD; PDF and Word
    keywords), one tag each.

    Documents give them as lists or as one comma- or semicolon-separated string; the first spelling of a tag is kept (the same
    tag in another case is dropped), and so are neither overlong values nor more than ``MAX_PAGE_TAGS`` tags.
    """
    tags: dict[str, str] = {}
    for value in values:
        for part in _TAG_SEPARATORS.split(value):
            tag = " ".join(part.split())
            if tag and len(tag) <= MAX_TAG_CHARS and len(tags) < MAX_PAGE_TAGS:
                tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


#: lines read from the top of the document
HEAD_LINES = 6
#: a line with at least this many words is body text: the head ends there (the body's own first line is read)
BODY_WORDS = 25
_DASH = r"(?:--|[–—-])"
#: a place in capitals, in any script ("KRAKÓW", "ČESKÉ BUDĚJOVICE", "İSTANBUL", "ΑΘΗΝΑ", "КИЇВ"; or in a script
#: without them: "القاهرة"), then the agency in brackets; which places count: ``_dateline``
_DATELINE = re.compile(
    rf"^(?:(?P<place>[^\W\d_](?:[^\W\d_]|[.' -]){{1,40}}?)(?:,\s*(?P<when>[^()]{{3,25}}?))?\s+)?"
    rf"\((?P<site>[^()]{{2,40}})\)\s*{_DASH}\s*"
)
#: the same in title case, as German wires write it: "München (dpa) -", "Frankfurt/Main (dpa/lhe) -", "Bad Homburg
#: (dpa) -", "Genf (Reuters) -"; the agency one short name, and a sentence after the dash
#: (``TITLE_DATELINE_MIN_WORDS``); which places and agencies count: ``_dateline``
_TITLE_DATELINE = re.compile(
    rf"^(?P<place>[^\W\d_]{{2,}}(?:[/-][^\W\d_]{{2,}})?(?P<more>(?: [^\W\d_]{{2,}}){{0,2}}))"
    rf"(?:,\s*(?P<when>[^()]{{3,25}}?))?\s+\((?P<site>[^\W\d_][\w/.&]{{1,14}})\)\s*{_DASH}\s*(?P<rest>.*)"
)
TITLE_DATELINE_MIN_WORDS = 6
#: the agency after the date, as Russian wires write it: "МОСКВА, 23 ноя — РИА Новости.", "МОСКВА, 22 ноября. /ТАСС/."
#: (a place in capitals, a day and a month, then after a dash a name of at most three capitalised words closed by a
#: full stop, or a name between slashes); which count: ``_dateline``
_AGENCY_AFTER_DATE = re.compile(
    rf"^(?P<place>[^\W\d_](?:[^\W\d_]|[.' -]){{1,40}}?),\s*(?P<when>[^()/]{{3,25}}?)(?:\s+{_DASH}\s+|\.\s+/)"
    r"(?P<site>[^\W\d_][\w-]*(?: [^\W\d_][\w-]*){0,2})/?\.\s"
)


def _dateline(line: str, languages: Iterable[str] = ("en", "de")) -> re.Match[str] | None:
    """A dateline that opens the line: a place in capitals or, before a sentence, in title case; the agency. After
    a place in title case the agency is not in capitals ("München (dpa) -", "Genf (Reuters) -"): a person and a
    party, a company and its ticker are written alike ("Scholz (SPD) -", "Nvidia (NVDA) -"); after a place of
    several words it is in lower case ("Bad Homburg (dpa) -"), as "Olaf Scholz (Grüne) -" is written alike too.
    Either may be when the place is one the tables know (``known_places``: "Washington (AP) —", "New York (AP) —").
    Capitals are those of any script ("ŁÓDŹ (PAP) –", "ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) –", "Москва (Интерфакс) —"); in a script
    without them, the place must be one the tables know ("القاهرة (رويترز) -")."""
    if (m := _DATELINE.match(line)) is not None:
        place = m["place"] or ""
        if not place or place.isupper():
            return m
        if all(map(_caseless, place.split())) and " ".join(place.split()).casefold() in known_places(frozenset(languages)):
            return m
    if (m := _AGENCY_AFTER_DATE.match(line)) is not None and _agency_after_date(m, frozenset(languages)):
        return m
    m = _TITLE_DATELINE.match(line)
    if m is None or len(m["rest"].split()) < TITLE_DATELINE_MIN_WORDS:
        return None
    if not all(part[:1].isupper() for part in re.split(r"[ /-]", m["place"])):
        return None  # "Die Polizei (dpa) -"
    if (m["site"].isupper() or (m["more"] and not m["site"].islower())) and (
        " ".join(m["place"].split()).casefold() not in known_places(frozenset(languages))
    ):
        return None  # "Scholz (SPD) -", "Nvidia (NVDA) -": a name and a party or ticker, written as "Berlin (AFP) -"
    return m


def _agency_after_date(m: re.Match[str], languages: frozenset[str]) -> bool:
    """An agency named after the date (``_AGENCY_AFTER_DATE``): the place is in capitals, the date a day's number
    and a month's name ("23 ноя", "22 ноября"), and each word of the agency's name is capitalised ("РИА Новости";
    not "WASHINGTON, Nov. 3 — The Senate voted."); after a dash, a name in the Latin script is none (``_latin``)."""
    when = m["when"].split()
    day, month = (when if when[:1] and when[0].rstrip(".").isdigit() else when[::-1]) if len(when) == 2 else ("", "")
    dated = day.rstrip(".").isdigit() and month_number(month, languages) is not None  # "23 ноя", "Nov. 23"
    slashed = m.string[m.start("site") - 1] == "/"  # "/ТАСС/."
    return (
        m["place"].isupper() and dated and all(w[:1].isupper() for w in m["site"].split()) and (slashed or not _latin(m["site"]))
    )


def _latin(text: str) -> bool:
    """Letters in the Latin script: after a dash, a capitalised name closed by a full stop is in English or German
    the subject of the article's first sentence ("NEW YORK, Nov. 3 — Apple Inc. said", "LONDON, Jan. 5 — Mr.
    Johnson"), not its agency as in Russian wires ("МОСКВА, 23 ноя — РИА Новости.")."""
    return any(script_of(ch) == "LATIN" for ch in text if ch.isalpha())


#: the letters of the Chinese characters (kanji in Japanese)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: a Chinese wire's dateline opening the first paragraph: the site and the place, the month and day and 电 ("wire")
#: or 讯 ("report"), then perhaps the reporters in brackets: "新华社北京11月23日电（记者王伟、李明）", "本报北京11月23日讯
#: （记者 王伟）"; 电 or 讯 without a date before bracketed reporters: "本报讯（记者 张三 通讯员 李四）", "新华社北京电
#: （记者王伟）"; 据 ("according to") before the site of a wire a paper reprints: "据新华社北京11月23日电"
_WIRE_DATELINE = re.compile(
    rf"^据?(?P<head>[{_HAN}]{{2,12}}?)(?:(?P<when>\d{{1,2}}月\d{{1,2}}日)[电讯](?=[\s(（]|$)|[电讯](?=[(（]))"
    r"(?:[(（](?P<credits>[^()（）]{2,60})[)）])?"
)
#: the reporters in brackets opening a paragraph, the dateline above it: "（记者 张三 通讯员 李四）"
_CREDITS_OPENING = re.compile(r"^[(（](?P<credits>[^()（）]{2,60})[)）]")
#: the nouns that close the name of a publisher in Chinese: 社 (agency, press: 新华社), 报 (paper: 人民日报), 网
#: (website: 人民网), 台 (station: 中央电视台), 刊 (periodical)
_PUBLISHER_NOUNS = "社报网台刊"
#: the words before the names of those a Chinese byline credits: 记者 (reporter), 通讯员 (correspondent), 实习生
#: (intern); a word glued before one qualifies it (本报记者, 特约记者)
_CREDIT_LABEL = re.compile("(记者|通讯员|实习生)")
#: a Chinese name: two to four characters, or a foreign name's parts joined by a middle dot (穆罕默德·阿里)
_HAN_NAME = re.compile(rf"[{_HAN}]{{2,4}}|[{_HAN}]{{1,8}}(?:[·・][{_HAN}]{{1,8}})+")
_CREDIT_SEPARATORS = re.compile(r"[\s、,，;；]+")
#: a line of the reporters alone, without brackets, is at most this long: "本报记者 王伟 通讯员 李四 报道"
CREDITS_LINE_MAX_CHARS = 40
#: the word that may close such a line: 报道 ("reports")
_REPORTS = "报道"
#: a credit's label with the word glued before it that qualifies it: 记者, 本报记者, 特约记者
_QUALIFIED_LABEL = re.compile(rf"[{_HAN}]{{0,2}}(?:记者|通讯员|实习生)")
#: a Japanese wire's dateline in lenticular brackets opening the first paragraph: the place (in katakana or
#: kanji), then the agency, perhaps after "=": "【ワシントン共同】", "【ニューヨーク時事】", "【パリAFP=時事】"
_BRACKET_DATELINE = re.compile(r"^【(?P<inner>(?:[^\W\d_]|[=＝・]){4,24})】(?P<rest>.*)")
_KANA_OR_HAN = re.compile(rf"[\u30a0-\u30ff]+|[{_HAN}]+")
_HAN_ONLY = re.compile(f"[{_HAN}]+")
#: the nouns that close a Japanese publisher's name: 社 (company: 新華社, 朝日新聞社), 通信 (agency: 共同通信), 新聞
#: (paper), 放送 (broadcaster)
_JA_PUBLISHER_ENDINGS = ("社", "通信", "新聞", "放送")
#: a Japanese agency's short name in kanji has two characters (共同, 時事, 聯合); a reporter's full name, a surname
#: and a given name, three to five (山田太郎): the one-and-one names (林修) are rare
_JA_SHORT_AGENCY_CHARS = 2
_JA_NAME_CHARS = range(3, 6)


class WireDateline(NamedTuple):
    """What a Chinese or Japanese wire's dateline says (``wire_dateline``)."""

    site: str | None
    place: str | None
    authors: tuple[str, ...]


def wire_dateline(line: str) -> WireDateline | None:
    """The dateline of a Chinese or Japanese wire opening the line, read by its structure, not by the names of
    agencies: "新华社北京11月23日电（记者王伟、李明）" (the site, then the place, ``_wire_site``; the reporters,
    ``_credited``), "本报讯（记者 张三 通讯员 李四）" (本报, "this paper", names no site), the reporters alone under a
    dateline of its own ("（记者王伟、李明）中国与东盟...") or on a line of their own without brackets ("记者 王伟 李明
    报道", ``_credits_line``), "【ワシントン共同】日米両政府は
    ..." (the place, then the agency, before a sentence: "【ライブ配信】首相が会見" is a headline's tag). After the
    place, a name in kanji is told by its length: an agency's short name has two characters, a reporter's full name
    three to five ("【ロンドン=共同】", "【ワシントン=山田太郎】"); a name closed by a publisher's noun is an agency's
    (新華社, 共同通信). A dateline all in kanji ("【北京共同】") gives nothing: no script change tells the place from
    the agency, and a topic's tag looks the same ("【東京五輪】")."""
    if (m := _WIRE_DATELINE.match(line)) is not None:
        authors = _credited(m["credits"] or "")
        if m["when"] or authors:  # "讯" without a date only before the reporters: "通讯(" is no dateline
            return WireDateline(*_wire_site(m["head"]), tuple(authors))
    if (c := _CREDITS_OPENING.match(line)) is not None and (authors := _credited(c["credits"])):
        return WireDateline(None, None, tuple(authors))
    if authors := _credits_line(line):
        return WireDateline(None, None, tuple(authors))
    if (b := _BRACKET_DATELINE.match(line)) is None or "。" not in b["rest"]:
        return None
    inner = b["inner"].replace("＝", "=")
    place = _KANA_OR_HAN.match(inner)
    after = inner[place.end() :] if place else ""
    who = after.removeprefix("=")
    if place is None or len(place.group(0)) < 2 or len(who) < 2:
        return None
    if not _HAN_ONLY.fullmatch(who) or len(who) == _JA_SHORT_AGENCY_CHARS or who.endswith(_JA_PUBLISHER_ENDINGS):
        return WireDateline(who, place.group(0), ())  # ロイター, AFP=時事; 共同, 時事; 新華社, 共同通信
    if after.startswith("=") and len(who) in _JA_NAME_CHARS:
        return WireDateline(None, place.group(0), (who,))  # a reporter's name, as Japanese papers write it
    return None  # kanji run on without "=": a reporter's name (【ワシントン秋山信一】) or a topic's tag (【ロシア軍事侵攻】)


def _wire_site(head: str) -> tuple[str | None, str | None]:
    """The site and the place of a Chinese dateline's words before the date: the site's name ends with a publisher's
    noun (``_PUBLISHER_NOUNS``), the place is the rest, two characters or more ("新华社|北京", "新华社|台北",
    "中国日报网|北京"); a name opening with 本 ("this": 本报, 本台) is the paper's own, no site's."""
    ends = [k + 1 for k, ch in enumerate(head) if ch in _PUBLISHER_NOUNS and k > 0]
    split = next((k for k in reversed(ends) if len(head) - k >= 2), ends[-1] if ends and ends[-1] == len(head) else None)
    if split is None:
        return None, None
    site, place = head[:split], head[split:] or None
    return (None if site.startswith("本") else site), place


def _credited(credits: str) -> list[str]:
    """The names a Chinese byline's brackets credit after their labels (``_CREDIT_LABEL``): "记者王伟、李明", "记者 张三
    通讯员 李四"; a word glued to a label qualifies it ("本报记者"), a name is set apart; none before the first label
    but such a word."""
    pieces = _CREDIT_LABEL.split(credits.strip())
    if len(pieces) < 3 or _CREDIT_SEPARATORS.search(pieces[0]):
        return []
    names: list[str] = []
    for k in range(2, len(pieces), 2):
        words = _CREDIT_SEPARATORS.split(pieces[k].strip())
        if k + 1 < len(pieces) and pieces[k] and not _CREDIT_SEPARATORS.fullmatch(pieces[k][-1]):
            words = words[:-1]  # "... 本报" + "记者": the next label's qualifier
        names.extend(w for w in words if _HAN_NAME.fullmatch(w))
    return list(dict.fromkeys(names))


def _credits_line(line: str) -> list[str]:
    """The reporters a Chinese byline on a line of its own names without brackets: "本报记者 王伟", "记者 王伟 李明
    报道". Each word is a label (``_QUALIFIED_LABEL``) or a name that follows one, set apart by a space: a column's
    title glues its word to the label ("记者手记", "记者观察"), and a sentence has more words ("记者 从市教育局获悉，...")."""
    text = line.strip().removesuffix(_REPORTS).rstrip()
    if len(text) > CREDITS_LINE_MAX_CHARS:
        return []
    names = _credited(text)
    words = _CREDIT_SEPARATORS.split(text)
    if not names or not all(_QUALIFIED_LABEL.fullmatch(w) or w in names for w in words):
        return []
    return names


@lru_cache(maxsize=32)  # a set of languages per document language
def known_places(languages: frozenset[str]) -> frozenset[str]:
    """Places a dateline names, case-folded: the cities of CLDR's time zones (in English and, where CLDR names them
    otherwise, in the languages: Wien), the capitals of countryinfo (Washington, Luxembourg, Singapore), and its
    provinces or states (Victoria, Bayern) but not those named as a country (CLDR, in the same languages): datelines
    name cities, and many countries' names are first names too ("Jordan (MVP) -", "Chad (NFL) -", "Georgia (USA) -")."""
    places: set[str] = set()
    cities: set[str] = set()  # the time zones' cities and the capitals: a country's name among them stays
    countries: set[str] = set()
    for zone in get_global("zone_territories"):
        cities.add(zone.rsplit("/", 1)[-1].replace("_", " "))
    for lang in sorted(languages | {"en"}):
        try:
            locale = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        cities.update(str(zone.get("city")) for zone in locale.time_zones.values() if zone.get("city"))
        countries.update(name for code, name in locale.territories.items() if len(code) == 2 and code.isalpha())
    for entry in CountryInfo.all().values():
        if isinstance(capital := entry.get("capital"), str):  # a few entries hold a list or nothing
            cities.update({capital, capital.removesuffix(" D.C.")})
        places.update(name for name in entry.get("provinces") or [] if isinstance(name, str))

    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    city_keys = {key(c) for c in cities if c.strip()}
    return frozenset(city_keys | ({key(p) for p in places if p.strip()} - {key(c) for c in countries}))


#: Norwegian, as CLDR names it (jusText's list is Bokmål's, nb; "no" stands for it in some settings)
_NORWEGIAN = frozenset({"nb", "nn", "no"})
#: the word before the writer's name in a byline -> the languages that write it (ISO 639; none: every language, as
#: English bylines stand on pages in any language): "By" (en), "Von" (de), "Par" (fr), "Por" (es, pt, gl), "Di"
#: (it), "Door" (nl), "Av" (sv, no), "Af" (da), "Του" / "Της" (el: "of the", the name in the genitive), "بقلم" (ar:
#: "by the pen of"); "de" (es, pt, ro) and "from" only before a name that is the whole line (``_byline_patterns``)
BY_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "by": frozenset(), "von": frozenset({"de"}), "par": frozenset({"fr"}), "por": frozenset({"es", "pt", "gl"}),
    "door": frozenset({"nl"}), "di": frozenset({"it"}), "av": _NORWEGIAN | {"sv"}, "af": frozenset({"da"}),
    "του": frozenset({"el"}), "της": frozenset({"el"}), "بقلم": frozenset({"ar"}),
})  # fmt: skip
_WHOLE_LINE_BY_WORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {"from": frozenset(), "de": frozenset({"es", "pt", "ro", "gl"})}
)
#: a label, with a colon, before the writer's name -> the languages that write it: "Author:", "Autor:" (de, es, pt,
#: pl, cs, sk, ro, hr, sl), "Auteur:" (fr, nl), "Autore:" (it), "Forfatter:" (da, no), "Författare:" (sv),
#: "Kirjoittaja:" (fi), "Szerző:" (hu), "Yazan:" (tr), "Συντάκτης:" (el), "Автор:" (ru, uk, bg, sr, mk, be), "كتب:"
#: (ar: "wrote")
AUTHOR_LABELS: Mapping[str, frozenset[str]] = MappingProxyType({
    "author": frozenset(),
    "autor": frozenset({"de", "es", "pt", "gl", "ca", "pl", "cs", "sk", "ro", "hr", "sl", "bs", "sr"}),
    "auteur": frozenset({"fr", "nl"}), "autore": frozenset({"it"}), "forfatter": _NORWEGIAN | {"da"},
    "författare": frozenset({"sv"}), "kirjoittaja": frozenset({"fi"}), "szerző": frozenset({"hu"}),
    "yazan": frozenset({"tr"}), "συντάκτης": frozenset({"el"}),
    "автор": frozenset({"ru", "uk", "bg", "sr", "mk", "be"}), "بقلم": frozenset({"ar"}), "كتب": frozenset({"ar"}),
})  # fmt: skip
#: words before "by" and its translations that open a byline ("Posted by", "geschrieben von", "escrito por")
_BY_OPENINGS = ("posted", "written", "post written", "story", "words", "reporting", "geschrieben", "verfasst", "écrit",
                "publié", "escrito", "publicado")  # fmt: skip


def _read(words: Mapping[str, frozenset[str]], written_in: frozenset[str] | None) -> list[str]:
    """The words of a table whose languages include one of ``written_in`` (English's, which every language
    reads, always; every word when ``written_in`` is None: the text's language is not known)."""
    return [word for word, langs in words.items() if written_in is None or not langs or langs & written_in]


class _BylinePatterns(NamedTuple):
    whole: re.Pattern[str]  # a byline word or label and a name that is the rest of the line
    opening: re.Pattern[str]  # "By" and its translations opening a byline whose name is followed by more


@lru_cache(maxsize=64)
def _byline_patterns(written_in: frozenset[str] | None) -> _BylinePatterns:
    """The byline patterns of the byline words and labels of the languages ``written_in`` (``_read``)."""
    label = rf"(?:{'|'.join(_read(AUTHOR_LABELS, written_in))})\s*:"
    by = "|".join(_read(BY_WORDS, written_in))
    whole_by = "|".join((*_read(_WHOLE_LINE_BY_WORDS, written_in), by))
    return _BylinePatterns(
        re.compile(rf"^(?P<by>(?:{whole_by})(?=\s)|{label})\s*(?P<name>[^\d,;:|@]{{2,60}}?)\s*$", re.IGNORECASE),
        re.compile(rf"^(?:(?:{'|'.join(_BY_OPENINGS)})\s+)?(?:(?:{by})\b[\s:]*|{label}\s*)", re.IGNORECASE),
    )  # "Photo by", "Powered by", "Edited by" name no author


#: a text's first this many characters tell its languages (``text_languages``): a page's menus and more
LANGUAGE_SAMPLE_CHARS = 20_000
#: ... when they hold at least this many words of the stop list of a language (a paragraph's worth): with fewer,
#: the list a text's words are densest in is often a neighbour's or a stranger's (a German sentence of seven
#: words is densest in Slovak's)
LANGUAGE_MIN_STOP_WORDS = 20
#: a text's languages are those whose stop lists hold at least this share of the words of its densest one: a
#: language's neighbours fill theirs nearly alike (Spanish news fills Asturian's list to 0.98 of Spanish's, Danish
#: Norwegian's to 0.9). The 867 English pages of the evaluation sets fill the lists of the languages whose byline
#: words are words of their own (German, French, Spanish, Portuguese, Italian, Dutch, Scandinavian) to 0.4 at
#: most; some lists hold English words (Finnish's, Turkish's, Marathi's): their labels, with a colon, are read there
NEAR_LANGUAGE_SHARE = 0.7


def text_languages(text: str) -> frozenset[str] | None:
    """The languages whose byline words a text's lines are read with (besides English's, read in any): those of
    the jusText lists (``stopwords.language_hits``, the guess the steps that read a page's furniture and headline
    make before the language step detects it) that hold ``NEAR_LANGUAGE_SHARE`` of the words of the densest
    one, in the text's first ``LANGUAGE_SAMPLE_CHARS`` characters. None, every language's, when the densest list
    holds fewer than ``LANGUAGE_MIN_STOP_WORDS``: a short text, or one in a script or language jusText has no list
    for (Chinese, Japanese); an English text, whose lines misread as another language's bylines ("Af Ghani
    Speaks Out"), is told by its stop words."""
    return _sample_languages(text[:LANGUAGE_SAMPLE_CHARS])


@lru_cache(maxsize=4)  # the boilerplate and metadata steps read the same page
def _sample_languages(sample: str) -> frozenset[str] | None:
    hits = language_hits(sample)
    best = max(hits.values(), default=0)
    if best < LANGUAGE_MIN_STOP_WORDS:
        return None
    return frozenset(code for code, n in hits.items() if n >= NEAR_LANGUAGE_SHARE * best)


#: byline words that also open title-case headlines and names ("From Russia With Love", "De Gaulle Airport
#: Reopens", "Di Maria Scores Twice"): after "from", or a capitalised "De" or "Di", only a publication's name
_NAME_OPENING_BY = frozenset({"de", "di"})


#: byline words that, in capitals, are acronyms as often (the Swedish and Norwegian "av", the Danish "af")
_ACRONYM_BY = frozenset({"av", "af"})


def _ambiguous_by(word: str, name: str = "") -> bool:
    """A byline word that may open something else: "from", a capitalised "De" or "Di", or one of the two-letter
    byline words in capitals before words that are not ("AV Club Reviews ...", "AF": acronyms; "BY Jane Doe" and
    "BY JOHN SMITH" are bylines)."""
    acronym = len(word) == 2 and word.lower() in _ACRONYM_BY and word.isupper() and not name.isupper()
    return word.lower() == "from" or (word.lower() in _NAME_OPENING_BY and word[:1].isupper()) or acronym


#: words that make a byline name a publication rather than a person
_SITE_WORDS = frozenset({"news", "nachrichten", "press", "presse", "media", "medien", "times", "zeitung", "agency",
                         "agentur", "redaktion", "staff", "newsroom", "post", "journal", "tribune", "daily"})  # fmt: skip


def _calendar_names(languages: frozenset[str], kind: str) -> Iterator[tuple[int, str]]:
    """(number, lower-case name without a final '.', its words one space apart) of CLDR's months or days
    (``kind``), wide and abbreviated, in English and the given languages; of the months also the wide names the
    language has in some of its countries (``_regional_locales``)."""
    for lang in sorted(languages | {"en"}):
        try:
            locale = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            continue
        table = locale.months if kind == "months" else locale.days
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in table[context][width].items():
                    yield number, " ".join(name.lower().rstrip(".").split())
        if kind == "months":
            for regional in _regional_locales(lang):
                for context in ("format", "stand-alone"):
                    for number, name in regional.months[context]["wide"].items():
                        yield number, " ".join(name.lower().split())


@lru_cache(maxsize=64)
def _regional_locales(language: str) -> tuple[Locale, ...]:
    """CLDR's locales of a language in one country or region ("ar_SY", "de_AT", "es_PE"; not its scripts, "sr_Latn"),
    whose month names may be their own: the Syriac names of the Levant and Iraq (كانون الثاني, شباط, آذار ... for
    ar_SY, ar_LB, ar_IQ, ar_JO, ar_PS), the French ones of the Maghreb (جانفي, فيفري), Austria's Jänner, Peru's
    setiembre."""
    regions = []
    for identifier in locale_identifiers():
        lang, _, region = identifier.partition("_")
        if lang == language and re.fullmatch(r"[A-Z]{2}|\d{3}", region):
            regions.append(Locale.parse(identifier))
    return tuple(regions)


@lru_cache(maxsize=8)
def month_names(languages: frozenset[str]) -> Mapping[str, int]:
    """Lower-case month names and abbreviations (without a final '.') -> month number, from CLDR (read-only: the
    mapping is cached and shared)."""
    out: dict[str, int] = {}
    for number, name in _calendar_names(languages, "months"):
        out.setdefault(name, number)
    return MappingProxyType(out)


#: a month's name may be cut to its first this many letters or more ("23 ноя 2026": CLDR abbreviates "нояб.")
MONTH_PREFIX_MIN_CHARS = 3


@lru_cache(maxsize=8)
def _month_prefixes(languages: frozenset[str]) -> Mapping[str, int]:
    """The beginnings of the month names of ``month_names`` (``MONTH_PREFIX_MIN_CHARS`` letters or more) that begin
    the names of one month only -> its number: "ноя" (ноября), "sept" (September); not "mar" (March in English,
    November in Finnish "marraskuuta", as a whole name March)."""
    numbers: dict[str, set[int]] = {}
    for name, number in month_names(languages).items():
        for k in range(MONTH_PREFIX_MIN_CHARS, len(name)):
            numbers.setdefault(name[:k], set()).add(number)
    return MappingProxyType({prefix: min(n) for prefix, n in numbers.items() if len(n) == 1})


def month_number(word: str, languages: frozenset[str]) -> int | None:
    """The month a word names (case and a final full stop aside): a name or abbreviation of CLDR (``month_names``),
    else the beginning of one month's names only (``_month_prefixes``: "ноя", "Sept")."""
    word = word.lower().rstrip(".")
    return month_names(languages).get(word) or _month_prefixes(languages).get(word)


_NUMERIC = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})\b"),
    # the year first, with full stops (Hungarian, Korean: "2026.11.23.", "2026. 11. 23.") or slashes ("2026/11/23")
    re.compile(r"(?<![\d./])(?P<y>\d{4})(?P<s>[./])\s?(?P<m>\d{1,2})(?P=s)\s?(?P<d>\d{1,2})(?![\d/])"),
    # Chinese, Japanese and Korean: 2018年6月18日, 2019년 8월 20일
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"),
)
#: what follows a day's number: "3.", "3rd", the French first ("1er"), the Spanish, Italian and Portuguese one
#: ("1º", "1°")
_ORDINAL = r"(?:\.|st|nd|rd|th|er|º|°)"
#: "3. März 2024", "3rd March 2024", "22 Dec, 2016", "3 de marzo de 2024" (Spanish and Portuguese put "de" in
#: between), "1er février 2024", "21.dez.2018"; a month's name of two words or two letters ("23 تشرين الثاني
#: 2026", "15 آب 2026"), and the month's other name after a slash or in brackets, as the Levant writes both
#: ("23 تشرين الثاني/نوفمبر 2026", "كانون الثاني (يناير)")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}}){_ORDINAL}?(?:\s+(?:de\s+)?|(?<=\.))"
    r"(?P<month>[^\W\d_]{2,12}(?:[ \u00a0](?!de\s)[^\W\d_]{2,12})?)"
    r"(?:\s*/\s*(?P<other>[^\W\d_]{2,12})|\s*\((?P<bracketed>[^\W\d_]{2,12})\))?"
    r"(?:\.?,?\s+(?:de\s+)?|\.)(?P<y>\d{4})\b"
)
_MONTH_DAY_YEAR = re.compile(r"\b(?P<month>[^\W\d_]{3,12})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b")
#: the year first, with its full stop, as Hungarian writes it: "2026. november 23.", "2026. nov. 23-án"
_YEAR_MONTH_DAY = re.compile(r"(?<!\d)(?P<y>\d{4})\.\s*(?P<month>[^\W\d_]{3,12})(?:\.\s*|\s+)(?P<d>\d{1,2})(?!\d)")
#: a month's name next to a day's number, without a year, either way round: "July 24", "Jul. 24th", "24. Juli"
_MONTH_DAY = re.compile(
    r"\b(?P<a>[^\W\d_]{3,12})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:\.|st|nd|rd|th)?\s+(?P<b>[^\W\d_]{3,12})\b"
)
#: "7/13/2012" (American, month first) or "14/01/2008", "23-11-2026" (day first); only read when one of the two
#: numbers is over 12 and so can only be the day: "5/10/2018" is the 10th of May in one country and the 5th of
#: October in another
_SLASHED = re.compile(r"(?<![\d/-])(?P<a>\d{1,2})(?P<s>[/-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})(?![\d/-])")


#: a date before this year is no news document's date: a phone number (0800-11-22), an ISBN, a typo
MIN_PUBLISHED_YEAR = 1900


def _valid(y: str, m: int, d: str) -> date | None:
    if int(y) < MIN_PUBLISHED_YEAR:
        return None
    try:
        return date(int(y), m, int(d))
    except ValueError:
        return None


def iso_date(value: str | None) -> date | None:
    """The date an ISO 8601 value starts with, extended ("2024-03-05T07:00:00+01:00", "2024-03-05 07:00:00") or
    basic ("20240305T070000+0100"); None for anything else, or a year before ``MIN_PUBLISHED_YEAR``."""
    match = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})(?!\d)", value or "")
    return _valid(match.group(1), int(match.group(2)), match.group(3)) if match else None


def find_date(line: str, *, languages: Iterable[str] = ("en", "de")) -> date | None:
    """The first full date written in the line, or None."""
    languages = frozenset(languages)
    found: list[tuple[int, date]] = []
    for pattern in _NUMERIC:
        for m in pattern.finditer(line):
            if (d := _valid(m["y"], int(m["m"]), m["d"])) is not None:
                found.append((m.start(), d))
    for m in _SLASHED.finditer(line):
        a, b = int(m["a"]), int(m["b"])
        if (a > 12) != (b > 12) and (d := _valid(m["y"], min(a, b), str(max(a, b)))) is not None:
            found.append((m.start(), d))
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _YEAR_MONTH_DAY):
        for m in pattern.finditer(line):
            month = month_number(" ".join(m["month"].split()), languages)
            other = m.groupdict().get("other") or m.groupdict().get("bracketed")
            if other and month_number(other, languages) != month:
                continue  # "23 March/April 2024": two months
            if month and (d := _valid(m["y"], month, m["d"])) is not None:
                found.append((m.start(), d))
    return min(found)[1] if found else None


def head_lines(text: str) -> list[str]:
    """The first non-empty lines, up to and including the first line of body text."""
    out: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        out.append(line)
        if len(out) >= HEAD_LINES or len(line.split()) >= BODY_WORDS:
            break
    return out


def names_month_and_day(line: str, *, languages: Iterable[str]) -> bool:
    """Whether the line names a month (CLDR, ``languages``) next to a day's number: "July 24", "24. Juli"."""
    months = month_names(frozenset(languages))
    return any((m["a"] or m["b"]).lower() in months for m in _MONTH_DAY.finditer(line))


#: month and weekday names of these languages end an author's name that runs into a date (a fixed list: with all
#: 22 configured languages more name words would read as dates, "Su", "Ma")
CLDR_MONTH_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
#: a word between the name and its date: "Posted by Jane Doe on March 3, 2019", "von Anna Weber am 3. März"
_DATE_PREPOSITIONS = frozenset({"on", "at", "am", "um", "le", "el", "il"})
#: a word between the name and the section or place the text was filed in: "Posted by Jane Doe in Uncategorized",
#: "Written by Jane Doe in Politics", "Publié par Jane Doe dans Politique", "Publicado por Jane Doe en Política"
_FILED_IN = frozenset({"in", "im", "dans", "en", "em"})
#: a capitalised word after the name that starts what follows it: "By Emily Temple Posted on ...", "By Jane Doe
#: Leave a Comment", "By Jane Doe Follow @jdoe"
_AFTER_NAME = frozenset({"posted", "published", "updated", "filed", "veröffentlicht", "aktualisiert", "discuss",
                         "comments", "comment", "leave", "follow"})  # fmt: skip
#: lower-case words inside a name ("Michiel de Jong", "Ursula von der Leyen")
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "la", "le", "zu", "ter"})
#: words after a name that join another name: the first name is the author
_NAME_JOINS = frozenset({"and", "und", "et", "y", "e", "&"})
#: a person's name has this many words
NAME_MIN_WORDS, NAME_MAX_WORDS = 2, 5
#: words of a journalist's job that pages print after the name ("Tom Krisher, AP Auto Writer", "Ben Silverman Games
#: Editor"): the name ends before the words leading to them
_ROLE_WORDS = frozenset({
    "writer", "writers", "editor", "editors", "correspondent", "reporter", "reporters", "columnist", "contributor",
    "journalist", "author", "staff", "photographer", "producer", "critic", "analyst", "intern", "redakteur",
    "redakteurin", "autor", "autorin", "korrespondent", "korrespondentin", "journaliste", "rédacteur", "rédactrice",
    "correspondant", "correspondante", "periodista", "redactor", "redactora", "corresponsal", "giornalista",
    "redattore", "redattrice", "corrispondente", "jornalista", "correspondente", "verslaggever", "redacteur",
    "автор", "корреспондент", "журналист", "редактор", "обозреватель", "作者", "记者", "記者", "编辑", "編集", "기자",
})  # fmt: skip
#: words that credit the text before the writer's name ("Text: Jane Doe", "Текст: ...", "Words by")
_TEXT_CREDITS = frozenset({"text", "texte", "testo", "texto", "tekst", "words", "текст", "текстът"})
#: words that credit a picture: a part naming its maker is not the author ("Photo: Jane Doe", "Фото: ...")
_IMAGE_CREDITS = frozenset({"photo", "photos", "foto", "fotos", "фото", "bild", "bilder", "pictures", "illustration",
                            "video", "видео"})  # fmt: skip
#: words of a page's interface around an author's name ("About the Author", "View Profile", "Follow", "Jane Doe
#: Reblogged This", "Username", a comment form's "Name" label in an element of class "comment-form-author"): no
#: part of a person's name
_INTERFACE_WORDS = frozenset({
    "about", "view", "profile", "follow", "following", "followers", "reblogged", "username", "name", "user", "login",
    "subscribe", "share", "comment", "comments", "reply", "contact", "posts", "articles", "admin", "bio",
    "website", "email", "e-mail", "this", "über", "submitted",
})  # fmt: skip
_NOT_NAME_WORDS = _ROLE_WORDS | _TEXT_CREDITS | _IMAGE_CREDITS | _INTERFACE_WORDS
#: a lower-case word longer than this inside a name makes it a phrase ("Authority control"); shorter ones are
#: particles ("dos", "bin")
NAME_LOWER_MAX_CHARS = 3


def _bare(word: str) -> str:
    return word.strip(".,:;|()[]\"'“”‘’«»").lower()


#: words that open a byline before the name: no part of it (``person_words``)
_BYLINE_OPENINGS = frozenset({*BY_WORDS, *AUTHOR_LABELS, *_WHOLE_LINE_BY_WORDS}) - {"from"}


def person_words(words: list[str], *, alone: bool = True) -> list[str]:
    """The words of a person's name in an author's part, without what a page prints around it; [] when the part
    names no person.

    Words that open it and are no part of a name go: a byline's word or label before at least two words ("Par
    Claire Martin", "Yazan Ayşe Demir"; not "Di Maria", "von der Leyen"), a page's interface, a credit for the text, a
    job, and function words after them ("About the Author RYAN MCNEILL", "Текст Иван Петров"). From a job's word on the rest is the job's ("Ben
    Silverman Games Editor"): the name is the words before it, its first two when more than two are left (three
    when the second is an initial or a particle: "Dana A. Ford"); after one word, it is a surname ("Larry
    Writer"); a part opening with a job's word, or with one after at most two words when the part is not
    ``alone`` (the job of the name before it: "Tom Krisher; AP Auto Writer"), names nobody.
    A part holding a credit for a picture, a word of the interface ("Jane Doe Reblogged This") or a lower-case
    word longer than ``NAME_LOWER_MAX_CHARS`` that is no particle ("Authority control") names nobody."""
    if len(words) > NAME_MIN_WORDS and _bare(words[0]) in _BYLINE_OPENINGS and _bare(words[1]) not in _NAME_PARTICLES:
        words = words[1:]  # "Par Claire Martin", "Yazan Ayşe Demir" (the label's colon gone), "de Andrei Popescu"
    k = 0
    while k < len(words) and words[k].lower() not in _NAME_PARTICLES and (
        _bare(words[k]) in _NOT_NAME_WORDS - _IMAGE_CREDITS or (k and _function_word(_bare(words[k])))
    ):  # a function word only after such a word ("About the Author"): "To Door" stays for the caller to judge
        k += 1
    words = words[k:]
    role = next((i for i, w in enumerate(words) if _bare(w) in _ROLE_WORDS), None)
    if role is not None:
        if role == 0 or (role <= 2 and not alone):
            return []
        if role >= NAME_MIN_WORDS:  # after one word it is a surname ("Larry Writer")
            initial = role > NAME_MIN_WORDS and (words[1].endswith(".") or words[1] in _NAME_PARTICLES)
            words = words[: min(role, NAME_MIN_WORDS + 1 if initial else NAME_MIN_WORDS)]
    if any(
        _bare(w) in _NOT_NAME_WORDS - _ROLE_WORDS
        or (w[:1].islower() and len(_bare(w)) > NAME_LOWER_MAX_CHARS and w.lower() not in _NAME_PARTICLES)
        for w in words
    ):
        return []
    return words


def names_job(line: str) -> bool:
    """A line holding a word of a journalist's job (``_ROLE_WORDS``): "Science editor", "Staff writer", "Harbour
    tram correspondent", a writer's role as pages print it under a byline."""
    return any(_bare(word) in _ROLE_WORDS for word in line.split())


def _dated(token: str, names: frozenset[str]) -> bool:
    """A token that starts a date: a digit, or a month's or day's name (``names``: "3.", "March", "Mar.", "Monday")."""
    return token[:1].isdigit() or token.rstrip(".,").lower() in names


#: words that may open a date put before the byline: "Posted on March 3, 2019 by Jane Doe"
_DATE_OPENING = frozenset({"posted", "published", "updated", "written", "veröffentlicht", "publié", "publicado"})
#: words inside such a date besides numbers and the names of months and days: "October 29, 2012 at 10:40 am by"
_DATE_FILLERS = frozenset({"on", "at", "am", "pm", "a.m.", "p.m.", "um", "uhr", "le", "el", "il", "à",
                           "|", "-", "–", "—", "·"})  # fmt: skip


def _after_date(line: str, dates: frozenset[str], written_in: frozenset[str] | None = None) -> str:
    """The line from its byline word on when a date comes first ("Posted on March 3, 2019 by Jane Doe", "October
    29, 2012 at 10:40 am | By Jane Doe"): the date needs a number and the name of a month or day, or a numeric
    date; anything else is returned as it is."""
    tokens = line.split()
    k, named, numbered = 0, False, False
    if tokens and tokens[0].lower() in _DATE_OPENING:
        k = 1
    while k < len(tokens):
        word = tokens[k].strip(",.").lower()
        if word[:1].isdigit():
            numbered = True
            named = named or bool(re.fullmatch(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}", word))  # 09/08/2012
        elif word in dates:
            named = True
        elif word not in _DATE_FILLERS and tokens[k] not in _DATE_FILLERS:
            break
        k += 1
    if not (named and numbered) or k >= len(tokens) or not _byline_patterns(written_in).opening.match(tokens[k]):
        return line
    return " ".join(tokens[k:])


def _said_once(words: list[str]) -> list[str]:
    """A name given twice, as a link and beside it ("By Sean Martin Sean Martin"), once."""
    half = len(words) // 2
    return words[:half] if half and words[:half] == words[half:] else words


#: what ends the name on the line under a lone "By": its paper or role after a separator ("Amy Kuperinsky | NJ
#: Advance Media for NJ.com", "Jane Doe, Senior Editor")
_NAME_PART = re.compile(r"\s+[|/•·–—-]\s+|\s*[|,;]\s*")


def byline_person(
    line: str,
    following: str = "",
    *,
    languages: Iterable[str] = ("en", "de"),
    written_in: Iterable[str] | None = None,
    filed: bool = False,
) -> str | None:
    """The person a byline names when more follows the name: "By Jane Doe, Senior Editor", "by Jane Doe July 10,
    2015", "By JANE DOE", "Par Jane Doe (avec ...)", or "By" alone with the name on the ``following`` line (a
    line of a name, or of a name and what follows a separator after it: "Amy Kuperinsky | NJ Advance Media for
    NJ.com", ``_NAME_PART``; not a sentence, nor a place before a sentence: "Cape Town - The storm came ...").

    The name is the run of capitalised words after "By" (particles such as "de" or "von" inside it), up to a
    comma, bracket, handle, digit, date or separator; it has two to five words. A second name after "and", "und",
    "et", "y", "e" or "&" is read alike: "By Jane Doe and John Roe" gives "Jane Doe; John Roe", the authors' list
    as HTML pages give it; of a person and a publication ("By Jane Doe and Reuters Staff"), the person. A lower-case word that is
    not a particle makes it a sentence ("By the end of the year ...", "By Jane Doe senior editor"): nobody. A
    date may come first: "Posted on March 3, 2019 by Jane Doe" (``_after_date``). ``filed``: a section or place
    may follow ("Posted by Jane Doe in Uncategorized": ``_FILED_IN``), as the head of an article reads it; off,
    as boilerplate removal reads its lines (its rules were chosen without it). ``written_in``: the text's
    languages, whose byline words are read besides English's (``text_languages``); None: every language's."""
    dates = calendar_words(frozenset(languages))
    read_in = None if written_in is None else frozenset(written_in)
    line = _after_date(line, dates, read_in)
    by = _byline_patterns(read_in).opening.match(line)
    if not by or _ambiguous_by(by.group(0).strip(" :"), line[by.end() :]):
        return None
    # the split reads the line with its spaces collapsed: on a run of thousands of spaces (a padded table's row) the
    # pattern's ``\s+`` would try every length from every position in it
    name_part, *after = _NAME_PART.split(" ".join(following.split()), 1)
    # a sentence after the separator makes the line a dateline's ("Cape Town - The storm came quickly and ..."),
    # as a sentence after a name makes it one of the article's
    sentence = bool(after) and len(after[0].split()) >= SENTENCE_MIN_WORDS
    rest = line[by.end() :] or (following if len(name_part.split()) <= NAME_MAX_WORDS + 1 and not sentence else "")
    months = month_names(frozenset(languages))
    words: list[str] = []
    first: list[str] | None = None  # the name before "and" once a second one is read
    tokens = rest.split()
    for k, token in enumerate(tokens):
        letters = re.match(r"[^\W\d_][\w'’.-]*?(?=\d|[,;|)(@]|$)", token)
        core = letters.group(0).rstrip(".") if letters else ""
        ends = core != token.rstrip(".")  # a comma, a digit, a bracket, a handle after the word
        dated = core.lower() in months and k + 1 < len(tokens) and tokens[k + 1][:1].isdigit()  # "July 10, 2015"
        if words and first is None and _joins(token) and k + 1 < len(tokens) and tokens[k + 1][:1].isupper():
            first, words = words, []  # "By Jane Doe and John Roe": a second name follows
            continue
        if not core or dated:
            break
        if core.lower() in _AFTER_NAME and words:
            break
        if core[0].isupper() and not _joins(core):
            words.append(core if len(core) > 1 else core + ".")  # an initial gets its full stop back
        elif core.lower() in _NAME_PARTICLES and words:
            words.append(core)
        elif core.lower() in _NAME_JOINS and words:
            break
        elif core.lower() in _DATE_PREPOSITIONS and words and k + 1 < len(tokens) and _dated(tokens[k + 1], dates):
            break
        elif filed and token in _FILED_IN and words and k + 1 < len(tokens) and tokens[k + 1][:1].isupper():
            break  # the section or place it was filed in: "Posted by Jane Doe in Uncategorized"
        elif first is not None:
            break  # "By Jane Doe and Others said": the first name stands
        else:
            return None  # a sentence goes on in lower case
        if ends:
            break
    if first is None:
        return _byline_name(words)
    # each half a person or a publication ("By Jane Doe and Reuters Staff"): the people are the authors
    halves = [_byline_name(person_words(half) or half) for half in (first, words)]
    people = [h for h in halves if h and not _is_site(h)]
    return "; ".join(people) if people else halves[0]


def _joins(token: str) -> bool:
    """A word joining two names: "and", "und", "&"; in capitals too ("AND"), but not an initial ("E", "Y")."""
    return token.lower() in _NAME_JOINS and (token.islower() or len(token) > 1 or token == "&")


def _byline_name(words: list[str]) -> str | None:
    """The name a byline's run of capitalised words gives: particles at its end and a repeat dropped, a job after
    it too (``person_words``) unless it is a publication's; two to five words, not opening with a particle or a
    function word ("By The Numbers", "Von Der Leyen ..."); a name in capitals in title case, its particles in lower
    case ("URSULA VON DER LEYEN")."""
    words = list(words)
    while words and words[-1].lower() in _NAME_PARTICLES:
        words.pop()
    words = _said_once(words)
    words = words if _is_site(" ".join(words)) else person_words(words)  # a publication's staff stays whole
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS:
        return None
    if words[0].lower() in _NAME_PARTICLES or _function_word(words[0]):
        return None
    name = " ".join(words)
    if not name.isupper():
        return name
    return " ".join(w.lower() if k and w.lower() in _NAME_PARTICLES else w.title() for k, w in enumerate(words))


#: a line that is nothing but a person's name has at most this many words ("Sarah Archer", "John C. Welch")
NAME_LINE_MAX_WORDS = 3
#: a word of a name: capitalised letters (with inner hyphens or apostrophes: Jean-Luc, O'Brien), or an initial
_NAME_WORD = re.compile(r"^(?:[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*|[^\W\d_]\.)$")


def is_person_name(line: str, *, languages: Iterable[str] = ("en", "de")) -> bool:
    """Whether the line is only a person's name: two or three capitalised words ("Sarah Archer", "John C.
    Welch"; particles inside: "Anne de Vries"), none of them a function word ("The Latest"), not two of them
    names of months or weekdays ("Monday March": a date; one month's is a name, "Jan Novák", "Nisan Aydın", "Julio
    Cortés", as the names of 22 languages and their abbreviations hold many first names; a weekday written out is
    none: "Monday Briefing"), no byline word before them ("Av
    Anna Lindqvist") and no publication's ("Reuters Staff")."""
    words = line.split()
    if not NAME_MIN_WORDS <= len(words) <= NAME_LINE_MAX_WORDS or _is_site(line) or person_words(words) != words:
        return False
    if words[0].lower() in _NAME_PARTICLES or words[-1].lower() in _NAME_PARTICLES:
        return False
    dated, days = calendar_words(frozenset(languages)), day_names(frozenset(languages))
    if sum(word.lower().rstrip(".") in dated for word in words) > 1:
        return False
    if any(len(word) > 3 and word.lower() in days for word in words):
        return False  # "Monday Briefing", "Samstag Nachmittag": a weekday written out names no one
    return all(
        word.lower() in _NAME_PARTICLES
        or (
            _NAME_WORD.match(word) is not None
            and word[0].isupper()
            and (word.endswith(".") or not word[1:].isupper())  # Sarah, C.; not an acronym (NBA)
            and not _function_word(word)
        )
        for word in words
    )


@lru_cache(maxsize=8)
def day_names(languages: frozenset[str]) -> frozenset[str]:
    """Lower-case weekday names and abbreviations (without a final '.'), from CLDR."""
    return frozenset(name for _, name in _calendar_names(languages, "days"))


@lru_cache(maxsize=16)
def calendar_words(languages: frozenset[str]) -> frozenset[str]:
    """The names of the months and weekdays (``month_names`` and ``day_names``), lower case."""
    return frozenset(month_names(languages)) | day_names(languages)


def tidy_author(author: str | None, *, site: str | None = None) -> str | None:
    """An extracted author without what the page printed around the name, each of several authors (``;``, or
    ``&`` between two names of two words or more) on its own:

    - a month or weekday of the date that follows ("Laura June Topolsky July", "Joe Wee Monday") and lower-case
      words ("Aleš Vávra před"), as long as two words are left (Theresa May);
    - a part that is only a date ("February", "Monday", "January 1");
    - what follows a separator after the name ("Par Claire Martin · Publié", "Jane Doe | Madrid"), and a byline's
      word or label before it (``person_words``);
    - a part that is the ``site`` ("Sandee LaMotte; CNN"), when a person is named too;
    - a part of one word in a script with capitals beside a person's name: a person's name has two words at least,
      a place or a publication may have one ("Lucía Martínez; Madrid", a byline's "name | place" split);
    - the same name again in capitals ("Jeffrey Gettleman; JEFFREY GETTLEMAN"); a name in capitals is written
      in title case."""
    if not author:
        return None
    dated = calendar_words(frozenset(CLDR_MONTH_LANGUAGES))
    names: dict[str, str] = {}
    parts = [piece for part in author.split(";") for piece in _two_people(part)]
    for part in parts:
        words = part.split()
        while words and not _has_letters(words[0]):
            words.pop(0)
        words = words[: next((k for k, w in enumerate(words) if not _has_letters(w)), len(words))]  # "·", "|", "–"
        while len(words) > 2 and (words[-1].lower().rstrip(".,") in dated or words[-1][:1].islower()):
            words.pop()
        words = person_words(words, alone=len(parts) == 1)
        if not words or all(w.lower().rstrip(".,") in dated or w.rstrip(".,").isdigit() for w in words):
            continue
        name = " ".join(words)
        if name.isupper() and len(words) > 1:  # a name, not an acronym (AP, IANS)
            name = name.title()
        names.setdefault(name.casefold(), name)
    if site and len(names) > 1:
        names.pop(site.casefold(), None)
    if any(len(name.split()) >= NAME_MIN_WORDS for name in names.values()):
        names = {key: name for key, name in names.items() if " " in name or not name[:1].isupper()}
    return "; ".join(names.values()) or None


def _two_people(part: str) -> list[str]:
    """A part split at "&" when each side has two words or more: "Jane Doe & John Smith" are two people, "Simon &
    Schuster" is a publisher."""
    pieces = part.split(" & ")
    return pieces if len(pieces) > 1 and all(len(piece.split()) > 1 for piece in pieces) else [part]


def _has_letters(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _is_site(name: str) -> bool:
    return bool({w.lower() for w in re.findall(r"\w+", name)} & _SITE_WORDS)


@lru_cache(maxsize=1)
def _short_function_words() -> frozenset[str]:
    """English and German words of three letters or fewer in both stop lists (jusText's and stopwords-iso's):
    "the", "to", "der"; not first names that one of them lists ("al", "ed", "jo", "don"); "may" is in both."""
    iso = language_stop_words("en") | language_stop_words("de")
    justext = justext_stop_words("English") | justext_stop_words("German")
    return frozenset(w for w in justext if len(w) <= 3 and w in iso)


def _function_word(word: str) -> bool:
    """A short English or German function word ("The", "To", "Der"): no name starts with one."""
    return word.lower() in _short_function_words()


def _names(by: str, name: str) -> bool:
    """A byline's name names someone: a publication ("time news"), or a person's name after "By" (two to
    ``NAME_MAX_WORDS`` capitalised words, particles such as "de" inside but not first). "From the section US &
    Canada", "By Monday the bridge was open", "by Email", "Von Der Leyen Visits Kyiv" and "From Russia With Love"
    do not."""
    if _is_site(name):
        return True
    words = [w.lstrip("\"'“‘«(") for w in name.split()]  # a nickname in quotes: Amanda "Tania Mae" Tan
    if not NAME_MIN_WORDS <= len(words) <= NAME_MAX_WORDS or _ambiguous_by(by, name):
        return False
    if _caseless_name(by, words):
        return True
    return (
        words[0][:1].isupper()
        and words[0].lower() not in _NAME_PARTICLES
        and not _function_word(words[0])
        and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)
    )


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Arabic, Chinese): letters that are neither upper nor lower case, and
    the marks over them (Arabic vowel signs: "محمّد")."""
    letters = "".join(ch for ch in word if unicodedata.category(ch) != "Mn")
    return letters.isalpha() and not any(ch.isupper() or ch.islower() for ch in letters)


def _caseless_name(by: str, words: list[str]) -> bool:
    """The words after a byline word of a script without capitals ("بقلم أحمد حسن") or a label with its colon
    ("كتب: أحمد حسن") name the writer when they are all words of such a script: no capital can tell a name from a
    phrase, so the byline word or label must say so (a line of words alone is never read as a name there)."""
    said = by.rstrip().endswith(":") or _caseless(by)
    return said and all(map(_caseless, words))


def _title_name(words: list[str], languages: Iterable[str]) -> str:
    """Names written in capitals, in title case but their function words ("JOHN SMITH AND MARY JONES": John Smith
    and Mary Jones; "URSULA VON DER LEYEN": Ursula von der Leyen)."""
    stop = frozenset().union(*(language_stop_words(lang) for lang in (*languages, "en")))
    return " ".join(w.lower() if w.lower() in stop else w.title() for w in words)


def is_byline(line: str, *, written_in: Iterable[str] | None = None, filed: bool = False) -> bool:
    """A line that only says who wrote the text (and perhaps when): "By Jane Doe", "by time news", "By Jane Doe,
    Senior Editor, 3 March 2024"; with the byline words of English and of the languages ``written_in`` (the
    text's: ``text_languages``; None: every language's); ``filed``: and where it was filed, as ``byline_person``
    reads it ("Posted by Jane Doe in Uncategorized")."""
    line = line.strip()
    read_in = None if written_in is None else frozenset(written_in)
    b = _byline_patterns(read_in).whole.match(line)
    return bool(b and _names(b["by"], b["name"])) or byline_person(line, written_in=read_in, filed=filed) is not None


def is_byline_word(line: str, *, written_in: Iterable[str] | None = None) -> bool:
    """A byline's word or label alone on its line ("By", "Von", "Author:"), of English or the languages
    ``written_in`` (None: every language's): the page set the byline over two lines, the name on the next ("By /
    ROD NORDLAND and MAYY EL SHEIKH")."""
    word = line.strip().rstrip(":").strip().lower()
    read_in = None if written_in is None else frozenset(written_in)
    return word in _read(BY_WORDS, read_in) or word in _read(AUTHOR_LABELS, read_in)


#: a line of at most this many words that holds a date is a date line ("3 March 2024", "Sunday, October 14, 2012")
DATE_LINE_MAX_WORDS = 6
#: a line of the head with at least this many words is a sentence (a caption), not a date line
SENTENCE_MIN_WORDS = 12


def _is_date_line(line: str) -> bool:
    """A line that gives the article's date: it opens with "Published", "Posted", "Updated" and the like, or with
    a byline ("By Jane Doe on Monday, November 18th, 2019"), or is short (``DATE_LINE_MAX_WORDS``)."""
    words = line.split()
    if not words:
        return False
    opens = words[0].rstrip(":").lower() in _DATE_OPENING or _byline_patterns(None).opening.match(line) is not None
    return opens or len(words) <= DATE_LINE_MAX_WORDS


def date_line_date(lines: Iterable[str], *, languages: Iterable[str]) -> date | None:
    """The date of the first date line (``_is_date_line``: short, or opening with "Published" or a byline) among
    ``lines`` that holds one (``find_date``); a date in a sentence is not read."""
    return next((d for line in lines if _is_date_line(line) and (d := find_date(line, languages=languages))), None)


def detect_text_metadata(text: str, *, languages: Iterable[str] = ("en", "de"), head: Iterable[str] = ()) -> Metadata:
    """Site, place, author and published date found in the head of a plain-text document: ``head``, the head of
    the article when it is known (``flows.steps.headline.article_head``: a scraped page's article starts below
    its menus), then the first lines of the text; with a known head, a date in a line of body length outside it
    is not read (a cookie or privacy banner at the top of the page), and a date in a sentence of the head (a
    photo's caption) gives way to a date line below it there (``_is_date_line``). Bylines are read with the byline
    words of English and of the text's language (``text_languages``): "Af Ghani Speaks Out" under an English
    headline names nobody. A Chinese or Japanese wire's dateline gives the site, the place and the reporters
    (``wire_dateline``)."""
    fields: dict[str, object] = {}
    written_in = text_languages(text)
    byline = _byline_patterns(written_in).whole
    head = list(head)
    known = set(head)
    lines = list(dict.fromkeys([*head, *head_lines(text)]))  # the head is often the text's first lines: read once
    head_dates = {line: find_date(line, languages=languages) for line in head}
    # a date in a sentence of the head (a photo's caption: "In this Dec. 12, 2006, file photo, ...") gives way to
    # a date line below it there
    dates = [(line, d) for line, d in head_dates.items() if d is not None]
    if dates and len(dates[0][0].split()) >= SENTENCE_MIN_WORDS:
        fields["published"] = next((d for line, d in dates[1:] if _is_date_line(line)), dates[0][1])
    for i, line in enumerate(lines):
        # above a known article, a line of body length is a banner (cookies, privacy: "effective May 23rd, 2018")
        banner = bool(known) and line not in known and len(line.split()) >= BODY_WORDS
        if (wire := wire_dateline(line)) is not None:  # "新华社北京11月23日电（记者王伟）", "【ワシントン共同】"
            if wire.site and "site" not in fields:
                fields["site"] = wire.site
            if wire.place and "place" not in fields:
                fields["place"] = wire.place
            if wire.authors and "author" not in fields:
                fields["author"] = "; ".join(wire.authors)
        elif "site" not in fields and (m := _dateline(line, languages)) and m["site"].strip():
            fields["site"] = " ".join(m["site"].split())
            if m["place"]:
                fields["place"] = " ".join(m["place"].split()).title()
        elif "author" not in fields:
            if (b := byline.match(line)) and _names(b["by"], b["name"]) and not any(map(_joins, b["name"].split())):
                words = _said_once(b["name"].split())
                said = " ".join(words := words if _is_site(b["name"]) else person_words(words))
                # "BY JOHN SMITH": a name, not an acronym
                name: str | None = _title_name(words, languages) if said.isupper() and len(words) > 1 else said
            else:
                following = lines[i + 1] if i + 1 < len(lines) else ""
                name = byline_person(line, following, languages=languages, written_in=written_in, filed=True)
            if name and not _is_site(name):
                fields["author"] = name
            elif name and "site" not in fields:  # a publication's name is the site, never the author
                fields["site"] = name
        d = head_dates[line] if line in head_dates else find_date(line, languages=languages)
        if "published" not in fields and not banner and d is not None:
            fields["published"] = d
    return Metadata(**fields)  # type: ignore[arg-type]
