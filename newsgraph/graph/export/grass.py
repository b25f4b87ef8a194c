"""Styles for Neo4j's own tools: a Neo4j Browser style sheet (GraSS) and a Bloom caption set.

Both come from :mod:`.style`, so Neo4j Browser shows the graph in the colours of the
exported files. Load the ``.grass`` file by dragging it onto Neo4j Browser's editor (or
``:style`` and then drop it); every label gets its colour and its caption (``{name}``, or
``{title}`` for Event and Item), every relationship its type. Bloom has no documented
import format for style alone, so :func:`bloom_captions` is a small JSON (label, colour,
caption property, size) to apply by hand in a Bloom perspective (*Perspective > Categories*);
``docs/export.md`` walks through it.
"""

from __future__ import annotations

import json

from networkx.utils import open_file

from newsgraph.graph.export.flatten import FORMAT_VERSION, generator
from newsgraph.graph.export.style import DEFAULT_REL_COLOR, LABEL_STYLES, REL_COLORS, text_color

__all__ = ["bloom_captions", "grass_text", "write_bloom_captions", "write_grass"]


def _darker(color: str, factor: float = 0.8) -> str:
    value = color.lstrip("#")
    return "#" + "".join(f"{int(int(value[i : i + 2], 16) * factor):02X}" for i in (0, 2, 4))


def grass_text() -> str:
    """The GraSS style sheet.

    Examples
    --------
    >>> sheet = grass_text()
    >>> print(sheet[sheet.index("node.Company"):].split("\\n}")[0] + "\\n}")
    node.Company {
      color: #4E79A7;
      border-color: #3E6085;
      text-color-internal: #000000;
      caption: '{name}';
      diameter: 55px;
    }
    """
    blocks = [
        f"/* {generator()} Neo4j Browser style (GraSS), format_version {FORMAT_VERSION} */",
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        "  text-color-internal: #FFFFFF;\n  font-size: 10px;\n}",
        f"relationship {{\n  color: {DEFAULT_REL_COLOR};\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        "  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: '<type>';\n}",
    ]
    for label, style in LABEL_STYLES.items():
        blocks.append(
            f"node.{label} {{\n  color: {style.color};\n  border-color: {_darker(style.color)};\n"
            f"  text-color-internal: {text_color(style.color)};\n  caption: '{{{style.caption}}}';\n"
            f"  diameter: {int(style.size * 5.5)}px;\n}}"
        )
    for rel, color in REL_COLORS.items():
        blocks.append(f"relationship.{rel} {{\n  color: {color};\n  shaft-width: 2px;\n  caption: '<type>';\n}}")
    return "\n\n".join(blocks) + "\n"


def bloom_captions() -> dict:
    """Colour, caption property and size per label and relationship type, for a Bloom perspective.

    >>> bloom_captions()["categories"][0]
    {'name': 'Company', 'labels': ['Company'], 'color': '#4E79A7', 'caption': ['name'], 'size': 1.0}
    """
    return {
        "format_version": FORMAT_VERSION,
        "generator": generator(),
        "tool": "Neo4j Bloom (apply by hand: Perspective > Categories; see docs/export.md)",
        "categories": [
            {
                "name": label,
                "labels": [label],
                "color": style.color,
                "caption": [style.caption],
                "size": round(style.size / 10, 2),
            }
            for label, style in LABEL_STYLES.items()
        ],
        "relationshipTypes": [
            {"name": rel, "color": color, "caption": ["<type>"]} for rel, color in REL_COLORS.items()
        ],
        "defaultRelationshipColor": DEFAULT_REL_COLOR,
    }


@open_file(0, mode="wb")
def write_grass(path_or_file) -> None:
    """Write the Neo4j Browser style sheet (``.grass``)."""
    path_or_file.write(grass_text().encode("utf-8"))


@open_file(0, mode="wb")
def write_bloom_captions(path_or_file) -> None:
    """Write the Bloom caption set (``.json``)."""
    path_or_file.write((json.dumps(bloom_captions(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
