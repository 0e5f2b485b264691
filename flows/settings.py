"""The one settings class: the only module that reads the environment.

OpenSearch connection variables keep their conventional names (``OPENSEARCH_URL`` ...); everything else is
``DOCINDEX_<FIELD>``. Defaults match ``docker-compose.yml``. Cross-field rules are checked at start-up so a bad
configuration fails before any document is read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Self
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from flows.errors import ConfigError
from flows.models import DEFAULT_MAX_FILE_BYTES
from flows.steps.language import DEFAULT_LANGUAGES, ShortTextDetector, available_languages, lingua_languages

#: OpenSearch index names: lowercase, no leading '-', '_' or '+', none of \ / * ? " < > | space , #
INDEX_NAME_RE = re.compile(r"^(?![-_+.])[a-z0-9][a-z0-9._+-]{0,199}$")

DEFAULT_SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


#: why a URL holding a user name or password is refused (the URL itself is never echoed: it holds a password)
CREDENTIALS_IN_URL = "must not contain credentials: set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD instead"


def url_problem(value: str) -> str | None:
    """Why a URL cannot be used, its scheme aside: credentials in it (``CREDENTIALS_IN_URL``, looked for before
    parsing: an ``@`` anywhere before its query, so that a URL holding a password is not echoed even when its
    scheme is mistyped, ``http:/admin:pw@host``), or a host or port that is none."""
    if "@" in re.split(r"[?#]", value, maxsplit=1)[0]:
        return CREDENTIALS_IN_URL
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises for a port that is no number or out of range
    except ValueError:
        parts = None
    if parts is None or not parts.hostname or re.search(r"\s", value):
        return f"{value!r} is no valid URL: check its host and port"
    return None


def validate_index_name(name: str) -> str:
    """Check an index/alias prefix against OpenSearch's naming rules; raise ValueError naming the rule."""
    if name in {".", ".."}:
        raise ValueError(f"index name {name!r} is not allowed")
    if name != name.lower():
        raise ValueError(f"index name {name!r} must be lowercase")
    if not INDEX_NAME_RE.match(name):
        raise ValueError(
            f"index name {name!r} is invalid: use lowercase letters, digits and . _ - +, "
            "not starting with - _ + or ., at most 200 characters"
        )
    return name


#: the index templates DOCINDEX_SCHEMAS_DIR must hold (``flows.search.schema.load_schema`` reads them)
SCHEMA_FILES = ("chunks.json", "documents.json")

#: settings for which an empty value means unset (their default), not an empty name, password or path
EMPTY_IS_UNSET = ("opensearch_username", "opensearch_password", "opensearch_ca_certs", "schemas_dir", "dask_address")

#: words a sentence is taken to have: the passages' overlap (in sentences) must stay below their size (in words)
SENTENCE_WORDS = 15


