package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopType;

/** The EIO failures that stand in for a translator breaking its contract, each naming it. */
final class Failures {

    private Failures() {
    }

    static FopException threw(Node node, FopType fop, Throwable t) {
        return FopException.of(Errno.EIO, who(node) + " threw " + t + " in " + fop.glusterName(), t);
    }

    static FopException returnedNull(Node node, FopType fop) {
        return FopException.of(Errno.EIO, who(node) + " returned null for " + fop.glusterName());
    }

    static FopException failed(Node node, FopType fop, Throwable t) {
        return FopException.of(Errno.EIO, who(node) + " failed " + fop.glusterName() + " with " + t, t);
    }

    static FopException wrongReply(Node node, FopType fop, Object reply) {
        return FopException.of(Errno.EIO, who(node) + " answered " + fop.glusterName() + " with a "
                + reply.getClass().getSimpleName() + " instead of a " + fop.replyType().getSimpleName());
    }

    static FopException empty(Node node, FopType fop) {
        return FopException.of(Errno.EIO, who(node) + " completed " + fop.glusterName() + " without a reply");
    }

    static FopException notImplemented(Node node, FopType fop) {
        return FopException.of(Errno.ENOSYS, fop.glusterName() + " is not implemented by " + who(node));
    }

    static String who(Node node) {
        return "translator '" + node.name() + "' (" + node.type() + ")";
    }
}
