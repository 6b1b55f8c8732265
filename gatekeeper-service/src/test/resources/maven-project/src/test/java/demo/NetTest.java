package demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A flaky test: its "server" times out about one run in five, whatever the code. Run n times out when
 * (37 n mod 100) &lt; 20, n counted in the file named by the system property demo.counter: a fixed
 * pseudo-random sequence, so the flakiness is reproducible and never fails twice in a row.
 */
class NetTest {
    @Test
    void fetches() throws IOException {
        long run = nextRun();
        String response = run * 37 % 100 < 20 ? "timed out" : "200 OK";
        assertEquals("200 OK", response, "run " + run);
    }

    private static long nextRun() throws IOException {
        Path runs = Path.of(System.getProperty("demo.counter"));
        long run = (Files.exists(runs) ? Long.parseLong(Files.readString(runs).strip()) : 0) + 1;
        Files.writeString(runs, Long.toString(run));
        return run;
    }
}
