package io.gatekeeper;

import io.gatekeeper.flaky.junit.JUnitXmlParser;
import io.gatekeeper.flaky.junit.ReportRejectedException;
import io.gatekeeper.gate.FailedTests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Names failing tests from a run's JUnit-XML reports with flaky-db's hardened parser. */
final class JUnitFailedTests implements FailedTests {
    private final JUnitXmlParser parser = new JUnitXmlParser();

    @Override
    public Reading in(List<Path> reports) {
        Set<String> failed = new LinkedHashSet<>();
        for (Path report : reports) {
            try (InputStream in = Files.newInputStream(report)) {
                parser.parse(in, t -> {
                    if (t.outcome().failed()) {
                        failed.add(t.testId().display());
                    }
                });
            } catch (ReportRejectedException e) {
                return new Reading(List.copyOf(failed), "report " + report.getFileName() + " refused: "
                        + e.getMessage());
            } catch (IOException e) {
                return new Reading(List.copyOf(failed), "report " + report.getFileName() + " unreadable: "
                        + e.getMessage());
            }
        }
        return new Reading(List.copyOf(failed), null);
    }
}
