"""Test doubles that speak real protocols (HTTP) instead of patching libraries."""
