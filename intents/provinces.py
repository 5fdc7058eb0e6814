"""The 77 provinces of Thailand: official names, aliases, and finding one in a message.

`data/provinces.json` is the product's single source of province names. Finding a province
in free text follows these rules:

- Official names, aliases (กทม, โคราช, สุราษ, หาดใหญ่, พัทยา, ...), Bangkok's districts (all but จอมทอง,
  also a district of Chiang Mai), towns people name instead of their province (รังสิต, ปากเกร็ด, บางพลี,
  หัวหิน, ...) and English names (any case, spaces or hyphens optional) are recognised anywhere in the
  message, even without spaces around them.
- Where names overlap the longest wins (พระนครศรีอยุธยา over นครศรี, สุราษฎร์ธานี over สุราษ);
  where several provinces are named, the first one in the message wins.
- Names that are also everyday Thai words (ตาก "to dry", เลย "at all", แพร่ "to spread",
  น่าน, อุทัย, ปากน้ำ "river mouth"), short aliases that are parts of other words (นนท์ in
  อานนท์, กาญ in กาญจนา, ชล in ชลประทาน) or a man's name (สาคร), and districts that are also
  names, sweets or a sauce (วัฒนา, สายไหม, ศรีราชา) count only
  - after จ. / จว. / จังหวัด / เมือง / อำเภอ / เขต (จ.ตาก, อ.เมืองแพร่, เขตวัฒนา),
  - as the whole message, particles and punctuation aside (เลยครับ),
  - after ที่ / จาก / อยู่ / ใน when the name also ends the phrase, that is, a space,
    punctuation, a particle or the end of the message follows (ทอผ้าที่น่าน อยากได้...),
    except "อยู่เลย" and "ในเลย", which are everyday phrases ("stay", "go on in");
    น่าน there counts whatever follows when the tokeniser reads it as a word of its own
    (จากน่านไปญี่ปุ่น, but not ที่น่านอน "nice to sleep in").
  So "ร้านอยู่ตากใกล้ตลาด" is missed: a missed province is asked for, a wrong one misroutes.
- Known words that merely contain a name are not provinces (ตากแดด, เผยแพร่, ธนาคารกรุงเทพ,
  อุบลรัตน์, สุพรรณี ...), nor are roads named after provinces (ถนนเพชรบุรี, ถ.สุโขทัย).
- A name that is also the start of everyday words counts only where the tokeniser reads it as a word of
  its own: ตราด, but not the brands ตรา|ดาว, ตรา|ดอกบัว, ตรา|ดี of product names ("น้ำปลาตราดาว").
- The other districts of the 76 provinces beyond Bangkok (geothai's list: หางดง, บ้านโป่ง, ปากพนัง ...) name their
  province too, but only where they are plainly a place, since many are also everyday words or phrases (สอง,
  มะขาม, ท่าเรือ, หลังสวน): after อ. / อำเภอ (อ.สอง, อำเภอท่าเรือ) for any of them; and, for a name the
  tokeniser cuts in more than one word (หาง|ดง, not มะขาม) and that is no everyday phrase (EVERYDAY_DISTRICTS), as the whole message ("หางดงค่ะ", "อยู่บ้านโป่ง"),
  or after แถว / ใกล้ ("ศูนย์ที่ใกล้หางดงที่สุด"), or after ที่ / จาก / อยู่ / ใน ending the phrase as above
  ("ทำเซรามิกที่หางดง ค่ะ"). A province named in the message wins over a district ("ส่งขายแถวบางละมุง ร้านอยู่
  ระยอง" is in Rayong). Never a name two provinces' districts share (เฉลิมพระเกียรติ, จอมทอง), a "เมือง..."
  district, or a name that is also a province's name or alias.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import geothai

from intents.tokenize import tokenize

PROVINCES_FILE = Path(__file__).parent / "data" / "provinces.json"

# Everyday words first, then short aliases that are parts of names (อานนท์, กาญจนา), then districts that
# are also people's names, sweets, a sauce or a plain phrase; these count only in an unmistakably locational place.
AMBIGUOUS_TERMS = frozenset(
    {"ตาก", "เลย", "แพร่", "น่าน", "อุทัย", "ปากน้ำ", "นนท์", "กาญ", "ชล", "สาคร"}
    | {"วัฒนา", "ประเวศ", "ดุสิต", "สายไหม", "ศรีราชา", "ดินแดง", "สะพานสูง", "คลองหลวง", "สวนหลวง"}
)
# Of those, the ones whose everyday sense lives only in compounds blocked below (น่านน้ำ, น่านฟ้า).
WHOLE_WORD_TERMS = frozenset({"น่าน"})
# Names that everyday words begin with (ตรา "brand" + ดาว, ดอกบัว, ดี ...).
WORD_STARTS = frozenset({"ตราด"})
LOCATIONAL_PREFIXES = ("จังหวัด", "จว.", "จ.", "เมือง", "อำเภอ", "เขต")
PHRASE_PREFIXES = ("ที่", "จาก", "อยู่", "ใน")
EVERYDAY_PHRASES = frozenset({"อยู่เลย", "ในเลย"})
ROAD_PREFIXES = ("ถนน", "ถ.", "ซอย", "ซ.")
DISTRICT_PREFIXES = ("อำเภอ", "อ.")
NEAR_PREFIXES = ("แถว", "ใกล้")
# Districts whose names are everyday phrases too ("behind the garden", "two siblings", a dog breed), or name a road
# or landmark around Bangkok (ถ.วิภาวดี, ถ.ศรีนครินทร์, สุวรรณภูมิ airport, สำโรง, ท่ามหาราช): only after อ.
EVERYDAY_DISTRICTS = frozenset({
    "วิภาวดี", "ศรีนครินทร์", "สุวรรณภูมิ", "สำโรง", "เทพารักษ์", "มหาราช", "ชนบท", "สอง",
    "หลังสวน", "สองพี่น้อง", "เหนือคลอง", "บ้านนา", "หนองบัว", "ท่าช้าง", "บ้านหลวง", "น้ำหนาว", "อ่าวลึก", "ท่าแพ",
    "ทุ่งใหญ่", "บ้านค่าย", "ท่าปลา", "ท่าใหม่", "นาดี", "ไทรงาม", "วังทอง", "บ้านโคก", "ป่าแดด", "บางแก้ว", "สันทราย",
    "ช้างกลาง", "หนองใหญ่", "โคกสูง", "วังน้อย", "ศรีนคร", "บ้านด่าน", "นาน้อย", "หนองหิน", "บ้านม่วง",
})
BANGKOK_CODE = "10"  # geothai's (the Department of Provincial Administration's); ours add "TH-" (ISO 3166-2)

# Words that contain a province name or alias without meaning the province.
NOT_PROVINCES = (
    "ตากแดด",
    "ตากแห้ง",
    "ตากผ้า",
    "ตากลม",
    "ตากฝน",
    "ตากใบ",
    "ตากอากาศ",
    "เผยแพร่",
    "แพร่หลาย",
    "แพร่ระบาด",
    "แพร่กระจาย",
    "แพร่เชื้อ",
    "แพร่ภาพ",
    "น่านฟ้า",
    "น่านน้ำ",
    "แม่น้ำน่าน",
    "บางนาง",
    "ธนาคารกรุงเทพ",
    "แบงก์กรุงเทพ",
    "แบงค์กรุงเทพ",
    "โรงพยาบาลกรุงเทพ",
    "รพ.กรุงเทพ",
    "กรุงเทพประกัน",
    "ธนาคารกรุงศรีอยุธยา",
    "ธ.กรุงศรีอยุธยา",
    "อุบลรัตน์",
    "สุพรรณี",
    "สุพรรณหงส์",
    "ประจวบเหมาะ",
    "ปทุมมา",
    "ตรังกานู",
    "กระบี่กระบอง",
    "พิจิตรา",
    "สุโขทัยธรรมาธิราช",
)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_PARTICLES = re.compile(r"ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|จ๊ะ|นะ|ฮะ|งับ|หนิ|เด้อ|เน้อ|เจ้า")
_PHRASE_END = re.compile(rf"$|[^a-z\u0e01-\u0e4e]|(?:{_PARTICLES.pattern})")
_LETTERS = re.compile(r"[a-z\u0e01-\u0e4e]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Province:
    """One province (Bangkok included) as described in provinces.json."""

    code: str
    name: str
    name_en: str
    region: str
    lat: float
    lon: float
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class _Mention:
    """A span of the folded message that names a province."""

    start: int
    end: int
    province: Province


def _fold(text: str) -> str:
    """Fold the spellings people type into one form: case, zero-width, split vowels."""
    text = text.translate(_ZERO_WIDTH).lower()
    # Typing เ+เ for แ and nikhahit+า for ำ is common and looks identical on screen.
    return text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")


def _compact(folded: str) -> tuple[str, list[int]]:
    """Drop whitespace (Thai writers space words at random); keep each char's origin."""
    kept = [(i, ch) for i, ch in enumerate(folded) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


@cache
def all_provinces() -> tuple[Province, ...]:
    """Every province, loaded once from provinces.json, in ISO 3166-2 code order."""
    rows = json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))
    return tuple(
        Province(
            code=row["code"],
            name=row["name"],
            name_en=row["name_en"],
            region=row["region"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            aliases=tuple(row["aliases"]),
        )
        for row in rows
    )


@cache
def _by_name() -> dict[str, Province]:
    return {province.name: province for province in all_provinces()}


def province_by_name(official_name: str) -> Province | None:
    """The province with this official Thai name, or None."""
    return _by_name().get(official_name.strip())


@cache
def _thai_terms() -> tuple[re.Pattern[str], dict[str, Province]]:
    """One pattern over every Thai name and alias, longest first, and what each names."""
    terms: dict[str, Province] = {}
    for province in all_provinces():
        for term in (province.name, *province.aliases):
            if not _LATIN.search(term):
                terms.setdefault(_compact(_fold(term))[0], province)
    alternatives = "|".join(map(re.escape, sorted(terms, key=len, reverse=True)))
    # A lookahead finds overlapping mentions, so a longer one later can beat a shorter one.
    return re.compile(f"(?=({alternatives}))"), terms


@cache
def _english_terms() -> list[tuple[re.Pattern[str], Province]]:
    """A pattern per English name or alias: any case, spaces or hyphens optional."""
    patterns = []
    for province in all_provinces():
        for term in (province.name_en, *province.aliases):
            if _LATIN.search(term):
                words = map(re.escape, _fold(term).split())
                body = r"[\s\-]*".join(words)
                patterns.append((re.compile(rf"(?<![a-z]){body}(?![a-z])"), province))
    return patterns


@cache
def _not_provinces() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(NOT_PROVINCES, key=len, reverse=True))))


