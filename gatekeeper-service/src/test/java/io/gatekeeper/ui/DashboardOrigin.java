package io.gatekeeper.ui;

import io.gatekeeper.testing.GitCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project to import for the dashboard's tests: two tiers, unit then integration. A file named HOLD makes the
 * integration tier wait until the file named inside it exists (so a pipeline stays visibly running); a file saying
 * BROKEN fails the unit tier, which names the failing test in its log and its JUnit report.
 */
final class DashboardOrigin {
    static final String FAILING_TEST = "web.CheckTest.noBrokenFiles";
    static final String CHECK = """
            #!/bin/sh
            tier="$1"
            mkdir -p reports
            echo "running $tier checks"
            if [ "$tier" = integration ] && [ -f HOLD ]; then
              while [ ! -e "$(cat HOLD)" ]; do sleep 0.05; done
            fi
            if [ "$tier" = unit ] && grep -rl --exclude=check.sh --exclude=HOLD --exclude-dir=.git --exclude-dir=reports BROKEN . ; then
              echo '<testsuite name="web" tests="2" failures="1"><testcase classname="web.CheckTest" name="noBrokenFiles"><failure message="a file says BROKEN"/></testcase><testcase classname="web.CheckTest" name="filesReadable"/></testsuite>' > reports/$tier.xml
              echo "FAILED web.CheckTest.noBrokenFiles: a file says BROKEN"
              echo "PASSED web.CheckTest.filesReadable"
              exit 1
            fi
            echo '<testsuite name="web" tests="2" failures="0"><testcase classname="web.CheckTest" name="noBrokenFiles"/><testcase classname="web.CheckTest" name="filesReadable"/></testsuite>' > reports/$tier.xml
            echo "PASSED web.CheckTest.noBrokenFiles"
            echo "PASSED web.CheckTest.filesReadable"
            """;
    static final String CONFIG = """
            tiers:
              - name: unit
                command: sh ./check.sh unit
                reports: ["reports/*.xml"]
                timeout: 2m
              - name: integration
                command: sh ./check.sh integration
                reports: ["reports/*.xml"]
                timeout: 5m
            """;

    private DashboardOrigin() {
    }

    static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("check.sh"), CHECK);
        Files.writeString(dir.resolve(".gatekeeper.yml"), CONFIG);
        Files.writeString(dir.resolve("README.md"), "# web\n");
        return GitCli.commitAllAsInitial(dir);
    }
}
