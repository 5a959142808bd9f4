"""The team server's SQL (PostgreSQL through psycopg 3, an optional dependency)."""
