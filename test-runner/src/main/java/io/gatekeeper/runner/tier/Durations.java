package io.gatekeeper.runner.tier;

import java.time.Duration;

/** Short human forms of durations for user-facing messages: 10m, 1h30m, 45s, 1m5s, 1500ms. */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillisPart() != 0 || d.toNanosPart() % 1_000_000 != 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder s = new StringBuilder();
        if (d.toHours() > 0) {
            s.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            s.append(d.toSecondsPart()).append('s');
        }
        return s.toString();
    }
}
