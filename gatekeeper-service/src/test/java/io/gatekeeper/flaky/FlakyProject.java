package io.gatekeeper.flaky;

import io.gatekeeper.testing.GitCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project to import into Gatekeeper whose test runner is a shell script: three tests in JUnit XML.
 * {@code demo.CalcTest#adds} always passes; {@code demo.CalcTest#subtracts} fails once {@code calc.txt} says
 * "broken" (a change that truly breaks it); {@code demo.NetTest#fetches} fails on about one run in five,
 * following a seeded pseudo-random sequence — run n fails when (37·n mod 100) &lt; 20, n counted in a file
 * outside every checkout, so the flakiness is reproducible and never fails twice in a row. The runner honours
 * {@code GATEKEEPER_RERUN_TESTS}. CODEOWNERS gives NetTest to {@code @net-team}, the rest to {@code @everyone}.
 */
public final class FlakyProject {
    public static final String ADDS = "demo.CalcTest#adds";
    public static final String SUBTRACTS = "demo.CalcTest#subtracts";
    public static final String FLAKY = "demo.NetTest#fetches";

    static final String RUNNER = """
            #!/bin/sh
            # A stand-in for a test runner: JUnit XML in reports/, GATEKEEPER_RERUN_TESTS honoured.
            COUNTER='@COUNTER@'
            mkdir -p reports
            n=$(( $(cat "$COUNTER" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$COUNTER"
            out=""
            failed=0
            wanted() {
              [ -z "$GATEKEEPER_RERUN_TESTS" ] && return 0
              case ",$GATEKEEPER_RERUN_TESTS," in *",$1,"*) return 0 ;; esac
              return 1
            }
            pass() { out="$out<testcase classname=\\"${1%%#*}\\" name=\\"${1#*#}\\" time=\\"0.01\\"/>"; }
            fail() {
              out="$out<testcase classname=\\"${1%%#*}\\" name=\\"${1#*#}\\" time=\\"0.02\\"><failure type=\\"java.lang.AssertionError\\" message=\\"$2\\">java.lang.AssertionError: $2
            	at ${1%%#*}.${1#*#}(Test.java:10)
            	at demo.Runner.run(Runner.java:3)</failure></testcase>"
              failed=1
            }
            if wanted demo.CalcTest#adds; then pass demo.CalcTest#adds; fi
            if wanted demo.CalcTest#subtracts; then
              if grep -q broken calc.txt; then fail demo.CalcTest#subtracts "expected 1 but was -1"
              else pass demo.CalcTest#subtracts; fi
            fi
            if wanted demo.NetTest#fetches; then
              if [ $(( (n * 37) % 100 )) -lt 20 ]; then fail demo.NetTest#fetches "connection timed out"
              else pass demo.NetTest#fetches; fi
            fi
            echo "<testsuite name=\\"demo\\">$out</testsuite>" > reports/TEST-demo.xml
            echo "run $n: failed=$failed"
            exit $failed
            """;
    public static final String CONFIG = """
            tiers:
              - name: unit
                command: sh ./run-tests.sh
                reports: ["reports/*.xml"]
                timeout: 2m
            """;
    static final String CODEOWNERS = """
            # Owners of the demo project
            *                               @everyone
            /src/test/java/demo/Net*.java   @net-team
            """;

    private FlakyProject() {
    }

    /** Creates the project with one commit on main; {@code counter} is the flaky test's run counter file. */
    public static Path create(Path dir, Path counter) throws IOException {
        Files.createDirectories(dir.resolve("src/test/java/demo"));
        Files.writeString(dir.resolve("run-tests.sh"), RUNNER.replace("@COUNTER@", counter.toString()));
        Files.writeString(dir.resolve(".gatekeeper.yml"), CONFIG);
        Files.writeString(dir.resolve("CODEOWNERS"), CODEOWNERS);
        Files.writeString(dir.resolve("calc.txt"), "subtract=ok\n");
        Files.writeString(dir.resolve("src/test/java/demo/CalcTest.java"), "package demo;\nclass CalcTest { }\n");
        Files.writeString(dir.resolve("src/test/java/demo/NetTest.java"), "package demo;\nclass NetTest { }\n");
        return GitCli.commitAllAsInitial(dir);
    }

    /** Runs the project's tests in a checkout, as a team's own CI would; returns the report. */
    public static String runTests(Path checkout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "./run-tests.sh").directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the test runner did not finish");
        }
        return Files.readString(checkout.resolve("reports/TEST-demo.xml"));
    }
}
