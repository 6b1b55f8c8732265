package io.gatekeeper.flaky.junit;

import io.gatekeeper.flaky.FlakyDbException;

/**
 * A report that cannot be trusted to say what ran: it is refused as a whole, never read as "no failures".
 * {@link #getMessage()} is one line: the kind's text, then the detail (position when known).
 */
public final class ReportRejectedException extends FlakyDbException {

    /** Why a report was refused; {@link #text()} is the user-facing prefix of the message. */
    public enum Reason {
        DTD_REFUSED("DTD or entity declarations refused"),
        INVALID_ENCODING("invalid character encoding"),
        MALFORMED("truncated or malformed XML"),
        TOO_LARGE("report construct too large"),
        NOT_JUNIT("not a JUnit XML report"),
        EMPTY("empty report"),
        UNREADABLE("report could not be read");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;
    private final String detail;

    public ReportRejectedException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public ReportRejectedException(Reason reason, String detail, Throwable cause) {
        super(reason.text() + (detail == null || detail.isEmpty() ? "" : ": " + oneLine(detail)), cause);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
