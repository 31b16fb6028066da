"""Oversight screens for the clinic's owner: searching the audit trail. An interface layer
over clinic.audit (which sits below accounts and so cannot use its guards itself)."""
