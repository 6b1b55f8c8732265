package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestIdTest {

    @Test
    void fromReport_stripsParametersOfClassAndName() {
        TestId id = TestId.fromReport("suite", "Tests.Fixture(\"a\",1)", "TestE(2)");
        assertThat(id.value()).isEqualTo("Tests.Fixture#TestE");
        assertThat(id.display()).isEqualTo("Fixture.TestE");
    }

    @Test
    void fromReport_fallsBackToSuiteWithoutClass() {
        assertThat(TestId.fromReport("a/b.test.js", "", "works").value()).isEqualTo("a/b.test.js#works");
        assertThat(TestId.fromReport("a/b.test.js", "", "works").display()).isEqualTo("b.test.js.works");
    }

    @Test
    void value_roundTripsThroughParse() {
        TestId id = new TestId("org.example.FooTest", "bar#baz");
        assertThat(TestId.parse(id.value())).isEqualTo(id);
    }

    @Test
    void value_ofHugeNamesIsBoundedAndStillDistinct() {
        TestId a = new TestId("C", "x".repeat(2000) + "a");
        TestId b = new TestId("C", "x".repeat(2000) + "b");
        assertThat(a.value()).hasSize(TestId.MAX_LENGTH);
        assertThat(a.value()).isNotEqualTo(b.value());
    }
}
