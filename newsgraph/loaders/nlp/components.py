"""Registration of the tokenizer and every pipeline component, in this one module.

Each factory takes its settings from ``default_config`` (overridable with ``nlp.add_pipe(name,
config=...)``) and builds the component class from its own module. Importing
:mod:`newsgraph.loaders.nlp` imports this module, which registers them all.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from newsgraph.graph.catalog import load_catalog
from newsgraph.loaders.nlp.discovery import EntityDiscovery
from newsgraph.loaders.nlp.events import EventTyper
from newsgraph.loaders.nlp.impacts import ImpactRules
from newsgraph.loaders.nlp.learned import LearnedEntities, LearnedFacts
from newsgraph.loaders.nlp.lexicon import load_lexicon
from newsgraph.loaders.nlp.relations import RelationRules
from newsgraph.loaders.nlp.ruler import CatalogRuler
from newsgraph.loaders.nlp.sentences import NewsSentencizer
from newsgraph.loaders.nlp.tokenizer import MixedTokenizer


@spacy.registry.tokenizers("newsgraph.MixedTokenizer.v1")
def create_mixed_tokenizer():
    def make(nlp: Language) -> MixedTokenizer:
        return MixedTokenizer(nlp.vocab)

    return make


@Language.factory("newsgraph_sentencizer", default_config={"split_on_newline": True})
def make_sentencizer(nlp: Language, name: str, split_on_newline: bool) -> NewsSentencizer:
    return NewsSentencizer(split_on_newline=split_on_newline)


@Language.factory(
    "newsgraph_catalog_ruler",
    default_config={"catalog_files": [], "min_ticker_length": 3, "lexicon_path": None},
)
def make_catalog_ruler(
    nlp: Language, name: str, catalog_files: list[str], min_ticker_length: int, lexicon_path: str | None
) -> CatalogRuler:
    catalog = load_catalog(catalog_files) if catalog_files else None  # None: the packaged one, when needed
    return CatalogRuler(nlp, catalog, min_ticker_length=min_ticker_length, lexicon=load_lexicon(lexicon_path))


@Language.factory("newsgraph_discovery", default_config={"lexicon_path": None, "max_zh_name": 10})
def make_discovery(nlp: Language, name: str, lexicon_path: str | None, max_zh_name: int) -> EntityDiscovery:
    return EntityDiscovery(nlp, load_lexicon(lexicon_path), max_zh_name=max_zh_name)


@Language.factory("newsgraph_relations", default_config={"lexicon_path": None, "rumour_confidence": 0.6})
def make_relations(nlp: Language, name: str, lexicon_path: str | None, rumour_confidence: float) -> RelationRules:
    return RelationRules(load_lexicon(lexicon_path), rumour_confidence=rumour_confidence)


@Language.factory("newsgraph_impacts", default_config={"lexicon_path": None})
def make_impacts(nlp: Language, name: str, lexicon_path: str | None) -> ImpactRules:
    return ImpactRules(load_lexicon(lexicon_path))


@Language.factory("newsgraph_learned_entities", default_config={"models_dir": None})
def make_learned_entities(nlp: Language, name: str, models_dir: str | None) -> LearnedEntities:
    return LearnedEntities(models_dir=models_dir)


@Language.factory("newsgraph_learned_facts", default_config={"lexicon_path": None, "models_dir": None})
def make_learned_facts(nlp: Language, name: str, lexicon_path: str | None, models_dir: str | None) -> LearnedFacts:
    return LearnedFacts(load_lexicon(lexicon_path), models_dir=models_dir)


@Language.factory("newsgraph_event_typer", default_config={"lexicon_path": None})
def make_event_typer(nlp: Language, name: str, lexicon_path: str | None) -> EventTyper:
    return EventTyper(load_lexicon(lexicon_path))
