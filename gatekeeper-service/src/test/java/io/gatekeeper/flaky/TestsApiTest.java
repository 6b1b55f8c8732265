package io.gatekeeper.flaky;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatekeeper.testing.Api;
import io.gatekeeper.testing.RunningService;
import io.gatekeeper.testing.ServiceExtension;
import io.gatekeeper.testing.WebhookReceiver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tests API and external results with the real service: reports uploaded by a team's CI build a test's
 * history, the listing and a test's page show the model's numbers, admins quarantine and release by hand
 * (audited, signalled), and bad input is refused with the right status.
 */
class TestsApiTest {
    static final AtomicInteger REPOS = new AtomicInteger();
    @RegisterExtension
    static final ServiceExtension service = ServiceExtension.withWebhooks();
    static final Api admin = service.admin();
    @TempDir
    static Path tmp;
    static WebhookReceiver hooks;
    static String developerToken;
    static String ciToken;

    @BeforeAll
    static void createUsers() {
        hooks = service.hooks();
        developerToken = admin.call("POST", "/api/users", Map.of("name", "dev", "role", "developer"))
                .json().get("token").asText();
        ciToken = admin.call("POST", "/api/users", Map.of("name", "ci", "role", "privileged"))
                .json().get("token").asText();
    }

    static String newRepo() throws Exception {
        String name = "tests" + REPOS.incrementAndGet();
        service.importRepo(name, FlakyProject.create(tmp.resolve("origin-" + name), tmp.resolve("counter-" + name)));
        return name;
    }

    @Test
    void uploadedResults_buildAHistory_thatTheListingAndTheTestPageShow() throws Exception {
        String repo = newRepo();
        String head = admin.get("/api/repos/" + repo).get("head").asText();
        Api.Response first = upload(repo, head, "ci", RunningService.ADMIN_TOKEN, Reports.xml(List.of(
                Reports.pass(FlakyProject.ADDS), Reports.fail(FlakyProject.FLAKY, "connection timed out"))));
        Api.Response second = upload(repo, head.substring(0, 12), "ci", ciToken,
                Reports.xml(List.of(Reports.pass(FlakyProject.ADDS), Reports.pass(FlakyProject.FLAKY))));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode stored = first.json();
        assertThat(stored.get("tests").asInt()).isEqualTo(2);
        assertThat(stored.get("failures").asInt()).isEqualTo(1);
        assertThat(stored.get("onHead").asBoolean()).isTrue();
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode secondJson = second.json();
        assertThat(secondJson.get("commit").asText()).as("an abbreviated commit is resolved").isEqualTo(head);
        assertThat(secondJson.get("changes")).anySatisfy(c -> {
            assertThat(c.get("testId").asText()).isEqualTo(FlakyProject.FLAKY);
            assertThat(c.get("to").asText()).isEqualTo("flaky");
        });

        JsonNode list = admin.get("/api/tests?repo=" + repo);
        assertThat(list).hasSize(2);
        JsonNode flaky = list.get(0);
        assertThat(flaky.get("testId").asText()).as("most flaky first").isEqualTo(FlakyProject.FLAKY);
        assertThat(flaky.get("name").asText()).isEqualTo("NetTest.fetches");
        assertThat(flaky.get("state").asText()).isEqualTo("flaky");
        assertThat(flaky.get("runs").asLong()).isEqualTo(2);
        assertThat(flaky.get("failures").asLong()).isEqualTo(1);
        assertThat(flaky.get("lastFailure").isNull()).isFalse();
        double rate = flaky.get("rate").asDouble();
        assertThat(flaky.get("interval").get(0).asDouble()).isLessThan(rate);
        assertThat(flaky.get("interval").get(1).asDouble()).isGreaterThan(rate);
        assertThat(list.get(1).get("state").asText()).isEqualTo("stable");
        await().atMost(Duration.ofSeconds(10)).until(() -> hooks.received().stream().anyMatch(h ->
                "test-flaky".equals(h.path("event").asText()) && repo.equals(h.path("repo").asText())
                        && "@net-team".equals(h.path("owner").asText())));
        assertThat(admin.get("/api/tests?repo=" + repo + "&state=flaky")).hasSize(1);
        assertThat(admin.get("/api/tests?repo=" + repo + "&state=stable").get(0).get("testId").asText())
                .isEqualTo(FlakyProject.ADDS);

        JsonNode page = admin.get("/api/tests/" + flaky.get("id").asText());
        assertThat(page.get("owner").asText()).as("from CODEOWNERS on head").isEqualTo("@net-team");
        assertThat(page.get("history")).hasSize(2);
        assertThat(page.get("history").get(1).get("outcome").asText()).isEqualTo("fail");
        assertThat(page.get("history").get(1).get("evidence").asText()).isEqualTo("same-tree-passed");
        assertThat(page.get("history").get(1).get("node").asText()).isEqualTo("external:admin");
        assertThat(page.get("history").get(0).get("outcome").asText()).isEqualTo("pass");
        assertThat(page.get("stateChanges")).anySatisfy(c -> assertThat(c.get("to").asText()).isEqualTo("flaky"));
        JsonNode byTestId = admin.get("/api/tests/" + URLEncoder.encode(FlakyProject.FLAKY, StandardCharsets.UTF_8)
                + "?repo=" + repo);
        assertThat(byTestId.get("id").asText()).isEqualTo(flaky.get("id").asText());
    }

