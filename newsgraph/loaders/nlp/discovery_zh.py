"""``ChineseNames``: names in Chinese text found by suffixes, titles, ``·``, quotes and lists.

``<name><suffix>`` (爱诗科技, OpenAI基金会, 财政部), people after a title (CEO 奥特曼) or
with a ``·`` (埃隆·马斯克), quoted names with their kind after them (“创世纪任务”计划,
"含光"系列芯片), and companies listed after a catalog company (迪士尼、华纳兄弟).
"""

from __future__ import annotations

import re

from newsgraph.graph.model import Label, normalise_name
from newsgraph.loaders.nlp.discovery_cues import _MARKUP, NameCues, licence_named
from newsgraph.loaders.nlp.extensions import _Cand
from newsgraph.loaders.nlp.segment import is_unit
from newsgraph.loaders.nlp.spanindex import SpanIndex
from newsgraph.loaders.nlp.text import LIST_NUMBER, _is_cjk, _mostly_cjk, fold_lower
from newsgraph.loaders.nlp.wordfreqs import common_en, common_words, common_zh, common_zh_words

_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》\n]{2,24})[”\"」』》]")
_DOT_NAME = re.compile(r"[\u3400-\u9fff]{1,6}[·・•][\u3400-\u9fff]{1,8}")
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤雷"
)
_DATE_START = re.compile(
    r"\s*(?:\d{1,4}\s*(?:年|月|日|季度|财年)(?:\s*\d{1,2}\s*(?:月|日))*|(?:19|20)\d{2}(?![\d.%]))\s*"
)
#: a Latin name and Chinese words after it, before a suffix (Kling 2.5 Turbo 视频|模型)
#: quotes around a whole candidate (向“全能交易所”转型: a coined kind, not a name)
_OPEN_QUOTES = ("“", '"', "「", "『", "‘")
_CLOSE_QUOTES = ("”", '"', "」", "』", "’")
_LATIN_THEN_CJK = re.compile(r"([A-Za-z0-9][A-Za-z0-9 .\-]*?)\s*([\u4e00-\u9fff]+)")
#: a kind of thing and its examples after it: 财库公司（如BitMine、SharpLink）, "… (e.g. …)"
_EXAMPLES_AFTER = re.compile(r"\s*[（(]\s*(?:如|例如|比如|诸如|包括|such as|e\.g\.|eg\b|including|like)")
#: an amount right before a name (3720万|雷亚尔资本); not a list number ("1. ")
#: a hyphen going on after a name: the name is longer (穆尔-格温)
_JOINERS = frozenset("-－‐")
_AMOUNT_BEFORE = re.compile(r"\d(?:[\d.,]*\d)?[万亿千百]?$")
#: funds are named with Chinese words inside (Bitwise BTC标准公司ETF): no kind words to cut
_FUND_WORDS = frozenset({"etf", "基金"})
#: institutions named after their city or country (波兰华沙证券交易所, 莫斯科交易所, 中国电信)
_PLACE_NAMED = frozenset({"交易所", "银行", "证券交易所", "电信", "空军", "海军", "陆军"})
#: who can be the subject of 计划 "plans"
_ACTORS = (Label.COMPANY, Label.AGENCY, Label.COUNTRY, Label.PERSON)
_VERB_START = set("提说表称宣发指认透回在将已于对向的是也和与等直亲签访出接加率带领表曾被把让给要会能可并还又再都就汇")


#: what follows a surname to address someone (姚先生, 王女士)
_HONORIFICS = ("先生", "女士", "小姐", "老师", "总")

#: places and schools a suffix word can be part of the name of (华中科技大学, 科技产业基地)
_INSTITUTION_AFTER = ("大学", "学院", "中学", "小学", "基地", "园区", "医院", "研究所", "体育馆", "博物馆")
#: where a market is (the whole country, the world): no part of its name (全国机器人产业)
_SCOPE_WORDS = frozenset({"全国", "全球", "国内", "海外", "国际", "我国", "本土", "整个"})
#: sector suffixes whose name must be one unit of the segmenter (no verb, no word cut at an
#: edge); not 概念股 (a stock group: 加密货币相关概念股 holds the verb 相关 and is a sector)
_UNIT_SECTOR_SUFFIXES = frozenset({"行业", "产业", "板块", "赛道"})
#: words of an organisation's or a site's name: a sector word right before one is part of
#: that name (天泽信息产业|股份有限公司, 北京华普产业|集团, 高新技术产业|开发区)
_ORGANISATION_AFTER = ("集团", "股份", "有限", "公司", "开发区", "投资", "资产", "协会", "联盟", "基金")

