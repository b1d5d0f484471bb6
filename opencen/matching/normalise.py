"""Names turned into comparable forms: any script to Latin, lower case, no diacritics or
punctuation, honorifics dropped, particles set apart, and a phonetic skeleton per name part.

The same functions serve the stored side (indexing) and the asked side (search), so that a
name typed in Arabic, Cyrillic, Greek or Chinese meets the same name typed in Latin letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from anyascii import anyascii


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Titles and honorifics that say nothing about who the person is.
HONORIFICS = _words(
    """mr mrs ms miss mx dr doctor prof professor sir madam mme mlle sr sra srta dona don
    sheikh shaikh sheik shaykh haji hajji hajj hadji alhaji alhaja eng engr ing hon rev
    capt col gen maj lt sgt chief ustadh ustaz imam sayed sayyid syed"""
)
#: Honorifics only dropped when the name has other parts ("M" may be an initial).
_WEAK_HONORIFICS = frozenset({"don", "sr", "dona"})

#: Particles that belong to the next name part (Al-Hassan, van Dijk, da Silva).
PARTICLES = _words(
    """al el ul ad ar as at az an ash ad ud bin ibn ben bint abu abou bou ould van von der
    den ter de da do dos das del della di du la le los las lo st saint mac"""
)
#: Prefixes joined to a name part in some spellings (Alhasan, Elsayed, Abdulrahman).
_JOINED_ARTICLES = ("al", "el", "ul")

_CJK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")
_ARABIC_WORD = re.compile(r"(?<![\u0600-\u06ff])ال(?=[\u0600-\u06ff]{2,})")
_GREEK_DIGRAPHS = (("ντ", "d"), ("Ντ", "D"), ("μπ", "b"), ("Μπ", "B"), ("γκ", "g"), ("Γκ", "G"))
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def to_latin(text: str) -> str:
    """Any script to Latin letters: Arabic loses its article's alif (الحسن → "l hsn" →
    "lhsn"), each Chinese or Korean syllable becomes a word (王伟 → "Wang Wei")."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    # The Arabic article written joined: keep it as a separate particle "al".
    text = _ARABIC_WORD.sub(" al-", text)
    for greek, sound in _GREEK_DIGRAPHS:
        text = text.replace(greek, sound)
    text = _CJK.sub(r" \1 ", text)
    latin = anyascii(text)
    return latin


