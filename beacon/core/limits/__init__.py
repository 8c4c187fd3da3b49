"""One limiter for every public write (docs/security.md).

    decision = limit_hit("mail", "email", canonical_address)
    if decision.allowed: send...

`limit_hit` counts one use in the current fixed window of the rule for (scope, key) and
says whether it was within the maximum; `limit_peek` only reads. Views use
`beacon.core.limits.gate.request_gate` for the per-client limits, which also honours a
solved challenge and an organizer's event pass.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .clients import client_ip, value_digest
from .rules import Rule, rule_get, rules_forget
from .stores import store_get

__all__ = [
    "Decision",
    "client_ip",
    "limit_hit",
    "limit_peek",
    "rule_get",
    "rules_forget",
]


@dataclass(frozen=True)
class Decision:
    scope: str
    key: str
    allowed: bool
    hits: int = 0
    maximum: int = 0
    retry_after: int = 0
    is_open: bool = False


def _window(rule: Rule, now: float) -> tuple[int, int]:
    start = int(now // rule.window) * rule.window
    return start, start + rule.window


def _bucket(rule: Rule, value: str, start: int) -> str:
    return f"{rule.scope}:{rule.key}:{value_digest(rule.key, value)}:{start}"


def limit_hit(scope: str, key: str, value: str, *, amount: int = 1) -> Decision:
    """Count one use of `scope` by `value` (a client's IP, a canonical email, a phone
    number, a campaign or account id) and say whether it stays within the limit. A scope
    without a rule is not limited; a rule with maximum 0 allows nothing."""
    rule = rule_get(scope, key)
    if rule is None:
        return Decision(scope, key, True)
    now = time.time()
    start, end = _window(rule, now)
    retry_after = max(1, int(end - now))
    if rule.maximum == 0:
        return Decision(scope, key, False, 0, 0, retry_after, rule.is_open)
    hits = store_get().incr(_bucket(rule, value, start), end + 60, amount)
    return Decision(scope, key, hits <= rule.maximum, hits, rule.maximum, retry_after, rule.is_open)


def limit_peek(scope: str, key: str, value: str) -> Decision:
    """Whether one more use would be within the limit, without counting it."""
    rule = rule_get(scope, key)
    if rule is None:
        return Decision(scope, key, True)
    now = time.time()
    start, end = _window(rule, now)
    hits = store_get().get(_bucket(rule, value, start)) if rule.maximum else 0
    return Decision(
        scope,
        key,
        hits < rule.maximum,
        hits,
        rule.maximum,
        max(1, int(end - now)),
        rule.is_open,
    )
