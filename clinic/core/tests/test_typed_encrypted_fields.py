"""Typed encrypted fields (dates, exact numbers): the value comes back with its type, a wrong
key or a value moved to another row fails loudly, and nothing readable reaches the column."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test import override_settings
from django.test.utils import isolate_apps

from clinic.core import keys
from clinic.core.crypto import DecryptionError
from clinic.core.fields import EncryptedDateField, EncryptedDecimalField

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_KEYS = "t9:b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMTI="


@pytest.fixture
def model() -> Iterator[Any]:
    with isolate_apps("clinic.core"):

        class Reading(models.Model):
            code = models.UUIDField(default=uuid.uuid4, unique=True)
            taken_on = EncryptedDateField(null=True)
            amount = EncryptedDecimalField(null=True)

            class Meta:
                app_label = "core"
                db_table = "core_test_reading"

            def __str__(self) -> str:
                return str(self.code)

        with connection.schema_editor() as editor:
            editor.create_model(Reading)
        try:
            yield Reading
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Reading)


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM core_test_reading WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def test_values_come_back_with_their_type(model: Any) -> None:
    row = model.objects.create(taken_on=dt.date(1984, 5, 17), amount=Decimal("0.50"))
    fresh = model.objects.get(pk=row.pk)
    assert fresh.taken_on == dt.date(1984, 5, 17)
    assert isinstance(fresh.taken_on, dt.date)
    assert fresh.amount == Decimal("0.50")
    assert str(fresh.amount) == "0.50"  # the exact figure, trailing zero kept
    for column in ("taken_on", "amount"):
        stored = _raw(column, row.pk)
        assert stored.startswith("v1:t1:")
        assert "1984" not in stored
        assert "0.50" not in stored


def test_a_wrong_key_fails_loudly(model: Any) -> None:
    row = model.objects.create(taken_on=dt.date(2026, 1, 2), amount=Decimal("70.3"))
    with override_settings(CLINIC_ENCRYPTION_KEYS=OTHER_KEYS):
        keys.reset()
        try:
            fresh = model.objects.get(pk=row.pk)
            with pytest.raises(DecryptionError):
                _ = fresh.amount
        finally:
            keys.reset()


def test_a_value_moved_to_another_row_fails_loudly(model: Any) -> None:
    first = model.objects.create(taken_on=dt.date(2026, 1, 2), amount=Decimal("1"))
    second = model.objects.create(taken_on=dt.date(2027, 3, 4), amount=Decimal("2"))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_test_reading SET taken_on = %s WHERE id = %s",
            [_raw("taken_on", first.pk), second.pk],
        )
    with pytest.raises(DecryptionError):
        _ = model.objects.get(pk=second.pk).taken_on


def test_wrong_types_are_refused_before_anything_is_stored(model: Any) -> None:
    with pytest.raises(TypeError):
        model.objects.create(amount=0.1)  # a float is never exact
    with pytest.raises(TypeError):
        model.objects.create(taken_on=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="finite"):
        model.objects.create(amount=Decimal("NaN"))
    assert not model.objects.exists()


def test_form_values_are_parsed_and_checked(model: Any) -> None:
    row = model(taken_on="2026-02-28", amount="12.345")
    row.full_clean(exclude=["code"])
    assert row.taken_on == dt.date(2026, 2, 28)
    assert row.amount == Decimal("12.345")
    for bad in ({"taken_on": "2026-02-30"}, {"amount": "abc"}, {"amount": "Infinity"}):
        with pytest.raises(ValidationError):
            model(**bad).full_clean(exclude=["code"])
