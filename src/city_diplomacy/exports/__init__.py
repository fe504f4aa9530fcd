"""One module per download format; :mod:`city_diplomacy.export` puts them together."""