def _is_whole_message(compact: str, start: int, end: int) -> bool:
    """True when nothing but particles and punctuation surround the mention."""
    rest = _PARTICLES.sub("", compact[:start] + " " + compact[end:])
    return not _LETTERS.search(rest)


def _in_locational_phrase(before: str, term: str, after: str) -> bool:
    """ที่น่าน / จากแพร่ / อยู่ตาก followed by a space, a particle or the end; จากน่าน as a word."""
    prefix = next((p for p in PHRASE_PREFIXES if before.endswith(p)), None)
    if prefix is None or prefix + term in EVERYDAY_PHRASES:
        return False
    if _PHRASE_END.match(after) is not None:
        return True
    # A few characters settle where the first word ends; no need to cut the whole message.
    return term in WHOLE_WORD_TERMS and tokenize(term + after[:20])[:1] == [term]


def _accepts_thai(compact: str, start: int, end: int, after: str, blocked: list[range]) -> bool:
    """Apply the rules of the module docstring to one Thai mention."""
    if any(start in span and end - 1 in span for span in blocked):
        return False
    before, term = compact[:start], compact[start:end]
    if before.endswith(ROAD_PREFIXES):
        return False
    if term in WORD_STARTS and tokenize(term + after[:20])[:1] != [term]:
        return False
    if term in AMBIGUOUS_TERMS:
        return (
            before.endswith(LOCATIONAL_PREFIXES)
            or _is_whole_message(compact, start, end)
            or _in_locational_phrase(before, term, after)
        )
    return True


