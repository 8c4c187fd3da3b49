"""Telephony for patch-through calls: a port (ports.Telephony), a Twilio provider and a
fake twin, chosen by dotted path in BEACON_TELEPHONY_PROVIDER (empty: no calls placed)."""
