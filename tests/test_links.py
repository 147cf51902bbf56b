"""Call-sheet links in the store, on SQLite and on the suite's PostgreSQL: a token shown
once and kept only as its digest, a new link revoking the old, opened and confirmed
recorded with the version confirmed, and who has not confirmed the active version."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from orbitfilm.errors import InputError
from orbitfilm.production.examples import example_path
from orbitfilm.store.db import open_store, transaction
from orbitfilm.store.links import (confirm, distribution, find_link, issue_link, mark_opened,
                                   revoke_link)
from orbitfilm.store.productions import add_production
from orbitfilm.store.tables import AuditRow, CallSheetLinkRow

PEOPLE = [{"id": "peresild", "name": "Yulia Peresild"}, {"id": "shipenko",
                                                          "name": "Klim Shipenko"}]


def test_a_link_from_issue_to_revoke(store):
    engine = open_store(store)
    with transaction(engine) as session:
        production = add_production(session, example_path("challenge-2021").read_text("utf-8"),
                                    "The Challenge", "challenge-2021.toml", "office")["id"]
        token = issue_link(session, production, "peresild", "ana")
    with transaction(engine) as session:
        # Only the digest is kept: the token is in no column of the row.
        row = session.scalar(select(CallSheetLinkRow))
        assert token not in {str(getattr(row, c.name)) for c in row.__table__.columns}
        states = {s["person"]: s for s in distribution(session, production, 1, PEOPLE)}
        assert states["peresild"]["sent"] and states["peresild"]["opened"] is None
        assert states["shipenko"]["link"] is None
        found = find_link(session, token)
        assert found is not None and found.person == "peresild"
        mark_opened(found)
        confirm(session, found, 1)
    with transaction(engine) as session:
        states = {s["person"]: s for s in distribution(session, production, 1, PEOPLE)}
        assert states["peresild"]["opened"] and states["peresild"]["confirmed"]
        assert states["peresild"]["current"] is True
        # A newer version published: her confirmation is of the old one.
        later = {s["person"]: s for s in distribution(session, production, 2, PEOPLE)}
        assert later["peresild"]["current"] is False
        assert later["peresild"]["confirmed_version"] == 1
        assert [r.action for r in session.scalars(select(AuditRow))][-2:] == ["link",
                                                                               "confirm"]
    with transaction(engine) as session:
        # A new link revokes the old; a revoked link opens nothing.
        newer = issue_link(session, production, "peresild", "ana")
    with transaction(engine) as session:
        assert find_link(session, token) is None
        link = find_link(session, newer)
        assert link is not None and link.confirmed is None
        with pytest.raises(InputError):
            revoke_link(session, production + 1, link.id, "ana")    # not this production's
        revoke_link(session, production, link.id, "ana")
    with transaction(engine) as session:
        assert find_link(session, newer) is None
        assert find_link(session, "") is None and find_link(session, "no-such") is None
        assert distribution(session, production, 1, PEOPLE)[0]["link"] is None
