"""Dates and periods in Russian text, resolved against the publication date.

INTERFACE (used by figures, agreements, events, commitments; keep stable):
    period_in(text, published) -> Period | None     "в прошлом году", "на 2023-2024 годы", "в 2005 году",
                                                    "в первом полугодии", "до 2025 года" (as a period end)
    date_in(text, published) -> str | None          "сегодня", "накануне", "22 августа", "в мае 2024 года"
                                                    -> "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" when that is all)
    deadline_in(text, published) -> str | None      "до 2025 года", "к концу года", "до конца 2024 года"
                                                    -> "YYYY-MM-DD" (the last day of the period)
Also:
    periods_in(text, published, until_as_year=False) -> list[(start, end, Period)]
                                                    every period with its offsets in `text`; with
        `until_as_year` a deadline year ("к 2030 году", "до 2030 года") is that year itself: the text
        fixes the year a target is due, not when the period began (facts-dev README: "a period is
        given only when the text fixes it"), so it does not depend on the publication date
    reference_date(doc_text, published) -> str | None            the date relative phrases are resolved
        against: `published`, else a year inferred from the text itself ("в прошлом году … в течение
        2005 года" makes the reference year 2006; see facts-dev README judgment 7), else None.

`published` may be "YYYY-MM-DD", "YYYY-MM" or "YYYY" (or a longer ISO timestamp). Relative phrases
need as much of it as they move: "в прошлом году" needs a year, "накануне" a full date; when the
reference is too coarse the phrase resolves to nothing (None) rather than to a guess.
Everything is a precompiled regex over the raw text (case-insensitive, ё = е): no NLP needed, so
callers may pass any substring (a sentence, a clause) and offsets stay Python str offsets.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from letopis.extractors.lexicon import table
from letopis.model import Period


@dataclass(frozen=True, slots=True)
class _Ref:
    """The reference (publication) date, as precise as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


def _ref(published: str | None) -> _Ref:
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published or "")
    if not m:
        return _Ref()
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        if mo and d:
            date(y, mo, d)  # type: ignore[arg-type]
    except ValueError:
        return _Ref(y)
    return _Ref(y, mo, d)


@cache
def _lex() -> dict[str, dict[str, int]]:
    return {
        "months": {s: int(v) for s, v in table("period_months.tsv")},
        "relative": {s: int(v) for s, v in table("period_relative.tsv")},
        "days": {s: int(v) for s, v in table("period_days.tsv")},
        "weekdays": {s: int(v) for s, v in table("period_weekdays.tsv")},
        "counts": {s: int(v) for s, v in table("period_counts.tsv")},
    }


def _alt(stems: dict[str, int]) -> str:
    # Longest first so that "март" wins over "ма".
    return "|".join(sorted(map(re.escape, stems), key=len, reverse=True))


_Y = r"(1[89]\d\d|20\d\d)"
_YEAR_WORD = r"(?:-?(?:го|му|м|й|е|х))?\s*(?:год(?:а|у|ом|е|ы|ов|ах|ам)?\b|гг?\.)"
_MONTH_SFX = r"(ь|я|е|й|а|ю|ом|ем)?\b"


@dataclass(frozen=True, slots=True)
class _Rx:
    range: re.Pattern[str]
    until: re.Pattern[str]
    until_rel: re.Pattern[str]
    part: re.Pattern[str]
    month: re.Pattern[str]
    rel_year: re.Pattern[str]
    year: re.Pattern[str]
    numeric: re.Pattern[str]
    iso: re.Pattern[str]
    day_month: re.Pattern[str]
    day_word: re.Pattern[str]
    weekday: re.Pattern[str]
    months_count: re.Pattern[str]
    since_start: re.Pattern[str]


