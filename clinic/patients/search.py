"""Finding a patient by any part of the name, phone or birth date without names in plain text.

Each record keeps keyed tokens (HMAC-SHA256 under the blind-index key, 64 bits kept): the
three-letter pieces and the first one and two letters of each word of the name, every
four-digit run of the phone number, and the birth date. A search turns its words into the
same tokens, finds the records in scope that hold all of them (one indexed query), then
decrypts only those and checks the words really occur (tokens can match out of order).

What the tokens give away to someone holding the database but not the key: how many pieces
each name has and which records share a piece; never a letter. docs/decisions/ says why this
trade was chosen over decrypting every record in scope on each search."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from clinic.core import keys
from clinic.core.crypto import blind_index

TOKEN_LENGTH = 16  # hex characters: 64 bits
MIN_DIGITS = 4


def fold(text: str) -> str:
    """Lower case, accents removed, letters and spaces only: "José O'Neil" -> "jose oneil"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’.]", "", plain)  # noqa: RUF001 - typographic apostrophe
    return " ".join(re.sub(r"[^\w ]|[\d_]", " ", plain).split())


def _token(kind: str, value: str) -> str:
    return blind_index(value, key=keys.blind_index_key(), purpose=f"patient.search.{kind}")[
        :TOKEN_LENGTH
    ]


def _word_pieces(word: str) -> set[str]:
    pieces = {_token("prefix", word[:n]) for n in (1, 2) if len(word) >= n}
    pieces |= {_token("gram", word[i : i + 3]) for i in range(len(word) - 2)}
    return pieces


def _digit_runs(digits: str) -> set[str]:
    return {_token("digits", digits[i : i + MIN_DIGITS]) for i in range(len(digits) - 3)}


def tokens_for(
    *, first_name: str, last_name: str, phone: str, date_of_birth: dt.date | None
) -> set[str]:
    """Every token a record is found by."""
    found: set[str] = set()
    for word in fold(f"{first_name} {last_name}").split():
        found |= _word_pieces(word)
    found |= _digit_runs("".join(ch for ch in phone if ch.isdigit()))
    if date_of_birth is not None:
        found.add(_token("born", date_of_birth.isoformat()))
    return found


class QueryRefused(ValueError):
    """Nothing in the search that can be looked for; the message says what to type."""


@dataclass(frozen=True)
class Query:
    tokens: frozenset[str]
    words: tuple[str, ...] = ()  # folded name words, each must occur in the name
    digits: tuple[str, ...] = ()  # runs of digits, each must occur in the phone
    born: dt.date | None = None
    email: str = ""  # an exact address (its own blind index)
    notes: list[str] = field(default_factory=list)


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 1, 2)),  # US order: month/day/year
)


def _as_date(part: str) -> dt.date | None:
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.match(part)
        if match:
            try:
                return dt.date(int(match.group(y)), int(match.group(m)), int(match.group(d)))
            except ValueError:
                raise QueryRefused(f"{part} is not a date.") from None
    return None


def parse(text: str) -> Query:
    """A search box's text -> the tokens to look for, and what to check after decrypting.
    Words are parts of the name; a date (1985-04-23 or 4/23/1985) is the birth date; four or
    more digits are part of the phone number; an address with @ is an exact email."""
    text = " ".join(text.replace("\x00", "").split())
    if not text:
        raise QueryRefused("Type part of a name, a phone number or a date of birth.")
    if "@" in text:
        return Query(tokens=frozenset(), email=text)
    words: list[str] = []
    digits: list[str] = []
    born = None
    # A phone number typed with spaces or brackets is one run of digits.
    phone_like = re.fullmatch(r"[\d\s()+.\-]+", text)
    parts = [text] if phone_like and not _as_date(text) else text.split(" ")
    for part in parts:
        date = _as_date(part)
        if date is not None:
            born = date
            continue
        run = "".join(ch for ch in part if ch.isdigit())
        if run and len(run) >= len(part.replace(" ", "")) // 2:
            if len(run) < MIN_DIGITS:
                raise QueryRefused(f"Type at least {MIN_DIGITS} digits of a phone number.")
            digits.append(run[1:] if len(run) == 11 and run[0] == "1" else run)
            continue
        words.extend(fold(part).split())
    tokens: set[str] = set()
    for word in words:
        if len(word) < 3:
            tokens.add(_token("prefix", word))  # one or two letters: the start of a word
        else:
            tokens |= {_token("gram", word[i : i + 3]) for i in range(len(word) - 2)}
    for run in digits:
        tokens |= _digit_runs(run)
    if born is not None:
        tokens.add(_token("born", born.isoformat()))
    if not tokens:
        raise QueryRefused("Type part of a name, a phone number or a date of birth.")
    return Query(tokens=frozenset(tokens), words=tuple(words), digits=tuple(digits), born=born)


def matches(
    query: Query, *, first_name: str, last_name: str, phone: str, date_of_birth: dt.date
) -> bool:
    """The decrypted record really holds what was searched for."""
    name_words = fold(f"{first_name} {last_name}").split()
    for word in query.words:
        if len(word) < 3:
            if not any(w.startswith(word) for w in name_words):
                return False
        elif not any(word in w for w in name_words):
            return False
    phone_digits = "".join(ch for ch in phone if ch.isdigit())
    if any(run not in phone_digits for run in query.digits):
        return False
    return query.born is None or query.born == date_of_birth
