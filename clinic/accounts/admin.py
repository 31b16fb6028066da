"""Owner's administration of staff accounts."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from clinic.accounts import services
from clinic.accounts.admin_site import admin_site
from clinic.accounts.forms import StaffChangeForm, StaffCreateForm
from clinic.accounts.models import User
from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core.context import acting
from clinic.locations.models import BusinessHours, Location


class AuditedAdmin(admin.ModelAdmin):
    """Every change made in the administration pages also goes into the audit trail."""

    def _audit(self, request: HttpRequest, obj: Any, change: str) -> None:
        audit_record(
            action=Action.ADMIN_CHANGE,
            ctx=acting(request),
            obj=obj,
            details={"change": change, "model": obj._meta.label_lower, "pk": str(obj.pk)},
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, obj, "added")
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._audit(request, obj, "changed")
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            self._audit(request, obj, "deleted")
        return super().log_deletions(request, queryset)


@admin.register(User, site=admin_site)
class UserAdmin(AuditedAdmin):
    list_display = ["full_name", "email", "role_list", "is_active"]
    list_filter = ["is_active", "role_grants__role", "locations"]
    search_fields = ["email"]  # exact address, through its digest (names are encrypted)
    search_help_text = "Find a person by their exact email address."

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[User], search_term: str
    ) -> tuple[QuerySet[User], bool]:
        if not search_term.strip():
            return queryset, False
        return queryset.filter(email=search_term), False

    filter_horizontal = ["locations"]
    actions = ["reset_second_factor", "end_sessions"]
    readonly_fields = ["code", "last_login", "created_at", "updated_at"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        kwargs["form"] = StaffChangeForm if obj is not None else StaffCreateForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": [
                            "email",
                            "full_name",
                            "title",
                            "roles",
                            "locations",
                            "password1",
                            "password2",
                        ]
                    },
                )
            ]
        return [
            (None, {"fields": ["email", "full_name", "title", "is_active", "roles", "locations"]}),
            ("Record", {"fields": ["code", "last_login", "created_at", "updated_at"]}),
        ]

    @admin.display(description="Roles")
    def role_list(self, obj: User) -> str:
        return ", ".join(sorted(r.label for r in obj.roles))

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change:
            obj.save()
            if not obj.is_active:
                services.user_end_sessions(user=obj, ctx=acting(request))
        else:
            created = services.user_create(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                title=form.cleaned_data.get("title", ""),
                roles=form.cleaned_data["roles"],
                password=form.cleaned_data["password1"],
                locations=form.cleaned_data["locations"],
                ctx=acting(request),
            )
            # The admin goes on with `obj` (the redirect) and the form's instance (its
            # many-to-many save): both must be the saved row, not the unsaved form object.
            obj.pk = created.pk
            obj._state = created._state
            form.instance = created

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.user_set_roles(
            user=form.instance, roles=form.cleaned_data["roles"], ctx=acting(request)
        )

    @admin.action(description="Reset second factor (the person enrols again at sign-in)")
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.user_reset_second_factor(user=user, ctx=acting(request))
        messages.success(request, f"Second factor reset for {queryset.count()} account(s).")

    @admin.action(description="Sign out everywhere")
    def end_sessions(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        ended = sum(services.user_end_sessions(user=user, ctx=acting(request)) for user in queryset)
        messages.success(request, f"{ended} session(s) ended.")


class BusinessHoursInline(admin.TabularInline):
    model = BusinessHours
    extra = 0


@admin.register(Location, site=admin_site)
class LocationAdmin(AuditedAdmin):
    inlines = [BusinessHoursInline]  # closures have their own page (it lists what they break)
    list_display = ["name", "city", "phone", "time_zone", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
