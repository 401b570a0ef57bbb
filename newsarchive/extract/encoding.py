"""Turn page bytes into text, trusting the bytes more than the labels.

Real regional pages are GBK labelled UTF-8, UTF-8 labelled gb2312, Big5, or not
labelled at all. Labels (HTTP header, ``<meta>``, BOM) are hints: a label is used
only when the bytes decode cleanly with it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

# Labels are mapped to the superset codec that browsers actually use for them:
# GB2312 and GBK pages routinely contain GBK/GB18030-only characters.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "utf-8": "utf-8",
    "utf-16-le": "utf-8",  # a <meta> cannot truthfully say UTF-16 (WHATWG)
    "utf-16-be": "utf-8",
    "utf-16": "utf-8",
}
# Single-byte Western labels decode any byte soup without error, so on Chinese
# sites they are the least trustworthy label there is: tried after utf-8/gb18030.
# WHATWG labels that Python's codec registry does not know.
_ALIASES = {
    "x-gbk": "gbk",
    "x-euc-cn": "gb2312",
    "gb_2312-80": "gb2312",
    "csgb2312": "gb2312",
    "iso-ir-58": "gb2312",
    "chinese": "gb2312",
    "x-x-big5": "big5",
    "cn-big5": "big5",
    "csbig5": "big5",
    "unicode-1-1-utf-8": "utf-8",
}
_WEAK = {"latin-1", "iso8859-1", "cp1252", "iso8859-15"}
_LEGACY_CJK = {"gb18030", "big5hkscs", "euc_jp", "shift_jis", "euc_kr", "cp949", "cp932"}

_META_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# Old crawl dumps wrap the page in <text id="URL" title="..." encoding="gb2312">.
_WRAPPER_RE = re.compile(rb"""\A\s*<text\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_HEADER_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_NOT_CJK_RE = re.compile(r"[^\u4e00-\u9fff]+")
# C0 controls except \t \n \r \f, and the C1 range: they only show up in mis-decoded text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_C0_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
# One `in` (memchr) per byte value finds none of them in a few % of a translate() pass.
_C0_EACH = tuple(bytes([b]) for b in _C0_BYTES)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
# Below one NUL byte in this many, NULs are stray junk and removed before decoding.
_NUL_SHARE = 20
_MULTIBYTE = ("utf", "gb", "big5", "hz", "euc", "shift_jis", "cp932", "cp949", "cp950", "iso2022")


@dataclass
class Decoded:
    text: str
    """The decoded page."""
    encoding: str
    """Codec actually used ("utf-8", "gb18030", "big5hkscs", ...)."""
    bad: bool
    """True when the text still decodes badly (replacement or control characters)."""
    utf8: bytes | None = field(default=None, repr=False, compare=False)
    """``text`` encoded as UTF-8 when the page's bytes are exactly that, else None.

    The parser takes UTF-8 bytes: a UTF-8 page need not be encoded again."""


