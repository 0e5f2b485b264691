"""Page furniture removal for text scraped from web pages (one paragraph per line).

Language-independent and free of site-specific strings. Each line is classified from its shape and language
statistics (length in words, or in characters for scripts written without spaces; sentence punctuation of many
scripts; stop-word density with jusText's stop lists; table/list/link-list and timestamp patterns); the article is
the densest block of prose (prose lines separated by at most three furniture lines and no date line: comments and
dated lists of articles stay out), extended to further prose that outweighs the furniture and short lines between
(each counts as 20 words), and grown over the neutral lines around it (headings, lists, tables). An earlier, smaller
block about the same things, with more than one caption's prose and no date line or gallery between, is the
article's first part, cut off by a table or a row of buttons; a later, smaller one about the same things, with
only short lines that end no sentence between (no date line, byline, footer, gallery or prompt), is its last part. A box
about the author or the site (under "About me", "About the author", or opening with the name on the line above
it) is no article while a block stamped with its date and at least half as large is (a sidebar's profile above a
post; not a reader's comment under an article that a menu's "About me" stands right above); so is a blog's post
between its day's date and the time it was posted ("Tuesday, October 23, 2012" over it, "Posted by Jane Doe at 4:02
PM" under it), of any size, and it is chosen over the blog's description above the page's first date line (when
the two are about other things: not a standfirst) and over a block under it at most twice its size (a note on the
post's trackbacks), and it ends at that time. A block that opens with the name a byline on the page gives and a
biography verb ("Posted by / Jane Doe" elsewhere, "Jane Doe is a prolific blogger ...") is a box about the author,
no candidate while another block is, unless that byline stands right above it (an op-ed's note on its author under
"By Jane Doe"). A block below a
comments header with the stamps of a thread is a comment: a short post above a longer comment is the article. A
paragraph wrapped over several lines (a line without sentence punctuation followed by one that starts in lower case)
is judged as one line and kept or dropped whole; a run of six or more short lines with stop words, most of them
ending a clause and some running on ("I wander often from the way," / "And sin afflicts me every day:", a poem's
verses; not a box of short questions), is prose, and so are the lines of a post too short for a line of prose,
right above the page's first comments header with no prose near. A box about the author or publisher ("About Jane
Doe", "About the author...", "About Jane" over a paragraph naming Jane, whom the article's prose above does not
name, "About the author: Jane Doe is ...", or a last paragraph opening "Jane Doe is ..." or "Jane Doe has ..." under
a short label, naming someone the article's prose does not) in the second half of the article ends it, and so does a
short line about the
comments ("12 Comments", "Leave a comment", "Do you have comments on this story?" over prose about other things than
the article's: not a heading of an article about comments, "Why do readers' comments matter?") or a copyright notice
("Copyright 2008 Associated Press. All rights reserved.") after the article's first 150 words of prose (a comments
header after 40 when the stamps of a thread follow it, or when more of the article's block lies above it than
below), and after 40 so does the first signature of a thread of comments: lines of one shape, each over a comment
and signed by at least five names, one of them twice and one a user name ("dragoncar says:", "by jdoe (1287)
writes:", "Max Mustermann schrieb:", a name over "said..."; not an interview's two speakers, the people an article
quotes or a live blog's reporters, named as a publication names people, a recipe's parts or a label in capitals,
"Proof:"); before them, the notice alone goes, and so does a line of prose with a copyright mark and a year ("BBC ©
2012 The BBC is not responsible
for the content of external sites"), a footer that reads as prose. An image's caption that
ends with the photo's credit ("... on Mars. Credit: ESA", "(AP Photo/Alan Diaz, File)") is dropped wherever it
stands; it neither splits nor ends the article. A short line that asks the reader to subscribe to a newsletter,
alerts or a feed is furniture. A run of lines that each open with a quantity ("2 cups onions, diced": a recipe's
ingredients) is a list inside the article, not a link list, and so are the lines after a line of prose that ends
with a colon ("... here are the key points:"), up to prose, a line of furniture or code, a comments header or
another label that ends with a colon ("Related posts:"); short lines that run on to the text's end are no such
list. A row of share and comment buttons between the
article's date line or byline and its first paragraph ("Partager sur Facebook", "Copier le lien") is furniture, as
such lines are after its last paragraph. A short line led or closed by an arrow or guillemet that it does not
pair ("« Older Entries", "View Gallery »") is a link, not a sentence. A month and a day alone on a line ("November
09", "07 Nov 12"), a byline with a clock time ("Posted by Jane Doe at 3:49 PM") and a post's stamp set apart by
bars are date lines: the stamps of recent posts, of a blog's post or of comments. Several such month-and-day lines
or timed bylines, each between two paragraphs about the things of the prose above them, are the dates of a timeline
or the entries of a live blog: headings inside the article, unless one more follows the last paragraph (the
stamps under comments).
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Iterator, Set as AbstractSet
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from itertools import groupby, islice


from flows.models import UNSPACED_CHAR as _UNSPACED
from flows.models import UNSPACED_CHARS_PER_WORD
from flows.steps.stopwords import WORD as _WORD
from flows.steps.stopwords import function_words, language_stop_words, stoplist_for
from flows.steps.metadata import (
    CLDR_MONTH_LANGUAGES,
    NAME_LOWER_MAX_CHARS,
    NAME_MAX_WORDS,
    NAME_MIN_WORDS,
    byline_person,
    is_byline,
    is_person_name,
    names_month_and_day,
    text_languages,
)
from flows.steps.normalize import INVISIBLE
from flows.steps.repetition import fold_line, line_key

#: ``fill_gaps`` finds a line of the cleaned page in an extractor's text by shared word n-grams of this length
GAP_SHINGLE = 4

#: a line with at least this many words and enough stop words is prose
GOOD_MIN_WORDS = 15
#: fraction of a prose line's words that are stop words of the text's language
GOOD_MIN_STOPWORD_DENSITY = 0.2
#: lines up to this many words are "short" (headings, menu items, headlines)
SHORT_MAX_WORDS = 12
#: this many short non-sentence lines in a row (blank lines ignored) are a link list
LINK_LIST_MIN_RUN = 3
#: prose further away than this many furniture lines from the article is not part of it
MAX_BAD_GAP = 3
#: a furniture line, or a short line that cannot close an article, outweighs this many words of prose beyond it
FURNITURE_COST_WORDS = 20
#: a date line costs this many furniture lines: nothing beyond it joins the article
DATE_COST_FACTOR = 1000
#: this many lines above the article that name its headings are its table of contents
CONTENTS_MIN_ENTRIES = 3
#: the article is the first prose block with at least this share of the largest block's characters
FIRST_BLOCK_SHARE = 0.5
#: a date or time line has at most this many words per stamp ("November 19, 2019 at 6:34 am"; with a time zone, a
#: weekday or a name: "11:21 pm CST, Tuesday, November 19, 2019", a comment's "by reader1 July 24, 2012 11:45 PM
#: EDT") and at most this many stamps, each with its year and time: published and updated ("Publié le 22 novembre
#: 2026 à 18h45, mis à jour le 23 novembre 2026 à 08h10")
TIMESTAMP_MAX_WORDS = 9
TIMESTAMP_MAX_STAMPS = 2
#: lines above an article's date line that can be its headline (a kicker, the headline, a standfirst)
HEADLINE_MAX_LINES = 3
#: lines up to this many words above the first prose line may be a byline
BYLINE_MAX_WORDS = 5
#: a line above the article's first paragraph is about its subject (a headline, a standfirst) when the article's
#: prose uses this share of its subject words and at least this many of them; a share button, a network's name or
#: "Copy link" use none, or one by chance ("Partilhar" and "participação" share a stem)
SUBJECT_MIN_SHARE = 0.4
SUBJECT_MIN_MATCHES = 2
#: subject words match on their first this many letters ("Ukraine", "Ukrainy")
STEM_CHARS = 5
#: a button has at most this many words ("Share on Facebook", "Copy link", "Listen to this article"); a standfirst
#: or an opening line under the date has more
BUTTON_MAX_WORDS = 4
#: buttons come in a row of at least this many lines ("Share on Facebook", "Share on X", "Copy link"); one such line
#: under the date is as often the headline of a blog's post ("Monday, October 29, 2012", "Open Or Closed")
BUTTONS_MIN_RUN = 2

#: a line of code has this many marks of code (``_CODE_MARKS``), making this share of its characters
CODE_MIN_MARKS = 2
CODE_MIN_SHARE = 0.05

#: lines recurring across a collection are furniture unless they hold more than this share of a page's prose
#: (then the page shares its story with others: wire copy saved from several sites)
MAX_REPEATED_PROSE_SHARE = 0.5
#: a later block larger than the article's goes on with it when the cosine of their subject words is at least this
#: (on the tuning pages: the rest of an interrupted article 0.13-0.61; other stories, forums and site prose 0.03-0.05)
CONTINUATION_MIN_COSINE = 0.1
#: an earlier block about the same subject as the article (``CONTINUATION_MIN_COSINE``) is its first part, cut off by
#: furniture, when it has at least this many prose lines or words: one short paragraph across furniture above the
#: article is as often an image's caption or another story's teaser (on the tuning pages such captions had up to 41
#: words; see bench/RESULTS.md, 0.8.13, for 30, 60 and 80)
EARLIER_PART_MIN_LINES = 2
EARLIER_PART_MIN_WORDS = 45
#: this many month-and-day lines or timed bylines between paragraphs of prose make a timeline or a live blog's entries
#: (one alone is a post's stamp, as before 0.8.15)
TIMELINE_MIN_STAMPS = 2
#: a short line found this often among a block's paragraphs makes it a thread of posts ("Reply")
THREAD_MIN_REPEATS = 3
#: a gap with at most this many date lines between two blocks is the stamp of a post ("Jon | Mar 20, 2007 11:21 PM")
POST_STAMP_MAX_DATES = 2
#: this many stamped gaps make a thread of posts: the article does not go on past them, and each post weighs less
POSTS_MIN_STAMPS = 3
#: a blog's post is stamped with its time within this many lines under its last paragraph ("Posted by", "Jane Doe",
#: "at", "4:02 PM")
POST_FOOTER_LINES = 6
#: what a post's size counts for when the article's block is chosen (comments longer than a short article)
POST_WEIGHT = 0.5
#: a short line about the comments ("12 Comments", "Leave a comment", "Kommentare (3)") or a copyright notice after
#: this many words of the article's prose ends it: the thread below is not the article, however much it reads
#: like prose, and the rights to a text are reserved after it
ARTICLE_END_AFTER_PROSE_WORDS = 150
#: ... or after this many words when a thread of posts follows the header: this many date lines (posts' stamps,
#: ``POSTS_MIN_STAMPS``) within the next lines (a short post above its comments), or when more of the article's
#: block lies above the header than below it (``_comments_below``)
SHORT_ARTICLE_END_MIN_WORDS = 40
THREAD_LOOKAHEAD_LINES = 60
COMMENTS_HEADER_MAX_WORDS = 8
#: per default language (``flows.steps.language.DEFAULT_LANGUAGES``), the words of a comments header: its plural
#: ("Comments (3)", "Комментарии (3)", "5 komentarzy") and the call to comment ("Leave a comment", "Skomentuj", and
#: where a blog's form asks for a reply in words of its own, "Leave a reply", "Deja una respuesta"); a
#: space in a phrase stands for any white space. Where the singular noun also names an opinion piece or a quoted
#: statement ("Komentář", "Kommentar", "Комментарий эксперта", "Yorum"), only the plural and the verb are listed,
#: as such a heading may stand inside an article (English and the languages first listed keep their singular; Chinese
#: and Japanese have no plural, and their noun counts only as a word of its own: "评论(3)", not "专家评论")
COMMENT_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("comment", "comments", "leave a reply", "leave a response"),
    "de": ("kommentar", "kommentare", "kommentieren"),
    "fr": ("commentaire", "commentaires", "commenter"),
    "es": ("comentario", "comentarios", "comentar", "deja una respuesta"),
    "it": ("commento", "commenti", "commentare"),
    "nl": ("reactie", "reacties", "reageren"),
    "pt": ("comentário", "comentários", "comentar", "deixe uma resposta"),
    "pl": ("komentarze", "komentarzy", "skomentuj"),
    "sv": ("kommentarer", "kommentera"),
    "da": ("kommentarer", "kommenter", "kommentér"),
    "no": ("kommentarer", "kommenter"),
    "fi": ("kommentit", "kommenttia", "kommentoi"),
    "cs": ("komentáře", "komentářů", "komentovat"),
    "ro": ("comentarii", "comentariile", "comentează"),
    "hu": ("hozzászólások", "kommentek"),
    "el": ("σχόλια", "σχολιάστε"),
    "ru": ("комментарии", "комментариев", "комментировать"),
    "uk": ("коментарі", "коментарів", "коментувати"),
    "tr": ("yorumlar", "yorum yap"),
    "ar": ("التعليقات", "تعليقات"),
    "zh": ("评论", "网友评论", "发表评论"),
    "ja": ("コメント", "コメント一覧", "コメントする"),
}
COMMENT_WORDS = tuple(word for words in COMMENT_WORDS_BY_LANGUAGE.values() for word in words)
#: per default language, the words that reserve the rights in a copyright notice ("All rights reserved", "Все права
#: защищены", "Wszelkie prawa zastrzeżone")
RIGHTS_RESERVED_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("rights reserved",), "de": ("Rechte vorbehalten",), "fr": ("droits réservés",),
    "es": ("derechos reservados",), "it": ("diritti riservati",), "nl": ("rechten voorbehouden",),
    "pt": ("direitos reservados",),
    "pl": ("prawa zastrzeżone",), "sv": ("rättigheter förbehållna",), "da": ("rettigheder forbeholdes",),
    "no": ("rettigheter reservert",), "fi": ("oikeudet pidätetään",), "cs": ("práva vyhrazena",),
    "ro": ("drepturile rezervate",), "hu": ("jog fenntartva",), "el": ("δικαιώματα διατηρούνται",),
    "ru": ("права защищены",), "uk": ("права захищені",), "tr": ("hakları saklıdır",), "ar": ("الحقوق محفوظة",),
    "zh": ("版权所有",), "ja": ("無断転載",),
}  # fmt: skip
RIGHTS_RESERVED = tuple(words for phrases in RIGHTS_RESERVED_BY_LANGUAGE.values() for words in phrases)
#: per default language, the preposition of an "About ..." heading over a box about the author or the publisher
#: ("About Jane Doe", "Об авторе", "O autorce"), capitalised as a heading opens; Turkish puts it after the words
#: ("Yazar hakkında", ``ABOUT_AFTER``), and where "about the author" is one word or a fixed phrase the heading
#: is listed whole (``ABOUT_THE_AUTHOR``)
ABOUT_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("About",), "de": ("Über",), "fr": ("À propos de",), "es": ("Acerca de", "Sobre"), "it": ("Informazioni su",),
    "nl": ("Over",), "pt": ("Sobre",), "pl": ("O",), "sv": ("Om",), "da": ("Om",), "no": ("Om",), "cs": ("O",),
    "ro": ("Despre",), "el": ("Σχετικά με", "Για"), "ru": ("Об", "О"), "uk": ("Про",), "ar": ("عن", "نبذة عن"),
}  # fmt: skip
ABOUT_WORDS = tuple(dict.fromkeys(word for words in ABOUT_WORDS_BY_LANGUAGE.values() for word in words))
ABOUT_AFTER_BY_LANGUAGE: dict[str, tuple[str, ...]] = {"tr": ("hakkında",)}
ABOUT_AFTER = tuple(word for words in ABOUT_AFTER_BY_LANGUAGE.values() for word in words)
#: per default language, "the author" after those words (case-insensitive)
THE_AUTHOR_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("the author", "the authors"), "de": ("den Autor", "die Autorin"),
    "fr": ("l'auteur", "l’auteur", "l'autrice", "l’autrice"), "es": ("el autor", "la autora"),
    "it": ("l'autore", "l’autore"), "nl": ("de auteur",), "pt": ("o autor", "o autora", "a autor", "a autora"),
    "pl": ("autorze", "autorce", "autorach"), "sv": ("författaren", "skribenten"), "da": ("forfatteren", "skribenten"),
    "no": ("forfatteren", "skribenten"), "cs": ("autorovi", "autorce", "autorech"),
    "ro": ("autor", "autoare", "autori", "autorul"), "el": ("τον συγγραφέα", "τη συγγραφέα", "την συγγραφέα"),
    "ru": ("авторе", "авторах"), "uk": ("автора", "авторку", "авторів"), "tr": ("yazar", "yazarlar"),
    "ar": ("الكاتب", "الكاتبة", "المؤلف"),
}  # fmt: skip
THE_AUTHOR = tuple(word for words in THE_AUTHOR_BY_LANGUAGE.values() for word in words)
#: "About the author" as one word or a fixed phrase: Finnish and Hungarian say it with a case ending, Chinese and
#: Japanese without a space
ABOUT_THE_AUTHOR_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "fi": ("Kirjoittajasta",), "hu": ("A szerzőről", "A szerzőkről"), "zh": ("关于作者", "作者简介"),
    "ja": ("著者について", "著者紹介", "筆者紹介", "著者プロフィール"),
}  # fmt: skip
ABOUT_THE_AUTHOR = tuple(word for words in ABOUT_THE_AUTHOR_BY_LANGUAGE.values() for word in words)
#: an "About <name>" heading in the second half of the article opens a box about its author or publisher
ABOUT_BOX_MIN_SHARE = 0.5
#: a biography without a heading ("Jane Doe is a reporter ...") stands under a label of at most this many words
#: (her name, "Connect", a row of tags) at the end of the article's prose
BIOGRAPHY_LABEL_MAX_WORDS = 6
#: per language, the verbs a biography opens with after the name ("Jane Doe is ...", "Jane Doe has been ..."); a
#: paragraph that brings a person into a story goes on otherwise as often ("Jane Doe of Acme wrote ...")
BIOGRAPHY_VERBS_BY_LANGUAGE = {
    "en": ("is", "has", "was"), "de": ("ist", "hat", "war"), "fr": ("est", "a", "était"), "es": ("es", "ha", "era"),
    "it": ("è", "ha", "era"), "pt": ("é", "tem", "foi"), "nl": ("is", "heeft", "was"),
}  # fmt: skip
BIOGRAPHY_VERBS = frozenset(verb for verbs in BIOGRAPHY_VERBS_BY_LANGUAGE.values() for verb in verbs)
#: the label of a photo's credit, closing an image's caption: "Credit: ESA", "(Image: Getty)", "Foto: dpa"
CREDIT_WORDS = ("photo", "photograph", "image", "picture", "credit", "credits", "photo credit", "image credit",
                "picture credit", "foto", "bild", "bildquelle", "crédit", "crédits", "crédit photo", "crédito",
                "créditos", "credito", "fotografía", "fotografia", "beeld")  # fmt: skip
#: the same for several images, only in brackets: "Photos: Halloween in Hong Kong" heads a gallery
CREDITS_WORDS = ("photos", "images", "pictures", "all photos", "fotos", "bilder")
#: a prompt to subscribe is a line of at most this many words in which a sentence opens with a call to subscribe
#: (``SUBSCRIBE_CALLS``) and that names what one subscribes to (``PROMPT_OBJECTS``): "Sign up for our newsletter",
#: "Stay up to date with Ascom. Subscribe to our newsletter.", "Abonnieren Sie unseren Newsletter"
PROMPT_MAX_WORDS = 25
SUBSCRIBE_CALLS = ("subscribe", "sign up", "sign-up", "join our", "get our", "register for", "get the latest",
                   "stay up to date", "keep up with", "abonnieren Sie", "jetzt abonnieren", "Newsletter abonnieren",
                   "melden Sie sich", "jetzt anmelden", "bleiben Sie auf dem Laufenden", "abonnez-vous",
                   "inscrivez-vous", "recevez", "suscríbete", "suscríbase", "regístrate", "recibe", "assine",
                   "inscreva-se", "receba", "iscriviti", "abbonati", "ricevi", "abonneer", "schrijf je in",
                   "meld je aan")  # fmt: skip
PROMPT_OBJECTS = ("newsletter", "newsletters", "inbox", "e-mail", "email", "alerts", "RSS", "Posteingang",
                  "lettre d'information", "boletín", "nieuwsbrief")  # fmt: skip
#: news agencies whose photo credits close captions in brackets: "(AP Photo/Alan Diaz, File)"
PHOTO_AGENCIES = ("AP", "AFP", "dpa", "Reuters", "EPA")


def _one_of(phrases: tuple[str, ...]) -> str:
    """A regular expression's alternatives for ``phrases``, each space matching any white space."""
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases)


