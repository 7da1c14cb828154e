package dev.steadfast.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Records who changed what, inside the caller's transaction so the record and the change commit together. */
@ApplicationScoped
public class AuditLog {

    public static final String SYSTEM = "system";

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, String detail) {
        AuditEvent event = new AuditEvent();
        event.createdAt = Instant.now();
        event.actor = actor;
        event.action = action;
        event.target = target;
        event.detail = detail;
        event.persist();
    }
}
