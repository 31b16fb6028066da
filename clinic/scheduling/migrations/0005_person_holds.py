"""Give every active, still-to-come booking the hold that keeps its person in one appointment
at a time. Where a person is already booked twice at once, the later-made booking is left
without one (and so keeps both), as staff would have to settle it by hand."""

from django.db import migrations


def forwards(apps, schema_editor):
    Booking = apps.get_model("scheduling", "Booking")
    Hold = apps.get_model("scheduling", "Hold")
    from django.utils import timezone

    rows = []
    taken: dict[str, list[tuple]] = {}
    for booking in Booking.objects.filter(status="booked", ends_at__gt=timezone.now()).order_by(
        "created_at", "pk"
    ):
        key = f"p{booking.patient_id}" if booking.patient_id else f"e{booking.enquiry_id}"
        spans = taken.setdefault(key, [])
        if any(a < booking.ends_at and b > booking.starts_at for a, b in spans):
            continue
        spans.append((booking.starts_at, booking.ends_at))
        rows.append(
            Hold(
                booking=booking,
                location_id=booking.location_id,
                key=key,
                need="person",
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
            )
        )
    Hold.objects.bulk_create(rows)


def backwards(apps, schema_editor):
    apps.get_model("scheduling", "Hold").objects.filter(need="person").delete()


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0004_booking_overlap_reason")]

    operations = [migrations.RunPython(forwards, backwards)]
