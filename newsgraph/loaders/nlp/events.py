"""``EventTyper``: the event kind of an item (funding, release, regulation, ...).

Cue words weighted by place (title and first sentence count most; the why / impact /
source / date fields not at all) plus the relation types found; ``other`` when nothing
speaks.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.graph.model import EVENT_KINDS, RelType
from newsgraph.loaders.nlp.extensions import doc_text, sentence_bounds
from newsgraph.loaders.nlp.lexicon import Lexicon
from newsgraph.loaders.nlp.matcher import WordMatcher
from newsgraph.loaders.nlp.sentences import field_at
from newsgraph.loaders.nlp.text import fold_lower

_REL_EVENT = {
    RelType.ACQUIRES: "acquisition",
    RelType.INVESTS_IN: "funding",
    RelType.PARTNERS_WITH: "partnership",
    RelType.PARTICIPATES_IN: "partnership",
    RelType.RELEASED: "release",
    RelType.REGULATES: "regulation",
}


class EventTyper:
    """The item's event kind: cue words weighted by place (title and first sentence count
    most) plus the relation types found; ``other`` when nothing speaks."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.matchers = {kind: WordMatcher(words.all()) for kind, words in lexicon.events.items()}

    def scores(self, doc: Doc, title: str = "") -> dict[str, float]:
        text = doc_text(doc)
        lowered = fold_lower(text)
        sentences = sentence_bounds(doc)
        first_end = sentences[0][1] if sentences else len(text)
        # the 'what happened' field leads when there is one
        for _start, end, name in doc._.newsgraph_fields or ():
            if name == "what":
                first_end = max(first_end, end)
                break
        scores = dict.fromkeys(EVENT_KINDS, 0.0)
        title_low = fold_lower(title)
        for kind, matcher in self.matchers.items():
            for _ in matcher.finditer(title_low):
                scores[kind] += 3.0
            for s, _e in matcher.finditer(lowered):
                field = field_at(doc, s)
                if field in ("why", "impact", "source", "date"):
                    continue
                scores[kind] += 2.0 if s < first_end else 1.0
        for hit in doc._.newsgraph_relations or ():
            kind = _REL_EVENT.get(hit.type)
            if kind:
                scores[kind] += 2.5 if hit.start < first_end else 1.0
        return scores

    def __call__(self, doc: Doc) -> Doc:
        scores = self.scores(doc, doc.user_data.get("newsgraph_title", ""))
        doc._.newsgraph_event_scores = scores
        best = max(EVENT_KINDS, key=lambda k: (scores[k], -EVENT_KINDS.index(k)))
        doc._.newsgraph_event_kind = best if scores[best] > 0 else "other"
        return doc
