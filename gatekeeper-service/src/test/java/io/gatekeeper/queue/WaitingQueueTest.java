package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Landing order (privilege, priority with ageing) and how batches are filled. */
class WaitingQueueTest {
    private static final Instant T = World.T0;

    private static QueuedRequest request(long id, int priority, int minutes, int commits, boolean privileged) {
        return new QueuedRequest(id, priority, T.plus(Duration.ofMinutes(minutes)), commits, privileged);
    }

    private static List<Long> order(WaitingQueue q) {
        return q.preview(100, 1, Integer.MAX_VALUE).stream().map(g -> g.requests().get(0).id()).toList();
    }

    @Test
    void ageing_aHigherPriorityOvertakesOnlyRequestsQueuedLessThanOneStepBeforeIt() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        q.add(request(1, 0, 0, 1, false));
        q.add(request(2, 0, 50, 1, false));
        q.add(request(3, 1, 90, 1, false));

        // Request 3 is worth one hour of waiting: ahead of request 2 (40 minutes older), behind request 1 (90).
        assertThat(order(q)).containsExactly(1L, 3L, 2L);
    }

    @Test
    void ageing_aStreamOfHighPriorityRequestsDoesNotStarveAnOldLowPriorityOne() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        q.add(request(1, 0, 0, 1, false));
        for (int i = 0; i < 10; i++) {
            q.add(request(10 + i, 1, 61 + i * 10, 1, false));
        }
        assertThat(order(q).get(0)).isEqualTo(1L);
    }

    @Test
    void privileged_goesFirstAndAlone() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        q.add(request(1, 5, 0, 1, false));
        q.add(request(2, 0, 10, 1, false));
        q.add(request(9, 0, 20, 1, true));

        WaitingQueue.Group first = q.takeNext(8, 8).orElseThrow();
        assertThat(first.requests()).extracting(QueuedRequest::id).containsExactly(9L);
        assertThat(q.takeNext(8, 8).orElseThrow().requests()).extracting(QueuedRequest::id).containsExactly(1L, 2L);
    }

    @Test
    void batch_smallRequestsAreNotStuckBehindABigOneThatDoesNotFit() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        q.add(request(1, 0, 0, 1, false));
        q.add(request(2, 0, 1, 25, false));
        q.add(request(3, 0, 2, 1, false));
        q.add(request(4, 0, 3, 1, false));

        assertThat(q.takeNext(8, 3).orElseThrow().requests()).extracting(QueuedRequest::id).containsExactly(1L, 3L, 4L);
        assertThat(q.takeNext(8, 3).orElseThrow().requests()).extracting(QueuedRequest::id).containsExactly(2L);
    }

    @Test
    void pinnedIsolationParts_goBeforeFreeRequests_inTheOrderTheyWereMade() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        q.add(request(1, 0, 0, 1, false));
        WaitingQueue.Group a = q.pin(List.of(request(5, 0, 30, 1, false)), null);
        WaitingQueue.Group b = q.pin(List.of(request(6, 0, 40, 1, false), request(7, 0, 41, 1, false)), null);
        q.requeue(b);
        q.requeue(a);

        assertThat(q.takeNext(8, 8).orElseThrow()).isEqualTo(a);
        assertThat(q.takeNext(8, 8).orElseThrow()).isEqualTo(b);
        assertThat(q.takeNext(8, 8).orElseThrow().requests()).extracting(QueuedRequest::id).containsExactly(1L);
    }

    @Test
    void partsClearedByARound_waitForTheRound_thenBatchTogether() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        List<QueuedRequest> batch = List.of(request(1, 0, 0, 1, false), request(2, 0, 1, 1, false),
                request(3, 0, 2, 1, false));
        FailureRecord round = new FailureRecord(new Candidate(9, null, q.pin(batch, null), T), "unit", List.of(), null);
        round.openProbes = 2;
        q.add(request(4, 0, 60, 1, false));

        q.requeueUntilRoundEnds(batch.subList(0, 2), round);

        assertThat(q.held()).extractingFromEntries(e -> e.getKey().id()).containsExactly(1L, 2L);
        assertThat(q.takeNext(8, 8).orElseThrow().requests()).extracting(QueuedRequest::id)
                .as("the round is still testing: only the unrelated request may go").containsExactly(4L);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isEqualTo(2);

        round.openProbes = 0;
        assertThat(q.held()).isEmpty();
        assertThat(q.takeNext(8, 8).orElseThrow().requests()).extracting(QueuedRequest::id).containsExactly(1L, 2L);
    }

    @Test
    void aWithdrawnRequest_isNoLongerHeld() {
        WaitingQueue q = new WaitingQueue(Duration.ofHours(1));
        List<QueuedRequest> batch = List.of(request(1, 0, 0, 1, false));
        FailureRecord round = new FailureRecord(new Candidate(9, null, q.pin(batch, null), T), "unit", List.of(), null);
        round.openProbes = 1;
        q.requeueUntilRoundEnds(batch, round);

        assertThat(q.remove(1)).isTrue();
        assertThat(q.held()).isEmpty();
        assertThat(q.size()).isZero();
    }

    @Test
    void noRuntBatches() {
        assertThat(GatekeeperPolicy.withoutRunt(4, 5, 8)).as("one left over rides along").isEqualTo(5);
        assertThat(GatekeeperPolicy.withoutRunt(4, 6, 8)).as("half a batch left makes its own").isEqualTo(4);
        assertThat(GatekeeperPolicy.withoutRunt(4, 4, 8)).isEqualTo(4);
        assertThat(GatekeeperPolicy.withoutRunt(8, 11, 8)).as("never above batch.max").isEqualTo(8);
    }
}
