"""Administration pages: access, users and units through the pages, sessions, query counts."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import Unit, User
from opencen.accounts.services import api_token_create
from tests.factories import TEST_PASSWORD

STRONG_PASSWORD = "amber lantern over quiet harbour"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _admin_urls(unit: Unit, user: User) -> list[str]:
    return [
        reverse("accounts:admin-index"),
        reverse("accounts:user-list"),
        reverse("accounts:user-create"),
        reverse("accounts:user-edit", args=[user.pk]),
        reverse("accounts:user-password", args=[user.pk]),
        reverse("accounts:user-deactivate", args=[user.pk]),
        reverse("accounts:user-reactivate", args=[user.pk]),
        reverse("accounts:unit-list"),
        reverse("accounts:unit-create"),
        reverse("accounts:unit-edit", args=[unit.pk]),
    ]


# --- access ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, unit_tree, officer):
    for url in _admin_urls(unit_tree["port"], officer):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


def test_officer_is_refused(client, unit_tree, officer):
    client.force_login(officer)
    for url in _admin_urls(unit_tree["port"], officer):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "not allowed" in response.content.decode()
    response = client.post(reverse("accounts:user-deactivate", args=[officer.pk]))
    assert response.status_code == 403
    officer.refresh_from_db()
    assert officer.is_active


def test_administrator_reaches_every_page(admin_client, unit_tree, officer):
    for url in _admin_urls(unit_tree["port"], officer):
        assert admin_client.get(url).status_code == 200, url


def test_navigation_shows_administration_only_to_administrators(client, admin_client, officer):
    assert 'href="/accounts/admin/"' in admin_client.get("/").content.decode()
    client.force_login(officer)
    assert 'href="/accounts/admin/"' not in client.get("/").content.decode()


# --- users -------------------------------------------------------------------------------


def test_create_user_through_the_page(admin_client, unit_tree):
    response = admin_client.post(
        reverse("accounts:user-create"),
        {
            "username": "jdoe",
            "first_name": "Jane",
            "last_name": "Doe",
            "email": "jane@example.org",
            "unit": unit_tree["airport"].pk,
            "roles": [Role.OFFICER, Role.ANALYST],
            "password": STRONG_PASSWORD,
            "password_confirm": STRONG_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="jdoe")
    assert (user.first_name, user.unit, user.is_active) == ("Jane", unit_tree["airport"], True)
    assert user.roles == {"officer", "analyst"}
    assert user.check_password(STRONG_PASSWORD)


def test_create_user_refuses_taken_username_and_weak_password(admin_client, unit_tree, officer):
    response = admin_client.post(
        reverse("accounts:user-create"),
        {
            "username": officer.username.upper(),
            "unit": unit_tree["port"].pk,
            "password": "short",
            "password_confirm": "short",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "already taken" in str(form.errors["username"])
    assert User.objects.filter(username__iexact=officer.username).count() == 1

    response = admin_client.post(
        reverse("accounts:user-create"),
        {
            "username": "newperson",
            "unit": unit_tree["port"].pk,
            "password": "short",
            "password_confirm": "short",
        },
    )
    assert "too short" in str(response.context["form"].errors["password"])
    assert not User.objects.filter(username="newperson").exists()


def test_create_user_refuses_differing_passwords(admin_client, unit_tree):
    response = admin_client.post(
        reverse("accounts:user-create"),
        {
            "username": "newperson",
            "unit": unit_tree["port"].pk,
            "password": STRONG_PASSWORD,
            "password_confirm": STRONG_PASSWORD + "x",
        },
    )
    assert "differ" in str(response.context["form"].errors["password_confirm"])


def test_edit_user_through_the_page(admin_client, unit_tree, officer):
    response = admin_client.post(
        reverse("accounts:user-edit", args=[officer.pk]),
        {
            "username": "officer-renamed",
            "first_name": "Olu",
            "last_name": "Okafor",
            "email": "",
            "unit": unit_tree["border"].pk,
            "roles": [Role.SUPERVISOR],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.username == "officer-renamed"
    assert officer.unit == unit_tree["border"]
    assert User.objects.get(pk=officer.pk).roles == {"supervisor"}


def test_administrator_cannot_lock_themselves_out(admin_client, admin_user, unit_tree):
    response = admin_client.post(
        reverse("accounts:user-edit", args=[admin_user.pk]),
        {"username": admin_user.username, "unit": unit_tree["hq"].pk, "roles": [Role.OFFICER]},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "own account" in str(errors["is_active"])
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert User.objects.get(pk=admin_user.pk).roles == {"administrator"}
    response = admin_client.post(reverse("accounts:user-deactivate", args=[admin_user.pk]))
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_set_password_through_the_page(admin_client, officer):
    response = admin_client.post(
        reverse("accounts:user-password", args=[officer.pk]),
        {"password": STRONG_PASSWORD, "password_confirm": STRONG_PASSWORD},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(STRONG_PASSWORD)


def test_deactivate_ends_sessions_and_deletes_token(client, admin_user, officer):
    officer_client = client.__class__()
    assert officer_client.login(username=officer.username, password=TEST_PASSWORD)
    assert officer_client.get("/").status_code == 200
    api_token_create(user=officer, actor=None)

    client.force_login(admin_user)
    confirm = client.get(reverse("accounts:user-deactivate", args=[officer.pk]))
    assert confirm.status_code == 200
    officer.refresh_from_db()
    assert officer.is_active  # a GET only asks for confirmation

    response = client.post(reverse("accounts:user-deactivate", args=[officer.pk]))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert not Token.objects.filter(user=officer).exists()
    assert all(
        s.get_decoded().get("_auth_user_id") != str(officer.pk) for s in Session.objects.all()
    )
    after = officer_client.get("/")
    assert after.status_code == 302
    assert after.url.startswith(reverse("accounts:login"))
    # The administrator's own session is untouched.
    assert client.get(reverse("accounts:user-list")).status_code == 200

    client.post(reverse("accounts:user-reactivate", args=[officer.pk]))
    officer.refresh_from_db()
    assert officer.is_active
    assert officer_client.login(username=officer.username, password=TEST_PASSWORD)


def test_users_list_filters(admin_client, make_user, unit_tree):
    make_user(
        roles={Role.ANALYST},
        unit=unit_tree["border"],
        username="ana",
        first_name="Ana",
        last_name="Quixotic",  # no generated name of another user contains this
    )
    make_user(roles={Role.OFFICER}, unit=unit_tree["airport"], username="bob", first_name="Bob")
    make_user(unit=unit_tree["port"], username="gone", first_name="Gone", is_active=False)
    url = reverse("accounts:user-list")

    def names(**params):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return {u.username for u in response.context["users"]}

    assert names(q="quixotic") == {"ana"}
    assert names(unit=unit_tree["north"].pk) == {"bob", "gone"}
    assert names(role=Role.ANALYST) == {"ana"}
    assert names(active="no") == {"gone"}
    assert names(unit=unit_tree["north"].pk, active="yes") == {"bob"}
    response = admin_client.get(url, {"q": "nobody-has-this-name"})
    assert "No user matches these filters" in response.content.decode()


def test_users_list_query_count_does_not_grow(admin_client, make_user, unit_tree):
    url = reverse("accounts:user-list")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = admin_client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    for n in range(5):
        make_user(roles={Role.OFFICER, Role.ANALYST}, unit=unit_tree["port"], username=f"a{n}")
    with_five = count_queries()
    for n in range(25):
        make_user(roles={Role.SUPERVISOR}, unit=unit_tree["border"], username=f"b{n}")
    with_thirty = count_queries()
    assert User.objects.count() == 31
    assert with_thirty == with_five
    assert with_five <= 10


def test_users_list_paginates(admin_client, make_user, unit_tree, monkeypatch):
    monkeypatch.setattr("opencen.accounts.views.USERS_PER_PAGE", 2)
    for n in range(4):
        make_user(unit=unit_tree["port"], username=f"p{n}", last_name=f"L{n}")
    response = admin_client.get(reverse("accounts:user-list"), {"page": 2, "role": ""})
    assert response.context["page_obj"].number == 2
    assert "Page 2 of 3" in response.content.decode()


# --- units -------------------------------------------------------------------------------


def test_create_unit_through_the_page(admin_client, unit_tree):
    response = admin_client.post(
        reverse("accounts:unit-create"),
        {
            "code": "RAIL",
            "name": "Rail station",
            "kind": UnitKind.OFFICE,
            "parent": unit_tree["south"].pk,
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="RAIL")
    assert unit.path == "HQ/SOUTH/RAIL/"


def test_unit_code_must_be_unique(admin_client, unit_tree):
    response = admin_client.post(
        reverse("accounts:unit-create"),
        {"code": "port", "name": "Another port", "kind": UnitKind.OFFICE},
    )
    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["code"])


def test_moving_a_unit_updates_descendant_paths(admin_client, unit_tree):
    north = unit_tree["north"]
    response = admin_client.post(
        reverse("accounts:unit-edit", args=[north.pk]),
        {
            "code": "NORD",
            "name": "North region",
            "kind": UnitKind.REGION,
            "parent": unit_tree["south"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    paths = dict(Unit.objects.values_list("code", "path"))
    assert paths["NORD"] == "HQ/SOUTH/NORD/"
    assert paths["PORT"] == "HQ/SOUTH/NORD/PORT/"
    assert paths["AIR"] == "HQ/SOUTH/NORD/AIR/"
    assert paths["BORDER"] == "HQ/SOUTH/BORDER/"


@pytest.mark.parametrize("target", ["north", "port"])
def test_unit_cannot_go_under_itself_or_a_descendant(admin_client, unit_tree, target):
    north = unit_tree["north"]
    response = admin_client.post(
        reverse("accounts:unit-edit", args=[north.pk]),
        {
            "code": "NORTH",
            "name": "North region",
            "kind": UnitKind.REGION,
            "parent": unit_tree[target].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "cannot be placed under" in str(response.context["form"].errors["parent"])
    north.refresh_from_db()
    assert north.parent == unit_tree["hq"]
    assert Unit.objects.get(code="PORT").path == "HQ/NORTH/PORT/"


def test_unit_tree_page_shows_indentation_and_counts(admin_client, make_user, unit_tree):
    make_user(roles={Role.OFFICER}, unit=unit_tree["port"])
    make_user(roles={Role.OFFICER}, unit=unit_tree["port"], is_active=False)
    response = admin_client.get(reverse("accounts:unit-list"))
    units = {u.code: u for u in response.context["units"]}
    assert [u.code for u in response.context["units"]] == [
        "HQ",
        "NORTH",
        "AIR",
        "PORT",
        "SOUTH",
        "BORDER",
    ]
    assert units["PORT"].active_user_count == 1
    assert units["NORTH"].subtree_user_count == 1
    assert units["HQ"].subtree_user_count == 2  # the administrator sits in HQ
    assert 'class="unit-depth-2"' in response.content.decode()


def test_own_password_change_page(client, officer):
    client.force_login(officer)
    response = client.get(reverse("accounts:password-change"))
    assert response.status_code == 200
    assert 'class="form-control"' in response.content.decode()
    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": STRONG_PASSWORD,
            "new_password2": STRONG_PASSWORD,
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(STRONG_PASSWORD)


def test_layout_has_skip_link_footer_language_menu_and_no_inline_script(admin_client):
    html = admin_client.get(reverse("accounts:user-list")).content.decode()
    assert 'href="#main"' in html
    assert "XX-OPENCEN" in html or 'class="installation-code"' in html
    assert 'name="language" value="ar"' in html
    assert "<script>" not in html and " onclick=" not in html and " onchange=" not in html
    for tag in html.split("<script")[1:]:
        assert " src=" in tag.split(">")[0] and " defer" in tag.split(">")[0]
