"""Realistic synthetic candidates and task packages, for tests, benchmarks and demos.

The data are made up but shaped like the Banenafspraak at the Dutch government: homes and
workplaces near about forty Dutch towns weighted by population, many unknown education levels,
part-time hours, one or two limited capacities per person, the needs from the domain brief at
plausible frequencies, and task packages from jobcarving in the four tracks. With the default
rules a few percent of all candidate-package pairs are feasible: neither nothing nor everything
fits, as in practice.

Every random draw is made with numpy arrays first; the models are built from plain Python
values afterwards, so 250,000 candidates take seconds, not minutes.

Example
-------
>>> from wbamatch._synthetic import synthetic
>>> candidates, packages = synthetic(50, 5, seed=7)
>>> candidates[0].id, packages[0].id
('c-000000', 'p-00000')

Modules
-------
``_generator``
    :func:`synthetic`: the arguments, the random streams, the validation.
``_stream``
    :func:`synthetic_stream`: the same records with dates, arriving over a year.
``_candidates``, ``_packages``
    The candidate and the package records, drawn part by part on whole arrays.
``_draw``
    The drawing helpers they share.
``_tables``
    The data: towns, task families, employers and the distributions.
"""

from __future__ import annotations

from ._generator import synthetic
from ._stream import synthetic_stream
from ._tables import INTERESTS, TASKS

__all__ = ["INTERESTS", "TASKS", "synthetic", "synthetic_stream"]