def _env(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    """docindex configuration. Every field can be set from the environment (see the README's table)."""

    model_config = SettingsConfigDict(
        env_prefix="DOCINDEX_",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
        validate_default=True,
        hide_input_in_errors=True,  # a rejected value may be a secret
        allow_inf_nan=False,  # an infinite timeout or backoff would wait forever
    )

    # -- OpenSearch connection -------------------------------------------------------------------------------
    opensearch_url: str = Field(
        "http://localhost:9200",
        validation_alias=_env("OPENSEARCH_URL"),
        description="OpenSearch endpoint (http or https URL).",
    )
    opensearch_username: str | None = Field(
        None, validation_alias=_env("OPENSEARCH_USERNAME"), description="Basic-auth user (secured clusters)."
    )
    opensearch_password: SecretStr | None = Field(
        None, validation_alias=_env("OPENSEARCH_PASSWORD"), description="Basic-auth password; never logged."
    )
    opensearch_ca_certs: Path | None = Field(
        None, validation_alias=_env("OPENSEARCH_CA_CERTS"), description="CA bundle (PEM) to verify the server."
    )
    opensearch_verify_certs: bool = Field(
        True, validation_alias=_env("OPENSEARCH_VERIFY_CERTS"), description="Verify TLS certificates."
    )
    opensearch_timeout: float = Field(30.0, gt=0, description="Request timeout in seconds.")

    # -- index layout ------------------------------------------------------------------------------------------
    index: str = Field(
        "docindex", description="Alias prefix: writes go to <index>-chunks and <index>-documents."
    )
    schemas_dir: Path = Field(DEFAULT_SCHEMAS_DIR, description="Folder with the index templates (JSON).")

    # -- pipeline ----------------------------------------------------------------------------------------------
    batch_size: int = Field(500, ge=1, le=5000, description="Documents per batch (one task run per stage and batch).")
    workers: int = Field(
        0,
        ge=0,
        le=256,
        description="Processes for the CPU stages (load, clean, language, chunk); 0 = the CPUs the process may use "
        "(its affinity mask and a container's CPU limit).",
    )
    max_file_bytes: int = Field(
        DEFAULT_MAX_FILE_BYTES,
        ge=1,
        description="Larger files, gzipped files that expand beyond it, larger records of a JSON Lines file or web "
        "archive and larger files of a ZIP, tar or 7-Zip archive are rejected as too_large.",
    )
    min_chars: int = Field(20, ge=1, description="Cleaned text shorter than this is rejected as empty.")
    chunk_words: int = Field(200, ge=20, le=2000, description="Target words per passage.")
    chunk_overlap_sentences: int = Field(1, ge=0, le=10, description="Sentences repeated between passages.")
    language_min_chars: int = Field(14, ge=1, description="Shorter texts get the language 'und'.")
    language_min_probability: float = Field(
        0.70, ge=0, le=1, description="Below this detector probability the language is 'und'."
    )
    language_seed: int = Field(0, description="Seed for langdetect, for deterministic results.")
    language_short_text_detector: ShortTextDetector = Field(
        "langdetect",
        description="Detector for texts under 60 letters (titles, short passages): langdetect, or lingua (the "
        "'lingua' extra: far fewer short texts left 'und', but its models take about 30 MB of memory per language in "
        "every worker process).",
    )
    languages: Annotated[tuple[str, ...], NoDecode] = Field(
        DEFAULT_LANGUAGES,
        description="ISO 639-1 codes the detector may answer (comma-separated); anything else is 'und'.",
    )
    keywords_per_document: int = Field(10, ge=0, le=100, description="Keywords stored per document.")
    repeated_line_min_docs: int = Field(
        3,
        ge=0,
        description="A line of a plain-text document that recurs verbatim in at least this many sampled documents "
        "of its collection (with different articles) is page furniture; 0 turns the signal off.",
    )
    repeated_line_min_share: float = Field(
        0.02, ge=0, le=1, description="A repeated line must also occur in at least this fraction of the sampled documents."
    )
    repeated_line_sample: int = Field(
        200, ge=10, le=10_000, description="Plain-text documents sampled per collection to find repeated lines."
    )
    document_timeout: float = Field(
        120.0,
        ge=0,
        description="Seconds (wall clock) one document may take in the CPU stages, and listing one file of many "
        "documents may take (one more per 10 MB), before it is rejected as timeout (a damaged file that sends a "
        "parser into a loop); "
        "0 = no limit. Not applied on a Dask cluster.",
    )
    dask_address: str | None = Field(
        None,
        description="Dask scheduler (e.g. tcp://scheduler:8786) that runs the CPU stages; unset = local worker processes.",
    )

    # -- bulk indexing -----------------------------------------------------------------------------------------
    bulk_chunk_size: int = Field(500, ge=1, description="Actions per bulk request.")
    bulk_max_bytes: int = Field(10_000_000, ge=10_000, description="Bytes per bulk request.")
    bulk_max_retries: int = Field(5, ge=0, description="Retries of items rejected with 429, of 502-504 answers and of lost connections.")
    bulk_initial_backoff: float = Field(1.0, ge=0, description="First backoff in seconds (doubles each retry).")
    index_retries: int = Field(3, ge=0, le=10, description="Retries of a batch that OpenSearch rejected as a whole.")
    index_retry_delay: float = Field(2.0, ge=0, description="Seconds before the first batch retry (doubles each retry).")
    max_rejected_fraction: float = Field(
        0.5, ge=0, le=1, description="The flow fails when more than this fraction of documents is rejected."
    )

    @field_validator(*EMPTY_IS_UNSET, mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object, info: ValidationInfo) -> object:
        """``OPENSEARCH_CA_CERTS=`` (as an .env file or a Compose default gives it) is unset, not the path '.'."""
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if isinstance(text, str) and not text.strip():
            return DEFAULT_SCHEMAS_DIR if info.field_name == "schemas_dir" else None
        return value

    @field_validator("schemas_dir")
    @classmethod
    def _schemas_dir(cls, value: Path) -> Path:
        """The folder must hold both index templates, so that a mistyped ``DOCINDEX_SCHEMAS_DIR`` stops the command
        before it starts rather than once the run is under way (``/srv/schema`` for ``/srv/schemas``: "'/srv/schema'
        is no folder: it must hold the index templates chunks.json and documents.json")."""
        missing = [name for name in SCHEMA_FILES if not (value / name).is_file()]
        if missing:
            what = "no folder" if not value.is_dir() else f"a folder without {' and '.join(missing)}"
            raise ValueError(f"{str(value)!r} is {what}: it must hold the index templates {' and '.join(SCHEMA_FILES)}")
        return value

    @field_validator("index")
    @classmethod
    def _index_name(cls, value: str) -> str:
        return validate_index_name(value)

    @field_validator("languages", mode="before")
    @classmethod
    def _split_languages(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(v.strip().lower() for v in value.split(",") if v.strip())
        return value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - available_languages())
        if unknown or not value:
            raise ValueError(
                f"no detector profile for {unknown or 'an empty list'}; "
                f"choose from {', '.join(sorted(available_languages()))}"
            )
        return tuple(dict.fromkeys(value))

    @field_validator("repeated_line_min_docs")
    @classmethod
    def _repeated_min_docs(cls, value: int) -> int:
        if value == 1:
            raise ValueError("must be 0 (off) or at least 2: with 1 every line recurs")
        return value

    @field_validator("dask_address")
    @classmethod
    def _dask_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.match(r"^[a-z][a-z0-9+]*://\S+$", value):
            raise ValueError(f"{value!r} must be a scheduler address such as tcp://scheduler:8786")
        return value

    @field_validator("opensearch_url")
    @classmethod
    def _url(cls, value: str) -> str:
        problem = url_problem(value)
        if problem == CREDENTIALS_IN_URL:  # before anything that echoes the value
            raise ValueError(problem)
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"{value!r} must be an http:// or https:// URL")
        if problem is not None:
            raise ValueError(f"{problem} (http://localhost:9200)")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _cross_field(self) -> Self:
        if (self.opensearch_username is None) != (self.opensearch_password is None):
            given, missing = ("OPENSEARCH_USERNAME", "OPENSEARCH_PASSWORD")[:: 1 if self.opensearch_password is None else -1]
            raise ValueError(
                f"{given} is set but {missing} is not (or is empty): set both for a secured cluster, or neither"
            )
        if self.opensearch_ca_certs is not None and not self.opensearch_ca_certs.is_file():
            raise ValueError(f"OPENSEARCH_CA_CERTS {str(self.opensearch_ca_certs)!r} is not a readable file")
        if self.language_short_text_detector == "lingua":
            try:
                supported = lingua_languages()
            except ImportError:
                raise ValueError(
                    "DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR=lingua needs the lingua extra: pip install 'docindex[lingua]'"
                ) from None
            if unknown := sorted(set(self.languages) - supported):
                raise ValueError(f"DOCINDEX_LANGUAGES: lingua has no model for {unknown}")
        if self.chunk_overlap_sentences and self.chunk_overlap_sentences * SENTENCE_WORDS >= self.chunk_words:
            raise ValueError(
                f"DOCINDEX_CHUNK_OVERLAP_SENTENCES ({self.chunk_overlap_sentences}) must be 0 or below DOCINDEX_CHUNK_WORDS "
                f"/ {SENTENCE_WORDS} ({self.chunk_words} / {SENTENCE_WORDS}: a sentence counts as {SENTENCE_WORDS} words)"
            )
        return self

    @property
    def chunks_alias(self) -> str:
        return f"{self.index}-chunks"

    @property
    def documents_alias(self) -> str:
        return f"{self.index}-documents"

    @property
    def uses_tls(self) -> bool:
        return self.opensearch_url.startswith("https://")


