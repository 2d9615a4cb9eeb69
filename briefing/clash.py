"""Refuse, before any work, a build that would destroy a file: an input, or a file briefing did not make.

A build writes ``<output folder>/<stem><suffix>`` for every input and
format. That name can be one of the batch's own inputs (``briefing build
memo.docx -o .``), a file the user keeps beside them, or a folder the
inputs are searched in, so the next build would read its own briefs back
as sources. Each is refused with the clash named and the way out; no
option overrides it.
"""

from __future__ import annotations

import glob
import json
import os
import zipfile
from pathlib import Path
from typing import Callable, Iterable, Sequence

from briefing.errors import OutputClashError
from briefing.inputs import searched_folder

__all__ = ["check_distinct", "check_outputs", "made_by_briefing"]

# How much of a Markdown or HTML file to read for the generator mark our templates put near the top.
_HEAD_BYTES = 8192


def check_outputs(outputs: Iterable[Path], inputs: Sequence[str], sources: Sequence[str], *, output_dir: Path,
                  recorded: Callable[[Path], bool], readable: Sequence[str]) -> None:
    """Raise OutputClashError if writing ``outputs`` would destroy a file or feed the next build.

    ``inputs`` are the batch's inputs as the user named them (files, folders,
    patterns, URLs) and ``sources`` the documents they expanded to;
    ``recorded(path)`` says whether the output folder's manifest lists
    ``path`` as a brief an earlier build wrote; ``readable`` are the
    suffixes ingest reads.
    """
    outputs = list(outputs)
    files = {os.path.realpath(name) for name in sources if _is_file_name(name)}
    folders = {os.path.realpath(item) for item in inputs if _is_file_name(item) and os.path.isdir(item)}
    patterns = [item for item in inputs
                if _is_file_name(item) and not os.path.exists(item) and glob.has_magic(item)]
    real_output_dir = os.path.realpath(output_dir)
    for path in outputs:
        real = os.path.realpath(path)
        if real in files:
            raise OutputClashError(
                f"{path}: the brief would be written over its own input; choose another output folder (-o)")
    for pattern in patterns:
        if _within(searched_folder(pattern), real_output_dir):
            raise OutputClashError(
                f"{output_dir}: the pattern {pattern!r} searches the output folder, so its briefs would be read as "
                "sources; choose another output folder (-o)")
    if any(p.suffix.lower() in readable for p in outputs):
        for folder in folders:
            if real_output_dir == folder:
                raise OutputClashError(
                    f"{output_dir}: the output folder is the input folder {_shown(folder)}, so the next build would "
                    "read its own briefs as sources; choose another output folder (-o)")
    for path in outputs:
        if path.exists() and not (recorded(path) or made_by_briefing(path)):
            raise OutputClashError(
                f"{path}: exists and was not made by briefing; it is never overwritten (not even with --force): "
                "choose another output folder (-o), or move the file")


def check_distinct(outputs: Iterable[tuple[str, Path]]) -> None:
    """Raise OutputClashError if two inputs of ``(input, output path)`` pairs would write the same output."""
    from briefing.errors import printable

    writer: dict[str, str] = {}
    for source, path in outputs:
        key = os.path.normcase(os.path.abspath(path))
        first = writer.setdefault(key, source)
        if first != source:
            raise OutputClashError(
                f"{path}: both {printable(first)} and {printable(source)} would be briefed as this file; build them "
                "into different output folders (-o), or name the folder that holds both so each keeps its place")


def made_by_briefing(path: Path) -> bool:
    """Say whether the file at ``path`` carries the generator mark of one of briefing's own formats."""
    checks = {".md": _marked_head, ".html": _marked_head, ".htm": _marked_head, ".json": _marked_json,
              ".docx": _marked_docx, ".pdf": _marked_pdf}
    check = checks.get(path.suffix.lower())
    if check is None or not path.is_file():
        return False
    try:
        return check(path)
    except Exception:  # a damaged file of ours is as unrecognisable as a foreign one: keep it  # noqa: BLE001
        return False


def _is_file_name(item: str) -> bool:
    from briefing.ingest.url import is_url
    from briefing.inputs import STDIN

    return item != STDIN and not is_url(item)


def _within(path: str, folder: str) -> bool:
    real = os.path.realpath(path)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def _shown(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _marked_head(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    return b'generator: "briefing ' in head or b'<meta name="generator" content="briefing ' in head


def _marked_json(path: Path) -> bool:
    if path.stat().st_size > 64 * 1024 * 1024:
        return False
    data = json.loads(path.read_bytes())
    return isinstance(data, dict) and isinstance(data.get("generator"), dict) and data["generator"].get(
        "name") == "briefing"


def _marked_docx(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("docProps/core.xml")
        if info.file_size > 1024 * 1024:
            return False
        return b"<dc:description>Generated by briefing " in archive.read(info)


def _marked_pdf(path: Path) -> bool:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with path.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for info in document.info:
            creator = resolve1(info.get("Creator"))
            if isinstance(creator, bytes):
                text = creator.decode("utf-16") if creator.startswith(b"\xfe\xff") else creator.decode("latin-1")
                if text.startswith("briefing "):
                    return True
    return False
