"""Language of a text with langdetect: seeded, so the same text always gets the same answer."""

from __future__ import annotations

from langdetect import DetectorFactory
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

from flows.models import UNDETERMINED, CleanDocument, Language

DEFAULT_SEED = 0
DEFAULT_MIN_CHARS = 20
DEFAULT_MIN_PROBABILITY = 0.80
#: langdetect samples at most this many characters; more costs time without changing the answer
MAX_CHARS = 5000


def detect_language(
    text: str,
    *,
    min_chars: int = DEFAULT_MIN_CHARS,
    min_probability: float = DEFAULT_MIN_PROBABILITY,
    seed: int = DEFAULT_SEED,
) -> Language:
    """ISO 639-1 code and probability, or 'und' when the text is too short or the detector is unsure."""
    sample = " ".join(text.split())[:MAX_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < min_chars:
        return Language(code=UNDETERMINED, probability=0.0)
    DetectorFactory.seed = seed
    init_factory()
    from langdetect.detector_factory import _factory  # created by init_factory()

    detector = _factory.create()
    detector.seed = seed
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return Language(code=UNDETERMINED, probability=0.0)
    code = best.lang.split("-")[0]
    if best.prob < min_probability:
        return Language(code=UNDETERMINED, probability=round(best.prob, 4))
    return Language(code=code, probability=round(best.prob, 4))


def annotate_language(doc: CleanDocument, **options: float | int) -> CleanDocument:
    """A copy of the document with its detected language."""
    return doc.model_copy(update={"language": detect_language(doc.text, **options)})  # type: ignore[arg-type]