_COMMENTS = re.compile(rf"\b(?:{_one_of(COMMENT_WORDS)})\b", re.IGNORECASE)
_STEP = re.compile(r"^step\s+\d", re.I)  # "Step 3. Comment on a post": an instruction
#: "™ & © 2013 Cable News Network", also in brackets: "(© 2008 The Associated Press. All Rights Reserved. ...)"
_COPYRIGHT_MARK = re.compile(r"^\(?(?:[™®]\s*&\s*)?(?:©|\(c\)|copyright\b)", re.I)
#: a copyright mark and a year ("© 2012", "(c) 2008", "Copyright 2019"): a line of prose holding one is a site's footer
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:19|20)\d{2}\b", re.I)
#: an opening quotation mark right before what follows
_OPENS_QUOTATION = re.compile(r"[\"“„«‘‚‹']\s*$")
_RIGHTS_RESERVED = re.compile(_one_of(RIGHTS_RESERVED), re.IGNORECASE)
_ABOUT = re.compile(
    rf"^(?:(?:{_one_of(ABOUT_WORDS)})\s+(?P<name>[^:]{{2,60}})"  # "About Jane Doe"
    rf"|(?P<before>[^:]{{2,60}})\s+(?:{_one_of(ABOUT_AFTER)})):?$"  # "Yazar hakkında"
)
_THE_AUTHOR = re.compile(rf"^(?:{_one_of(THE_AUTHOR)})$", re.IGNORECASE)
#: an ellipsis closing a heading ("About the author...")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.{3}|…)$")
_ABOUT_THE_AUTHOR = re.compile(rf"^(?:{_one_of(ABOUT_THE_AUTHOR)}):?$", re.IGNORECASE)
_SUBSCRIBE_CALL = re.compile(rf"(?:^|[.!?]\s+|^\W+)(?:{_one_of(SUBSCRIBE_CALLS)})\b", re.IGNORECASE)
_PROMPT_OBJECT = re.compile(rf"\b(?:{_one_of(PROMPT_OBJECTS)})\b", re.IGNORECASE)
#: a credit's name (or names): up to 60 characters without sentence punctuation or brackets
_CREDITED = r"[^\s.:;!?()][^.:;!?()]{0,59}"
_CREDIT = re.compile(
    rf"(?:\((?i:{_one_of(CREDIT_WORDS + CREDITS_WORDS)})\s*:\s*[^()]{{1,60}}\)"  # "(Image: © NASA/K. Roe)"
    rf"|(?:^|[.!?]\s+|\s[-–—|]\s+)(?i:{_one_of(CREDIT_WORDS)})\s*:\s*{_CREDITED}"  # "... Mars. Credit: ESA"
    # "...a rabbitCredit: Getty", "...2023.Photograph: ...": after a full stop or a word all in lower case (not
    # "iPhoto:", "DataImage:")
    rf"|(?:[.!?]|(?<![^\W\d_])[a-zß-ÿ]{{3,}})(?:{_one_of(tuple(w[0].upper() + w[1:] for w in CREDIT_WORDS))})\s*:\s*{_CREDITED}"
    rf"|\((?:{_one_of(PHOTO_AGENCIES)})\s+(?i:photo)\b[^()]{{0,60}}\))\s*$"  # "(AP Photo/Alan Diaz, File)"
)

#: a page separates its blocks by blank lines if it has this many times more blank-line breaks than single ones
BLANK_SEPARATED_RATIO = 2

#: sentence-final punctuation of Latin, CJK, Devanagari, Burmese, Arabic, Ethiopic and Khmer script, with quotes
_SENTENCE_END = re.compile(r"[.!?…:;)\"'»«“”’。！？」』।॥။؟۔።៕]$")
_BULLET = re.compile(r"^(?:[-+*•·–—▪►]|\d{1,2}[.)])\s+")
#: a clock time, "11:21", "10.45", "18h45", "10時15分", also with its "am" or "pm" run into it ("@11:10AM")
_TIME = re.compile(r"\b\d{1,2}(?:[:.]|h(?=\d{2}\b))\d{2}(?:\b|(?=[AaPp][Mm]\b))|\b\d{1,2}[時时]\d{1,2}分")
#: a clock time that is one word: "18h45"
_CLOCK_WORD = re.compile(r"\d{1,2}h\d{2}")
#: a year, also as Chinese and Japanese write it before 年 ("2026年11月23日")
_YEAR = re.compile(r"\b(?:19|20)\d{2}(?:\b|(?=年))")
#: a date in numbers with a year of two digits, as comments are stamped: "07.13.12 at 08:07", "13/07/12 10:45" (not
#: part of a longer run of numbers: a version "4.2.10.12")
_NUMERIC_DATE = re.compile(r"(?<![\d.])\d{1,2}([./-])\d{1,2}\1\d{2}(?![.\d])")
#: a month's name and a day's number either way round, perhaps with a year of two digits ("07 Nov 12", "Nov 7, '12")
_BARE_DATE = re.compile(
    r"(?:[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:\.|st|nd|rd|th)?\s+[^\W\d_]{3,12}\.?)(?:,?\s+'?\d{2})?[.,]?"
)
#: an arrow or a guillemet that opens a line and is not closed in it, or closes a line and was not opened in it
_LINK_ARROW = re.compile(r"^(?:«|‹|←)[^»›]*$|^[^«‹]*(?:»|›|→)$")
#: a full stop (no ellipsis) at the end of a line or just before a closing guillemet: a quotation's paragraph; a
#: link's title may end with "?", "!" or "..." ("What's in the box? »")
_QUOTED_SENTENCE_END = re.compile(r"(?<!\.)\.\s*[»›]?$")
#: the units after the numbers of a Chinese or Japanese date or time: part of the number, not words of their own
_DATE_UNITS = frozenset("年月日时時分秒")
#: marks of program code: braces, '=' (not in an arrow), a call or index right after a name, a bracket closed
#: before a dot or semicolon (brackets in prose follow a space: "die Regierung (CDU)"), a closing ';', an HTML tag's
#: ends (arrows such as ">>", "=>", "->" and a breadcrumb's " > " do not count)
_CODE_MARKS = re.compile(r"[{}]|=(?![=>])|\w[(\[]|[)\]]\s*[.;)]|;\s*$|</?[A-Za-z!]|(?<=[^\s\-=>])>(?!>)")
#: a line that is code alone: braces and semicolons, closing brackets ("]," "})"), a key opening a bracket ("items: [")
#: (possessive quantifiers: a long run of brackets ending in anything else fails in one pass, not in a time
#: growing with the square of its length)
_CODE_ONLY = re.compile(
    r"^[\s()\[\]]*+[{};][\s{}()\[\];,]*+$" r"|^\s*+[)\]}][\s)\]},;]*+$" r"|^[\w\"'.$-]+\s*[:=]\s*[\[{]\s*$"
)
#: words framed by braces, a theme's decoration ("{ 3 comments }"); the first word is no LaTeX command
#: ("{\displaystyle A}"); no braces inside, so that a line is read once
_FRAMED = re.compile(r"\{\s*([^\W_][^{}]*)\}")
#: an elision on a line of its own ("...", "[…]"): part of the listing or quotation around it
_ELISION = re.compile(r"^[\[(]?(?:\.\.\.|…)[\])]?$")
_SEPARATORS = re.compile(r"\s[|·•»›/]\s")
#: a count in brackets closing a line: "(185)" comments, "(1,204)", "(1.2k)" shares (a year is not a count, nor a
#: decimal such as a previous result "(20,5)")
_COUNT_TAIL = re.compile(r"\(\s*(?:\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d[kKmM])?|\d+[kKmM]?)\s*\)$")
_YEAR_TAIL = re.compile(r"\(\s*(?:19|20)\d{2}\s*\)$")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
#: a bracket closing a heading ("History[edit]"); the words are read apart from the white space before it
_BRACKET_END = re.compile(r"\[[^\[\]]{1,20}\]\s*$")
#: a command after a shell's or an interpreter's prompt: "$ hg clone review alice", "# apt-get install nginx",
#: ">>> import os" (a quotation's "> " is left alone: mail and forums quote prose with it)
_SHELL_PROMPT = re.compile(r"^\s*+(?:[$#]|>>>)\s+[a-z][\w.-]*+(?:\s|$)")
_BRACKET_TAIL = re.compile(r"\([^()]{1,40}\)$")

#: a run of characters of scripts written without spaces
_UNSPACED_RUN = re.compile(f"{_UNSPACED.pattern}+")


class Kind(Enum):
    BLANK = "blank"
    GOOD = "good"  # prose
    NEUTRAL = "neutral"  # heading, list item, table row, short sentence: belongs to whatever surrounds it
    BAD = "bad"  # furniture


@dataclass(frozen=True)
class Line:
    text: str
    kind: Kind
    sentence: bool  # ends like a sentence (or is a table row): may close an article
    dated: bool = False  # a date with a year and little else, or a post's stamp: a comment's or a list entry's
    code: bool = False  # a line of program code: belongs to the prose around it, never closes an article
    caption: bool = False  # an image's caption or credit: inside the article, but not its text


#: ``words_of`` keeps the words of this many lines (the rules read a line's words in several passes over a page) ...
WORDS_KEPT_LINES = 2048
#: ... of at most this many characters (a whole text's words are read once or twice and would hold its memory)
WORDS_KEPT_MAX_CHARS = 1000


def words_of(text: str) -> list[str]:
    """The words of a line; a run of a script written without spaces counts one word per few characters."""
    return list(_kept_words(text)) if len(text) <= WORDS_KEPT_MAX_CHARS else _words(text)


