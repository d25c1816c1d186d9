package dev.deployverify.selftest.env;

import dev.deployverify.env.Colour;
import dev.deployverify.env.Environment;
import dev.deployverify.env.EnvironmentException;
import dev.deployverify.env.EnvironmentLoader;
import dev.deployverify.env.EnvironmentRequest;
import dev.deployverify.env.SystemTarget;
import dev.deployverify.env.Variables;
import dev.deployverify.run.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Real deployments", item 2: no input to the environment loader escapes as anything but one line. Thousands
 * of generated inputs (the shipped environment files, mutated line by line and value by value), each with a random
 * subset of its variables set, a random {@code -Dchecks} selection and colour, and random {@code -Dexpect.version}
 * texts: each either loads, with every selected system complete, or stops with one {@link EnvironmentException} line.
 * Seeded, so a failure names the case that reproduces it.
 */
class EnvironmentLoaderGeneratedInputTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", "."));
    private static final long SEED = Long.getLong("generated.seed", 20261204L);
    private static final int CASES = Integer.getInteger("generated.cases", 4000);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)");

    /** Values a mutation puts where a value was: YAML structure, broken placeholders, odd URLs, odd text. */
    private static final List<String> VALUES = List.of("", "~", "null", "[]", "[1, 2]", "{}", "{a: b}", "0", "-1", "1e309",
            "true", "'", "\"", "\"unterminated", "${", "}", "${}", "${X", "${A_B}", "${A_B:-}", "${A_B:-http://127.0.0.1:1}",
            "${A_B}${C_D}", "$${A_B}", "http://", "https://", "ftp://x.example", "http://[::1", "http://%zz", "http:// space",
            "ws://x.example", "//x.example", "x.example", "http://127.0.0.1:99999", "&anchor v", "*alias", "!!binary AAAA",
            "!!int x", "? complex", "- item", "\t", "é\u0000", "x".repeat(5000), "literal-secret-value", "|\n  block", ">-");
    private static final List<String> KEYS = List.of("baseUrl", "wsUrl", "greenUrl", "credentials", "paths", "thresholds",
            "settings", "timeouts", "systems", "reference", "mutatingChecks", "description", "email", "readinessPath",
            "connectSeconds", "latencySamples", "ywmessaging", "dawg", "muejam", "sp404", "wcagaii", "unknown", "<<");
    private static final List<String> SELECTIONS = Arrays.asList(null, "", "ywmessaging", "smoke & dawg", "!performance",
            "muejam | sp404", "smoke & !ywmessaging", "(", "smoke &", "any()", "none()", "wcagaii & load", "!(dawg | muejam)");
    private static final List<String> EXPECTED_VERSIONS = Arrays.asList(null, "", "1.4.2", "ywmessaging=1.4.2,dawg=2.0.0",
            "ywmessaging=", "=1.0", "ywmesaging=1.0", "1.0,2.0", "a b", "dawg=1=2", ",", "dawg=1,dawg=2", "v1.2.3-rc.1+build");

    @TempDir
    Path dir;

    @Test
    void everyGeneratedEnvironmentLoadsOrStopsInOneLine() throws IOException {
        List<String> bases = new ArrayList<>();
        for (String name : List.of("local", "staging", "production")) {
            bases.add(Files.readString(PROJECT.resolve("environments/" + name + ".yaml")));
        }
        Random random = new Random(SEED);
        int loaded = 0;
        int refused = 0;
        for (int n = 0; n < CASES; n++) {
            String text = mutate(bases.get(random.nextInt(bases.size())), random);
            Map<String, String> variables = someVariables(text, random);
            String checks = SELECTIONS.get(random.nextInt(SELECTIONS.size()));
            Colour colour = random.nextInt(4) == 0 ? Colour.GREEN : Colour.LIVE;
            Path file = dir.resolve("generated-" + n + ".yaml");
            Files.writeString(file, text);
            String reproduce = "case " + n + " of seed " + SEED + " (-Dchecks=" + checks + ", colour " + colour
                    + ", variables " + variables.keySet() + "):\n" + text;
            try {
                Map<String, String> lookup = new HashMap<>();
                lookup.put("env.file", file.toString());
                lookup.put("checks", checks);
                EnvironmentRequest request = EnvironmentRequest.from(lookup::get);
                Environment environment = EnvironmentLoader.parse(request).resolve(Variables.of(variables), colour);
                for (SystemTarget target : environment.systems().values()) {
                    assertThat(request.selection().includes(target.name())).as("only selected systems, " + reproduce).isTrue();
                    assertThat(target.baseUrl()).as("base URL of %s, %s", target.name(), reproduce).isNotNull();
                    assertThat(target.wsUrl()).as("WebSocket URL of %s, %s", target.name(), reproduce).isNotNull();
                }
                loaded++;
            } catch (EnvironmentException e) {
                assertOneLine(e, reproduce);
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("escaped as " + e + " instead of one EnvironmentException line, " + reproduce, e);
            } finally {
                Files.delete(file);
            }
            String versions = EXPECTED_VERSIONS.get(random.nextInt(EXPECTED_VERSIONS.size()));
            try {
                Readiness.parseExpectedVersions(versions);
            } catch (EnvironmentException e) {
                assertOneLine(e, "-Dexpect.version=" + versions);
            } catch (RuntimeException e) {
                throw new AssertionError("-Dexpect.version=" + versions + " escaped as " + e, e);
            }
        }
        // The generator must reach both outcomes often, or it proves little.
        assertThat(loaded).as("generated environments that loaded").isGreaterThan(CASES / 20);
        assertThat(refused).as("generated environments refused in one line").isGreaterThan(CASES / 4);
    }

    private static void assertOneLine(EnvironmentException e, String reproduce) {
        assertThat(e.getMessage()).as("message of %s", reproduce).isNotBlank().doesNotContain("\n", "\r")
                .hasSizeLessThan(6000).doesNotContain("Exception");
        // A variable's value may be a secret (or a URL carrying one): a message names the placeholder instead.
        assertThat(e.getMessage()).as("message of %s", reproduce).doesNotContain("variable-secret-value");
    }

    private static String mutate(String base, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations && !lines.isEmpty(); m++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 3 -> lines.set(at, line.replaceFirst(":\\s.*$", Matcher.quoteReplacement(": " + VALUES.get(random.nextInt(VALUES.size())))));
                case 4 -> lines.set(at, line.replaceFirst("^(\\s*)[A-Za-z0-9_.]+:", "$1" + Matcher.quoteReplacement(KEYS.get(random.nextInt(KEYS.size()))) + ":"));
                case 5 -> lines.set(at, random.nextBoolean() ? "  " + line : line.replaceFirst("^  ", ""));
                case 6 -> lines.add(at, line.replaceFirst("^(\\s*).*$", "$1") + KEYS.get(random.nextInt(KEYS.size())) + ": "
                        + VALUES.get(random.nextInt(VALUES.size())));
                case 7 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                default -> lines.set(at, line.replace("${", random.nextBoolean() ? "$" : "${:-"));
            }
        }
        String text = String.join("\n", lines);
        return random.nextInt(30) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text;
    }

    /** A random subset of the variables the text names, with values from valid to nonsensical. */
    private static Map<String, String> someVariables(String text, Random random) {
        Map<String, String> values = new HashMap<>();
        Matcher m = VARIABLE.matcher(text);
        List<String> odd = List.of("http://127.0.0.1:1", "https://x.example", "", "not a url", "a\nb", "x}y", "${Y}",
                "variable-secret-value", "jdbc:postgresql://127.0.0.1:1/db", "ws://127.0.0.1:1");
        while (m.find()) {
            if (random.nextInt(5) > 0) {
                String name = m.group(1);
                values.put(name, name.toLowerCase().endsWith("url") && random.nextBoolean() ? "http://127.0.0.1:1"
                        : odd.get(random.nextInt(odd.size())));
            }
        }
        return values;
    }
}
