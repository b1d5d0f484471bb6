"""Checking an uploaded file before it is kept: size, and content verified by decoding it.

Neither the file name's extension nor the content type the browser sent is trusted. An image
must decode completely with Pillow (JPEG, PNG, WebP or TIFF); a PDF must start with ``%PDF-``,
end with ``%%EOF`` and parse with pypdf. Everything else is refused with a message that names
the file.
"""

from __future__ import annotations

import hashlib
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PasswordType, PdfReader

from opencen.attachments.choices import AttachmentKind

#: Images above this many pixels are refused before they are decoded (decompression bombs).
#: 100 megapixels covers every camera and scanner officers use; a decoded image of that size
#: takes 300 MB of memory (RGB), 200 MB for a 16-bit X-ray.
MAX_IMAGE_PIXELS = 100_000_000

#: Pillow format -> (media type, extension of the stored original).
IMAGE_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "TIFF": ("image/tiff", "tif"),
}
PDF_MEDIA_TYPE = "application/pdf"
#: How far from the end of a PDF the ``%%EOF`` marker may be (trailing blank lines).
PDF_TRAILER_WINDOW = 1024
FILENAME_MAX_LENGTH = 255
CHUNK_SIZE = 1024 * 1024


class AttachmentRejected(ValidationError):
    """A file that is not kept, with the reason; ``str()`` names the file."""

    def __init__(self, filename: str, reason: str):
        self.filename = filename
        self.reason = reason
        super().__init__(
            _("“%(name)s”: %(reason)s") % {"name": filename, "reason": reason},
            code="attachment_rejected",
        )

    def __str__(self) -> str:
        return self.messages[0]


@dataclass
class InspectedUpload:
    """What the checks found out about an accepted file.

    ``image`` is the fully decoded image (for the derivatives); None for a PDF.
    """

    filename: str
    size: int
    sha256: str
    kind: AttachmentKind
    media_type: str
    extension: str
    image: Image.Image | None = None


def sanitize_filename(name: str | None) -> str:
    """The uploaded name, for display only: no folders, no control or direction characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Category C covers control characters and the right-to-left overrides used to disguise
    # an extension ("photo\u202egpj.exe").
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C")).strip()
    if name in {"", ".", ".."}:
        return _("unnamed file")
    if len(name) > FILENAME_MAX_LENGTH:
        suffix = PurePosixPath(name).suffix[:16]
        name = name[: FILENAME_MAX_LENGTH - len(suffix)] + suffix
    return name


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def inspect_upload(uploaded_file: UploadedFile) -> InspectedUpload:
    """Check one uploaded file; raise :class:`AttachmentRejected` naming it if it is refused."""
    filename = sanitize_filename(uploaded_file.name)
    max_bytes = settings.ATTACHMENT_MAX_BYTES
    if uploaded_file.size is not None and uploaded_file.size > max_bytes:
        raise AttachmentRejected(
            filename,
            _("the file is %(size)s; the limit is %(limit)s.")
            % {"size": _megabytes(uploaded_file.size), "limit": _megabytes(max_bytes)},
        )
    digest = hashlib.sha256()
    size = 0
    for chunk in uploaded_file.chunks(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
    if size == 0:
        raise AttachmentRejected(filename, _("the file is empty."))
    if size > max_bytes:  # the declared size was wrong
        raise AttachmentRejected(
            filename,
            _("the file is %(size)s; the limit is %(limit)s.")
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes)},
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(5)
    uploaded_file.seek(0)
    if head == b"%PDF-":
        _verify_pdf(uploaded_file, filename=filename, size=size)
        return InspectedUpload(
            filename=filename,
            size=size,
            sha256=digest.hexdigest(),
            kind=AttachmentKind.DOCUMENT,
            media_type=PDF_MEDIA_TYPE,
            extension="pdf",
        )
    image = _decode_image(uploaded_file, filename=filename)
    media_type, extension = IMAGE_FORMATS[image.format]
    return InspectedUpload(
        filename=filename,
        size=size,
        sha256=digest.hexdigest(),
        kind=AttachmentKind.IMAGE,
        media_type=media_type,
        extension=extension,
        image=image,
    )


def _not_accepted(filename: str) -> AttachmentRejected:
    return AttachmentRejected(
        filename,
        _("not an image or PDF we accept (JPEG, PNG, WebP, TIFF images and PDF documents are)."),
    )


def _too_many_pixels(filename: str) -> AttachmentRejected:
    return AttachmentRejected(
        filename,
        _("the image is larger than %(limit)d megapixels, the most we accept.")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
    )


class _KeptOpen:
    """The uploaded file as Pillow sees it: closing the image must not close the upload."""

    def __init__(self, file):
        self._file = file

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        pass


def _decode_image(uploaded_file: UploadedFile, *, filename: str) -> Image.Image:
    """Open with the accepted decoders only, check the declared size, then decode it all."""
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(_KeptOpen(uploaded_file), formats=list(IMAGE_FORMATS))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _too_many_pixels(filename)
            # load() decodes every pixel: a truncated or corrupt file fails here, not later.
            image.load()
    except AttachmentRejected:
        raise
    except UnidentifiedImageError:
        raise _not_accepted(filename) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(filename) from None
    except Exception:  # decoders raise OSError, SyntaxError, ValueError, EOFError...
        raise AttachmentRejected(filename, _("the image is truncated or damaged.")) from None
    return image


def _verify_pdf(uploaded_file: UploadedFile, *, filename: str, size: int) -> None:
    """Header (checked by the caller), end-of-file marker, and a parse of the page tree."""
    damaged = AttachmentRejected(filename, _("the PDF document is truncated or damaged."))
    uploaded_file.seek(max(0, size - PDF_TRAILER_WINDOW))
    tail = uploaded_file.read()
    uploaded_file.seek(0)
    if b"%%EOF" not in tail:
        raise damaged
    try:
        reader = PdfReader(uploaded_file, strict=False)
        if reader.is_encrypted:
            # A password-protected PDF is kept (it may be evidence); its structure parsed.
            try:
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except Exception:
                opened = False
            if not opened:
                return
        if len(reader.pages) < 1:
            raise damaged
    except AttachmentRejected:
        raise
    except Exception:  # pypdf raises PdfReadError, but also ValueError, KeyError...
        raise damaged from None
    finally:
        uploaded_file.seek(0)
