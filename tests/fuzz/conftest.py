"""Hypothesis profiles for the fuzz tests.

``ci`` (the default) spreads about 400 examples over the fuzz tests, derandomized so the default
run is fast and repeatable; ``WIREWATCH_FUZZ_EXAMPLES=10000 pytest tests/fuzz`` spreads that
many instead, with fresh random examples each run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

TOTAL = int(os.environ.get("WIREWATCH_FUZZ_EXAMPLES", "400"))
"""Examples over all the hypothesis fuzz tests together (the fixed corpus comes on top)."""

_common = settings(
    deadline=None,  # a spaCy parse of an odd text can take a while; speed is not the property here
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile("ci", _common, derandomize=True)
settings.register_profile("full", _common, derandomize=False)
settings.load_profile("full" if "WIREWATCH_FUZZ_EXAMPLES" in os.environ else "ci")


def share(fraction: float) -> int:
    """This test's number of examples: ``fraction`` of :data:`TOTAL`, at least 10."""
    return max(10, round(TOTAL * fraction))
