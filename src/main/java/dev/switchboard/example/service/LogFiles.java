package dev.switchboard.example.service;

/** The process's log files, as far as log rotation is concerned. */
@FunctionalInterface
public interface LogFiles {

    /** Closes and reopens every log file (re-creating any that was moved or deleted); returns how many. */
    int reopen();
}
