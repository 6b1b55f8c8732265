package io.gatekeeper.runner.pool;

import io.gatekeeper.runner.tier.TierResult;

import java.util.Optional;

/**
 * One attempt at a tier on one allocation. {@code queued} → {@code inaugurating} (nodes granted, checking out,
 * setting up) → {@code running} (every node ready, the primary runs the command) → an end state. Only
 * {@code passed} and {@code failed} say anything about the change; {@code infra-error} says the infrastructure
 * failed, and the service retries the tier as a new run.
 */
public enum RunState {
    QUEUED("queued"), INAUGURATING("inaugurating"), RUNNING("running"),
    PASSED("passed"), FAILED("failed"), INFRA_ERROR("infra-error"), CANCELLED("cancelled");

    public enum Event {
        ALLOCATED, ALL_READY, PASS, FAIL, INFRA_ERROR, CANCEL;

        /** The event a node's reported outcome means for its run; a timeout is the change's failure. */
        public static Event of(TierResult.Outcome outcome) {
            switch (outcome) {
                case PASSED:
                    return PASS;
                case FAILED:
                case TIMED_OUT:
                    return FAIL;
                case INFRA_ERROR:
                    return INFRA_ERROR;
                default:
                    return CANCEL;
            }
        }
    }

    private static final StateMachine<RunState, Event> MACHINE = StateMachine.of(RunState.class, Event.class)
            .on(QUEUED, Event.ALLOCATED, INAUGURATING)
            .on(QUEUED, Event.CANCEL, CANCELLED)
            // the pool has too few nodes for the tier and none registered in time
            .on(QUEUED, Event.INFRA_ERROR, INFRA_ERROR)
            .on(INAUGURATING, Event.ALL_READY, RUNNING)
            .on(INAUGURATING, Event.INFRA_ERROR, INFRA_ERROR)
            .on(INAUGURATING, Event.CANCEL, CANCELLED)
            .on(RUNNING, Event.PASS, PASSED)
            .on(RUNNING, Event.FAIL, FAILED)
            .on(RUNNING, Event.INFRA_ERROR, INFRA_ERROR)
            .on(RUNNING, Event.CANCEL, CANCELLED)
            .build();

    private final String wireName;

    RunState(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and the database: queued, inaugurating, running, passed, failed, infra-error, cancelled. */
    public String wireName() {
        return wireName;
    }

    public static RunState fromWire(String name) {
        for (RunState s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown run state: " + name);
    }

    /** @throws IllegalTransitionException when this state does not accept {@code event} */
    public RunState on(Event event) {
        return MACHINE.require(this, event);
    }

    /** Empty when the event comes too late (a cancel after the result, say): the caller ignores it. */
    public Optional<RunState> tryOn(Event event) {
        return MACHINE.next(this, event);
    }

    public boolean terminal() {
        return !MACHINE.accepts(this);
    }

    /** True only for outcomes that count for or against the change. */
    public boolean verdict() {
        return this == PASSED || this == FAILED;
    }
}
