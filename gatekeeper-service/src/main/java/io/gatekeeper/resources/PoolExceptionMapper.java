package io.gatekeeper.resources;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.gatekeeper.pool.PoolException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A node the pool does not know (or declared lost) is 410 Gone; a node of another runner user is 403. */
public final class PoolExceptionMapper implements ExceptionMapper<PoolException> {

    @Override
    public Response toResponse(PoolException e) {
        int status = e instanceof PoolException.NodeGone ? 410
                : e instanceof PoolException.NotYourNode ? 403 : 500;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, e.getMessage())).build();
    }
}
