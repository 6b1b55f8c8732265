package io.gatekeeper.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project to import into Gatekeeper whose single tier can be held: a change that adds a file named
 * HOLD makes its tier wait until the file named inside HOLD exists. The tier fails when a file says BROKEN,
 * and writes a JUnit report either way.
 */
public final class HoldableOrigin {
    public static final String CHECK = """
            #!/bin/sh
            if [ -f HOLD ]; then
              while [ ! -e "$(cat HOLD)" ]; do sleep 0.05; done
            fi
            mkdir -p reports
            if grep -rl --exclude=check.sh --exclude=HOLD --exclude-dir=.git --exclude-dir=reports BROKEN . ; then
              echo '<testsuite name="e2e" tests="1" failures="1"><testcase classname="e2e.Check" name="noBroken"><failure message="BROKEN found"/></testcase></testsuite>' > reports/check.xml
              echo "found BROKEN"; exit 1
            fi
            echo '<testsuite name="e2e" tests="1" failures="0"><testcase classname="e2e.Check" name="noBroken"/></testsuite>' > reports/check.xml
            echo "all good"
            """;
    public static final String CONFIG = """
            tiers:
              - name: unit
                command: sh ./check.sh
                reports: ["reports/*.xml"]
                timeout: 2m
            """;

    private HoldableOrigin() {
    }

    /** Creates the project with one commit on main, with {@code a.txt} = "line1\nline2\n". */
    public static Path create(Path dir) throws IOException {
        return create(dir, "");
    }

    /** The same, with more keys appended to {@code .gatekeeper.yml}. */
    public static Path create(Path dir, String extraConfig) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("check.sh"), CHECK);
        Files.writeString(dir.resolve(".gatekeeper.yml"), CONFIG + extraConfig);
        Files.writeString(dir.resolve("a.txt"), "line1\nline2\n");
        return GitCli.commitAllAsInitial(dir);
    }
}
