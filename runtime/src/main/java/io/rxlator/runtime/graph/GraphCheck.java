package io.rxlator.runtime.graph;

import io.rxlator.runtime.internal.Suggest;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.OptionException;
import io.rxlator.runtime.option.OptionTypes;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a volfile against a registry and reports every problem: duplicate volumes and
 * options, undefined, self, late or repeated subvolumes, cycles, unknown types, wrong numbers
 * of children, unknown option keys, bad values, and (as warnings) volumes the top cannot
 * reach.
 */
final class GraphCheck {

    /** A volume that passed every check, with what building it needs. */
    record Checked(VolumeSpec spec, TranslatorDescriptor descriptor, Options options) {
    }

    private final Volfile volfile;
    private final Set<String> broken;
    private final TranslatorRegistry registry;
    private final List<Problem> problems;
    private final @Nullable String file;

    private GraphCheck(Volfile volfile, Set<String> broken, TranslatorRegistry registry, List<Problem> problems) {
        this.volfile = volfile;
        this.broken = broken;
        this.registry = registry;
        this.problems = problems;
        this.file = volfile.source();
    }

    /**
     * Checks {@code volfile}; problems are added to {@code problems}. Returns the checked
     * volumes in definition order when there is no error, an empty list otherwise.
     *
     * @param broken names of volumes that failed to parse (references to them are not reported again)
     */
    static List<Checked> check(Volfile volfile, Set<String> broken, TranslatorRegistry registry, List<Problem> problems) {
        return new GraphCheck(volfile, broken, registry, problems).run();
    }

    private List<Checked> run() {
        List<VolumeSpec> volumes = volfile.volumes();
        int errorsBefore = errorCount();
        if (volumes.isEmpty()) {
            if (broken.isEmpty() && problems.stream().noneMatch(Problem::isError)) {
                problems.add(Problem.error(file, 0, null, "no volumes defined"));
            }
            return List.of();
        }
        Map<String, Integer> index = new HashMap<>();
        Map<String, VolumeSpec> first = new LinkedHashMap<>();
        for (int i = 0; i < volumes.size(); i++) {
            VolumeSpec v = volumes.get(i);
            checkName(v);
            VolumeSpec earlier = first.putIfAbsent(v.name(), v);
            if (earlier != null) {
                problems.add(Problem.error(file, v.line(), v.name(), "volume defined again"
                        + (earlier.line() > 0 ? " (first on line " + earlier.line() + ")" : "")));
            } else {
                index.put(v.name(), i);
            }
        }
        for (int i = 0; i < volumes.size(); i++) {
            checkOptionsUnique(volumes.get(i));
            checkSubvolumes(volumes.get(i), i, index);
        }
        checkCycles(first);
        List<Checked> checked = new ArrayList<>();
        for (VolumeSpec v : volumes) {
            Checked c = checkType(v, first.keySet());
            if (c != null) {
                checked.add(c);
            }
        }
        checkReachable(volumes, first);
        return errorCount() > errorsBefore ? List.of() : checked;
    }

    private int errorCount() {
        return (int) problems.stream().filter(Problem::isError).count();
    }

    private void checkName(VolumeSpec v) {
        String n = v.name();
        if (n.isEmpty() || n.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.add(Problem.error(file, v.line(), n, "a volume name must be non-empty and without spaces or control characters"));
        }
        for (OptionSetting o : v.options()) {
            if (o.key().isEmpty() || o.key().chars().anyMatch(Character::isWhitespace)) {
                problems.add(new Problem(Problem.Severity.ERROR, file, o.line(), n, o.key(), o.value(),
                        "an option key must be non-empty and without spaces"));
            }
            if (o.value().indexOf('`') >= 0 || o.key().indexOf('`') >= 0) {
                problems.add(new Problem(Problem.Severity.ERROR, file, o.line(), n, o.key(), o.value(),
                        "backquoted text: GlusterFS would run it as a shell command; rxlator refuses it"));
            }
            if (o.value().indexOf('\n') >= 0 || o.value().indexOf('\r') >= 0) {
                problems.add(new Problem(Problem.Severity.ERROR, file, o.line(), n, o.key(), null,
                        "the value holds a line break, which a volfile cannot hold"));
            }
        }
    }

    private void checkOptionsUnique(VolumeSpec v) {
        Map<String, OptionSetting> seen = new HashMap<>();
        for (OptionSetting o : v.options()) {
            OptionSetting earlier = seen.putIfAbsent(o.key(), o);
            if (earlier != null) {
                problems.add(new Problem(Problem.Severity.ERROR, file, o.line(), v.name(), o.key(), o.value(),
                        "option set twice (first to '" + earlier.value() + "'" + (earlier.line() > 0 ? " on line "
                                + earlier.line() : "") + "); GlusterFS silently keeps the last value, rxlator asks you to pick one"));
            }
        }
    }

