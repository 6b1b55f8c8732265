package io.gatekeeper.sim.replay;

import io.gatekeeper.store.RequestRow;

/** A recorded request with its outcome; {@code breakTier} names the tier a bad one failed, else null. */
record ClassifiedRequest(RequestRow row, RequestOutcome outcome, String breakTier) { }
