"""Alembic environment for Muster's SQLite schema (see app/db/migrate.py)."""
