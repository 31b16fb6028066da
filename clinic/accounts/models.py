"""People who sign in: staff of every role, and patients. Sign-in is by email."""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models

from clinic.accounts.policy import Perm, Role, has_perm, is_staff
from clinic.core.fields import EncryptedCharField, EncryptedEmailField
from clinic.core.lookups import user_email_index
from clinic.locations.models import Location

email_index = user_email_index


_EMAIL_LOOKUPS = {"email", "email__exact", "email__iexact"}


HONORIFICS = frozenset({"dr", "doctor", "prof", "mr", "mrs", "ms", "mx", "miss", "rev"})


class UserQuerySet(models.QuerySet["User"]):
    """The address is stored encrypted: a look-up by address (Django's and allauth's sign-in,
    password reset, uniqueness checks) goes through its keyed digest instead."""

    def _filter_or_exclude(self, negate: bool, args: Any, kwargs: Any) -> Any:
        translated: dict[str, Any] = {}
        for key, value in kwargs.items():
            if key in _EMAIL_LOOKUPS and isinstance(value, str):
                translated["email_bidx"] = email_index(value)
            elif key == "email__in":
                translated["email_bidx__in"] = [email_index(str(v)) for v in value]
            else:
                translated[key] = value
        return super()._filter_or_exclude(negate, args, translated)  # type: ignore[misc]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email_bidx=email_index(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).strip().lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password", "email_bidx"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        """`createsuperuser` makes a clinic owner (who must still enrol a second factor)."""
        user = self.create_user(email, password, **extra)
        UserRole.objects.create(user=user, role=Role.OWNER)
        return user


class User(AbstractBaseUser):
    """A person who signs in. Roles are granted through UserRole; staff work at locations."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Name and address are kept encrypted like a patient's (a portal account is a patient's);
    # sign-in finds the person by the keyed digest of the address.
    email = EncryptedEmailField("email address", unique=True)
    email_bidx = models.CharField(max_length=64, unique=True, editable=False)
    full_name = EncryptedCharField(max_length=150)
    title = models.CharField(
        max_length=80, blank=True, help_text="Shown beside the name, e.g. MD, PMHNP-BC, RN."
    )
    is_active = models.BooleanField(default=True)
    locations = models.ManyToManyField(Location, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["id"]  # names are encrypted: lists shown to people sort them in Python

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = (self.email or "").strip().lower()
        self.email_bidx = email_index(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_bidx"}
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Any = None) -> None:
        super().clean_fields(exclude={*(exclude or ()), "email_bidx"})

    def validate_unique(self, exclude: Any = None) -> None:
        """One account per address, checked through the digest."""
        super().validate_unique(exclude={*(exclude or ()), "email", "email_bidx"})
        if self.email and (
            User.objects.filter(email_bidx=email_index(self.email)).exclude(pk=self.pk).exists()
        ):
            from django.core.exceptions import ValidationError

            raise ValidationError({"email": "An account with this email address already exists."})

    @property
    def display_name(self) -> str:
        name = self.full_name or self.email
        return f"{name}, {self.title}" if self.title else name

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        """How to greet the person: the first name, or "Dr. Okafor" when the name starts
        with a title ("Dr. Amara Okafor")."""
        words = self.full_name.split()
        if not words:
            return self.email
        if len(words) > 1 and words[0].rstrip(".").casefold() in HONORIFICS:
            return f"{words[0]} {words[-1]}"
        return words[0]

    @cached_property
    def roles(self) -> frozenset[Role]:
        """The roles this person holds (read once per request)."""
        return frozenset(Role(r) for r in self.role_grants.values_list("role", flat=True))

    @property
    def is_staff_member(self) -> bool:
        return is_staff(self.roles)

    def can(self, perm: Perm) -> bool:
        return self.is_active and has_perm(self.roles, perm)

    # Django's own permission hooks are used only by the admin site, which is for owners.
    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.can(Perm.MANAGE_CLINIC)

    def has_module_perms(self, app_label: str) -> bool:
        return self.can(Perm.MANAGE_CLINIC)

    @property
    def is_staff(self) -> bool:
        """Django admin's flag: only owners reach the admin site."""
        return self.can(Perm.MANAGE_CLINIC)


class UserRole(models.Model):
    """One role held by one person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=[(r.value, r.label) for r in Role])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"
