"""Closed word classes of English the extractor reasons with.

These are words of the language (titles, speech verbs, modal verbs), not
names: nothing here is specific to any article.
"""

from __future__ import annotations

HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. professor "
    "sheikh sheik madam monsieur mme herr".split()
)

# Nouns that head a role ("junta leader", "oil minister", "foreign secretary").
ROLE_NOUNS = frozenset(
    """
    president vice-president premier minister secretary chancellor leader chief head
    king queen prince princess emir sultan monarch emperor pope cardinal archbishop bishop imam ayatollah
    ambassador envoy diplomat consul representative negotiator delegate commissioner
    governor mayor senator congressman congresswoman lawmaker legislator deputy mp mep speaker
    spokesman spokeswoman spokesperson official officer director chairman chairwoman chair
    chairperson ceo cfo coo founder executive manager administrator adviser advisor counsel
    general commander colonel lieutenant captain major admiral marshal brigadier sergeant
    judge justice prosecutor attorney lawyer analyst economist correspondent editor reporter
    strongman ruler dictator chancellor-elect president-elect premier-elect governor-general
    secretary-general director-general undersecretary under-secretary coordinator
    member activist campaigner researcher expert scholar professor owner partner founder counterpart
    commentator observer critic historian writer author
    """.split()
)

# Words that qualify or abbreviate a title ("Rear Admiral", "Rep.", "former President").
TITLE_WORDS = frozenset(
    """
    rear vice deputy acting former interim assistant associate senior junior chief
    rep sen gov gen lt col maj capt sgt adm cmdr supt insp det pres amb
    """.split()
)

# Abbreviated titles that stand before a name ("Rep. Young Kim", "Sen. X", "Gen. Y").
ABBREVIATED_TITLES = frozenset("rep sen gov gen lt col maj capt sgt adm cmdr supt insp amb pres atty".split())

# Nouns that make a collective party out of a people or creed
# ("Tuareg armed groups", "Houthi rebels").
GROUP_NOUNS = frozenset(
    """
    group groups rebel rebels militant militants insurgent insurgents fighter fighters
    separatist separatists jihadist jihadists jihadi jihadis militia militias faction factions
    tribe tribes clan clans protester protesters protestors demonstrators guerrillas guerrilla
    extremists islamists loyalists forces paramilitaries
    """.split()
)

# Nouns that, after a demonym or a country's name, stand for the state itself
# ("the Egyptian government", "Mali's junta").
STATE_NOUNS = frozenset(
    """
    government junta regime authorities administration cabinet state military army
    leadership officials ministry forces troops
    """.split()
)

# Words naming an instrument: what terms are the provisions of.
INSTRUMENT_NOUNS = frozenset(
    """
    pact treaty charter agreement accord deal convention protocol memorandum sanction sanctions
    ceasefire truce armistice compact contract arrangement declaration resolution ruling
    framework partnership alliance settlement understanding package embargo
    """.split()
)

# Nouns naming something parties undertake together: "a joint force with Chad", "talks with Mexico".
JOINT_UNDERTAKING_NOUNS = frozenset(
    "force operation mission exercise venture project programme program effort campaign initiative patrol".split()
)

# Nouns naming a measure of policy, law or finance: an instrument too when the
# story is about one (twice or more, or in the title), so its provisions are terms.
MEASURE_NOUNS = frozenset(
    """
    proposal roadmap bill law legislation regulation directive decree ordinance
    tariff tax levy duty quota subsidy budget bailout loan aid relief
    reform membership accession
    """.split()
)

# Words that make a name the title of an instrument, not a party to it.
INSTRUMENT_NAME_WORDS = frozenset(
    """
    charter treaty accord agreement pact protocol convention act doctrine declaration
    memorandum resolution plan initiative strategy corollary
    tratado acuerdo pacto traité accord vertrag abkommen
    """.split()
)

# Words that make a name a thing made or run, not a party: programmes, funds,
# facilities, systems, lists, constitutions ("the International Finance Facility",
# "the Entity List", "the EU Constitution").
THING_NAME_WORDS = frozenset(
    """
    constitution facility list system systems infrastructure measures scheme
    mechanism index registry database network-system project projects initiative
    """.split()
)

# Words that end the name of a publication, a broadcast or a programme
# ("The Times", "BBC Radio 4", "the Today programme"): outlets are not parties.
PUBLICATION_WORDS = frozenset(
    """
    times post journal herald gazette tribune telegraph guardian observer chronicle mirror standard
    independent express review magazine newspaper radio tv television channel podcast programme
    show website newsletter bulletin
    """.split()
)

# Nouns of gatherings a place name can modify ("the Hong Kong summit"): there it is where.
GATHERING_NOUNS = frozenset("summit conference meeting talks forum ceremony session games congress".split())

# Words that make a name an event or an idea rather than a party
# ("the Cuban Missile Crisis", "the Cold War").
EVENT_WORDS = frozenset(
    """
    crisis war wars revolution uprising coup massacre incident affair scandal invasion
    election elections referendum olympics games cup championship
    """.split()
)

# Words that make a name an organisation whatever the NER model said.
ORGANISATION_WORDS = frozenset(
    """
    state group party army front council ministry department company corp corporation inc ltd
    plc bank union alliance organisation organization agency commission committee movement
    brigade brigades force forces authority office institute university association federation
    league fund court parliament assembly congress senate coalition network service
    """.split()
)

# Nouns that can speak in a quotation's attribution without naming a party:
# documents ("the letter said") and unnamed people ("a source told").
SOURCE_NOUNS = frozenset(
    """
    letter statement report memo memorandum document documents communique communiqué release notice
    text article clause paper study survey filing complaint lawsuit order verdict judgment
    source sources people person residents resident witness witnesses observers critics supporters
    opponents voters campaigners diplomats lawmakers legislators officials aides insiders experts analysts
    """.split()
)

SPEECH_VERBS = frozenset(
    """
    say tell write add post tweet state announce declare claim insist warn note explain argue
    affirm confirm stress emphasise emphasize report comment remark reply respond acknowledge
    admit suggest predict promise pledge vow urge assert maintain reiterate describe
    snap quip retort laugh joke concede recall observe ask continue muse sigh reply counter
    caution contend recount reckon conclude testify call dub brand label
    """.split()
)

# Verbs that attribute words to their subject in a quotation's sentence: the
# speech verbs and those of charging and demanding ("the lawmakers accuse").
#: Verbs of uttering alone: the day someone "said" what follows is when the source heard it, not an event.
UTTERANCE_VERBS = frozenset(
    "say tell add note write post tweet comment remark reply respond explain stress emphasise emphasize "
    "reiterate state".split()
)
REPORTING_VERBS = SPEECH_VERBS | frozenset(
    "accuse charge criticise criticize demand allege blame condemn protest denounce".split()
)

CALENDAR_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow
    """.split()
)

# Nouns after a name that make it a place ("the Kunene region", "Walvis Bay").
PLACE_NOUNS = frozenset(
    """
    region province district county city town village municipality area zone valley coast bay
    river lake island islands peninsula mountain mountains desert park reserve port harbour
    harbor strait sea ocean border corridor airport square street road highway
    """.split()
)

# Prepositions that put a name in a place role ("in Cape Town", "via Walvis Bay").
PLACE_PREPOSITIONS = frozenset(
    "in at near via across through outside inside around towards toward into".split()
)

FUNCTION_WORDS = frozenset("of the and for de des du la le el al to in on".split())
