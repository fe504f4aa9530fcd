"""The release layer: dataset export formats, checksums, citation metadata, diffs between
versions and the releases recorded in ``releases.json``. Imports only the data layer."""
