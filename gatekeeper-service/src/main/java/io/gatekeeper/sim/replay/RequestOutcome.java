package io.gatekeeper.sim.replay;

/** What a recorded request turned out to be, and so whether and how a replay re-enacts it. */
enum RequestOutcome {
    GOOD("good", "merged: replayed as a good request"),
    BAD("bad", "rejected because a tier failed its change: replayed as a bad request breaking that tier"),
    INFRASTRUCTURE("infrastructure", "rejected after infrastructure errors, not for its change: left out"),
    NOT_TESTED("notTested", "rejected before any tier judged it (conflict, build failure, refusal): left out"),
    WITHDRAWN("withdrawn", "withdrawn or replaced by its author: left out"),
    OPEN("open", "still queued or testing, its outcome unknown: left out"),
    PUSH("push", "a push-request, which lands ahead of the queue on the privileged tiers: left out");

    /** The name in the replay summary's JSON. */
    final String key;
    final String text;

    RequestOutcome(String key, String text) {
        this.key = key;
        this.text = text;
    }

    boolean replayed() {
        return this == GOOD || this == BAD;
    }
}
