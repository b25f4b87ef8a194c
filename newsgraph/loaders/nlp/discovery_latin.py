"""``LatinNames``: names in Latin script found by their capitals, typed by cue words.

A run of capitalised words (and versions: GPT-5.1, Kimi K2) is split at "and" and around
catalog names, then typed by a suffix (Menlo Ventures), a version, a type noun in apposition
(the design platform Figma), a title (CEO Jensen Huang), or by default a weak company guess.
"""

from __future__ import annotations

import re

from newsgraph.graph.model import Label
from newsgraph.loaders.nlp.discovery_cues import NameCues, licence_named
from newsgraph.loaders.nlp.extensions import _Cand
from newsgraph.loaders.nlp.latin_words import (
    AGENT_VERB,
    AMOUNT_AFTER,
    C_TITLE,
    CAMEL_LAST,
    CONTEST_WORDS,
    COUNT_TAIL,
    DATE,
    DETERMINED,
    HAS_VERSION,
    LOWER_TIER,
    MODIFIER_TAIL,
    NATIONALITIES,
    OPENERS,
    PERSON_EN,
    RUN,
    SCORE,
    SIZE,
    UNIT_BEFORE,
    after_sentence_end,
    common_plural,
    common_run,
    describing,
    is_gloss,
    split_list,
    variant_tail,
)
from newsgraph.loaders.nlp.romanized import pinyin_name
from newsgraph.loaders.nlp.spanindex import SpanIndex
from newsgraph.loaders.nlp.text import _MINOR, TIER_WORDS, _is_cjk, _mostly_cjk, title_case_lines
from newsgraph.loaders.nlp.wordfreqs import (
    common_en,
    common_words,
    english_adverb,
    english_agent_noun,
    english_participle,
    english_past,
)

