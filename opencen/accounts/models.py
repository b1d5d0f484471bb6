"""Users, the organisational units they belong to, and their roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencen.accounts.choices import Role, UnitKind


class Unit(models.Model):
    """An organisational unit: headquarters > region > office (or border post, intelligence).

    ``path`` holds the codes from the root down (``HQ/NORTH/PORT1/``) so that "this unit and
    everything under it" is one indexed prefix query.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=500, editable=False, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}/"

    def clean(self) -> None:
        if "/" in self.code:
            raise ValidationError({"code": _("A unit code cannot contain a slash (/).")})
        if self.parent_id is None or self.pk is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        # The stored path of the new parent starts with ours when it is one of our sub-units.
        if self.path and self.parent.path.startswith(self.path):
            raise ValidationError(
                {
                    "parent": _(
                        "A unit cannot be placed under one of its own sub-units "
                        "(%(parent)s is under %(unit)s)."
                    )
                    % {"parent": self.parent.code, "unit": self.code}
                }
            )

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class User(AbstractUser):
    """A person who signs in: belongs to one unit and holds one or more roles."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def roles(self) -> frozenset[str]:
        """The codes of the roles this user holds (read once per request object)."""
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            # A list page prefetches role_assignments: use them instead of one query per user.
            prefetched = getattr(self, "_prefetched_objects_cache", {}).get("role_assignments")
            if prefetched is not None:
                cached = frozenset(assignment.role for assignment in prefetched)
            else:
                cached = frozenset(self.role_assignments.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [str(label) for code, label in Role.choices if code in self.roles]


class RoleAssignment(models.Model):
    """One role held by one user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, db_index=True)

    class Meta:
        verbose_name = _("role assignment")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_unique_user_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class LoginThrottle(models.Model):
    """Failed sign-ins for one typed username, known user or not (so both get one answer)."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in throttle")

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"
