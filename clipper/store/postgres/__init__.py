"""The team server's side of the store (issue 17): PostgreSQL through psycopg 3.

All of Clipper's PostgreSQL SQL lives in this package, as SQLite's lives in
:mod:`clipper.store`. psycopg is optional (the ``team`` extra) and imported only when a
connection is made (:mod:`.connection`): importing these modules never needs it.

- :mod:`.connection` — connect (TLS, passwords), errors in words;
- :mod:`.server_schema` — the versioned server schema (``clipper_server_migrations``);
- :mod:`.roles` — group roles, coders' logins, row-level security;
- :mod:`.assignments` — assign, open (lift blind coding), progress;
- ``sync_queries`` — push and pull (teamsync).
"""
