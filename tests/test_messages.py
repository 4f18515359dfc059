"""Every message exists in Swedish and English, and every code the program uses has a message."""

from __future__ import annotations

import ast
import string

import pytest

from conftest import REPO
from generator.messages import MESSAGES

GENERATOR = REPO / "generator"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_both_languages(code):
    (sv_text, sv_hint), (en_text, en_hint) = MESSAGES[code]
    assert sv_text.strip() and en_text.strip(), f"{code}: a language is missing its message"
    assert bool(sv_hint.strip()) == bool(en_hint.strip()), f"{code}: a hint in one language only"
    assert placeholders(sv_text) == placeholders(en_text), code
    assert placeholders(sv_hint) == placeholders(en_hint), code


def used_codes() -> dict[str, str]:
    """Message codes passed as literals to problems.add(pos, "code"), Problem(pos, "code"),
    messages.text("code", …) and messages.hint("code", …) anywhere in generator/."""
    found: dict[str, str] = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = {"add": 1, "Problem": 1, "text": 0, "hint": 0}.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.isidentifier():
                found.setdefault(arg.value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_every_code_used_in_the_program_has_a_message():
    codes = used_codes()
    assert "todo_remaining" in codes and "serve_port_busy" in codes  # the scan finds real uses
    missing = {code: where for code, where in codes.items() if code not in MESSAGES}
    assert not missing, f"codes without a message in generator/messages.py: {missing}"


def test_the_language_can_be_chosen_and_defaults_to_swedish(tmp_path):
    from conftest import run_cli

    missing = tmp_path / "nowhere"
    english = run_cli("validate", "--content", missing, "--lang", "en")
    swedish = run_cli("validate", "--content", missing, "--lang", "sv")
    unknown = run_cli("validate", "--content", missing,
                      env={"MEDBORGARLOFTEN_LANG": "", "LC_ALL": "", "LC_MESSAGES": "",
                           "LANG": "", "LANGUAGE": ""})
    assert "the content folder does not exist (name the folder with --content)" in english.stderr
    assert "innehållsmappen finns inte (ange mappen med --content)" in swedish.stderr
    assert "innehållsmappen finns inte" in unknown.stderr
    assert english.returncode == swedish.returncode == 1
    assert "Traceback" not in english.stderr + swedish.stderr

