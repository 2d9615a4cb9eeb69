"""The source's language: detected cheaply, and a source the pipeline cannot read refused with a clear message."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import InputError
from briefing.ingest import parse_bytes
from briefing.summarise.language import check_language, detect_language

from .ingest_fixtures import pdf_bytes

FRENCH = (
    "Le conseil municipal a adopté le règlement numéro 12 lors de la séance ordinaire du 17 mai. "
    "Le règlement est entré en vigueur après la publication de l'avis public. Les membres du conseil "
    "ont voté pour la désignation du sentier comme lieu historique de la municipalité. Il est résolu "
    "que la directrice générale soit autorisée à signer les documents pour et au nom de la municipalité, "
    "et que le maire transmette une copie de la résolution aux organismes concernés par le projet."
)
ENGLISH = (
    "The council adopted the by-law at its regular meeting on 17 May. The by-law came into force after "
    "the public notice was published. Members of the council voted to designate the trail as a historic "
    "site of the municipality, and the mayor was asked to send a copy of the resolution to the bodies "
    "concerned with the project, which has been under discussion for more than two years."
)
GERMAN = (
    "Der Vertrag wird von den Staaten unterzeichnet und ist nicht bindend, sagte die Ministerin auf der "
    "Konferenz. Die Regierung hat sich mit dem Parlament auf eine Reform geeinigt, die im Herbst in Kraft "
    "treten soll und auch für die Länder gilt, wie der Sprecher der Regierung in Berlin mitteilte."
)


def french_pdf() -> bytes:
    paragraphs = "".join(f"<p>{FRENCH}</p>" for _ in range(3))
    return pdf_bytes(f"<html lang='fr'><body><h1>Procès-verbal de la séance</h1>{paragraphs}</body></html>")


@pytest.mark.parametrize(("text", "code"), [
    (FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de"),
    ("Это соглашение было подписано министрами обеих стран в понедельник утром. " * 4, "ru"),
    ("这项协议于星期一由两国部长签署，并将于明年生效。" * 6, "zh"),
])
def test_detect_language(text, code):
    assert detect_language(text).code == code


def test_a_few_words_are_not_enough_to_refuse():
    assert detect_language("Le pacte.").code is None


def test_a_french_pdf_is_refused_with_the_language_named_and_the_override():
    document = parse_bytes(french_pdf(), "pv.pdf")
    with pytest.raises(InputError) as caught:
        check_language(document, "en")
    assert str(caught.value) == (
        "pv.pdf: looks like French (fr); briefing's pipeline reads English (en) only. "
        "To brief it anyway, pass --lang en"
    )
    check_language(document, "en", declared="en")  # the user's word replaces detection
    with pytest.raises(InputError, match="--lang fr-CA asks for French"):
        check_language(document, "en", declared="fr-CA")


def test_the_command_line_refuses_a_french_pdf_and_writes_nothing(tmp_path):
    source = tmp_path / "pv.pdf"
    source.write_bytes(french_pdf())
    result = CliRunner().invoke(cli, ["build", str(source), "-f", "md", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Error: " in result.stderr and "looks like French (fr)" in result.stderr and "--lang en" in result.stderr
    assert not list((tmp_path / "out").glob("*.md"))
