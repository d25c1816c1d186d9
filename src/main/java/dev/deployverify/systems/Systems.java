package dev.deployverify.systems;

import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The systems on the class path: every concrete {@link VerifiedSystem} under {@code dev.deployverify.systems}, found
 * by scanning the package (in a directory or in the verifier jar), so that a system registers itself by existing. A
 * {@link java.util.ServiceLoader} would need one shared registration file, which is a list of system names by
 * another name.
 */
public final class Systems {

    /** The package every system lives under; its checks are the classes named {@code *Checks} in its {@code checks} package. */
    public static final String PACKAGE = "dev.deployverify.systems";
    /** The check classes as a class-name pattern (JUnit's {@code ClassNameFilter}, failsafe's includes say the same). */
    public static final String CHECK_CLASSES = "dev\\.deployverify\\.systems\\.\\w+\\.checks\\.\\w+Checks";

    private static final List<VerifiedSystem<?>> ALL = discover();

    private Systems() {
    }

    /** Every system, by name. */
    public static List<VerifiedSystem<?>> all() {
        return ALL;
    }

    /** Every system's name, in order. */
    public static List<String> names() {
        return ALL.stream().map(VerifiedSystem::name).toList();
    }

    public static Optional<VerifiedSystem<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every system's check classes (those with no check in them, such as the lists of check classes, included). */
    public static List<Class<?>> checkClasses() {
        return ReflectionSupport.findAllClassesInPackage(PACKAGE, type -> type.getName().matches(CHECK_CLASSES), name -> true);
    }

    /** Every fault of every system. */
    public static List<Fault> faults() {
        return ALL.stream().<Fault>flatMap(s -> s.faults().stream()).toList();
    }

    /** A fault's id: {@code <system>.<short name>}, as {@code -Dreference.faults} takes it. */
    public static String id(Fault fault) {
        return systemOf(fault).name() + "." + fault.shortName();
    }

    /** The system a fault belongs to. */
    public static VerifiedSystem<?> systemOf(Fault fault) {
        return ALL.stream().filter(s -> s.faultType() == fault.getClass().getDeclaringClass()
                        || s.faultType() == fault.getClass()).findFirst()
                .orElseThrow(() -> new IllegalStateException(fault.getClass() + " belongs to no system"));
    }

    /** The fault with this id, if one exists. */
    public static Optional<Fault> fault(String id) {
        return faults().stream().filter(f -> id(f).equals(id)).findFirst();
    }

    private static List<VerifiedSystem<?>> discover() {
        String base = PACKAGE;
        List<VerifiedSystem<?>> found = ReflectionSupport.findAllClassesInPackage(base,
                        type -> VerifiedSystem.class.isAssignableFrom(type) && !type.isInterface()
                                && !Modifier.isAbstract(type.getModifiers()),
                        name -> true).stream()
                .<VerifiedSystem<?>>map(type -> (VerifiedSystem<?>) ReflectionSupport.newInstance(type))
                .sorted(Comparator.comparing(VerifiedSystem::name))
                .toList();
        for (VerifiedSystem<?> system : found) {
            if (!system.getClass().getPackageName().equals(base + "." + system.name())) {
                throw new IllegalStateException(system.getClass().getName() + " must live in its own package "
                        + base + "." + system.name());
            }
        }
        return found;
    }
}
