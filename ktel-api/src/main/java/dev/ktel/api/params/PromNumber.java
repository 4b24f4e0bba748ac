package dev.ktel.api.params;

/** Decides what Go's strconv.ParseFloat would accept, which Java's parser is more lenient about. */
final class PromNumber {
    private PromNumber() {
    }

    /** Digits, sign, point and exponent only: no whitespace, no {@code d}/{@code f} suffix, no hex, no NaN/Inf. */
    static boolean looksNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }
}
