package io.gatekeeper.runner.pool;

import java.util.Optional;

/**
 * A tier's claim on N nodes. {@code requested}: waiting in the queue, holding nothing; {@code granted}: holds
 * all N nodes under a lease that heartbeats renew; {@code released}: ended (or withdrawn before a grant);
 * {@code expired}: its lease ran out, so its run is an infrastructure error.
 */
public enum AllocationState {
    REQUESTED("requested"), GRANTED("granted"), RELEASED("released"), EXPIRED("expired");

    public enum Event { GRANT, RENEW, RELEASE, EXPIRE, CANCEL }

    private static final StateMachine<AllocationState, Event> MACHINE =
            StateMachine.of(AllocationState.class, Event.class)
                    .on(REQUESTED, Event.GRANT, GRANTED)
                    .on(REQUESTED, Event.CANCEL, RELEASED)
                    .on(GRANTED, Event.RENEW, GRANTED)
                    .on(GRANTED, Event.RELEASE, RELEASED)
                    .on(GRANTED, Event.CANCEL, RELEASED)
                    .on(GRANTED, Event.EXPIRE, EXPIRED)
                    .build();

    private final String wireName;

    AllocationState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AllocationState fromWire(String name) {
        for (AllocationState s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown allocation state: " + name);
    }

    public AllocationState on(Event event) {
        return MACHINE.require(this, event);
    }

    public Optional<AllocationState> tryOn(Event event) {
        return MACHINE.next(this, event);
    }

    public boolean terminal() {
        return !MACHINE.accepts(this);
    }
}
