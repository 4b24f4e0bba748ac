package dev.ktel.core.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from PEM files ({@code --tls-cert}, {@code --tls-key}) with the JDK alone. The key must be PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl req -newkey ... -nodes} and {@code openssl genpkey}
 * write); RSA, EC and Ed25519 keys are accepted.
 */
public final class PemTls {
    private static final char[] NO_PASSWORD = new char[0];

    private PemTls() {
    }

    /** A server context presenting the certificate chain in {@code certPem} with the key in {@code keyPem}. */
    public static SSLContext serverContext(Path certPem, Path keyPem) throws IOException {
        Certificate[] chain = certificates(certPem).toArray(Certificate[]::new);
        if (chain.length == 0) {
            throw new IOException(certPem + ": no certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        PrivateKey key = privateKey(keyPem);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("ktel", key, NO_PASSWORD, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(certPem + " / " + keyPem + ": cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts exactly the certificates in {@code caPem} (e.g. a self-signed server cert). */
    public static SSLContext trusting(Path caPem) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caPem)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(caPem + ": cannot build a trust context: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException {
        try (var in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int b = text.indexOf(begin);
        int e = text.indexOf("-----END PRIVATE KEY-----");
        if (b < 0 || e < b) {
            String hint = text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                    ? " (this is a PKCS#1/SEC1 key: convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8`)"
                    : text.contains("ENCRYPTED") ? " (encrypted keys are not supported)" : "";
            throw new IOException(pem + ": no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)" + hint);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException x) {
            throw new IOException(pem + ": bad base64 in the key: " + x.getMessage());
        }
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new IOException(pem + ": PKCS#8 key of an unsupported algorithm (RSA, EC, Ed25519)");
    }
}
