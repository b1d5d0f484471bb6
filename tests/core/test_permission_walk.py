"""The permission walk: every URL of the project, as four personas, answers as expected.

``EXPECTATIONS`` maps every URL (by name; unnamed ones by route) to the status code each persona
gets. The walk fails when a URL has no expectation (add one with your new URL) and when an
expectation names a URL that no longer exists.

Personas, derived from the permission matrix (``opencen.accounts.permissions.MATRIX``) for the
access an expectation names:

- ``anonymous``: nobody signed in (pages: 302 to the login page; API: 401);
- ``no_permission``: signed in, holding every role that lacks the permission (no role at all
  when every role has it); for the Django admin, an Administrator who is not staff;
- ``other_unit``: a user with the permitted persona's roles in another branch of the unit tree;
- ``permitted``: a user with the narrowest-scoped role that has the permission, in the unit
  that owns the objects the URL shows.

Objects for URL parameters are made in the permitted persona's unit (``World.home_unit``) by the
makers in ``OBJECT_MAKERS``. Unit-scoped records (seizures, persons, companies) add a maker and
an expectation with ``other_unit=404`` (or 403), e.g.::

    OBJECT_MAKERS["seizure"] = lambda world: SeizureFactory(unit=world.home_unit)
    "seizures:detail": Expect(Permission.SEIZURE_VIEW, 302, 403, 404, 200, args=["seizure"]),
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token, TokenProxy

from opencen.accounts.choices import Role
from opencen.accounts.permissions import MATRIX, Permission, Scope
from opencen.attachments.models import Attachment
from opencen.audit.choices import AuditEventType
from opencen.audit.services import audit_record
from opencen.core.testing.urls import iter_project_urls
from opencen.reference import models as reference_models
from opencen.seizures.models import ImportBatch
from opencen.seizures.services import SeizureInput, seizure_create
from tests.core.walk_base import (
    PERSONAS,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    Expect,
    api,
    page,
    signed_in_page,
)
from tests.factories import UserFactory

EXPECTATIONS: dict[str, Expect] = {
    # --- core ---
    # The home page does not ask for home.view: a user with no role opens it and sees zero
    # counts (every role has home.view, so only role-less accounts are concerned).
    "core:home": Expect(Permission.HOME_VIEW, 302, 200, 200, 200),
    "healthz": Expect(PUBLIC, 200, 200, 200, 200),
    "set_language": Expect(PUBLIC, 302, 302, 302, 302),  # GET changes nothing, redirects
    # --- sign-in, password, two-factor: any signed-in user ---
    "accounts:login": Expect(PUBLIC, 200, 302, 302, 302),  # signed in: sent on to home
    "accounts:logout": Expect(SIGNED_IN, 302, 405, 405, 405),  # POST only
    "accounts:password-change": signed_in_page(),
    "audit:purpose": signed_in_page(),
    "accounts:mfa": signed_in_page(),
    "accounts:mfa-verify": signed_in_page(permitted=302),  # no device enrolled: sent to enrol
    "accounts:mfa-backup-codes": signed_in_page(permitted=302),
    "accounts:mfa-reset": signed_in_page(permitted=302),
    # --- administration: users and units ---
    "accounts:admin-index": page(Permission.USER_MANAGE),
    "accounts:user-list": page(Permission.USER_MANAGE, htmx=True),
    "accounts:user-create": page(Permission.USER_MANAGE),
    "accounts:user-edit": page(Permission.USER_MANAGE, args=("user",)),
    "accounts:user-password": page(Permission.USER_MANAGE, args=("user",)),
    "accounts:user-deactivate": page(Permission.USER_MANAGE, args=("user",)),
    "accounts:user-reactivate": page(Permission.USER_MANAGE, args=("user",)),
    "accounts:user-mfa-reset": page(Permission.USER_MANAGE, args=("user",)),
    "accounts:unit-list": page(Permission.USER_MANAGE),
    "accounts:unit-create": page(Permission.USER_MANAGE),
    "accounts:unit-edit": page(Permission.USER_MANAGE, args=("unit",)),
    # --- code lists ---
    "reference:index": page(Permission.REFERENCE_VIEW),
    "reference:list": page(Permission.REFERENCE_VIEW, args=("countries",), htmx=True),
    # --- audit log ---
    "audit:list": page(Permission.AUDIT_VIEW, htmx=True),
    "audit:detail": page(Permission.AUDIT_VIEW, args=("audit_event",)),
    "audit:export": page(Permission.AUDIT_VIEW),
    "audit:verify": page(Permission.AUDIT_VIEW, method="post"),
    # --- seizures: scoped by unit; another unit's seizure is not found (404) ---
    "seizures:list": page(Permission.SEIZURE_VIEW, htmx=True),
    "seizures:count": page(Permission.SEIZURE_VIEW, htmx=True),
    "seizures:gallery": page(Permission.SEIZURE_VIEW, htmx=True),
    "seizures:create": page(Permission.SEIZURE_EDIT),
    "seizures:create-quick": page(Permission.SEIZURE_EDIT),
    "seizures:form-row": page(Permission.SEIZURE_EDIT, args=("goods",), htmx=True),
    "seizures:unit-options": page(Permission.SEIZURE_EDIT, htmx=True),
    "seizures:place-options": page(Permission.SEIZURE_VIEW, htmx=True),
    "seizures:detail": Expect(Permission.SEIZURE_VIEW, 302, 403, 404, 200, args=("seizure",)),
    "seizures:edit": Expect(Permission.SEIZURE_EDIT, 302, 403, 404, 200, args=("seizure",)),
    "seizures:history": Expect(Permission.SEIZURE_VIEW, 302, 403, 404, 200, args=("seizure",)),
    "seizures:transition": Expect(
        Permission.SEIZURE_VIEW, 302, 403, 404, 302, args=("seizure", "submit"), method="post"
    ),
    "seizures:attachments": Expect(
        Permission.SEIZURE_EDIT, 302, 403, 404, 302, args=("seizure",), method="post"
    ),
    "api-seizure-list": api(Permission.SEIZURE_VIEW),
    "api-seizure-detail": Expect(Permission.SEIZURE_VIEW, 401, 403, 404, 200, args=("seizure",)),
    "api-seizure-history": Expect(Permission.SEIZURE_VIEW, 401, 403, 404, 200, args=("seizure",)),
    # Workflow steps are POST only; what each role may do is tested with the seizure API.
    "api-seizure-submit": Expect(Permission.SEIZURE_VIEW, 401, 403, 405, 405, args=("seizure",)),
    "api-seizure-validate": Expect(Permission.SEIZURE_VIEW, 401, 403, 405, 405, args=("seizure",)),
    "api-seizure-return": Expect(Permission.SEIZURE_VIEW, 401, 403, 405, 405, args=("seizure",)),
    "api-seizure-close": Expect(Permission.SEIZURE_VIEW, 401, 403, 405, 405, args=("seizure",)),
    # --- API ---
    "api-schema": Expect(SIGNED_IN, 401, 200, 200, 200),
    "api-docs": Expect(SIGNED_IN, 401, 200, 200, 200),
    "api-me": Expect(SIGNED_IN, 401, 200, 200, 200),
    "api-reference-index": api(Permission.REFERENCE_VIEW),
    "api-reference-list": api(Permission.REFERENCE_VIEW, args=("countries",)),
    # --- attachments: whoever may see the owner record (its app registers the check). The
    # walk's attachment belongs to a unit, a type no app registers: denied to all, as a 404. ---
    "attachments:original": Expect(SIGNED_IN, 302, 404, 404, 404, args=("attachment",)),
    "attachments:thumbnail": Expect(SIGNED_IN, 302, 404, 404, 404, args=("attachment",)),
    "attachments:display": Expect(SIGNED_IN, 302, 404, 404, 404, args=("attachment",)),
    "attachments:withdraw": Expect(SIGNED_IN, 302, 405, 405, 405, args=("attachment",)),
    "attachments:upload": Expect(SIGNED_IN, 302, 405, 405, 405, args=("accounts.unit", "unit")),
}

# --- the Django admin site (a technical tool): staff only ----------------------------------
# Anonymous visitors meet the project's login first (302); a signed-in user who is not staff is
# sent to the admin's own login page (302); staff superusers open every page.
EXPECTATIONS.update(
    {
        "admin:index": Expect(STAFF, 302, 302, 200, 200),
        "admin:login": Expect(STAFF, 302, 200, 302, 302),  # staff are sent on to the index
        "admin:logout": Expect(STAFF, 302, 302, 405, 405),  # POST only
        "admin:password_change": Expect(STAFF, 302, 302, 200, 200),
        "admin:password_change_done": Expect(STAFF, 302, 302, 200, 200),
        # Without its query parameters the autocomplete view refuses to answer.
        "admin:autocomplete": Expect(STAFF, 302, 302, 403, 403),
        "admin:jsi18n": Expect(STAFF, 302, 302, 200, 200),
        # Users have no page outside the admin, so "view on site" finds nothing.
        "admin:view_on_site": Expect(STAFF, 302, 302, 404, 404, args=("user_type", "user")),
        "admin:auth_user_password_change": Expect(STAFF, 302, 302, 200, 200, args=("user",)),
        "admin:app_list": Expect(STAFF, 302, 302, 200, 200, args=("accounts",)),
        # Secret TOTP keys are never shown, even to staff (OTP_ADMIN_HIDE_SENSITIVE_DATA).
        "admin:otp_totp_totpdevice_config": Expect(
            STAFF, 302, 302, 403, 403, args=("totp_device",)
        ),
        "admin:otp_totp_totpdevice_qrcode": Expect(
            STAFF, 302, 302, 403, 403, args=("totp_device",)
        ),
        "admin/(?P<url>.*)$": Expect(STAFF, 302, 302, 404, 404, path="/admin/no/such/page/"),
    }
)

#: Every model of the admin site, with the object its change pages open.
ADMIN_MODELS: dict[str, str] = {
    "auth_group": "group",
    "authtoken_tokenproxy": "token",
    "otp_totp_totpdevice": "totp_device",
    "otp_static_staticdevice": "static_device",
    "accounts_user": "user",
    "accounts_unit": "unit",
    "reference_country": "country",
    "reference_currency": "currency",
    "reference_measurementunit": "measurement_unit",
    "reference_commoditysection": "commodity_section",
    "reference_commoditytype": "commodity_type",
    "reference_hscode": "hs_code",
    "reference_detectionmethod": "detection_method",
    "reference_concealmentmethod": "concealment_method",
    "reference_conveyancetype": "conveyance_type",
    "reference_offencetype": "offence_type",
    "reference_place": "place",
    "reference_referenceload": "reference_load",
}
#: Code-list entries are deactivated, never deleted; reference loads are written by the loader.
NO_DELETE = {name for name in ADMIN_MODELS if name.startswith("reference_")}
NO_ADD = {"reference_referenceload"}
for _model, _object in ADMIN_MODELS.items():
    _app, _name = _model.split("_", 1) if not _model.startswith("otp_") else _model.rsplit("_", 1)
    _add, _delete = (403 if _model in NO_ADD else 200), (403 if _model in NO_DELETE else 200)
    EXPECTATIONS.update(
        {
            f"admin:{_model}_changelist": Expect(STAFF, 302, 302, 200, 200),
            f"admin:{_model}_add": Expect(STAFF, 302, 302, _add, _add),
            f"admin:{_model}_change": Expect(STAFF, 302, 302, 200, 200, args=(_object,)),
            f"admin:{_model}_history": Expect(STAFF, 302, 302, 200, 200, args=(_object,)),
            f"admin:{_model}_delete": Expect(STAFF, 302, 302, _delete, _delete, args=(_object,)),
            # The bare object URL redirects to its change page.
            f"admin/{_app}/{_name}/<path:object_id>/": Expect(
                STAFF, 302, 302, 302, 302, args=(_object,)
            ),
        }
    )


# --- the world the walk runs in -----------------------------------------------------------


@dataclass
class World:
    """Units, the objects URLs open (made on demand), and the personas' users."""

    units: dict
    objects: dict[str, Any] = field(default_factory=dict)

    @property
    def home_unit(self):
        return self.units["port"]

    @property
    def other_unit(self):
        return self.units["border"]

    def get(self, name: str) -> Any:
        if name not in OBJECT_MAKERS:
            return name  # a literal value, such as a code list name
        if name not in self.objects:
            self.objects[name] = OBJECT_MAKERS[name](self)
        return self.objects[name]


