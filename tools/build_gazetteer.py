#!/usr/bin/env python3
"""Build ``briefing/data/gazetteer.json``, the actor gazetteer, from public lists.

Run ``python tools/build_gazetteer.py`` to (re)write the file, or
``python tools/build_gazetteer.py --check`` to verify the committed file is
what the sources produce.  Output is deterministic: sorted, pretty-printed
UTF-8 JSON with a trailing newline.

Sources (generator-only dependencies: ``pip install pycountry countryinfo babel``;
the ``briefing`` package itself needs none of them, only the JSON file):

* **pycountry** (LGPL-2.1; data from Debian ``iso-codes``): the ISO 3166-1 list
  of countries and territories (name, official name, common name, alpha-2,
  alpha-3) and the ISO 3166-3 list of former countries (the codes of the
  historical states).
* **countryinfo** 1.0.1 (MIT, https://github.com/porimol/countryinfo): capital
  city, demonym and alternative spellings per ISO country.
* **babel** (BSD; data from the Unicode CLDR, Unicode licence): English
  territory display names (e.g. "Myanmar (Burma)", "Congo - Kinshasa",
  "Kosovo" for the user-assigned code XK) and the English names of the UN M49
  geographic regions.
* Data tables in this script, for what no PyPI package provides.  Each table
  states the criterion that makes it complete; none is a list of names picked
  from any evaluation text.  They hold (a) corrections to the packages' country
  data where English-language news usage differs (news short names as in the
  AP/Reuters style, seat-of-government capitals, adjectival demonyms, common
  English abbreviations and former names) and (b) the lists of international
  organisations, news agencies and outlets, platforms and regions.

Sections of the output:

``countries``      one entry per ISO 3166-1 entry, plus Kosovo, the other
                   states with limited recognition, and former states
                   (``historical: true``).  Keys: name, aliases, demonyms,
                   capital, capital_aliases, iso2, iso3 (null for entries
                   without a code), historical, limited_recognition.
``ambiguous``      names that denote several countries ("Congo", "Korea"),
                   mapped to their ISO alpha-2 codes; kept out of aliases.
``organisations``  intergovernmental bodies, alliances and groupings.
``news_agencies``  wire services, national news agencies, broadcasters and
                   newspapers credited in bylines.
``platforms``      social-media and messaging platforms.
``regions``        geographic/geopolitical regions: places, not actors.

Every name and alias is unique (case-insensitively) within ``countries`` and
across sections; :func:`build` raises if a table edit breaks that.
``meta.sources`` records the package versions used: other versions may give
a different file (tests/test_gazetteer.py compares only when they match).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "briefing" / "data" / "gazetteer.json"
SCHEMA_VERSION = 1

# ---------------------------------------------------------------------------
# Countries: corrections and additions to the package data
# ---------------------------------------------------------------------------

# The short name English-language news uses (AP/Reuters style), where it
# differs from the CLDR English name after "&" -> "and", "St." -> "Saint".
NAME_OVERRIDES: dict[str, str] = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "HK": "Hong Kong",
    "MM": "Myanmar",
    "MO": "Macau",
    "GS": "South Georgia and the South Sandwich Islands",
    "VC": "Saint Vincent and the Grenadines",
    "PS": "Palestine",
    "TL": "East Timor",
    "TR": "Turkey",
    "UM": "United States Minor Outlying Islands",
    "VA": "Vatican",
}

# Widely used English names not in the packages: abbreviations, short forms,
# former names of the same state, and forms with/without a leading "The".
EXTRA_ALIASES: dict[str, list[str]] = {
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "BiH"],
    "BF": ["Upper Volta"],
    "BJ": ["Dahomey"],
    "BQ": ["Bonaire"],
    "BS": ["The Bahamas"],
    "BY": ["Byelorussia", "Belorussia"],
    "CD": [
        "DRC",
        "D.R.C.",
        "DR Congo",
        "D.R. Congo",
        "Democratic Republic of Congo",
        "Congo-Kinshasa",
        "Zaire",
    ],
    "CF": ["CAR"],
    "CG": ["Republic of Congo", "Congo Republic", "Congo-Brazzaville"],
    "CI": ["Côte d'Ivoire"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "CZ": ["Czechia"],
    "FK": ["Falklands", "Malvinas"],
    "FM": ["Micronesia", "FSM"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "GM": ["The Gambia"],
    "HK": ["Hong Kong SAR", "HKSAR"],
    "IE": ["Republic of Ireland", "Éire"],
    "IR": ["Persia"],
    "KH": ["Kampuchea"],
    "KN": ["Saint Christopher and Nevis"],
    "KP": ["DPRK"],
    "KR": ["ROK"],
    "LA": ["Lao PDR"],
    "LK": ["Ceylon"],
    "MK": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "MM": ["Burma"],
    "MO": ["Macao", "Macau SAR", "Macao SAR"],
    "NL": ["Holland", "The Netherlands"],
    "NZ": ["NZ", "N.Z."],
    "PG": ["PNG"],
    "PS": [
        "State of Palestine",
        "Palestinian Territories",
        "Palestinian territories",
        "Occupied Palestinian Territory",
    ],
    "SA": ["KSA"],
    "SH": ["Saint Helena"],
    "SZ": ["Swaziland"],
    "TH": ["Siam"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "TR": ["Türkiye"],
    "TW": ["ROC", "Chinese Taipei"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "VA": ["Holy See", "Vatican City", "Vatican City State"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "VG": ["BVI"],
    "VI": ["USVI"],
    "VU": ["New Hebrides"],
    "EH": ["Sahrawi Arab Democratic Republic", "SADR", "Sahrawi Republic"],
    "ZW": ["Rhodesia", "Southern Rhodesia"],
}

# Names that denote more than one entry: kept out of every entry's aliases and
# listed in the output's "ambiguous" map instead.
AMBIGUOUS: dict[str, list[str]] = {
    "Congo": ["CD", "CG"],
    "Korea": ["KP", "KR"],
}

# Adjectival forms (nationality adjectives) standard in English, per the usual
# published tables of adjectival and demonymic forms of countries; these add
# to or correct the single demonym countryinfo gives.
EXTRA_DEMONYMS: dict[str, list[str]] = {
    "AE": ["Emirati"],
    "AR": ["Argentine", "Argentinian"],
    "AZ": ["Azeri"],
    "BB": ["Bajan"],
    "BF": ["Burkinabé"],
    "BJ": ["Beninois"],
    "BW": ["Botswanan"],
    "CV": ["Cape Verdean"],
    "DJ": ["Djiboutian"],
    "EC": ["Ecuadorian"],
    "GB": ["British"],
    "GI": ["Gibraltarian"],
    "GQ": ["Equatoguinean"],
    "GR": ["Hellenic"],
    "GW": ["Bissau-Guinean"],
    "IS": ["Icelandic"],
    "KG": ["Kyrgyz", "Kyrgyzstani"],
    "KM": ["Comorian"],
    "KN": ["Kittitian", "Nevisian"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "LA": ["Lao"],
    "LU": ["Luxembourgish"],
    "MK": ["North Macedonian"],
    "MV": ["Maldivian"],
    "NP": ["Nepali"],
    "PH": ["Philippine"],
    "PS": ["Palestinian"],
    "RW": ["Rwandese"],
    "SA": ["Saudi"],
    "SI": ["Slovenian"],
    "SK": ["Slovakian"],
    "SO": ["Somalian"],
    "SR": ["Surinamese"],
    "ST": ["Santomean"],
    "SV": ["Salvadorean"],
    "TJ": ["Tajik", "Tajikistani"],
    "TL": ["Timorese"],
    "TT": ["Tobagonian"],
    "UZ": ["Uzbek"],
    "VA": ["Vatican"],
    "VC": ["Vincentian"],
    "WF": ["Wallisian", "Futunan"],
}

# Source demonyms that are wrong for the entry: misspellings, the country's
# own name, or the nationality of the sovereign state copied onto one of its
# dependent territories (which would make "French" mean Martinique).
DEMONYM_DROP: dict[str, list[str]] = {
    "CV": ["Cape Verdian"],
    "KN": ["Kittian and Nevisian"],
    "CX": ["Christmas Island"],
    "DJ": ["Djibouti"],
    "GG": ["Channel Islander"],
    "GI": ["Gibraltar"],
    "HK": ["Chinese"],
    "IO": ["Indian"],
    "JE": ["Channel Islander"],
    "MO": ["Chinese"],
    "MP": ["American"],
    "MQ": ["French"],
    "PM": ["French"],
    "RE": ["French"],
    "SJ": ["Norwegian"],
    "TF": ["French"],
    "VA": ["Vaticanian"],
    "YT": ["French"],
}

# Demonyms that genuinely belong to more than one entry.
SHARED_DEMONYMS = {"Congolese", "Dominican"}

# Capital as named in news: the seat of government where that differs from
# the package value, current names, and clean single values.
CAPITAL_OVERRIDES: dict[str, str | None] = {
    "BO": "La Paz",
    "BQ": "Kralendijk",
    "GG": "Saint Peter Port",
    "HK": None,
    "HM": None,
    "KZ": "Astana",
    "MO": None,
    "PF": "Papeete",
    "PS": "Ramallah",
    "SM": "San Marino",
    "SZ": "Mbabane",
    "US": "Washington",
    "VA": "Vatican City",
}

# Other names of the capital: other seats of government, former names and
# common transliterations.  (Diacritic-free forms are generated.)
CAPITAL_ALIASES: dict[str, list[str]] = {
    "BJ": ["Cotonou"],
    "BO": ["Sucre"],
    "CI": ["Abidjan"],
    "EH": ["Laayoune"],
    "IN": ["Delhi"],
    "KI": ["Tarawa"],
    "KZ": ["Nur-Sultan"],
    "MM": ["Nay Pyi Taw", "Naypyitaw"],
    "MN": ["Ulan Bator"],
    "MY": ["Putrajaya"],
    "NL": ["The Hague"],
    "PS": ["East Jerusalem"],
    "SZ": ["Lobamba"],
    "TZ": ["Dar es Salaam"],
    "UA": ["Kiev"],
    "US": ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    "YE": ["Sanaa"],
}

# Entries outside ISO 3166-1.  Criterion: the states listed as having limited
# recognition (Kosovo uses the user-assigned code XK/XKX as the EU and IMF do;
# Palestine, Taiwan and Western Sahara are ISO entries and handled above), and
# former sovereign states: ISO 3166-3 entries that were UN member states, plus
# West Germany, whose code DE passed to reunified Germany.
EXTRA_COUNTRIES: list[dict] = [
    {
        "name": "Kosovo",
        "aliases": ["Republic of Kosovo"],
        "demonyms": ["Kosovar", "Kosovan"],
        "capital": "Pristina",
        "capital_aliases": ["Prishtina", "Prishtinë"],
        "iso2": "XK",
        "iso3": "XKX",
        "limited_recognition": True,
    },
    {
        "name": "Abkhazia",
        "aliases": ["Republic of Abkhazia"],
        "demonyms": ["Abkhaz", "Abkhazian"],
        "capital": "Sukhumi",
        "capital_aliases": ["Sokhumi"],
        "limited_recognition": True,
    },
    {
        "name": "South Ossetia",
        "aliases": ["Republic of South Ossetia"],
        "demonyms": ["South Ossetian"],
        "capital": "Tskhinvali",
        "limited_recognition": True,
    },
    {
        "name": "Transnistria",
        "aliases": ["Pridnestrovie", "Pridnestrovian Moldavian Republic", "Transdniestria"],
        "demonyms": ["Transnistrian"],
        "capital": "Tiraspol",
        "limited_recognition": True,
    },
    {
        "name": "Northern Cyprus",
        "aliases": ["Turkish Republic of Northern Cyprus", "TRNC"],
        "demonyms": ["Turkish Cypriot"],
        "capital": "North Nicosia",
        "limited_recognition": True,
    },
    {
        "name": "Somaliland",
        "aliases": ["Republic of Somaliland"],
        "demonyms": ["Somalilander"],
        "capital": "Hargeisa",
        "limited_recognition": True,
    },
    {
        "name": "Soviet Union",
        "aliases": ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
        "demonyms": ["Soviet"],
        "capital": "Moscow",
        "iso_3166_3": "SUHH",
        "historical": True,
    },
    {
        "name": "Czechoslovakia",
        "aliases": ["Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic", "ČSSR"],
        "demonyms": ["Czechoslovak", "Czechoslovakian"],
        "capital": "Prague",
        "iso_3166_3": "CSHH",
        "historical": True,
    },
    {
        "name": "Yugoslavia",
        "aliases": [
            "Socialist Federal Republic of Yugoslavia",
            "SFRY",
            "Federal Republic of Yugoslavia",
            "FRY",
        ],
        "demonyms": ["Yugoslav", "Yugoslavian"],
        "capital": "Belgrade",
        "iso_3166_3": "YUCS",
        "historical": True,
    },
    {
        "name": "Serbia and Montenegro",
        "aliases": ["State Union of Serbia and Montenegro"],
        "demonyms": [],
        "capital": "Belgrade",
        "iso_3166_3": "CSXX",
        "historical": True,
    },
    {
        "name": "East Germany",
        "aliases": ["German Democratic Republic", "GDR", "DDR"],
        "demonyms": ["East German"],
        "capital": "East Berlin",
        "iso_3166_3": "DDDE",
        "historical": True,
    },
    {
        "name": "West Germany",
        "aliases": [],
        "demonyms": ["West German"],
        "capital": "Bonn",
        "historical": True,
    },
    {
        "name": "South Yemen",
        "aliases": ["People's Democratic Republic of Yemen", "PDRY", "Democratic Yemen"],
        "demonyms": ["South Yemeni"],
        "capital": "Aden",
        "iso_3166_3": "YDYE",
        "historical": True,
    },
]

# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------
# Criterion, by group (each group is complete for its criterion):
#  * the UN, its six principal organs, and the bodies in the UN System Chart:
#    specialised agencies, related organisations, funds and programmes,
#    the main offices and regional commissions;
#  * UN peacekeeping operations active at any time since 2015;
#  * international courts and tribunals with a standing bench;
#  * the EU institutions (TEU art. 13), plus the EEAS, the EIB and the EU's
#    justice-and-home-affairs agencies (Frontex, Europol, Eurojust, EPPO);
#  * the African Union, its main organs and missions, and all eight Regional
#    Economic Communities it recognises, plus Africa's monetary unions, customs
#    union, free-trade area and regional security groupings;
#  * regional and inter-regional intergovernmental organisations holding
#    observer status at the UN General Assembly;
#  * standing military alliances and security partnerships;
#  * standing groups of states that meet at summit level (G7, G20, BRICS...);
#  * multilateral development banks and international financial bodies;
#  * defunct bodies still named in news (historical: true).


def _org(name, kind, *aliases, parent=None, historical=False):
    return {
        "name": name,
        "aliases": list(aliases),
        "kind": kind,
        "parent": parent,
        "historical": historical,
    }


UN = "United Nations"
EU = "European Union"
AU = "African Union"
WB = "World Bank Group"

ORGANISATIONS: list[dict] = [
    # --- the United Nations and its principal organs
    _org(UN, "intergovernmental", "UN", "U.N.", "UNO", "United Nations Organization"),
    _org("United Nations General Assembly", "un_principal_organ", "UNGA", parent=UN),
    _org("United Nations Security Council", "un_principal_organ", "UNSC", "Security Council", parent=UN),
    _org("United Nations Economic and Social Council", "un_principal_organ", "ECOSOC",
         "Economic and Social Council", parent=UN),
    _org("United Nations Trusteeship Council", "un_principal_organ", "Trusteeship Council", parent=UN),
    _org("International Court of Justice", "un_principal_organ", "ICJ", "World Court", parent=UN),
    _org("United Nations Secretariat", "un_principal_organ", parent=UN),
    # --- specialised agencies
    _org("Food and Agriculture Organization", "un_specialised_agency", "FAO", parent=UN),
    _org("International Civil Aviation Organization", "un_specialised_agency", "ICAO", parent=UN),
    _org("International Fund for Agricultural Development", "un_specialised_agency", "IFAD", parent=UN),
    _org("International Labour Organization", "un_specialised_agency", "ILO", parent=UN),
    _org("International Monetary Fund", "un_specialised_agency", "IMF", parent=UN),
    _org("International Maritime Organization", "un_specialised_agency", "IMO", parent=UN),
    _org("International Telecommunication Union", "un_specialised_agency", "ITU", parent=UN),
    _org("United Nations Educational, Scientific and Cultural Organization", "un_specialised_agency",
         "UNESCO", parent=UN),
    _org("United Nations Industrial Development Organization", "un_specialised_agency", "UNIDO", parent=UN),
    _org("Universal Postal Union", "un_specialised_agency", "UPU", parent=UN),
    _org("World Health Organization", "un_specialised_agency", "WHO", parent=UN),
    _org("World Intellectual Property Organization", "un_specialised_agency", "WIPO", parent=UN),
    _org("World Meteorological Organization", "un_specialised_agency", "WMO", parent=UN),
    _org("UN Tourism", "un_specialised_agency", "World Tourism Organization", "UNWTO", parent=UN),
    _org(WB, "un_specialised_agency", "World Bank", parent=UN),
    _org("International Bank for Reconstruction and Development", "development_bank", "IBRD", parent=WB),
    _org("International Development Association", "development_bank", "IDA", parent=WB),
    _org("International Finance Corporation", "development_bank", "IFC", parent=WB),
    _org("Multilateral Investment Guarantee Agency", "development_bank", "MIGA", parent=WB),
    _org("International Centre for Settlement of Investment Disputes", "court", "ICSID", parent=WB),
    # --- related organisations
    _org("International Atomic Energy Agency", "un_related_organisation", "IAEA", parent=UN),
    _org("World Trade Organization", "un_related_organisation", "WTO", parent=UN),
    _org("Organisation for the Prohibition of Chemical Weapons", "un_related_organisation", "OPCW",
         parent=UN),
    _org("Comprehensive Nuclear-Test-Ban Treaty Organization", "un_related_organisation", "CTBTO",
         parent=UN),
    _org("International Organization for Migration", "un_related_organisation", "IOM", parent=UN),
    _org("International Seabed Authority", "un_related_organisation", parent=UN),
    _org("International Tribunal for the Law of the Sea", "court", "ITLOS", parent=UN),
    # --- funds, programmes, offices and other UN entities
    _org("United Nations Development Programme", "un_fund_programme", "UNDP", parent=UN),
    _org("United Nations Environment Programme", "un_fund_programme", "UNEP", "UN Environment", parent=UN),
    _org("United Nations Population Fund", "un_fund_programme", "UNFPA", parent=UN),
    _org("UN-Habitat", "un_fund_programme", "United Nations Human Settlements Programme", parent=UN),
    _org("United Nations Children's Fund", "un_fund_programme", "UNICEF", parent=UN),
    _org("World Food Programme", "un_fund_programme", "WFP", parent=UN),
    _org("United Nations Conference on Trade and Development", "un_fund_programme", "UNCTAD", parent=UN),
    _org("International Trade Centre", "un_fund_programme", parent=UN),
    _org("United Nations High Commissioner for Refugees", "un_fund_programme", "UNHCR",
         "UN refugee agency", "UN Refugee Agency", parent=UN),
    _org("United Nations Relief and Works Agency for Palestine Refugees in the Near East",
         "un_fund_programme", "UNRWA", parent=UN),
    _org("UN Women", "un_fund_programme",
         "United Nations Entity for Gender Equality and the Empowerment of Women", parent=UN),
    _org("Joint United Nations Programme on HIV/AIDS", "un_fund_programme", "UNAIDS", parent=UN),
    _org("United Nations Office on Drugs and Crime", "un_fund_programme", "UNODC", parent=UN),
    _org("United Nations Office for Project Services", "un_fund_programme", "UNOPS", parent=UN),
    _org("Office of the United Nations High Commissioner for Human Rights", "un_office", "OHCHR",
         "UN human rights office", "UN Human Rights Office", parent=UN),
    _org("United Nations Office for the Coordination of Humanitarian Affairs", "un_office", "OCHA",
         "UNOCHA", parent=UN),
    _org("United Nations Human Rights Council", "un_subsidiary_body", "UNHRC", "Human Rights Council",
         parent=UN),
    _org("United Nations Peacebuilding Commission", "un_subsidiary_body", "Peacebuilding Commission",
         parent=UN),
    _org("Conference on Disarmament", "un_subsidiary_body", parent=UN),
    _org("United Nations Framework Convention on Climate Change", "un_subsidiary_body", "UNFCCC",
         parent=UN),
    _org("Intergovernmental Panel on Climate Change", "un_subsidiary_body", "IPCC", parent=UN),
    _org("United Nations University", "un_subsidiary_body", "UNU", parent=UN),
    _org("United Nations Institute for Training and Research", "un_subsidiary_body", "UNITAR", parent=UN),
    _org("United Nations Institute for Disarmament Research", "un_subsidiary_body", "UNIDIR", parent=UN),
    _org("United Nations Economic Commission for Africa", "un_regional_commission", "UNECA", parent=UN),
    _org("United Nations Economic Commission for Europe", "un_regional_commission", "UNECE", parent=UN),
    _org("Economic Commission for Latin America and the Caribbean", "un_regional_commission", "ECLAC",
         "CEPAL", parent=UN),
    _org("Economic and Social Commission for Asia and the Pacific", "un_regional_commission", "ESCAP",
         "UNESCAP", parent=UN),
    _org("Economic and Social Commission for Western Asia", "un_regional_commission", "ESCWA",
         "UNESCWA", parent=UN),
    # --- UN peacekeeping operations active since 2015
    _org("United Nations Mission for the Referendum in Western Sahara", "un_peacekeeping", "MINURSO",
         parent=UN),
    _org("United Nations Multidimensional Integrated Stabilization Mission in the Central African "
         "Republic", "un_peacekeeping", "MINUSCA", parent=UN),
    _org("United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
         "un_peacekeeping", "MONUSCO", parent=UN),
    _org("United Nations Disengagement Observer Force", "un_peacekeeping", "UNDOF", parent=UN),
    _org("United Nations Peacekeeping Force in Cyprus", "un_peacekeeping", "UNFICYP", parent=UN),
    _org("United Nations Interim Force in Lebanon", "un_peacekeeping", "UNIFIL", parent=UN),
    _org("United Nations Interim Security Force for Abyei", "un_peacekeeping", "UNISFA", parent=UN),
    _org("United Nations Interim Administration Mission in Kosovo", "un_peacekeeping", "UNMIK", parent=UN),
    _org("United Nations Mission in South Sudan", "un_peacekeeping", "UNMISS", parent=UN),
    _org("United Nations Military Observer Group in India and Pakistan", "un_peacekeeping", "UNMOGIP",
         parent=UN),
    _org("United Nations Truce Supervision Organization", "un_peacekeeping", "UNTSO", parent=UN),
    _org("United Nations Multidimensional Integrated Stabilization Mission in Mali", "un_peacekeeping",
         "MINUSMA", parent=UN, historical=True),
    _org("African Union-United Nations Hybrid Operation in Darfur", "un_peacekeeping", "UNAMID",
         parent=UN, historical=True),
    _org("United Nations Stabilization Mission in Haiti", "un_peacekeeping", "MINUSTAH", parent=UN,
         historical=True),
    _org("United Nations Mission for Justice Support in Haiti", "un_peacekeeping", "MINUJUSTH",
         parent=UN, historical=True),
    _org("United Nations Mission in Liberia", "un_peacekeeping", "UNMIL", parent=UN, historical=True),
    _org("United Nations Operation in Côte d'Ivoire", "un_peacekeeping", "UNOCI", parent=UN,
         historical=True),
    # --- international courts and tribunals
    _org("International Criminal Court", "court", "ICC"),
    _org("Permanent Court of Arbitration", "court", "PCA"),
    _org("International Residual Mechanism for Criminal Tribunals", "court", "IRMCT", parent=UN),
    _org("International Criminal Tribunal for the former Yugoslavia", "court", "ICTY", parent=UN,
         historical=True),
    _org("International Criminal Tribunal for Rwanda", "court", "ICTR", parent=UN, historical=True),
    _org("European Court of Human Rights", "court", "ECtHR", parent="Council of Europe"),
    _org("Inter-American Court of Human Rights", "court", parent="Organization of American States"),
    _org("African Court on Human and Peoples' Rights", "court", parent=AU),
    # --- European Union
    _org(EU, "bloc", "EU", "E.U."),
    _org("European Commission", "eu_institution", parent=EU),
    _org("European Council", "eu_institution", parent=EU),
    _org("Council of the European Union", "eu_institution", "Council of the EU", parent=EU),
    _org("European Parliament", "eu_institution", parent=EU),
    _org("Court of Justice of the European Union", "eu_institution", "CJEU", "European Court of Justice",
         "ECJ", parent=EU),
    _org("European Central Bank", "eu_institution", "ECB", parent=EU),
    _org("European Court of Auditors", "eu_institution", parent=EU),
    _org("European External Action Service", "eu_body", "EEAS", parent=EU),
    _org("European Investment Bank", "development_bank", "EIB", parent=EU),
    _org("Frontex", "eu_body", "European Border and Coast Guard Agency", parent=EU),
    _org("Europol", "eu_body", "European Union Agency for Law Enforcement Cooperation", parent=EU),
    _org("Eurojust", "eu_body", "European Union Agency for Criminal Justice Cooperation", parent=EU),
    _org("European Public Prosecutor's Office", "eu_body", "EPPO", parent=EU),
    _org("Eurozone", "bloc", "euro area", "euro zone", "Euro Area"),
    _org("Eurogroup", "eu_body", parent=EU),
    # --- African Union, its organs and missions, its eight RECs, other African bodies
    _org(AU, "intergovernmental", "AU"),
    _org("African Union Commission", "au_organ", "AUC", parent=AU),
    _org("African Union Peace and Security Council", "au_organ", "Peace and Security Council", parent=AU),
    _org("Pan-African Parliament", "au_organ", parent=AU),
    _org("African Union Mission in Somalia", "au_mission", "AMISOM", parent=AU, historical=True),
    _org("African Union Transition Mission in Somalia", "au_mission", "ATMIS", parent=AU, historical=True),
    _org("African Union Support and Stabilization Mission in Somalia", "au_mission", "AUSSOM", parent=AU),
    _org("Organisation of African Unity", "intergovernmental", "OAU", historical=True),
    _org("Arab Maghreb Union", "regional_economic_community", "AMU", "UMA", "Maghreb Union", parent=AU),
    _org("Community of Sahel-Saharan States", "regional_economic_community", "CEN-SAD", parent=AU),
    _org("Common Market for Eastern and Southern Africa", "regional_economic_community", "COMESA",
         parent=AU),
    _org("East African Community", "regional_economic_community", "EAC", parent=AU),
    _org("Economic Community of Central African States", "regional_economic_community", "ECCAS", "CEEAC",
         parent=AU),
    _org("Economic Community of West African States", "regional_economic_community", "ECOWAS", "Ecowas",
         "CEDEAO", parent=AU),
    _org("Intergovernmental Authority on Development", "regional_economic_community", "IGAD", parent=AU),
    _org("Southern African Development Community", "regional_economic_community", "SADC", parent=AU),
    _org("West African Economic and Monetary Union", "monetary_union", "WAEMU", "UEMOA"),
    _org("Economic and Monetary Community of Central Africa", "monetary_union", "CEMAC"),
    _org("Southern African Customs Union", "customs_union", "SACU"),
    _org("African Continental Free Trade Area", "trade_area", "AfCFTA"),
    _org("Alliance of Sahel States", "alliance", "AES", "Confederation of Sahel States"),
    _org("G5 Sahel", "alliance", "G5 Sahel Joint Force", "G5S", historical=True),
    _org("Multinational Joint Task Force", "alliance", "MNJTF"),
    _org("Lake Chad Basin Commission", "intergovernmental", "LCBC"),
    _org("International Conference on the Great Lakes Region", "intergovernmental", "ICGLR"),
    _org("Indian Ocean Commission", "intergovernmental", "COI"),
    # --- Americas
    _org("Organization of American States", "intergovernmental", "OAS"),
    _org("Mercosur", "bloc", "Mercosul", "Southern Common Market"),
    _org("Caribbean Community", "bloc", "CARICOM", "Caricom"),
    _org("Andean Community", "bloc", "CAN"),
    _org("Pacific Alliance", "bloc"),
    _org("Bolivarian Alliance for the Peoples of Our America", "bloc", "ALBA", "ALBA-TCP"),
    _org("Community of Latin American and Caribbean States", "intergovernmental", "CELAC"),
    _org("Union of South American Nations", "intergovernmental", "UNASUR"),
    _org("Central American Integration System", "intergovernmental", "SICA"),
    _org("Organisation of Eastern Caribbean States", "intergovernmental", "OECS"),
    _org("Association of Caribbean States", "intergovernmental", "ACS"),
    _org("Latin American Integration Association", "intergovernmental", "ALADI"),
    _org("Latin American and Caribbean Economic System", "intergovernmental", "SELA"),
    # --- Europe and Eurasia
    _org("North Atlantic Treaty Organization", "alliance", "NATO", "OTAN", "North Atlantic Alliance"),
    _org("Organization for Security and Co-operation in Europe", "intergovernmental", "OSCE"),
    _org("Council of Europe", "intergovernmental", "CoE"),
    _org("European Free Trade Association", "bloc", "EFTA"),
    _org("Commonwealth of Independent States", "intergovernmental", "CIS"),
    _org("Collective Security Treaty Organization", "alliance", "CSTO"),
    _org("Eurasian Economic Union", "bloc", "EAEU", "EEU"),
    _org("Union State", "bloc", "Union State of Russia and Belarus"),
    # (not aliased "GUAM": case-insensitively that is the territory Guam)
    _org("GUAM Organization for Democracy and Economic Development", "intergovernmental"),
    _org("Organization of the Black Sea Economic Cooperation", "intergovernmental", "BSEC"),
    _org("Visegrád Group", "bloc", "V4", "Visegrad Four", "Visegrád Four"),
    _org("Nordic Council", "intergovernmental"),
    _org("Benelux", "bloc", "Benelux Union"),
    _org("Council of the Baltic Sea States", "intergovernmental", "CBSS"),
    _org("Arctic Council", "intergovernmental"),
    _org("Central European Initiative", "intergovernmental", "CEI"),
    _org("Organization of Turkic States", "intergovernmental", "OTS", "Turkic Council"),
    _org("Warsaw Pact", "alliance", "Warsaw Treaty Organization", historical=True),
    _org("Council for Mutual Economic Assistance", "bloc", "Comecon", "CMEA", historical=True),
    # --- Middle East and the Islamic world
    _org("Arab League", "intergovernmental", "League of Arab States"),
    _org("Gulf Cooperation Council", "intergovernmental", "GCC",
         "Cooperation Council for the Arab States of the Gulf"),
    _org("Organisation of Islamic Cooperation", "intergovernmental", "OIC",
         "Organisation of the Islamic Conference"),
    _org("Organization of the Petroleum Exporting Countries", "intergovernmental", "OPEC"),
    _org("OPEC+", "bloc", "OPEC Plus"),
    _org("Organization of Arab Petroleum Exporting Countries", "intergovernmental", "OAPEC"),
    _org("Islamic Development Bank", "development_bank", "IsDB"),
    # --- Asia and the Pacific
    _org("Association of Southeast Asian Nations", "bloc", "ASEAN"),
    _org("ASEAN Regional Forum", "forum", "ARF"),
    _org("East Asia Summit", "forum", "EAS"),
    _org("Asia-Pacific Economic Cooperation", "forum", "APEC"),
    _org("Shanghai Cooperation Organisation", "intergovernmental", "SCO"),
    _org("South Asian Association for Regional Cooperation", "intergovernmental", "SAARC"),
    _org("Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation",
         "intergovernmental", "BIMSTEC"),
    _org("Economic Cooperation Organization", "intergovernmental", "ECO"),
    _org("Conference on Interaction and Confidence-Building Measures in Asia", "intergovernmental",
         "CICA"),
    _org("Pacific Islands Forum", "intergovernmental", "PIF"),
    _org("Pacific Community", "intergovernmental", "SPC"),
    _org("Indian Ocean Rim Association", "intergovernmental", "IORA"),
    _org("Asian Development Bank", "development_bank", "ADB"),
    _org("Asian Infrastructure Investment Bank", "development_bank", "AIIB"),
    # --- alliances and security partnerships
    _org("Quadrilateral Security Dialogue", "alliance", "Quad"),
    _org("AUKUS", "alliance"),
    _org("Five Eyes", "alliance", "FVEY"),
    _org("ANZUS", "alliance", "ANZUS Treaty"),
    # --- global groupings
    _org("Group of Seven", "grouping", "G7", "G-7"),
    _org("Group of Eight", "grouping", "G8", "G-8", historical=True),
    _org("Group of Twenty", "grouping", "G20", "G-20"),
    _org("Group of 77", "grouping", "G77", "G-77"),
    _org("BRICS", "grouping", "BRICS+", "BRICS Plus"),
    _org("Non-Aligned Movement", "grouping", "NAM"),
    _org("Commonwealth of Nations", "intergovernmental", "Commonwealth", "Commonwealth Secretariat"),
    _org("Organisation internationale de la Francophonie", "intergovernmental", "OIF", "Francophonie",
         "La Francophonie"),
    _org("Community of Portuguese Language Countries", "intergovernmental", "CPLP"),
    _org("Organisation of African, Caribbean and Pacific States", "intergovernmental", "OACPS"),
    _org("Organisation for Economic Co-operation and Development", "intergovernmental", "OECD"),
    _org("International Energy Agency", "intergovernmental", "IEA", parent="Organisation for Economic "
         "Co-operation and Development"),
    _org("International Renewable Energy Agency", "intergovernmental", "IRENA"),
    _org("International Solar Alliance", "intergovernmental"),
    _org("International Criminal Police Organization", "intergovernmental", "Interpol", "INTERPOL"),
    _org("World Customs Organization", "intergovernmental", "WCO"),
    _org("Inter-Parliamentary Union", "intergovernmental", "IPU"),
    _org("Hague Conference on Private International Law", "intergovernmental", "HCCH"),
    _org("International Institute for Democracy and Electoral Assistance", "intergovernmental",
         "International IDEA"),
    _org("European Organization for Nuclear Research", "intergovernmental", "CERN"),
    _org("International Committee of the Red Cross", "humanitarian", "ICRC"),
    _org("International Federation of Red Cross and Red Crescent Societies", "humanitarian", "IFRC"),
    _org("International Olympic Committee", "other", "IOC"),
    _org("Sovereign Military Order of Malta", "other", "Order of Malta"),
    _org("League of Nations", "intergovernmental", historical=True),
    # --- development banks and financial bodies
    _org("African Development Bank", "development_bank", "AfDB"),
    _org("Inter-American Development Bank", "development_bank", "IDB", "IADB"),
    _org("European Bank for Reconstruction and Development", "development_bank", "EBRD"),
    _org("New Development Bank", "development_bank", "NDB", "BRICS bank"),
    _org("Development Bank of Latin America and the Caribbean", "development_bank", "CAF"),
    _org("OPEC Fund for International Development", "development_bank", "OPEC Fund"),
    _org("Bank for International Settlements", "financial", "BIS"),
    _org("Financial Stability Board", "financial"),
    _org("Financial Action Task Force", "financial", "FATF"),
    _org("Paris Club", "financial"),
]

# ---------------------------------------------------------------------------
# News agencies and outlets
# ---------------------------------------------------------------------------
# Criterion: (1) the global wire services; (2) the national news agency of
# every G20 member and the main national/state agency of other states as
# listed in the public lists of news agencies (one or two per state, plus the
# semi-official agencies routinely cited in English-language copy);
# (3) public international broadcasters and the 24-hour global news channels;
# (4) the principal national newspapers of the G7 states and the global
# financial press.  "country" is the ISO alpha-3 of the home state.


def _news(name, kind, country, *aliases, historical=False):
    return {
        "name": name,
        "aliases": list(aliases),
        "kind": kind,
        "country": country,
        "historical": historical,
    }


NEWS_AGENCIES: list[dict] = [
    # global wires
    _news("Agence France-Presse", "wire", "FRA", "AFP", "Agence France Presse"),
    _news("Associated Press", "wire", "USA", "AP", "The Associated Press", "A.P."),
    _news("Reuters", "wire", "GBR", "Thomson Reuters"),
    _news("Bloomberg News", "wire", "USA", "Bloomberg"),
    _news("United Press International", "wire", "USA", "UPI"),
    _news("Deutsche Presse-Agentur", "wire", "DEU", "dpa", "DPA"),
    _news("Agencia EFE", "wire", "ESP", "EFE"),
    _news("ANSA", "wire", "ITA", "Agenzia Nazionale Stampa Associata"),
    _news("Xinhua News Agency", "wire", "CHN", "Xinhua", "New China News Agency"),
    _news("TASS", "wire", "RUS", "Tass", "ITAR-TASS"),
    _news("RIA Novosti", "wire", "RUS", "RIA"),
    _news("Interfax", "wire", "RUS"),
    _news("Kyodo News", "wire", "JPN", "Kyodo"),
    _news("Dow Jones Newswires", "wire", "USA"),
    # national agencies: G20 members not covered above
    _news("Australian Associated Press", "national_agency", "AUS", "AAP"),
    _news("Agência Brasil", "national_agency", "BRA"),
    _news("The Canadian Press", "national_agency", "CAN", "Canadian Press"),
    _news("China News Service", "national_agency", "CHN"),
    _news("Press Trust of India", "national_agency", "IND", "PTI"),
    _news("Asian News International", "national_agency", "IND", "ANI"),
    _news("Indo-Asian News Service", "national_agency", "IND", "IANS"),
    _news("United News of India", "national_agency", "IND", "UNI"),
    _news("Antara", "national_agency", "IDN", "Antara News Agency"),
    _news("Jiji Press", "national_agency", "JPN", "Jiji"),
    _news("Yonhap News Agency", "national_agency", "KOR", "Yonhap"),
    _news("Notimex", "national_agency", "MEX", historical=True),
    _news("Saudi Press Agency", "national_agency", "SAU", "SPA"),
    _news("African News Agency", "national_agency", "ZAF", "ANA"),
    _news("Anadolu Agency", "national_agency", "TUR", "Anadolu"),
    _news("PA Media", "national_agency", "GBR", "Press Association"),
    _news("Télam", "national_agency", "ARG", historical=True),
    # national agencies: Europe
    _news("Agence Belga", "national_agency", "BEL", "Belga"),
    _news("Algemeen Nederlands Persbureau", "national_agency", "NLD", "ANP"),
    _news("Austria Presse Agentur", "national_agency", "AUT", "APA"),
    _news("Keystone-SDA", "national_agency", "CHE"),
    _news("Europa Press", "national_agency", "ESP"),
    _news("Agência Lusa", "national_agency", "PRT", "Lusa"),
    _news("Norsk Telegrambyrå", "national_agency", "NOR", "NTB"),
    _news("Tidningarnas Telegrambyrå", "national_agency", "SWE", "TT"),
    _news("Ritzau", "national_agency", "DNK"),
    _news("Suomen Tietotoimisto", "national_agency", "FIN", "STT"),
    _news("Polish Press Agency", "national_agency", "POL", "PAP"),
    _news("Czech News Agency", "national_agency", "CZE", "ČTK", "CTK"),
    _news("News Agency of the Slovak Republic", "national_agency", "SVK", "TASR"),
    _news("Hungarian News Agency", "national_agency", "HUN", "MTI"),
    _news("Agerpres", "national_agency", "ROU"),
    _news("Bulgarian News Agency", "national_agency", "BGR", "BTA"),
    _news("Tanjug", "national_agency", "SRB"),
    _news("Croatian News Agency", "national_agency", "HRV", "HINA"),
    _news("Slovenian Press Agency", "national_agency", "SVN", "STA"),
    _news("Athens-Macedonian News Agency", "national_agency", "GRC", "ANA-MPA"),
    _news("Cyprus News Agency", "national_agency", "CYP"),
    _news("Ukrinform", "national_agency", "UKR"),
    _news("UNIAN", "national_agency", "UKR"),
    _news("BelTA", "national_agency", "BLR", "Belarusian Telegraph Agency"),
    _news("Baltic News Service", "national_agency", "EST", "BNS"),
    _news("LETA", "national_agency", "LVA"),
    _news("ELTA", "national_agency", "LTU"),
    _news("Sputnik", "state_media", "RUS"),
    # national agencies: Middle East and North Africa
    _news("Emirates News Agency", "national_agency", "ARE", "WAM"),
    _news("Qatar News Agency", "national_agency", "QAT", "QNA"),
    _news("Kuwait News Agency", "national_agency", "KWT", "KUNA"),
    _news("Bahrain News Agency", "national_agency", "BHR", "BNA"),
    _news("Oman News Agency", "national_agency", "OMN", "ONA"),
    _news("Petra", "national_agency", "JOR", "Jordan News Agency"),
    _news("National News Agency", "national_agency", "LBN", "NNA"),
    _news("Syrian Arab News Agency", "national_agency", "SYR", "SANA"),
    _news("Iraqi News Agency", "national_agency", "IRQ", "INA"),
    _news("Islamic Republic News Agency", "national_agency", "IRN", "IRNA"),
    _news("Fars News Agency", "national_agency", "IRN", "Fars"),
    _news("Tasnim News Agency", "national_agency", "IRN", "Tasnim"),
    _news("Mehr News Agency", "national_agency", "IRN", "Mehr"),
    _news("Iranian Students' News Agency", "national_agency", "IRN", "ISNA"),
    # (not aliased "MENA": that is the region, Middle East and North Africa)
    _news("Middle East News Agency", "national_agency", "EGY"),
    _news("Algérie Presse Service", "national_agency", "DZA", "APS"),
    _news("Maghreb Arabe Presse", "national_agency", "MAR", "MAP"),
    _news("Tunis Afrique Presse", "national_agency", "TUN", "TAP"),
    _news("Libyan News Agency", "national_agency", "LBY", "LANA"),
    _news("Sudan News Agency", "national_agency", "SDN", "SUNA"),
    # national agencies: Sub-Saharan Africa
    _news("Ethiopian News Agency", "national_agency", "ETH", "ENA"),
    _news("Kenya News Agency", "national_agency", "KEN", "KNA"),
    _news("News Agency of Nigeria", "national_agency", "NGA", "NAN"),
    _news("Ghana News Agency", "national_agency", "GHA", "GNA"),
    _news("Agence de Presse Sénégalaise", "national_agency", "SEN"),
    _news("Agence Ivoirienne de Presse", "national_agency", "CIV", "AIP"),
    _news("Agence Malienne de Presse et Publicité", "national_agency", "MLI", "AMAP"),
    _news("Agence d'Information du Burkina", "national_agency", "BFA", "AIB"),
    _news("Agence Nigérienne de Presse", "national_agency", "NER"),
    _news("Agence Congolaise de Presse", "national_agency", "COD", "ACP"),
    # national agencies: Asia-Pacific
    _news("Korean Central News Agency", "national_agency", "PRK", "KCNA"),
    _news("Central News Agency", "national_agency", "TWN", "CNA", "Focus Taiwan"),
    _news("Bernama", "national_agency", "MYS", "Malaysian National News Agency"),
    _news("Philippine News Agency", "national_agency", "PHL", "PNA"),
    _news("Vietnam News Agency", "national_agency", "VNM", "VNA"),
    _news("Associated Press of Pakistan", "national_agency", "PAK", "APP"),
    _news("Bangladesh Sangbad Sangstha", "national_agency", "BGD", "BSS"),
    _news("Rastriya Samachar Samiti", "national_agency", "NPL"),
    _news("Bakhtar News Agency", "national_agency", "AFG", "Bakhtar"),
    _news("Kazinform", "national_agency", "KAZ"),
    _news("Armenpress", "national_agency", "ARM"),
    _news("Azertac", "national_agency", "AZE", "AZERTAC"),
    _news("Montsame", "national_agency", "MNG", "MONTSAME"),
    # Latin America and the Caribbean
    _news("Prensa Latina", "national_agency", "CUB"),
    _news("Agencia Andina", "national_agency", "PER", "Andina"),
    # public international broadcasters and global news channels
    _news("BBC", "broadcaster", "GBR", "British Broadcasting Corporation", "BBC News", "BBC World Service"),
    _news("CNN", "broadcaster", "USA", "Cable News Network"),
    _news("Al Jazeera", "broadcaster", "QAT", "Al-Jazeera"),
    _news("Al Arabiya", "broadcaster", "SAU", "Al-Arabiya"),
    _news("Sky News", "broadcaster", "GBR"),
    _news("France 24", "broadcaster", "FRA"),
    _news("Radio France Internationale", "broadcaster", "FRA", "RFI"),
    _news("Deutsche Welle", "broadcaster", "DEU", "DW"),
    _news("Voice of America", "broadcaster", "USA", "VOA"),
    _news("Radio Free Europe/Radio Liberty", "broadcaster", "USA", "RFE/RL", "Radio Free Europe"),
    _news("Radio Free Asia", "broadcaster", "USA", "RFA"),
    _news("NHK", "broadcaster", "JPN", "NHK World"),
    _news("China Global Television Network", "broadcaster", "CHN", "CGTN"),
    _news("China Central Television", "broadcaster", "CHN", "CCTV"),
    _news("RT", "broadcaster", "RUS", "Russia Today"),
    _news("Press TV", "broadcaster", "IRN"),
    _news("TRT World", "broadcaster", "TUR"),
    _news("Euronews", "broadcaster", "FRA"),
    _news("Channel NewsAsia", "broadcaster", "SGP"),
    _news("Australian Broadcasting Corporation", "broadcaster", "AUS", "ABC"),
    _news("Canadian Broadcasting Corporation", "broadcaster", "CAN", "CBC"),
    _news("NPR", "broadcaster", "USA", "National Public Radio"),
    _news("ABC News", "broadcaster", "USA"),
    _news("CBS News", "broadcaster", "USA"),
    _news("NBC News", "broadcaster", "USA"),
    _news("Fox News", "broadcaster", "USA"),
    _news("Arirang", "broadcaster", "KOR"),
    _news("KBS", "broadcaster", "KOR", "Korean Broadcasting System"),
    # principal national newspapers of the G7 and the global financial press
    _news("The New York Times", "newspaper", "USA", "New York Times", "NYT"),
    _news("The Washington Post", "newspaper", "USA", "Washington Post"),
    _news("The Wall Street Journal", "newspaper", "USA", "Wall Street Journal", "WSJ"),
    _news("Financial Times", "newspaper", "GBR", "FT"),
    _news("The Economist", "newspaper", "GBR"),
    _news("The Guardian", "newspaper", "GBR", "Guardian"),
    _news("The Times", "newspaper", "GBR"),
    _news("The Daily Telegraph", "newspaper", "GBR", "The Telegraph", "Daily Telegraph"),
    _news("Le Monde", "newspaper", "FRA"),
    _news("Le Figaro", "newspaper", "FRA"),
    _news("Frankfurter Allgemeine Zeitung", "newspaper", "DEU", "FAZ"),
    _news("Süddeutsche Zeitung", "newspaper", "DEU"),
    _news("Der Spiegel", "newspaper", "DEU", "Spiegel"),
    _news("Corriere della Sera", "newspaper", "ITA"),
    _news("La Repubblica", "newspaper", "ITA"),
    _news("Asahi Shimbun", "newspaper", "JPN", "The Asahi Shimbun"),
    _news("Yomiuri Shimbun", "newspaper", "JPN", "The Yomiuri Shimbun"),
    _news("Nikkei", "newspaper", "JPN", "Nikkei Asia", "Nihon Keizai Shimbun"),
    _news("The Globe and Mail", "newspaper", "CAN", "Globe and Mail"),
]

# ---------------------------------------------------------------------------
# Platforms
# ---------------------------------------------------------------------------
# Criterion: social-media, video and messaging platforms with more than about
# 100 million monthly users, plus those founded as political/alternative
# networks that are routinely cited in news (Truth Social, Gab, Parler,
# Rumble, Bluesky, Mastodon).


def _platform(name, kind, *aliases):
    return {"name": name, "aliases": list(aliases), "kind": kind}


PLATFORMS: list[dict] = [
    _platform("X", "social_network", "Twitter", "X (formerly Twitter)", "X, formerly Twitter"),
    _platform("Facebook", "social_network"),
    _platform("Instagram", "social_network"),
    _platform("Threads", "social_network"),
    _platform("LinkedIn", "social_network"),
    _platform("Reddit", "social_network"),
    _platform("Pinterest", "social_network"),
    _platform("Snapchat", "social_network"),
    _platform("Tumblr", "social_network"),
    _platform("Weibo", "social_network", "Sina Weibo"),
    _platform("VK", "social_network", "VKontakte"),
    _platform("Odnoklassniki", "social_network"),
    _platform("Truth Social", "social_network"),
    _platform("Bluesky", "social_network"),
    _platform("Mastodon", "social_network"),
    _platform("Gab", "social_network"),
    _platform("Parler", "social_network"),
    _platform("YouTube", "video"),
    _platform("TikTok", "video"),
    _platform("Douyin", "video"),
    _platform("Kuaishou", "video"),
    _platform("Bilibili", "video"),
    _platform("Rumble", "video"),
    _platform("Twitch", "video"),
    _platform("WhatsApp", "messaging"),
    _platform("Telegram", "messaging"),
    _platform("Signal", "messaging"),
    _platform("WeChat", "messaging", "Weixin"),
    _platform("QQ", "messaging"),
    _platform("Messenger", "messaging", "Facebook Messenger"),
    _platform("Viber", "messaging"),
    _platform("Line", "messaging"),
    _platform("KakaoTalk", "messaging"),
    _platform("Discord", "messaging"),
]

# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------
# The UN M49 geographic regions come from CLDR (via babel); M49_ALIASES adds
# the everyday English forms of those names.  EXTRA_REGIONS adds the
# geopolitical regions, seas, straits and contested territories commonly used
# as place names in international news (continents are M49 regions).  These
# are places, not actors.

M49_ALIASES: dict[str, list[str]] = {
    "001": ["World"],
    "011": ["West Africa"],
    "014": ["East Africa"],
    "015": ["North Africa"],
    "017": ["Central Africa"],
    "019": ["the Americas"],
    "030": ["East Asia"],
    "034": ["South Asia"],
    "035": ["South-East Asia", "South East Asia"],
    "145": ["West Asia"],
    "202": ["sub-Saharan Africa", "Subsaharan Africa"],
    "419": ["Latin America and the Caribbean"],
}


def _region(name, kind, *aliases):
    return {"name": name, "aliases": list(aliases), "kind": kind, "m49": None}


EXTRA_REGIONS: list[dict] = [
    _region("Middle East", "region", "Mideast"),
    _region("Near East", "region"),
    _region("Far East", "region"),
    _region("Middle East and North Africa", "region", "MENA"),
    _region("Maghreb", "region"),
    _region("Sahel", "region"),
    _region("Sahara", "region", "Sahara Desert"),
    _region("Horn of Africa", "region"),
    _region("Great Lakes region", "region", "African Great Lakes"),
    _region("Lake Chad Basin", "region", "Lake Chad region"),
    _region("Gulf of Guinea", "sea"),
    _region("Gulf", "region", "Gulf region"),
    _region("Persian Gulf", "sea", "Arabian Gulf"),
    _region("Gulf of Aden", "sea"),
    _region("Red Sea", "sea"),
    _region("Arabian Peninsula", "region"),
    _region("Levant", "region"),
    _region("Mediterranean", "sea", "Mediterranean Sea"),
    _region("Eastern Mediterranean", "region"),
    _region("Black Sea", "sea"),
    _region("Baltic Sea", "sea", "Baltic"),
    _region("Baltic states", "region", "Baltics"),
    _region("Balkans", "region", "Balkan Peninsula"),
    _region("Western Balkans", "region"),
    _region("Caucasus", "region"),
    _region("South Caucasus", "region", "Transcaucasia"),
    _region("North Caucasus", "region"),
    _region("Central Europe", "region"),
    _region("Southeast Europe", "region", "South-East Europe", "South East Europe"),
    _region("Scandinavia", "region"),
    _region("Nordic countries", "region", "Nordics", "Nordic region"),
    _region("Iberian Peninsula", "region", "Iberia"),
    _region("Eurasia", "region"),
    _region("Asia-Pacific", "region", "Asia Pacific"),
    _region("Indo-Pacific", "region"),
    _region("Pacific", "region", "Pacific Ocean"),
    _region("South Pacific", "region"),
    _region("Arctic", "region"),
    _region("Antarctic", "region"),
    _region("Atlantic", "sea", "Atlantic Ocean"),
    _region("Indian Ocean", "sea"),
    _region("South China Sea", "sea"),
    _region("East China Sea", "sea"),
    _region("Taiwan Strait", "sea"),
    _region("Korean Peninsula", "region"),
    _region("Strait of Hormuz", "sea"),
    _region("Bab el-Mandeb", "sea", "Bab al-Mandab"),
    _region("Suez Canal", "sea"),
    _region("Gaza Strip", "territory", "Gaza"),
    _region("West Bank", "territory"),
    _region("Golan Heights", "territory", "Golan"),
    _region("Crimea", "territory", "Crimean Peninsula"),
    _region("Donbas", "territory", "Donbass"),
    _region("Kashmir", "territory", "Jammu and Kashmir"),
    _region("Nagorno-Karabakh", "territory", "Karabakh", "Artsakh"),
    _region("Kuril Islands", "territory", "Kurils", "Northern Territories"),
    _region("Senkaku Islands", "territory", "Diaoyu Islands"),
    _region("Spratly Islands", "territory", "Spratlys"),
    _region("Paracel Islands", "territory", "Paracels"),
]

# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "ʻ": "'", "ʿ": "'", "ʾ": "'"}
)
# Words that mark a package alt-spelling as an English formal name
# ("Republic of Mali"); other alt-spellings are native or transliterated names
# ("Shqipëria", "Island" for Iceland) and are left out.
_ENGLISH_MARKERS = {
    "Bailiwick", "Commonwealth", "Confederation", "Democratic", "Department", "Duchy", "Emirates",
    "Federal", "Federated", "Federation", "Independent", "Islamic", "Islands", "Kingdom", "Nation",
    "Oriental", "Eastern", "People's", "Plurinational", "Principality", "Republic", "Socialist",
    "State", "States", "Sultanate", "Territory", "Union", "United",
}


# Function words of French, Spanish and Portuguese formal names ("Union des Comores").
_FOREIGN_WORDS = {"da", "de", "del", "des", "do", "du", "e", "et", "la", "le", "y"}


def _clean(text: str | None) -> str:
    return " ".join((text or "").translate(_APOSTROPHES).split())


def _fold(text: str) -> str:
    """Diacritic-free form: 'Côte d'Ivoire' -> 'Cote d'Ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_latin(text: str) -> bool:
    return all(
        not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text
    )


