package dev.steadfast.auth;

import dev.steadfast.TestApi;
import dev.steadfast.TestApi.TestUser;
import dev.steadfast.user.Role;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resolved tokens are cached for a few seconds, yet every change to what a token stands for
 * takes effect on the very next request. Each test first uses the token, so it is in the cache.
 */
@QuarkusTest
class TokenCacheInvalidationTest {

    @Inject
    TokenCache cache;

    @Test
    void shouldAnswerARepeatedTokenFromTheCache() {
        TestUser user = TestApi.createUser("USER");
        me(user.token(), 200);
        assertTrue(cache.get(TokenService.sha256(user.token())).isPresent(), "the resolved token is cached");
        me(user.token(), 200);
    }

    @Test
    void shouldRefuseARevokedTokenOnTheNextRequest() {
        TestUser user = TestApi.createUser("USER");
        me(user.token(), 200);
        given().auth().oauth2(user.token()).when().delete("/api/auth/tokens/current").then().statusCode(204);
        me(user.token(), 401);
    }

    @Test
    void shouldRefuseADisabledUsersTokenOnTheNextRequestAndNeverHonourItAgain() {
        TestUser user = TestApi.createUser("USER");
        me(user.token(), 200);
        patch(user, Map.of("active", false));
        me(user.token(), 401);
        // Disabling a user is how a leaked token is cut off: enabling the user again does not revive it.
        patch(user, Map.of("active", true));
        me(user.token(), 401);
        me(TestApi.token(user.username(), user.password()), 200);
    }

    @Test
    void shouldApplyARoleChangeOnTheNextRequest() {
        TestUser user = TestApi.createUser("USER");
        users(user.token(), 403);
        patch(user, Map.of("role", "ADMIN"));
        users(user.token(), 200);
        patch(user, Map.of("role", "USER"));
        users(user.token(), 403);
    }

    @Test
    void shouldRefuseTokensOnTheNextRequestAfterAnAdminResetsThePassword() {
        TestUser user = TestApi.createUser("USER");
        me(user.token(), 200);
        patch(user, Map.of("password", "new-" + UUID.randomUUID()));
        me(user.token(), 401);
    }

    @Test
    void shouldEndOtherSessionsButKeepThisOneWhenUsersChangeTheirOwnPassword() {
        TestUser user = TestApi.createUser("USER");
        String other = TestApi.token(user.username(), user.password());
        me(other, 200);
        me(user.token(), 200);
        given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "new-" + UUID.randomUUID()))
                .when().put("/api/users/me/password").then().statusCode(204);
        me(other, 401);
        me(user.token(), 200);
    }

    @Test
    void shouldRefuseADeletedUsersTokenOnTheNextRequest() {
        TestUser user = TestApi.createUser("USER");
        me(user.token(), 200);
        given().auth().oauth2(TestApi.adminToken()).when().delete("/api/users/" + user.id()).then().statusCode(204);
        me(user.token(), 401);
    }

    @Test
    void shouldNotCacheALookupThatRacedWithAChangeNorServeAnExpiredToken() {
        Caller caller = new Caller(-1, "nobody", Role.USER, -1);
        long before = cache.generation();
        cache.invalidateUser(-2); // a change commits while the lookup is reading the catalog
        cache.put("raced", caller, Instant.now().plusSeconds(60), before);
        assertTrue(cache.get("raced").isEmpty(), "what a lookup read before a change is not kept");

        cache.put("expired", caller, Instant.now().minusMillis(1), cache.generation());
        assertTrue(cache.get("expired").isEmpty(), "a token past its expiry is never answered from the cache");
    }

    private static void me(String token, int status) {
        given().auth().oauth2(token).when().get("/api/users/me").then().log().ifValidationFails().statusCode(status);
    }

    private static void users(String token, int status) {
        given().auth().oauth2(token).when().get("/api/users").then().log().ifValidationFails().statusCode(status);
    }

    private static void patch(TestUser user, Map<String, Object> changes) {
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON).body(changes)
                .when().patch("/api/users/" + user.id()).then().log().ifValidationFails().statusCode(200);
    }
}