@lru_cache(maxsize=WORDS_KEPT_LINES)
def _kept_words(text: str) -> tuple[str, ...]:
    return tuple(_words(text))


def _words(text: str) -> list[str]:
    if not _UNSPACED.search(text):
        return _WORD.findall(text)  # the same words: no run to split
    spaced = _WORD.findall(_UNSPACED.sub(" ", text))
    runs = _UNSPACED_RUN.findall(text)
    n = UNSPACED_CHARS_PER_WORD
    return spaced + [run[i : i + n] for run in runs for i in range(0, len(run), n)]


def unspaced(words: list[str]) -> bool:
    """Mostly written without spaces: stop lists say nothing about it."""
    if not _UNSPACED.search("".join(words)):
        return False  # the same answer: no word of such a script
    return sum(bool(_UNSPACED.match(w)) for w in words) * 2 > len(words)


def paragraph_texts(raw: list[str], units: list[range]) -> list[str]:
    """The text of each unit of ``paragraphs``: its lines stripped and joined by a space."""
    return [" ".join(raw[i].strip() for i in unit) for unit in units]


#: drawn with box-drawing characters, a table's column rules or the rule under its head ("n │ is_anomaly",
#: "───┼───"): a console's output; one such character is enough (a menu's separator is an ASCII bar or a dot)
_BOX_RULE = re.compile(r"[│┃║]")
_BOX_LINE = re.compile(r"[\s\u2500-\u257f]*+")


def is_table_row(line: str) -> bool:
    """Cells set apart by column rules: two or more bars, or one closing the line; or box-drawing rules."""
    if line.count("|") >= 2 or (line.count("|") >= 1 and line.rstrip().endswith("|")):
        return True
    return bool(_BOX_RULE.search(line)) or (bool(line.strip()) and _BOX_LINE.fullmatch(line) is not None)


def is_code(line: str) -> bool:
    """A line of program code: closing brackets alone, a key opening a bracket ("items: ["), a command after a
    prompt ("$ hg push"), or marks that only code has (``_CODE_MARKS``) dense among its characters."""
    if _CODE_ONLY.match(line) or _SHELL_PROMPT.match(line):
        return True
    if (framed := _FRAMED.fullmatch(line)) and not _CODE_MARKS.search(framed.group(1)):
        return False  # nothing of code inside the braces: "{ 7 comments… read them below or add one }"
    marks = len(_CODE_MARKS.findall(line))
    return marks >= CODE_MIN_MARKS and marks >= CODE_MIN_SHARE * len(line.replace(" ", ""))


def is_timestamp(line: str, words: list[str], stop: frozenset[str] = frozenset()) -> bool:
    """A date and/or time with little else: the stamp of a related-article list, an article's date line. At least
    about half of its words are numbers or clock times ("18h45"; the units of a Chinese or Japanese date are part of
    its numbers); a line too long for one stamp may hold two, each with its year and its time (published and
    updated: "Publié le 22 novembre 2026 à 18h45, mis à jour le 23 novembre 2026 à 08h10"), if it is no sentence,
    and then the function words introducing them (``stop``: "le", "à", "mis à jour") do not count."""
    if _SENTENCE_END.search(line.rstrip(".")):
        return False
    words = [w for w in words if w not in _DATE_UNITS]
    if not (_TIME.search(line) or _YEAR.search(line)):
        return False
    dates = sum(w.isdigit() or _CLOCK_WORD.fullmatch(w) is not None for w in words)
    others = len(words)
    if len(words) > TIMESTAMP_MAX_WORDS:
        stamps = min(TIMESTAMP_MAX_STAMPS, len(_YEAR.findall(line)))
        if len(words) > TIMESTAMP_MAX_WORDS * stamps or len(_TIME.findall(line)) < stamps:
            return False
        if line.rstrip().endswith("."):  # a sentence: "From 2010 to 2015 there were 3248 cases ..."
            return False
        others -= sum(w.lower() in stop for w in words)
    return dates * 2 >= others - 1


def is_bare_date(line: str) -> bool:
    """A line that is a month's name and a day's number and nothing else, perhaps with a year of two digits: the
    stamp of a post in a list of recent posts or of a comment ("November 09", "Nov. 7th", "24 Juli", "07 Nov 12").
    Such a line has no year of four digits or clock time for ``is_timestamp`` to find."""
    return bool(_BARE_DATE.fullmatch(line)) and names_month_and_day(line, languages=CLDR_MONTH_LANGUAGES)


def is_arrow_link(line: str, words: list[str]) -> bool:
    """A short line led by an arrow or a guillemet that it does not close, or closed by one it did not open
    (``has_link_arrow``): a link to the previous or next post, a gallery or a section ("« Older Entries", "Next Post
    »", "View Gallery »", "Más en Opinión ›", "← Previous"). The closing guillemet would make it read as a
    sentence."""
    return len(words) <= SHORT_MAX_WORDS and has_link_arrow(line)


def has_link_arrow(line: str) -> bool:
    """Whether a line is led by an arrow or a guillemet that it does not close, or closed by one it did not open, as
    a link to another page is. A quotation in guillemets opens and closes in the line ("« Nous y sommes », a-t-il
    dit"); a line that ends with a full stop in the unpaired mark is a paragraph of a quotation that runs over
    several ("« Nous ne céderons pas. Jamais.", "C'est fini, a-t-il dit. »"), not a link."""
    return bool(_LINK_ARROW.search(line)) and not _QUOTED_SENTENCE_END.search(line)


def is_photo_credit(line: str) -> bool:
    """A line that ends with a photo's credit: an image's caption, or the credit alone ("Credit: ESA", "... in
    Hialeah, Fla. (AP Photo/Alan Diaz, File)", "(Image: Getty)", "Foto: dpa"). Captions are no part of the article's
    text, however much they read like it."""
    if ":" not in line and "hoto" not in line:  # a credit has a label's colon or an agency's "Photo"; most lines neither
        return False
    return bool(_CREDIT.search(line))


def is_subscription_prompt(line: str, words: list[str]) -> bool:
    """A short line that asks the reader to subscribe to something: a sentence in it opens with a call to subscribe
    and the line names a newsletter, an inbox, e-mail, alerts or a feed ("Sign up for our newsletter", "Get the
    latest updates right in your inbox. Subscribe to NJ.com's newsletters."). "When they sign up, the email ..."
    is prose: the call must open a sentence."""
    return len(words) <= PROMPT_MAX_WORDS and bool(_PROMPT_OBJECT.search(line)) and bool(_SUBSCRIBE_CALL.search(line))


def is_post_stamp(line: str, words: list[str]) -> bool:
    """A date and a clock time in a line that is no sentence, short or cut by separators: the stamp of a post or
    comment with its author ("Posted by: Jon | Mar 20, 2007 11:21 PM", "by Andrew on May 23, 2011 at 12:12 am.
    Reply #"). Without a year, the date is a month and a day (month names of ``CLDR_MONTH_LANGUAGES``), and a
    bracket closing the line (a comment's number or link) does not make it a sentence: "on Tuesday July 24,
    @11:10AM (#40749935)"."""
    if not _TIME.search(line):
        return False
    if _YEAR.search(line):
        end = line.rstrip(".")  # "... at 12:12 am." ends with the abbreviation's full stop
    elif names_month_and_day(line, languages=CLDR_MONTH_LANGUAGES):
        end = _BRACKET_TAIL.sub("", line).rstrip()
    else:
        return False
    if _SENTENCE_END.search(end):
        return False
    return len(words) <= SHORT_MAX_WORDS or bool(_SEPARATORS.search(line))


def is_timed_byline(line: str, words: list[str]) -> bool:
    """A byline with a clock time and no date, short and no sentence: the stamp under a blog's post ("Posted by
    Jane Doe at 3:49 PM"), after which the page's furniture begins (a disclaimer, older posts)."""
    end = line.rstrip(".")
    return bool(_TIME.search(line)) and len(words) <= SHORT_MAX_WORDS and not _SENTENCE_END.search(end) and is_byline(line)


def _copyright_footer(line: str) -> bool:
    """A copyright mark and a year in a line of prose ("BBC © 2012 The BBC is not responsible for the content of
    external sites", "Portions of this content are ©1998–2015 by individual contributors"): a footer, however much
    it reads as prose, unless the mark opens a quotation: a story's sentence that quotes a notice ("Every page
    carried the line "© 2012 Apple Inc.", the court heard ...")."""
    m = _COPYRIGHT_YEAR.search(line)
    return m is not None and not _OPENS_QUOTATION.search(line[: m.start()])


def classify(line: str, stop: frozenset[str]) -> Line:
    """Kind of one line, from its shape and stop-word density alone (context comes later)."""
    text = line.strip()
    if not text:
        return Line(text, Kind.BLANK, False)
    if is_table_row(text):
        return Line(text, Kind.NEUTRAL, True)
    words = words_of(text)
    if not words:  # closing brackets and elisions go with the code or text around them; other symbols are furniture
        if is_code(text) or _ELISION.match(text):
            return Line(text, Kind.NEUTRAL, False, code=True)
        return Line(text, Kind.BAD, False)
    ends_sentence = bool(_SENTENCE_END.search(text))
    bullet = bool(_BULLET.match(text))
    if is_photo_credit(text):
        return Line(text, Kind.NEUTRAL, False, caption=True)
    if is_subscription_prompt(text, words):
        return Line(text, Kind.BAD, False)
    if is_copyright_notice(text):
        return Line(text, Kind.BAD, False)  # the rights to a text reserved: no part of it, wherever it stands
    if is_timestamp(text, words, stop):
        return Line(text, Kind.BAD, False, dated=bool(_YEAR.search(text) or _NUMERIC_DATE.search(text)))
    if is_bare_date(text):
        return Line(text, Kind.BAD, False, dated=True)
    if is_post_stamp(text, words) or is_timed_byline(text, words):
        return Line(text, Kind.BAD, False, dated=True)
    if is_arrow_link(text, words):
        return Line(text, Kind.BAD, False)
    if len(_SEPARATORS.findall(text)) >= 1 and not ends_sentence:
        return Line(text, Kind.BAD, False)  # breadcrumb or teaser with a separator
    if text.endswith("!") and len(words) <= SHORT_MAX_WORDS and (bullet or not any(w.lower() in stop for w in words[:1])):
        return Line(text, Kind.BAD, False)  # call to action
    if unspaced(words):
        density = GOOD_MIN_STOPWORD_DENSITY
    else:
        density = sum(w.lower() in stop for w in words) / len(words)
        if ends_sentence and len(words) >= GOOD_MIN_WORDS and density < GOOD_MIN_STOPWORD_DENSITY / 2 and not is_code(text):
            # a long sentence of few stop words of the page's language may be prose in another (a German article
            # in an English file): it is prose when it is so in the stop list of its own words
            own = stoplist_for(text)
            if (own_density := sum(w.lower() in own for w in words) / len(words)) >= GOOD_MIN_STOPWORD_DENSITY:
                density = own_density
    if len(words) >= GOOD_MIN_WORDS and density >= GOOD_MIN_STOPWORD_DENSITY and (ends_sentence or len(words) >= 40):
        if _copyright_footer(text):
            return Line(text, Kind.BAD, False)
        return Line(text, Kind.GOOD, True)
    if is_code(text):
        return Line(text, Kind.NEUTRAL, False, code=True)
    if len(words) >= GOOD_MIN_WORDS and density < GOOD_MIN_STOPWORD_DENSITY / 2:
        return Line(text, Kind.BAD, False)  # long but not prose: tag clouds, keyword lists
    return Line(text, Kind.NEUTRAL, ends_sentence)


def classified(lines: list[str], stop: frozenset[str]) -> list[Line]:
    """``classify`` of each of ``lines`` with the stop list ``stop``, each distinct line classified once: a page
    repeats its furniture ("Reply", "Share", a byline under every teaser), and the rules read it line by line."""
    kinds = {line: classify(line, stop) for line in dict.fromkeys(lines)}
    return [kinds[line] for line in lines]


def _mark_link_lists(lines: list[Line]) -> list[Line]:
    """Lone separator rows, and runs of short non-sentence lines that are not list items and do not lead into
    prose (menus, job ads, headline lists), become bad; a lone row that is a post's stamp (``is_post_stamp``:
    "Posted by Jon on May 5, 2012 at 10:08 am | permalink | Reply") is a date line."""
    out = list(lines)
    run: list[int] = []

    def close() -> None:
        if len(run) >= LINK_LIST_MIN_RUN:
            for i in run:
                out[i] = replace(out[i], kind=Kind.BAD, sentence=False)
        run.clear()

    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    for k, i in enumerate(content):  # a lone row with separators is a menu or breadcrumb, not a table
        neighbours = [lines[j].text for j in content[max(k - 1, 0) : k + 2] if j != i]
        if is_table_row(lines[i].text) and not any(is_table_row(t) for t in neighbours):
            stamp = is_post_stamp(lines[i].text, words_of(lines[i].text))
            out[i] = replace(lines[i], kind=Kind.BAD, sentence=False, dated=stamp)
    heads = {a for a, b in zip(content, content[1:]) if lines[b].kind is Kind.GOOD}  # a heading leads into prose
    for i in content:
        line = out[i]
        short = (
            line.kind in (Kind.NEUTRAL, Kind.BAD)
            and not line.sentence
            and not _BULLET.match(line.text)
            and not line.code
            and i not in heads
        )
        if short and len(words_of(line.text)) <= SHORT_MAX_WORDS:
            run.append(i)
        else:
            close()
    close()
    return out


def _tail_shape(text: str) -> str | None:
    """The bracketed tail a line ends with, as a list of links repeats it: a count ("... (185)", "(1.2k)"; not a
    year or a decimal, nor after a short line's number as in results "SPD 206 (153)", nor on a list item), or words
    after text that is no sentence ("(Opens in new window)"); None for anything else."""
    count = _COUNT_TAIL.search(text)
    if count and not _YEAR_TAIL.search(text):
        before = text[: count.start()].rstrip()
        result = before[-1:].isdigit() and len(words_of(before)) <= 3  # "SPD 206 (153)": a value and the previous one
        return None if result or _BULLET.match(text) else "(#)"
    tail = _BRACKET_TAIL.search(text)
    if tail and len(tail.group(0).split()) >= 2 and not _SENTENCE_END.search(text[: tail.start()].rstrip()):
        return tail.group(0).lower()
    return None


def _mark_parallel_tails(lines: list[Line]) -> list[Line]:
    """Runs of at least LINK_LIST_MIN_RUN lines ending in the same bracketed tail become bad: headlines with
    their comment counts, share buttons "... (Opens in new window)". The bracket makes them read like sentences,
    so the short-line rule of ``_mark_link_lists`` misses them."""
    out = list(lines)
    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    for shape, group in groupby(content, key=lambda i: _tail_shape(lines[i].text)):
        run = list(group)
        if shape is not None and len(run) >= LINK_LIST_MIN_RUN:
            for i in run:
                out[i] = replace(out[i], kind=Kind.BAD, sentence=False)
    return out


#: a line that opens with a quantity: "1 cup", "2.5 kg", "1/2 tsp", "1 ½ teaspoons", "¾ cup"
_QUANTITY = re.compile(r"^(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*[½¼¾⅓⅔⅛])?\s+\w")


