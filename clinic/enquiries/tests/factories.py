from __future__ import annotations

from clinic.enquiries.models import Enquiry
from clinic.enquiries.services import EnquiryDetails, enquiry_submit
from clinic.locations.models import Location


def make_enquiry(location: Location | None, *, name: str = "Sample Person") -> Enquiry:
    """A request as if sent from the public site (through the real service)."""
    return enquiry_submit(
        details=EnquiryDetails(
            kind="consultation",
            name=name,
            phone="(214) 555-0100",
            email="",
            preferred_location=location,
            preferred_times=[],
            payment="self_pay",
            insurance_payer="",
            insurance_member_id="",
            concerns=[],
            message="",
        )
    )
