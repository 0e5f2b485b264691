"""bench/archive.py: a ZIP, a gzipped and a Zstandard tar archive give the same passages as their files in a folder (four dry runs of the CLI)."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_an_archive_and_its_folder_give_the_same_passages(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "archive.py"), "--docs", "12", "--corpus-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout)
    assert figures["documents"] == 12 and figures["same_passages"] is True
    assert figures["passages_folder"] == figures["passages_zip"] == figures["passages_tar_gz"] == figures["passages_tar_zst"] > 12
