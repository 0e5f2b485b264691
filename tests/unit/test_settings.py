import pytest
from pydantic import ValidationError

from flows.settings import Settings, validate_index_name


def test_defaults_match_the_compose_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENSEARCH_URL", "OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD", "DOCINDEX_INDEX"):
        monkeypatch.delenv(var, raising=False)
    s = Settings()
    assert s.opensearch_url == "http://localhost:9200"
    assert (s.chunks_alias, s.documents_alias) == ("docindex-chunks", "docindex-documents")


def test_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSEARCH_URL", "https://search.example:9200/")
    monkeypatch.setenv("OPENSEARCH_USERNAME", "admin")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "s3cret-Value!")
    monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", "false")
    monkeypatch.setenv("DOCINDEX_BATCH_SIZE", "17")
    s = Settings()
    assert s.opensearch_url == "https://search.example:9200"
    assert s.opensearch_password is not None and s.opensearch_password.get_secret_value() == "s3cret-Value!"
    assert "s3cret" not in repr(s) and "s3cret" not in str(s.model_dump())
    assert s.opensearch_verify_certs is False and s.batch_size == 17


def test_username_without_password_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENSEARCH_USERNAME", "admin")
    monkeypatch.delenv("OPENSEARCH_PASSWORD", raising=False)
    with pytest.raises(ValidationError, match="OPENSEARCH_USERNAME is set but OPENSEARCH_PASSWORD is not"):
        Settings()


@pytest.mark.parametrize(
    ("username", "password", "said"),
    [
        ("admin", "", "OPENSEARCH_USERNAME is set but OPENSEARCH_PASSWORD is not (or is empty)"),
        ("", "s3cret-Value!", "OPENSEARCH_PASSWORD is set but OPENSEARCH_USERNAME is not (or is empty)"),
        (None, "s3cret-Value!", "OPENSEARCH_PASSWORD is set but OPENSEARCH_USERNAME is not (or is empty)"),
    ],
)
def test_one_credential_without_the_other_names_both_variables(
    monkeypatch: pytest.MonkeyPatch, username: str | None, password: str, said: str
) -> None:
    from flows.errors import ConfigError
    from flows.settings import load_settings

    monkeypatch.delenv("OPENSEARCH_USERNAME", raising=False)
    if username is not None:
        monkeypatch.setenv("OPENSEARCH_USERNAME", username)
    monkeypatch.setenv("OPENSEARCH_PASSWORD", password)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value) == f"invalid configuration: {said}: set both for a secured cluster, or neither"
    assert "s3cret" not in str(err.value)


@pytest.mark.parametrize(
    "names", [("OPENSEARCH_CA_CERTS",), ("OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD"), ("DOCINDEX_SCHEMAS_DIR",), ("DOCINDEX_DASK_ADDRESS",)]
)
def test_an_empty_optional_path_or_secret_is_unset(monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...]) -> None:
    """As an .env file's `OPENSEARCH_CA_CERTS=` gives it: not the path '.', not an empty user name."""
    from flows.settings import DEFAULT_SCHEMAS_DIR

    for name in names:
        monkeypatch.setenv(name, "")
    s = Settings()
    assert (s.opensearch_ca_certs, s.opensearch_username, s.opensearch_password, s.dask_address) == (None, None, None, None)
    assert s.schemas_dir == DEFAULT_SCHEMAS_DIR


def test_a_schemas_dir_without_both_templates_stops_before_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """A mistyped DOCINDEX_SCHEMAS_DIR is a configuration error naming the variable, not a failure mid-run."""
    from flows.errors import ConfigError
    from flows.settings import DEFAULT_SCHEMAS_DIR, load_settings

    (tmp_path / "chunks.json").write_text((DEFAULT_SCHEMAS_DIR / "chunks.json").read_text())
    for folder, said in ((tmp_path / "schema", "is no folder"), (tmp_path, "a folder without documents.json")):
        monkeypatch.setenv("DOCINDEX_SCHEMAS_DIR", str(folder))
        with pytest.raises(ConfigError, match=f"^invalid configuration: DOCINDEX_SCHEMAS_DIR: '{folder}' (is )?{said}"):
            load_settings()
    (tmp_path / "documents.json").write_text((DEFAULT_SCHEMAS_DIR / "documents.json").read_text())
    assert load_settings().schemas_dir == tmp_path


