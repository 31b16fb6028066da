"""A website request is an Enquiry in code (it was ConsultationRequest), and a call attempt
points at its enquiry (it was `request`, which read like a web request). Nothing changes on
screen or in the data."""

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0001_initial"),
        ("patients", "0003_hide_reverse_relations"),
        ("scheduling", "0007_hide_reverse_relations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("ConsultationRequest", "Enquiry"),
        migrations.AlterModelOptions(
            name="enquiry",
            options={"ordering": ["-urgent", "created_at"], "verbose_name": "consultation request"},
        ),
        migrations.RenameField("callattempt", "request", "enquiry"),
    ]
