package io.gatekeeper.runner.agent;

import io.gatekeeper.runner.client.RunnerClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Retries a protocol call on transient failures with backoff (0.5 s doubling to 10 s) within a bound. */
final class Retry {
    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);
    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(10);

    private Retry() {
    }

    /**
     * @param bound   give up (rethrow the last failure) once this much time has passed
     * @param abandon checked between attempts; when true the last failure is rethrown at once
     */
    static <T> T call(String what, Duration bound, BooleanSupplier abandon, Supplier<T> call) {
        Instant deadline = Instant.now().plus(bound);
        Duration backoff = FIRST;
        while (true) {
            try {
                return call.get();
            } catch (RunnerClientException e) {
                if (!e.isTransient() || abandon.getAsBoolean() || Instant.now().plus(backoff).isAfter(deadline)) {
                    throw e;
                }
                LOG.info("{} failed ({}); retrying in {} ms", what, e.getMessage(), backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
            }
        }
    }

    static void run(String what, Duration bound, BooleanSupplier abandon, Runnable call) {
        call(what, bound, abandon, () -> {
            call.run();
            return null;
        });
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
