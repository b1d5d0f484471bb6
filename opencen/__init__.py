"""OpenCEN: an open customs enforcement network."""

__version__ = "0.1.0"
