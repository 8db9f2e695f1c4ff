"""The analyst's side of the ledger: reading incidents with their evidence, corrections, reviews,
merges and splits that override deduplication, API tokens, and the audit trail behind all of them.

:class:`ReviewMixin` is part of :class:`warledger.store.Ledger`.  Every write is one transaction that appends an
audit row (``wl_audit``: who, when, action, field, old and new value, reason) and rebuilds the incidents it
touches, so the corrected values are what tallies and exports read.  By concern: :mod:`warledger.store.reading`
(the reads), :mod:`warledger.store.edits` (corrections and undo), :mod:`warledger.store.merges` (merges and
splits); here reviews, the review queue, the export log and API tokens.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from typing import Any, Iterator, Optional

from sqlalchemy import Connection, and_, exists, select, update

from warledger.errors import InputError
from warledger.store.edits import EditsMixin
from warledger.store.json_columns import dump_json
from warledger.store.merges import MergesMixin
from warledger.store.query import Filters, order_by
from warledger.store.reading import CHECK_STATES, NotFound
from warledger.store.schema import audit, incidents, leases, records, tokens
from warledger.store.team import check_fresh, hold, now_stamp, release

__all__ = ["CHECK_STATES", "NotFound", "ReviewMixin", "token_hash"]

Rec = dict[str, Any]
REVIEW_ACTIONS = {"accept": "accepted", "reject": "rejected", "reopen": "unreviewed"}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ReviewMixin(EditsMixin, MergesMixin):
    """Reads (:class:`~warledger.store.reading.ReadingMixin`), corrections (:class:`~warledger.store.edits.EditsMixin`),
    merges and splits (:class:`~warledger.store.merges.MergesMixin`), and here reviews, the queue and tokens."""

    def _flag_claims(self, conn: Connection, report_id: str) -> None:
        ids = select(records.c.incident_id).where(records.c.report_id == report_id,
                                                  records.c.incident_id.is_not(None))
        conn.execute(update(incidents).where(incidents.c.incident_id.in_(ids)).values(claim_failed=1))

    def next_in_queue(self, who: str, filters: Optional[Filters] = None, skip: tuple[str, ...] = ()) -> Optional[Rec]:
        """Hand ``who`` the first incident of the review queue (``filters`` narrow it) that no other analyst
        holds, and hold it for them (store/team.py); None when every one is reviewed or held.  ``skip``:
        incidents this analyst passed over."""
        f = filters or Filters()
        if f.review_state is None:
            f = replace(f, review_state="queue")
        held = exists().where(and_(leases.c.incident_id == incidents.c.incident_id, leases.c.who != who,
                                   leases.c.held_until > now_stamp()))
        q = f.apply(select(incidents.c.incident_id)).where(~held).order_by(*order_by(None)).limit(1)
        if skip:
            q = q.where(incidents.c.incident_id.not_in(list(skip)))
        with self._writing() as conn:
            iid = conn.execute(q).scalar()
            if iid is None:
                return None
            until = hold(conn, str(iid), who)
            line = self._line(conn, str(iid))
        line["held_by"], line["held_until"] = who, until
        return line

    def review(self, incident_id: str, action: str, *, who: str, reason: Optional[str] = None,
               base_version: Optional[int] = None) -> Rec:
        """accept / reject / reopen an incident; with ``base_version``, refused when it changed since.
        A review ends any analyst's hold on the incident (see :meth:`next_in_queue`)."""
        if action not in REVIEW_ACTIONS:
            raise InputError(f"review action {action!r}: use one of {', '.join(REVIEW_ACTIONS)}")
        with self._writing() as conn:
            before = self._line(conn, incident_id)
            check_fresh(conn, incident_id, base_version, attempt=f"your {action}")
            release(conn, incident_id)
            state = REVIEW_ACTIONS[action]
            conn.execute(update(incidents).where(incidents.c.incident_id == incident_id).values(review_state=state))
            conn.execute(audit.insert().values(
                incident_id=incident_id, action="review", field="review_state",
                old_value=dump_json(before["review_state"]), new_value=dump_json(state), reason=reason, who=who,
                at=now_stamp()))
            return self._line(conn, incident_id)

    def log_export(self, fmt: str, filters: Optional[Filters], who: str, count: Optional[int] = None) -> None:
        """An export leaves a row in the audit trail (which query, by whom, when)."""
        with self._writing() as conn:
            conn.execute(audit.insert().values(action="export", field=fmt, who=who, at=now_stamp(),
                                               data=dump_json({"filters": (filters or Filters()).as_params(),
                                                               "count": count})))

    # ------------------------------------------------------------ tokens

    def create_token(self, name: str) -> str:
        """A new API token for ``name`` (the audit's "who"); only its hash is stored.  Returns the token."""
        name = (name or "").strip()
        if not name or len(name) > 200:
            raise InputError("a token needs a name of 1 to 200 characters (who will use it)")
        token = "wl_" + secrets.token_urlsafe(32)
        with self._writing() as conn:
            old = conn.execute(select(tokens.c.name).where(tokens.c.name == name)).scalar()
            if old is not None:
                conn.execute(update(tokens).where(tokens.c.name == name).values(
                    token_hash=token_hash(token), created_at=now_stamp(), revoked_at=None))
            else:
                conn.execute(tokens.insert().values(name=name, token_hash=token_hash(token), created_at=now_stamp()))
        return token

    def revoke_token(self, name: str) -> bool:
        with self._writing() as conn:
            res = conn.execute(update(tokens).where(tokens.c.name == name).values(revoked_at=now_stamp()))
            return bool(res.rowcount)

    def token_name(self, token: str) -> Optional[str]:
        """The name a valid (unrevoked) token was created for, else None."""
        if not token:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(tokens.c.name, tokens.c.revoked_at).where(
                tokens.c.token_hash == token_hash(token))).first()
        return str(row[0]) if row is not None and row[1] is None else None

    def token_names(self) -> Iterator[Rec]:
        with self.engine.connect() as conn:
            for r in conn.execute(select(tokens.c.name, tokens.c.created_at, tokens.c.revoked_at)).mappings():
                yield dict(r)
