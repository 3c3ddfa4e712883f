"""Who may change what: checked at import, from the signer's rights, before any write.

An HQ signer may change anything. A field device of mission M may change, create and
delete only:

- trainings of M and everything under them: sessions, partners of the training,
  enrolments, attendance, knowledge-test scores, feedback answers, and the signed
  documents of those trainings;
- locations of M, and M's wording of the feedback questions;
- people registered in a training of M (or registered nowhere yet). A person who
  attended trainings of two missions belongs to both: each mission's devices may correct
  them (the newer edit wins, races are kept as conflicts). Merging two people moves
  registrations, so a field device can merge only people whose registrations are all in
  its own trainings; merges across missions are done at HQ.

Missions and categories change only by an HQ signer. Partners (and places with no
mission) are a list common to all: a field device may add one and correct what it added,
but never change or delete a partner HQ made or took over. And a
change is only accepted from its author: every record a bundle changes here must name
the signer's own device as ``updated_by`` (a field bundle carrying another device's
newer copy is refused; an HQ bundle may pass on what HQ received). Records a bundle
carries that would change nothing here (unchanged parents, older copies) are fine.

The first record outside the signer's rights refuses the whole bundle, with a sentence
naming the table, the training and the mission.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from app.db.models import sync_tables
from app.db.raw import select_in
from app.l10n import Phrase
from app.services.sync.display import shown
from app.services.sync.merge import LocalState
from app.services.sync.schema import TableData, fail, table_columns
from app.services.sync.trust import SignerInfo

HQ_ONLY = ("missions", "categories")
WHAT = {
    "missions": Phrase("the list of missions"),
    "categories": Phrase("the list of participant categories"),
    "partners": Phrase("the common list of partner organisations"),
    "locations": Phrase("a place"),
    "trainings": Phrase("a training"),
    "training_partners": Phrase("a partner of a training"),
    "training_sessions": Phrase("a session"),
    "people": Phrase("a person"),
    "enrolments": Phrase("a registration"),
    "attendance": Phrase("an attendance mark"),
    "perdiem_plans": Phrase("the per-diem settings of a training"),
    "perdiem_rates": Phrase("a per-diem rate"),
    "perdiem_people": Phrase("a participant's per-diem"),
    "evidence_files": Phrase("an evidence file"),
    "consents": Phrase("a person's consent"),
    "person_profiles": Phrase("a person's age and disability answers"),
    "test_scores": Phrase("a knowledge-test score"),
    "feedback_questions": Phrase("a feedback question"),
    "feedback_answers": Phrase("a feedback answer"),
}
# Records under a training (its mission decides), and records of one person.
TRAINING_OWNED = ("training_partners", "training_sessions", "enrolments", "attendance",
                  "perdiem_plans", "perdiem_rates", "perdiem_people", "evidence_files",
                  "test_scores", "feedback_answers")  # fmt: skip
PERSON_OWNED = ("consents", "person_profiles")
MISSION_OWNED = ("locations", "trainings", "feedback_questions")


@dataclass
class _Context:
    """What the check learns as it goes: the training and mission of records seen."""

    conn: Any
    tables: dict[str, TableData]
    mission_id: str
    training_mission: dict[str, str]  # training id -> mission id (bundle's applied, then db)
    session_training: dict[str, str]
    titles: dict[str, str]

    def mission_of_training(self, tid: str | None) -> str | None:
        if tid is None:
            return None
        if tid not in self.training_mission:
            row = self.conn.execute(
                "SELECT mission_id, title FROM trainings WHERE id = ?", (tid,)
            ).fetchone()
            self.training_mission[tid] = row[0] if row else ""
            if row:
                self.titles.setdefault(tid, row[1])
        return self.training_mission[tid] or None

    def training_of_session(self, sid: str | None) -> str | None:
        if sid is None:
            return None
        if sid not in self.session_training:
            row = self.conn.execute(
                "SELECT training_id FROM training_sessions WHERE id = ?", (sid,)
            ).fetchone()
            self.session_training[sid] = row[0] if row else ""
        return self.session_training[sid] or None

    def mission_code(self, mid: str | None) -> str:
        if not mid:
            return "no mission"
        row = self.conn.execute("SELECT code FROM missions WHERE id = ?", (mid,)).fetchone()
        return shown(row[0]) if row else "an unknown mission"


def changed_rows(table: str, data: TableData, local: LocalState) -> list[list[Any]]:
    """The rows that would change this database: new here, or newer than the local copy."""
    if not local:
        return list(data.rows)
    columns = table_columns(table)
    v_pos, by_pos = columns.index("version"), columns.index("updated_by")
    out = []
    for row in data.rows:
        current = local.get(row[0])
        if current is None or (row[v_pos], row[by_pos]) > current[:2]:
            out.append(row)
    return out


def differing(conn: Any, table: str, rows: list[list[Any]], local: LocalState) -> list[list[Any]]:
    """The rows that are new here or whose content differs from the local copy.

    Two devices that made "the same" record (derived ids: seeds, demo data) hold identical
    contents; such a copy changes no figure anywhere, whoever signed it and whatever its
    version, so it is never an offence.
    """
    from app.services.sync.merge import CONTENT_SKIP

    replacing = [r[0] for r in rows if r[0] in local] if local else []
    if not replacing:
        return rows
    columns = table_columns(table)
    content = [i for i, c in enumerate(columns) if c not in CONTENT_SKIP]
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id IN"
    stored = {r[0]: r for r in select_in(conn, sql, replacing)}
    return [
        r for r in rows
        if r[0] not in stored or any(stored[r[0]][i] != r[i] for i in content)
    ]  # fmt: skip


def _refuse(name: str, signer: SignerInfo, table: str, row: list[Any], ctx: _Context,
            training: str | None, mission: str | None, why: str = "") -> Exception:  # fmt: skip
    where = ""
    if training:
        title = ctx.titles.get(training)
        if title is None:
            ctx.mission_of_training(training)
            title = ctx.titles.get(training, "")
        where = Phrase(" of the training '{title}' ({mission})", title=shown(title, 60),
                       mission=ctx.mission_code(mission))  # fmt: skip
    elif mission:
        where = Phrase(" ({mission})", mission=ctx.mission_code(mission))
    return fail(
        Phrase(
            "{name}: {describe} may not change {what}{where}: the {table} record {shown}{why}; "
            "refused.",
            name=name,
            describe=signer.describe(),
            what=WHAT[table],
            where=where,
            table=table,
            shown=shown(row[0], 36)[:8],
            why=why,
        )
    )


def check_rights(conn: Any, name: str, signer: SignerInfo, tables: dict[str, TableData],
                 states: dict[str, LocalState], documents: list[tuple[str, str | None]],
                 device_names: dict[str, str]) -> None:  # fmt: skip
    """Refuse the bundle at the first changed record outside the signer's rights."""
    from app.services.reference import mission_id

    if signer.is_hq:
        return
    relayed: dict[str, list[list[Any]]] = {}
    own: dict[str, list[list[Any]]] = {}
    for table, data in tables.items():
        if not data.rows:
            continue
        local = states.get(table, {})
        by_pos = table_columns(table).index("updated_by")
        if set(map(itemgetter(by_pos), data.rows)) == {signer.device_id}:
            mine, others = data.rows, []  # the usual bundle: every record its own
        else:
            mine = [r for r in data.rows if r[by_pos] == signer.device_id]
            others = [r for r in data.rows if r[by_pos] != signer.device_id]
        # Every record the signer authored is judged, whether or not it wins here: so
        # the same bundles are accepted whatever order they arrive in.
        own[table] = differing(conn, table, mine, local)
        relayed[table] = differing(
            conn, table, changed_rows(table, TableData(data.columns, others), local), local
        )
    _only_own_changes(name, signer, relayed, device_names)
    ctx = _Context(conn, tables, mission_id(signer.mission), {}, {}, {})
    for table in sync_tables():
        rows = own.get(table)
        if rows:
            _check_table(name, signer, table, rows, states.get(table, {}), ctx)
    for doc_id, training_id in documents:
        if ctx.mission_of_training(training_id) != ctx.mission_id:
            raise fail(
                Phrase(
                    "{name}: {describe} may not attach a document ({doc_id}) to a training of "
                    "{mission}; refused.",
                    name=name,
                    describe=signer.describe(),
                    doc_id=doc_id[:8],
                    mission=ctx.mission_code(ctx.mission_of_training(training_id)),
                )
            )


