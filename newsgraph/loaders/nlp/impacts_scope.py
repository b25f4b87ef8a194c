"""What an impact statement asserts: how far a trigger reaches and which statements state no move.

:mod:`.impacts` finds the triggers and picks their targets; this module holds the tests of
scope that apply to any trigger: a condition (若…, "if …", 即使 …) or its consequence states no
move, nor does a question with a modal ("Could … Trigger a Crash?"); a trigger inside brackets
reaches no name outside them; two opposite moves of one subject in a row make one move, the
last (下滑后回升).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from newsgraph.graph.model import RelType

__all__ = ["ImpactTrigger", "after_condition", "asked", "bracket_around", "conditional", "reversals"]

#: a condition or a concession: what follows it in its clause, and the clause after it, state no move
_CONDITIONAL = re.compile(r"若(?!干)|如果|假如|倘若|一旦|要是|即使|即便|哪怕|纵使|就算|\bif\b|\bunless\b|\bwhether\b")
#: the second of two opposite moves of one subject is where it ends (稳定币市值连续下滑后回升,
#: "fell before rebounding"): what stands between the two moves
_REVERSAL = re.compile(
    r"^[^。！？!?\n]{0,16}?(?:后|之后|随后|然后|后又|又|再度|随即"
    r"|\bbut\b|\bthen\b|\bbefore\b|\bonly to\b|\blater\b)[\s*_]*$",
    re.IGNORECASE,
)
#: a question that asks whether a move will come states none ("Could Trigger Nvidia Crash?")
_QUESTION = re.compile(r"[?？][\s*_”\"')）]*$")
_MODAL = re.compile(r"\b(?:could|would|will|can|may|might|should)\b|会|能否|是否|可能|将", re.IGNORECASE)
#: a yes-no question opens with an auxiliary ("Did GPT-5.1 just crash and burn?"); "Why did
#: Bitcoin fall?" states the fall it asks about
_YES_NO = re.compile(r"[\s*_“\"'(（]*(?:did|does|do|is|are|was|were|has|have|had)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImpactTrigger:
    start: int
    end: int
    kind: RelType
    side: str  # subject / object / flow / affected (an object, lists included)


def asked(text: str, s0: int, s1: int) -> bool:
    """Is the sentence ``s0:s1`` a question with a modal ("Coreweave Bankruptcy Could Trigger
    Nvidia Crash?") or a yes-no question ("Did GPT-5.1 just crash and burn?"): asked, not stated?"""
    if _QUESTION.search(text, s0, s1) is None:
        return False
    return _MODAL.search(text, s0, s1) is not None or _YES_NO.match(text, s0) is not None


def _clause_start(lowered: str, s0: int, at: int) -> int:
    """Where the clause holding position ``at`` of the sentence starting at ``s0`` starts."""
    return max(s0, *(lowered.rfind(c, s0, at) + 1 for c in "，,；;"))


def conditional(lowered: str, s0: int, at: int) -> bool:
    """Is the trigger at ``at`` of the sentence starting at ``s0`` under a condition or a
    concession (若比特币突破12万美元, "if Bitcoin breaks $120k", 即使比特币跌至…), or in the
    consequence of one?"""
    clause = _clause_start(lowered, s0, at)
    return _CONDITIONAL.search(lowered, clause, at) is not None or after_condition(lowered, s0, clause)


def after_condition(lowered: str, s0: int, clause: int) -> bool:
    """Is the clause starting at ``clause`` the consequence of a condition, the clause
    before it opening with one (若交易达成，Anthropic的估值可能飙升; "If the deal closes,
    shares could soar")?"""
    if clause <= s0:
        return False
    before = _clause_start(lowered, s0, clause - 1)
    return _CONDITIONAL.match(lowered[before : clause - 1].lstrip(' \t*_“"')) is not None


def bracket_around(text: str, s0: int, at: int, s1: int) -> tuple[int, int] | None:
    """The inside of the brackets that hold position ``at`` in the sentence ``s0:s1``, or None:
    a trigger inside brackets (an example, a gloss: 宏观经济环境（如美联储政策、财政刺激）对加密
    货币市场…) reaches no name outside them."""
    if text.find("(", s0, at) < 0 and text.find("（", s0, at) < 0:
        return None
    opened: list[int] = []
    for i in range(s0, at):
        if text[i] in "(（":
            opened.append(i)
        elif text[i] in ")）" and opened:
            opened.pop()
    if not opened:
        return None
    start, depth = opened[-1] + 1, 1
    for i in range(at, s1):
        if text[i] in "(（":
            depth += 1
        elif text[i] in ")）":
            depth -= 1
            if depth == 0:
                return start, i
    return start, s1


def reversals(triggers: list[ImpactTrigger], text: str, ents: list[Span]) -> list[ImpactTrigger]:
    """The triggers, where a subject's move is followed by the opposite move of the same
    subject (下滑后回升, 一度跌至8万美元，随后反弹; "fell before rebounding"; no name between the
    two) the pair made one trigger of the second move: where the subject ends is how it fares."""
    out: list[ImpactTrigger] = []
    for trig in triggers:
        first = out[-1] if out else None
        if (
            first is not None
            and first.side == trig.side == "subject"
            and first.kind is not trig.kind
            and _REVERSAL.match(text[first.end : trig.start])
            and not any(first.end <= span.start_char and span.end_char <= trig.start for span in ents)
        ):
            out[-1] = ImpactTrigger(first.start, trig.end, trig.kind, "subject")
        else:
            out.append(trig)
    return out
