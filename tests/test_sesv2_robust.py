"""Bad input to SES v2 gets the service's own error, never a traceback: any JSON at any route
the model declares answers a modeled status (2xx, 4xx), never a 500."""

from __future__ import annotations

import json
from typing import Any

from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_pinpoint import PinpointStub

AUTH = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ses/aws4_request, "
    "SignedHeaders=host, Signature=0",
    "Content-Type": "application/json",
}
ROUTES = [
    ("POST", "/v2/email/outbound-emails"),
    ("POST", "/v2/email/outbound-bulk-emails"),
    ("POST", "/v2/email/identities"),
    ("POST", "/v2/email/templates"),
    ("POST", "/v2/email/templates/t/render"),
    ("PUT", "/v2/email/suppression/addresses"),
    ("POST", "/v2/email/configuration-sets"),
    ("POST", "/v2/email/configuration-sets/c/event-destinations"),
    ("POST", "/v2/email/list-identities"),
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
SKELETON: dict[str, Any] = {
    "FromEmailAddress": "a@example.com",
    "Destination": {"ToAddresses": ["b@example.org"]},
    "Content": {"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}},
    "DefaultContent": {"Template": {"TemplateName": "t", "TemplateData": "{}"}},
    "BulkEmailEntries": [{"Destination": {"ToAddresses": ["b@example.org"]}}],
}


@st.composite
def bodies(draw: st.DrawFn) -> dict[str, Any]:
    body = json.loads(json.dumps(SKELETON))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(
            st.sampled_from(
                [
                    ("Destination",),
                    ("Destination", "ToAddresses"),
                    ("Content",),
                    ("Content", "Simple"),
                    ("Content", "Simple", "Headers"),
                    ("Content", "Raw"),
                    ("Content", "Template"),
                    ("EmailTags",),
                    ("BulkEmailEntries",),
                    ("DefaultContent", "Template", "TemplateData"),
                    ("TemplateContent",),
                    ("EmailIdentity",),
                    ("EmailAddress",),
                    ("Reason",),
                    ("ConfigurationSetName",),
                ]
            )
        )
        node = body
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node.get(key, {}), dict) else {}
        node[path[-1]] = draw(json_values)
    return body


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES), body=bodies())
def test_any_json_gets_a_modeled_answer(route: tuple[str, str], body: dict[str, Any]) -> None:
    method, path = route
    with PinpointStub(contract="warn", fail_on_unused=False) as stub:
        reply = stub.handle(
            method, f"https://email.us-east-1.amazonaws.com{path}", AUTH, json.dumps(body).encode()
        )
    assert reply.status < 500, reply.body
    if reply.status >= 400:
        assert "x-amzn-ErrorType" in reply.headers


def test_a_body_that_is_not_json_is_bad_request() -> None:
    with PinpointStub(fail_on_unused=False) as stub:
        reply = stub.handle(
            "POST",
            "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
            AUTH,
            b"{not json",
        )
    assert reply.status == 400
    assert reply.headers["x-amzn-ErrorType"] == "BadRequestException"


def test_an_unknown_route_is_not_found() -> None:
    with PinpointStub(fail_on_unused=False) as stub:
        reply = stub.handle(
            "GET", "https://email.us-east-1.amazonaws.com/v2/email/nothing", AUTH, b""
        )
    assert reply.status == 404
    assert reply.headers["x-amzn-ErrorType"] == "NotFoundException"
