package io.rxlator.runtime.option;

/** Options the runtime itself understands. */
public final class CommonOptions {

    private CommonOptions() {
    }

    /** Accepted by every translator, as in GlusterFS. */
    public static final Option<String> LOG_LEVEL = Option.oneOf("log-level",
                    "DEBUG", "WARNING", "ERROR", "INFO", "CRITICAL", "NONE", "TRACE")
            .description("Log level of this translator.")
            .reconfigurable()
            .level(Option.Level.ADVANCED);

    /**
     * Declared by translators that can be switched off live (nl-cache, md-cache, io-cache,
     * write-behind, …): when on, the runtime routes every fop past the translator, as
     * GlusterFS's {@code pass-through} does. Events still reach it.
     */
    public static final Option<Boolean> PASS_THROUGH = Option.bool("pass-through")
            .defaultValue("false")
            .description("Bypass this translator: every fop goes straight to its child.")
            .reconfigurable()
            .level(Option.Level.ADVANCED);
}
