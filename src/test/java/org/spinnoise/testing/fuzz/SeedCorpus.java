package org.spinnoise.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fuzz target's committed corpus: the files Jazzer replays in regression mode, under
 * {@code src/test/resources/<package>/<TestClass>Inputs/<method>/}. The seeded runs mutate the same files, so a seed or
 * a finding added for Jazzer is exercised by both.
 */
public final class SeedCorpus {
    private SeedCorpus() {
    }

    /** Every file of the corpus of {@code testClass}'s fuzz test {@code method}, sorted by name. */
    public static List<byte[]> of(Class<?> testClass, String method) {
        String resource = testClass.getSimpleName() + "Inputs/" + method;
        URL url = testClass.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("no corpus " + resource + " beside " + testClass.getName());
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                seeds.add(Files.readAllBytes(file));
            }
            if (seeds.isEmpty()) {
                throw new IllegalStateException("corpus " + resource + " is empty");
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
