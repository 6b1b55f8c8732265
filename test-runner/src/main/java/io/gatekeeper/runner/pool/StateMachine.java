package io.gatekeeper.runner.pool;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A transition table: which event moves a state where. Anything not in the table is illegal. */
final class StateMachine<S extends Enum<S>, E extends Enum<E>> {
    private final Class<S> states;
    private final Map<S, Map<E, S>> table;

    private StateMachine(Class<S> states, Map<S, Map<E, S>> table) {
        this.states = states;
        this.table = table;
    }

    static <S extends Enum<S>, E extends Enum<E>> Builder<S, E> of(Class<S> states, Class<E> events) {
        return new Builder<>(states, events);
    }

    Optional<S> next(S from, E event) {
        return Optional.ofNullable(table.get(from)).map(m -> m.get(event));
    }

    S require(S from, E event) {
        return next(from, event).orElseThrow(() -> new IllegalTransitionException(
                states.getSimpleName() + " " + from + " does not accept " + event));
    }

    boolean accepts(S from) {
        return table.containsKey(from) && !table.get(from).isEmpty();
    }

    static final class Builder<S extends Enum<S>, E extends Enum<E>> {
        private final Class<S> states;
        private final Class<E> events;
        private final Map<S, Map<E, S>> table;

        private Builder(Class<S> states, Class<E> events) {
            this.states = states;
            this.events = events;
            this.table = new EnumMap<>(states);
        }

        Builder<S, E> on(S from, E event, S to) {
            S previous = table.computeIfAbsent(from, s -> new EnumMap<>(events)).put(event, to);
            if (previous != null) {
                throw new IllegalStateException(from + " on " + event + " defined twice");
            }
            return this;
        }

        StateMachine<S, E> build() {
            return new StateMachine<>(states, table);
        }
    }
}
