"""Stable codes of the suspect database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    UNKNOWN = "unknown", _("Unknown")


class DataSubjectCategory(models.TextChoices):
    """Why the person is on file; decides the review date (data protection)."""

    SUSPECT = "suspect", _("Suspect")
    CONVICTED = "convicted", _("Convicted")
    WITNESS = "witness", _("Witness")
    VICTIM = "victim", _("Victim")
    CONTACT = "contact", _("Contact")
    OTHER = "other", _("Other")


class AliasType(models.TextChoices):
    ALIAS = "alias", _("Alias")
    MAIDEN = "maiden", _("Maiden name")
    NICKNAME = "nickname", _("Nickname")
    SPELLING = "spelling", _("Spelling variant")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    SEAMANS_BOOK = "seamans_book", _("Seaman's book")


class InvolvementRole(models.TextChoices):
    """A person's role in a seizure."""

    COURIER = "courier", _("Courier")
    DRIVER = "driver", _("Driver")
    PASSENGER = "passenger", _("Passenger")
    CREW = "crew", _("Crew member")
    OWNER = "owner", _("Owner")
    CONSIGNEE = "consignee", _("Consignee")
    CONSIGNOR = "consignor", _("Consignor")
    ORGANISER = "organiser", _("Organiser")
    FINANCIER = "financier", _("Financier")
    OTHER = "other", _("Other")


class PersonLinkType(models.TextChoices):
    FAMILY = "family", _("Family")
    ASSOCIATE = "associate", _("Associate")
    EMPLOYER = "employer", _("Employer")
    OTHER = "other", _("Other")
