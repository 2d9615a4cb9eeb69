"""Roles people are given anywhere in the text, not only beside their first mention."""

from __future__ import annotations

from tests.test_summarise import actor, brief_of


def role(text: str, name: str) -> str | None:
    return actor(brief_of(text), name).role


def test_a_later_definite_title_is_the_role_of_the_person_just_named():
    found = role(
        "Climate talks\n\nMr Tom Hale met envoys in London on Monday. Tom Hale spoke about emissions for an hour. "
        "The prime minister is said to believe that the plan will work.",
        "Tom Hale",
    )
    assert found == "prime minister"


def test_an_abbreviated_title_an_agent_noun_and_a_reversed_copula_are_roles():
    text = (
        "Letters\n\nRep. Young Park wrote to the ministry on Monday. "
        "Researchers met Lena Ostrova, an ecologist at the national institute, in Manaus. "
        "The first executive secretary, elected in 2004, was Mr John Harris from Canada."
    )
    brief = brief_of(text)
    assert "Rep." in actor(brief, "Young Park").role
    assert "ecologist" in actor(brief, "Lena Ostrova").role
    assert "executive secretary" in actor(brief, "John Harris").role


def test_a_title_before_a_list_of_people_is_not_the_next_persons():
    brief = brief_of(
        "Campaign\n\nParty chief Mary Lou Doyle and the party's leader in the north, "
        "First Minister Michelle Nolan, have joined the campaign."
    )
    assert actor(brief, "Michelle Nolan").role == "First Minister"
    assert "Nolan" not in (actor(brief, "Mary Lou Doyle").role or "")


def test_a_coordinated_apposition_ending_in_a_role_is_read_whole():
    found = role(
        "Corridor\n\nMlungisi Dube, the finance, economic development and tourism member of the provincial "
        "executive council, wants to see the corridor built.",
        "Mlungisi Dube",
    )
    assert "member of the provincial executive council" in found


def test_a_country_is_described_by_what_it_does_not_by_the_noun_after_its_name():
    brief = brief_of(
        "Steel\n\nU.S. officials met Ghanaian ministers in Accra. The United States had a surplus with Ghana "
        "of $2 billion last year. Ghana formed a joint force with Togo in 2019 to patrol the border."
    )
    assert actor(brief, "United States").role is None, "'U.S. officials' are people of the country"
    assert actor(brief, "Ghana").role != "partner in the surplus"
    assert "joint force" in (actor(brief, "Togo").role or ""), "a force is done together: Togo is a partner"


def test_two_countries_joined_by_a_hyphen_are_no_party_and_a_spokesman_is_no_description():
    brief = brief_of(
        "Chips\n\nThe Ministry of Trade acted to protect a U.S.-Japan pact on chips, a Ministry of Trade "
        "spokesman said. Japan and the United States signed the pact in July."
    )
    names = {a.name for a in brief.actors}
    assert "U.S.-Japan" not in names and {"Japan", "United States"} <= names
    assert actor(brief, "Ministry of Trade").role != "spokesman"


def test_a_partner_in_its_alliance_is_a_partner_in_the_alliance():
    brief = brief_of("Ties\n\nRussia deepened its alliance with Ghana this week. Ghana and Russia signed a pact.")
    assert actor(brief, "Ghana").role == "partner in the alliance"


def test_a_plural_noun_after_a_body_is_its_members_not_what_it_is():
    brief = brief_of("Drills\n\nNATO forces began drills near Ghana on Monday.")
    assert actor(brief, "North Atlantic Treaty Organization").role != "forces"


def test_an_honorific_makes_a_person_the_ner_missed_and_their_role_is_read():
    brief = brief_of("Secretariat\n\nThe first Executive Secretary, elected in 2004, was Mr Johannes Huber from the "
                     "Netherlands. Dr Manfred Reinke followed him in 2009.")
    huber = actor(brief, "Johannes Huber")
    assert huber.type == "person" and huber.role == "first Executive Secretary"


def test_an_honorific_outranks_the_ners_organisation():
    from briefing.summarise.extractive.actors import Candidate, Mention, _merge_people

    person = Candidate("person", "johannes huber", [Mention("Johannes Huber", "person", "Johannes Huber", 40, 54, None,
                                                            honorific=True)])
    body = Candidate("organisation", "johannes huber", [Mention("Johannes Huber", "organisation", "Johannes Huber",
                                                                0, 14, None)])
    _merge_people([person, body])
    assert not body.mentions and [m.kind for m in person.mentions] == ["person", "person"]
