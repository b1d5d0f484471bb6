"""Seizure forms: the quick statistical form, the full form with its row sets, and helpers.

Forms only turn what the officer typed into a :class:`SeizureInput` (code-list entries looked
up) and put the service's errors back on the right field; every rule lives in the services.
Code lists are read once per request through :class:`CodeLists`, whatever the number of rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from opencen.core.forms import BootstrapFormMixin
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode, InformationAccuracy, SourceReliability
from opencen.reference.selectors import code_list_version
from opencen.seizures.choices import CitesAppendix, Direction, RouteRole
from opencen.seizures.services import (
    ConcealmentInput,
    ConveyanceInput,
    GoodsInput,
    RouteLegInput,
    SeizureInput,
)

EMPTY = [("", "—")]
#: How many place suggestions one search returns.
PLACE_SUGGESTIONS = 20


class CodeLists:
    """The active entries of each code list a form needs, each list read once (lazily)."""

    @staticmethod
    def _load(model, queryset=None) -> dict[str, ref.CodeListEntry]:
        queryset = queryset if queryset is not None else model.objects.all()
        return {entry.code: entry for entry in queryset.filter(active=True)}

    @cached_property
    def sections(self):
        return self._load(ref.CommoditySection)

    @cached_property
    def commodity_types(self):
        return self._load(
            ref.CommodityType,
            ref.CommodityType.objects.select_related("section").prefetch_related("allowed_units"),
        )

    @cached_property
    def units(self):
        return self._load(ref.MeasurementUnit)

    @cached_property
    def currencies(self):
        return self._load(ref.Currency)

    @cached_property
    def countries(self):
        return self._load(ref.Country)

    @cached_property
    def detection_methods(self):
        return self._load(ref.DetectionMethod)

    @cached_property
    def concealment_methods(self):
        return self._load(ref.ConcealmentMethod)

    @cached_property
    def conveyance_types(self):
        return self._load(ref.ConveyanceType)

    @cached_property
    def offence_types(self):
        return self._load(ref.OffenceType)

    # --- choices ---

    @staticmethod
    def sorted_choices(entries: Mapping, *, with_code: bool = False) -> list[tuple[str, str]]:
        items = [
            (code, f"{entry.localized_label} ({code})" if with_code else entry.localized_label)
            for code, entry in entries.items()
        ]
        if with_code:  # long lists (countries) read alphabetically in the user's language
            return sorted(items, key=lambda item: item[1].casefold())
        return items  # code lists come in their own sort order

    def commodity_choices(self) -> list:
        """Commodities grouped by section (optgroups), in the lists' sort order."""
        groups: dict[str, list] = {code: [] for code in self.sections}
        for code, entry in self.commodity_types.items():
            groups.setdefault(entry.section_id, []).append((code, entry.localized_label))
        return [
            (self.sections[code].localized_label if code in self.sections else code, items)
            for code, items in groups.items()
            if items
        ]

    def allowed_unit_codes(self, commodity_code: str) -> list[str]:
        """Units the commodity may be counted in ([] when the commodity allows any unit)."""
        commodity = self.commodity_types.get(commodity_code)
        if commodity is None:
            return []
        return [unit.code for unit in commodity.allowed_units.all()]

    def unit_choices(self, commodity_code: str = "") -> list[tuple[str, str]]:
        allowed = set(self.allowed_unit_codes(commodity_code))
        return [
            (code, entry.localized_label)
            for code, entry in self.units.items()
            if not allowed or code in allowed
        ]

    def label(self, attribute: str, code) -> str:
        """A readable label for a code of one list (the code itself when unknown)."""
        if code in (None, ""):
            return ""
        entry = getattr(self, attribute).get(code)
        return entry.localized_label if entry else str(code)


#: The list filters' code-list choices, by (code-list version, language); see filter_choices.
_FILTER_CHOICES: dict[tuple[str, str], dict[str, tuple]] = {}


