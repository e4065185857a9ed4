"""The collector pause and freeze: collections off inside the block and back after it."""

from __future__ import annotations

import gc

from wirewatch.gcpause import YOUNG_THRESHOLD, freeze, paused


def test_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner pause leaves the outer one in force
    assert gc.isenabled()


def test_freeze_moves_live_objects_out_of_collections() -> None:
    before = gc.get_threshold()
    try:
        freeze()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
