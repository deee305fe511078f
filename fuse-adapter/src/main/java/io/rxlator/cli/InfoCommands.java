package io.rxlator.cli;

import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.Problem;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.internal.Suggest;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** {@code rxlator volfile check} and {@code rxlator xlators}. */
final class InfoCommands {

    private InfoCommands() {
    }

    static TranslatorRegistry registry() throws Main.Failure {
        try {
            return TranslatorRegistry.load();
        } catch (VolfileException e) {
            throw new Main.Failure("the translators on the class path are inconsistent:\n" + e.getMessage());
        }
    }

    /** Reads a volfile, refusing what is not UTF-8 text. */
    static String readVolfile(Path file) throws Main.Failure {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new Main.Failure("volfile " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new Main.Failure("volfile " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new Main.Failure("cannot read volfile " + file + ": " + e.getMessage());
        }
    }

    static int volfile(List<String> args, PrintStream out) throws Main.UsageException, Main.Failure {
        if (args.size() != 2 || !args.get(0).equals("check")) {
            throw new Main.UsageException("expected: rxlator volfile check FILE");
        }
        Path file = Path.of(args.get(1));
        String text = readVolfile(file);
        List<Problem> problems = Graph.check(text, file.toString(), registry());
        problems.forEach(p -> out.println(p));
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        if (errors > 0) {
            throw new Main.Failure(file + ": " + errors + " error" + (errors == 1 ? "" : "s")
                    + (warnings > 0 ? ", " + warnings + " warning" + (warnings == 1 ? "" : "s") : ""));
        }
        try {
            io.rxlator.runtime.graph.Volfile v = io.rxlator.runtime.graph.Volfile.parse(text, file.toString());
            out.println(file + ": ok (" + v.volumes().size() + " volume" + (v.volumes().size() == 1 ? "" : "s")
                    + ", top '" + v.top().name() + "'" + (warnings > 0 ? ", " + warnings + " warning"
                    + (warnings == 1 ? "" : "s") : "") + ")");
        } catch (VolfileException e) {
            throw new Main.Failure(e.getMessage());
        }
        return 0;
    }

    static int xlators(List<String> args, PrintStream out) throws Main.UsageException, Main.Failure {
        TranslatorRegistry r = registry();
        List<TranslatorDescriptor> all = r.descriptors().stream()
                .sorted(Comparator.comparing(TranslatorDescriptor::type)).toList();
        if (args.isEmpty()) {
            for (TranslatorDescriptor d : all) {
                out.printf("%-20s %-16s %s%n", d.type(), children(d), d.description());
            }
            return 0;
        }
        if (args.size() > 1) {
            throw new Main.UsageException("expected: rxlator xlators [TYPE]");
        }
        TranslatorDescriptor d = r.find(args.get(0));
        if (d == null) {
            String close = Suggest.closest(args.get(0), all.stream().map(TranslatorDescriptor::type).toList());
            throw new Main.Failure("unknown translator type '" + args.get(0) + "'"
                    + (close != null ? " (did you mean '" + close + "'?)" : "") + "; `rxlator xlators` lists them");
        }
        out.println(d.type() + (d.aliases().isEmpty() ? "" : " (also " + String.join(", ", d.aliases()) + ")"));
        out.println("  " + children(d) + ", " + d.maturity().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        if (!d.description().isEmpty()) {
            out.println("  " + d.description());
        }
        String origin = r.origin(d.type());
        if (origin != null) {
            out.println("  from " + origin);
        }
        out.println("options:");
        if (d.options().isEmpty()) {
            out.println("  (none besides log-level)");
        }
        for (Option<?> o : d.options()) {
            out.println("  " + o.help());
        }
        return 0;
    }

    private static String children(TranslatorDescriptor d) {
        String a = d.arity().describe();
        return a;
    }
}
