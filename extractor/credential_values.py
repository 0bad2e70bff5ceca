"""Whether a value found in code is a credential, or code, a label, a reference or a fake (pure).

The scanner (`credentials.py`) finds values: given to a secret name, inside a URL, a quoted token.
These judge them: a password or key must not read as code (`process.env.KEY`, `v.string()`,
`session-1`), a reference (`${DB_PASSWORD}`), a type, a version, or a fake (`example`, `xxxx`,
`1234...`, base64 of "not my real password"); a token with no name vouching for it must also look
random (mixed case and digits, not words) and not be an image, a public key or a lock-file hash.
"""

from __future__ import annotations

import base64
import math
import re
from collections import Counter
from itertools import pairwise

Trie = dict[str, "Trie"]


def alternation(words: list[str]) -> str:
    """A regular expression matching any of `words`, longest first, shared prefixes factored out."""
    tree: Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: Trie) -> str:
    alternatives = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in node else body


FAKE_WORDS = [
    "example",
    "dummy",
    "fake",
    "sample",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "redacted",
    "mock",
    "demo",
    "insert",
    "replace",
    "your",
    "todo",
    "test",
    "secret",
    "pass",
    "token",
    "lorem",
    "1234",
    "2345",
    "abc",
    "bcde",
    "qwer",
]
FAKE_RE = re.compile(alternation(FAKE_WORDS) + r"|(?<![a-z])(?:key|api|hash|xyz)(?![a-z])|\*{3,}|•{3,}|\.{3,}")
"""What a value that says it is not real contains, in lower case: fake words, sequences, masks."""
DECODED_FAKE_RE = re.compile(r"example|dummy|fake|sample|placeholder|changeme|redacted|not (?:a |my )?real|passw|test")
"""What the text a base64 value encodes says when it is not real (`not my real password`); not `key`, as
in Mailgun's `api:key-...`."""
RUN_RE = re.compile(r"(.)\1{3,}")
"""A character repeated: `xxxx`, `0000`; fake when such runs make up much of the value."""

BASE64_RE = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")
"""A value that may be base64: `bm90IG15IHJlYWwgcGFzc3dvcmQ=` says "not my real password"."""

REFERENCE_RE = re.compile(
    r"\$\{|\$\(|\{[^{}]*\}|%\(\w+\)|^\$\w+$|^%\w+%$|^<.*>$|^@.*@$|^[*&!]"
    r"|^(?i:string|str|number|int|integer|bool|boolean|bytes|any|object|optional|secretstr)\W*$"
)
"""Template, interpolation and variable syntax, or a type: the value is looked up or given elsewhere."""

IDENTIFIER_RE = re.compile(
    r"^(?:[a-z]+(?:[A-Z][a-z]*)+|[a-z]*\d{0,4}(?:[A-Z][a-z]{2,}[A-Z0-9]{0,4}){2,}|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+"
    r"|(?:[a-z]+\d{0,4}|\d{1,4})(?:[-_.](?:[a-z]+\d{0,4}|\d{1,4}))+|(?:[A-Z]+\d{0,4}|\d{1,4})(?:[-_.](?:[A-Z]+\d{0,4}|\d{1,4}))+)$"
)
"""camelCase, PascalCase, dotted.names, and words joined by `-`, `_` or `.` with short numbers (`session-1`,
`CONST_CASE`, `regular_session_2`): code, labels and fixtures, not secrets."""

VERSION_RE = re.compile(r"\d\.\d{1,4}\.\d")
"""A version number (`better-auth@1.3.4`): a package, not a key."""

PUBLIC_RE = re.compile(
    r"MFkwEwYHKoZIzj0CAQY|MHYwEAYHKoZIzj0CAQYFK4EEACID|MCowBQYDK2VwAyEA|MII[A-Za-z0-9+/]{2}CCA"
    r"|MII[A-Za-z0-9+/]{2}jANBgkqhkiG9w0BAQEFAAOC"
)
"""The base64 start of a public key (EC, Ed25519, RSA) or of a certificate: published on purpose."""

BINARY_PREFIXES = (
    "iVBORw0KGg",
    "R0lGOD",
    "/9j/",
    "UklGR",
    "PHN2Zy",
    "PD94bWwg",
    "d09GMg",
    "d09GRg",
    "AAABAA",
    "JVBERi0",
    "UEsDB",
    "T2dnUw",
    "SUQz",
    "AGFzbQ",
)
"""Base64 of PNG, GIF, JPEG, WebP, SVG, XML, WOFF2, WOFF, ICO, PDF, ZIP, Ogg, MP3 and WebAssembly files: not keys."""

