"""No code reads or writes another app's rows through an ORM reverse relation.

A reverse accessor (``patient.bookings``) lets a lower app's object reach into a higher
app's tables without importing it, which import-linter cannot see. Every relation that
crosses apps therefore has its reverse side hidden (``related_name="+"``); the higher app
offers a selector instead (scheduling.selectors.bookings_for_patient)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from clinic.patients.tests.factories import make_patient


def _crossing_relations() -> list[tuple[str, str, bool]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("clinic."):
            continue
        for field in model._meta.get_fields(include_hidden=False):
            if not isinstance(field, models.ForeignKey | models.ManyToManyField):
                continue  # a one-to-one is a ForeignKey; reverse sides are not fields here
            target = field.related_model
            if target._meta.app_label == model._meta.app_label:
                continue
            found.append(
                (
                    f"{model._meta.label}.{field.name} -> {target._meta.label}",
                    target._meta.app_label,
                    field.remote_field.hidden,
                )
            )
    return found


def test_every_relation_between_apps_hides_its_reverse_side() -> None:
    crossing = _crossing_relations()
    assert len(crossing) > 10  # the walk sees the project's relations
    shown = [name for name, _, hidden in crossing if not hidden]
    assert shown == [], "give these related_name='+' and a selector in the higher app"


@pytest.mark.django_db
def test_the_walk_would_catch_a_visible_reverse_accessor() -> None:
    """The rule is about behaviour, not names: the patient really has no `bookings`."""
    from clinic.locations.tests.factories import make_location

    patient = make_patient(make_location())
    assert not hasattr(patient, "bookings")
    assert not hasattr(patient.home_location, "patients")
