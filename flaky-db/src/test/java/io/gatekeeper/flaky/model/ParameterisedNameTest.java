package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterisedNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "testFoo[0]|testFoo|[0]",
        "testFoo[0: x=1]|testFoo|[0: x=1]",
        "test_x[a-b]|test_x|[a-b]",
        "test_x[a[1]-b]|test_x|[a[1]-b]",
        "testFoo(int)[1]|testFoo|(int)[1]",
        "additionTest()|additionTest|()",
        "TestE(\"Answer\",42)|TestE|(\"Answer\",42)",
        "'[1] 1, 2, 3'|[*]|'[1] 1, 2, 3'",
        "'retries on timeout (slow)'|'retries on timeout (slow)'|''",
        "TestSubtests/Subtest#01|TestSubtests/Subtest#01|''",
        "plain|plain|''",
        "'[weird'|'[weird'|''",
    })
    void split_separatesInvocationParameters(String raw, String base, String parameters) {
        ParameterisedName split = ParameterisedName.split(raw);
        assertThat(split.base()).isEqualTo(base);
        assertThat(split.parameters()).isEqualTo(parameters);
    }
}
