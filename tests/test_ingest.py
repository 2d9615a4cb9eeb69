"""Ingest of plain text and Markdown: encodings, normalisation, titles, boilerplate, credit lines, errors."""

from __future__ import annotations

import pytest

from briefing.errors import InputError, InputWarning
from briefing.ingest import parse_bytes, read_document


def doc(text: str, name: str = "a.txt"):
    return parse_bytes(text.encode("utf-8"), name)


def test_first_line_is_the_title_and_not_body_text():
    d = doc("A Pact Is Signed\n\nThe two states signed a pact on Monday.\n")
    assert d.title == "A Pact Is Signed"
    assert d.text == "The two states signed a pact on Monday."


def test_hard_wrapped_lines_are_joined_and_indentation_starts_paragraphs():
    wire = (
        "OIL PACT HOLDS\n\n"
        "The minister said the accord\nwould hold through the winter.\n"
        "    Traders said output was\nabove the ceiling.\n"
        " REUTER\n"
    )
    d = doc(wire)
    assert d.title == "Oil Pact Holds"  # a wire headline in capitals, in title case
    assert d.text.split("\n\n") == [
        "The minister said the accord would hold through the winter.",
        "Traders said output was above the ceiling.",
    ]
    assert d.credit == "REUTER"


def test_whitespace_is_normalised_and_control_characters_removed():
    with pytest.warns(InputWarning, match=r"^a\.txt: removed 1 control character \(BEL\)$"):
        d = doc("Title\n\nOne\u00a0 \t two\x07 three.\r\n\r\n\r\nFour  five.")
    assert d.text == "One two three.\n\nFour five."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_stray_nul_is_removed_like_other_controls_with_one_warning(encoding):
    text = ("Title\n\nThe pact\x00 was signed on Monday by the ministers of both states.\x1b[0m Troops\x00 will "
            "follow within the month, officials said.\x08 The text runs to forty pages.\n")
    data = text.replace("Monday", "lundi é" if encoding == "cp1252" else "Monday").encode(encoding)
    with pytest.warns(InputWarning) as caught:
        d = parse_bytes(data, "a.txt")
    assert [str(w.message) for w in caught] == ["a.txt: removed 4 control characters (NUL, BS, ESC)"]
    assert "\x00" not in d.text and d.text.startswith("The pact was signed on")


def test_mostly_binary_data_is_still_refused():
    with pytest.raises(InputError, match="looks like binary data, not text"):
        parse_bytes(b"Title\n\n" + b"\x00\x01\x02\x03 text " * 200, "a.txt")


def test_bidi_overrides_c1_controls_and_joiners_do_not_reach_the_text():
    source = ("Title\n\nThe United Nat\u200dions met in Gen\u2060eva. An \u202eunterminated override "
              "and \u2066an isolate\u2069 end here\u0085.\n")
    with pytest.warns(InputWarning, match="removed 1 control character"):
        d = doc(source)
    assert d.text == "The United Nations met in Geneva. An unterminated override and an isolate end here."


@pytest.mark.parametrize("kept", ["\u0928\u094d\u200d\u0937", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                                  "\U0001F468\u200d\U0001F469\u200d\U0001F467"])
def test_joiners_stay_inside_the_scripts_and_emoji_that_need_them(kept):
    assert kept in doc(f"Title\n\nThe word {kept} is spelt with a joiner.\n").text


def test_web_boilerplate_is_dropped_and_credit_line_kept_as_metadata():
    page = (
        "Pact signed\n\nThe states signed a pact.\n\nShare this article\n\nThey will help each other.\n\n"
        "dh/sms (AFP, Reuters)\n\n\nLeave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *\n\nNice article!"
    )
    d = doc(page)
    assert d.text == "The states signed a pact.\n\nThey will help each other."
    assert d.credit == "dh/sms (AFP, Reuters)"
    for furniture in ("Leave a Reply", "email address", "Required fields", "Nice article", "Share this", "AFP"):
        assert furniture not in d.text


def test_a_wiki_maintenance_notice_is_dropped_however_long_and_the_next_line_is_the_title():
    notice = ("| This article **needs additional citations for verification**. Please help improve this article by "
              "adding citations to reliable sources. Unsourced material may be challenged and removed. Find "
              "sources: news · books · scholar ( May 2024)_(Learn how and when to remove this message)_ \n---|---\n")
    d = doc(notice + "\n1999 trade agreement between two states\n\nThe **Pact** binds both states to open trade.\n", "a.md")
    assert d.title == "1999 trade agreement between two states"
    assert d.text == "The Pact binds both states to open trade."


def test_paragraph_and_heading_spans_point_into_the_text():
    d = doc("Title\n\nFirst paragraph here.\n\nA Short Heading\n\nSecond paragraph here.")
    assert [d.text[s.start : s.end] for s in d.paragraphs] == ["First paragraph here.", "Second paragraph here."]
    assert [d.text[s.start : s.end] for s in d.headings] == ["A Short Heading"]


