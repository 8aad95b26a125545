package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.directory.TeamUserRoles;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.csvimport.ImportRowReader.ImportedUser;
import dev.kaigi.user.directory.Organization;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserEvents;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.invitation.InvitationService;
import dev.kaigi.user.licensing.Seats;
import dev.kaigi.user.team.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.kaigi.user.csvimport.ImportColumn.LAST_NAME;
import static dev.kaigi.user.csvimport.ImportColumn.USER_TYPE;

/**
 * Imports one chunk of rows in the caller's transaction (BLK-01…03). Rows are decided in file
 * order against the users that exist; the new users' seats are then taken in one call per licence
 * type, so rows past the last free seat are skipped with {@code no-seat-left}; the users, their
 * invitations, events and audit entries are written in batches.
 */
@ApplicationScoped
public class ImportChunk {

    /** What the chunk did. */
    public record Totals(int added, int updated, List<RowOutcome> notImported) {
    }

    @Inject
    ImportRowReader reader;
    @Inject
    ImportProfiles importProfiles;
    @Inject
    TeamRepository teams;
    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    InvitationService invitations;
    @Inject
    Seats seats;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    @Transactional(Transactional.TxType.MANDATORY)
    public Totals process(UserImport job, List<ImportFile.Row> rows) {
        Decisions decisions = new Decisions(job, importProfiles.of(job.orgId), ImportTeams.of(teams.allOf(job.orgId)));
        List<ImportedUser> readable = new ArrayList<>(rows.size());
        for (ImportFile.Row row : rows) {
            ImportRowReader.Result result = reader.read(row);
            if (result.failure() != null) {
                decisions.notImported.add(result.failure());
            } else {
                readable.add(result.user());
            }
        }
        decisions.existing = ExistingUsers.load(users, job.orgId, readable);
        readable.forEach(decisions::decide);

        List<UserAccount> added = addWithSeats(job, decisions);
        int updated = decisions.applyUpdates();
        audit.recordAll(decisions.audit);
        outbox.publishAll(decisions.events);
        decisions.notImported.sort(java.util.Comparator.comparingInt(RowOutcome::row));
        return new Totals(added.size(), updated, decisions.notImported);
    }

    /** Takes seats for the planned new users, one call per licence type, and saves those who got one. */
    private List<UserAccount> addWithSeats(UserImport job, Decisions decisions) {
        Organization org = organizations.findById(job.orgId);
        String ownDomain = users.findById(org.superAdminUserId).emailDomain();
        List<UserAccount> seated = new ArrayList<>();
        for (SeatPool pool : SeatPool.values()) {
            List<NewUser> wanting = decisions.additions.stream().filter(n -> n.account.userType.name().equals(pool.name())).toList();
            if (wanting.isEmpty()) {
                continue;
            }
            Set<UUID> taken;
            try {
                taken = seats.takeAll(job.orgId, pool, wanting.stream().map(n -> n.account.id).toList());
            } catch (ProblemException refusedWhole) {
                if (refusedWhole.status() != 409) {
                    throw refusedWhole; // licensing unavailable: the worker retries the chunk
                }
                taken = Set.of(); // BLK-03: team licences off or not on this plan
                for (NewUser n : wanting) {
                    decisions.notImported.add(RowOutcome.skipped(n.row, refusedWhole.code(), n.account.email));
                }
                continue;
            }
            for (NewUser n : wanting) {
                if (taken.contains(n.account.id)) {
                    seated.add(n.account);
                } else {
                    decisions.notImported.add(RowOutcome.skipped(n.row, "no-seat-left", n.account.email));
                }
            }
        }
        seated.sort(java.util.Comparator.comparing(u -> u.createdAt));
        for (UserAccount u : seated) {
            u.status = u.emailDomain().equals(ownDomain) ? UserStatus.ACTIVE : UserStatus.INVITED; // INV-04
            users.persist(u);
        }
        for (UserAccount u : seated) {
            decisions.events.add(u.status == UserStatus.ACTIVE
                    ? UserEvents.joined(u, JoinedVia.SAME_DOMAIN)
                    : invitations.issueFirst(u, org, job.createdBy, job.locale));
            decisions.audit.add(new AuditLog.Entry(job.orgId, job.createdBy, AuditLog.Action.USER_ADDED, u.id, null,
                    Map.of("email", u.email, "role", u.role, "userType", u.userType, "status", u.status, "importId", job.id)));
        }
        return seated;
    }

