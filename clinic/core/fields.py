"""EncryptedTextField: a text column stored encrypted, bound to its table, column and row.

The column holds `v1:<key id>:<base64>`. On the model instance the attribute reads as the
plaintext: it is decrypted on first access (so rows loaded for a list cost nothing until a
value is shown) and encrypted again on save. The row binding uses the model's UUID `code`,
known before the row is inserted. A value that fails to decrypt raises DecryptionError.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from clinic.core import keys
from clinic.core.crypto import decrypt, encrypt


class Ciphertext(str):
    """A value as stored, not yet decrypted (what the database hands back)."""

    __slots__ = ()


def associated_data(instance: models.Model, column: str | None) -> str:
    return f"{instance._meta.db_table}.{column}:{instance.code}"  # type: ignore[attr-defined]


class _EncryptedAttribute:
    """Descriptor holding the stored value and the decrypted plaintext of one field."""

    def __init__(self, field: EncryptedTextField) -> None:
        self.field = field

    def __get__(self, instance: models.Model | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        state = instance.__dict__
        name = self.field.attname
        plain_key = f"_plain_{name}"
        if plain_key in state:
            return state[plain_key]
        stored = state.get(name)
        if stored is None or stored == "":
            return stored
        plain = self.field.from_text(
            decrypt(
                stored, keyring=keys.keyring(), aad=associated_data(instance, self.field.column)
            )
        )
        state[plain_key] = plain
        return plain

    def __set__(self, instance: models.Model, value: Any) -> None:
        name = self.field.attname
        if isinstance(value, Ciphertext):
            instance.__dict__[name] = value
            instance.__dict__.pop(f"_plain_{name}", None)
        else:
            instance.__dict__[f"_plain_{name}"] = value
            instance.__dict__[name] = None  # stale until saved


class EncryptedTextField(models.TextField):
    """Text kept encrypted at rest. Not searchable: pair it with a blind index for look-ups."""

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, _EncryptedAttribute(self))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else Ciphertext(value)

    # The typed fields below change these two: how a value becomes the text that is sealed,
    # and how the opened text becomes the value again.
    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        plain = getattr(model_instance, self.attname)
        if plain is None:
            return None
        if plain == "" and self.blank:
            return ""
        stored = encrypt(
            self.to_text(plain),
            keyring=keys.keyring(),
            aad=associated_data(model_instance, self.column),
        )
        model_instance.__dict__[self.attname] = Ciphertext(stored)
        return stored

    def get_prep_value(self, value: Any) -> Any:
        # Saving goes through pre_save; a plaintext that reaches a query is refused, so that
        # no filter can compare against plaintext by mistake.
        if value is None or value == "" or isinstance(value, Ciphertext):
            return value
        if isinstance(value, str) and value.startswith("v1:"):
            return value
        raise TypeError("encrypted fields cannot be searched; use the blind index")

    def value_to_string(self, obj: models.Model) -> str:
        return "[encrypted]"


class EncryptedCharField(EncryptedTextField):
    """A short text (a name) kept encrypted; forms see a one-line text field."""

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return super().formfield(
            **{"form_class": forms.CharField, "widget": forms.TextInput, **kwargs}
        )


class EncryptedEmailField(EncryptedTextField):
    """An email address kept encrypted; forms see an email field. Pair it with a blind index."""

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return super().formfield(
            **{
                "form_class": forms.EmailField,
                "widget": forms.EmailInput,
                "max_length": 254,
                **kwargs,
            }
        )


class EncryptedDateField(EncryptedTextField):
    """A date kept encrypted (a birth date): a `datetime.date` on the model, sealed as ISO
    text. It cannot be filtered or ordered in the database; pair it with a blind index."""

    _pyi_private_set_type: dt.date  # type: ignore[assignment]
    _pyi_private_get_type: dt.date  # type: ignore[assignment]

    def to_text(self, value: Any) -> str:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise TypeError(f"{self.name} takes a date, not {type(value).__name__}")
        return value.isoformat()

    def from_text(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or value == "" or isinstance(value, Ciphertext):
            return value
        if isinstance(value, dt.datetime):
            raise ValidationError("Enter a date, not a moment.", code="invalid")
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError("Enter a valid date.", code="invalid") from None

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return super().formfield(**{"form_class": forms.DateField, "widget": None, **kwargs})


class EncryptedDecimalField(EncryptedTextField):
    """An exact number kept encrypted: a `Decimal` on the model, sealed as its canonical text
    (never a float). For values that must not be aggregated in the database."""

    _pyi_private_set_type: Decimal  # type: ignore[assignment]
    _pyi_private_get_type: Decimal  # type: ignore[assignment]

    def to_text(self, value: Any) -> str:
        if isinstance(value, (float, bool)) or not isinstance(value, (Decimal, int)):
            raise TypeError(f"{self.name} takes a Decimal, not {type(value).__name__}")
        number = Decimal(value)
        if not number.is_finite():
            raise ValueError(f"{self.name} takes a finite number")
        return str(number)

    def from_text(self, text: str) -> Decimal:
        return Decimal(text)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or value == "" or isinstance(value, Ciphertext):
            return value
        if isinstance(value, (float, bool)):
            raise ValidationError("Enter an exact number.", code="invalid")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError("Enter a number.", code="invalid") from None
        if not number.is_finite():
            raise ValidationError("Enter a finite number.", code="invalid")
        return number

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return super().formfield(**{"form_class": forms.DecimalField, "widget": None, **kwargs})
