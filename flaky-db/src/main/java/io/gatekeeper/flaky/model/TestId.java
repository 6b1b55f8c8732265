package io.gatekeeper.flaky.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable identity of a test: class and method, without the parameters of one invocation, so that the
 * flakiness of {@code testFoo[1]} and {@code testFoo[2]} is one history. {@link #value()} is the key stored
 * in the database ({@code class#method}); {@link #display()} is what people read ({@code FooTest.bar}).
 *
 * <p>Identities longer than {@link #MAX_LENGTH} characters keep a prefix and a hash of the whole, so the key
 * still fits an indexed column and still differs between tests.
 */
public record TestId(String className, String name) {

    public static final int MAX_LENGTH = 500;

    public TestId {
        className = className == null ? "" : className;
        name = name == null ? "" : name;
    }

    /** Identity from the raw names of a report, see {@link ParameterisedName} for the rule. */
    public static TestId fromReport(String suite, String className, String rawName) {
        String cls = ParameterisedName.split(className).base();
        if (cls.isEmpty()) {
            cls = suite == null ? "" : suite.trim();
        }
        return new TestId(cls, ParameterisedName.split(rawName).base());
    }

    /** Parses a {@link #value()} back; the part before the first '#' is the class. */
    public static TestId parse(String value) {
        int hash = value.indexOf('#');
        return hash < 0 ? new TestId("", value) : new TestId(value.substring(0, hash), value.substring(hash + 1));
    }

    /** The database key: {@code class#name}, bounded in length. */
    public String value() {
        String full = className.replace('#', '.') + "#" + name;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        return full.substring(0, MAX_LENGTH - 17) + "~" + sha256(full).substring(0, 16);
    }

    /** Short form for messages: simple class name (or last path segment), a dot, the test name. */
    public String display() {
        int slash = className.lastIndexOf('/');
        String simple = slash >= 0 ? className.substring(slash + 1) : className.substring(className.lastIndexOf('.') + 1);
        return simple.isEmpty() ? name : simple + "." + name;
    }

    @Override
    public String toString() {
        return value();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