def filter_choices() -> dict[str, tuple]:
    """The choices of the list page's code-list filters in the active language (labels only,
    active entries; countries with their code, commodities grouped by section).

    The list page is the most visited page and the lists change only when an administrator
    edits one or a reference load runs: the choices are kept per process and language, and
    one read of the code lists' version token per call tells when to read them again (in
    every worker process, whichever process made the change)."""
    version = code_list_version()
    key = (version or "", translation.get_language() or "")
    if version is not None and key in _FILTER_CHOICES:
        return _FILTER_CHOICES[key]
    code_lists = CodeLists()
    # The filter shows labels only: read the commodities without their allowed units.
    code_lists.commodity_types = code_lists._load(
        ref.CommodityType, ref.CommodityType.objects.select_related("section")
    )
    choices = {
        "commodity_section": tuple(code_lists.sorted_choices(code_lists.sections)),
        "commodity_type": tuple(
            (group, tuple(items)) for group, items in code_lists.commodity_choices()
        ),
        "country": tuple(code_lists.sorted_choices(code_lists.countries, with_code=True)),
        "conveyance_type": tuple(code_lists.sorted_choices(code_lists.conveyance_types)),
        "concealment_method": tuple(code_lists.sorted_choices(code_lists.concealment_methods)),
        "detection_method": tuple(code_lists.sorted_choices(code_lists.detection_methods)),
    }
    if version is not None:
        stale = [other for other in _FILTER_CHOICES if other[0] != key[0]]
        for other in stale:
            _FILTER_CHOICES.pop(other, None)
        _FILTER_CHOICES[key] = choices
    return choices


def place_lookup(code: str) -> ref.Place | None:
    """The place an officer typed: its code, IATA code or UN/LOCODE (any case)."""
    code = (code or "").strip().split(" ")[0].upper()
    if not code:
        return None
    place = ref.Place.objects.select_related("country").filter(code=code).first()
    if place is None:
        place = (
            ref.Place.objects.select_related("country")
            .filter(Q(iata=code) | Q(locode=code) | Q(icao=code), active=True)
            .order_by("kind", "code")
            .first()
        )
    return place


def place_search(text: str, *, limit: int = PLACE_SUGGESTIONS) -> list[ref.Place]:
    """Places whose code starts with, or whose name or city contains, ``text``."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    upper = text.upper()
    exact = Q(code=upper) | Q(iata=upper) | Q(locode=upper)
    queryset = ref.Place.objects.filter(active=True).select_related("country")
    found = list(queryset.filter(exact)[:limit])
    if len(found) < limit:
        seen = [place.code for place in found]
        found += list(
            queryset.filter(
                Q(code__startswith=upper) | Q(label__icontains=text) | Q(city__icontains=text)
            )
            .exclude(code__in=seen)
            .order_by("label")[: limit - len(found)]
        )
    return found


def place_display(place: ref.Place | None) -> str:
    if place is None:
        return ""
    return f"{place.localized_label} · {place.country_id} · {place.get_kind_display()}"


class PlaceField(forms.CharField):
    """A place typed as its code (suggested by an htmx search filling a datalist)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "list": "place-options",
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "place-input",
                "placeholder": _("Code or name"),
                # Suggestions: a search fills the page's one datalist as the user types.
                "hx-get": reverse_lazy("seizures:place-options"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#place-options",
                "hx-sync": "this:replace",
            }
        )

    def prepare_value(self, value):
        if isinstance(value, ref.Place):
            return value.code
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        place = place_lookup(value)
        if place is None:
            raise ValidationError(
                _("No place has the code %(code)s. Type a few letters of its name and choose it.")
                % {"code": value.upper()}
            )
        return place


class CodeChoiceField(forms.ChoiceField):
    """A select over one code list; cleans to the entry object."""

    def __init__(self, *, entries: Mapping | None = None, **kwargs):
        self.entries = entries or {}
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.entries.get(value) if value else None

    def valid_value(self, value):
        return value in self.entries


class CodeMultipleChoiceField(forms.MultipleChoiceField):
    def __init__(self, *, entries: Mapping | None = None, **kwargs):
        self.entries = entries or {}
        super().__init__(**kwargs)

    def clean(self, value):
        return [self.entries[code] for code in super().clean(value)]

    def valid_value(self, value):
        return value in self.entries


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _decimal(**kwargs):
    return forms.DecimalField(
        max_digits=16,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **kwargs,
    )


