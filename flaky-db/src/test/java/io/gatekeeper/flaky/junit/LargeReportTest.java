package io.gatekeeper.flaky.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB report streams through; surefire runs this module with a heap far below the report's size
 * (see flaky-db/pom.xml argLine), so holding the document would fail with OutOfMemoryError.
 */
class LargeReportTest {

    private static final String FAILING = "<testcase classname=\"org.example.BigTest\" name=\"fails[%d]\" time=\"0.5\">"
            + "<failure type=\"java.lang.AssertionError\" message=\"expected &lt;1&gt;\"><![CDATA[java.lang.AssertionError\n"
            + "\tat org.example.BigTest.fails(BigTest.java:42)\n]]></failure><system-out><![CDATA[%s]]></system-out></testcase>\n";
    private static final String PASSING = "<testcase classname=\"org.example.BigTest\" name=\"passes\" time=\"0.01\"/>\n";

    @Test
    void twoHundredMegabyteReport_streamsInBoundedMemory() {
        int cases = 20_000;
        String log = "log line with <xml> & stuff\n".repeat(700);
        AtomicLong bytes = new AtomicLong();
        Enumeration<InputStream> parts = new Enumeration<>() {
            int i = -1;

            @Override
            public boolean hasMoreElements() {
                return i <= cases;
            }

            @Override
            public InputStream nextElement() {
                i++;
                String s = i == 0 ? "<?xml version=\"1.0\"?>\n<testsuite name=\"big\">\n"
                        : i > cases ? "</testsuite>\n"
                        : i % 2 == 0 ? String.format(FAILING, i, log) : PASSING.repeat(20);
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                bytes.addAndGet(b.length);
                return new java.io.ByteArrayInputStream(b);
            }
        };
        AtomicLong kept = new AtomicLong();
        ReportSummary s = new JUnitXmlParser().parse(new SequenceInputStream(parts),
                t -> kept.addAndGet(t.stackTrace() == null ? 0 : t.stackTrace().length()));
        assertThat(bytes.get()).isGreaterThan(200L << 20);
        assertThat(s).isEqualTo(new ReportSummary(cases / 2 * 21, cases / 2, 0, 0, 0));
        assertThat(kept.get()).isEqualTo((cases / 2) * "java.lang.AssertionError\n\tat org.example.BigTest.fails(BigTest.java:42)".length());
    }
}
