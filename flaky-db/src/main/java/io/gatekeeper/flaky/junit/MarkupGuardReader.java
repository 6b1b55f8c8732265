package io.gatekeeper.flaky.junit;

import io.gatekeeper.flaky.junit.ReportRejectedException.Reason;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;

/**
 * A character filter in front of the JDK's StAX parser that keeps it in bounded memory and refuses DTDs.
 *
 * <p>The JDK parser streams ordinary text in chunks but buffers a whole tag, comment, processing instruction
 * or CDATA section before reporting it, so one 1 GB CDATA section or attribute is 1 GB (times two) of heap.
 * This filter therefore rewrites CDATA sections as escaped text (same characters to the reader, but now
 * streamed in chunks), drops comments (keeping their line breaks so positions stay right), caps every
 * remaining tag and processing instruction at {@link ParserLimits#maxMarkupChars()}, and refuses
 * {@code <!DOCTYPE} before the parser ever sees it: no DTD means no entity expansion and no external fetch.
 *
 * <p>When it refuses, it records why ({@link #rejection()}) and fails the read with an IOException, which
 * the parser wraps; the caller reports the recorded reason rather than the parser's wrapping.
 */
final class MarkupGuardReader extends Reader {

    private enum State { TEXT, OPEN, BANG, TAG, PI, COMMENT, CDATA }

    private final Reader in;
    private final Charset charset;
    private final int maxMarkup;
    private final char[] inBuf = new char[8192];
    private final StringBuilder out = new StringBuilder(16384);
    private final StringBuilder bang = new StringBuilder(8);
    private int outPos;
    private State state = State.TEXT;
    private long markupLen;
    private char quote;
    private int run;
    private long line = 1;
    private boolean eof;
    private ReportRejectedException rejection;

    MarkupGuardReader(Reader in, Charset charset, ParserLimits limits) {
        this.in = in;
        this.charset = charset;
        this.maxMarkup = limits.maxMarkupChars();
    }

    /** Why the input was refused, or null while it is acceptable. */
    ReportRejectedException rejection() {
        return rejection;
    }

    /** Current line of the input (1-based), for messages. */
    long line() {
        return line;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (rejection != null) {
            throw new IOException(rejection.getMessage());
        }
        while (outPos == out.length() && !eof) {
            out.setLength(0);
            outPos = 0;
            fill();
        }
        if (outPos == out.length()) {
            return -1;
        }
        int n = Math.min(len, out.length() - outPos);
        out.getChars(outPos, outPos + n, cbuf, off);
        outPos += n;
        return n;
    }

    private void fill() throws IOException {
        int n;
        try {
            n = in.read(inBuf, 0, inBuf.length);
        } catch (CharacterCodingException e) {
            throw refuse(Reason.INVALID_ENCODING, "not valid " + charset.name() + " at line " + line
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        if (n < 0) {
            eof = true;
            if (state != State.TEXT) {
                throw refuse(Reason.MALFORMED, "file ends inside " + construct() + " (line " + line + ")");
            }
            return;
        }
        int i = 0;
        while (i < n) {
            if (state == State.TEXT) {
                // Text is most of a report: copy it in runs up to the next '<' rather than char by char.
                int start = i;
                while (i < n && inBuf[i] != '<') {
                    if (inBuf[i] == '\n') {
                        line++;
                    }
                    i++;
                }
                out.append(inBuf, start, i - start);
                if (i == n) {
                    break;
                }
            }
            char c = inBuf[i++];
            if (c == '\n') {
                line++;
            }
            accept(c);
        }
    }

    private void accept(char c) throws IOException {
        switch (state) {
            case TEXT:
                if (c == '<') {
                    state = State.OPEN;
                } else {
                    out.append(c);
                }
                break;
            case OPEN:
                if (c == '!') {
                    state = State.BANG;
                    bang.setLength(0);
                } else if (c == '?') {
                    out.append("<?");
                    enterMarkup(State.PI, 2);
                } else {
                    out.append('<');
                    enterMarkup(State.TAG, 1);
                    tag(c);
                }
                break;
            case BANG:
                bang(c);
                break;
            case TAG:
                tag(c);
                break;
            case PI:
                grow();
                out.append(c);
                if (c == '>' && run == 1) {
                    state = State.TEXT;
                }
                run = c == '?' ? 1 : 0;
                break;
            case COMMENT:
                grow();
                if (c == '\n') {
                    out.append(c);
                }
                if (c == '>' && run >= 2) {
                    state = State.TEXT;
                }
                run = c == '-' ? run + 1 : 0;
                break;
            case CDATA:
                cdata(c);
                break;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    private void bang(char c) throws IOException {
        bang.append(c);
        String p = bang.toString();
        if ("[CDATA[".equals(p)) {
            state = State.CDATA;
            run = 0;
        } else if ("--".equals(p)) {
            enterMarkup(State.COMMENT, 4);
        } else if ("DOCTYPE".equals(p)) {
            throw refuse(Reason.DTD_REFUSED, "<!DOCTYPE at line " + line);
        } else if (!"[CDATA[".startsWith(p) && !"--".startsWith(p) && !"DOCTYPE".startsWith(p)) {
            // Not a construct we know: hand it on as it came, the parser will name the error.
            out.append("<!").append(p, 0, p.length() - 1);
            enterMarkup(State.TAG, 1 + p.length());
            tag(c);
        }
    }

    private void tag(char c) throws IOException {
        grow();
        out.append(c);
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            state = State.TEXT;
        }
    }

    private void cdata(char c) {
        if (c == ']') {
            run++;
            return;
        }
        if (c == '>' && run >= 2) {
            out.append("]".repeat(run - 2));
            run = 0;
            state = State.TEXT;
            return;
        }
        if (run > 0) {
            out.append("]".repeat(run));
            run = 0;
        }
        if (c == '<') {
            out.append("&lt;");
        } else if (c == '&') {
            out.append("&amp;");
        } else if (c == '>') {
            out.append("&gt;");
        } else {
            out.append(c);
        }
    }

    private void enterMarkup(State next, long length) {
        state = next;
        markupLen = length;
        quote = 0;
        run = 0;
    }

    private void grow() throws IOException {
        if (++markupLen > maxMarkup) {
            throw refuse(Reason.TOO_LARGE, construct() + " longer than " + maxMarkup
                    + " characters at line " + line);
        }
    }

    private String construct() {
        switch (state) {
            case TAG:
                return "a tag";
            case PI:
                return "a processing instruction";
            case COMMENT:
                return "a comment";
            case CDATA:
                return "a CDATA section";
            default:
                return "markup";
        }
    }

    private IOException refuse(Reason reason, String detail) {
        rejection = new ReportRejectedException(reason, detail);
        return new IOException(rejection.getMessage());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