def tokens_of(text: str) -> list[str]:
    """Lower-case Latin words of a name, apostrophes and the Arabic ayn (`) dropped inside
    words, honorifics removed."""
    latin = to_latin(text)
    latin = latin.replace("'", "").replace("`", "").replace("\u2019", "")
    words = [w for w in _NON_ALNUM.split(latin.lower()) if w]
    if not words:
        return []
    kept = [w for w in words if w not in HONORIFICS or (w in _WEAK_HONORIFICS and len(words) < 3)]
    return kept or words


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The phonetic skeleton of one name part: consonants only, sounds that are spelled
    differently across languages folded together, doubled letters collapsed.
    Mohammed, Muhammad, Mohamed, Mukhammed and Arabic "mhmd" all give "mhmd"."""
    t = token.lower()
    # A part without vowels came from Arabic or Hebrew script: its "zh" is z + h.
    arabic = not any(v in t for v in "aeiou")
    for old, new in (
        ("dzh", "j"),
        ("zh", "j"),
        ("dj", "j"),
        ("tch", "c"),
        ("sch", "s"),
        ("sh", "s"),
        ("ch", "h"),
        ("kh", "h"),
        ("ph", "f"),
        ("th", "t"),
        ("dh", "d"),
        ("gh", "g"),
        ("ck", "k"),
        ("q", "k"),
        ("c", "k"),
        ("x", "ks"),
        ("z", "s"),
        ("v", "f"),
    ):
        if arabic and old in ("zh", "dzh", "dj"):
            continue
        t = t.replace(old, new)
    out = []
    for i, ch in enumerate(t):
        if ch in "aeiou":
            continue
        if ch in "wy" and i > 0:
            continue
        if ch == "w":
            ch = "f"
        if out and out[-1] == ch:
            continue
        out.append(ch)
    skel = "".join(out)
    return skel or t[:1]


@dataclass
class NameForm:
    """One name, ready for keys and scoring."""

    text: str
    #: Name parts without particles, in the order written.
    tokens: list[str] = field(default_factory=list)
    #: Particles joined to their part as well ("al" + "hassan" → "alhassan"), for keys.
    joined: list[str] = field(default_factory=list)

    @property
    def skeletons(self) -> list[str]:
        return [skeleton(t) for t in self.tokens]


def person_name_form(text: str) -> NameForm:
    """A person's name as parts: particles (al, bin, van, da...) set apart; the part that
    followed a particle is also kept joined to it ("Al-Hassan" also as "alhassan"); a part
    written with a joined article ("Alhasan", "Elsayed") also without it."""
    words = tokens_of(text)
    tokens: list[str] = []
    joined: list[str] = []
    pending: list[str] = []
    for word in words:
        if word in PARTICLES and len(words) > 1:
            pending.append(word)
            continue
        if pending:
            joined.append("".join(pending) + word)
            pending = []
        tokens.append(word)
    # A particle at the end belongs to no part: it is a name itself ("DLAMINI Bin", "Van Le").
    tokens.extend(pending)
    return NameForm(text=text, tokens=tokens, joined=joined)


_ABD = ("abdul", "abdel", "abdal", "abdol", "abdoul", "abdu", "abd", "bd")


@lru_cache(maxsize=65536)
def token_variants(token: str) -> tuple[str, ...]:
    """A part and its forms without a joined article (Alhasan → hasan) and with "Abd" in
    one spelling (Abdulrahman, Abdelrahman → abdrahman)."""
    variants = [token]
    for article in _JOINED_ARTICLES:
        if token.startswith(article) and len(token) >= len(article) + 4:
            variants.append(token[len(article) :])
            break
    for abd in _ABD[:-1]:
        if token.startswith(abd) and len(token) >= len(abd) + 3:
            if abd != "abd":
                variants.append("abd" + token[len(abd) :])
            break
    return tuple(variants)


def compound_tokens(tokens: list[str]) -> list[str]:
    """Parts written as one word elsewhere: "Abdul Rahman" → "abdrahman" (also
    "Abd al-Rahman"), any two neighbours joined ("Mei Ling" → "meiling"), both ways round
    for a two-part name ("Liu Yang" → "liuyang", "yangliu"). Initials are never joined."""
    compounds = []
    for first, second in pairwise(tokens):
        if len(first) < 2 or len(second) < 2:
            continue
        if first in _ABD:
            compounds.append("abd" + second)
        else:
            compounds.append(first + second)
    if len(tokens) == 2 and min(len(t) for t in tokens) >= 2 and tokens[1] not in _ABD:
        compounds.append(tokens[1] + tokens[0])
    return compounds


def key_tokens(form: NameForm) -> set[str]:
    """Every spelling of the parts that blocking keys are made from."""
    found: set[str] = set()
    for token in [*form.tokens, *form.joined, *compound_tokens(form.tokens)]:
        found.update(token_variants(token))
    return found


def person_name_text(text: str) -> str:
    """The normalised name as one string (parts joined by spaces, particles dropped)."""
    return " ".join(person_name_form(text).tokens)


# Companies ---------------------------------------------------------------------------------

#: Legal forms, as words after dots are removed ("S.A." → "sa", "(Pty) Ltd" → "pty ltd").
LEGAL_FORMS = _words(
    """ltd limited pty proprietary sarl sa sas sasu sarlu eurl llc lc gmbh co company inc
    incorporated corp corporation bv nv ag srl spa lda llp lp plc fze fzco fzc fz llc jsc
    ojsc cjsc pjsc ooo oao zao tov pao ao sl slu cc pte bhd sdn kg ab oy kft sro spzoo sp zoo
    kk gk pvt private ltda eirl sae sal wll bsc cic ltee se scs snc sci tbk pt cv ug mbh
    holdings"""
)
#: Words too common in company names to find a company by.
COMPANY_COMMON = _words(
    """the and of trading trade traders international intl general import export imports
    exports group global enterprise enterprises services service industries industry
    company logistics"""
)


@dataclass
class CompanyForm:
    """A company name without its legal form, and the legal form found."""

    text: str
    tokens: list[str]
    legal_form: str

    @property
    def key(self) -> str:
        return "".join(self.tokens)


#: Abbreviations written out, so that "Gen. Trading" meets "General Trading".
COMPANY_ABBREVIATIONS = {
    "gen": "general",
    "genl": "general",
    "intl": "international",
    "int": "international",
    "natl": "national",
    "mfg": "manufacturing",
    "mfrs": "manufacturers",
    "bros": "brothers",
    "ind": "industries",
    "inds": "industries",
    "svcs": "services",
    "svc": "services",
    "trdg": "trading",
    "tradg": "trading",
    "imp": "import",
    "exp": "export",
    "impex": "import export",
    "ent": "enterprises",
    "hldgs": "holdings",
    "assoc": "associates",
    "mgmt": "management",
    "dist": "distribution",
    "distr": "distribution",
    "transp": "transport",
    "log": "logistics",
    "elec": "electronics",
    "eng": "engineering",
    "engg": "engineering",
    "pharm": "pharmaceuticals",
    "pharma": "pharmaceuticals",
    "tech": "technology",
    "intern": "international",
}


def company_name_form(text: str) -> CompanyForm:
    """Lower case Latin words; the legal form at the end ("(Pty) Ltd", "Proprietary Limited",
    "S.A.R.L.", "GmbH & Co. KG") removed and remembered; "&" and "and", "the" dropped."""
    latin = to_latin(text).lower().replace("&", " and ")
    # S.A. → sa, S.A.R.L. → sarl, Co. → co: dots inside abbreviations and after words go.
    latin = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", latin)
    latin = re.sub(r"\b([a-z])\.([a-z])\b\.?", r"\1\2", latin)
    latin = latin.replace("'", "")
    words = [w for w in _NON_ALNUM.split(latin) if w]
    words = [x for w in words for x in COMPANY_ABBREVIATIONS.get(w, w).split()]
    removed: list[str] = []
    while len(words) > 1 and (words[-1] in LEGAL_FORMS or words[-1] in ("and", "the")):
        removed.insert(0, words.pop())
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    tokens = [w for w in words if w != "and"] or words
    return CompanyForm(text=text, tokens=tokens, legal_form=" ".join(removed))


def company_name_text(text: str) -> str:
    return " ".join(company_name_form(text).tokens)


def normalise_number(value: str) -> str:
    """Document, registration and tax numbers: upper case letters and digits only."""
    return re.sub(r"[^A-Z0-9]", "", to_latin(value or "").upper())
