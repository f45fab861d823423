"""Score components: named, in [0, 1], weighted into a score that they add up to."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

import wbamatch
from factories import cand, pkg
from strategies import problems
from wbamatch._vocabulary import SCORE_COMPONENTS


@settings(max_examples=40, deadline=None)
@given(problems())
def test_scores_in_unit_interval_and_components_add_up(problem: tuple) -> None:
    comp = wbamatch.compatibility(*problem)
    assert set(comp.components) == set(SCORE_COMPONENTS)
    assert ((comp.scores >= 0) & (comp.scores <= 1)).all()
    assert (comp.scores[~comp.feasible] == 0).all()
    total = sum(comp.components.values())
    np.testing.assert_allclose(comp.raw_scores, np.clip(total, 0, 1))
    weights = comp.config.component_weights()
    for name, contribution in comp.components.items():
        share = weights[name] / sum(weights.values())
        assert (contribution >= -1e-12).all() and (contribution <= share + 1e-12).all()


def test_skills_similarity() -> None:
    c = cand(skills=["archiving", "scanning"])
    comp = wbamatch.compatibility(
        [c],
        [
            pkg("p-1", tasks=["archiving", "scanning"]),
            pkg("p-2", tasks=["archiving"]),
            pkg("p-3", tasks=["cleaning"]),
        ],
        {"weights": {n: 0.0 for n in SCORE_COMPONENTS if n != "skills"}},
    )
    s = comp.scores[0]
    assert np.isclose(s[0], 1.0) and 0 < s[1] < 1 and s[2] == 0.0


def test_level_penalises_jobs_far_below_education() -> None:
    only_level = {"weights": {n: 0.0 for n in SCORE_COMPONENTS if n != "level"}}
    wo = cand(education="wo")
    comp = wbamatch.compatibility([wo], [pkg("p-1"), pkg("p-2", min_education="hbo")], only_level)
    assert comp.scores[0, 0] < comp.scores[0, 1] == 1.0
    unknown = wbamatch.compatibility([cand(education="unknown")], [pkg()], only_level)
    assert unknown.scores[0, 0] == 0.5


def test_commute_score_falls_with_travel_time() -> None:
    only = {"weights": {n: 0.0 for n in SCORE_COMPONENTS if n != "commute"}}
    comp = wbamatch.compatibility(
        [cand()], [pkg("p-1"), pkg("p-2")], only, travel_minutes=[[10.0, 60.0]]
    )
    assert comp.scores[0, 0] > comp.scores[0, 1] > 0


def test_weights_change_the_ranking() -> None:
    c = cand(skills=["archiving"], hours={"min": 16, "max": 32})
    near_dull = pkg("p-near", tasks=["cleaning"])
    far_fit = pkg("p-far", tasks=["archiving"])
    tm = [[5.0, 80.0]]
    by_commute = wbamatch.match(
        [c], [near_dull, far_fit], {"weights": {"commute": 5.0, "skills": 0.1}}, travel_minutes=tm
    )
    by_skill = wbamatch.match(
        [c], [near_dull, far_fit], {"weights": {"commute": 0.1, "skills": 5.0}}, travel_minutes=tm
    )
    assert by_commute.assignments[0].package_id == "p-near"
    assert by_skill.assignments[0].package_id == "p-far"


def test_target_group_is_not_a_scoring_feature() -> None:
    a = wbamatch.compatibility([cand(target_group="wajong")], [pkg()])
    b = wbamatch.compatibility([cand(target_group="wsw")], [pkg()])
    np.testing.assert_array_equal(a.scores, b.scores)
