"""Demo data for accounts: the unit tree and users of every role.

Units: a headquarters (``HQ``) with a national intelligence unit (``I-NATIONAL``), 4 to 6
regional directorates (``R-NORTH``...), and under each region customs offices (``O-PORT1``,
``O-AIR1``, ``O-ICD1``, ``O-MAIL1``...), land border posts (``B-<TOWN>``) and sometimes a
regional intelligence unit (``I-INTEL1``). Towns are invented English-sounding names.

Users: ``--users-per-unit`` (default 4, at least 2) per unit, with roles that suit the unit:
every office and border post has an officer and a supervisor, headquarters an administrator,
the intelligence units analysts and liaison officers. Usernames are ``<role>.<unit>``
(``officer.port1``, ``officer2.port1``, ``supervisor.port1``, ``admin.hq``). Everyone has the
same password: ``OPENCEN_DEMO_PASSWORD``, or one generated and printed once. It is hashed once
(Argon2 is slow on purpose) and the hash is given to every demo user.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter

from django.contrib.auth.hashers import make_password

from opencen.accounts.choices import Role, UnitKind
from opencen.accounts.models import RoleAssignment, Unit, User
from opencen.core import demo

#: (code, name) of the regional directorates; 4 to 6 are drawn.
REGIONS: tuple[tuple[str, str], ...] = (
    ("NORTH", "Northern Regional Directorate"),
    ("SOUTH", "Southern Regional Directorate"),
    ("EAST", "Eastern Regional Directorate"),
    ("WEST", "Western Regional Directorate"),
    ("CENTRAL", "Central Regional Directorate"),
    ("COAST", "Coastal Regional Directorate"),
    ("CAPITAL", "Capital Regional Directorate"),
    ("LAKES", "Lakes Regional Directorate"),
)

#: Invented town names (at most 11 letters, so ``<country>-B-<TOWN>`` fits a place code).
TOWNS: tuple[str, ...] = (
    "Ashford", "Bayport", "Brackwater", "Carrow", "Dunmere", "Eastwick", "Fairhaven",
    "Glenmoor", "Greyhaven", "Harwick", "Highcliff", "Kingsbridge", "Larkfield", "Lowmarsh",
    "Millbrook", "Northgate", "Oakhurst", "Pembry", "Redcastle", "Saltmarsh", "Stonebury",
    "Thornwick", "Wexmoor", "Whitsand", "Wolverton", "Yarrowby",
)  # fmt: skip

#: Customs office types: code stem, name template (``{town}`` is filled in).
OFFICE_TYPES: tuple[tuple[str, str], ...] = (
    ("PORT", "{town} Port Customs Office"),
    ("AIR", "{town} International Airport Customs Office"),
    ("ICD", "{town} Inland Clearance Depot"),
    ("MAIL", "{town} Postal and Express Courier Centre"),
    ("RAIL", "{town} Rail Freight Terminal"),
)
BORDER_POST_NAME = "{town} Border Post"

#: Name templates of stations, for other apps' generators (the demo places reuse the towns).
STATION_NAME_TEMPLATES: tuple[str, ...] = (*(t for _, t in OFFICE_TYPES), BORDER_POST_NAME)

#: Roles given in turn to a unit's users: user 1 gets the first, user 2 the second...
ROLE_CYCLES: dict[str, tuple[Role, ...]] = {
    UnitKind.HEADQUARTERS: (
        Role.ADMINISTRATOR,
        Role.ANALYST,
        Role.LIAISON,
        Role.SUPERVISOR,
        Role.OFFICER,
    ),
    UnitKind.REGION: (Role.SUPERVISOR, Role.ANALYST, Role.OFFICER, Role.ADMINISTRATOR),
    UnitKind.OFFICE: (Role.OFFICER, Role.SUPERVISOR, Role.OFFICER, Role.OFFICER),
    UnitKind.BORDER_POST: (Role.OFFICER, Role.SUPERVISOR, Role.OFFICER, Role.OFFICER),
    UnitKind.INTELLIGENCE: (Role.ANALYST, Role.LIAISON, Role.SUPERVISOR, Role.ANALYST),
}

#: The first part of a demo username for each role.
ROLE_USERNAMES: dict[Role, str] = {
    Role.OFFICER: "officer",
    Role.ANALYST: "analyst",
    Role.SUPERVISOR: "supervisor",
    Role.LIAISON: "liaison",
    Role.ADMINISTRATOR: "admin",
}

#: Given names and family names by naming tradition; a user takes both from one tradition.
NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("James", "Emily", "Thomas", "Sarah", "Oliver", "Grace"),
     ("Walker", "Bennett", "Hughes", "Clarke", "Turner", "Morgan")),
    (("Camille", "Julien", "Amélie", "Luc", "Inès", "Mathieu"),
     ("Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Chevalier")),
    (("Lucía", "Javier", "Carmen", "Diego", "Elena", "Mateo"),
     ("García", "Fernández", "Ortega", "Navarro", "Romero", "Castillo")),
    (("João", "Ana", "Pedro", "Beatriz", "Tiago", "Mariana"),
     ("Silva", "Ferreira", "Costa", "Oliveira", "Almeida", "Carvalho")),
    (("Ahmed", "Fatima", "Youssef", "Layla", "Omar", "Nour"),
     ("Haddad", "El Amrani", "Mansour", "Khalil", "Benali", "Saleh")),
    (("Amina", "Chinedu", "Ngozi", "Emeka", "Folake", "Tunde"),
     ("Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze", "Ogunleye")),
    (("Wanjiru", "Baraka", "Neema", "Juma", "Zawadi", "Otieno"),
     ("Mwangi", "Odhiambo", "Kamau", "Njoroge", "Wambua", "Mutua")),
    (("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram"),
     ("Sharma", "Iyer", "Patel", "Reddy", "Nair", "Gupta")),
    (("Wei", "Li Na", "Jun", "Mei", "Hao", "Xiu"),
     ("Wang", "Chen", "Zhang", "Liu", "Huang", "Zhou")),
    (("Anh", "Linh", "Minh", "Thao", "Duc", "Lan"),
     ("Nguyen", "Tran", "Pham", "Le", "Vo", "Bui")),
    (("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Soo-ah"),
     ("Kim", "Lee", "Park", "Choi", "Jung", "Kang")),
    (("Mehmet", "Ayşe", "Emre", "Zeynep", "Can", "Elif"),
     ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın")),
    (("Siosaia", "Mele", "Tevita", "Losa", "Sione", "Ana"),
     ("Taufa", "Fifita", "Havili", "Vea", "Tonga", "Lolohea")),
    (("Sofía", "Santiago", "Valentina", "Andrés", "Camila", "Felipe"),
     ("Rojas", "Quispe", "Mendoza", "Vargas", "Guzmán", "Morales")),
)  # fmt: skip

DEMO_PASSWORD_VARIABLE = "OPENCEN_DEMO_PASSWORD"  # noqa: S105 (a variable name, not a password)
DEMO_EMAIL_DOMAIN = "demo.opencen.invalid"


def unit_slug(code: str) -> str:
    """The unit part of a demo username: ``O-PORT1`` -> ``port1``, ``HQ`` -> ``hq``."""
    return code.split("-", 1)[-1].lower()


@demo.register
class UnitGenerator(demo.DemoGenerator):
    """Headquarters, regional directorates, offices, border posts and intelligence units."""

    name = "units"
    label = "Units"
    order = 10

    def is_empty(self) -> bool:
        return not Unit.objects.exists()

    def plan(self, ctx: demo.DemoContext) -> list[tuple[str, str, str, str | None]]:
        """The units to create, parents first: (code, name, kind, parent code)."""
        rng = ctx.rng
        national_intelligence = "National Intelligence and Targeting Centre"
        units: list[tuple[str, str, str, str | None]] = [
            ("HQ", "Customs Headquarters", UnitKind.HEADQUARTERS, None),
            ("I-NATIONAL", national_intelligence, UnitKind.INTELLIGENCE, "HQ"),
        ]
        regions = rng.sample(REGIONS, rng.randint(4, 6))
        towns = rng.sample(TOWNS, len(TOWNS))
        office_numbers: Counter[str] = Counter()
        intelligence_number = 0
        for region_code, region_name in regions:
            region = f"R-{region_code}"
            units.append((region, region_name, UnitKind.REGION, "HQ"))
            for stem, template in rng.sample(OFFICE_TYPES, rng.randint(2, 4)):
                office_numbers[stem] += 1
                town = towns.pop()
                code = f"O-{stem}{office_numbers[stem]}"
                units.append((code, template.format(town=town), UnitKind.OFFICE, region))
            for _ in range(rng.randint(0, 2)):
                town = towns.pop()
                code = f"B-{town.upper()}"
                name = BORDER_POST_NAME.format(town=town)
                units.append((code, name, UnitKind.BORDER_POST, region))
            if rng.random() < 0.5:
                intelligence_number += 1
                code = f"I-INTEL{intelligence_number}"
                name = f"{region_name.removesuffix(' Directorate')} Intelligence Unit"
                units.append((code, name, UnitKind.INTELLIGENCE, region))
        return units

    def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
        plan = self.plan(ctx)
        ctx.set_total(len(plan))
        paths: dict[str, str] = {}
        ids: dict[str, int] = {}
        # Parents need their ids before children can point at them: one insert per level.
        levels: dict[int, list[tuple[str, str, str, str | None]]] = {}
        for entry in plan:
            code, _, _, parent = entry
            paths[code] = (paths[parent] if parent else "") + f"{code}/"
            levels.setdefault(paths[code].count("/"), []).append(entry)
        for depth in sorted(levels):
            rows = [
                Unit(
                    code=code,
                    name=name,
                    kind=kind,
                    parent_id=ids[parent] if parent else None,
                    path=paths[code],
                )
                for code, name, kind, parent in levels[depth]
            ]
            ctx.bulk_create(Unit, rows)
            codes = [row.code for row in rows]
            ids.update(Unit.objects.filter(code__in=codes).values_list("code", "id"))
        return {"units": len(plan)}


def _demo_password(ctx: demo.DemoContext) -> str:
    password = os.environ.get(DEMO_PASSWORD_VARIABLE, "").strip()
    if password:
        ctx.note(f"Demo users sign in with the password in {DEMO_PASSWORD_VARIABLE}.")
        return password
    password = secrets.token_urlsafe(12)
    ctx.note(
        f"Demo users sign in with the password: {password}\n"
        f"  (shown once; set {DEMO_PASSWORD_VARIABLE} to choose it)"
    )
    return password


@demo.register
class UserGenerator(demo.DemoGenerator):
    """A few users in every unit, covering every role."""

    name = "users"
    label = "Users"
    order = 20
    dependencies = ("units",)
    options = (
        demo.DemoOption(
            "users-per-unit",
            default=4,
            help="Demo users in each unit (at least 2: an officer and a supervisor per office).",
        ),
    )

    def is_empty(self) -> bool:
        # The `admin` account of `opencen ensure-admin` is not demo data.
        return not User.objects.exclude(username="admin").exists()

    def check(self, ctx: demo.DemoContext) -> None:
        if ctx.options["users_per_unit"] < 2:
            raise demo.DemoDataError(
                "--users-per-unit must be at least 2 (every office needs an officer and a "
                "supervisor)."
            )

    def plan(self, ctx: demo.DemoContext, units: list[tuple[int, str, str]]) -> list[dict]:
        """One dict per user: username, names, unit id, role. ``units``: (id, code, kind)."""
        rng = ctx.rng
        per_unit = ctx.options["users_per_unit"]
        slugs = {code: unit_slug(code) for _, code, _ in units}
        if len(set(slugs.values())) != len(slugs):  # units not made by the demo: use codes
            slugs = {code: code.lower() for code in slugs}
        taken: set[str] = set()
        users: list[dict] = []

        def add(unit_id: int, code: str, role: Role) -> None:
            stem = ROLE_USERNAMES[role]
            number = 1
            username = f"{stem}.{slugs[code]}"
            while username in taken:
                number += 1
                username = f"{stem}{number}.{slugs[code]}"
            taken.add(username)
            given_names, family_names = rng.choice(NAMES)
            users.append(
                {
                    "username": username,
                    "first_name": rng.choice(given_names),
                    "last_name": rng.choice(family_names),
                    "unit_id": unit_id,
                    "role": role,
                }
            )

        for unit_id, code, kind in units:
            cycle = ROLE_CYCLES.get(kind, ROLE_CYCLES[UnitKind.OFFICE])
            for index in range(per_unit):
                add(unit_id, code, cycle[index % len(cycle)])
        # Units made by hand may lack a kind that brings a role: the top unit gets it.
        missing = [role for role in Role if role not in {user["role"] for user in users}]
        if units:
            for role in missing:
                add(units[0][0], units[0][1], role)
        return users

    def generate(self, ctx: demo.DemoContext) -> dict[str, int]:
        # Sorted in Python: database collations order "/" and "-" differently.
        units = sorted(
            Unit.objects.values_list("id", "code", "kind", "path"), key=lambda unit: unit[3]
        )
        units = [(unit_id, code, kind) for unit_id, code, kind, _ in units]
        if not units:
            raise demo.DemoDataError("There are no units to put demo users in.")
        plan = self.plan(ctx, units)
        ctx.set_total(2 * len(plan))
        password_hash = make_password(_demo_password(ctx))  # once: Argon2 is slow on purpose
        rows = (
            User(
                username=user["username"],
                first_name=user["first_name"],
                last_name=user["last_name"],
                email=f"{user['username']}@{DEMO_EMAIL_DOMAIN}",
                unit_id=user["unit_id"],
                password=password_hash,
                is_staff=user["role"] == Role.ADMINISTRATOR,
                is_superuser=user["role"] == Role.ADMINISTRATOR,
            )
            for user in plan
        )
        created = ctx.bulk_create(User, rows, keep=True)
        user_ids = {row.username: row.pk for row in created}
        if None in user_ids.values():  # a backend that does not return keys from bulk inserts
            user_ids = dict(User.objects.exclude(username="admin").values_list("username", "id"))
        assignments = (
            RoleAssignment(user_id=user_ids[user["username"]], role=user["role"]) for user in plan
        )
        roles = ctx.bulk_create(RoleAssignment, assignments)
        # An `admin` made before the units existed belongs nowhere: put it at headquarters.
        User.objects.filter(username="admin", unit__isnull=True).update(unit_id=units[0][0])
        return {"users": len(plan), "role assignments": roles}
