"""``--summariser llm`` through the command line and the project file, against a scripted server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("openai")

from briefing.cli import cli  # noqa: E402
from tests.llm_server import Reply, ScriptedModel, parrot  # noqa: E402
from tests.test_llm_summariser import KEY, SOURCE  # noqa: E402


@pytest.fixture(scope="module")
def server():
    model = ScriptedModel().start()
    yield model
    model.stop()


@pytest.fixture
def source(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "water.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def llm_args(server, tmp_path, *more):
    return ("--summariser", "llm", "--llm-base-url", server.url, "--llm-model", "tiny-instruct",
            "--llm-cache-dir", tmp_path / "answers", *more)


def test_build_with_the_llm_summariser_reports_what_it_cost(server, source, tmp_path):
    server.reset(respond=parrot)
    result = run("build", source, "-f", "json", "-f", "md", "-o", tmp_path / "out", "--report", tmp_path / "r.json",
                 *llm_args(server, tmp_path))
    assert result.exit_code == 0, result.stderr
    brief = json.loads((tmp_path / "out" / "water.json").read_text(encoding="utf-8"))
    assert brief["generator"]["summariser"] == "llm" and brief["generator"]["model"] == "tiny-instruct"
    assert brief["generator"]["dropped"] == {} and brief["summary"][0]["origin"] == "extractive"
    (document,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert document["summariser"]["requests"] == 1 and document["summariser"]["prompt_tokens"] == 100
    assert document["summariser"]["dropped"] == {} and "warning" not in document
    assert server.requests[0].authorization == f"Bearer {KEY}"
    written = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()]
    assert not any(KEY in text for text in [*written, result.output, result.stderr])
    again = run("build", source, "-f", "json", "-f", "md", "-o", tmp_path / "out", *llm_args(server, tmp_path))
    assert again.exit_code == 0 and len(server.requests) == 1  # current: nothing asked


def test_a_failed_model_falls_back_with_a_warning_and_is_tried_again_next_build(server, source, tmp_path):
    server.reset(Reply(status=401), Reply(status=401))
    args = ("build", source, "-f", "json", "-o", tmp_path / "out", "--report", tmp_path / "r.json",
            *llm_args(server, tmp_path))
    result = run(*args)
    assert result.exit_code == 0
    assert f"warning: {source}: the model failed (model 'tiny-instruct' at {server.url}: the endpoint refused " \
           "the request (401); put the API key in the environment variable OPENAI_API_KEY); the extractive " \
           "summariser built this brief" in result.stderr
    brief = json.loads((tmp_path / "out" / "water.json").read_text(encoding="utf-8"))
    assert brief["generator"]["summariser"] == "extractive" and "model" not in brief["generator"]
    (document,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert document["warning"].startswith("the model failed")
    assert run(*args).exit_code == 0 and len(server.requests) == 2  # not recorded as current: asked again


def test_no_fallback_fails_the_document(server, source, tmp_path):
    server.reset(Reply(status=401))
    result = run("build", source, "-f", "json", "-o", tmp_path / "out", "--no-fallback", *llm_args(server, tmp_path))
    assert result.exit_code == 1
    assert f"Error: {source}: model 'tiny-instruct' at {server.url}: the endpoint refused the request (401)" \
        in result.stderr
    assert not (tmp_path / "out" / "water.json").exists()


def test_cache_only_needs_no_server_and_warns_of_clear_text(source, tmp_path):
    result = run("summarise", source, "--summariser", "llm", "--llm-base-url", "http://10.255.255.1:9/v1",
                 "--llm-model", "m", "--llm-cache-dir", tmp_path / "answers", "--llm-cache-only")
    assert result.exit_code == 1
    assert "warning: http://10.255.255.1:9/v1 is plain http:// to another machine: every document travels in " \
           "clear text; use https://" in result.stderr
    assert "no cached answer for this document and these options (--llm-cache-only)" in result.stderr


def test_the_summarise_command_builds_from_the_cache_a_build_filled(server, source, tmp_path):
    server.reset(respond=parrot)
    assert run("build", source, "-f", "json", "-o", tmp_path / "out", *llm_args(server, tmp_path)).exit_code == 0
    server.reset()
    result = run("summarise", source, *llm_args(server, tmp_path, "--llm-cache-only"))
    assert result.exit_code == 0, result.stderr
    built = json.loads((tmp_path / "out" / "water.json").read_text(encoding="utf-8"))
    assert json.loads(result.output) == built and server.requests == []


def test_a_model_is_required(source):
    result = run("build", source, "-f", "json", "--summariser", "llm")
    assert result.exit_code == 2
    assert "the llm summariser needs a model: --llm-model NAME, or model in the [llm] table" in result.stderr


def test_the_project_file_llm_table(server, source, tmp_path):
    server.reset(respond=parrot)
    (tmp_path / "briefing.toml").write_text(
        f'inputs = ["water.txt"]\nformats = ["json"]\nsummariser = "llm"\n\n[llm]\nbase-url = "{server.url}"\n'
        'model = "tiny-instruct"\ntemperature = 0.2\nseed = 7\ntimeout = 30\nmax-concurrency = 1\n'
        'context-tokens = 4096\ncache-dir = "answers"\napi-key-env = "OPENAI_API_KEY"\n', encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.stderr
    body = server.requests[0].body
    assert (body["model"], body["temperature"], body["seed"]) == ("tiny-instruct", 0.2, 7)
    assert list((tmp_path / "answers").iterdir())
    bad = (tmp_path / "briefing.toml").read_text(encoding="utf-8").replace("temperature = 0.2", "temperature = 9")
    (tmp_path / "briefing.toml").write_text(bad, encoding="utf-8")
    result = run("build")
    assert result.exit_code == 2 and "temperature" in result.stderr and "from 0 to 2" in result.stderr


def test_worker_processes_report_each_documents_account(server, source, tmp_path):
    server.reset(respond=parrot)
    other = tmp_path / "river.txt"
    other.write_text(SOURCE.replace("six engineers", "seven engineers"), encoding="utf-8")
    result = run("build", source, other, "-f", "json", "-o", tmp_path / "out", "-j", "2",
                 "--report", tmp_path / "r.json", *llm_args(server, tmp_path))
    assert result.exit_code == 0, result.stderr
    documents = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert [d["summariser"]["requests"] for d in documents] == [1, 1]
    assert len(server.requests) == 2
