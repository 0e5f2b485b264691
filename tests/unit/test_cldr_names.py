"""bench/cldr_names.py: CLDR's short and variant country names and the United Kingdom's nations, from CLDR's XML."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

_MAIN = """<ldml><localeDisplayNames><territories>
<territory type="US">{us}</territory>
<territory type="US" alt="short">{us_short}</territory>
<territory type="GB" alt="short">{gb_short}</territory>
<territory type="CZ" alt="variant">{cz_variant}</territory>
<territory type="CD" alt="variant">Kongo (DRK)</territory>
<territory type="UN" alt="short">OSN</territory>
<territory type="HK" alt="short" draft="unconfirmed">Hong-Kong</territory>
</territories></localeDisplayNames></ldml>"""

_SUBDIVISIONS = """<ldml><localeDisplayNames><subdivisions>
<subdivision type="gbsct">{scotland}</subdivision>
<subdivision type="gbnir" draft="contributed">{nir}</subdivision>
<subdivision type="usca">California</subdivision>
</subdivisions></localeDisplayNames></ldml>"""


def test_short_names_acronyms_and_nations_are_kept_as_news_writes_them(tmp_path: Path) -> None:
    common = tmp_path / "common"
    (common / "main").mkdir(parents=True)
    (common / "subdivisions").mkdir()
    main = {
        "sl": {"us": "Združene države Amerike", "us_short": "ZDA", "gb_short": "ZK", "cz_variant": "Češka republika"},
        "cs": {"us": "Spojené státy", "us_short": "USA", "gb_short": "GB", "cz_variant": "Česká republika"},
        "ru": {"us": "Соединенные Штаты", "us_short": "США", "gb_short": "Британия", "cz_variant": "Чешская Республика"},
    }
    for lang, names in main.items():
        (common / "main" / f"{lang}.xml").write_text(_MAIN.format(**names), encoding="utf-8")
    (common / "main" / "sr_Latn.xml").write_text(_MAIN.format(**main["sl"]), encoding="utf-8")  # a script: left out
    (common / "subdivisions" / "cs.xml").write_text(_SUBDIVISIONS.format(scotland="Skotsko", nir="Severní Irsko"), encoding="utf-8")
    out = tmp_path / "cldr_names.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "cldr_names.py"), str(common), str(out)], check=True, capture_output=True)
    table = json.loads(out.read_text(encoding="utf-8"))
    # acronyms of three letters or more, read as written; not two letters (ZK), nor an ISO code (GB, USA)
    assert table["abbreviations"] == {"ru": {"США": "US"}, "sl": {"ZDA": "US"}}
    # names babel lacks; not qualified ones (Kongo (DRK)), unions (OSN), unconfirmed drafts (Hong-Kong)
    assert table["names"] == {
        "cs": {"Česká republika": "CZ"},
        "ru": {"Британия": "GB", "Чешская Республика": "CZ"},
        "sl": {"Češka republika": "CZ"},
    }
    assert table["nations"] == {"cs": {"Severní Irsko": "GB", "Skotsko": "GB"}}
