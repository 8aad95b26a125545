package dev.kaigi.user.team;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.security.Actor;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An organization's teams (USR-01 "teams", USR-03 team filter): OWNERs create, rename and delete them. */
@ApplicationScoped
public class TeamService {

    @Inject
    TeamRepository teams;
    @Inject
    AuditLog audit;

    @Transactional
    public Page<TeamView> list(UUID orgId, PageRequest page) {
        PanacheQuery<Team> query = teams.ofOrganization(orgId);
        return Page.of(query.page(page.page(), page.size()).list(), page, query.count()).map(TeamView::of);
    }

    /** The team of the organization; another's is unknown (404, ORG-01). */
    @Transactional
    public Team get(UUID orgId, UUID id) {
        return teams.inOrganization(orgId, id).orElseThrow(() -> ProblemException.notFound("team"));
    }

    @Transactional
    public TeamView view(UUID orgId, UUID id) {
        return TeamView.of(get(orgId, id));
    }

    @Transactional
    public TeamView create(Actor owner, String name) {
        String trimmed = name.strip();
        requireFreeName(owner.orgId(), trimmed, null);
        Team team = new Team();
        team.id = UUID.randomUUID();
        team.orgId = owner.orgId();
        team.name = trimmed;
        team.createdAt = Instant.now();
        teams.persistAndFlush(team);
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.TEAM_CREATED, null, null, Map.of("teamId", team.id, "name", team.name));
        return TeamView.of(team);
    }

    @Transactional
    public TeamView rename(Actor owner, UUID id, String name, long expectedVersion) {
        Team team = get(owner.orgId(), id);
        if (team.version != expectedVersion) {
            throw new ProblemException(412, "precondition-failed");
        }
        String trimmed = name.strip();
        if (trimmed.equals(team.name)) {
            return TeamView.of(team);
        }
        requireFreeName(owner.orgId(), trimmed, id);
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.TEAM_RENAMED, null,
                Map.of("teamId", id, "name", team.name), Map.of("teamId", id, "name", trimmed));
        team.name = trimmed;
        teams.flush();
        return TeamView.of(team);
    }

    /** Deletes the team; its members simply stop being in it (the memberships go with it, on delete cascade). */
    @Transactional
    public void delete(Actor owner, UUID id) {
        Team team = get(owner.orgId(), id);
        teams.delete(team);
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.TEAM_DELETED, null, Map.of("teamId", id, "name", team.name), null);
    }

    /** A profile or import names only teams of its own organization; another's id is unknown (ORG-01). */
    public void requireAllInOrganization(UUID orgId, Collection<UUID> teamIds) {
        Set<UUID> wanted = new HashSet<>(teamIds);
        if (!wanted.isEmpty() && teams.ofOrganization(orgId, wanted).size() != wanted.size()) {
            throw ProblemException.invalidField("teamIds", "unknown-reference");
        }
    }

    private void requireFreeName(UUID orgId, String name, UUID except) {
        if (teams.nameTaken(orgId, name, except == null ? new UUID(0, 0) : except)) {
            throw ProblemException.conflict("team-name-taken", name);
        }
    }
}
