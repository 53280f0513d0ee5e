package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * Issue 18, defect 12: {@code serve keygen} kept no existing key pair (a second call silently replaced a server's
 * key, locking out its clients) and wrote the secret key readable by everyone (0644).
 */
class ServeKeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void aKeyPairIsNeverReplacedUnaskedAndItsSecretIsTheOwnersAlone() throws Exception {
        Path keys = dir.resolve("keys");
        Outcome first = run("serve", "keygen", "--name", "server", "--dir", keys.toString());
        assertEquals(0, first.code(), first.err());
        Path secret = keys.resolve("server.key_secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        String secretBefore = Files.readString(secret);
        String publicBefore = Files.readString(keys.resolve("server.key"));

        Outcome again = run("serve", "keygen", "--name", "server", "--dir", keys.toString());
        assertEquals(1, again.code(), again.out());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().contains("already in " + keys) && again.err().contains("--force"), again.err());
        assertEquals(secretBefore, Files.readString(secret), "the secret key was replaced");
        assertEquals(publicBefore, Files.readString(keys.resolve("server.key")), "the public key was replaced");

        Outcome forced = run("serve", "keygen", "--name", "server", "--dir", keys.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertNotEquals(secretBefore, Files.readString(secret));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    }
}
