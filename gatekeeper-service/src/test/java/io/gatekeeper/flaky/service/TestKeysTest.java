package io.gatekeeper.flaky.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestKeysTest {

    @Test
    void ids_arePathSafe_andRoundTrip() {
        String id = TestKeys.encode("shop", "com.acme.Foo#bar[1] (slow)/x?y");
        assertThat(id).matches("[A-Za-z0-9_-]+");
        assertThat(TestKeys.decode(id)).contains(new TestKeys.Key("shop", "com.acme.Foo#bar[1] (slow)/x?y"));
    }

    @Test
    void tokensThatAreNotIds_decodeToNothing() {
        assertThat(TestKeys.decode("com.acme.Foo#bar")).isEmpty();
        assertThat(TestKeys.decode("bm9wZQ")).as("'nope': no repository part").isEmpty();
        assertThat(TestKeys.decode("")).isEmpty();
    }
}
