"""Positions of YAML values come from libyaml's own line and column (fast) for texts without
\\r; they must be exactly what counting the text's lines gives (the slower way, still used
for \\r and for every other problem)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.problems import Problems
from generator.sources import located
from generator.sources.located import LDict, LList, LStr, load_yaml

PIECES = ["a: 1\n", "b:\n  - x\n  - 'y z'\n", "c: åäö 😀 text\n", "d: |\n  block\n  more\n",
          "e:\n", "f: ~\n", "g: [1, 2, {h: i}]\n", 'k: "q"\n', "  # comment\n",
          "l: >\n  folded\n\n", "m: 😀😀: x\n", "n: -\n", 'o: "multi\n  line"\n',
          "p: {q: [r, s], t: ''}\n", "u: \u00a0nbsp\n", "v: 'it''s'\n", "\n"]


def positions(value, found):
    """Every position in a located tree, in document order."""
    if isinstance(value, (LStr, LDict, LList)):
        found.append(value.pos)
    if isinstance(value, LDict):
        for key, item in value.items():
            found.append(value.key_pos[key])
            positions(item, found)
    elif isinstance(value, LList):
        for item in value:
            positions(item, found)
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10), st.integers(0, 5))
def test_positions_from_libyaml_equal_counted_lines(pieces, offset):
    monkeypatch = pytest.MonkeyPatch()
    text = "".join(pieces)
    fast = load_yaml(text, "x.yaml", Problems(), offset)
    if fast is None:
        return
    monkeypatch.setattr(located, "TRUST_MARKS", False)  # the same load, lines counted
    counted = load_yaml(text, "x.yaml", Problems(), offset)
    monkeypatch.undo()
    assert positions(fast, []) == positions(counted, [])
    assert all(p.line >= 1 + offset and p.column >= 1 for p in positions(fast, []))
