package dev.pgwarden.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Throwaway key pairs and self-signed certificates from the JDK's own keytool, for servers and clients with TLS. */
public final class ServerCertificate {

    private static final String STOREPASS = "throwaway";

    private ServerCertificate() {
    }

    /** A key pair and a self-signed certificate in a PKCS#12 store (password {@value #STOREPASS}). */
    public static void keytool(Path store, String dname, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "key", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", dname,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STOREPASS));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    /** A certificate for localhost and 127.0.0.1 with its key, as PEM files a server reads. */
    public static void forLocalhost(Path certificate, Path key) throws Exception {
        Path store = Files.createTempFile("pgwarden-server", ".p12");
        Files.delete(store);
        try {
            keytool(store, "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
            writePem(store, certificate, key);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    public static PrivateKey privateKey(Path store) throws Exception {
        return (PrivateKey) load(store).getKey("key", STOREPASS.toCharArray());
    }

    public static void writePem(Path store, Path certificate, Path key) throws Exception {
        Certificate cert = load(store).getCertificate("key");
        Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", privateKey(store).getEncoded()));
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STOREPASS.toCharArray());
        }
        return keyStore;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
