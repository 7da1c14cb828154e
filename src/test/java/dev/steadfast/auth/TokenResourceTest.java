package dev.steadfast.auth;

import dev.steadfast.TestApi;
import dev.steadfast.TestApi.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TokenResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldIssueA256BitTokenWithItsExpiry() {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", TestApi.ADMIN, "password", TestApi.ADMIN_PASSWORD, "name", "cli", "ttlSeconds", 3600))
                .when().post("/api/auth/tokens")
                .then().log().ifValidationFails().statusCode(201)
                .header("Cache-Control", "no-store") // a secret: no cache may keep it
                .body("token", startsWith("sft_"))
                .body("expiresAt", notNullValue())
                .extract().path("token");
        byte[] secret = Base64.getUrlDecoder().decode(token.substring("sft_".length()));
        assertTrue(secret.length * 8 >= 256, "token carries at least 256 random bits");
    }

    @Test
    void shouldAcceptUsernamesInAnyCase() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "ADMIN", "password", TestApi.ADMIN_PASSWORD))
                .when().post("/api/auth/tokens")
                .then().statusCode(201);
    }

    @Test
    void shouldStoreOnlyTheSha256OfATokenNeverTheToken() throws SQLException {
        String token = TestApi.adminToken();
        assertEquals(0, count("SELECT count(*) FROM api_tokens WHERE token_hash = ? OR name = ?", token, token));
        assertEquals(1, count("SELECT count(*) FROM api_tokens WHERE token_hash = ?", TokenService.sha256(token)));
    }

    @Test
    void shouldAnswerUnknownUserAndWrongPasswordAlike() {
        String unknownUser = given().contentType(ContentType.JSON)
                .body(Map.of("username", "nobody-" + System.nanoTime(), "password", "whatever-password"))
                .when().post("/api/auth/tokens")
                .then().statusCode(401).contentType("application/problem+json")
                .extract().asString();
        String wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("username", TestApi.ADMIN, "password", "not-the-password"))
                .when().post("/api/auth/tokens")
                .then().statusCode(401).contentType("application/problem+json")
                .extract().asString();
        assertEquals(unknownUser, wrongPassword);
    }

    @Test
    void shouldSignInOnlyWithTheWholePasswordNotItsFirst72Bytes() {
        String username = "long-" + System.nanoTime();
        String password = "p".repeat(72);
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "role", "USER"))
                .when().post("/api/users").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password + "X"))
                .when().post("/api/auth/tokens").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/auth/tokens").then().statusCode(201);
        // Short as typed, but far longer than 72 bytes as bcrypt is given it (NFKC): refused, nothing stored.
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username + "-nfkc", "password", "\ufdfa".repeat(12), "role", "USER"))
                .when().post("/api/users").then().statusCode(400)
                .body("errors.password", equalTo("must be at most 72 bytes long (UTF-8, after Unicode NFKC normalization)"));
        given().auth().oauth2(TestApi.adminToken()).when().get("/api/users?size=200").then().statusCode(200)
                .body("items.username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(username + "-nfkc")));
    }

    @Test
    void shouldRefuseTokensToADisabledUserAndStopHonouringTheirTokens() {
        TestUser user = TestApi.createUser("USER");
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("active", false))
                .when().patch("/api/users/" + user.id()).then().statusCode(200);
        given().auth().oauth2(user.token()).when().get("/api/users/me").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", user.username(), "password", user.password()))
                .when().post("/api/auth/tokens")
                .then().statusCode(401);
    }

    @Test
    void shouldRejectInvalidTokenRequests() {
        given().contentType(ContentType.JSON).body(Map.of("username", "admin"))
                .when().post("/api/auth/tokens")
                .then().statusCode(400).body("errors.password", equalTo("is required"));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD, "ttlSeconds", -5))
                .when().post("/api/auth/tokens")
                .then().statusCode(400).body("errors.ttlSeconds", equalTo("must be positive"));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD, "ttlSeconds", 999_999_999))
                .when().post("/api/auth/tokens")
                .then().statusCode(400).body("errors.ttlSeconds", startsWith("must be at most"));
        given().contentType(ContentType.JSON)
                .when().post("/api/auth/tokens")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseATokenNameWithALineBreakOrControlCharacterAndIssueNothing() throws SQLException {
        for (String name : List.of("ci\nAdmin logged in", "tab\tbed", "esc\u001b[2J", "sep\u2029arator")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", TestApi.ADMIN, "password", TestApi.ADMIN_PASSWORD, "name", name))
                    .when().post("/api/auth/tokens")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.name", equalTo("must be a single line without control characters"))
                    .body("$", not(hasKey("token")));
            assertEquals(0, count("SELECT count(*) FROM api_tokens WHERE name = ?", name));
        }
    }

    @Test
    void shouldRevokeTheCurrentToken() {
        String token = TestApi.adminToken();
        given().auth().oauth2(token).when().get("/api/users/me").then().statusCode(200);
        given().auth().oauth2(token).when().delete("/api/auth/tokens/current").then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void shouldRejectAnExpiredToken() throws SQLException {
        String token = TestApi.adminToken();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET expires_at = ? WHERE token_hash = ?")) {
            s.setLong(1, Instant.now().minus(1, ChronoUnit.SECONDS).toEpochMilli());
            s.setString(2, TokenService.sha256(token));
            assertEquals(1, s.executeUpdate());
        }
        given().auth().oauth2(token).when().get("/api/users/me")
                .then().statusCode(401).body("detail", equalTo("The bearer token is unknown, expired or revoked."));
    }

    @Test
    void shouldRequireATokenForRevocation() {
        given().when().delete("/api/auth/tokens/current")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private long count(String sql, String... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
