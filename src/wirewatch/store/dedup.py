"""Near-duplicate detection: MinHash signatures over word shingles, banded into an LSH table.

The band table lives in the database (``lsh_bands``: band number, band hash, article id), so the
index survives restarts, needs no rebuild on open, and works the same in SQLite and PostgreSQL:
a lookup is one indexed query for the ``b`` band hashes of the new article. Candidates are then
checked against their stored signatures (``article_signatures``), so a band collision alone
never links two articles.

``b`` bands of ``r`` rows come from datasketch's own choice for the threshold and permutation
count (``MinHashLSH(threshold, num_perm).b/.r``), which weighs false positives and negatives.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

_WORD = re.compile(r"\w+")
SEED = 1


@dataclass(frozen=True)
class LshLayout:
    """How a signature is cut into bands: ``bands`` x ``rows`` <= ``num_perm``."""

    num_perm: int
    bands: int
    rows: int

    def describe(self) -> str:
        return f"num_perm={self.num_perm},bands={self.bands},rows={self.rows},seed={SEED},scheme={SCHEME}"


@lru_cache(maxsize=16)
def layout(threshold: float, num_perm: int) -> LshLayout:
    """The band layout datasketch picks for ``threshold`` (0-1) and ``num_perm``."""
    from datasketch import MinHashLSH  # type: ignore[import-untyped]  # no stubs; imported late: it pulls in scipy

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return LshLayout(num_perm=num_perm, bands=int(lsh.b), rows=int(lsh.r))


SCHEME = "affine32"
"""datasketch's hashing scheme, pinned: signatures stored under one scheme only compare with it."""


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> Any:
    # Building the permutations is the slow part of MinHash(); share them between signatures.
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the folded text (one shingle of all words when shorter)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int, shingle_size: int) -> np.ndarray[Any, np.dtype[np.uint64]] | None:
    """The MinHash signature of ``text`` (``None`` when it has no words)."""
    grams = shingles(text, shingle_size)
    if not grams:
        return None
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=SEED, permutations=_permutations(num_perm), scheme=SCHEME)
    m.update_batch(grams)
    values: np.ndarray[Any, np.dtype[np.uint64]] = m.hashvalues.astype(np.uint64)
    return values


def to_bytes(sig: np.ndarray[Any, np.dtype[np.uint64]]) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(blob: bytes) -> np.ndarray[Any, np.dtype[np.uint64]]:
    values: np.ndarray[Any, np.dtype[np.uint64]] = np.frombuffer(bytes(blob), dtype="<u8").astype(np.uint64)
    return values


def band_hashes(sig: np.ndarray[Any, np.dtype[np.uint64]], lay: LshLayout) -> list[tuple[int, int]]:
    """``(band, hash)`` pairs; the hash is a signed 64-bit int so both databases store it as is."""
    out = []
    raw = sig.astype("<u8")
    for b in range(lay.bands):
        chunk = raw[b * lay.rows : (b + 1) * lay.rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: np.ndarray[Any, np.dtype[np.uint64]], b: np.ndarray[Any, np.dtype[np.uint64]]) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    if len(a) != len(b) or len(a) == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / float(len(a))
