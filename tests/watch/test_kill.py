"""A real ``wirewatch watch`` process killed with SIGKILL and started again: nothing lost,
nothing stored or delivered twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from wirewatch.store import open_store
from wirewatch.watch.db import WatchDb

from .wires import Wires

POLLS = 50
SRC = str(Path(__file__).resolve().parents[2] / "src")


def count(db: Path, sql: str) -> int:
    """A count read beside the writer (0 while the tables do not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def watch(db: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "wirewatch", "watch", *args, "--db", str(db)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(predicate: object, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:  # type: ignore[operator]
        assert proc.poll() is None, proc.communicate()[1].decode()
        time.sleep(0.05)


def add_alert(db: Path, target: Path) -> None:
    open_store(str(db)).close()
    with WatchDb(str(db)) as w:
        w.add_alert("winter", None, "winter", None, str(target))


def test_killed_mid_run_then_restarted_every_entry_is_ingested_once(wires: Wires, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    alerts = tmp_path / "alerts.jsonl"
    add_alert(db, alerts)
    feed = wires.add_feed("live", entries=2, grow_by=1)  # one more entry after every answer

    first = watch(db, feed, "--every", "0.05s", "--polls", str(POLLS))
    wait_for(lambda: count(db, "SELECT count(*) FROM articles") >= 10, first)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    done = count(db, "SELECT polls FROM watch_feeds")
    assert 5 <= done < POLLS

    second = watch(db, feed, "--every", "0.05s", "--polls", str(POLLS - done))
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err.decode()

    listed = wires.feeds["live"].entries[:-1]  # the last one was added after the last answer
    conn = sqlite3.connect(db)
    urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(f"{wires.base}/pages/{n}" for n in listed)  # each once, none lost
    assert conn.execute("SELECT count(*) FROM copies").fetchone() == (0,)  # none stored a second time
    assert conn.execute("SELECT polls FROM watch_feeds").fetchone() == (POLLS,)
    outbox = conn.execute("SELECT count(*), count(delivered_at) FROM alert_outbox").fetchone()
    lines = [json.loads(x) for x in alerts.read_text().splitlines()]
    assert outbox[0] == outbox[1] == len(lines) == len({(x["article_id"], x["quote_ord"]) for x in lines})
    assert len(lines) == len(listed)  # one direct quote with "winter" per article
    print(
        f"\nkill test: polls {done} + {POLLS - done}, entries listed {len(listed)}, articles {len(urls)}, "
        f"pages fetched {sum(wires.pages_served.values())}, alerts delivered {len(lines)}"
    )


def test_killed_between_storing_and_delivering_the_alerts_are_delivered_once(wires: Wires, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    target = tmp_path / "alerts.jsonl"
    os.mkfifo(target)  # delivering blocks on it (no reader): the process is held after the commit
    add_alert(db, target)
    feed = wires.add_feed("f", entries=3)

    first = watch(db, feed, "--once")
    wait_for(lambda: count(db, "SELECT count(*) FROM alert_outbox") == 3, first)
    time.sleep(0.3)
    assert first.poll() is None  # stuck delivering
    assert count(db, "SELECT count(*) FROM articles") == 3
    assert count(db, "SELECT count(delivered_at) FROM alert_outbox") == 0
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    target.unlink()

    second = watch(db, feed, "--once")
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err.decode()
    lines = [json.loads(x) for x in target.read_text().splitlines()]
    assert sorted(x["delivery"] for x in lines) == [1, 2, 3]
    assert count(db, "SELECT count(delivered_at) FROM alert_outbox") == 3
    assert set(wires.pages_served.values()) == {1}  # the entries were not fetched again
    assert "new articles 0" in err.decode()

    third = watch(db, feed, "--once")  # and nothing is delivered twice
    third.communicate(timeout=300)
    assert len(target.read_text().splitlines()) == 3
