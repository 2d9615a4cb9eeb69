"""Decode text in whatever common encoding it arrives in.

UTF-8 is tried first (it is what almost everything is, and a wrong guess is
then impossible: random bytes are almost never valid UTF-8). A byte-order
mark settles UTF-8, UTF-16 and UTF-32; NUL bytes without one mean UTF-16,
binary data (when there are many of them), or stray control characters.
Control characters other than tabs and line breaks (NUL, ESC, BEL, the C1
range) are removed and counted, with one warning per document; only data
that is mostly control characters is refused as binary. Anything else is detected with charset-normalizer. When several
encodings decode about equally cleanly, which happens with short texts, the
one whose text reads as a language wins, then the more widespread one
(Windows-1252 before Big5). A few words of Polish in ISO-8859-2 can still
pass for Windows-1252: there is no telling them apart without more text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import warnings

from briefing.errors import InputError, InputWarning

__all__ = ["decode_text", "looks_binary"]

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# How widespread each legacy encoding is, most first: the tie-break between
# encodings that decode a text equally cleanly.
_PREVALENCE = (
    "utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "cp932", "shift_jis", "gb18030",
    "gbk", "gb2312", "big5", "euc_kr", "cp949", "euc_jp", "iso8859_2", "cp1256", "cp1253", "cp1254",
    "cp1255", "cp1257", "koi8_r", "koi8_u", "iso8859_5", "iso8859_7", "cp874", "tis_620",
)  # fmt: skip

# Above this share of control or unassigned characters, decoded "text" is binary.
_MAX_JUNK_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_STRAY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x1b": "ESC", "\x7f": "DEL"}
_CHAOS_TIE = 0.05


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` to str; ``declared`` is an encoding named by the source (an HTTP header, a meta tag).

    Raises InputError when the bytes are empty, binary, or fit no encoding.
    """
    if not data.strip():
        raise InputError("the document is empty")
    text = _decode(data, declared)
    if looks_binary(text):
        raise InputError("looks like binary data, not text")
    text = _without_stray_controls(text)
    if not text.strip():
        raise InputError("the document is empty")
    return text


def _without_stray_controls(text: str) -> str:
    """Remove control characters a text should not hold, warning once with how many and which."""
    found = _STRAY_CONTROLS.findall(text)
    if not found:
        return text
    kinds = sorted(set(found))
    names = ", ".join(_CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}") for ch in kinds[:4])
    more = ", …" if len(kinds) > 4 else ""
    plural = "s" if len(found) != 1 else ""
    warnings.warn(InputWarning(f"removed {len(found):,} control character{plural} ({names}{more})"), stacklevel=3)
    return _STRAY_CONTROLS.sub("", text)


def looks_binary(text: str) -> bool:
    """Say whether decoded text holds too many control or unassigned characters to be prose."""
    sample = text[:65536]
    if not sample:
        return False
    junk = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co"))
    return junk / len(sample) > _MAX_JUNK_SHARE


def _decode(data: bytes, declared: str | None) -> str:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {label} byte-order mark but is not valid {label}: "
                    f"bytes at offset {exc.start + len(bom)} cannot be decoded"
                ) from exc
    if b"\x00" in data:  # UTF-16 without a byte-order mark, binary, or a few stray NULs in text
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        if data.count(0) > _MAX_JUNK_SHARE * len(data):
            raise InputError("looks like binary data, not text (it contains many NUL bytes)")
        # A NUL is a NUL in UTF-8 and every legacy encoding detected below; it is removed with the other controls.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(_codec_name(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect instead
    text = _detect(data)
    if text is None:
        raise InputError(
            "cannot be decoded: it is not UTF-8 and no other text encoding fits "
            "(if it is text, save it as UTF-8 and try again)"
        )
    return text


def _codec_name(label: str) -> str:
    name = codecs.lookup(label.strip().strip("\"'")).name
    # WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 text that lacks a byte-order mark, telling it apart from binary by where its NULs fall."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, codec in ((odd.count(0), "utf-16-le"), (even.count(0), "utf-16-be")):
        if zeros >= 0.3 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if not looks_binary(text):
                return text
    return None


def _detect(data: bytes) -> str | None:
    """Detect the encoding on the bytes without stray controls (which put the detector off), then decode them all.

    In every encoding detected here a byte below 0x20 is a character of its own, never part of one.
    """
    sample = _STRAY_BYTES.sub(b"", data)
    if not sample.strip():
        return None
    found = _best_match(sample)
    if found is None:
        return None
    text, encoding = found
    if sample == data:
        return text
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return text


def _best_match(data: bytes) -> tuple[str, str] | None:
    """Return the text and encoding charset-normalizer finds likeliest, or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not any(m.encoding == "cp1252" for m in matches):
        matches += list(from_bytes(data, cp_isolation=["cp1252"]))
    if not matches:
        return None

    # Near-equal chaos is a tie (short texts make it noisy); then the encoding
    # whose text reads as a language wins, then the more widespread one.
    least = min(m.chaos for m in matches)
    pool = [m for m in matches if m.chaos <= least + _CHAOS_TIE]

    def rank(match) -> tuple[float, int, float]:
        encodings = [match.encoding, *match.could_be_from_charset]
        prevalence = min((_PREVALENCE.index(e) for e in encodings if e in _PREVALENCE), default=len(_PREVALENCE))
        return (-round(match.coherence, 2), prevalence, match.chaos)

    best = min(pool, key=rank)
    return str(best), best.encoding
