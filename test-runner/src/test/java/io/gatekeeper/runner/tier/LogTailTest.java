package io.gatekeeper.runner.tier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    @TempDir
    Path tmp;

    @Test
    void pump_holdsBackACharacterSplitAcrossWrites() throws Exception {
        Path file = Files.createFile(tmp.resolve("out.log"));
        List<String> chunks = new ArrayList<>();
        try (LogTail tail = new LogTail(file, chunks::add)) {
            Files.write(file, new byte[] {'h', (byte) 0xc3}, StandardOpenOption.APPEND);
            tail.pump();
            assertThat(chunks).containsExactly("h");
            Files.write(file, new byte[] {(byte) 0xa9, '!'}, StandardOpenOption.APPEND);
            tail.pump();
        }
        assertThat(chunks).containsExactly("h", "\u00e9!");
    }

    @Test
    void sinkFailure_doesNotStopTheTail() throws Exception {
        Path file = Files.createFile(tmp.resolve("out.log"));
        List<String> chunks = new ArrayList<>();
        LogSink flaky = text -> {
            chunks.add(text);
            if (chunks.size() == 1) {
                throw new IllegalStateException("sink down");
            }
        };
        try (LogTail tail = new LogTail(file, flaky)) {
            Files.writeString(file, "a", StandardOpenOption.APPEND);
            tail.pump();
            Files.writeString(file, "b", StandardOpenOption.APPEND);
            tail.pump();
        }
        assertThat(chunks).containsExactly("a", "b");
    }
}