class _Districts(NamedTuple):
    starting: dict[str, tuple[str, ...]]  # the names by their first two letters, longest first
    seats: dict[str, Province]  # the province each names
    after_a_prefix: frozenset[str]  # the names that count only after อ.


@cache
def _district_terms() -> _Districts:
    """The districts that name their province (module docstring), by their first two letters (one pattern over 770
    names is four times slower than all the rest of `find_province`), what each names, and which of them count only
    after อ.: those the tokeniser reads as one word (สอง, มะขาม) and the everyday phrases."""
    districts = [district for province in geothai.provinces() for district in geothai.districts(province.code)]
    everywhere = Counter(district.name_th.removeprefix("เขต") for district in districts)
    seats, known = {province.code: province for province in all_provinces()}, _names()
    terms = {
        _compact(_fold(district.name_th))[0]: seats[f"TH-{district.province_code}"]
        for district in districts
        if district.province_code != BANGKOK_CODE and everywhere[district.name_th] == 1
        and not district.name_th.startswith("เมือง") and district.name_th not in known
        and f"TH-{district.province_code}" in seats  # a province code geothai might add is no district of ours
    }
    starting: dict[str, list[str]] = {}
    for term in sorted(terms, key=len, reverse=True):
        starting.setdefault(term[:2], []).append(term)
    after_a_prefix = {term for term in terms if tokenize(term) == [term]} | EVERYDAY_DISTRICTS
    return _Districts({start: tuple(names) for start, names in starting.items()}, terms, frozenset(after_a_prefix))


