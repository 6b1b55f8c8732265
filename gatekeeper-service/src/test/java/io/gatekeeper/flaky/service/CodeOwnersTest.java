package io.gatekeeper.flaky.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodeOwnersTest {

    static final CodeOwners OWNERS = CodeOwners.parse("""
            # comment
            *                     @everyone
            *.py                  @py-team   # trailing comment
            /src/net/             @net-team @ops
            docs/**               @writers
            src/net/generated/
            [Section]
            """);

    @Test
    void lastMatchingLineWins() {
        assertThat(OWNERS.owners("README.md")).contains("@everyone");
        assertThat(OWNERS.owners("tests/test_x.py")).contains("@py-team");
        assertThat(OWNERS.owners("src/net/Client.java")).contains("@net-team @ops");
        assertThat(OWNERS.owners("docs/a/b.md")).contains("@writers");
    }

    @Test
    void anchoredPatternsMatchFromTheRootOnly_andALineWithoutOwnersClearsOwnership() {
        assertThat(OWNERS.owners("lib/src/net/Client.java")).contains("@everyone");
        assertThat(OWNERS.owners("src/net/generated/Stub.java")).isEmpty();
    }

    @Test
    void anEmptyFileOwnsNothing() {
        assertThat(CodeOwners.parse("").owners("a/b.java")).isEmpty();
    }
}
