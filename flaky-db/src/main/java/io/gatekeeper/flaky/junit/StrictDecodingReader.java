package io.gatekeeper.flaky.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes and refuses (rather than replaces) a bad sequence. Unlike {@link java.io.InputStreamReader}
 * it first hands out every character decoded before the bad bytes, so the reader above knows the line, and
 * it says at which byte the sequence starts.
 */
final class StrictDecodingReader extends Reader {

    /** A byte sequence that is not valid in the charset; the message names the byte offset. */
    static final class BadBytesException extends CharacterCodingException {
        private final String message;

        BadBytesException(long offset) {
            this.message = "byte offset " + offset;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private long decoded;
    private boolean eof;
    private boolean flushed;
    private BadBytesException pending;

    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (!bytes.hasRemaining() && !eof) {
                refill();
            }
            int before = bytes.position();
            CoderResult result = decoder.decode(bytes, out, eof);
            decoded += bytes.position() - before;
            if (result.isError()) {
                pending = new BadBytesException(decoded);
                if (out.position() > off) {
                    break;
                }
                throw pending;
            }
            if (result.isOverflow()) {
                break;
            }
            if (eof) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            }
            if (out.position() == off) {
                refill();
            }
        }
        int n = out.position() - off;
        return n == 0 && eof ? -1 : n;
    }

    private void refill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
