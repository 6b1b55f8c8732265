package io.gatekeeper.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatekeeperConfigReaderTest {
    private static final String FULL = """
            tiers:
              - name: unit
                command: mvn -B -q test
                setup: ./prepare.sh
                reports: ["**/target/surefire-reports/*.xml"]
                timeout: 10m
                nodes: 1
                labels: [linux]
              - name: system
                command: ./system-test.sh
                timeout: PT1H30M
                nodes: 3
            batch:
              max: 4
            branches:
              allowed_prefixes: [pull-request/, push-request/]
            push_request:
              tiers: [unit]
            bypass:
              revert_on_failure: true
            """;

    @RegisterExtension
    final GitFixture fx = new GitFixture();

    private ConfigResult readAt(String yaml) throws Exception {
        RevCommit c = fx.commit(null, "config", ".gatekeeper.yml", yaml);
        return GatekeeperConfigReader.read(fx.repo, c);
    }

    private static String parseError(String yaml) {
        ConfigResult r = GatekeeperConfigReader.parse(yaml.getBytes(StandardCharsets.UTF_8), "");
        assertThat(r.ok()).as("expected an error for:\n" + yaml).isFalse();
        assertThat(r.config()).isNull();
        return r.error();
    }

    @Test
    void read_fullFile() throws Exception {
        ConfigResult result = readAt(FULL);

        assertThat(result.ok()).as(result.error()).isTrue();
        GatekeeperConfig config = result.config();
        assertThat(config.tiers()).containsExactly(
                new Tier("unit", "mvn -B -q test", "./prepare.sh", java.util.List.of("**/target/surefire-reports/*.xml"),
                        Duration.ofMinutes(10), 1, java.util.List.of("linux")),
                new Tier("system", "./system-test.sh", null, java.util.List.of(), Duration.ofMinutes(90), 3,
                        java.util.List.of()));
        assertThat(config.batchMax()).isEqualTo(4);
        assertThat(config.allowedPrefixes()).containsExactly("pull-request/", "push-request/");
        assertThat(config.pushRequestTiers()).containsExactly("unit");
        assertThat(config.revertOnFailure()).isTrue();
        assertThat(config.tier("system")).map(Tier::nodes).contains(3);
    }

    @Test
    void read_minimalFileGetsDefaults() throws Exception {
        ConfigResult result = readAt("tiers:\n  - name: quick\n    command: true\n".replace("true", "'true'"));

        assertThat(result.ok()).as(result.error()).isTrue();
        Tier quick = result.config().tiers().get(0);
        assertThat(quick.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(quick.nodes()).isEqualTo(1);
        assertThat(quick.setup()).isNull();
        assertThat(quick.reports()).isEmpty();
        assertThat(result.config().batchMax()).isEqualTo(8);
        assertThat(result.config().allowedPrefixes()).isEmpty();
        assertThat(result.config().pushRequestTiers()).isEmpty();
        assertThat(result.config().revertOnFailure()).isFalse();
    }

    @Test
    void read_missingFileIsAClearError() throws Exception {
        RevCommit c = fx.commit(null, "no config", "README", "hi\n");

        ConfigResult result = GatekeeperConfigReader.read(fx.repo, c);

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).isEqualTo("no .gatekeeper.yml on head " + c.abbreviate(7).name());
    }

    @Test
    void read_invalidFileNamesTheCommitAndTheProblem() throws Exception {
        RevCommit c = fx.commit(null, "bad", ".gatekeeper.yml", "tiers:\n  - name: unit\n");

        ConfigResult result = GatekeeperConfigReader.read(fx.repo, c);

        assertThat(result.error()).isEqualTo("invalid .gatekeeper.yml on head " + c.abbreviate(7).name()
                + ": tier 'unit': command is required");
    }

    @Test
    void read_aDirectoryNamedLikeTheFileIsNotAConfig() throws Exception {
        RevCommit c = fx.commit(null, "dir", ".gatekeeper.yml/x", "y\n");

        assertThat(GatekeeperConfigReader.read(fx.repo, c).error())
                .isEqualTo("invalid .gatekeeper.yml on head " + c.abbreviate(7).name() + ": not a regular file");
    }

    @Test
    void repoPolicy_takesAllowedPrefixesFromTheHeadConfig() throws Exception {
        RepoPolicy none = RepoPolicy.fromHead(fx.repo, "main");
        RevCommit c = fx.commit(null, "config", ".gatekeeper.yml", FULL);
        fx.git.update("refs/heads/main", c);

        assertThat(none).isEqualTo(new RepoPolicy("main", java.util.List.of()));
        assertThat(RepoPolicy.fromHead(fx.repo, "main"))
                .isEqualTo(new RepoPolicy("main", java.util.List.of("pull-request/", "push-request/")));
    }

    @Test
    void parse_unknownKeysAreNamed() {
        assertThat(parseError("tiers:\n  - name: unit\n    command: x\n    comand: y\nbatchs: 3\nextra: 1\n"))
                .isEqualTo("unknown keys 'batchs', 'extra'; tier 'unit': unknown key 'comand'");
        assertThat(parseError("tiers:\n  - name: unit\n    command: x\nbatch:\n  size: 3\n"))
                .isEqualTo("batch: unknown key 'size'");
    }

    @Test
    void parse_burnInIsOnByDefault_andATierMayOptOut() {
        ConfigResult r = GatekeeperConfigReader.parse(("tiers:\n  - name: unit\n    command: a\n"
                + "  - name: e2e\n    command: b\n    burn_in: false\n").getBytes(StandardCharsets.UTF_8), "");
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.config().tiers()).extracting(Tier::burnIn).containsExactly(true, false);
        assertThat(parseError("tiers:\n  - name: unit\n    command: a\n    burn_in: 'no'\n"))
                .isEqualTo("tier 'unit': burn_in must be true or false");
    }

    @Test
    void parse_duplicateTierNames() {
        assertThat(parseError("tiers:\n  - name: unit\n    command: a\n  - name: unit\n    command: b\n"))
                .isEqualTo("duplicate tier name 'unit'");
    }

    @Test
    void parse_nodesBelowOne() {
        assertThat(parseError("tiers:\n  - name: unit\n    command: a\n    nodes: 0\n"))
                .isEqualTo("tier 'unit': nodes must be an integer >= 1");
        assertThat(parseError("tiers:\n  - name: unit\n    command: a\n    nodes: two\n"))
                .isEqualTo("tier 'unit': nodes must be an integer >= 1");
    }

    @ParameterizedTest
    @CsvSource({"soon", "10", "10 m", "-5m", "0s", "PTXM", "1d"})
    void parse_badTimeouts(String timeout) {
        assertThat(parseError("tiers:\n  - name: unit\n    command: a\n    timeout: '" + timeout + "'\n"))
                .isEqualTo("tier 'unit': timeout '" + timeout + "' is not a duration (use 90s, 10m, 2h or PT10M)");
    }

    @ParameterizedTest
    @CsvSource({"90s,90", "10m,600", "2h,7200", "1h30m,5400", "PT10M,600", "pt5s,5"})
    void parse_timeoutForms(String timeout, long seconds) {
        ConfigResult r = GatekeeperConfigReader.parse(
                ("tiers:\n  - name: unit\n    command: a\n    timeout: " + timeout + "\n").getBytes(StandardCharsets.UTF_8), "");
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.config().tiers().get(0).timeout()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void parse_structuralErrors() {
        assertThat(parseError("")).isEqualTo("the file is empty");
        assertThat(parseError("- a\n- b\n")).isEqualTo("the file must be a mapping with a 'tiers' list");
        assertThat(parseError("batch:\n  max: 2\n")).isEqualTo("tiers: at least one tier is required");
        assertThat(parseError("tiers: []\n")).isEqualTo("tiers: at least one tier is required");
        assertThat(parseError("tiers: unit\n")).isEqualTo("tiers must be a list");
        assertThat(parseError("tiers:\n  - unit\n")).isEqualTo("tier #1 must be a mapping");
        assertThat(parseError("tiers:\n  - command: a\n")).isEqualTo("tier #1: name is required");
        assertThat(parseError("tiers:\n  - name: a b\n    command: x\n"))
                .isEqualTo("tier 'a b': name may only contain letters, digits, '.', '_' and '-'");
        assertThat(parseError("tiers:\n  - name: u\n    command: [a]\n"))
                .isEqualTo("tier 'u': command must be a string; tier 'u': command is required");
        assertThat(parseError("tiers:\n  - name: u\n    command: a\n    reports: x.xml\n"))
                .isEqualTo("tier 'u': reports must be a list of strings");
    }

    @Test
    void parse_sectionErrors() {
        String tier = "tiers:\n  - name: unit\n    command: a\n";
        assertThat(parseError(tier + "batch:\n  max: 0\n")).isEqualTo("batch: max must be an integer >= 1");
        assertThat(parseError(tier + "batch: 3\n")).isEqualTo("batch must be a mapping");
        assertThat(parseError(tier + "push_request:\n  tiers: [unit, system]\n"))
                .isEqualTo("push_request: tiers: unknown tier 'system'");
        assertThat(parseError(tier + "bypass:\n  revert_on_failure: maybe\n"))
                .isEqualTo("bypass: revert_on_failure must be true or false");
        assertThat(parseError(tier + "branches:\n  allowed_prefixes: [refs/heads/pr/]\n"))
                .isEqualTo("branches: allowed_prefixes: 'refs/heads/pr/' must be a branch name prefix such as pull-request/");
    }

    @Test
    void parse_yamlSyntaxErrorsAndDuplicateKeysGiveALocation() {
        assertThat(parseError("tiers:\n  - name: unit\n    command: [unclosed\n"))
                .startsWith("YAML syntax error at line ");
        assertThat(parseError("tiers:\n  - name: unit\n    command: a\n    command: b\n"))
                .startsWith("YAML syntax error at line 4").contains("Duplicate field 'command'");
    }

    @Test
    void parse_errorsStayOnOneLine() {
        String error = parseError("tiers:\n  - name: unit\n    command: [unclosed\n");
        assertThat(error).doesNotContain("\n");
    }
}
