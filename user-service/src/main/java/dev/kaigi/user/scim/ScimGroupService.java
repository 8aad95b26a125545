package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.account.AccountService;
import dev.kaigi.user.account.ProfileRequests.UpdateProfile;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.team.Team;
import dev.kaigi.user.team.TeamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SCIM Groups are the organization's teams (USR-01): create, rename and delete go through
 * {@link TeamService}; membership is each member's profile {@code teamIds}, changed through
 * {@link AccountService#updateProfile} (audited, {@code user-updated} published), as an OWNER does.
 */
@ApplicationScoped
public class ScimGroupService {

    /** A team with its live members, in the order they were added to the organization. */
    record Group(Team team, List<UserAccount> members) {

        ScimResource resource(URI base) {
            return new ScimResource(ScimGroupJson.of(this, base), ScimGroupJson.version(this));
        }
    }

    /** A page of groups. */
    record Listed(List<Group> groups, long total) {

        List<ObjectNode> json(URI base) {
            return groups.stream().map(g -> ScimGroupJson.of(g, base)).toList();
        }
    }

    static final Map<String, ScimQuery.Field> FIELDS = Map.of(
            "id", ScimQuery.Field.of("t.id", ScimQuery.Kind.ID),
            "meta.resourcetype", ScimQuery.Field.of("'Group'", ScimQuery.Kind.TEXT),
            "displayname", ScimQuery.Field.of("t.name", ScimQuery.Kind.TEXT),
            "externalid", ScimQuery.Field.of("t.externalId", ScimQuery.Kind.EXACT),
            "meta.created", ScimQuery.Field.of("t.createdAt", ScimQuery.Kind.TIME));

    @Inject
    TeamService teams;
    @Inject
    AccountService accounts;
    @Inject
    EntityManager em;

    @Transactional
    public ScimResource.Page list(UUID orgId, ScimListRequest request, URI base) {
        ScimQuery query = new ScimQuery(FIELDS, ScimSchemas.GROUP);
        String condition = request.filter() == null ? null : query.where(ScimFilter.parse(request.filter()));
        String order = request.sortBy() == null ? null : query.orderBy(request.sortBy()) + (request.descending() ? " desc" : "");
        Listed page = page(orgId, query, condition, order, request.startIndex() - 1, request.count());
        return new ScimResource.Page(page.json(base), page.total());
    }

    /**
     * The teams matching {@code condition} (compiled by {@code query}, null for all), ordered by
     * {@code order} (null: creation order), from the 0-based {@code offset}, with their members.
     */
    @Transactional
    Listed page(UUID orgId, ScimQuery query, String condition, String order, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>(query.params());
        params.put("org", orgId);
        ScimResultPage<Team> page = ScimResultPage.of(em, Team.class, "t", "t.orgId = :org" + (condition == null ? "" : " and " + condition),
                params, (order == null ? "t.createdAt" : order) + ", t.id", offset, limit);
        Map<UUID, List<UserAccount>> members = members(orgId, page.items().stream().map(t -> t.id).toList());
        return new Listed(page.items().stream().map(t -> new Group(t, members.getOrDefault(t.id, List.of()))).toList(), page.total());
    }

    @Transactional
    public ScimResource get(UUID orgId, UUID id, URI base) {
        return group(orgId, id).resource(base);
    }

    private Group group(UUID orgId, UUID id) {
        Team team = teams.get(orgId, id);
        return new Group(team, members(orgId, List.of(id)).getOrDefault(id, List.of()));
    }

    @Transactional
    public ScimResource create(Actor actor, JsonNode body, URI base) {
        GroupState s = GroupState.of(ScimPatch.normalized(body));
        Team team = teams.get(actor.orgId(), teams.create(actor, s.displayName()).id());
        team.externalId = s.externalId();
        setMembers(actor, team, Set.of(), s.members());
        return group(actor.orgId(), team.id).resource(base);
    }

    @Transactional
    public ScimResource replace(Actor actor, UUID id, JsonNode body, String ifMatch, URI base) {
        Group now = current(actor, id, ifMatch);
        return apply(actor, now, GroupState.of(ScimPatch.normalized(body))).resource(base);
    }

    @Transactional
    public ScimResource patch(Actor actor, UUID id, JsonNode body, String ifMatch, URI base) {
        Group now = current(actor, id, ifMatch);
        ObjectNode wanted = ScimPatch.apply((ObjectNode) ScimPatch.normalized(ScimGroupJson.of(now, null)), body, ScimGroupJson.SHAPE);
        return apply(actor, now, GroupState.of(wanted)).resource(base);
    }

    /** Deletes the team; its members stay in the organization. */
    @Transactional
    public void delete(Actor actor, UUID id, String ifMatch) {
        current(actor, id, ifMatch);
        teams.delete(actor, id);
    }

    private Group current(Actor actor, UUID id, String ifMatch) {
        Group g = group(actor.orgId(), id);
        if (!ScimGroupJson.versionMatches(ifMatch, ScimGroupJson.version(g))) {
            throw ScimProblems.versionMismatch();
        }
        return g;
    }

    private Group apply(Actor actor, Group now, GroupState s) {
        teams.rename(actor, now.team().id, s.displayName(), now.team().version);
        Team team = now.team();
        team.externalId = s.externalId();
        Set<UUID> before = new HashSet<>();
        now.members().forEach(u -> before.add(u.id));
        setMembers(actor, team, before, s.members());
        em.flush();
        return group(actor.orgId(), team.id);
    }

    /** Adds and removes members one profile at a time, each under the profile rules (USR-02 administration group). */
    private void setMembers(Actor actor, Team team, Set<UUID> before, Set<UUID> wanted) {
        for (UUID id : wanted) {
            if (!before.contains(id)) {
                UserAccount u = member(actor.orgId(), id);
                Set<UUID> teamIds = new HashSet<>(u.teamIds);
                teamIds.add(team.id);
                accounts.updateProfile(actor, u.id, sameProfile(u, teamIds), u.version);
            }
        }
        for (UUID id : before) {
            if (!wanted.contains(id)) {
                UserAccount u = accounts.get(actor.orgId(), id);
                Set<UUID> teamIds = new HashSet<>(u.teamIds);
                teamIds.remove(team.id);
                accounts.updateProfile(actor, u.id, sameProfile(u, teamIds), u.version);
            }
        }
    }

    /** A member named by the client: a live user of this organization; anything else is an invalid value, not a 404 of the group. */
    private UserAccount member(UUID orgId, UUID id) {
        try {
            return accounts.get(orgId, id);
        } catch (ProblemException e) {
            throw ScimProblems.invalidValue("No user " + id + " in this organization to be a member.");
        }
    }

    /** The user's profile as it is, but for the teams. */
    static UpdateProfile sameProfile(UserAccount u, Set<UUID> teamIds) {
        return new UpdateProfile(u.lastName, u.firstName, u.role, u.permissionProfileId, u.contact, u.slackMemberId,
                u.emailSignature, u.zoomPersonalMeetingUrl, u.phone, u.mobile, u.fax, u.website, u.address, u.otherInfo, teamIds);
    }

    private Map<UUID, List<UserAccount>> members(UUID orgId, List<UUID> teamIds) {
        Map<UUID, List<UserAccount>> out = new HashMap<>();
        if (teamIds.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em.createQuery("""
                        select u, tid from UserAccount u join u.teamIds tid
                        where u.orgId = :org and tid in :teams and u.status <> :deleted order by u.createdAt, u.id
                        """, Object[].class)
                .setParameter("org", orgId).setParameter("teams", teamIds).setParameter("deleted", UserStatus.DELETED)
                .getResultList();
        for (Object[] row : rows) {
            out.computeIfAbsent((UUID) row[1], k -> new ArrayList<>()).add((UserAccount) row[0]);
        }
        return out;
    }

    /** What a client asks a group to be, from a body with lower-case keys. */
    record GroupState(String displayName, String externalId, Set<UUID> members) {

        static GroupState of(JsonNode body) {
            JsonNode name = body.get("displayname");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw ScimProblems.invalidValue("displayName is required.");
            }
            if (name.asText().strip().length() > 100) {
                throw ScimProblems.invalidValue("displayName is longer than 100 characters.");
            }
            JsonNode ext = body.get("externalid");
            String externalId = ext == null || ext.isNull() || ext.asText().isBlank() ? null : ext.asText();
            if (externalId != null && externalId.length() > 255) {
                throw ScimProblems.invalidValue("externalId is longer than 255 characters.");
            }
            Set<UUID> members = new LinkedHashSet<>();
            JsonNode list = body.get("members");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw ScimProblems.invalidValue("members is a list.");
                }
                if (list.size() > 1000) {
                    throw ScimProblems.tooMany("At most 1000 members per request.");
                }
                for (JsonNode m : list) {
                    JsonNode value = m.isObject() ? m.get("value") : m;
                    if (value == null || !value.isTextual()) {
                        throw ScimProblems.invalidValue("Each member needs a value: the user's id.");
                    }
                    try {
                        members.add(UUID.fromString(value.asText()));
                    } catch (IllegalArgumentException e) {
                        throw ScimProblems.invalidValue("No user " + value.asText() + " in this organization to be a member.");
                    }
                }
            }
            return new GroupState(name.asText(), externalId, members);
        }
    }
}
