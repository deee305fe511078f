package io.rxlator.xlators.debug.common;

import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.internal.Suggest;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.OptionType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A comma-separated list of fop names as GlusterFS's debug translators take them: GlusterFS's
 * upper-case names ({@code LOOKUP}, {@code READ}, {@code WRITE}), matched ignoring case; the
 * method names ({@code readv}) are accepted too. An empty text is the empty set; what that means
 * (all fops, or none) is up to the option.
 */
public final class FopListType implements OptionType<Set<FopType>> {

    public static final FopListType INSTANCE = new FopListType();

    private static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>();
        for (FopType t : FopType.values()) {
            n.add(t.glusterName());
        }
        NAMES = Collections.unmodifiableList(n);
    }

    private FopListType() {
    }

    /** An option of this type. */
    public static Option<Set<FopType>> option(String key) {
        return Option.of(key, INSTANCE);
    }

    @Override
    public String name() {
        return "fop-list";
    }

    @Override
    public Set<FopType> parse(String text) {
        EnumSet<FopType> out = EnumSet.noneOf(FopType.class);
        for (String word : text.split(",")) {
            String w = word.trim();
            if (w.isEmpty()) {
                continue;
            }
            FopType t = FopType.ofName(w);
            if (t == null) {
                throw new IllegalArgumentException("unknown fop '" + w + "'" + Suggest.didYouMean(w.toUpperCase(java.util.Locale.ROOT), NAMES));
            }
            out.add(t);
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public String format(Set<FopType> value) {
        return value.stream().map(FopType::glusterName).collect(Collectors.joining(","));
    }

    @Override
    public String expected() {
        return "a comma-separated list of fop names (" + String.join(", ", NAMES) + ")";
    }
}