def _districts_in(compact: str) -> Iterator[tuple[int, str]]:
    """Where each district name starts in the compact text, and the longest one starting there."""
    starting = _district_terms().starting
    for start in range(len(compact) - 1):
        names = starting.get(compact[start : start + 2])
        term = names and next((name for name in names if compact.startswith(name, start)), None)
        if term:
            yield start, term


def _accepts_district(compact: str, start: int, end: int, after: str, only_after_a_prefix: bool) -> bool:
    """Apply the module docstring's rules for districts to one mention."""
    before, term = compact[:start], compact[start:end]
    if before.endswith(DISTRICT_PREFIXES):
        return True
    if only_after_a_prefix:
        return False
    prefix = next((p for p in (*NEAR_PREFIXES, *PHRASE_PREFIXES) if before.endswith(p)), "")
    return (
        _is_whole_message(compact, start - len(prefix), end)
        or prefix in NEAR_PREFIXES
        or _in_locational_phrase(before, term, after)
    )


def _thai_mentions(folded: str) -> list[_Mention]:
    """Accepted mentions of Thai names, positioned in the folded text."""
    compact, origin = _compact(folded)
    pattern, terms = _thai_terms()
    blocked = [range(m.start(), m.end()) for m in _not_provinces().finditer(compact)]
    mentions = []
    for match in pattern.finditer(compact):
        start, end = match.start(1), match.end(1)
        first, last = origin[start], origin[end - 1] + 1
        if _accepts_thai(compact, start, end, folded[last:], blocked):
            mentions.append(_Mention(first, last, terms[match.group(1)]))
    return mentions


def _district_mentions(folded: str) -> list[_Mention]:
    """Accepted mentions of districts, positioned in the folded text."""
    compact, origin = _compact(folded)
    districts = _district_terms()
    mentions = []
    for start, term in _districts_in(compact):
        end = start + len(term)
        first, last = origin[start], origin[end - 1] + 1
        if _accepts_district(compact, start, end, folded[last:], term in districts.after_a_prefix):
            mentions.append(_Mention(first, last, districts.seats[term]))
    return mentions


def _english_mentions(folded: str) -> list[_Mention]:
    """Mentions of English names in the folded text."""
    if not _LATIN.search(folded):  # every English pattern needs a Latin letter; most messages are all Thai
        return []
    return [
        _Mention(match.start(), match.end(), province)
        for pattern, province in _english_terms()
        for match in pattern.finditer(folded)
    ]


