"""A multinomial logistic regression over sparse string features, with a safe file format.

Features are strings (``"between=收购"``, ``"types=Company>Model"``); the vocabulary is the
features seen at least ``min_count`` times in training, in sorted order. Training minimises
the L2-regularised cross-entropy with L-BFGS (:func:`_lbfgs`, numpy) from zero weights, so the same inputs
give the same weights. A model is saved as ``NAME.json`` (classes, vocabulary, settings) and
``NAME.npz`` (the weight matrix and biases, float32) and loaded with ``allow_pickle=False``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

__all__ = ["LinearModel", "ModelFileError"]


class ModelFileError(Exception):
    """A model file is missing, unreadable or inconsistent."""


def _lbfgs(fun, x: np.ndarray, max_iter: int, memory: int = 10, tol: float = 1e-6) -> np.ndarray:
    """Minimise a smooth convex ``fun(x) -> (value, gradient)`` by L-BFGS (two-loop recursion,
    backtracking Armijo line search). Plain numpy: deterministic, and fast for the few
    hundred thousand parameters here (scipy's L-BFGS-B spends most of its time in bookkeeping)."""
    value, grad = fun(x)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for _ in range(max_iter):
        q = grad.copy()
        alphas = []
        for s, y in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = s.dot(q) / y.dot(s)
            alphas.append(a)
            q -= a * y
        if y_hist:
            q *= s_hist[-1].dot(y_hist[-1]) / y_hist[-1].dot(y_hist[-1])
        for (s, y), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            q += s * (a - y.dot(q) / y.dot(s))
        direction = -q
        slope = grad.dot(direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            s_hist, y_hist = [], []
            direction, slope = -grad, -grad.dot(grad)
        step = 1.0
        for _ls in range(30):
            new_x = x + step * direction
            new_value, new_grad = fun(new_x)
            if new_value <= value + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            break
        s_vec, y_vec = new_x - x, new_grad - grad
        if y_vec.dot(s_vec) > 1e-12:
            s_hist.append(s_vec)
            y_hist.append(y_vec)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        done = abs(value - new_value) <= tol * max(1.0, abs(value))
        x, value, grad = new_x, new_value, new_grad
        if done:
            break
    return x


class LinearModel:
    """Softmax regression: ``predict(features) -> probabilities over classes``."""

    def __init__(self, classes: Sequence[str], vocab: Sequence[str], weights: np.ndarray, bias: np.ndarray) -> None:
        self.classes = list(classes)
        self.vocab = list(vocab)
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)

    # -- training -------------------------------------------------------------------------

    @classmethod
    def fit(
        cls,
        rows: Sequence[Sequence[str]],
        labels: Sequence[str],
        classes: Sequence[str],
        *,
        l2: float = 1.0,
        min_count: int = 2,
        sample_weight: Sequence[float] | None = None,
        max_iter: int = 60,
    ) -> LinearModel:
        """Fit on feature lists ``rows`` with one label each (a member of ``classes``)."""
        counts = Counter(f for row in rows for f in set(row))
        vocab = sorted(f for f, n in counts.items() if n >= min_count)
        model = cls(classes, vocab, np.zeros((len(vocab), len(classes))), np.zeros(len(classes)))
        if not rows:
            return model
        x = model.matrix(rows).astype(np.float64)
        xt = x.T.tocsr()
        class_index = {c: i for i, c in enumerate(model.classes)}
        y = np.array([class_index[label] for label in labels])
        n, d, k = x.shape[0], x.shape[1], len(classes)
        onehot = np.zeros((n, k))
        onehot[np.arange(n), y] = 1.0
        sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        total = sw.sum()

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w = theta[: d * k].reshape(d, k)
            b = theta[d * k :]
            z = x @ w + b
            z -= z.max(axis=1, keepdims=True)
            logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            value = -(sw * (onehot * logp).sum(axis=1)).sum() / total + 0.5 * l2 * (w * w).sum() / total
            diff = (np.exp(logp) - onehot) * sw[:, None] / total
            grad_w = xt @ diff + l2 * w / total
            grad_b = diff.sum(axis=0)
            return value, np.concatenate([np.asarray(grad_w).ravel(), grad_b])

        theta = _lbfgs(loss, np.zeros(d * k + k), max_iter)
        model.weights = theta[: d * k].reshape(d, k).astype(np.float32)
        model.bias = theta[d * k :].astype(np.float32)
        return model

    # -- use ------------------------------------------------------------------------------

    def matrix(self, rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        from scipy import sparse  # training only: predicting needs no scipy (0.1-0.2 s to import)

        indptr, indices = [0], []
        for row in rows:
            cols = sorted({self.index[f] for f in row if f in self.index})
            indices.extend(cols)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(self.vocab)))

    def predict(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per feature list (columns in ``classes`` order)."""
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        # a row has tens of features: summing their weight rows beats building a sparse matrix
        z = np.empty((len(rows), len(self.classes)), dtype=np.float64)
        for i, row in enumerate(rows):
            cols = sorted({self.index[f] for f in row if f in self.index})
            z[i] = self.weights[cols].sum(axis=0, dtype=np.float64) + self.bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    # -- files ----------------------------------------------------------------------------

    def save(self, directory: Path, name: str, extra: dict | None = None) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"classes": self.classes, "vocab": self.vocab, **(extra or {})}
        (directory / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), "utf-8")
        with (directory / f"{name}.npz").open("wb") as fh:
            np.savez_compressed(fh, weights=self.weights, bias=self.bias)

    @classmethod
    def load(cls, directory: Path, name: str) -> tuple[LinearModel, dict]:
        try:
            meta = json.loads((directory / f"{name}.json").read_text("utf-8"))
            with np.load(directory / f"{name}.npz", allow_pickle=False) as arrays:
                weights, bias = arrays["weights"], arrays["bias"]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelFileError(f"{directory / name}: cannot read the model: {exc}") from None
        classes, vocab = meta.pop("classes", None), meta.pop("vocab", None)
        if not isinstance(classes, list) or not isinstance(vocab, list) or weights.shape != (len(vocab), len(classes)):
            raise ModelFileError(f"{directory / name}: vocabulary, classes and weights do not agree")
        return cls(classes, vocab, weights, bias), meta
