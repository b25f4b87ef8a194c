"""``extract(item) -> Extraction``: run the spaCy pipeline of :mod:`newsgraph.loaders.nlp`.

The pipelines are built once per (language, catalog) and reused; building one compiles the
catalog's phrase patterns and the lexicon's regular expressions, which is the slow part.
Extraction is deterministic: the same text gives the same output in the same order.

>>> ex = extract_text("Anthropic 发布 Claude Opus 4.5。", "zh")
>>> [(e.key, e.label.value) for e in ex.entities]
[('company:anthropic', 'Company'), ('model:claude-opus-4-5', 'Model')]
>>> [(r.type.value, r.head, r.tail) for r in ex.relations]
[('RELEASED', 'company:anthropic', 'model:claude-opus-4-5')]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.graph.catalog import Catalog, default_catalog
from newsgraph.graph.model import Item, Label, RelType
from newsgraph.loaders.extraction import ExtractedEntity, ExtractedImpact, ExtractedRelation, Extraction
from newsgraph.loaders.nlp import doc_text, mentions, sentence_bounds, values_of  # importing registers the factories
from newsgraph.loaders.nlp.extensions import MentionValues
from newsgraph.loaders.records import detect_lang

__all__ = [
    "PIPE_NAMES",
    "build_pipeline",
    "doc_to_extraction",
    "extract",
    "extract_many",
    "extract_text",
    "new_pipeline",
    "process_text",
]

PIPE_NAMES = (
    "newsgraph_sentencizer",
    "newsgraph_catalog_ruler",
    "newsgraph_discovery",
    "newsgraph_learned_entities",
    "newsgraph_relations",
    "newsgraph_impacts",
    "newsgraph_learned_facts",
    "newsgraph_event_typer",
)

_ROLES = {
    RelType.PARTNERS_WITH: ("partner", "partner"),
    RelType.COMPETES_WITH: ("competitor", "competitor"),
    RelType.RELEASED: ("maker", "release"),
    RelType.REGULATES: ("regulator", "regulated"),
    RelType.INVESTS_IN: ("investor", "investee"),
    RelType.ACQUIRES: ("acquirer", "acquired"),
    RelType.PARTICIPATES_IN: ("participant", "initiative"),
    RelType.LEADS: ("leader", "led"),
}

_lock = threading.Lock()
_pipelines: dict[tuple[str, int], tuple[Catalog, Language]] = {}


def build_pipeline(lang: str, catalog: Catalog | None = None) -> Language:
    """The extraction pipeline for ``zh`` or ``en`` over ``catalog`` (default: the packaged one).

    Cached per language and catalog object, so calling it per item is cheap.
    """
    if lang not in ("zh", "en"):
        from newsgraph.errors import UnknownNameError

        raise UnknownNameError("language", lang, ["zh", "en"])
    catalog = catalog if catalog is not None else default_catalog()
    key = (lang, id(catalog))
    with _lock:
        cached = _pipelines.get(key)
        if cached is not None and cached[0] is catalog:
            return cached[1]
        nlp = new_pipeline(lang, catalog)
        _pipelines[key] = (catalog, nlp)
        return nlp


def new_pipeline(lang: str, catalog: Catalog | None = None) -> Language:
    """A fresh, uncached pipeline (training and cross-validation set their own models on it)."""
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "newsgraph.MixedTokenizer.v1"}}})
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    if catalog is not None:  # else the ruler reads the packaged catalog when it first needs it
        nlp.get_pipe("newsgraph_catalog_ruler").set_catalog(catalog)
    return nlp


def _make_doc(nlp: Language, text: str, title: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data["newsgraph_title"] = title
    return doc


def process_text(nlp: Language, text: str, title: str = "") -> Doc:
    """Run every component of ``nlp`` on ``text``; the processed ``Doc``."""
    return _run(nlp, text, title)


_MARKUP_AND_SPACE = re.compile(r"[\s*_#>`\"“”]+")


def _said_in(title: str, text: str) -> bool:
    """Does the body repeat the headline (markup, spaces and a closing ellipsis aside)?"""
    head = _MARKUP_AND_SPACE.sub("", title).rstrip("….")
    return head in _MARKUP_AND_SPACE.sub("", text)


def _annotate(nlp: Language, text: str, title: str) -> Doc:
    doc = _make_doc(nlp, text, title)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _run(nlp: Language, text: str, title: str) -> Doc:
    doc = _annotate(nlp, text, title)
    if title.strip() and not _said_in(title, text) and _kept_keys(doc):
        # the headline's own facts ("字节发布 Seed Prover 1.5"), kept by doc_to_extraction only
        # between names the body names too (so not read when the body names none); a
        # headline the body repeats is read there
        doc.user_data["newsgraph_title_doc"] = _annotate(nlp, title, "")
    return doc


def _fact_keys(doc: Doc) -> set[str]:
    """The entity keys the body's own relations and impacts name."""
    relations = doc._.newsgraph_relations or ()
    impacts = doc._.newsgraph_impacts or ()
    return {r.head for r in relations} | {r.tail for r in relations} | {i.target for i in impacts}


