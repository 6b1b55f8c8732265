package io.gatekeeper.gate;

import java.nio.file.Path;
import java.util.List;

/** Reads a run's JUnit-XML reports: the failing tests, or why a report was refused. */
@FunctionalInterface
public interface FailedTests {

    Reading in(List<Path> reports);

    /** {@code error} is null when every report parsed; otherwise the run is a report-error, never a pass. */
    record Reading(List<String> failed, String error) {
        public Reading {
            failed = List.copyOf(failed);
        }
    }
}
