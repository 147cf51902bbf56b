"""Schedule versions and their plan folders' files; one active version a production.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("production_id", sa.Integer, sa.ForeignKey("productions.id"),
                  nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(200), nullable=False),
        sa.Column("solve_status", sa.String(20), nullable=False),
        sa.Column("objective", sa.Float, nullable=True),
        sa.Column("bound", sa.Float, nullable=True),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("published", sa.DateTime(timezone=True), nullable=True))
    # Exactly one active version a production, held by the database itself.
    op.create_index("one_active_version", "versions", ["production_id"], unique=True,
                    sqlite_where=sa.text("status = 'active'"),
                    postgresql_where=sa.text("status = 'active'"))
    op.create_table(
        "version_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("version_id", "name"))


def downgrade() -> None:
    op.drop_table("version_files")
    op.drop_index("one_active_version", "versions")
    op.drop_table("versions")
