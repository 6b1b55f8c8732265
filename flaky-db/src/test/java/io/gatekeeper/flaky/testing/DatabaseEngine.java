package io.gatekeeper.flaky.testing;

/** The databases every store test runs against: the same assertions on both. */
public enum DatabaseEngine {
    H2,
    POSTGRES
}