#: a run of at least this many short lines, most of them ending a clause, is prose set line by line (a poem's verses)
VERSE_MIN_LINES = 6
#: a verse has at least this many words, one of them a stop word
VERSE_MIN_WORDS = 3
#: at least this share of the run's lines end a clause or a sentence (a verse may run on into the next)
VERSE_MIN_CLAUSE_SHARE = 0.75
#: at least this share of the run's lines end no sentence (a comma, a colon, nothing): a list of short sentences
#: (questions, headlines with a full stop) is no poem
VERSE_MIN_RUN_ON_SHARE = 0.25
#: a clause's or a sentence's end; not an ellipsis, which cuts a teaser short ("Aries: It's an ideal day fo...")
_CLAUSE_END = re.compile(r"(?<!\.\.)[,;:.!?]['\"’”»)]*$")


def _is_phrase(line: Line, stop: frozenset[str]) -> bool:
    """A line neither prose nor furniture (``Kind.NEUTRAL``), no code or caption, of at least ``VERSE_MIN_WORDS``
    words, one of them a stop word: a verse, or a line of a post too short for prose."""
    if line.kind is not Kind.NEUTRAL or line.code or line.caption:
        return False
    words = words_of(line.text)
    return len(words) >= VERSE_MIN_WORDS and any(w.lower() in stop for w in words)


def _is_verse(line: Line, stop: frozenset[str]) -> bool:
    """A short line that may be a verse (``_is_phrase``, at most ``SHORT_MAX_WORDS`` words), not a list item or a
    teaser cut short by an ellipsis."""
    return (
        _is_phrase(line, stop)
        and len(words_of(line.text)) <= SHORT_MAX_WORDS
        and not _BULLET.match(line.text)
        and not line.text.rstrip().endswith(("...", "…"))
    )


def _mark_verses(lines: list[Line], stop: frozenset[str]) -> list[Line]:
    """Runs of at least ``VERSE_MIN_LINES`` short lines (``_is_verse``), ``VERSE_MIN_CLAUSE_SHARE`` of them ending a
    clause or a sentence ("And sin afflicts me every day:", "Oh, when shall I be pure?") and
    ``VERSE_MIN_RUN_ON_SHARE`` ending none ("I wander often from the way,"): prose set line by line, a poem or a
    hymn; each such line counts as prose. Read one by one they were short lines, and a page whose article
    is a poem had no prose but its furniture's."""
    out = list(lines)
    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    for shape, group in groupby(content, key=lambda i: _is_verse(lines[i], stop)):
        run = list(group)
        ending = sum(bool(_CLAUSE_END.search(lines[i].text)) for i in run)
        running_on = sum(not _SENTENCE_END.search(lines[i].text) for i in run)
        if (
            shape and len(run) >= VERSE_MIN_LINES and ending >= VERSE_MIN_CLAUSE_SHARE * len(run)
            and running_on >= VERSE_MIN_RUN_ON_SHARE * len(run)
        ):
            for i in run:
                out[i] = replace(out[i], kind=Kind.GOOD, sentence=True)
    return out


#: a short post's text is found among this many lines above the page's first comments header
SHORT_POST_LOOKUP_LINES = 6
#: a short post's text holds at least this many words
SHORT_POST_MIN_WORDS = 8
#: no prose among this many lines above the comments header: an article's prose would be the post's text
SHORT_POST_CLEAR_LINES = 20


def _mark_short_post(lines: list[Line], stop: frozenset[str]) -> list[Line]:
    """The text of a post too short for a line of prose, right above the page's first comments header ("Comments
    (0)") with at most its stamp, byline or buttons between: lines of a few words with stop words, at least
    ``SHORT_POST_MIN_WORDS`` together, count as prose. Nothing changes when prose stands there already."""
    header = next((i for i, line in enumerate(lines) if is_comments_header(line)), None)
    if header is None:
        return lines
    above = [i for i in range(header - 1, -1, -1) if lines[i].kind is not Kind.BLANK]
    if any(lines[i].kind is Kind.GOOD for i in above[:SHORT_POST_CLEAR_LINES]):
        return lines
    content = above[:SHORT_POST_LOOKUP_LINES]
    post: list[int] = []
    for i in content:  # no prose among them (above)
        if _is_phrase(lines[i], stop):
            post.append(i)
        elif post:
            break
    if sum(len(words_of(lines[i].text)) for i in post) < SHORT_POST_MIN_WORDS:
        return lines
    return [replace(line, kind=Kind.GOOD, sentence=True) if i in post else line for i, line in enumerate(lines)]


def _is_quantity_item(line: Line) -> bool:
    """A line that opens with a quantity (a number, a fraction) and goes on mostly in lower case ("2 cups onions,
    diced", "1/2 cup (110g) Brown Sugar"), not a headline in title case ("8 Best Cities to Find Jobs"), a date or
    prose. Scripts without capitals pass the case test."""
    if line.kind is Kind.GOOD or line.dated or not _QUANTITY.match(line.text):
        return False
    words = [w for w in words_of(line.text)[1:] if w[:1].isalpha()]
    return 4 * sum(w[:1].isupper() for w in words) < 3 * len(words)


def _mark_quantity_lists(lines: list[Line]) -> list[Line]:
    """Runs of at least LINK_LIST_MIN_RUN lines that each open with a quantity ("1 cup sugar", "½ tsp salt",
    "2 3/4 cups flour, sifted"): a list of items, such as a recipe's ingredients. Read as short lines without
    sentence punctuation they made a link list, and the prose after them (the recipe's method) was cut off; now
    they are neutral lines that may close the article and cost nothing between its parts."""
    out = list(lines)
    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    for shape, group in groupby(content, key=lambda i: _is_quantity_item(lines[i])):
        run = list(group)
        if shape and len(run) >= LINK_LIST_MIN_RUN and not _ranked([lines[i].text for i in run]):
            for i in run:
                out[i] = replace(out[i], kind=Kind.NEUTRAL, sentence=True)
    return out


#: a line that ends with a colon announces what follows it: a list after prose ("... here are the key points:"), or
#: another box after a label ("Related posts:")
_ANNOUNCES = re.compile(r":\s*$")


def _ends_list(line: Line) -> bool:
    """A line that no list announced above it runs on into: prose (the article goes on, or other text), furniture
    by its own shape (a date line, a separator row, a call to action, symbols), program code (a listing, which the
    rules for code keep with the prose around it), a comments header or another label that ends with a colon
    ("Related posts:", "Share this:")."""
    return (
        line.kind in (Kind.GOOD, Kind.BAD)
        or line.code
        or is_comments_header(line)
        or bool(_ANNOUNCES.search(line.text))
    )


def _mark_announced_lists(lines: list[Line]) -> list[Line]:
    """The lines after a line of prose that ends with a colon, up to the first that ends such a list
    (``_ends_list``), are the items it announces (key points, a list of places, a sentence's convictions): neutral
    lines that may close the article and cost nothing between its parts. Read as short lines without sentence
    punctuation they made a link list, and the article lost them, or ended above them. A run that nothing ends
    runs on to the text's end: the short lines under the last paragraph are then the page's menus and notices, not
    items of the article, and stay as they were. Runs before
    ``_mark_link_lists``, on the lines as ``classify`` read them."""
    out = list(lines)
    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    for k, i in enumerate(content):
        if lines[i].kind is not Kind.GOOD or not _ANNOUNCES.search(lines[i].text):
            continue
        run = []
        for j in content[k + 1 :]:
            if _ends_list(lines[j]):
                break
            run.append(j)
        else:
            continue  # nothing ends the run: the page's last menus and notices, not a list the article announced
        for j in run:
            out[j] = replace(lines[j], kind=Kind.NEUTRAL, sentence=True)
    return out


#: a comment's signature has at most this many words: a name and the verb that opens the comment ("Jane Doe says:",
#: "by jdoe (12345) writes:", "Max Mustermann schrieb:"), or the verb alone under the name ("said...")
SIGNATURE_MAX_WORDS = 6
#: a thread of comments has signatures by at least this many names: an article that quotes three or four people, each
#: under a line of their own ("Anna Berg said:"), goes on under them
THREAD_MIN_NAMES = 5
#: a signature's last word and the mark that opens the text under it: a colon, a comma or an ellipsis
_SIGNATURE = re.compile(r"(\w+)\s*(:|,|\.\.\.|…)$")
_SIGNATURE_MARKS = (":", ",", "...", "…")


def _signature_shape(line: Line) -> str | None:
    """The last word and its mark of a line that may sign a comment: short, no prose, list item or code, ending in
    a word followed by a colon, a comma or an ellipsis ("Jane Doe says:", "Jacob said,", "said..."); None else."""
    if not line.text.endswith(_SIGNATURE_MARKS) or line.kind in (Kind.GOOD, Kind.BLANK) or line.code or line.dated:
        return None
    found = None if _BULLET.match(line.text) else _SIGNATURE.search(line.text)
    if found is None or not 0 < len(words_of(line.text)) <= SIGNATURE_MAX_WORDS:
        return None
    mark = "..." if found.group(2) == "…" else found.group(2)
    return found.group(1).casefold() + mark


def _thread_starts(lines: list[Line], stop: frozenset[str]) -> frozenset[int]:
    """The first signature of each thread of comments: lines of the same shape (``_signature_shape``: "Joy says:",
    "peter99 says:", "Joy says:"), each with text under it before the next, signed by at least ``THREAD_MIN_NAMES``
    different names (the words before the verb, or the line above a verb alone: "Jennifer" / "said..."), one of
    them twice (a thread is a conversation: the post's author or a reader answers) and one a user name
    (``_is_user_name``). The people an article quotes under lines of their own ("Anna Berg said:"), a vox pop,
    readers' letters or questions, a live blog's reporters, award winners or players are named as a publication
    names people, and most appear once. An interview's two speakers ("Interviewer:" / "Jane Doe:") sign no thread,
    nor do a recipe's parts ("For the dough:", "For the filling:"), whose last words differ."""
    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    by_shape: dict[str, list[int]] = {}
    for k, i in enumerate(content):
        if (shape := _signature_shape(lines[i])) is not None:
            by_shape.setdefault(shape, []).append(k)
    starts: set[int] = set()
    for signed in by_shape.values():
        if len(signed) < THREAD_MIN_NAMES:
            continue
        if any(b == a + 1 for a, b in zip(signed, signed[1:])) or signed[-1] == len(content) - 1:
            continue  # each signs a text under it
        names = [_signer(lines, content, k, stop) for k in signed]
        signers = Counter(name.casefold() for name in names if name is not None)
        if (
            len(signers) >= THREAD_MIN_NAMES
            and max(signers.values()) > 1
            and any(_is_user_name(name, stop) for name in names if name is not None)
        ):
            starts.add(next(content[k] for k, name in zip(signed, names) if name is not None))
    return frozenset(starts)


def _signer(lines: list[Line], content: list[int], k: int, stop: frozenset[str]) -> str | None:
    """Who signs the signature at ``content[k]``: the words before its verb ("Jane Doe" in "Jane Doe says:"), or
    the line above a verb alone in lower case, which goes on from it, when that line may be a name: no prose or
    sentence, at most ``NAME_MAX_WORDS`` words, no quantity or mark of its own ("Jennifer" over "said...", not "1
    cup flour" over "directions:" nor "psychology," over "health,", a list of tags; "Proof:" and "Loading..." are
    labels); None else. The name is given as written, with its marks ("Tom Lind, student")."""
    text = lines[content[k]].text
    words = words_of(text)
    if len(words) > 1:
        verb = _SIGNATURE.search(text)
        return text[: verb.start()].strip() if verb and _name_of(words[:-1], stop) else None
    if k == 0 or words[0][:1].isupper():  # "Loading...", "Proof:": a label, no verb that goes on from a name
        return None
    above = lines[content[k - 1]]
    if above.kind is Kind.GOOD or above.sentence or _QUANTITY.match(above.text) or _SIGNATURE.search(above.text):
        return None
    words = words_of(above.text)
    return above.text.strip() if len(words) <= NAME_MAX_WORDS and _name_of(words, stop) else None


def _name_of(words: list[str], stop: frozenset[str]) -> str | None:
    """The words of a name, or None when a stop word of the page follows the first word: a name is no phrase ("by
    Jane Doe", "Jane Doe"; not "Create a smokey portal effect" over a teaser's "with...")."""
    if not words or any(w.lower() in stop for w in words[1:]):
        return None
    return " ".join(words)


def _is_user_name(name: str, stop: frozenset[str]) -> bool:
    """Whether a signature's ``name`` holds a user name as readers choose them and a publication writes no person's
    name: a word of letters and digits, or a word in lower case that is no stop word of the page, in a name that
    is no person's (``metadata.is_person_name``: "Ludwig van Beethoven") and describes no one after a comma ("Tom
    Lind, student"): "Darkness404" in "by Darkness404 (1287218)", "dragoncar", "financialYu", "Reply jdoe" (a reply
    link joined to the signature under it); not "Anna Berg" nor "Anna Berg, 34"."""
    words = [word for word in words_of(name) if word.lower() not in stop]
    if any(word.isalnum() and not word.isalpha() and not word.isdigit() for word in words):
        return True
    return "," not in name and not is_person_name(name) and any(word[0].islower() for word in words)


def _is_entry_stamp(line: Line) -> bool:
    """A date line that may head an entry of an article: a month and a day alone ("March 15") or a byline with a
    clock time and no date ("By Jane Doe, 3:49 PM"), not a post's full stamp with its date and time."""
    if not line.dated or line.kind is not Kind.BAD:
        return False
    words = words_of(line.text)
    return is_bare_date(line.text) or (is_timed_byline(line.text, words) and not is_post_stamp(line.text, words))


def _mark_timelines(lines: list[Line], stop: frozenset[str]) -> list[Line]:
    """Month-and-day lines or timed bylines (``_is_entry_stamp``) that each stand between two paragraphs of prose,
    at least ``TIMELINE_MIN_STAMPS`` of them, whose paragraphs are about the things of the prose above the first
    (``CONTINUATION_MIN_COSINE``): the dates of a timeline inside an article ("March 15" / "The first protests
    began ...") or the entries of a live blog ("By Jane Doe, 3:49 PM"), headings of the article rather than the
    stamps of posts. The stamps of a list of recent posts or of comments stand under a title or a name, or under
    each comment: when one more such line follows the paragraphs after the last of them, each closes the paragraph
    above it ("I worked on that quay ..." / "March 16"), however much the comments speak of the article's things."""
    content = [i for i, line in enumerate(lines) if line.kind is not Kind.BLANK]
    stamps = [
        k
        for k in range(1, len(content) - 1)
        if _is_entry_stamp(lines[content[k]])
        and lines[content[k + 1]].kind is Kind.GOOD
        and (lines[content[k - 1]].kind is Kind.GOOD or _closes_article(lines[content[k - 1]]))
    ]
    if len(stamps) < TIMELINE_MIN_STAMPS:
        return lines
    below = next((k for k in range(stamps[-1] + 1, len(content)) if lines[content[k]].kind is not Kind.GOOD), None)
    if below is not None and _is_entry_stamp(lines[content[below]]):  # one more under the last paragraph
        return lines
    head: list[int] = []
    for k in range(stamps[0] - 1, -1, -1):  # the prose above the first stamp, up to a furniture line
        if lines[content[k]].kind is Kind.BAD:
            break
        head.append(content[k])
    entries = [i for i in content[stamps[0] :] if lines[i].kind is Kind.GOOD]
    if _cosine(_content_words(lines, head, stop), _content_words(lines, entries, stop)) < CONTINUATION_MIN_COSINE:
        return lines
    out = list(lines)
    for k in stamps:
        out[content[k]] = replace(lines[content[k]], kind=Kind.NEUTRAL, sentence=False, dated=False)
    return out