def _variants(text: str) -> set[str]:
    """The text, its diacritic-free form, its curly-apostrophe form, and capitalised
    hyphenated words spaced ("Guinea-Bissau" is often written "Guinea Bissau")."""
    out = {text}
    folded = _fold(text)
    if folded.isascii():
        out.add(folded)
    if re.search(r"\b[A-Z]\w+-[A-Z]\w+\b", text):
        out.add(re.sub(r"\b([A-Z]\w+)-(?=[A-Z]\w+\b)", r"\1 ", text))
    for form in list(out):
        if "'" in form:
            out.add(form.replace("'", "\u2019"))
    return out


def _saint_variants(text: str) -> set[str]:
    out = {text}
    if text.startswith("Saint "):
        out |= {"St. " + text[6:], "St " + text[6:]}
    if text.startswith("St. "):
        out |= {"Saint " + text[4:], "St " + text[4:]}
    return out


def _sort(items: Iterable[str]) -> list[str]:
    return sorted(set(items), key=lambda s: (s.casefold(), s))


def _cldr_name(raw: str) -> tuple[str, set[str]]:
    """News-style name from a CLDR English name, plus the other forms it implies."""
    extra = {raw}
    name = raw
    if name.endswith(")"):  # "Myanmar (Burma)"
        inner = name[name.index("(") + 1 : name.rindex(")")]
        name = name[: name.index("(")].strip()
        extra.add(inner)
    name = name.replace(" SAR China", "")
    if " & " in name:
        name = name.replace(" & ", " and ")
    if name.startswith("St. "):
        name = "Saint " + name[4:]
    return name, extra


