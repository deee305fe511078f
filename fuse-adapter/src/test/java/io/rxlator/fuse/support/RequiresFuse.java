package io.rxlator.fuse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests that mount for real. They are skipped, loudly, only when the machine has no
 * /dev/fuse or the tests do not run as root; anywhere else they run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresFuse.Condition.class)
public @interface RequiresFuse {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String why = null;
            if (!Files.exists(Path.of("/dev/fuse"))) {
                why = "/dev/fuse is missing";
            } else if (!"root".equals(System.getProperty("user.name"))) {
                why = "the tests do not run as root";
            }
            if (why == null) {
                return ConditionEvaluationResult.enabled("/dev/fuse is here");
            }
            String msg = "SKIPPING FUSE MOUNT TESTS of " + context.getDisplayName() + ": " + why;
            System.err.println("\n************************************************************\n" + msg
                    + "\n************************************************************\n");
            return ConditionEvaluationResult.disabled(msg);
        }
    }
}
