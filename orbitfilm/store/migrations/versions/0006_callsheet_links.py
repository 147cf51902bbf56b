"""Call-sheet links: one a person a production, a random token kept as its SHA-256, when it
was opened and which version its person confirmed.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "callsheet_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("production_id", sa.Integer, sa.ForeignKey("productions.id"),
                  nullable=False),
        sa.Column("person", sa.String(100), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("csrf_token", sa.String(100), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("revoked", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_opened", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_opened", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_version", sa.Integer, nullable=True))
    op.create_index("callsheet_links_by_person", "callsheet_links",
                    ["production_id", "person"])


def downgrade() -> None:
    op.drop_table("callsheet_links")
