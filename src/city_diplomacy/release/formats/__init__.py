"""One module per download format; :mod:`city_diplomacy.release.export` puts them together."""
