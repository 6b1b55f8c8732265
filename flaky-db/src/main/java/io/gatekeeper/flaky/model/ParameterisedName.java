package io.gatekeeper.flaky.model;

/**
 * Splits a reported test (or class) name into the stable base and the parameters of one invocation.
 *
 * <p>The rule, applied in order:
 * <ol>
 *   <li>A name that is only an invocation index with its arguments ({@code [1] 1, 2, 3}, Gradle's display of a
 *       JUnit 5 parameterised test, which drops the method name) has base {@code [*]}; everything is
 *       parameters.</li>
 *   <li>Trailing bracket groups attached to the name are parameters: {@code testFoo[0]} (JUnit 4),
 *       {@code test_x[a-b]} (pytest), {@code testFoo(int)[1]} (Surefire on JUnit 5).</li>
 *   <li>Then one trailing parenthesised group attached to the name is parameters: {@code additionTest()},
 *       {@code testFoo(int)}, {@code TestE("Answer",42)} (.NET), {@code Fixture("a",1)} as class name.</li>
 * </ol>
 * "Attached" means no whitespace before the opening bracket, so a human title such as
 * {@code "retries on timeout (slow)"} keeps its words. Go subtests ({@code TestX/sub#01}) are distinct
 * tests and are not split.
 */
public record ParameterisedName(String base, String parameters) {

    private static final String INDEX_ONLY = "[*]";

    public static ParameterisedName split(String raw) {
        if (raw == null) {
            return new ParameterisedName("", "");
        }
        String s = raw.trim();
        if (s.matches("\\[\\d+](\\s.*)?")) {
            return new ParameterisedName(INDEX_ONLY, s);
        }
        String params = "";
        int cut;
        while ((cut = attachedGroupStart(s, '[', ']')) > 0) {
            params = s.substring(cut) + params;
            s = s.substring(0, cut);
        }
        cut = attachedGroupStart(s, '(', ')');
        if (cut > 0) {
            params = s.substring(cut) + params;
            s = s.substring(0, cut);
        }
        return new ParameterisedName(s, params);
    }

    /** Start of a balanced trailing group {@code open...close}, if attached to a non-blank character; else -1. */
    private static int attachedGroupStart(String s, char open, char close) {
        if (s.isEmpty() || s.charAt(s.length() - 1) != close) {
            return -1;
        }
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == close) {
                depth++;
            } else if (c == open && --depth == 0) {
                return i > 0 && !Character.isWhitespace(s.charAt(i - 1)) ? i : -1;
            }
        }
        return -1;
    }
}