_LEADING_NUMBER = re.compile(r"^(\d{1,3})\s+[^\W\d_]*[A-ZÀ-Þ]")


def _ranked(texts: list[str]) -> bool:
    """Lines numbered 1, 2, 3, ... in turn, each number followed by a capitalised word: a ranked list ("1 Man
    arrested after stabbing", "2 New cafes open"), a box of the most read stories, not quantities ("1 onion,
    chopped", "2 garlic cloves")."""
    found = [_LEADING_NUMBER.match(t) for t in texts]
    numbers = [int(m.group(1)) for m in found if m is not None]
    return len(numbers) == len(texts) and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def _closes_article(line: Line) -> bool:
    """A neutral line that may follow the last prose line: a sentence, a table row or a long list item (not
    program code: a script's text after the article)."""
    return not line.code and (line.sentence or len(words_of(line.text)) > SHORT_MAX_WORDS)


def _weight(line: Line) -> float:
    """What a line adds to the article it joins: its words if prose, the cost of a furniture line if furniture or
    a short line that cannot close an article (a headline, a label), a barrier if a date line, else nothing."""
    if line.kind is Kind.GOOD:
        return len(words_of(line.text))
    if line.kind is Kind.BAD:
        return -FURNITURE_COST_WORDS * (DATE_COST_FACTOR if line.dated else 1)
    if line.kind is Kind.NEUTRAL and not _closes_article(line):
        return -FURNITURE_COST_WORDS
    return 0.0


def _furthest_gain(lines: list[Line], order: range, default: int, free: frozenset[int] = frozenset()) -> int:
    """Walking away from the article in ``order``: the prose line at which the summed weights of the lines passed
    is largest and positive (the prose outweighs the furniture before it), else ``default``. Lines in ``free``
    cost nothing (``_contents_entries``)."""
    total, best, at = 0.0, 0.0, default
    for i in order:
        total += 0.0 if i in free else _weight(lines[i])
        if lines[i].kind is Kind.GOOD and total > best:
            best, at = total, i
    return at


def _heading_key(text: str) -> str:
    """A heading's words in lower case, without a section number in front or a bracket behind ("2.1 Pledge",
    "Pledge[edit]": "pledge")."""
    return " ".join(w.lower() for w in words_of(_BRACKET_END.sub("", _SECTION_NUMBER.sub("", text.strip()))))


def _contents_entries(lines: list[Line], first: int, last: int) -> frozenset[int]:
    """The lines above the article (before ``first``) that make its table of contents: a run of lines without
    prose of which at least ``CONTENTS_MIN_ENTRIES``, and at least half, name headings of the article (neutral
    lines between ``first`` and ``last``). The lead above such a list belongs to the article."""
    headings = {_heading_key(lines[i].text) for i in range(first, last + 1) if lines[i].kind is Kind.NEUTRAL}
    headings.discard("")
    found: set[int] = set()
    run: list[int] = []
    for i in range(first + 1):
        if i < first and lines[i].kind is Kind.BLANK:
            continue
        if i < first and lines[i].kind is not Kind.GOOD:
            run.append(i)
            continue
        entries = sum(_heading_key(lines[j].text) in headings for j in run)
        if entries >= CONTENTS_MIN_ENTRIES and 2 * entries >= len(run):
            found.update(run)
        run = []
    return frozenset(found)


def _content_words(lines: list[Line], block: list[int], stop: frozenset[str]) -> Counter[str]:
    """The words of a block that carry its subject: not stop words, numbers or words under three letters."""
    words = (w.lower() for i in block for w in words_of(lines[i].text))
    return Counter(w for w in words if len(w) >= 3 and not w.isdigit() and w not in stop)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = math.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))
    return dot / norm if norm else 0.0


def _is_thread(lines: list[Line], block: list[int]) -> bool:
    """The same short line recurs between the block's paragraphs ("Reply", "Report"): posts, not an article."""
    labels = Counter(lines[i].text for i in range(block[0], block[-1] + 1) if lines[i].kind in (Kind.NEUTRAL, Kind.BAD))
    return any(n >= THREAD_MIN_REPEATS for n in labels.values())


def _continues(lines: list[Line], subject: Counter[str], later: list[int], stop: frozenset[str]) -> bool:
    """A later, larger block goes on with the article whose subject words are ``subject`` after an interruption
    (a box of related links, dated or not): it is about the same things (the cosine of their subject words) and is
    no thread of posts."""
    same_subject = _cosine(subject, _content_words(lines, later, stop))
    return same_subject >= CONTINUATION_MIN_COSINE and not _is_thread(lines, later)


def _is_gallery(lines: list[Line], gap: range) -> bool:
    """A label of two words or more recurs in the gap between two blocks (``THREAD_MIN_REPEATS`` times): the slides
    of a gallery, each under the gallery's title ("Weather threatens holiday plans")."""
    labels = Counter(
        lines[i].text
        for i in gap
        if lines[i].kind in (Kind.NEUTRAL, Kind.BAD) and not lines[i].code and not is_table_row(lines[i].text)
        and len(words_of(lines[i].text)) >= 2
    )
    return any(n >= THREAD_MIN_REPEATS for n in labels.values())


def _earlier_parts(
    lines: list[Line], blocks: list[list[int]], chosen: int, subject: Counter[str], stop: frozenset[str]
) -> int:
    """The first block of the article: the chosen one, or an earlier, smaller block that goes on into it across
    furniture (a table, a gallery's buttons) when it is about the same things (``CONTINUATION_MIN_COSINE``), holds
    more than a caption or a teaser (``EARLIER_PART_MIN_LINES`` prose lines or ``EARLIER_PART_MIN_WORDS`` words) and
    no date line or gallery (``_is_gallery``) lies between them; block by block upwards."""
    start = chosen
    while start > 0:
        earlier = blocks[start - 1]
        gap = range(earlier[-1] + 1, blocks[start][0])
        prose = [len(words_of(lines[i].text)) for i in earlier if lines[i].kind is Kind.GOOD]
        if (
            any(lines[i].dated for i in gap)
            or (len(prose) < EARLIER_PART_MIN_LINES and sum(prose) < EARLIER_PART_MIN_WORDS)
            or _cosine(subject, _content_words(lines, earlier, stop)) < CONTINUATION_MIN_COSINE
            or _is_gallery(lines, gap)
        ):
            break
        start -= 1
    return start


def _later_parts(
    lines: list[Line],
    blocks: list[list[int]],
    reached: int,
    subject: Counter[str],
    stop: frozenset[str],
    profiles: list[bool],
) -> int:
    """The last block of the article: block ``reached``, or a later, smaller block that goes on with it across a row
    of buttons or labels (a gallery's "Leia Mais", "Compartilhe", "Facebook", "Copiar link" between two parts of a
    story): a block about the same things (``_continues``) that holds more than a caption or a teaser
    (``EARLIER_PART_MIN_LINES`` prose lines or ``EARLIER_PART_MIN_WORDS`` words) and is no box about the author
    (``profiles``: "Jane Doe" over "Jane Doe is ..."), with only short lines that end no sentence between them: no
    date line, gallery (``_is_gallery``), copyright line (the page's footer), link to the previous or next post
    ("« Older post", ``is_arrow_link``: a post ends there, and readers' comments follow), byline (another story
    under its own headline, "Von Hans Müller": ``flows.steps.metadata.is_byline``, with every language's byline
    words) or line that reads as a sentence (a prompt to comment or share, "If you enjoyed this post, ...", a
    teaser). Block by block downwards."""
    while reached + 1 < len(blocks):
        later = blocks[reached + 1]
        gap = range(blocks[reached][-1] + 1, later[0])
        prose = [len(words_of(lines[i].text)) for i in later if lines[i].kind is Kind.GOOD]
        if (
            profiles[reached + 1]
            or any(
                lines[i].dated
                or (lines[i].kind is Kind.NEUTRAL and lines[i].sentence)
                or _COPYRIGHT_MARK.match(lines[i].text)
                or is_arrow_link(lines[i].text, words_of(lines[i].text))
                or is_byline(lines[i].text)
                for i in gap
            )
            or (len(prose) < EARLIER_PART_MIN_LINES and sum(prose) < EARLIER_PART_MIN_WORDS)
            or not _continues(lines, subject, later, stop)
            or _is_gallery(lines, gap)
        ):
            break
        reached += 1
    return reached


def _stamped(lines: list[Line], blocks: list[list[int]]) -> list[bool]:
    """For each block, whether the gap before it holds a post's stamp: one or two date lines (a longer run of dates
    is a listing, not a stamp; the first block has no gap before it)."""
    dates = [sum(lines[i].dated for i in range(a[-1] + 1, b[0])) for a, b in zip(blocks, blocks[1:])]
    return [False] + [1 <= n <= POST_STAMP_MAX_DATES for n in dates]


def _framed_posts(lines: list[Line], blocks: list[list[int]]) -> list[int | None]:
    """For each block, the line of its footer if it is a blog's post framed by its stamps, else None: the gap above
    it (for the first block, the lines above it from the page's top) holds one date line, a day's date without a
    clock time ("Tuesday, October 23, 2012", over the post's headline), and a clock time without a date
    (``_time_alone``) stands below it within ``POST_FOOTER_LINES`` lines and before any prose ("Posted by / John Doe
    / at / 4:02 PM", "Posted at 11:28 AM | Permalink"): the footer, where the post ends. A thread's comments are
    stamped with their date and time ("Posted on 01/20/2008 at 6:01:41 PM", above them or below), a news story's
    date line has no time under its last paragraph."""
    out: list[int | None] = [None] * len(blocks)
    for k in range(len(blocks)):
        above = [i for i in range(blocks[k - 1][-1] + 1 if k else 0, blocks[k][0]) if lines[i].dated]
        if len(above) != 1 or _TIME.search(lines[above[0]].text):
            continue
        below = (i for i in range(blocks[k][-1] + 1, len(lines)) if lines[i].kind is not Kind.BLANK)
        for i in islice(below, POST_FOOTER_LINES):  # the lines right under it only: a page of many posts stays linear
            if lines[i].kind is Kind.GOOD:
                break
            if (lines[i].kind is Kind.BAD or lines[i].dated) and _time_alone(lines[i].text):
                out[k] = i
                break
    return out


def _time_alone(text: str) -> bool:
    """A clock time without a date ("4:02 PM", "Posted by Jane Doe at 3:49 PM"; not a comment's "Posted on
    01/20/2008 at 6:01:41 PM" or "October 24, 2012 5:00 PM")."""
    return bool(_TIME.search(text)) and not (
        _YEAR.search(text) or _NUMERIC_DATE.search(text) or names_month_and_day(text, languages=CLDR_MONTH_LANGUAGES)
    )


#: marks that may close a comments header after its words: "Comments:", "Comments (3)", "Kommentare »"
_CLOSING_MARKS = ":)}]»›>"


def is_comments_header(line: Line, *, question: bool = False) -> bool:
    """A short line that names the comments and is no sentence, list item or code: "12 Comments", "Comments (3)",
    "Leave a comment", "Kommentare", "Comments are now closed for this story"; with ``question``, one that is a
    question ("Do you have comments on this story?", "Kommentare?", but also a heading inside an article about
    comments: "Why do readers' comments matter?", which ``_asks_for_comments`` tells apart)."""
    if line.kind in (Kind.GOOD, Kind.BLANK) or line.code or _BULLET.match(line.text) or _STEP.match(line.text):
        return False
    words = words_of(line.text)
    # "Comments:" and "Comments (3)" are no sentences, nor, when asked for, a question
    sentence = _SENTENCE_END.search(line.text.rstrip(_CLOSING_MARKS + "?" if question else _CLOSING_MARKS))
    return 0 < len(words) <= COMMENTS_HEADER_MAX_WORDS and bool(_COMMENTS.search(line.text)) and not sentence


def _is_question(text: str) -> bool:
    """Whether ``text`` ends with a question mark, before any closing marks ("Kommentare?", "Comments?)")."""
    return text.rstrip(_CLOSING_MARKS).endswith("?")


def _asks_for_comments(lines: list[Line], i: int, subject: Counter[str], norm: float, stop: frozenset[str]) -> bool:
    """Whether line ``i``, a question about comments (``is_comments_header`` with ``question``), asks for the
    readers' comments rather than heading a part of the article: the prose within ``THREAD_LOOKAHEAD_LINES`` lines
    under it is not about the things of the article's prose above it (``subject``; the cosine of their subject words
    under ``CONTINUATION_MIN_COSINE``): the site's notes, other stories' teasers, or nothing. Comments about the
    article's things under such a question stay with it, as the rest of an article does under "What do the
    comments say about us?". ``norm`` is the sum of the squares of ``subject``'s counts, kept as the article's
    prose is read, so that a page of many such questions is read in linear time."""
    below = [j for j in range(i + 1, min(i + 1 + THREAD_LOOKAHEAD_LINES, len(lines))) if lines[j].kind is Kind.GOOD]
    words = _content_words(lines, below, stop)
    dot = sum(n * subject[w] for w, n in words.items() if w in subject)
    size = math.sqrt(norm * sum(n * n for n in words.values()))
    return (dot / size if size else 0.0) < CONTINUATION_MIN_COSINE


def is_copyright_notice(text: str) -> bool:
    """A line that opens with a copyright mark and reserves the rights: "Copyright 2008 Associated Press. All rights
    reserved. ...", "© Reuters 2008. All rights reserved.", "© 2024 Beispiel GmbH. Alle Rechte vorbehalten." (a
    photo's credit, "© Jane Doe", reserves nothing and may stand inside the article)."""
    return bool(_COPYRIGHT_MARK.match(text)) and bool(_RIGHTS_RESERVED.search(text))


def _thread_follows(lines: list[Line], i: int) -> bool:
    """At least ``POSTS_MIN_STAMPS`` date lines within ``THREAD_LOOKAHEAD_LINES`` lines after line ``i``: the
    stamps of posts, a thread of comments."""
    return sum(line.dated for line in lines[i + 1 : i + 1 + THREAD_LOOKAHEAD_LINES]) >= POSTS_MIN_STAMPS


