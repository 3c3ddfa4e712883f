"""French names for the reference lists; the language of each signed document

French documents and the French interface said "United Nations Organization
Stabilization Mission in the DR Congo" and "UNDP"; they now say the UN's French
names ("Mission de l'Organisation des Nations Unies pour la stabilisation en
République démocratique du Congo", "PNUD"). New columns, empty by default; the rows
Muster seeds (ids derived from their codes) get their French names here, and rows a
user made keep an empty French name until someone types one.

Signed documents also record their language and whether they name the participants,
so the Signed documents list can tell two summaries of one training apart (unknown,
empty, for documents made before this revision).

The rows' sync versions are left alone on purpose: every installation runs this same
revision, so the filled names need not travel in bundles.

Revision ID: 0003_reference_names
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_reference_names"
down_revision: str | None = "0002_signer_rights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# app.db.base.MUSTER_NAMESPACE, copied so this revision never changes with the app.
_NAMESPACE = uuid.UUID("6d1b0d0e-4a53-4c1e-9b7b-2f6f3c1a9e55")

# Frozen copies of the seeds as this revision knows them (code -> French name).
MISSION_NAMES_FR = {
    "MONUSCO": "Mission de l'Organisation des Nations Unies pour la stabilisation en "
    "République démocratique du Congo",
    "UNRCCA": "Centre régional des Nations Unies pour la diplomatie préventive en Asie centrale",
    "UNSMIL": "Mission d'appui des Nations Unies en Libye",
    "MINUSCA": "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation "
    "en République centrafricaine",
    "UNMISS": "Mission des Nations Unies au Soudan du Sud",
    "UNIFIL": "Force intérimaire des Nations Unies au Liban",
    "MINUSMA": "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation "
    "au Mali",
    "UNAMA": "Mission d'assistance des Nations Unies en Afghanistan",
    "UNSOM": "Mission d'assistance des Nations Unies en Somalie",
    "UNOWAS": "Bureau des Nations Unies pour l'Afrique de l'Ouest et le Sahel",
    "UNAMI": "Mission d'assistance des Nations Unies pour l'Iraq",
    "BINUH": "Bureau intégré des Nations Unies en Haïti",
    "UNMIK": "Mission d'administration intérimaire des Nations Unies au Kosovo",
    "UNFICYP": "Force des Nations Unies chargée du maintien de la paix à Chypre",
}

# acronym -> (French acronym, French name)
PARTNER_NAMES_FR = {
    "UNOCT": ("BLT", "Bureau de lutte contre le terrorisme de l'Organisation des Nations Unies"),
    "UNODC": ("ONUDC", "Office des Nations Unies contre la drogue et le crime"),
    "UNDP": ("PNUD", "Programme des Nations Unies pour le développement"),
    "CTED": ("DECT", "Direction exécutive du Comité contre le terrorisme"),
    "OROLSI": ("", "Bureau de l'état de droit et des institutions chargées de la sécurité"),
    "INTERPOL": ("INTERPOL", "Organisation internationale de police criminelle"),
    "OHCHR": ("HCDH", "Haut-Commissariat des Nations Unies aux droits de l'homme"),
    "UNWOMEN": ("ONU-Femmes", "ONU-Femmes"),
    "IOM": ("OIM", "Organisation internationale pour les migrations"),
    "UNICRI": (
        "UNICRI",
        "Institut interrégional de recherche des Nations Unies sur la criminalité et la justice",
    ),
    "UNICEF": ("UNICEF", "Fonds des Nations Unies pour l'enfance"),
    "DPPA": ("DPPA", "Département des affaires politiques et de la consolidation de la paix"),
    "EU": ("UE", "Union européenne"),
}


def _seed_id(kind: str, code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{code}"))


def upgrade() -> None:
    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_fr", sa.String(length=200), server_default="", nullable=False)
        )
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("acronym_fr", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("name_fr", sa.String(length=300), server_default="", nullable=False)
        )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lang", sa.String(length=5), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("names_included", sa.Boolean(), nullable=True))
    conn = op.get_bind()
    for code, name_fr in MISSION_NAMES_FR.items():
        conn.execute(
            sa.text("UPDATE missions SET name_fr = :name WHERE id = :id AND name_fr = ''"),
            {"name": name_fr, "id": _seed_id("mission", code)},
        )
    for acronym, (acronym_fr, name_fr) in PARTNER_NAMES_FR.items():
        conn.execute(
            sa.text(
                "UPDATE partners SET acronym_fr = :acronym, name_fr = :name "
                "WHERE id = :id AND acronym_fr = '' AND name_fr = ''"
            ),
            {"acronym": acronym_fr, "name": name_fr, "id": _seed_id("partner", acronym)},
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("names_included")
        batch_op.drop_column("lang")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("name_fr")
        batch_op.drop_column("acronym_fr")
    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.drop_column("name_fr")
