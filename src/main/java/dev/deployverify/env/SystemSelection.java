package dev.deployverify.env;

import dev.deployverify.systems.Systems;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.tagexpression.TagExpression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which systems a run verifies, from the {@code -Dchecks} tag expression that selects its checks: the systems of
 * which some check could match it. {@code -Dchecks="smoke & <system>"} selects that system alone, {@code
 * "!performance"} all five. Only the selected systems need their variables, so a team that owns one system runs
 * {@code -Dchecks=<system>} with that system's secrets and no other's.
 */
public final class SystemSelection {

    private static final Pattern TAG = Pattern.compile("[^\\s()&|!]+");

    private final String expression;
    private final Set<String> systems;

    private SystemSelection(String expression, Set<String> systems) {
        this.expression = expression;
        this.systems = Set.copyOf(systems);
    }

    /** Every system: no {@code -Dchecks}. */
    public static SystemSelection all() {
        return new SystemSelection(null, new LinkedHashSet<>(Systems.names()));
    }

    /**
     * @param expression a JUnit tag expression, or null/blank for every check
     * @throws EnvironmentException one line, when the expression does not parse
     */
    public static SystemSelection fromTagExpression(String expression) {
        if (expression == null || expression.isBlank()) {
            return all();
        }
        String trimmed = expression.trim();
        TagExpression parsed = TagExpression.parseFrom(trimmed).tagExpressionOrThrow(problem ->
                new EnvironmentException("-Dchecks=\"" + trimmed + "\" is not a tag expression: " + problem));
        // A check carries one system tag and any mix of the other tags: try each system with every subset of the
        // other tags the expression names (a handful, so at most a few hundred evaluations).
        List<String> others = new ArrayList<>();
        Matcher tag = TAG.matcher(trimmed);
        while (tag.find()) {
            String name = tag.group();
            if (!Systems.names().contains(name) && !name.equals("any()") && !name.equals("none()")
                    && !others.contains(name)) {
                others.add(name);
            }
        }
        if (others.size() > 12) {
            return new SystemSelection(trimmed, new LinkedHashSet<>(Systems.names()));
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String system : Systems.names()) {
            for (int subset = 0; subset < 1 << others.size() && !selected.contains(system); subset++) {
                Set<TestTag> tags = new LinkedHashSet<>();
                tags.add(TestTag.create(system));
                for (int i = 0; i < others.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        tags.add(TestTag.create(others.get(i)));
                    }
                }
                if (parsed.evaluate(tags)) {
                    selected.add(system);
                }
            }
        }
        return new SystemSelection(trimmed, selected);
    }

    /** The tag expression as given, or empty for every check. */
    public String expression() {
        return expression == null ? "" : expression;
    }

    /** A run that selected some checks only: its verdict speaks for those alone. */
    public boolean isPartial() {
        return expression != null;
    }

    public boolean includes(String system) {
        return systems.contains(system);
    }

    public Set<String> systems() {
        return systems;
    }

    /** Why a system's checks do not run in this selection, for the report. */
    public String reasonLeftOut(String system) {
        return system + " is not selected by -Dchecks=\"" + expression + "\"";
    }

    @Override
    public String toString() {
        return expression == null ? "every check" : "-Dchecks=\"" + expression + "\"";
    }
}
