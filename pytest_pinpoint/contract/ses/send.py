"""The one validator of an SES v2 send request (SendEmail, SendBulkEmail): the model's
constraints (:mod:`.constraints`) and the documented rules of the API reference and the
developer guide, each with its rule ID from :mod:`.catalog`."""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping
from email.utils import getaddresses, parseaddr
from typing import Any

from ... import model
from .. import limits as pinpoint
from ..violation import Collector, SeveritySetting, Violation, check_severities
from ..walk import obj, text, walk
from . import constraints, mime
from .limits import (
    MAX_BULK_ENTRIES,
    MAX_DESTINATIONS,
    MAX_MESSAGE_BYTES,
    MAX_TAG_LENGTH,
    SEND_BULK_EMAIL,
    SEND_EMAIL,
    SERVICE,
    TAG_TEXT,
)

_FIELDS = ("ToAddresses", "CcAddresses", "BccAddresses")
_CONTENT_KINDS = ("Simple", "Raw", "Template")
_TEMPLATE_SOURCES = ("TemplateName", "TemplateArn", "TemplateContent")
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")


@functools.cache
def _shape(name: str) -> Any:
    return model.bundled_model(SERVICE).shape_for(name)


def _meta(name: str) -> dict[str, Any]:
    return dict(_shape(name).metadata)


def validate_send(
    operation: str, params: Mapping[str, Any], overrides: Mapping[str, SeveritySetting]
) -> list[Violation]:
    """Every violation of an SES v2 send request given as boto3's keyword arguments."""
    c = Collector(overrides)
    shape = model.bundled_model(SERVICE).operation_model(operation).input_shape
    constraints.check(shape, dict(params), "", c)
    if operation == SEND_EMAIL:
        _check_send_email(params, c)
    elif operation == SEND_BULK_EMAIL:
        _check_bulk(params, c)
    return c.out


def address_of(value: str) -> str:
    """The bare address of ``"Name <a@example.com>"`` or ``a@example.com``."""
    return parseaddr(value)[1] or value


def recipients(destination: Mapping[str, Any] | None) -> list[str]:
    """To, then Cc, then Bcc, as given."""
    out: list[str] = []
    for field in _FIELDS:
        values = destination.get(field) if destination else None
        if isinstance(values, list | tuple):
            out.extend(v for v in values if isinstance(v, str))
    return out


def raw_recipients(message: Any) -> list[str]:
    """The To, Cc and Bcc header addresses of a parsed Raw message."""
    values = [v for name in ("To", "Cc", "Bcc") for v in message.get_all(name, [])]
    return [address for _name, address in getaddresses(values) if address]


def _check_send_email(params: Mapping[str, Any], c: Collector) -> None:
    content = obj(params, "Content") or {}
    kinds = [k for k in _CONTENT_KINDS if content.get(k) is not None]
    if len(kinds) != 1:
        c.add(
            "ses-content-kind",
            "Content",
            f"has {', '.join(kinds) or 'none'} of Simple, Raw, Template; give exactly one",
        )
    from_address = text(params, "FromEmailAddress")
    to = recipients(obj(params, "Destination"))
    raw = obj(content, "Raw")
    if raw is not None:
        data = mime.blob_bytes(raw.get("Data"))
        message = None
        if data is not None:
            message = mime.check_raw(data, "Content.Raw.Data", c, has_from=bool(from_address))
        if message is not None and not to:
            to = raw_recipients(message)
        if message is not None and message.get("From"):
            from_address = from_address or str(message.get("From"))
        _check_size(len(data or b""), "Content.Raw.Data", c)
    else:
        for kind in ("Simple", "Template"):
            part = obj(content, kind)
            if part is not None:
                _check_part(kind, part, f"Content.{kind}", c)
    _check_destinations(to, "Destination", c)
    # a Raw message without a From is ses-raw-headers' to report
    _check_from(from_address, params, c, required=raw is None)
    _check_tags(params.get("EmailTags"), "EmailTags", c)


