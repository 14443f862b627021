package dev.switchboard.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.console.service.ConsoleOperations.CommandResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleCommandTest {

    /** Records which operation ran with which arguments. */
    private static final class RecordingOperations implements ConsoleOperations {
        final List<String> calls = new ArrayList<>();

        private CommandResult called(String call) {
            calls.add(call);
            return new CommandResult(200, call);
        }

        @Override
        public CommandResult kill(String session, boolean ban) {
            return called("kill " + session + " " + ban);
        }

        @Override
        public CommandResult kick(String session) {
            return called("kick " + session);
        }

        @Override
        public CommandResult ban(String address, String timeout, Boolean permanent) {
            return called("ban " + address + " " + timeout + " " + permanent);
        }

        @Override
        public CommandResult unban(String address) {
            return called("unban " + address);
        }

        @Override
        public CommandResult addBlacklistPattern(String pattern) {
            return called("blacklist-add " + pattern);
        }

        @Override
        public CommandResult removeBlacklistPattern(String pattern) {
            return called("blacklist-remove " + pattern);
        }

        @Override
        public CommandResult listener(String name, String action) {
            return called("listener " + name + " " + action);
        }
    }

    private final RecordingOperations operations = new RecordingOperations();

    private static ConsoleCommand command(String name) {
        return new ConsoleCommand(1L, name, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void execute_whenEachCommand_thenTheMatchingOperationRunsWithItsArguments() {
        new ConsoleCommand(1L, "kill", "1a2b", true, null, null, null, null, null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(2L, "kill", "1a2b", null, null, null, null, null, null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(3L, "kick", "3c4d", null, null, null, null, null, null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(4L, "ban", null, null, "10.0.0.0/8", " ", true, null, null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(5L, "unban", null, null, "10.0.0.0/8", null, null, null, null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(6L, "blacklist-add", null, null, null, null, null, "*x*", null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(7L, "blacklist-remove", null, null, null, null, null, "*x*", null, null, null, null, null)
                .execute(operations);
        new ConsoleCommand(8L, "listener", null, null, null, null, null, null, "sea", "stop", null, null, null)
                .execute(operations);

        assertThat(operations.calls).containsExactly("kill 1a2b true", "kill 1a2b false", "kick 3c4d",
                "ban 10.0.0.0/8 null true", "unban 10.0.0.0/8", "blacklist-add *x*", "blacklist-remove *x*",
                "listener sea stop");
    }

    @Test
    void execute_whenArgumentMissingOrCommandUnknown_thenBadRequestAndNothingRuns() {
        for (String name : List.of("kill", "kick", "ban", "unban", "blacklist-add", "blacklist-remove", "listener")) {
            CommandResult result = command(name).execute(operations);
            assertThat(result.status()).as(name).isEqualTo(400);
            assertThat(((ConsoleOperations.Error) result.body()).error()).as(name).endsWith(" is required");
        }
        assertThat(command("explode").execute(operations).status()).isEqualTo(400);
        assertThat(command(null).execute(operations).status()).isEqualTo(400);
        assertThat(operations.calls).isEmpty();
    }

    @Test
    void query_whenNoPage_thenFirstPage() {
        assertThat(new ConsoleCommand(1L, "query", null, null, null, null, null, null, null, null, "sea", "bob", null)
                .query()).isEqualTo(new SessionQuery("sea", "bob", 0));
    }
}
