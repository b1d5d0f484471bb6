from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    """Photos and documents attached to records: originals kept as evidence, derivatives."""

    name = "opencen.attachments"
    label = "attachments"

    def ready(self) -> None:
        from PIL import Image

        from opencen.attachments.validators import MAX_IMAGE_PIXELS

        # Pillow's own guard (warning above the limit, error above twice it) backs up the
        # explicit check in validators.py, for every image this process opens.
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
