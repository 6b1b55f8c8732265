package io.gatekeeper.flaky.junit;

import io.gatekeeper.flaky.model.Outcome;
import java.time.Duration;

/** Collects one {@code <testcase>} while its children stream past. */
final class TestCaseBuilder {

    /** A failure-like child: what it said, its text kept up to the cap. */
    static final class Detail {
        final String type;
        final String message;
        final CappedText body;

        Detail(String type, String message, int cap) {
            this.type = CappedText.cap(emptyToNull(type), cap);
            this.message = CappedText.cap(emptyToNull(message), cap);
            this.body = new CappedText(cap);
        }

        String messageOrFirstLine() {
            if (message != null) {
                return message;
            }
            String text = body.value();
            if (text == null) {
                return null;
            }
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl).strip();
        }
    }

    final int depth;
    private final String suite;
    private final String className;
    private final String name;
    private final Duration duration;
    private final String file;
    private final int cap;
    private Detail error;
    private Detail failure;
    private Detail skipped;
    private Detail firstFlaky;
    private int flakyFailures;
    private int rerunFailures;

    TestCaseBuilder(int depth, String suite, String className, String name, Duration duration, String file,
                    int cap) {
        this.depth = depth;
        this.suite = suite;
        this.className = className;
        this.name = name;
        this.duration = duration;
        this.file = file;
        this.cap = cap;
    }

    /** Starts a child element; returns where its text goes, or null if its text is not kept. */
    CappedText child(String element, String type, String message) {
        switch (element) {
            case "error":
                return error == null ? (error = new Detail(type, message, cap)).body : null;
            case "failure":
                return failure == null ? (failure = new Detail(type, message, cap)).body : null;
            case "skipped":
                if (skipped == null) {
                    skipped = new Detail(type, message, cap);
                }
                return null;
            case "flakyFailure":
            case "flakyError":
                flakyFailures++;
                return firstFlaky == null ? (firstFlaky = new Detail(type, message, cap)).body : null;
            case "rerunFailure":
            case "rerunError":
                rerunFailures++;
                return null;
            default:
                return null;
        }
    }

    TestCaseResult build() {
        Outcome outcome;
        Detail detail;
        if (error != null) {
            outcome = Outcome.ERROR;
            detail = error;
        } else if (failure != null) {
            outcome = Outcome.FAIL;
            detail = failure;
        } else if (skipped != null) {
            outcome = Outcome.SKIP;
            detail = skipped;
        } else {
            outcome = Outcome.PASS;
            detail = firstFlaky;
        }
        return new TestCaseResult(suite, className, name, outcome, duration,
                detail == null ? null : detail.type,
                detail == null ? null : detail.messageOrFirstLine(),
                detail == null ? null : detail.body.value(),
                flakyFailures, rerunFailures, file);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
