"""The gazetteer data file: shape, key public facts, and that it is the generator's output."""

from __future__ import annotations

import importlib.util
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from briefing.data import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "briefing" / "data" / "gazetteer.json"
SCRIPT = ROOT / "tools" / "build_gazetteer.py"
SECTIONS = ("countries", "organisations", "news_agencies", "platforms", "regions")


@pytest.fixture(scope="module")
def gaz() -> dict:
    return load_gazetteer()


def _country(gaz: dict, name: str) -> dict:
    matches = [c for c in gaz["countries"] if c["name"] == name]
    assert len(matches) == 1, name
    return matches[0]


def _by_name(gaz: dict, section: str, name: str) -> dict:
    matches = [e for e in gaz[section] if e["name"] == name]
    assert len(matches) == 1, name
    return matches[0]


def _load_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_loads_and_is_cached(gaz):
    assert load_gazetteer() is gaz
    for section in SECTIONS:
        assert isinstance(gaz[section], list) and gaz[section], section
    assert gaz["meta"]["schema_version"] == 1


def test_every_country_has_name_and_codes(gaz):
    for country in gaz["countries"]:
        assert country["name"], country
        assert "iso3" in country and "iso2" in country, country["name"]
        assert isinstance(country["aliases"], list) and isinstance(country["demonyms"], list)
        if not country["historical"] and country["iso3"] is not None:
            assert len(country["iso3"]) == 3 and country["iso3"].isupper(), country["name"]
            assert len(country["iso2"]) == 2 and country["iso2"].isupper(), country["name"]
    current = [c for c in gaz["countries"] if not c["historical"] and c["iso3"]]
    assert len(current) >= 249  # all of ISO 3166-1, plus Kosovo
    iso3 = [c["iso3"] for c in gaz["countries"] if c["iso3"]]
    assert len(iso3) == len(set(iso3))
    iso2 = [c["iso2"] for c in current]
    assert len(iso2) == len(set(iso2))


@pytest.mark.parametrize(
    ("name", "capital"),
    [
        ("Mali", "Bamako"),
        ("Egypt", "Cairo"),
        ("United States", "Washington"),
        ("Russia", "Moscow"),
        ("Burkina Faso", "Ouagadougou"),
        ("Niger", "Niamey"),
        ("Ukraine", "Kyiv"),
        ("Kazakhstan", "Astana"),
    ],
)
def test_capitals(gaz, name, capital):
    assert _country(gaz, name)["capital"] == capital


@pytest.mark.parametrize(
    ("name", "demonym"),
    [
        ("Mali", "Malian"),
        ("Niger", "Nigerien"),
        ("Nigeria", "Nigerian"),
        ("Burkina Faso", "Burkinabe"),
        ("Burkina Faso", "Burkinabé"),
        ("United States", "American"),
        ("United Kingdom", "British"),
        ("Saudi Arabia", "Saudi"),
        ("United Arab Emirates", "Emirati"),
        ("Egypt", "Egyptian"),
        ("Soviet Union", "Soviet"),
    ],
)
def test_demonyms(gaz, name, demonym):
    assert demonym in _country(gaz, name)["demonyms"]


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("United States", "U.S."),
        ("United States", "US"),
        ("United States", "United States of America"),
        ("United Kingdom", "Britain"),
        ("United Kingdom", "UK"),
        ("United Arab Emirates", "UAE"),
        ("Democratic Republic of the Congo", "DRC"),
        ("Myanmar", "Burma"),
        ("Iran", "Islamic Republic of Iran"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Ivory Coast", "Cote d'Ivoire"),
        ("Turkey", "Türkiye"),
        ("Czech Republic", "Czechia"),
        ("Soviet Union", "USSR"),
    ],
)
def test_country_aliases(gaz, name, alias):
    assert alias in _country(gaz, name)["aliases"]


def test_news_short_names(gaz):
    names = {c["name"] for c in gaz["countries"]}
    for name in ("Iran", "South Korea", "North Korea", "Russia", "Syria", "Venezuela", "Bolivia",
                 "Tanzania", "Vietnam", "Laos", "Moldova", "Taiwan", "Palestine", "Kosovo", "Vatican"):
        assert name in names
    historical = {c["name"] for c in gaz["countries"] if c["historical"]}
    assert {"Soviet Union", "West Germany", "East Germany", "Yugoslavia", "Czechoslovakia"} <= historical


