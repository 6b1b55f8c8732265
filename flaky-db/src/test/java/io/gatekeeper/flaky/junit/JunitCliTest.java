package io.gatekeeper.flaky.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JunitCliTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        return buffer.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    @Test
    void goodFiles_printCountsAndExitZero() throws Exception {
        String file = CorpusTest.corpus().resolve("surefire__quarkus-flakytest.xml").toString();
        assertThat(JunitCli.run(List.of(file), out)).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).toString()).isEqualTo("{\"file\":\"" + file
                + "\",\"tests\":2,\"failures\":0,\"errors\":0,\"skipped\":0,\"flaky\":1}");
    }

    @Test
    void refusedOrMissingFile_printsErrorAndExitsOne() throws Exception {
        String good = CorpusTest.corpus().resolve("go-junit-report__subtests.xml").toString();
        String corrupt = CorpusTest.corpus().resolve("surefire__corrupt-unclosed-cdata.xml").toString();
        assertThat(JunitCli.run(List.of(good, corrupt, "/no/such/report.xml"), out)).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("tests").asInt()).isEqualTo(11);
        assertThat(lines.get(1).get("file").asText()).isEqualTo(corrupt);
        assertThat(lines.get(1).get("error").asText())
                .isEqualTo("truncated or malformed XML: file ends inside a CDATA section (line 18)");
        assertThat(lines.get(1).has("tests")).isFalse();
        assertThat(lines.get(2).get("error").asText()).isEqualTo("no such file");
    }
}
