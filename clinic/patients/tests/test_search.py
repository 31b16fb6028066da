"""The keyed search tokens: every part of a name, phone or birth date that a search may
type is among the record's tokens, and the check after decrypting agrees (no database)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic.patients import search

NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéñ'-", min_size=1, max_size=14).filter(
    lambda s: search.fold(s) != ""
)
PHONE = st.from_regex(r"\([2-9][0-9]{2}\) [2-9][0-9]{2}-[0-9]{4}", fullmatch=True)
BORN = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 12, 31))


@settings(max_examples=150, deadline=None)
@given(first=NAME, last=NAME, phone=PHONE, born=BORN, data=st.data())
def test_any_part_typed_is_found(
    first: str, last: str, phone: str, born: dt.date, data: st.DataObject
) -> None:
    held = search.tokens_for(first_name=first, last_name=last, phone=phone, date_of_birth=born)
    word = data.draw(st.sampled_from(search.fold(f"{first} {last}").split()))
    start = data.draw(st.integers(0, len(word) - 1))
    piece = word[start:] if start == 0 or len(word) - start >= 3 else word
    piece = piece[: data.draw(st.integers(min_value=min(len(piece), 3), max_value=len(piece)))]
    if len(piece) < 3:
        piece = word[: len(piece)]  # a short piece is the start of a word
    digits = "".join(ch for ch in phone if ch.isdigit())
    at = data.draw(st.integers(0, len(digits) - 4))
    for typed in (piece, digits[at : at + 4], born.isoformat(), f"{piece} {digits[-4:]}"):
        query = search.parse(typed)
        assert query.tokens <= held, typed
        assert search.matches(
            query, first_name=first, last_name=last, phone=phone, date_of_birth=born
        ), typed


def test_tokens_hold_no_letter_of_the_name() -> None:
    held = search.tokens_for(
        first_name="Zebedee", last_name="Quartermaine", phone="", date_of_birth=None
    )
    assert all(len(t) == search.TOKEN_LENGTH and set(t) <= set("0123456789abcdef") for t in held)
    assert not any("zeb" in t or "qua" in t for t in held)


def test_accents_case_and_apostrophes_do_not_matter() -> None:
    held = search.tokens_for(first_name="José", last_name="O'Néill", phone="", date_of_birth=None)
    for typed in ("jose", "JOSÉ", "oneill", "o'neill", "neil"):
        assert search.parse(typed).tokens <= held, typed


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type part of a name"),
        ("  \x00 ", "Type part of a name"),
        ("12", "at least 4 digits"),
        ("2026-02-30", "not a date"),
        ("13/45/2020", "not a date"),
        ("?!", "Type part of a name"),
    ],
)
def test_what_cannot_be_searched_says_what_to_type(typed: str, message: str) -> None:
    with pytest.raises(search.QueryRefused, match=message):
        search.parse(typed)


def test_words_in_the_wrong_order_are_checked_after_decrypting() -> None:
    """Every piece of "amon" is held ("amo" in Amo, "mon" in Mona), yet no name holds the
    word: the check on the decrypted record refuses it."""
    query = search.parse("amon")
    held = search.tokens_for(
        first_name="Mona", last_name="Amo", phone="", date_of_birth=dt.date(2000, 1, 1)
    )
    assert query.tokens <= held
    assert not search.matches(
        query, first_name="Mona", last_name="Amo", phone="", date_of_birth=dt.date(2000, 1, 1)
    )
