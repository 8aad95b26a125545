package dev.kaigi.user.csvimport;

import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.csvimport.ImportRowReader.ImportedUser;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The users a chunk's rows may collide with, loaded in two queries: live users with the rows'
 * addresses in any organization (an address belongs to one organization, ORG-05), and the
 * organization's users with the rows' ids.
 */
final class ExistingUsers {

    private final Map<String, UserAccount> liveByEmailKey = new HashMap<>();
    private final Map<UUID, UserAccount> inOrganizationById = new HashMap<>();

    static ExistingUsers load(UserRepository users, UUID orgId, List<ImportedUser> rows) {
        ExistingUsers existing = new ExistingUsers();
        List<String> keys = rows.stream().map(r -> UserAccount.emailKey(r.email())).distinct().toList();
        List<UUID> ids = rows.stream().map(ImportedUser::userId).filter(Objects::nonNull).distinct().toList();
        if (!keys.isEmpty()) {
            users.list("emailKey in ?1 and status <> ?2", keys, UserStatus.DELETED)
                    .forEach(u -> existing.liveByEmailKey.put(u.emailKey, u));
        }
        if (!ids.isEmpty()) {
            users.list("orgId = ?1 and id in ?2 and status <> ?3", orgId, ids, UserStatus.DELETED)
                    .forEach(u -> existing.inOrganizationById.put(u.id, u));
        }
        return existing;
    }

    UserAccount live(String emailKey) {
        return liveByEmailKey.get(emailKey);
    }

    UserAccount inOrganization(UUID id) {
        return inOrganizationById.get(id);
    }
}
