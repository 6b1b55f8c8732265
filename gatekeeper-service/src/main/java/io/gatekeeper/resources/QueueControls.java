package io.gatekeeper.resources;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.api.BypassBody;
import io.gatekeeper.api.ControlsJson;
import io.gatekeeper.api.PauseBody;
import io.gatekeeper.api.PriorityBody;
import io.gatekeeper.api.RequestJson;
import io.gatekeeper.api.RequestViews;
import io.gatekeeper.auth.User;
import io.gatekeeper.gate.Gates;
import io.gatekeeper.gate.RepoGate;
import io.gatekeeper.store.RepoControlRow;
import io.gatekeeper.store.RepoDao;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The privileged path: bypass, priority, freezes. Every call is authenticated and audited by the gate. Not a root
 * resource: {@link RepoResource} and {@link RequestResource} own the paths and delegate here.
 */
public final class QueueControls {
    private final Jdbi jdbi;
    private final Gates gates;
    private final RequestViews views;

    public QueueControls(Jdbi jdbi, Gates gates, RequestViews views) {
        this.jdbi = jdbi;
        this.gates = gates;
        this.views = views;
    }

    public RequestJson bypass(User user, String repo, BypassBody body) {
        require(user, "privileged", "bypass");
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new GatekeeperException.InvalidInput("a bypass needs a reason");
        }
        RepoGate gate = gate(repo);
        long id = requestId(repo, body);
        RequestRow landed = await(gate.bypass(id, user.name(), body.reason()));
        return views.one(landed.id()).orElseThrow();
    }

    public RequestJson priority(User user, long id, PriorityBody body) {
        require(user, "privileged", "change a priority");
        if (body == null) {
            throw new GatekeeperException.InvalidInput("send {\"priority\": N}");
        }
        RequestRow row = jdbi.withExtension(RequestDao.class, d -> d.byId(id))
                .orElseThrow(() -> new NotFoundException("no request " + id));
        String repo = jdbi.withExtension(RepoDao.class, d -> d.byId(row.repoId())).orElseThrow().name();
        await(gate(repo).setPriority(id, body.priority(), user.name(), body.reason()));
        return views.one(id).orElseThrow();
    }

    public ControlsJson pause(User user, String repo, PauseBody body) {
        require(user, "admin", "freeze a repository");
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new GatekeeperException.InvalidInput("a freeze needs a reason");
        }
        RepoGate gate = gate(repo);
        return json(await(gate.pause(user.name(), body.reason(), body.until())), gate);
    }

    public ControlsJson resume(User user, String repo, PauseBody body) {
        require(user, "admin", "resume a repository");
        RepoGate gate = gate(repo);
        return json(await(gate.resume(user.name(), body == null ? null : body.reason())), gate);
    }

    public ControlsJson controls(String repo) {
        RepoGate gate = gate(repo);
        return json(gate.controls(), gate);
    }

    private static void require(User user, String role, String what) {
        if (!user.hasRole(role)) {
            throw new ForbiddenException("to " + what + " needs the " + role + " role; " + user.name() + " is "
                    + user.role().wire());
        }
    }

    private static ControlsJson json(RepoControlRow s, RepoGate gate) {
        return new ControlsJson(s.paused(Instant.now()), s.pausedReason(), s.pausedBy(), s.pausedUntil(),
                s.broken(), s.brokenCommit(), s.brokenReason(), s.brokenAt(), gate.holdReason());
    }

    private long requestId(String repo, BypassBody body) {
        if (body.request() != null) {
            return body.request();
        }
        if (body.branch() == null || body.branch().isBlank()) {
            throw new GatekeeperException.InvalidInput("name the request: {\"request\": id} or {\"branch\": name}");
        }
        String branch = body.branch().startsWith("refs/heads/") ? body.branch().substring(11) : body.branch();
        long repoId = jdbi.withExtension(RepoDao.class, d -> d.byName(repo)).orElseThrow().id();
        return jdbi.withExtension(RequestDao.class, d -> d.latestOnBranch(repoId, branch))
                .map(RequestRow::id)
                .orElseThrow(() -> new NotFoundException("no request on branch " + branch + " in " + repo));
    }

    private RepoGate gate(String repo) {
        return gates.gate(repo).orElseThrow(() -> new NotFoundException("no repository named '" + repo + "'"));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new GatekeeperException("the gate did not answer within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatekeeperException("interrupted");
        }
    }
}
