"""Every option is declared once; the command line, the project file and the cache key follow the declaration."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import options as o
from briefing.build import BuildSettings
from briefing.build.fingerprints import Fingerprints
from briefing.cli import cli
from briefing.config import Config, load_config, option_groups
from briefing.options import declared


def _two_values(kind: o.Kind, tmp_path: Path) -> tuple[object, object]:
    """Return two different values of a kind of option."""
    if isinstance(kind, o.Whole):
        return kind.low, kind.low + 1
    if isinstance(kind, o.Number):
        return kind.low + 0.5, kind.low + 1
    if isinstance(kind, o.Choice):
        return kind.choices[0], kind.choices[1]
    if isinstance(kind, o.Size):
        return 1000, 2000
    if isinstance(kind, o.File):
        paths = tmp_path / "one.bin", tmp_path / "two.bin"
        for number, path in enumerate(paths):
            path.write_bytes(b"content %d" % number)
        return paths
    if isinstance(kind, o.Folder):
        folders = tmp_path / "one", tmp_path / "two"
        for number, folder in enumerate(folders):
            folder.mkdir()
            (folder / "brief.css").write_text(f"/* {number} */", encoding="utf-8")
        return folders
    if isinstance(kind, o.Strings):
        return ("md",), ("json",)
    if isinstance(kind, o.Flag):
        return False, True
    return "one", "two"


SHAPING = [(item.name, declaration) for item, declaration in declared(*option_groups())
           if declaration.shapes_output and declaration.cache_part != "outputs"]  # the formats: see below


def test_the_declaration_names_options_that_shape_outputs():
    names = {item.name for item, declaration in declared(*option_groups()) if declaration.shapes_output}
    assert {"formats", "summary_sentences", "model", "marking", "paper", "logo", "template_dir"} <= names


def test_the_formats_are_recorded_per_output_not_in_the_options_key():
    keys = [_key(BuildSettings.from_config(Config(formats=formats), jobs=1)) for formats in (("md",), ("pdf",))]
    assert keys[0] == keys[1]  # building -f md then -f pdf rebuilds neither (tests/test_concurrency.py)


@pytest.mark.parametrize(("name", "declaration"), SHAPING, ids=[name for name, _ in SHAPING])
def test_the_cache_key_changes_when_an_option_that_shapes_outputs_changes(name, declaration, tmp_path):
    first, second = _two_values(declaration.kind, tmp_path)
    keys = [_key(BuildSettings.from_config(Config(**{name: value}), jobs=1)) for value in (first, second)]
    assert keys[0] != keys[1]


def _key(settings: BuildSettings) -> tuple[str, str]:
    fingerprints = Fingerprints(settings)
    return fingerprints.options, fingerprints.templates


def test_an_option_that_does_not_shape_outputs_leaves_the_cache_key_alone():
    keys = [_key(BuildSettings.from_config(Config(max_bytes=size), jobs=1)) for size in (10, 20)]
    assert keys[0] == keys[1]


def _toml_value(kind: o.Kind) -> str:
    """Return a project file's value of a kind of option."""
    if isinstance(kind, o.Whole):
        return str(kind.low)
    if isinstance(kind, o.Number):
        return str(kind.low + 1)
    if isinstance(kind, o.Size):
        return "1000"
    if isinstance(kind, o.Flag):
        return "true"
    if isinstance(kind, o.Choice):
        return f'"{kind.choices[0]}"'
    if isinstance(kind, o.Formats):
        return '"md"'
    if isinstance(kind, o.Pages):
        return '"1-2"'
    return '"x"'


def test_every_declared_option_is_a_project_file_key(tmp_path):
    tables: dict[str | None, list[str]] = {}
    for item, declaration in declared(*option_groups()):
        tables.setdefault(declaration.table, []).append(f"{declaration.key(item.name)} = {_toml_value(declaration.kind)}")
    text = "\n".join(tables.pop(None, []))
    for table, lines in tables.items():
        text += f"\n[{table}]\n" + "\n".join(lines)
    (tmp_path / "briefing.toml").write_text(text + "\n", encoding="utf-8")
    config = load_config(tmp_path / "briefing.toml")
    assert all(getattr(config, item.name) is not None for item, _ in declared(*option_groups()))


def test_every_declared_command_line_option_is_in_build_help():
    shown = CliRunner().invoke(cli, ["build", "--help"]).output
    shown += CliRunner().invoke(cli, ["build", "--help-llm"]).output  # the llm summariser's: listed on their own
    for item, declaration in declared(*option_groups()):
        if declaration.on_command_line:
            for spelling in declaration.cli_flags(item.name)[-1].split("/"):  # "--figures/--no-figures": both
                assert spelling in shown
