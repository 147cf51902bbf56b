"""Alembic's environment for the store: migrations run on the connection the program gives
(``config.attributes["connection"]``), never from a URL in a file."""

from alembic import context

from orbitfilm.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
