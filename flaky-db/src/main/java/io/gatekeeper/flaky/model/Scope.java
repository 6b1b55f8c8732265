package io.gatekeeper.flaky.model;

/**
 * Whether the test ran inside its whole suite or alone. Rates differ up to tenfold between the two
 * (order-dependent tests fail in suite, never alone), so every execution says which it was.
 */
public enum Scope {
    IN_SUITE,
    ISOLATED
}
