package io.gatekeeper.pool;

import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.tier.TierResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's schema and transitions on a real PostgreSQL: a cluster run, a lost node, a restart. */
class PoolPostgresTest {
    static EmbeddedPostgres postgres;
    static PoolFixture f;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        f = PoolFixture.migrated(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        f.pool.stop();
        postgres.close();
    }

    @Test
    void clusterRun_lostNode_andRestart_onPostgres() throws Exception {
        f.register("a", "linux");
        f.register("b", "linux");
        f.register("c");
        Recorder passed = new Recorder();
        long run = f.submit(2, passed, "linux");
        List<String> cluster = passed.awaitGrant();
        assertThat(cluster).containsExactlyInAnyOrder("a", "b");
        f.lease("a");
        f.lease("b");
        f.ready(run, cluster.get(1));
        assertThat(f.ready(run, cluster.get(0))).isEqualTo(Directive.Action.RUN);
        f.result(run, cluster.get(0), TierResult.Outcome.PASSED, "command exited with status 0");
        assertThat(passed.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.PASSED);

        Recorder lost = new Recorder();
        long second = f.submit(2, lost, "linux");
        lost.awaitGrant();
        for (int i = 0; i < 4; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.heartbeat("a", Long.toString(second));
            f.heartbeat("c");
            f.pool.sweep();
        }
        assertThat(lost.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.INFRA_ERROR);
        assertThat(f.state("b")).isEqualTo("lost");
        assertThat(f.state("a")).isEqualTo("idle");

        long queued = f.submit(1, new Recorder(), "gpu");
        f.restart();
        assertThat(f.runState(queued)).isEqualTo("cancelled");
        assertThat(f.pool.nodes()).extracting(NodeView::state).containsExactly("idle", "lost", "idle");
        assertThat(AllocationIntervals.nodeGrantedTwiceAtOnce(f.jdbi)).isEmpty();
    }
}
