package dev.deployverify.reference;

import dev.deployverify.env.EnvironmentException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A reference deployment that is already running, handed to a run as a file of its variables
 * ({@code -Dreference.running=FILE}): the run then starts none of its own and resolves {@code ${reference.*}} from
 * it. This is how the suite's own tests keep the stand-ins they started (and read what they published or counted)
 * without a static back-channel, and how a Node conformance target stands in for the embedded one. The file holds
 * per-run test credentials: it is readable by its owner only.
 */
public final class RunningReference {

    private RunningReference() {
    }

    /** Writes the variables to {@code file} (owner read/write only) and returns it. */
    public static Path write(Map<String, String> variables, Path file) {
        Properties properties = new Properties();
        properties.putAll(variables);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "variables of a running reference deployment (test credentials)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new EnvironmentException("reference.running: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> variables = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> variables.put(name, properties.getProperty(name)));
        return variables;
    }
}
