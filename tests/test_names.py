"""The name checker (newsgraph.learn.names): what it rules on, what it drops, its training
data reader, deterministic training, and the packaged model's reproducibility from CLUENER."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from newsgraph.errors import InputError
from newsgraph.learn.models import LearnedModels, install, load_models, packaged_models_dir
from newsgraph.learn.names import NAME_CLASSES, THRESHOLD, read_cluener, train_name_model
from newsgraph.loaders.extract import new_pipeline, process_text
from newsgraph.loaders.nlp.extensions import mentions

CLUENER_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "cluener-zh"


class _FixedNameModel:
    """A stand-in checker giving every row the same P(name)."""

    classes = NAME_CLASSES

    def __init__(self, p_name: float) -> None:
        self.p_name = p_name
        self.rows: list[list[str]] = []

    def predict(self, rows):
        self.rows += rows
        return np.tile([1.0 - self.p_name, self.p_name], (len(rows), 1))


def _names(text: str, models: LearnedModels | None, lang: str = "zh") -> list[tuple[str, str]]:
    nlp = new_pipeline(lang)
    install(nlp, models)
    return [(s.text, s.label_) for s in mentions(process_text(nlp, text))]


# made-up text: a catalog bank, a discovered company (twice), a transliterated name, a person after a title
_TEXT = "工商银行与蓝海数据公司签约。蓝海数据公司CEO约翰·泽塔表示，董事长王立群将出席。"


def test_without_the_checker_discovery_proposes_the_names_the_test_relies_on():
    found = _names(_TEXT, None)
    assert ("蓝海数据公司", "Company") in found and ("约翰·泽塔", "Person") in found and ("王立群", "Person") in found


@pytest.mark.parametrize(("p_name", "dropped"), [(THRESHOLD - 0.01, True), (THRESHOLD, False)])
def test_a_discovered_chinese_name_below_the_threshold_goes_with_all_its_mentions(p_name, dropped):
    model = _FixedNameModel(p_name)
    found = _names(_TEXT, LearnedModels(names=model, name_threshold=THRESHOLD))
    assert (("蓝海数据公司", "Company") not in found) is dropped
    assert found.count(("蓝海数据公司", "Company")) in ((0,) if dropped else (2,))
    assert (("王立群", "Person") not in found) is dropped
    # never ruled on: catalog names and transliterated names (discovery's own `·` rule decides those)
    assert ("约翰·泽塔", "Person") in found
    assert any(name == "工商银行" for name, _ in found)
    assert model.rows and all("t=Company" in row or "t=Person" in row for row in model.rows)


def test_latin_names_are_never_ruled_on():
    model = _FixedNameModel(0.0)
    found = _names("Zentrix Labs Inc. signed a deal with Orbala Inc.", LearnedModels(names=model), lang="en")
    assert ("Zentrix Labs Inc", "Company") in found and ("Orbala Inc", "Company") in found
    assert model.rows == []


def test_the_packaged_checker_drops_a_name_glued_to_the_word_before_it_and_keeps_whole_names():
    packaged = load_models(str(packaged_models_dir()))
    assert packaged is not None and packaged.names is not None
    text = "部分城商行，如长江银行和东海银行，已经跟进。本报讯 央行副行长苏中明昨天上午强调，要防范风险。"
    before = _names(text, None)
    assert ("如长江银行", "Company") in before  # the rules glue 如 ("such as") to the bank
    after = _names(text, packaged)
    assert ("如长江银行", "Company") not in after
    assert ("苏中明", "Person") in after


def test_read_cluener_leaves_out_a_gloss_and_the_marks_of_a_title(tmp_path):
    path = tmp_path / "train.json"
    records = [
        {"text": "导演菲尔·布朗（philbrown）执导", "label": {"name": {"菲尔·布朗（philbrown）": [[2, 17]]}}},
        {"text": "新作《星海传说》上线", "label": {"game": {"《星海传说》": [[2, 7]]}}},
        {"text": "没有标注的句子"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False, indent=2) for r in records), encoding="utf-8")
    read = read_cluener(path)
    assert read[0] == ("导演菲尔·布朗（philbrown）执导", {(2, 7): "name"})
    assert read[1] == ("新作《星海传说》上线", {(3, 7): "game"})
    assert read[2] == ("没有标注的句子", {})


def _tiny_cluener(folder: Path) -> None:
    folder.mkdir()
    sentences = []
    for i, (bank, boss) in enumerate([("长江银行", "王立群"), ("东海银行", "赵明远"), ("金桥银行", "苏中明")] * 4):
        text = f"据悉，如{bank}行长{boss}表示，第{i}季度业绩稳定。"
        start = text.index(bank)
        labels = {"company": {bank: [[start, start + len(bank) - 1]]}}
        labels["name"] = {boss: [[text.index(boss), text.index(boss) + len(boss) - 1]]}
        sentences.append({"text": text, "label": labels})
    for name in ("train.json", "dev.json"):
        body = "\n".join(json.dumps(s, ensure_ascii=False) for s in sentences)
        (folder / name).write_text(body, encoding="utf-8")


def test_training_the_checker_twice_gives_identical_files(tmp_path):
    from newsgraph.learn.train import train_names

    _tiny_cluener(tmp_path / "cluener")
    for out in ("one", "two"):
        model, threshold, figures = train_names(tmp_path / "cluener")
        model.save(tmp_path / out, "names", {"threshold": threshold})
        assert figures["proposals"] > 0
    for suffix in ("json", "npz"):
        assert (tmp_path / "one" / f"names.{suffix}").read_bytes() == (
            tmp_path / "two" / f"names.{suffix}"
        ).read_bytes()


def test_a_missing_cluener_file_is_a_clear_error_naming_it(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli.app import app
    from newsgraph.learn.train import train_names

    with pytest.raises(InputError, match=r"train\.json"):
        train_names(tmp_path)
    result = CliRunner().invoke(app, ["train", "--cluener", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code != 0
    assert "train.json" in result.output and "Traceback" not in result.output
    (tmp_path / "train.json").write_text('{"text": "句子", "label": ["not", "a", "map"]}', encoding="utf-8")
    (tmp_path / "dev.json").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"train\.json.*not CLUENER's format"):
        train_names(tmp_path)


def test_train_name_model_reports_figures_on_the_records_kept_apart(tmp_path):
    _tiny_cluener(tmp_path / "c")
    proposals = []

    def propose(text):
        start = text.index("如")
        proposals.append(text)
        return [(start, start + 5, "Company", "0.7")]  # always the glued form

    records = [read_cluener(tmp_path / "c" / name) for name in ("train.json", "dev.json")]
    model, threshold, figures = train_name_model(*records, propose)
    assert threshold == THRESHOLD
    assert figures["precision_before"] == 0.0  # the glued form is never a label
    assert model.classes == NAME_CLASSES


@pytest.mark.skipif(
    not CLUENER_DIR.is_dir() and os.environ.get("CI", "").lower() not in {"1", "true", "yes"},
    reason=f"CLUENER not found at {CLUENER_DIR}",
)
def test_the_packaged_checker_is_what_newsgraph_train_builds_from_cluener(tmp_path):
    """A rule change that alters discovery's Chinese proposals must come with a retrained
    checker (``newsgraph train --cluener ../shared/corpora/cluener-zh``)."""
    from newsgraph.learn.train import train_names

    model, threshold, _figures = train_names(CLUENER_DIR)
    model.save(tmp_path, "names", {"threshold": threshold})
    for suffix in ("json", "npz"):
        assert (tmp_path / f"names.{suffix}").read_bytes() == (packaged_models_dir() / f"names.{suffix}").read_bytes()


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("这项政策将促使行业加速整合。", "促使行业", False),  # holds a verb
        ("对方未能履行业绩补偿承诺。", "履行业", False),  # ends inside 业绩
        ("受此影响，数字人产业的估值上升。", "数字人产业", True),
        ("汇丰银行在重庆成立村镇银行。", "汇丰银行", True),
    ],
)
def test_the_segmenter_says_whether_a_span_is_one_unit(text, span, unit):
    from newsgraph.loaders.nlp.segment import is_unit

    start = text.index(span)
    assert is_unit(text, start, start + len(span)) is unit


_WINDOWS = [
    "据报道，智谱华章推出悟道天工系统，AI芯片行业承压。",
    "受此影响，数字人产业的估值上升，汇丰银行在重庆成立村镇银行。",
    "对方未能履行业绩补偿承诺，宁德时代与比亚迪的固态电池量产提速",
    "OpenAI发布GPT-5.1，微软Azure同步上线；余承东亲自接手大模型业务",
]


def test_the_dictionary_index_cuts_and_tags_every_window_as_jieba_does(tmp_path, monkeypatch):
    import jieba
    import jieba.posseg

    from newsgraph.loaders.nlp import segment_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("NEWSGRAPH_CACHE", "1")
    stale = [tmp_path / "newsgraph" / f"jieba-0.42.0-{n}-{n}-v1.sqlite" for n in (1, 2)]  # jieba installs gone since
    stale[0].parent.mkdir(parents=True)
    for n, path in enumerate(stale):
        path.write_bytes(b"")
        os.utime(path, (1 + n, 1 + n))
    indexed = segment_index.posseg_tagger()  # writes the index under tmp_path
    assert segment_index.index_path(jieba).is_relative_to(tmp_path) and segment_index.index_path(jieba).exists()
    assert [path.exists() for path in stale] == [False, True]  # the index and the newer stale one are kept
    assert isinstance(indexed.word_tag_tab, segment_index._View)
    jiebas_own = jieba.posseg.POSTokenizer(jieba.Tokenizer())  # jieba's in-memory dictionary
    for window in _WINDOWS + [w[i:] for w in _WINDOWS for i in (3, 7)]:
        assert [tuple(p) for p in indexed.cut(window)] == [tuple(p) for p in jiebas_own.cut(window)], window


def test_the_dictionary_index_is_named_by_the_dictionarys_bytes_not_its_install_time(tmp_path, monkeypatch):
    from newsgraph.loaders.nlp import segment_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSGRAPH_CACHE", "1")
    installs = []
    for venv in ("a", "b"):  # two virtual environments with the same jieba, installed at other times
        folder = tmp_path / venv / "jieba"
        folder.mkdir(parents=True)
        (folder / "dict.txt").write_bytes("人工智能 300 n\n".encode())
        os.utime(folder / "dict.txt", (len(installs) + 1, len(installs) + 1))
        installs.append(SimpleNamespace(__file__=str(folder / "__init__.py"), DEFAULT_DICT_NAME="dict.txt"))
        installs[-1].__version__ = "0.42.1"
    assert segment_index.index_path(installs[0]) == segment_index.index_path(installs[1])
    (tmp_path / "b" / "jieba" / "dict.txt").write_bytes("人工智能 301 n\n".encode())
    assert segment_index.index_path(installs[0]) != segment_index.index_path(installs[1])


def test_the_dictionary_index_reads_jiebas_format_prefixes_and_tags_included():
    from newsgraph.loaders.nlp.segment_index import _read_dictionary

    stream = io.BytesIO("人工智能 300 n\n人工 20 n\n\n智能 50 n\n".encode())
    entries, total = _read_dictionary(stream)
    assert total == 370
    assert entries == {
        "人工智能": (300, "n"),
        "人": (0, None),
        "人工": (20, "n"),
        "人工智": (0, None),
        "智能": (50, "n"),
        "智": (0, None),
    }
    with pytest.raises(ValueError, match="line 1"):
        _read_dictionary(io.BytesIO("人工智能 many n\n".encode()))


def test_without_the_cache_the_segmenter_is_jiebas_own(monkeypatch):
    import jieba.posseg

    from newsgraph.loaders.nlp import segment_index

    monkeypatch.setenv("NEWSGRAPH_CACHE", "0")
    assert segment_index.posseg_tagger() is jieba.posseg.dt


def test_a_dictionary_index_removed_while_running_falls_back_to_jiebas_file(tmp_path, monkeypatch):
    import jieba

    from newsgraph.loaders.nlp import segment_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tagger = segment_index.posseg_tagger()
    segment_index.index_path(jieba).unlink()
    tagger.tokenizer.FREQ._index._pid = -1  # as in a forked worker: the index is opened again
    assert [tuple(p) for p in tagger.cut("汇丰银行在重庆成立村镇银行")][:2] == [("汇丰银行", "nt"), ("在", "p")]


def test_an_unreadable_dictionary_index_is_written_again(tmp_path, monkeypatch):
    import jieba

    from newsgraph.loaders.nlp import segment_index

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = segment_index.index_path(jieba)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database, a file cut short by a full disk")
    tagger = segment_index.posseg_tagger()
    assert isinstance(tagger.word_tag_tab, segment_index._View)  # the index, not jieba's own load
    assert [tuple(p) for p in tagger.cut("汇丰银行在重庆成立村镇银行")][:2] == [("汇丰银行", "nt"), ("在", "p")]
    with sqlite3.connect(path) as conn:  # a whole index again, for the processes after this one
        assert conn.execute("SELECT freq, tag FROM words WHERE word = '银行'").fetchone()[1] == "n"