def test_missing_ca_file_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("OPENSEARCH_CA_CERTS", str(tmp_path / "missing.pem"))
    with pytest.raises(ValidationError, match="OPENSEARCH_CA_CERTS"):
        Settings()


def test_overlap_must_be_below_chunk_size() -> None:
    with pytest.raises(ValidationError, match="DOCINDEX_CHUNK_OVERLAP_SENTENCES"):
        Settings(chunk_words=40, chunk_overlap_sentences=3)
    assert Settings(chunk_words=46, chunk_overlap_sentences=3).chunk_overlap_sentences == 3  # 3 * 15 < 46
    with pytest.raises(ValidationError):
        Settings(chunk_words=45, chunk_overlap_sentences=3)


def test_the_overlap_rule_names_both_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.errors import ConfigError
    from flows.settings import load_settings

    monkeypatch.setenv("DOCINDEX_CHUNK_WORDS", "40")
    monkeypatch.setenv("DOCINDEX_CHUNK_OVERLAP_SENTENCES", "3")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value) == (
        "invalid configuration: DOCINDEX_CHUNK_OVERLAP_SENTENCES (3) must be 0 or below DOCINDEX_CHUNK_WORDS / 15 "
        "(40 / 15: a sentence counts as 15 words)"
    )


@pytest.mark.parametrize("bad", ["Docs", "-x", "_x", "a b", "a*b", "a/b", "a,b", "a#b", "..", "x" * 201, "x" * 300])
def test_invalid_index_names(bad: str) -> None:
    with pytest.raises(ValueError):
        validate_index_name(bad)


@pytest.mark.parametrize("good", ["docindex", "news-2024", "a.b_c+d", "x" * 200])
def test_valid_index_names(good: str) -> None:
    assert validate_index_name(good) == good


def test_bad_url_is_refused() -> None:
    with pytest.raises(ValidationError, match="http"):
        Settings(opensearch_url="localhost:9200")


@pytest.mark.parametrize(
    "url", ["http://localhost:92OO", "http://localhost:9200 extra", "http://[::1", "http://localhost:99999", "http://local host"]
)
def test_a_url_with_a_bad_host_or_port_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="no valid URL"):
        Settings(opensearch_url=url)
    assert Settings(opensearch_url="https://[::1]:9200").opensearch_url == "https://[::1]:9200"


@pytest.mark.parametrize("name", ["opensearch_timeout", "bulk_initial_backoff", "index_retry_delay", "document_timeout"])
def test_an_infinite_time_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="finite"):
        Settings(**{name: float("inf")})


def test_an_empty_dask_address_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINDEX_DASK_ADDRESS", "")
    assert Settings().dask_address is None


@pytest.mark.parametrize("url", ["https://admin:Sup3r-Secret@search.example:9200", "ftp://admin:Sup3r-Secret@x", "http://admin:Sup3r-Secret@[::1", "http:/admin:Sup3r-Secret@localhost:9200", "https//admin:Sup3r-Secret@localhost"])
def test_credentials_in_the_url_are_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(ValidationError, match="must not contain credentials") as err:
        Settings(opensearch_url=url)
    assert "Sup3r-Secret" not in str(err.value)


def test_load_settings_turns_invalid_values_into_one_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.errors import ConfigError
    from flows.settings import load_settings

    monkeypatch.setenv("DOCINDEX_BATCH_SIZE", "0")
    monkeypatch.setenv("OPENSEARCH_URL", "https://admin:Sup3r-Secret@search.example:9200")
    with pytest.raises(ConfigError, match="^invalid configuration: ") as err:
        load_settings(index="Bad", dask_address=None)
    message = str(err.value)
    assert "DOCINDEX_BATCH_SIZE: Input should be greater than or equal to 1" in message
    assert "--index: index name 'Bad' must be lowercase" in message
    assert "must not contain credentials" in message and "Sup3r-Secret" not in message
    monkeypatch.delenv("DOCINDEX_BATCH_SIZE")
    monkeypatch.delenv("OPENSEARCH_URL")
    assert load_settings(index="news", dask_address=None).chunks_alias == "news-chunks"


