package dev.switchboard.core.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * A write body the Actuator cannot read (not JSON, not an object, or a field holding an array or an
 * object where a value belongs) gets the same JSON error as every other refused request, naming the
 * field when the parser knows it, instead of Spring's bare 400. Applies to Actuator operations only.
 */
@RestControllerAdvice(basePackages = "org.springframework.boot.webmvc.actuate.endpoint.web")
public class AdminBodyErrors {

    private final AuditLog audit;

    public AdminBodyErrors(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<AuditLog.AdminError> unreadable(HttpMessageNotReadableException e) {
        String field = null;
        if (e.getCause() instanceof JacksonException json) {
            field = json.getPath().stream().map(JacksonException.Reference::getPropertyName)
                    .filter(name -> name != null).findFirst().orElse(null);
        }
        String error = field != null
                ? "field " + field + " must hold a single value (a string, number or true/false)"
                : "the body must be one JSON object of fields";
        audit.record("request", "body", "rejected: " + error);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new AuditLog.AdminError(400, error, field));
    }
}
