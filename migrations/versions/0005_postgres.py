"""who imported each bundle; on PostgreSQL, the read-only ``reporting`` schema for BI tools

The import log names who imported each bundle (``bundles_received.imported_by``: the
analyst's name, their certificate's fingerprint and, on a shared server, their
database role). Bundles logged before this revision keep an empty name.

On PostgreSQL this revision also makes the ``reporting`` schema: documented views over
the live records (deleted ones left out, cancelled trainings too, people merged into
another counted as the survivor, exactly as ``muster report`` and the HQ dashboard
count), for Excel, Power BI or Metabase. Participants appear without contact details
(no phone, no e-mail). A BI role needs only ``USAGE`` on the schema and ``SELECT`` on
its views (README, "A shared PostgreSQL database"), never the tables. SQLite has no
schemas: there the revision only adds the column.

The views are frozen here: a later revision that changes them drops and makes them
again (``DROP SCHEMA reporting CASCADE`` then these statements, changed).

Revision ID: 0005_postgres
Revises: 0003_reference_names
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_postgres"
down_revision: str | None = "0003_reference_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# People registered in live trainings, each merged person counted as the one they were
# merged into (the rule of app/services/reports.py).
_REGISTRATIONS = """
CREATE VIEW reporting.registrations AS
SELECT DISTINCT e.training_id, coalesce(p.merged_into_id, p.id) AS person_id
FROM public.enrolments e
JOIN public.trainings t ON t.id = e.training_id
JOIN public.people p ON p.id = e.person_id
WHERE e.deleted = FALSE AND t.deleted = FALSE AND t.status <> 'cancelled'
  AND (p.deleted = FALSE OR p.merged_into_id IS NOT NULL)
"""

_TRAININGS = """
CREATE VIEW reporting.trainings AS
SELECT t.id AS training_id, m.code AS mission, t.title, t.theme, t.kind, t.status,
       t.start_date, t.end_date,
       to_char(t.start_date, 'YYYY-MM') AS month,
       to_char(t.start_date, 'YYYY') || '-Q' || extract(quarter FROM t.start_date)::int
           AS quarter,
       to_char(t.start_date, 'YYYY') AS year,
       (SELECT string_agg(pa.acronym, ', ' ORDER BY pa.acronym)
          FROM public.training_partners tp JOIN public.partners pa ON pa.id = tp.partner_id
         WHERE tp.training_id = t.id AND tp.deleted = FALSE) AS partners,
       (SELECT count(*) FROM public.training_sessions s
         WHERE s.training_id = t.id AND s.deleted = FALSE) AS sessions,
       (SELECT count(*) FROM reporting.registrations r WHERE r.training_id = t.id)
           AS participants,
       (SELECT count(*) FROM reporting.registrations r JOIN public.people p
             ON p.id = r.person_id WHERE r.training_id = t.id AND p.sex = 'F') AS women,
       (SELECT count(*) FROM reporting.registrations r JOIN public.people p
             ON p.id = r.person_id WHERE r.training_id = t.id AND p.sex = 'M') AS men
FROM public.trainings t
JOIN public.missions m ON m.id = t.mission_id
WHERE t.deleted = FALSE AND t.status <> 'cancelled'
"""

_SESSIONS = """
CREATE VIEW reporting.sessions AS
SELECT s.id AS session_id, s.training_id, m.code AS mission, s.date,
       coalesce(l.name, '') AS location, coalesce(l.country, '') AS country, s.topic,
       count(a.id) FILTER (WHERE a.status = 'present') AS present,
       count(a.id) FILTER (WHERE a.status = 'absent') AS absent,
       count(a.id) FILTER (WHERE a.status = 'excused') AS excused
FROM public.training_sessions s
JOIN public.trainings t ON t.id = s.training_id
JOIN public.missions m ON m.id = t.mission_id
LEFT JOIN public.locations l ON l.id = s.location_id
LEFT JOIN public.attendance a ON a.session_id = s.id AND a.deleted = FALSE
WHERE s.deleted = FALSE AND t.deleted = FALSE AND t.status <> 'cancelled'
GROUP BY s.id, s.training_id, m.code, s.date, l.name, l.country, s.topic
"""

_PARTICIPANTS = """
CREATE VIEW reporting.participants AS
SELECT p.id AS person_id, p.full_name, p.sex, c.code AS category, c.name_en AS category_en,
       c.name_fr AS category_fr, p.organisation, pa.acronym AS partner, p.function,
       p.nationality, count(r.training_id) AS trainings
FROM public.people p
JOIN reporting.registrations r ON r.person_id = p.id
LEFT JOIN public.categories c ON c.id = p.category_id
LEFT JOIN public.partners pa ON pa.id = p.partner_id
GROUP BY p.id, p.full_name, p.sex, c.code, c.name_en, c.name_fr, p.organisation,
         pa.acronym, p.function, p.nationality
