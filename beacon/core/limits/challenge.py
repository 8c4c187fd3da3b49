"""A self-hosted proof-of-work challenge (ALTCHA's v1 format, built with the `altcha`
package) that lets a person past a per-client limit.

The page carries {algorithm, challenge, salt, signature, maxnumber}; the browser
(static/beacon/js/challenge.js) finds the number n with SHA-256(salt + n) == challenge
and posts back base64(JSON {algorithm, challenge, number, salt, signature}). Each
solution is accepted once: its signature is counted in the limiter's store until the
challenge expires.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta

from altcha import ChallengeOptionsV1, create_challenge_v1, verify_solution_v1
from django.conf import settings

from .stores import store_get

FIELD = "altcha"
LIFETIME = timedelta(minutes=10)


def _hmac_key() -> str:
    return hmac.new(settings.SECRET_KEY.encode(), b"beacon.altcha", hashlib.sha256).hexdigest()


def challenge_new() -> dict[str, object]:
    challenge = create_challenge_v1(
        ChallengeOptionsV1(
            algorithm="SHA-256",
            max_number=settings.BEACON_CHALLENGE_MAX_NUMBER,
            hmac_key=_hmac_key(),
            expires=datetime.now() + LIFETIME,
        )
    )
    return {
        "algorithm": challenge.algorithm,
        "challenge": challenge.challenge,
        "salt": challenge.salt,
        "signature": challenge.signature,
        "maxnumber": challenge.max_number,
    }


def challenge_solved(payload: str) -> bool:
    """Whether `payload` solves a challenge of ours that is unexpired and not used yet."""
    if not payload or len(payload) > 2000:
        return False
    try:
        fields = json.loads(base64.b64decode(payload, validate=True))
        signature = str(fields["signature"])
    except (ValueError, TypeError, KeyError, binascii.Error):
        return False
    ok, _error = verify_solution_v1(payload, _hmac_key(), check_expires=True)
    if not ok:
        return False
    expires = int(time.time() + LIFETIME.total_seconds()) + 60
    return store_get().incr(f"challenge-used:{signature}", expires) == 1


def challenge_solve(challenge: dict[str, object]) -> str:
    """Solve `challenge` as a browser would (for tests and scripted checks)."""
    salt = str(challenge["salt"])
    for number in range(int(str(challenge["maxnumber"])) + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == challenge["challenge"]:
            payload = {
                "algorithm": challenge["algorithm"],
                "challenge": challenge["challenge"],
                "number": number,
                "salt": salt,
                "signature": challenge["signature"],
            }
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("unsolvable challenge")
