package dev.deployverify.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's command line, parsed: each option is one of {@code mvn verify}'s {@code -D} properties under a
 * name of its own ({@code --env-file} for {@code -Denv.file}, ...). {@code --name value} and {@code --name=value}.
 *
 * @param values the given options, by {@code -D} property name (only those given)
 */
public record VerifierOptions(Map<String, String> values, boolean help) {

    /** An option: its {@code --name}, the {@code -D} property it sets, and what the help says. */
    record Option(String name, String property, String argument, String help) {
        boolean isFlag() {
            return argument == null;
        }
    }

    static final List<Option> OPTIONS = List.of(
            new Option("--env", "env", "NAME", "environment to verify: environments/NAME.yaml under the working directory"
                    + " (default: local, the embedded reference deployment)"),
            new Option("--env-file", "env.file", "PATH", "an environment file kept elsewhere (relative to the working"
                    + " directory); --env then only labels it"),
            new Option("--checks", "checks", "EXPR", "JUnit tag expression selecting checks, e.g. smoke, \"smoke & <system>\","
                    + " \"!performance\" (default: every check)"),
            new Option("--colour", "colour", "COLOUR", "live (each system's baseUrl, the default) or green (its greenUrl)"),
            new Option("--expect-version", "expect.version", "SPEC", "wait until the targets serve this version: 1.4.2,"
                    + " or <system>=1.4.2,<system>=2.0.0"),
            new Option("--reference-faults", "reference.faults", "LIST", "faults to switch on in the reference deployment"
                    + " (env local only): <system>.<fault>,..."),
            new Option("--reports-dir", "reports.dir", "DIR", "where the evidence goes (default: reports/ENV under the working"
                    + " directory)"),
            new Option("--run-id", "run.id", "ID", "this run's id, e.g. the CI run's (default: a new one)"),
            new Option("--allure-single-file", "allure.singleFile", null, "also write the report as one self-contained"
                    + " index.html"),
            new Option("--allure-home", "allure.home", "DIR", "the Allure command line (the unpacked"
                    + " allure-commandline zip); default: $ALLURE_HOME, else allure/allure-*/ next to the jar, else"
                    + " `allure` on the PATH; none found: the report is skipped"),
            new Option("--help", null, null, "this help"));

    private static final int HELP_WIDTH = 110;

    /** Exit code of a command line that cannot be read: the run could not start, as with a bad environment. */
    static final int USAGE_EXIT = 2;

    /** A command line that cannot be read: one line says why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static VerifierOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Option option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException(arg.startsWith("-") ? "unknown option " + name + suggestion(name)
                            : "unexpected argument '" + arg + "' (options take the form --name value)"));
            if (option.name().equals("--help")) {
                help = true;
                continue;
            }
            String value;
            if (option.isFlag()) {
                value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true";
                if (!value.equals("true") && !value.equals("false")) {
                    throw new UsageException(name + " takes no value, or =true / =false");
                }
            } else if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length && !isOption(args[i + 1])) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value: " + name + " " + option.argument());
            }
            if (values.put(option.property(), value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return new VerifierOptions(Map.copyOf(values), help);
    }

    private static boolean isOption(String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        return OPTIONS.stream().anyMatch(o -> o.name().equals(name));
    }

    String get(String property) {
        return values.get(property);
    }

    static String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("Usage: java -jar deploy-verify-<version>-verifier.jar [options]");
        lines.add("");
        lines.add("Verifies a deployment as `mvn verify` does: checks the environment, runs the selected checks, writes");
        lines.add("verdict.json, the sign-off sheets and the Allure report, and prints the verdict last.");
        lines.add("");
        lines.add("Options:");
        for (Option option : OPTIONS) {
            String left = "  " + option.name() + (option.isFlag() ? "" : " " + option.argument());
            StringBuilder line = new StringBuilder(String.format("%-26s", left));
            boolean words = false;
            for (String word : option.help().split(" ")) {
                if (words && line.length() + 1 + word.length() > HELP_WIDTH) {
                    lines.add(line.toString());
                    line = new StringBuilder(" ".repeat(26));
                }
                line.append(' ').append(word);
                words = true;
            }
            lines.add(line.toString());
        }
        lines.add("");
        lines.add("Exit code: 0 pass, 1 fail, 2 inconclusive (including an environment or command line that cannot be read).");
        lines.add("Secrets come from environment variables named by the environment file's ${VARIABLE} placeholders.");
        return String.join(System.lineSeparator(), lines);
    }

    private static String suggestion(String name) {
        // A Maven habit (-Dchecks=smoke, -Denv.file=...) or a near miss (--check).
        String bare = name.replaceFirst("^-+", "").replaceFirst("^D(?=[a-z])", "");
        return OPTIONS.stream()
                .filter(o -> bare.equals(o.property()) || bare.equals(o.name().substring(2)))
                .findFirst()
                .or(() -> OPTIONS.stream().filter(o -> !bare.isEmpty()
                        && (o.name().substring(2).startsWith(bare) || bare.startsWith(o.name().substring(2)))).findFirst())
                .map(o -> " (did you mean " + o.name() + "?)").orElse(" (see --help)");
    }
}
