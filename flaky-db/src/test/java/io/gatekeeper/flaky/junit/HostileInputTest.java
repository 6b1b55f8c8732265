package io.gatekeeper.flaky.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.gatekeeper.flaky.junit.ReportRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostileInputTest {

    private final JUnitXmlParser parser = new JUnitXmlParser();

    private ReportRejectedException refused(InputStream in) {
        List<TestCaseResult> seen = new ArrayList<>();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> parser.parse(in, seen::add));
        assertThat(t).isInstanceOf(ReportRejectedException.class);
        return (ReportRejectedException) t;
    }

    private ReportRejectedException refused(String xml) {
        return refused(bytes(xml));
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalEntity_refusedWithoutFetchingIt() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger fetches = new AtomicInteger();
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secret";
            ReportRejectedException e = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n"
                    + "<!ENTITY xxe SYSTEM \"" + url + "\">\n<!ENTITY % p SYSTEM \"" + url + "\"> %p; ]>\n"
                    + "<testsuite><testcase name=\"&xxe;\"/></testsuite>");
            assertThat(e.reason()).isEqualTo(Reason.DTD_REFUSED);
            assertThat(e.getMessage()).isEqualTo("DTD or entity declarations refused: <!DOCTYPE at line 2");
            assertThat(fetches.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void externalDtdWithFileEntity_refused() {
        ReportRejectedException e = refused("<!DOCTYPE testsuite SYSTEM \"file:///etc/passwd\">"
                + "<testsuite><testcase name=\"a\"/></testsuite>");
        assertThat(e.reason()).isEqualTo(Reason.DTD_REFUSED);
    }

    @Test
    void billionLaughs_refusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            String prev = i == 1 ? "lol" : "lol" + (i - 1);
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">\n");
        }
        ReportRejectedException e = refused(dtd + "]>\n<testsuite><testcase name=\"&lol9;\"/></testsuite>");
        assertThat(e.reason()).isEqualTo(Reason.DTD_REFUSED);
    }

    @Test
    void undeclaredEntityReference_refusedAsMalformed() {
        ReportRejectedException e = refused("<testsuite><testcase name=\"&lol;\"/></testsuite>");
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("lol").contains("line 1");
    }

    @Test
    void oneGigabyteLineOfText_refusedAfterReadingOnlyTheCap() {
        CountingStream in = oneGigabyte("<testsuite><testcase name=\"a\"><system-out>", 'x', "</system-out></testcase></testsuite>");
        ReportRejectedException e = refused(in);
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).startsWith("report construct too large: text of one element longer than 67108864");
        assertThat(in.consumed()).isLessThan(ParserLimits.DEFAULT.maxTextChars() + (8 << 20));
    }

    @Test
    void oneGigabyteCdataSection_refusedAfterReadingOnlyTheCap() {
        CountingStream in = oneGigabyte("<testsuite><testcase name=\"a\"><failure><![CDATA[", '<', "]]></failure></testcase></testsuite>");
        ReportRejectedException e = refused(in);
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(in.consumed()).isLessThan(ParserLimits.DEFAULT.maxTextChars() + (8 << 20));
    }

    @Test
    void oneGigabyteAttribute_refusedAfterReadingOnlyTheCap() {
        CountingStream in = oneGigabyte("<testsuite><testcase name=\"", 'x', "\"/></testsuite>");
        ReportRejectedException e = refused(in);
        assertThat(e.getMessage()).isEqualTo("report construct too large: a tag longer than 4194304 characters at line 1");
        assertThat(in.consumed()).isLessThan(ParserLimits.DEFAULT.maxMarkupChars() + (1 << 20));
    }

    @Test
    void oneGigabyteComment_refusedAfterReadingOnlyTheCap() {
        CountingStream in = oneGigabyte("<testsuite><!--", 'x', "--></testsuite>");
        ReportRejectedException e = refused(in);
        assertThat(e.getMessage()).startsWith("report construct too large: a comment longer than");
        assertThat(in.consumed()).isLessThan(ParserLimits.DEFAULT.maxMarkupChars() + (1 << 20));
    }

    @Test
    void invalidUtf8_refusedWithLine() {
        byte[] head = "<testsuite>\n<testcase name=\"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] tail = "\"/></testsuite>".getBytes(StandardCharsets.US_ASCII);
        ReportRejectedException e = refused(new SequenceInputStream(new ByteArrayInputStream(head),
                new SequenceInputStream(new ByteArrayInputStream(bad), new ByteArrayInputStream(tail))));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ENCODING);
        assertThat(e.getMessage()).isEqualTo("invalid character encoding: not valid UTF-8 at line 2 (byte offset 31)");
    }

    @Test
    void loneContinuationByteFarIntoTheFile_refused() {
        String cases = "<testcase name=\"t\"/>\n".repeat(5000);
        byte[] head = ("<testsuite>\n" + cases).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + 13];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0x80;
        System.arraycopy("</testsuite>\n".getBytes(StandardCharsets.US_ASCII), 0, all, head.length + 1, 13);
        ReportRejectedException e = refused(new ByteArrayInputStream(all));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ENCODING);
    }

    @Test
    void truncatedInsideTag_refusedAsMalformed() {
        ReportRejectedException e = refused("<testsuite name=\"s\">\n<testcase name=\"a\"/>\n<testcase name=\"b");
        assertThat(e.getMessage()).isEqualTo("truncated or malformed XML: file ends inside a tag (line 3)");
    }

    @Test
    void truncatedBetweenElements_refusedAsMalformed() {
        ReportRejectedException e = refused("<testsuite name=\"s\">\n<testcase name=\"a\"/>\n<testcase name=\"b\">");
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("line 3");
    }

    @Test
    void emptyFile_refused() {
        assertThat(refused("").getMessage()).isEqualTo("empty report: no bytes");
        assertThat(refused("  \n").reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void otherXml_refusedAsNotJUnit() {
        ReportRejectedException e = refused("<?xml version=\"1.0\"?><html><body>hi</body></html>");
        assertThat(e.getMessage()).isEqualTo("not a JUnit XML report: root element is <html>, expected <testsuites> or <testsuite>");
    }

    @Test
    void deepNesting_refused() {
        String xml = "<testsuites>" + "<testsuite>".repeat(300) + "</testsuite>".repeat(300) + "</testsuites>";
        assertThat(refused(xml).getMessage()).startsWith("report construct too large: elements nested deeper than 256");
    }

    @Test
    void consumerFailure_propagatesUnchanged() {
        IllegalStateException boom = new IllegalStateException("store down");
        assertThatThrownBy(() -> parser.parse(bytes("<testsuite><testcase name=\"a\"/></testsuite>"), t -> {
            throw boom;
        })).isSameAs(boom);
    }

    private static CountingStream oneGigabyte(String head, char fill, String tail) {
        return new CountingStream(head, (byte) fill, 1L << 30, tail);
    }

    /** Generates head + n fill bytes + tail without holding them, counting what the parser consumed. */
    static final class CountingStream extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final byte fill;
        private final long total;
        private long pos;

        CountingStream(String head, byte fill, long n, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.fill = fill;
            this.total = this.head.length + n + this.tail.length;
        }

        long consumed() {
            return pos;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - pos);
            for (int i = 0; i < n; i++) {
                long p = pos + i;
                b[off + i] = p < head.length ? head[(int) p]
                        : p >= total - tail.length ? tail[(int) (p - (total - tail.length))] : fill;
            }
            pos += n;
            return n;
        }
    }
}
