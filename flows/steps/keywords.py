"""Keywords of a document for a tag cloud: frequent content words and names, stop words excluded.

A light YAKE-like score: a term is better the more often it occurs and the earlier it first appears; words under
four letters and stop words of the text's language (jusText lists) never count. Measured against keyphrases
people chose for English, French and Portuguese news (``bench/eval_keywords.py``, figures in bench/RESULTS.md);
a boost for words capitalised mid-sentence (names) did not help there.
"""

from __future__ import annotations

import re
from collections import Counter

from flows.steps.boilerplate import stoplist_for

_TERM = re.compile(r"[^\W\d_][\w-]*[^\W_]", re.UNICODE)
MIN_LETTERS = 4
DEFAULT_TOP = 10


def extract_keywords(text: str, *, top: int = DEFAULT_TOP) -> tuple[str, ...]:
    """Up to ``top`` keywords, best first, in the case they are most often written in."""
    stop = stoplist_for(text)
    terms = [m.group(0) for m in _TERM.finditer(text)]
    if not terms:
        return ()
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    first: dict[str, int] = {}
    for i, term in enumerate(terms):
        key = term.lower()
        if len(key) < MIN_LETTERS or key in stop:
            continue
        counts[key] += 1
        forms.setdefault(key, Counter())[term] += 1
        first.setdefault(key, i)
    n = len(terms)
    scores = {k: c * (1.5 - first[k] / n) for k, c in counts.items() if c >= 2 or n < 60}
    best = sorted(scores, key=lambda k: (-scores[k], k))[:top]
    return tuple(forms[k].most_common(1)[0][0] for k in best)
