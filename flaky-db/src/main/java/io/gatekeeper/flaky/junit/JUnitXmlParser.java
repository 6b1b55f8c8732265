package io.gatekeeper.flaky.junit;

import io.gatekeeper.flaky.junit.ReportRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a JUnit-XML report (Surefire, Gradle, pytest, Jest, go, Bazel, PHPUnit, ... dialects), handing each
 * test case to a consumer as soon as its element closes; the document is never held. Counting follows the
 * content, not the suite attributes: see {@link ReportSummary}.
 *
 * <p>Hardened for reports from untrusted runners: DTDs are refused (no entity expansion, no external
 * fetch), bytes must decode strictly, and every construct is bounded by {@link ParserLimits}. Anything that
 * makes the report untrustworthy refuses it whole with a {@link ReportRejectedException}, never a partial
 * pass; test cases already handed to the consumer before the refusal must then be discarded by the caller.
 *
 * <p>Thread-safe: one instance can parse many reports concurrently.
 */
public final class JUnitXmlParser {

    private final ParserLimits limits;
    private final XMLInputFactory factory;

    public JUnitXmlParser() {
        this(ParserLimits.DEFAULT);
    }

    public JUnitXmlParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits);
        // The JDK's own implementation, whatever else is on the class path (Woodstox behaves differently).
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // The JDK counts even &lt; and &amp; towards its entity budget (50 M per document), which a large
        // escaped log (or a CDATA section rewritten by MarkupGuardReader) exceeds. With no DTD there are no
        // other entities, so nothing can expand: text size is bounded by ParserLimits instead.
        factory.setProperty("jdk.xml.totalEntitySizeLimit", 0);
    }

    /**
     * Parses one report. The stream is read to the end of the root element (or to the refusal) but not closed.
     *
     * @param each called once per test case, in document order
     * @throws ReportRejectedException when the report is refused; its message says why in one line
     */
    public ReportSummary parse(InputStream in, Consumer<TestCaseResult> each) throws ReportRejectedException {
        Objects.requireNonNull(each);
        MarkupGuardReader guard;
        try {
            ReportDecoder.Decoded decoded = ReportDecoder.open(in);
            guard = new MarkupGuardReader(decoded.reader(), decoded.charset(), limits);
        } catch (IOException e) {
            throw new ReportRejectedException(Reason.UNREADABLE, e.getMessage(), e);
        }
        ReportWalker walker = new ReportWalker(limits, each);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(guard);
            while (reader.hasNext()) {
                walker.accept(reader, reader.next());
            }
            return walker.summary();
        } catch (XMLStreamException e) {
            throw rejection(guard, e);
        } finally {
            close(reader);
        }
    }

    private static ReportRejectedException rejection(MarkupGuardReader guard, XMLStreamException e) {
        if (guard.rejection() != null) {
            return guard.rejection();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int m = message.indexOf("Message: ");
        if (m >= 0) {
            message = message.substring(m + "Message: ".length());
        }
        Location at = e.getLocation();
        String where = at == null ? " (line " + guard.line() + ")"
                : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
        Reason reason = message.contains("DOCTYPE") || message.contains("DTD") ? Reason.DTD_REFUSED : Reason.MALFORMED;
        return new ReportRejectedException(reason, message.strip() + where, e);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing was held open that the caller's stream does not own.
            }
        }
    }
}
