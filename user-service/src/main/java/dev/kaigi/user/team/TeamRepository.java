package dev.kaigi.user.team;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

    public Optional<Team> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    /** The organization's teams in creation order. */
    public PanacheQuery<Team> ofOrganization(UUID orgId) {
        return find("orgId = ?1", Sort.by("createdAt").and("id"), orgId);
    }

    public List<Team> ofOrganization(UUID orgId, Collection<UUID> ids) {
        return list("orgId = ?1 and id in ?2", orgId, ids);
    }

    public List<Team> allOf(UUID orgId) {
        return list("orgId = ?1", orgId);
    }

    public boolean nameTaken(UUID orgId, String name, UUID except) {
        return count("orgId = ?1 and lower(name) = ?2 and id <> ?3", orgId, name.toLowerCase(Locale.ROOT), except) > 0;
    }
}
