package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.BurnIn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One tier of one candidate being burnt in: the tests still burnt in with their burn-in runs so far, the
 * tests with flake history already found within their rate, how many burn-in runs are done, the time spent
 * so far. Lives from the tier's pass to the burn-in's verdict; only the gate's thread touches it.
 */
final class BurnInSession {
    private final List<BurnIn.Progress> tests = new ArrayList<>();
    private final List<String> withinRate = new ArrayList<>();
    private final Instant opened;
    private Duration took;
    private int runs;
    int infraRetries;

    BurnInSession(List<BurnIn.Candidate> tests, Duration took, Instant opened) {
        tests.forEach(t -> this.tests.add(BurnIn.Progress.start(t)));
        this.took = took;
        this.opened = opened;
    }

    /** A burn-in run came back (not an infrastructure error): counts it and its time. */
    int ran(Duration runTook) {
        took = took.plus(runTook);
        return ++runs;
    }

    void drop(Collection<BurnIn.Progress> gone) {
        tests.removeAll(gone);
    }

    /** A test's burn-in run came back: its progress replaces the one before. */
    void update(BurnIn.Progress before, BurnIn.Progress after) {
        tests.set(tests.indexOf(before), after);
    }

    /** A test with flake history was found within its rate: it is not burnt in further. */
    void withinRate(BurnIn.Progress p, String line) {
        tests.remove(p);
        withinRate.add(line);
    }

    List<BurnIn.Progress> tests() {
        return List.copyOf(tests);
    }

    List<String> withinRate() {
        return List.copyOf(withinRate);
    }

    List<String> ids() {
        return tests.stream().map(t -> t.test().test().value()).toList();
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
