package io.gatekeeper.gate;

import java.nio.file.Path;
import java.util.List;

/** Names the failing tests found in a run's JUnit-XML reports. */
@FunctionalInterface
public interface FailedTests {
    List<String> in(List<Path> reports);
}
