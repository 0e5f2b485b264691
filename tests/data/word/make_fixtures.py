"""Writes the Word test files in this folder with LibreOffice, a real writer of the formats: Word 97-2003 (.doc),
and DOCX and RTF where a feature needs a writer python-docx is not (tracked changes, styles that hide text,
fields), to compare one document across the formats.

    PYTHONPATH=. python tests/data/word/make_fixtures.py      # needs soffice (Debian: libreoffice-writer-nogui)

Each file is written from a DOCX or ODT that ``tests.documents`` builds (or a small HTML page), converted with
``soffice --headless --convert-to 'doc:MS Word 97'`` (or ``docx``, ``rtf``). The tests read the committed files
and never call LibreOffice.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
from tests.documents import docx_bytes, revised_odt, styled_odt  # noqa: E402

FEATURES = [
    "# Brücke über die Elbe",
    "Die neue Brücke soll im Frühjahr öffnen, teilte die Stadt am Dienstag mit. Sie kostet 80 Millionen €.",
    "- Länge: 400 Meter",
    "- Spuren: vier",
    [["Jahr", "Kosten", "Notiz"], ["2023", "40", ""], ["2024", "35", "neu"]],
    "„Wir sind im Plan“, sagte die Senatorin – ein Emoji 😀 zum Schluss.",
]

#: a page saved as a Word document: a hyperlink (a field), a cell of two paragraphs, a line break
PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Brücke</title></head><body>
<h1>Kosten der Brücke</h1>
<table border="1"><tr><th>Jahr</th><th>Kosten</th></tr><tr><td>2024</td><td><p>35</p><p>geschätzt</p></td></tr></table>
<p>Mehr unter <a href="https://example.org/bruecke">der Projektseite</a> der Stadt.</p>
<p>Zeile eins<br>Zeile zwei</p>
</body></html>"""
#: a table too wide for its row's properties to fit a property page (Word keeps them in the Data stream)
WIDE = ["Vorher.", [[f"z{r}s{c}" for c in range(9)] for r in range(2)], "Dazwischen.", [[f"t{c}" for c in range(8)]],
        "Danach."]


def convert(source: bytes, suffix: str, target: Path, *options: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{target.stem}{suffix}"
        path.write_bytes(source)
        kind = {".doc": "doc:MS Word 97", ".docx": "docx:MS Word 2007 XML", ".rtf": "rtf:Rich Text Format"}[target.suffix]
        subprocess.run(["soffice", "--headless", *options, "--convert-to", kind, "--outdir", tmp, str(path)],
                       check=True, capture_output=True, timeout=120)
        target.write_bytes((Path(tmp) / target.name).read_bytes())


def main() -> None:
    created = datetime(2024, 3, 1, 9, 30)
    convert(docx_bytes(FEATURES, title="Brücke über die Elbe", author="Erika Mustermann",
                       keywords="Verkehr, Hamburg", created=created), ".docx", HERE / "features.doc")
    convert(revised_odt(), ".odt", HERE / "revised.doc")
    convert(PAGE.encode(), ".html", HERE / "page.doc", "--infilter=HTML (StarWriter)")
    convert(styled_odt(), ".odt", HERE / "styled.doc")
    # the same two as Word 2007+ documents (DOCX), where python-docx alone would lose insertions and show the rest
    convert(revised_odt(), ".odt", HERE / "revised.docx")
    convert(styled_odt(), ".odt", HERE / "styled.docx")
    # and as RTF, so that one document can be compared across the formats
    convert(revised_odt(), ".odt", HERE / "revised.rtf")
    convert(styled_odt(), ".odt", HERE / "styled.rtf")
    convert(docx_bytes(WIDE), ".docx", HERE / "wide.doc")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [line for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]
        convert(docx_bytes(lines), ".docx", HERE / f"seed-{seed.stem}.doc")


if __name__ == "__main__":
    main()
