"""One JSON document per promise for developers: the promise with its focus areas, their
commitments and every report at its level, nested as the sources are (the tables hold the same
facts, flat). Keys are the tables' column names; values are the validated cells."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from generator.datasets.package import field_types, typed
from generator.tables import Table


class _Index:
    """The rows of each table grouped by the columns the nesting looks them up by (one pass
    over each table, so a big site's documents cost what its tables cost)."""

    KEYS = {
        "focus_areas": ("promise_id",), "signatories": ("promise_id",),
        "commitments": ("promise_id", "focus_area_id"),
        "commitment_organisations": ("commitment_id",),
        "follow_ups": ("promise_id", "level", "focus_area_id", "commitment_id"),
        "actions": ("follow_up_id",), "evidence": ("follow_up_id",),
        "action_actors": ("follow_up_id", "action_position"), "sources": ("owner", "owner_id"),
    }

    def __init__(self, tables: dict[str, Table]) -> None:
        self.groups: dict[str, dict[tuple, list[dict]]] = {}
        for name, keys in self.KEYS.items():
            grouped: dict[tuple, list[dict]] = defaultdict(list)
            for row in tables[name].rows:
                grouped[tuple(row[key] for key in keys)].append(row)
            self.groups[name] = grouped

    def rows(self, name: str, *key) -> list[dict]:
        return [typed_row(name, row) for row in self.groups[name].get(tuple(key), [])]


    def reports(self, pid, level, area_id, commitment_id) -> list[dict]:
        found = []
        for report in self.rows("follow_ups", pid, level, area_id, commitment_id):
            fid = report["follow_up_id"]
            report["actions"] = [
                {**typed_row("actions", action), "actors": [
                    a["organisation_id"] for a in self.rows("action_actors", fid, action["position"])]}
                for action in self.groups["actions"].get((fid,), [])]  # cells as written: the key
            report["evidence"] = self.rows("evidence", fid)
            report["sources"] = self.rows("sources", "follow_up", fid)
            found.append(report)
        return found

    def commitments(self, pid, area_id) -> list[dict]:
        found = []
        for commitment in self.rows("commitments", pid, area_id):
            cid = commitment["commitment_id"]
            commitment["responsible"] = [r["organisation_id"]
                                         for r in self.rows("commitment_organisations", cid)]
            commitment["follow_ups"] = self.reports(pid, "commitment", area_id, cid)
            found.append(commitment)
        return found


def promise_documents(tables: dict[str, Table]) -> dict[str, bytes]:
    """`promise-<id>.json` per promise, from the validated tables."""
    index = _Index(tables)
    documents = {}
    for row in tables["promises"].rows:
        promise = typed_row("promises", row)
        pid = row["promise_id"]
        promise["sources"] = index.rows("sources", "promise", pid)
        promise["signatories"] = index.rows("signatories", pid)
        promise["commitments"] = index.commitments(pid, None)
        promise["reports"] = index.reports(pid, "promise", None, None)
        promise["focus_areas"] = [
            {**area, "commitments": index.commitments(pid, area["focus_area_id"]),
             "reports": index.reports(pid, "focus_area", area["focus_area_id"], None)}
            for area in index.rows("focus_areas", pid)]
        text = json.dumps(promise, ensure_ascii=False, indent=1)
        documents[f"promise-{pid}.json"] = (text + "\n").encode("utf-8")
    return documents


def typed_row(name: str, row: dict) -> dict[str, Any]:
    """The row with numbers, integers and booleans as JSON values, as `<table>.json` has them."""
    kinds = field_types(name)
    return {column: typed(value, kinds[column]) for column, value in row.items()}
