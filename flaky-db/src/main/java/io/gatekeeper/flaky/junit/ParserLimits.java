package io.gatekeeper.flaky.junit;

/**
 * Bounds that keep parsing of an untrusted report in bounded memory and time.
 *
 * @param maxMarkupChars longest single tag (element name plus all its attributes), comment or processing
 *                       instruction; the JDK parser buffers these whole, so this bounds its memory
 * @param maxTextChars   longest text content of one element (text and CDATA together); text is streamed in
 *                       chunks, so this bounds time spent on a runaway node, not memory
 * @param maxKeptChars   characters kept per failure message and per stack trace; the rest is dropped
 * @param maxDepth       deepest element nesting accepted
 */
public record ParserLimits(int maxMarkupChars, long maxTextChars, int maxKeptChars, int maxDepth) {

    /** 4 Mi chars per tag, 64 Mi chars per text node, 16 Ki chars kept per field, depth 256. */
    public static final ParserLimits DEFAULT = new ParserLimits(4 << 20, 64L << 20, 16 << 10, 256);

    public ParserLimits {
        if (maxMarkupChars < 64 || maxTextChars < 64 || maxKeptChars < 16 || maxDepth < 4) {
            throw new IllegalArgumentException("parser limits too small to read any report");
        }
    }
}
