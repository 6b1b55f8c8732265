package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.BurnIn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One tier of one candidate being burnt in: the tests still burnt in, how many burn-in runs are done, the
 * time spent so far. Lives from the tier's pass to the burn-in's verdict; only the gate's thread touches it.
 */
final class BurnInSession {
    private final List<BurnIn.Candidate> tests;
    private final Instant opened;
    private Duration took;
    private int runs;
    int infraRetries;

    BurnInSession(List<BurnIn.Candidate> tests, Duration took, Instant opened) {
        this.tests = new ArrayList<>(tests);
        this.took = took;
        this.opened = opened;
    }

    /** A burn-in run came back (not an infrastructure error): counts it and its time. */
    int ran(Duration runTook) {
        took = took.plus(runTook);
        return ++runs;
    }

    void drop(Collection<BurnIn.Candidate> gone) {
        tests.removeAll(gone);
    }

    List<BurnIn.Candidate> tests() {
        return List.copyOf(tests);
    }

    List<String> ids() {
        return tests.stream().map(t -> t.test().value()).toList();
    }

    int runs() {
        return runs;
    }

    Duration took() {
        return took;
    }

    Instant opened() {
        return opened;
    }
}
