"""Learned extraction: grouped folds, the linear model and its files, training determinism,
cross-validation that never trains on the fold it scores, and the learned component."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsgraph.eval import GoldItem
from newsgraph.learn.cv import cross_validate
from newsgraph.learn.folds import family, group_keys, make_folds
from newsgraph.learn.linear import LinearModel, ModelFileError
from newsgraph.learn.models import TASKS
from newsgraph.learn.train import TrainSettings, train_to_dir

# made-up items in the gold format (fresh text, not from any corpus)
_COMPANIES = ["Zentrix", "Orbala", "Quillon", "Marvex", "Tallow Labs", "Brindle AI", "Korvana", "Pellucid"]


def _gold_items() -> list[dict]:
    out = []
    for i in range(16):
        a, b = _COMPANIES[i % 8], _COMPANIES[(i + 3) % 8]
        negated = i % 4 == 3
        verb = "has no deal with" if negated else "signed a partnership with"
        out.append(
            {
                "id": f"rss-made-{i:02d}",
                "lang": "en",
                "date": f"2026-02-{i + 1:02d}",
                "text": f"{a} Inc. {verb} {b} Inc. on Tuesday, the companies said.",
                "entities": [{"type": "Company", "name": f"{a} Inc."}, {"type": "Company", "name": f"{b} Inc."}],
                "relations": [] if negated else [{"type": "PARTNERS_WITH", "head": f"{a} Inc.", "tail": f"{b} Inc."}],
                "impacts": [],
            }
        )
    return out


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in _gold_items()) + "\n", encoding="utf-8")
    return path


def _item(id_: str, date: str, text: str) -> GoldItem:
    return GoldItem(id=id_, lang="en", date=date, text=text)


def test_family_joins_the_cn_and_en_digest_of_one_story():
    assert family("tr-aidcn-004") == family("aid-en-20251101-x") == family("tr2-aiden-003") == "aid"
    assert family("tr2-btc-001") == "btc"


def test_same_digest_and_date_share_a_group_and_never_span_two_folds():
    items = [
        _item("aid-cn-1", "2026-01-02", "一条新闻"),
        _item("aid-en-1", "2026-01-02", "One story"),
        _item("bb-1", "2026-01-02", "Another story"),
        _item("bb-2", "2026-01-03", "A third story"),
    ]
    groups = group_keys(items)
    assert groups[0] == groups[1]
    assert len({groups[1], groups[2], groups[3]}) == 3
    for fold in make_folds(groups, 2, seed=1):
        assert ({0, 1} <= set(fold)) or not ({0, 1} & set(fold))


def test_near_duplicate_texts_on_different_days_share_a_group():
    body = "Quillon raised 40 million dollars to build solar-powered data centres in the desert"
    items = [_item("bb-1", "2026-01-02", body), _item("bb-2", "2026-01-09", "Update: " + body)]
    groups = group_keys(items)
    assert groups[0] == groups[1]


def test_folds_are_deterministic_and_cover_every_item_once():
    groups = list(range(40))
    first, second = make_folds(groups, 5, seed=7), make_folds(groups, 5, seed=7)
    assert first == second
    assert sorted(i for f in first for i in f) == list(range(40))
    with pytest.raises(ValueError):
        make_folds(groups, 1)


def test_linear_model_learns_separable_data_and_round_trips_without_pickle(tmp_path):
    rows = [["w=good", "x"], ["w=good"], ["w=bad", "x"], ["w=bad"]] * 5
    labels = ["pos", "pos", "neg", "neg"] * 5
    model = LinearModel.fit(rows, labels, ["neg", "pos"], l2=0.1, min_count=1)
    probs = model.predict([["w=good"], ["w=bad"]])
    assert probs[0, 1] > 0.8 and probs[1, 0] > 0.8
    model.save(tmp_path, "m", {"threshold": 0.4})
    loaded, meta = LinearModel.load(tmp_path, "m")
    assert meta == {"threshold": 0.4}
    assert np.allclose(loaded.predict([["w=good"]]), model.predict([["w=good"]]))
    with np.load(tmp_path / "m.npz", allow_pickle=False) as arrays:  # plain arrays, no objects
        assert set(arrays.files) == {"weights", "bias"}


def test_a_damaged_model_file_is_a_typed_error(tmp_path):
    (tmp_path / "m.json").write_text('{"classes": ["a"], "vocab": ["x", "y"]}', "utf-8")
    np.savez(tmp_path / "m.npz", weights=np.zeros((1, 1)), bias=np.zeros(1))
    with pytest.raises(ModelFileError):
        LinearModel.load(tmp_path, "m")


def test_training_twice_on_the_same_gold_writes_identical_models(gold_file, tmp_path):
    settings = TrainSettings(min_count=1, tasks=TASKS)
    train_to_dir([gold_file], tmp_path / "one", settings=settings)
    train_to_dir([gold_file], tmp_path / "two", settings=settings)
    for name in sorted(f"{task}.{suffix}" for task in TASKS for suffix in ("json", "npz")):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_cross_validation_never_trains_on_the_fold_it_scores(gold_file, monkeypatch):
    import newsgraph.learn.cv as cv

    events: list[tuple[str, set[str]]] = []  # ("train", ids) then ("score", id) in call order
    real_train, real_score = cv.train_fact_models, cv.score_item

    def train(items, *args, **kwargs):
        events.append(("train", {it.id for it in items}))
        return real_train(items, *args, **kwargs)

    def score(gold, *args, **kwargs):
        events.append(("score", {gold.id}))
        return real_score(gold, *args, **kwargs)

    monkeypatch.setattr(cv, "train_fact_models", train)
    monkeypatch.setattr(cv, "score_item", score)
    report = cross_validate([gold_file], 4, seed=3, settings=TrainSettings(min_count=1))
    ids = {x["id"] for x in _gold_items()}
    trained: set[str] = set()
    scored: list[str] = []
    for kind, which in events:
        if kind == "train":
            trained = which
        else:
            assert not (which & trained), "an item was scored by models trained on it"
            scored.extend(which)
    assert sum(kind == "train" for kind, _ in events) == 4
    assert sorted(scored) == sorted(ids)  # every item scored exactly once
    assert report.items == len(ids)
    assert report.relations.tp + report.relations.fn == sum(len(x["relations"]) for x in _gold_items())


def test_without_models_the_rule_verdicts_stand_and_are_kept_as_features():
    from newsgraph.learn.models import install
    from newsgraph.loaders.extract import new_pipeline, process_text

    nlp = new_pipeline("en")
    install(nlp, None)
    doc = process_text(nlp, "Nvidia acquired Zentrix Labs on Monday.")
    assert [(h.type.value, h.head, h.tail) for h in doc._.newsgraph_relations] == [
        (h.type.value, h.head, h.tail) for h in doc._.newsgraph_rule_relations
    ]


def test_negation_and_rumour_cues_become_features_of_the_pair():
    from newsgraph.learn.features import pair_candidates
    from newsgraph.learn.models import build_cues, install
    from newsgraph.loaders.extract import new_pipeline, process_text
    from newsgraph.loaders.nlp.lexicon import load_lexicon

    nlp = new_pipeline("en")
    install(nlp, None)
    cues = build_cues(load_lexicon())
    plain = process_text(nlp, "Nvidia signed a partnership with Zentrix Labs.")
    negated = process_text(nlp, "Nvidia has not signed a partnership with Zentrix Labs, reportedly.")
    (p,) = pair_candidates(plain, cues, set())
    (n,) = pair_candidates(negated, cues, set())
    assert "cue=neg@between" in n.features and "cue=rum@after" in n.features
    assert not any(f.startswith("cue=") for f in p.features)
    assert "trg=PARTNERS_WITH@between" in p.features


def test_the_components_load_models_from_their_configured_directory(gold_file, tmp_path):
    import spacy

    from newsgraph.learn.models import load_models

    out = tmp_path / "models"
    trained = train_to_dir([gold_file], out, settings=TrainSettings(min_count=1))
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "newsgraph.MixedTokenizer.v1"}}})
    for name in ("newsgraph_sentencizer", "newsgraph_catalog_ruler", "newsgraph_discovery"):
        nlp.add_pipe(name)
    entities = nlp.add_pipe("newsgraph_learned_entities", config={"models_dir": str(out)})
    for name in ("newsgraph_relations", "newsgraph_impacts"):
        nlp.add_pipe(name)
    facts = nlp.add_pipe("newsgraph_learned_facts", config={"models_dir": str(out)})
    assert entities.models is facts.models is load_models(str(out))
    assert facts.models.relation_threshold == trained.relation_threshold
    doc = nlp("Orbala Inc. signed a partnership with Marvex Inc. on Friday.")
    assert doc._.newsgraph_rule_relations is not None  # the rule verdicts were kept as features
    assert all(0.0 <= hit.confidence <= 1.0 for hit in doc._.newsgraph_relations)


def test_train_with_only_the_entity_task_writes_only_the_entity_files(gold_file, tmp_path):
    out = tmp_path / "models"
    out.mkdir()
    (out / "relations.json").write_text("{}", "utf-8")  # stale files of a task not trained are removed
    (out / "relations.npz").write_bytes(b"")
    trained = train_to_dir([gold_file], out, settings=TrainSettings(min_count=1, tasks=("entities",)))
    assert trained.tasks() == ("entities",)
    # and the packaged name checker, which runs before the gold models (they are trained with it)
    assert sorted(p.name for p in out.iterdir()) == ["entities.json", "entities.npz", "names.json", "names.npz"]


def test_a_model_dir_with_only_the_entity_model_loads_and_the_rule_facts_stand(gold_file, tmp_path):
    from newsgraph.learn.models import install, load_models
    from newsgraph.loaders.extract import new_pipeline, process_text

    out = tmp_path / "models"
    train_to_dir([gold_file], out, settings=TrainSettings(min_count=1, tasks=("entities",)))
    models = load_models(str(out))
    assert models is not None and models.entities is not None
    assert models.relations is None and models.impacts is None
    nlp = new_pipeline("en")
    install(nlp, models)
    text = "Orbala Inc. acquired Marvex Inc. on Friday, and the deal hurts Quillon Inc., analysts said."
    doc = process_text(nlp, text)
    assert doc._.newsgraph_rule_relations  # the rules proposed something, so the check below means something
    assert doc._.newsgraph_relations == doc._.newsgraph_rule_relations
    assert doc._.newsgraph_impacts == doc._.newsgraph_rule_impacts


@pytest.mark.parametrize("text", ["entities,verbs", "", " , "])
def test_an_unknown_or_empty_task_list_is_refused(text):
    from newsgraph.learn.models import parse_tasks

    with pytest.raises(ValueError, match="comma list"):
        parse_tasks(text)


def test_a_task_list_is_put_in_the_canonical_order():
    from newsgraph.learn.models import parse_tasks

    assert parse_tasks("impacts, entities") == ("entities", "impacts")


def test_the_train_command_trains_only_the_tasks_asked_for(gold_file, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli.app import app

    out = tmp_path / "models"
    runner = CliRunner()
    result = runner.invoke(app, ["train", str(gold_file), "--out", str(out), "--tasks", "entities,relations"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "entities.json",
        "entities.npz",
        "names.json",
        "names.npz",
        "relations.json",
        "relations.npz",
    ]
    refused = runner.invoke(app, ["train", str(gold_file), "--out", str(out), "--tasks", "verbs"])
    assert refused.exit_code != 0 and "--tasks" in refused.output


def test_an_impact_trigger_in_its_sentence_is_a_feature_of_the_mention():
    from newsgraph.learn.entities import mention_features
    from newsgraph.loaders.extract import new_pipeline, process_text
    from newsgraph.loaders.nlp.extensions import mentions

    doc = process_text(new_pipeline("zh"), "**发生了什么**：Zentrix发布新芯片。\n**可能的影响**：利好半导体板块。")
    cues = {span.text: [f for f in mention_features(doc, span) if f.startswith("imp@")] for span in mentions(doc)}
    assert cues["Zentrix"] == []
    assert "imp@before" in cues["半导体板块"] and "imp@before|label=Sector" in cues["半导体板块"]


class _FixedEntityModel:
    """A stand-in for the entity decider's model: every mention gets P(drop) = ``p_drop``."""

    def __init__(self, p_drop: float) -> None:
        from newsgraph.learn.entities import ENTITY_CLASSES

        self.classes = ENTITY_CLASSES
        self.p_drop = p_drop

    def predict(self, rows):
        probs = np.full((len(rows), len(self.classes)), (1.0 - self.p_drop) / (len(self.classes) - 1))
        probs[:, self.classes.index("drop")] = self.p_drop
        return probs