def test_markdown_front_matter_becomes_metadata_and_markup_is_stripped():
    md = (
        "---\ntitle: The Pact\ndate: 2023-09-22 07:01\nauthor: A. Writer\nlayout: post\n---\n\n"
        "The **Alliance** (see [site](https://example.org)) was _formed_ today.[1]\n"
        "It spans `three` states.\n\n## Terms\n\n- Each state will help the others.\n- Attacks count against all.\n"
        "\n![photo](x.png)\n\n| a | b |\n|---|---|\n| one | two |\n"
    )
    d = doc(md, "a.md")
    assert d.title == "The Pact"
    assert d.published == "2023-09-22 07:01"
    assert d.author == "A. Writer"
    assert ("layout", "post") in d.metadata
    assert d.text.split("\n\n") == [
        "The Alliance (see site) was formed today. It spans three states.",
        "Terms",
        "Each state will help the others.",
        "Attacks count against all.",
        "a; b",
        "one; two",
    ]


def test_markdown_title_falls_back_to_the_first_heading():
    d = doc("# Big News\n\nBody text of the story.\n", "a.md")
    assert d.title == "Big News"
    assert d.text == "Body text of the story."


def test_malformed_front_matter_is_a_clear_error():
    with pytest.raises(InputError, match=r"a\.md: malformed YAML front matter"):
        doc("---\ntitle: [unclosed\n---\n\nBody.", "a.md")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the document is empty"),
        (b"  \n\t\n ", "the document is empty"),
        (b"\x00\x01\x02binary", "binary data"),
        (bytes(range(0x80, 0x100)) * 4, r"cannot be decoded: it is not UTF-8 and no other text encoding fits"),
        (b"\xff\xfe\x00\x00garbage", r"starts with a UTF-32 byte-order mark but is not valid UTF-32"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image, not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", r"looks like a PDF file, not text \(name it \.pdf\)"),
        ("Title\n\nBody".encode("utf-16-le")[:-1] + b"\x00\x00\x00", "binary data"),
        (b"Leave a Reply\n\nYour email address will not be published.", "no text once boilerplate is removed"),
    ],
)
def test_bad_bytes_get_clear_errors(data, message):
    with pytest.raises(InputError, match=message):
        parse_bytes(data, "bad.txt")


def test_utf8_bom_is_accepted():
    assert doc("\ufeffTitle\n\nBody text.").title == "Title"


BODY = "Le président a signé l’accord à Genève — « un pas décisif », selon le ministre."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("The café on Rue de l’Église closed; its owner said “enough”.", "cp1252"),
        ("Très bien, merci.", "latin-1"),
        (BODY, "utf-16"),  # with a byte-order mark
        (BODY, "utf-16-le"),  # without one
        (BODY, "utf-16-be"),
        (BODY, "utf-32"),
        ("Президент подписал соглашение о безопасности в понедельник вечером.", "cp1251"),
        ("Президент подписал соглашение о безопасности в понедельник вечером.", "koi8-r"),
        ("日本政府は新しい安全保障協定に署名した。これは重要な一歩である。", "shift_jis"),
        ("中国和俄罗斯签署了新的安全协议，双方同意加强合作。", "gb18030"),
        ("Η κυβέρνηση υπέγραψε τη συμφωνία ασφαλείας τη Δευτέρα.", "cp1253"),
    ],
)
def test_text_in_common_encodings_is_decoded(text, encoding):
    d = parse_bytes(f"Heading\n\n{text}\n".encode(encoding), "legacy.txt")
    assert d.text == text


def test_markdown_in_a_legacy_encoding_is_decoded():
    d = parse_bytes("---\ntitle: Égalité\n---\n\nLe traité est signé à Genève.\n".encode("cp1252"), "a.md")
    assert (d.title, d.text) == ("Égalité", "Le traité est signé à Genève.")


def test_a_text_file_that_is_really_a_word_file_says_so():
    from .ingest_fixtures import docx_bytes

    message = r"^report\.txt: looks like a Word \(\.docx\) file, not text \(name it \.docx\)"
    with pytest.raises(InputError, match=message):
        parse_bytes(docx_bytes(), "report.txt")


def test_missing_file_directory_unsupported_and_oversized(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_document(folder)
    odd = tmp_path / "x.xyz"
    odd.write_text("hello")
    with pytest.raises(InputError, match=r"unsupported input type \.xyz"):
        read_document(odd)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_document(big, max_bytes=100)
    legacy = tmp_path / "notes.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"unsupported input type \.doc; supported: .*\.docx"):
        read_document(legacy)


def test_markdown_drops_wiki_notes_but_keeps_the_authors_brackets():
    from briefing.ingest import parse_bytes

    text = parse_bytes(
        "Leaders made those[_which?_] plans as of 2023[update], called a \"Security Diamond [ja]\",[4] and "
        "“reaffirm[ed] their commitment” [for not] set[ting] rules [sic].\n".encode(),
        "w.md",
    ).text
    assert "those plans as of 2023, called" in text
    assert "Security Diamond\"," in text
    assert "reaffirm[ed] their commitment" in text and "[for not] set[ting] rules [sic]" in text



def test_markdown_drops_a_pronunciation_guide_but_not_other_parentheses():
    from briefing.ingest import parse_bytes

    text = parse_bytes(
        "**AUKUS** (/ˈɔːkəs/ _AW-kəs_), also styled Aukus, is a pact (signed 2021) on paths (/usr/bin/).\n".encode(),
        "w.md",
    ).text
    assert text.startswith("AUKUS, also styled Aukus, is a pact (signed 2021) on paths (/usr/bin/).")
