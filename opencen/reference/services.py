"""Writes to the code lists: loading the reference data.

How a reload treats what administrators did (documented in ``opencen load-reference --help``):

- Entries are upserted by code and never deleted, since records may use them.
- The source owns the fields listed in its ``owned_fields`` (English label, ISO codes,
  coordinates...) and rewrites them on every reload.
- ``active`` belongs to administrators: a reload never reactivates an entry they deactivated.
  An entry that leaves its source is deactivated; if it comes back, it is reactivated, but only
  when the loader was the one that deactivated it.
- ``translations``: a reload adds the languages an entry lacks and never replaces a label an
  administrator (or an earlier load) already put there.
- Commodity types get their allowed units when they are created; after that, administrators
  maintain them.
- Entries an administrator added (empty ``loaded_from``: border posts, customs offices, seaports,
  national offence types...) are never touched, unless a source later ships the same code, which
  then takes it over.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from opencen.reference.loaders import SOURCES, ReferenceSource, SourceData
from opencen.reference.models import (
    CODE_LISTS,
    CodeListEntry,
    CodeListVersion,
    CommodityType,
    ReferenceLoad,
)

_UPDATE_BATCH = 500


@dataclass
class ReferenceLoadResult:
    """What one source did during a run."""

    source: str
    list_name: str
    loaded: bool  # False when the fingerprint matched and the source was skipped
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    reactivated: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def _up_to_date(*, source: ReferenceSource, model: type[CodeListEntry], fingerprint: str) -> bool:
    """True when the last load had this fingerprint and its entries are all still there."""
    last = ReferenceLoad.objects.filter(source=source.name).first()
    if last is None or last.fingerprint != fingerprint:
        return False
    owned = model.objects.filter(loaded_from=source.provider).count()
    return owned == last.count + len(last.withdrawn)


def _merge_translations(
    *, model: type[CodeListEntry], rows: list[dict], existing_codes: set[str]
) -> None:
    """Keep the labels existing entries already have; add only the missing languages."""
    if not any("translations" in row for row in rows):
        return
    current = dict(
        model.objects.filter(code__in=existing_codes & {row["code"] for row in rows}).values_list(
            "code", "translations"
        )
    )
    for row in rows:
        if row["code"] in current:
            row["translations"] = {**row.get("translations", {}), **(current[row["code"]] or {})}


def _apply_withdrawals(
    *,
    source: ReferenceSource,
    model: type[CodeListEntry],
    codes: set[str],
    load: ReferenceLoad,
    result: ReferenceLoadResult,
) -> None:
    """Deactivate entries that left the source; reactivate those of ours that came back."""
    withdrawn = set(load.withdrawn)
    back = sorted(withdrawn & codes)
    for start in range(0, len(back), _UPDATE_BATCH):
        result.reactivated += model.objects.filter(
            code__in=back[start : start + _UPDATE_BATCH]
        ).update(active=True)
    withdrawn -= set(back)
    owned_active = set(
        model.objects.filter(loaded_from=source.provider, active=True).values_list(
            "code", flat=True
        )
    )
    gone = sorted(owned_active - codes)
    for start in range(0, len(gone), _UPDATE_BATCH):
        result.deactivated += model.objects.filter(
            code__in=gone[start : start + _UPDATE_BATCH]
        ).update(active=False)
    load.withdrawn = sorted(withdrawn | set(gone))


def _set_allowed_units(*, data: SourceData, created: set[str]) -> None:
    """Give newly created commodity types their allowed units (administrators own them after)."""
    through = CommodityType.allowed_units.through
    links = [
        through(commoditytype_id=code, measurementunit_id=unit)
        for code in sorted(created)
        for unit in data.allowed_units.get(code, ())
    ]
    through.objects.bulk_create(links, ignore_conflicts=True)


def reference_source_load(*, source: ReferenceSource, force: bool = False) -> ReferenceLoadResult:
    """Load one source into its code list, unless its fingerprint shows nothing changed."""
    started = time.monotonic()
    model = CODE_LISTS[source.list_name]
    fingerprint = source.fingerprint()
    result = ReferenceLoadResult(source=source.name, list_name=source.list_name, loaded=False)
    if not force and _up_to_date(source=source, model=model, fingerprint=fingerprint):
        result.seconds = time.monotonic() - started
        return result

    data = source.read()
    result.loaded = True
    result.skipped = data.skipped
    codes = {row["code"] for row in data.rows}
    with transaction.atomic():
        existing_codes = set(model.objects.values_list("code", flat=True))
        _merge_translations(model=model, rows=data.rows, existing_codes=existing_codes)
        translated = any("translations" in row for row in data.rows)
        for row in data.rows:
            row["loaded_from"] = source.provider
        update_fields = [*source.owned_fields, "loaded_from"]
        if translated:
            update_fields.append("translations")
        model.objects.bulk_create(
            [model(**row) for row in data.rows],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=update_fields,
            batch_size=_UPDATE_BATCH,
        )
        created = codes - existing_codes
        result.created = len(created)
        result.updated = len(codes) - len(created)
        if data.allowed_units:
            _set_allowed_units(data=data, created=created)

        load, _ = ReferenceLoad.objects.get_or_create(source=source.name)
        _apply_withdrawals(source=source, model=model, codes=codes, load=load, result=result)
        load.fingerprint = fingerprint
        load.count = len(codes)
        load.save()
        code_lists_changed()
    result.seconds = time.monotonic() - started
    return result


def reference_load(
    *, force: bool = False, only: set[str] | None = None
) -> list[ReferenceLoadResult]:
    """Load every reference source (or those named in ``only``), in dependency order.

    Idempotent: a source whose fingerprint (package version and loader version, or a digest of
    the built-in list) matches its last load is skipped, so a second run changes nothing.
    ``force`` reloads every source regardless.
    """
    return [
        reference_source_load(source=source, force=force)
        for source in SOURCES
        if only is None or source.name in only
    ]


def code_lists_changed() -> None:
    """Give the code lists a new version token (in the caller's transaction): processes that
    keep code-list choices in memory read it and reload. Called on every save and delete of
    an entry (signals) and after each load, whose bulk writes send no signals."""
    token = uuid.uuid4()
    if not CodeListVersion.objects.filter(pk=CodeListVersion.SINGLETON).update(token=token):
        CodeListVersion.objects.update_or_create(
            pk=CodeListVersion.SINGLETON, defaults={"token": token}
        )
