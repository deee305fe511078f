package io.rxlator.runtime.graph;

import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The translator types a graph can use, by type name and alias. {@link #load()} finds every
 * descriptor on the class path through {@link ServiceLoader}; {@link #withJarsIn} adds the
 * translators in the jars of a directory (the JVM's {@code dlopen} of
 * {@code xlator/<category>/<name>.so}). Two descriptors claiming one name is an error that
 * names both. Immutable: the {@code with} methods return a new registry.
 */
public final class TranslatorRegistry {

    private record Entry(TranslatorDescriptor descriptor, String origin) {
    }

    private final Map<String, Entry> byName;

    private TranslatorRegistry(Map<String, Entry> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** A registry with nothing in it. */
    public static TranslatorRegistry empty() {
        return new TranslatorRegistry(new LinkedHashMap<>());
    }

    /** Every translator the class path publishes. */
    public static TranslatorRegistry load() throws VolfileException {
        return load(TranslatorRegistry.class.getClassLoader());
    }

    /**
     * Every translator {@code loader} publishes.
     *
     * @throws VolfileException if a published class cannot be loaded or two claim one name
     */
    public static TranslatorRegistry load(ClassLoader loader) throws VolfileException {
        List<Problem> problems = new ArrayList<>();
        Map<String, Entry> byName = new LinkedHashMap<>();
        addFrom(loader, byName, problems, "class path");
        if (!problems.isEmpty()) {
            throw new VolfileException(problems);
        }
        return new TranslatorRegistry(byName);
    }

    /** Exactly the given descriptors (tests, embedded use). */
    public static TranslatorRegistry of(TranslatorDescriptor... descriptors) {
        return empty().with(descriptors);
    }

    /**
     * This registry plus {@code descriptors}.
     *
     * @throws IllegalArgumentException if a name is already taken
     */
    public TranslatorRegistry with(TranslatorDescriptor... descriptors) {
        Map<String, Entry> m = new LinkedHashMap<>(byName);
        List<Problem> problems = new ArrayList<>();
        for (TranslatorDescriptor d : descriptors) {
            register(m, new Entry(d, "code (" + d.getClass().getName() + ")"), problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).message());
        }
        return new TranslatorRegistry(m);
    }

    /**
     * This registry plus the translators published by the jars in {@code dir}.
     *
     * @throws VolfileException naming the directory or jar and what was wrong
     */
    public TranslatorRegistry withJarsIn(Path dir) throws VolfileException {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(Problem.error(dir.toString(), 0, null, "translator directory does not exist or is not a directory"));
            throw new VolfileException(problems);
        }
        List<URL> jars = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : ds) {
                try {
                    jars.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    problems.add(Problem.error(jar.toString(), 0, null, "cannot use jar: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            problems.add(Problem.error(dir.toString(), 0, null, "cannot list translator directory: " + e.getMessage()));
        }
        jars.sort(Comparator.comparing(URL::toString));
        Map<String, Entry> m = new LinkedHashMap<>(byName);
        for (URL jar : jars) {
            // One loader per jar, so a problem names the jar and jars cannot shadow each other.
            URLClassLoader loader = new URLClassLoader(new URL[] {jar}, TranslatorRegistry.class.getClassLoader());
            addFrom(loader, m, problems, jar.getPath(), true);
        }
        if (!problems.isEmpty()) {
            throw new VolfileException(problems);
        }
        return new TranslatorRegistry(m);
    }

    private static void addFrom(ClassLoader loader, Map<String, Entry> m, List<Problem> problems, String origin) {
        addFrom(loader, m, problems, origin, false);
    }

    /**
     * Registers what {@code loader} publishes. Each broken provider is reported and skipped;
     * the iterator goes on to the next one.
     *
     * @param ownOnly skip providers the loader's parents publish (a jar's loader sees the class path too)
     */
    private static void addFrom(ClassLoader loader, Map<String, Entry> m, List<Problem> problems, String origin,
            boolean ownOnly) {
        Iterator<TranslatorDescriptor> it = ServiceLoader.load(TranslatorDescriptor.class, loader).iterator();
        for (int failures = 0; failures < 1000; ) {
            TranslatorDescriptor d;
            try {
                if (!it.hasNext()) {
                    return;
                }
                d = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(Problem.error(origin, 0, null, "cannot load a published translator: " + rootMessage(e)));
                failures++;
                continue;
            }
            if (ownOnly && d.getClass().getClassLoader() != loader) {
                continue;
            }
            register(m, new Entry(d, origin + " (" + d.getClass().getName() + ")"), problems);
        }
    }

    private static void register(Map<String, Entry> m, Entry e, List<Problem> problems) {
        List<String> names = new ArrayList<>();
        names.add(e.descriptor().type());
        names.addAll(e.descriptor().aliases());
        for (String n : names) {
            Entry existing = m.get(n);
            if (existing != null && existing.descriptor() != e.descriptor()) {
                problems.add(Problem.error(e.origin(), 0, null, "translator type '" + n + "' from " + e.origin()
                        + " is already registered by " + existing.origin()));
                return;
            }
        }
        for (String n : names) {
            m.put(n, e);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + c + ")";
    }

    /** The descriptor for a type name or alias, or null. */
    public @Nullable TranslatorDescriptor find(String type) {
        Entry e = byName.get(type);
        return e == null ? null : e.descriptor();
    }

    /** Where the descriptor for {@code type} came from (class path, a jar), or null. */
    public @Nullable String origin(String type) {
        Entry e = byName.get(type);
        return e == null ? null : e.origin();
    }

    /** Every registered descriptor once, sorted by type name. */
    public List<TranslatorDescriptor> descriptors() {
        return byName.values().stream().map(Entry::descriptor).distinct()
                .sorted(Comparator.comparing(TranslatorDescriptor::type)).toList();
    }

    /** Every name a type can be given by, aliases included, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }
}
