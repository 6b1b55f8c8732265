package io.gatekeeper.queue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A failed batch under isolation: which tier and tests failed, which requests are still unresolved, and what
 * the parts tested since then showed. Records nest: a failing part opens a child record.
 */
final class FailureRecord {
    final long candidateId;
    final int size;
    final String tier;
    final List<String> tests;
    final FailureRecord parent;
    final Set<Long> pending = new LinkedHashSet<>();
    final List<String> evidence = new ArrayList<>();
    boolean explained;
    boolean reported;
    /** Isolation probes of this record still testing, and whether any failed. */
    int openProbes;
    boolean probeFailed;

    FailureRecord(Candidate failed, String tier, List<String> tests, FailureRecord parent) {
        this.candidateId = failed.id;
        this.size = failed.requests().size();
        this.tier = tier;
        this.tests = List.copyOf(tests);
        this.parent = parent;
        pending.addAll(failed.requestIds());
        evidence.add(describe(failed) + " failed " + tier);
    }

    static String describe(Candidate c) {
        int n = c.requests().size();
        return "candidate " + c.id + " (" + n + (n == 1 ? " request)" : " requests)");
    }

    /** Does a failure of {@code failedTier} with {@code failedTests} repeat what this record (or an outer one) saw? */
    boolean corroborates(String failedTier, List<String> failedTests) {
        for (FailureRecord r = this; r != null; r = r.parent) {
            if (r.tier.equals(failedTier)
                    && (failedTests.isEmpty() && r.tests.isEmpty() || failedTests.stream().anyMatch(r.tests::contains))) {
                return true;
            }
        }
        return false;
    }

    /** The evidence of this record and the records it came from, outermost first. */
    List<String> allEvidence() {
        List<String> out = new ArrayList<>();
        if (parent != null) {
            out.addAll(parent.allEvidence());
        }
        out.addAll(evidence);
        return out;
    }
}
