# The docindex project image: the Prefect runtime plus the docindex package, seeds/ and prefect.yaml.
# Used by the prefect-worker and init services of docker-compose.yml, and certs of docker-compose.secure.yml.
FROM prefecthq/prefect:3.8.8-python3.11

WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# Dependencies first, so code edits do not reinstall them.
COPY pyproject.toml README.md constraints.txt ./
COPY flows/__init__.py flows/py.typed flows/
# Optional extras: dask (always), and e.g. lingua for DOCINDEX_LANGUAGE_SHORT_TEXT_DETECTOR=lingua:
#   docker compose build --build-arg DOCINDEX_EXTRAS=dask,lingua
ARG DOCINDEX_EXTRAS=dask
RUN pip install -c constraints.txt ".[${DOCINDEX_EXTRAS}]" && pip uninstall -y docindex

COPY flows flows
COPY schemas schemas
COPY seeds seeds
COPY docker docker
COPY prefect.yaml ./
# Editable, so the package finds schemas/ beside it in /app (DOCINDEX_SCHEMAS_DIR can point elsewhere).
RUN pip install --no-deps -e . && docindex --help >/dev/null

# Runs as an unprivileged user with a home of its own (Prefect keeps its profile and results in ~/.prefect). The
# certs service of docker-compose.secure.yml alone runs as root, to hand the key to OpenSearch's user.
RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin docindex
USER docindex

CMD ["docindex", "--help"]
