"""One HXL hashtag per kind of column, for every export (participants, report tables, HQ).

The same column is tagged the same way in ``participants export``, ``export-table``,
``hq-tables`` and the app's exports, so a tool joining them sees one vocabulary. Tags
follow the HXL core dictionary and pass libhxl's validator: ``#reached`` only ever
holds a number of people, ``#date`` a date (quarters as 2024Q3), attendance words go
under ``#status``. Shares are ``#indicator+pct``: a percentage, not a head count.

Names, phones and e-mails identify people: they get a tag only when the user asks for
them (``PERSONAL``), because tagged columns are what HDX and similar tools harvest.
"""

from __future__ import annotations

TAGS: dict[str, str] = {
    # what the row is about
    "mission": "#org+mission",
    "category": "#beneficiary+type",
    "sex": "#beneficiary+sex",
    "partner": "#org+impl",
    "organisation": "#org",
    "month": "#date+month",
    "quarter": "#date+quarter",
    "year": "#date+year",
    "age_band": "#beneficiary+age",  # issue 19
    "disability": "#beneficiary+disabled",
    # counts and shares
    "trainings": "#output+num+trainings",
    "participants": "#reached",
    "completed": "#reached+completed",
    "women": "#reached+f",
    "men": "#reached+m",
    "not_stated": "#reached+unspecified",
    "women_share": "#indicator+f+pct",
    "present": "#reached+present",
    "absent": "#indicator+num+absent",
    "excused": "#indicator+num+excused",
    "sessions_attended": "#indicator+num+sessions",
    # trainings and sessions
    "training_id": "#activity+code",
    "title": "#activity+name",
    "kind": "#activity+type",
    "status": "#status+training",
    "start": "#date+start",
    "end": "#date+end",
    "date": "#date",
    "place": "#loc+name",
    "topic": "#activity+topic",
    "attendance": "#status+attendance",
    # people (the first three only when asked for)
    "name": "#beneficiary+name",
    "phone": "#contact+phone",
    "email": "#contact+email",
    "function": "#beneficiary+function",
    "nationality": "#country+nationality",
}
PERSONAL = frozenset({"name", "phone", "email"})
PERSONAL_WARNING = (
    "warning: the HXL hashtags mark the names, phones and e-mails, so tools such as HDX "
    "will read this file as a list of identified people; share it only with those "
    "allowed to know who attended."
)


def tags_for(kinds: list[str], personal: bool = False) -> list[str]:
    """The hashtag row for columns of these kinds ("" for personal ones unless asked)."""
    return ["" if k in PERSONAL and not personal else TAGS[k] for k in kinds]