def _check_from(
    from_address: str | None, params: Mapping[str, Any], c: Collector, *, required: bool = True
) -> None:
    if required and from_address is None and text(params, "FromEmailAddressIdentityArn") is None:
        c.add("ses-from-required", "FromEmailAddress", "is required to send (no From address)")
    for name in ("FromEmailAddress", "FeedbackForwardingEmailAddress"):
        value = text(params, name)
        if value is not None:
            _check_address(value, name, c)


def _check_address(value: str, path: str, c: Collector) -> None:
    if _ADDRESS.fullmatch(address_of(value)) is None:
        c.add("ses-address", path, "is not an email address (local-part@domain)", value)


def _check_destinations(to: list[str], path: str, c: Collector) -> None:
    if not to:
        c.add("ses-destination-empty", path, "names no recipient (To, Cc or Bcc)")
    if len(to) > MAX_DESTINATIONS:
        c.add(
            "ses-destinations-max",
            path,
            f"has {len(to)} addresses in To + Cc + Bcc; at most {MAX_DESTINATIONS} are allowed",
            len(to),
        )
    for i, address in enumerate(to):
        if _ADDRESS.fullmatch(address_of(address)) is None:
            c.add("ses-address", f"{path}[{i}]", "is not an email address", address)


def _check_part(kind: str, part: Mapping[str, Any], path: str, c: Collector) -> None:
    headers = part.get("Headers")
    if isinstance(headers, list | tuple):
        _check_headers(headers, f"{path}.Headers", c)
    size = 0
    if kind == "Simple":
        for field in ("Subject", "Body.Text", "Body.Html"):
            node: Any = part
            for key in field.split("."):
                node = node.get(key) if isinstance(node, dict) else None
            data = text(node, "Data")
            size += len(data.encode("utf-8", "surrogatepass")) if data else 0
    else:
        _check_template(part, path, c)
    for attachment in part.get("Attachments") or ():
        raw = (
            mime.blob_bytes(attachment.get("RawContent")) if isinstance(attachment, dict) else None
        )
        size += math.ceil(len(raw) / 3) * 4 if raw else 0  # base64 in the MIME message
    for header in headers if isinstance(headers, list | tuple) else ():
        size += len(str(header.get("Value", ""))) if isinstance(header, dict) else 0
    _check_size(size, path, c)


def _check_size(size: int, path: str, c: Collector) -> None:
    if size > MAX_MESSAGE_BYTES:
        c.add(
            "ses-message-size",
            path,
            f"makes a message of {size} bytes; at most {MAX_MESSAGE_BYTES} (40 MB) are allowed",
            size,
        )


def _check_template(part: Mapping[str, Any], path: str, c: Collector) -> None:
    sources = [k for k in _TEMPLATE_SOURCES if part.get(k) is not None]
    if len(sources) != 1:
        c.add(
            "ses-template-source",
            path,
            f"gives {', '.join(sources) or 'none'} of {', '.join(_TEMPLATE_SOURCES)}; "
            "give exactly one",
        )
    check_template_data(part.get("TemplateData"), f"{path}.TemplateData", c)


def check_template_data(data: Any, path: str, c: Collector) -> None:
    """TemplateData is a JSON object within the model's maximum length."""
    if not isinstance(data, str):
        return
    high = _meta("EmailTemplateData").get("max")
    if high is not None and len(data) > high:
        c.add(
            "ses-model-max",
            path,
            f"has {len(data)} characters; the model allows at most {high}",
            data,
        )
    try:
        doc = json.loads(data)
    except ValueError as exc:
        c.add("ses-template-data-json", path, f"is not JSON: {exc}", data)
        return
    if not isinstance(doc, dict):
        c.add("ses-template-data-json", path, "is JSON but not an object", data)


