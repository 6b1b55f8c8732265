package io.gatekeeper.sim.replay;

import io.gatekeeper.store.RequestRow;
import io.gatekeeper.store.RequestState;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells good requests from bad ones by what the database recorded, not by the rejection's wording: a rejected
 * request's row names the last candidate it was tested in, and that candidate's runs say which tier failed it.
 */
final class OutcomeClassifier {
    private final Map<Long, List<RecordedRun>> runsByCandidate;

    OutcomeClassifier(List<RecordedRun> runs) {
        this.runsByCandidate = runs.stream().collect(Collectors.groupingBy(RecordedRun::candidateNo));
    }

    List<ClassifiedRequest> classify(List<RequestRow> requests) {
        return requests.stream().map(this::classify).toList();
    }

    ClassifiedRequest classify(RequestRow row) {
        if ("push".equals(row.kind())) {
            return new ClassifiedRequest(row, RequestOutcome.PUSH, null);
        }
        RequestState state = row.requestState();
        if (state.open()) {
            return new ClassifiedRequest(row, RequestOutcome.OPEN, null);
        }
        if (state == RequestState.MERGED) {
            return new ClassifiedRequest(row, RequestOutcome.GOOD, null);
        }
        if (state == RequestState.CANCELLED) {
            return new ClassifiedRequest(row, RequestOutcome.WITHDRAWN, null);
        }
        List<RecordedRun> runs = row.candidateNo() == null ? List.of()
                : runsByCandidate.getOrDefault(row.candidateNo(), List.of());
        Optional<String> failedTier = failedTier(runs);
        if (failedTier.isPresent()) {
            return new ClassifiedRequest(row, RequestOutcome.BAD, failedTier.get());
        }
        boolean infra = runs.stream().anyMatch(RecordedRun::infraError);
        return new ClassifiedRequest(row, infra ? RequestOutcome.INFRASTRUCTURE : RequestOutcome.NOT_TESTED, null);
    }

    /** The tier whose last run on the candidate failed; the first to finish so if several did. */
    private static Optional<String> failedTier(List<RecordedRun> runs) {
        Map<String, RecordedRun> lastByTier = runs.stream().collect(Collectors.toMap(RecordedRun::tier, r -> r,
                (a, b) -> b.attempt() > a.attempt() || b.attempt() == a.attempt() && b.id() > a.id() ? b : a));
        return lastByTier.values().stream().filter(RecordedRun::failed)
                .min(Comparator.comparing(RecordedRun::finishedAt)).map(RecordedRun::tier);
    }
}
