from django.db import migrations

# A starting list (clinical.md, billing: payer policies list F32.x / F33.x; PTSD F43.1x;
# GAD F41.1). The owner edits it in the administration pages.
CODES = (
    ("F32.1", "Major depressive disorder, single episode, moderate"),
    ("F32.2", "Major depressive disorder, single episode, severe without psychotic features"),
    ("F33.1", "Major depressive disorder, recurrent, moderate"),
    ("F33.2", "Major depressive disorder, recurrent, severe without psychotic features"),
    ("F33.9", "Major depressive disorder, recurrent, unspecified"),
    ("F43.10", "Post-traumatic stress disorder, unspecified"),
    ("F43.12", "Post-traumatic stress disorder, chronic"),
    ("F41.1", "Generalized anxiety disorder"),
    ("R45.851", "Suicidal ideations"),
)


def seed(apps, schema_editor):
    Code = apps.get_model("intake", "DiagnosisCode")
    for code, label in CODES:
        Code.objects.get_or_create(code=code, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_evaluation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
