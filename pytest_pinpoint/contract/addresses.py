"""Recipient addresses: an SMS or voice address is an E.164 phone number, an email address is
an email address, no address is empty (API reference, EndpointRequest.Address: see
``limits.ADDRESS_PAGE``).

Three rules, exclusive of each other so one address breaks exactly one:

- ``address-empty`` (error): ``""`` (a ``send_messages`` Addresses key, an endpoint's Address).
- ``address-redacted`` (warning): a masked phone number such as ``+346*******5``, as logs and
  event records print one: the app sent a copy, not the number.
- ``address-format`` (warning): any other SMS / VOICE address not in E.164 form
  (``"hello"``, ``"2065550100"``), an EMAIL address that is not ``local@domain.tld``.

The fake answers such a recipient ``PERMANENT_FAILURE`` with a status message naming the
problem (:func:`address_problem`), the other recipients of the call as usual: the documented
answers say nothing more precise (docs/contract.md "What is a guess").
"""

from __future__ import annotations

from typing import NamedTuple

from .limits import E164, EMAIL_ADDRESS, PHONE_CHANNEL_TYPES, REDACTED_PHONE
from .violation import Collector


class AddressProblem(NamedTuple):
    """Why an address cannot be messaged on its channel: the rule and what to say."""

    rule: str
    message: str


_EXAMPLE = "such as +12065550100"


def address_problem(channel: str | None, address: str) -> AddressProblem | None:
    """The problem of ``address`` on ``channel`` (a ChannelType; None: judge emptiness only)."""
    if address == "":
        return AddressProblem("address-empty", "is empty: a recipient needs an address")
    if channel in PHONE_CHANNEL_TYPES:
        if E164.fullmatch(address):
            return None
        if REDACTED_PHONE.fullmatch(address):
            return AddressProblem(
                "address-redacted",
                f"{address!r} looks like a redacted (masked) phone number, as logs and event "
                f"records print one: send to the full number in E.164 form ({_EXAMPLE})",
            )
        hint = "; the leading + and country code are missing" if address.isdigit() else ""
        return AddressProblem(
            "address-format",
            f"{address!r} is not a phone number in E.164 form, which the {channel} channel "
            f"needs ({_EXAMPLE}{hint})",
        )
    if channel == "EMAIL" and not EMAIL_ADDRESS.fullmatch(address):
        return AddressProblem(
            "address-format",
            f"{address!r} is not an email address (local@domain), which the EMAIL channel needs",
        )
    return None


def check_address(channel: str | None, address: str, path: str, c: Collector) -> None:
    found = address_problem(channel, address)
    if found is not None:
        c.add(found.rule, path, found.message, address)