def _reference_entry(model, **fields):
    return lambda world: model.objects.create(code="ZZ", label="Walk entry", **fields)


def _seizure(world: World):
    """A draft seizure of the home unit, recorded by an officer of that unit."""
    return seizure_create(
        actor=world.get("user"),
        data=SeizureInput(occurred_at=timezone.now(), direction="import"),
    )


OBJECT_MAKERS: dict[str, Callable[[World], Any]] = {
    "seizure": _seizure,
    "user": lambda world: UserFactory(unit=world.home_unit, roles={Role.OFFICER}),
    "user_type": lambda world: ContentType.objects.get_for_model(world.get("user")),
    "unit": lambda world: world.home_unit,
    "audit_event": lambda world: audit_record(
        actor=world.get("user"), event_type=AuditEventType.LOGIN
    ),
    "group": lambda world: Group.objects.create(name="Walk group"),
    # The token admin names a token by its user's id.
    "token": lambda world: TokenProxy.objects.get(
        key=Token.objects.create(user=world.get("user")).key
    ),
    "totp_device": lambda world: TOTPDevice.objects.create(user=world.get("user"), name="phone"),
    "static_device": lambda world: StaticDevice.objects.create(
        user=world.get("user"), name="backup"
    ),
    "country": lambda world: reference_models.Country.objects.create(
        code="ZZ", label="Walkland", alpha3="ZZZ", numeric="999"
    ),
    "currency": _reference_entry(reference_models.Currency),
    "measurement_unit": _reference_entry(reference_models.MeasurementUnit, dimension="mass"),
    "commodity_section": _reference_entry(reference_models.CommoditySection),
    "commodity_type": lambda world: reference_models.CommodityType.objects.create(
        code="ZZ", label="Walk type", section=world.get("commodity_section")
    ),
    "hs_code": _reference_entry(reference_models.HSCode, level=2),
    "detection_method": _reference_entry(reference_models.DetectionMethod),
    "concealment_method": _reference_entry(reference_models.ConcealmentMethod),
    "conveyance_type": _reference_entry(reference_models.ConveyanceType),
    "offence_type": _reference_entry(reference_models.OffenceType),
    "place": lambda world: reference_models.Place.objects.create(
        code="ZZWLK", label="Walk port", kind="seaport", country=world.get("country")
    ),
    "reference_load": lambda world: reference_models.ReferenceLoad.objects.create(
        source="walk", fingerprint="walk"
    ),
    # A row only: no persona gets as far as opening its file.
    "attachment": lambda world: Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(world.home_unit),
        object_id=str(world.home_unit.pk),
        original="attachments/walk.jpg",
        original_filename="walk.jpg",
        media_type="image/jpeg",
        size=1,
        sha256="0" * 64,
        kind="image",
    ),
}