def _above_comments(lines: list[Line], blocks: list[list[int]], sizes: list[int], chosen: int) -> int:
    """The block chosen for the article (``chosen``), or, when a comments header (``is_comments_header``) lies above
    it with the stamps of a thread (``POSTS_MIN_STAMPS`` date lines) between the header and the chosen block's end,
    the first block above the header at least half as large as the largest there (``FIRST_BLOCK_SHARE``), if the
    blocks above the header hold ``SHORT_ARTICLE_END_MIN_WORDS`` words of prose: a short post above a thread with
    longer comments ("44 of 69 comments loaded")."""
    end = blocks[chosen][-1] + 1
    header = next(
        (
            i
            for i in range(blocks[0][-1] + 1, blocks[chosen][0])
            if is_comments_header(lines[i]) and sum(ln.dated for ln in lines[i:end]) >= POSTS_MIN_STAMPS
        ),
        None,
    )
    if header is None:
        return chosen
    above = [k for k, block in enumerate(blocks) if block[-1] < header]
    prose = sum(len(words_of(lines[i].text)) for k in above for i in blocks[k] if lines[i].kind is Kind.GOOD)
    if prose < SHORT_ARTICLE_END_MIN_WORDS:
        return chosen
    largest = max(sizes[k] for k in above)
    return next(k for k in above if sizes[k] >= FIRST_BLOCK_SHARE * largest)


def _article_end(
    lines: list[Line], first: int, threads: frozenset[int] = frozenset(), stop: frozenset[str] = frozenset()
) -> int | None:
    """The first line after ``ARTICLE_END_AFTER_PROSE_WORDS`` words of prose from ``first`` on that ends the
    article: the header of its comments (``is_comments_header``; a question that asks for them,
    ``_asks_for_comments``) or a copyright notice (``is_copyright_notice``); a comments header after
    ``SHORT_ARTICLE_END_MIN_WORDS`` already when the stamps of a thread follow it (a short post above its comments),
    and so does the first signature of a thread of comments (``threads``, ``_thread_starts``). One above the
    article, beside its headline, only counts the comments and is no border, nor is one that closes one of several
    articles on the page (``_links_to_own_comments``)."""
    prose, norm = 0, 0
    subject: Counter[str] = Counter()
    read: list[int] = []  # the prose lines above, whose subject words are counted when a question asks for it
    counted = 0
    several: set[int] = set()  # headers of comments that close one of several articles
    for i in range(first, len(lines)):
        line = lines[i]
        header = is_comments_header(line)
        if not header and prose >= SHORT_ARTICLE_END_MIN_WORDS and _is_question(line.text) and is_comments_header(
            line, question=True
        ):
            for word, n in _content_words(lines, read[counted:], stop).items():
                norm += 2 * n * subject[word] + n * n  # (a + n)² - a²
                subject[word] += n
            counted = len(read)
            header = _asks_for_comments(lines, i, subject, norm, stop)
        ends = header or is_copyright_notice(line.text)
        if prose >= ARTICLE_END_AFTER_PROSE_WORDS and ends:
            if header and i not in several:
                several.update(_links_to_own_comments(lines, i))
            if i not in several:
                return i
        if prose >= SHORT_ARTICLE_END_MIN_WORDS and ((header and _thread_follows(lines, i)) or i in threads):
            return i
        if line.kind is Kind.GOOD and not ends:
            prose += len(words_of(line.text))
            read.append(i)
    return None


#: a page of several articles, each closed by a link to its own comments, has at least this many of them
SEVERAL_ARTICLES_MIN = 3


def _links_to_own_comments(lines: list[Line], i: int) -> list[int]:
    """The headers of comments from line ``i`` on, a header with their count ("Comments (5 posted)"), that close
    one of several articles on the page rather than the page's article: the same header with other counts follows,
    each after at least ``ARTICLE_END_AFTER_PROSE_WORDS`` words of prose, ``SEVERAL_ARTICLES_MIN`` of them in all
    (a weekly edition, a blog's front page); the last one is left out, as the text ends there, and the same header
    between them is in (the count printed again, one after less prose), so that the page is read once, not once
    per header. None when there are fewer: one article's comments and the header printed again below them, or a
    sidebar's most commented posts under the thread. The same header with the same count is the same thread's."""
    text = " ".join(lines[i].text.casefold().split())
    if not any(c.isdigit() for c in text):
        return []
    shape, headers, same, prose = fold_line(text), [i], [], 0
    for j in range(i + 1, len(lines)):
        if lines[j].kind is Kind.GOOD:
            prose += len(words_of(lines[j].text))
        elif fold_line(lines[j].text) == shape:
            same.append(j)
            if prose >= ARTICLE_END_AFTER_PROSE_WORDS and (other := " ".join(lines[j].text.casefold().split())) != text:
                headers.append(j)
                text, prose = other, 0
    return [i, *(j for j in same if j < headers[-1])] if len(headers) >= SEVERAL_ARTICLES_MIN else []


def _comments_below(lines: list[Line], first: int, last: int) -> int | None:
    """The header of the comments (``is_comments_header``) below a short article: in the article's block (lines
    ``first`` to ``last``), after ``SHORT_ARTICLE_END_MIN_WORDS`` words of prose, with more of the block's prose
    above it than below ("1 Comment" under a post of 60 words and over one reader's comment). A header with most of
    the block's prose below it stands over the article (an author's note, "Comments", then the story)."""
    sizes = {i: len(words_of(lines[i].text)) for i in range(first, last + 1) if lines[i].kind is Kind.GOOD}
    total = sum(sizes.values())
    prose = 0
    for i in range(first, last + 1):
        if prose >= SHORT_ARTICLE_END_MIN_WORDS and prose * 2 > total and is_comments_header(lines[i]):
            return i
        prose += sizes.get(i, 0)
    return None


def trim_extracted(text: str) -> str:
    """``text``, already an article (an extractor's), up to the line that ends it (``_article_end``: the header of
    comments it kept, or a copyright notice and what follows), and without its prompts to subscribe
    (``is_subscription_prompt``)."""
    raw = text.split("\n")
    lines, end = _extracted_end(text, raw)
    prompt = [is_subscription_prompt(line.text, words_of(line.text)) for line in lines[:end]]
    kept = "\n".join(r for r, drop in zip(raw[:end], prompt) if not drop)
    return kept if end is None else kept.rstrip()


def _extracted_end(text: str, raw: list[str]) -> tuple[list[Line], int | None]:
    """The classified lines ``raw`` of an extractor's article ``text``, and the line that ends the article
    (``_article_end``: the header of comments it kept, a copyright notice), if any."""
    stop = stoplist_for(text)
    lines = classified(raw, stop)
    return lines, _article_end(lines, 0, stop=stop)


def cut_at_heading(text: str, headings: Container[str]) -> str:
    """``text`` (an extractor's article) up to the line that ends it (``_article_end``, as ``trim_extracted`` finds
    it) when that line is one of ``headings`` (stripped), else ``text`` as it is: a heading put back into the text
    that heads the comments under the article ("Comments" over a thread trafilatura kept) ends it there, and no
    other line of the text moves its end."""
    raw = text.split("\n")
    end = _extracted_end(text, raw)[1]
    if end is None or raw[end].strip() not in headings:
        return text
    return "\n".join(raw[:end]).rstrip()


def _match_words(line: str) -> list[str]:
    """A line's words for finding it in another text, lower case: in NFC, without invisible characters (an
    extractor drops soft hyphens and zero-width joiners that the page keeps), and each character of a script
    written without spaces a word of its own (so that one character more or less early in a line does not shift
    every word after it)."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return [w.lower() for w in _WORD.findall(_UNSPACED.sub(lambda m: f" {m.group(0)} ", text))]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    """A line's word 4-grams (``GAP_SHINGLE``); a shorter line as one tuple of all its words."""
    n = GAP_SHINGLE
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)} if len(words) >= n else {tuple(words)}


#: ``line_shingles`` keeps the shingles of this many lines: ``clean.extract_html`` finds the page's lines in the
#: extracted text (``fill_gaps``), then indexes them to find the text's lines on the page (``line_index``)
SHINGLES_KEPT_LINES = 4096


def line_shingles(line: str) -> AbstractSet[tuple[str, ...]] | None:
    """The shingles (``_shingles``) of a line's words (``_match_words``), None for a line without words; kept for
    the last ``SHINGLES_KEPT_LINES`` lines of at most ``WORDS_KEPT_MAX_CHARS`` characters (read-only), until
    ``forget_shingles``."""
    return _kept_shingles(line) if len(line) <= WORDS_KEPT_MAX_CHARS else _line_shingles(line)


@lru_cache(maxsize=SHINGLES_KEPT_LINES)
def _kept_shingles(line: str) -> AbstractSet[tuple[str, ...]] | None:
    return _line_shingles(line)


def _line_shingles(line: str) -> set[tuple[str, ...]] | None:
    words = _match_words(line)
    return _shingles(words) if words else None


def forget_shingles() -> None:
    """Drop the shingles ``line_shingles`` keeps: a caller that reads a page at a time keeps none past it."""
    _kept_shingles.cache_clear()


def line_index(text: str) -> dict[tuple[str, ...], list[int]]:
    """Each shingle (``_shingles``) of the text's lines -> the lines that have it, in order."""
    index: dict[tuple[str, ...], list[int]] = {}
    for k, line in enumerate(text.split("\n")):
        for gram in line_shingles(line) or _shingles([]):  # a line without words: the empty tuple
            index.setdefault(gram, []).append(k)
    return index


#: ``_place`` counts every line of the lists once its search has taken this share of their lines in steps
PLACE_SEARCH_SHARE = 1


def placed_lines(index: dict[tuple[str, ...], list[int]], text: str) -> list[tuple[str, int | None]]:
    """The lines of ``text`` that have words, each with the line of the indexed text that holds it, or None.

    A line is held when at least half of its shingles occur in the indexed text; its place is the line with most
    of them at or after the place of the line before it (a paragraph quoted twice, as a pull quote above and in
    the text below, is placed in the order of the page), else the line with most of them."""
    placed: list[tuple[str, int | None]] = []
    previous = 0
    for line in text.split("\n"):
        if (grams := line_shingles(line)) is None:
            continue
        found = [index[gram] for gram in grams if gram in index]
        if 2 * len(found) < len(grams):
            placed.append((line, None))
            continue
        previous = _place(found, previous)
        placed.append((line, previous))
    return placed


def _place(found: list[list[int]], start: int) -> int:
    """Of the lines in the lists ``found`` (each sorted, without repeats), the first at or after ``start`` that is
    in most of them; if none of them reaches ``start``, the first of all in most of them.

    Counting every line of every list is quadratic when a text's lines share their words with thousands of the
    page's lines (a thread of replies, a log). First, then: a line in at least ``c`` of ``m`` lists is in one of any
    ``m - c + 1`` of them, so for ``c`` from ``m`` down, the lines of the ``m - c + 1`` shortest lists are tried in
    order, each counted by bisection, up to the first in ``c`` lists (none is in more, as the rounds before found
    none). A line that every list holds, such as the page's next line when a text follows the page, ends the first
    round at its first line. When that search has taken as many steps as there are lines in the lists
    (``PLACE_SEARCH_SHARE`` times as many: a line found in part, among many lines that share some of its words),
    every line is counted."""
    tails = _tails(found, start) or _tails(found, 0)
    budget = PLACE_SEARCH_SHARE * sum(len(lines) - at for lines, at in tails)
    counted: dict[int, int] = {}
    steps = 0
    for c in range(len(tails), 1, -1):
        for k in heapq.merge(*(_from(lines, at) for lines, at in tails[: len(tails) - c + 1])):
            steps += 1
            if k not in counted:
                steps += len(tails)
                if steps > budget:
                    hits = Counter(line for lines, at in tails for line in lines[at:])
                    return min(hits, key=lambda line: (-hits[line], line))
                counted[k] = sum(1 for lines, at in tails if _holds(lines, k, at))
            if counted[k] >= c:
                return k
    return min(lines[at] for lines, at in tails)  # in one list each


def _from(lines: list[int], at: int) -> Iterator[int]:
    return (lines[i] for i in range(at, len(lines)))  # not islice, which steps over the first ``at``


def _holds(lines: list[int], k: int, at: int) -> bool:
    i = bisect_left(lines, k, at)
    return i < len(lines) and lines[i] == k


def _tails(found: list[list[int]], start: int) -> list[tuple[list[int], int]]:
    """The lists that reach ``start``, each with the position of its first line there, shortest from there first."""
    tails = [(lines, at) for lines in found if (at := bisect_left(lines, start)) < len(lines)]
    return sorted(tails, key=lambda tail: len(tail[0]) - tail[1])


def _gaps(placed: list[tuple[str, int | None]]) -> list[tuple[int, list[str]]]:
    """The runs of lines not placed that lie between two placed ones further down the indexed text, each with the
    place of the line before it (a run before a line placed no further down, such as a closing line that the
    page repeats after a second story, is no gap)."""
    gaps: list[tuple[int, list[str]]] = []
    anchor: int | None = None
    run: list[str] = []
    for line, place in placed:
        if place is None:
            run.append(line)
            continue
        if anchor is not None and run and place > anchor:
            gaps.append((anchor, run))
        anchor, run = place, []
    return gaps


def _may_fill(placed: list[tuple[str, int | None]]) -> bool:
    """Whether a line not placed, long enough for prose (``GOOD_MIN_WORDS``), lies between the first and the last
    placed line: else no cleaning of the page can give ``fill_gaps`` a run to put back."""
    found = [i for i, (_, place) in enumerate(placed) if place is not None]
    return bool(found) and any(
        place is None and len(words_of(line)) >= GOOD_MIN_WORDS for line, place in placed[found[0] : found[-1]]
    )


def fill_gaps(extracted: str, page: str, clean: Callable[[str], str] | None = None) -> str:
    """``extracted`` (an extractor's article text) with the prose it left out between two of its lines, as the
    plain-text rules (``remove_boilerplate``) keep it in ``page`` (the same page's own text, one block per line).

    A line is found in ``extracted`` when at least half of its word 4-grams occur there (a line of under four
    words: when a line of ``extracted`` has just its words). A run of lines of the cleaned page that is not
    found, between two that are, goes back in after the line of ``extracted`` that holds the one before it, when
    every line of the run is prose (``Kind.GOOD``): a paragraph the extractor dropped inside the article. Headings,
    captions, links and lists in such a gap stay out, and nothing is added before the first line of ``extracted``
    or after its last. The page is only cleaned when it has a line long enough for prose in such a gap: on most
    pages nothing can go back in. ``clean``: the rules that clean ``page``, ``remove_boilerplate`` when None (a
    caller that cleans the same page for another step passes its kept result)."""
    index = line_index(extracted)
    if not index or not _may_fill(placed_lines(index, page)):
        return extracted
    cleaned = (clean or remove_boilerplate)(page)
    stop = stoplist_for(cleaned)
    inserts: dict[int, list[str]] = {}
    for anchor, run in _gaps(placed_lines(index, cleaned)):
        if all(classify(line, stop).kind is Kind.GOOD for line in run):
            inserts.setdefault(anchor, []).extend(line.strip() for line in run)
    if not inserts:
        return extracted
    return "\n".join(part for k, line in enumerate(extracted.split("\n")) for part in [line, *inserts.get(k, [])])


def _is_self_about(line: str, function: frozenset[str]) -> bool:
    """An "About ..." heading whose one word is a function word of the text's languages: "About me", "About us"."""
    name = _about_subject(_without_ellipsis(line))
    return name is not None and " " not in name and name.lower() in function


