package dev.ktel.pipeline.mask;

import java.util.regex.Pattern;

/**
 * The built-in masking rules, in the order they run. Order matters: whole blocks and structured credentials
 * first (a private key, a URL's user:password, a bearer token, a JWT), then secret-looking key=value pairs and
 * flags, then emails and, when enabled, IP addresses.
 */
final class BuiltinRules {
    /** Key names whose value is secret. "key" counts only as a word part (api_key, ssh-key), not in "monkey". */
    private static final String SECRET_KEY = "[\\w.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|credential|auth"
            + "|cookie|session(?:id)?|(?<![a-zA-Z0-9])key(?![a-z])|apikey)[\\w.-]*";
    /** ... unless it names where the secret is, not the secret: --password-file, --key-path, --token-dir. */
    private static final String NOT_A_LOCATION = "(?<![-_.](?:file|path|dir))";
    /** A value that is not already masked and not an auth scheme word (the bearer rule masks what follows). */
    private static final String VALUE = "(?!\\*\\*\\*)(?!(?i:bearer|basic|token)\\b)[^\\s\"',;&]+";

    static final MaskRule PRIVATE_KEY = new MaskRule("private_key", Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL),
            "-----BEGIN $1PRIVATE KEY----- *** -----END $1PRIVATE KEY-----", s -> s.contains("PRIVATE KEY-----"));
    static final MaskRule URL_CREDENTIALS = new MaskRule("url_credentials", Pattern.compile(
            "\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+@"), "$1***@",
            s -> s.indexOf('@') >= 0 && s.contains("://"));
    static final MaskRule BEARER = new MaskRule("bearer_token", Pattern.compile(
            "(?i)\\b(bearer)(\\s+)(?!\\*\\*\\*)[A-Za-z0-9._~+/-]{8,}=*"), "$1$2***",
            s -> Triggers.containsIgnoreCase(s, "bearer"));
    static final MaskRule JWT = new MaskRule("jwt", Pattern.compile(
            "\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), "***",
            s -> s.contains("eyJ"));
    static final MaskRule AWS_ACCESS_KEY = new MaskRule("aws_access_key", Pattern.compile(
            "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"), "***",
            s -> s.length() >= 20 && Triggers.hasAwsPrefix(s));
    static final MaskRule KEY_VALUE = new MaskRule("secret_key_value", Pattern.compile(
            "(?i)(?<![\\w.-])(-{0,2}" + SECRET_KEY + NOT_A_LOCATION + "[\"']?[=:]\\s?)(?:([\"'])(?!\\*\\*\\*)[^\"'\n]*\\2|" + VALUE + ")"),
            "$1$2***$2", s -> Triggers.hasAny(s, '=', ':') && Triggers.hasSecretWord(s));
    static final MaskRule SECRET_FLAG = new MaskRule("secret_flag", Pattern.compile(
            "(?i)(?<![\\w.-])(--?" + SECRET_KEY + NOT_A_LOCATION + "\\s+)(?!-)" + VALUE), "$1***",
            s -> s.indexOf('-') >= 0 && s.indexOf(' ') >= 0 && Triggers.hasSecretWord(s));
    static final MaskRule EMAIL = new MaskRule("email", Pattern.compile(
            "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"), "***@***",
            s -> s.indexOf('@') >= 0);
    static final MaskRule IPV4 = new MaskRule("ipv4", Pattern.compile(
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\w.])"), "x.x.x.x", s -> s.indexOf('.') >= 0);
    static final MaskRule IPV6 = new MaskRule("ipv6", Pattern.compile(
            "(?i)(?<![\\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
                    + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)"
                    + "(?![\\w:])"), "x:x::x", s -> s.indexOf(':') >= 0);

    private BuiltinRules() {
    }
}
