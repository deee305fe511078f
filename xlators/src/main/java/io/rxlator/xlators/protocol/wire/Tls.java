package io.rxlator.xlators.protocol.wire;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;

/**
 * TLS as GlusterFS's socket transport does it: both ends present a certificate signed by a CA in
 * the other's CA list (mutual authentication), with GlusterFS's option names and default files.
 */
public final class Tls {

    public static final Option<Boolean> ENABLED = Option.bool("transport.socket.ssl-enabled").defaultValue("off")
            .alias("ssl", "client.ssl", "server.ssl")
            .description("Encrypt the connection with TLS; both ends authenticate with certificates.");
    public static final Option<String> OWN_CERT = Option.path("transport.socket.ssl-own-cert").defaultValue("/etc/ssl/glusterfs.pem")
            .alias("ssl.own-cert").description("This end's certificate (PEM).");
    public static final Option<String> PRIVATE_KEY = Option.path("transport.socket.ssl-private-key")
            .defaultValue("/etc/ssl/glusterfs.key").alias("ssl.private-key")
            .description("This end's private key (PEM, PKCS#1 RSA or PKCS#8).");
    public static final Option<String> CA_LIST = Option.path("transport.socket.ssl-ca-list").defaultValue("/etc/ssl/glusterfs.ca")
            .alias("ssl.ca-list").description("The certificates (PEM) of the authorities whose certificates the other end may present.");

    /** The options, for descriptors. */
    public static final List<Option<?>> OPTIONS = List.of(ENABLED, OWN_CERT, PRIVATE_KEY, CA_LIST);

    private Tls() {
    }

    /** The TLS context the options ask for, or null when TLS is off. */
    public static @Nullable SslContext context(Options o, boolean server) {
        if (!Boolean.TRUE.equals(o.get(ENABLED))) {
            return null;
        }
        Path cert = Path.of(o.get(OWN_CERT));
        Path key = Path.of(o.get(PRIVATE_KEY));
        Path ca = Path.of(o.get(CA_LIST));
        try {
            X509Certificate[] chain = certificates(cert);
            PrivateKey pk = privateKey(key);
            X509Certificate[] cas = certificates(ca);
            SslContextBuilder b = server ? SslContextBuilder.forServer(pk, chain).clientAuth(ClientAuth.REQUIRE)
                    : SslContextBuilder.forClient().keyManager(pk, chain);
            return b.trustManager(cas).build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS is on but cannot be set up from own-cert '" + cert + "', private-key '" + key
                    + "', ca-list '" + ca + "': " + e.getMessage(), e);
        }
    }

    static X509Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
        if (all.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate");
        }
        return all.toArray(new X509Certificate[0]);
    }

    /** A PEM private key: PKCS#8, or PKCS#1 RSA as openssl genrsa writes it. */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der(pem, "RSA PRIVATE KEY"))));
        }
        if (pem.contains("BEGIN PRIVATE KEY")) {
            byte[] der = der(pem, "PRIVATE KEY");
            for (String alg : List.of("RSA", "EC", "Ed25519")) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException(file + ": a PKCS#8 key of an algorithm other than RSA, EC or Ed25519");
        }
        throw new IllegalArgumentException(file + ": no 'BEGIN PRIVATE KEY' or 'BEGIN RSA PRIVATE KEY' block (encrypted keys are not supported)");
    }

    private static byte[] der(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no complete " + label + " block");
        }
        String body = pem.substring(start + label.length() + 16, end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
                0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** The common name of a certificate's subject, or its whole subject when it has none. */
    public static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return dn;
        }
        return dn;
    }
}
