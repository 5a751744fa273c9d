"""Token buckets per user and action: bursts up to the limit, refill over the minute, 0 switches a limit off."""

from __future__ import annotations

import pytest

from assistant.core.errors import RateLimitedError
from assistant.services.rate_limits import RateLimiter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_up_to_the_limit_then_429_with_retry_after():
    clock = Clock()
    limiter = RateLimiter({"ask": 3}, clock=clock)
    for _ in range(3):
        limiter.take("anna", "ask")
    with pytest.raises(RateLimitedError) as refused:
        limiter.take("anna", "ask")
    assert refused.value.code == "rate_limited" and refused.value.retry_after_s == 20
    assert "höchstens 3 pro Minute" in refused.value.describe("de") and "20 Sekunden" in refused.value.describe("de")


def test_the_bucket_refills_with_time():
    clock = Clock()
    limiter = RateLimiter({"search": 60}, clock=clock)
    for _ in range(60):
        limiter.take("anna", "search")
    with pytest.raises(RateLimitedError):
        limiter.take("anna", "search")
    clock.now += 1.0
    limiter.take("anna", "search")


def test_users_and_actions_have_their_own_buckets():
    limiter = RateLimiter({"ask": 1, "upload": 1}, clock=Clock())
    limiter.take("anna", "ask")
    limiter.take("ben", "ask")
    limiter.take("anna", "upload")
    with pytest.raises(RateLimitedError):
        limiter.take("anna", "ask")


def test_zero_means_no_limit():
    limiter = RateLimiter({"ask": 0}, clock=Clock())
    assert not limiter.limits("ask")
    for _ in range(1000):
        limiter.take("anna", "ask")