def load_settings(*, given_as: Literal["option", "parameter"] = "option", **overrides: object) -> Settings:
    """The environment's settings with the given non-empty overrides: command-line options, or a flow's parameters
    (``given_as``, how an error names them). Invalid values become a ConfigError listing every problem, without
    echoing the values."""
    given: dict[str, Any] = {k: v for k, v in overrides.items() if v}  # any type: validation checks each value
    try:
        return Settings(**given)
    except ValidationError as exc:
        where = {k: "flow parameter" if given_as == "parameter" else "--" + k.replace("_", "-") for k in given}
        problems = "; ".join(_problem(e["loc"], e["msg"], where) for e in exc.errors())
        raise ConfigError(f"invalid configuration: {problems}") from None


def _problem(loc: tuple[int | str, ...], message: str, overridden: Mapping[str, str]) -> str:
    """One problem as an operator reads it: the setting where it was set, then what is wrong with it."""
    message = message.removeprefix("Value error, ")  # pydantic's prefix for a validator's own words
    return f"{_setting_name(loc, overridden)}: {message}" if loc else message  # a rule across settings names them


#: ``DOCINDEX_`` variables that are no setting and are not reported: Compose's (``.env``), the image's build argument
#: and the test suite's
NOT_SETTINGS = frozenset({"DOCINDEX_INBOX", "DOCINDEX_BIND", "DOCINDEX_EXTRAS", "DOCINDEX_TEST_PREFECT_HOME"})


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """A warning for each ``DOCINDEX_`` variable of ``environ`` that names no setting, which the settings would
    otherwise ignore without a word, with the setting it may mean: ``DOCINDEX_BATCHSIZE=100`` gives
    "DOCINDEX_BATCHSIZE is no docindex setting and is ignored (DOCINDEX_BATCH_SIZE?)". Names are compared in
    capitals, as the settings read them."""
    known = {env_name(name) for name in Settings.model_fields}
    # the spellings a setting may be mistaken for: its own, and an OpenSearch one's with the prefix of the others
    meant = {**{"DOCINDEX_" + k: k for k in known if not k.startswith("DOCINDEX_")}, **{k: k for k in known}}
    warnings = []
    for variable in sorted(environ):
        name = variable.upper()
        if name.startswith("DOCINDEX_") and name not in known and name not in NOT_SETTINGS:
            close = difflib.get_close_matches(name, sorted(meant), n=1, cutoff=0.8)
            warnings.append(f"{variable} is no docindex setting and is ignored" + (f" ({meant[close[0]]}?)" if close else ""))
    return warnings


def env_name(name: str) -> str:
    """The environment variable of the field ``name`` ("DOCINDEX_BATCH_SIZE", "OPENSEARCH_URL")."""
    alias = Settings.model_fields[name].validation_alias
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else "DOCINDEX_" + name.upper()


def _setting_name(loc: tuple[int | str, ...], overridden: Mapping[str, str]) -> str:
    """A setting as an operator sets it: its environment variable ("DOCINDEX_BATCH_SIZE"), or where it was
    overridden (``overridden``: field -> "--dask-address", "flow parameter")."""
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = [str(c) for c in alias.choices] if isinstance(alias, AliasChoices) else []
        if str(loc[0]) in (name, *choices):
            where = overridden.get(name)
            if where == "flow parameter":
                return f"flow parameter {name}"
            return where or env_name(name)
    return ".".join(map(str, loc))
