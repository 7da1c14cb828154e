package dev.steadfast.project.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A registered project, in the catalog ({@code projects}, catalog V2). Its data is in its own file. */
@Entity
@Table(name = "projects")
public class Project extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectStatus status;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The ids of ACTIVE projects, oldest first. Native SQL on purpose: boot runs this, and an HQL
     * query would load and warm up Hibernate's query parser just for it (see {@code User.findByUsername}).
     */
    @SuppressWarnings("unchecked")
    public static List<String> activeIds() {
        return getEntityManager()
                .createNativeQuery("SELECT id FROM projects WHERE status = ?1 ORDER BY created_at, id", String.class)
                .setParameter(1, ProjectStatus.ACTIVE.name())
                .getResultList();
    }

    /** The ids of projects whose file is in {@code projects/} (ACTIVE and ARCHIVED). Native SQL, as above. */
    @SuppressWarnings("unchecked")
    public static List<String> idsWithAFile() {
        return getEntityManager()
                .createNativeQuery("SELECT id FROM projects WHERE status <> ?1", String.class)
                .setParameter(1, ProjectStatus.PURGED.name())
                .getResultList();
    }
}