@cache
def _rx() -> _Rx:
    lx = _lex()
    mon, rel = _alt(lx["months"]), _alt(lx["relative"])
    flags = re.IGNORECASE
    rel_year = rf"({rel})\w{{0,4}}\s+год(?:а|у|ом|е)?\b"
    return _Rx(
        range=re.compile(rf"\b{_Y}\s*(?:[-–—]|\s+по\s+)\s*{_Y}{_YEAR_WORD}", flags),
        until=re.compile(
            rf"\b(?:до|к|по)\s+(?:(?:конц[ауе]|исход[ауе]|окончани[яю])\s+)?{_Y}{_YEAR_WORD}", flags
        ),
        until_rel=re.compile(
            rf"\b(?:до|к)\s+(?:конц[ауе]|исход[ауе]|окончани[яю])\s+(?:({rel})\w{{0,4}}\s+)?(год|месяц)(?:а|у)?\b",
            flags,
        ),
        part=re.compile(
            rf"\b(?:в|во|за|по\s+итогам)\s+(перв|втор|трет|четверт|последн)\w*\s+(полугоди|квартал)\w*"
            rf"(?:\s+(?:{_Y}{_YEAR_WORD}|{rel_year}))?",
            flags,
        ),
        month=re.compile(
            rf"\b(?:в|во|за|с|по\s+итогам)\s+({mon}){_MONTH_SFX}(?:(?:\s*[-–—]\s*|\s+по\s+)({mon}){_MONTH_SFX})?"
            rf"(?:\s+(?:{_Y}{_YEAR_WORD}|{rel_year}))?",
            flags,
        ),
        rel_year=re.compile(rf"\b{rel_year}", flags),
        year=re.compile(rf"\b{_Y}{_YEAR_WORD}|\b(?:в|с|к|до|от|за)\s+{_Y}-(?:го|м|й)\b", flags),
        numeric=re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b"),
        iso=re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        day_month=re.compile(
            rf"\b(\d{{1,2}})(?:-?го)?\s+({mon}){_MONTH_SFX}(?:\s+{_Y}(?:{_YEAR_WORD})?)?", flags
        ),
        day_word=re.compile(rf"\b({_alt(lx['days'])})\b", flags),
        weekday=re.compile(rf"\bв(?:о)?\s+({_alt(lx['weekdays'])})\w*", flags),
        # "за девять месяцев", "по итогам первых 10 месяцев 2024 года": January to the Nth month
        months_count=re.compile(
            rf"\b(?:за|по\s+итогам)\s+(перв\w+\s+)?(\d{{1,2}}|{_alt(lx['counts'])})\s+(месяц\w*)"
            rf"(?:\s+(?:{_Y}{_YEAR_WORD}|{rel_year}))?",
            flags,
        ),
        since_start=re.compile(rf"\bс\s+начала\s+(?:({rel})\w{{0,4}}\s+)?года\b", flags),
    )


def _norm(text: str) -> str:
    # ё -> е keeps offsets (one character for one).
    return text.replace("ё", "е").replace("Ё", "Е")


def _month_no(stem: str, sfx: str | None) -> int | None:
    stem = stem.lower()
    if stem == "ма" and not sfx:  # a bare "ма" is not May
        return None
    return _lex()["months"].get(stem)


def _rel_offset(word: str) -> int:
    return _lex()["relative"][word.lower()]


def _year_period(y1: int, y2: int | None = None) -> tuple[str, str]:
    return f"{y1:04d}-01-01", f"{(y2 or y1):04d}-12-31"


