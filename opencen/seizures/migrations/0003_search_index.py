"""The free-text search index: SQLite FTS5 or a PostgreSQL tsvector with a GIN index."""

from django.db import migrations


def forwards(apps, schema_editor):
    from opencen.seizures.search import install_search_index

    install_search_index(schema_editor.connection)


def backwards(apps, schema_editor):
    from opencen.seizures.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("seizures", "0002_import_batches")]

    operations = [migrations.RunPython(forwards, backwards)]
