"""A clean source line: the document's own title, without its site's name, in title case if shouted."""

from __future__ import annotations

from briefing.ingest import parse_bytes
from briefing.ingest.titles import tidy_title
from briefing.model import Brief, Source
from briefing.render.common import source_line


def test_site_suffixes_naming_the_publisher_or_host_are_dropped():
    assert tidy_title("Taiwan signs pact - Taipei Times", url="https://www.taipeitimes.com/News/1") == "Taiwan signs pact"
    assert tidy_title("Pact signed | Daily Wire", publisher="Daily Wire") == "Pact signed"
    kept = "Trump's Fiery Rebuke - Biden's $6 Billion 'Hostage Deal' with Iran"
    assert tidy_title(kept) == kept  # a dash in the headline is not a site


def test_wire_headlines_in_capitals_become_title_case_keeping_acronyms():
    assert tidy_title("SAUDI ARABIA REITERATES COMMITMENT TO OPEC PACT") == "Saudi Arabia Reiterates Commitment to OPEC Pact"
    assert tidy_title("CHINA CALLS FOR BETTER TRADE DEAL WITH U.S.") == "China Calls for Better Trade Deal with U.S."
    assert tidy_title("EC MINISTERS STRUGGLE TO AGREE ON DAIRY CUTS") == "EC Ministers Struggle to Agree on Dairy Cuts"
    assert tidy_title("NATO") == "NATO"


def test_a_markdown_file_is_titled_by_its_first_line():
    text = "Australia–UK–US security partnership\n\nAUKUS is a trilateral security partnership. It began in 2021.\n"
    document = parse_bytes(text.encode(), "wiki_aukus.md")
    assert document.title == "Australia–UK–US security partnership"
    assert document.text.startswith("AUKUS is")


def test_the_source_line_names_author_publisher_date_and_url_not_the_title_again():
    source = Source(name="a.html", title="Pact signed", author="Jane Roe", publisher="The Paper",
                    published="2024-03-01", url="https://example.org/a")
    rows = source_line(Brief(title="Pact signed", source=source))
    assert rows == [("Author", "Jane Roe"), ("Publisher", "The Paper"), ("Published", "1 March 2024"),
                    ("URL", "https://example.org/a")]
    assert source_line(Brief(title="Pact signed", source=Source(name="a.txt", title="Pact signed"))) == [
        ("Source", "a.txt")
    ]
