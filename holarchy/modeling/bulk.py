"""Set-based inserts of many rows in one statement, without a model instance per row.

An import writes tens of thousands of rows; building a Django model instance for each and having the
driver adapt every value costs more than the database's work. Here the rows travel as one JSON array
parameter that the database expands into a relation ``r`` (``json_to_recordset`` on PostgreSQL,
``json_each`` on SQLite), so an ``INSERT ... SELECT`` can also resolve foreign keys by joining on the
natural keys (a link's component keys, a placement's holon key) instead of ids fetched back first.
Those joins are written ``r CROSS JOIN table WHERE ...``: SQLite then keeps ``r`` as the outer loop and
looks each row up by index (with ``JOIN ... ON`` it scans the JSON once per row of the table instead);
PostgreSQL plans a cross join with a ``WHERE`` like any inner join.
"""

import json
from collections.abc import Sequence

from django.db import connection

#: Column types of the JSON rows, as PostgreSQL spells them; SQLite reads JSON values as they are.
TYPES = frozenset({"text", "integer", "bigint", "boolean", "float8", "jsonb"})


def _relation(columns: dict[str, str]) -> str:
    if connection.vendor == "postgresql":
        return "json_to_recordset(%s::json) AS r(" + ", ".join(f"{name} {kind}" for name, kind in columns.items()) + ")"
    # ``->`` keeps a JSON value as JSON text (how SQLite stores a JSONField), ``->>`` gives the SQL scalar.
    picked = ", ".join(f"value {'->' if kind == 'jsonb' else '->>'} '$.{name}' AS {name}" 
                       for name, kind in columns.items())
    return f"(SELECT {picked} FROM json_each(%s)) AS r"


def insert(table: str, targets: Sequence[str], select: str, columns: dict[str, str], rows: list[dict],
           params: Sequence[object] = ()) -> int:
    """``INSERT INTO table (targets) SELECT <select> FROM r <...>`` over ``rows``; the number of rows written.

    ``select`` is the text after ``SELECT``, with ``{rows}`` where the relation ``r`` of the JSON rows goes
    (``columns``: name to type); ``params`` fill the ``%s`` before ``{rows}``, then the rows, then the rest
    (``{rows}`` is split on, so the rows' placeholder takes its place in order).
    """
    assert set(columns.values()) <= TYPES, columns
    before, after = select.split("{rows}")
    sql = f"INSERT INTO {table} ({', '.join(targets)}) SELECT {before}{_relation(columns)}{after}"
    at = before.count("%s")
    values = [*params[:at], json.dumps(rows, ensure_ascii=False, allow_nan=False), *params[at:]]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.rowcount
