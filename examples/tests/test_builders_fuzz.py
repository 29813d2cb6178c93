"""Fuzz the app's request builders with Hypothesis: every request they build must pass the
documented contract. This is how the CollapseId bug in ``notify.app.collapse_id`` was found."""

from __future__ import annotations

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from notify import app
from notify.app import Order

from pytest_pinpoint import assert_valid_request
from pytest_pinpoint.strategies import boundary_texts

orders = st.builds(
    Order,
    order_id=st.text("ABCDEF0123456789-", min_size=1, max_size=12),
    # any name, and names at the CollapseId's documented limit (64 bytes) in 1-4-byte characters
    product=st.text(min_size=1, max_size=80) | boundary_texts(max_bytes=64),
    total=st.from_regex(r"\$[0-9]{1,4}\.[0-9]{2}", fullmatch=True),
    customer_name=st.text(min_size=1, max_size=40),
    tags=st.lists(st.text(max_size=30), max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(
    user_id=st.text("abcdefghij", min_size=1, max_size=8),
    code=st.from_regex(r"[0-9]{6}", fullmatch=True),
)
def test_otp_builder(user_id, code):
    assert_valid_request(app.otp_request(user_id, code))


@settings(max_examples=200, deadline=None)
@given(order=orders)
def test_receipt_builder(order):
    assert_valid_request(app.receipt_request("bob", order))


@pytest.mark.xfail(
    reason="found by this test: collapse_id() cuts characters, not UTF-8 bytes", strict=True
)
# The bug is known (xfail): finding it is the point; shrinking it again on every run would
# cost ~15 s, so this test stops at the first failing example.
@settings(max_examples=200, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(order=orders, urgent=st.booleans())
def test_push_builder(order, urgent):
    assert_valid_request(app.push_request("cy", order, urgent=urgent))