def now_minute() -> datetime.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class SeizureFormBase(BootstrapFormMixin, forms.Form):
    """Fields shared by the quick and the full form; selects come from :class:`CodeLists`."""

    def __init__(self, *args, code_lists: CodeLists, **kwargs):
        self.code_lists = code_lists
        super().__init__(*args, **kwargs)

    def set_code_choices(self, name: str, entries: Mapping, choices: Iterable, *, blank=True):
        field = self.fields[name]
        field.entries = entries
        field.choices = (EMPTY if blank else []) + list(choices)

    def bound_code(self, name: str) -> str:
        """The code currently chosen in a select (typed data first, then initial)."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "") or ""
        value = self.initial.get(name, "")
        return getattr(value, "code", value) or ""

    def wire_units(self, commodity: str = "commodity_type", unit: str = "unit") -> None:
        """Changing the commodity reloads the unit select with the units it allows."""
        commodity_id, unit_id = self[commodity].auto_id, self[unit].auto_id
        self.fields[commodity].widget.attrs.update(
            {
                "hx-get": reverse_lazy("seizures:unit-options"),
                "hx-trigger": "change",
                "hx-target": f"#{unit_id}",
                "hx-include": f"#{commodity_id}, #{unit_id}",
            }
        )

    def place_hint(self, name: str = "place") -> str:
        """The name of the place in the field, shown under it (looked up once)."""
        cache = self.__dict__.setdefault("_place_hints", {})
        if name not in cache:
            value = self[name].value()
            code = value.code if isinstance(value, ref.Place) else (value or "")
            cache[name] = place_display(place_lookup(code)) if code else ""
        return cache[name]


# --- quick statistical form ---------------------------------------------------------------


class QuickSeizureForm(SeizureFormBase):
    """One screen for busy posts: what analysis needs, nothing more."""

    occurred_at = forms.DateTimeField(label=_("Date and time"), widget=_datetime_widget())
    place = PlaceField(label=_("Place"))
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect
    )
    commodity_type = CodeChoiceField(label=_("Commodity"))
    quantity = _decimal(label=_("Quantity"))
    unit = CodeChoiceField(label=_("Unit"))
    detection_method = CodeChoiceField(label=_("Detection method"), required=False)
    concealment_method = CodeChoiceField(label=_("Concealment method"), required=False)
    conveyance_type = CodeChoiceField(label=_("Conveyance"), required=False)
    departure_country = CodeChoiceField(label=_("Departure country"))
    destination_country = CodeChoiceField(label=_("Destination country"))

    #: service error paths -> field of this form
    ERROR_FIELDS = {
        "occurred_at": "occurred_at",
        "place": "place",
        "latitude": "place",
        "longitude": "place",
        "goods.0.quantity": "quantity",
        "goods.0.unit": "unit",
        "goods.0.commodity_type": "commodity_type",
        "concealments.0.method": "concealment_method",
        "conveyances.0.type": "conveyance_type",
        "route.0.country": "departure_country",
        "route.1.country": "destination_country",
        "goods": "commodity_type",
        "route": "destination_country",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = self.code_lists
        self.set_code_choices("commodity_type", lists.commodity_types, lists.commodity_choices())
        commodity = self.bound_code("commodity_type")
        self.set_code_choices("unit", lists.units, lists.unit_choices(commodity))
        self.wire_units()
        self.set_code_choices(
            "detection_method",
            lists.detection_methods,
            lists.sorted_choices(lists.detection_methods),
        )
        self.set_code_choices(
            "concealment_method",
            lists.concealment_methods,
            lists.sorted_choices(lists.concealment_methods),
        )
        self.set_code_choices(
            "conveyance_type", lists.conveyance_types, lists.sorted_choices(lists.conveyance_types)
        )
        countries = lists.sorted_choices(lists.countries, with_code=True)
        self.set_code_choices("departure_country", lists.countries, countries)
        self.set_code_choices("destination_country", lists.countries, countries)

    def to_input(self) -> SeizureInput:
        data = self.cleaned_data
        commodity = data["commodity_type"]
        concealment = data.get("concealment_method")
        conveyance = data.get("conveyance_type")
        detection = data.get("detection_method")
        return SeizureInput(
            occurred_at=data["occurred_at"],
            direction=data["direction"],
            place=data["place"],
            detection_methods=[detection] if detection else [],
            goods=[
                GoodsInput(commodity_type=commodity, quantity=data["quantity"], unit=data["unit"])
            ],
            concealments=[ConcealmentInput(method=concealment)] if concealment else [],
            conveyances=[ConveyanceInput(type=conveyance)] if conveyance else [],
            route=[
                RouteLegInput(role=RouteRole.DEPARTURE, country=data["departure_country"]),
                RouteLegInput(role=RouteRole.DESTINATION, country=data["destination_country"]),
            ],
        )

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for path, messages in error.message_dict.items():
            self.add_error(self.ERROR_FIELDS.get(path), messages)


# --- full form ----------------------------------------------------------------------------


class SeizureMainForm(SeizureFormBase):
    """The general part of the full form (sections are row sets, below)."""

    occurred_at = forms.DateTimeField(label=_("Date and time"), widget=_datetime_widget())
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect
    )
    place = PlaceField(label=_("Place"), required=False)
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        help_text=_("Only when there is no place in the list (at sea, on a track)."),
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, widget=forms.NumberInput(attrs={"step": "any"})
    )
    offence_types = CodeMultipleChoiceField(
        label=_("Offence types"), required=False, widget=forms.CheckboxSelectMultiple
    )
    detection_methods = CodeMultipleChoiceField(
        label=_("Detection methods"), required=False, widget=forms.CheckboxSelectMultiple
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, how it was found, what was said. Facts, not opinions."),
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=HandlingCode.choices, initial=HandlingCode.H0
    )
    source_reliability = forms.ChoiceField(
        label=_("Source reliability"), choices=SourceReliability.choices, initial="A"
    )
    information_accuracy = forms.ChoiceField(
        label=_("Information accuracy"), choices=InformationAccuracy.choices, initial="1"
    )
    share_regional = forms.BooleanField(label=_("May go to regional partners"), required=False)
    share_cen = forms.BooleanField(label=_("May go to CEN (non-nominal)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = self.code_lists
        self.fields["offence_types"].entries = lists.offence_types
        self.fields["offence_types"].choices = lists.sorted_choices(lists.offence_types)
        self.fields["detection_methods"].entries = lists.detection_methods
        self.fields["detection_methods"].choices = lists.sorted_choices(lists.detection_methods)

    @staticmethod
    def initial_for(seizure) -> dict:
        return {
            "occurred_at": timezone.localtime(seizure.occurred_at),
            "direction": seizure.direction,
            "place": seizure.place,
            "latitude": seizure.latitude,
            "longitude": seizure.longitude,
            "offence_types": [entry.code for entry in seizure.offence_types.all()],
            "detection_methods": [entry.code for entry in seizure.detection_methods.all()],
            "narrative": seizure.narrative,
            "handling_code": seizure.handling_code,
            "source_reliability": seizure.source_reliability,
            "information_accuracy": seizure.information_accuracy,
            "share_regional": seizure.share_regional,
            "share_cen": seizure.share_cen,
            "version": seizure.version,
        }


class RowForm(SeizureFormBase):
    """One row of a section. A row left entirely empty is ignored."""

    #: fields a row with any data must have
    required_when_used: tuple[str, ...] = ()
    #: fields that do not count as "data" (pre-filled defaults)
    defaults: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        for name in self.required_when_used:
            self.fields[name].required_when_used = True

    def is_used(self) -> bool:
        if not self.is_bound:
            return True
        for name in self.fields:
            if name in self.defaults:
                continue
            value = self.data.get(self.add_prefix(name), "")
            if isinstance(value, str) and value.strip():
                return True
        return False

    def clean(self):
        cleaned = super().clean()
        if not self.is_used():  # an empty row is dropped, not checked
            return cleaned
        for name in self.required_when_used:
            if name not in self.errors and cleaned.get(name) in (None, ""):
                self.add_error(name, _("Fill this in, or remove the row."))
        return cleaned


class GoodsRowForm(RowForm):
    kind = "goods"
    required_when_used = ("commodity_type", "quantity", "unit")

    commodity_type = CodeChoiceField(label=_("Commodity"))
    quantity = _decimal(label=_("Quantity"))
    unit = CodeChoiceField(label=_("Unit"))
    description = forms.CharField(label=_("Description"), max_length=500)
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": _("e.g. 2939")}),
    )
    brand = forms.CharField(label=_("Brand"), max_length=200)
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        max_digits=16,
        decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    estimated_value = forms.DecimalField(
        label=_("Estimated value"),
        max_digits=18,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    currency = CodeChoiceField(label=_("Currency"))
    cites_species = forms.CharField(label=_("CITES species"), max_length=200)
    cites_appendix = forms.ChoiceField(
        label=_("CITES appendix"), choices=EMPTY + CitesAppendix.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = self.code_lists
        self.set_code_choices("commodity_type", lists.commodity_types, lists.commodity_choices())
        commodity = self.bound_code("commodity_type")
        self.set_code_choices("unit", lists.units, lists.unit_choices(commodity))
        self.wire_units()
        self.set_code_choices(
            "currency", lists.currencies, [(code, code) for code in lists.currencies]
        )

    def clean_hs_code(self):
        code = re.sub(r"\D", "", self.cleaned_data.get("hs_code") or "")
        if not code:
            return None
        found = ref.HSCode.objects.filter(code=code).first()
        if found is None:
            raise ValidationError(_("%(code)s is not an HS code in the list.") % {"code": code})
        return found

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "commodity_type": item.commodity_type_id,
            "quantity": item.quantity.normalize() if item.quantity is not None else None,
            "unit": item.unit_id,
            "description": item.description,
            "hs_code": item.hs_code_id or "",
            "brand": item.brand,
            "weight_kg": item.weight_kg,
            "estimated_value": item.estimated_value,
            "currency": item.currency_id or "",
            "cites_species": item.cites_species,
            "cites_appendix": item.cites_appendix,
        }

    def to_input(self) -> GoodsInput:
        data = self.cleaned_data
        return GoodsInput(
            commodity_type=data["commodity_type"],
            quantity=data["quantity"],
            unit=data["unit"],
            hs_code=data.get("hs_code"),
            description=data.get("description") or "",
            brand=data.get("brand") or "",
            cites_species=data.get("cites_species") or "",
            cites_appendix=data.get("cites_appendix") or "",
            weight_kg=data.get("weight_kg"),
            estimated_value=data.get("estimated_value"),
            currency=data.get("currency"),
        )


class ConcealmentRowForm(RowForm):
    kind = "concealments"
    required_when_used = ("method",)

    method = CodeChoiceField(label=_("Concealment method"))
    description = forms.CharField(
        label=_("Description"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. behind the container's front wall")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = self.code_lists
        self.set_code_choices(
            "method", lists.concealment_methods, lists.sorted_choices(lists.concealment_methods)
        )

    @staticmethod
    def initial_for(item) -> dict:
        return {"method": item.method_id, "description": item.description}

    def to_input(self) -> ConcealmentInput:
        return ConcealmentInput(
            method=self.cleaned_data["method"],
            description=self.cleaned_data.get("description") or "",
        )


#: Which identifier fields suit which conveyance type (the page hides the others until used).
CONVEYANCE_FIELDS = {
    "flight_number": ("air_passenger", "air_cargo"),
    "airline": ("air_passenger", "air_cargo"),
    "air_waybill": ("air_cargo", "express_courier"),
    "vessel_name": ("sea_container", "sea_vessel"),
    "imo_number": ("sea_container", "sea_vessel"),
    "container_number": ("sea_container", "rail", "road_vehicle"),
    "bill_of_lading": ("sea_container", "sea_vessel"),
    "vehicle_plate": ("road_vehicle",),
    "vehicle_country": ("road_vehicle",),
    "tracking_number": ("postal", "express_courier"),
}


class ConveyanceRowForm(RowForm):
    kind = "conveyances"
    required_when_used = ("type",)

    type = CodeChoiceField(label=_("Conveyance type"))
    flight_number = forms.CharField(
        label=_("Flight number"),
        max_length=8,
        widget=forms.TextInput(attrs={"placeholder": "KL0592"}),
    )
    airline = forms.CharField(label=_("Airline"), max_length=100)
    air_waybill = forms.CharField(
        label=_("Air waybill"),
        max_length=14,
        widget=forms.TextInput(attrs={"placeholder": "074-12345675"}),
    )
    vessel_name = forms.CharField(label=_("Vessel name"), max_length=100)
    imo_number = forms.CharField(
        label=_("IMO number"),
        max_length=11,
        widget=forms.TextInput(attrs={"placeholder": "9074729"}),
    )
    container_number = forms.CharField(
        label=_("Container number"),
        max_length=13,
        widget=forms.TextInput(attrs={"placeholder": "CSQU3054383"}),
    )
    bill_of_lading = forms.CharField(label=_("Bill of lading"), max_length=40)
    vehicle_plate = forms.CharField(label=_("Vehicle plate"), max_length=20)
    vehicle_country = CodeChoiceField(label=_("Vehicle country"))
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = self.code_lists
        self.set_code_choices(
            "type", lists.conveyance_types, lists.sorted_choices(lists.conveyance_types)
        )
        self.set_code_choices(
            "vehicle_country",
            lists.countries,
            lists.sorted_choices(lists.countries, with_code=True),
        )
        for name, types in CONVEYANCE_FIELDS.items():
            self.fields[name].widget.attrs["data-conveyance-types"] = " ".join(types)

    @staticmethod
    def initial_for(item) -> dict:
        initial = {
            name: getattr(item, name) for name in CONVEYANCE_FIELDS if name != "vehicle_country"
        }
        initial.update({"type": item.type_id, "vehicle_country": item.vehicle_country_id or ""})
        return initial

    def to_input(self) -> ConveyanceInput:
        data = self.cleaned_data
        values = {name: data.get(name) or "" for name in CONVEYANCE_FIELDS}
        values["vehicle_country"] = data.get("vehicle_country")
        return ConveyanceInput(type=data["type"], **values)


class RouteLegRowForm(RowForm):
    kind = "route"
    required_when_used = ("role", "country")
    defaults = ("role",)

    role = forms.ChoiceField(label=_("Role"), choices=EMPTY + RouteRole.choices)
    country = CodeChoiceField(label=_("Country"))
    place = PlaceField(label=_("Place"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = self.code_lists
        self.set_code_choices(
            "country", lists.countries, lists.sorted_choices(lists.countries, with_code=True)
        )

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "role": item.role,
            "country": item.country_id,
            "place": item.place_id or "",
            "date": item.date,
        }

    def to_input(self) -> RouteLegInput:
        data = self.cleaned_data
        return RouteLegInput(
            role=data["role"],
            country=data["country"],
            place=data.get("place"),
            date=data.get("date"),
        )


ROW_FORMS: dict[str, type[RowForm]] = {
    form.kind: form
    for form in (GoodsRowForm, ConcealmentRowForm, ConveyanceRowForm, RouteLegRowForm)
}


class RowSet:
    """The rows of one section, by the indices the page sent (rows are added and removed in
    place, so indices may have gaps); the order on the page is the order saved."""

    def __init__(
        self, kind: str, *, code_lists: CodeLists, data=None, initial: list[dict] | None = None
    ):
        self.kind = kind
        self.form_class = ROW_FORMS[kind]
        self.code_lists = code_lists
        if data is not None:
            pattern = re.compile(rf"^{re.escape(kind)}-(\d+)-")
            indices = sorted({int(m.group(1)) for key in data for m in [pattern.match(key)] if m})
            self.forms = [self._form(index, data=data) for index in indices]
        else:
            self.forms = [self._form(index, initial=row) for index, row in enumerate(initial or [])]

    def _form(self, index: int, **kwargs) -> RowForm:
        return self.form_class(prefix=f"{self.kind}-{index}", code_lists=self.code_lists, **kwargs)

    @property
    def next_index(self) -> int:
        indices = [int(form.prefix.rsplit("-", 1)[1]) for form in self.forms]
        return max(indices, default=-1) + 1

    def used_forms(self) -> list[RowForm]:
        return [form for form in self.forms if form.is_used()]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.used_forms()])

    def to_inputs(self) -> list:
        return [form.to_input() for form in self.used_forms()]

    def add_error(self, position: int, field: str | None, messages) -> bool:
        """Put a service error for the ``position``-th saved row on its field."""
        used = self.used_forms()
        if position >= len(used):
            return False
        form = used[position]
        form.add_error(field if field in form.fields else None, messages)
        return True

    def has_errors(self) -> bool:
        return any(form.errors for form in self.forms)


SECTIONS = ("goods", "concealments", "conveyances", "route")


class FullSeizureForm:
    """The general form and its four row sets, validated and mapped back together."""

    def __init__(self, *, code_lists: CodeLists, data=None, seizure=None):
        self.code_lists = code_lists
        if seizure is not None:
            initial = SeizureMainForm.initial_for(seizure)
            rows = {
                "goods": [GoodsRowForm.initial_for(item) for item in seizure.goods.all()],
                "concealments": [
                    ConcealmentRowForm.initial_for(c) for c in seizure.concealments.all()
                ],
                "conveyances": [
                    ConveyanceRowForm.initial_for(c) for c in seizure.conveyances.all()
                ],
                "route": [RouteLegRowForm.initial_for(leg) for leg in seizure.route.all()],
            }
        else:
            initial = {"occurred_at": now_minute(), "direction": Direction.IMPORT}
            rows = {
                "goods": [{}],
                "concealments": [{}],
                "conveyances": [{}],
                "route": [{"role": RouteRole.DEPARTURE}, {"role": RouteRole.DESTINATION}],
            }
        self.main = SeizureMainForm(data, initial=initial, code_lists=code_lists)
        self.rowsets = {
            kind: RowSet(kind, code_lists=code_lists, data=data, initial=rows[kind])
            for kind in SECTIONS
        }
        self.section_errors: dict[str, list[str]] = {}

    def is_valid(self) -> bool:
        results = [self.main.is_valid()] + [rowset.is_valid() for rowset in self.rowsets.values()]
        return all(results)

    def to_input(self) -> SeizureInput:
        data = self.main.cleaned_data
        return SeizureInput(
            occurred_at=data["occurred_at"],
            direction=data["direction"],
            place=data.get("place"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            narrative=data.get("narrative") or "",
            handling_code=data["handling_code"],
            source_reliability=data["source_reliability"],
            information_accuracy=data["information_accuracy"],
            share_regional=bool(data.get("share_regional")),
            share_cen=bool(data.get("share_cen")),
            offence_types=data.get("offence_types") or [],
            detection_methods=data.get("detection_methods") or [],
            goods=self.rowsets["goods"].to_inputs(),
            concealments=self.rowsets["concealments"].to_inputs(),
            conveyances=self.rowsets["conveyances"].to_inputs(),
            route=self.rowsets["route"].to_inputs(),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Service paths (``goods.0.unit``) go onto the right row's field."""
        if not hasattr(error, "error_dict"):
            self.main.add_error(None, error.messages)
            return
        for path, messages in error.message_dict.items():
            parts = path.split(".")
            if parts[0] in self.rowsets:
                rowset = self.rowsets[parts[0]]
                if (
                    len(parts) == 3
                    and parts[1].isdigit()
                    and rowset.add_error(int(parts[1]), parts[2], messages)
                ):
                    continue
                self.section_errors.setdefault(parts[0], []).extend(messages)
            elif parts[0] in self.main.fields:
                self.main.add_error(parts[0], messages)
            else:
                self.main.add_error(None, messages)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.main.errors
            or self.section_errors
            or any(rowset.has_errors() for rowset in self.rowsets.values())
        )


