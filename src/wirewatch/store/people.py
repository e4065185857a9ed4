"""People across articles: an alias per spelling of a name, a person per alias, and the merges
(automatic or by hand, each recorded and undoable) that join spellings into one person.

A layer of :class:`~wirewatch.store.sql.SqlStore`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from wirewatch.errors import StoreError
from wirewatch.names import match_key, name_key, same_person_name
from wirewatch.store.base import MergeRow
from wirewatch.store.connection import Row, SqlConnection, logger, marks, utc_now
from wirewatch.store.rows import MENTION_COLS, column_list, people_rows


class SqlPeople(SqlConnection):
    """Aliases, people and merges."""

    # -- naming people while storing -------------------------------------------------------------

    def _index_people(
        self, article_id: str, record: Mapping[str, Any], types: list[str], cache: dict[tuple[str, str], int]
    ) -> None:
        """Give every named speaker, person and organisation an alias (merging new spellings into
        known people), and record the people each quote names inside its own words."""
        wanted, mention_rows = people_rows(article_id, record, types)
        self._ensure_aliases(wanted, cache)
        if mention_rows:
            self._executemany(
                f"INSERT INTO quote_mentions (article_id, {column_list(MENTION_COLS)})"
                f" VALUES ({marks(1 + len(MENTION_COLS))}) ON CONFLICT DO NOTHING",
                mention_rows,
            )

    def _ensure_aliases(self, wanted: dict[tuple[str, str], str], cache: dict[tuple[str, str], int]) -> None:
        """Make sure every ``(type, key) -> name`` alias exists; a new one gets a person, merged
        into a known one when that is unambiguous (see :meth:`_auto_merge`).

        Three statements for a whole article (look up, insert people, insert aliases) however
        many names it has: round trips are what a networked database charges for.
        """
        todo = self._alias_todo(wanted, cache)
        if not todo:
            return
        pool = self._alias_pool(self._query(*self._alias_pool_sql(todo)), cache)
        new = [(t, k, n) for t, k, n in todo if (t, k) not in cache]
        if not new:
            return
        created = self._query(
            f"INSERT INTO persons (type, name) VALUES {', '.join('(?, ?)' for _ in new)} RETURNING id, type, name",
            [v for t, _, n in new for v in (t, n)],
        )
        # RETURNING order is not promised; distinct keys have distinct names, so match on those.
        ids = {(str(r["type"]), str(r["name"])): int(r["id"]) for r in created}
        self._executemany(
            "INSERT INTO person_aliases (type, key, name, match_key, words, person_id) VALUES (?, ?, ?, ?, ?, ?)",
            [(t, k, n, match_key(t, k), len(k.split()), ids[(t, n)]) for t, k, n in new],
        )
        self._settle_people(new, ids, pool, cache)

    def _alias_todo(
        self, wanted: dict[tuple[str, str], str], cache: dict[tuple[str, str], int]
    ) -> list[tuple[str, str, str]]:
        """The wanted aliases not yet known to exist: ``(type, key, name)``."""
        known = self._known_aliases
        return [(t, k, n) for (t, k), n in wanted.items() if (t, k) not in cache and (t, k) not in known]

    @staticmethod
    def _alias_pool_sql(todo: Sequence[tuple[str, str, str]]) -> tuple[str, list[Any]]:
        """The aliases sharing a type and match key with ``todo``: the new names' merge candidates
        (and, by the way, whether a wanted alias exists already)."""
        types = sorted({t for t, _, _ in todo})
        mkeys = sorted({match_key(t, k) for t, k, _ in todo})
        return (
            "SELECT type, key, person_id, words, name, match_key FROM person_aliases"
            f" WHERE type IN ({marks(len(types))}) AND match_key IN ({marks(len(mkeys))})",
            [*types, *mkeys],
        )

    @staticmethod
    def _alias_pool(
        rows: Sequence[Row], cache: dict[tuple[str, str], int]
    ) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Merge candidates by ``(type, match_key)``; every alias read is noted in ``cache``."""
        pool: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            pool[(str(r["type"]), str(r["match_key"]))].append(dict(r))
            cache[(str(r["type"]), str(r["key"]))] = int(r["person_id"])
        return pool

    @staticmethod
    def _may_merge(new: Sequence[tuple[str, str, str]], pool: Mapping[tuple[str, str], list[dict[str, Any]]]) -> bool:
        """Whether :meth:`_settle_people` may merge anyone (and so write): some new name has a
        candidate, known or new in the same article."""
        seen: set[tuple[str, str]] = set()
        for t, k, _ in new:
            group = (t, match_key(t, k))
            if pool.get(group) or group in seen:
                return True
            seen.add(group)
        return False

    def _settle_people(
        self,
        new: Sequence[tuple[str, str, str]],
        ids: Mapping[tuple[str, str], int],
        pool: dict[tuple[str, str], list[dict[str, Any]]],
        cache: dict[tuple[str, str], int],
    ) -> None:
        """Merge each new person (id ``ids[(type, name)]``, alias stored) into a known one when
        unambiguous; writes only when :meth:`_may_merge` says so."""
        for t, k, n in new:
            pid = ids[(t, n)]
            cands = pool[(t, match_key(t, k))]
            final = self._auto_merge(t, k, n, pid, cands, cache) if cands else pid
            cache[(t, k)] = final
            cands.append({"type": t, "key": k, "person_id": final, "words": len(k.split()), "name": n})

    def _auto_merge(
        self,
        type_: str,
        key: str,
        name: str,
        pid: int,
        cands: list[dict[str, Any]],
        cache: dict[tuple[str, str], int],
    ) -> int:
        """Merge new person ``pid`` (alias ``key``) with the known ones sharing its match key,
        when unambiguous; returns the person the alias now belongs to.

        A new full name joins the one known person with the same last name and a compatible
        given name (Dmitry/Dmitri, D. Peskov); a bare surname joins the one known full name
        ending in it; a new full name adopts bare-surname people no other full name claims.
        Every automatic merge is recorded and can be undone.
        """

        def only(targets: dict[int, str]) -> tuple[int, str] | None:
            return next(iter(targets.items())) if len(targets) == 1 else None

        if type_ != "person":
            hit = only({int(c["person_id"]): str(c["name"]) for c in cands})
            if hit is None:
                return pid
            self._merge(pid, hit[0], f"same organisation as {hit[1]!r}", automatic=True)
            return hit[0]
        full = [c for c in cands if int(c["words"]) >= 2]
        if len(key.split()) == 1:
            hit = only({int(c["person_id"]): str(c["name"]) for c in full})
            if hit is None:
                return pid
            self._merge(pid, hit[0], f"{name!r} is the surname of {hit[1]!r}", automatic=True)
            return hit[0]
        same = {int(c["person_id"]): str(c["name"]) for c in full if same_person_name(type_, key, str(c["key"]))}
        hit = only(same)
        if hit is not None:
            self._merge(pid, hit[0], f"{name!r} is a spelling of {hit[1]!r}", automatic=True)
            return hit[0]
        if not same and not full:
            # Only bare surnames so far: they were waiting for a full name to belong to.
            for lone, lone_name in {int(c["person_id"]): str(c["name"]) for c in cands}.items():
                self._merge(lone, pid, f"{lone_name!r} is the surname of {name!r}", automatic=True)
                for c in cands:
                    if int(c["person_id"]) == lone:
                        c["person_id"] = pid
                for k, v in list(cache.items()):
                    if v == lone:
                        cache[k] = pid
        return pid

    def _merge(self, from_person: int, into_person: int, reason: str, *, automatic: bool) -> int:
        keys = [
            str(r["key"]) for r in self._query("SELECT key FROM person_aliases WHERE person_id = ?", (from_person,))
        ]
        type_row = self._one("SELECT type FROM persons WHERE id = ?", (into_person,))
        type_ = str(type_row["type"]) if type_row else "person"
        self._execute("UPDATE person_aliases SET person_id = ? WHERE person_id = ?", (into_person, from_person))
        cur = self._execute(
            "INSERT INTO merges (type, from_person, into_person, keys_json, reason, automatic, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (type_, from_person, into_person, json.dumps(keys), reason, int(automatic), utc_now()),
        )
        merge_id = int(cur.fetchone()["id"])
        logger.info("%s: merge %d: %s", self.location, merge_id, reason)
        return merge_id

    def merge_people(self, from_person: int, into_person: int, reason: str = "merged by hand") -> MergeRow:
        """Merge every spelling of ``from_person`` into ``into_person`` (recorded; undoable)."""
        rows = {
            int(r["id"]): str(r["type"])
            for r in self._query("SELECT id, type FROM persons WHERE id IN (?, ?)", (from_person, into_person))
        }
        for pid in (from_person, into_person):
            if pid not in rows:
                raise StoreError(f"{self.location}: no person with id {pid}")
        if from_person == into_person or rows[from_person] != rows[into_person]:
            raise StoreError(f"{self.location}: cannot merge {from_person} into {into_person}")
        if self._one("SELECT 1 AS x FROM person_aliases WHERE person_id = ?", (from_person,)) is None:
            raise StoreError(f"{self.location}: person {from_person} has no names left to merge")
        with self._transaction():
            merge_id = self._merge(from_person, into_person, reason, automatic=False)
        return self._merge_row(merge_id)

    def undo_merge(self, merge_id: int) -> MergeRow:
        """Point the spellings a merge moved back at the person they came from."""
        row = self._one("SELECT * FROM merges WHERE id = ?", (merge_id,))
        if row is None:
            raise StoreError(f"{self.location}: no merge with id {merge_id}")
        if row["undone_at"]:
            raise StoreError(f"{self.location}: merge {merge_id} was already undone at {row['undone_at']}")
        keys = json.loads(row["keys_json"])
        with self._transaction():
            if keys:
                self._execute(
                    f"UPDATE person_aliases SET person_id = ? WHERE person_id = ? AND key IN ({marks(len(keys))})",
                    (row["from_person"], row["into_person"], *keys),
                )
            self._execute("UPDATE merges SET undone_at = ? WHERE id = ?", (utc_now(), merge_id))
        return self._merge_row(merge_id)

    def merges(self) -> list[MergeRow]:
        """Every merge, newest first (undone ones included, marked)."""
        ids = [int(r["id"]) for r in self._query("SELECT id FROM merges ORDER BY id DESC")]
        return [self._merge_row(i) for i in ids]

    def _merge_row(self, merge_id: int) -> MergeRow:
        row = self._one("SELECT * FROM merges WHERE id = ?", (merge_id,))
        if row is None:
            raise StoreError(f"{self.location}: no merge with id {merge_id}")
        names = self._display_names(
            [int(row["from_person"]), int(row["into_person"])], keys=json.loads(row["keys_json"])
        )
        return MergeRow(
            id=int(row["id"]),
            type=str(row["type"]),
            from_person=int(row["from_person"]),
            from_name=names.get(int(row["from_person"]), "?"),
            into_person=int(row["into_person"]),
            into_name=names.get(int(row["into_person"]), "?"),
            keys=tuple(json.loads(row["keys_json"])),
            reason=str(row["reason"]),
            automatic=bool(row["automatic"]),
            created_at=str(row["created_at"]),
            undone_at=row["undone_at"],
        )

    def _display_names(self, pids: Sequence[int], keys: Sequence[str] = ()) -> dict[int, str]:
        """A readable name per person: its longest full-name spelling (the alias table is small)."""
        if not pids:
            return {}
        out: dict[int, tuple[int, int, str]] = {}
        rows = self._query(
            f"SELECT person_id, name, words FROM person_aliases WHERE person_id IN ({marks(len(pids))})"
            + (f" OR key IN ({marks(len(keys))})" if keys else ""),
            (*pids, *keys),
        )
        for r in rows:
            rank = (min(int(r["words"]), 2), len(str(r["name"])), str(r["name"]))
            pid = int(r["person_id"])
            if pid not in out or rank > out[pid]:
                out[pid] = rank
        names = {pid: rank[2] for pid, rank in out.items()}
        for pid in pids:
            if pid not in names:
                row = self._one("SELECT name FROM persons WHERE id = ?", (pid,))
                if row is not None:
                    names[pid] = str(row["name"])
        return names

    def find_person(self, name: str, type: str = "person") -> int | None:
        """The id of the person a name (any merged spelling, or a person id) belongs to."""
        if name.strip().isdigit():
            row = self._one("SELECT id FROM persons WHERE id = ?", (int(name),))
            return int(row["id"]) if row else None
        key = name_key(name)
        if key is None:
            return None
        row = self._one("SELECT person_id FROM person_aliases WHERE type = ? AND key = ?", (type, key))
        if row is None:
            # A bare last name finds the one person it can mean.
            rows = self._query(
                "SELECT DISTINCT person_id FROM person_aliases WHERE type = ? AND match_key = ?",
                (type, match_key(type, key)),
            )
            return int(rows[0]["person_id"]) if len(rows) == 1 else None
        return int(row["person_id"])

    def _alias_keys(self, person_id: int) -> tuple[str, list[str]]:
        rows = self._query("SELECT type, key FROM person_aliases WHERE person_id = ? ORDER BY key", (person_id,))
        ptype = self._one("SELECT type FROM persons WHERE id = ?", (person_id,))
        return (str(ptype["type"]) if ptype else "person"), [str(r["key"]) for r in rows]

    # -- alias lookups for reading --------------------------------------------------------------

    def _expand_name(self, key: str, type_: str | None = None) -> list[str]:
        """Every alias key of the person(s) whose alias is exactly ``key``."""
        cond = "type = ? AND key = ?" if type_ else "key = ?"
        args: tuple[Any, ...] = (type_, key) if type_ else (key,)
        rows = self._query(
            "SELECT DISTINCT key FROM person_aliases WHERE person_id IN"
            f" (SELECT person_id FROM person_aliases WHERE {cond})",
            args,
        )
        return [str(r["key"]) for r in rows]

    def _person_ids(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        if not pairs:
            return {}
        keys = sorted({k for _, k in pairs})
        rows = self._query(f"SELECT type, key, person_id FROM person_aliases WHERE key IN ({marks(len(keys))})", keys)
        return {(str(r["type"]), str(r["key"])): int(r["person_id"]) for r in rows}
