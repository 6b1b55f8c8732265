package io.gatekeeper.runner.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a condition with a deadline: the tests' only way to wait for something. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration bound, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + bound + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
