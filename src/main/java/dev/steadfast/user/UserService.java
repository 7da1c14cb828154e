package dev.steadfast.user;

import dev.steadfast.audit.AuditLog;
import dev.steadfast.auth.Caller;
import dev.steadfast.auth.PasswordHasher;
import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.auth.TokenService;
import dev.steadfast.common.Page;
import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.common.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Users: creation, changes and removal, keeping at least one active admin at all times. */
@ApplicationScoped
@Transactional
public class UserService {

    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TokenService tokens;
    private final AuditLog audit;
    /** The admin the service keeps alive, by name. */
    private final String configuredAdmin;

    UserService(PasswordHasher hasher, PasswordPolicy policy, TokenService tokens, AuditLog audit, SteadfastConfig config) {
        this.hasher = hasher;
        this.policy = policy;
        this.tokens = tokens;
        this.audit = audit;
        this.configuredAdmin = config.admin().username().strip();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserView> list(int page, int size) {
        var query = User.findAll(Sort.ascending("id")).page(page, size);
        return new Page<>(query.<User>list().stream().map(UserView::of).toList(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserView get(long id) {
        return UserView.of(find(id));
    }

    public UserView create(CreateUserRequest request, Caller caller) {
        checkPassword("password", request.password());
        if (User.findByUsername(request.username()).isPresent()) {
            throw ProblemException.conflict("A user named '" + request.username() + "' already exists (names ignore case).");
        }
        if (wasDeleted(request.username()) && !request.username().equalsIgnoreCase(configuredAdmin)) {
            // Tasks, change requests, approvals and runs name their people by username: a new user
            // under that name would become the author of what the deleted one did. The configured
            // admin is the exception, as the service itself re-creates it under its name.
            throw ProblemException.conflict("'" + request.username() + "' was the name of a deleted user, whose work in"
                    + " projects is still recorded under it (names ignore case); choose another name.");
        }
        User user = new User();
        user.username = request.username();
        user.email = blankToNull(request.email());
        user.displayName = request.displayName() == null ? "" : request.displayName().strip();
        user.passwordHash = hasher.hash(request.password());
        user.role = request.role();
        user.active = true;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        user.persistAndFlush();
        audit.record(caller.username(), "user.created", user.username, "role=" + user.role);
        return UserView.of(user);
    }

    public UserView update(long id, UpdateUserRequest request, Caller caller) {
        User user = find(id);
        boolean losesAdmin = (request.role() != null && request.role() != Role.ADMIN)
                || Boolean.FALSE.equals(request.active());
        if (losesAdmin) {
            requireAnotherActiveAdmin(user, "disabled or demoted");
        }
        String email = request.email() == null ? user.email : blankToNull(request.email());
        String displayName = request.displayName() == null ? user.displayName : request.displayName().strip();
        Role role = request.role() == null ? user.role : request.role();
        boolean active = request.active() == null ? user.active : request.active();
        if (request.password() == null && Objects.equals(email, user.email) && Objects.equals(displayName, user.displayName)
                && role == user.role && active == user.active) {
            return UserView.of(user); // nothing to change: no write, no audit entry, same updatedAt
        }
        if (request.password() != null) {
            checkPassword("password", request.password());
            user.passwordHash = hasher.hash(request.password());
            tokens.revokeAllOf(user.id, null);
        }
        if (user.active && !active) {
            // Revoked, not only refused while inactive: re-enabling the user must not bring back a
            // token that leaked before it was disabled.
            tokens.revokeAllOf(user.id, null);
        }
        user.email = email;
        user.displayName = displayName;
        user.role = role;
        user.active = active;
        user.updatedAt = Instant.now();
        tokens.userChanged(user.id);
        audit.record(caller.username(), "user.updated", user.username, request.toString());
        return UserView.of(user);
    }

    public void delete(long id, Caller caller) {
        User user = find(id);
        requireAnotherActiveAdmin(user, "deleted");
        tokens.userChanged(user.id); // its tokens go with it (ON DELETE CASCADE)
        user.delete();
        audit.record(caller.username(), "user.deleted", user.username, null);
    }

    public void changeOwnPassword(Caller caller, ChangePasswordRequest request) {
        User user = find(caller.userId());
        if (!hasher.verify(request.currentPassword(), user.passwordHash)) {
            throw ProblemException.invalid("currentPassword", "is not your current password");
        }
        checkPassword("newPassword", request.newPassword());
        user.passwordHash = hasher.hash(request.newPassword());
        user.updatedAt = Instant.now();
        tokens.revokeAllOf(user.id, caller.tokenId()); // other sessions end; this one goes on
        audit.record(caller.username(), "user.password-changed", user.username, null);
    }

    /** Whether a user of this name (in any case) was deleted: the audit log keeps every deletion. */
    private static boolean wasDeleted(String username) {
        return !User.getEntityManager()
                .createNativeQuery("SELECT 1 FROM audit_events WHERE action = 'user.deleted' AND target = ?1 COLLATE NOCASE LIMIT 1")
                .setParameter(1, username).getResultList().isEmpty();
    }

    private void requireAnotherActiveAdmin(User user, String what) {
        if (user.isActiveAdmin() && User.countActiveAdmins() <= 1) {
            throw ProblemException.conflict("'" + user.username + "' is the last active admin and cannot be " + what
                    + "; make another user an active admin first.");
        }
    }

    /**
     * The password policy's error for {@code field}, for the resource to give with the body's other
     * errors; none for an absent password, which the body's own rules cover.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> passwordErrors(String field, String password) {
        return password == null ? Map.of() : policy.violation(password).map(message -> Map.of(field, message)).orElse(Map.of());
    }

    private void checkPassword(String field, String password) {
        policy.violation(password).ifPresent(message -> {
            throw ProblemException.invalid(field, message);
        });
    }

    private static User find(long id) {
        return User.<User>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No user with id " + id + "."));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
