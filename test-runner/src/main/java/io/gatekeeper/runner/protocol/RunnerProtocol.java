package io.gatekeeper.runner.protocol;

/**
 * The runner protocol's paths, parameters and headers, as compile-time constants so that JAX-RS resources on
 * the service and the runner's client name them once. Described in full in {@code docs/runner-protocol.md}.
 */
public final class RunnerProtocol {
    public static final String BASE = "/api/runner";
    public static final String REGISTER = BASE + "/register";
    public static final String HEARTBEAT = BASE + "/nodes/{nodeId}/heartbeat";
    public static final String LEASE = BASE + "/nodes/{nodeId}/lease";
    public static final String READY = BASE + "/runs/{runId}/ready";
    public static final String LOG = BASE + "/runs/{runId}/log";
    public static final String REPORTS = BASE + "/runs/{runId}/reports";
    public static final String RESULT = BASE + "/runs/{runId}/result";

    /** Query parameters. */
    public static final String WAIT = "wait";
    public static final String NODE = "node";
    public static final String OFFSET = "offset";
    public static final String PATH = "path";

    /** Header on log replies: the service's length in bytes of this node's log for the run. */
    public static final String LOG_LENGTH_HEADER = "X-Gatekeeper-Log-Length";

    /** Environment of setup and command on every node of a cluster. */
    public static final String CLUSTER_NODES_VARIABLE = "GATEKEEPER_CLUSTER_NODES";
    public static final String NODE_INDEX_VARIABLE = "GATEKEEPER_NODE_INDEX";

    private RunnerProtocol() {
    }
}
