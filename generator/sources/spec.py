"""Declarative shapes of source files: which keys exist, what each holds, and friendly checks.

Shapes only: whether a value is text, a list or a mapping and which keys are allowed. What a value
must look like (a date, a number, one of the statuses, a known organisation) is the Table Schemas'
job, so the rules live in one place: the published data package.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from generator.problems import Position, Problems
from generator.sources.located import LDict, LList, LStr

LANGUAGES = ("sv", "en")


class Spec:
    kind = "value"

    def check(self, value: object, pos: Position, name: str, problems: Problems) -> object:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    """One scalar, kept as the text the editor wrote."""

    kind = "text"

    def check(self, value, pos, name, problems):
        if value is None or isinstance(value, LStr):
            return value
        problems.add(getattr(value, "pos", pos), "expected_text", field_name=name)
        return None


@dataclass(frozen=True)
class Localized(Spec):
    """Text in Swedish and English: `{sv: …, en: …}`; plain text counts as Swedish only."""

    kind = "localized"

    def check(self, value, pos, name, problems):
        if value is None:
            return None
        if isinstance(value, LStr):
            result = LDict(sv=value)
            result.pos, result.key_pos = value.pos, {"sv": value.pos}
            return result
        if not isinstance(value, LDict):
            problems.add(value.pos, "expected_localized", field_name=name)
            return None
        for key in value:
            if key not in LANGUAGES:
                problems.add(value.key_pos[key], "unknown_language", field_name=name, key=key,
                             allowed=", ".join(LANGUAGES))
        for lang in LANGUAGES:
            if lang in value:
                value[lang] = Text().check(value[lang], value.key_pos[lang], f"{name}.{lang}",
                                           problems)
        return value


@dataclass(frozen=True)
class ListOf(Spec):
    """A list; a single item written without the list brackets is accepted as a list of one."""

    item: Spec
    kind = "list"

    def check(self, value, pos, name, problems):
        if value is None:
            items = LList()
            items.pos = pos
            return items
        if not isinstance(value, LList):
            single = LList([value])
            single.pos = value.pos
            value = single
        checked = LList(
            self.item.check(v, getattr(v, "pos", value.pos), f"{name}[{i + 1}]", problems)
            for i, v in enumerate(value)
        )
        checked.pos = value.pos
        return checked


@dataclass(frozen=True)
class Key:
    spec: Spec
    doc_sv: str = ""
    doc_en: str = ""


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with a fixed set of keys; unknown keys are errors with a did-you-mean."""

    keys: dict[str, Key] = field(default_factory=dict)
    kind = "record"

    def check(self, value, pos, name, problems):
        if value is None:
            return None
        if not isinstance(value, LDict):
            problems.add(getattr(value, "pos", pos), "expected_mapping", field_name=name)
            return None
        result = LDict()
        result.pos, result.key_pos = value.pos, dict(value.key_pos)
        for key, item in value.items():
            key_pos = value.key_pos[key]
            if key not in self.keys:
                close = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.6)
                if close:
                    problems.add(key_pos, "unknown_key_suggest", field_name=_join(name, key),
                                 key=key, suggestion=close[0])
                else:
                    problems.add(key_pos, "unknown_key", field_name=_join(name, key), key=key,
                                 allowed=", ".join(self.keys))
                continue
            result[key] = self.keys[key].spec.check(item, key_pos, _join(name, key), problems)
        return result


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key
