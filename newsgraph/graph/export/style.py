"""Colours, sizes and captions per label, shared by every export format.

One table, :data:`LABEL_STYLES`, decides how a node of each label looks in Gephi (GEXF
``viz``), Cytoscape.js, DOT, Mermaid, the HTML page and Neo4j Browser (GraSS), so the same
graph looks the same wherever it is opened. The caption is the ``name`` of an entity and the
``title`` of an Event or Item.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.graph.model import Label, RelType

__all__ = [
    "DEFAULT_REL_COLOR",
    "LABEL_STYLES",
    "REL_COLORS",
    "LabelStyle",
    "caption",
    "hex_to_rgb",
    "label_style",
    "rel_color",
    "text_color",
]


@dataclass(frozen=True)
class LabelStyle:
    """How nodes of one label are drawn.

    Attributes
    ----------
    color : str
        Fill colour, ``#rrggbb``.
    caption : str
        The node property shown as its caption (``name`` or ``title``).
    size : float
        Relative size (entities 10).
    """

    color: str
    caption: str
    size: float


#: Tableau-10-like palette: distinct hues that survive greyscale printing reasonably well.
LABEL_STYLES: dict[str, LabelStyle] = {
    Label.COMPANY.value: LabelStyle("#4E79A7", "name", 10),
    Label.MODEL.value: LabelStyle("#F28E2B", "name", 10),
    Label.PRODUCT.value: LabelStyle("#EDC948", "name", 10),
    Label.AGENCY.value: LabelStyle("#B07AA1", "name", 10),
    Label.TOKEN.value: LabelStyle("#59A14F", "name", 10),
    Label.SECTOR.value: LabelStyle("#76B7B2", "name", 12),
    Label.PERSON.value: LabelStyle("#FF9DA7", "name", 10),
    Label.COUNTRY.value: LabelStyle("#9C755F", "name", 10),
    Label.INITIATIVE.value: LabelStyle("#E15759", "name", 10),
    Label.EVENT.value: LabelStyle("#BAB0AC", "title", 8),
    Label.ITEM.value: LabelStyle("#79706E", "title", 6),
}
_UNKNOWN = LabelStyle("#A5ABB6", "name", 8)

#: Edge colours: impact is green/red, regulation purple, everything else Neo4j grey.
REL_COLORS: dict[str, str] = {
    RelType.BENEFITS.value: "#59A14F",
    RelType.HURTS.value: "#E15759",
    RelType.REGULATES.value: "#B07AA1",
}
DEFAULT_REL_COLOR = "#A5ABB6"


def label_style(label: str | None) -> LabelStyle:
    """The style of a label; an unknown label gets a neutral grey.

    >>> label_style("Company").color
    '#4E79A7'
    >>> label_style("Unheard").color
    '#A5ABB6'
    """
    return LABEL_STYLES.get(label or "", _UNKNOWN)


def rel_color(rel_type: str | None) -> str:
    """The colour of a relationship type.

    >>> rel_color("HURTS"), rel_color("MENTIONS")
    ('#E15759', '#A5ABB6')
    """
    return REL_COLORS.get(rel_type or "", DEFAULT_REL_COLOR)


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as a red, green, blue triple.

    >>> hex_to_rgb("#4E79A7")
    (78, 121, 167)
    """
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def text_color(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance).

    >>> text_color("#79706E"), text_color("#EDC948")
    ('#FFFFFF', '#000000')
    """

    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_to_rgb(background))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def caption(node_id: str, attrs: dict, max_len: int | None = None) -> str:
    """The text shown for a node: its label's caption property, else ``name``, else the id.

    Parameters
    ----------
    node_id : str
        The node id, the last resort.
    attrs : dict
        The node's attributes (``label``, ``name``, ``title`` ...).
    max_len : int, optional
        Cut longer captions to this many characters, ending with an ellipsis.

    Examples
    --------
    >>> caption("event:1", {"label": "Event", "title": "OpenAI and AMD sign a deal", "name": "x"})
    'OpenAI and AMD sign a deal'
    >>> caption("company:openai", {"label": "Company"})
    'company:openai'
    >>> caption("item:1", {"label": "Item", "title": "A rather long headline"}, max_len=10)
    'A rather …'
    >>> caption("item:2", {"label": "Item", "title": "", "name": "", "text": "OpenAI 发布 GPT-5。\\n第二段"})
    'OpenAI 发布 GPT-5。'
    """
    style = label_style(attrs.get("label"))
    text = attrs.get(style.caption) or attrs.get("name") or attrs.get("title")
    if not text and attrs.get("text"):  # an untitled item: the start of its text
        text = caption(node_id, {"title": str(attrs["text"]).strip().split("\n")[0]}, max_len=max_len or 80)
    text = " ".join(str(text or node_id).split())
    if max_len is not None and len(text) > max_len:
        text = text[: max_len - 1].rstrip() + " …"
    return text
