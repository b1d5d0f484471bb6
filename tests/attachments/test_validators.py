"""Files are checked by decoding their content, whatever their name and declared type."""

from __future__ import annotations

import hashlib

import pytest

from opencen.attachments import validators
from opencen.attachments.choices import AttachmentKind
from opencen.attachments.validators import AttachmentRejected, inspect_upload, sanitize_filename
from tests.attachments.files import (
    bomb_png_bytes,
    image_bytes,
    jpeg_bytes,
    pdf_bytes,
    tiff16_bytes,
    upload,
)


@pytest.mark.parametrize(
    ("name", "content", "media_type", "extension"),
    [
        ("photo.jpg", jpeg_bytes(), "image/jpeg", "jpg"),
        ("scan.png", image_bytes("PNG"), "image/png", "png"),
        ("phone.webp", image_bytes("WEBP"), "image/webp", "webp"),
        ("xray.tif", tiff16_bytes(), "image/tiff", "tif"),
        ("declaration.pdf", pdf_bytes(), "application/pdf", "pdf"),
    ],
)
def test_accepted_files_are_recognised_by_content(name, content, media_type, extension):
    inspected = inspect_upload(upload(name, content))
    assert inspected.media_type == media_type
    assert inspected.extension == extension
    assert inspected.sha256 == hashlib.sha256(content).hexdigest()
    assert inspected.size == len(content)
    assert inspected.kind == (
        AttachmentKind.DOCUMENT if media_type == "application/pdf" else AttachmentKind.IMAGE
    )


def test_the_extension_and_declared_type_are_not_trusted():
    inspected = inspect_upload(upload("photo.pdf", image_bytes("PNG"), "application/pdf"))
    assert inspected.media_type == "image/png"


def _refusal(name: str, content: bytes) -> str:
    with pytest.raises(AttachmentRejected) as refused:
        inspect_upload(upload(name, content, "image/jpeg"))
    assert refused.value.filename == name
    return str(refused.value)


def test_an_html_file_renamed_jpg_is_refused():
    html = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
    message = _refusal("photo.jpg", html)
    assert message.startswith("“photo.jpg”: ")
    assert "not an image or PDF we accept" in message


def test_a_truncated_jpeg_is_refused():
    content = jpeg_bytes(size=(400, 300))
    assert "the image is truncated or damaged" in _refusal("cut.jpg", content[: len(content) // 2])


def test_a_truncated_png_is_refused():
    content = image_bytes("PNG", size=(400, 300))
    assert "truncated or damaged" in _refusal("cut.png", content[: len(content) // 2])


def test_a_pdf_without_its_end_is_refused():
    content = pdf_bytes()
    assert "PDF document is truncated or damaged" in _refusal("cut.pdf", content[:-20])


def test_a_pdf_header_on_garbage_is_refused():
    content = b"%PDF-1.7\n" + b"this is not a PDF at all\n" * 10 + b"%%EOF\n"
    assert "PDF document is truncated or damaged" in _refusal("fake.pdf", content)


def test_an_empty_file_is_refused():
    assert "empty" in _refusal("nothing.jpg", b"")


def test_a_file_over_the_limit_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    content = b"\xff" * (1024 * 1024 + 1)
    message = _refusal("huge.tif", content)
    assert "the file is 1.0 MB; the limit is 1.0 MB" in message


def test_a_decompression_bomb_is_refused_without_decoding_it():
    content = bomb_png_bytes()
    assert len(content) < 200
    assert "larger than 100 megapixels" in _refusal("bomb.png", content)


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(validators, "MAX_IMAGE_PIXELS", 64 * 48 - 1)
    assert "megapixels" in _refusal("big.png", image_bytes("PNG", size=(64, 48)))


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("photo.jpg", "photo.jpg"),
        ("C:\\Users\\officer\\Desktop\\saisie.jpg", "saisie.jpg"),
        ("../../etc/passwd", "passwd"),
        ("report\u202egpj.exe", "reportgpj.exe"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
        ("صورة المخبأ.jpg", "صورة المخبأ.jpg"),
        ("", "unnamed file"),
        ("..", "unnamed file"),
    ],
)
def test_file_names_are_kept_for_display_only_and_sanitised(uploaded, kept):
    assert sanitize_filename(uploaded) == kept


def test_a_very_long_file_name_keeps_its_extension():
    name = sanitize_filename("a" * 400 + ".jpeg")
    assert len(name) == 255
    assert name.endswith(".jpeg")
