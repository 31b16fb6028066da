"""Forms for managing staff accounts (used by the admin site)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from clinic.accounts.models import User
from clinic.accounts.policy import Role


class RolesField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=[(r.value, r.label) for r in Role],
            coerce=Role,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class _RolesMixin(forms.ModelForm):
    roles = RolesField(required=True)

    def clean_roles(self) -> list[Role]:
        roles: list[Role] = self.cleaned_data["roles"]
        if Role.PATIENT in roles and len(roles) > 1:
            raise forms.ValidationError("A patient account cannot also hold a staff role.")
        return roles


class StaffCreateForm(_RolesMixin):
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    class Meta:
        model = User
        fields = ["email", "full_name", "title", "locations"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        elif p1:
            try:
                password_validation.validate_password(p1, self.instance)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class StaffChangeForm(_RolesMixin):
    class Meta:
        model = User
        fields = ["email", "full_name", "title", "is_active", "locations"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = [r.value for r in self.instance.roles]
