"""The concealment gallery: concealment photos across seizures, filtered, each opening its
seizure, never a photo of a seizure the user may not read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opencen.attachments.services import attachment_add
from opencen.reference import models as ref
from opencen.reference.choices import HandlingCode
from opencen.seizures.services import ConcealmentInput, GoodsInput, seizure_create
from tests.attachments.files import jpeg_bytes


@pytest.fixture
def photographed(officer, make_input, settings, tmp_path):
    """Two seizures with a concealment photo each (cocaine in a container, cigarettes in a
    vehicle compartment) and one with a photo of the goods only."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cocaine = seizure_create(
        actor=officer,
        data=make_input(
            concealments=[
                ConcealmentInput(method=ref.ConcealmentMethod.objects.get(code="in_cargo"))
            ]
        ),
    )
    data = make_input(narrative="Cigarettes in a built compartment")
    data.goods = [
        GoodsInput(
            commodity_type=ref.CommodityType.objects.get(code="cigarettes"),
            quantity=20000,
            unit=ref.MeasurementUnit.objects.get(code="sticks"),
        )
    ]
    data.concealments = [
        ConcealmentInput(method=ref.ConcealmentMethod.objects.get(code="compartment"))
    ]
    cigarettes = seizure_create(actor=officer, data=data)
    goods_only = seizure_create(actor=officer, data=make_input())
    for seizure, tag, caption in [
        (cocaine, "concealment", "Bricks behind the front wall"),
        (cigarettes, "concealment", "Compartment under the floor"),
        (goods_only, "goods", "The bricks laid out"),
    ]:
        attachment_add(
            actor=officer,
            owner=seizure,
            uploaded_file=SimpleUploadedFile(f"{caption}.jpg", jpeg_bytes(), "image/jpeg"),
            caption=caption,
            tag=tag,
        )
    return cocaine, cigarettes, goods_only


@pytest.mark.django_db
def test_the_gallery_shows_concealment_photos_under_their_method(client, officer, photographed):
    cocaine, cigarettes, goods_only = photographed
    client.force_login(officer)
    response = client.get("/seizures/gallery/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 photos" in html
    assert cocaine.reference in html and cigarettes.reference in html
    assert goods_only.reference not in html  # a goods photo is not a concealment photo
    grid = html.split('id="gallery-results"')[1]
    sections = {part.split("</h2>")[0].split(">")[-1]: part for part in grid.split("<section")[1:]}
    assert cigarettes.reference in sections["Specially built compartment"]
    assert cocaine.reference in sections["In goods or cargo"]
    assert cocaine.reference not in sections["Specially built compartment"]
    assert f'href="/seizures/{cigarettes.pk}/"' in html


@pytest.mark.django_db
def test_the_gallery_filters_by_method_commodity_and_period(client, officer, photographed):
    cocaine, cigarettes, _goods_only = photographed
    client.force_login(officer)
    html = client.get("/seizures/gallery/?commodity_type=cigarettes").content.decode()
    assert cigarettes.reference in html and cocaine.reference not in html
    html = client.get(
        "/seizures/gallery/?concealment_method=compartment",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "<html" not in html  # the grid only
    assert cigarettes.reference in html and cocaine.reference not in html
    html = client.get("/seizures/gallery/?occurred_after=2001-01-01&occurred_before=2001-12-31")
    assert "No concealment photo matches these filters" in html.content.decode()


@pytest.mark.django_db
def test_photos_of_seizures_out_of_scope_are_not_shown(client, other_officer, photographed):
    client.force_login(other_officer)
    html = client.get("/seizures/gallery/").content.decode()
    assert "0 photos" in html
    for seizure in photographed:
        assert seizure.reference not in html


@pytest.mark.django_db
def test_restricted_seizures_keep_their_photos_to_their_line_of_command(
    client, officer, analyst, photographed
):
    cocaine, cigarettes, _ = photographed
    type(cocaine).objects.filter(pk=cocaine.pk).update(handling_code=HandlingCode.H2)
    client.force_login(analyst)
    html = client.get("/seizures/gallery/").content.decode()
    assert cigarettes.reference in html and cocaine.reference not in html
