package dev.deployverify.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the verifier finds the Allure command line that generates the report (the verdict gate's {@code allure.home}:
 * the unpacked {@code io.qameta.allure:allure-commandline} zip, with {@code lib/} and {@code plugins/}). In order:
 * {@code --allure-home}, {@code $ALLURE_HOME}, {@code allure/allure-*}/ next to the jar (where {@code mvn package}
 * leaves it: {@code target/allure/}), the {@code allure} on the PATH. Found nowhere, the report is skipped with one
 * line; the verdict and the sign-off sheets never depend on it.
 *
 * @param home    the command line's folder, when one was found
 * @param problem when none was: one line saying where the verifier looked (printed before the verdict)
 */
record AllureCommandLine(Path home, String problem) {

    static AllureCommandLine locate(String given, Map<String, String> environment, Path codeLocation) {
        if (given != null && !given.isBlank()) {
            return checked(Path.of(given.trim()), "--allure-home " + given.trim());
        }
        String fromEnvironment = environment.get("ALLURE_HOME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return checked(Path.of(fromEnvironment.trim()), "ALLURE_HOME=" + fromEnvironment.trim());
        }
        List<String> looked = new ArrayList<>(List.of("--allure-home", "ALLURE_HOME"));
        if (codeLocation != null) {
            // The jar's folder; for the classes folder (target/classes), target/, where Maven unpacks it too.
            Path beside = codeLocation.toAbsolutePath().getParent().resolve("allure");
            Optional<Path> unpacked = unpackedIn(beside);
            if (unpacked.isPresent()) {
                return new AllureCommandLine(unpacked.get(), null);
            }
            looked.add(beside + File.separator + "allure-*");
        }
        Optional<Path> onPath = onPath(environment.getOrDefault("PATH", ""));
        if (onPath.isPresent()) {
            return new AllureCommandLine(onPath.get(), null);
        }
        looked.add("`allure` on the PATH");
        return new AllureCommandLine(null, "no Allure command line (looked at " + String.join(", ", looked)
                + "): the report is skipped; verdict.json and the sign-off sheets are written");
    }

    Optional<Path> found() {
        return Optional.ofNullable(home);
    }

    /** An Allure command line's folder: {@code lib/allure-commandline-*.jar}. */
    static boolean isHome(Path dir) {
        Path lib = dir.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "allure-commandline-*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static AllureCommandLine checked(Path dir, String source) {
        if (isHome(dir)) {
            return new AllureCommandLine(dir, null);
        }
        return new AllureCommandLine(null, source + " is not an Allure command line (no lib/allure-commandline-*.jar"
                + " there): the report is skipped; verdict.json and the sign-off sheets are written");
    }

    /** {@code allure/allure-2.34.0/}: the newest when there are several. */
    private static Optional<Path> unpackedIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(dir, "allure-*")) {
            List<Path> found = new ArrayList<>();
            homes.forEach(home -> {
                if (isHome(home)) {
                    found.add(home);
                }
            });
            return found.stream().max(Comparator.comparing(AllureCommandLine::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code bin/allure} on the PATH (often a symlink): the command line folder it belongs to. */
    private static Optional<Path> onPath(String path) {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path script = Path.of(entry, "allure");
            if (Files.isRegularFile(script)) {
                try {
                    Path home = script.toRealPath().getParent().getParent();
                    // The zip's bin/allure; a package manager's wrapper keeps the zip in libexec/ (Homebrew) or dist/ (npm).
                    for (Path candidate : home == null ? List.<Path>of() : List.of(home, home.resolve("libexec"), home.resolve("dist"))) {
                        if (isHome(candidate)) {
                            return Optional.of(candidate);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // not this one
                }
            }
        }
        return Optional.empty();
    }

    /** "allure-2.34.0" to a comparable key, numbers by value (2.10 after 2.9). */
    private static String version(Path home) {
        StringBuilder key = new StringBuilder();
        for (String part : home.getFileName().toString().replaceFirst("^allure-", "").split("\\.")) {
            key.append(part.matches("\\d+") ? String.format("%08d", Long.parseLong(part)) : part).append('.');
        }
        return key.toString();
    }
}
