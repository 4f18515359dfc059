"""The JSON downloads are written a cell at a time for speed; they must stay exactly the bytes of
`json.dumps(rows, ensure_ascii=False, indent=1)` (what they were before), for any text.
The rows are invented test data."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets.package import field_types, json_bytes, typed
from generator.tables import Table

FIELDS = ["id", "title", "target_value", "position"]  # a text, a number and an integer
KINDS = {"id": "string", "title": "string", "target_value": "number", "position": "integer"}


def _table(rows: list[dict]) -> Table:
    return Table("test_rows", FIELDS, rows)


def _reference(table: Table) -> bytes:
    rows = [{name: typed(row[name], KINDS[name]) for name in table.fields} for row in table.rows]
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


texts = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
numbers = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=3,
                                           allow_nan=False).map(str))
integers = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12).map(str))
rows = st.lists(st.fixed_dictionaries({"id": texts, "title": texts, "target_value": numbers,
                                       "position": integers}), max_size=6)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_same_bytes_as_json_dumps_with_indent(given_rows):
    import generator.datasets.package as package

    original = package.field_types
    package.field_types = lambda name: KINDS if name == "test_rows" else original(name)
    try:
        table = _table(given_rows)
        assert json_bytes(table) == _reference(table)
    finally:
        package.field_types = original


def test_tricky_text_and_empty_table():
    import generator.datasets.package as package

    original = package.field_types
    package.field_types = lambda name: KINDS
    try:
        for table in (_table([]), _table([{"id": 'a"b\\c\n\t\u2028', "title": "åäö </script> 😀",
                                            "target_value": "2.50", "position": "7"}])):
            assert json_bytes(table) == _reference(table)
            json.loads(json_bytes(table))
    finally:
        package.field_types = original


def test_real_schema_types_are_used():
    """A table of the real package: integers are JSON numbers, not strings."""
    kinds = field_types("aims")
    assert kinds["position"] == "integer"
    table = Table("aims", list(kinds), [{name: ("3" if name == "position" else None)
                                         for name in kinds}])
    assert json.loads(json_bytes(table))[0]["position"] == 3