# --- seizure API attachments (opencen.seizures.api): another unit's seizure answers 404 ---
# A row only, without a file: the persona who may see it reaches the file view, which finds no
# file (404); everyone else is stopped before.
OBJECT_MAKERS["seizure_attachment"] = lambda world: Attachment.objects.create(
    content_type=ContentType.objects.get_for_model(world.get("seizure")),
    object_id=str(world.get("seizure").pk),
    original="attachments/walk-seizure.jpg",
    original_filename="walk-seizure.jpg",
    media_type="image/jpeg",
    size=1,
    sha256="0" * 64,
    kind="image",
)
EXPECTATIONS.update(
    {
        "api-seizure-attachments": Expect(
            Permission.SEIZURE_VIEW, 401, 403, 404, 200, args=("seizure",)
        ),
        **{
            f"api-seizure-attachment-{name}": Expect(
                Permission.SEIZURE_VIEW, 401, 403, 404, 404, args=("seizure", "seizure_attachment")
            )
            for name in ("original", "thumbnail", "display")
        },
    }
)


# --- seizure import and export (opencen.seizures.views_import) -----------------------------
# A batch belongs to a unit: another unit's batch is not found. Confirming the walk's batch,
# which has no good row, is refused with a message and a redirect to its preview.
OBJECT_MAKERS["import_batch"] = lambda world: ImportBatch.objects.create(
    file_name="walk.csv",
    sha256="0" * 64,
    kind="csv",
    status="ready",
    unit=world.home_unit,
    created_by=world.get("user"),
)
_BATCH = ("import_batch",)
EXPECTATIONS.update(
    {
        "seizures:import": page(Permission.SEIZURE_EDIT),
        "seizures:import-template-csv": page(Permission.SEIZURE_EDIT),
        "seizures:import-template-xlsx": page(Permission.SEIZURE_EDIT),
        "seizures:import-preview": Expect(Permission.SEIZURE_EDIT, 302, 403, 404, 200, args=_BATCH),
        "seizures:import-progress": Expect(
            Permission.SEIZURE_EDIT, 302, 403, 404, 200, args=_BATCH, htmx=True
        ),
        "seizures:import-rejected-csv": Expect(
            Permission.SEIZURE_EDIT, 302, 403, 404, 200, args=_BATCH
        ),
        "seizures:import-rejected-xlsx": Expect(
            Permission.SEIZURE_EDIT, 302, 403, 404, 200, args=_BATCH
        ),
        "seizures:import-confirm": Expect(
            Permission.SEIZURE_EDIT, 302, 403, 404, 302, args=_BATCH, method="post"
        ),
        "seizures:import-cancel": Expect(
            Permission.SEIZURE_EDIT, 302, 403, 404, 302, args=_BATCH, method="post"
        ),
        "seizures:export-csv": page(Permission.EXPORT),
        "seizures:export-xlsx": page(Permission.EXPORT),
    }
)


