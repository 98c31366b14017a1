"""The SIPRI tables of the SQL store: the one imported release of SIPRI's trade register.

A mixin of the stores (`SQLiteStore`, `PostgresStore`). A store holds one release:
importing the same file again changes nothing, a newer one replaces the rows, an
older one is refused. Rows go in with one `executemany` in one transaction, so the
whole register (about 29,500 rows) imports in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from armstrace.errors import StoreError
from armstrace.sipri.rows import SipriRegister, SipriRelease, SipriRow
from armstrace.store.tables import SQLTables

ImportOutcome = Literal["imported", "replaced", "unchanged"]

_ROW_COLUMNS = (
    "seq", "line", "supplier", "supplier_name", "recipient", "recipient_name", "order_year",
    "order_year_estimated", "number_ordered", "number_ordered_estimated", "designation",
    "description", "number_delivered", "number_delivered_estimated", "delivery_years",
    "status", "comments", "tiv_per_unit", "tiv_total", "tiv_delivered",
)
_INSERT_ROW = (
    f"INSERT INTO sipri_rows ({', '.join(_ROW_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in _ROW_COLUMNS)})"
)


class SipriTables(SQLTables):
    """SIPRI-register methods of the `Store` protocol."""

    def get_sipri_release(self) -> SipriRelease | None:
        """Return the SIPRI release the store holds, or None before any import."""
        with self._translate_errors():
            row = self._execute(
                "SELECT source, generated, digest, imported_at, row_count, last_year "
                "FROM sipri_release"
            ).fetchone()
        if row is None:
            return None
        return SipriRelease(
            source=row["source"],
            generated=dt.datetime.fromisoformat(row["generated"]) if row["generated"] else None,
            digest=row["digest"],
            imported_at=row["imported_at"],
            row_count=int(row["row_count"]),
            last_year=row["last_year"],
        )

    def import_sipri_register(self, register: SipriRegister) -> ImportOutcome:
        """Keep a release's rows: 'unchanged' for the stored file, 'replaced' for a newer one.

        Raises `StoreError` for a release older than the stored one.
        """
        with self._translate_errors(), self._transaction():
            stored = self.get_sipri_release()
            if stored is not None and stored.digest == register.digest:
                return "unchanged"
            if (stored is not None and stored.generated is not None
                    and register.generated is not None and register.generated < stored.generated):
                raise StoreError(
                    f"{register.source} was generated {register.generated:%Y-%m-%d %H:%M}, before "
                    f"the release the store holds ({stored.generated:%Y-%m-%d %H:%M}, from "
                    f"{stored.source}); download the current register from SIPRI"
                )
            self._execute("DELETE FROM sipri_rows")
            self._execute("DELETE FROM sipri_release")
            self._executemany(_INSERT_ROW, [
                _row_parameters(seq, row) for seq, row in enumerate(register.rows, 1)])
            years = [year for row in register.rows for year in row.years()]
            self._execute(
                "INSERT INTO sipri_release (source, generated, digest, imported_at, row_count, "
                "last_year) VALUES (:source, :generated, :digest, :imported_at, :row_count, "
                ":last_year)",
                {
                    "source": register.source,
                    "generated": register.generated.isoformat() if register.generated else None,
                    "digest": register.digest,
                    "imported_at": self._timestamp(),
                    "row_count": len(register.rows),
                    "last_year": max(years, default=None),
                },
            )
        return "imported" if stored is None else "replaced"

    def iter_sipri_rows(self) -> Iterator[SipriRow]:
        """Yield the stored release's rows in the file's order."""
        from armstrace.sipri.register import parse_years

        with self._translate_errors():
            rows = self._execute(
                f"SELECT {', '.join(_ROW_COLUMNS)} FROM sipri_rows ORDER BY seq").fetchall()
        for row in rows:
            yield SipriRow(
                line=int(row["line"]),
                supplier=row["supplier"],
                supplier_name=row["supplier_name"],
                recipient=row["recipient"],
                recipient_name=row["recipient_name"],
                order_year=row["order_year"],
                order_year_estimated=bool(row["order_year_estimated"]),
                number_ordered=row["number_ordered"],
                number_ordered_estimated=bool(row["number_ordered_estimated"]),
                designation=row["designation"],
                description=row["description"],
                number_delivered=row["number_delivered"],
                number_delivered_estimated=bool(row["number_delivered_estimated"]),
                delivery_years=parse_years(row["delivery_years"]),
                status=row["status"],
                comments=row["comments"],
                tiv_per_unit=row["tiv_per_unit"],
                tiv_total=row["tiv_total"],
                tiv_delivered=row["tiv_delivered"],
            )


def _row_parameters(seq: int, row: SipriRow) -> dict[str, Any]:
    return {
        "seq": seq,
        "line": row.line,
        "supplier": row.supplier,
        "supplier_name": row.supplier_name,
        "recipient": row.recipient,
        "recipient_name": row.recipient_name,
        "order_year": row.order_year,
        "order_year_estimated": int(row.order_year_estimated),
        "number_ordered": row.number_ordered,
        "number_ordered_estimated": int(row.number_ordered_estimated),
        "designation": row.designation,
        "description": row.description,
        "number_delivered": row.number_delivered,
        "number_delivered_estimated": int(row.number_delivered_estimated),
        # SIPRI's own spelling, "2018; 2019", so the column reads as the export does.
        "delivery_years": "; ".join(str(year) for year in row.delivery_years),
        "status": row.status,
        "comments": row.comments,
        "tiv_per_unit": row.tiv_per_unit,
        "tiv_total": row.tiv_total,
        "tiv_delivered": row.tiv_delivered,
    }