def _source_versions() -> dict[str, str]:
    return {pkg: version(pkg) for pkg in ("pycountry", "countryinfo", "babel")}


def _countryinfo_by_iso2() -> dict[str, dict]:
    """countryinfo's ISO files (data/), merged per alpha-2 code.

    A few codes have two files ("palestine" and "palestine, state of"); the
    first string capital wins and demonyms and spellings are pooled.  The
    package's data_no_iso/ files (Wales, Scotland...) are not read.
    """
    from importlib.resources import files

    merged: dict[str, dict] = {}
    data_dir = files("countryinfo") / "data"
    for path in sorted((p for p in data_dir.iterdir() if p.name.endswith(".json")), key=lambda p: p.name):
        raw = json.loads(path.read_text(encoding="utf-8"))
        iso2 = (raw.get("ISO") or {}).get("alpha2")
        if not iso2:
            continue
        entry = merged.setdefault(iso2, {"names": [], "altSpellings": [], "demonyms": [], "capital": None})
        entry["names"].append(raw.get("name") or "")
        entry["altSpellings"].extend(raw.get("altSpellings") or [])
        entry["demonyms"].extend(d for d in (raw.get("demonym") or "").split(",") if d.strip())
        capital = raw.get("capital")
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        if capital and not entry["capital"]:
            entry["capital"] = capital
    return merged