    /** A user the file adds, with the row it came from. */
    private record NewUser(int row, UserAccount account) {
    }

    /** A user the file updates, with the row it came from. */
    private record Update(ImportedUser row, UserAccount target) {
    }

    /** The per-row decisions of one chunk and what they will write. */
    private final class Decisions {
        final UserImport job;
        final ImportProfiles.OfOrganization profiles;
        final ImportTeams teamsByName;
        final List<RowOutcome> notImported = new ArrayList<>();
        final List<NewUser> additions = new ArrayList<>();
        final List<Update> updates = new ArrayList<>();
        final List<EventPayload> events = new ArrayList<>();
        final List<AuditLog.Entry> audit = new ArrayList<>();
        final Set<String> emailsSeen = new HashSet<>();
        final Set<UUID> idsSeen = new HashSet<>();
        ExistingUsers existing;
        private long order;

        Decisions(UserImport job, ImportProfiles.OfOrganization profiles, ImportTeams teamsByName) {
            this.job = job;
            this.profiles = profiles;
            this.teamsByName = teamsByName;
        }

        void decide(ImportedUser u) {
            String key = UserAccount.emailKey(u.email());
            // both sets must learn this row, hence | and not ||: a later row repeating either key is a repeat
            boolean repeated = !emailsSeen.add(key) | (u.userId() != null && !idsSeen.add(u.userId()));
            UserAccount byId = u.userId() == null ? null : existing.inOrganization(u.userId());
            UserAccount byEmail = existing.live(key);
            boolean duplicateById = byId != null && job.skipDuplicatesBy == UserImport.DuplicateKey.USER_ID;
            boolean duplicateByEmail = (repeated || (byEmail != null && job.orgId.equals(byEmail.orgId)))
                    && job.skipDuplicatesBy == UserImport.DuplicateKey.EMAIL;
            if (duplicateById || duplicateByEmail) {
                notImported.add(RowOutcome.skipped(u.row(), "duplicate", u.email()));
            } else if (repeated) {
                notImported.add(RowOutcome.failed(u.row(), "duplicate-in-file", ImportColumn.EMAIL.header(), u.email()));
            } else if (job.mode == UserImport.Mode.UPSERT && (byId != null || u.userId() != null)) {
                planUpdateById(u, byId);
            } else if (job.mode == UserImport.Mode.UPSERT && byEmail != null && job.orgId.equals(byEmail.orgId)) {
                planUpdate(u, byEmail);
            } else if (byEmail != null) {
                notImported.add(RowOutcome.failed(u.row(), "email-taken", ImportColumn.EMAIL.header(), u.email())); // ORG-05
            } else {
                planAddition(u);
            }
        }

        private void planUpdateById(ImportedUser u, UserAccount target) {
            if (target == null) {
                notImported.add(RowOutcome.failed(u.row(), "unknown-reference", ImportColumn.USER_ID.header(), u.email()));
            } else if (!target.emailKey.equals(UserAccount.emailKey(u.email()))) {
                notImported.add(RowOutcome.failed(u.row(), "email-not-editable", ImportColumn.EMAIL.header(), u.email()));
            } else {
                planUpdate(u, target);
            }
        }

        private void planUpdate(ImportedUser u, UserAccount target) {
            if (target.userType == UserType.TEAM) {
                notImported.add(RowOutcome.skipped(u.row(), "team-user-not-updatable", u.email())); // BLK-03
            } else if (u.userType() != null && u.userType() != target.userType) {
                notImported.add(RowOutcome.failed(u.row(), "user-type-not-editable", USER_TYPE.header(), u.email()));
            } else {
                updates.add(new Update(u, target));
            }
        }

