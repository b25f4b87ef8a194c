"""The spaCy components of the extraction pipeline.

The pipeline is a blank ``zh`` or ``en`` pipeline (no model download) with the project's
tokenizer and components, in this order::

    newsgraph.MixedTokenizer.v1   CJK one character a token, Latin words and numbers whole;
                                  token norms fold case, full-width forms and traditional
                                  Chinese (so 輝達 matches 辉达 and ＯｐｅｎＡＩ matches OpenAI)
    newsgraph_sentencizer         sentences at 。！？；!?; and line ends, field lines
                                  (发生了什么: / What happened:) start their own sentence
    newsgraph_catalog_ruler       catalog names, aliases and tickers -> ``doc.ents``
    newsgraph_discovery           names the catalog does not know, typed by cue words
    newsgraph_relations           relation rules over trigger lexicons, per sentence
    newsgraph_impacts             BENEFITS / HURTS from impact fields and inline statements
    newsgraph_event_typer         the event kind of the item

Results live on ``Doc`` and ``Span`` extensions (all named ``newsgraph_*``):

- ``doc.ents``: entity mentions; each span has ``span._.newsgraph_key`` (catalog id, or
  ``label:slug`` for a discovered entity), ``newsgraph_name``, ``newsgraph_known``,
  ``newsgraph_confidence``, ``newsgraph_source`` (``catalog`` / ``discovery``) and
  ``newsgraph_weak`` (a guess kept only when a relation uses it); :func:`values_of` reads
  all six at once, cheaply.
- ``doc._.newsgraph_fields``: ``(start_char, end_char, field)`` of digest field lines.
- ``doc._.newsgraph_relations``: :class:`RelationHit` list.
- ``doc._.newsgraph_impacts``: :class:`ImpactHit` list.
- ``doc._.newsgraph_event_kind`` and ``doc._.newsgraph_event_scores``.

The trigger lexicons are data (``data/lexicon.yaml``), validated by :class:`Lexicon`.

The modules, in reading order:

- :mod:`.text`: folding (case, width, traditional Chinese) and shared text tests;
  :mod:`.matcher`: ``WordMatcher``, a word list as one regular expression;
  :mod:`.lexicon`: the lexicon schema and loader.
- :mod:`.tokenizer`: ``MixedTokenizer``; :mod:`.extensions`: the ``Doc``/``Span``
  extensions, result records and accessors; :mod:`.sentences`: ``NewsSentencizer``.
- :mod:`.ruler`: ``CatalogRuler``; :mod:`.discovery` (with :mod:`.discovery_cues`,
  :mod:`.discovery_latin` and its patterns :mod:`.latin_words`, :mod:`.discovery_zh`, and
  :mod:`.romanized` for names in pinyin): ``EntityDiscovery``.
- :mod:`.relations` (with :mod:`.relations_scope`, :mod:`.relations_patterns`,
  :mod:`.relations_verbless`):
  ``RelationRules``; :mod:`.impacts`: ``ImpactRules``; :mod:`.events`: ``EventTyper``.
- :mod:`.components`: the ``Language.factory`` registrations, all in one module.

Importing this package registers the tokenizer and the components.
"""

from __future__ import annotations

from newsgraph.loaders.nlp.components import (  # importing registers the factories
    create_mixed_tokenizer,
    make_catalog_ruler,
    make_discovery,
    make_event_typer,
    make_impacts,
    make_relations,
    make_sentencizer,
)
from newsgraph.loaders.nlp.discovery import EntityDiscovery
from newsgraph.loaders.nlp.events import EventTyper
from newsgraph.loaders.nlp.extensions import (
    MENTIONS,
    TEXT_KEY,
    ImpactHit,
    RelationHit,
    doc_text,
    masked_text,
    mentions,
    sentence_bounds,
    values_of,
)
from newsgraph.loaders.nlp.impacts import ImpactRules
from newsgraph.loaders.nlp.lexicon import Discovery, Impacts, ImpactWords, Lexicon, RelationRule, Words, load_lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.relations import RelationRules
from newsgraph.loaders.nlp.ruler import CatalogRuler
from newsgraph.loaders.nlp.sentences import _FIELD_LINE as _FIELD_LINE
from newsgraph.loaders.nlp.sentences import NewsSentencizer, field_at
from newsgraph.loaders.nlp.text import fold, fold_lower
from newsgraph.loaders.nlp.tokenizer import MixedTokenizer

__all__ = [
    "MENTIONS",
    "TEXT_KEY",
    "CatalogRuler",
    "Discovery",
    "EntityDiscovery",
    "EventTyper",
    "ImpactHit",
    "ImpactRules",
    "ImpactWords",
    "Impacts",
    "Lexicon",
    "MixedTokenizer",
    "NewsSentencizer",
    "RelationHit",
    "RelationRule",
    "RelationRules",
    "WordMatcher",
    "Words",
    "create_mixed_tokenizer",
    "doc_text",
    "field_at",
    "fold",
    "fold_lower",
    "load_lexicon",
    "make_catalog_ruler",
    "make_discovery",
    "make_event_typer",
    "make_impacts",
    "make_relations",
    "make_sentencizer",
    "masked_text",
    "mentions",
    "sentence_bounds",
    "values_of",
]
