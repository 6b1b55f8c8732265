package io.gatekeeper.flaky.junit;

/** Text kept up to a cap; whatever comes after the cap is counted, not stored. */
final class CappedText {

    private final StringBuilder text = new StringBuilder();
    private final int cap;
    private boolean truncated;

    CappedText(int cap) {
        this.cap = cap;
    }

    void append(char[] chars, int start, int length) {
        int room = cap - text.length();
        if (length > room) {
            truncated = true;
        }
        if (room > 0) {
            text.append(chars, start, Math.min(room, length));
        }
    }

    static String cap(String s, int cap) {
        return s == null || s.length() <= cap ? s : s.substring(0, cap) + " [truncated]";
    }

    /** The kept text, trimmed, null when blank. */
    String value() {
        String s = text.toString().strip();
        if (s.isEmpty()) {
            return null;
        }
        return truncated ? s + "\n[truncated]" : s;
    }
}
