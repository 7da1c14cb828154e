package dev.steadfast.common;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each constraint the service uses keeps its Bean Validation meaning; any other is refused, not skipped. */
class BodyConstraintsTest {

    public record Sample(
            @NotNull(message = "is required") @Size(min = 2, max = 3, message = "must be 2 to 3 characters")
            @Pattern(regexp = "[a-z\uD83D\uDE00]*", message = "lower case") @Pattern(regexp = ".*a.*", message = "needs an a")
            String name,
            @NotBlank(message = "is blank") String label,
            @Min(value = 0, message = "too small") @Max(value = 9, message = "too large") Integer level,
            @Positive(message = "must be positive") Long ttl,
            @Email(message = "not an address") String email,
            Long left,
            Long right) {

        @AssertTrue(message = "exactly one of left and right")
        public boolean isOneSide() {
            return (left == null) != (right == null);
        }
    }

    public record Dated(@Past(message = "in the past") java.time.Instant when) {
    }

    public record SizedNumber(@Size(max = 3, message = "short") Long count) {
    }

    public record FlaggedPattern(@Pattern(regexp = "a", flags = Pattern.Flag.CASE_INSENSITIVE, message = "a") String text) {
    }

    private static final String SMILE = "\uD83D\uDE00";

    @Test
    void shouldPassABodyKeepingEveryConstraintAndReturnIt() {
        Sample valid = new Sample("ab", "x", 9, 1L, "carol@example.org", 1L, null);
        assertSame(valid, BodyConstraints.check(valid));
        // a character outside the BMP counts once, and absent optional values pass
        BodyConstraints.check(new Sample("a" + SMILE, " x ", 0, null, null, null, 2L));
        BodyConstraints.check(new Sample("aa", "x", null, null, "", 1L, null)); // "" is no address: it clears one
    }

    @Test
    void shouldNameEveryInvalidFieldWithAllItsMessagesInAFixedOrder() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> BodyConstraints.check(new Sample("XYZW", " \t", 10, 0L, "not-an-email", null, null)));
        assertEquals(400, refused.problem().status());
        assertEquals("/problems/validation", refused.problem().type());
        assertEquals(Map.of(
                "name", "lower case; must be 2 to 3 characters; needs an a",
                "label", "is blank",
                "level", "too large",
                "ttl", "must be positive",
                "email", "not an address",
                "oneSide", "exactly one of left and right"), refused.problem().errors());

        assertEquals(Map.of("name", "is required", "label", "is blank", "level", "too small"),
                assertThrows(ProblemException.class, () -> BodyConstraints.check(new Sample(null, null, -1, null, null, 1L, null)))
                        .problem().errors());
    }

    @Test
    void shouldRequireABody() {
        assertEquals(Map.of("request", BodyConstraints.BODY_REQUIRED),
                assertThrows(ProblemException.class, () -> BodyConstraints.check(null)).problem().errors());
    }

    @Test
    void shouldRefuseAConstraintItDoesNotCheckInsteadOfSkippingIt() {
        assertTrue(assertThrows(IllegalStateException.class, () -> BodyConstraints.rulesOf(Dated.class))
                .getMessage().contains("@Past"));
        assertTrue(assertThrows(IllegalStateException.class, () -> BodyConstraints.rulesOf(SizedNumber.class))
                .getMessage().contains("text only"));
        assertTrue(assertThrows(IllegalStateException.class, () -> BodyConstraints.rulesOf(FlaggedPattern.class))
                .getMessage().contains("flags"));
    }

    @Test
    void shouldTakeOnlyPlainAddressesAsEmail() {
        for (String address : new String[] {"carol@example.org", "c.o+tag@mail.example.co.uk", "jörg@bücher.example",
                "x@localhost", "o'neil@example.org", "a@b-c.example", "a@123.example.org", "a@example.x1"}) {
            assertTrue(EmailAddresses.isValid(address), address);
        }
        for (String address : new String[] {"not-an-email", "@example.org", "carol@", "carol@example.org.", "carol@.org",
                "car..ol@example.org", ".carol@example.org", "carol @example.org", "carol@exa mple.org", "carol@-x.org",
                "carol@x-.org", "\"carol\"@example.org", "carol@[127.0.0.1]", "a@1.2.3.4", "a@10.0.0.1", "carol@example.123",
                "ca<rol@example.org", "carol@ex_ample.org",
                "a".repeat(65) + "@example.org", "carol@" + "a".repeat(64) + ".org",
                "carol@" + ("a".repeat(60) + ".").repeat(5) + "org"}) {
            assertTrue(!EmailAddresses.isValid(address), address);
        }
    }
}