    @Test
    void quarantineAndRelease_byHand_needAnAdminAndAReason_andAreAuditedAndSignalled() throws Exception {
        String repo = newRepo();
        String head = admin.get("/api/repos/" + repo).get("head").asText();
        assertThat(upload(repo, head, "ci", RunningService.ADMIN_TOKEN, Reports.xml(List.of(
                Reports.pass(FlakyProject.ADDS)))).status()).isEqualTo(200);
        String id = admin.get("/api/tests?repo=" + repo).get(0).get("id").asText();
        Api developer = new Api(service.url(), developerToken);

        assertThat(developer.call("POST", "/api/tests/" + id + "/quarantine", Map.of("reason", "no")).status())
                .isEqualTo(403);
        assertThat(new Api(service.url(), null).call("POST", "/api/tests/" + id + "/quarantine",
                Map.of("reason", "no")).status()).isEqualTo(401);
        Api.Response noReason = admin.call("POST", "/api/tests/" + id + "/quarantine", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");

        Api.Response quarantined = admin.call("POST", "/api/tests/" + id + "/quarantine",
                Map.of("reason", "hangs on the new runners"));
        assertThat(quarantined.status()).as(quarantined.body()).isEqualTo(200);
        assertThat(quarantined.json().get("state").asText()).isEqualTo("quarantined");
        assertThat(quarantined.json().get("quarantinedByHand").asBoolean()).isTrue();
        assertThat(quarantined.json().get("quarantineReason").asText()).isEqualTo("hangs on the new runners");
        assertThat(admin.get("/api/tests?repo=" + repo + "&state=quarantined")).hasSize(1);

        Api.Response released = admin.call("POST", "/api/tests/" + id + "/release", Map.of("reason", "fixed"));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().get("state").asText()).isEqualTo("stable");
        assertThat(admin.call("POST", "/api/tests/" + id + "/release", Map.of("reason", "again")).status())
                .as("only a quarantined test can be released").isEqualTo(409);

        JsonNode audit = admin.get("/api/audit?repo=" + repo);
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.get("action").asText()).isEqualTo("test.quarantine");
            assertThat(a.get("actor").asText()).isEqualTo("admin");
            assertThat(a.get("target").asText()).isEqualTo(FlakyProject.ADDS);
            assertThat(a.get("reason").asText()).isEqualTo("hangs on the new runners");
        });
        assertThat(audit).anySatisfy(a -> assertThat(a.get("action").asText()).isEqualTo("test.release"));
        await().atMost(Duration.ofSeconds(10)).until(() -> hooks.received().stream()
                .filter(h -> repo.equals(h.path("repo").asText())).map(h -> h.path("event").asText()).toList()
                .containsAll(List.of("test-quarantined", "test-released")));
        JsonNode hook = hooks.received().stream().filter(h -> repo.equals(h.path("repo").asText())
                && "test-quarantined".equals(h.path("event").asText())).findFirst().orElseThrow();
        assertThat(hook.get("actor").asText()).isEqualTo("admin");
        assertThat(hook.get("reason").asText()).isEqualTo("hangs on the new runners");
        assertThat(hook.get("owner").asText()).isEqualTo("@everyone");
        JsonNode page = admin.get("/api/tests/" + id);
        assertThat(page.get("stateChanges")).extracting(c -> c.get("to").asText())
                .containsExactly("quarantined", "stable");
    }

    @Test
    void badUploadsAndUnknownNames_areRefusedWithTheirStatus() throws Exception {
        String repo = newRepo();
        String head = admin.get("/api/repos/" + repo).get("head").asText();
        Api.Response dtd = upload(repo, head, "ci", RunningService.ADMIN_TOKEN,
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite>&e;</testsuite>");
        assertThat(dtd.status()).isEqualTo(400);
        assertThat(dtd.body()).contains("report-error");
        assertThat(admin.get("/api/tests?repo=" + repo)).as("a refused report stores nothing").isEmpty();
        assertThat(upload(repo, "not-a-sha", "ci", RunningService.ADMIN_TOKEN, Reports.xml(List.of()))
                .status()).isEqualTo(400);
        assertThat(upload(repo, head, "ci", null, Reports.xml(List.of())).status()).isEqualTo(401);
        assertThat(upload(repo, head, "ci", developerToken, Reports.xml(List.of(Reports.pass(FlakyProject.ADDS))))
                .status()).as("results are evidence: developers cannot upload them").isEqualTo(403);
        assertThat(upload("nosuchrepo", head, "ci", RunningService.ADMIN_TOKEN, Reports.xml(List.of()))
                .status()).isEqualTo(404);
        assertThat(admin.call("GET", "/api/tests?repo=nosuchrepo", null).status()).isEqualTo(404);
        assertThat(admin.call("GET", "/api/tests?state=wobbly", null).status()).isEqualTo(400);
        assertThat(admin.call("GET", "/api/tests/bm9wZQ", null).status()).isEqualTo(404);
        assertThat(admin.call("GET", "/api/tests/demo.X%23y?repo=" + repo, null).status()).isEqualTo(404);
    }

    static Api.Response upload(String repo, String commit, String tier, String token, String xml) {
        String path = "/api/repos/" + repo + "/results?commit=" + commit + "&tier=" + tier;
        return new Api(service.url(), token).upload(path, xml);
    }
}
