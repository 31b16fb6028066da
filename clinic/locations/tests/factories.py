from __future__ import annotations

from typing import cast

import factory

from clinic.locations.models import Location


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Location {n}")
    slug = factory.Sequence(lambda n: f"location-{n}")
    address_line1 = "100 Main St"
    city = "Dallas"
    postal_code = "75201"
    phone = "(214) 555-0199"


def make_location(**fields: object) -> Location:
    """A location (typed wrapper around the factory)."""
    return cast(Location, LocationFactory(**fields))
