package dev.steadfast.artifact;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.ListFilters;
import dev.steadfast.common.Page;
import dev.steadfast.common.Problem;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.run.Run;
import dev.steadfast.run.RunService;
import dev.steadfast.task.TaskService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Artifacts of the project the request entered: stored once with their size and SHA-256, never
 * changed afterwards, listed by metadata and downloaded byte for byte.
 */
@ApplicationScoped
@Transactional
public class ArtifactService {

    private final long maxBytes;

    ArtifactService(SteadfastConfig config) {
        this.maxBytes = config.projects().maxArtifactBytes();
    }

    /** The largest content accepted, in bytes ({@code steadfast.projects.max-artifact-bytes}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long maxBytes() {
        return maxBytes;
    }

    /** The 413 for content beyond the limit; {@code size} is null when reading stopped at the limit. */
    public ProblemException tooLarge(Long size) {
        return new ProblemException(Problem.of(413, "content-too-large", "Content Too Large",
                (size == null ? "The artifact is larger than the limit of " + maxBytes + " bytes"
                        : "The artifact is " + size + " bytes; the limit is " + maxBytes + " bytes")
                        + " (steadfast.projects.max-artifact-bytes). Nothing was stored."));
    }

    public ArtifactView create(ArtifactUpload upload, Caller caller) {
        if (upload.content().length > maxBytes) {
            throw tooLarge((long) upload.content().length);
        }
        Artifact artifact = new Artifact();
        if (upload.taskId() != null) {
            artifact.task = TaskService.find(upload.taskId());
        }
        if (upload.runId() != null) {
            Run run = RunService.find(upload.runId());
            if (artifact.task != null && !artifact.task.id.equals(run.task.id)) {
                throw ProblemException.invalid("runId", "run " + run.id + " belongs to task " + run.task.id
                        + ", not to task " + artifact.task.id);
            }
            artifact.run = run;
            artifact.task = run.task; // a run's output is its task's too: ?taskId= lists it
        }
        artifact.type = upload.type();
        artifact.name = upload.name().strip();
        artifact.mediaType = upload.mediaType();
        artifact.content = upload.content();
        artifact.size = upload.content().length;
        artifact.sha256 = sha256(upload.content());
        artifact.createdBy = caller.username();
        artifact.createdAt = Instant.now();
        artifact.persist();
        return ArtifactView.of(artifact);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ArtifactView> list(int page, int size, ArtifactType type, Long taskId, Long runId) {
        // Artifacts stored with a run only, before its task was recorded with them, count as its task's too.
        ListFilters filters = new ListFilters().equal("type", type)
                .equalOr("task.id", "(task is null and run.id in (select r.id from Run r where r.task.id = :%s))", taskId)
                .equal("run.id", runId);
        var query = Artifact.find(filters.where(), Sort.ascending("id"), filters.params()).page(page, size);
        return new Page<>(query.<Artifact>list().stream().map(ArtifactView::of).toList(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ArtifactView get(long id) {
        return ArtifactView.of(find(id));
    }

    /** The stored bytes; read apart from the metadata so a 304 never loads them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] content(long id) {
        return find(id).content;
    }

    private static Artifact find(long id) {
        return Artifact.<Artifact>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No artifact with id " + id + " in this project."));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
