from __future__ import annotations

import pytest

from flows.models import UNDETERMINED, Chunk, Language
from flows.steps import language
from tests.documents import MIXED
from flows.steps.language import (
    DEFAULT_LANGUAGES,
    annotate_chunks,
    detect_language,
    document_languages,
    language_breaks,
    settled_language,
)

SENTENCES = {
    "en": "The committee will publish its final report on the state of the railways next week.",
    "de": "Der Ausschuss wird seinen Abschlussbericht über den Zustand der Bahn nächste Woche veröffentlichen.",
    "fr": "La commission publiera la semaine prochaine son rapport final sur l'état des chemins de fer.",
    "es": "La comisión publicará la próxima semana su informe final sobre el estado de los ferrocarriles.",
    "it": "La commissione pubblicherà la prossima settimana il suo rapporto finale sullo stato delle ferrovie.",
    "nl": "De commissie publiceert volgende week haar eindrapport over de toestand van de spoorwegen.",
    "ru": "Комиссия опубликует свой окончательный доклад о состоянии железных дорог на следующей неделе.",
}


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_sentences_get_their_language(code: str) -> None:
    result = detect_language(SENTENCES[code])
    assert result.code == code and result.probability >= 0.8


def test_detection_is_deterministic() -> None:
    text = "Vienna"
    assert len({detect_language(text * 5) for _ in range(5)}) == 1


def test_short_texts_and_titles_are_undetermined() -> None:
    assert detect_language("Leave a Comment").code == UNDETERMINED
    assert detect_language("12:30 · 5").code == UNDETERMINED


def test_only_expected_languages_are_answered() -> None:
    assert detect_language(SENTENCES["nl"], languages=("en", "de")).code in {"de", "en", UNDETERMINED}
    assert detect_language(SENTENCES["nl"], languages=("en", "de")).code != "nl"
    with pytest.raises(ValueError, match="no language profile"):
        detect_language(SENTENCES["en"], languages=("en", "xx"))


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(doc_id="d", chunk_index=i, chunk_count=3, text=text, char_start=0, char_end=len(text))


def test_chunks_get_their_own_language_and_the_document_lists_all() -> None:
    doc = Language(code="de", probability=0.99)
    chunks = annotate_chunks([_chunk(0, SENTENCES["de"]), _chunk(1, SENTENCES["en"]), _chunk(2, "Fazit")], doc)
    assert [c.language.code for c in chunks] == ["de", "en", "de"]  # too short: the document's language
    assert document_languages(doc, chunks) == ("de", "en")


def test_the_short_passages_of_an_undetermined_document_take_the_language_its_passages_settle() -> None:
    und = Language(code=UNDETERMINED, probability=0.57)
    chunks = annotate_chunks([_chunk(0, SENTENCES["de"] * 3), _chunk(1, SENTENCES["de"] * 2), _chunk(2, "Foto: dpa")], und)
    assert [c.language.code for c in chunks] == ["de", "de", "de"]
    alone = annotate_chunks([_chunk(0, "Foto: dpa")], und)
    assert [c.language.code for c in alone] == [UNDETERMINED]  # nothing to settle on


def test_a_document_takes_the_language_of_passages_holding_most_of_its_letters() -> None:
    und = Language(code=UNDETERMINED, probability=0.57)

    def chunk(i: int, code: str, size: int, probability: float = 0.9) -> Chunk:  # passages apart from each other
        language = Language(code=code, probability=probability)
        return _chunk(i, "x" * size).model_copy(update={"language": language, "char_start": 10_000 * i, "char_end": 10_000 * i + size})

    mixed = [chunk(0, "de", 1200, 0.99), chunk(1, "en", 1100), chunk(2, "de", 500, 0.9)]
    assert settled_language(und, mixed) == Language(code="de", probability=round((0.99 * 1200 + 0.9 * 500) / 1700, 4))
    assert settled_language(und, [chunk(0, "de", 1000), chunk(1, "en", 1000)]) == und  # half is no majority
    assert settled_language(und, [chunk(0, "de", 600), chunk(1, UNDETERMINED, 700)]) == und
    assert settled_language(und, []) == und
    known = Language(code="en", probability=0.8)
    assert settled_language(known, mixed).code == "de"  # the opening read English, most of the text is German
    assert settled_language(known, [chunk(0, "de", 1000), chunk(1, "en", 1000)]) == known  # no majority: it stands
    # a Chinese character weighs as several letters: 225 of them outweigh 290 Latin letters
    chinese = _chunk(0, "据韩国军方称朝鲜星期一再次向东部海域发射了一枚弹道导弹" * 9).model_copy(update={"language": Language(code="zh", probability=1.0)})
    english = _chunk(1, "x" * 290).model_copy(update={"language": Language(code="en", probability=1.0)})
    assert settled_language(known, [chinese, english]).code == "zh"
    # the overlap of two passages counts once: 1,000 letters of English, 1,000 of German in six passages of 200
    first = chunk(0, "en", 1000)
    overlapping = [
        chunk(i + 1, "de", 200).model_copy(update={"char_start": 900 + 180 * i, "char_end": 1100 + 180 * i})
        for i in range(6)
    ]  # each repeats the last 20 letters of the one before (the first, 100 of the English one): no majority
    assert settled_language(known, [first, *overlapping]) == known