        private void planAddition(ImportedUser u) {
            if (u.cell(LAST_NAME) == null) {
                notImported.add(RowOutcome.failed(u.row(), "required", LAST_NAME.header(), u.email()));
                return;
            }
            UserType type = u.userType() == null ? UserType.REGULAR : u.userType();
            if (!TeamUserRoles.allows(type, u.role())) {
                notImported.add(RowOutcome.failed(u.row(), TeamUserRoles.CODE, ImportColumn.ROLE.header(), u.email()));
                return;
            }
            ImportProfiles.Resolved profile = profiles.resolve(u.cell(ImportColumn.PERMISSION_PROFILE), type);
            if (profile.failure() != null) {
                notImported.add(RowOutcome.failed(u.row(), profile.failure(), ImportColumn.PERMISSION_PROFILE.header(), u.email()));
                return;
            }
            ImportTeams.Resolved teamIds = teamsByName.resolve(u.cell(ImportColumn.TEAMS));
            if (teamIds.unknown() != null) {
                notImported.add(RowOutcome.failed(u.row(), "unknown-reference", ImportColumn.TEAMS.header(), u.email()));
                return;
            }
            UserAccount account = new UserAccount();
            account.id = UUID.randomUUID();
            account.orgId = job.orgId;
            account.setEmail(u.email());
            account.role = u.role() == null ? Role.MEMBER : u.role();
            account.userType = type;
            account.permissionProfileId = profile.id();
            account.createdAt = Instant.now().plusNanos(1000 * order++); // creation order = file order (USR-03)
            ImportedProfileFields.apply(u, account);
            account.teamIds.addAll(teamIds.ids());
            additions.add(new NewUser(u.row(), account));
        }

        /** Applies the planned updates; returns how many users changed. Unchanged rows are reported as skipped. */
        int applyUpdates() {
            int changed = 0;
            UUID superAdmin = organizations.findById(job.orgId).superAdminUserId;
            for (Update update : updates) {
                ImportedUser u = update.row();
                UserAccount target = update.target();
                if (u.role() != null && u.role() != Role.OWNER && target.id.equals(superAdmin)) {
                    notImported.add(RowOutcome.failed(u.row(), "super-admin-transfer-required", ImportColumn.ROLE.header(), u.email())); // ORG-02
                    continue;
                }
                ImportProfiles.Resolved profile = u.cell(ImportColumn.PERMISSION_PROFILE) == null
                        ? new ImportProfiles.Resolved(target.permissionProfileId, null)
                        : profiles.resolve(u.cell(ImportColumn.PERMISSION_PROFILE), target.userType);
                if (profile.failure() != null) {
                    notImported.add(RowOutcome.failed(u.row(), profile.failure(), ImportColumn.PERMISSION_PROFILE.header(), u.email()));
                    continue;
                }
                ImportTeams.Resolved teamIds = teamsByName.resolve(u.cell(ImportColumn.TEAMS));
                if (teamIds.unknown() != null) {
                    notImported.add(RowOutcome.failed(u.row(), "unknown-reference", ImportColumn.TEAMS.header(), u.email()));
                    continue;
                }
                ImportedProfileFields.Changes changes = ImportedProfileFields.update(u, target, profile.id(),
                        u.cell(ImportColumn.TEAMS) == null ? null : teamIds.ids());
                if (changes.fields().isEmpty()) {
                    notImported.add(RowOutcome.skipped(u.row(), "unchanged", u.email()));
                    continue;
                }
                changed++;
                events.add(UserEvents.updated(target, changes.fields()));
                audit.add(new AuditLog.Entry(job.orgId, job.createdBy, AuditLog.Action.PROFILE_UPDATED, target.id,
                        changes.before(), changes.after()));
            }
            return changed;
        }
    }
}
