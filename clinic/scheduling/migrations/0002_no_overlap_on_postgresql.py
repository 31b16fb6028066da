"""No double booking at the database level on PostgreSQL: two active holds of one resource
may not overlap in time. (On SQLite, bookings are serialised by IMMEDIATE write transactions
and the booking service checks overlaps inside them.)"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE scheduling_hold ADD CONSTRAINT hold_no_overlap
    EXCLUDE USING gist (key WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (active);
"""
DROP = "ALTER TABLE scheduling_hold DROP CONSTRAINT IF EXISTS hold_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