def _only_own_changes(name: str, signer: SignerInfo, changes: dict[str, list[list[Any]]],
                      device_names: dict[str, str]) -> None:  # fmt: skip
    for table in sync_tables():
        by_pos = table_columns(table).index("updated_by")
        for row in changes.get(table, ()):
            author = row[by_pos]
            if author != signer.device_id:
                who = shown(device_names.get(author) or f"device {str(author)[:8]}")
                raise fail(
                    Phrase(
                        "{name}: a {table} record ({shown}) is credited to another device "
                        "({who}) than the one that signed the bundle; a field device sends only "
                        "its own changes (import that device's own bundles first); refused.",
                        name=name,
                        table=table,
                        shown=shown(row[0], 36)[:8],
                        who=who,
                    )
                )


def _check_table(name: str, signer: SignerInfo, table: str, rows: list[list[Any]],
                 local: LocalState, ctx: _Context) -> None:  # fmt: skip
    columns = table_columns(table)
    if table in HQ_ONLY:
        raise _refuse(name, signer, table, rows[0], ctx, None, None,
                      Phrase(", which only HQ may change"))  # fmt: skip
    if table == "partners" or table == "locations":
        by_pos = columns.index("updated_by")
        shared = (
            rows
            if table == "partners"
            else [r for r in rows if r[columns.index("mission_id")] is None]
        )
        for row in shared:
            old = local.get(row[0])
            if old is not None and old[1] != row[by_pos]:
                raise _refuse(name, signer, table, row, ctx, None, None,
                              Phrase(", which another installation made or changed last"))  # fmt: skip
        if table == "partners":
            return
        rows = [r for r in rows if r[columns.index("mission_id")] is not None]
    if table in MISSION_OWNED:
        pos = columns.index("mission_id")
        if table == "trainings":
            title = columns.index("title")
            for row in rows:
                ctx.titles[row[0]] = row[title]
        for row in rows:
            old = local.get(row[0])
            for mid in (row[pos], old[2] if old else ctx.mission_id):
                if mid != ctx.mission_id:
                    training = row[0] if table == "trainings" else None
                    raise _refuse(name, signer, table, row, ctx, training, mid)
        if table == "trainings":
            for row in rows:
                ctx.training_mission[row[0]] = row[pos]
        return
    if table in TRAINING_OWNED:
        pos = columns.index("session_id" if table == "attendance" else "training_id")
        # Whose record is it, before and after: checked once per distinct parent.
        parents = set(map(itemgetter(pos), rows)) | {local[r[0]][2] for r in rows if r[0] in local}
        bad = {p for p in parents if _mission_of_parent(ctx, table, p) != ctx.mission_id}
        if bad:
            row = next(
                r for r in rows if r[pos] in bad or (r[0] in local and local[r[0]][2] in bad)
            )
            parent = row[pos] if row[pos] in bad else local[row[0]][2]
            tid = ctx.training_of_session(parent) if table == "attendance" else parent
            raise _refuse(name, signer, table, row, ctx, tid, ctx.mission_of_training(tid))
        if table == "training_sessions":
            for row in rows:
                ctx.session_training[row[0]] = row[pos]
        if table == "evidence_files":
            _check_evidence_sessions(name, signer, rows, ctx)
        return
    if table == "people":
        _check_people(name, signer, rows, ctx)
    if table in PERSON_OWNED:
        # Whose record it is, before and after: the person it names now and here.
        pos = columns.index("person_id")
        owners = [[row[pos], row] for row in rows]
        owners += [[local[r[0]][2], r] for r in rows if r[0] in local]
        _check_people(name, signer, owners, ctx, table)


