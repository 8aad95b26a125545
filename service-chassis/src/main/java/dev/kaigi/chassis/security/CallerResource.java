package dev.kaigi.chassis.security;

import dev.kaigi.events.Nullable;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@code GET /api/v1/caller}: who the service thinks the caller is, to check a token end to end. */
@Path("/api/v1/caller")
@Tag(name = "Caller", description = "The identity a token carries, as the service reads it")
public class CallerResource {

    @Inject
    CurrentCaller caller;

    /**
     * The identity a token carries, as this service reads it.
     *
     * @param profilePermissions the catalogue entries (USR-07) the caller's permission profile leaves to their
     *                           role, so a frontend can hide what the profile takes away
     */
    public record CallerView(@Nullable UUID orgId, @Nullable UUID userId, Set<String> roles, Set<String> scopes,
            @Schema(required = true, description = "The permission-profile entries (USR-07) that do not narrow the caller: "
                    + "all of them for the super admin, partners and services") Set<ProfilePermission> profilePermissions) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who am I", description = "The organization, user, roles and scopes read from the bearer token, and what the "
            + "user's permission profile leaves them (USR-07).")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(schema = @Schema(implementation = CallerView.class)))
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = dev.kaigi.chassis.problem.Problem.class)))
    public CallerView get() {
        Caller c = caller.get();
        return new CallerView(c.organization().orElse(null), c.user().orElse(null),
                new TreeSet<>(c.roles()), new TreeSet<>(c.scopes()), profilePermissions(c));
    }

    private static Set<ProfilePermission> profilePermissions(Caller c) {
        Set<ProfilePermission> allowed = EnumSet.noneOf(ProfilePermission.class);
        for (ProfilePermission entry : ProfilePermission.values()) {
            if (c.profileAllows(entry)) {
                allowed.add(entry);
            }
        }
        return allowed;
    }
}
