package io.gatekeeper.flaky.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of failure this was, independent of the run: the exception type and the top stack frames with
 * line numbers, addresses, hex ids and generated-class numbers removed. Two failures with the same
 * fingerprint failed the same way; a flaky test that suddenly fails in a new way is suspicious.
 * Without frames (a tool that reports only a message) the message's first line, digits masked, stands in.
 */
public record FailureFingerprint(String type, List<String> frames) {

    public static final int TOP_FRAMES = 5;

    private static final Pattern JAVA_OR_JS_FRAME = Pattern.compile("^\\s*at\\s+(\\S.*)$");
    private static final Pattern PYTHON_FRAME = Pattern.compile("^\\s*File \"([^\"]+)\", line \\d+, in (\\S+)");
    private static final Pattern FILE_LINE = Pattern.compile("^\\s*([\\w./\\\\-]+\\.\\w+):\\d+(?::\\d+)?:?(\\s.*)?$");
    private static final Pattern TYPE_PREFIX = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*(?:Error|Exception|Failure|Throwable))\\b");

    public FailureFingerprint {
        type = type == null ? "" : type;
        frames = List.copyOf(frames);
    }

    /** Fingerprint of a failure as reported: type attribute (may be null), message, stack trace or body. */
    public static FailureFingerprint of(String type, String message, String stackTrace) {
        String text = stackTrace == null ? "" : stackTrace;
        String resolvedType = type != null && !type.isBlank() ? type.strip() : typeFrom(text, message);
        List<String> frames = new ArrayList<>();
        for (String line : text.split("\r?\n|\r")) {
            if (frames.size() == TOP_FRAMES) {
                break;
            }
            String frame = frame(line);
            if (frame != null) {
                frames.add(normalise(frame));
            }
        }
        if (frames.isEmpty()) {
            String first = message != null && !message.isBlank() ? message : text;
            first = first.strip().split("\r?\n|\r", 2)[0];
            if (!first.isEmpty()) {
                frames.add("message: " + normalise(first.length() > 200 ? first.substring(0, 200) : first));
            }
        }
        return new FailureFingerprint(resolvedType, frames);
    }

    /** Short stable id for storage and comparison: 16 hex digits of SHA-256 of the normalised form. */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalised().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** Type and frames on one line, separated by " | ". */
    public String normalised() {
        return frames.isEmpty() ? type : type + " | " + String.join(" | ", frames);
    }

    private static String frame(String line) {
        if (line.strip().startsWith("...")) {
            return null;
        }
        Matcher m = JAVA_OR_JS_FRAME.matcher(line);
        if (m.matches()) {
            return m.group(1).strip();
        }
        m = PYTHON_FRAME.matcher(line);
        if (m.find()) {
            return m.group(1) + " in " + m.group(2);
        }
        m = FILE_LINE.matcher(line);
        return m.matches() ? m.group(1) : null;
    }

    private static String typeFrom(String text, String message) {
        for (String candidate : new String[] {text, message}) {
            if (candidate != null) {
                Matcher m = TYPE_PREFIX.matcher(candidate);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return "";
    }

    static String normalise(String s) {
        return s.replaceAll("\\$\\$Lambda\\$?[\\w$]*(/0x[0-9a-fA-F]+)?", "\\$\\$Lambda")
                .replaceAll("0x[0-9a-fA-F]+", "0x?")
                .replaceAll("@[0-9a-fA-F]{5,}", "@?")
                .replaceAll("\\b[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\\b", "<uuid>")
                .replaceAll(":\\d+", "")
                .replaceAll("\\d+", "#")
                .strip();
    }
}