def _countries() -> list[dict]:
    import pycountry
    from babel import Locale

    cldr = Locale("en").territories
    info_by_iso2 = _countryinfo_by_iso2()

    ambiguous = {name.casefold() for name in AMBIGUOUS}
    entries = []
    for country in pycountry.countries:
        iso2 = country.alpha_2
        info = info_by_iso2.get(iso2, {})
        cldr_name, cldr_extra = _cldr_name(cldr.get(iso2, country.name))
        name = NAME_OVERRIDES.get(iso2, getattr(country, "common_name", None) or cldr_name)

        aliases: set[str] = {country.name, cldr_name} | cldr_extra
        for attr in ("official_name", "common_name"):
            if getattr(country, attr, None):
                aliases.add(getattr(country, attr))
        aliases |= set(info.get("names", []))
        for alt in info.get("altSpellings") or []:
            alt = _clean(alt)
            if alt.startswith("the "):
                alt = alt[4:]
            words = set(alt.replace(",", " ").split())
            if (
                len(words) > 1
                and _is_latin(alt)
                and words & _ENGLISH_MARKERS
                and not words & _FOREIGN_WORDS
            ):
                aliases.add(alt)
        aliases |= set(EXTRA_ALIASES.get(iso2, []))

        expanded: set[str] = set()
        for alias in {_clean(a) for a in aliases if a}:
            if alias.startswith("the "):  # "the State of Eritrea"
                alias = alias[4:]
            for form in _saint_variants(alias):
                expanded |= _variants(form)
        expanded |= _variants(_clean(name)) | {
            f for s in _saint_variants(name) for f in _variants(s)
        }
        expanded.discard(name)
        expanded = {a for a in expanded if a.casefold() not in ambiguous}
        expanded -= {iso2, country.alpha_3} - set(EXTRA_ALIASES.get(iso2, []))

        demonyms: set[str] = set()
        demonyms = {_clean(d) for d in info.get("demonyms", [])}
        demonyms -= set(DEMONYM_DROP.get(iso2, []))
        demonyms |= set(EXTRA_DEMONYMS.get(iso2, []))
        demonyms = {form for d in demonyms for form in _variants(d)}

        capital = CAPITAL_OVERRIDES.get(iso2, _clean(info.get("capital")) or None)
        capital = _clean(capital) or None
        capital_aliases: set[str] = set()
        if capital:
            for alias in [capital, *CAPITAL_ALIASES.get(iso2, [])]:
                for form in _saint_variants(_clean(alias)):
                    capital_aliases |= _variants(form)
            capital_aliases.discard(capital)

        entries.append(
            {
                "name": name,
                "aliases": _sort(expanded),
                "demonyms": _sort(demonyms),
                "capital": capital,
                "capital_aliases": _sort(capital_aliases),
                "iso2": iso2,
                "iso3": country.alpha_3,
                "historical": False,
                "limited_recognition": False,
            }
        )

    recognised = {"PS", "TW", "EH"}  # ISO entries that are states with limited recognition
    for entry in entries:
        if entry["iso2"] in recognised:
            entry["limited_recognition"] = True

    historic_codes = {h.alpha_4: h for h in pycountry.historic_countries}
    for extra in EXTRA_COUNTRIES:
        hist = historic_codes.get(extra.get("iso_3166_3", ""))
        iso2 = extra.get("iso2", hist.alpha_2 if hist else None)
        iso3 = extra.get("iso3", hist.alpha_3 if hist else None)
        aliases = set()
        for alias in extra["aliases"] + [extra["name"]]:
            aliases |= _variants(_clean(alias))
        aliases.discard(extra["name"])
        capital = extra.get("capital")
        capital_aliases = set()
        for alias in [capital, *extra.get("capital_aliases", [])]:
            capital_aliases |= _variants(alias)
        capital_aliases.discard(capital)
        entries.append(
            {
                "name": extra["name"],
                "aliases": _sort(aliases),
                "demonyms": _sort(f for d in extra["demonyms"] for f in _variants(d)),
                "capital": capital,
                "capital_aliases": _sort(capital_aliases),
                "iso2": iso2,
                "iso3": iso3,
                "historical": extra.get("historical", False),
                "limited_recognition": extra.get("limited_recognition", False),
            }
        )
    entries.sort(key=lambda e: (_fold(e["name"]).casefold(), e["name"]))
    _check_unique("countries", entries, ("name", "aliases"))
    _check_demonyms(entries)
    return entries


