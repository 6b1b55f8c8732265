package io.gatekeeper.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The seed system's original policy: one request per candidate, one candidate at a time, tiers in order.
 * The baseline every other policy is measured against.
 */
final class SerialEngine implements QueueEngine {
    private static final Comparator<QueuedRequest> ORDER = Comparator
            .comparing(QueuedRequest::privileged).reversed()
            .thenComparing(Comparator.comparingInt(QueuedRequest::priority).reversed())
            .thenComparing(QueuedRequest::queuedAt)
            .thenComparingLong(QueuedRequest::id);

    private final List<QueuedRequest> waiting = new ArrayList<>();
    private final InfraHold infraHold;
    private long nextCandidateId;
    private Testing testing;

    private static final class Testing {
        final long candidateId;
        final QueuedRequest request;
        List<String> tiers = List.of();
        int nextTier;
        /** Infrastructure failures of the current tier; while {@code heldTier} is set it waits until notBefore. */
        int infraErrors;
        String infraReason;
        String heldTier;
        Instant notBefore;

        Testing(long candidateId, QueuedRequest request) {
            this.candidateId = candidateId;
            this.request = request;
        }
    }

    SerialEngine(EngineSettings settings) {
        this.nextCandidateId = settings.firstCandidateId();
        this.infraHold = settings.infraHold();
    }

    @Override
    public List<Action> handle(Event event, Instant now) {
        List<Action> actions = new ArrayList<>();
        if (event instanceof Event.RequestQueued e) {
            waiting.add(e.request());
        } else if (event instanceof Event.RequestsQueued e) {
            waiting.addAll(e.requests());
        } else if (event instanceof Event.RequestWithdrawn e) {
            waiting.removeIf(r -> r.id() == e.requestId());
            if (testing != null && testing.request.id() == e.requestId()) {
                actions.add(new Action.CancelCandidate(testing.candidateId));
                testing = null;
            }
        } else if (event instanceof Event.CandidateBuilt e && isCurrent(e.candidateId())) {
            testing.tiers = e.tiers();
            nextTierOrLand(actions);
        } else if (event instanceof Event.CandidateConflict e && isCurrent(e.candidateId())) {
            actions.add(new Action.Reject(testing.request.id(), e.reason()));
            testing = null;
        } else if (event instanceof Event.TierPassed e && isCurrent(e.candidateId())) {
            nextTierOrLand(actions);
        } else if (event instanceof Event.TierFailed e && isCurrent(e.candidateId())) {
            actions.add(new Action.Reject(testing.request.id(), e.reason()));
            testing = null;
        } else if (event instanceof Event.TierInfraError e && isCurrent(e.candidateId())) {
            testing.infraErrors++;
            testing.infraReason = e.reason();
            testing.heldTier = e.tier();
            testing.notBefore = infraHold.nextAttempt(testing.infraErrors, now);
        } else if (event instanceof Event.Landed e && isCurrent(e.candidateId())) {
            testing = null;
        } else if (event instanceof Event.LandRefused e && isCurrent(e.candidateId())) {
            waiting.add(testing.request);
            testing = null;
        } else if (event instanceof Event.HeadMoved && testing != null) {
            actions.add(new Action.CancelCandidate(testing.candidateId));
            waiting.add(testing.request);
            testing = null;
        }
        retryHeld(now, actions);
        startNext(actions);
        return actions;
    }

    private void retryHeld(Instant now, List<Action> actions) {
        if (testing != null && testing.heldTier != null && !testing.notBefore.isAfter(now)) {
            actions.add(new Action.RunTier(testing.candidateId, testing.heldTier));
            testing.heldTier = null;
        }
    }

    private boolean isCurrent(long candidateId) {
        return testing != null && testing.candidateId == candidateId;
    }

    private void nextTierOrLand(List<Action> actions) {
        testing.infraErrors = 0;
        if (testing.nextTier < testing.tiers.size()) {
            actions.add(new Action.RunTier(testing.candidateId, testing.tiers.get(testing.nextTier++)));
        } else {
            actions.add(new Action.Land(testing.candidateId, List.of(testing.request.id())));
        }
    }

    private void startNext(List<Action> actions) {
        if (testing != null || waiting.isEmpty()) {
            return;
        }
        waiting.sort(ORDER);
        testing = new Testing(nextCandidateId++, waiting.remove(0));
        actions.add(new Action.BuildCandidate(testing.candidateId, OptionalLong.empty(),
                List.of(testing.request.id())));
    }

    @Override
    public QueueView view(Instant now) {
        List<QueueView.Entry> entries = new ArrayList<>();
        int position = 1;
        if (testing != null) {
            String what = testing.nextTier == 0 ? "candidate " + testing.candidateId + " to be built"
                    : "tier " + testing.tiers.get(testing.nextTier - 1) + " on candidate " + testing.candidateId;
            if (testing.heldTier != null && testing.notBefore.isAfter(now)) {
                what = InfraHold.waitingFor(testing.heldTier, testing.candidateId, testing.infraErrors,
                        testing.infraReason, testing.notBefore);
            }
            entries.add(new QueueView.Entry(testing.request.id(), position++, testing.candidateId, what, null));
        }
        List<QueuedRequest> ordered = new ArrayList<>(waiting);
        ordered.sort(ORDER);
        for (QueuedRequest r : ordered) {
            entries.add(new QueueView.Entry(r.id(), position, 0,
                    "position " + position + " in queue", null));
            position++;
        }
        return new QueueView(entries);
    }
}
