package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.AllocationState;
import io.gatekeeper.runner.pool.RunState;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.TierResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What a node's reported outcome does to its run. Only the primary's verdict (passed, failed, timed out) speaks
 * about the change; anything else a node reports ends the run as an infrastructure error, including a runner
 * that stopped the run on its own (the service did not cancel it).
 */
final class ResultRules {
    private static final Logger LOG = LoggerFactory.getLogger(ResultRules.class);

    private final PoolLedger ledger;

    ResultRules(PoolLedger ledger) {
        this.ledger = ledger;
    }

    void apply(Membership held, RunResult result) {
        long runId = held.run().id();
        String node = held.member().nodeName();
        TierResult.Outcome outcome = result.outcome() == null ? TierResult.Outcome.INFRA_ERROR : result.outcome();
        switch (outcome) {
            case PASSED:
            case FAILED:
            case TIMED_OUT:
                if (held.member().nodeIndex() != 0) {
                    LOG.warn("run {}: secondary node {} reported {}; ignored", runId, node, outcome);
                    return;
                }
                RunEnd verdict = new RunEnd(RunState.RUNNING, outcome, result.exitCode(), result.message(),
                        Duration.ofMillis(Math.max(0, result.tookMillis())), result.reports());
                ledger.end(runId, RunState.Event.of(outcome), AllocationState.Event.RELEASE, result.message(), verdict);
                return;
            case INFRA_ERROR:
                infra(runId, "node " + node + ": " + result.message());
                return;
            default:
                infra(runId, "node " + node + " stopped the run on its own: " + result.message());
        }
    }

    private void infra(long runId, String message) {
        ledger.end(runId, RunState.Event.INFRA_ERROR, AllocationState.Event.RELEASE, message,
                RunEnd.infra(RunState.INFRA_ERROR, message));
    }
}