DE = "Russland hat laut einer Analyse von durchgesickerten Dokumenten begonnen, China mit Ausrüstung zu versorgen."


def test_unsure_answers_are_undetermined() -> None:
    assert detect_language(DE).code == "de"
    assert detect_language(DE, min_probability=1.01).code == UNDETERMINED


def test_same_text_same_answer_across_calls() -> None:
    assert len({detect_language(t) for t in [DE, SENTENCES["en"], DE, SENTENCES["en"], DE]}) == 2


# -- lingua for short texts (DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR=lingua) ---------------------------------------


def test_lingua_names_the_language_of_short_phrases_langdetect_leaves_open() -> None:
    for text, code in [("Russland liefert", "de"), ("Neue Regeln", "de"), ("El gobierno", "es"), ("Nuove regole", "it")]:
        assert detect_language(text).code == UNDETERMINED
        assert detect_language(text, short_texts="lingua").code == code


def test_lingua_answers_only_expected_languages_and_is_unsure_otherwise() -> None:
    result = detect_language("Le gouvernement", languages=("en", "de"), short_texts="lingua")
    assert result.code in {"en", "de", UNDETERMINED}
    assert detect_language("Die Regierung", languages=("de",), short_texts="lingua").code == "de"  # one language
    assert detect_language("The government", languages=("de",), short_texts="lingua").code == UNDETERMINED
    assert detect_language("12:30 · 5", short_texts="lingua").code == UNDETERMINED  # no letters
    assert detect_language("Norges regjering", short_texts="lingua").code == "no"  # lingua's Bokmål


def test_lingua_takes_only_short_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.steps.language as language

    def no_lingua(languages: frozenset[str]) -> None:
        raise AssertionError("lingua asked about a long text")

    monkeypatch.setattr(language, "_lingua", no_lingua)
    assert detect_language(DE, short_texts="lingua").code == "de"  # over 60 letters: langdetect
    with pytest.raises(AssertionError):
        detect_language("Russland liefert", short_texts="lingua")


def test_lingua_refuses_languages_it_has_no_model_for() -> None:
    with pytest.raises(ValueError, match=r"lingua has no model for \['kn'\]"):
        detect_language("Russland liefert", languages=("de", "kn"), short_texts="lingua")


def test_a_text_in_a_script_no_expected_language_uses_is_undetermined() -> None:
    """Restricted to the expected languages, langdetect named Korean Chinese with probability 1.0."""
    korean = "북한 조선중앙통신은 20일 남한이 미국과 합동군사훈련을 실시한 데 대해 대가를 치를 것이라고 경고했다."
    assert detect_language(korean).code == UNDETERMINED
    assert detect_language(korean, languages=("en", "ko")).code == "ko"
    assert detect_language("当前中国经济的发展正在从高速增长阶段转向高质量发展阶段。").code == "zh"
    assert detect_language("Россия и Китай провели совместные учения в Тихом океане.").code == "ru"


# -- languages the deployment does not expect --------------------------------------------------------------------

UNEXPECTED = {
    "bg": "Комисията ще публикува окончателния си доклад за състоянието на железниците следващата седмица.",
    "sk": "Komisia zverejní budúci týždeň svoju záverečnú správu o stave železníc na Slovensku.",
    "id": "Presiden mengatakan bahwa pemerintah akan menaikkan harga bahan bakar minyak bulan depan.",
}