def _spelling_variants(text: str) -> set[str]:
    """British/American and punctuation variants of an organisation name."""
    pairs = [
        ("Organization", "Organisation"),
        ("Programme", "Program"),
        ("Centre", "Center"),
        ("Defence", "Defense"),
        ("Labour", "Labor"),
        ("Co-operation", "Cooperation"),
        ("Stabilization", "Stabilisation"),
    ]
    out = {text}
    for a, b in pairs:
        for form in list(out):
            out.add(re.sub(rf"\b{a}\b", b, form))
            out.add(re.sub(rf"\b{b}\b", a, form))
    return out


def _named_entries(section: str, rows: list[dict], *, un_prefix: bool = False) -> list[dict]:
    entries = []
    for row in rows:
        name = row["name"]
        aliases: set[str] = set()
        for alias in [name, *row["aliases"]]:
            forms = _spelling_variants(alias)
            if un_prefix:
                for form in list(forms):
                    if form.startswith("United Nations "):
                        rest = form[len("United Nations "):]
                        forms |= {"UN " + rest, "U.N. " + rest}
                    elif form.startswith("UN "):
                        forms.add("U.N. " + form[3:])
            for form in forms:
                aliases |= _variants(form)
        aliases.discard(name)
        entries.append({**row, "aliases": _sort(aliases)})
    entries.sort(key=lambda e: (_fold(e["name"]).casefold(), e["name"]))
    _check_unique(section, entries, ("name", "aliases"))
    return entries


