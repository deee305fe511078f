package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.DelegatingDescriptor;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslatorRegistryTest {

    /** Published through a services file the test writes; not on the class path's own services. */
    public static final class Published extends DelegatingDescriptor {
        public Published() {
            super(TranslatorDescriptor.builder("test/published").alias("test/also-published").arity(Arity.ONE)
                    .description("published for the registry test").factory(ctx -> new ForwardingTranslator(ctx) { })
                    .build());
        }
    }

    /** A published class that cannot be made. */
    public static final class Broken extends DelegatingDescriptor {
        public Broken() {
            super(explode());
        }

        private static TranslatorDescriptor explode() {
            throw new IllegalStateException("no native library");
        }
    }

    @TempDir
    Path tmp;

    private ClassLoader withServices(String... classes) throws IOException {
        Path services = tmp.resolve("cp/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(TranslatorDescriptor.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {tmp.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void serviceLoaderFindsPublishedDescriptorsByTypeAndAlias() throws Exception {
        TranslatorRegistry r = TranslatorRegistry.load(withServices(Published.class.getName()));
        assertThat(r.find("test/published")).isNotNull();
        assertThat(r.find("test/also-published")).isSameAs(r.find("test/published"));
        assertThat(r.names()).contains("test/published", "test/also-published");
        assertThat(r.descriptors()).extracting(TranslatorDescriptor::type).contains("test/published");
        assertThat(r.origin("test/published")).contains("class path").contains(Published.class.getName());
    }

    @Test
    void aPublishedClassThatCannotBeMadeIsReportedByName() throws Exception {
        assertThatThrownBy(() -> TranslatorRegistry.load(withServices(Broken.class.getName(), "no.such.Descriptor")))
                .isInstanceOfSatisfying(VolfileException.class, e -> {
                    assertThat(e.getMessage()).contains(Broken.class.getName()).contains("no native library");
                    assertThat(e.getMessage()).contains("no.such.Descriptor");
                });
    }

    @Test
    void aNameClaimedTwiceNamesBothClaimants() {
        TranslatorDescriptor a = TranslatorDescriptor.builder("x/dup").factory(ctx -> new ForwardingTranslator(ctx) { }).build();
        TranslatorDescriptor b = TranslatorDescriptor.builder("x/other").alias("x/dup")
                .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
        assertThatThrownBy(() -> TranslatorRegistry.of(a, b)).hasMessageContaining("'x/dup'")
                .hasMessageContaining("already registered");
    }

    /** Compiles a descriptor class and packs it with its services file into a jar in {@code dir}. */
    private Path jar(Path dir, String jarName, String className, String type) throws Exception {
        Path src = tmp.resolve("src-" + jarName);
        Path out = tmp.resolve("out-" + jarName);
        Files.createDirectories(src.resolve("ext"));
        Files.createDirectories(out);
        Path file = src.resolve("ext/" + className + ".java");
        Files.writeString(file, """
                package ext;
                public final class %s extends io.rxlator.runtime.xlator.DelegatingDescriptor {
                    public %s() {
                        super(io.rxlator.runtime.xlator.TranslatorDescriptor.builder("%s")
                                .factory(ctx -> new io.rxlator.runtime.xlator.ForwardingTranslator(ctx) { }).build());
                    }
                }
                """.formatted(className, className, type));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                file.toString());
        assertThat(rc).as("javac").isZero();
        Files.createDirectories(dir);
        Path jar = dir.resolve(jarName);
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("ext/" + className + ".class"));
            j.write(Files.readAllBytes(out.resolve("ext/" + className + ".class")));
            for (Path p : Files.list(out.resolve("ext")).toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(className + "$")) {
                    j.putNextEntry(new JarEntry("ext/" + n));
                    j.write(Files.readAllBytes(p));
                }
            }
            j.putNextEntry(new JarEntry("META-INF/services/" + TranslatorDescriptor.class.getName()));
            j.write(("ext." + className + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void translatorJarsInADirectoryAreLoaded() throws Exception {
        Path dir = tmp.resolve("xlators");
        Path jar = jar(dir, "fancy.jar", "FancyDescriptor", "features/fancy");
        TranslatorRegistry r = TranslatorRegistry.empty().withJarsIn(dir);
        assertThat(r.find("features/fancy")).isNotNull();
        assertThat(r.origin("features/fancy")).contains(jar.toString()).contains("ext.FancyDescriptor");
        assertThat(r.descriptors()).hasSize(1);
        // And a graph can use it.
        try (Graph g = Graph.build(Volfile.builder()
                .volume("leaf", TranslatorDescriptor.builder("test/leaf").arity(Arity.NONE)
                        .factory(ctx -> new ForwardingTranslator(ctx) { }).build(), v -> { })
                .volume("f", "features/fancy", v -> v.subvolumes("leaf")).build(), r)) {
            assertThat(g.volume("f").type()).isEqualTo("features/fancy");
        }
    }

    @Test
    void twoJarsClaimingOneTypeAreReportedWithBothJars() throws Exception {
        Path dir = tmp.resolve("xlators");
        jar(dir, "a.jar", "ADescriptor", "features/same");
        jar(dir, "b.jar", "BDescriptor", "features/same");
        assertThatThrownBy(() -> TranslatorRegistry.empty().withJarsIn(dir)).isInstanceOfSatisfying(VolfileException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.message())
                        .contains("'features/same'").contains("b.jar").contains("a.jar").contains("already registered")));
    }

    @Test
    void aMissingDirectoryOrABadJarIsReported() throws Exception {
        assertThatThrownBy(() -> TranslatorRegistry.empty().withJarsIn(tmp.resolve("nope")))
                .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.getMessage())
                        .contains(tmp.resolve("nope").toString()).contains("not a directory"));
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        try (OutputStream o = Files.newOutputStream(dir.resolve("garbage.jar"))) {
            o.write("not a zip".getBytes(StandardCharsets.UTF_8));
        }
        // A corrupt jar publishes nothing; it does not crash the loader.
        assertThat(TranslatorRegistry.empty().withJarsIn(dir).descriptors()).isEmpty();
    }

    @Test
    void descriptorsAreListedOnceSortedAndBuildersCheckThemselves() {
        TranslatorDescriptor b = TranslatorDescriptor.builder("b/b").factory(ctx -> new ForwardingTranslator(ctx) { }).build();
        TranslatorDescriptor a = TranslatorDescriptor.builder("a/a").alias("a/alias")
                .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
        assertThat(TranslatorRegistry.of(b, a).descriptors()).containsExactly(a, b);
        assertThatThrownBy(() -> TranslatorDescriptor.builder("nocategory")).hasMessageContaining("category/name");
        assertThatThrownBy(() -> TranslatorDescriptor.builder("a/b").build()).hasMessageContaining("no factory");
        assertThatThrownBy(() -> TranslatorDescriptor.builder("a/b").options(
                io.rxlator.runtime.option.Option.bool("x"), io.rxlator.runtime.option.Option.bool("y").alias("x"))
                .factory(ctx -> null).build()).hasMessageContaining("declares option 'x' twice");
        assertThat(List.of(Arity.NONE.describe(), Arity.ONE.describe(), Arity.atLeast(2).describe(), Arity.ANY.describe(),
                new Arity(1, 3).describe()))
                .containsExactly("no children", "exactly 1 child", "at least 2 children", "any number of children",
                        "1 to 3 children");
    }
}
