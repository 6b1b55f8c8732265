package io.gatekeeper.e2e;

import io.gatekeeper.testing.GitCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small real Maven project in {@code src/test/resources/maven-project}, made a git repository to import
 * into Gatekeeper: {@code demo.Calc} with JUnit 5 tests run by Surefire, {@code .gatekeeper.yml} with one tier
 * running {@code mvn -o} (honouring {@code GATEKEEPER_RERUN_TESTS}), CODEOWNERS giving NetTest to
 * {@code @net-team}. {@code demo.CalcTest#subtracts} fails once a change breaks {@code Calc.subtract};
 * {@code demo.NetTest#fetches} fails about one run in five (see {@link #netTestFailsOnRun}), counting its runs
 * in a file outside every checkout, named in {@code .mvn/maven.config}.
 *
 * <p>The tier runs {@code mvn -o}: every plugin and dependency the project's build needs is one the outer
 * build (Gatekeeper's own) has resolved before this module's tests run, so a fresh CI machine has them too.
 */
final class MavenProject {
    static final String ADDS = "demo.CalcTest#adds";
    static final String SUBTRACTS = "demo.CalcTest#subtracts";
    static final String FLAKY = "demo.NetTest#fetches";
    static final String CALC = "src/main/java/demo/Calc.java";

    private static final String SUITE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation="
            + "\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd\" "
            + "version=\"3.0.2\" name=\"%s\" time=\"0.05\" tests=\"%d\" errors=\"0\" skipped=\"0\" failures=\"%d\" "
            + "flakes=\"0\">\n  <properties>\n  </properties>\n%s</testsuite>\n";
    // What Surefire 3.6.1 writes for NetTest's failure (JUnit prunes its own frames from the trace).
    private static final String NET_FAILURE = """
              <testcase name="fetches" classname="demo.NetTest" time="0.01">
                <failure message="run %1$d ==&gt; expected: &lt;200 OK&gt; but was: &lt;timed out&gt;" \
            type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: run %1$d \
            ==> expected: <200 OK> but was: <timed out>
            \tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1210)
            \tat demo.NetTest.fetches(NetTest.java:21)
            ]]></failure>
              </testcase>
            """;

    private MavenProject() {
    }

    /** Creates the project with one commit on main; {@code counter} is NetTest's run counter file. */
    static Path create(Path dir, Path counter) throws IOException {
        Path source = resources();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        String config = "-Ddemo.counter=" + counter + "\n";
        // Surefire tells its forks the outer build's local repository: the nested offline build must use
        // that one, where the outer build downloaded everything it needs, even when it is not ~/.m2.
        String outerRepository = System.getProperty("localRepository");
        if (outerRepository != null) {
            config += "-Dmaven.repo.local=" + outerRepository + "\n";
        }
        Files.writeString(dir.resolve(".mvn/maven.config"), config);
        return GitCli.commitAllAsInitial(dir);
    }

    /** NetTest's pattern (the same expression as in NetTest.java): does its {@code run}-th run fail? */
    static boolean netTestFailsOnRun(long run) {
        return run * 37 % 100 < 20;
    }

    /**
     * The reports Surefire writes for a run of the whole suite on unchanged code in which NetTest runs for the
     * {@code run}-th time: one per test class, as a team's CI would upload them.
     */
    static List<String> surefireReports(long run) {
        String calc = String.format(SUITE, "demo.CalcTest", 2, 0,
                "  <testcase name=\"adds\" classname=\"demo.CalcTest\" time=\"0.02\"/>\n"
                        + "  <testcase name=\"subtracts\" classname=\"demo.CalcTest\" time=\"0.005\"/>\n");
        String net = netTestFailsOnRun(run)
                ? String.format(SUITE, "demo.NetTest", 1, 1, String.format(NET_FAILURE, run))
                : String.format(SUITE, "demo.NetTest", 1, 0,
                        "  <testcase name=\"fetches\" classname=\"demo.NetTest\" time=\"0.01\"/>\n");
        return List.of(calc, net);
    }

    private static Path resources() {
        try {
            return Path.of(MavenProject.class.getResource("/maven-project/pom.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot locate the Maven project's resources", e));
        }
    }
}