    private void checkSubvolumes(VolumeSpec v, int position, Map<String, Integer> index) {
        Set<String> listed = new HashSet<>();
        for (SubvolumeRef ref : v.subvolumes()) {
            String n = ref.name();
            if (!listed.add(n)) {
                problems.add(Problem.error(file, ref.line(), v.name(), "subvolume '" + n + "' is listed twice"));
                continue;
            }
            if (n.equals(v.name())) {
                problems.add(Problem.error(file, ref.line(), v.name(), "volume has itself as a subvolume"));
                continue;
            }
            Integer at = index.get(n);
            if (at == null) {
                if (!broken.contains(n)) {
                    problems.add(Problem.error(file, ref.line(), v.name(), "subvolume '" + n + "' is not defined"
                            + Suggest.didYouMean(n, index.keySet())));
                }
            } else if (at > position) {
                VolumeSpec child = volfile.volumes().get(at);
                problems.add(Problem.error(file, ref.line(), v.name(), "subvolume '" + n + "' is defined after this volume"
                        + (child.line() > 0 ? " (on line " + child.line() + ")" : "")
                        + "; children must be defined before their parents"));
            }
        }
    }

    /** Finds cycles with an explicit stack (a volfile may hold thousands of volumes). */
    private void checkCycles(Map<String, VolumeSpec> byName) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        Set<String> reported = new HashSet<>();
        for (String start : byName.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> next = new ArrayDeque<>();
            path.push(start);
            next.push(0);
            state.put(start, 1);
            while (!path.isEmpty()) {
                String name = path.peek();
                List<SubvolumeRef> refs = byName.get(name).subvolumes();
                int i = next.pop();
                if (i >= refs.size()) {
                    state.put(name, 2);
                    path.pop();
                    continue;
                }
                next.push(i + 1);
                SubvolumeRef ref = refs.get(i);
                String c = ref.name();
                if (!byName.containsKey(c) || c.equals(name)) {
                    continue;
                }
                Integer s = state.get(c);
                if (s == null) {
                    state.put(c, 1);
                    path.push(c);
                    next.push(0);
                } else if (s == 1) {
                    List<String> onPath = new ArrayList<>(path);
                    java.util.Collections.reverse(onPath);
                    List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(c), onPath.size()));
                    cycle.add(c);
                    if (reported.add(String.join(",", new java.util.TreeSet<>(cycle)))) {
                        problems.add(Problem.error(file, ref.line(), name, "subvolumes form a cycle: "
                                + String.join(" -> ", cycle)));
                    }
                }
            }
        }
    }

    private @Nullable Checked checkType(VolumeSpec v, Set<String> names) {
        TranslatorDescriptor d = v.inline() != null ? v.inline() : registry.find(v.type());
        if (d == null) {
            Set<String> known = registry.names();
            problems.add(Problem.error(file, v.typeLine(), v.name(), "type '" + v.type() + "' is not a known translator type"
                    + Suggest.didYouMean(v.type(), known)
                    + (known.isEmpty() ? " (no translators are registered)" : " (known: " + String.join(", ", known) + ")")));
            return null;
        }
        int errorsBefore = errorCount();
        int n = v.subvolumes().size();
        if (!d.arity().accepts(n)) {
            problems.add(Problem.error(file, v.line(), v.name(), d.type() + " takes " + d.arity().describe() + ", but "
                    + (n == 0 ? "the volume has none" : "the volume lists " + n + " (" + String.join(", ", v.subvolumeNames()) + ")")));
        }
        List<Option<?>> declared = new ArrayList<>(d.options());
        if (declared.stream().noneMatch(o -> o.key().equals(CommonOptions.LOG_LEVEL.key()))) {
            declared.add(CommonOptions.LOG_LEVEL);
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (OptionSetting o : v.options()) {
            set.putIfAbsent(o.key(), o.value());
        }
        Options.Parsed parsed = Options.parse(declared, set);
        for (OptionException e : parsed.problems()) {
            problems.add(new Problem(Problem.Severity.ERROR, file, lineOf(v, e.key()), v.name(), e.key(), e.value(),
                    e.getMessage()));
        }
        for (Option<?> o : declared) {
            if (o.type() != OptionTypes.XLATOR) {
                continue;
            }
            for (OptionSetting s : v.options()) {
                if (o.matches(s.key()) && !names.contains(s.value())) {
                    problems.add(new Problem(Problem.Severity.ERROR, file, s.line(), v.name(), s.key(), s.value(),
                            "'" + s.value() + "' is not a volume in this graph" + Suggest.didYouMean(s.value(), names)));
                }
            }
        }
        return errorCount() > errorsBefore ? null : new Checked(v, d, parsed.options());
    }

    private static int lineOf(VolumeSpec v, String key) {
        for (OptionSetting o : v.options()) {
            if (o.key().equals(key)) {
                return o.line();
            }
        }
        return v.line();
    }

    private void checkReachable(List<VolumeSpec> volumes, Map<String, VolumeSpec> byName) {
        VolumeSpec top = volumes.get(volumes.size() - 1);
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(top.name());
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (!seen.add(n) || !byName.containsKey(n)) {
                continue;
            }
            for (SubvolumeRef r : byName.get(n).subvolumes()) {
                todo.add(r.name());
            }
        }
        for (VolumeSpec v : byName.values()) {
            if (!seen.contains(v.name())) {
                problems.add(Problem.warning(file, v.line(), v.name(), "not reachable from the top volume '" + top.name()
                        + "'; it is initialised but receives no fops"));
            }
        }
    }
}
