"""Report figures kept ready: compact integer keys and per-person group counts.

Local tables (they never travel in bundles: every installation derives them from its
own records). ``app.services.figures`` keeps them equal to a full recount in the same
transaction as every change, and can rebuild them from scratch.

- ``figures_labels``: one small integer per mission, category, partner, organisation,
  month, quarter or year value, so the rows below hold integers, not 36-byte ids.
- ``figures_trainings`` / ``figures_people``: one row per training / person, the
  attributes the figures group on, plus each training's session and mark counts.
- ``figures_pairs``: who (after merges) is enrolled in which training.
- ``figures_places``: where each training's sessions took place, and from which day.
- ``figures_groups``: for every person of two trainings or more (not deleted) and
  every group (a mission, a month, a quarter, a year, a training partner), in how many
  live trainings (not deleted, not cancelled) and in how many trainings (not deleted)
  of that group they are, and how many of each they completed.
  ``figures_people.live`` / ``.kept`` say the same over every training.
- ``figures_trainings.singles``: the people counted in that one training only. Their
  groups are the training's, so they need no ``figures_groups`` rows (most people of a
  mission's first bundle are in one training).
  A unique-participant figure of a group is then a count of its ``figures_groups``
  rows plus the singles of its trainings, not a DISTINCT over millions.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, UniqueConstraint

from app.db.base import Base

# figures_groups.dimension (every training at once is figures_people.live / .kept)
MISSION, MONTH, QUARTER, YEAR, PARTNER = range(1, 6)
# figures_training_groups.dimension
CATEGORY, SEX = 6, 7
DIMENSION_CODES = {"mission": MISSION, "month": MONTH, "quarter": QUARTER, "year": YEAR,
                   "partner": PARTNER}  # fmt: skip

metadata = Base.metadata

figures_labels = Table(
    "figures_labels",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("value", String(300), nullable=False),
    UniqueConstraint("kind", "value"),
)

figures_trainings = Table(
    "figures_trainings",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("training_id", String(36), nullable=False, unique=True),
    Column("mission_key", Integer),
    Column("month_key", Integer),
    Column("quarter_key", Integer),
    Column("year_key", Integer),
    Column("live", Integer, nullable=False),  # 1: not deleted and not cancelled
    Column("kept", Integer, nullable=False),  # 1: not deleted
    Column("sessions", Integer, nullable=False),
    Column("present", Integer, nullable=False),
    Column("absent", Integer, nullable=False),
    Column("excused", Integer, nullable=False),
    # Minutes attended by its counted people (app.services.evaluation.rule), summed.
    Column("minutes", Integer, nullable=False, server_default="0"),
    # Its counted people whose only kept training it is (they have no figures_groups
    # rows: their groups are the training's), by sex, and how many of them completed it.
    Column("singles", Integer, nullable=False, server_default="0"),
    Column("singles_women", Integer, nullable=False, server_default="0"),
    Column("singles_men", Integer, nullable=False, server_default="0"),
    Column("singles_completed", Integer, nullable=False, server_default="0"),
)

figures_people = Table(
    "figures_people",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(36), nullable=False, unique=True),
    Column("sex", String(1), nullable=False),
    Column("category_key", Integer),
    Column("partner_key", Integer),
    Column("organisation_key", Integer),
    Column("live", Integer, nullable=False, server_default="0"),  # live trainings attended
    Column("kept", Integer, nullable=False, server_default="0"),  # trainings not deleted
    # Of those, the trainings the person completed (app.services.evaluation.rule).
    Column("completed_live", Integer, nullable=False, server_default="0"),
    Column("completed_kept", Integer, nullable=False, server_default="0"),
    # The person-level breakdowns stream over this index (no sort, no join).
    Index("ix_figures_people_partner", "partner_key", "live", "kept"),
    Index("ix_figures_people_organisation", "organisation_key", "live", "kept"),
    Index(
        "ix_figures_people_breakdown",
        "sex",
        "category_key",
        "partner_key",
        "organisation_key",
        "live",
        "kept",
        "completed_live",  # the evaluation figures read (sex, category) of completions here
        "completed_kept",
    ),
)

figures_places = Table(
    "figures_places",
    metadata,
    Column("training_key", Integer, primary_key=True),
    Column("location_key", Integer, primary_key=True),
    Column("first_day", Integer, nullable=False),  # date.toordinal() of its first session there
    Column("live", Integer, nullable=False),  # the training's (so the list needs no join)
    Column("kept", Integer, nullable=False),
    Index("ix_figures_places_list", "location_key", "live", "kept", "first_day"),
    sqlite_with_rowid=False,
)

figures_pairs = Table(
    "figures_pairs",
    metadata,
    Column("training_key", Integer, primary_key=True),
    Column("person_key", Integer, primary_key=True),
    Column("completed", Integer, nullable=False, server_default="0"),  # 1: under its rule
    Column("minutes", Integer, nullable=False, server_default="0"),  # attended, after merges
    Index("ix_figures_pairs_person_key_training_key", "person_key", "training_key"),
    sqlite_with_rowid=False,
)

figures_groups = Table(
    "figures_groups",
    metadata,
    Column("dimension", Integer, primary_key=True),
    Column("group_key", Integer, primary_key=True),
    Column("person_key", Integer, primary_key=True),
    Column("sex", String(1), nullable=False),  # the person's, so a breakdown needs no join
    Column("live", Integer, nullable=False),
    Column("kept", Integer, nullable=False),
    # Of those trainings, how many the person completed (app.services.evaluation.rule).
    Column("completed_live", Integer, nullable=False, server_default="0"),
    Column("completed_kept", Integer, nullable=False, server_default="0"),
    Index("ix_figures_groups_person_key", "person_key"),
    sqlite_with_rowid=False,
)

# For every training and person-level group (a category, a sex): whether the training is
# live / kept and has counted people of that group, so "trainings per category" is a scan.
figures_training_groups = Table(
    "figures_training_groups",
    metadata,
    Column("dimension", Integer, primary_key=True),
    Column("group_key", Integer, primary_key=True),  # label key; 0: no category
    Column("training_key", Integer, primary_key=True),
    Column("live", Integer, nullable=False),
    Column("kept", Integer, nullable=False),
    Index("ix_figures_training_groups_training_key", "training_key"),
    sqlite_with_rowid=False,
)

FIGURES_TABLES = (
    figures_training_groups,
    figures_groups, figures_pairs, figures_places, figures_people, figures_trainings,
    figures_labels,
)  # fmt: skip
