package dev.steadfast.common;

import java.net.IDN;

/**
 * What the service takes as an e-mail address ({@code @Email} on a request body): a local part of
 * 1 to 64 characters, dot-separated runs of letters (any script), digits and
 * {@code !#$%&'*+/=?^_`{|}~-}; an {@code @}; and a domain name of dot-separated labels of letters
 * (any script), digits and inner hyphens, at most 63 characters each and 253 in all once written in
 * ASCII (IDNA). Quoted local parts and IP-address domains, which the RFCs allow and no one types
 * into a user record, are refused. The empty text is no address and passes: in a {@code PATCH} it
 * clears the field.
 */
public final class EmailAddresses {

    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_LABEL = 63;
    private static final int MAX_DOMAIN = 253;
    private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        if (address.isEmpty()) {
            return true;
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        return isLocalPart(address.substring(0, at)) && isDomain(address.substring(at + 1));
    }

    private static boolean isLocalPart(String local) {
        if (local.isEmpty() || local.codePointCount(0, local.length()) > MAX_LOCAL_PART) {
            return false;
        }
        for (String run : local.split("\\.", -1)) {
            if (run.isEmpty() || !run.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || LOCAL_SYMBOLS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDomain(String domain) {
        if (domain.isEmpty()) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")
                    || !label.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return false; // a label too long, or one IDNA cannot write
        }
        if (ascii.length() > MAX_DOMAIN) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.length() > MAX_LABEL) {
                return false;
            }
        }
        // No top-level domain is all digits: "1.2.3.4" is an IP address written without brackets.
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
