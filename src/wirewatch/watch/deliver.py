"""Delivering the alert outbox: each row once, after the article that made it is committed.

An alert's target is ``-`` (a JSON line on standard output), a file path (a JSON line appended,
flushed and fsynced), or an http(s) URL (the JSON object POSTed, with an ``Idempotency-Key``
header holding the outbox row's id, so a receiver can drop a repeat). A row is marked delivered
right after its delivery succeeds; a process killed between storing and delivering delivers on
its next start, since the rows wait in the outbox. Killed in the instant between a delivery and
its mark, a file's line is found on the next start (each line names its outbox row, and the
file's tail is read once for them) and not written again; a webhook gets the row again, with the
same key; standard output cannot be read back, and may repeat that one line.

A webhook that fails is tried again, with waits that double from ``retry_delay``, up to
``attempts`` tries in all (counted in the outbox, so a restart does not reset them); then the row
and its last error are appended to the dead-letter file and the row is marked dead. A target
that failed is not tried again in the same round: its other rows wait for the next one, so a
dead webhook costs one row's tries per round, not every row's. A file or
standard output that cannot be written is tried again on the next round, and dead-lettered too
after as many tries.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from wirewatch.watch.db import Delivery, WatchDb
from wirewatch.watch.fetch import Http
from wirewatch.watch.sources import is_http

logger = logging.getLogger(__name__)

PENDING_BATCH = 1000
TAIL_BYTES = 1 << 20
"""How much of a file target's end is read for lines written before a kill."""


@dataclass(frozen=True)
class DeliveryOptions:
    attempts: int = 4
    """Tries of one delivery before it is dead-lettered."""
    retry_delay: float = 1.0
    """Seconds before the second try; each later wait doubles."""
    dead_letter: str = "wirewatch-dead-letters.jsonl"


@dataclass(frozen=True)
class Delivered:
    """What one round of delivery did."""

    delivered: int = 0
    failed: int = 0
    dead: int = 0


class Deliverer:
    """Sends the outbox's pending rows to their targets."""

    def __init__(
        self,
        db: WatchDb,
        http: Http,
        options: DeliveryOptions,
        *,
        stdout: TextIO | None = None,
        sleep: Callable[[float], None] = time.sleep,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.report = report or (lambda message: logger.error("%s", message))
        self.db = db
        self.http = http
        self.options = options
        self.stdout = stdout or sys.stdout
        self.sleep = sleep
        self._written: dict[str, set[int]] = {}

    def _already_written(self, target: str) -> set[int]:
        """The outbox rows named in the tail of the file ``target`` (read once per file)."""
        if target == "-" or is_http(target):
            return set()
        if target in self._written:
            return self._written[target]
        found = self._written[target] = set()
        try:
            with open(target, "rb") as fh:
                fh.seek(0, os.SEEK_END)
                fh.seek(max(0, fh.tell() - TAIL_BYTES))
                tail = fh.read()
        except OSError:
            return found
        for raw in tail.splitlines():
            try:
                row = json.loads(raw)
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("delivery"), int):
                found.add(row["delivery"])
        return found

    def run(self) -> Delivered:
        """Deliver every pending row once (retrying webhooks as configured)."""
        delivered = failed = dead = 0
        down: set[str] = set()  # targets that failed this round: their other rows wait for the next
        while True:
            batch = self.db.pending(PENDING_BATCH)
            if not batch:
                break
            progressed = False
            for d in batch:
                if d.target in down:
                    continue
                if d.id in self._already_written(d.target):  # written just before a kill
                    self.db.delivered(d.id, d.attempts + 1)
                    delivered += 1
                    progressed = True
                    continue
                error, attempts = self._send(d)
                if error is None:
                    self.db.delivered(d.id, attempts)
                    delivered += 1
                    progressed = True
                    continue
                down.add(d.target)
                is_dead = attempts >= self.options.attempts
                self.db.failed(d.id, attempts, error, dead=is_dead)
                if is_dead:
                    self._dead_letter(d, attempts, error)
                    self.report(
                        f"alert {d.alert}: delivery {d.id} to {d.target} failed {attempts} times ({error}); "
                        f"written to {self.options.dead_letter}"
                    )
                    dead += 1
                else:
                    self.report(f"alert {d.alert}: delivery {d.id} to {d.target} failed ({error}); tried again later")
                    failed += 1
            if not progressed or len(batch) < PENDING_BATCH:
                break
        return Delivered(delivered, failed, dead)

    def _send(self, d: Delivery) -> tuple[str | None, int]:
        """Try ``d``; returns (error or None, attempts made in all)."""
        attempts = d.attempts
        if is_http(d.target):
            error: str | None = "not tried"
            while attempts < self.options.attempts:
                if attempts > d.attempts:  # a retry within this round
                    self.sleep(self.options.retry_delay * 2 ** (attempts - d.attempts - 1))
                attempts += 1
                error = self.http.post_json(
                    d.target, d.payload.encode("utf-8"), {"Idempotency-Key": f"wirewatch-{d.id}"}
                )
                if error is None:
                    return None, attempts
            return error, attempts
        attempts += 1
        line = _line(d)
        try:
            if d.target == "-":
                self.stdout.write(line)
                self.stdout.flush()
            else:
                with open(d.target, "a", encoding="utf-8") as fh:
                    fh.write(line)
                    fh.flush()
                    os.fsync(fh.fileno())
        except OSError as err:
            return f"cannot write {d.target}: {err.strerror or err}", attempts
        return None, attempts

    def _dead_letter(self, d: Delivery, attempts: int, error: str) -> None:
        row = {"delivery": d.id, "alert": d.alert, "target": d.target, "attempts": attempts, "error": error}
        row["payload"] = json.loads(d.payload)
        try:
            path = Path(self.options.dead_letter)
            with path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as err:
            logger.error("cannot write the dead-letter file %s: %s", self.options.dead_letter, err)


def _line(d: Delivery) -> str:
    body = json.loads(d.payload)
    body["delivery"] = d.id
    return json.dumps(body, ensure_ascii=False, sort_keys=True) + "\n"
