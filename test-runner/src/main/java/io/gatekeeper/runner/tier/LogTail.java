package io.gatekeeper.runner.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows a step's output file and hands new text to a {@link LogSink}. The process writes to a file rather
 * than a pipe so that a background child keeping the descriptor open can never block the step's end.
 * Multi-byte characters split across reads are held back until complete.
 */
final class LogTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);

    private final FileChannel channel;
    private final LogSink sink;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);

    LogTail(Path file, LogSink sink) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.sink = sink;
    }

    /** Passes on whatever was written since the last call. */
    void pump() {
        try {
            while (channel.read(bytes) > 0) {
                bytes.flip();
                decoder.decode(bytes, chars, false);
                bytes.compact();
                emit();
            }
        } catch (IOException e) {
            LOG.warn("cannot read step output", e);
        }
    }

    /** Passes on the rest, including an incomplete trailing character as a replacement. */
    @Override
    public void close() {
        pump();
        bytes.flip();
        decoder.decode(bytes, chars, true);
        decoder.flush(chars);
        emit();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing step output", e);
        }
    }

    private void emit() {
        chars.flip();
        if (chars.hasRemaining()) {
            Logs.append(sink, chars.toString());
        }
        chars.clear();
    }
}