# --- workflow ----------------------------------------------------------------------------


class TransitionCommentForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def input_snapshot(data: SeizureInput) -> dict:
    """What the user typed, shaped like ``services.seizure_snapshot`` (for the conflict panel)."""

    def code(entry):
        return getattr(entry, "code", None)

    def text(value):
        return None if value is None else str(value)

    return {
        "occurred_at": data.occurred_at.isoformat() if data.occurred_at else None,
        "place": code(data.place),
        "latitude": data.latitude,
        "longitude": data.longitude,
        "direction": data.direction,
        "narrative": data.narrative,
        "handling_code": data.handling_code,
        "source_reliability": data.source_reliability,
        "information_accuracy": data.information_accuracy,
        "share_regional": data.share_regional,
        "share_cen": data.share_cen,
        "offence_types": sorted(code(o) for o in data.offence_types),
        "detection_methods": sorted(code(d) for d in data.detection_methods),
        "goods": [
            {
                "commodity_section": g.commodity_type.section_id,
                "commodity_type": code(g.commodity_type),
                "hs_code": code(g.hs_code),
                "description": g.description,
                "brand": g.brand,
                "cites_species": g.cites_species,
                "cites_appendix": g.cites_appendix,
                "quantity": text(g.quantity),
                "unit": code(g.unit),
                "weight_kg": text(g.weight_kg),
                "estimated_value": text(g.estimated_value),
                "currency": code(g.currency),
            }
            for g in data.goods
        ],
        "concealments": [
            {"method": code(c.method), "description": c.description} for c in data.concealments
        ],
        "conveyances": [
            {
                **{
                    name: getattr(c, name)
                    for name in CONVEYANCE_FIELDS
                    if name != "vehicle_country"
                },
                "type": code(c.type),
                "vehicle_country": code(c.vehicle_country),
            }
            for c in data.conveyances
        ],
        "route": [
            {
                "role": leg.role,
                "country": code(leg.country),
                "place": code(leg.place),
                "date": leg.date.isoformat() if leg.date else None,
            }
            for leg in data.route
        ],
    }


