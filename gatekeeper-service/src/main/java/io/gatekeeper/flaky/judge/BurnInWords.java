package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.BurnIn;
import io.gatekeeper.flaky.model.ChangedTests.Touch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How burn-in's log lines and notes name the tests they are about. Tests of the change's own test files are
 * "the change adds or modifies"; tests burnt in only because they are named after a changed source file say
 * so, so that nobody wonders why a test the change never touched held it up.
 */
final class BurnInWords {
    private static final String OWN = "the change adds or modifies";

    private BurnInWords() {
    }

    /** "3 test(s) the change adds or modifies", "... and 1 test(s) related to a changed source file". */
    static String counted(Collection<Touch> touches) {
        long related = touches.stream().filter(t -> t == Touch.RELATED).count();
        long own = touches.size() - related;
        List<String> parts = new ArrayList<>();
        if (own > 0 || related == 0) {
            parts.add(own + " test(s) " + OWN);
        }
        if (related > 0) {
            parts.add(related + " test(s) " + Touch.RELATED.text());
        }
        return String.join(" and ", parts);
    }

    /** {@link #counted}, each group followed by its test ids: "2 test(s) the change adds or modifies: a, b". */
    static String listed(List<BurnIn.Progress> tests) {
        List<String> own = new ArrayList<>();
        List<String> related = new ArrayList<>();
        for (BurnIn.Progress p : tests) {
            (p.test().touch() == Touch.RELATED ? related : own).add(p.test().test().value());
        }
        List<String> parts = new ArrayList<>();
        if (!own.isEmpty() || related.isEmpty()) {
            parts.add(own.size() + " test(s) " + OWN + ": " + String.join(", ", own));
        }
        if (!related.isEmpty()) {
            parts.add(related.size() + " test(s) " + Touch.RELATED.text() + ": " + String.join(", ", related));
        }
        return String.join(", and ", parts);
    }

    /** "the tests the change adds or modifies", "the tests related to a changed source file", or both. */
    static String subject(List<BurnIn.Progress> tests) {
        boolean related = tests.stream().anyMatch(p -> p.test().touch() == Touch.RELATED);
        boolean own = tests.stream().anyMatch(p -> p.test().touch() != Touch.RELATED);
        if (related && own) {
            return "the tests the change adds or modifies and the tests " + Touch.RELATED.text();
        }
        return related ? "the tests " + Touch.RELATED.text() : "the tests " + OWN;
    }

    static List<Touch> touches(Collection<BurnIn.Progress> tests) {
        return tests.stream().map(p -> p.test().touch()).toList();
    }
}
