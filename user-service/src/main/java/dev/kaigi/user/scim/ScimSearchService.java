package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A search of the server root (RFC 7644 §3.4.3, {@code POST /scim/v2/.search}): the filter is
 * applied to Users and to Groups, an attribute that only one of them has being unassigned on the
 * other, and the results are numbered Users first, then Groups, each in creation order. Sorting
 * across the two types is refused: there is no order they share.
 */
@ApplicationScoped
public class ScimSearchService {

    /** A page of the combined results: the users and the groups on it, and the number of all results. */
    public record Found(List<ObjectNode> users, List<ObjectNode> groups, long total) {
    }

    @Inject
    ScimUserService users;
    @Inject
    ScimGroupService groups;

    @Transactional
    public Found search(UUID orgId, ScimListRequest request, URI base) {
        if (request.sortBy() != null) {
            throw ScimProblems.invalidValue("A search of every resource type cannot be sorted: it lists Users, then Groups, each in "
                    + "creation order. Sort with POST /Users/.search or /Groups/.search.");
        }
        ScimFilter filter = request.filter() == null ? null : ScimFilter.parse(request.filter());
        ScimQuery userQuery = new ScimQuery(ScimUserJson.FIELDS, ScimSchemas.USER, true);
        ScimQuery groupQuery = new ScimQuery(ScimGroupService.FIELDS, ScimSchemas.GROUP, true);
        String userCondition = filter == null ? null : userQuery.where(filter);
        String groupCondition = filter == null ? null : groupQuery.where(filter);
        Set<String> unknownToBoth = new TreeSet<>(userQuery.unknown());
        unknownToBoth.retainAll(groupQuery.unknown());
        if (!unknownToBoth.isEmpty()) {
            throw ScimProblems.invalidFilter("Neither Users nor Groups can be filtered on " + String.join(", ", unknownToBoth) + ".");
        }
        int offset = request.startIndex() - 1;
        ScimUserService.Listed userPage = users.page(orgId, userQuery, userCondition, null, offset, request.count());
        int groupOffset = (int) Math.max(0, offset - userPage.total());
        ScimGroupService.Listed groupPage = groups.page(orgId, groupQuery, groupCondition, null, groupOffset,
                request.count() - userPage.users().size());
        return new Found(userPage.json(base), groupPage.json(base), userPage.total() + groupPage.total());
    }
}
