package io.gatekeeper.flaky.junit;

import java.time.Duration;

/** Reads a {@code time} attribute (seconds) the way tools actually write it. */
final class ReportTime {

    private ReportTime() {
    }

    /**
     * Seconds as a decimal; "2,503.1" (thousands separator) and "0,25" (decimal comma) are understood.
     * Absent, negative or unreadable values give zero: a wrong duration must not refuse a whole report.
     */
    static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        String s = value.trim();
        if (s.indexOf(',') >= 0) {
            s = s.indexOf('.') >= 0 ? s.replace(",", "") : s.replace(',', '.');
        }
        try {
            double seconds = Double.parseDouble(s);
            if (!(seconds > 0) || Double.isInfinite(seconds) || seconds > 1e9) {
                return Duration.ZERO;
            }
            return Duration.ofNanos(Math.round(seconds * 1e9));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
