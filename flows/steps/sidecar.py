"""Metadata operators write beside documents: ``manifest.jsonl`` in a folder and ``<file>.meta.json`` beside a file.

A manifest line is a JSON object with ``path`` (relative to the manifest's folder) and any of ``source`` (or
``site``), ``url``, ``published`` (ISO date), ``title``, ``author``, ``tags`` (list of strings); a ``.meta.json`` file
holds one such object without ``path``. The file's own ``.meta.json`` wins over a manifest entry. Sidecar values
override what is detected in the document.

A sidecar that names a document but cannot be used rejects that document (reason ``bad_sidecar``), naming the file
and the line; a manifest line that names no document (not JSON, no ``path``, no such file) becomes a warning in the
run report. Nothing here raises for bad input.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from flows.models import Frozen, Metadata, Reason, Rejection, SourceRef, Step
from flows.steps.load import SIDECAR_SUFFIXES

MANIFEST = "manifest.jsonl"
KEYS = frozenset({"source", "site", "url", "published", "title", "author", "tags"})


class SidecarError(ValueError):
    """A sidecar object that cannot be used; the message says which key and why."""


class Sidecars(Frozen):
    """Sidecar metadata of a set of documents, keyed by source path, with what could not be used."""

    metadata: dict[str, Metadata] = {}
    rejections: dict[str, Rejection] = {}
    warnings: tuple[str, ...] = ()


def parse_sidecar(obj: object) -> Metadata:
    """Metadata from one sidecar object; raises SidecarError naming the offending key."""
    if not isinstance(obj, dict):
        raise SidecarError(f"expected a JSON object, got {type(obj).__name__}")
    unknown = sorted(set(obj) - KEYS - {"path"})
    if unknown:
        raise SidecarError(f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(sorted(KEYS))}")
    if "source" in obj and "site" in obj and obj["source"] != obj["site"]:
        raise SidecarError("'source' and 'site' are the same field and disagree")
    fields: dict[str, object] = {}
    for key in ("title", "author", "url"):
        if obj.get(key) is not None:
            if not isinstance(obj[key], str):
                raise SidecarError(f"{key!r} must be a string")
            fields[key] = obj[key].strip() or None
    site = obj.get("site", obj.get("source"))
    if site is not None:
        if not isinstance(site, str):
            raise SidecarError("'source' must be a string")
        fields["site"] = site.strip() or None
    if obj.get("published") is not None:
        try:
            fields["published"] = date.fromisoformat(str(obj["published"])[:10])
        except ValueError:
            raise SidecarError(f"'published' must be an ISO date (YYYY-MM-DD), got {obj['published']!r}") from None
    if "tags" in obj:
        tags = obj["tags"]
        if isinstance(tags, str):
            tags = [tags]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise SidecarError("'tags' must be a list of strings")
        fields["tags"] = tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))
    try:
        return Metadata(**fields)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SidecarError(str(exc)) from None


def override(detected: Metadata, sidecar: Metadata | None) -> Metadata:
    """The detected metadata with every field the sidecar sets replaced by the sidecar's value."""
    if sidecar is None:
        return detected
    return detected.model_copy(update=sidecar.model_dump(exclude_unset=True))


def _label(ref: SourceRef, path: Path) -> str:
    """A sidecar's path in the document's namespace ('<root name>/...'), for messages."""
    root = ref.path.parents[len(Path(ref.file_source_path).parts) - 2]
    return f"{ref.source_path.split('/', 1)[0]}/{path.relative_to(root).as_posix()}"


def _is_file(path: Path) -> bool:
    """Whether a file is there; False for a name the file system cannot hold (a file name of 246 bytes or more
    and ".meta.json", or a manifest's path that is too long), which Path.is_file raises for."""
    try:
        return path.is_file()
    except OSError:
        return False


def read_sidecars(refs: list[SourceRef]) -> Sidecars:
    """Read the manifests in the folders of the documents (up to their input folder) and their .meta.json files."""
    metadata: dict[str, Metadata] = {}
    rejections: dict[str, Rejection] = {}
    warnings: list[str] = []
    # normpath, not resolve(): a symlink loop among the inputs must not break the run
    by_path: dict[Path, list[SourceRef]] = {}  # the records of a file that holds many share its sidecar
    for ref in refs:
        by_path.setdefault(Path(os.path.normpath(ref.path)), []).append(ref)
    manifests: dict[Path, SourceRef] = {}
    for ref in (targets[0] for targets in by_path.values()):  # once per file, not per record of a file
        depth = len(Path(ref.file_source_path).parts) - 1  # folders between the input folder and the file
        for folder in list(ref.path.parents)[:depth]:
            if _is_file(folder / MANIFEST):
                manifests.setdefault(folder / MANIFEST, ref)

    def reject(ref: SourceRef, where: str, problem: str) -> None:
        rejections[ref.source_path] = Rejection(
            path=ref.source_path, step=Step.LOAD, reason=Reason.BAD_SIDECAR, detail=f"{where}: {problem}", doc_id=ref.doc_id
        )

    for manifest in sorted(manifests, key=lambda p: len(p.parts)):  # deeper manifests override shallower ones
        label = _label(manifests[manifest], manifest)
        try:
            text = manifest.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            warnings.append(f"{label}: cannot be read ({exc}); its entries were ignored")
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{label} line {n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                warnings.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); line ignored")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("path"), str):
                warnings.append(f"{where}: needs a 'path' (relative to the manifest's folder); line ignored")
                continue
            target = Path(os.path.normpath(manifest.parent / obj["path"]))
            targets = by_path.get(target)
            if targets is None:
                if not _is_file(target):
                    warnings.append(f"{where}: no such file {obj['path']!r}; line ignored")
                continue  # a document outside this run
            try:
                found = parse_sidecar(obj)
            except SidecarError as exc:
                for ref in targets:
                    reject(ref, where, str(exc))
                continue
            for ref in targets:
                metadata[ref.source_path] = override(metadata.get(ref.source_path, Metadata()), found)
    for targets in by_path.values():
        first = targets[0]
        for suffix in SIDECAR_SUFFIXES:
            side = first.path.with_name(first.path.name + suffix)
            if not _is_file(side):
                continue
            where = _label(first, side)
            try:
                obj = json.loads(side.read_text(encoding="utf-8-sig"))
                if isinstance(obj, dict) and "path" in obj:
                    raise SidecarError("'path' is only used in manifest.jsonl")
                found = parse_sidecar(obj)
            except json.JSONDecodeError as exc:
                problem = f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
            except (OSError, UnicodeDecodeError) as exc:
                problem = f"cannot be read ({exc})"
            except SidecarError as exc:
                problem = str(exc)
            else:
                for ref in targets:
                    metadata[ref.source_path] = override(metadata.get(ref.source_path, Metadata()), found)
                continue
            for ref in targets:
                reject(ref, where, problem)
    return Sidecars(metadata=metadata, rejections=rejections, warnings=tuple(warnings))
