"""Learned extraction: grouped cross-validation folds, candidate features, a sparse linear
classifier, and the training of the models the learned components use.

- :mod:`.folds`: grouped, seeded folds (no story in two folds).
- :mod:`.linear`: multinomial logistic regression over sparse features, saved as JSON + npz.
- :mod:`.features`: relation-pair and impact-target candidates of a processed ``Doc``.
- :mod:`.models`: the trained models, their files, and the verdicts they give.
- :mod:`.entities`: the entity decider (weak sector words used as markets).
- :mod:`.train`: labelling candidates from gold and fitting the models (``newsgraph train``).

``SHIPPED_TASKS`` names the models packaged with newsgraph, the default of ``newsgraph train``
and ``newsgraph eval --cv``: the relation and impact models measured below the rules under
cross-validation (docs/extraction.md), so the rules decide those tasks.
"""

SHIPPED_TASKS = ("entities",)
