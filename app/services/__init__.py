"""Use cases over the database, free of Qt. Each returns plain dataclasses."""
