package dev.steadfast.project.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Objects;

/** Reads and sets a project's control state, inside the project the request entered. */
@ApplicationScoped
@Transactional
public class ControlService {

    @Transactional(Transactional.TxType.SUPPORTS)
    public ControlView get() {
        return ControlView.of(ControlState.current());
    }

    public ControlView update(UpdateControlRequest request) {
        ControlState state = ControlState.current();
        if (state.paused == request.paused() && state.maxAttempts == request.maxAttempts()) {
            return ControlView.of(state); // already so: same updatedAt
        }
        state.paused = request.paused();
        state.maxAttempts = request.maxAttempts();
        state.updatedAt = Instant.now();
        return ControlView.of(state);
    }

    /** Keeps the file's own project row in step with the registry; writes nothing when it already is. */
    public void rename(String projectId, String name, String description, Instant now) {
        ProjectInfo info = ProjectInfo.findById(projectId);
        if (info != null && !(name.equals(info.name) && Objects.equals(description, info.description))) {
            info.name = name;
            info.description = description;
            info.updatedAt = now;
        }
    }
}