def _is_profile(lines: list[Line], blocks: list[list[int]], k: int, function: frozenset[str]) -> bool:
    """Block ``k`` is a box about the author or the site: the line right above it is an "About ..." heading ("About
    the author", "About Jane Doe", "About me"), or a person's name under such a heading ("About me" over "Jane
    Doe"), or the name its first paragraph opens with ("Jane Doe" over "Jane Doe is a senior editor ..."). A menu's
    "About us" further above an article's first paragraph makes no box."""
    start = blocks[k - 1][-1] + 1 if k else 0
    above = [i for i in range(start, blocks[k][0]) if lines[i].kind is not Kind.BLANK][-2:]
    if not above:
        return False
    name = lines[above[-1]].text.strip()
    if is_person_name(name):
        if re.sub(r"^\W+", "", lines[blocks[k][0]].text).startswith(name + " "):
            return True
        above = above[:-1]  # "About me" over "Jane Doe" over her biography
    return bool(above) and (is_about_box(lines[above[-1]].text) or _is_self_about(lines[above[-1]].text, function))


#: a byline among this many lines above a paragraph about its author makes the paragraph the article's note on its
#: author ("By Uwe E. Reinhardt" over "Uwe E. Reinhardt is an economics professor ..."), no box
AUTHOR_NOTE_LINES = 3


def _author_boxes(lines: list[Line], blocks: list[list[int]], content: list[int]) -> list[bool]:
    """For each block, whether it is a box about the page's author: its first paragraph opens with the name a byline
    on the page gives (``byline_person``: "Posted by" over "Paul Overton", "By Jane Doe") and a biography verb
    (``BIOGRAPHY_VERBS``: "Paul Overton is a prolific blogger, maker, writer ..."), and no byline naming that person
    stands among the ``AUTHOR_NOTE_LINES`` lines above it: under the byline, the paragraph is the article's note on
    its author, an op-ed's first ("By Uwe E. Reinhardt" over "Uwe E. Reinhardt is an economics professor at
    Princeton."). ``content``: the indices of the lines that are not blank."""
    bylines: dict[str, set[int]] = {}
    for a, b in zip(content, [*content[1:], None]):
        if lines[a].kind is Kind.GOOD or len(words_of(lines[a].text)) > SHORT_MAX_WORDS:
            continue
        names = byline_person(lines[a].text, lines[b].text if b is not None else "")
        for name in names.split("; ") if names else ():
            bylines.setdefault(name, set()).add(a)
    if not bylines:
        return [False] * len(blocks)
    position = {i: p for p, i in enumerate(content)}
    out = []
    for block in blocks:
        tokens = re.sub(r"^\W+", "", lines[block[0]].text).split(" ", NAME_MAX_WORDS + 1)
        p = position[block[0]]
        near = set(content[max(0, p - AUTHOR_NOTE_LINES) : p])
        out.append(any(  # the name's words, then the verb: "Paul Overton" "is"
            tokens[n] in BIOGRAPHY_VERBS and (at := bylines.get(" ".join(tokens[:n]))) is not None and not near & at
            for n in range(NAME_MIN_WORDS, min(NAME_MAX_WORDS, len(tokens) - 1) + 1)
        ))
    return out


def _post_below_header(
    lines: list[Line],
    blocks: list[list[int]],
    sizes: list[int],
    chosen: int,
    framed: list[bool],
    posts: list[bool],
    candidates: list[int],
    largest: float,
    stop: frozenset[str],
) -> int:
    """The block chosen for the article, or the first post framed by its stamps (``_framed_posts``) after it when
    the chosen block stands above the page's first date line and is about other things than the post (the cosine
    of their subject words under ``CONTINUATION_MIN_COSINE``), the post being at least ``FIRST_BLOCK_SHARE`` of the
    largest block and none of a thread's posts (``posts``): the blog's description under its name ("Every day I experience life in the world of healthcare
    IT ... In this blog I record ...") above the day's date and the post."""
    post = next(
        (k for k in candidates if k > chosen and framed[k] and not posts[k] and sizes[k] >= FIRST_BLOCK_SHARE * largest),
        None,
    )
    if post is None or any(line.dated for line in lines[: blocks[chosen][0]]):
        return chosen
    if _cosine(_content_words(lines, blocks[chosen], stop), _content_words(lines, blocks[post], stop)) >= CONTINUATION_MIN_COSINE:
        return chosen
    return post


def _post_above(sizes: list[int], chosen: int, framed: list[bool], posts: list[bool], candidates: list[int]) -> int:
    """The block chosen for the article, or the first post framed by its stamps (``_framed_posts``) above it, at least
    ``FIRST_BLOCK_SHARE`` of the chosen block's size and none of a thread's posts (``posts``): a post of one paragraph
    under "October 02, 2012" and its headline, over "Posted at 11:28 AM | Permalink", and under that a box a little
    larger ("Listed below are links to weblogs that reference ...:", a comment form's "As a final step before posting
    your comment, enter the letters ..."): what stands under a post's footer is no part of it. A post under half the
    chosen block's size (a teaser over its story) stays a teaser."""
    least = FIRST_BLOCK_SHARE * sizes[chosen]
    return next((k for k in candidates if k < chosen and framed[k] and not posts[k] and sizes[k] >= least), chosen)


#: the steps of a path of links: "Home / Blog / Title", "Home > Computers > Title", "Home » Title"
_PATH_STEP = re.compile(r"\s[|·•»›/>→]\s")


def path_to(line: str, heading: str) -> bool:
    """``line`` is a path of links whose last step, of two words or more, is ``heading`` ("Home / A bridge for the
    town" to "A bridge for the town"; not "Home / Town" to "Town", nor a path ending in another line)."""
    steps = _PATH_STEP.split(line.strip())
    return len(steps) > 1 and steps[-1].strip() == heading.strip() and len(words_of(steps[-1])) > 1


def _below_path(lines: list[Line], first: int, last: int) -> int:
    """``first``, or the line of the article's headline when a path of links that ends with that headline stands
    right above it among the article's lines [first, last], with prose above the path and under the headline ("Home
    / A bridge for the town" over "A bridge for the town"): the path opens the page's own content, and what stands
    above it is the site's header, here a menu whose items run into the paragraphs of their drop-down boxes
    ("AboutJane Doe Jane Doe is ..."), one block with the post. A path ending with a section's name of two words or
    more over that name ("News | Town Hall" over "Town Hall") opens it as well; one of a single word ("Home / Town"
    over "Town") or ending otherwise than the line under it cuts nothing."""
    content = [i for i in range(first, last + 1) if lines[i].kind is not Kind.BLANK]
    for path, head in zip(content, content[1:]):
        if not path_to(lines[path].text, lines[head].text):
            continue
        above = sum(len(lines[i].text) for i in content if i < path and lines[i].kind is Kind.GOOD)
        below = sum(len(lines[i].text) for i in content if i > head and lines[i].kind is Kind.GOOD)
        return head if above and below else first
    return first


