package io.gatekeeper.runs;

import io.gatekeeper.resources.RunnerResource;
import io.gatekeeper.runner.protocol.RunnerProtocol;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The resource serves exactly the paths the runner's client calls. */
class RunnerResourcePathsTest {

    @Test
    void resourcePaths_areTheProtocolsPaths() {
        String base = RunnerResource.class.getAnnotation(Path.class).value();
        Set<String> served = Arrays.stream(RunnerResource.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Path.class))
                .map(m -> base + "/" + m.getAnnotation(Path.class).value())
                .collect(Collectors.toSet());
        assertThat(served).containsExactlyInAnyOrder(RunnerProtocol.REGISTER, RunnerProtocol.HEARTBEAT,
                RunnerProtocol.LEASE, RunnerProtocol.READY, RunnerProtocol.LOG, RunnerProtocol.REPORTS,
                RunnerProtocol.RESULT);
    }
}