@pytest.mark.parametrize("code", sorted(UNEXPECTED))
def test_a_text_in_a_language_nobody_expects_is_undetermined(code: str) -> None:
    """Restricted to the default languages, langdetect read Bulgarian as Russian, Slovak as Czech, Indonesian as
    Turkish (probability 0.95 to 1.0)."""
    assert detect_language(UNEXPECTED[code]).code == UNDETERMINED
    assert detect_language(UNEXPECTED[code], languages=(*DEFAULT_LANGUAGES, code)).code == code


def test_only_languages_written_in_the_expected_scripts_are_rivals() -> None:
    """langdetect's Korean profile holds Chinese characters: over all its profiles it called this sentence Korean."""
    chinese = "人人生而自由,在尊严和权利上一律平等。"
    assert detect_language(chinese).code == "zh"
    assert detect_language(chinese, languages=("en", "ko")).code == UNDETERMINED  # Korean is written in hangul


def test_a_passage_in_a_language_nobody_expects_does_not_take_the_documents() -> None:
    doc = Language(code="en", probability=1.0)
    chunks = annotate_chunks([_chunk(0, SENTENCES["en"]), _chunk(1, UNEXPECTED["sk"]), _chunk(2, "Fazit")], doc)
    assert [c.language.code for c in chunks] == ["en", UNDETERMINED, "en"]
    assert document_languages(doc, chunks) == ("en",)


def test_passages_in_the_documents_language_are_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.steps.language as language

    asked: list[str] = []
    real = language.unexpected_language
    monkeypatch.setattr(language, "unexpected_language", lambda sample, *a, **k: asked.append(sample) or real(sample, *a, **k))
    annotate_chunks([_chunk(0, SENTENCES["de"]), _chunk(1, SENTENCES["en"])], Language(code="de", probability=1.0))
    assert asked == [SENTENCES["en"]]


def test_titles_are_not_checked_for_an_unexpected_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a few words one trial over dozens of profiles is no better than the answer: "Markets rally on rate
    hopes", answered English by lingua, became und."""
    import flows.steps.language as language

    asked: list[str] = []
    monkeypatch.setattr(language, "unexpected_language", lambda sample, *a, **k: asked.append(sample))
    detect_language("Markets rally on rate hopes", languages=("de", "en"), short_texts="lingua")
    detect_language(SENTENCES["en"], languages=("de", "en"))
    assert asked == [SENTENCES["en"]]




@pytest.mark.parametrize("doc_language", ["de", UNDETERMINED])
def test_passages_are_cut_where_the_language_changes_with_the_heading_leading_its_text(doc_language: str) -> None:
    breaks = language_breaks(MIXED, Language(code=doc_language, probability=0.9))
    assert breaks == (MIXED.index("North Korea fires"),)


def test_a_quoted_sentence_in_another_language_cuts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    german = MIXED[: MIXED.index("North Korea fires")]
    quote = "The United States condemned the launch and urged Pyongyang to return to talks, diplomats said.\n\n"
    text = german.replace("Russland und China", quote + "Russland und China")
    assert language_breaks(text, Language(code="de", probability=0.99)) == ()
    # a document whose paragraphs all hold its language's stop words is not read paragraph by paragraph
    monkeypatch.setattr(language, "detect_language", lambda *a, **k: pytest.fail("read paragraph by paragraph"))
    assert language_breaks(german, Language(code="de", probability=0.99)) == ()


def test_latin_paragraphs_in_a_chinese_document_are_read_alone() -> None:
    chinese = "据韩国军方称，朝鲜星期一再次向东部海域发射了一枚弹道导弹，这是该地区一系列武器试验中的最新一次，引发了地区紧张局势的加剧。"
    english = MIXED[MIXED.index("Seoul (Reuters)") :]
    text = f"{chinese}\n\n{chinese}\n\n{english}"
    assert language_breaks(text, Language(code="zh", probability=0.99)) == (text.index("Seoul"),)


