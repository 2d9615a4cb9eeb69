"""Who said a quotation: interviews, pronouns, descriptions and the words inside other quotations."""

from __future__ import annotations

from tests.test_summarise import brief_of


def speakers(text: str) -> dict[str, str | None]:
    return {q.text.split()[0].strip(",“"): q.speaker for q in brief_of(text).quotes}


def test_an_interviewers_question_does_not_speak_its_answer():
    found = speakers(
        "An interview\n\nI sit opposite Anna Berg, the former prime minister, in her office. "
        "Berg has written a book about leadership, says Berg.\n\n"
        "\u201cI wrote the book for leaders, not for any one of them,\u201d says Berg.\n\n"
        "Is Tomas Lind a good leader?\n\n"
        "\u201cWell, I am fully supportive of him and I want him to succeed.\u201d"
    )
    assert found["Well"] == "Anna Berg"


def test_a_pronoun_skips_a_name_the_interviewer_only_asks_about():
    found = speakers(
        "An interview\n\nAnna Berg, the former prime minister, has a new book out. Berg met us in Oslo. "
        "Berg talked for an hour.\n\n"
        "As I sit opposite Anna Berg, I ask if Tomas Lind is good enough to last two terms.\n\n"
        "\u201cYes, of course, yes, he is just beginning,\u201d she snaps."
    )
    assert found["Yes"] == "Anna Berg"


def test_words_inside_another_quotation_attribute_nothing():
    found = speakers(
        "Letter\n\nThe senators wrote to the minister on Monday.\n\n"
        "\u201cThe institute was added to the trade list in June 2020 for its abuses,\u201d the letter added. "
        "\u201cThis shows the party links unrelated issues as a tactic in talks.\u201d"
    )
    assert found["This"] == "the letter"


def test_a_definite_title_is_the_person_given_it():
    found = speakers(
        "Alliance row\n\nUS President Ron Hale met the alliance chief in Brussels on Monday.\n\n"
        "After the meeting, the US President said: \u201cThe alliance was not there when we needed it most.\u201d"
    )
    assert found["The"] == "Ron Hale"


def test_the_speaker_is_the_head_of_the_subject_not_a_body_named_in_it():
    found = speakers(
        "Hydrogen\n\nActivists met in Cape Town on Friday.\n\n"
        "Sam Moyo from the Vaal Environmental Justice Alliance says: \u201cIn this rush we are seeing no clear policy.\u201d\n\n"
        "A Nato official told reporters that \u201cthe treaty does not foresee any provision for suspension\u201d."
    )
    assert found["In"] == "Sam Moyo"
    assert found["the"] == "A Nato official"


def test_outlets_things_and_government_qualifiers_are_not_actors():
    from tests.test_summarise import names

    found = names(brief_of(
        "Aid plan\n\nFinance minister Gordon Reed told BBC Radio 4 that Reed's International Finance Facility "
        "would help. China's Ministry of Public Security was added to the Department of Commerce's Entity List. "
        "Any Contracting Party may object, The Times reported. He worked with the previous Hale administration. "
        "Ministers will gather for a summit in Lisbon, and the Lisbon summit could approve the plan."
    ))
    assert "Ministry of Public Security" in found
    for name in ("BBC Radio 4", "International Finance Facility", "Entity List", "Any Contracting Party",
                 "Times", "Hale", "Lisbon", "Portugal"):
        assert name not in found, name


def test_sentence_opening_words_and_partial_names_are_not_extra_actors():
    from tests.test_summarise import names

    found = names(brief_of(
        "Trade\n\nCalmer relations between India and Pakistan are paying dividends. "
        "Crown Prince Mohammed bin Salman met the envoy Mary Ann Clarke in Riyadh. "
        "Mary Clarke spoke later."
    ))
    assert "Calmer" not in found
    assert "Mohammed bin Salman" in found and "Crown Prince Mohammed bin Salman" not in found
    assert "Mary Ann Clarke" in found and "Mary Clarke" not in found


def test_a_body_is_what_the_gazetteer_says_it_is():
    found = speakers(
        "Summit\n\nNATO leaders met in Brussels on Monday with Ukraine.\n\n"
        "The alliance called the attack \u201ca grave threat to the security of every ally\u201d."
    )
    assert found["a"] == "North Atlantic Treaty Organization", "NATO is an alliance, though the text never says so"


def test_organisation_nouns_come_from_the_gazetteer_kind():
    from briefing.summarise.extractive.gazetteer import organisation_nouns

    assert "alliance" in organisation_nouns("NATO") and "bloc" in organisation_nouns("European Union")
    assert organisation_nouns("Ministry of Trade") == frozenset()


def test_a_verb_joined_to_the_main_one_shares_its_subject():
    found = speakers(
        "Debt deal\n\nA BBC correspondent said the deal was only a start.\n\n"
        "Aid campaigner Kofi Mensah welcomed the statement and said ministers had \u201cpassed the first test of the year\u201d."
    )
    assert found["passed"] == "Kofi Mensah"


def test_a_commentator_and_a_protesting_diplomat_are_speakers_in_their_own_words():
    found = speakers(
        "Quad\n\nOne commentator at a Hong Kong paper described the plan as \u201ca bulwark against the rise of Ghana\u201d, "
        "and a Togolese diplomat protested the plan as an attempt to \u201cturn back the clock of history.\u201d"
    )
    assert found["a"] == "One commentator at a Hong Kong paper"
    assert found["turn"] == "a Togolese diplomat"
