"""The checks behind ``city-diplomacy validate``, one module per kind of check.

Each check returns :class:`~city_diplomacy.data.problems.Problem` objects and prints
nothing; :func:`city_diplomacy.data.validate.validate` runs them in order, cheapest first.
"""