def _check_evidence_sessions(name: str, signer: SignerInfo, rows: list[list[Any]],
                             ctx: _Context) -> None:  # fmt: skip
    """An evidence file names a session of its own training, or none."""
    columns = table_columns("evidence_files")
    t_pos, s_pos = columns.index("training_id"), columns.index("session_id")
    for row in rows:
        if row[s_pos] is not None and ctx.training_of_session(row[s_pos]) != row[t_pos]:
            tid = row[t_pos]
            raise _refuse(name, signer, "evidence_files", row, ctx, tid,
                          ctx.mission_of_training(tid), Phrase(", which names another training's session"))  # fmt: skip


def _mission_of_parent(ctx: _Context, table: str, parent: str | None) -> str | None:
    tid = ctx.training_of_session(parent) if table == "attendance" else parent
    return ctx.mission_of_training(tid)


def _check_people(name: str, signer: SignerInfo, rows: list[list[Any]], ctx: _Context,
                  table: str = "people") -> None:  # fmt: skip
    """A person may be changed by the devices of every mission they are registered in.

    ``rows`` start with the person's id: people rows, or [person id, record] for the
    records of one person (consents, profiles), whose refusal names the record.
    """
    here: set[str] = set()  # registered in this bundle, in trainings of the signer's mission
    enrolments = ctx.tables.get("enrolments")
    if enrolments is not None:
        cols = table_columns("enrolments")
        t_pos, p_pos = cols.index("training_id"), cols.index("person_id")
        trainings = set(map(itemgetter(t_pos), enrolments.rows))
        mine = {t for t in trainings if ctx.mission_of_training(t) == ctx.mission_id}
        here = {row[p_pos] for row in enrolments.rows if row[t_pos] in mine}
    unknown = [r[0] for r in rows if r[0] not in here]
    if unknown:
        sql = (
            "SELECT e.person_id, t.mission_id, t.id FROM enrolments e "
            "JOIN trainings t ON t.id = e.training_id WHERE e.person_id IN"
        )
        registered: dict[str, set[str]] = {}
        elsewhere: dict[str, str] = {}
        for person, mid, tid in select_in(ctx.conn, sql, unknown):
            registered.setdefault(person, set()).add(mid)
            elsewhere.setdefault(person, tid)
        for row in rows:
            missions = registered.get(row[0])  # None: registered here, or nowhere yet
            if missions and ctx.mission_id not in missions:
                tid = elsewhere.get(row[0])
                record = row if table == "people" else row[1]
                raise _refuse(name, signer, table, record, ctx, tid, ctx.mission_of_training(tid),
                              Phrase(", registered only in other missions' trainings"))  # fmt: skip


