package io.gatekeeper.flaky;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** JUnit-XML reports written to disk, as a tier's command would leave them. */
public final class Reports {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Reports() {
    }

    /** A passing test case, {@code class#name}. */
    public static String pass(String test) {
        String[] p = test.split("#", 2);
        return "<testcase classname=\"" + p[0] + "\" name=\"" + p[1] + "\" time=\"0.01\"/>";
    }

    /** A failing test case with a stack trace; the same {@code how} fails the same way (same fingerprint). */
    public static String fail(String test, String how) {
        String[] p = test.split("#", 2);
        String simple = p[0].substring(p[0].lastIndexOf('.') + 1);
        return "<testcase classname=\"" + p[0] + "\" name=\"" + p[1] + "\" time=\"0.02\">"
                + "<failure type=\"java.lang.AssertionError\" message=\"" + how + "\">java.lang.AssertionError: "
                + how + "\n\tat " + p[0] + "." + p[1] + "(" + simple + ".java:42)\n\tat " + p[0] + "." + how
                + "(" + simple + ".java:7)\n</failure></testcase>";
    }

    public static String xml(List<String> testcases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"suite\" tests=\"" + testcases.size()
                + "\">" + String.join("", testcases) + "</testsuite>\n";
    }

    public static Path write(Path dir, String... testcases) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("TEST-" + SEQUENCE.incrementAndGet() + ".xml");
            Files.writeString(file, xml(List.of(testcases)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
