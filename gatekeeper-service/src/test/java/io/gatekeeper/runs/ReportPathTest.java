package io.gatekeeper.runs;

import io.gatekeeper.GatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPathTest {
    final Path out = Path.of("/data/reports/run-7");

    @Test
    void relativePath_landsInsideTheReportsDirectory() {
        assertThat(ReportPath.resolve(out, "mod/target/surefire-reports/TEST-a.xml"))
                .isEqualTo(out.resolve("mod/target/surefire-reports/TEST-a.xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../x.xml", "a/../../x.xml", "a//b.xml", "./a.xml", "a\\..\\b.xml", "",
            "C:/x.xml", "a/..", "a/\0.xml"})
    void pathsThatCouldLeaveTheDirectory_areRefused(String path) {
        assertThatThrownBy(() -> ReportPath.resolve(out, path)).isInstanceOf(GatekeeperException.InvalidInput.class);
    }
}
