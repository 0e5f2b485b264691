"""PDF, Word, OpenDocument and RTF extraction: does the text come back, and what does rebuilding the layout cost?

    PYTHONPATH=. python bench/formats.py [--copies 20] [PDF ...]

Prints each seed printed to PDF (running header, page numbers; once with a gap after each paragraph, once
without) and written to DOCX, ODT, RTF and (by LibreOffice, committed in tests/data/word) DOC, with the number of its lines that come back exactly (in order), then the time ``extract_pdf`` takes per page against pypdf's plain ``extract_text`` on the same
files in the same run (the ratio is the cost of the positions, running-line removal and paragraph rebuilding).
Further PDFs given on the command line are timed too, and RTF files of paragraphs and of hyperlinks on one
line against striprtf alone, and a seed's DOC against its DOCX. Needs the test extra (fpdf2) to write the PDFs.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.steps.formats import Extracted, extract_doc, extract_docx, extract_odt, extract_pdf, extract_rtf  # noqa: E402
from tests.documents import LATIN1, docx_bytes, odt_bytes, pdf_bytes, rtf_bytes, word_file  # noqa: E402


def _latin1(line: str) -> str:
    return " ".join(line.translate(LATIN1).encode("latin-1", "replace").decode("latin-1").split())


def _back(result: object, lines: list[str]) -> str:
    """How many of the lines come back exactly, in order, as lines of the extracted text."""
    got = result.text.split("\n") if isinstance(result, Extracted) else []
    want = [" ".join(line.split()) for line in lines]
    matched = sum(block.size for block in SequenceMatcher(a=want, b=got, autojunk=False).get_matching_blocks())
    return f"{matched}/{len(want)}"


def _timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="further PDF files to time")
    parser.add_argument("--copies", type=int, default=20, help="seed texts per generated PDF for the timing")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rtf-bytes", type=int, default=50_000, help="size of the RTF files timed")
    args = parser.parse_args(argv)
    from pypdf import PdfReader
    from striprtf.striprtf import rtf_to_text

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = {p.name: [line for line in p.read_text(encoding="utf-8").split("\n") if line.strip()] for p in seeds}
    print("| seed | lines | back from PDF | PDF without gaps | back from DOCX | back from ODT | back from RTF | back from DOC |")
    print("|---|---|---|---|---|---|---|---|")
    for i, (name, lines) in enumerate(texts.items()):
        following = list(texts.values())[(i + 1) % len(texts)]
        both = lines + following  # two pages at least, so the running header can be told
        printed = [_latin1(x) for x in both]
        counts = [
            _back(extract_pdf(pdf_bytes(both)), printed),
            _back(extract_pdf(pdf_bytes(both, gap=0)), printed),
            _back(extract_docx(docx_bytes(lines), max_bytes=10**8), lines),
            _back(extract_odt(odt_bytes(lines), max_bytes=10**8), lines),
            _back(extract_rtf(rtf_bytes(lines)), lines),
            _back(extract_doc(word_file(f"seed-{Path(name).stem}.doc")), lines),  # written by LibreOffice
        ]
        print(f"| {name} | {len(lines)} (+{len(following)}) | {' | '.join(counts)} |")

    corpus = [line for lines in texts.values() for line in lines] * args.copies
    files = {"seeds x%d (generated)" % args.copies: pdf_bytes(corpus)}
    files.update({p.name: p.read_bytes() for p in args.pdfs})
    print()
    print("| PDF | pages | extract_pdf ms/page | pypdf extract_text ms/page | ratio |")
    print("|---|---|---|---|---|")
    for name, data in files.items():
        pages = len(PdfReader(io.BytesIO(data)).pages)
        ours = _timed(lambda: extract_pdf(data), args.repeat)
        plain = _timed(lambda: [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages], args.repeat)
        print(f"| {name} | {pages} | {1000 * ours / pages:.1f} | {1000 * plain / pages:.1f} | {ours / plain:.2f} |")
    print()
    print("| seed | DOC bytes | extract_doc ms | DOCX bytes | extract_docx ms | ratio |")
    print("|---|---|---|---|---|---|")
    for name, lines in texts.items():
        doc, docx_file = word_file(f"seed-{Path(name).stem}.doc"), docx_bytes(lines)
        ours = _timed(lambda: extract_doc(doc), args.repeat * 10)
        other = _timed(lambda: extract_docx(docx_file, max_bytes=10**8), args.repeat * 10)
        print(f"| {name} | {len(doc)} | {1000 * ours:.1f} | {len(docx_file)} | {1000 * other:.1f} | {ours / other:.2f} |")
    print()
    print("| RTF (one line) | size | extract_rtf s | striprtf alone s | ratio |")
    print("|---|---|---|---|---|")
    head = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\pard "
    units = {
        "paragraphs": r"Der Rat hat am Dienstag den Haushalt beschlossen, sagte die B\'fcrgermeisterin.\par ",
        "hyperlinks": r'Laut {\field{\*\fldinst{HYPERLINK "https://example.org/a" }}{\fldrslt{\ul Bericht}}} sagte sie. ',
    }
    for name, unit in units.items():
        source = head + unit * (args.rtf_bytes // len(unit)) + "}"
        ours = _timed(lambda: extract_rtf(source.encode()), 1)
        plain = _timed(lambda: rtf_to_text(source), 1)
        print(f"| {name} | {len(source) // 1000} kB | {ours:.2f} | {plain:.2f} | {ours / plain:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
