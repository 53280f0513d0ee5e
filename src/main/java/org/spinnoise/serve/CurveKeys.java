package org.spinnoise.serve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.zeromq.ZCert;
import org.zeromq.ZConfig;
import org.zeromq.ZMQ;

/**
 * CURVE key material in the ZeroMQ certificate format (the one czmq's zcert, JeroMQ's {@link ZCert} and pyzmq's
 * {@code zmq.auth} read and write): a secret certificate {@code NAME.key_secret} holds both keys, a public one
 * {@code NAME.key} only the public key. An allow-list is a directory of public certificates.
 */
public final class CurveKeys {
    private CurveKeys() {
    }

    /** A key pair, each key 32 bytes. */
    public record KeyPair(byte[] publicKey, byte[] secretKey) {
        public String publicKeyZ85() {
            return ZMQ.Curve.z85Encode(publicKey);
        }
    }

    /**
     * Writes {@code dir/NAME.key} (public) and {@code dir/NAME.key_secret} (secret) for a fresh key pair. An existing
     * pair is kept unless {@code overwrite}: replacing a server's key locks out every client that trusts it. The
     * secret file is created readable by its owner only (rw-------) before the key goes into it.
     */
    public static KeyPair generate(Path dir, String name, boolean overwrite) throws IOException {
        Path publicFile = dir.resolve(name + ".key");
        Path secretFile = dir.resolve(name + ".key_secret");
        if (!overwrite && (Files.exists(publicFile) || Files.exists(secretFile))) {
            throw new FileAlreadyExistsException(secretFile.toString(), null, "a key pair named '" + name
                    + "' is already in " + dir + "; keep it, choose another --name, or replace it with --force");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(secretFile);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
        }
        ZCert cert = new ZCert();
        // through a writer into the file made above: ZCert's own saveSecret(path) recreates it world-readable
        try (Writer writer = Files.newBufferedWriter(secretFile, StandardCharsets.UTF_8)) {
            cert.saveSecret(writer);
        }
        try (Writer writer = Files.newBufferedWriter(publicFile, StandardCharsets.UTF_8)) {
            cert.savePublic(writer);
        }
        return new KeyPair(cert.getPublicKey(), cert.getSecretKey());
    }

    /** Reads a secret certificate; the message names the file and what is wrong with it. */
    public static KeyPair readSecret(Path file) throws IOException {
        ZConfig config = load(file);
        String secret = config.getValue("curve/secret-key");
        String pub = config.getValue("curve/public-key");
        if (secret == null || pub == null) {
            throw new IOException("CURVE certificate " + file + " holds no secret-key and public-key; give the "
                    + "NAME.key_secret file written by 'spinnoise serve keygen'");
        }
        return new KeyPair(decode(pub, file), decode(secret, file));
    }

    /** Reads the public key of a public or secret certificate. */
    public static byte[] readPublic(Path file) throws IOException {
        String pub = load(file).getValue("curve/public-key");
        if (pub == null) {
            throw new IOException("CURVE certificate " + file + " holds no public-key");
        }
        return decode(pub, file);
    }

    /** The Z85 public keys of every {@code *.key} certificate in {@code dir}. */
    public static Set<String> readAllowList(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("CURVE allow-list " + dir + " is not a directory; put each allowed client's "
                    + "public certificate (NAME.key) in one");
        }
        Set<String> keys = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".key")).sorted().toList()) {
                keys.add(ZMQ.Curve.z85Encode(readPublic(f)));
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("CURVE allow-list " + dir + " holds no public certificate (*.key); no client "
                    + "could connect");
        }
        return keys;
    }

    private static ZConfig load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("CURVE certificate " + file + " does not exist; create one with "
                    + "'spinnoise serve keygen'");
        }
        try {
            return ZConfig.load(file.toString());
        } catch (RuntimeException e) {
            throw new IOException("CURVE certificate " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String z85, Path file) throws IOException {
        byte[] key = z85.length() == ZMQ.Curve.KEY_SIZE_Z85 ? ZMQ.Curve.z85Decode(z85) : null;
        if (key == null || key.length != ZMQ.Curve.KEY_SIZE) {
            throw new IOException("CURVE certificate " + file + " holds a key that is not 40 Z85 characters");
        }
        return key;
    }
}