def check_references(conn: Any, name: str, tables: dict[str, TableData],
                     states: dict[str, LocalState]) -> None:  # fmt: skip
    """Every reference of a changed record points at a record applied with it or already here."""
    from app.services.sync.schema import column_rules

    changed = {t: changed_rows(t, d, states.get(t, {})) for t, d in tables.items()}
    changed_ids = {
        t: d.ids if d.ids is not None and len(changed[t]) == len(d.rows) else
        {r[0] for r in changed[t]}
        for t, d in tables.items()
    }  # fmt: skip
    missing: dict[str, set[str]] = {}
    for table in tables:
        rows = changed[table]
        if not rows:
            continue
        for i, rule in enumerate(column_rules(table)):
            if rule.references is None:
                continue
            inside = changed_ids.get(rule.references, set())
            outside = set(map(itemgetter(i), rows)) - inside - {None}
            if outside:
                missing.setdefault(rule.references, set()).update(outside)
    for parent, ids in missing.items():
        found = {r[0] for r in select_in(conn, f"SELECT id FROM {parent} WHERE id IN", ids)}
        if found != ids:
            raise fail(
                Phrase(
                    "{name} refers to {replace} that neither it nor this database holds; refused.",
                    name=name,
                    replace=parent.replace("_", " "),
                )
            )
