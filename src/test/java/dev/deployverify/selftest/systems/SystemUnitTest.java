package dev.deployverify.selftest.systems;

import dev.deployverify.systems.Systems;
import dev.deployverify.systems.VerifiedSystem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A system is one unit: everything of it sits in its own package ({@code systems/<name>/}), the rest of the suite
 * finds it by scanning and names no system, and its checks reach its stand-in only over the network.
 */
class SystemUnitTest {

    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src/main/java");
    private static final Path SYSTEMS = MAIN.resolve("dev/deployverify/systems");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    @Test
    void everySystemPackageHoldsItsWholeUnit() {
        assertThat(Systems.all()).as("systems found").isNotEmpty();
        for (VerifiedSystem<?> system : Systems.all()) {
            Path folder = SYSTEMS.resolve(system.name());
            assertThat(folder.resolve("checklist.yaml")).as("%s's checklist catalogue", system.name()).isRegularFile();
            assertThat(folder.resolve("defaults.yaml")).as("%s's defaults", system.name()).isRegularFile();
            assertThat(folder.resolve("checks")).as("%s's checks", system.name()).isDirectory();
            assertThat(folder.resolve("reference")).as("%s's stand-in", system.name()).isDirectory();
            assertThat(system.faults()).as("%s's faults", system.name()).isNotEmpty();
            assertThat(system.faultType().getPackageName()).as("%s's fault enum", system.name())
                    .isEqualTo(system.getClass().getPackageName());
        }
    }

    /** Checks reach a stand-in only over the network, like a real deployment: they never import one. */
    @Test
    void checksNeverImportAStandIn() {
        List<String> offending = new ArrayList<>();
        for (VerifiedSystem<?> system : Systems.all()) {
            for (Path check : javaFiles(SYSTEMS.resolve(system.name()).resolve("checks"))) {
                String source = read(check);
                Matcher imports = Pattern.compile("(?m)^import (?:static )?(dev\\.deployverify\\.(?:systems\\.\\w+\\.reference|reference)\\b[\\w.*]*);")
                        .matcher(source);
                while (imports.find()) {
                    offending.add(MAIN.relativize(check) + " imports " + imports.group(1));
                }
                String body = COMMENT.matcher(source).replaceAll("");
                if (body.matches("(?s).*\\b(?:systems\\.\\w+\\.reference|deployverify\\.reference)\\.\\w.*")) {
                    offending.add(MAIN.relativize(check) + " names a stand-in class fully qualified");
                }
            }
        }
        assertThat(offending).as("checks that import a stand-in").isEmpty();
    }

    /** No list of systems outside the systems: a system's name is a literal only in its own package. */
    @Test
    void aSystemsNameIsALiteralOnlyInItsOwnPackage() {
        List<String> offending = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            String code = COMMENT.matcher(read(file)).replaceAll("");
            Matcher literal = STRING_LITERAL.matcher(code);
            while (literal.find()) {
                for (String name : Systems.names()) {
                    boolean own = file.startsWith(SYSTEMS.resolve(name));
                    if (!own && Pattern.compile("\\b" + name + "\\b").matcher(literal.group()).find()) {
                        offending.add(MAIN.relativize(file) + ": " + literal.group());
                    }
                }
            }
        }
        assertThat(offending).as("system names written outside their own package").isEmpty();
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