# --- readable values (history and conflicts) ----------------------------------------------

FIELD_LABELS = {
    "occurred_at": _("Date and time"),
    "place": _("Place"),
    "latitude": _("Latitude"),
    "longitude": _("Longitude"),
    "direction": _("Direction"),
    "narrative": _("Narrative"),
    "handling_code": _("Handling code"),
    "source_reliability": _("Source reliability"),
    "information_accuracy": _("Information accuracy"),
    "share_regional": _("May go to regional partners"),
    "share_cen": _("May go to CEN (non-nominal)"),
    "status": _("Status"),
    "offence_types": _("Offence types"),
    "detection_methods": _("Detection methods"),
    "goods": _("Goods"),
    "concealments": _("Concealments"),
    "conveyances": _("Conveyances"),
    "route": _("Route"),
}


def _number(value) -> str:
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except (ArithmeticError, ValueError):
        return str(value)


def describe_value(field: str, value, code_lists: CodeLists) -> list[str]:
    """A stored value as readable lines (one per row for sections)."""
    from opencen.seizures.choices import SeizureStatus

    if value in (None, "", []):
        return []
    if field == "occurred_at":
        try:
            moment = timezone.localtime(datetime.datetime.fromisoformat(value))
            return [moment.strftime("%Y-%m-%d %H:%M")]
        except (TypeError, ValueError):
            return [str(value)]
    if isinstance(value, bool):
        return [str(_("Yes") if value else _("No"))]
    simple_choices = {
        "direction": Direction,
        "handling_code": HandlingCode,
        "source_reliability": SourceReliability,
        "information_accuracy": InformationAccuracy,
        "status": SeizureStatus,
    }
    if field in simple_choices:
        choices = dict(simple_choices[field].choices)
        return [str(choices.get(value, value))]
    if field == "offence_types":
        return [", ".join(code_lists.label("offence_types", code) for code in value)]
    if field == "detection_methods":
        return [", ".join(code_lists.label("detection_methods", code) for code in value)]
    if field == "goods":
        lines = []
        for g in value:
            line = f"{code_lists.label('commodity_types', g.get('commodity_type'))} "
            line += f"{_number(g.get('quantity'))} {g.get('unit') or ''}".rstrip()
            extras = [g.get("description"), g.get("brand")]
            if g.get("hs_code"):
                extras.append(f"HS {g['hs_code']}")
            if g.get("weight_kg"):
                extras.append(f"{_number(g['weight_kg'])} kg")
            if g.get("estimated_value"):
                extras.append(f"{_number(g['estimated_value'])} {g.get('currency') or ''}".strip())
            if g.get("cites_species"):
                extras.append(f"CITES {g['cites_species']} {g.get('cites_appendix') or ''}".strip())
            extras = [extra for extra in extras if extra]
            lines.append(line + (f" — {', '.join(extras)}" if extras else ""))
        return lines
    if field == "concealments":
        return [
            code_lists.label("concealment_methods", c.get("method"))
            + (f" — {c['description']}" if c.get("description") else "")
            for c in value
        ]
    if field == "conveyances":
        lines = []
        for c in value:
            ids = [
                f"{FIELD_NAMES_CONVEYANCE.get(name, name)} {c[name]}"
                for name in CONVEYANCE_FIELDS
                if c.get(name)
            ]
            label = code_lists.label("conveyance_types", c.get("type"))
            lines.append(label + (f" — {', '.join(ids)}" if ids else ""))
        return lines
    if field == "route":
        roles = dict(RouteRole.choices)
        return [
            f"{roles.get(leg.get('role'), leg.get('role'))}: {leg.get('country')}"
            + (f" {leg['place']}" if leg.get("place") else "")
            + (f" ({leg['date']})" if leg.get("date") else "")
            for leg in value
        ]
    return [str(value)]


FIELD_NAMES_CONVEYANCE = {
    "flight_number": _("flight"),
    "airline": _("airline"),
    "air_waybill": _("AWB"),
    "vessel_name": _("vessel"),
    "imo_number": _("IMO"),
    "container_number": _("container"),
    "bill_of_lading": _("B/L"),
    "vehicle_plate": _("plate"),
    "vehicle_country": _("plate country"),
    "tracking_number": _("tracking"),
}


def describe_changes(
    changes: dict, code_lists: CodeLists, *, mine: dict | None = None
) -> list[dict]:
    """Rows for a table of changes: field label, old lines, new lines (and the user's)."""
    rows = []
    for field in FIELD_LABELS:
        if field not in changes:
            continue
        old, new = changes[field]
        row = {
            "field": field,
            "label": FIELD_LABELS[field],
            "old": describe_value(field, old, code_lists),
            "new": describe_value(field, new, code_lists),
        }
        if mine is not None:
            row["mine"] = describe_value(field, mine.get(field), code_lists)
        rows.append(row)
    return rows
