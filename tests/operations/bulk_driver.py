"""Run one bulk operation of a session on a database, and freeze inside its transaction.

``python bulk_driver.py DB OPERATION WHEN``: WHEN is ``commit`` (every row written, the
COMMIT not yet run) or a number N (the N-th statement of the transaction). At that moment
the driver prints ``midway`` and sleeps, so that the test kills it there (SIGKILL).
``WHEN=never`` runs the operation to its end and prints ``done``.
"""

from __future__ import annotations

import sys
import time

from clipper.operations import Session
from clipper.store import Store


def operation(session: Session, name: str) -> None:
    annotations = session.list_annotations()
    ids = [a.id for a in annotations]
    operations = {
        "delete_annotations": lambda: session.delete_annotations(ids),
        "set_status": lambda: session.set_status(ids, "rejected"),
        "merge_tags": lambda: session.merge_tags("number", "figure"),
        "delete_tag": lambda: session.delete_tag("number", delete_annotations=True),
        "delete_article": lambda: session.delete_article(annotations[0].article_id),
    }
    if name.startswith("undo_"):
        operations[name.removeprefix("undo_")]()
        arm()
        session.undo()
    else:
        operations[name]()


_armed = [True]


def arm() -> None:
    _armed[0] = True


def main() -> None:
    db, name, when = sys.argv[1:4]
    with Store(db) as store:
        session = Session(store)
        seen = [0]

        def trace(sql: str) -> None:
            if not _armed[0]:
                return
            if sql.strip().upper().startswith("BEGIN"):
                seen[0] = 0
            seen[0] += 1
            if (when == "commit" and sql.strip().upper() == "COMMIT") or (
                when.isdigit() and seen[0] == int(when)
            ):
                print("midway", flush=True)
                time.sleep(120)

        if name.startswith("undo_"):
            _armed[0] = False  # only the undo is killed
        store.db.conn.set_trace_callback(trace)
        operation(session, name)
    print("done", flush=True)


if __name__ == "__main__":
    main()