def normalise_label(label: str | None) -> str | None:
    """Map a charset label to the Python codec to decode with, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def labels(data: bytes, content_type: str | None = None) -> list[str]:
    """The charset labels the page carries, most authoritative first, as codec names."""
    found: list[str | None] = []
    if content_type:
        m = _HEADER_RE.search(content_type)
        found.append(m.group(1) if m else None)
    head = data[:_SNIFF_BYTES]
    for rx in (_WRAPPER_RE, _XML_RE, _META_RE):
        m = rx.search(head)
        if m:
            found.append(m.group(1).decode("ascii", "replace"))
    out: list[str] = []
    for label in found:
        codec = normalise_label(label)
        if codec and codec not in out:
            out.append(codec)
    return out


def _strict(data: bytes, codec: str) -> str | None:
    try:
        # final=False: an incomplete character at the very end (a fetch cut short)
        # is left out instead of failing the codec and ending as U+FFFD.
        return codecs.getincrementaldecoder(codec)().decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def badness(text: str, data: bytes | None = None) -> int:
    """Count of characters that betray a wrong decoding (U+FFFD and control characters).

    With ``data`` (the bytes, in an ASCII-compatible multibyte codec) the C0 controls
    are counted on the bytes: a regex over a 100 KB str costs ~1 ms, this ~20 µs. Such
    codecs never produce C1 controls.
    """
    if data is None:
        return text.count("\ufffd") + len(_CONTROL_RE.findall(text))
    # Counting scans the whole page; finding none (the usual case) is much cheaper.
    n = text.count("\ufffd") if "\ufffd" in text else 0
    if any(b in data for b in _C0_EACH):
        n += len(data) - len(data.translate(None, _C0_BYTES))
    return n


def _is_bad(text: str, data: bytes | None = None) -> bool:
    # A stray byte or two (a truncated page) is not a wrong decoding; hundreds are.
    n = badness(text, data)
    return n > 3 and n * 1000 > len(text)


def _looks_big5(text: str) -> bool:
    """True when gb18030-decoded text is mostly rare characters, as Big5 bytes become.

    Simplified Chinese text is almost entirely inside GB2312; Big5 bytes read as GBK
    land largely in the GBK extension area (trail bytes 0x40-0x7E).
    """
    # One substitution, not a findall: a list of thousands of one-character strings
    # cost more than the decoding itself.
    chars = _NOT_CJK_RE.sub("", text[:8000])
    if len(chars) < 20:
        return False
    rare = chars.encode("gb2312", errors="replace").count(b"?")
    return rare * 5 > len(chars)


def decode_html(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode page bytes: BOM, then a label that decodes cleanly, then sniffing.

    Order: BOM; labels (header, then wrapper/XML/meta) that decode strictly; strict
    UTF-8; strict GB18030 (or Big5 when the GB18030 reading is implausible); weak
    Western labels; charset-normalizer; finally the least damaged lossy decoding.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            if not _is_bad(text):
                return Decoded(text, codec, False)
            # A UTF-8 BOM in front of GBK bytes (a template saved as UTF-8 with BOM,
            # the article in GBK): the bytes decide, as for any wrong label.
            data = data[len(bom) :]
            break

    if b"\x00" in data and data.count(0) * _NUL_SHARE < len(data):
        # Stray NUL bytes are junk (no ASCII-compatible codec uses 0x00 inside a
        # character), not a sign of a wrong codec; UTF-16 without a BOM is full of them.
        data = data.replace(b"\x00", b"")
    hints = labels(data, content_type)
    utf8 = _strict(data, "utf-8")
    for codec in hints:
        if codec in _WEAK:
            continue
        if codec == "utf-8":
            if utf8 is not None:
                return _utf8(utf8, data)
            continue
        # Valid non-ASCII UTF-8 is practically never produced by legacy encodings,
        # while UTF-8 bytes can sometimes pass as GBK: UTF-8 wins over a legacy label.
        if codec in _LEGACY_CJK and utf8 is not None and not data.isascii():
            return _utf8(utf8, data)
        text = _strict(data, codec)
        if text is not None:
            if codec == "gb18030" and _looks_big5(text):
                # Big5 bytes labelled GBK also decode as GBK, into rare characters.
                big5 = _strict(data, "big5hkscs")
                if big5 is not None:
                    return Decoded(big5, "big5hkscs", _is_bad(big5, data))
            return Decoded(text, codec, _is_bad(text, data if codec in _LEGACY_CJK else None))

    if utf8 is not None:
        return _utf8(utf8, data)
    gb = _strict(data, "gb18030")
    if gb is not None:
        if "big5hkscs" not in hints and _looks_big5(gb):
            big5 = _strict(data, "big5hkscs")
            if big5 is not None:
                return Decoded(big5, "big5hkscs", _is_bad(big5, data))
        return Decoded(gb, "gb18030", _is_bad(gb, data))
    for codec in hints:
        if codec in _WEAK:
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, codec, _is_bad(text))
    return _lossy(data, hints)


def _utf8(text: str, data: bytes) -> Decoded:
    """``data`` strictly decoded as UTF-8 into ``text``."""
    # A strict decoding leaves out only a character cut off at the very end: when the
    # last byte is ASCII, nothing was left out and ``data`` is exactly text's UTF-8.
    whole = data[-1:] < b"\x80"
    return Decoded(text, "utf-8", _is_bad(text, data), data if whole else None)


def _lossy(data: bytes, hints: list[str]) -> Decoded:
    """No codec decodes every byte: take the reading with the least damage."""
    candidates = [c for c in hints if c not in _WEAK] + ["utf-8", "gb18030", "big5hkscs"]
    best: Decoded | None = None
    best_bad = 0
    for codec in dict.fromkeys(candidates):
        text = data.decode(codec, errors="replace")
        n = badness(text)
        if best is None or n < best_bad:
            best, best_bad = Decoded(text, codec, _is_bad(text)), n
    assert best is not None
    if best.bad:
        guess = _normalizer_guess(data)
        if guess is not None and badness(guess.text) < best_bad:
            return guess
    return best


def _normalizer_guess(data: bytes) -> Decoded | None:
    """charset-normalizer as the last resort (slow: only for pages nothing else reads)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    match = from_bytes(data).best()
    # A single-byte Western guess reads any bytes "cleanly" and is never right here.
    if match is None or not match.encoding or not match.encoding.startswith(_MULTIBYTE):
        return None
    text = str(match)
    return Decoded(text, match.encoding, _is_bad(text))
