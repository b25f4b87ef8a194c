"""Learned extraction: grouped cross-validation folds, candidate features, a sparse linear
classifier, and the training of the models the ``newsgraph_learned_facts`` component uses.

- :mod:`.folds`: grouped, seeded folds (no story in two folds).
- :mod:`.linear`: multinomial logistic regression over sparse features, saved as JSON + npz.
- :mod:`.features`: relation-pair and impact-target candidates of a processed ``Doc``.
- :mod:`.models`: the trained models, their files, and the verdicts they give.
- :mod:`.train`: labelling candidates from gold and fitting the models (``newsgraph train``).
"""
