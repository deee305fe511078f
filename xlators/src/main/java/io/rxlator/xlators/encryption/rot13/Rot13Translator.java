package io.rxlator.xlators.encryption.rot13;

import io.rxlator.runtime.fop.ReadvReply;
import io.rxlator.runtime.fop.Readv;
import io.rxlator.runtime.fop.Writev;
import io.rxlator.runtime.fop.WritevReply;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import reactor.core.publisher.Mono;

/**
 * {@code encryption/rot-13}: the Translator 101 example. Letters in the data of every write
 * are rotated by 13 before they go down, and letters in every read reply are rotated back;
 * nothing else is touched. Not encryption, a demonstration of where encryption would go.
 */
public final class Rot13Translator extends ForwardingTranslator {

    public static final String TYPE = "encryption/rot-13";

    public static final Option<Boolean> ENCRYPT_WRITE = Option.bool("encrypt-write").defaultValue("true")
            .description("Rotate the data of writes before they reach the child.").reconfigurable();
    public static final Option<Boolean> DECRYPT_READ = Option.bool("decrypt-read").defaultValue("true")
            .description("Rotate the data of read replies back.").reconfigurable();

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.ONE)
            .options(ENCRYPT_WRITE, DECRYPT_READ)
            .description("Rotates letters by 13 in written data and back in read data (the Translator 101 demo).")
            .factory(Rot13Translator::new)
            .build();

    private volatile boolean encryptWrite;
    private volatile boolean decryptRead;

    Rot13Translator(TranslatorContext ctx) {
        super(ctx);
        reconfigure(ctx.options());
    }

    @Override
    public void reconfigure(Options options) {
        encryptWrite = options.get(ENCRYPT_WRITE);
        decryptRead = options.get(DECRYPT_READ);
    }

    @Override
    protected Mono<ReadvReply> readv(Readv request) {
        if (!decryptRead) {
            return child().readv(request);
        }
        return child().readv(request).map(r -> new ReadvReply(r.vector().transform(Rot13Translator::rot13), r.stbuf(),
                r.xdata()));
    }

    @Override
    protected Mono<WritevReply> writev(Writev request) {
        if (!encryptWrite) {
            return child().writev(request);
        }
        return child().writev(new Writev(request.caller(), request.fd(), request.vector().transform(Rot13Translator::rot13),
                request.offset(), request.flags(), request.xdata()));
    }

    /** ROT13 of one byte: ASCII letters move 13 places, everything else stays. */
    static byte rot13(byte b) {
        if (b >= 'a' && b <= 'z') {
            return (byte) ('a' + (b - 'a' + 13) % 26);
        }
        if (b >= 'A' && b <= 'Z') {
            return (byte) ('A' + (b - 'A' + 13) % 26);
        }
        return b;
    }
}
