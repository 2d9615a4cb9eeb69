"""Tell which language a source is written in, cheaply, and refuse one the pipeline cannot read.

Detection counts the commonest function words of a few European languages
in the first :data:`SAMPLE_CHARACTERS` characters (these words make up a
third or more of any running text in their language and are rare in the
others), and for other scripts names the script's language by its letters.
It takes well under a millisecond on a page of text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from briefing.errors import InputError
from briefing.model import Document

SAMPLE_CHARACTERS = 4_000
MIN_WORDS = 30  # fewer words than this are not enough to judge: the text is taken as it is
MARGIN = 1.5  # how many times the next language's hits the winner needs

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "he": "Hebrew", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "el": "Greek", "hi": "Hindi", "th": "Thai", "fa": "Persian",
}  # fmt: skip

# Words that are frequent in one language and rare in the others (no word is in two lists).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to is was that with for on are by this from have which were has".split()),
    "fr": frozenset("le la les des du et est une dans pour qui au aux sur pas par avec ces sont été".split()),
    "de": frozenset("der die das und ist nicht ein eine mit den dem sich auf auch wird von zu im".split()),
    "es": frozenset("el los las del y es que en por una con para se su lo como más fue".split()),
    "it": frozenset("il di che è per non della gli delle nel alla sono una dei con anche".split()),
    "pt": frozenset("os das dos uma não em com para por mais foi são pela pelo ao também".split()),
    "nl": frozenset("het een van en niet dat zijn voor op met aan bij ook worden werd naar".split()),
}
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("CYRILLIC", "ru"), ("ARABIC", "ar"), ("HEBREW", "he"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"),
    ("HANGUL", "ko"), ("CJK", "zh"), ("GREEK", "el"), ("DEVANAGARI", "hi"), ("THAI", "th"),
)  # fmt: skip
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Letters of other scripts: Greek to Ethiopic, the Indic and East Asian blocks (not punctuation or symbols).
_OTHER_SCRIPT = re.compile(r"[\u0370-\u1fff\u2e80-\ud7ff\uf900-\ufdff\ufe70-\ufefe\uff66-\uffdc]")


@dataclass(frozen=True)
class Detected:
    """A language guess: its ISO 639-1 code, or None when the text is too short or mixed to tell."""

    code: str | None

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code or "", self.code or "unknown")


def detect_language(text: str) -> Detected:
    """Guess the language of ``text`` from its letters and commonest words."""
    sample = text[:SAMPLE_CHARACTERS]
    script = _script_language(sample)
    if script is not None:
        return Detected(script)
    words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return Detected(None)
    counts = Counter(words)
    hits = sorted(((sum(counts[w] for w in vocab), code) for code, vocab in FUNCTION_WORDS.items()), reverse=True)
    (best, code), (second, _) = hits[0], hits[1]
    if best < 0.1 * len(words) or best < MARGIN * second:
        return Detected(None)
    return Detected(code)


def _script_language(sample: str) -> str | None:
    """Return the language of the script most letters are in, when that is not Latin; else None."""
    if sample.isascii():
        return None
    others = _OTHER_SCRIPT.findall(sample)
    if len(others) <= len(_LATIN.findall(sample)):
        return None
    scripts = Counter(_script(char) for char in others[:2000])
    script, count = scripts.most_common(1)[0]
    return dict(_SCRIPTS).get(script) if count >= 0.5 * sum(scripts.values()) else None


def _script(char: str) -> str:
    if char < "\u0250":
        return "LATIN"
    name = unicodedata.name(char, "")
    return next((prefix for prefix, _ in _SCRIPTS if name.startswith(prefix)), name.split(" ")[0] or "OTHER")


def check_language(document: Document, pipeline_language: str, *, declared: str | None = None) -> None:
    """Refuse ``document`` (InputError) when it is not in the pipeline's language.

    ``declared`` is the language the user says the source is in (``--lang``):
    it replaces detection. A source too short or mixed to tell is let through.
    """
    code = _primary(declared) if declared else detect_language(document.text).code
    wanted = _primary(pipeline_language)
    if code is None or code == wanted:
        return
    found = f"{LANGUAGE_NAMES.get(code, code)} ({code})"
    reads = f"{LANGUAGE_NAMES.get(wanted, wanted)} ({wanted})"
    if declared:
        raise InputError(f"--lang {declared} asks for {found}; briefing's pipeline reads {reads} only",
                         source=document.name)
    raise InputError(
        f"looks like {found}; briefing's pipeline reads {reads} only. To brief it anyway, pass --lang {wanted}",
        source=document.name,
    )


def _primary(tag: str) -> str:
    """Return the primary subtag of a language tag, lower-case: "FR-CA" -> "fr"."""
    return tag.replace("_", "-").split("-")[0].strip().lower()