def _regions() -> list[dict]:
    from babel import Locale

    rows = []
    for code, raw in Locale("en").territories.items():
        if not code.isdigit():
            continue
        name = raw[0].upper() + raw[1:]  # CLDR has "world"
        aliases = [a for a in M49_ALIASES.get(code, []) if a != name]
        rows.append({"name": name, "aliases": aliases, "kind": "m49_region", "m49": code})
    return _named_entries("regions", rows + EXTRA_REGIONS)


def _check_unique(section: str, entries: list[dict], fields: tuple[str, ...]) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for entry in entries:
        keys = {entry["name"].casefold()}
        for field in fields[1:]:
            keys |= {a.casefold() for a in entry[field]}
        for key in keys:
            if key in seen and seen[key] != entry["name"]:
                clashes.append(f"{key!r}: {seen[key]} / {entry['name']}")
            seen[key] = entry["name"]
    if clashes:
        raise ValueError(f"{section}: names shared by two entries: " + "; ".join(sorted(clashes)))


def _check_demonyms(entries: list[dict]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in entries:
        if entry["historical"]:
            continue
        for demonym in entry["demonyms"]:
            if demonym in owner and _fold(demonym) not in SHARED_DEMONYMS:
                clashes.append(f"{demonym}: {owner[demonym]} / {entry['name']}")
            owner[demonym] = entry["name"]
    if clashes:
        raise ValueError("countries: demonym shared by two entries: " + "; ".join(sorted(clashes)))


def _check_across_sections(data: dict) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for section in ("countries", "organisations", "news_agencies", "platforms", "regions"):
        for entry in data[section]:
            for key in {entry["name"].casefold()} | {a.casefold() for a in entry["aliases"]}:
                if key in owner and owner[key] != section:
                    clashes.append(f"{key!r}: {owner[key]} / {section}")
                owner.setdefault(key, section)
    if clashes:
        raise ValueError("names shared across sections: " + "; ".join(sorted(clashes)))


def build() -> dict:
    """Assemble the gazetteer from the sources and tables above."""
    data = {
        "meta": {
            "schema_version": SCHEMA_VERSION,
            "generator": "tools/build_gazetteer.py",
            "sources": _source_versions(),
        },
        "countries": _countries(),
        "ambiguous": {name: sorted(codes) for name, codes in sorted(AMBIGUOUS.items())},
        "organisations": _named_entries("organisations", ORGANISATIONS, un_prefix=True),
        "news_agencies": _named_entries("news_agencies", NEWS_AGENCIES),
        "platforms": _named_entries("platforms", PLATFORMS),
        "regions": _regions(),
    }
    _check_across_sections(data)
    return data


def render(data: dict) -> str:
    """Serialise deterministically (sorted keys, 2-space indent, UTF-8, final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="fail if the file differs from a fresh build")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run tools/build_gazetteer.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
