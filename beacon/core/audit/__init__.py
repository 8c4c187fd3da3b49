"""The audit log: exports of personal data and changes to anyone's powers.

Writes in `services` (one `audit_*` function per kind of event), reads in `selectors`.
The entries themselves are `beacon.core.models.AuditEntry`.
"""