def _article_span(
    lines: list[Line], stop: frozenset[str], *, headed_tables: bool = False, function: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """[first, last] line index of the article: the densest prose block grown over neutral lines and small gaps
    (``headed_tables``: and over a heading above a table that closes it, ``remove_boilerplate``). ``function``: the
    function words of the text's languages ("me", "us": ``_is_self_about``)."""
    content = [i for i, ln in enumerate(lines) if ln.kind is not Kind.BLANK]
    # blocks of good lines separated by at most MAX_BAD_GAP bad lines and no date (comments, lists of articles)
    blocks: list[list[int]] = []
    current: list[int] = []
    bad_since = 0
    for i in content:
        kind = lines[i].kind
        if kind is Kind.GOOD:
            if current and bad_since > MAX_BAD_GAP:
                blocks.append(current)
                current = []
            current.append(i)
            bad_since = 0
        elif kind is Kind.BAD:
            bad_since += MAX_BAD_GAP + 1 if lines[i].dated else 1
    if current:
        blocks.append(current)
    if not blocks:
        return None
    sizes = [sum(len(lines[i].text) for i in b) for b in blocks]
    # a block after a stamp is a post when the page has several (a thread of comments): it weighs less
    stamped = _stamped(lines, blocks)
    posts = stamped if sum(stamped) >= POSTS_MIN_STAMPS else [False] * len(blocks)
    # a box about the author or the site is no candidate while a post stamped with its date is, nearly as large as
    # the box: a menu's "About us" right above an article makes no box of it when a comment or a sidebar's teaser
    # under its stamp is all the page has besides
    profiles = [_is_profile(lines, blocks, k, function) for k in range(len(blocks))]
    posted = [sizes[k] for k in range(len(blocks)) if stamped[k] and not profiles[k]]
    footers = _framed_posts(lines, blocks)
    framed = [f is not None for f in footers]
    candidates = [
        k for k in range(len(blocks))
        if not (profiles[k] and (any(s >= FIRST_BLOCK_SHARE * sizes[k] for s in posted) or any(framed)))
    ]
    # a box about the byline's author, away from the byline, is no candidate while another block is
    authors = _author_boxes(lines, blocks, content)
    candidates = [k for k in candidates if not authors[k]] or candidates
    # the first block nearly as large as the largest: comments, cookie and legal notices come after the article
    largest = max(sizes[k] * (POST_WEIGHT if posts[k] else 1) for k in candidates)
    chosen = next(k for k in candidates if sizes[k] >= FIRST_BLOCK_SHARE * largest)
    chosen = _post_below_header(lines, blocks, sizes, chosen, framed, posts, candidates, largest, stop)
    chosen = _post_above(sizes, chosen, framed, posts, candidates)
    # a block below the header of a stamped thread is a comment: the article is above the header
    chosen = _above_comments(lines, blocks, sizes, chosen)

    def next_larger(k: int) -> int | None:  # the first block after block k that is larger than it
        return next((j for j in range(k + 1, len(blocks)) if sizes[j] > sizes[k]), None)

    # a larger block after an interruption is the rest of the article when it is about the same things, and not
    # a post that several stamped posts lead to
    subject = _content_words(lines, blocks[chosen], stop)
    reached = chosen
    while (
        (later := next_larger(reached)) is not None
        and sum(stamped[reached + 1 : later + 1]) < POSTS_MIN_STAMPS
        and _continues(lines, subject, blocks[later], stop)
    ):
        reached = later
    # a later, smaller block about the same things is the article's last part, cut off by a row of buttons
    reached = _later_parts(lines, blocks, reached, subject, stop, profiles)
    if later is not None and later <= reached:
        later = next_larger(reached)
    # an earlier, smaller block about the same things is the article's first part, cut off by a table or buttons
    start = _earlier_parts(lines, blocks, chosen, subject, stop)
    first, last = blocks[start][0], blocks[reached][-1]
    # the article ends at the comments' header or a copyright notice, inside the block or beyond it
    ending = _article_end(lines, first, _thread_starts(lines, stop), stop)
    if ending is None or ending > last:  # a short article's comments
        ending = _comments_below(lines, first, last) or ending
    footer = footers[chosen]
    if footer is not None and (ending is None or ending > footer):
        ending = footer  # a framed post ends at its footer: its trackbacks and comments follow
    if ending is not None and ending <= last:
        last = max(i for i in range(first, ending) if lines[i].kind is not Kind.BLANK)
        later = None
    # prose beyond the block belongs to it if it outweighs the furniture in between (a longer interruption), up
    # to a larger block (which the choice above passed over: a comment thread, another story)
    end = blocks[later][0] if later is not None else len(lines)
    if ending is not None:
        end = min(end, ending)
    last = _furthest_gain(lines, range(last + 1, end), default=last)
    first = _furthest_gain(lines, range(first - 1, -1, -1), default=first, free=_contents_entries(lines, first, last))
    # grow backwards over neutral lines (title, standfirst, headings) up to the first furniture line
    for i in range(first - 1, -1, -1):
        if lines[i].kind is Kind.BAD:
            first = _headline_above_date(lines, i, first)
            break
        if lines[i].kind is Kind.NEUTRAL:
            first = i
    # grow forwards over neutral lines that read like sentences or table rows (lists closing the article), and in
    # a document a heading over such a table ("Key figures" above a report's closing table)
    until = len(lines) if ending is None else ending
    for i in range(last + 1, until):
        if lines[i].kind is Kind.BAD:
            break
        if lines[i].kind is Kind.NEUTRAL and not _closes_article(lines[i]):
            if not (headed_tables and _heads_a_closing_table(lines, i, until)):
                break
            continue
        if lines[i].kind is Kind.NEUTRAL:
            last = i
    return _below_path(lines, first, last), last


#: the separator the extractors put between a table's cells (``flows.steps.formats``, ``msdoc``, ``pdf``)
CELL_SEPARATOR = " | "


def _mark_two_column_rows(lines: list[Line]) -> list[Line]:
    """In a document, consecutive lines with the same number of cell separators are the rows of a table, two
    columns ("Ukraine | 5") as well as more (``is_table_row``); on a web page one separator makes a breadcrumb."""
    out = list(lines)
    i = 0
    while i < len(out):
        cells = out[i].text.count(CELL_SEPARATOR)
        j = i
        while cells and j + 1 < len(out) and out[j + 1].text.count(CELL_SEPARATOR) == cells:
            j += 1
        if j > i:
            for k in range(i, j + 1):
                out[k] = replace(out[k], kind=Kind.NEUTRAL, sentence=True, dated=False)
        i = j + 1
    return out


def _heads_a_closing_table(lines: list[Line], i: int, until: int) -> bool:
    """Line i is a heading right above table rows or list items that may close an article (``_closes_article``),
    before line ``until``."""
    following = next((j for j in range(i + 1, until) if lines[j].kind is not Kind.BLANK), None)
    if following is None or lines[following].kind is not Kind.NEUTRAL or not _closes_article(lines[following]):
        return False
    text = lines[following].text
    return is_table_row(text) or bool(_BULLET.match(text.strip()))


def _headline_above_date(lines: list[Line], date_line: int, first: int) -> int:
    """The article's own headline above its date line ("Heizungsgesetz: Koalition einigt sich", "3. März 2024"):
    the neutral lines just above a date line that stops the article's head, when no other date line comes above
    them (a list of headlines with their times is furniture). Else ``first`` as it was."""
    if not (lines[date_line].dated and lines[date_line].kind is Kind.BAD):
        return first
    head = None
    for i in range(date_line - 1, -1, -1):
        line = lines[i]
        if line.kind is Kind.BLANK:
            continue
        if line.kind is not Kind.NEUTRAL or date_line - i > HEADLINE_MAX_LINES:
            if line.dated:  # headlines listed with their times
                return first
            break
        if not _reads_as_headline(line):  # a menu, "« previous | next »" links
            return first
        head = i
    return first if head is None else head


def _reads_as_headline(line: Line) -> bool:
    """Words in a row, not links set apart by separators, arrows or bars."""
    text = line.text
    return not line.code and 3 <= len(words_of(text)) <= 2 * SHORT_MAX_WORDS and not (
        _SEPARATORS.search(text) or set(text) & set("|»«›‹")
    )


def _is_byline(line: Line, written_in: frozenset[str] | None) -> bool:
    """A short line in lower case that is no sentence ("by time news"), or a line that names the author and no
    more ("By Jane Doe, Senior Editor, 3 March 2024": ``flows.steps.metadata.is_byline``, with the byline words of
    the text's languages ``written_in``)."""
    if line.kind is not Kind.NEUTRAL:
        return False
    words = words_of(line.text)
    lower_case = not line.sentence and 0 < len(words) <= BYLINE_MAX_WORDS and line.text[0].islower()
    return lower_case or is_byline(line.text, written_in=written_in)


def _drops_byline(line: Line, first: bool, written_in: frozenset[str] | None) -> bool:
    """A byline above the article's first paragraph goes (the metadata step has read it); the first line of the
    article only when it names the author in so many words (a title may start in lower case)."""
    if first:
        return line.kind is Kind.NEUTRAL and is_byline(line.text, written_in=written_in)
    return _is_byline(line, written_in)


def _subject_terms(text: str, function: frozenset[str]) -> set[str]:
    """The terms that carry a line's subject: the stems (``STEM_CHARS``) of its words of three letters or more that
    are no ``function`` words (``stopwords.function_words``) or numbers, and each pair of neighbouring characters of
    a script written without spaces."""
    spaced = _WORD.findall(_UNSPACED.sub(" ", text))
    terms = {w.lower()[:STEM_CHARS] for w in spaced if len(w) >= 3 and not w.isdigit() and w.lower() not in function}
    for run in _UNSPACED_RUN.findall(text):
        terms.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return terms


def _is_button(line: Line, used: set[str], function: frozenset[str]) -> bool:
    """A line of a few words (``BUTTON_MAX_WORDS``) with letters, no numbers and no sentence punctuation (a label's
    colon aside: "Share:"; nor a comma: "Dear all,") whose subject the article does not speak of (``SUBJECT_MIN_SHARE``,
    ``SUBJECT_MIN_MATCHES``): "Partager sur Facebook", "Copy link", "Tweet", "ВКонтакте", "微博"."""
    if line.kind is Kind.GOOD or line.code or _BULLET.match(line.text) or len(words_of(line.text)) > BUTTON_MAX_WORDS:
        return False
    text = line.text
    if _SENTENCE_END.search(text.rstrip(":")) or text.endswith(",") or not any(c.isalpha() for c in text):
        return False  # a sentence, a clause going on, a separator ("-")
    if any(c.isdigit() for c in text):
        return False  # a date or a dateline ("Oct• 28•12", "WASHINGTON, Dec. 30 (UPI) --")
    terms = _subject_terms(text, function)
    matched = sum(t in used for t in terms)
    return matched < SUBJECT_MIN_MATCHES or matched < SUBJECT_MIN_SHARE * len(terms)


def _buttons_above(
    lines: list[Line], first_good: int, last: int, stop: frozenset[str], written_in: frozenset[str] | None
) -> set[int]:
    """The lines of buttons right above the article's first paragraph (``_is_button``: share, comment, print; at
    least ``BUTTONS_MIN_RUN``) under its date line or byline. At the end of the article such lines cannot close it
    (``_closes_article``); between its head and its first paragraph they go too. Short lines above a first
    paragraph with no date or byline over them (a headline, a section's heading) are left to the other rules."""
    function = function_words(stop)  # the stop list's function words: jusText's Finnish list has hallitus
    prose = [lines[i].text for i in range(first_good, last + 1) if lines[i].kind is Kind.GOOD]
    used = set().union(*(_subject_terms(text, function) for text in prose))
    buttons: set[int] = set()
    for i in range(first_good - 1, -1, -1):
        line = lines[i]
        if line.kind is Kind.BLANK or line.caption:
            continue
        if line.dated or is_byline(line.text, written_in=written_in):
            return buttons if len(buttons) >= BUTTONS_MIN_RUN else set()
        if not _is_button(line, used, function):
            return set()
        buttons.add(i)
    return set()


def is_about_box(line: str) -> bool:
    """A heading that opens a box about the author or the publisher: "About the author", "About Jane Doe",
    "Über den Autor", "About Hacker Monthly" (a person's name, or any two or three capitalised words), "Об авторе",
    "Yazar hakkında", "Kirjoittajasta" (``ABOUT_WORDS_BY_LANGUAGE``, ``THE_AUTHOR_BY_LANGUAGE``); an ellipsis may
    close it ("About the author...")."""
    text = _without_ellipsis(line)
    if _ABOUT_THE_AUTHOR.match(text):
        return True
    name = _about_subject(text)
    if name is None:
        return False
    return bool(_THE_AUTHOR.match(name)) or (is_person_name(name) and not _ONE_LETTER_FIRST.match(text))


#: a preposition of one letter is an article too ("O Papa Francisco" in Portuguese): only "the author" after it
_ONE_LETTER_FIRST = re.compile(r"^\w\s")


def _without_ellipsis(heading: str) -> str:
    """``heading`` stripped, without an ellipsis closing it ("About the author...")."""
    return _TRAILING_ELLIPSIS.sub("", heading.strip())


def _about_subject(heading: str) -> str | None:
    """Whom or what an "About ..." heading (``_ABOUT``, ``heading`` without its closing ellipsis) is about: "Jane
    Doe" in "About Jane Doe", "Yazar" in "Yazar hakkında"; None for another line."""
    m = _ABOUT.match(heading)
    return (m["name"] or m["before"]).strip() if m else None


def _before_about_box(lines: list[Line], first_good: int, last: int) -> int:
    """The article's last line before an "About ..." box in the second half of its lines, or ``last``: a biography
    or a publisher's blurb closes many blog posts and columns, and reads as prose. The box opens with its heading
    (``is_about_box``, or ``_about_named_below``), or with a line whose words before a colon are such a heading
    ("About the author: Jane Doe is ..."), or with a biography without a heading (``_opens_biography``)."""
    content = [i for i in range(first_good, last + 1) if lines[i].kind is not Kind.BLANK]
    for k, i in enumerate(content):
        if k == 0 or k < ABOUT_BOX_MIN_SHARE * len(content):
            continue
        following = lines[content[k + 1]].text if k + 1 < len(content) else ""
        text = lines[i].text
        head = text.split(":", 1)[0] if ":" in text else ""  # "About the author: Jane Doe is ..."
        named = _about_named_below(text, following, lines, content[:k])
        if is_about_box(text) or (head and is_about_box(head)) or named:
            return content[k - 1]
        if k >= 2 and _opens_biography(lines, content[:k], i) and _ends_prose(lines, content[k:]):
            return content[k - 2]  # the label over it is the box's: the name, "Connect"
    return last


def _ends_prose(lines: list[Line], below: list[int]) -> bool:
    """The lines ``below`` hold one run of prose and then none: the last block of prose, not a section of the
    article that more sections follow."""
    good = [n for n, i in enumerate(below) if lines[i].kind is Kind.GOOD]
    return bool(good) and good == list(range(good[0], good[-1] + 1))


def _opens_biography(lines: list[Line], above: list[int], i: int) -> bool:
    """Line ``i`` opens a biography set apart below the article: a line of prose under a short label that is no
    prose nor an "About ..." heading (a "Connect" button, the author's name, a row of tags), opening with a person's
    name and the verb of a biography (``BIOGRAPHY_VERBS``: "Jane Doe is a reporter ...", "Mary Jo Foley has been
    ..."), a name of which the article's prose ``above`` uses no word (a paragraph after a subheading that brings
    back someone the story spoke of is the story's)."""
    if lines[i].kind is not Kind.GOOD or not above or lines[above[-1]].kind is Kind.GOOD:
        return False
    label = lines[above[-1]].text
    if len(words_of(label)) > BIOGRAPHY_LABEL_MAX_WORDS or _about_subject(_without_ellipsis(label)) is not None:
        return False  # a paragraph broken before a name, a question closing a section; "About the bridge" over it
    words = lines[i].text.split()
    for size in range(NAME_MIN_WORDS, min(NAME_MAX_WORDS, len(words) - 1) + 1):
        if words[size].lower() in BIOGRAPHY_VERBS and is_person_name(" ".join(words[:size])):
            name = {word for word in words_of(" ".join(words[:size])) if len(word) > 1}
            return not any(lines[k].kind is Kind.GOOD and name & set(words_of(lines[k].text)) for k in above)
    return False


def _about_named_below(heading: str, following: str, lines: list[Line], above: list[int]) -> bool:
    """An "About ..." heading of one capitalised word that the next line names and the prose of the article's lines
    ``above`` it does not: "About Becky" over "Hi, I'm Becky. I live in Atlanta ..." (one word alone is as often a
    subject: "About Time"; and a word the article's prose already spoke of is its subject, a section's heading:
    "About Lisbon" over "Lisbon is built on seven hills ..." in a story about Lisbon)."""
    name = _about_subject(_without_ellipsis(heading))
    if name is None or _ONE_LETTER_FIRST.match(heading.strip()):
        return False
    if not re.fullmatch(r"[^\W\d_][^\W_]*", name) or not name[0].isupper() or name.isupper():
        return False
    named = re.compile(rf"\b{re.escape(name)}\b")
    return named.search(following) is not None and not any(
        lines[i].kind is Kind.GOOD and named.search(lines[i].text) for i in above
    )


def _blank_lines_separate_blocks(raw: list[str]) -> bool:
    """Blocks are separated by blank lines, so lines joined by a single line break belong to one block (a list
    or paragraph broken by line breaks)."""
    joined = sum(1 for a, b in zip(raw, raw[1:]) if a.strip() and b.strip())
    separated = sum(1 for a, b, c in zip(raw, raw[1:], raw[2:]) if a.strip() and not b.strip() and c.strip())
    return joined * BLANK_SEPARATED_RATIO < separated


def is_name_byline(line: str) -> bool:
    """A byline word and a name, nothing else: "di Marco Rossi", "by Jane Doe", "por María García Fernández"
    (each word after the first capitalised or a short particle, and ``flows.steps.metadata.is_byline``)."""
    words = line.split()
    name = words[1:]
    return (
        NAME_MIN_WORDS <= len(name) <= NAME_MAX_WORDS
        and all(w[:1].isupper() or (w.isalpha() and len(w) <= NAME_LOWER_MAX_CHARS) for w in name)
        and is_byline(line)
    )


def paragraphs(raw: list[str]) -> list[range]:
    """Line ranges that read as one unit: a paragraph wrapped over several lines (a line without sentence
    punctuation followed by one that starts in lower case continues it; table rows and list items stay lines of
    their own, and so does a byline in lower case under a headline, "di Marco Rossi", unless the next line goes
    on with it), else a single line."""

    def alone(line: str) -> bool:
        return is_table_row(line) or bool(_BULLET.match(line.strip())) or is_code(line.strip())

    def continues(a: str, b: str) -> bool:  # b continues a's sentence
        a, b = a.strip(), b.strip()
        if not a or not b or _SENTENCE_END.search(a) or not b[0].islower():
            return False
        return not alone(a) and not alone(b)

    def wraps(k: int) -> bool:  # line k + 1 continues line k
        if not continues(raw[k], raw[k + 1]):
            return False
        byline = is_name_byline(raw[k + 1].strip())
        return not byline or (k + 2 < len(raw) and continues(raw[k + 1], raw[k + 2]))

    units: list[range] = []
    i = 0
    while i < len(raw):
        j = i
        while j + 1 < len(raw) and wraps(j):
            j += 1
        units.append(range(i, j + 1))
        i = j + 1
    return units


def _mark_repeated(lines: list[Line], parts: list[list[str]], repeated: frozenset[str]) -> tuple[list[Line], set[int]]:
    """Lines that recur across the page's collection (``flows.steps.repetition``; ``parts``: the page lines of each
    line, a wrapped paragraph recurring if all its lines do): their positions, to drop, and the lines with those
    that read like prose made furniture (they may not make or grow the article; the others keep their part in the
    page's structure). Nothing changes if they hold most of the page's prose: a copy of a story on other pages."""

    def recurs(texts: list[str]) -> bool:
        keys = [k for t in texts if (k := line_key(t)) is not None]
        return bool(keys) and all(k in repeated for k in keys)

    dropped = {i for i, ln in enumerate(lines) if ln.kind is not Kind.BLANK and recurs(parts[i])}
    marked = [replace(ln, kind=Kind.BAD, sentence=False) if i in dropped and ln.kind is Kind.GOOD else ln for i, ln in enumerate(lines)]
    prose = sum(len(words_of(ln.text)) for ln in lines if ln.kind is Kind.GOOD)
    left = sum(len(words_of(ln.text)) for ln in marked if ln.kind is Kind.GOOD)
    if left == 0 or left < (1 - MAX_REPEATED_PROSE_SHARE) * prose:
        return lines, set()  # most of the prose recurs: the page is a copy of a story (wire copy), not furniture
    return marked, dropped


def remove_boilerplate(text: str, repeated: frozenset[str] = frozenset(), *, headed_tables: bool = False) -> str:
    """The article lines of a scraped page, in order, blank lines kept between them.

    A text without a single line of prose (a note, a list) is returned unchanged: there is no article to tell
    the furniture from. ``repeated``: keys (``flows.steps.repetition.line_key``) of lines that recur across the
    page's collection: furniture, dropped wherever they are. ``headed_tables``: a heading right above table rows
    that close the article stays with them (a document's "Key figures" table; on a web page such a table is
    furniture as often: a league table, a box of related articles).
    """
    raw = text.split("\n")
    units = paragraphs(raw)
    joined = paragraph_texts(raw, units)
    stop = stoplist_for(text)
    lines = _mark_announced_lists(_mark_verses(classified(joined, stop), stop))
    lines = _mark_quantity_lists(_mark_parallel_tails(_mark_link_lists(lines)))
    lines = _mark_short_post(_mark_timelines(lines, stop), stop)
    if headed_tables:
        lines = _mark_two_column_rows(lines)
    if repeated:
        lines, dropped = _mark_repeated(lines, [[raw[k] for k in unit] for unit in units], repeated)
    else:
        dropped = set()
    written_in = text_languages(text)  # whose byline words bylines have besides English's
    function = stop.union(*(language_stop_words(code) for code in {"en", *(written_in or ())}))
    span = _article_span(lines, stop, headed_tables=headed_tables, function=function)
    if span is None:
        return text
    first, last = span
    if _blank_lines_separate_blocks(raw):  # the article ends with the block of its last line, furniture or not
        while last + 1 < len(joined) and joined[last].strip() and joined[last + 1].strip():
            last += 1
    if last > first and lines[last].kind is Kind.NEUTRAL and joined[last].rstrip().endswith(":"):
        last = max(i for i in range(first, last) if lines[i].kind is not Kind.BLANK)  # "Share this:" with nothing after
    first_good = next(i for i in range(first, last + 1) if lines[i].kind is Kind.GOOD)
    last = _before_about_box(lines, first_good, last)
    dropped |= _buttons_above(lines, first_good, last, stop, written_in)
    kept: list[str] = []
    for i in range(first, last + 1):
        line = lines[i]
        if (line.kind is Kind.BAD and i <= span[1]) or (i < first_good and _drops_byline(line, i == first, written_in)) or i in dropped:
            continue
        if line.caption:
            continue
        if line.kind is Kind.BLANK:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        kept.extend(raw[k].strip() for k in units[i])
    return "\n".join(kept).strip()