def test_repeated_line_settings() -> None:
    s = Settings()
    assert (s.repeated_line_min_docs, s.repeated_line_min_share, s.repeated_line_sample) == (3, 0.02, 200)
    assert Settings(repeated_line_min_docs=0).repeated_line_min_docs == 0  # off
    with pytest.raises(ValidationError, match="must be 0 \\(off\\) or at least 2: with 1 every line recurs"):
        Settings(repeated_line_min_docs=1)
    with pytest.raises(ValidationError):
        Settings(repeated_line_sample=5)


def test_an_invalid_setting_is_named_with_its_environment_variable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from flows.errors import ConfigError
    from flows.settings import load_settings

    monkeypatch.setenv("DOCINDEX_BATCH_SIZE", "abc")
    with pytest.raises(ConfigError, match=r"^invalid configuration: DOCINDEX_BATCH_SIZE: Input should be a valid integer"):
        load_settings()
    monkeypatch.setenv("DOCINDEX_BATCH_SIZE", "0")
    monkeypatch.setenv("DOCINDEX_MIN_CHARS", "0")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value) == (
        "invalid configuration: DOCINDEX_BATCH_SIZE: Input should be greater than or equal to 1; "
        "DOCINDEX_MIN_CHARS: Input should be greater than or equal to 1"
    )
    monkeypatch.delenv("DOCINDEX_MIN_CHARS")
    monkeypatch.delenv("DOCINDEX_BATCH_SIZE")
    monkeypatch.setenv("OPENSEARCH_URL", "ftp://example.org")
    with pytest.raises(ConfigError, match=r"OPENSEARCH_URL: 'ftp://example.org' must be an http"):
        load_settings()
    monkeypatch.delenv("OPENSEARCH_URL")


def test_an_invalid_option_is_named_as_given_in_plain_words(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from flows.errors import ConfigError
    from flows.settings import load_settings

    with pytest.raises(ConfigError) as err:
        load_settings(dask_address="foo", index="Bad")
    message = str(err.value)
    assert "--dask-address: 'foo' must be a scheduler address" in message
    assert "--index: index name 'Bad' must be lowercase" in message
    with pytest.raises(ConfigError) as err:  # a flow run's parameters, as a deployment gives them
        load_settings(dask_address="foo", index=None, given_as="parameter")
    assert "flow parameter dask_address: 'foo' must be a scheduler address" in str(err.value)
    monkeypatch.setenv("OPENSEARCH_USERNAME", "admin")
    monkeypatch.delenv("OPENSEARCH_PASSWORD", raising=False)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value) == (
        "invalid configuration: OPENSEARCH_USERNAME is set but OPENSEARCH_PASSWORD is not (or is empty): "
        "set both for a secured cluster, or neither"
    )
    assert "Value error" not in message


def test_a_docindex_variable_that_names_no_setting_is_warned_of_with_the_setting_it_may_mean() -> None:
    from flows.settings import unknown_variables

    environ = {
        "DOCINDEX_BATCHSIZE": "100", "docindex_workerz": "2", "DOCINDEX_OPENSEARCH_URL": "http://x:9200",
        "DOCINDEX_COLOUR": "1", "DOCINDEX_BATCH_SIZE": "5", "DOCINDEX_OPENSEARCH_TIMEOUT": "9", "OPENSEARCH_HEAP": "1g",
        "DOCINDEX_INBOX": "./seeds", "DOCINDEX_BIND": "127.0.0.1", "PATH": "/bin",
    }
    assert unknown_variables(environ) == [
        "DOCINDEX_BATCHSIZE is no docindex setting and is ignored (DOCINDEX_BATCH_SIZE?)",
        "DOCINDEX_COLOUR is no docindex setting and is ignored",
        "DOCINDEX_OPENSEARCH_URL is no docindex setting and is ignored (OPENSEARCH_URL?)",
        "docindex_workerz is no docindex setting and is ignored (DOCINDEX_WORKERS?)",
    ]
