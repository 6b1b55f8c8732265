package io.gatekeeper.api;

import java.time.Instant;

/** A change of a test's state, automatic or by hand (then with the actor and the reason given). */
public record TestStateChangeJson(String test, String testId, Instant at, String from, String to, boolean byHand,
                                  String actor, String reason) { }
