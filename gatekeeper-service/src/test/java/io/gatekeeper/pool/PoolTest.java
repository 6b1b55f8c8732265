package io.gatekeeper.pool;

import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.tier.TierResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolTest {
    final PoolFixture f = PoolFixture.h2();

    @AfterEach
    void stop() throws Exception {
        f.pool.stop();
    }

    @Test
    void cluster_isGrantedWhole_andThePrimaryRunsOnceEveryNodeIsReady() throws Exception {
        f.register("a");
        f.register("b");
        f.register("c");
        Recorder r = new Recorder();
        long run = f.submit(2, r);
        List<String> cluster = r.awaitGrant();
        assertThat(cluster).hasSize(2);
        String primary = cluster.get(0);
        String secondary = cluster.get(1);
        String spare = List.of("a", "b", "c").stream().filter(n -> !cluster.contains(n)).findFirst().orElseThrow();

        Assignment p = f.lease(primary).orElseThrow();
        Assignment s = f.lease(secondary).orElseThrow();
        assertThat(f.lease(spare)).isEmpty();
        assertThat(p.nodeIndex()).isZero();
        assertThat(s.nodeIndex()).isEqualTo(1);
        assertThat(p.clusterNodes()).containsExactly("host-" + primary, "host-" + secondary);
        assertThat(p.repoUrl()).isEqualTo("http://gk:8080/git/demo.git");
        assertThat(p.fetchUser()).isEqualTo("runner");
        assertThat(p.fetchToken()).isNull();
        assertThat(p.runId()).isEqualTo(Long.toString(run));
        assertThat(p.command()).isEqualTo("./test.sh");
        assertThat(p.env()).containsEntry("A", "b");
        assertThat(f.state(primary)).isEqualTo("allocated");

        assertThat(f.ready(run, primary)).isEqualTo(Directive.Action.WAIT);
        assertThat(f.ready(run, secondary)).isEqualTo(Directive.Action.HOLD);
        assertThat(f.ready(run, primary)).isEqualTo(Directive.Action.RUN);
        assertThat(f.state(primary)).isEqualTo("busy");
        assertThat(f.state(secondary)).isEqualTo("busy");
        assertThat(f.state(spare)).isEqualTo("idle");
        assertThat(f.runState(run)).isEqualTo("running");
        NodeView shown = f.pool.nodes().stream().filter(n -> n.name().equals(secondary)).findFirst().orElseThrow();
        assertThat(shown.run()).isEqualTo(run);
        assertThat(shown.nodeIndex()).isEqualTo(1);
        assertThat(shown.allocation()).isNotNull();

        f.result(run, primary, TierResult.Outcome.PASSED, "command exited with status 0");
        RunEnd end = r.awaitEnd();
        assertThat(end.outcome()).isEqualTo(TierResult.Outcome.PASSED);
        assertThat(end.reports()).containsExactly("reports/a.xml");
        assertThat(end.took()).isEqualTo(Duration.ofMillis(1234));
        assertThat(r.started).isTrue();
        assertThat(f.runState(run)).isEqualTo("passed");
        assertThat(f.ready(run, secondary)).isEqualTo(Directive.Action.RELEASE);
        assertThat(f.pool.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo("idle"));
    }

    @Test
    void contention_servesEveryRequestInOrder_neverGrantingANodeTwice() throws Exception {
        List<String> nodes = List.of("a", "b", "c");
        nodes.forEach(f::register);
        Recorder[] observers = new Recorder[5];
        long[] runs = new long[5];
        for (int i = 0; i < 5; i++) {
            observers[i] = new Recorder();
            // The last comes last but with a higher priority: it goes before every request still waiting.
            runs[i] = f.submit(2, i == 4 ? 5 : 0, f.clock.instant(), observers[i]);
            f.clock.advance(Duration.ofSeconds(1));
        }
        List<Long> order = new java.util.ArrayList<>();
        int finished = 0;
        for (int step = 0; step < 50 && finished < 5; step++) {
            Map<String, Long> holders = new java.util.HashMap<>();
            for (String node : nodes) {
                Optional<Assignment> a = f.lease(node);
                a.ifPresent(x -> holders.put(node, Long.parseLong(x.runId())));
            }
            assertThat(f.pool.nodes().stream().filter(n -> !n.state().equals("idle")).count()).isLessThanOrEqualTo(3);
            for (Map.Entry<Long, List<String>> e : holders.entrySet().stream().collect(
                    Collectors.groupingBy(Map.Entry::getValue,
                            Collectors.mapping(Map.Entry::getKey, Collectors.toList()))).entrySet()) {
                assertThat(e.getValue()).as("a cluster is handed out whole").hasSize(2);
                order.add(e.getKey());
                for (String node : e.getValue()) {
                    f.ready(e.getKey(), node);
                }
                String primary = f.pool.nodes().stream()
                        .filter(n -> e.getKey().equals(n.run()) && Integer.valueOf(0).equals(n.nodeIndex()))
                        .findFirst().orElseThrow().name();
                assertThat(f.ready(e.getKey(), primary)).isEqualTo(Directive.Action.RUN);
                f.result(e.getKey(), primary, TierResult.Outcome.PASSED, "ok");
                finished++;
            }
        }
        assertThat(order).containsExactly(runs[0], runs[4], runs[1], runs[2], runs[3]);
        for (Recorder r : observers) {
            assertThat(r.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.PASSED);
        }
        assertThat(AllocationIntervals.maxNodesHeldAtOnce(f.jdbi)).isLessThanOrEqualTo(3);
        assertThat(AllocationIntervals.nodeGrantedTwiceAtOnce(f.jdbi)).isEmpty();
    }

    @Test
    void silentNode_isLost_itsRunIsAnInfraError_andTheHealthyNodeIsFreed() throws Exception {
        Recorder r = new Recorder();
        long run = f.leasedAndReadyRun(r, "a", "b");
        for (int i = 0; i < 4; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(f.heartbeat("a", Long.toString(run))).isEmpty();
            f.pool.sweep();
        }
        RunEnd end = r.awaitEnd();
        assertThat(end.outcome()).isEqualTo(TierResult.Outcome.INFRA_ERROR);
        assertThat(end.message()).contains("node b stopped heartbeating");
        assertThat(f.runState(run)).isEqualTo("infra-error");
        assertThat(f.state("b")).isEqualTo("lost");
        assertThat(f.state("a")).isEqualTo("idle");
        assertThat(f.heartbeat("a", Long.toString(run))).as("the healthy node is told to stop")
                .containsExactly(Long.toString(run));
        assertThatThrownBy(() -> f.heartbeat("b")).isInstanceOf(PoolException.NodeGone.class);
        f.register("b");
        assertThat(f.state("b")).isEqualTo("idle");
    }

    @Test
    void leaseNotRenewedByANode_expires_evenWhileItHeartbeats() throws Exception {
        Recorder r = new Recorder();
        long run = f.grantedRun(r, "a", "b");
        f.lease("a");
        for (int i = 0; i < 11; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.heartbeat("a", Long.toString(run));
            f.heartbeat("b");
            f.pool.sweep();
        }
        assertThat(r.awaitEnd().message()).contains("lease on node b expired");
        assertThat(f.runState(run)).isEqualTo("infra-error");
        assertThat(f.pool.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo("idle"));
    }

    @Test
    void cancel_freesTheNodesAtOnce_andTellsTheRunnersOnTheirNextCall() throws Exception {
        Recorder r = new Recorder();
        long run = f.grantedRun(r, "a");
        f.lease("a");
        assertThat(f.ready(run, "a")).isEqualTo(Directive.Action.RUN);
        f.pool.cancel(run);
        assertThat(r.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.CANCELLED);
        assertThat(f.runState(run)).isEqualTo("cancelled");
        assertThat(f.state("a")).isEqualTo("idle");
        assertThat(f.heartbeat("a", Long.toString(run))).containsExactly(Long.toString(run));
        assertThat(f.ready(run, "a")).isEqualTo(Directive.Action.RELEASE);
        f.result(run, "a", TierResult.Outcome.CANCELLED, "cancelled");
        assertThat(r.ends).hasSize(1);
    }

    @Test
    void cancelWhileQueued_withdrawsTheRequest() {
        Recorder r = new Recorder();
        long run = f.submit(1, r);
        f.pool.cancel(run);
        assertThat(r.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.CANCELLED);
        f.register("a");
        assertThat(f.state("a")).isEqualTo("idle");
    }

    @Test
    void timeout_isTheChangesFailure_andSetupFailure_isInfrastructure() throws Exception {
        f.register("a");
        f.register("b");
        Recorder timedOut = new Recorder();
        long first = f.submit(1, timedOut);
        String node = timedOut.awaitGrant().get(0);
        f.lease(node);
        f.ready(first, node);
        f.result(first, node, TierResult.Outcome.TIMED_OUT, "timed out after 3s");
        assertThat(timedOut.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.TIMED_OUT);
        assertThat(f.runState(first)).isEqualTo("failed");

        Recorder setup = new Recorder();
        long second = f.submit(2, setup);
        setup.awaitGrant();
        f.lease("a");
        f.lease("b");
        String secondary = setup.grants.get(0).get(1);
        f.result(second, secondary, TierResult.Outcome.INFRA_ERROR, "setup exited with status 2");
        RunEnd end = setup.awaitEnd();
        assertThat(end.outcome()).isEqualTo(TierResult.Outcome.INFRA_ERROR);
        assertThat(end.message()).isEqualTo("node " + secondary + ": setup exited with status 2");
        assertThat(f.state("a")).isEqualTo("idle");
        assertThat(f.state("b")).isEqualTo("idle");
    }

    @Test
    void runnerStoppingOnItsOwn_isAnInfraError() throws Exception {
        Recorder r = new Recorder();
        long run = f.leasedAndReadyRun(r, "a");
        f.result(run, "a", TierResult.Outcome.CANCELLED, "cancelled");
        assertThat(r.awaitEnd().outcome()).isEqualTo(TierResult.Outcome.INFRA_ERROR);
    }

    @Test
    void runnerAskingForWorkWhileHoldingARun_gaveItUp() throws Exception {
        Recorder r = new Recorder();
        long run = f.grantedRun(r, "a");
        assertThat(f.lease("a")).isPresent();
        assertThat(f.lease("a")).isEmpty();
        assertThat(r.awaitEnd().message()).contains("gave the run up");
        assertThat(f.runState(run)).isEqualTo("infra-error");
    }

    @Test
    void reregistering_aBusyNode_endsItsRunAndFreesIt() throws Exception {
        Recorder r = new Recorder();
        long run = f.leasedAndReadyRun(r, "a");
        f.register("a");
        assertThat(r.awaitEnd().message()).contains("registered again");
        assertThat(f.state("a")).isEqualTo("idle");
    }

    @Test
    void labels_restrictWhichNodesServe() throws Exception {
        f.register("small");
        f.register("big", "large", "linux");
        Recorder r = new Recorder();
        f.submit(1, r, "large");
        assertThat(r.awaitGrant()).containsExactly("big");
        assertThat(f.lease("small")).isEmpty();
    }

    @Test
    void tooFewMatchingNodes_waitsForMore_thenGivesUpAsInfrastructure() {
        f.register("a");
        Recorder r = new Recorder();
        long run = f.submit(2, r);
        f.pool.sweep();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> r.notes.size() >= 2);
        assertThat(r.notes.get(1)).contains("the pool has 1 usable node, the tier needs 2");
        f.clock.advance(Duration.ofSeconds(31));
        f.heartbeat("a");
        f.pool.sweep();
        RunEnd end = r.awaitEnd();
        assertThat(end.outcome()).isEqualTo(TierResult.Outcome.INFRA_ERROR);
        assertThat(end.message()).startsWith("no nodes for this tier");
        assertThat(f.runState(run)).isEqualTo("infra-error");
    }

    @Test
    void restart_keepsThePool_andCancelsRunsNobodyWaitsFor() throws Exception {
        f.register("a");
        f.register("b");
        long run = f.submit(1, new Recorder());
        f.clock.advance(Duration.ofSeconds(60));
        Pool restarted = f.restart();
        restarted.sweep();
        assertThat(restarted.nodes()).extracting(NodeView::name).containsExactly("a", "b");
        assertThat(restarted.nodes()).as("not lost for heartbeats sent while the service was down")
                .allSatisfy(n -> assertThat(n.state()).isEqualTo("idle"));
        assertThat(f.runState(run)).isEqualTo("cancelled");
        f.clock.advance(Duration.ofSeconds(4));
        restarted.sweep();
        assertThat(restarted.nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo("lost"));
    }

    @Test
    void anotherUsersRunner_cannotActForANode() {
        f.register("a");
        Caller other = new Caller("mallory", false);
        assertThatThrownBy(() -> f.pool.heartbeat("a", new io.gatekeeper.runner.protocol.Heartbeat(null), other))
                .isInstanceOf(PoolException.NotYourNode.class);
        assertThatThrownBy(() -> f.pool.register(new Registration("a", List.of(), "h", "v"), other))
                .isInstanceOf(PoolException.NotYourNode.class);
        assertThat(f.pool.heartbeat("a", new io.gatekeeper.runner.protocol.Heartbeat(null), new Caller("root", true))
                .cancel()).isEmpty();
    }
}
