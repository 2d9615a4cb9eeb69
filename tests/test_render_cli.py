"""The rendering options on the command line, and ``briefing templates export``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli import cli
from briefing.render.templates import builtin_template_dir
from .render_fixtures import SVG_LOGO, make_brief, make_png

EPOCH = "1700000000"


@pytest.fixture
def brief_json(tmp_path: Path) -> Path:
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(make_brief().to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.mark.parametrize("command", [["templates", "--help"], ["templates", "export", "--help"]])
def test_help(command: list[str]) -> None:
    result = invoke(*command)
    assert result.exit_code == 0
    assert "Example: briefing templates export" in result.output


@pytest.mark.parametrize("command", ["build", "render"])
def test_both_commands_take_the_render_options(command: str) -> None:
    result = invoke(command, "--help")
    for option in ("--marking", "--paper", "--organisation", "--logo", "--reference-docx", "--pdf-variant",
                   "--template-dir", "--no-figures"):
        assert option in result.output


def test_render_with_every_option(brief_json: Path, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    (tmp_path / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    reference = tmp_path / "house.docx"
    docx.Document().save(str(reference))
    out = tmp_path / "out"
    result = invoke(
        "render", str(brief_json), "-f", "md", "-f", "pdf", "-f", "docx", "-o", str(out),
        "--marking", "TLP:AMBER", "--paper", "Letter", "--organisation", "Sahel Analysis Unit",
        "--logo", str(tmp_path / "logo.svg"), "--reference-docx", str(reference), "--pdf-variant", "pdf/ua-1",
    )
    assert result.exit_code == 0, result.output
    front = yaml.safe_load((out / "brief.md").read_text(encoding="utf-8").split("---\n")[1])
    assert front["marking"] == "TLP:AMBER" and front["organisation"] == "Sahel Analysis Unit"
    assert front["as_of"] == "2023-11-14"
    pdf = pypdf.PdfReader(out / "brief.pdf")
    assert pdf.metadata["/Marking"] == "TLP:AMBER" and pdf.metadata.author == "Sahel Analysis Unit"
    assert float(pdf.pages[0].mediabox.width) == 612 and "/StructTreeRoot" in pdf.trailer["/Root"]
    document = docx.Document(io.BytesIO((out / "brief.docx").read_bytes()))
    assert document.core_properties.category == "TLP:AMBER"
    assert round(document.sections[0].page_height.cm, 2) == 27.94


@pytest.mark.parametrize(
    "args, message",
    [
        (["--paper", "a5"], "Invalid value for '--paper'"),
        (["--pdf-variant", "pdf/ua-9"], "Invalid value for '--pdf-variant': unknown PDF variant 'pdf/ua-9'"),
        (["--logo", "missing.png"], "Invalid value for '--logo'"),
        (["--reference-docx", "missing.docx"], "Invalid value for '--reference-docx'"),
    ],
)
def test_bad_option_values_are_usage_errors(args: list[str], message: str, brief_json: Path, tmp_path: Path) -> None:
    result = invoke("render", str(brief_json), "-f", "md", "-o", str(tmp_path / "out"), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_logo_that_is_no_image_is_a_usage_error(brief_json: Path, tmp_path: Path) -> None:
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    result = invoke("render", str(brief_json), "-f", "md", "-o", str(tmp_path / "out"), "--logo",
                    str(tmp_path / "logo.gif"))
    assert result.exit_code == 2
    assert "is not a PNG or SVG file" in result.stderr


def test_build_passes_the_options_on(tmp_path: Path) -> None:
    """The summariser runs here, so the check stays small: the marking reaches the Markdown."""
    source = tmp_path / "note.txt"
    source.write_text("Pact signed\n\nMali and Niger signed a defence pact in Niamey on Saturday.\n",
                      encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(make_png())
    result = invoke("build", str(source), "-f", "md", "-o", str(tmp_path / "out"), "--marking", "OFFICIAL",
                    "--logo", str(tmp_path / "logo.png"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "note.md").read_text(encoding="utf-8")
    assert 'marking: "OFFICIAL"' in text and text.rstrip().endswith("**OFFICIAL**")


def test_templates_export(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = invoke("templates", "export", str(target))
    assert result.exit_code == 0, result.output
    names = ["brief.html", "figure.html", "figures.md", "brief.css", "print.css", "brief.md", "reference.docx"]
    assert result.output.splitlines() == [str(target / name) for name in names]
    for name in names:
        assert (target / name).read_bytes() == (builtin_template_dir() / name).read_bytes()
    again = invoke("templates", "export", str(target))
    assert again.exit_code == 1
    assert "Error: not overwriting" in again.stderr and "--force" in again.stderr
    assert invoke("templates", "export", str(target), "--force").exit_code == 0


def test_exported_templates_are_used_by_build(brief_json: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    assert invoke("templates", "export", str(target)).exit_code == 0
    css = target / "brief.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: teal; }\n", encoding="utf-8")
    result = invoke("render", str(brief_json), "-f", "html", "-o", str(tmp_path / "out"), "--template-dir",
                    str(target))
    assert result.exit_code == 0, result.output
    assert "h1 { color: teal; }" in (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "project", "drawn"),
    [((), None, True), (("--no-figures",), None, False), ((), "figures = false", False),
     (("--figures",), "figures = false", True)],
)
def test_no_figures_on_the_command_line_or_in_the_project_file(brief_json: Path, tmp_path: Path, monkeypatch,
                                                                args, project, drawn) -> None:
    monkeypatch.chdir(tmp_path)
    if project:
        (tmp_path / "briefing.toml").write_text(project + "\n", encoding="utf-8")
    result = invoke("render", str(brief_json), "-f", "md", "-f", "json", "-o", "out", *args)
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out" / "brief.md").read_text(encoding="utf-8")
    assert ("```mermaid" in markdown) is drawn and ("## Timeline" in markdown) is drawn
    assert json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))["timeline"]  # the data stays


def test_a_figures_key_that_is_not_true_or_false_is_refused(brief_json: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.toml").write_text('figures = "no"\n', encoding="utf-8")
    result = invoke("render", str(brief_json), "-f", "md", "-o", "out")
    assert result.exit_code == 2
    assert "briefing.toml, line 1: 'figures' must be true or false, not 'no'" in result.output
    assert not (tmp_path / "out").exists()
