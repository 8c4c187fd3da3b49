"""Readers for Open States people data (YAML tree and CSV), and photo fetching."""
