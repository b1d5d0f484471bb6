"""`opencen demo`: the generator framework, the units, users and places generators."""

from __future__ import annotations

import re
from io import StringIO

import pycountry
import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import RoleAssignment, Unit, User
from opencen.accounts.services import admin_ensure
from opencen.core import demo
from opencen.reference.choices import PlaceKind
from opencen.reference.demo import SEAPORTS, station_city
from opencen.reference.models import Country, Place

DEMO_PASSWORD = "demo password for tests"


@pytest.fixture
def countries(db):
    """Every ISO 3166 country (as `load-reference` loads them), and three airports in GB."""
    Country.objects.bulk_create(
        Country(code=c.alpha_2, alpha3=c.alpha_3, numeric=c.numeric, label=c.name)
        for c in pycountry.countries
    )
    Place.objects.bulk_create(
        Place(code=icao, label=label, kind=PlaceKind.AIRPORT, country_id="GB", icao=icao,
              latitude=latitude, longitude=longitude)
        for icao, label, latitude, longitude in [
            ("EGLL", "London Heathrow", 51.47, -0.45),
            ("EGCC", "Manchester", 53.35, -2.27),
            ("EGPH", "Edinburgh", 55.95, -3.37),
        ]
    )  # fmt: skip


@pytest.fixture(autouse=True)
def demo_password(monkeypatch, settings):
    monkeypatch.setenv("OPENCEN_DEMO_PASSWORD", DEMO_PASSWORD)
    # What is tested is that the password is hashed once, not Argon2's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo(*args: str) -> str:
    """Run the demo for units, users and places only (the seizure, person and company
    generators have their own tests in tests/seizures, tests/persons and tests/companies)."""
    out = StringIO()
    for option in ("--seizures", "--persons", "--companies"):
        if not any(arg.startswith(option) for arg in args):
            args = (*args, option, "0")
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict[str, list]:
    return {
        "units": sorted(Unit.objects.values_list("code", "name", "kind", "path", "parent__code")),
        "users": sorted(
            User.objects.values_list("username", "first_name", "last_name", "email", "unit__code")
        ),
        "roles": sorted(RoleAssignment.objects.values_list("user__username", "role")),
        "places": sorted(
            Place.objects.exclude(kind=PlaceKind.AIRPORT).values_list(
                "code", "label", "kind", "country_id", "city", "locode", "latitude", "longitude"
            )
        ),
    }


def wipe_demo_data() -> None:
    """Back to the database the fixtures made, as if it were a fresh one."""
    RoleAssignment.objects.all().delete()
    User.objects.all().delete()
    Place.objects.exclude(kind=PlaceKind.AIRPORT).delete()
    Unit.objects.update(parent=None)
    Unit.objects.all().delete()


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_on_an_empty_database_gives_the_same_data(countries):
    run_demo("--seed", "7", "--users-per-unit", "3")
    first = snapshot()
    wipe_demo_data()
    run_demo("--seed", "7", "--users-per-unit", "3")
    second = snapshot()

    assert first == second
    assert len(first["units"]) >= 1 + 1 + 4 + 4 * 2  # HQ, national intelligence, regions, offices
    assert any(place[2] == PlaceKind.SEAPORT for place in first["places"])


def test_another_seed_gives_other_data(countries):
    run_demo("--seed", "1", "--users-per-unit", "2")
    first = snapshot()
    wipe_demo_data()
    run_demo("--seed", "2", "--users-per-unit", "2")
    assert snapshot()["units"] != first["units"]


def test_random_streams_depend_on_seed_and_generator_name_only():
    ctx = demo.DemoContext(generator_name="units", seed=3, options={})
    again = demo.DemoContext(generator_name="units", seed=3, options={})
    other = demo.DemoContext(generator_name="users", seed=3, options={})
    draws = [ctx.rng.random() for _ in range(3)]
    assert draws == [again.rng.random() for _ in range(3)]
    assert draws != [other.rng.random() for _ in range(3)]
    assert ctx.uuid() == again.uuid()
    assert ctx.uuid().version == 4


# --- units and users -------------------------------------------------------------------------


def test_unit_tree_has_headquarters_regions_and_stations(countries):
    run_demo()
    hq = Unit.objects.get(code="HQ")
    assert hq.kind == UnitKind.HEADQUARTERS and hq.parent is None
    regions = Unit.objects.filter(kind=UnitKind.REGION)
    assert 4 <= regions.count() <= 6
    assert all(region.parent_id == hq.pk and region.code.startswith("R-") for region in regions)
    for unit in Unit.objects.exclude(pk=hq.pk):
        assert unit.path == unit.compute_path()
    assert Unit.objects.filter(kind=UnitKind.OFFICE, code__regex=r"^O-[A-Z]+[0-9]+$").exists()
    assert Unit.objects.filter(kind=UnitKind.INTELLIGENCE).exists()