#: the mark between names of a Chinese list (迪士尼、华纳兄弟和环球影业)
_LIST_MARK = re.compile(r"[\s*_]*(?:、|和|与|及|以及)[\s*_]*")
#: a Chinese list member: two to six characters (cut at the first boundary word after)
_LIST_MEMBER = re.compile(r"[\u4e00-\u9fff]{2,6}")
#: a list of people: 、 (or 和 / 与 / 及) between names of two or three characters, each standing
#: alone (a clause mark or the start of what is said of them after the last: 几位, 等人, 说)
_PERSON_MARK = re.compile(r"[\s*_]*(?:、|和|与|及)[\s*_]*")
_PERSON_MARK_BEFORE = re.compile(r"[\s*_]*(?:、|和|与|及)[\s*_]*$")
_PERSON_AFTER = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,3})(?=[\s*_]*(?:[、和与及，,。；;：:]|等|几位|两位|三位|二人|说|表示|认为|指出))"
)
_PERSON_BEFORE = re.compile(r"(?:^|(?<=[\s*_，,。；;：:、（(]))(?P<name>[\u4e00-\u9fff]{2,3})$")


def _placed_branch(place: str) -> bool:
    """Is ``place`` (the words before 分公司) only a place: a province, city or district
    (山东省, 深圳市, 浦东新区) or one common word (深圳, 上海)?"""
    return bool(place) and (place.endswith(("省", "市", "区", "县", "州")) or common_zh(place))