def test_at_most_a_bounded_number_of_paragraphs_is_read_and_a_list_of_names_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    names = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima Mike November Oscar Papa"
    german = MIXED.split("\n\n")[1]
    read: list[str] = []

    def counting(text: str, **options: object) -> Language:
        read.append(text)
        return Language(code="de", probability=1.0)

    monkeypatch.setattr(language, "detect_language", counting)
    monkeypatch.setattr(language, "MAX_PARAGRAPHS_READ", 5)
    english = Language(code="en", probability=1.0)
    language_breaks("\n".join([names] * 50), english)
    assert read == []  # no prose in any language: nothing to read
    language_breaks("\n".join([german] * 50), english)
    assert len(read) == 5
    # past the limit, paragraphs take the language found so far whose stop words they hold: cut to the end
    paragraphs = MIXED.split("\n\n")
    german_block, english_block = "\n".join(paragraphs[1:3]), "\n".join(paragraphs[4:6])  # runs of 40 words or more
    alternating = "\n".join([english_block, german_block] * 10)
    assert len(language_breaks(alternating, english)) == 19


def test_a_short_paragraph_at_an_edge_is_a_passage_of_its_own_language() -> None:
    german_lead = MIXED.split("\n\n")[1]  # 33 words: under the 40 of a run
    english = MIXED[MIXED.index("Seoul (Reuters)") :]
    text = f"{german_lead}\n\n{english}"
    assert language_breaks(text, Language(code="en", probability=0.99)) == (text.index("Seoul (Reuters)"),)
    closing = f"{english}\n\n{german_lead}"  # a closing paragraph in another language
    assert language_breaks(closing, Language(code="en", probability=0.99)) == (closing.index("Berlin (dpa)"),)


# -- texts in several scripts -------------------------------------------------------------------------------------

ZH_ARTICLE = (
    "据新华社报道，国家统计局星期三公布的数据显示，今年前十个月全国规模以上工业增加值同比增长百分之五点八，"
    "增速比前三季度加快零点二个百分点。分析人士认为，制造业投资和出口的回升是推动经济增长的主要因素，"
    "但房地产市场仍然疲软，消费需求恢复缓慢。"
)
ZH_CLOSING = "国家统计局发言人在新闻发布会上表示，下一阶段将继续加大宏观政策调控力度，巩固经济回升向好的势头。"
EN_QUOTE = (
    '"The recovery is real but uneven, and we expect growth to slow next year unless households start spending '
    "again. Exporters have done well, yet the property sector remains a heavy drag on confidence across the "
    'country," an economist at a Hong Kong bank said.'
)
OTHER_SCRIPTS = {
    "ja": "気象庁によると、非常に強い台風十号は二十日午後、鹿児島県に上陸する見込みで、九州南部を中心に記録的な大雨となる"
    "おそれがある。政府は関係閣僚会議を開き、住民に早めの避難を呼びかけた。",
    "ru": "Центральный банк России в пятницу сохранил ключевую ставку на прежнем уровне, сославшись на замедление "
    "инфляции и неопределённость во внешней торговле. Аналитики ожидали такого решения и прогнозируют снижение "
    "ставки в начале следующего года, если цены будут расти медленнее.",
    "el": "Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα μέτρα στήριξης για τα νοικοκυριά που πλήττονται από την αύξηση του "
    "κόστους ενέργειας. Σύμφωνα με το υπουργείο Οικονομικών, τα μέτρα θα ισχύσουν μέχρι το τέλος του χειμώνα και "
    "θα καλύψουν περισσότερα από δύο εκατομμύρια δικαιούχους.",
    "ar": "أعلنت وزارة الصحة يوم الأربعاء عن حملة وطنية جديدة للتطعيم ضد الإنفلونزا الموسمية تستهدف كبار السن والأطفال "
    "في جميع المحافظات، وقالت الوزارة إن اللقاحات ستكون متاحة مجانا في المراكز الصحية حتى نهاية شهر ديسمبر المقبل.",
}


@pytest.mark.parametrize("words", [20, 37])
def test_a_chinese_article_with_an_english_paragraph_is_chinese(words: int) -> None:
    """langdetect finds about three n-grams in a Latin letter for one in a Chinese character: the article was read
    as English with a 37-word quote (and as Norwegian, whose profile holds the most stray Chinese characters, with
    20 words). Most of its letters are Chinese characters (``letter_weight``)."""
    quote = " ".join(EN_QUOTE.split()[:words])
    text = f"{ZH_ARTICLE}\n\n{quote}\n\n{ZH_CLOSING}"
    assert detect_language(text).code == "zh"
    assert detect_language(quote).code == "en"  # alone, the quote is English


