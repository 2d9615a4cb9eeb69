"""The project file: briefing.toml or [tool.briefing] in pyproject.toml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.config import STARTER, Config, ConfigError, find_config, load_config, parse_size, write_starter
from briefing.errors import BriefingError

FULL = """\
inputs = ["sources/", "https://example.org/a.html", "-"]
output-dir = "out"
formats = ["md", "pdf"]
summary-sentences = 4
model = "en_core_web_sm"
max-bytes = "5MB"
jobs = 2
template-dir = "mine"
marking = "TLP:AMBER"
paper = "Letter"
organisation = "Unit"
logo = "logo.svg"
reference-docx = "house.docx"
pdf-variant = "pdf/ua-1"
"""


def test_every_key_is_read_and_paths_are_relative_to_the_file(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "briefing.toml").write_text(FULL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("project/briefing.toml"))
    assert config == Config(
        path=Path("project/briefing.toml"),
        inputs=("project/sources", "https://example.org/a.html", "-"),
        output_dir=Path("project/out"),
        formats=("md", "pdf"),
        summary_sentences=4,
        model="en_core_web_sm",
        max_bytes=5_000_000,
        jobs=2,
        template_dir=Path("project/mine"),
        marking="TLP:AMBER",
        paper="letter",
        organisation="Unit",
        logo=Path("project/logo.svg"),
        reference_docx=Path("project/house.docx"),
        pdf_variant="pdf/ua-1",
    )


def test_the_command_line_overrides_the_file():
    config = Config(formats=("md",), marking="A", jobs=2).overridden(formats=(), marking="B", jobs=None)
    assert (config.formats, config.marking, config.jobs) == (("md",), "B", 2)


def test_found_in_a_parent_folder_briefing_toml_before_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.briefing]\nmarking = "P"\n')
    (tmp_path / "deep" / "er").mkdir(parents=True)
    assert find_config(tmp_path / "deep" / "er") == tmp_path / "pyproject.toml"
    assert load_config(search_from=tmp_path / "deep").marking == "P"
    (tmp_path / "deep" / "briefing.toml").write_text('marking = "B"\n')
    assert load_config(search_from=tmp_path / "deep" / "er").marking == "B"


def test_the_search_stops_at_the_project_root(tmp_path):
    (tmp_path / "briefing.toml").write_text('marking = "outer"\n')
    (tmp_path / "repo" / "src").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    assert find_config(tmp_path / "repo" / "src") is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.briefing]
    assert find_config(tmp_path / "other") is None
    assert load_config(search_from=tmp_path / "other") == Config()


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("briefing.toml", 'marking = "A"\nouput-dir = "x"\n',
         "briefing.toml, line 2: unknown key 'ouput-dir'; did you mean 'output-dir'?"),
        ("briefing.toml", 'formats = ["md"]\n\nsummary-sentences = "3"\n',
         "briefing.toml, line 3: 'summary-sentences' must be a whole number from 1 to 50, not '3'"),
        ("briefing.toml", "jobs = 0\n", "briefing.toml, line 1: 'jobs' must be a whole number of at least 1, not 0"),
        ("briefing.toml", 'paper = "a5"\n', "briefing.toml, line 1: 'paper' must be one of a4, letter, not 'a5'"),
        ("briefing.toml", "formats = [1]\n", "briefing.toml, line 1: 'formats' must be a string or a list of strings"),
        ("briefing.toml", 'max-bytes = "lots"\n', "briefing.toml, line 1: 'max-bytes' 'lots' is not a size in bytes"),
        ("briefing.toml", '[render]\npaper = "a4"\n', "briefing.toml, line 1: unknown key 'render'"),
        ("briefing.toml", 'marking = "A"\nformats = [md]\n',
         "briefing.toml: not valid TOML: Invalid value (at line 2, column 12)"),
        ("pyproject.toml", '[project]\nname = "x"\nmarking = "A"\n\n[tool.briefing]\nformats = "md"\nmarkng = "B"\n',
         "pyproject.toml, line 7: unknown key 'markng' in [tool.briefing]; did you mean 'marking'?"),
    ],
)
def test_a_mistake_names_the_file_the_line_and_the_key(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / name)
    assert str(caught.value).startswith(f"{tmp_path / name}{message[len(name):]}")


def test_a_named_file_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "briefing.toml")


def test_the_starter_file_loads_and_so_does_every_commented_setting(tmp_path):
    path = write_starter(tmp_path / "briefing.toml")
    assert path.read_text(encoding="utf-8") == STARTER
    config = load_config(path)
    assert config.formats == ("md", "docx", "pdf") and config.output_dir.name == "briefs"
    uncommented = re.sub(r"^# ([a-z-]+ = )", r"\1", STARTER, flags=re.MULTILINE)
    assert uncommented.count("\n# ") < STARTER.count("\n# ")
    path.write_text(uncommented, encoding="utf-8")
    config = load_config(path)
    assert config.marking == "TLP:AMBER" and config.jobs == 2 and config.max_bytes == 20 * 2**20
    assert config.llm_model == "qwen2.5-3b-instruct" and config.llm_context_tokens == 8192
    with pytest.raises(BriefingError, match="not overwriting"):
        write_starter(path)
    write_starter(path, overwrite=True)


@pytest.mark.parametrize("text, size", [("20000000", 20_000_000), (" 500kB ", 500_000), ("20MiB", 20 * 2**20),
                                        ("1.5GB", 1_500_000_000), (7, 7)])
def test_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["0", "-5", "12 parsecs", "", True])
def test_bad_sizes(text):
    with pytest.raises(ValueError):
        parse_size(text)