def test_no_alias_names_two_countries(gaz):
    owner: dict[str, str] = {}
    for country in gaz["countries"]:
        for key in {country["name"].casefold()} | {a.casefold() for a in country["aliases"]}:
            assert owner.setdefault(key, country["name"]) == country["name"], key
    for name, codes in gaz["ambiguous"].items():
        assert name.casefold() not in owner
        assert len(codes) > 1


def test_demonyms_unique_except_shared(gaz):
    owner: dict[str, str] = {}
    shared = {"Congolese", "Dominican"}
    for country in gaz["countries"]:
        if country["historical"]:
            continue
        for demonym in country["demonyms"]:
            if demonym not in shared:
                assert owner.setdefault(demonym, country["name"]) == country["name"], demonym


def test_names_do_not_cross_sections(gaz):
    owner: dict[str, str] = {}
    for section in SECTIONS:
        for entry in gaz[section]:
            for key in {entry["name"].casefold()} | {a.casefold() for a in entry["aliases"]}:
                assert owner.setdefault(key, section) == section, (key, section)


@pytest.mark.parametrize(
    ("section", "name", "alias"),
    [
        ("organisations", "Economic Community of West African States", "ECOWAS"),
        ("organisations", "North Atlantic Treaty Organization", "NATO"),
        ("organisations", "United Nations Security Council", "UNSC"),
        ("organisations", "International Atomic Energy Agency", "IAEA"),
        ("organisations", "World Health Organization", "World Health Organisation"),
        ("organisations", "Intergovernmental Authority on Development", "IGAD"),
        ("organisations", "Community of Sahel-Saharan States", "CEN-SAD"),
        ("news_agencies", "Agence France-Presse", "AFP"),
        ("news_agencies", "Associated Press", "AP"),
        ("platforms", "X", "Twitter"),
        ("regions", "Western Africa", "West Africa"),
    ],
)
def test_section_aliases(gaz, section, name, alias):
    assert alias in _by_name(gaz, section, name)["aliases"]


def test_african_union_recognises_eight_recs(gaz):
    recs = [o["name"] for o in gaz["organisations"] if o["kind"] == "regional_economic_community"]
    assert len(recs) == 8
    assert all(_by_name(gaz, "organisations", n)["parent"] == "African Union" for n in recs)


def test_regions_are_places(gaz):
    names = {r["name"] for r in gaz["regions"]}
    assert {"Sahel", "Middle East", "Latin America", "Horn of Africa", "Indo-Pacific", "Balkans",
            "Europe", "Asia", "Africa"} <= names


def test_file_is_canonical():
    text = DATA_FILE.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    data = json.loads(text)
    for section in SECTIONS:
        for entry in data[section]:
            assert entry["aliases"] == sorted(set(entry["aliases"]), key=lambda s: (s.casefold(), s))


def test_generator_reproduces_the_file(gaz):
    for module in ("pycountry", "countryinfo", "babel"):
        pytest.importorskip(module)
    pinned = gaz["meta"]["sources"]
    try:
        installed = {pkg: version(pkg) for pkg in pinned}
    except PackageNotFoundError as exc:  # pragma: no cover - importorskip covers it
        pytest.skip(str(exc))
    if installed != pinned:
        pytest.skip(f"generator sources {installed} differ from the file's {pinned}")
    script = _load_script()
    assert script.render(script.build()) == DATA_FILE.read_text(encoding="utf-8")


def test_capitals_and_demonyms_do_not_name_another_country(gaz):
    owner = {}
    for country in gaz["countries"]:
        for key in [country["name"], *country["aliases"]]:
            owner[key.casefold()] = country["name"]
    for country in gaz["countries"]:
        for word in [country["capital"], *country["capital_aliases"], *country["demonyms"]]:
            if word:
                assert owner.get(word.casefold(), country["name"]) == country["name"], word


@pytest.mark.parametrize("text, names", [
    ("Let us hope the US and the UK agree.", ["US", "UK"]),
    ("The talks were posted on X by the US envoy, and x marks nothing.", ["X", "US"]),
])
def test_the_ruler_matches_names_as_written_case_and_all(text, names):
    from briefing.summarise.extractive.nlp import load_pipeline

    found = [e.text for e in load_pipeline(None)(text).ents if e.ent_id_]
    assert found == names
