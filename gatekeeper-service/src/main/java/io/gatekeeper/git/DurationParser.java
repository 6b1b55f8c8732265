package io.gatekeeper.git;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code 90s}, {@code 10m}, {@code 2h}, {@code 1h30m} and ISO-8601 ({@code PT10M}) durations. */
final class DurationParser {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private DurationParser() {
    }

    /** @return the duration, empty when the text is not one of the accepted forms or not positive */
    static Optional<Duration> parse(String text) {
        String t = text.trim();
        Duration d;
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        } else {
            Matcher m = SHORT.matcher(t);
            if (t.isEmpty() || !m.matches()) {
                return Optional.empty();
            }
            try {
                d = Duration.ofHours(number(m.group(1)))
                        .plusMinutes(number(m.group(2)))
                        .plusSeconds(number(m.group(3)));
            } catch (ArithmeticException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
