"""Dates and periods in Russian text, resolved against the publication date.

INTERFACE (used by figures, agreements, events, commitments; keep stable):
    period_in(text, published) -> Period | None     "в прошлом году", "на 2023-2024 годы", "в 2005 году",
                                                    "в первом полугодии", "до 2025 года" (as a period end)
    date_in(text, published) -> str | None          "сегодня", "накануне", "22 августа", "в мае 2024 года"
                                                    -> "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" when that is all)
    deadline_in(text, published) -> str | None      "до 2025 года", "к концу года", "до конца 2024 года"
This first version is a placeholder; the figures work fills it in.
"""

from __future__ import annotations

from letopis.model import Period


def period_in(text: str, published: str | None) -> Period | None:
    return None


def date_in(text: str, published: str | None) -> str | None:
    return None


def deadline_in(text: str, published: str | None) -> str | None:
    return None
