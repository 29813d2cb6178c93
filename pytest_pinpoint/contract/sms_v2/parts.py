"""How many message parts an SMS body is billed as, counted as the user guide counts them.

"If your message uses only characters in the GSM 03.38 character set ... it can contain up to
160 characters. If your message contains any characters that are outside of the GSM 03.38
character set, it can have up to 70 characters. ... the number of characters in each message
part is reduced to 153 for messages that only contain GSM 03.38 characters, or 67 for messages
that contain other characters." (AWS End User Messaging SMS User Guide, SMS character limits)

The GSM 03.38 extension table's characters take two septets (escape + character), as the
standard has it; UCS-2 counts UTF-16 code units (a character beyond the BMP takes two). Where a
part boundary would split an escape pair or a surrogate pair, carriers move it to the next
part; this count does not (a guess: at most one part fewer on such bodies).
"""

from __future__ import annotations

from typing import NamedTuple

SOURCE = "AWS End User Messaging SMS User Guide, SMS character limits"
GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

# GSM 03.38 default alphabet (the escape 0x1B left out) and its extension table
_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENSION = frozenset("\f^{}\\[~]|€")


class Parts(NamedTuple):
    """An SMS body's encoding (``GSM`` or ``UCS2``), its length in that encoding and parts."""

    encoding: str
    units: int  # septets (GSM) or UTF-16 code units (UCS-2)
    parts: int


_GSM = _BASIC | _EXTENSION


def is_gsm(text: str) -> bool:
    return _GSM.issuperset(text)


def count(text: str) -> Parts:
    """The encoding, length and parts of ``text`` (an empty body is one part)."""
    if is_gsm(text):
        units = len(text)
        if not _EXTENSION.isdisjoint(text):
            units += sum(1 for ch in text if ch in _EXTENSION)
        single, part, encoding = GSM_SINGLE, GSM_PART, "GSM"
    else:
        # a lone surrogate (JSON can carry "\ud800") is one UTF-16 code unit, not an error
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        single, part, encoding = UCS2_SINGLE, UCS2_PART, "UCS2"
    parts = 1 if units <= single else -(-units // part)
    return Parts(encoding, units, parts)