#: English going on after a word: a lower-case joining word and a capital ("Imagine with Claude")
_ENGLISH_GOES_ON = re.compile(r"[ \t]+[a-z]+[ \t]+[A-Z]")
#: what may stand between a name and the type noun after it: markup, or the 等 ending a list
#: and a word or two describing the kind (德国电信、Square等知名机构)
_GLUED_AFTER = re.compile(r"[\s*_]*(?:等[\u4e00-\u9fff]{0,2})?")
#: an offering named by its maker or model and what it is for: "Claude for Chrome", "xAI for
#: Government" (one or two capitalised words after "for")
_AUDIENCE = r"[ \t]+(?:users|customers|developers|teams|subscribers|members|clients|enterprises|businesses)\b"
_FOR_OFFERING = re.compile(
    r"[ \t]+for[ \t]+[A-Z][A-Za-z0-9+]*(?:[ \t]+[A-Z][A-Za-z0-9+]*)?(?![A-Za-z0-9])" rf"(?!{_AUDIENCE})"
)  # not "GPT-5 for ChatGPT users": the audience, not an offering
_AUDIENCE_AFTER = re.compile(_AUDIENCE)
_MAKERS = (Label.COMPANY, Label.MODEL, Label.PRODUCT)
#: a user name a forum generates (Reddit: two capitalised words and a number)
_HANDLE = re.compile(r"[A-Z][a-z]+[-_][A-Z][a-z]+[-_]?\d{2,4}")
#: a moving average or another price indicator with its period (MA-50, EMA200, RSI-14)
_INDICATOR = re.compile(r"(?:MA|EMA|SMA|WMA|RSI|ATR|MACD|KDJ|CCI)[- ]?\d{1,3}")
#: "at" or "by" after a verb that ends a run ("Blockfi Valued at $3B", "… Acquired by")
_PREPOSITION_AFTER = re.compile(r"[ \t]+(?:at|by)\b")
#: a title and a verb or a conjunction before a run: the run is what the holder does, not who
#: holds the title ("hired him as Chief Scientist to lead Verified Superintelligence")
_CLAUSE_GOES_ON = re.compile(r"\b(?:to|will|would|and|or|who|which|that|for|with)\b")
#: a brand written in small letters right before a run opens its name ("x402 Bazaar",
#: "openPangu Embedded-1B"): letters and digits, or small letters and one capitalised part
_SMALL_BRAND_BEFORE = re.compile(r"(?<![A-Za-z0-9.\-/@#_])(?:[a-z]+\d+|[a-z]{2,}[A-Z][a-z]+)[ \t]$")
#: a rating and its value inside a run ("GDPval-AA ELO 1193", "Arena Score 1363", "CVSS 10.0")
_RATING = re.compile(r"(?<![A-Za-z])(?:Elo|ELO|[Ss]core|CVSS)[ \t]+\d")
#: a capitalised word coordinated with the run, before or after it ("Planner, Coder")
_ROLE_JOIN = r"[ \t]*(?:,|、|与|和|及|&|\band\b)[ \t]*(?:and[ \t]+)?(?:an?[ \t]+)?"
_ROLE_BEFORE = re.compile(rf"(?<![A-Za-z])([A-Z][a-z]+){_ROLE_JOIN}$")
_ROLE_AFTER = re.compile(rf"{_ROLE_JOIN}([A-Z][a-z]+)(?![A-Za-z])")
#: an honorific opening a person's name of common words ("Sir Walter Scott")
_HONORIFIC = re.compile(r"(?:Sir|Dame|Lord|Lady|Dr|Mr|Mrs|Ms|Prof|Professor)\.?[ \t]")
#: a style after a Latin run in Chinese text ("Hacker风格界面"): the run describes
_STYLE_AFTER = re.compile(r"[ \t]*(?:风格|画风|风的|式的)")
#: the kind of document a name ends in ("QbitAI Report", "Menlo Ventures Report"): the name is
#: the author's, the document is none
_DOCUMENT_WORDS = frozenset({"report", "reports", "whitepaper", "guide", "handbook", "playbook"})
#: what an award ends in ("Turing Award winner Yann LeCun"): awards are not labelled
_AWARD_WORDS = frozenset({"award", "awards", "prize", "medal"})
#: a file's extension right after a run: the run is a file name (an image placeholder's)
_FILE_NAME_AFTER = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp|pdf|mp4|mov|zip|csv|txt)\b", re.IGNORECASE)
#: a company's legal form after a comma ("…, Inc.", "…, LLC")
_LEGAL_FORM_AFTER = re.compile(r",[ \t]*(?:Inc|Ltd|LLC|L\.L\.C|Corp|PLC|plc|GmbH|AG|S\.A|N\.V|LP|L\.P)\b\.?")
#: titles that stand between an employer and the person inside one run ("Acme CEO Bob Smith"):
#: the lexicon's titles but those that also open names (Head, Chair, Director, Governor ...)
_MID_RUN_TITLES = frozenset(
    {"ceo", "cto", "coo", "cfo", "vp", "svp", "evp", "founder", "co-founder", "cofounder", "chairman", "chairwoman"}
)
#: roles in an organisation beyond the lexicon's titles of leaders
_ROLE_WORDS = frozenset({"manager", "officer", "partner", "counsel", "treasurer", "controller", "analyst", "professor"})
#: a country's possessive before the name of one of its institutions
_OWNER_GAP = re.compile(r"['’]s[ \t]+")
_NATIONAL_BODY = re.compile(
    r"(?:(?:Central|National|Reserve|State|People's) Bank|National (?:Assembly|Congress|Parliament|Legislature)"
    r"|Parliament|Senate|Congress|Legislature|Cabinet|Treasury|(?:Supreme|Constitutional|High) Court"
    r"|(?:Air|Space) Force|Armed Forces|Navy|Army|Military"
    r"|(?:Ministry|Department) of (?:the )?[A-Z][A-Za-z]*(?: (?:and|&) [A-Z][A-Za-z]*)?"
    r"|(?:[A-Z][A-Za-z]+ ){0,3}(?:Ministry|Commission|Authority|Agency|Regulator|Bureau|Council))"
    r"(?![A-Za-z])"
)
#: a benchmark's name: a word ending in "Bench", with a variant after it, a leaderboard, or
#: an index (a benchmark's or a market's: "Artificial Analysis Intelligence Index v3.0", "S&P
#: 500 Index"; indices are not labelled)
_BENCHMARK_NAME = re.compile(
    r"[A-Za-z](?:Bench|-[Bb]ench|bench)(?:[ \t-](?:Pro|Lite|Verified|Live|Hard|V\d+|\d+(?:\.\d+)?))?$"
    r"|[ \t]Leaderboards?$|[ \t]Index(?:[ \t]+v?\d+(?:\.\d+)*)?$"
)


#: the last word of a method's or an idea's name in words of the trade (neither is labelled)
_TECHNIQUE_NOUNS = frozenset(
    {
        "attention",
        "optimization",
        "optimisation",
        "distillation",
        "quantization",
        "quantisation",
        "regularization",
        "normalization",
        "decoding",
        "sampling",
        "pretraining",
        "pre-training",
        "fine-tuning",
        "finetuning",
        "tokenization",
        "alignment",
        # ideas rather than methods: "Scaling Law", "Dead Internet Theory"
        "law",
        "laws",
        "theory",
        "principle",
        "hypothesis",
        "paradox",
    }
)


def _listed_with_a_role(text: str, start: int, end: int) -> bool:
    """Is the word at ``start:end`` coordinated with another capitalised "-er" noun of a common
    verb ("agents like Planner, Coder, and Verifier", "Proposer与Solver")? Roles listed so are
    no names; one such word alone may be (Hopper, Spanner)."""
    before = _ROLE_BEFORE.search(text, max(0, start - 30), start)
    after = _ROLE_AFTER.match(text, end)
    return any(m is not None and english_agent_noun(m.group(1)) for m in (before, after))


