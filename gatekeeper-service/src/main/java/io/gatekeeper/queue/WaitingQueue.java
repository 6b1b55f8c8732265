package io.gatekeeper.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests not in any candidate, in landing order, and how they form the next batch.
 *
 * <p>Order: privileged first, then by rank = time queued minus {@code agingStep} per priority level (one level
 * of priority is worth one step of waiting, so a low-priority request is overtaken only by requests queued
 * less than a step after it: nobody waits forever). Pinned groups (isolation parts, or anything that must be
 * tested alone as a unit) go before free requests, oldest group first.
 */
final class WaitingQueue {

    /**
     * Requests that go into one candidate together.
     *
     * @param pinned tested as exactly this unit (an isolation part), never mixed with other requests
     * @param seq    creation order of pinned groups, so requeued parts keep their place
     * @param origin the failure whose isolation made this group, or null
     */
    record Group(List<QueuedRequest> requests, boolean pinned, long seq, FailureRecord origin) {
        Group {
            requests = List.copyOf(requests);
        }

        Group without(long requestId) {
            return new Group(requests.stream().filter(r -> r.id() != requestId).toList(), pinned, seq, origin);
        }
    }

    private final Duration agingStep;
    private final List<Group> pinned = new ArrayList<>();
    private final List<QueuedRequest> free = new ArrayList<>();
    /**
     * Free requests that wait for a round of isolation probes to finish before they may be batched: the parts
     * a round clears land together in one batch instead of one fast-forward per part.
     */
    private final Map<Long, FailureRecord> holds = new HashMap<>();
    private long nextSeq;

    WaitingQueue(Duration agingStep) {
        this.agingStep = agingStep;
    }

    void add(QueuedRequest request) {
        free.add(request);
    }

    Group pin(List<QueuedRequest> requests, FailureRecord origin) {
        return new Group(requests, true, nextSeq++, origin);
    }

    /** Puts a cancelled candidate's requests back where they belong. */
    void requeue(Group group) {
        if (group.pinned()) {
            int at = 0;
            while (at < pinned.size() && pinned.get(at).seq() < group.seq()) {
                at++;
            }
            pinned.add(at, group);
        } else {
            free.addAll(group.requests());
        }
    }

    /** Requeues free requests that may be batched only once {@code round} has no probe testing any more. */
    void requeueUntilRoundEnds(List<QueuedRequest> requests, FailureRecord round) {
        for (QueuedRequest r : requests) {
            free.add(r);
            if (!r.privileged()) {
                holds.put(r.id(), round);
            }
        }
    }

    private boolean held(QueuedRequest r) {
        FailureRecord round = holds.get(r.id());
        return round != null && round.openProbes > 0;
    }

    /** Free requests held for a round of isolation, each with the failure being isolated. */
    Map<QueuedRequest, FailureRecord> held() {
        Map<QueuedRequest, FailureRecord> out = new LinkedHashMap<>();
        List<QueuedRequest> ordered = new ArrayList<>(free);
        ordered.sort(order());
        for (QueuedRequest r : ordered) {
            if (held(r)) {
                out.put(r, holds.get(r.id()));
            }
        }
        return out;
    }

    boolean remove(long requestId) {
        holds.remove(requestId);
        boolean removed = free.removeIf(r -> r.id() == requestId);
        for (int i = 0; i < pinned.size(); i++) {
            Group g = pinned.get(i);
            if (g.requests().stream().anyMatch(r -> r.id() == requestId)) {
                Group smaller = g.without(requestId);
                if (smaller.requests().isEmpty()) {
                    pinned.remove(i);
                } else {
                    pinned.set(i, smaller);
                }
                return true;
            }
        }
        return removed;
    }

    boolean changePriority(long requestId, int priority) {
        for (int i = 0; i < free.size(); i++) {
            QueuedRequest r = free.get(i);
            if (r.id() == requestId) {
                free.set(i, new QueuedRequest(r.id(), priority, r.queuedAt(), r.commits(), r.privileged()));
                return true;
            }
        }
        return false;
    }

    /** Nothing that could be batched now (held requests wait for their round). */
    boolean isEmpty() {
        return pinned.isEmpty() && free.stream().allMatch(this::held);
    }

    int size() {
        return free.size() + pinned.stream().mapToInt(g -> g.requests().size()).sum();
    }

    /** How long the free request that has waited longest has waited (zero when there is none). */
    Duration longestWait(Instant now) {
        return free.stream().filter(r -> !held(r)).map(QueuedRequest::queuedAt).min(Instant::compareTo)
                .map(first -> first.isAfter(now) ? Duration.ZERO : Duration.between(first, now))
                .orElse(Duration.ZERO);
    }

    /** Is the next batch one that must not wait to fill: a push-request or an isolation part? */
    boolean nextIsUrgent() {
        return hasPrivileged() || !pinned.isEmpty();
    }

    boolean hasPrivileged() {
        return free.stream().anyMatch(QueuedRequest::privileged);
    }

    /** Removes and returns the next batch: a privileged request alone, else the oldest pinned group, else a batch. */
    Optional<Group> takeNext(int maxRequests, int maxWeight) {
        List<Group> next = preview(1, maxRequests, maxWeight);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Group g = next.get(0);
        if (g.pinned() && !pinned.isEmpty() && pinned.get(0).seq() == g.seq()) {
            pinned.remove(0);
        } else {
            free.removeAll(g.requests());
            g.requests().forEach(r -> holds.remove(r.id()));
        }
        return Optional.of(g);
    }

    /** The next {@code count} batches as they would be formed now, without taking them. */
    List<Group> preview(int count, int maxRequests, int maxWeight) {
        List<Group> out = new ArrayList<>();
        List<QueuedRequest> rest = new ArrayList<>(free);
        rest.removeIf(this::held);
        rest.sort(order());
        int pinnedAt = 0;
        while (out.size() < count) {
            if (!rest.isEmpty() && rest.get(0).privileged()) {
                out.add(new Group(List.of(rest.remove(0)), true, -1, null));
            } else if (pinnedAt < pinned.size()) {
                out.add(pinned.get(pinnedAt++));
            } else if (!rest.isEmpty()) {
                out.add(new Group(fill(rest, maxRequests, maxWeight), false, -1, null));
            } else {
                break;
            }
        }
        return out;
    }

    /** Takes requests in order; one too big for what is left is skipped, so small ones are not stuck behind it. */
    private static List<QueuedRequest> fill(List<QueuedRequest> rest, int maxRequests, int maxWeight) {
        List<QueuedRequest> batch = new ArrayList<>();
        int weight = 0;
        for (int i = 0; i < rest.size() && batch.size() < maxRequests; ) {
            QueuedRequest r = rest.get(i);
            int w = weight(r);
            if (!r.privileged() && (batch.isEmpty() || weight + w <= maxWeight)) {
                batch.add(rest.remove(i));
                weight += w;
            } else {
                i++;
            }
        }
        return batch;
    }

    /** Risk grows with size, but less than linearly: a request of n commits weighs about the square root of n. */
    static int weight(QueuedRequest r) {
        return (int) Math.ceil(Math.sqrt(Math.max(1, r.commits())));
    }

    private Comparator<QueuedRequest> order() {
        long step = agingStep.toMillis();
        return Comparator.comparing(QueuedRequest::privileged).reversed()
                .thenComparingLong((QueuedRequest r) -> r.queuedAt().toEpochMilli() - step * r.priority())
                .thenComparingLong(QueuedRequest::id);
    }
}
