package dev.switchboard.rooms.admin;

import dev.switchboard.core.admin.AdminException;
import dev.switchboard.core.admin.AuditLog;
import dev.switchboard.rooms.service.MemberView;
import dev.switchboard.rooms.service.RoomView;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsIntake;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/rooms}: rooms with member counts; {@code /actuator/rooms/{room}?history=N} its members
 * and recent history; {@code POST /actuator/rooms/{room}} with {@code {"notice":"…"}} posts a system
 * notice; {@code DELETE /actuator/rooms/{room}/{memberId}} kicks a member (the others get DEL_USER). Each member is
 * listed with the node its connection is on. On a cluster a notice or kick given to any node is submitted to the
 * cluster and applied by every node, the member's own node closing its connection; the answer is then the state as
 * this node saw it when the request was submitted.
 */
@Endpoint(id = "rooms")
public class RoomsEndpoint {

    /** History lines shown when the caller does not ask for a number. */
    private static final int DEFAULT_HISTORY = 20;

    private final Rooms rooms;
    private final RoomsIntake intake;
    private final AuditLog audit;

    public RoomsEndpoint(Rooms rooms, RoomsIntake intake, AuditLog audit) {
        this.rooms = rooms;
        this.intake = intake;
        this.audit = audit;
    }

    /** One room as an operator sees it. */
    public record RoomDetails(String name, List<MemberView> members, List<String> history) {
    }

    @ReadOperation
    public List<RoomView> rooms() {
        return rooms.rooms();
    }

    @ReadOperation
    public WebEndpointResponse<Object> room(@Selector String room, @Nullable Integer history) {
        int limit = history == null ? DEFAULT_HISTORY : history;
        if (limit < 0) {
            return new WebEndpointResponse<>(new AuditLog.AdminError(400, "history must not be negative"), 400);
        }
        return rooms.members(room)
                .<WebEndpointResponse<Object>>map(members -> new WebEndpointResponse<>(
                        new RoomDetails(room, members, rooms.history(room, limit).orElse(List.of())), 200))
                .orElseGet(() -> new WebEndpointResponse<>(new AuditLog.AdminError(404, "no room named " + room), 404));
    }

    @WriteOperation
    public WebEndpointResponse<Object> notice(@Selector String room, String notice) {
        return audit.run("rooms.notice", room, () -> switch (intake.notice(room, notice)) {
            case POSTED -> rooms.rooms().stream().filter(r -> r.name().equals(room)).findFirst().orElseThrow();
            case NO_SUCH_ROOM -> throw AdminException.notFound("no room named " + room);
            case INVALID_TEXT -> throw AdminException.badRequest("a notice must be non-blank and within the text limit");
        });
    }

    @DeleteOperation
    public WebEndpointResponse<Object> kick(@Selector String room, @Selector int memberId) {
        return audit.run("rooms.kick", room + "/" + memberId, () -> {
            if (!intake.kick(room, memberId)) {
                throw AdminException.notFound("no member " + memberId + " in room " + room);
            }
            return rooms.members(room).orElse(List.of());
        });
    }
}
