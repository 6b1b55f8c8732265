package io.gatekeeper.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * How a failed batch is split to find its culprits.
 *
 * <p>Off the chain ({@link #BISECT}, {@link #SQRT}) each part becomes a probe on head that runs only the failed
 * tier: a part that passes goes back to the queue, a failing part is split again, a failing lone request is the
 * culprit. The chain never waits on a suspect. In the chain ({@link #PREFIXES}) the parts become cumulative
 * candidates (part 2 built on part 1, ...) that land as soon as they pass, at the risk that a failing part
 * cancels the parts and candidates behind it.
 */
enum Isolation {
    /** Halves, as bors does: two probes per round, about log2(n) rounds. */
    BISECT(false) {
        @Override
        int parts(int size) {
            return 2;
        }
    },
    /** About sqrt(n) probes at once: two rounds find a lone culprit, at the cost of more probes in parallel. */
    SQRT(false) {
        @Override
        int parts(int size) {
            return Math.max(2, (int) Math.ceil(Math.sqrt(size)));
        }
    },
    /** Cumulative prefixes in the chain, as Mergify splits: about sqrt(n) parts that land as they pass. */
    PREFIXES(true) {
        @Override
        int parts(int size) {
            return Math.max(2, (int) Math.ceil(Math.sqrt(size)));
        }
    };

    final boolean inChain;

    Isolation(boolean inChain) {
        this.inChain = inChain;
    }

    abstract int parts(int size);

    List<List<QueuedRequest>> split(List<QueuedRequest> requests) {
        int n = requests.size();
        int k = Math.min(n, parts(n));
        List<List<QueuedRequest>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < k; i++) {
            int to = from + (n - from) / (k - i);
            out.add(List.copyOf(requests.subList(from, to)));
            from = to;
        }
        return out;
    }
}
