"""The hash chain, without a database."""

from __future__ import annotations

from clinic.audit.chain import GENESIS, link_hash, verify

KEY = b"a" * 32


def _chain(n: int) -> list[tuple[int, str, str, dict[str, object]]]:
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        entry = {"seq": seq, "action": "patient_viewed", "details": {"n": seq}}
        digest = link_hash(key=KEY, prev_hash=prev, entry=entry)
        rows.append((seq, prev, digest, entry))
        prev = digest
    return rows


def test_an_intact_chain_verifies() -> None:
    assert verify(_chain(5), key=KEY) is None
    assert verify([], key=KEY) is None


def test_an_edited_event_is_named() -> None:
    rows = _chain(5)
    seq, prev, digest, entry = rows[2]
    rows[2] = (seq, prev, digest, {**entry, "action": "patient_created"})
    problem = verify(rows, key=KEY)
    assert problem is not None
    assert problem.seq == 3
    assert "altered" in str(problem)


def test_a_removed_event_is_named() -> None:
    rows = _chain(5)
    del rows[1]
    problem = verify(rows, key=KEY)
    assert problem is not None
    assert problem.seq == 2
    assert "missing" in problem.problem


def test_a_rebuilt_chain_without_the_key_fails() -> None:
    rows = _chain(3)
    forged, prev = [], GENESIS
    for seq, _, _, entry in rows:
        digest = link_hash(key=b"x" * 32, prev_hash=prev, entry=entry)
        forged.append((seq, prev, digest, entry))
        prev = digest
    problem = verify(forged, key=KEY)
    assert problem is not None
    assert problem.seq == 1
