from django.db import migrations

def seed(apps, schema_editor):
    from clinic.intake.rules import DEFAULT_DIAGNOSES

    Code = apps.get_model("intake", "DiagnosisCode")
    for code, label in DEFAULT_DIAGNOSES:
        Code.objects.get_or_create(code=code, defaults={"label": label})


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_evaluation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
