"""Clipper: annotate press clippings and export the tagged spans with exact offsets."""

__version__ = "0.1.0"
