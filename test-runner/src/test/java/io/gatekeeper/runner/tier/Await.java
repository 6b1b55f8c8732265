package io.gatekeeper.runner.tier;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a deadline (Awaitility): the tests' only way to wait for something. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration bound, BooleanSupplier condition) {
        Awaitility.await(what).atMost(bound).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
