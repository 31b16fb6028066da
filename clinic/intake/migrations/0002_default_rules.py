from django.db import migrations


def seed(apps, schema_editor):
    """The clinic defaults (clinic/intake/rules.py), each marked as such until edited."""
    from clinic.intake.rules import DEFAULT_RULES

    Rule = apps.get_model("intake", "ContraindicationRule")
    for n, rule in enumerate(DEFAULT_RULES):
        Rule.objects.get_or_create(
            code=rule.code,
            defaults={
                "label": rule.label,
                "severity": str(rule.severity),
                "facts": sorted(rule.facts),
                "routes": [r for r in ("iv", "im", "intranasal", "oral", "esketamine") if r in rule.routes],
                "source": rule.source,
                "is_default": True,
                "order": (n + 1) * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_contraindication_rules")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
