package dev.steadfast.common;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoded text of a URL's query, decoded strictly: JAX-RS replaces bytes that are not UTF-8
 * ({@code %FF}, a lone surrogate's {@code %ED%A0%80}) with U+FFFD without a word, so a value the
 * client never wrote would be stored.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /** Whether {@code raw}'s percent-encoded bytes (and plain characters) form UTF-8 text. */
    public static boolean isUtf8(String raw) {
        try {
            strictDecode(raw);
            return true;
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code raw} decoded ({@code +} is a space, as in a form); only for text {@link #isUtf8} accepted. */
    public static String decode(String raw) {
        try {
            return strictDecode(raw);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8: " + raw, e);
        }
    }

    private static String strictDecode(String raw) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("a % without two hex digits");
                }
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16)); // NumberFormatException is an IllegalArgumentException
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    }
}
