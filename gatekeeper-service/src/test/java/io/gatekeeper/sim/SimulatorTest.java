package io.gatekeeper.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each strategy, driven by the simulator on one small seeded workload, gives a coherent account. */
class SimulatorTest {
    private static final Workload SMALL = Workload.defaults().with(20, 0.1, 8, 6);

    @ParameterizedTest
    @ValueSource(strings = {"serial", "bisect", "speculative", "gatekeeper", "gatekeeper-bisect",
        "gatekeeper-prefixes", "gatekeeper-unscreened", "oracle"})
    void everyStrategy_keepsTheInvariants_andAccountsForEveryRequest(String strategy) {
        Scenario scenario = SMALL.scenario(3);
        SimResult r = new Simulator(scenario, strategy, 3).run();

        assertThat(r.violations()).isEmpty();
        assertThat(r.badLanded()).isZero();
        assertThat(r.headBrokenMinutes()).isZero();
        assertThat(r.merged() + r.rejected() + r.unfinished()).isEqualTo(r.arrived());
        assertThat(r.mergedWithinHours()).isLessThanOrEqualTo(r.merged());
        assertThat(r.ttmP50Minutes()).isLessThanOrEqualTo(r.ttmP95Minutes());
        assertThat(r.queueLength()).isNotEmpty();
        assertThat(r.runs()).isPositive();
    }

    @Test
    void oracle_rejectsExactlyTheBadRequests_andBoundsTheOthers() {
        Scenario scenario = SMALL.scenario(5);
        long bad = scenario.arrivals().stream().filter(Scenario.Arrival::bad).count();
        Map<String, SimResult> results = new LinkedHashMap<>();
        for (String s : List.of("oracle", "serial", "bisect", "speculative", "gatekeeper")) {
            results.put(s, new Simulator(scenario, s, 5).run());
        }
        SimResult oracle = results.get("oracle");
        assertThat(oracle.rejected()).isEqualTo(bad);
        assertThat(oracle.goodRejected()).isZero();
        results.values().forEach(r -> assertThat(oracle.ttmP50Minutes()).isLessThanOrEqualTo(r.ttmP50Minutes()));
        results.values().forEach(r -> assertThat(oracle.runsPerMerge()).isLessThanOrEqualTo(r.runsPerMerge()));
    }

    @Test
    void serial_testsOneRequestAtATime_soEveryMergeCostsEveryTier() {
        SimResult r = new Simulator(Workload.defaults().with(1, 0, 8, 4).scenario(1), "serial", 1).run();
        assertThat(r.rejected()).isZero();
        assertThat(r.unfinished()).isZero();
        assertThat(r.runsPerMerge()).isEqualTo(4.0);
    }

    @Test
    void sameSeedSameResult_otherSeedOtherWorkload() {
        Scenario a = SMALL.scenario(11);
        assertThat(new Simulator(a, "gatekeeper", 11).run()).isEqualTo(new Simulator(a, "gatekeeper", 11).run());
        assertThat(SMALL.scenario(12).arrivals()).isNotEqualTo(a.arrivals());
    }

    @Test
    void flakes_areLearnedFromUnexplainedFailures_andDoNotRejectGoodRequests() {
        Workload flaky = Workload.defaults().with(20, 0, 16, 8).withFlakyTests(2, 0.05);
        SimResult r = new Simulator(flaky.scenario(2), "gatekeeper", 2).run();

        assertThat(r.unexplainedFailures()).isPositive();
        assertThat(r.rejected()).isZero();
        assertThat(r.merged()).isEqualTo(r.arrived());
    }

    @Test
    void headBrokenMinutes_countFromTheFirstBadLandingOn() {
        Workload w = Workload.defaults().with(10, 0.3, 8, 4);
        SimResult r = new Simulator(w.scenario(4), "gatekeeper", 4).run();
        assertThat(r.badLanded()).isZero();
        assertThat(r.headBrokenMinutes()).isZero();
    }
}
