package io.gatekeeper.flaky.junit;

import io.gatekeeper.flaky.junit.ReportRejectedException.Reason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** The per-report state of a parse: which suite and test case we are in, what text we keep, the counts. */
final class ReportWalker {

    private record Suite(String name, String file, int depth) {
    }

    private final ParserLimits limits;
    private final Consumer<TestCaseResult> each;
    private final Deque<Suite> suites = new ArrayDeque<>();
    private final Deque<TestCaseBuilder> cases = new ArrayDeque<>();
    private int depth;
    private long textRun;
    private boolean rootSeen;
    private CappedText capture;
    private int captureDepth = -1;
    private int stackTraceDepth = -1;
    private int tests, failures, errors, skipped, flaky, suiteErrors;

    ReportWalker(ParserLimits limits, Consumer<TestCaseResult> each) {
        this.limits = limits;
        this.each = each;
    }

    void accept(XMLStreamReader r, int event) {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT:
                start(r);
                break;
            case XMLStreamConstants.END_ELEMENT:
                end(r.getLocalName());
                break;
            case XMLStreamConstants.CHARACTERS:
            case XMLStreamConstants.CDATA:
            case XMLStreamConstants.SPACE:
                text(r);
                break;
            case XMLStreamConstants.DTD:
            case XMLStreamConstants.ENTITY_DECLARATION:
                throw new ReportRejectedException(Reason.DTD_REFUSED, "DTD at line " + r.getLocation().getLineNumber());
            default:
                break;
        }
    }

    ReportSummary summary() {
        if (!rootSeen) {
            throw new ReportRejectedException(Reason.EMPTY, "no root element");
        }
        return new ReportSummary(tests, failures, errors, skipped, flaky, suiteErrors);
    }

    private void start(XMLStreamReader r) {
        depth++;
        textRun = 0;
        String name = r.getLocalName();
        if (depth > limits.maxDepth()) {
            throw new ReportRejectedException(Reason.TOO_LARGE, "elements nested deeper than " + limits.maxDepth()
                    + " (line " + r.getLocation().getLineNumber() + ")");
        }
        if (depth == 1) {
            if (!name.equals("testsuites") && !name.equals("testsuite")) {
                throw new ReportRejectedException(Reason.NOT_JUNIT, "root element is <" + name
                        + ">, expected <testsuites> or <testsuite>");
            }
            rootSeen = true;
        }
        TestCaseBuilder current = cases.peek();
        if (name.equals("testsuite")) {
            Suite outer = suites.peek();
            String file = attr(r, "file");
            suites.push(new Suite(orEmpty(attr(r, "name")), file != null || outer == null ? file : outer.file(), depth));
        } else if (name.equals("testcase")) {
            Suite suite = suites.peek();
            String file = attr(r, "file");
            String className = attr(r, "classname") != null ? attr(r, "classname") : attr(r, "class");
            cases.push(new TestCaseBuilder(depth, suite == null ? "" : suite.name(), orEmpty(className),
                    orEmpty(attr(r, "name")), ReportTime.parse(attr(r, "time")),
                    file != null || suite == null ? file : suite.file(), limits.maxKeptChars()));
        } else if (current != null && depth == current.depth + 1) {
            CappedText target = current.child(name, attr(r, "type"), attr(r, "message"));
            if (target != null) {
                capture = target;
                captureDepth = depth;
            }
        } else if (name.equals("stackTrace") && capture != null && depth == captureDepth + 1) {
            stackTraceDepth = depth;
        } else if ((name.equals("error") || name.equals("failure")) && current == null
                && !suites.isEmpty() && depth == suites.peek().depth() + 1) {
            suiteErrors++;
        }
    }

    private void text(XMLStreamReader r) {
        int length = r.getTextLength();
        textRun += length;
        if (textRun > limits.maxTextChars()) {
            throw new ReportRejectedException(Reason.TOO_LARGE, "text of one element longer than "
                    + limits.maxTextChars() + " characters (line " + r.getLocation().getLineNumber() + ")");
        }
        if (capture != null && (depth == captureDepth || depth == stackTraceDepth)) {
            capture.append(r.getTextCharacters(), r.getTextStart(), length);
        }
    }

    private void end(String name) {
        textRun = 0;
        if (depth == stackTraceDepth) {
            stackTraceDepth = -1;
        }
        if (depth == captureDepth) {
            capture = null;
            captureDepth = -1;
        }
        if (name.equals("testcase") && !cases.isEmpty() && cases.peek().depth == depth) {
            count(cases.pop().build());
        } else if (name.equals("testsuite") && !suites.isEmpty() && suites.peek().depth() == depth) {
            suites.pop();
        }
        depth--;
    }

    private void count(TestCaseResult result) {
        tests++;
        switch (result.outcome()) {
            case ERROR:
                errors++;
                break;
            case FAIL:
                failures++;
                break;
            case SKIP:
                skipped++;
                break;
            default:
                if (result.flaky()) {
                    flaky++;
                }
                break;
        }
        each.accept(result);
    }

    private static String attr(XMLStreamReader r, String local) {
        return r.getAttributeValue(null, local);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
