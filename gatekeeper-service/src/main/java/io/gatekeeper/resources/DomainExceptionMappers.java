package io.gatekeeper.resources;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.gatekeeper.GatekeeperException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The exception type decides the status; resources never build error JSON themselves. */
public final class DomainExceptionMappers implements ExceptionMapper<GatekeeperException> {

    @Override
    public Response toResponse(GatekeeperException e) {
        Response.Status status = e instanceof GatekeeperException.Conflict ? Response.Status.CONFLICT
                : e instanceof GatekeeperException.InvalidInput ? Response.Status.BAD_REQUEST
                : e instanceof GatekeeperException.NotFound ? Response.Status.NOT_FOUND
                : e instanceof GatekeeperException.Gone ? Response.Status.GONE
                : Response.Status.INTERNAL_SERVER_ERROR;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status.getStatusCode(), e.getMessage())).build();
    }
}