def find_province(text: str) -> Province | None:
    """The province a message names, by the rules in the module docstring, or None."""
    folded = _fold(text)
    named = _thai_mentions(folded) + _english_mentions(folded)
    mentions = named + _district_mentions(folded)
    outermost = [
        m for m in mentions if not any(o.start <= m.start and m.end <= o.end and o != m for o in mentions)
    ]
    # A province named outright is surer than a district ("ส่งขายแถวบางละมุง ร้านอยู่ระยอง" is in Rayong).
    chosen = [m for m in outermost if m in named] or outermost
    if not chosen:
        return None
    return min(chosen, key=lambda m: (m.start, -m.end)).province


# A province typed alone with a slip of the finger ("จันบุรี", "เชียงหม่"): close enough to one name only.
_CLOSE_ENOUGH = 0.8
_PROVINCE_WORD = re.compile(r"^(?:จังหวัด|จ\.)")
# The provincial seat's district without its province ("อ.เมืองค่ะ", "ในเมือง"): every province has one.
_MUEANG_ALONE = re.compile(r"(?:อ\.|อำเภอ|ใน|ตัว|แถว|อยู่)*เมือง")


# "ร้านอยู่", "ร้านเราอยู่แถว", "บ้านก็อยู่ที่": only where the business is, before a district answering "which
# province?" (not "ที่" or "แถว" alone, as Bangkok's roads and landmarks are named: "แถววิภาวดี").
_WHERE_IT_IS = re.compile(
    r"^(?:ทาง)?(?:ร้าน|บ้าน|โรงงาน|กิจการ)?(?:ผม|หนู|เรา|ดิฉัน|ฉัน|ข้อย|เฮา)?(?:ก็)?อยู่(?:ที่|แถว)?")


def _said(answer: str) -> str:
    """A short answer folded, without its particles or spaces: "จ.น่าน ค่ะ" -> "จ.น่าน"."""
    return _PARTICLES.sub("", _compact(_fold(answer))[0])


@cache
def _names() -> dict[str, Province]:
    return {name: province for province in all_provinces() for name in (province.name, *province.aliases)}


def province_alone(answer: str) -> Province | None:
    """The province an answer is, spelt right and with nothing else said: "เชียงราย", "จ.เลยค่ะ", "กทม."; a word
    with another sense too (AMBIGUOUS_TERMS: วัฒนา, เลย) only after จังหวัด or จ."""
    said = _said(answer)
    word = _PROVINCE_WORD.sub("", said)
    return _names().get(word) if word not in AMBIGUOUS_TERMS or said != word else None


def district_alone(answer: str) -> Province | None:
    """The province of a district an answer is, with nothing else said but where the business is ("สะเดาครับ",
    "ฝาง", "ร้านอยู่สะเดาค่ะ", "อยู่ที่ฝาง"): the answer to "which province?", where even a district whose name is an
    everyday word (สะเดา, the neem) is a place; not one that is an everyday phrase ("บ้านนา", "หลังสวน"), which needs
    its อ. (`find_province`)."""
    said = _WHERE_IT_IS.sub("", _said(answer))
    return None if said in EVERYDAY_DISTRICTS else _district_terms().seats.get(said)


def says_mueang_alone(answer: str) -> bool:
    """True for "อ.เมืองค่ะ", "ในเมือง": the seat's district of some province, not which."""
    return _MUEANG_ALONE.fullmatch(_said(answer)) is not None


def closest_province(answer: str) -> Province | None:
    """The province a short answer misspells, or None: for the answer to "which province?", never for
    a province mentioned in a longer message, nor for "อ.เมือง" (close to ดอนเมือง, but any province's)."""
    word = _PROVINCE_WORD.sub("", _said(answer))
    if not 3 <= len(word) <= 20 or says_mueang_alone(answer):
        return None
    names = _names()
    if word in names:  # spelt right: "ชลบุรี" is as close to นนบุรี, an alias of นนทบุรี, as to its own slip ชลบุลี
        return names[word]
    close = difflib.get_close_matches(word, names, n=2, cutoff=_CLOSE_ENOUGH)
    unique = {names[name] for name in close}
    return unique.pop() if len(unique) == 1 else None


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a spherical Earth of radius 6,371 km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def nearest_province(lat: float, lon: float) -> Province:
    """The province whose seat is closest to the point, by great-circle distance."""
    return min(all_provinces(), key=lambda p: _great_circle_km(lat, lon, p.lat, p.lon))
