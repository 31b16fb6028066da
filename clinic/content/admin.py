"""Owners write and publish content in the administration pages; publishing clears the cache."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from clinic.accounts.admin import AuditedAdmin
from clinic.accounts.admin_site import admin_site
from clinic.accounts.models import User
from clinic.accounts.selectors import clinicians, staff_people
from clinic.content import services
from clinic.content.models import Category, Page, PricingPackage
from clinic.core.context import acting
from clinic.core.pagecache import bump_public_cache


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class ContentAdmin(AuditedAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        bump_public_cache()


@admin.register(Page, site=admin_site)
class PageAdmin(ContentAdmin):
    list_display = ["title", "kind", "status", "published_at", "preview_link"]
    list_filter = ["kind", "status", "category"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "kind",
        "title",
        "slug",
        "summary",
        "body",
        "category",
        "author",
        "reviewer",
        "order",
        "status",
    ]
    actions = ["publish", "unpublish"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # An author is a member of staff; a clinical reviewer is a prescriber or a nurse.
        # Patients' and front-desk accounts are never offered (nor accepted if posted).
        if db_field.name == "author":
            kwargs["queryset"] = staff_people()
        elif db_field.name == "reviewer":
            kwargs["queryset"] = clinicians()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Preview")
    def preview_link(self, obj: Page) -> str:
        return format_html(
            '<a href="{}">Preview</a>', reverse("content:page_preview", args=[obj.code])
        )

    @admin.action(description="Publish")
    def publish(self, request: HttpRequest, queryset: QuerySet[Page]) -> None:
        for page in queryset:
            services.page_set_status(
                page=page, status=Page.Status.PUBLISHED, actor=_user(request), ctx=acting(request)
            )
        messages.success(request, "Published.")

    @admin.action(description="Back to draft")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Page]) -> None:
        for page in queryset:
            services.page_set_status(
                page=page, status=Page.Status.DRAFT, actor=_user(request), ctx=acting(request)
            )
        messages.success(request, "Unpublished.")


@admin.register(Category, site=admin_site)
class CategoryAdmin(ContentAdmin):
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PricingPackage, site=admin_site)
class PricingPackageAdmin(ContentAdmin):
    list_display = ["name", "price", "unit", "order", "is_active"]
