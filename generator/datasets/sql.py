"""`medborgarloften.sql`: every table as SQL, for SQLite, sqlite-utils and Datasette.

A header-only CSV gives sqlite-utils no table and R no types; this file creates every table with
its columns typed from the Table Schema (codes such as `0180` stay TEXT), its primary key, and
then its rows, so `sqlite3 medborgarloften.db < medborgarloften.sql` gives the whole package,
empty tables included. Plain text, written in schema order: the same data give the same bytes
on every machine (a SQLite file's header would carry the library's version).
"""

from __future__ import annotations

from generator.tables import Table

NAME = "medborgarloften.sql"
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}  # else TEXT


def sql_bytes(tables: dict[str, Table], resources: list[dict]) -> bytes:
    lines = ["-- medborgarlöften: every table of datapackage.json, typed (CC0 1.0).",
             "-- sqlite3 medborgarloften.db < medborgarloften.sql",
             "BEGIN TRANSACTION;"]
    for resource in resources:
        name, schema = resource["name"], resource["schema"]
        kinds = {f["name"]: f.get("type", "string") for f in schema["fields"]}
        columns = [f"  {_name(f['name'])} {SQL_TYPES.get(kinds[f['name']], 'TEXT')}"
                   + (" NOT NULL" if f.get("constraints", {}).get("required") else "")
                   for f in schema["fields"]]
        if schema.get("primaryKey"):
            columns.append(f"  PRIMARY KEY ({', '.join(map(_name, schema['primaryKey']))})")
        lines.append(f"CREATE TABLE {_name(name)} (\n" + ",\n".join(columns) + "\n);")
        fields = [f["name"] for f in schema["fields"]]
        into = f"INSERT INTO {_name(name)} ({', '.join(map(_name, fields))}) VALUES ("
        for row in tables[name].rows:
            lines.append(into + ", ".join(_value(row.get(f), kinds[f]) for f in fields) + ");")
    lines.append("COMMIT;")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _value(value: str | None, kind: str) -> str:
    if value is None or value == "":
        return "NULL"
    if kind == "boolean":
        return "1" if value == "true" else "0"
    if kind in ("integer", "number"):
        return value.strip()
    return "'" + value.replace("'", "''") + "'"
