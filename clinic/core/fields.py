"""EncryptedTextField: a text column stored encrypted, bound to its table, column and row.

The column holds `v1:<key id>:<base64>`. On the model instance the attribute reads as the
plaintext: it is decrypted on first access (so rows loaded for a list cost nothing until a
value is shown) and encrypted again on save. The row binding uses the model's UUID `code`,
known before the row is inserted. A value that fails to decrypt raises DecryptionError.
"""

from __future__ import annotations

from typing import Any

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
        plain = decrypt(
            stored, keyring=keys.keyring(), aad=associated_data(instance, self.field.column)
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

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        plain = getattr(model_instance, self.attname)
        if plain is None:
            return None
        if plain == "" and self.blank:
            return ""
        stored = encrypt(
            str(plain), keyring=keys.keyring(), aad=associated_data(model_instance, self.column)
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