def _kept(mention: MentionValues, used: set[str]) -> bool:
    """Does the extraction keep this mention: any but a weak one (a sector word read as one)
    that no fact of the body names?"""
    return not mention.weak or mention.key in used


def _kept_keys(doc: Doc) -> set[str]:
    """The keys of the entities an extraction keeps."""
    used = _fact_keys(doc)
    return {values.key for span in mentions(doc) if _kept(values := values_of(span), used)}


def doc_to_extraction(doc: Doc, item_id: str, lang: str, title: str = "") -> Extraction:
    """Turn the annotations on a processed ``Doc`` into an :class:`Extraction`."""
    relations = list(doc._.newsgraph_relations or ())
    impacts = list(doc._.newsgraph_impacts or ())
    used = _fact_keys(doc)

    entities: dict[str, ExtractedEntity] = {}
    spans = mentions(doc)
    for span in spans:
        ext = values_of(span)
        key = ext.key
        if not _kept(ext, used):
            continue
        surface = " ".join(span.text.split()).strip("*_ ")
        entity = entities.get(key)
        if entity is None:
            entities[key] = ExtractedEntity(
                key=key,
                label=Label(span.label_),
                name=ext.name,
                surfaces=[surface] if surface else [],
                known=ext.known,
                confidence=round(float(ext.confidence), 3),
            )
        else:
            if surface and surface not in entity.surfaces:
                entity.surfaces.append(surface)
            entity.confidence = max(entity.confidence, round(float(ext.confidence), 3))

    head_doc = doc.user_data.get("newsgraph_title_doc")
    if head_doc is not None:
        known = {(r.type, r.head, r.tail) for r in relations}
        relations += [r for r in head_doc._.newsgraph_relations or () if (r.type, r.head, r.tail) not in known]
        targets = {(i.type, i.target) for i in impacts}
        impacts += [i for i in head_doc._.newsgraph_impacts or () if (i.type, i.target) not in targets]
    rels = [
        ExtractedRelation(type=r.type, head=r.head, tail=r.tail, evidence=r.evidence, confidence=round(r.confidence, 3))
        for r in relations
        if r.head in entities and r.tail in entities
    ]
    imps = [
        ExtractedImpact(type=i.type, target=i.target, evidence=i.evidence, confidence=round(i.confidence, 3))
        for i in impacts
        if i.target in entities
    ]

    roles: dict[str, str] = {}
    said: dict[str, str] = {}  # the sentence that made each participant one
    for rel in rels:
        head_role, tail_role = _ROLES.get(rel.type, ("involved", "involved"))
        roles.setdefault(rel.head, head_role)
        roles.setdefault(rel.tail, tail_role)
        said.setdefault(rel.head, rel.evidence)
        said.setdefault(rel.tail, rel.evidence)
    for imp in imps:
        roles.setdefault(imp.target, "beneficiary" if imp.type is RelType.BENEFITS else "hurt")
        said.setdefault(imp.target, imp.evidence)
    participants = list(roles)
    if not participants:
        # nothing related: the non-sector entities of the first sentence are the actors
        bounds = sentence_bounds(doc)
        first_end = bounds[0][1] if bounds else len(doc_text(doc))
        first = doc_text(doc)[bounds[0][0] : first_end].strip() if bounds else doc_text(doc).strip()
        for span in spans:
            key = values_of(span).key
            if span.start_char >= first_end:
                break
            if key in entities and span.label_ != Label.SECTOR.value and key not in roles:
                roles[key] = "mentioned"
                said[key] = first
        participants = list(roles)

    event_title = title.strip() or _first_line(doc_text(doc))
    return Extraction(
        item_id=item_id,
        lang=lang,
        entities=list(entities.values()),
        relations=rels,
        impacts=imps,
        event_kind=doc._.newsgraph_event_kind or "other",
        event_title=event_title,
        participants=participants,
        roles=roles,
        participant_evidence={key: said[key] for key in participants if said.get(key)},
    )


def _first_line(text: str, limit: int = 80) -> str:
    from newsgraph.loaders.nlp import _FIELD_LINE

    for line in text.splitlines():
        line = _FIELD_LINE.sub("", line).strip(" -*#>\t")
        if line:
            line = re.split(r"(?<=[。！？!?])|(?<=\.)\s", line)[0].strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def extract_text(
    text: str, lang: str | None = None, item_id: str = "", title: str = "", catalog: Catalog | None = None
) -> Extraction:
    """Extract from a bare text. ``title`` chooses the event kind and title, and its own facts
    count between names the text names too."""
    lang = lang or detect_lang(f"{title} {text}")
    nlp = build_pipeline(lang, catalog)
    doc = _run(nlp, text, title)
    return doc_to_extraction(doc, item_id, lang, title)


def extract(item: Item, catalog: Catalog | None = None) -> Extraction:
    """Extract entities, relations, impacts and the event kind from one :class:`Item`."""
    return extract_text(item.text, item.lang, item.id, item.title, catalog)


def extract_many(items: Iterable[Item], catalog: Catalog | None = None) -> Iterator[Extraction]:
    """``extract`` over many items, reusing the pipelines (one per language)."""
    for item in items:
        yield extract(item, catalog)
