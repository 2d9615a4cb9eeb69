"""samples/ is the seed's brief as the code builds it today; a stale sample fails here.

Rebuild with the command in the README's Samples section.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .conftest import ROOT, SEED

SAMPLES = ROOT / "samples"


# The README's Samples command builds with these; test_readme_builds_samples_so keeps the two in step.
SAMPLE_ENV = {"SOURCE_DATE_EPOCH": "1695081600"}
SAMPLE_OPTIONS = ["--marking", "TLP:CLEAR"]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples")
    result = CliRunner().invoke(
        cli, ["build", str(SEED), "-f", "md", "-f", "html", "-f", "json", "-o", str(out), *SAMPLE_OPTIONS],
        env=SAMPLE_ENV,
    )
    assert result.exit_code == 0, result.output
    return out


def test_readme_builds_samples_so():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (command,) = [line for line in readme.splitlines() if "-o samples" in line]
    assert command.startswith(" ".join(f"{k}={v}" for k, v in SAMPLE_ENV.items()) + " briefing build ")
    assert '--marking "TLP:CLEAR"' in command and "pdftoppm -png -r 60 -singlefile" in command


@pytest.mark.parametrize("suffix", [".md", ".html", ".json"])
def test_sample_is_current(rebuilt, suffix):
    name = f"{SEED.stem}{suffix}"
    expected = (SAMPLES / name).read_text(encoding="utf-8")
    actual = (rebuilt / name).read_text(encoding="utf-8")
    assert actual == expected, f"samples/{name} is stale: rebuild it with the README's Samples command"


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".png"])
def test_binary_samples_exist(suffix):
    path = SAMPLES / f"{SEED.stem}{suffix}"
    assert path.stat().st_size > 1000
