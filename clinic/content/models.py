"""What the public site says: articles, frequent questions, conditions and treatments (one
content model), and the clinic's price list."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from clinic.content.rendering import reading_minutes
from clinic.core.fields import EncryptedTextField


class Category(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Page(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        FAQ = "faq", "Frequent question"
        CONDITION = "condition", "Condition"
        TREATMENT = "treatment", "Treatment"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=100)
    summary = models.CharField(
        max_length=300, help_text="One or two sentences; also the page's description for search."
    )
    body = models.TextField(help_text="Markdown. Images and embedded content are removed.")
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The clinician who reviewed the content.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveSmallIntegerField(default=100, help_text="For FAQ and menus.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "-published_at", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="unique_slug_per_kind")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.body)


class PricingPackage(models.Model):
    """An item of the clinic's price list (the clinic sets it)."""

    name = models.CharField(max_length=120)
    price = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    unit = models.CharField(max_length=60, blank=True, help_text="e.g. per infusion, series of 6")
    description = models.CharField(max_length=300, blank=True)
    insurance_note = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """A reader's comment under an article: held for moderation, shown only once approved.
    A comment that speaks of self-harm is urgent for staff and never published."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        URGENT = "urgent", "Urgent: speaks of self-harm"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="comments")
    name = EncryptedTextField()
    email = EncryptedTextField()  # never shown
    body = EncryptedTextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["page", "status"])]

    def __str__(self) -> str:
        return f"Comment {self.code}"
