"""Numbers as Indonesian offices write them: `Rp 12.000.000`, `12.000.000,00`, `12000000`.

A dot groups thousands and a comma starts the decimals (the Indonesian habit). One reader for the
plan, the workbooks and the participant lists; a text it cannot read without guessing is refused with
a message showing what is allowed.
"""

from __future__ import annotations

import math
import re

ALLOWED = "12000000, 12.000.000, 12.000.000,00, Rp 12.000.000, Rp 12.000.000,-, 2,5"
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DECIMAL = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+),\d+$")


class NumberError(ValueError):
    """A text that is not a number in any form the handbook reads; `message` says why, in both languages."""

    def __init__(self, text: str) -> None:
        self.message = {
            "id": f"{text!r} bukan angka yang terbaca (yang boleh, misalnya: {ALLOWED})",
            "en": f"{text!r} is not a number that can be read (allowed, for example: {ALLOWED})",
        }
        super().__init__(self.message["en"])


def parse_number(value: str | int | float) -> int | float:
    """The number a cell or a field means: an int when it is whole and written without decimals.

    `12,000` (a comma before exactly three digits, no dots) is refused: it is twelve in Indonesian
    and twelve thousand in English, and guessing wrong by a factor of a thousand is worse than asking.
    So is `12.5`: a dot groups thousands, so the decimals must follow a comma.
    """
    if isinstance(value, bool):
        raise NumberError(str(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError(str(value))
        return value
    text = _CURRENCY.sub("", value.strip().replace("\u00a0", " ")).replace(" ", "")
    text = text.removesuffix(",-")  # "Rp 12.000.000,-": the dash closes the amount on receipts
    sign = -1 if text.startswith("-") else 1
    digits = text.removeprefix("-")
    if _PLAIN.match(digits) or _GROUPED.match(digits):
        return sign * int(digits.replace(".", ""))
    if _DECIMAL.match(digits):
        whole, decimals = digits.split(",")
        if len(decimals) == 3 and "." not in whole:
            raise NumberError(value)
        number = float(whole.replace(".", "") + "." + decimals)
        return sign * (int(number) if set(decimals) == {"0"} else number)
    raise NumberError(value)