# --- apps that keep their walk expectations beside their tests -------------------------------
for _app in ("persons", "companies", "investigations", "matching"):
    _module = importlib.import_module(f"tests.{_app}.walk")
    EXPECTATIONS.update(_module.EXPECTATIONS)
    OBJECT_MAKERS.update(_module.OBJECT_MAKERS)


def _roles_for(expect: Expect) -> tuple[set[Role], set[Role]]:
    """(roles of the permitted persona, roles of the persona without the permission)."""
    if expect.access in (PUBLIC, SIGNED_IN):
        return {Role.OFFICER}, set()
    if expect.access == STAFF:
        return {Role.ADMINISTRATOR}, {Role.ADMINISTRATOR}
    granted = MATRIX[expect.access]
    order = [Scope.OWN_UNIT, Scope.UNIT_TREE, Scope.ALL]
    role = expect.role or min(granted, key=lambda r: order.index(granted[r]))
    return {role}, {r for r in Role if r not in granted}


def _make_persona(expect: Expect, persona: str, world: World):
    if persona == "anonymous":
        return None
    permitted_roles, refused_roles = _roles_for(expect)
    staff = expect.access == STAFF and persona != "no_permission"
    return UserFactory(
        username=f"walk-{persona}",
        unit=world.other_unit if persona == "other_unit" else world.home_unit,
        roles=refused_roles if persona == "no_permission" else permitted_roles,
        is_staff=staff,
        is_superuser=staff,
    )


