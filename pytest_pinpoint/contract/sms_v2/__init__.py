"""The contract of AWS End User Messaging SMS and voice v2's send operations: its rule catalog
(:mod:`.rules`), the model's constraints (:mod:`.shapes`), the checks (:mod:`.check`) and the
guide's part counting (:mod:`.parts`)."""

from __future__ import annotations

from .check import Collector, check_send, ssml_problem
from .parts import Parts, count
from .rules import ANSWERS, RULE_IDS, RULES, SENDS, Answer

__all__ = [
    "ANSWERS",
    "RULES",
    "RULE_IDS",
    "SENDS",
    "Answer",
    "Collector",
    "Parts",
    "check_send",
    "count",
    "ssml_problem",
]