def _rule_doc(text: str):
    from newsgraph.learn.models import install
    from newsgraph.loaders.extract import new_pipeline, process_text

    nlp = new_pipeline("zh")
    install(nlp, None)
    return process_text(nlp, text)


def _mention_states(doc):
    from newsgraph.loaders.nlp.extensions import mentions

    return [(s.start_char, s.end_char, s.label_, s._.newsgraph_key, s._.newsgraph_weak) for s in mentions(doc)]


@pytest.mark.parametrize(("p_drop", "promoted"), [(0.2, True), (0.5, False)])
def test_the_entity_decider_only_promotes_weak_sector_words_it_finds_labelled(p_drop, promoted):
    from newsgraph.learn.entities import apply_entity_model

    doc = _rule_doc("加密货币价格大涨，Zentrix 公司发布了 Orbala 模型。")
    before = _mention_states(doc)
    weak = [m for m in before if m[4]]
    assert [m[2] for m in weak] == ["Sector"]  # 加密货币 with no market word: the rules leave it undecided
    assert any(not m[4] for m in before)  # and a name the rules decided, which the decider must not touch
    apply_entity_model(doc, _FixedEntityModel(p_drop), threshold=0.7)
    after = _mention_states(doc)
    assert [m[:4] for m in after] == [m[:4] for m in before]  # nothing dropped, added or retyped
    assert [m[4] for m in after] == [m[4] and not (m in weak and promoted) for m in before]


GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "gold"


@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason=f"gold files not found at {GOLD_DIR}")
def test_the_packaged_models_are_what_newsgraph_train_builds_from_the_gold_files(tmp_path):
    """A rule change that alters the mentions must come with retrained models (``newsgraph train
    --tasks entities``): the packaged files are rebuilt here and compared byte for byte."""
    from newsgraph.learn.models import packaged_models_dir

    packaged = packaged_models_dir()
    names = sorted(p.name for p in packaged.iterdir())
    assert names == ["entities.json", "entities.npz", "names.json", "names.npz"]
    train_to_dir(
        [GOLD_DIR / f for f in ("dev.jsonl", "train.jsonl", "train2.jsonl")],
        tmp_path,
        settings=TrainSettings(tasks=("entities",)),
    )
    for name in names:
        assert (tmp_path / name).read_bytes() == (packaged / name).read_bytes(), name
