"""Productions with their revisions, and the audit trail.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "productions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False, unique=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False))
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("production_id", sa.Integer, sa.ForeignKey("productions.id"),
                  nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("source", sa.String(1000), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("production_id", "number"))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("production_id", sa.Integer, sa.ForeignKey("productions.id"),
                  nullable=True),
        sa.Column("detail", sa.JSON, nullable=False))


def downgrade() -> None:
    op.drop_table("audit")
    op.drop_table("revisions")
    op.drop_table("productions")
