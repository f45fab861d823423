"""Encoding: every field a rule may read is an array, in id order."""

from __future__ import annotations

from factories import cand, pkg
from wbamatch._encode import _NEED_NAMES, encode_candidates, encode_packages
from wbamatch._models import Needs


def test_every_yes_no_need_is_encoded() -> None:
    flags = {name for name, info in Needs.model_fields.items() if info.annotation is bool}
    assert set(_NEED_NAMES) == flags


def test_needs_land_in_their_own_arrays_in_id_order() -> None:
    cs = [cand("c-b", needs={"no_evening_work": True}), cand("c-a", needs={"movement": True})]
    arr = encode_candidates(cs)
    assert arr.ids == ("c-a", "c-b")
    assert arr.need_no_evening.tolist() == [False, True]
    assert arr.need_movement.tolist() == [True, False]
    assert arr.travels_independently.tolist() == [True, True]


def test_unknown_profiles_and_task_counts() -> None:
    arr = encode_candidates([cand("c-1", capacities=None), cand("c-2", capacities={})])
    assert arr.capacities_unknown.tolist() == [True, False]
    assert (arr.capacities == 3).all()  # the per-dimension codes stay quiet; capacity_unknown
    packs = encode_packages(
        [pkg("p-1", tasks=["a", "b", "c", "d", "e"]), pkg("p-2", tasks=["a"], task_count=3)]
    )
    k = list(packs.ids).index("p-1")
    from wbamatch._vocabulary import DIMENSIONS

    ts = DIMENSIONS.index("task_switching")
    assert packs.demands[k, ts] == 3 and packs.demands[1 - k, ts] == 2
    assert packs.task_count.tolist() == [5, 3]