class LatinNames(NameCues):
    """The Latin-script finder of :class:`~newsgraph.loaders.nlp.discovery.EntityDiscovery`."""

    def latin_runs(self, text: str, lowered: str, taken: list[_Cand], sent_starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        catalog_at = sorted(((c.start, c.end, c) for c in taken), key=lambda t: (t[0], t[1]))
        near = SpanIndex(catalog_at, [(s, e) for s, e, _c in catalog_at])
        lines = title_case_lines(text)
        headlines = SpanIndex(lines, lines)
        for match in RUN.finditer(text):
            start, end = match.span()
            brand = _SMALL_BRAND_BEFORE.search(text, max(0, start - 24), start)
            if brand is not None:
                start = brand.start()  # "x402 Bazaar", "openPangu Embedded-1B": a brand in small letters opens it
            tail = next((m for m in COUNT_TAIL.finditer(text, end - 6, end + 1) if m.end() == end), None)
            if tail is not None:
                end = tail.start()
            if (tier := LOWER_TIER.match(text, end)) is not None and re.search(r"\d[A-Za-z]?$", text[start:end]):
                end = tier.end()  # "Grok 4 fast", "GPT-4b micro": a tier written in lower case
            if UNIT_BEFORE.search(text, max(0, start - 5), start):
                continue  # 30GW, "$20B per GW", 每EH/s: a unit, not a name
            # In a title-case headline capitals say nothing: its run is cut at verbs and minor
            # words, and only a piece a cue types (a suffix, a version) is a name ("Block
            # Launches Buzz App For AI Collaboration": Buzz App).
            headline = any(ls <= start < le for ls, le in headlines.around(start, start))
            for piece_start, piece_end in self._headline_pieces(text, start, end) if headline else [(start, end)]:
                inside = [
                    (s, e, c) for s, e, c in near.around(piece_start, piece_end) if s < piece_end and e > piece_start
                ]
                for seg_start, seg_end, base in self._segments(text, piece_start, piece_end, inside):
                    if base is None and (body := self._national_body(near, text, seg_start, seg_end)) is not None:
                        out.append(body)  # the country's possessive is the cue, in a headline too
                        continue
                    if base is None and self._tier_of(near, text, seg_start, seg_end):
                        continue  # "Claude 4.1 Opus": the tier of the model just named
                    cand = self._type_run(text, lowered, seg_start, seg_end, base, sent_starts)
                    if cand is not None and (
                        not headline or self._headline_name(cand, base) or self._headline_agent(text, cand, headlines)
                    ):
                        out.append(cand)
        return out

    @staticmethod
    def _headline_name(cand: _Cand, base: _Cand | None) -> bool:
        """Is a name typed inside a headline typed by a cue: a model ending in its version or
        tier (GLM-4.6V-Flash, not "COVID-19 Spread Hit Global"), or a suffix after a word
        that is not common (Chivo Wallet, BTC38 Exchange; not Central Bank, Investment Fund)?
        A token and a suffix word are the token's (Tesla Sells 10% of Its BTC Holdings)."""
        if cand.confidence < 0.7 or cand.weak or (base is not None and base.label is Label.TOKEN):
            return False
        words = cand.name.split()
        if cand.label is Label.MODEL:
            return bool(re.search(r"\d", words[-1])) or words[-1].lower() in TIER_WORDS
        return len(words) > 1 and not common_run(" ".join(words[:-1]))

    @staticmethod
    def _headline_agent(text: str, cand: _Cand, headlines: SpanIndex) -> bool:
        """Does a headline open with the name, right before a verb only an organisation does
        ("BlockFi Agrees to Pay SEC", "Luna Foundation Guard Lends $1.5B")?"""
        if cand.label is not Label.COMPANY or cand.weak or not AGENT_VERB.match(text, cand.end):
            return False
        return any(text[ls : cand.start].strip(OPENERS) == "" for ls, _le in headlines.around(cand.start, cand.start))

    def _headline_pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A headline's run cut at minor words (For, As, With) and at verbs (Launches,
        Acquired, Expanding: common words ending in -s, -ed or -ing that are no name suffix)."""
        pieces, piece_start, piece_end = [], None, None
        for word in re.finditer(r"\S+", text[start:end]):
            low = word.group().lower().strip(".,:;!?'’\"")
            verb = low.endswith(("s", "ed", "ing")) and low in common_words("en", 3.0) and low not in self.en_suffix
            if low in _MINOR or verb:
                if piece_start is not None:
                    pieces.append((piece_start, piece_end))
                piece_start = None
                continue
            if piece_start is None:
                piece_start = start + word.start()
            piece_end = start + word.end()
        if piece_start is not None:
            pieces.append((piece_start, piece_end))
        return pieces

    def _glued_kind(self, lowered: str, start: int, end: int) -> bool:
        """Is a type noun right against the name, or after the 等 closing a list it ends
        (``社交平台Snap``, ``Square等知名机构``)? Not a noun a few words away (``8万Star的开源项目``)."""
        for matcher in self.type_nouns.values():
            if any(_GLUED_AFTER.fullmatch(lowered, end, s) for s, _e in matcher.finditer(lowered, end, end + 10)):
                return True
            if any(not lowered[e:start].strip(" *_") for _s, e in matcher.finditer(lowered, max(0, start - 8), start)):
                return True
        return False

    def _national_body(self, near: SpanIndex, text: str, start: int, end: int) -> _Cand | None:
        """``Argentina's Central Bank``, ``Panama's National Assembly``, ``South Korea's Ministry
        of Science``: a country's institution is an agency, named with its country."""
        owner = next(
            (
                c
                for _s, _e, c in near.around(start - 4, start)
                if c.label is Label.COUNTRY and c.end < start and _OWNER_GAP.fullmatch(text, c.end, start)
            ),
            None,
        )
        body = _NATIONAL_BODY.match(text, start, end) if owner is not None else None
        if body is None:
            return None
        return self._make(start, body.end(), Label.AGENCY, f"{owner.name}'s {body.group()}", 0.8, rank=1)

    @staticmethod
    def _tier_of(near: SpanIndex, text: str, start: int, end: int) -> bool:
        """Is the segment a tier word right after a catalog model (Claude| Haiku and …)?"""
        if re.sub(r"[ \t]+(?:and|&)[ \t]*$", "", text[start:end].strip(" \t")).lower() not in TIER_WORDS:
            return False
        return any(
            c.label is Label.MODEL and c.end <= start + 1 and not text[c.end : start].strip(" \t-")
            for _s, _e, c in near.around(start - 2, start + 1)
        )

    def _segments(self, text, start, end, inside):
        """Split a run at "and" between names and around catalog names (``inside``: those
        overlapping the run); the last catalog name may be extended by the words after it
        (OpenAI Foundation, Figma Weave)."""
        if not inside:
            # "Anthropic and the DOE", "LangChain & LangGraph", "Felicis and UC Investments"
            # are two names; "Research and Development Office", "Weights & Biases" are one
            pieces = split_list(text[start:end])
            if len(pieces) > 1:
                pos = start
                for piece in pieces[::2]:
                    at = text.index(piece, pos)
                    yield at, at + len(piece), None
                    pos = at + len(piece)
                return
            yield start, end, None
            return
        pos = start
        for index, (s, e, cand) in enumerate(inside):
            if s < pos:
                continue  # inside the offering named before it ("Claude for Chrome")
            if s > pos:
                # text between: keep it separate
                yield pos, s, None
            offering = _FOR_OFFERING.match(text, e, end) if cand.label in _MAKERS and s >= start else None
            if offering is not None and not any(
                c.label is Label.COMPANY for at, _to, c in inside[index + 1 :] if at < offering.end()
            ):
                # "Claude for Chrome", "xAI for Government": an offering of the name for a
                # platform or a market (not "Anthropic for Google": a deal with a company)
                yield s, offering.end(), cand
                pos = offering.end()
                continue
            last = index == len(inside) - 1
            stop = end if last else inside[index + 1][0]
            rest = text[e:stop]
            if s >= start and e < stop and (re.match(r"[ \t-]*[A-Z0-9]|\.\d", rest) or LOWER_TIER.match(rest)):
                # catalog name followed by more capitalised words in the same run (or the
                # rest of its version: "Claude Opus 4" + ".7"), up to an "and" between names
                # ("Llama-3 70B and Molmo 72B", "Fidelity Management & Research Company and
                # Lightspeed Venture Partners"); before another catalog name only with that "and"
                joint = re.search(r"[ \t]+and[ \t]+(?:the[ \t]+)?", rest)
                if joint is None and last:
                    yield s, end, cand
                    return
                if joint is not None:
                    yield s, e + joint.start(), cand
                    if last:
                        yield e + joint.end(), end, None
                        return
                    pos = e + joint.end()
                    continue
            pos = max(pos, e)
        if pos < end:
            yield pos, end, None

    def _role(self, word: str) -> bool:
        """A word for a role in an organisation (President, Director, Manager, CEO)."""
        low = word.lower().rstrip(".,")
        return low in self.title_words or low in _ROLE_WORDS

    def _type_run(self, text, lowered, start, end, base: _Cand | None, sent_starts) -> _Cand | None:
        raw = text[start:end]
        words = raw.split()
        bracketed = text[max(0, start - 1) : start] in ("(", "（", "“", '"', "《")
        if bracketed and len(words) > 2 and words[0] == "The" and self.en_suffix.get(words[-1].lower().rstrip(".")):
            words = ["\x00", *words]  # "(The Browser Company)": the article is part of the name
        # cut leading stopwords and titles
        named_by_suffix = len(words) > 2 and self.en_suffix.get(words[-1].lower().rstrip(".")) is Label.COMPANY
        while words and (
            (words[0].lower() in self.leading and not (named_by_suffix and words[0].lower() in NATIONALITIES))
            or words[0].lower().rstrip(".") in self.title_words
            or C_TITLE.fullmatch(words[0])
        ):
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        if words and words[0] == "\x00":
            words = words[1:]
        # "Senior Vice President of SCI Financial Group", "(a) Director of Cyntellect Inc.":
        # a role "of" an organisation; the organisation is the name
        role = max((i for i, w in enumerate(words[:-1]) if w == "of" and i and self._role(words[i - 1])), default=None)
        if role is not None or (words and words[0] == "of"):
            cut = role + 1 if role is not None else 1
            if cut >= len(words):
                return None  # "President of" before a catalog name: no name of its own
            start = text.index(words[cut], text.index(words[cut - 1], start) + len(words[cut - 1]))
            org = self._type_run(text, lowered, start, end, None, sent_starts)
            # only an organisation ("Director of National Intelligence" names an office)
            return org if org is not None and org.label in (Label.COMPANY, Label.AGENCY) else None
        # "OpenAI Research VP Jerry Tworek", "Acme CEO Bob Smith": an organisation, a title, and
        # the person who holds it; the person is the name (the words before are the employer)
        mid = next((i for i in range(len(words) - 2, 0, -1) if words[i].lower() in _MID_RUN_TITLES), None)
        if mid is not None and PERSON_EN.fullmatch(" ".join(words[mid + 1 :])):
            at = text.index(words[mid + 1], text.index(words[mid], start) + len(words[mid]))
            return self._make(at, end, Label.PERSON, text[at:end], 0.6, rank=1)
        if len(words) > 1 and re.fullmatch(r"(?:19|20)\d\d", words[0]):
            words = words[1:]  # "The 2025 Global Unicorn 500": the year is no part of a name
        if not words or DATE.fullmatch(" ".join(words)):
            return None  # "(Dec 2)": a date
        if len(words) >= 4 and all(w.isupper() for w in words):
            return None  # "KIMI K3 HAS SURPASSED ALL AMERICAN MODELS": a headline in capitals
        first_at = text.index(words[0], start)
        if (
            len(words) > 1
            and self._opens_sentence(text, first_at, sent_starts)
            and english_participle(words[0])
            and words[0].lower() in common_words("en", 3.0)  # not "Wenting" of Wenting Zhan
            and words[0].lower() not in self.en_suffix
        ):
            # "Comparing OpenRouter and Poe", "Bringing Stocks Onchain": a sentence opening with
            # a verb; what follows is a name only where the catalog knows it ("Hugging Face
            # Spaces" opens with the catalog's name and is no verb)
            if base is None:
                return None
            if base.start > first_at:
                words = words[1:]
        start = text.index(words[0], start)
        raw = text[start:end].rstrip(" -.&")
        end = start + len(raw)
        if MODIFIER_TAIL.search(raw):
            return None  # "GPT-5-backed workflows": a modifier, not a name
        if (
            len(raw.split()) > 1
            and english_past(last_word := raw.split()[-1])
            and last_word.lower() not in self.en_suffix
            and last_word.lower() not in TIER_WORDS
            and _PREPOSITION_AFTER.match(text, end)
        ):
            raw = raw[: raw.rfind(" ")].rstrip()  # "Blockfi Valued at $3B": the name, then a verb
            end = start + len(raw)
        while len(raw.split()) > 1 and raw.split()[-1].lower() in self.term_words:
            raw = raw[: raw.rfind(" ")].rstrip()  # "Qwen3-30B-A3B Benchmark": the model, not its benchmark
            end = start + len(raw)
        if len(raw.split()) > 1 and raw.split()[-1].lower() in _AWARD_WORDS | CONTEST_WORDS:
            return None  # "Turing Award", "Nobel Prize": an award; "International Mathematical Olympiad": a contest
        if len(raw.split()) > 1 and raw.split()[-1].lower() in _DOCUMENT_WORDS:
            # "QbitAI Report", "Gemma 3 Technical Report": the author, then the document's title
            raw = raw[: raw.rfind(" ")].rstrip()
            while len(raw.split()) > 1 and common_en(raw.split()[-1]) and not re.search(r"\d", raw.split()[-1]):
                raw = raw[: raw.rfind(" ")].rstrip()
            end = start + len(raw)
            if all(common_en(w) or self.is_generic(w) for w in raw.split()):
                return None  # "Local RAG Building Guide", "Visual Report": a document, no author named
        while (
            len(raw.split()) > 1
            and re.fullmatch(r"[A-Z][A-Z0-9]+s", last_word := raw.split()[-1])
            and self.is_generic(last_word)
        ):
            raw = raw[: raw.rfind(" ")].rstrip()  # "V100 GPUs": the name, then the plural of its kind
            end = start + len(raw)
        while raw.split() and raw.split()[-1].lower() in {"of", "for", "and", "the", "de", "on", "&"}:
            raw = raw[: raw.rfind(" ")].rstrip()
            end = start + len(raw)
        words = raw.split()
        if len(words) > 2 and words[-2].lower() in ("for", "of", "and", "&") and self.is_generic(words[-1]):
            raw = raw[: raw.rfind(" ", 0, raw.rfind(" "))].rstrip()  # "Horizon Engine for AI": the name, then its use
            end = start + len(raw)
        if len(raw.split()) > 1 and raw.split()[-1] == "AI" and _is_cjk(text[end : end + 1]) and text[end] != "的":
            raw = raw[: raw.rfind(" ")].rstrip()  # "Agent 3 AI开发助手": AI describes the Chinese noun after it
            end = start + len(raw)
        if not raw or self.is_generic(raw):
            return None
        if _FILE_NAME_AFTER.match(text, end):
            return None  # "[图片: QQ20260612-165553.jpg …]": a file's name
        if base is None and (_HANDLE.fullmatch(raw) or _INDICATOR.fullmatch(raw)):
            return None  # "Affectionate-Dot5725": a forum's generated user name; "MA-50": a price indicator
        if text[end : end + 1] == "·" and text[end + 1 : end + 2].isascii() and text[end + 1 : end + 2].isalpha():
            return None  # "DALL·E 3": the name goes on past the dot, the run before it names nothing
        if re.match(r":[a-z]|_[A-Za-z0-9]", text[end : end + 2]):
            return None  # "Flex:ai", "Skill_Seekers": the name goes on past a colon or an underscore
        if base is None and SIZE.match(raw):
            return None  # "8K图片模型", "70B 模型": a size or a resolution, no name
        if raw.isupper() and len(raw) == 2 and raw.lower() in common_words("en", 4.5):
            return None  # "token ID", "IT", "TV": an English word in capitals, not a name
        last = raw.split()[-1].lower().rstrip(".")
        nwords = len(raw.split())
        if last in self.role_nouns:
            return None  # "Campus Lead", "Research Contributors": a role or a credit line
        zh_context = _mostly_cjk(text, start, end)
        suffix_label = self.en_suffix.get(last) if nwords > 1 else None
        legal = _LEGAL_FORM_AFTER.match(text, end)  # "T. Rowe Price Associates, Inc.": a company's legal form
        if suffix_label is None and legal is not None:
            suffix_label = Label.COMPANY
        if suffix_label is None and nwords > 1:
            for word in raw.split()[:-1]:
                if self.en_suffix.get(word.lower()) is Label.AGENCY and re.search(r"\bof\b", raw):
                    suffix_label = Label.AGENCY
                    break
        if licence_named(text, start, end):
            return None  # 以MIT协议开源: a licence
        if base is None and self.names_a_test(text, lowered, start, end):
            return None  # "在Mind2Web和OSWorld测试中", "数据集VoxEmoset": a test, a data set, a contest
        if base is None and self.term_after(lowered, end):
            return None  # "Diffusion Transformer 架构", "BEAT2数据集", "SSA-based": a technique or a data set
        if base is None and DETERMINED.search(text, max(0, start - 12), start) and common_run(raw):
            return None  # "a Public Benefit Corporation", "their Terms of Service": a kind, not a name
        if base is not None:
            # a catalog name extended: keep the longer name only with a cue that says so
            tail = text[base.end : end].strip()
            if tail.startswith("for ") and base.label in _MAKERS:
                market = tail[4:].strip()
                if market.split()[0].isupper() or re.search(r"\d", market) or _AUDIENCE_AFTER.match(text, end):
                    return None  # "NVIDIA NIM for GPU", "LangGraph for AI": a use, not an offering
                return self._make(start, end, Label.PRODUCT, raw, 0.7, rank=3)
            if re.fullmatch(r"(?:19|20)\d\d", tail):
                return None  # "Made on YouTube 2025": a year is an edition of an event, no new name
            named_test = self.term_after(lowered, end) and not HAS_VERSION.search(" " + tail + " ")
            if named_test or _BENCHMARK_NAME.search(raw):
                return None  # "OpenAI GDPval benchmarks", "Chatbot Arena Leaderboard": a test, no offering
            if base.label in (Label.MODEL, Label.PRODUCT) and variant_tail(tail):
                return self._make(start, end, base.label, raw, 0.8, rank=3)  # Magistral 1.2, Sora Turbo
            if base.label is Label.MODEL and tail and all(SIZE.match(w) for w in tail.split()):
                return self._make(start, end, base.label, raw, 0.8, rank=3)  # Llama 3.1 70B, Molmo 72B: a sized model
            plural = tail.endswith("s") and self.is_generic(tail[:-1])  # "AI CPUs": descriptors and a plural
            if not tail or self.is_generic(tail) or plural or SIZE.match(tail.split()[0]):
                return None  # "Gemini API", "Qualcomm NPUs": a catalog name and a generic word (or its plural)
            if tail.split()[0].lower() in self.title_words:
                return self._type_run(text, lowered, base.end, end, None, sent_starts)
            if suffix_label is not None and (
                suffix_label is not Label.AGENCY or base.label in (Label.COUNTRY, Label.AGENCY)
            ):
                return self._make(start, end, suffix_label, raw, 0.8, rank=3)
            if base.label in (Label.MODEL, Label.PRODUCT) and HAS_VERSION.search(" " + tail + " "):
                return self._make(start, end, base.label, raw, 0.8, rank=3)
            near = self._near_type(lowered, start, end)
            if near in (Label.MODEL, Label.PRODUCT) and base.label in (Label.COMPANY, Label.MODEL, Label.PRODUCT):
                return self._make(start, end, near, raw, 0.7, rank=3)
            if base.label is Label.COMPANY and not PERSON_EN.match(tail):
                # "Figma Weave", "Google AI Pro": a company's named offering
                return self._make(start, end, Label.PRODUCT, raw, 0.5, rank=3)
            if base.label is Label.MODEL and re.fullmatch(r"-?[A-Z][a-z]+(?:\d+(?:\.\d+)?)?", tail):
                return self._make(start, end, Label.MODEL, raw, 0.6, rank=3)  # Gemini Robotics, Claude Fable5
            if base.label in (Label.MODEL, Label.PRODUCT):
                # "Kimi Code CLI", "Qwen3 LiveTranslate": the rest alone ("Code CLI") names nothing; the
                # whole run is no safe name either ("GPT-5 System Card", "Llama Impact Grants")
                return None
            if base.label is Label.TOKEN:
                return None  # "Bitcoin Standard Treasury": the rest alone ("Standard Treasury") names nothing
            # otherwise the catalog name stands and the rest is typed on its own
            return self._type_run(text, lowered, base.end, end, None, sent_starts)
        if is_gloss(text, start, end) and suffix_label is None:
            return None  # 知识库(Knowledge Base): a translation, not a name
        if (
            all(SIZE.match(w) or w.isdigit() for w in raw.split()[1:])
            and nwords > 1
            and self.is_generic(raw.split()[0])
        ):
            return None
        if nwords > 1 and SIZE.match(raw.split()[0]) and all(self.is_generic(w) for w in raw.split()[1:]):
            return None  # "4B GUI Agent": a size and generic words, no model named
        parts = [p for w in raw.split() for p in w.split("-") if p]
        if len(parts) > 1 and not re.search(r"\d", raw) and all(map(self.is_generic, parts)):
            return None  # "Python SDK", "SSM-Transformer MoE": generic words of the trade, no name
        if nwords == 1 and len(raw) >= 4 and raw.isalpha() and raw.isupper() and common_en(raw.lower()):
            return None  # "DELETE 和 INSERT 控制 token", "NOTE": a word of the language in capitals
        if SIZE.match(raw):
            return None  # "8B" of 8B参数: a size alone (the plural of a generic term, "NPUs", is generic)
        if suffix_label is Label.MODEL and all(describing(p) for w in raw.split()[:-1] for p in w.split("-") if p):
            return None  # "Vision Language Model", "Quantized Model": a kind of model in words of the language
        if suffix_label is not None:  # the mention takes in a legal form after it; the name does not
            return self._make(start, legal.end() if legal else end, suffix_label, raw, 0.8, rank=1)
        if nwords == 1 and last in self.en_suffix:
            return None
        if nwords == 1 and (glued := CAMEL_LAST.search(raw)) and glued[1] in self.glued_product:
            return self._make(start, end, Label.PRODUCT, raw, 0.6, rank=1)  # HuggingChat, LlamaCloud, VibeSDK
        near = self._near_type(lowered, start, end)
        version = (
            HAS_VERSION.search(" " + raw + " ")
            and not re.fullmatch(r"[\d. ]+", raw)
            and not (nwords > 1 and self.is_generic(raw.split()[-2]))  # Impact Level 5, Series 3
        )
        if base is None and _BENCHMARK_NAME.search(raw):
            return None  # "TerminalBench", "LiveCodeBench", "SWE-bench Verified": a benchmark (not labelled)
        if base is None and nwords > 1 and last in _TECHNIQUE_NOUNS and not HAS_VERSION.search(" " + raw + " "):
            return None  # "Hybrid Sliding Window Attention", "Direct Preference Optimization": a method
        if re.fullmatch(r"[Vv]\d+(?:\.\d+)*", raw):
            return None  # "星火医疗大模型V3.5", "V4 of DeepSeek V4": a version alone names no model
        if _RATING.search(raw):
            return None  # "GDPval-AA ELO 1193", "Arena Score 1363": a rating and its value
        if version and SCORE.fullmatch(raw):
            return None  # "MMLU 82.3", "HumanEval 86.0": a benchmark and its score
        if version and nwords > 1 and re.search(r"[ \t](?:19|20)\d\d$", raw):
            return None  # "Slush 2025", "AIME 2024": a year is an edition (an event, a test), no version
        if version and near not in (Label.PRODUCT, Label.COMPANY, Label.TOKEN):
            words = re.sub(r"[\d.\-]+", " ", raw)
            if near is not Label.MODEL and common_run(words):
                return None  # "Fortune 500", "Impact 3": common words and a number, no model named
            return self._make(start, end, Label.MODEL, raw, 0.7, rank=1)
        # two capitalised words of the language are a person's name only with a first name
        # ("according to Internal Sources", "Industry Analysts said"; "Will Brown" is one)
        plain_words = common_run(raw) and raw.split()[0] not in self.first_names and not _HONORIFIC.match(raw)
        if near is Label.PERSON or ((near is None or PERSON_EN.match(raw)) and self._title_near(lowered, start, end)):
            if PERSON_EN.match(raw) and not plain_words:
                return self._make(start, end, Label.PERSON, raw, 0.7, rank=1)
            if near is Label.PERSON:
                near = None
        person_cue = PERSON_EN.match(raw) and (
            raw.split()[0] in self.first_names or (not plain_words and self._said_near(lowered, start, end))
        )
        if near in (None, Label.PERSON) and pinyin_name(raw):
            return self._make(start, end, Label.PERSON, raw, 0.6, rank=1)  # "Luo Yonghao", "Saining Xie"
        # in Chinese text a capitalised English word beside a Chinese type noun is a name, though a
        # word of the language ("德国电信、Square等知名机构"); English text writes its words so
        if zh_context and _STYLE_AFTER.match(text, end):
            return None  # "Hacker风格界面", "赛博朋克风": a style the run names describes what follows
        typed_in_zh = (
            zh_context
            and near is not None
            and near is not Label.PERSON
            and self._glued_kind(lowered, start, end)
            and not _ENGLISH_GOES_ON.match(text, end)  # "功能Imagine with Claude": a longer English name
        )
        if (
            not version
            and not person_cue
            and not typed_in_zh
            and (
                common_run(raw)
                or (nwords == 1 and (english_adverb(raw) or english_participle(raw)))
                or (nwords == 1 and english_agent_noun(raw) and _listed_with_a_role(text, start, end))
                or (nwords == 2 and english_adverb(raw.split()[0]) and english_participle(raw.split()[1]))
            )
        ):
            return None  # "Memory", "Critics", "Team Standard", "Critically": English words and no cue of a name
        if near is not None and near is not Label.PERSON:
            return self._make(start, end, near, raw, 0.6, rank=1)
        if PERSON_EN.match(raw) and not plain_words and self._said_near(lowered, start, end):
            return self._make(start, end, Label.PERSON, raw, 0.6, rank=1)
        if nwords == 1 and common_plural(raw):
            return None  # "Commenters", "Hackers", "Analysts": a plural of the language, no name
        if nwords == 1 and (agent := AGENT_VERB.match(text, end)) and not common_run(raw):
            # "**Poolside** raised $500M", "Zep launched a cloud edition", "BlockFi Agrees to
            # Pay": who raises, launches, acquires or agrees to a deal is an organisation; an
            # "'s" right before the verb is the name's ("Moody's downgrades")
            if agent.group(1):
                end, raw = end + len(agent.group(1)), raw + agent.group(1)
            return self._make(start, end, Label.COMPANY, raw, 0.5, rank=0)
        sentence_initial = self._opens_sentence(text, start, sent_starts)
        if PERSON_EN.match(raw) and raw.split()[0] in self.first_names:
            return self._make(start, end, Label.PERSON, raw, 0.6, rank=1)
        if zh_context:
            if AMOUNT_AFTER.match(text, end):
                return None  # "EBITDA 2300万美元", "TVL 12亿": a metric and its amount
            if raw.isupper() and len(raw.replace(" ", "")) <= 4:
                return self._make(start, end, Label.COMPANY, raw, 0.4, rank=0, weak=True)
            return self._make(start, end, Label.COMPANY, raw, 0.55, rank=0, weak=True)
        if sentence_initial and nwords == 1:
            # "Rivos was acquired" or "Food delivery platform ...": a guess a relation must confirm
            return self._make(start, end, Label.COMPANY, raw, 0.3, rank=0, weak=True)
        return self._make(start, end, Label.COMPANY, raw, 0.4, rank=0, weak=True)

    @staticmethod
    def _opens_sentence(text: str, start: int, sent_starts: set[int]) -> bool:
        return start in sent_starts or (
            text[max(0, start - 3) : start].strip(OPENERS) == "" and (start == 0 or after_sentence_end(text, start))
        )

    def _title_near(self, lowered: str, start: int, end: int) -> bool:
        before = lowered[max(0, start - 24) : start]
        after = lowered[end : end + 48]
        hit = self.titles.search(before)
        if hit is not None:
            gap = before[hit[1] :]
            if len(gap.strip(" ,*_")) <= 2 or (
                re.fullmatch(r"\s*(?:of\s+)?[\w\s.'’]{0,20}?[,\s]*", gap) and not _CLAUSE_GOES_ON.search(gap)
            ):
                return True
        if re.match(r"[\s*_]*,", after):
            return self.titles.search(after, 0, 48) is not None
        return False

    def _said_near(self, lowered: str, start: int, end: int) -> bool:
        before = lowered[max(0, start - 12) : start]
        after = lowered[end : end + 12]
        return bool(
            re.search(r"\b(said|says|told|by|according to)\s*$", before) or re.match(r",?\s*(said|says|told)\b", after)
        )
