"""Entities: people and their roles, places and their coordinates."""