@pytest.mark.parametrize("code", sorted(OTHER_SCRIPTS))
def test_a_text_with_a_quote_in_another_script_is_in_the_script_of_most_of_its_letters(code: str) -> None:
    quote = " ".join(EN_QUOTE.split()[:25])
    assert language.letter_weight(OTHER_SCRIPTS[code]) > language.letter_weight(quote)
    assert detect_language(f"{OTHER_SCRIPTS[code]}\n\n{quote}").code == code
    # the other way round: an English article quoting a long paragraph in another script stays English
    english = " ".join([MIXED[MIXED.index("Seoul (Reuters)") :]] * 2)
    assert language.letter_weight(english) > language.letter_weight(OTHER_SCRIPTS[code])
    assert detect_language(f"{english}\n\n{OTHER_SCRIPTS[code]}").code == "en"


def test_a_text_of_numbers_beyond_the_latin_blocks_has_no_script() -> None:
    assert language.main_script("① ② ③ ④ ⑤ ⑥ ⑦ ⑧ ⑨ ⑩ ⑪ ⑫ ⑬ ⑭ ⑮") == ("① ② ③ ④ ⑤ ⑥ ⑦ ⑧ ⑨ ⑩ ⑪ ⑫ ⑬ ⑭ ⑮", None)
    assert detect_language("① ② ③ ④ ⑤ ⑥ ⑦ ⑧ ⑨ ⑩ ⑪ ⑫ ⑬ ⑭ ⑮").code == UNDETERMINED


def test_a_language_not_written_in_the_script_of_the_text_is_no_answer() -> None:
    """langdetect's Korean profile holds Chinese characters: with Korean expected, this sentence was Korean
    (probability 1.0) and the next und (Chinese 0.75). Korean is written in hangul (CLDR)."""
    languages = (*DEFAULT_LANGUAGES, "ko")
    assert detect_language("法院星期二判决，任何人不得被任意逮捕或拘禁。", languages=languages).code == UNDETERMINED
    assert detect_language("政府表示，法律之前人人平等，不受任何歧视。", languages=languages) == Language(code="zh", probability=1.0)
    korean = "북한 조선중앙통신은 20일 남한이 미국과 합동군사훈련을 실시한 데 대해 대가를 치를 것이라고 경고했다."
    assert detect_language(korean, languages=languages).code == "ko"


def test_the_paragraphs_of_a_chinese_text_whose_opening_reads_english_are_read() -> None:
    """The detector reads the first MAX_CHARS characters: a long English abstract makes the document English,
    and its Chinese paragraphs, in the text's main kind of script, were never read (no passage was cut)."""
    english = MIXED[MIXED.index("Seoul (Reuters)") :]
    text = "\n\n".join([english, *[ZH_ARTICLE, ZH_CLOSING] * 4])
    assert sum(map(language._unspaced, text)) * 2 > sum(map(str.isalpha, text))  # counted alone, Chinese or not
    assert language_breaks(text, Language(code="en", probability=1.0)) == (text.index(ZH_ARTICLE),)


def test_letters_in_a_script_a_passages_language_is_not_written_in_count_for_none() -> None:
    """A short Russian paragraph after a long English quote goes into the quote's passage: its letters made the
    English passage outweigh the Russian one, and the Russian article English."""
    russian, english = OTHER_SCRIPTS["ru"], EN_QUOTE
    closing = "Заседание совета директоров состоится в декабре."  # under PARAGRAPH_MIN_WORDS: not read alone

    def chunk(i: int, text: str, code: str, start: int) -> Chunk:
        language = Language(code=code, probability=1.0)
        return Chunk(doc_id="d", chunk_index=i, chunk_count=2, text=text, char_start=start, char_end=start + len(text), language=language)

    quoted = f"{english}\n\n{closing}"
    chunks = [chunk(0, russian, "ru", 0), chunk(1, quoted, "en", len(russian) + 2)]
    assert language.letter_weight(russian) < language.letter_weight(quoted)
    assert language.letter_weight(russian) > language.letter_weight(english)
    assert settled_language(Language(code="ru", probability=1.0), chunks).code == "ru"
    assert settled_language(Language(code=UNDETERMINED, probability=0.0), chunks).code == "ru"
