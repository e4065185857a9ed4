"""spaCy's networks multiply their matrices through numpy's BLAS, on one thread.

thinc's ``NumpyOps`` multiplies through BLIS by default. The OpenBLAS that numpy ships does the
same products of the sizes spaCy's embedding and window layers make three to four times faster on
one core (a batch of 20,000 tokens by 288 by 384 floats: 211 ms against 54 ms of CPU here), and the
matrix products are about half of all the time ``en_core_web_sm`` takes. ``NumpyOps(use_blis=False)``
is thinc's own switch to numpy's ``dot``; :func:`install` gives it to every layer of a loaded
pipeline. The sums come in another order, so a float may differ in its last bits; no token value
a stage reads does (tags, parse, entities, lemmas, sentence starts: ``tests/test_fastgemm.py``
compares them with stock spaCy on PolNeAR train).

numpy's BLAS would start a thread per core for each product. Work is spread over cores by
processes (``wirewatch extract --jobs``, Dask workers), so :func:`one_blas_thread` keeps each
process to one: threads beside them would only take the other workers' cores.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def one_blas_thread() -> None:
    """Limit the BLAS libraries loaded in this process to one thread each (once per process)."""
    from threadpoolctl import threadpool_limits

    # not a context manager: the limit holds for the rest of the process
    threadpool_limits(limits=1, user_api="blas")


def install(nlp: Language) -> int:
    """Make every layer of ``nlp`` that multiplies through BLIS multiply through numpy's BLAS
    instead; returns how many layers changed."""
    from thinc.api import Model, NumpyOps

    one_blas_thread()
    ops = NumpyOps(use_blis=False)
    changed = 0
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps) and node.ops.use_blis:
                node.ops = ops
                changed += 1
    return changed
