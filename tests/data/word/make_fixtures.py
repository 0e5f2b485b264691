"""Writes the Word test files in this folder with LibreOffice, a real writer of the formats: Word 97-2003 (.doc),
and DOCX where a feature needs a writer python-docx is not (tracked changes, styles that hide text, fields).

    PYTHONPATH=. python tests/data/word/make_fixtures.py      # needs soffice (Debian: libreoffice-writer-nogui)

Each file is written from a DOCX or ODT that ``tests.documents`` or this script builds (or a small HTML page),
converted with ``soffice --headless --convert-to 'doc:MS Word 97'`` (or ``docx``). The tests read the committed
files and never call LibreOffice.
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
from tests.documents import docx_bytes, odt_package, odt_styled  # noqa: E402

FEATURES = [
    "# Brücke über die Elbe",
    "Die neue Brücke soll im Frühjahr öffnen, teilte die Stadt am Dienstag mit. Sie kostet 80 Millionen €.",
    "- Länge: 400 Meter",
    "- Spuren: vier",
    [["Jahr", "Kosten", "Notiz"], ["2023", "40", ""], ["2024", "35", "neu"]],
    "„Wir sind im Plan“, sagte die Senatorin – ein Emoji 😀 zum Schluss.",
]

#: a tracked deletion and insertion, a footnote and a comment (ODF markup, see tests/documents.py)
REVISED = (
    "<text:tracked-changes><text:changed-region text:id='d1'><text:deletion><office:change-info>"
    "<dc:creator>Redaktion</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
    "<text:p>Dieser Satz wurde gestrichen.</text:p></text:deletion></text:changed-region>"
    "<text:changed-region text:id='i1'><text:insertion><office:change-info><dc:creator>Redaktion</dc:creator>"
    "<dc:date>2024-03-01T10:05:00</dc:date></office:change-info></text:insertion></text:changed-region>"
    "</text:tracked-changes>"
    "<text:p>Der Rat stimmte zu.<text:change text:change-id='d1'/> Die Arbeiten beginnen im Mai."
    "<text:note text:id='n1' text:note-class='footnote'><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>Laut Protokoll der Sitzung.</text:p></text:note-body></text:note></text:p>"
    "<text:p><text:change-start text:change-id='i1'/>Eingefügt: die Brücke bekommt einen Radweg."
    "<text:change-end text:change-id='i1'/></text:p>"
    "<text:p>Die Stadt rechnet mit Verkehr.<office:annotation><dc:creator>Lektorat</dc:creator>"
    "<text:p>Quelle prüfen</text:p></office:annotation> Umleitungen sind ausgeschildert.</text:p>"
)


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


#: a page saved as a Word document: a hyperlink (a field), a cell of two paragraphs, a line break
PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Brücke</title></head><body>
<h1>Kosten der Brücke</h1>
<table border="1"><tr><th>Jahr</th><th>Kosten</th></tr><tr><td>2024</td><td><p>35</p><p>geschätzt</p></td></tr></table>
<p>Mehr unter <a href="https://example.org/bruecke">der Projektseite</a> der Stadt.</p>
<p>Zeile eins<br>Zeile zwei</p>
</body></html>"""


#: headings tied to the outline (no list items), a table of contents (generated: left out), text hidden by a
#: character style and by direct formatting, a page-number field
STYLED = (
    '<text:table-of-content text:name="Inhalt"><text:table-of-content-source text:outline-level="2">'
    "<text:index-title-template>Inhalt</text:index-title-template></text:table-of-content-source><text:index-body>"
    '<text:index-title text:name="Inhalt_Head"><text:p>Inhalt</text:p></text:index-title>'
    "<text:p>Die Brücke\t1</text:p><text:p>Die Kosten\t1</text:p></text:index-body></text:table-of-content>"
    '<text:h text:outline-level="1">Die Brücke</text:h>'
    '<text:p>Sichtbar <text:span text:style-name="Versteckt">per Vorlage versteckt</text:span> bleibt sichtbar.</text:p>'
    '<text:h text:outline-level="2">Die Kosten</text:h>'
    '<text:p>Direkt <text:span text:style-name="T1">direkt versteckt</text:span> Ende, Seite '
    '<text:page-number text:select-page="current">1</text:page-number>.</text:p>'
)
STYLED_AUTOMATIC = '<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>'
STYLED_STYLES = '<style:style style:name="Versteckt" style:family="text"><style:text-properties text:display="none"/></style:style>'
#: a table too wide for its row's properties to fit a property page (Word keeps them in the Data stream)
WIDE = ["Vorher.", [[f"z{r}s{c}" for c in range(9)] for r in range(2)], "Dazwischen.", [[f"t{c}" for c in range(8)]],
        "Danach."]


def convert(source: bytes, suffix: str, target: Path, *options: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{target.stem}{suffix}"
        path.write_bytes(source)
        kind = {".doc": "doc:MS Word 97", ".docx": "docx:MS Word 2007 XML"}[target.suffix]
        subprocess.run(["soffice", "--headless", *options, "--convert-to", kind, "--outdir", tmp, str(path)],
                       check=True, capture_output=True, timeout=120)
        target.write_bytes((Path(tmp) / target.name).read_bytes())


def main() -> None:
    created = datetime(2024, 3, 1, 9, 30)
    convert(docx_bytes(FEATURES, title="Brücke über die Elbe", author="Erika Mustermann",
                       keywords="Verkehr, Hamburg", created=created), ".docx", HERE / "features.doc")
    convert(odt_package(REVISED, manifest=MANIFEST), ".odt", HERE / "revised.doc")
    convert(PAGE.encode(), ".html", HERE / "page.doc", "--infilter=HTML (StarWriter)")
    convert(odt_styled(STYLED, STYLED_AUTOMATIC, STYLED_STYLES, manifest=MANIFEST), ".odt", HERE / "styled.doc")
    # the same two as Word 2007+ documents (DOCX), where python-docx alone would lose insertions and show the rest
    convert(odt_package(REVISED, manifest=MANIFEST), ".odt", HERE / "revised.docx")
    convert(odt_styled(STYLED, STYLED_AUTOMATIC, STYLED_STYLES, manifest=MANIFEST), ".odt", HERE / "styled.docx")
    convert(docx_bytes(WIDE), ".docx", HERE / "wide.doc")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [line for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]
        convert(docx_bytes(lines), ".docx", HERE / f"seed-{seed.stem}.doc")


if __name__ == "__main__":
    main()