"""

_ATTENDANCE = """
CREATE VIEW reporting.attendance AS
SELECT a.session_id, s.training_id, m.code AS mission, s.date,
       coalesce(p.merged_into_id, p.id) AS person_id, a.status
FROM public.attendance a
JOIN public.training_sessions s ON s.id = a.session_id
JOIN public.trainings t ON t.id = s.training_id
JOIN public.missions m ON m.id = t.mission_id
JOIN public.people p ON p.id = a.person_id
WHERE a.deleted = FALSE AND s.deleted = FALSE AND t.deleted = FALSE
  AND t.status <> 'cancelled' AND (p.deleted = FALSE OR p.merged_into_id IS NOT NULL)
"""


def _figures(name: str, key_sql: str, joins: str) -> str:
    """A view of trainings and unique participants (women, men) per value of ``key_sql``."""
    return f"""
CREATE VIEW reporting.figures_by_{name} AS
SELECT {key_sql} AS {name}, count(DISTINCT t.id) AS trainings,
       count(DISTINCT r.person_id) AS participants,
       count(DISTINCT r.person_id) FILTER (WHERE p.sex = 'F') AS women,
       count(DISTINCT r.person_id) FILTER (WHERE p.sex = 'M') AS men
FROM public.trainings t
JOIN public.missions m ON m.id = t.mission_id
{joins}
LEFT JOIN public.people p ON p.id = r.person_id
WHERE t.deleted = FALSE AND t.status <> 'cancelled'
GROUP BY 1
"""


_PERSON = "JOIN reporting.registrations r ON r.training_id = t.id"
_TRAINING = "LEFT JOIN reporting.registrations r ON r.training_id = t.id"
_FIGURES = (
    _figures("mission", "m.code", _TRAINING),
    _figures(
        "category",
        "coalesce((SELECT c.name_en FROM public.categories c WHERE c.id = p.category_id), "
        "'(none)')",
        _PERSON,
    ),
    _figures("sex", "p.sex", _PERSON),
    _figures(
        "partner",
        "coalesce(pa.acronym, '(none)')",
        "LEFT JOIN public.training_partners tp ON tp.training_id = t.id AND tp.deleted = FALSE "
        "LEFT JOIN public.partners pa ON pa.id = tp.partner_id " + _TRAINING,
    ),
)

_PERIODS = """
CREATE VIEW reporting.figures_by_period AS
SELECT g.period_kind, g.period, count(DISTINCT g.training_id) AS trainings,
       count(DISTINCT r.person_id) AS participants,
       count(DISTINCT r.person_id) FILTER (WHERE p.sex = 'F') AS women,
       count(DISTINCT r.person_id) FILTER (WHERE p.sex = 'M') AS men
FROM (SELECT t.training_id, k.period_kind, k.period FROM reporting.trainings t
      CROSS JOIN LATERAL (VALUES ('month', t.month), ('quarter', t.quarter),
                                 ('year', t.year)) AS k(period_kind, period)) g
LEFT JOIN reporting.registrations r ON r.training_id = g.training_id
LEFT JOIN public.people p ON p.id = r.person_id
GROUP BY g.period_kind, g.period
"""

COMMENTS = {
    "registrations": "One row per person registered in a live training (a person merged "
    "into another appears as the survivor).",
    "trainings": "Live trainings (not deleted, not cancelled) with their mission, dates, "
    "periods, organising partners, sessions and unique participants.",
    "sessions": "Sessions of live trainings with their place and attendance marks.",
    "participants": "People registered in live trainings, without contact details, with "
    "how many trainings they attended.",
    "attendance": "One row per attendance mark (present, absent, excused) of live sessions.",
    "figures_by_mission": "Trainings and unique participants (women, men) per mission.",
    "figures_by_category": "Unique participants per participant category.",
    "figures_by_sex": "Unique participants per sex (F, M, X).",
    "figures_by_partner": "Trainings and unique participants per organising partner.",
    "figures_by_period": "Trainings and unique participants per month, quarter and year "
    "(period_kind) of their start date.",
}


def upgrade() -> None:
    with op.batch_alter_table("bundles_received", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("imported_by", sa.String(length=300), server_default="", nullable=False)
        )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE SCHEMA IF NOT EXISTS reporting")
    op.execute("COMMENT ON SCHEMA reporting IS 'Muster figures for BI tools (read-only views)'")
    for statement in (_REGISTRATIONS, _TRAININGS, _SESSIONS, _PARTICIPANTS, _ATTENDANCE,
                      *_FIGURES, _PERIODS):  # fmt: skip
        op.execute(statement)
    for view, comment in COMMENTS.items():
        quoted = comment.replace("'", "''")
        op.execute(f"COMMENT ON VIEW reporting.{view} IS '{quoted}'")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SCHEMA IF EXISTS reporting CASCADE")
    with op.batch_alter_table("bundles_received", schema=None) as batch_op:
        batch_op.drop_column("imported_by")
