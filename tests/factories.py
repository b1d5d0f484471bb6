"""Factories for tests: units, users with roles."""

from __future__ import annotations

import factory

from opencen.accounts.choices import UnitKind
from opencen.accounts.models import Unit, User
from opencen.accounts.services import unit_save, user_set_roles

TEST_PASSWORD = "correct horse battery staple"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = UnitKind.OFFICE
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return unit_save(unit=model_class(*args, **kwargs))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if create and extracted:
            user_set_roles(user=self, roles=set(extracted))
