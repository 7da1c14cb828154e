package dev.steadfast.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestrator manifest and the images keep the promises operators rely on. */
class DeploymentFilesTest {

    @Test
    void shouldRunOneWriterWithProbesSecretsAndAReadOnlyRoot() throws Exception {
        String manifest = Files.readString(Path.of("src/main/kubernetes/steadfast.yaml"));
        for (String promise : new String[] {
                "replicas: 1", "type: Recreate", "kind: PersistentVolumeClaim", "mountPath: /data",
                "path: /q/health/started", "path: /q/health/ready", "path: /q/health/live",
                "STEADFAST_ADMIN_PASSWORD_FILE", "secretName: steadfast-admin",
                "runAsNonRoot: true", "readOnlyRootFilesystem: true", "requests:", "limits:", "failureThreshold: 180"}) {
            assertTrue(manifest.contains(promise), "manifest lacks: " + promise);
        }
    }

    @Test
    void shouldBuildNonRootImagesWithADataVolume() throws Exception {
        for (String file : new String[] {"src/main/docker/Dockerfile.jvm", "src/main/docker/Dockerfile.native"}) {
            String dockerfile = Files.readString(Path.of(file));
            for (String promise : new String[] {"USER 1001", "STEADFAST_DATA_DIR=/data", "VOLUME", "EXPOSE 8080", "docker build", "docker run"}) {
                assertTrue(dockerfile.contains(promise), file + " lacks: " + promise);
            }
        }
    }
}
