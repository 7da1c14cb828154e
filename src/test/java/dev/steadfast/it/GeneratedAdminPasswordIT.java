package dev.steadfast.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** First boot with no admin password configured: the password is handed over through a private file. */
class GeneratedAdminPasswordIT {

    @Test
    void firstBootWithoutConfiguredPasswordWritesAPrivatePasswordFileAndLogsOnlyItsPath() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("generated-password").resolve("data");
        Path file = dataDir.resolve("initial-admin-password");
        try (ServiceProcess service = ServiceProcess.start("generated", dataDir, ServiceProcess.env())
                .awaitReady(Duration.ofSeconds(60))) {
            assertTrue(Files.isRegularFile(file), "no " + file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String content = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(content.endsWith("\n"), "one line");
            String password = content.strip();
            assertTrue(password.length() >= 12, "a generated password meets the policy");

            String log = service.log();
            assertTrue(log.contains(file.toString()), "the log names the file\n" + service.logTail());
            assertFalse(log.contains(password), "the log contains the generated password");

            Api api = new Api(service);
            api.health("ready").statusCode(200)
                    .body(Api.check("admin-bootstrap") + ".data.lastAction", containsString(file.toString()));
            String token = api.token("admin", password);
            api.as(token).when().get("/api/users/me").then().log().ifValidationFails()
                    .statusCode(200).body("username", equalTo("admin")).body("role", equalTo("ADMIN"));
            service.stop();
        }
    }
}