def test_users_cover_every_role_and_every_office_has_an_officer_and_a_supervisor(countries):
    run_demo("--users-per-unit", "2")

    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    for station in Unit.objects.filter(kind__in=[UnitKind.OFFICE, UnitKind.BORDER_POST]):
        roles = set(
            RoleAssignment.objects.filter(user__unit=station).values_list("role", flat=True)
        )
        assert {Role.OFFICER, Role.SUPERVISOR} <= roles, station.code
    assert User.objects.filter(unit__isnull=True).count() == 0
    assert User.objects.count() == 2 * Unit.objects.count()
    assert User.objects.filter(username="officer.port1", unit__code="O-PORT1").exists()
    assert all(re.fullmatch(r"[a-z]+[0-9]*\.[a-z0-9]+", u.username) for u in User.objects.all())


def test_demo_users_share_one_password_hash_and_can_sign_in(countries, client):
    run_demo("--users-per-unit", "2")

    assert User.objects.values("password").distinct().count() == 1
    response = client.post(
        "/accounts/login/", {"username": "officer.port1", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_without_a_demo_password_one_is_made_and_printed_once(countries, monkeypatch):
    monkeypatch.delenv("OPENCEN_DEMO_PASSWORD")
    output = run_demo("--users-per-unit", "2")

    printed = re.search(r"sign in with the password: (\S+)", output).group(1)
    assert check_password(printed, User.objects.get(username="admin.hq").password)
    assert output.count(printed) == 1


def test_fewer_than_two_users_per_unit_is_refused(countries):
    with pytest.raises(CommandError, match="at least 2"):
        run_demo("--users-per-unit", "1")
    assert not Unit.objects.exists()


# --- places ----------------------------------------------------------------------------------


def test_places_are_customs_offices_border_posts_and_seaports(countries):
    run_demo("--users-per-unit", "2")

    offices = Place.objects.filter(kind=PlaceKind.CUSTOMS_OFFICE)
    assert offices.count() == Unit.objects.filter(kind=UnitKind.OFFICE).count()
    assert Place.objects.filter(kind=PlaceKind.BORDER_POST).count() == (
        Unit.objects.filter(kind=UnitKind.BORDER_POST).count()
    )
    office = Place.objects.get(code="GB-O-PORT1")
    assert office.country_id == "GB"
    assert office.label == Unit.objects.get(code="O-PORT1").name
    assert office.label.startswith(office.city) and office.city
    assert 50 < office.latitude < 57  # near one of the fixture's airports

    rotterdam = Place.objects.get(code="NLRTM")
    assert (rotterdam.kind, rotterdam.locode, rotterdam.country_id) == ("seaport", "NLRTM", "NL")
    assert Place.objects.filter(kind=PlaceKind.SEAPORT).count() == len(SEAPORTS)


def test_the_seaport_list_is_well_formed():
    codes = [locode for locode, *_ in SEAPORTS]
    assert len(codes) == len(set(codes))
    for locode, name, latitude, longitude in SEAPORTS:
        assert re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", locode), locode
        assert pycountry.countries.get(alpha_2=locode[:2]) is not None, locode
        assert name and -90 <= latitude <= 90 and -180 <= longitude <= 180


def test_country_option_and_existing_seaports_are_respected(countries):
    Place.objects.create(
        code="NLRTM", label="Rotterdam (entered by hand)", kind=PlaceKind.SEAPORT, country_id="NL"
    )
    run_demo("--users-per-unit", "2", "--country", "ke")

    assert Place.objects.get(code="NLRTM").label == "Rotterdam (entered by hand)"
    assert Place.objects.get(code="KE-O-PORT1").country_id == "KE"
    assert Place.objects.get(code="KE-O-PORT1").latitude is None  # no Kenyan airport loaded


def test_without_countries_the_demo_says_to_load_reference_and_writes_nothing(db):
    with pytest.raises(CommandError, match="opencen load-reference"):
        run_demo()
    assert not Unit.objects.exists()
    assert not User.objects.exists()


def test_an_unknown_demo_country_is_refused(countries):
    with pytest.raises(CommandError, match="'ZZ' is not in the country list"):
        run_demo("--country", "ZZ")


def test_station_city_reads_the_town_from_a_demo_unit_name():
    assert station_city("Ashford Border Post") == "Ashford"
    assert station_city("Carrow Port Customs Office") == "Carrow"
    assert station_city("Customs Headquarters") == ""


# --- runs on a database that is not empty ----------------------------------------------------


def test_if_empty_does_nothing_once_the_database_holds_data(countries):
    run_demo("--users-per-unit", "2")
    before = snapshot()

    output = run_demo("--if-empty", "--seed", "99")

    assert "already holds data" in output and "no demo data was generated" in output
    assert snapshot() == before


def test_if_empty_still_runs_when_only_the_admin_exists(countries):
    admin, _ = admin_ensure(password="a long admin password")
    assert admin.unit is None

    run_demo("--if-empty", "--users-per-unit", "2")

    assert Unit.objects.filter(code="HQ").exists()
    admin.refresh_from_db()
    assert admin.unit.code == "HQ"  # the admin made before any unit now belongs somewhere
    assert admin.roles == {Role.ADMINISTRATOR}
    assert not check_password(DEMO_PASSWORD, admin.password)


def test_a_second_run_skips_what_exists(countries):
    run_demo("--users-per-unit", "2")
    before = snapshot()

    output = run_demo("--users-per-unit", "2")

    assert output.count("skipped: already holds data") == 3
    assert snapshot() == before


def test_summary_shows_what_was_created_and_how_long_it_took(countries):
    output = run_demo("--users-per-unit", "2")
    units = Unit.objects.count()
    assert f"{units} units" in output
    assert f"{2 * units} users, {2 * units} role assignments" in output
    assert re.search(r"total\s+[\d,]+ rows\s+\d+\.\d\d s", output)


# --- options ---------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--messages", "--peers"])
def test_counts_of_things_no_generator_makes_are_refused_clearly(db, option):
    with pytest.raises(CommandError) as raised:
        run_demo(option, "10")
    message = str(raised.value)
    assert f"{option}: {option[2:]} are not available yet in this installation" in message
    assert "--users-per-unit" in message  # and it says what is available


def test_generators_declare_the_command_options():
    options = {option.flag for option in demo.declared_options(demo.discover())}
    assert {"--users-per-unit", "--country", "--seizures", "--persons", "--companies"} <= options
    assert "--messages" not in options


@override_settings(PRODUCTION=True)
def test_production_needs_an_explicit_yes(countries):
    with pytest.raises(CommandError, match="--allow-production"):
        run_demo()
    assert "No demo data generated" in run_demo("--if-empty")  # make run goes on
    assert not Unit.objects.exists()
    run_demo("--allow-production", "--users-per-unit", "2")
    assert Unit.objects.exists()


# --- the framework ---------------------------------------------------------------------------


def _generator(name: str, dependencies: tuple[str, ...] = (), order: int = 100):
    return type(name, (demo.DemoGenerator,), {"name": name, "dependencies": dependencies,
                                              "order": order})  # fmt: skip


def test_generators_run_after_their_dependencies():
    a = _generator("a", ("c",), order=1)
    b = _generator("b", order=50)
    c = _generator("c", order=99)
    assert [g.name for g in demo.ordered([a, b, c])] == ["b", "c", "a"]
    assert [g.name for g in demo.ordered(demo.discover())][:3] == ["units", "users", "places"]


def test_missing_and_circular_dependencies_are_reported():
    with pytest.raises(demo.DemoDataError, match="needs c"):
        demo.ordered([_generator("a", ("c",))])
    with pytest.raises(demo.DemoDataError, match="circle"):
        demo.ordered([_generator("a", ("b",)), _generator("b", ("a",))])


def test_bulk_create_inserts_in_batches_and_moves_the_progress_bar(countries):
    class Progress:
        total = None
        moved: list[int] = []

        def update(self, n):
            self.moved.append(n)

        def refresh(self):
            pass

    progress = Progress()
    ctx = demo.DemoContext(
        generator_name="test", seed=1, options={}, batch_size=4, progress=progress
    )
    rows = (
        Place(code=f"GB-T{n}", label=f"Test {n}", kind=PlaceKind.CUSTOMS_OFFICE, country_id="GB")
        for n in range(10)
    )
    assert ctx.bulk_create(Place, rows) == 10
    assert progress.moved == [4, 4, 2]
    assert Place.objects.filter(code__startswith="GB-T").count() == 10


def test_insert_rows_takes_plain_tuples_and_fills_the_defaults(countries):
    ctx = demo.DemoContext(generator_name="test", seed=1, options={}, batch_size=3)
    rows = ((f"GB-R{n}", f"Row {n}", PlaceKind.BORDER_POST, "GB", 51.5 + n) for n in range(7))
    fields = ["code", "label", "kind", "country_id", "latitude"]

    assert ctx.insert_rows(Place, fields, rows) == 7

    place = Place.objects.get(code="GB-R6")
    assert (place.label, place.kind, place.country_id, place.latitude) == (
        "Row 6",
        PlaceKind.BORDER_POST,
        "GB",
        57.5,
    )
    assert (place.active, place.sort_order, place.translations, place.city) == (True, 0, {}, "")


def test_insert_rows_converts_dates_and_foreign_keys(make_user):
    user, other = make_user(username="one"), make_user(username="two")
    ctx = demo.DemoContext(generator_name="test", seed=1, options={})
    created = timezone.now().replace(microsecond=0) - timezone.timedelta(days=400)

    ctx.insert_rows(Token, ["key", "user", "created"], [("a" * 40, user.pk, created)])
    ctx.insert_rows(Token, ["key", "user_id"], [("b" * 40, other.pk)])

    assert Token.objects.get(key="a" * 40).created == created
    assert Token.objects.get(key="a" * 40).user == user
    assert timezone.now() - Token.objects.get(key="b" * 40).created < timezone.timedelta(minutes=1)


def test_insert_rows_needs_the_primary_key(countries):
    ctx = demo.DemoContext(generator_name="test", seed=1, options={})
    with pytest.raises(ValueError, match="primary key"):
        ctx.insert_rows(Place, ["label", "kind", "country"], [("x", "seaport", "GB")])
