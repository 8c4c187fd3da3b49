"""Beacon: an open-source action center for advocacy organizations."""