def _check_headers(headers: list[Any] | tuple[Any, ...], path: str, c: Collector) -> None:
    if len(headers) > pinpoint.MAX_EMAIL_HEADERS:
        c.add(
            "ses-headers-max",
            path,
            f"has {len(headers)} headers; at most {pinpoint.MAX_EMAIL_HEADERS} are allowed",
            len(headers),
        )
    name_pattern = re.compile(_meta("MessageHeaderName")["pattern"])
    value_meta = _meta("MessageHeaderValue")
    value_pattern = re.compile(value_meta["pattern"])
    for i, header in enumerate(headers):
        name = text(header, "Name")
        if name is not None and (
            not 1 <= len(name) <= pinpoint.MAX_HEADER_NAME_LENGTH
            or name_pattern.fullmatch(name) is None
        ):
            c.add(
                "ses-header-name",
                f"{path}[{i}].Name",
                f"must be 1-{pinpoint.MAX_HEADER_NAME_LENGTH} printable ASCII characters "
                f"without a colon or space (model pattern {name_pattern.pattern}); has "
                f"{len(name)}",
                name,
            )
        value = text(header, "Value")
        high = value_meta.get("max", 0)
        if value is not None and (
            not 1 <= len(value) <= high or value_pattern.fullmatch(value) is None
        ):
            c.add(
                "ses-header-value",
                f"{path}[{i}].Value",
                f"must be 1-{high} printable ASCII characters (model pattern "
                f"{value_pattern.pattern}); has {len(value)}",
                value,
            )


def _check_tags(tags: Any, path: str, c: Collector) -> None:
    for i, tag in enumerate(tags if isinstance(tags, list | tuple) else ()):
        for field, rule in (("Name", "ses-tag-name"), ("Value", "ses-tag-value")):
            value = text(tag, field)
            if value is None:
                continue
            if len(value) > MAX_TAG_LENGTH or TAG_TEXT.fullmatch(value) is None:
                c.add(
                    rule,
                    f"{path}[{i}].{field}",
                    f"must be 1-{MAX_TAG_LENGTH} ASCII letters, digits, _ or -; has "
                    f"{len(value)} characters",
                    value,
                )


def _check_bulk(params: Mapping[str, Any], c: Collector) -> None:
    entries = params.get("BulkEmailEntries")
    entries = entries if isinstance(entries, list | tuple) else []
    if len(entries) > MAX_BULK_ENTRIES:
        c.add(
            "ses-bulk-entries-max",
            "BulkEmailEntries",
            f"has {len(entries)} entries; at most {MAX_BULK_ENTRIES} are allowed",
            len(entries),
        )
    template = obj(obj(params, "DefaultContent"), "Template")
    if template is not None:
        _check_part("Template", template, "DefaultContent.Template", c)
    _check_from(text(params, "FromEmailAddress"), params, c)
    _check_tags(params.get("DefaultEmailTags"), "DefaultEmailTags", c)
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        where = f"BulkEmailEntries[{i}]"
        _check_destinations(recipients(obj(entry, "Destination")), f"{where}.Destination", c)
        _check_tags(entry.get("ReplacementTags"), f"{where}.ReplacementTags", c)
        replacement = obj(obj(entry, "ReplacementEmailContent"), "ReplacementTemplate")
        if replacement is not None:
            data = replacement.get("ReplacementTemplateData")
            check_template_data(
                data,
                f"{where}.ReplacementEmailContent.ReplacementTemplate.ReplacementTemplateData",
                c,
            )


def validate_ses_request(
    params: Any, *, operation: str = SEND_EMAIL, severities: Mapping[str, str] | None = None
) -> list[Violation]:
    """Check an SES v2 ``send_email`` (or ``send_bulk_email``) request, boto3's keyword
    arguments, against the contract: the model's structure (``required``, ``type``,
    ``unknown-field``), its constraints and the documented ``ses-*`` rules. ``severities``
    raises, lowers or turns off rules, as for :func:`pytest_pinpoint.validate_request`.
    Never raises on any ``params``."""
    if operation not in (SEND_EMAIL, SEND_BULK_EMAIL):
        raise ValueError(f"operation must be {SEND_EMAIL} or {SEND_BULK_EMAIL}, not {operation!r}")
    overrides = check_severities(severities)
    c = Collector(overrides)
    node = model.input_node(model.bundled_model(SERVICE).operation_model(operation))
    if not walk(node, params, "", c):
        return c.out
    return (
        c.out if errors_of(c.out, "type") else c.out + validate_send(operation, params, overrides)
    )


def errors_of(found: list[Violation], rule: str) -> bool:
    return any(v.rule == rule for v in found)
