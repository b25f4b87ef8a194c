"""Who fares in an impact statement when the name is not right before its trigger.

The measure nouns that stand between a name and its move (``Nvidia shares fell``, ``英伟达股价
大跌``, ``Nvidia's data center revenue rose``), and the fallbacks of :class:`ImpactRules` when no
name sits next to a subject trigger: the examples in brackets after a kind, the one company or
token that owns a price with no name of its own, the subject of a relative clause, and the
company a pronoun stands for.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsgraph.graph.model import Label
from newsgraph.loaders.nlp.impacts_scope import ImpactTrigger
from newsgraph.loaders.nlp.text import _is_cjk

_IMPACT_TARGETS = (Label.SECTOR, Label.TOKEN)
_IMPACT_NEAR = (Label.COMPANY, Label.PRODUCT, Label.MODEL, Label.COUNTRY)
_ACTORS = (Label.COMPANY, Label.PRODUCT, Label.MODEL)
#: a relative clause right before a trigger: ", which (reportedly) ..." (markup after the name allowed)
_RELATIVE = re.compile(
    r"[*_]*\s*,\s*(?:which|who)\s+(?:\w+ly\s+)?(?:has\s+|have\s+|had\s+|now\s+|just\s+)?$", re.IGNORECASE
)
_AUX = re.compile(
    r"[\s*_“”\"'‘’()（）]|的|将|已|正|也|或|会|能|可能|将会|有望|都|均|正在|开始|出现|进一步|迅速|大幅|持续|再度|首次|同样|"
    r"分别|同步|纷纷|集体|等|最近|近日|日前|今年|明年|年底前?|年内|年末|本周|下周|本月|下月|短期内?|近期|未来|\d{4}年(?:底|内)?|"
    r"\b(?:is|are|was|were|will|would|could|may|might|be|been|being|has|have|had|to|also|further|sharply|likely|"
    r"recently|reportedly|officially|just)\b"
)
#: what moves when a thing fares well or badly: "Nvidia shares fell", "英伟达股价大跌",
#: "ChatGPT 的份额下滑" affect Nvidia and ChatGPT, as if the noun were not there
_MEASURE_WORDS = (
    r"股价|股票|市值|开盘价|收盘价|份额|市占率|占有率|渗透率|留存率|转化率|币价|价格|估值|流量|访问量|收入|营收|利润|净利润|"
    r"销量|出货量|下载量|装机量|使用量|调用量|交易量|成交量|订单量|用户数|用户量|用户|日活|月活|周活|"
    r"订阅数|业务|服务器|服务|网站|平台|应用|"
    r"\b(?:shares?|stocks?|stock price|share price|prices?|market cap(?:italization)?|valuation|revenues?|"
    r"sales|profits?|earnings|traffic|market share|users|subscribers|customers|downloads|installs|ARR|"
    r"run-rate|run rate|retention(?: rates?)?|conversion rates?|adoption|usage|engagement|(?:trading )?volumes?|"
    r"bookings|orders|shipments|"
    r"API|service|services|servers?|website|app|platform)\b"
)
#: a pronoun subject right before a trigger ("OpenAI dropped the news: they confirmed a data
#: breach", 该公司股价下跌, 其营收增长): it stands for the company that opens the sentence
#: (:func:`pronoun`); its / 其 only with a measure after them
_POSSESSED = rf"(?:(?<![A-Za-z])(?:its|their)|其)[\s*_]*(?:{_MEASURE_WORDS})"  # its revenue, 其营收
_PRONOUN_SUBJECT = re.compile(
    r"(?:(?:(?<![A-Za-z])(?:it|they|the company|the firm|the startup)|该公司|这家公司)(?:[\s*_]+\w+ly)?"
    rf"|{_POSSESSED}|(?<![A-Za-z])the company's[\s*_]*(?:{_MEASURE_WORDS}))[\s*_]*$",
    re.IGNORECASE,
)
#: a possessive pronoun and a measure right before a trigger: it needs no opening subject
_POSSESSIVE_MEASURE = re.compile(rf"{_POSSESSED}[\s*_]*$", re.IGNORECASE)
_ADVERBS = (
    r"大面积|全面|严重|一度|大幅|持续|再度|同步|纷纷|集体|也在|正在|仍在|也|仍|都|实现|[\d.]+\s*倍|"
    # the standard compared with, the level moved from: 开盘价较发行价大幅上涨, 营收同比增长, 流量从54%暴跌
    r"同比|环比|较[^，。；,;\s]{1,5}?|从[\d.,]+\s*%?|"
    r"\b(?:sharply|further|briefly|again|also|still)\b"
)
_ADVERB = re.compile(_ADVERBS, re.IGNORECASE)
_MEASURE = re.compile(
    rf"{_MEASURE_WORDS}|盘中|盘前|盘后|当天|当日|首日|(?:在\S{{0,4}})?上市|港股|美股|"
    r"['’]s\b|\b(?:on|in) its (?:trading )?debut\b",
    re.IGNORECASE,
)
#: a measure noun with words that qualify it (ChatGPT 全球网页份额, Nvidia's data center revenue,
#: 豆包日活用户, weekly active users): the name before them still fares as the measure moves
_QUALIFIED_MEASURE = re.compile(
    rf"^[^，,。；;:：!?！？\n()（）]{{0,24}}?(?:{_MEASURE_WORDS})(?:[\s*_]|{_ADVERBS})*$", re.IGNORECASE
)
#: words of saying between a name and a measure: the name speaks (三星宣布将DRAM价格暴涨)
_SAYS = re.compile(
    r"宣布|表示|声称|称|预计|预测|报告|研报|揭示|显示|\b(?:announc\w*|says?|said|expects?|predicts?|reports?|shows?)\b",
    re.IGNORECASE,
)
#: examples of a kind in brackets: （如 Coinbase、Riot 等）, (such as X and Y)
_EXAMPLES_BRACKET = re.compile(
    r"[（(]\s*(?:如|例如|比如|诸如|包括|such as|e\.g\.,?|including|like)[^（）()]{1,80}[)）]", re.IGNORECASE
)
#: the price of a company's shares, its owner not named before it (股价下跌, shares fell)
_OWNED_MEASURE = re.compile(
    r"(?:股价|市值|开盘价|收盘价|营收|收入|净利润|利润|销量|出货量|"
    r"(?<![A-Za-z])(?:shares|stock|stock price|share price|revenues?|sales|profits?|earnings))"
    rf"(?:[\s*_]|{_ADVERBS})*$",  # 股价一度下跌, 营收同比增长
    re.IGNORECASE,
)
#: the price of a token, its name not right before it (以太坊因…遭黑客攻击，价格一度暴跌9%)
_TOKEN_PRICE = re.compile(rf"(?:价格|币价|(?<![A-Za-z])price)(?:[\s*_]|{_ADVERBS})*$", re.IGNORECASE)
#: verbs of a benchmark comparison: for a model they rank it, they state no market move
_BENCHMARK = re.compile(r"outperform|underperform|outpac|beat|surpass|跑赢|跑输|优于|超越", re.IGNORECASE)
_CAUSAL = re.compile(
    r"导致|使得|使|让|造成|引发|意味着|因为|由于|如果|"
    r"\b(?:causing|caused|leading to|led to|because|due to|while|when|if)\b"
)


def qualified_measure(gap: str) -> bool:
    """Is the gap between a name and a subject trigger a measure noun with at most a few
    words qualifying it (``全球网页份额``, ``'s data center revenue``, ``weekly active users``)?"""
    if _QUALIFIED_MEASURE.match(gap) is None or _CAUSAL.search(gap) or _SAYS.search(gap):
        return False
    words = _ADVERB.sub(" ", _MEASURE.sub(" ", gap))
    cjk = sum(1 for ch in words if _is_cjk(ch))
    return cjk <= 6 and len(re.findall(r"[A-Za-z0-9]+", words)) <= 3


def eligible(span: Span) -> bool:
    """A sector, token, company ... the catalog or a cue names; not a guess no cue supports
    ("Hackers drained $40M": a capitalised word opening a sentence)."""
    label = Label(span.label_)
    guess = span._.newsgraph_weak and not span._.newsgraph_known
    return (label in _IMPACT_TARGETS or label in _IMPACT_NEAR) and not guess


def examples(text: str, before: list[Span], trig: ImpactTrigger, lo: int) -> list[Span]:
    """``相关加密股票（如Coinbase、Riot等）同步下跌``: the examples in brackets after a kind, right
    before the trigger, fare as the kind does: the names inside the brackets are subjects,
    with the kind (a name of the list the extractor does not know breaks no list here)."""
    brackets = list(_EXAMPLES_BRACKET.finditer(text, lo, trig.start))
    if not brackets or len(_AUX.sub("", text[brackets[-1].end() : trig.start])) > 2:
        return []
    found = brackets[-1]
    inside = [s for s in before if found.start() < s.start_char and s.end_char < found.end()]
    kind = [s for s in before if s.end_char <= found.start() and not _AUX.sub("", text[s.end_char : found.start()])]
    return inside + kind[-1:] if inside else []


def owner(text: str, trig: ImpactTrigger, spans: list[Span]) -> list[Span]:
    """``BTC Inc 因 CEO 变动导致股价下跌``: a price noun right before the trigger with no
    name of its own is the sentence's company's, when the sentence names exactly one; a
    price (价格, price) is the sentence's one token's (以太坊因…遭黑客攻击，价格一度暴跌)."""
    head = _AUX.sub(" ", text[max(0, trig.start - 12) : trig.start])
    owner = Label.COMPANY if _OWNED_MEASURE.search(head) else Label.TOKEN if _TOKEN_PRICE.search(head) else None
    if owner is None:
        return []
    companies = [s for s in spans if s.end_char <= trig.start and Label(s.label_) is owner]
    keys = {s._.newsgraph_key for s in companies}
    if len(keys) != 1 or _SAYS.search(text, companies[0].end_char, trig.start):
        return []  # 麦肯锡报告揭示…实现利润增长的仅有39%: the company reports, the profits are others'
    return companies[:1]


def antecedent(text: str, trig: ImpactTrigger, spans: list[Span]) -> list[Span]:
    """``Claude Code, which reportedly reached a $1B run-rate``: the subject of a relative
    clause is the name right before its comma."""
    rel = _RELATIVE.search(text, max(0, trig.start - 48), trig.start)
    if rel is None:
        return []
    return [s for s in spans if s.end_char == rel.start() and eligible(s)]


def pronoun(text: str, trig: ImpactTrigger, spans: list[Span], s0: int) -> list[Span]:
    """``OpenAI dropped the news: they confirmed a data breach``: a pronoun subject right
    before the trigger stands for the company, product or model that opens the sentence,
    when the sentence names no other before the trigger. Not in a comparison ("claiming
    it outperforms X": what "it" is, is often a thing not named)."""
    if _BENCHMARK.match(text, trig.start) or _PRONOUN_SUBJECT.search(text, max(0, trig.start - 24), trig.start) is None:
        return []
    named = [s for s in spans if s.end_char <= trig.start and eligible(s)]
    if len({s._.newsgraph_key for s in named}) != 1 or Label(named[0].label_) not in _ACTORS:
        return []
    if _POSSESSIVE_MEASURE.search(text, max(0, trig.start - 24), trig.start):
        return named[-1:]  # 尽管微软出面澄清，…导致其股价一度下跌: its shares, whoever opens the sentence
    opening = _AUX.sub("", text[s0 : named[0].start_char]).strip(" *_-·•\"“'‘`#>")
    return named[-1:] if len(opening) <= 2 else []
