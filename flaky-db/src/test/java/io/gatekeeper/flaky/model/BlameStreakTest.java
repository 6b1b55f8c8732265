package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlameStreakTest {
    private static final ModelSettings SETTINGS = ModelSettings.DEFAULT;

    @Test
    void isolatingOneCulprit_blamesCandidatesThatAllCarryIt_andHeadIsNotSuspected() {
        List<Set<String>> batchProbeAndRepush = List.of(Set.of("pull-request/a", "pull-request/bad",
                "pull-request/b"), Set.of("pull-request/bad", "pull-request/b"), Set.of("pull-request/bad"),
                Set.of("pull-request/bad"));
        assertThat(BlameStreak.headFailsIt(batchProbeAndRepush, SETTINGS)).isFalse();
    }

    @Test
    void unrelatedCandidatesBlamed_brokenAfterTimes_pointAtHead() {
        List<Set<String>> unrelated = List.of(Set.of("pull-request/a"), Set.of("pull-request/b", "pull-request/c"),
                Set.of("pull-request/d"));
        assertThat(SETTINGS.brokenAfter()).isEqualTo(3);
        assertThat(BlameStreak.headFailsIt(unrelated, SETTINGS)).isTrue();
        assertThat(BlameStreak.headFailsIt(unrelated.subList(0, 2), SETTINGS)).as("two are not enough").isFalse();
    }

    @Test
    void aCandidateWhoseChangesAreUnknown_explainsNothing() {
        assertThat(BlameStreak.headFailsIt(List.of(Set.of("pull-request/bad"), Set.of(), Set.of("pull-request/bad")),
                SETTINGS)).isTrue();
    }
}
