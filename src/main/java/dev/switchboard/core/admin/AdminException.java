package dev.switchboard.core.admin;

/** An administrative request that cannot be carried out as asked; nothing was changed. */
public final class AdminException extends RuntimeException {

    private final int status;
    private final String field;

    private AdminException(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    /** 404: the named session, listener, ban or room does not exist. */
    public static AdminException notFound(String message) {
        return new AdminException(404, message, null);
    }

    /** 400: the input is malformed or out of range. */
    public static AdminException badRequest(String message) {
        return new AdminException(400, message, null);
    }

    /** 400: the request field {@code field} is missing, malformed or out of range. */
    public static AdminException badField(String field, String message) {
        return new AdminException(400, message, field);
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null when the error is not about one field. */
    public String field() {
        return field;
    }
}
