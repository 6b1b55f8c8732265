package io.gatekeeper.flaky.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorpusTest {

    static Path corpus() {
        String shared = System.getProperty("gatekeeper.shared");
        assertThat(shared).as("system property gatekeeper.shared").isNotNull();
        return Path.of(shared, "corpus", "junit");
    }

    static Stream<Arguments> expected() throws IOException {
        Map<String, Boolean> wellFormed = new HashMap<>();
        for (String[] row : rows("expected-detail.tsv")) {
            wellFormed.put(row[0], Boolean.parseBoolean(row[1].toLowerCase()));
        }
        return rows("expected.tsv").stream()
                .map(row -> Arguments.of(row[0], wellFormed.get(row[0]), String.join(" ", row[1], row[2], row[3], row[4], row[5])));
    }

    private static List<String[]> rows(String tsv) throws IOException {
        List<String> lines = Files.readAllLines(corpus().resolve(tsv), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void corpusFile_parsesToExpectedCounts(String file, Boolean wellFormed, String counts) throws IOException {
        assertThat(wellFormed).as("listed in expected-detail.tsv").isNotNull();
        List<TestCaseResult> seen = new ArrayList<>();
        try (InputStream in = Files.newInputStream(corpus().resolve(file))) {
            if (!wellFormed) {
                assertThatThrownBy(() -> new JUnitXmlParser().parse(in, seen::add))
                        .isInstanceOf(ReportRejectedException.class)
                        .hasMessageContaining("line");
                assertThat(counts).isEqualTo("error error error error error");
                return;
            }
            ReportSummary s = new JUnitXmlParser().parse(in, seen::add);
            assertThat(s.tests() + " " + s.failures() + " " + s.errors() + " " + s.skipped() + " " + s.flaky())
                    .isEqualTo(counts);
            assertThat(seen).hasSize(s.tests());
        }
    }

    static Stream<Arguments> detail() throws IOException {
        return rows("expected-detail.tsv").stream()
                .filter(row -> Boolean.parseBoolean(row[1].toLowerCase()))
                .map(row -> Arguments.of(row[0], String.join(" ", row[8], row[9], row[10], row[17])));
    }

    /** rerun_cases, flaky_children, rerun_children and suite_level_results of expected-detail.tsv. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("detail")
    void corpusFile_countsRerunsFlakyAttemptsAndSuiteErrors(String file, String expected) throws IOException {
        List<TestCaseResult> seen = new ArrayList<>();
        ReportSummary s;
        try (InputStream in = Files.newInputStream(corpus().resolve(file))) {
            s = new JUnitXmlParser().parse(in, seen::add);
        }
        long rerunCases = seen.stream().filter(t -> t.rerunFailures() > 0).count();
        int flakyChildren = seen.stream().mapToInt(TestCaseResult::flakyFailures).sum();
        int rerunChildren = seen.stream().mapToInt(TestCaseResult::rerunFailures).sum();
        assertThat(rerunCases + " " + flakyChildren + " " + rerunChildren + " " + s.suiteErrors()).isEqualTo(expected);
    }

    @Test
    void corpus_everyXmlFileIsListed() throws IOException {
        List<String> listed = expected().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(corpus())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }
}