class ChineseNames(NameCues):
    """The Chinese finders of :class:`~newsgraph.loaders.nlp.discovery.EntityDiscovery`."""

    def listed_zh(self, text: str, lowered: str, known: list[_Cand]) -> list[_Cand]:
        """Companies listed with a catalog company in Chinese, with no suffix of their own:
        ``迪士尼、华纳兄弟、环球影业起诉MiniMax``, ``亚马逊和沃尔玛是主要受益者``. A member is two to
        six characters cut at a boundary word (not inside a word: 星球|大战), no generic or
        descriptor word, no two-character word of every text (北京); famous names are common
        words too (沃尔玛, 迪士尼), so frequency alone decides nothing longer."""
        companies = sorted((c for c in known if c.label is Label.COMPANY), key=lambda c: c.start)
        taken = SpanIndex.of(sorted(known, key=lambda c: c.start))
        out: list[_Cand] = []
        for cand in companies:
            pos = cand.end
            while (mark := _LIST_MARK.match(text, pos)) is not None:
                member = _LIST_MEMBER.match(text, mark.end())
                if member is None:
                    break
                start, end = member.span()
                one_char = False
                for bs, be in self.boundaries.finditer(lowered, start + 1, end):
                    end, one_char = bs, be - bs == 1  # 沃尔玛|是主要受益者
                    break
                known_here = next((c for c in taken.around(start, end) if c.start < end and c.end > start), None)
                if known_here is not None:
                    pos = known_here.end
                    continue  # a name already known: the list goes on after it
                name = text[start:end]
                if end - start < 2 or self.is_generic(name) or self._described(name):
                    break
                if end - start == 2 and name in common_words("zh", 4.5):
                    break  # 北京, 手机: a word of the language in every text, no company
                if one_char and lowered[end : end + 2] in common_words("zh", 3.0):
                    break  # 星球|大战: the boundary starts a word, the member is cut inside a name
                made = self._make(start, end, Label.COMPANY, name, 0.6, rank=0)
                if made is not None:
                    out.append(made)
                pos = end
        return out

    def listed_people_zh(self, text: str, known: list[_Cand]) -> list[_Cand]:
        """Chinese personal names listed with a known person, on either side: ``杨强、唐杰、林俊旸、
        姚顺雨几位大佬`` (唐杰 known). A member is two or three characters standing alone between
        list marks (or a clause mark, or the word after it: 几位, 等人, 说), with a common
        surname first and no word of the language (``王者``, ``高层`` are no people)."""
        out: list[_Cand] = []
        for person in (c for c in known if c.label is Label.PERSON):
            for step in (-1, 1):
                pos = person.start if step < 0 else person.end
                while True:
                    if step > 0:
                        mark = _PERSON_MARK.match(text, pos)
                        member = _PERSON_AFTER.match(text, mark.end()) if mark else None
                    else:
                        mark = _PERSON_MARK_BEFORE.search(text, max(0, pos - 4), pos)
                        member = _PERSON_BEFORE.search(text, max(0, mark.start() - 5), mark.start()) if mark else None
                    if member is None:
                        break
                    start, end = member.span("name")
                    name = text[start:end]
                    if name[0] not in _SURNAMES or common_zh(name) or self.is_generic(name):
                        break
                    if any(c.start < end and start < c.end for c in known):
                        break  # a known name: the list is read from it on its own
                    made = self._make(start, end, Label.PERSON, name, 0.6, rank=0)
                    if made is None:
                        break
                    out.append(made)
                    pos = start if step < 0 else end
        return out

    def _described(self, prefix: str, *, placed: bool = False) -> bool:
        """Is the part before a suffix a descriptor word (AI, 人工智能, 数据) among common words
        only (以色列人工智能, 移动数据分析, AI客服)? Each piece left between descriptors must
        split into common words of two characters or more; a Latin word left is a name."""
        low = fold_lower(prefix)
        if not low.strip():
            return False  # a place and a suffix name (西班牙银行, 韩国电信)
        # descriptors of two characters or more (not 分 of 分析, 新 of 新闻); without one, common
        # words may well name (柬埔寨太子集团)
        low, described = self.blank_descriptors(low, min_length=2)
        if not described and not placed:
            return False
        # with a descriptor, a word of the language (Zipf 3: 国库, 比索) describes too, and
        # beside a token or a place an English one (Spot Ether ETF)
        return all(common_zh_words(p, 3.0) if _is_cjk(p[0]) else placed and common_en(p) for p in low.split())

    def zh_suffixed(self, text: str, lowered: str, taken: list[_Cand]) -> list[_Cand]:
        """``<name><suffix>`` in Chinese: 爱诗科技, 波兰华沙证券交易所, OpenAI基金会, 财政部,
        Balancer协议, Agent创作助手, 传统数据服务行业. The name runs left from the suffix over
        Chinese characters until a boundary word, then over a Latin word or a catalog name
        right before it."""
        out = []
        catalog = SpanIndex.of(sorted(taken, key=lambda c: c.start))  # looked up near each suffix
        for s, e in self.zh_suffix_re.finditer(lowered):
            suffix = lowered[s:e]
            label = self.zh_suffix_label.get(suffix)
            if label is None or not _mostly_cjk(text, s, e):
                continue
            if any(lowered[max(0, s - k) : e] in self.generic or lowered[s : e + k] in self.generic for k in (1, 2)):
                continue  # 链上, 山寨币: the suffix is inside a word of its own
            if e - s == 1 and s > 0 and common_zh(lowered[s - 1 : e]):
                continue  # 签署, 部署, 货币: a one-character suffix that ends a word of the language
            if any(lowered[s : e + k] in common_words("zh", 3.0) for k in (1, 2)):
                continue  # 链接, 银行业, 应用程序, 集团军: the suffix starts a longer word
            if lowered.startswith(_INSTITUTION_AFTER, e):
                continue  # 华中科技|大学, 新材料科技产业|基地: the name of a school or a site, not this one
            if label is Label.SECTOR and lowered.startswith(_ORGANISATION_AFTER, e):
                continue  # 天泽信息产业|股份有限公司: a sector word inside a firm's name names no sector
            if (
                label is not Label.SECTOR
                and suffix in common_words("zh", 3.0)
                and e < len(lowered)
                and _is_cjk(lowered[e])
                and not self.boundaries.starts_at(lowered, e)
                and not self.titles.starts_at(lowered, e)
            ):
                continue  # 科技人群, 科技巨头: a suffix that is a word, followed by a noun it modifies
            left = self._left_edge(text, lowered, s, catalog, suffix)
            if (
                0 < left < s
                and _is_cjk(text[left - 1])
                and _is_cjk(text[left])
                and common_zh(lowered[left - 1 : left + 1])
            ):
                continue  # 大|型连锁房产经纪公司, 各|家发卡银行: cut inside a word, the rest names nothing
            covering = [c for c in catalog.around(s, e) if c.start < e and c.end > s]
            if any(c.start <= left and c.end >= e for c in covering):
                continue  # the whole candidate is a catalog name (美国能源部)
            if any(c.label is not Label.SECTOR for c in covering):
                continue  # the suffix ends another name (…增持比特币: 币 belongs to 比特币)
            prefix = text[left:s].strip(" \t*_`")  # "**Arc** 浏览器": markup is no part of the name
            if _AMOUNT_BEFORE.search(text, max(0, left - 12), left):
                continue  # 3720万雷亚尔资本: a sum of money, not a name
            if prefix.endswith("分") and _placed_branch(prefix[:-1]):
                continue  # ……有限责任公司|深圳分公司, 山东省分公司: a branch of a firm named before, no firm itself
            if re.search(r"[\u4e00-\u9fff]了", prefix):
                continue  # xAI达成了一项合作协议: a clause (a verb and 了), no name
            if "某" in prefix or (prefix.endswith("一") and not common_zh(prefix[-2:])):
                continue  # 北京某保健品公司, 深圳一公司: "a certain company", "a company", no name
            if suffix == "协议" and licence_named(text, left, s):
                continue  # 以MIT协议开源, 采用 Apache 2.0 协议: a licence, not a protocol
            named_by_place = False
            if label is Label.SECTOR:
                # a sector is described by generic words (数据服务行业); only a generic
                # whole (该行业, 整个行业) is no sector
                generic = (
                    normalise_name(text[left:e]) in self.generic_norm or normalise_name(prefix) in self.generic_norm
                )
            elif named_by_place := suffix in _PLACE_NAMED and any(
                c.label is Label.COUNTRY and text[c.start : c.end] == prefix for c in catalog.around(left, s)
            ):
                generic = False  # 中国电信, 韩国电信, 西班牙银行: a country names the institution
            else:
                generic = self.is_generic(prefix) or self.is_generic(text[left:e])
            if not prefix or generic:
                continue
            near = catalog.around(left, s)
            contained = [c for c in near if left <= c.start and c.end <= s and c.label is not Label.SECTOR]
            first = min(contained, key=lambda c: c.start, default=None)
            if first is not None and first.start > left and common_zh_words(text[left : first.start], 3.0):
                left, prefix = first.start, text[first.start : s].strip()  # 全面强化|腾讯大模型
            sectors = [c for c in near if left <= c.start and c.end <= s and c.label is Label.SECTOR]
            latin = bool(re.search(r"[A-Za-z]", prefix))
            cjk = sum(1 for c in prefix if _is_cjk(c))
            if cjk == 1 and not latin and not contained:
                continue
            if label in (Label.TOKEN, Label.INITIATIVE, Label.PRODUCT, Label.MODEL) and not (latin or contained):
                continue  # 降低链, 长流程任务, 国民应用, 三款模型: Chinese words, not names
            rest = prefix
            for c in contained:
                rest = rest.replace(text[c.start : c.end], "")
            # 柬埔寨太子集团, 中国平安集团: a group named by a word of the language after a place
            place_group = suffix == "集团" and any(c.label is Label.COUNTRY and c.start == left for c in contained)
            if (
                label is not Label.SECTOR
                and not place_group
                and (
                    common_zh(rest.strip())
                    or (
                        label is not Label.AGENCY
                        and (
                            label in (Label.PRODUCT, Label.MODEL)
                            or not any(c.label is Label.COMPANY for c in contained)
                        )
                        # a place, token or sector named before counts as a descriptor (欧洲比特币国库公司)
                        and self._described(rest, placed=self._placed_kind(suffix, contained))
                    )
                )
            ):
                continue  # 唱片公司, 移动数据分析公司, AI客服公司 describe (英伟达AI芯片 names a company's product)
            if suffix == "公司" and not contained and common_zh_words(prefix, 3.0):
                continue  # 私营公司, 唱片公司: a kind of company in words of the language
            if (
                not contained
                and text[left - 1 : left] in _OPEN_QUOTES
                and text[e : e + 1] in _CLOSE_QUOTES
                and common_zh_words(prefix, 3.0)
            ):
                continue  # 向“全能交易所”转型: a coined kind in quotes, in words of the language
            if (
                label in (Label.PRODUCT, Label.MODEL)
                and contained
                and contained[-1].label is Label.PERSON
                and common_zh_words(text[contained[-1].end : s].strip(), 3.0)
            ):
                continue  # 余承东亲自接手大模型: a person and what they do, then the kind
            kind = next((c for c in covering if c.label is Label.SECTOR and c.end == e and c.start > left), None)
            if kind is not None and self._placed(text, left, kind.start, contained):
                continue  # 美国比特币ETF: a catalog kind (比特币ETF) of a place, no name of its own
            if (
                label is Label.COMPANY
                and not rest.strip()
                and any(c.label in (Label.TOKEN, Label.SECTOR) for c in contained)
                and not any(c.label is Label.COMPANY for c in contained)
            ):
                continue  # 巴西比特币公司: a kind of company (a place and a token), not a name
            if _EXAMPLES_AFTER.match(text, e):
                continue  # 财库公司（如BitMine、SharpLink）: a kind, named by its examples
            if (
                label is Label.TOKEN
                and (not rest.strip() or self.is_generic(rest.strip()))
                and any(c.label is Label.TOKEN for c in contained)
            ):
                continue  # Tether黄金稳定币, 以太坊主网, 比特币Rollup协议: the token and a word for its kind
            if label in (Label.PRODUCT, Label.MODEL) and re.fullmatch(r"\s*[vV]\d+(?:\.\d+)*\s*", prefix):
                continue  # "Suno发布了v5模型": a version alone names no model
            if label in (Label.PRODUCT, Label.MODEL) and re.match(r"\s*\d+(?:\.\d+)?[BTMKbtmk](?![A-Za-z0-9])", prefix):
                continue  # "8K图片模型", "70B 模型": a size or a resolution and a kind, no name
            if label in (Label.PRODUCT, Label.MODEL) and not rest.strip(" 0123456789"):
                continue  # 以太坊ETF: a kind of product named after a token, not a product name
            if (
                label is Label.INITIATIVE
                and not rest.strip()
                and contained
                and all(c.label in (Label.COMPANY, Label.MODEL, Label.PRODUCT) for c in contained)
            ):
                continue  # 谷歌Gemini项目: a company's model and a word for its kind
            if label is Label.INITIATIVE and (
                self.boundaries.search(lowered, e, e + 4) == (e, e + 1)
                or re.match(r"\s*(?:在|将|于|明年|今年|下周|推出|发布|上线|开始)", text[e : e + 4])
            ):
                continue  # "Tether计划在…推出": 计划 is the verb "plans to"
            if label is Label.INITIATIVE and suffix == "计划" and self._actor_before(prefix, contained, s):
                continue  # "Cipher Mining计划发行", "美国政府计划": an actor, then the verb "plans"
            if label is Label.AGENCY:
                place = any(c.start == left and c.label in (Label.COUNTRY, Label.AGENCY) for c in contained)
                if not (place or self.agency_domain.search(prefix)):
                    continue  # 共享部 is no ministry, 首尔办公室 no agency; 财政部, 美国政府 are
            if label is Label.SECTOR:
                scope = lowered[left : left + 2]
                if scope in _SCOPE_WORDS and left + 2 < s:
                    left += 2  # 全国机器人产业 is 机器人产业: the scope is no part of the name
                follow = lowered[e : e + 2]
                if self.sector_blockers.search(follow) and self.sector_blockers.search(follow)[0] == 0:
                    continue  # 行业格局, 行业巨头: the suffix starts another noun
                if len(sectors) == 1 and not contained and sectors[0].start == left:
                    base = sectors[0]  # 能源 + 板块 is the catalog sector energy
                    out.append(_Cand(left, e, base.label, base.name, base.key, True, 1.0, "catalog", 3))
                    continue
            if (
                label in (Label.PRODUCT, Label.MODEL, Label.TOKEN, Label.INITIATIVE)
                and not contained
                and (latin := _LATIN_THEN_CJK.fullmatch(prefix))
                and self.is_generic(latin.group(1).strip())
            ):
                continue  # AI伴读系统, AI漫剧应用: a term of the trade and Chinese words describe a kind
            if place_group:
                left = contained[0].end  # 韩国SK集团 is SK集团, 柬埔寨太子集团 太子集团: the country describes it
            name = text[left:e]
            if label in (Label.PRODUCT, Label.MODEL, Label.TOKEN) and re.fullmatch(r"[A-Za-z0-9 .\-]+", prefix):
                name = prefix  # "Dia 浏览器" is Dia; the full form stays a surface
            elif (
                label in (Label.PRODUCT, Label.MODEL, Label.TOKEN)
                and contained
                and contained[0].start == left
                and re.fullmatch(r"[A-Za-z0-9 .\-]+", rest.strip())
                and re.search(r"[A-Za-z]{2}", rest)
                and not self.is_generic(rest.strip())
            ):
                name = rest.strip()  # "比特币BRC20协议" is BRC20: the catalog name before it describes
            elif (
                (label in (Label.PRODUCT, Label.MODEL) or (label is Label.TOKEN and not contained))
                and (latin := _LATIN_THEN_CJK.fullmatch(prefix))
                and (
                    self._described(latin.group(2), placed=True)
                    or (
                        suffix not in _FUND_WORDS
                        and re.search(r"[A-Za-z]{2}", latin.group(1))
                        and not self.is_generic(latin.group(1))
                    )
                )
            ):
                # "Kling 2.5 Turbo 视频模型" is Kling 2.5 Turbo, "Pura X折叠屏手机" Pura X, SAT20协议主网
                # SAT20: the Chinese words after a Latin name say what kind of product or token it is
                name = latin.group(1)
            elif label is Label.COMPANY and suffix in ("公司", "企业") and re.fullmatch(r"[A-Za-z0-9 .&\-]+", prefix):
                name = prefix  # "Rivos公司" is Rivos
            if label is Label.SECTOR and suffix in _UNIT_SECTOR_SUFFIXES and not is_unit(text, left, e):
                continue  # 促使|行业, 王志荣履行|业, 市|中健康产业: a clause piece, not a sector
            rank = 3 if contained else 1
            cand = self._make(left, e, label, name, 0.7, rank=rank, named_by_place=named_by_place)
            if cand is not None:
                out.append(cand)
        return out

    @staticmethod
    def _placed_kind(suffix: str, contained: list[_Cand]) -> bool:
        """Does a place, token or sector named before the suffix make the words between a
        description (欧洲比特币国库公司)? Not for an exchange or a bank, named after its city
        (波兰华沙证券交易所, 莫斯科交易所): there a place is part of the name."""
        if suffix in _PLACE_NAMED:
            return any(c.label in (Label.TOKEN, Label.SECTOR) for c in contained)
        return any(c.label in (Label.COUNTRY, Label.TOKEN, Label.SECTOR) for c in contained)

    def _placed(self, text: str, start: int, end: int, contained: list[_Cand]) -> bool:
        """Is ``text[start:end]`` only places the catalog knows and descriptor words?"""
        rest = text[start:end]
        for c in contained:
            if start <= c.start and c.end <= end and c.label is Label.COUNTRY:
                rest = rest.replace(text[c.start : c.end], " ")
        return not self.blank_descriptors(fold_lower(rest))[0].strip()

    def _actor_before(self, prefix: str, contained: list[_Cand], s: int) -> bool:
        """Is the stretch before ``s`` an actor: a company, agency, country or person the
        catalog knows, an officer of one (a title of the lexicon last), or a Latin name the
        catalog does not (a programme is named by its own words: 星际之门计划, “创世纪”计划)?"""
        if any(c.end == s and c.label in _ACTORS for c in contained):
            return True
        low = fold_lower(prefix).rstrip()
        if contained and any(e == len(low) for _s, e in self.titles.finditer(low)):
            return True  # "OpenSea CEO计划": an actor's officer plans
        return bool(re.fullmatch(r"[A-Za-z0-9 .&\-]+", prefix)) and not contained

    def _left_edge(self, text: str, lowered: str, s: int, catalog: SpanIndex[_Cand], suffix: str = "") -> int:
        left = self._name_start(text, lowered, s, catalog, suffix)
        # 2030年丹麦音乐产业: the year is no part of the name; "2. 比特币现货ETF": nor a list number
        date = _DATE_START.match(text, left, s) or LIST_NUMBER.match(text, left, s)
        return date.end() if date else left

    def _name_start(self, text: str, lowered: str, s: int, catalog: SpanIndex[_Cand], suffix: str = "") -> int:
        left = s
        floor = max(0, s - self.max_zh_name)
        while left > floor and _is_cjk(text[left - 1]):
            left -= 1
        long_run = left == floor and left > 0 and _is_cjk(text[left - 1])
        # stop after the last boundary word inside the stretch (收购|浏览器公司), and after an
        # earlier name with the same suffix (证券交易所|莫斯科交易所)
        cut = False
        for _bs, be in [*self.boundaries.finditer(lowered, left, s), *self.titles.finditer(lowered, left, s)]:
            left, cut = max(left, be), True  # and after a title (巴塞尔委员会主席|提出…)
        same = lowered.rfind(suffix, left, s) if suffix else -1
        if same >= 0:
            left, cut = max(left, same + len(suffix)), True
        if long_run and not cut:
            return s  # ten characters and more with no word boundary: a clause, not a name
        # a catalog name cut by the boundary is taken whole
        for cand in catalog.around(left, left):
            if cand.start < left < cand.end:
                left, cut = cand.start, False
        if cut:
            return left
        # a Latin word (Agent创作助手, OpenAI基金会) and a catalog name (英伟达AI芯片) before it
        for _ in range(2):
            # markup may close a Latin name right before the suffix ("**Arc** 浏览器"), not
            # before Chinese words ("**OpenAI**正计划": 正计划 is no name of OpenAI's)
            gap = r"[ \t*_`]*" if left == s else r"[ \t]?"
            m = re.search(
                rf"(?<![A-Za-z])(?:[A-Z0-9]|[a-z]+[A-Z0-9])[A-Za-z0-9.\-]*(?:[ \t][A-Z0-9][A-Za-z0-9.\-]*)*{gap}$",
                text[max(0, left - 40) : left],
            )
            # a generic word (Agent创作助手) starts the name; it does not join one before it
            # (香港证监会|Q2虚拟资产ETF), unless it sits right before the suffix (英伟达AI芯片)
            attach = not (m is not None and self.is_generic(m.group(0).strip(" \t*_`")) and left != s)
            if m is not None and m.group(0).strip():
                left -= len(m.group(0))
            if not attach:
                break
            ends_here = [c for c in catalog.around(left, left) if c.end == left and c.label is not Label.SECTOR]
            if ends_here:
                left = ends_here[0].start
            elif m is None:
                break
        return left

    def people_zh(self, text: str, lowered: str) -> list[_Cand]:
        out = []
        for match in _DOT_NAME.finditer(text):
            s, e = match.span()
            dot = s + next(i for i, c in enumerate(match.group()) if c in "·・•")
            for bs, be in self.boundaries.finditer(lowered, dot + 1, e):
                if be - bs == 1 and text[bs] in self.transliteration and text[be : be + 1] in self.transliteration:
                    continue  # 雅各布: a syllable of the name, not the word 各
                e = bs  # 约翰·泽塔|表示
                break
            for i in range(dot + 3, e):
                if text[i] in _VERB_START:
                    e = i  # 马斯克|说
                    break
            # trim a boundary prefix: 埃隆·马斯克 keeps all; 的埃隆·马斯克 drops 的
            cut = s  # and a title before it: 首席执行官|泰勒·温克沃斯
            for _bs, be in [
                *self.boundaries.finditer(lowered, s, dot),
                *self.titles.finditer(lowered, max(0, s - 6), dot),
            ]:
                cut = max(cut, be)
            cut, e = _transliterated(text, cut, dot, e, self.transliteration)
            spelled = sum(c in self.transliteration for c in text[cut:e] if c not in "·・•")
            if self.transliteration and spelled * 3 < 2 * (e - cut - 1):
                continue  # 首开·常青藤, 轩辕剑外传·汉之云: Chinese words around a dot, not a foreign name
            if len(re.split("[·・•]", text[cut:e])[-1]) < 2 or text[e : e + 1] in _JOINERS:
                continue  # 马克·约|翰逊, 东亚·瑞|晶苑, 戴维•穆尔|-格温: a name cut short names no one
            cand = self._make(cut, e, Label.PERSON, text[cut:e], 0.7, rank=1)
            if cand:
                out.append(cand)
        for s, e in self.person_titles.finditer(lowered):
            tail = text[e : e + 4]
            tail = tail.lstrip(" ")
            offset = e + (len(text[e : e + 4]) - len(tail))
            m = re.match(r"[\u4e00-\u9fff]{2,3}", tail)
            if not m or not any(_is_cjk(c) for c in text[max(0, s - 6) : s + 1] + tail[:1]):
                continue
            name = m.group()
            if name[0] not in _SURNAMES:
                continue
            if len(name) == 3 and (name[2] in _VERB_START or common_zh(text[offset + 2 : offset + 4])):
                name = name[:2]  # 黄明|告诉, 苏宁|否认, 苏宁|昨天: the third character starts the next word
            if text.startswith(_HONORIFICS, offset + 2):
                name = name[:2]  # 总经理罗军|先生
            if text.startswith(_HONORIFICS, offset + 1):
                continue  # 负责人姚先生, 王总: a surname and an honorific refer to someone, they name no one
            if name[0] in _VERB_START or self.is_generic(name) or common_zh(name):
                continue  # 毕业 ("graduated") after a title is a word, not a name
            cand = self._make(offset, offset + len(name), Label.PERSON, name, 0.6, rank=1)
            if cand:
                out.append(cand)
        return out

    def quoted(self, text: str, lowered: str) -> list[_Cand]:
        """A quoted name and the word for its kind right after it: ``"创世纪"计划`` is an
        initiative, ``"含光"系列 AI 推理芯片`` a product, ``"X"大模型`` a model (the kind may
        follow 系列 and describing words; a quoted feature, ``"智能分镜"功能``, and more than six
        Chinese characters, a description, are none)."""
        out = []
        for match in _QUOTED.finditer(text):
            inner = _MARKUP.sub("", match.group(1)).strip()
            if len(inner) > 20 or self.is_generic(inner):
                continue
            after = lowered[match.end() : match.end() + 6]
            hit = self.initiative_words.search(after)
            if hit is not None and not after[: hit[0]].strip():
                cand = self._make(match.start(1), match.end() + hit[1], Label.INITIATIVE, inner, 0.7, rank=1)
                if cand:
                    out.append(cand)
                continue
            kind = self._kind_after_quote(lowered, match.end())
            cjk = sum(1 for c in inner if _is_cjk(c))
            series = re.match(r"[\s*_]*系列", lowered[match.end() : match.end() + 6]) is not None
            if kind is not None and cjk <= 6 and (series or not common_zh_words(inner, 3.0)):
                # a word of the language names a product line too ("倚天"系列, "灵犀"系列); words
                # of the language otherwise describe ("贬值交易"工具, "智能助手"应用)
                cand = self._make(match.start(1), match.end(1), kind, inner, 0.7, rank=1)
                if cand:
                    out.append(cand)
        return out

    def _kind_after_quote(self, lowered: str, pos: int) -> Label | None:
        """A product or model type noun right after a closing quote, after 系列 and up to
        eight characters of describing words (AI 推理, 云原生): ``"含光"系列 AI 推理芯片``."""
        window = re.sub(r"^[\s*_]*系列", "", lowered[pos : pos + 14])
        series = len(window) < len(lowered[pos : pos + 14])
        if series and re.match(r"[^，,。；;]{0,8}?(?:cpu|gpu|npu|tpu|soc|asic)\b", window.strip(" *_")):
            return Label.PRODUCT  # "倚天"系列云原生 CPU: a product line of chips named in English
        for label in (Label.PRODUCT, Label.MODEL):
            hit = self.type_nouns[label].search(window) if label in self.type_nouns else None
            if hit is None or window[hit[0] : hit[1]] == "功能" or not _is_cjk(window[hit[0]]):
                continue  # "智能分镜"功能: a feature described in quotes; an English kind: prose
            gap = window[: hit[0]].strip(" *_")
            if not gap or (len(gap) <= 8 and not re.search(r"[，,。；;：:、和与及的]", gap) and self._described(gap)):
                return label
        return None


def _transliterated(text: str, start: int, dot: int, end: int, chars: frozenset[str]) -> tuple[int, int]:
    """Trim a ``·`` name to its transliterated syllables: a frequent word of the language
    (Zipf 4.5: 候选人, 批评; not 马克 or 尼亚 at 4.0, which are syllables too) is no part of
    one, so the name starts after the last such word before the dot (州长候选人|凯蒂·波特)
    and ends before the first one after it (泰勒·温克沃斯|批评). Two characters at least stay
    on each side (马克·扎克伯格 keeps 马克). Then characters that spell no foreign name
    (``chars``: the lexicon's transliteration table) come off both ends, one at least left
    on each side (一副|约瑟夫·马洛德, 乔·科恩|执导)."""
    words = common_words("zh", 4.5)
    for i in range(dot - 2, start, -1):
        if any(text[j:i] in words for j in range(max(start, i - 4), i - 1)):
            start = i
            break
    for i in range(dot + 3, end - 1):
        if any(text[i:k] in words for k in range(i + 2, min(end, i + 4) + 1)):
            end = i
            break
    if chars:
        while start < dot - 1 and text[start] not in chars:
            start += 1
        while end > dot + 2 and text[end - 1] not in chars:
            end -= 1
    return start, end
