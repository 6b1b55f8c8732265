package io.gatekeeper;

import java.nio.file.Path;
import java.util.List;

/** Names failing tests from a run's JUnit-XML reports (through flaky-db's parser once it is wired). */
final class JUnitFailedTests implements io.gatekeeper.gate.FailedTests {
    @Override
    public List<String> in(List<Path> reports) {
        return List.of();
    }
}
