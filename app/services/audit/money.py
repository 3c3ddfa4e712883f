"""Money, exactly: Decimal amounts, ISO 4217 currencies and their minor units, rounding.

Rules (stated in the README and tested):

- Rates are stored in ten-thousandths of the currency unit (``amount_e4``), so a rate
  typed as 33.335 is kept as it was typed; never a float.
- Each *line* of a payment (a rate times a number of days, nights or trips) is rounded
  once, half up (0.005 → 0.01), to the currency's minor unit: 2 decimals for most
  currencies, 0 for the franc CFA, the yen and a few others, 3 for the Libyan and
  Tunisian dinars and a few others. A person's total is the sum of their rounded
  lines; a sheet's total the sum of the people's totals. So every figure on a payment
  sheet adds up exactly to the total printed under it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.errors import UserError
from app.l10n import Phrase, check_language

# ISO 4217 minor units that are not 2 (the usual case).
MINOR_UNITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                     "UGX", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}  # fmt: skip
E4 = Decimal(10_000)
MAX_AMOUNT = Decimal(10) ** 12  # a rate of a trillion is a typing accident
CURRENCY_RE = re.compile(r"^[A-Z]{3}\Z")
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")


def minor_unit(currency: str) -> int:
    """Decimals of ``currency``'s smallest coin: 2 unless ISO 4217 says otherwise."""
    return MINOR_UNITS.get(currency, 2)


def check_currency(text: str) -> str:
    """An ISO 4217 code (three letters), upper-cased, or a plain refusal."""
    code = text.strip().upper()
    if not CURRENCY_RE.match(code):
        raise UserError(
            Phrase("'{text}' is not a currency code; write three letters, such as USD.", text=text)
        )
    return code


def parse_amount(text: str) -> Decimal:
    """'1 234,50', '1,234.50', '33.335' → Decimal; at most 4 decimals, never negative.

    One comma alone is a decimal comma (French); with a point too, the last of the
    two separates the decimals and the other groups thousands.
    """
    raw = _SPACES.sub("", text or "")
    if "," in raw and "." in raw:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        group = "." if decimal_mark == "," else ","
        raw = raw.replace(group, "").replace(decimal_mark, ".")
    elif raw.count(",") == 1:
        raw = raw.replace(",", ".")
    elif raw.count(",") > 1:
        raw = raw.replace(",", "")
    bad = UserError(Phrase("'{text}' is not an amount; write it like 25 or 33.50.", text=text))
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", raw):
        raise bad
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise bad from None
    if value != value.quantize(Decimal("0.0001")):
        raise UserError(
            Phrase("'{text}' has more than 4 decimals; Muster keeps 4 at most.", text=text)
        )
    if value >= MAX_AMOUNT:
        raise UserError(Phrase("'{text}' is far too large for a rate.", text=text))
    return value


def to_e4(value: Decimal) -> int:
    """Whole ten-thousandths, as stored (exact for any amount with up to 4 decimals)."""
    return int((value * E4).to_integral_value(rounding=ROUND_HALF_UP))


def from_e4(stored: int) -> Decimal:
    return Decimal(stored) / E4


def round_line(value: Decimal, currency: str) -> Decimal:
    """``value`` rounded half up to ``currency``'s minor unit (the one rounding step)."""
    return value.quantize(Decimal(1).scaleb(-minor_unit(currency)), rounding=ROUND_HALF_UP)


def plain(value: Decimal, currency: str) -> str:
    """'1234.50': the amount with exactly its currency's decimals (for JSON and files)."""
    return f"{round_line(value, currency):f}"


def format_money(value: Decimal, currency: str, lang: str = "en", code: bool = True) -> str:
    """'1,234.50 USD' in English, '1 234,50 USD' in French (narrow no-break space)."""
    places = minor_unit(currency)
    text = f"{round_line(value, currency):,.{places}f}"
    if check_language(lang) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0{currency}" if code else text


def rate_text(value: Decimal, currency: str) -> str:
    """A rate as typed back into a field: its currency's decimals, more only if it has them."""
    places = max(minor_unit(currency), -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{value:.{max(places, 0)}f}"
