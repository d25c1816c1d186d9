package dev.deployverify.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which environment a run asked for: {@code -Denv=NAME} (a file under {@code environments/}) or
 * {@code -Denv.file=PATH} (a file kept elsewhere, labelled by {@code -Denv}), and which of its systems the run
 * verifies ({@code -Dchecks}, see {@link SystemSelection}).
 */
public record EnvironmentRequest(String name, Path file, SystemSelection selection) {

    public EnvironmentRequest(String name, Path file) {
        this(name, file, SystemSelection.all());
    }

    public static final String DEFAULT_NAME = "local";

    /** Reads {@code env}, {@code env.file}, {@code checks} and {@code basedir} through the given lookup (system properties, JUnit configuration). */
    public static EnvironmentRequest from(java.util.function.Function<String, String> lookup) {
        SystemSelection selection = SystemSelection.fromTagExpression(lookup.apply("checks"));
        String name = blankToNull(lookup.apply("env"));
        String file = blankToNull(lookup.apply("env.file"));
        Path baseDir = Path.of(firstNonNull(blankToNull(lookup.apply("basedir")), System.getProperty("user.dir")));
        if (file != null) {
            Path path = baseDir.resolve(file).normalize();
            String label = name != null ? name : path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return new EnvironmentRequest(label, path, selection);
        }
        String chosen = name != null ? name : DEFAULT_NAME;
        return new EnvironmentRequest(chosen, environmentsDir(baseDir).resolve(chosen + ".yaml"), selection);
    }

    public static EnvironmentRequest fromSystemProperties() {
        return from(System::getProperty);
    }

    static Path environmentsDir(Path baseDir) {
        return baseDir.resolve("environments");
    }

    /** Names of the environment files next to this one, for the "unknown environment" message. */
    List<String> knownNames() {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
