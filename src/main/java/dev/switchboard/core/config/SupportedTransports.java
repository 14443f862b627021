package dev.switchboard.core.config;

import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * On a {@link ListenerProperties} component: the transports its protocol can serve. Any other is
 * refused at startup as an error on the listener's {@code transport} key (for example
 * {@code switchboard.sea.listener.transport}), instead of binding a socket nobody can talk to.
 */
@Documented
@Constraint(validatedBy = SupportedTransports.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface SupportedTransports {

    /** The transports the protocol serves. */
    Transport[] value();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the listener's transport against the annotation and reports it on the {@code transport} node. */
    final class Validator implements ConstraintValidator<SupportedTransports, ListenerProperties> {

        private Transport[] supported;

        @Override
        public void initialize(SupportedTransports annotation) {
            supported = annotation.value();
        }

        @Override
        public boolean isValid(ListenerProperties listener, ConstraintValidatorContext context) {
            if (listener == null || listener.transport() == null
                    || Arrays.asList(supported).contains(listener.transport())) {
                return true;
            }
            String allowed = Arrays.stream(supported).map(t -> t.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" or "));
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("this protocol cannot use transport "
                            + listener.transport().name().toLowerCase(Locale.ROOT) + "; it serves " + allowed)
                    .addPropertyNode("transport").addConstraintViolation();
            return false;
        }
    }
}