def _month_end(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


# --- periods -----------------------------------------------------------------------------------

_Found = tuple[int, int, Period | None]


def periods_in(
    text: str, published: str | None, until_as_year: bool = False
) -> list[tuple[int, int, Period]]:
    """Every period stated in `text`, in text order, with its character offsets."""
    t, ref = _norm(text), _ref(published)
    rx = _rx()
    found: list[_Found] = []
    for m in rx.range.finditer(t):
        y1, y2 = int(m[1]), int(m[2])
        found.append((m.start(), m.end(), _mk(t, m, *_year_period(y1, y2)) if y1 <= y2 else None))
    for m in rx.until.finditer(t):
        y = int(m[1])
        found.append((m.start(), m.end(), _mk(t, m, *_year_period(y)) if until_as_year else _until_period(t, m, ref, y)))
    for m in rx.until_rel.finditer(t):
        found.append((m.start(), m.end(), _until_rel_period(t, m, ref)))
    for m in rx.part.finditer(t):
        found.append((m.start(), m.end(), _part_period(t, m, ref)))
    for m in rx.month.finditer(t):
        found.append((m.start(), m.end(), _month_period(t, m, ref)))
    for m in rx.months_count.finditer(t):
        found.append((m.start(), m.end(), _months_count_period(t, m, ref)))
    for m in rx.since_start.finditer(t):
        y = ref.year + (_rel_offset(m[1]) if m[1] else 0) if ref.year else None
        end = ref.date.isoformat() if ref.date and y == ref.year else f"{y}-12-31"
        found.append((m.start(), m.end(), _mk(t, m, f"{y:04d}-01-01", end) if y else None))
    for m in rx.rel_year.finditer(t):
        y = ref.year + _rel_offset(m[1]) if ref.year else None
        found.append((m.start(), m.end(), _mk(t, m, *_year_period(y)) if y else None))
    for m in rx.year.finditer(t):
        y = int(m[1] or m[2])
        found.append((m.start(), m.end(), _mk(t, m, *_year_period(y))))
    # The phrase as written (the matching ran over a copy with ё -> е).
    return [
        (s, e, p.model_copy(update={"text": text[s:e]}))
        for s, e, p in _non_overlapping(found)
        if p is not None
    ]


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Earliest first, then longest; a match inside a kept one is dropped (its words are taken)."""
    out: list[_Found] = []
    for s, e, p in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if out and s < out[-1][1]:
            continue
        out.append((s, e, p))
    return out


def _mk(t: str, m: re.Match[str], start: str, end: str) -> Period:
    return Period(start=start, end=end, text=t[m.start() : m.end()])


def _until_period(t: str, m: re.Match[str], ref: _Ref, year: int) -> Period | None:
    # "до 2025 года": from the reference date to the end of that year; unknown start -> no period.
    start = ref.date.isoformat() if ref.date else (f"{ref.year:04d}-01-01" if ref.year else None)
    if start is None or int(start[:4]) > year:
        return None
    return _mk(t, m, start, f"{year:04d}-12-31")


def _until_rel_period(t: str, m: re.Match[str], ref: _Ref) -> Period | None:
    if not ref.year:
        return None
    year = ref.year + (_rel_offset(m[1]) if m[1] else 0)
    if m[2].lower() == "месяц":
        if not ref.month or m[1]:
            return None
        return _mk(
            t,
            m,
            ref.date.isoformat() if ref.date else f"{year}-{ref.month:02d}-01",
            _month_end(year, ref.month),
        )
    start = ref.date.isoformat() if ref.date and year == ref.year else f"{year:04d}-01-01"
    return _mk(t, m, start, f"{year:04d}-12-31")


_ORDINAL = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}


def _part_period(t: str, m: re.Match[str], ref: _Ref) -> Period | None:
    year = _stated_year(m, 3, 4, ref)
    if year is None:
        return None
    kind = m[2].lower()
    per_year = 2 if kind.startswith("полугоди") else 4
    n = _ORDINAL.get(m[1].lower(), per_year)  # "последний" = the last one
    if n > per_year:
        return None
    months = 12 // per_year
    first = (n - 1) * months + 1
    return _mk(t, m, f"{year:04d}-{first:02d}-01", _month_end(year, first + months - 1))


def _stated_year(m: re.Match[str], year_group: int, rel_group: int, ref: _Ref) -> int | None:
    if m[year_group]:
        return int(m[year_group])
    if not ref.year:
        return None
    return ref.year + (_rel_offset(m[rel_group]) if m[rel_group] else 0)


def _month_period(t: str, m: re.Match[str], ref: _Ref) -> Period | None:
    m1 = _month_no(m[1], m[2])
    m2 = _month_no(m[3], m[4]) if m[3] else m1
    year = _stated_year(m, 5, 6, ref)
    if m1 is None or m2 is None or year is None or m2 < m1:
        return None
    return _mk(t, m, f"{year:04d}-{m1:02d}-01", _month_end(year, m2))


def _months_count_period(t: str, m: re.Match[str], ref: _Ref) -> Period | None:
    """January to the Nth month of the stated year; with none, of the last year in which N months had
    passed by the reference date ("по итогам 11 месяцев" in a January article is last year's)."""
    n = int(m[2]) if m[2].isdigit() else _lex()["counts"].get(m[2].lower())
    if not n or n > 12 or (m[3].lower() != "месяцев" and not m[1]):
        return None  # "за два месяца" is a duration; "за первые два месяца", "за 9 месяцев" a period
    if m[4] or m[5]:
        year = _stated_year(m, 4, 5, ref)
    elif ref.year and ref.month:
        year = ref.year if ref.month > n else ref.year - 1
    else:
        year = ref.year
    return _mk(t, m, f"{year:04d}-01-01", _month_end(year, n)) if year else None


def period_in(text: str, published: str | None) -> Period | None:
    """The first period stated in `text` (resolved against `published`), or None."""
    found = periods_in(text, published)
    return found[0][2] if found else None


# --- dates -------------------------------------------------------------------------------------


def dates_in(text: str, published: str | None) -> list[tuple[int, int, str, int]]:
    """Every date in `text`: (start, end, "YYYY[-MM[-DD]]", rank), in text order.

    rank: 1 a year, 2 a month, 3 a relative day ("вчера", "в среду"), 4 an explicit day.
    Ranges ("2023-2024 годы") and deadlines ("до 2025 года") are periods, not dates: they are skipped.
    """
    t, ref = _norm(text), _ref(published)
    rx = _rx()
    found: list[tuple[int, int, str | None, int]] = []
    for pat in (rx.range, rx.until, rx.until_rel):
        found.extend((m.start(), m.end(), None, 0) for m in pat.finditer(t))
    for m in rx.numeric.finditer(t):
        y = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        found.append((m.start(), m.end(), _iso(y, int(m[2]), int(m[1])), 4))
    for m in rx.iso.finditer(t):
        found.append((m.start(), m.end(), _iso(int(m[1]), int(m[2]), int(m[3])), 4))
    for m in rx.day_month.finditer(t):
        found.append((m.start(), m.end(), _day_month(m, ref), 4))
    for m in rx.day_word.finditer(t):
        d = ref.date
        found.append(
            (m.start(), m.end(), (d + timedelta(_lex()["days"][m[1].lower()])).isoformat() if d else None, 3)
        )
    for m in rx.weekday.finditer(t):
        found.append((m.start(), m.end(), _weekday(m[1], ref), 3))
    for m in rx.month.finditer(t):
        p = _month_period(t, m, ref)
        found.append((m.start(), m.end(), p.start[:7] if p and p.start[:7] == p.end[:7] else None, 2))
    for m in rx.rel_year.finditer(t):
        found.append((m.start(), m.end(), f"{ref.year + _rel_offset(m[1]):04d}" if ref.year else None, 1))
    for m in rx.year.finditer(t):
        found.append((m.start(), m.end(), m[1] or m[2], 1))
    kept: list[tuple[int, int, str | None, int]] = []
    for f in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    return [(s, e, v, rank) for s, e, v, rank in kept if v is not None]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day_month(m: re.Match[str], ref: _Ref) -> str | None:
    month = _month_no(m[2], m[3])
    if month is None:
        return None
    if m[4]:
        return _iso(int(m[4]), month, int(m[1]))
    if not ref.year:
        return None
    out = _iso(ref.year, month, int(m[1]))
    # News rarely looks more than half a year ahead: "28 декабря" in a January article is last year.
    if out and ref.date and (date.fromisoformat(out) - ref.date).days > 183:
        out = _iso(ref.year - 1, month, int(m[1]))
    return out


def _weekday(stem: str, ref: _Ref) -> str | None:
    # A bare weekday in news is the most recent such day on or before publication.
    if ref.date is None:
        return None
    wd = _lex()["weekdays"][stem.lower()]
    return (ref.date - timedelta((ref.date.weekday() - wd) % 7)).isoformat()


def date_in(text: str, published: str | None) -> str | None:
    """The most precise date stated in `text` (the first of equals), or None when none is known."""
    found = dates_in(text, published)
    if not found:
        return None
    best = max(found, key=lambda f: (f[3], -f[0]))
    return best[2]


# --- deadlines ---------------------------------------------------------------------------------


def deadline_in(text: str, published: str | None) -> str | None:
    """The first deadline ("до 2025 года", "к концу года", "до 1 сентября") as its last day."""
    t, ref = _norm(text), _ref(published)
    rx = _rx()
    found: list[tuple[int, str | None]] = []
    for m in rx.until.finditer(t):
        found.append((m.start(), f"{int(m[1]):04d}-12-31"))
    for m in rx.until_rel.finditer(t):
        p = _until_rel_period(t, m, ref)
        found.append((m.start(), p.end if p else None))
    for m in _until_day_rx().finditer(t):
        dm = rx.day_month.match(t, m.start(1))
        found.append((m.start(), _day_month(dm, ref) if dm else None))
    found = [f for f in found if f[1]]
    return min(found)[1] if found else None


@cache
def _until_day_rx() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:до|к|не\s+позднее)\s+(\d{{1,2}}(?:-?го)?\s+(?:{_alt(_lex()['months'])}))", re.IGNORECASE
    )


# --- the reference date of a whole document ----------------------------------------------------


@cache
def _last_year_rx() -> re.Pattern[str]:
    lx = _lex()
    past = [s for s, v in lx["relative"].items() if v == -1]
    return re.compile(rf"\b(?:{_alt(dict.fromkeys(past, 0))})\w*\s+год\w*", re.IGNORECASE)


def reference_date(doc_text: str, published: str | None) -> str | None:
    """`published`, else the current year the text implies, else None.

    Without a publication date, a text that says "в прошлом году" and then, within the next few
    sentences, names that year ("в течение 2005 года") is read as written the year after: 2006.
    """
    if published:
        return published
    t = _norm(doc_text)
    m = _last_year_rx().search(t)
    if not m:
        return None
    window = t[m.end() : m.end() + 600]
    rx = _rx()
    for y in rx.year.finditer(window):
        if not rx.range.search(window, max(0, y.start() - 12), y.end()):
            return f"{int(y[1] or y[2]) + 1:04d}"
    return None
