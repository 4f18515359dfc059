"""The one on-disk cache: which tables passed validation in the last published build.

Validating the tables with frictionless is the largest step of a rebuild after one edit, and an
edit changes one or two tables. Each table's digest (validate.table_digests) covers its rows, its
schema, the key columns of the tables it points to and the validating code, so a table whose
digest is in the cache would pass again, and is not validated again.

The cache is one file beside the output, `.<out>.cache.json` (never inside the published site),
with one manifest: the hash of the generator's code and schema, and the digests. It is written
only after a successful publish, by writing a temporary file and renaming it; it is trusted only
when it reads as exactly that shape and its code hash is this code's. Deleting it gives a cold
build with identical output.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent
FORMAT = 1


def path(out: Path) -> Path:
    out = out.absolute()
    return out.parent / f".{out.name}.cache.json"


def code_hash() -> str:
    """The generator's Python code and schema: another version trusts nothing of this one's."""
    digest = hashlib.sha1()
    for source in sorted(GENERATOR.rglob("*.py")) + [GENERATOR / "schema" / "package.yaml"]:
        digest.update(source.relative_to(GENERATOR).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()


def validated_tables(out: Path) -> dict[str, str]:
    """The digests of the tables the last published build validated; {} when unknown."""
    try:
        manifest = json.loads(path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not (isinstance(manifest, dict) and manifest.get("format") == FORMAT
            and manifest.get("code") == code_hash() and isinstance(manifest.get("tables"), dict)):
        return {}
    tables = manifest["tables"]
    return {name: digest for name, digest in tables.items()
            if isinstance(name, str) and isinstance(digest, str)}


def remember(out: Path, digests: dict[str, str]) -> None:
    """After a successful publish: the digests of the tables it validated."""
    target = path(out)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    manifest = {"format": FORMAT, "code": code_hash(), "tables": dict(sorted(digests.items()))}
    try:
        temporary.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError:  # a cache only: the next build validates everything
        temporary.unlink(missing_ok=True)
    for leftover in target.parent.glob(f"{target.name}.*.tmp"):  # of killed builds
        leftover.unlink(missing_ok=True)
