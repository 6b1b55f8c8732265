package io.gatekeeper.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the evidence of failures under isolation: opens a record per failed batch, notes what each part
 * showed, words the reason a culprit is given, and reports a failure nobody turned out to be guilty of.
 */
final class FailureLedger {
    private final Map<Long, List<FailureRecord>> byRequest = new HashMap<>();
    private final Map<Long, Integer> strikes = new HashMap<>();

    FailureRecord open(Candidate failed, Candidate.Failure failure) {
        FailureRecord record = new FailureRecord(failed, failure.tier(), failure.tests(), failed.group.origin());
        for (long id : failed.requestIds()) {
            byRequest.computeIfAbsent(id, k -> new ArrayList<>()).add(record);
        }
        return record;
    }

    /** A candidate failed {@code failure} but {@code witness}, which contains it, passed that tier. */
    FailureRecord openContradicted(Candidate failed, Candidate.Failure failure, Candidate witness) {
        FailureRecord record = open(failed, failure);
        record.evidence.add("candidate " + witness.id + ", built on it, passed " + failure.tier());
        return record;
    }

    /** A candidate made of an isolation part passed every tier (a probe: the tier it probed). */
    void partPassed(Candidate c) {
        FailureRecord origin = c.group.origin();
        if (origin != null) {
            origin.evidence.add(FailureRecord.describe(c) + " passed "
                    + (c.isProbe() ? String.join(" and ", c.tiers) : "all tiers"));
        }
    }

    /** A probe of {@code record} was started. */
    void probing(FailureRecord record) {
        record.openProbes++;
    }

    /**
     * A probe of its record finished. When every probe of a record has passed, the batch failure is
     * unexplained now: its requests return to the queue and no part of it failed the tier again.
     */
    void probeDone(Candidate probe, boolean passed, List<Action> out) {
        FailureRecord r = probe.group.origin();
        if (r == null) {
            return;
        }
        r.openProbes--;
        r.probeFailed |= !passed;
        if (r.openProbes == 0 && !r.probeFailed && !r.explained && !r.reported) {
            r.reported = true;
            out.add(new Action.UnexplainedFailure(r.candidateId, r.tier, r.tests, String.join("; ", r.evidence)));
        }
    }

    /** A probe of its record was dropped untested (withdrawn, unbuildable): it no longer holds up its round. */
    void probeDropped(Candidate probe) {
        FailureRecord r = probe.group.origin();
        if (r != null && r.openProbes > 0) {
            r.openProbes--;
        }
    }

    int strikes(List<Long> requestIds) {
        return requestIds.stream().mapToInt(id -> strikes.getOrDefault(id, 0)).max().orElse(0);
    }

    void strike(List<Long> requestIds) {
        requestIds.forEach(id -> strikes.merge(id, 1, Integer::sum));
    }

    /**
     * The request left the queue: landed or withdrawn ({@code culprit} false) or rejected for a failure. A
     * record whose requests are all resolved without a culprit becomes an {@link Action.UnexplainedFailure}.
     */
    void resolved(long requestId, boolean culprit, List<Action> out) {
        strikes.remove(requestId);
        List<FailureRecord> records = byRequest.remove(requestId);
        if (records == null) {
            return;
        }
        Set<FailureRecord> touched = new LinkedHashSet<>();
        for (FailureRecord innermost : records) {
            for (FailureRecord r = innermost; r != null; r = r.parent) {
                r.pending.remove(requestId);
                r.explained |= culprit;
                touched.add(r);
            }
        }
        for (FailureRecord r : touched) {
            if (r.pending.isEmpty() && !r.explained && !r.reported) {
                r.reported = true;
                out.add(new Action.UnexplainedFailure(r.candidateId, r.tier, r.tests,
                        String.join("; ", r.evidence)));
            }
        }
    }

    /** The reason a culprit found by isolation (or a lone request) is given: tier, tests, evidence. */
    static String culpritReason(Candidate c, Candidate.Failure f) {
        StringBuilder s = new StringBuilder("tier '").append(f.tier()).append("' failed");
        if (c.requests().size() == 1) {
            s.append(" with this request alone");
        }
        s.append(" on candidate ").append(c.id);
        if (!f.tests().isEmpty()) {
            s.append(" (tests: ").append(String.join(", ", f.tests())).append(')');
        }
        if (f.reason() != null && !f.reason().isBlank()) {
            s.append(": ").append(f.reason());
        }
        FailureRecord origin = c.group.origin();
        if (origin != null) {
            s.append("; evidence: ").append(String.join("; ", origin.allEvidence()));
        }
        return s.toString();
    }
}
