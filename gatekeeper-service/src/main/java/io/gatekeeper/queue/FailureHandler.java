package io.gatekeeper.queue;

import io.gatekeeper.queue.Candidate.Failure;
import io.gatekeeper.queue.Candidate.State;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What follows a tier failure. In the chain: later-pass validation if a candidate built on the failed one
 * already passed that tier; otherwise fail fast (cancel everything built on it) and judge the failure once it is
 * the candidate's own (every un-landed ancestor passed that tier), holding it until then. Judging asks the
 * policy for a verdict: reject, split into the chain, probe off the chain, or retry once.
 */
final class FailureHandler {
    private final QueuePolicy policy;
    private final Chain chain;
    private final WaitingQueue waiting;
    private final FailureLedger ledger;
    private final LongSupplier ids;
    private Instant now;

    FailureHandler(QueuePolicy policy, Chain chain, WaitingQueue waiting, FailureLedger ledger, LongSupplier ids) {
        this.policy = policy;
        this.chain = chain;
        this.waiting = waiting;
        this.ledger = ledger;
        this.ids = ids;
    }

    /** Candidate {@code c} (chain, screen or probe) failed {@code failure}; it never runs another tier. */
    void failed(Candidate c, Failure failure, Instant now, List<Action> out) {
        this.now = now;
        String tier = failure.tier();
        if (c.isProbe()) {
            ledger.probeDone(c, false, out);
            chain.dropProbe(c);
            out.add(new Action.CancelCandidate(c.id));
            c.failure = failure;
            judge(c, out);
            return;
        }
        int at = chain.indexOf(c);
        Optional<Candidate> witness = chain.candidates().stream().skip(at + 1L)
                .filter(d -> d.passed(tier)).findFirst();
        if (witness.isPresent()) {
            // Later-pass validation: a candidate containing this one passed the same tier.
            c.state = State.SUPERSEDED;
            c.failure = failure;
            c.contradicted = ledger.openContradicted(c, failure, witness.get());
            out.add(new Action.CancelCandidate(c.id));
            return;
        }
        int superseded = chain.firstSupersededBefore(at);
        if (superseded >= 0) {
            // The validation that kept an earlier candidate alive is void now: retest it as a unit.
            chain.cancelFrom(superseded, 0, waiting, out);
            return;
        }
        chain.cancelFrom(at + 1, 0, waiting, out);
        chain.remove(c);
        out.add(new Action.CancelCandidate(c.id));
        c.failure = failure;
        if (chain.attributable(c, tier)) {
            judge(c, out);
        } else {
            chain.hold(c);
        }
    }

    /** Held failures whose ancestors have now passed the tier are judged; those whose ancestor failed go back. */
    void settleHeld(Instant now, List<Action> out) {
        this.now = now;
        for (Candidate h : List.copyOf(chain.held())) {
            List<Candidate> ancestors = h.pendingAncestors();
            if (ancestors.stream().anyMatch(a -> a.state == State.GONE || a.state == State.HELD)) {
                chain.dropHeld(h);
                waiting.requeue(h.group);
            } else if (chain.attributable(h, h.failure.tier())) {
                chain.dropHeld(h);
                judge(h, out);
            }
        }
    }

    private void judge(Candidate c, List<Action> out) {
        c.state = State.GONE;
        if (c.group.origin() == null) {
            policy.batchOutcome(c, true);
        }
        Failure f = c.failure;
        List<Long> ids = c.requestIds();
        switch (policy.onFailure(c, f, c.group.origin(), ledger.strikes(ids))) {
            case REJECT -> {
                String reason = FailureLedger.culpritReason(c, f);
                for (long id : ids) {
                    out.add(new Action.Reject(id, reason));
                    ledger.resolved(id, true, out);
                }
                policy.onCulprits(ids.size());
            }
            case SPLIT -> {
                FailureRecord record = ledger.open(c, f);
                for (List<QueuedRequest> part : policy.split(c.requests())) {
                    waiting.requeue(waiting.pin(part, record));
                }
            }
            case PROBE -> {
                FailureRecord record = ledger.open(c, f);
                for (List<QueuedRequest> part : policy.split(c.requests())) {
                    probe(part, record, f.tier(), out);
                }
            }
            case RETRY -> {
                FailureRecord record = ledger.open(c, f);
                ledger.strike(ids);
                probe(c.requests(), record, f.tier(), out);
            }
            default -> throw new IllegalStateException("unknown verdict");
        }
    }

    private void probe(List<QueuedRequest> part, FailureRecord record, String tier, List<Action> out) {
        ledger.probing(record);
        Candidate p = Candidate.probe(ids.getAsLong(), tier, waiting.pin(part, record), now);
        chain.addProbe(p);
        out.add(new Action.BuildCandidate(p.id, OptionalLong.empty(), p.requestIds()));
    }
}
