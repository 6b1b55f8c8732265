package io.gatekeeper.runner.pool;

import java.util.Optional;

/**
 * A runner node as the pool sees it. {@code idle}: registered and free; {@code allocated}: granted to a run and
 * inaugurating; {@code busy}: its cluster runs the command; {@code lost}: stopped heartbeating. A lost node
 * comes back only by registering again; a restarted runner's registration frees whatever it held.
 */
public enum NodeState {
    IDLE("idle"), ALLOCATED("allocated"), BUSY("busy"), LOST("lost");

    public enum Event { ALLOCATE, START, RELEASE, MISS_HEARTBEATS, REGISTER }

    private static final StateMachine<NodeState, Event> MACHINE = StateMachine.of(NodeState.class, Event.class)
            .on(IDLE, Event.ALLOCATE, ALLOCATED)
            .on(ALLOCATED, Event.START, BUSY)
            .on(ALLOCATED, Event.RELEASE, IDLE)
            .on(BUSY, Event.RELEASE, IDLE)
            // Releasing an allocation that included a lost node must not revive it.
            .on(LOST, Event.RELEASE, LOST)
            .on(IDLE, Event.MISS_HEARTBEATS, LOST)
            .on(ALLOCATED, Event.MISS_HEARTBEATS, LOST)
            .on(BUSY, Event.MISS_HEARTBEATS, LOST)
            .on(IDLE, Event.REGISTER, IDLE)
            .on(ALLOCATED, Event.REGISTER, IDLE)
            .on(BUSY, Event.REGISTER, IDLE)
            .on(LOST, Event.REGISTER, IDLE)
            .build();

    private final String wireName;

    NodeState(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and the database: idle, allocated, busy, lost. */
    public String wireName() {
        return wireName;
    }

    public static NodeState fromWire(String name) {
        for (NodeState s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown node state: " + name);
    }

    /** @throws IllegalTransitionException when this state does not accept {@code event} */
    public NodeState on(Event event) {
        return MACHINE.require(this, event);
    }

    public Optional<NodeState> tryOn(Event event) {
        return MACHINE.next(this, event);
    }

    /** True if a run holds this node (allocated or busy). */
    public boolean held() {
        return this == ALLOCATED || this == BUSY;
    }
}
