"""Hypothesis strategies for SES v2's ``send_email``: valid requests of the three content kinds
(Simple, Raw, Template), biased to the documented limits (50 destinations, 15 headers, names of
126 and values of 995 characters, tags of 256), each accepted by
:func:`~pytest_pinpoint.contract.ses.send.validate_ses_request` and by botocore; and labelled
invalid ones, ``(params, rule_id)``, each breaking exactly its rule just past its boundary.

>>> from hypothesis import given
>>> from pytest_pinpoint.strategies.ses import send_email_requests
>>> @given(send_email_requests(kinds=("Template",)))
... def test_my_mailer(params):
...     my_app.mailer.send(params)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from email.message import EmailMessage
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..contract import limits
from ..contract.ses.limits import MAX_DESTINATIONS, MAX_RAW_LINE, MAX_TAG_LENGTH

KINDS = ("Simple", "Raw", "Template")
_TAG_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
# the model's MessageHeaderName pattern: printable ASCII but ':' (and no space)
_HEADER_NAME_CHARS = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != ":")
_HEADER_VALUE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F))
MAX_HEADER_VALUE = 995  # the model's MessageHeaderValue max (held equal by the tests)
_TEXT = st.text("abcdefghijklmnopqrstuvwxyz ABC.,!éü中😀", min_size=1, max_size=40)


def _biased(low: int, high: int) -> SearchStrategy[int]:
    """An integer in [low, high], often at either end."""
    return st.one_of(st.just(low), st.just(high), st.integers(low, high))


@st.composite
def addresses(draw: DrawFn) -> str:
    local = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789.+_", min_size=1, max_size=12))
    local = local.strip(".") or "a"
    return f"{local}@{draw(st.sampled_from(('example.com', 'example.org', 'mail.example')))}"


@st.composite
def _destination(draw: DrawFn) -> dict[str, list[str]]:
    count = draw(_biased(1, MAX_DESTINATIONS))
    split = sorted(draw(st.lists(st.integers(0, count), min_size=2, max_size=2)))
    everyone = [f"r{i}-{draw(addresses())}" for i in range(count)]
    out = {
        "ToAddresses": everyone[: split[0]],
        "CcAddresses": everyone[split[0] : split[1]],
        "BccAddresses": everyone[split[1] :],
    }
    return {k: v for k, v in out.items() if v}


@st.composite
def _headers(draw: DrawFn) -> list[dict[str, str]]:
    count = draw(_biased(0, limits.MAX_EMAIL_HEADERS))
    names = [
        f"X-{i}-" + draw(st.text(_HEADER_NAME_CHARS, max_size=limits.MAX_HEADER_NAME_LENGTH - 6))
        for i in range(count)
    ]
    values = st.text(_HEADER_VALUE_CHARS, min_size=1, max_size=MAX_HEADER_VALUE)
    return [{"Name": n, "Value": draw(values)} for n in names]


def _tag_text() -> SearchStrategy[str]:
    return st.one_of(
        st.text(_TAG_CHARS, min_size=1, max_size=16),
        st.text(_TAG_CHARS, min_size=MAX_TAG_LENGTH, max_size=MAX_TAG_LENGTH),
    )


@st.composite
def _tags(draw: DrawFn) -> list[dict[str, str]]:
    return [
        {"Name": draw(_tag_text()), "Value": draw(_tag_text())}
        for _ in range(draw(st.integers(0, 3)))
    ]


@st.composite
def _simple(draw: DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {"Text": {"Data": draw(_TEXT)}}
    if draw(st.booleans()):
        body["Html"] = {"Data": f"<p>{draw(_TEXT)}</p>"}
    out: dict[str, Any] = {"Subject": {"Data": draw(_TEXT)}, "Body": body}
    headers = draw(_headers())
    if headers:
        out["Headers"] = headers
    if draw(st.booleans()):
        out["Attachments"] = [
            {
                "FileName": "report.txt",
                "RawContent": draw(st.binary(max_size=64)),
                "ContentType": "text/plain",
            }
        ]
    return {"Simple": out}


@st.composite
def _raw(draw: DrawFn, sender: str, destination: dict[str, list[str]]) -> dict[str, Any]:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(destination.get("ToAddresses", ())) or sender
    message["Subject"] = draw(st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=40))
    line = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=MAX_RAW_LINE - 2))
    message.set_content(line, cte="7bit" if len(line) < 998 else "quoted-printable")
    return {"Raw": {"Data": message.as_bytes()}}


@st.composite
def _template(draw: DrawFn) -> dict[str, Any]:
    data = draw(st.dictionaries(st.sampled_from(("name", "city", "code")), _TEXT, max_size=3))
    out: dict[str, Any] = {"TemplateData": json.dumps(data)}
    if draw(st.booleans()):
        out["TemplateName"] = draw(st.text(_TAG_CHARS, min_size=1, max_size=20))
    else:
        out["TemplateContent"] = {"Subject": "Hi {{name}}", "Text": "{{#if city}}{{city}}{{/if}}"}
    return {"Template": out}


def send_email_requests(kinds: Iterable[str] = KINDS) -> SearchStrategy[dict[str, Any]]:
    """Valid ``send_email`` requests (boto3's keyword arguments) of the given content kinds;
    ValueError at once for a kind SES does not have."""
    chosen = tuple(kinds)
    unknown = set(chosen) - set(KINDS)
    if unknown or not chosen:
        raise ValueError(f"kinds must be some of {', '.join(KINDS)}, not {sorted(unknown)}")
    return _send_email(chosen)


@st.composite
def _send_email(draw: DrawFn, chosen: tuple[str, ...]) -> dict[str, Any]:
    kind = draw(st.sampled_from(chosen))
    sender = draw(addresses())
    destination = draw(_destination())
    params: dict[str, Any] = {"FromEmailAddress": sender, "Destination": destination}
    if kind == "Simple":
        params["Content"] = draw(_simple())
    elif kind == "Raw":
        params["Content"] = draw(_raw(sender, destination))
    else:
        params["Content"] = draw(_template())
    tags = draw(_tags())
    if tags:
        params["EmailTags"] = tags
    return params


def _past(rule: str, params: dict[str, Any]) -> dict[str, Any]:
    simple = params["Content"].setdefault("Simple", {})
    if rule == "ses-destinations-max":
        params["Destination"] = {"ToAddresses": [f"t{i}@example.org" for i in range(51)]}
    elif rule == "ses-headers-max":
        simple["Headers"] = [{"Name": f"X-{i}", "Value": "v"} for i in range(16)]
    elif rule == "ses-header-name":
        simple["Headers"] = [{"Name": "X" * (limits.MAX_HEADER_NAME_LENGTH + 1), "Value": "v"}]
    elif rule == "ses-header-value":
        simple["Headers"] = [{"Name": "X-A", "Value": "v" * (MAX_HEADER_VALUE + 1)}]
    elif rule == "ses-tag-name":
        params["EmailTags"] = [{"Name": "n" * (MAX_TAG_LENGTH + 1), "Value": "v"}]
    elif rule == "ses-tag-value":
        params["EmailTags"] = [{"Name": "n", "Value": "a.b"}]
    elif rule == "ses-address":
        params["Destination"] = {"ToAddresses": ["not-an-address"]}
    return params


_BREAKABLE: tuple[str, ...] = (
    "ses-destinations-max",
    "ses-headers-max",
    "ses-header-name",
    "ses-header-value",
    "ses-tag-name",
    "ses-tag-value",
    "ses-address",
)
INVALID_SES_RULES: frozenset[str] = frozenset(_BREAKABLE)


def invalid_send_email_requests(
    rules: Iterable[str] | None = None,
) -> SearchStrategy[tuple[dict[str, Any], str]]:
    """``(params, rule_id)``: Simple ``send_email`` requests breaking exactly ``rule_id``;
    ValueError at once for a rule this strategy cannot break."""
    wanted = tuple(sorted(rules)) if rules is not None else _BREAKABLE
    unknown = set(wanted) - INVALID_SES_RULES
    if unknown or not wanted:
        raise ValueError(
            f"rules {sorted(unknown)}: this strategy breaks {', '.join(sorted(INVALID_SES_RULES))}"
        )
    return _invalid(wanted)


@st.composite
def _invalid(draw: DrawFn, wanted: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    rule = draw(st.sampled_from(wanted))
    params = draw(send_email_requests(kinds=("Simple",)))
    params.pop("EmailTags", None)
    params["Content"]["Simple"].pop("Headers", None)
    params["Destination"] = {"ToAddresses": ["a@example.org"]}
    return _past(rule, params), rule
