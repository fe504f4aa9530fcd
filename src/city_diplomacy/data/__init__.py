"""The data layer: typed records loaded from the data package, partial dates, validation.

Imports nothing from the layers above it (release, translations, sphinxext, sitebuild,
sitecheck, cli); ``tests/test_layers.py`` enforces it.
"""
