package io.gatekeeper.flaky.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gatekeeper.flaky.model.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedFieldsTest {

    private static List<TestCaseResult> parse(String corpusFile) throws IOException {
        List<TestCaseResult> seen = new ArrayList<>();
        try (InputStream in = Files.newInputStream(CorpusTest.corpus().resolve(corpusFile))) {
            new JUnitXmlParser().parse(in, seen::add);
        }
        return seen;
    }

    private static List<TestCaseResult> parseText(String xml, Charset charset) {
        List<TestCaseResult> seen = new ArrayList<>();
        new JUnitXmlParser().parse(new ByteArrayInputStream(xml.getBytes(charset)), seen::add);
        return seen;
    }

    @Test
    void surefireFlakyTest_passesWithFirstAttemptAsDetail() throws IOException {
        TestCaseResult t = parse("surefire__olamy-flakytest-rerun3.xml").get(0);
        assertThat(t.outcome()).isEqualTo(Outcome.PASS);
        assertThat(t.flaky()).isTrue();
        assertThat(t.flakyFailures()).isEqualTo(2);
        assertThat(t.failureType()).isEqualTo("junit.framework.AssertionFailedError");
        assertThat(t.failureMessage()).isEqualTo("obvious fail");
        assertThat(t.stackTrace()).startsWith("junit.framework.AssertionFailedError: obvious fail\n\tat junit.framework.Assert.fail(Assert.java:57)");
        assertThat(t.testId().value()).isEqualTo("io.olamy.FlakyTest#testApp");
        assertThat(t.testId().display()).isEqualTo("FlakyTest.testApp");
    }

    @Test
    void surefireAlwaysFailing_countsReruns() throws IOException {
        TestCaseResult t = parse("surefire__olamy-alwaysfail-rerun3.xml").get(0);
        assertThat(t.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(t.rerunFailures()).isEqualTo(3);
        assertThat(t.flakyFailures()).isZero();
    }

    @Test
    void marathonFailureWithoutMessage_usesFirstLineOfBody() throws IOException {
        TestCaseResult t = parse("marathon__android-dummyutiltest-failure.xml").get(0);
        assertThat(t.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(t.failureMessage()).isNotBlank().doesNotContain("\n");
        assertThat(t.stackTrace()).startsWith(t.failureMessage());
    }

    @Test
    void nestedSuites_giveNearestSuiteNameAndCommaTimes() throws IOException {
        assertThat(parse("odd__jenkins-time-comma-nested.xml"))
                .extracting(TestCaseResult::suite, TestCaseResult::className, TestCaseResult::duration)
                .contains(tuple("test.RestMethods", "test.Rest.post", Duration.ofSeconds(12)),
                        tuple("test.lib.Rest", "test.Rest.cleanup", Duration.ofSeconds(20)));
        assertThat(ReportTime.parse("2,503.1")).isEqualTo(Duration.ofMillis(2_503_100));
        assertThat(ReportTime.parse("0,25")).isEqualTo(Duration.ofMillis(250));
        assertThat(ReportTime.parse("-1")).isEqualTo(Duration.ZERO);
        assertThat(ReportTime.parse("soon")).isEqualTo(Duration.ZERO);
    }

    @Test
    void gradleParameterisedInvocations_shareOneIdentity() throws IOException {
        List<TestCaseResult> cases = parse("gradle__kotlin-calculator-junit5.xml");
        assertThat(cases).filteredOn(t -> t.name().startsWith("[1] "))
                .extracting(t -> t.testId().value(), TestCaseResult::parameters)
                .contains(tuple("com.github.guenhter.junit.CalculatorTest#[*]", "[1] 1, 2, 3"));
        assertThat(cases).filteredOn(t -> t.name().equals("additionTest()"))
                .extracting(t -> t.testId().value()).containsExactly("com.github.guenhter.junit.CalculatorTest#additionTest");
    }

    @Test
    void jestCaseWithoutClassname_isIdentifiedBySuite() throws IOException {
        TestCaseResult t = parse("jest-junit__jest-monorepo-4239.xml").get(0);
        assertThat(t.className()).isEmpty();
        assertThat(t.testId().value())
                .isEqualTo("packages/jest-config/src/__tests__/normalize.test.js#picks a name based on the rootDir");
    }

    @Test
    void cdataWithMarkupCharacters_keepsThemLiterally() {
        TestCaseResult t = parseText("<testsuite><testcase name=\"a\"><failure type=\"T\">"
                + "<![CDATA[a < b && c > d ]]]]><![CDATA[> <?xml?> <!-- x -->]]></failure></testcase></testsuite>",
                StandardCharsets.UTF_8).get(0);
        assertThat(t.stackTrace()).isEqualTo("a < b && c > d ]]> <?xml?> <!-- x -->");
    }

    @Test
    void errorBeatsFailure_andItsDetailIsKept() {
        TestCaseResult t = parseText("<testsuite><testcase name=\"a\"><failure message=\"f\"/>"
                + "<error type=\"E\" message=\"e\">trace</error></testcase></testsuite>", StandardCharsets.UTF_8).get(0);
        assertThat(t.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(t.failureType()).isEqualTo("E");
        assertThat(t.failureMessage()).isEqualTo("e");
        assertThat(t.stackTrace()).isEqualTo("trace");
    }

    @Test
    void longStackTrace_keptOnlyUpToTheCap() {
        ParserLimits limits = new ParserLimits(4096, 1 << 20, 100, 64);
        List<TestCaseResult> seen = new ArrayList<>();
        String xml = "<testsuite><testcase name=\"a\"><failure message=\"" + "m".repeat(500) + "\">"
                + "x".repeat(10_000) + "</failure></testcase></testsuite>";
        new JUnitXmlParser(limits).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), seen::add);
        assertThat(seen.get(0).stackTrace()).isEqualTo("x".repeat(100) + "\n[truncated]");
        assertThat(seen.get(0).failureMessage()).isEqualTo("m".repeat(100) + " [truncated]");
    }

    @Test
    void commentsAreSkipped_andLinesStillCount() {
        ReportRejectedException e = org.assertj.core.api.Assertions.catchThrowableOfType(ReportRejectedException.class,
                () -> parseText("<testsuite>\n<!-- one\ntwo\nthree -->\n<testcase name=\"a\"></wrong></testsuite>",
                        StandardCharsets.UTF_8));
        assertThat(e.getMessage()).contains("line 5");
    }

    @Test
    void utf16WithBomAndLatin1Declared_areDecoded() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite><testcase name=\"café\"/></testsuite>";
        assertThat(parseText("\uFEFF" + xml, StandardCharsets.UTF_16BE)).extracting(TestCaseResult::name).containsExactly("café");
        String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuite><testcase name=\"café\"/></testsuite>";
        assertThat(parseText(latin, StandardCharsets.ISO_8859_1)).extracting(TestCaseResult::name).containsExactly("café");
    }

    @Test
    void suiteFileAttribute_isInherited() {
        TestCaseResult t = parseText("<testsuites><testsuite name=\"s\" file=\"a.test.js\"><testcase name=\"x\"/>"
                + "</testsuite></testsuites>", StandardCharsets.UTF_8).get(0);
        assertThat(t.file()).isEqualTo("a.test.js");
    }

    @Test
    void suiteLevelError_countsAgainstThePass() throws IOException {
        ReportSummary s;
        try (InputStream in = Files.newInputStream(CorpusTest.corpus().resolve("ant__suite-level-error-no-testcase.xml"))) {
            s = new JUnitXmlParser().parse(in, t -> { });
        }
        assertThat(s.tests()).isZero();
        assertThat(s.suiteErrors()).isEqualTo(1);
        assertThat(s.passed()).isFalse();
    }
}
