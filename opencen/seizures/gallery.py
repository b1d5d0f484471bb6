"""The concealment gallery: concealment photos across the seizures a user may read."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch

from opencen.attachments.choices import AttachmentTag
from opencen.attachments.models import Attachment
from opencen.seizures.filtersets import SeizureFilterSet
from opencen.seizures.models import Concealment, GoodsItem, Seizure
from opencen.seizures.selectors import seizure_list

#: Filters the gallery offers (a subset of the seizure list's).
GALLERY_FILTERS = (
    "concealment_method",
    "commodity_section",
    "commodity_type",
    "conveyance_type",
    "occurred_after",
    "occurred_before",
)


@dataclass(frozen=True)
class GalleryPhoto:
    attachment: Attachment
    seizure: Seizure


def concealment_photo_owner_ids() -> list[uuid.UUID]:
    """Seizures that hold at least one concealment photo (few next to all seizures)."""
    seizure_type = ContentType.objects.get_for_model(Seizure)
    ids = (
        Attachment.objects.filter(
            content_type=seizure_type,
            tag=AttachmentTag.CONCEALMENT,
            withdrawn_at__isnull=True,
            width__isnull=False,
        )
        .values_list("object_id", flat=True)
        .distinct()
    )
    return [uuid.UUID(value) for value in ids]


def concealment_photos(*, user, params) -> tuple[SeizureFilterSet, list[GalleryPhoto]]:
    """The concealment photos of the seizures ``user`` may read that match ``params``,
    newest seizure first. Attachment owners are stored as text, so the seizures are found
    first (scoped and filtered) among those that have photos, then their photos."""
    queryset = seizure_list(user=user).filter(pk__in=concealment_photo_owner_ids())
    data = {name: params.get(name) for name in GALLERY_FILTERS if params.get(name)}
    filterset = SeizureFilterSet(data=data or None, queryset=queryset)
    seizures = {
        seizure.pk: seizure
        for seizure in filterset.qs.select_related("place").prefetch_related(
            Prefetch("concealments", queryset=Concealment.objects.select_related("method")),
            Prefetch("goods", queryset=GoodsItem.objects.select_related("commodity_type")),
        )
    }
    attachments = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Seizure),
        object_id__in=[str(pk) for pk in seizures],
        tag=AttachmentTag.CONCEALMENT,
        withdrawn_at__isnull=True,
        width__isnull=False,
    ).order_by("-created_at")
    photos = [
        GalleryPhoto(attachment=attachment, seizure=seizures[uuid.UUID(attachment.object_id)])
        for attachment in attachments
    ]
    photos.sort(key=lambda photo: photo.seizure.occurred_at, reverse=True)
    return filterset, photos


def group_by_concealment_method(photos: list[GalleryPhoto]) -> list[tuple[str, list[GalleryPhoto]]]:
    """Photos under the concealment method of their seizure (its first one), methods sorted
    by label."""
    groups: dict[str, list[GalleryPhoto]] = {}
    for photo in photos:
        concealments = list(photo.seizure.concealments.all())
        label = concealments[0].method.localized_label if concealments else ""
        groups.setdefault(label, []).append(photo)
    return sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
