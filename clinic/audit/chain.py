"""The audit trail's hash chain: each event's HMAC covers its content and the previous hash,
so an edited, removed or re-ordered event breaks every hash after it. HMAC (not a bare hash)
means someone with write access to the database but not the key cannot forge a new chain.

Pure module: the key and events are passed in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(entry: Mapping[str, Any]) -> bytes:
    """A stable byte form of an event's content (sorted keys, no spaces)."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), default=str).encode()


def link_hash(*, key: bytes, prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hmac.new(
        key, prev_hash.encode() + b"\x00" + canonical(entry), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"event {self.seq}: {self.problem}"


def verify(
    events: Iterable[tuple[int, str, str, Mapping[str, Any]]], *, key: bytes
) -> ChainBreak | None:
    """Check (seq, prev_hash, hash, entry) tuples in seq order from 1; return the first break."""
    expected_seq = 1
    prev = GENESIS
    for seq, prev_hash, stored_hash, entry in events:
        if seq != expected_seq:
            return ChainBreak(expected_seq, f"missing (the next event found is {seq})")
        if prev_hash != prev:
            return ChainBreak(seq, "does not follow the event before it")
        if not hmac.compare_digest(link_hash(key=key, prev_hash=prev, entry=entry), stored_hash):
            return ChainBreak(seq, "altered (its content does not match its hash)")
        prev = stored_hash
        expected_seq += 1
    return None