# --- the walk -------------------------------------------------------------------------------


def _key(url) -> str:
    return url.name or url.route


PROJECT_URLS = {_key(url): url for url in iter_project_urls() if url.route != "static/"}

CASES = [
    pytest.param(key, persona, htmx, id=f"{key}{'[htmx]' if htmx else ''}-{persona}")
    for key, expect in EXPECTATIONS.items()
    if key in PROJECT_URLS
    for htmx in ((False, True) if expect.htmx else (False,))
    for persona in PERSONAS
]


def test_every_url_has_an_expectation():
    missing = sorted(set(PROJECT_URLS) - set(EXPECTATIONS))
    assert not missing, f"URLs without an entry in EXPECTATIONS (add one): {missing}"


def test_every_expectation_names_an_existing_url():
    stale = sorted(set(EXPECTATIONS) - set(PROJECT_URLS))
    assert not stale, f"EXPECTATIONS names URLs that no longer exist (remove them): {stale}"


def _path(key: str, expect: Expect, world: World) -> str:
    if expect.path:
        return expect.path
    values = [world.get(arg) for arg in expect.args]
    values = [getattr(value, "pk", value) for value in values]
    url = PROJECT_URLS[key]
    if url.name:
        return reverse(url.name, args=values)
    filled = iter(values)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", lambda _match: str(next(filled)), url.route)


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "persona", "htmx"), CASES)
def test_walk(client, unit_tree, key, persona, htmx):
    expect = EXPECTATIONS[key]
    world = World(units=unit_tree)
    path = _path(key, expect, world)
    user = _make_persona(expect, persona, world)
    if user is not None:
        client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}
    response = getattr(client, expect.method)(path, headers=headers)
    wanted = getattr(expect, persona)
    assert response.status_code == wanted, (
        f"{expect.method.upper()} {path} as {persona}: {response.status_code}, expected {wanted}"
    )
    if persona == "anonymous" and wanted == 302 and expect.access != PUBLIC:
        assert response["Location"].startswith(reverse("accounts:login")), response["Location"]
