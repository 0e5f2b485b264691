"""Shared fixtures. The OpenSearch backend is chosen once per session, in this order:

1. ``OPENSEARCH_URL`` if set (a cluster you run);
2. a testcontainers ``OpenSearchContainer`` with the image pinned in docker-compose.yml, if a Docker daemon answers;
3. the in-memory ``osmem-server`` stand-in.

The pytest header names the backend. Integration tests never skip: a backend that fails to start is an error.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Isolate Prefect from the user's profile and database before anything imports it. A home of our own making is
# removed at exit; this handler is registered before Prefect's, so it runs after Prefect has stopped its server.
_GIVEN_PREFECT_HOME = os.environ.get("DOCINDEX_TEST_PREFECT_HOME")
_PREFECT_HOME = Path(_GIVEN_PREFECT_HOME or tempfile.mkdtemp(prefix="docindex-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
if not _GIVEN_PREFECT_HOME:
    atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("PREFECT_API_KEY", None)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

_EXTERNAL_URL = os.environ.get("OPENSEARCH_URL")


def pinned_opensearch_image() -> str:
    """The OpenSearch image docker-compose.yml pins; the test container uses the same one."""
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    match = re.search(r"image:\s*(opensearchproject/opensearch:[0-9][\w.\-]*)", text)
    assert match, "docker-compose.yml must pin opensearchproject/opensearch:<version>"
    return match.group(1)


def docker_available() -> bool:
    try:
        import docker

        client = docker.from_env()
        client.ping()
        client.close()
        return True
    except Exception:  # noqa: BLE001 - no SDK, no socket, no daemon: all mean "no Docker"
        return False


@dataclass
class Backend:
    name: str
    url: str


def _choose_backend_name() -> str:
    if _EXTERNAL_URL:
        return f"external ({_EXTERNAL_URL})"
    if docker_available():
        return f"testcontainers ({pinned_opensearch_image()})"
    return "osmem (in-memory stand-in)"


def pytest_report_header(config: pytest.Config) -> str:
    return f"opensearch backend: {_choose_backend_name()}"


@pytest.fixture(scope="session")
def opensearch_backend() -> Iterator[Backend]:
    if _EXTERNAL_URL:
        yield Backend("external", _EXTERNAL_URL)
        return
    if docker_available():
        from testcontainers.opensearch import OpenSearchContainer

        container = OpenSearchContainer(pinned_opensearch_image()).with_env("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
        with container:
            cfg = container.get_config()
            yield Backend("testcontainers", f"http://{cfg['host']}:{cfg['port']}")
        return
    from osmem_server import OsmemServer

    with OsmemServer.start(japanese=False) as server:
        yield Backend("osmem", server.url)


@pytest.fixture
def index_prefix() -> str:
    """A fresh alias prefix per test, so tests never see each other's data on a shared cluster."""
    return f"t-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def os_env(opensearch_backend: Backend, index_prefix: str, monkeypatch: pytest.MonkeyPatch) -> Backend:
    """Environment pointing docindex at the session backend with a per-test index prefix."""
    monkeypatch.setenv("OPENSEARCH_URL", opensearch_backend.url)
    monkeypatch.setenv("DOCINDEX_INDEX", index_prefix)
    return opensearch_backend


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/ (tests that edit documents work on this)."""
    target = tmp_path / "seeds"
    target.mkdir()
    for f in SEEDS.iterdir():
        if f.is_file():
            (target / f.name).write_bytes(f.read_bytes())
    return target


@pytest.fixture(scope="session")
def load_bench():  # type: ignore[no-untyped-def]
    """Import a script from bench/ by its path there without ``.py`` ("eval_boilerplate", "data/l3s/prepare"):
    bench/ is not a package the tests import from."""
    import importlib.util
    from types import ModuleType

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name.replace("/", "_"), ROOT / "bench" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
