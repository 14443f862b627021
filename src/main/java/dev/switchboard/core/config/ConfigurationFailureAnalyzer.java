package dev.switchboard.core.config;

import dev.switchboard.core.listener.ListenerBindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns the gateway's configuration failures into Spring Boot's startup report: one line that names
 * the key, or the listener with its address and port, and what to do, with no stack trace at ERROR.
 */
public final class ConfigurationFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownConfigurationKeysException unknown) {
                return new FailureAnalysis(unknown.describe(),
                        "Correct or remove the key; config/application.yml lists every setting.", unknown);
            }
            if (cause instanceof ListenerAddressClashException clash) {
                return new FailureAnalysis(clash.getMessage(),
                        "Give each listener its own port (or disable one of them).", clash);
            }
            if (cause instanceof ConflictingSettingsException conflict) {
                return new FailureAnalysis(conflict.getMessage(), conflict.action(), conflict);
            }
            if (cause instanceof ListenerBindException bind) {
                return new FailureAnalysis(bind.getMessage(),
                        "Stop whatever holds " + bind.address() + ", or configure listener " + bind.listener()
                                + " for another port.", bind);
            }
        }
        return null;
    }
}