WORD_RE = re.compile(r"[A-Z][a-z]{3,}|(?<![A-Za-z])[a-z]{4,}")
"""A word in an identifier: `Wave` in `SQLTextWaveToBinaryWaves`, `license` in `bsd-3-clause-license`.
Random base64 keys are words for under half their length, and for 40% with a third of their letters
vowels, 99 times in 100."""

ID_PREFIX_RE = re.compile(r"[a-z]{2,12}_|sha\d{1,3}-")
"""The start of an id with a type prefix (`user_2NNEq...`, `cus_...`, `pk_live_...`) or of a
Subresource Integrity hash (`sha512-...`, in lock files): not keys."""

PART_RE = re.compile(r"[._\-]")
"""What separates the parts of a dotted or joined name."""

MIN_PASSWORD = 6
MIN_KEY = 8
"""Shortest password and named key."""
MIN_ENTROPY = 4.0
"""Bits per character of a random-looking token (base64 keys of 24 characters or more score 4.2 to 5.5)."""
MIN_SWITCHES = 0.4
"""Share of neighbouring characters of different classes (upper, lower, digit, other) in a random
token: ~0.6 for base62 keys, ~0.1 for words and identifiers."""


def password(value: str, quoted: bool) -> bool:
    """A password: six characters or more, not all letters, no spaces, not code, not fake."""
    if len(value) < MIN_PASSWORD or value.isalpha() or any(c.isspace() for c in value):
        return False
    if _reference(value) or fake(value) or _code(value):
        return False
    return quoted or any(c.isdigit() for c in value)


def key(value: str, quoted: bool) -> bool:
    """A key or token: eight characters or more of letters and digits that are not words, a path or fake."""
    if len(value) < MIN_KEY or any(c.isspace() for c in value) or "://" in value:
        return False
    if _reference(value) or fake(value) or _code(value) or VERSION_RE.search(value):
        return False
    if not any(c.isdigit() for c in value) and not (len(value) >= 16 and _switches(value) >= MIN_SWITCHES):
        return False
    return quoted or any(c.isalpha() for c in value)


def random(token: str) -> bool:
    """A quoted token that no name vouches for: long, mixed case and digits, switching class often, not words."""
    if token.startswith(BINARY_PREFIXES) or ID_PREFIX_RE.match(token) or PUBLIC_RE.match(token) or fake(token):
        return False
    if not (mixed(token) and _switches(token) >= MIN_SWITCHES and _entropy(token) >= MIN_ENTROPY):
        return False
    return not _wordy(token)


def _wordy(token: str) -> bool:
    """Whether a token is mostly words (`PyUnicode_AsUTF8AndSize2`): half of it, or 40% with the vowels of words."""
    words = sum(len(word) for word in WORD_RE.findall(token)) / len(token)
    letters = [c for c in token.lower() if c.isalpha()]
    vowels = sum(c in "aeiou" for c in letters) / max(1, len(letters))
    return words >= 0.5 or (words >= 0.4 and vowels >= 0.3)


def mixed(token: str) -> bool:
    """Upper case, lower case and digits, as in base62 and base64 keys (not hex, not words)."""
    return any(c.isupper() for c in token) and any(c.islower() for c in token) and any(c.isdigit() for c in token)


def _switches(token: str) -> float:
    """Share of neighbouring characters of different classes."""
    kinds = [0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3 for c in token]
    return sum(a != b for a, b in pairwise(kinds)) / max(1, len(kinds) - 1)


def _entropy(token: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())


def _code(value: str) -> bool:
    """Whether a value reads as an identifier, a dotted name or words, unless a part of it is random
    (`process.env.API_KEY` is code, `hE1hlYILrSqpqh.atlasv1.ARjZ...` is not)."""
    if not IDENTIFIER_RE.match(value):
        return False
    return not any(len(part) >= 16 and mixed(part) and not _wordy(part) for part in PART_RE.split(value))


def fake(value: str) -> bool:
    """Whether the value, or the text it is the base64 of, says it is not real."""
    if FAKE_RE.search(value.lower()) or sum(len(run.group()) for run in RUN_RE.finditer(value)) * 3 >= len(value):
        return True
    if len(value) % 4 or not BASE64_RE.fullmatch(value):
        return False
    try:
        decoded = base64.b64decode(value, validate=True).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return False
    return decoded.isprintable() and DECODED_FAKE_RE.search(decoded.lower()) is not None


def _reference(value: str) -> bool:
    return REFERENCE_RE.search(value) is not None


def regexes() -> list[re.Pattern[str]]:
    """Every regular expression applied to values, for the linear-time check."""
    found = [FAKE_RE, DECODED_FAKE_RE, RUN_RE, BASE64_RE, REFERENCE_RE, IDENTIFIER_RE, VERSION_RE, PUBLIC_RE]
    return [*found, WORD_RE, ID_PREFIX_RE, PART_RE]
