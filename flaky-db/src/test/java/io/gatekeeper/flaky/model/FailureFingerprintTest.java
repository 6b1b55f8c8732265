package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureFingerprintTest {

    private static final String TRACE = """
            java.lang.AssertionError: expected <3> but was <4> (id 0x7f3a)
            \tat org.junit.Assert.fail(Assert.java:89)
            \tat org.example.FooTest.lambda$bar$0(FooTest.java:%d)
            \tat org.example.Pool$$Lambda$123/0x0000000800c0b040.run(Unknown Source)
            \tat java.base/java.lang.Thread.run(Thread.java:833)
            \t... 12 more
            """;

    @Test
    void lineNumbersAndGeneratedIds_doNotChangeTheFingerprint() {
        FailureFingerprint a = FailureFingerprint.of(null, "expected <3> but was <4>", TRACE.formatted(42));
        FailureFingerprint b = FailureFingerprint.of(null, "expected <7> but was <9>",
                TRACE.formatted(57).replace("Lambda$123/0x0000000800c0b040", "Lambda$981/0x00000008001ab000"));
        assertThat(a.type()).isEqualTo("java.lang.AssertionError");
        assertThat(a.frames()).containsExactly("org.junit.Assert.fail(Assert.java)",
                "org.example.FooTest.lambda$bar$#(FooTest.java)", "org.example.Pool$$Lambda.run(Unknown Source)",
                "java.base/java.lang.Thread.run(Thread.java)");
        assertThat(a.id()).isEqualTo(b.id()).hasSize(16);
    }

    @Test
    void differentTypeOrTopFrame_changesIt() {
        FailureFingerprint a = FailureFingerprint.of("java.lang.AssertionError", null, TRACE.formatted(1));
        FailureFingerprint b = FailureFingerprint.of("java.net.SocketTimeoutException", null, TRACE.formatted(1));
        FailureFingerprint c = FailureFingerprint.of("java.lang.AssertionError", null,
                TRACE.formatted(1).replace("org.junit.Assert.fail", "org.junit.Assert.assertEquals"));
        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(c.id());
    }

    @Test
    void pythonAndGoFrames_areRecognised() {
        FailureFingerprint py = FailureFingerprint.of(null, null, """
                Traceback (most recent call last):
                  File "tests/test_net.py", line 12, in test_fetch
                    resp = fetch(url)
                  File "app/net.py", line 88, in fetch
                    raise TimeoutError("after 30s")
                TimeoutError: after 30s
                """);
        assertThat(py.frames()).containsExactly("tests/test_net.py in test_fetch", "app/net.py in fetch");
        FailureFingerprint go = FailureFingerprint.of(null, null, "    cache_test.go:41: got 3, want 4\n");
        assertThat(go.frames()).containsExactly("cache_test.go");
    }

    @Test
    void messageOnly_masksNumbers() {
        FailureFingerprint a = FailureFingerprint.of("AssertionError", "timeout after 3012 ms", null);
        FailureFingerprint b = FailureFingerprint.of("AssertionError", "timeout after 2987 ms", null);
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.normalised()).isEqualTo("AssertionError | message: timeout after # ms");
    }
}
